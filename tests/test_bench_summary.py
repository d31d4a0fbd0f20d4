"""The benchmark's arithmetic and markdown (bench/summary.py) on fabricated results.

No timing is measured here: every figure is made up, so each test checks what the harness
concludes from figures (ratios, lower bounds from a tool it stopped, issue #18's verdicts), not
how fast anything is.
"""

from __future__ import annotations

from typing import Any

import pytest

from bench_modules import BENCH, load

_load = load


summary = _load("summary")
BASELINES = summary.BASELINES


def ok(tool: str, size: int, seconds: float, peak_mb: float, group: str = "validate") -> dict:
    return {"group": group, "tool": tool, "size": size, "runs": 3, "status": "ok",
            "seconds": seconds, "peak_mb": peak_mb, "bound_seconds": 300.0}


def stopped(tool: str, size: int, bound: float, peak_at_kill: float) -> dict:
    return {"group": "validate", "tool": tool, "size": size, "runs": 1,
            "status": f"did not finish within {bound:.0f} s", "timed_out": True,
            "bound_seconds": bound, "peak_mb_at_least": peak_at_kill}


def failed(tool: str, size: int, tail: str) -> dict:
    return {"group": "validate", "tool": tool, "size": size, "runs": 1,
            "status": "failed (exit 3)", "error": tail, "bound_seconds": 300.0}


def verdicts(rows: list[dict], size: int | None) -> dict[str, tuple[str, str]]:
    return {r["target"]: (r["measured"], r["verdict"]) for r in rows if r["size"] == size}


def one_size(size: int = 1_000_000, **figures: Any) -> list[dict]:
    """Our validate at 40 s / 200 MB beside whatever each test gives."""
    return [ok(summary.OURS, size, 40.0, 200.0), *figures.values()]


def test_ratios_are_tool_over_ours() -> None:
    results = one_size(fric=ok(summary.FRICTIONLESS, 1_000_000, 480.0, 100.0))
    summary.ratios(results, BASELINES)
    stock = results[1]
    assert stock["time_ratio_vs_ours"] == pytest.approx(12.0)
    assert stock["memory_ratio_vs_ours"] == pytest.approx(0.5)
    assert "time_ratio_vs_ours" not in results[0]  # ours has no baseline


def test_a_stopped_tool_gives_lower_bounds_from_its_own_bound() -> None:
    results = one_size(fric=stopped(summary.FRICTIONLESS, 1_000_000, 900.0, 150.0))
    summary.ratios(results, BASELINES)
    stock = results[1]
    assert stock["time_ratio_vs_ours_at_least"] == pytest.approx(900 / 40)
    assert stock["memory_ratio_vs_ours_at_least"] == pytest.approx(150 / 200)
    assert "time_ratio_vs_ours" not in stock


def test_targets_met_and_missed_on_measured_figures() -> None:
    results = one_size(floor=ok(summary.FLOOR, 1_000_000, 10.0, 90.0),
                       fric=ok(summary.FRICTIONLESS, 1_000_000, 480.0, 250.0),
                       jobs=dict(ok(summary.JOBS, 1_000_000, 25.0, 180.0), group_peak_mb=310.0))
    rows = verdicts(summary.targets(results), 1_000_000)
    assert rows["validate time <= 3x the polars read"][1] == summary.MISSED  # 4x
    assert rows["frictionless time >= 10x validate time"][1] == summary.MET  # 12x
    assert rows["validate peak memory <= frictionless's"] == ("200 MB vs 250 MB", summary.MET)
    measured, verdict = rows["speed-up of validate --jobs 2 over one process"]
    assert measured.startswith("1.60x") and verdict == summary.REPORTED
    assert "180 MB largest single process, 310 MB all processes at once" in measured


def test_a_stopped_frictionless_settles_a_target_only_when_its_bound_does() -> None:
    # stopped at 900 s with ours at 40 s: more than 22.5x, so at least 10x holds; it had reached
    # 150 MB, less than our 200 MB, so whether its true peak is above ours is unknown
    rows = verdicts(summary.targets(one_size(fric=stopped(summary.FRICTIONLESS, 1_000_000,
                                                          900.0, 150.0))), 1_000_000)
    measured, verdict = rows["frictionless time >= 10x validate time"]
    assert measured.startswith("> 22.5x") and verdict == summary.MET
    measured, verdict = rows["validate peak memory <= frictionless's"]
    assert measured.startswith("200 MB vs >= 150 MB") and verdict == summary.UNKNOWN
    # a short bound proves nothing about 10x; a peak above ours at the kill proves the memory
    rows = verdicts(summary.targets(one_size(fric=stopped(summary.FRICTIONLESS, 1_000_000,
                                                          300.0, 900.0))), 1_000_000)
    assert rows["frictionless time >= 10x validate time"][1] == summary.UNKNOWN  # > 7.5x
    assert rows["validate peak memory <= frictionless's"][1] == summary.MET


def test_missing_or_failed_figures_are_unknown_with_the_reason() -> None:
    results = one_size(fric=failed(summary.FRICTIONLESS, 10_000, "Traceback ...\nKeyError: x"))
    results[0]["size"] = 10_000
    rows = verdicts(summary.targets(results), 10_000)
    measured, verdict = rows["frictionless time >= 10x validate time"]
    assert verdict == summary.UNKNOWN and "failed (exit 3)" in measured
    measured, verdict = rows["validate time <= 3x the polars read"]
    assert verdict == summary.UNKNOWN and "polars read not measured" in measured


def test_qdpx_targets_cover_export_and_import() -> None:
    results = [ok(summary.QDPX_EXPORT, 100_000, 8.0, 250.0, "qdpx"),
               ok(summary.QDPX_IMPORT, 100_000, 12.0, 250.0, "qdpx")]
    rows = verdicts(summary.targets(results), 100_000)
    assert rows["QDPX export < 10 s and < 300 MB"] == ("8.0 s, 250 MB", summary.MET)
    assert rows["QDPX import < 10 s and < 300 MB"] == ("12.0 s, 250 MB", summary.MISSED)
    assert not any("polars" in target for target in rows)  # no validate figures at this size


def test_startup_is_judged_on_wall_time() -> None:
    figures = {"runs": 15, "wall_median": 0.25, "wall_min": 0.2, "cpu_median": 0.24,
               "cpu_min": 0.2, "load_average": 0.5}
    row = summary.targets([], figures)[-1]
    assert row["size"] is None and row["verdict"] == summary.MET
    row = summary.targets([], dict(figures, wall_median=0.9))[-1]
    assert row["verdict"] == summary.MISSED and row["measured"].startswith("0.900 s wall")
    row = summary.targets([], {"error": "exit 3: boom"})[-1]
    assert row["verdict"] == summary.UNKNOWN and "boom" in row["measured"]


def test_growth_compares_consecutive_finished_sizes() -> None:
    results = [ok(summary.OURS, 10_000, 2.0, 100.0), ok(summary.OURS, 100_000, 8.0, 150.0),
               stopped(summary.FRICTIONLESS, 100_000, 300.0, 80.0)]
    assert summary.growth(results) == [{
        "tool": summary.OURS, "from": 10_000, "to": 100_000, "size_factor": 10.0,
        "time_factor": 4.0, "memory_factor": 1.5}]


def _summary(results: list[dict], **extra: Any) -> dict:
    return {"date": "2026-11-30 21:00 UTC", "sizes": [1_000_000], "runs": 3,
            "timeout_seconds": 300.0, "versions": {"polars": "2.1.0"},
            "machine": {"cpus": 2, "memory": "1 kB", "python": "3.11",
                        "load_average_at_start": [0.1]}, "results": results, **extra}


def test_markdown_shows_bounds_failures_and_every_section() -> None:
    results = one_size(fric=stopped(summary.FRICTIONLESS, 1_000_000, 900.0, 150.0),
                       linkml=failed(summary.LINKML, 1_000_000, "line 1\nMemoryError: no room"))
    text = summary.render(_summary(results, partial="groups validate only",
                                   startup={"runs": 15, "wall_median": 0.25, "wall_min": 0.2,
                                            "cpu_median": 0.24, "cpu_min": 0.2,
                                            "load_average": 0.5},
                                   pii={"rows": [{"category": "email", "items": 4, "expected": 4,
                                                  "found": 3, "recall": 0.75,
                                                  "false_positives": 1}]},
                                   prepare=[{"size": 1_000_000, "step": "6 site packages",
                                             "seconds": 9.5, "status": "ok"},
                                            {"size": 1_000_000, "step": "merged package",
                                             "seconds": 1.0,
                                             "status": "failed: a | b\nerror: c"}]), BASELINES)
    assert text.startswith("**Partial run** (groups validate only)")
    row = next(line for line in text.splitlines() if line.startswith(f"| validate | "
                                                                      f"{summary.FRICTIONLESS}"))
    cells = [c.strip() for c in row.split("|")[1:-1]]
    assert cells[4:9] == ["did not finish within 900 s", "> 900", ">= 150", "> 22.50", ">= 0.75"]
    assert ("- frictionless validate (with foreign keys) at 1,000,000 quotes did not finish "
            "within 900 s; it had reached 150 MB when it was stopped.") in text
    assert "      MemoryError: no room" in text  # the stderr tail, as a code block
    for heading in ("### Targets of issue #18", "### Every figure", "### Time-outs and failures",
                    "### Start-up", "### PII scanner", "### Corpus preparation"):
        assert heading in text
    assert "### Growth" not in text  # one size: nothing to compare
    assert "| email | 4 | 4 | 3 | 0.750 | 1 |" in text
    assert "| 1,000,000 | 6 site packages | 9.5 | ok |" in text
    assert "| 1,000,000 | merged package | 1.0 | failed: a \\| b error: c |" in text


def test_markdown_of_a_results_file_from_before_bounds_were_kept_per_tool() -> None:
    old = stopped(summary.FRICTIONLESS, 1_000_000, 300.0, 0.0)
    del old["bound_seconds"], old["peak_mb_at_least"], old["timed_out"]
    text = summary.render(_summary(one_size(fric=old)), BASELINES)
    assert "did not finish within 300 s; its memory was not recorded." in text  # the run's bound
    assert "> 7.50" in text
    assert "**Partial run**" not in text


def test_the_committed_results_md_is_the_committed_results_json_rendered() -> None:
    """docs/benchmarks.md shows bench/results.md: it must say what results.json holds (a change
    to the tables without `bench/run.py --markdown` fails here)."""
    import json

    recorded = json.loads((BENCH / "results.json").read_text())
    text = summary.render(recorded, summary.BASELINES)
    assert text == (BENCH / "results.md").read_text()
    assert "### Targets of issue #18" in text
