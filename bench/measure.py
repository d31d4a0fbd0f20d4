"""Run one command as a child process and measure its wall time and peak memory.

``os.wait4`` returns the resource usage of that child alone, so peak RSS is per command, not the
maximum over every child the harness ever started.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class Measurement:
    seconds: float
    peak_mb: float
    returncode: int
    timed_out: bool = False
    stderr_tail: str = ""


def run(command: list[str], *, timeout: float, cwd: str | None = None,
        env: dict[str, str] | None = None) -> Measurement:
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                stderr=errors)
        deadline = start + timeout
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        proc.returncode = -9 if timed_out else os.waitstatus_to_exitcode(status)
        errors.seek(0)
        tail = errors.read()[-2000:].decode("utf-8", "replace")
    return Measurement(seconds, usage.ru_maxrss / 1024, proc.returncode, timed_out, tail)
