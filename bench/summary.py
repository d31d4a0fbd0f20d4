"""What a benchmark run's raw figures mean: ratios, growth, issue #18's targets, and the markdown.

Pure functions over the entries ``run.py`` measured (one dict per tool and size), so they can be
tested on fabricated results. An entry is ``ok`` (``seconds``, ``peak_mb``: medians), timed out
(``timed_out``, ``bound_seconds``, ``peak_mb_at_least``: the peak it reached until it was killed)
or failed (``error``: the tail of its stderr). A tool that timed out gives lower bounds, never a
figure: it ran longer than its bound and used at least the memory it had reached.
"""

from __future__ import annotations

from typing import Any

Entry = dict[str, Any]

OURS = "upsides validate (all layers)"
MODELS = "upsides validate --engine models (row-wise Pydantic layer 3)"
JOBS = "upsides validate --jobs 2 (one process per package)"
FRICTIONLESS = "frictionless validate (with foreign keys)"
LINKML = "linkml-validate (JSON, target Dataset)"
FLOOR = "polars read of the same CSVs (I/O floor)"
QDPX_EXPORT = "upsides export qdpx (one site holding every quote)"
QDPX_IMPORT = "upsides import qdpx (one site holding every quote)"
RDF = "upsides export rdf (N-Triples)"
DUMPER = "linkml rdflib_dumper (Turtle)"
# each tool compared with another: its ratios are tool / that one
BASELINES = {MODELS: OURS, JOBS: OURS, FRICTIONLESS: OURS, LINKML: OURS, FLOOR: OURS,
             DUMPER: RDF}

# issue #18, item 3 and item 5
FLOOR_FACTOR = 3.0  # validate within 3x the polars read
FRICTIONLESS_SPEEDUP = 10.0  # at least 10x faster than frictionless validate
QDPX_SECONDS, QDPX_MB = 10.0, 300.0  # QDPX export and import at 100k quotes
STARTUP_SECONDS = 0.3  # upsides --help

MET, MISSED, UNKNOWN, REPORTED = "met", "missed", "unknown", "reported (no target)"


def ratios(results: list[Entry], baselines: dict[str, str]) -> None:
    """Add each tool's time and memory ratio to the tool it is compared with (tool / ours).

    ``baselines`` maps a tool to the one it is compared with. A tool that timed out gets lower
    bounds (``..._at_least``): its bound, and the peak it had reached, over our figures.
    """
    by_key = {(r["tool"], r["size"]): r for r in results}
    for other in results:
        base = baselines.get(other["tool"])
        ours = by_key.get((base, other["size"])) if base else None
        if not ours or not ours.get("seconds"):
            continue
        if other.get("timed_out"):
            other["time_ratio_vs_ours_at_least"] = other["bound_seconds"] / ours["seconds"]
            if other.get("peak_mb_at_least") and ours.get("peak_mb"):
                other["memory_ratio_vs_ours_at_least"] = other["peak_mb_at_least"] / ours["peak_mb"]
        elif other.get("seconds"):
            other["time_ratio_vs_ours"] = other["seconds"] / ours["seconds"]
            other["memory_ratio_vs_ours"] = other["peak_mb"] / ours["peak_mb"]
            if other.get("units_per_second") and ours.get("units_per_second"):
                other["rate_ratio_ours_vs_tool"] = (ours["units_per_second"]
                                                    / other["units_per_second"])


def growth(results: list[Entry]) -> list[Entry]:
    """How each tool's time grows from each size it finished to the next (linear: equal factors).

    A fixed start-up cost (imports, about half a second for our CLI) makes the first step grow
    by less than the size; the step between the two largest sizes shows the slope best.
    """
    rows = []
    for tool in dict.fromkeys(r["tool"] for r in results):
        done = sorted((r for r in results if r["tool"] == tool and r.get("seconds")),
                      key=lambda r: r["size"])
        for first, last in zip(done, done[1:]):
            rows.append({"tool": tool, "from": first["size"], "to": last["size"],
                         "size_factor": last["size"] / first["size"],
                         "time_factor": last["seconds"] / first["seconds"],
                         "memory_factor": last["peak_mb"] / first["peak_mb"]})
    return rows


def _why_no_figure(name: str, entry: Entry | None) -> str:
    if entry is None:
        return f"{name} not measured"
    return f"{name}: {entry.get('status', 'no figure')}"


def _row(size: int | None, target: str, measured: str, verdict: str) -> Entry:
    return {"size": size, "target": target, "measured": measured, "verdict": verdict}


def _floor_target(size: int, ours: Entry | None, floor: Entry | None) -> Entry:
    target = f"validate time <= {FLOOR_FACTOR:g}x the polars read"
    if ours and ours.get("seconds") and floor and floor.get("seconds"):
        ratio = ours["seconds"] / floor["seconds"]
        return _row(size, target, f"{ratio:.1f}x ({ours['seconds']:.2f} s vs "
                    f"{floor['seconds']:.2f} s)", MET if ratio <= FLOOR_FACTOR else MISSED)
    if ours and ours.get("timed_out") and floor and floor.get("seconds"):
        ratio = ours["bound_seconds"] / floor["seconds"]
        return _row(size, target, f"> {ratio:.1f}x (validate did not finish)",
                    MISSED if ratio > FLOOR_FACTOR else UNKNOWN)
    missing = _why_no_figure("validate", ours) if not (ours and ours.get("seconds")) else \
        _why_no_figure("polars read", floor)
    return _row(size, target, missing, UNKNOWN)


def _frictionless_speed_target(size: int, ours: Entry | None, stock: Entry | None) -> Entry:
    target = f"frictionless time >= {FRICTIONLESS_SPEEDUP:g}x validate time"
    if not (ours and ours.get("seconds")):
        return _row(size, target, _why_no_figure("validate", ours), UNKNOWN)
    if stock and stock.get("seconds"):
        speed = stock["seconds"] / ours["seconds"]
        return _row(size, target, f"{speed:.1f}x ({stock['seconds']:.1f} s vs "
                    f"{ours['seconds']:.1f} s)", MET if speed >= FRICTIONLESS_SPEEDUP else MISSED)
    if stock and stock.get("timed_out"):
        at_least = stock["bound_seconds"] / ours["seconds"]
        return _row(size, target, f"> {at_least:.1f}x (frictionless did not finish within "
                    f"{stock['bound_seconds']:.0f} s; validate {ours['seconds']:.1f} s)",
                    MET if at_least >= FRICTIONLESS_SPEEDUP else UNKNOWN)
    return _row(size, target, _why_no_figure("frictionless", stock), UNKNOWN)


def _frictionless_memory_target(size: int, ours: Entry | None, stock: Entry | None) -> Entry:
    target = "validate peak memory <= frictionless's"
    if not (ours and ours.get("peak_mb")):
        return _row(size, target, _why_no_figure("validate", ours), UNKNOWN)
    if stock and stock.get("peak_mb"):
        return _row(size, target, f"{ours['peak_mb']:.0f} MB vs {stock['peak_mb']:.0f} MB",
                    MET if ours["peak_mb"] <= stock["peak_mb"] else MISSED)
    if stock and stock.get("peak_mb_at_least"):
        # its true peak is at least what it had reached when it was stopped
        return _row(size, target, f"{ours['peak_mb']:.0f} MB vs >= "
                    f"{stock['peak_mb_at_least']:.0f} MB (frictionless stopped at its bound)",
                    MET if ours["peak_mb"] <= stock["peak_mb_at_least"] else UNKNOWN)
    return _row(size, target, _why_no_figure("frictionless", stock), UNKNOWN)


def _qdpx_target(size: int, name: str, entry: Entry | None) -> Entry:
    target = f"QDPX {name} < {QDPX_SECONDS:g} s and < {QDPX_MB:g} MB"
    if entry and entry.get("seconds"):
        met = entry["seconds"] < QDPX_SECONDS and entry["peak_mb"] < QDPX_MB
        return _row(size, target, f"{entry['seconds']:.1f} s, {entry['peak_mb']:.0f} MB",
                    MET if met else MISSED)
    if entry and entry.get("timed_out") and entry["bound_seconds"] >= QDPX_SECONDS:
        return _row(size, target, f"> {entry['bound_seconds']:.0f} s (did not finish)", MISSED)
    return _row(size, target, _why_no_figure(name, entry), UNKNOWN)


def _jobs_row(size: int, ours: Entry | None, jobs: Entry | None) -> Entry:
    target = "speed-up of validate --jobs 2 over one process"
    if ours and ours.get("seconds") and jobs and jobs.get("seconds"):
        together = (f", {jobs['group_peak_mb']:.0f} MB all processes at once (sampled)"
                    if jobs.get("group_peak_mb") else "")
        return _row(size, target, f"{ours['seconds'] / jobs['seconds']:.2f}x "
                    f"({ours['seconds']:.2f} s vs {jobs['seconds']:.2f} s; peak "
                    f"{jobs['peak_mb']:.0f} MB largest single process{together})", REPORTED)
    missing = _why_no_figure("validate", ours) if not (ours and ours.get("seconds")) else \
        _why_no_figure("--jobs 2", jobs)
    return _row(size, target, missing, UNKNOWN)


def startup_target(startup: Entry | None) -> Entry | None:
    """``upsides --help`` under 0.3 s, judged on wall time (CPU time shown beside it)."""
    if not startup:
        return None
    target = f"`upsides --help` wall time < {STARTUP_SECONDS:g} s (median)"
    if startup.get("error"):
        return _row(None, target, f"failed: {startup['error']}", UNKNOWN)
    return _row(None, target, f"{startup['wall_median']:.3f} s wall, {startup['cpu_median']:.3f} s "
                f"CPU (median of {startup['runs']}; load average {startup['load_average']:.1f})",
                MET if startup["wall_median"] < STARTUP_SECONDS else MISSED)


def targets(results: list[Entry], startup: Entry | None = None) -> list[Entry]:
    """Every target of issue #18's item 5 (and item 3's start-up) at each size measured.

    The validate targets are asked at 1M and shown at every size; QDPX's at every size it was
    run (100k). A target whose figures are missing or only bounded either way is ``unknown``,
    with the reason; the speed-up of ``--jobs 2`` has no target and is reported.
    """
    by_key = {(r["tool"], r["size"]): r for r in results}
    rows: list[Entry] = []
    for size in sorted({r["size"] for r in results}):
        tools = {r["tool"] for r in results if r["size"] == size}
        ours = by_key.get((OURS, size))
        if tools & {OURS, FLOOR, FRICTIONLESS, JOBS}:
            stock = by_key.get((FRICTIONLESS, size))
            rows.append(_floor_target(size, ours, by_key.get((FLOOR, size))))
            rows.append(_frictionless_speed_target(size, ours, stock))
            rows.append(_frictionless_memory_target(size, ours, stock))
            rows.append(_jobs_row(size, ours, by_key.get((JOBS, size))))
        for name, tool in (("export", QDPX_EXPORT), ("import", QDPX_IMPORT)):
            if tools & {QDPX_EXPORT, QDPX_IMPORT}:
                rows.append(_qdpx_target(size, name, by_key.get((tool, size))))
    start = startup_target(startup)
    if start:
        rows.append(start)
    return rows


def _cell(text: object) -> str:
    """Text safe inside a markdown table cell (a stderr line may hold pipes or newlines)."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _num(value: object, fmt: str) -> str:
    return "" if value is None else format(value, fmt)


def _seconds_cell(r: Entry) -> str:
    if r.get("timed_out"):
        return f"> {r['bound_seconds']:.0f}"
    return _num(r.get("seconds"), ".2f")


def _peak_cell(r: Entry) -> str:
    if r.get("peak_mb_at_least"):
        return f">= {r['peak_mb_at_least']:.0f}"
    return _num(r.get("peak_mb"), ".0f")


def _ratio_cell(r: Entry, exact: str, at_least: str, sign: str) -> str:
    if r.get(at_least):
        return f"{sign} {r[at_least]:.2f}"
    return _num(r.get(exact), ".2f")


def results_table(results: list[Entry]) -> list[str]:
    lines = ["| group | tool | quotes | runs | status | seconds | peak MB "
             "| time ratio (tool / ours) | memory ratio (tool / ours) | rate |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        rate = f"{r['units_per_second']:,.0f} triples/s" if r.get("units_per_second") else ""
        if r.get("rate_ratio_ours_vs_tool"):
            rate += f" (ours {r['rate_ratio_ours_vs_tool']:.1f}x faster per triple)"
        lines.append(
            f"| {r['group']} | {r['tool']} | {r['size']:,} | {r.get('runs', '')} | {r['status']} | "
            f"{_seconds_cell(r)} | {_peak_cell(r)} | "
            f"{_ratio_cell(r, 'time_ratio_vs_ours', 'time_ratio_vs_ours_at_least', '>')} | "
            f"{_ratio_cell(r, 'memory_ratio_vs_ours', 'memory_ratio_vs_ours_at_least', '>=')} | "
            f"{rate} |")
    return lines


def targets_table(goals: list[Entry]) -> list[str]:
    lines = ["| quotes | target | measured | verdict |", "|---|---|---|---|"]
    for g in goals:
        size = "" if g["size"] is None else f"{g['size']:,}"
        lines.append(f"| {size} | {g['target']} | {_cell(g['measured'])} | {g['verdict']} |")
    return lines


def problems(results: list[Entry]) -> list[str]:
    """Each time-out and failure in words, with the tail of the tool's stderr."""
    lines: list[str] = []
    for r in results:
        if r.get("timed_out"):
            peak = (f"it had reached {r['peak_mb_at_least']:.0f} MB when it was stopped"
                    if r.get("peak_mb_at_least") else "its memory was not recorded")
            lines.append(f"- {r['tool']} at {r['size']:,} quotes did not finish within "
                         f"{r['bound_seconds']:.0f} s; {peak}.")
        elif r.get("error") is not None:
            lines.append(f"- {r['tool']} at {r['size']:,} quotes {r['status']}; the end of its "
                         "stderr:")
            lines += ["", "      " + "\n      ".join(
                (r["error"].strip() or "(empty)").splitlines()[-12:]), ""]
    return lines


def growth_table(grow: list[Entry]) -> list[str]:
    lines = ["| tool | from | to | size x | time x | memory x |", "|---|---|---|---|---|---|"]
    for g in grow:
        lines.append(f"| {g['tool']} | {g['from']:,} | {g['to']:,} | {g['size_factor']:.0f} | "
                     f"{g['time_factor']:.1f} | {g['memory_factor']:.1f} |")
    return lines


def pii_table(rows: list[Entry]) -> list[str]:
    lines = ["| category | items | expected | found | recall | false positives |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    lines += [f"| {r['category']} | {r['items']} | {r['expected']} | {r['found']} | "
              f"{r['recall']:.3f} | {r['false_positives']} |" for r in rows]
    return lines


def _header(summary: Entry) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in sorted(summary["versions"].items()))
    box = summary["machine"]
    plan = summary.get("plan") or (f"median of {summary['runs']} runs; bound "
                                   f"{summary['timeout_seconds']:.0f} s per run")
    when = f"Run of {summary['date']}" if summary.get("date") else "Run"
    took = (f" (the whole run took {summary['wall_seconds'] / 60:.0f} min)"
            if summary.get("wall_seconds") else "")
    text = (f"{when}{took}. Sizes {', '.join(f'{n:,}' for n in summary['sizes'])} quotes; "
            f"{plan}. Machine: {box.get('cpus')} CPUs, {box.get('memory')}, Python "
            f"{box.get('python')}, load average at start {box.get('load_average_at_start')}. "
            f"Versions: {versions}.")
    if summary.get("partial"):
        text = f"**Partial run** ({summary['partial']}): not every group or size. " + text
    return text


def normalise(summary: Entry) -> Entry:
    """Fill what a results.json written before the bound was kept per entry lacks."""
    for r in summary["results"]:
        if r.get("timed_out") or r["status"].startswith("did not finish within"):
            r["timed_out"] = True
            r.setdefault("bound_seconds", summary.get("timeout_seconds"))
    return summary


def render(summary: Entry, baselines: dict[str, str]) -> str:
    """results.md: targets first, then every figure, problems, growth, start-up, PII, set-up."""
    summary = normalise(summary)
    results = summary["results"]
    ratios(results, baselines)
    goals = targets(results, summary.get("startup"))
    lines = [_header(summary), "", "### Targets of issue #18", ""] + targets_table(goals)
    lines += ["", "### Every figure", ""] + results_table(results)
    trouble = problems(results)
    if trouble:
        lines += ["", "### Time-outs and failures", ""] + trouble
    grow = growth(results)
    if grow:
        lines += ["", "### Growth from one size to the next (linear: time x equals size x)", ""]
        lines += growth_table(grow)
    startup = summary.get("startup")
    if startup:
        lines += ["", "### Start-up", ""]
        if startup.get("error"):
            lines.append(f"`upsides --help` could not be measured: {startup['error']}")
        else:
            lines.append(f"`upsides --help` (`bench/startup.py`, 2 warm-up runs, then "
                         f"{startup['runs']}): wall median {startup['wall_median']:.3f} s (min "
                         f"{startup['wall_min']:.3f} s); CPU median {startup['cpu_median']:.3f} s "
                         f"(min {startup['cpu_min']:.3f} s); load average "
                         f"{startup['load_average']:.1f}.")
    pii = summary.get("pii")
    if pii is not None:
        lines += ["", "### PII scanner (`bench/pii.py`, synthetic multilingual corpus)", ""]
        lines += (pii_table(pii["rows"]) if "rows" in pii
                  else [f"Could not be measured: {pii.get('error')}"])
    prepared = summary.get("prepare")
    if prepared:
        lines += ["", "### Corpus preparation (not timed as a tool)", "",
                  "| quotes | step | seconds | status |", "|---|---|---|---|"]
        for p in prepared:
            lines.append(f"| {p['size']:,} | {p['step']} | {p['seconds']:.1f} | "
                         f"{_cell(p['status'])} |")
    return "\n".join(lines) + "\n"
