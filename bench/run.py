"""``make bench``: where upsides-data stands against the tools users would otherwise use.

For each size (quotes across six synthetic sites) it generates a consortium with the project's own
generator, then measures every tool as a whole process (wall time and peak memory, median of
RUNS runs), all in this one invocation on this one machine. A tool that does not finish within
the time bound is reported as such and not run at larger sizes. Writes bench/results.json and
bench/results.md, and prints the table.

``bench/run.py --markdown`` only re-renders results.md from results.json.

Environment: BENCH_SIZES (default "10000,100000,1000000"), BENCH_RUNS (3), BENCH_TIMEOUT (300 s),
BENCH_ONLY (comma-separated groups, e.g. "qdpx"; default all) and BENCH_RESULTS (the name of the
results files, default "results"; use another for a partial run so it does not replace the full
one).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from measure import Measurement, run  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "300"))
ONLY = {g for g in os.environ.get("BENCH_ONLY", "").split(",") if g}
RESULTS = os.environ.get("BENCH_RESULTS", "results")
PY = str(BIN / "python")
QDPX_SIZES = (100_000,)  # the issue asks for QDPX export and import at 100k quotes
UPSIDES = str(BIN / "upsides")


@dataclass
class Case:
    group: str
    tool: str
    command: Callable[[int, Path], list[str]]
    sizes: tuple[int, ...] | None = None  # None: every size
    baseline: str | None = None  # the tool this one is compared with (ratio = other / ours)
    unit_count: Callable[[int, Path], int] | None = None  # e.g. triples, for a rate


def packages(work: Path, folder: str = "packages") -> list[str]:
    return sorted(str(p) for p in (work / folder).iterdir() if p.is_dir())


def triples(work: Path) -> int:
    """Triples our exporter wrote (one N-Triples line each)."""
    path = work / "export.nt"
    if not path.exists():
        return 0
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def linkml_triples(work: Path) -> int:
    """Triples in the LinkML dumper's graph (it writes its own count beside its output)."""
    path = work / "linkml.ttl.count"
    return int(path.read_text()) if path.exists() else 0


CASES = [
    Case("validate", "upsides validate (all layers)",
         lambda n, w: [UPSIDES, "validate", *packages(w)]),
    Case("validate", "upsides validate --engine models (row-wise Pydantic layer 3)",
         lambda n, w: [UPSIDES, "validate", "--engine", "models", *packages(w)],
         baseline="upsides validate (all layers)"),
    Case("validate", "upsides validate --jobs 2 (one process per package)",
         lambda n, w: [UPSIDES, "validate", "--jobs", "2", *packages(w)],
         baseline="upsides validate (all layers)"),
    Case("validate", "frictionless validate (with foreign keys)",
         lambda n, w: [PY, str(HERE / "tools.py"), "frictionless", *packages(w)],
         baseline="upsides validate (all layers)"),
    Case("validate", "linkml-validate (JSON, target Dataset)",
         lambda n, w: [str(BIN / "linkml-validate"), "-s",
                       str(ROOT / "validators" / "linkml" / "upsides.yaml"),
                       "-C", "Dataset", str(w / "dataset.json")],
         baseline="upsides validate (all layers)"),
    Case("validate", "polars read of the same CSVs (I/O floor)",
         lambda n, w: [PY, str(HERE / "tools.py"), "polars-read", *packages(w)],
         baseline="upsides validate (all layers)"),
    Case("merge", "upsides merge, 6 packages",
         lambda n, w: [UPSIDES, "merge", *packages(w), "-o", str(w / "merged-run"), "--force"]),
    Case("merge", "upsides merge, 200 packages",
         lambda n, w: [UPSIDES, "merge", *sorted(str(p) for p in (w / "packages-200").iterdir()),
                       "-o", str(w / "merged-200-run"), "--force"]),
    Case("rdf", "upsides export rdf (N-Triples)",
         lambda n, w: [UPSIDES, "export", "rdf", str(w / "merged"), "--format", "ntriples",
                       "-o", str(w / "export.nt")],
         unit_count=lambda n, w: triples(w)),
    Case("rdf", "linkml rdflib_dumper (Turtle)",
         lambda n, w: [PY, str(HERE / "tools.py"), "linkml-dump", str(w / "dataset.json"),
                       str(w / "linkml.ttl")],
         baseline="upsides export rdf (N-Triples)", unit_count=lambda n, w: linkml_triples(w)),
    Case("qdpx", "upsides export qdpx (one site holding every quote)",
         lambda n, w: [UPSIDES, "export", "qdpx", *packages(w, "one-site"),
                       "-o", str(w / "site.qdpx")],
         sizes=QDPX_SIZES),
    Case("qdpx", "upsides import qdpx (one site holding every quote)",
         lambda n, w: [UPSIDES, "import", "qdpx", str(w / "site.qdpx"), "--site", "upsides:s01/site",
                       # a QDA project does not say its site's country (qda-site-unknown, exit 2)
                       "--country", "DE", "--study", "bench", "-o", str(w / "imported-run")],
         sizes=QDPX_SIZES),
    Case("synth", "upsides synth (6 sites, the corpus generator)",
         lambda n, w: [UPSIDES, "synth", "--sites", "6", "--quotes", str(n), "--seed", "7",
                       "-o", str(w / "synth-run")]),
]


def prepare(size: int) -> Path:
    """Generate the consortium for one size (not timed)."""
    work = WORK / str(size)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for sites, folder in ((6, "packages"), (200, "packages-200")):
        result = run([UPSIDES, "synth", "--sites", str(sites), "--quotes", str(size), "--seed", "7",
                      "-o", str(work / folder)], timeout=3600)
        if result.returncode != 0:
            raise SystemExit(f"synth failed at {size}: {result.stderr_tail}")
    if size in QDPX_SIZES:  # a QDA project is one site's: one site package with every quote
        run([UPSIDES, "synth", "--sites", "1", "--quotes", str(size), "--seed", "7",
             "-o", str(work / "one-site")], timeout=3600)
    run([UPSIDES, "merge", *packages(work), "-o", str(work / "merged")], timeout=3600)
    run([PY, str(HERE / "tools.py"), "to-json", str(work / "merged"), str(work / "dataset.json")],
        timeout=3600)
    return work


def measure(case: Case, size: int, work: Path) -> dict:
    runs: list[Measurement] = []
    for _ in range(RUNS):
        # import qdpx writes the codebook package beside its output (NAME-codebook)
        for stale in ("merged-run", "merged-200-run", "imported-run", "imported-run-codebook",
                      "synth-run"):
            shutil.rmtree(work / stale, ignore_errors=True)
        result = run(case.command(size, work), timeout=TIMEOUT)
        runs.append(result)
        if result.timed_out or result.returncode not in (0, 1):
            break
    last = runs[-1]
    entry = {"group": case.group, "tool": case.tool, "size": size, "runs": len(runs)}
    if last.timed_out:
        entry.update(status=f"did not finish within {TIMEOUT:.0f} s", timed_out=True)
    elif last.returncode not in (0, 1):
        entry.update(status=f"failed (exit {last.returncode})", error=last.stderr_tail[-500:])
    else:
        entry.update(status="ok", seconds=statistics.median(r.seconds for r in runs),
                     peak_mb=statistics.median(r.peak_mb for r in runs))
        if case.unit_count:
            count = case.unit_count(size, work)
            entry["units"] = count
            entry["units_per_second"] = count / entry["seconds"] if entry["seconds"] else None
    return entry


def versions() -> dict[str, str]:
    names = ["upsides-data", "linkml", "linkml-runtime", "frictionless", "pydantic", "polars",
             "rdflib", "pyoxigraph", "pyshacl"]
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def machine() -> dict[str, object]:
    memory = None
    try:
        with open("/proc/meminfo") as handle:
            memory = handle.readline().split()[1] + " kB"
    except OSError:
        pass
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "memory": memory, "processor": platform.processor(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def ratios(results: list[dict]) -> None:
    by_key = {(r["tool"], r["size"]): r for r in results}
    for case in CASES:
        if not case.baseline:
            continue
        for size in SIZES:
            other, ours = by_key.get((case.tool, size)), by_key.get((case.baseline, size))
            if other and ours and ours.get("seconds") and other.get("timed_out"):
                # it ran longer than the bound: the ratio is at least bound / ours
                other["time_ratio_vs_ours_at_least"] = TIMEOUT / ours["seconds"]
            if other and ours and other.get("seconds") and ours.get("seconds"):
                other["time_ratio_vs_ours"] = other["seconds"] / ours["seconds"]
                other["memory_ratio_vs_ours"] = other["peak_mb"] / ours["peak_mb"]
                if other.get("units_per_second") and ours.get("units_per_second"):
                    other["rate_ratio_ours_vs_tool"] = (ours["units_per_second"]
                                                        / other["units_per_second"])


def growth(results: list[dict]) -> list[dict]:
    """How each tool's time grows from each size it finished to the next (linear: equal factors).

    A fixed start-up cost (imports, about half a second for our CLI) makes the first step grow
    by less than the size; the step between the two largest sizes shows the slope best.
    """
    rows = []
    for case in CASES:
        done = sorted((r for r in results if r["tool"] == case.tool and r.get("seconds")),
                      key=lambda r: r["size"])
        for first, last in zip(done, done[1:]):
            rows.append({"tool": case.tool, "from": first["size"], "to": last["size"],
                         "size_factor": last["size"] / first["size"],
                         "time_factor": last["seconds"] / first["seconds"],
                         "memory_factor": last["peak_mb"] / first["peak_mb"]})
    return rows


OURS = "upsides validate (all layers)"
FLOOR = "polars read of the same CSVs (I/O floor)"
FRICTIONLESS = "frictionless validate (with foreign keys)"
QDPX_EXPORT = "upsides export qdpx (one site holding every quote)"


def targets(results: list[dict]) -> list[dict]:
    """Issue #18's targets at each size measured: what was asked, what was measured, met or not.

    validate within 3x the polars read of the same CSVs; at least 10x faster than frictionless
    and no more memory than it (asked at 1M; shown at every size); qdpx export at 100k under
    10 s and 300 MB. A tool that did not finish gives no figure, so the target shows as unknown.
    """
    by_key = {(r["tool"], r["size"]): r for r in results}
    rows = []
    for size in sorted({r["size"] for r in results}):
        ours, floor = by_key.get((OURS, size), {}), by_key.get((FLOOR, size), {})
        stock = by_key.get((FRICTIONLESS, size), {})
        if ours.get("seconds") and floor.get("seconds"):
            ratio = ours["seconds"] / floor["seconds"]
            rows.append({"size": size, "target": "validate time / polars read <= 3",
                         "measured": f"{ratio:.1f}", "met": ratio <= 3})
        if ours.get("seconds") and (stock.get("seconds") or stock.get("timed_out")):
            speed = (stock["seconds"] / ours["seconds"] if stock.get("seconds")
                     else TIMEOUT / ours["seconds"])
            shown = f"{speed:.1f}" if stock.get("seconds") else f"> {speed:.1f}"
            rows.append({"size": size, "target": "frictionless time / validate time >= 10",
                         "measured": shown, "met": speed >= 10})
        if ours.get("peak_mb") and stock.get("peak_mb"):
            rows.append({"size": size, "target": "validate peak MB <= frictionless peak MB",
                         "measured": f"{ours['peak_mb']:.0f} vs {stock['peak_mb']:.0f}",
                         "met": ours["peak_mb"] <= stock["peak_mb"]})
        export = by_key.get((QDPX_EXPORT, size), {})
        if export.get("seconds"):
            rows.append({"size": size, "target": "qdpx export < 10 s and < 300 MB",
                         "measured": f"{export['seconds']:.1f} s, {export['peak_mb']:.0f} MB",
                         "met": export["seconds"] < 10 and export["peak_mb"] < 300})
    return rows


def _num(value: object, fmt: str) -> str:
    return "" if value is None else format(value, fmt)


def markdown(results: list[dict], grow: list[dict], goals: list[dict] | None = None) -> str:
    lines = ["| group | tool | quotes | status | seconds | peak MB | time ratio (tool / ours) "
             "| memory ratio (tool / ours) | rate |", "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        rate = f"{r['units_per_second']:,.0f} triples/s" if r.get("units_per_second") else ""
        if r.get("rate_ratio_ours_vs_tool"):
            rate += f" (ours {r['rate_ratio_ours_vs_tool']:.1f}x faster per triple)"
        ratio = _num(r.get("time_ratio_vs_ours"), ".2f")
        if r.get("time_ratio_vs_ours_at_least"):
            ratio = f"> {r['time_ratio_vs_ours_at_least']:.2f}"
        lines.append(
            f"| {r['group']} | {r['tool']} | {r['size']:,} | {r['status']} | "
            f"{_num(r.get('seconds'), '.2f')} | {_num(r.get('peak_mb'), '.0f')} | {ratio} | "
            f"{_num(r.get('memory_ratio_vs_ours'), '.2f')} | {rate} |")
    lines += ["", "Growth from one size to the next (linear: time x equals size x):", "",
              "| tool | from | to | size x | time x | memory x |", "|---|---|---|---|---|---|"]
    for g in grow:
        lines.append(f"| {g['tool']} | {g['from']:,} | {g['to']:,} | {g['size_factor']:.0f} | "
                     f"{g['time_factor']:.1f} | {g['memory_factor']:.1f} |")
    if goals:
        lines += ["", "Targets of issue #18 (measured in this run):", "",
                  "| quotes | target | measured | met |", "|---|---|---|---|"]
        for g in goals:
            lines.append(f"| {g['size']:,} | {g['target']} | {g['measured']} | "
                         f"{'yes' if g['met'] else 'no'} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    results: list[dict] = []
    gave_up: set[str] = set()
    for size in SIZES:
        print(f"== {size:,} quotes: generating", flush=True)
        work = prepare(size)
        for case in CASES:
            if ONLY and case.group not in ONLY:
                continue
            if case.sizes is not None and size not in case.sizes:
                continue
            if case.tool in gave_up:
                results.append({"group": case.group, "tool": case.tool, "size": size, "runs": 0,
                                "status": "not run (did not finish a smaller size)"})
                continue
            entry = measure(case, size, work)
            results.append(entry)
            print(f"   {case.tool}: {entry['status']} "
                  f"{entry.get('seconds', float('nan')):.2f} s {entry.get('peak_mb', 0):.0f} MB",
                  flush=True)
            if entry["status"] != "ok":
                gave_up.add(case.tool)
    ratios(results)
    grow = growth(results)
    summary = {"sizes": SIZES, "runs": RUNS, "timeout_seconds": TIMEOUT, "versions": versions(),
               "machine": machine(), "results": results, "growth": grow,
               "targets": targets(results)}
    (HERE / f"{RESULTS}.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    print(write_markdown(summary))
    return 0


def write_markdown(summary: dict) -> str:
    """bench/results.md from the summary (docs/benchmarks.md includes it under its own heading)."""
    versions_line = ", ".join(f"{k} {v}" for k, v in sorted(summary["versions"].items()))
    box = summary["machine"]
    table = (f"Sizes {', '.join(f'{n:,}' for n in summary['sizes'])} quotes; median of "
             f"{summary['runs']} runs; bound {summary['timeout_seconds']:.0f} s per run. Machine: "
             f"{box.get('cpus')} CPUs, {box.get('memory')}, Python {box.get('python')}, load "
             f"average at start {box.get('load_average_at_start')}. Versions: {versions_line}."
             "\n\n" + markdown(summary["results"], summary["growth"], summary.get("targets")))
    (HERE / f"{RESULTS}.md").write_text(table)
    return table


if __name__ == "__main__":
    if sys.argv[1:] == ["--markdown"]:  # re-render results.md from results.json, measure nothing
        print(write_markdown(json.loads((HERE / f"{RESULTS}.json").read_text())))
        raise SystemExit(0)
    raise SystemExit(main())
