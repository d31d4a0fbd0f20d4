"""The one door out: every refusal of ``upsides_data.output`` seen through the command line.

Each case asserts the exit code, the finding's rule code, that the inputs are byte-for-byte as
before, that nothing appeared outside ``-o`` and that no temporary is left. Disk-full and
read-only folders are simulated (the tests may run as root, where permissions do not bite, and
mounting a tiny tmpfs needs root): the writer's own ``open``/``os.mkdir`` raise the errno a full
or read-only disk gives. The file size limit is real: ``ulimit -f`` in a subprocess.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from upsides_data import output
from upsides_data.cli import main
from upsides_data.errors import OutputError
from upsides_data.merge import merge
from upsides_data.rdf.export import to_rdf
from upsides_data.synth import synthesize

RUN_CLI = "import sys; from upsides_data.cli import run; run()"


# --- helpers ------------------------------------------------------------------------------------

def tree_hash(path: Path) -> str:
    """One hash over every file name and byte under ``path`` (or of the file itself)."""
    digest = hashlib.sha256()
    items = [path] if path.is_file() else sorted(p for p in path.rglob("*"))
    for item in items:
        digest.update(str(item.relative_to(path.parent)).encode())
        if item.is_file():
            digest.update(item.read_bytes())
    return digest.hexdigest()


def listing(folder: Path) -> set[str]:
    """Every path under ``folder``, hidden ones included (temporaries are hidden)."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(f"*{output.TEMP_MARK}*"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A small synthetic codebook + site, their consortium and its Turtle export (read-only use:
    tests copy what they write beside)."""
    root = tmp_path_factory.mktemp("corpus")
    codebook, site = synthesize(root / "synth", sites=1, quotes=4, seed=3)
    consortium = root / "cons"
    assert merge([codebook, site], consortium).ok
    ttl = to_rdf([consortium], root / "cons.ttl")
    return {"codebook": codebook, "site": site, "consortium": consortium, "ttl": Path(ttl)}


@pytest.fixture
def work(tmp_path: Path, corpus: dict[str, Path]) -> dict[str, Path]:
    """Private copies of the corpus in ``tmp_path/in`` (so each test may point -o at them)."""
    folder = tmp_path / "in"
    folder.mkdir()
    copies = {}
    for key, path in corpus.items():
        target = folder / path.name
        if path.is_dir():
            shutil.copytree(path, target)
        else:
            shutil.copy2(path, target)
        copies[key] = target
    return copies


def refused(argv: list[str], rule: str, capsys: pytest.CaptureFixture[str],
            *, unchanged: list[Path], watch: Path) -> None:
    """Run ``argv``; assert exit 2 with ``rule``, inputs unchanged, ``watch`` unchanged."""
    before = {p: tree_hash(p) for p in unchanged}
    seen = listing(watch)
    code = main(argv)
    out = capsys.readouterr()
    assert code == 2, (out.out, out.err)
    assert f"{rule} (error, 1)" in out.out, out.out  # the finding, as validate renders it
    assert out.err.startswith("error: ") and "Traceback" not in out.err
    assert {p: tree_hash(p) for p in unchanged} == before
    assert listing(watch) == seen, "something was written or left behind"
    assert temps(watch) == []


# --- refusals -----------------------------------------------------------------------------------

def test_existing_file_needs_force(work, tmp_path, capsys):
    out = tmp_path / "x.ttl"
    out.write_text("mine\n", encoding="utf-8")
    for argv in (["export", "rdf", str(work["consortium"]), "-o", str(out)],
                 ["export", "qdc", str(work["codebook"]), "-o", str(out)],
                 ["export", "qdpx", str(work["site"]), str(work["codebook"]), "-o", str(out)]):
        refused(argv, "output-exists", capsys, unchanged=[out, work["consortium"]],
                watch=tmp_path)
    assert main(["export", "rdf", str(work["consortium"]), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("@prefix")
    assert temps(tmp_path) == []


def test_report_onto_its_input_is_refused(work, tmp_path, capsys):
    cons = work["consortium"]
    refused(["report", str(cons), "-o", str(cons), "--force"], "output-is-input", capsys,
            unchanged=[cons], watch=tmp_path)
    refused(["report", str(cons / "datapackage.json"), "-o", str(cons / "report"), "--force"],
            "output-inside-input", capsys, unchanged=[cons], watch=tmp_path)


def test_import_rdf_into_the_folder_of_its_input_is_refused(work, tmp_path, capsys):
    folder = work["ttl"].parent
    refused(["import", "rdf", str(work["ttl"]), "-o", str(folder), "--force"],
            "output-contains-input", capsys, unchanged=[folder], watch=tmp_path)


def test_split_onto_its_input_is_refused(work, tmp_path, capsys):
    cons = work["consortium"]
    refused(["split", str(cons), "-o", str(cons), "--force"], "output-is-input", capsys,
            unchanged=[cons], watch=tmp_path)


def test_input_reached_through_a_symlink_is_still_the_input(work, tmp_path, capsys):
    link = tmp_path / "link"
    link.symlink_to(work["consortium"], target_is_directory=True)
    refused(["merge", str(link), "-o", str(work["consortium"]), "--force"], "output-is-input",
            capsys, unchanged=[work["consortium"]], watch=tmp_path)
    hard = tmp_path / "hard.ttl"
    os.link(work["ttl"], hard)
    refused(["import", "rdf", str(work["ttl"]), "-o", str(hard), "--force"], "output-is-input",
            capsys, unchanged=[work["ttl"]], watch=tmp_path)


def test_merge_into_an_input_is_refused(work, tmp_path, capsys):
    refused(["merge", str(work["site"]), str(work["codebook"]), "-o",
             str(work["site"] / "merged")], "output-inside-input", capsys,
            unchanged=[work["site"]], watch=tmp_path)
    refused(["merge", str(work["site"]), str(work["codebook"]), "-o", str(tmp_path), "--force"],
            "output-contains-input", capsys, unchanged=[work["site"]], watch=tmp_path)


def test_anonymise_onto_its_input_and_old_spellings(work, tmp_path, capsys):
    site = work["site"]
    refused(["anonymise", str(site), "-o", str(site), "--force"], "output-is-input", capsys,
            unchanged=[site], watch=tmp_path)
    refused(["anonymise", str(site), "--output", str(site), "--overwrite"], "output-is-input",
            capsys, unchanged=[site], watch=tmp_path)
    out = tmp_path / "public"
    assert main(["anonymise", str(site), "--output", str(out)]) == 0
    refused(["anonymise", str(site), "-o", str(out)], "output-exists", capsys,
            unchanged=[site, out], watch=tmp_path)
    capsys.readouterr()
    assert main(["anonymise", str(site), "-o", str(out), "--force"]) == 0
    assert main(["anonymise", str(site), "-o", str(out), "--overwrite"]) == 0
    assert temps(tmp_path) == []


def test_symlinked_target_is_refused(work, tmp_path, capsys):
    victim = tmp_path / "victim.ttl"
    victim.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "out.ttl"
    link.symlink_to(victim)
    refused(["export", "rdf", str(work["consortium"]), "-o", str(link), "--force"],
            "output-symlink", capsys, unchanged=[victim, work["consortium"]], watch=tmp_path)
    assert link.is_symlink()


def test_fifo_and_device_targets_are_refused(work, tmp_path, capsys):
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    refused(["export", "rdf", str(work["consortium"]), "-o", str(fifo), "--force"],
            "output-not-regular", capsys, unchanged=[work["consortium"]], watch=tmp_path)
    assert fifo.is_fifo()
    refused(["export", "qdc", str(work["codebook"]), "-o", os.devnull, "--force"],
            "output-not-regular", capsys, unchanged=[work["codebook"]], watch=tmp_path)


def test_a_file_where_a_folder_goes_and_protected_folders(work, tmp_path, capsys, monkeypatch):
    plain = tmp_path / "plain.txt"
    plain.write_text("keep\n", encoding="utf-8")
    refused(["report", str(work["consortium"]), "-o", str(plain), "--force"],
            "output-not-regular", capsys, unchanged=[plain], watch=tmp_path)
    here = tmp_path / "here"
    here.mkdir()
    (here / "notes.txt").write_text("mine\n", encoding="utf-8")
    monkeypatch.chdir(here)
    refused(["report", str(work["consortium"]), "-o", ".", "--force"], "output-protected",
            capsys, unchanged=[here], watch=tmp_path)
    refused(["report", str(work["consortium"]), "-o", str(tmp_path), "--force"],
            "output-contains-input", capsys, unchanged=[here], watch=tmp_path)


# --- names from the data never become paths -----------------------------------------------------

def _rename(package: Path, name: str) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["name"] = name
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def test_split_and_import_rdf_refuse_names_that_are_paths(work, tmp_path, capsys):
    _rename(work["site"], "../../escaped")
    cons = tmp_path / "evil-cons"
    # the validator refuses the name (name-invalid); drafts carry it to the writers, which
    # must refuse it too
    assert merge([work["codebook"], work["site"]], cons, validate=False).ok
    refused(["split", str(cons), "-o", str(tmp_path / "parts")], "output-unsafe-name", capsys,
            unchanged=[cons], watch=tmp_path.parent)
    ttl = to_rdf([work["codebook"], work["site"]], tmp_path / "evil.ttl", validate=False)
    refused(["import", "rdf", str(ttl), "-o", str(tmp_path / "back")], "output-unsafe-name",
            capsys, unchanged=[Path(ttl)], watch=tmp_path.parent)
    assert not (tmp_path.parent / "escaped").exists()


def test_safe_part_accepts_plain_names_only(tmp_path):
    assert output.safe_part("upsides-mhw-2019-ulm", tmp_path) == "upsides-mhw-2019-ulm"
    for name in ("..", ".", "../x", "a/b", "/etc", "", ".hidden", "a\\b", "x" * 201):
        with pytest.raises(OutputError) as caught:
            output.safe_part(name, tmp_path)
        assert caught.value.findings[0].rule == "output-unsafe-name"


# --- disks that refuse (simulated where only root could make them real) -------------------------

class _FullDisk:
    """A file whose writes fail like a full disk's, after ``room`` bytes."""

    def __init__(self, real, room: int, code: int) -> None:
        self._real, self._room, self._code = real, room, code

    def write(self, data):
        if len(data) > self._room:
            raise OSError(self._code, os.strerror(self._code))
        self._room -= len(data)
        return self._real.write(data)

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._real.close()


def _failing_open(code: int, room: int = 100):
    def fake(file, mode="r", *args, **kwargs):
        handle = open(file, mode, *args, **kwargs)
        return _FullDisk(handle, room, code) if "w" in mode else handle
    return fake


@pytest.mark.parametrize("code, rule", [(errno.ENOSPC, "output-disk-full"),
                                        (errno.EDQUOT, "output-disk-full"),
                                        (errno.EFBIG, "output-too-large"),
                                        (errno.EROFS, "output-read-only")])
def test_write_errors_become_findings_and_leave_nothing(work, tmp_path, capsys, monkeypatch,
                                                        code, rule):
    import upsides_data.package.writer as package_writer
    import upsides_data.rdf.export as rdf_export

    monkeypatch.setattr(rdf_export, "open", _failing_open(code), raising=False)
    monkeypatch.setattr(package_writer, "open", _failing_open(code), raising=False)
    # folders made for the output (new/deep) go again too
    refused(["export", "rdf", str(work["consortium"]), "-o", str(tmp_path / "new" / "deep" /
                                                                 "x.ttl")], rule,
            capsys, unchanged=[work["consortium"]], watch=tmp_path)
    refused(["merge", str(work["site"]), str(work["codebook"]), "-o", str(tmp_path / "n" / "m")],
            rule, capsys, unchanged=[work["site"], work["codebook"]], watch=tmp_path)
    refused(["split", str(work["consortium"]), "-o", str(tmp_path / "s")], rule, capsys,
            unchanged=[work["consortium"]], watch=tmp_path)


def test_read_only_folder(work, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(output.os, "access",
                        lambda p, m: False if Path(p) == folder else real_access(p, m))
    refused(["report", str(work["consortium"]), "-o", str(folder / "r")], "output-read-only",
            capsys, unchanged=[work["consortium"]], watch=tmp_path)
    monkeypatch.setattr(output.os, "access", real_access)

    def no_mkdir(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(output.os, "mkdir", no_mkdir)
    refused(["report", str(work["consortium"]), "-o", str(folder / "r")], "output-read-only",
            capsys, unchanged=[work["consortium"]], watch=tmp_path)


def test_an_unreadable_input_is_not_called_a_read_only_output(tmp_path):
    with pytest.raises(PermissionError):
        with output.write_directory(tmp_path / "out"):
            raise PermissionError(errno.EACCES, "Permission denied", "/somewhere/input.csv")
    assert listing(tmp_path) == set()


# --- outputs in several parts -------------------------------------------------------------------

def test_write_together_rolls_back_every_part(tmp_path, monkeypatch):
    first, second = tmp_path / "site", tmp_path / "site-codebook"
    first.mkdir()
    (first / "old.txt").write_text("old site\n", encoding="utf-8")
    real_replace = os.replace

    def fail_on_second(src, dst):
        if Path(dst) == second:
            raise OSError(errno.ENOSPC, "No space left on device", str(src))
        return real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", fail_on_second)
    with pytest.raises(OutputError) as caught:
        with output.write_together([first, second], force=True) as (a, b):
            (a / "new.txt").write_text("new site\n", encoding="utf-8")
            (b / "new.txt").write_text("new codebook\n", encoding="utf-8")
    assert caught.value.findings[0].rule == "output-disk-full"
    assert listing(tmp_path) == {"site", "site/old.txt"}
    assert (first / "old.txt").read_text(encoding="utf-8") == "old site\n"


def test_write_together_refuses_overlapping_parts(tmp_path):
    with pytest.raises(OutputError) as caught:
        with output.write_together([tmp_path / "a", tmp_path / "a" / "b"]):
            pass
    assert caught.value.findings[0].rule == "output-overlap"


def test_check_hook_aborts_before_the_rename(tmp_path):
    def reject(staging: Path) -> None:
        assert (staging / "f.txt").is_file()
        raise OutputError("rejected")

    with pytest.raises(OutputError, match="rejected"):
        with output.write_directory(tmp_path / "out", check=reject) as staging:
            (staging / "f.txt").write_text("x", encoding="utf-8")
    assert listing(tmp_path) == set()


# --- temporaries --------------------------------------------------------------------------------

def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporaries_of_dead_runs_are_removed_live_ones_kept(work, tmp_path):
    dead = tmp_path / f".x.ttl{output.TEMP_MARK}{_dead_pid()}-0a1b2c3d"
    dead.write_text("half\n", encoding="utf-8")
    stale_dir = tmp_path / f".pkg{output.TEMP_MARK}{_dead_pid()}-deadbeef"
    (stale_dir / "sub").mkdir(parents=True)
    live = tmp_path / f".x.ttl{output.TEMP_MARK}{os.getpid()}-0a1b2c3d"
    live.write_text("in use\n", encoding="utf-8")
    lookalike = tmp_path / ".x.ttl.upsides-tmp-notes"
    lookalike.write_text("not ours\n", encoding="utf-8")
    assert main(["export", "rdf", str(work["consortium"]), "-o", str(tmp_path / "y.ttl")]) == 0
    assert not dead.exists() and not stale_dir.exists()
    assert live.exists() and lookalike.exists()


def _spawn(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", RUN_CLI, *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_temp(folder: Path, child: subprocess.Popen, seconds: float = 60) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and child.poll() is None:
        found = [p.name for p in folder.iterdir() if output.TEMP_MARK in p.name]
        if found:
            time.sleep(0.5)  # let it write for a moment
            return found
        time.sleep(0.05)
    raise AssertionError(f"no temporary appeared (exit {child.poll()})")


BIG_SYNTH = ["synth", "--sites", "4", "--quotes", "200000", "-o"]

# The CLI with the output writer held open after its block has written everything: the staged
# output waits for its rename until a signal arrives, so the signal always lands while the writer
# holds a temporary (a fast machine could otherwise finish before the test signals it).
HOLD_BEFORE_RENAME = """
import contextlib, time
import upsides_data.output as output
staged = output._staged
@contextlib.contextmanager
def held(*args, **kwargs):
    with staged(*args, **kwargs) as parts:
        yield parts
        time.sleep(600)
output._staged = held
from upsides_data.cli import run
run()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_clean_up_and_exit_130(tmp_path, signum):
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_BEFORE_RENAME, "synth", "--sites", "2", "--quotes", "500",
         "-o", "held"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_temp(tmp_path, child)
    child.send_signal(signum)
    stdout, stderr = child.communicate(timeout=120)
    assert child.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["interrupted"]
    assert listing(tmp_path) == set(), "the interrupted run left something behind"


def test_kill_9_leftovers_are_removed_by_the_next_run(tmp_path):
    child = _spawn([*BIG_SYNTH, "big"], tmp_path)
    left = _wait_for_temp(tmp_path, child)
    child.kill()
    child.communicate(timeout=60)
    assert [p.name for p in tmp_path.iterdir()] == left, "kill -9 cannot clean up"
    assert main(["synth", "--sites", "1", "--quotes", "5", "-o", str(tmp_path / "small")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small"]


def test_file_size_limit_is_a_finding_not_a_killed_process(corpus, tmp_path):
    out = tmp_path / "x.ttl"
    limit_kib = 8
    assert corpus["ttl"].stat().st_size > 2 * limit_kib * 1024
    script = f'ulimit -f {limit_kib}; exec "$@"'
    done = subprocess.run(["bash", "-c", script, "bash", sys.executable, "-c", RUN_CLI,
                           "export", "rdf", str(corpus["consortium"]), "-o", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "output-too-large" in done.stdout and "Traceback" not in done.stderr
    assert listing(tmp_path) == set()


@pytest.mark.parametrize("full_part", ["site", "site-codebook"])
def test_import_qdpx_on_a_full_disk_leaves_neither_part(tmp_path, capsys, monkeypatch,
                                                        full_part):
    import package_factory as pf
    import upsides_data.package.writer as package_writer
    from test_qda_support import write_vendor_qdpx

    qdpx = write_vendor_qdpx(tmp_path / "p.qdpx", "maxqda")
    real_open = open

    def full_for_the_codebook(file, mode="r", *args, **kwargs):
        if "w" in mode and f"/.{full_part}{output.TEMP_MARK}" in str(file):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(package_writer, "open", full_for_the_codebook, raising=False)
    refused(["import", "qdpx", str(qdpx), "--site", "ulm", "--study", pf.STUDY, "--country",
             "de", "-o", str(tmp_path / "site")], "output-disk-full", capsys,
            unchanged=[qdpx], watch=tmp_path)
    monkeypatch.undo()
    assert main(["import", "qdpx", str(qdpx), "--site", "ulm", "--study", pf.STUDY,
                 "--country", "de", "-o", str(tmp_path / "site")]) == 0
    assert {"site", "site-codebook"} <= {p.name for p in tmp_path.iterdir()}
    assert temps(tmp_path) == []


def test_demo_never_replaces_its_examples(work, tmp_path, capsys):
    examples = tmp_path / "examples"
    (examples / "corpus").mkdir(parents=True)
    for key in ("codebook", "site"):
        shutil.copytree(work[key], examples / "corpus" / work[key].name)
    refused(["demo", "--examples", str(examples), "-o", str(examples)], "output-is-input",
            capsys, unchanged=[examples], watch=tmp_path)
    refused(["demo", "--examples", str(examples), "-o", str(examples / "corpus" / "out")],
            "output-inside-input", capsys, unchanged=[examples], watch=tmp_path)


def test_names_too_long_and_link_loops_are_findings(work, tmp_path, capsys):
    long_name = "r" * 240  # the target fits in 255 bytes; its temporary name must too
    assert main(["export", "qdc", str(work["codebook"]), "-o", str(tmp_path / long_name)]) == 0
    assert (tmp_path / long_name).is_file() and temps(tmp_path) == []
    capsys.readouterr()
    refused(["export", "qdc", str(work["codebook"]), "-o", str(tmp_path / ("x" * 300))],
            "output-name-too-long", capsys, unchanged=[work["codebook"]], watch=tmp_path)
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    refused(["report", str(work["consortium"]), "-o", str(tmp_path / "a" / "r")],
            "output-symlink", capsys, unchanged=[work["consortium"]], watch=tmp_path)
