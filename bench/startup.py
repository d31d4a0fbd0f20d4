"""Start-up of ``upsides --help``: wall and CPU time of repeated whole-process runs.

Hyperfine-like: two warm-up runs, then ``STARTUP_RUNS`` (default 15) timed ones; reports the
median and minimum of wall time and of CPU time (user + system, which a loaded machine
inflates far less than wall time). ``make bench`` (``run.py``) includes its figures in
bench/results.md; run alone it prints them, and extra arguments replace ``--help``.
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


def measure(args: list[str] | None = None, runs: int = RUNS) -> dict[str, object]:
    command = [str(Path(sys.executable).parent / "upsides"), *(args or ["--help"])]
    for _ in range(2):
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            tail = done.stderr.decode("utf-8", "replace")[-500:]
            return {"command": " ".join(command[1:]), "error": f"exit {done.returncode}: {tail}"}
    return {"command": " ".join(command[1:]), "runs": runs,
            "wall_median": statistics.median(walls), "wall_min": min(walls),
            "cpu_median": statistics.median(cpus), "cpu_min": min(cpus),
            "load_average": os.getloadavg()[0]}


def main(args: list[str]) -> int:
    m = measure(args)
    if "error" in m:
        print(f"upsides {m['command']}: {m['error']}")
        return 1
    print(f"upsides {m['command']}: wall median {m['wall_median']:.3f} s "
          f"(min {m['wall_min']:.3f} s); CPU median {m['cpu_median']:.3f} s "
          f"(min {m['cpu_min']:.3f} s); {m['runs']} runs; load average {m['load_average']:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
