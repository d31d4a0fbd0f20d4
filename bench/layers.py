"""Wall and CPU seconds per validation layer, summed over packages: a profile, not a test.

Usage: ``bench/layers.py ENGINE FOLDER`` validates every package folder in FOLDER (for example
``bench/work/100000/packages`` after ``make bench``) and prints each layer's time, timed around
the runner's layer guard, with the process's peak memory.
"""

from __future__ import annotations

import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

from upsides_data.validate import runner


def main(engine: str, folder: str) -> int:
    spent: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    guarded = runner._guarded

    def timed(name, layer, ctx):  # type: ignore[no-untyped-def]
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return guarded(name, layer, ctx)
        finally:
            spent[name][0] += time.perf_counter() - wall
            spent[name][1] += time.process_time() - cpu

    runner._guarded = timed
    paths = sorted(str(p) for p in Path(folder).iterdir() if p.is_dir())
    start = time.perf_counter()
    report = runner.validate(paths, engine=engine)
    total = time.perf_counter() - start
    layers = ", ".join(f"{name} {w:.2f}/{c:.2f}" for name, (w, c) in spent.items())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{engine}: {total:.2f} s wall; per layer (wall/CPU s): {layers}; peak {peak:.0f} MB; "
          f"{len(report.findings)} findings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
