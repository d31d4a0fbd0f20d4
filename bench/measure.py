"""Run one command as a child process and measure its wall time and peak memory.

``os.wait4`` returns the resource usage of that child: its peak RSS is the largest of the child
and of each descendant it waited for (a ``--jobs`` parent and its workers: the largest single
process, not their sum), never that of another command the harness started.

The child leads a process group of its own, so a time-out kills it with every process it started,
and ``wait4`` still reports the peak it reached until then (a lower bound of the peak it would
have reached). A command that cannot start (a tool not installed) gives exit code 127 and the
reason as its stderr, never an exception: one broken tool must not stop a benchmark run.

``sample_group=True`` also sums the resident memory of every process of the group (a ``--jobs``
parent and its workers at once) every ``GROUP_SAMPLE_SECONDS`` from ``/proc``: a sampled figure,
so a lower bound of the true peak of the sum; off by default, since reading ``/proc`` costs CPU
the measured command would otherwise have.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass

CANNOT_START = 127  # what a shell answers for a command it cannot run
GROUP_SAMPLE_SECONDS = 0.2
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


@dataclass
class Measurement:
    seconds: float
    peak_mb: float
    returncode: int
    timed_out: bool = False
    stderr_tail: str = ""
    group_peak_mb: float | None = None  # with sample_group: the largest sum seen


def run(command: list[str], *, timeout: float, cwd: str | None = None,
        env: dict[str, str] | None = None, sample_group: bool = False) -> Measurement:
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                    stderr=errors, start_new_session=True)
        except OSError as exc:
            return Measurement(0.0, 0.0, CANNOT_START, False, f"cannot start {command[0]}: {exc}")
        deadline = start + timeout
        timed_out = False
        group_peak = 0.0 if sample_group else None
        next_sample = start
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if group_peak is not None and time.perf_counter() >= next_sample:
                group_peak = max(group_peak, group_rss_mb(proc.pid))
                next_sample = time.perf_counter() + GROUP_SAMPLE_SECONDS
            if time.perf_counter() > deadline:
                _kill_group(proc.pid)
                pid, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        _kill_group(proc.pid)  # workers a finished command left behind
        returncode = -9 if timed_out else os.waitstatus_to_exitcode(status)
        proc.returncode = returncode  # reaped here: Popen must not wait for it again
        errors.seek(0)
        tail = errors.read()[-2000:].decode("utf-8", "replace")
    return Measurement(seconds, usage.ru_maxrss / 1024, returncode, timed_out, tail,
                       group_peak)


def group_rss_mb(pgid: int) -> float:
    """Resident memory of every process in a process group now, summed (from /proc)."""
    total = 0
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b") ", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[2]) == pgid:  # after the command: state, ppid, pgrp, ..., rss (22nd)
            total += int(fields[21])
    return total * PAGE_MB


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
