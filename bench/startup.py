"""Start-up of ``upsides --help``: wall and CPU time of repeated whole-process runs.

Hyperfine-like: two warm-up runs, then ``STARTUP_RUNS`` (default 15) timed ones; prints the
median and minimum of wall time and of CPU time (user + system, which a loaded machine
inflates far less than wall time). ``make bench`` runs it; extra arguments replace ``--help``.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = int(os.environ.get("STARTUP_RUNS", "15"))


def main(args: list[str]) -> int:
    command = [str(Path(sys.executable).parent / "upsides"), *(args or ["--help"])]
    for _ in range(2):
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    print(f"upsides {' '.join(command[1:])}: wall median {statistics.median(walls):.3f} s "
          f"(min {min(walls):.3f} s); CPU median {statistics.median(cpus):.3f} s "
          f"(min {min(cpus):.3f} s); {RUNS} runs; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
