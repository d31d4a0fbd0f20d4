"""Ctrl-C at any moment after ``upsides`` starts loading its own code: exit 130, one line.

SIGINT is sent to the real console script while it imports its command modules (Typer, the
generated models) and while a command runs. When to send it is read from ``/proc/PID/maps``
(which shared libraries the process has loaded so far), so the test hits the same phase on a fast
machine and a loaded one. The first milliseconds of interpreter start-up, before any of our code
runs, are Python's own and are not covered (docs/cli.md).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("upsides")


def _wait_for_library(process: subprocess.Popen[bytes], marker: str, limit: float = 60) -> bool:
    """Wait until the process has mapped a shared library whose path holds ``marker``."""
    end = time.monotonic() + limit
    while time.monotonic() < end and process.poll() is None:
        try:
            if marker in Path(f"/proc/{process.pid}/maps").read_text():
                return True
        except OSError:
            pass
        time.sleep(0.002)
    return False


def _wait_for_staging(process: subprocess.Popen[bytes], folder: Path, limit: float = 60) -> bool:
    """Wait until the output writer's temporary folder appears in ``folder``."""
    end = time.monotonic() + limit
    while time.monotonic() < end and process.poll() is None:
        if any("upsides-tmp" in p.name for p in folder.iterdir()):
            return True
        time.sleep(0.002)
    return False


@pytest.mark.parametrize(("marker", "delay"), [
    ("_pydantic_core", 0.0),    # the command modules are being imported
    ("_pydantic_core", 0.05),
    ("_pydantic_core", 0.15),
    ("staging", 0.0),           # the synth command is writing its output
])
def test_ctrl_c_exits_130_with_one_line(tmp_path: Path, marker: str, delay: float) -> None:
    assert SCRIPT.is_file(), f"the console script is installed beside {sys.executable}"
    out = tmp_path / "synthetic"
    process = subprocess.Popen([str(SCRIPT), "synth", "--sites", "6", "--quotes", "400000",
                                "--seed", "1", "-o", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if marker == "staging":  # the output writer's temporary folder exists: the command is working
        assert _wait_for_staging(process, tmp_path), "the process ended before it wrote"
    else:
        assert _wait_for_library(process, marker), "the process ended before the moment to test"
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert (process.returncode, stderr.decode()) == (130, "interrupted\n"), stdout.decode()
