"""The benchmark harness's process handling and plan (bench/measure.py, bench/run.py).

Nothing here is timed: a tool that fails, cannot start or outlives its bound must be reported
(exit code, stderr tail, the memory it had reached) and never stop the run; the plan gives the
slow reference tools one run and a longer bound at the largest size.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from bench_modules import BENCH, load

_load = load


measure = _load("measure")


def test_a_failing_tool_gives_its_exit_code_and_stderr_tail() -> None:
    result = measure.run([sys.executable, "-c", "import sys; sys.stderr.write('x' * 5000 + "
                          "'the end'); sys.exit(3)"], timeout=120)
    assert (result.returncode, result.timed_out) == (3, False)
    assert result.stderr_tail.endswith("the end") and len(result.stderr_tail) == 2000


def test_a_tool_that_cannot_start_is_a_result_not_an_exception(tmp_path: Path) -> None:
    result = measure.run([str(tmp_path / "no-such-tool")], timeout=120)
    assert result.returncode == measure.CANNOT_START
    assert "no-such-tool" in result.stderr_tail


def _gone_or_zombie(pid: int) -> bool:
    status = Path(f"/proc/{pid}/stat")
    try:
        return status.read_text().split(") ", 1)[1][0] in "ZX"
    except (FileNotFoundError, ProcessLookupError):
        return True


def test_a_stopped_tool_keeps_its_peak_and_leaves_no_process(tmp_path: Path) -> None:
    marker = tmp_path / "grandchild.pid"
    child = (  # 80 MB touched, a grandchild started, and only then the marker
        "import subprocess, sys, time\n"
        "block = bytearray(80 * 1024 * 1024)\n"
        "block[::4096] = b'x' * len(block[::4096])\n"
        "g = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
        f"open({str(marker)!r}, 'w').write(str(g.pid))\n"
        "time.sleep(600)\n")
    for bound in (5, 20, 60, 180):  # a loaded machine may need longer to get there
        result = measure.run([sys.executable, "-c", child], timeout=bound)
        if marker.exists() and marker.read_text():
            break
    assert result.timed_out and result.returncode == -9
    assert result.peak_mb >= 80  # what it had reached when it was killed
    # killed with its process group: gone, or a zombie waiting for its new parent to reap it
    # (SIGKILL is delivered asynchronously: wait for it, without timing anything)
    pid = int(marker.read_text())
    for _ in range(600):
        if _gone_or_zombie(pid):
            break
        time.sleep(0.05)
    assert _gone_or_zombie(pid)


def test_group_sampling_sums_the_processes_running_at_once(tmp_path: Path) -> None:
    # two workers of 60 MB each beside a small parent: the largest single process is about
    # 60 MB, the group together more than 120 MB (what --jobs 2 holds at once)
    worker = ("import pathlib, sys, time\n"
              "block = bytearray(60 * 1024 * 1024)\n"
              "block[::4096] = b'x' * len(block[::4096])\n"
              "pathlib.Path(sys.argv[1]).write_text('ready')\n"
              "time.sleep(600)\n")
    ready = [tmp_path / "one", tmp_path / "two"]
    parent = (
        "import pathlib, subprocess, sys, time\n"
        f"workers = [subprocess.Popen([sys.executable, '-c', {worker!r}, str(p)]) "
        f"for p in {[str(p) for p in ready]!r}]\n"
        f"while not all(pathlib.Path(p).exists() for p in {[str(p) for p in ready]!r}):\n"
        "    time.sleep(0.05)\n"
        "time.sleep(2)\n"  # several samples with both workers resident
        "for w in workers:\n"
        "    w.kill(); w.wait()\n")
    for bound in (10, 30, 90, 270):  # a loaded machine may need longer to start them
        for path in ready:
            path.unlink(missing_ok=True)
        result = measure.run([sys.executable, "-c", parent], timeout=bound, sample_group=True)
        if not result.timed_out:
            break
    assert result.returncode == 0, result.stderr_tail
    assert result.group_peak_mb is not None and result.group_peak_mb >= 120
    # wait4: the largest single process; no upper bound, since a child forked from a big test
    # process (an xdist worker of several hundred MB) counts that image until it execs
    assert result.peak_mb >= 60
    assert measure.run([sys.executable, "-c", "pass"], timeout=60).group_peak_mb is None


def _load_run() -> ModuleType:
    """bench/run.py puts bench/ on sys.path for its siblings: undone here, so that no module of
    the test session can pick up bench's ``measure`` or ``summary`` by their bare names."""
    path, modules = list(sys.path), set(sys.modules)
    try:
        return _load("run")
    finally:
        sys.path[:] = path
        for name in set(sys.modules) - modules:
            if name in ("measure", "summary"):
                del sys.modules[name]


def test_reference_tools_run_once_with_a_longer_bound_at_the_largest_size() -> None:
    run = _load_run()
    frictionless = next(c for c in run.CASES if c.tool == run.FRICTIONLESS)
    ours = next(c for c in run.CASES if c.tool == run.OURS)
    assert run.plan(ours, run.LARGE // 10) == (run.RUNS, run.TIMEOUT)
    assert run.plan(frictionless, run.LARGE // 10) == (run.REFERENCE_RUNS, run.TIMEOUT)
    assert run.plan(ours, run.LARGE) == (1, run.TIMEOUT)
    assert run.plan(frictionless, run.LARGE) == (1, run.REFERENCE_TIMEOUT)
    linkml = next(c for c in run.CASES if c.tool == run.LINKML)
    assert run.plan(linkml, run.LARGE) == (1, run.LINKML_TIMEOUT)
    # every tool compared with another, and that other, is one the harness measures
    measured = {c.tool for c in run.CASES}
    assert set(run.BASELINES) | set(run.BASELINES.values()) <= measured


def test_a_partial_run_never_replaces_the_full_results(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    run = _load_run()
    monkeypatch.delenv("BENCH_RESULTS", raising=False)
    monkeypatch.delenv("BENCH_SIZES", raising=False)
    monkeypatch.setattr(run, "WORK", tmp_path / "work")
    monkeypatch.setattr(run, "ONLY", set())
    assert run.results_path(".md") == BENCH / "results.md"
    monkeypatch.setattr(run, "ONLY", {"qdpx"})
    assert run.results_path(".md") == tmp_path / "work" / "results-partial.md"
    monkeypatch.setattr(run, "ONLY", set())
    monkeypatch.setenv("BENCH_SIZES", "1000")
    assert run.partial() is not None
    assert run.results_path(".json") == tmp_path / "work" / "results-partial.json"
    monkeypatch.setenv("BENCH_RESULTS", "named")
    assert run.results_path(".md") == BENCH / "named.md"
