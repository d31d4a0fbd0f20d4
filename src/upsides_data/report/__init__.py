"""``upsides report``: the tables and figures a coordinating centre writes into its papers.

From the data alone, per study: characteristics of focus groups and participants per site (Table
1 kind), themes with quote and evidence counts (Table 2 kind), a theme x site matrix with a
heatmap, COREQ coverage, the subthemes supported only by sites of one income group, and the
findings; plus the studies with the consortium's totals. Each study is computed on its own slice
of the tables (``slices``), so its rows never change when other studies are added. Output is
Markdown, CSV, PNG, SVG and one self-contained HTML page, safe to open (``render``), written
atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

import polars as pl

from upsides_data.errors import UsageError
from upsides_data.gateway import read_inputs
from upsides_data import arguments
from upsides_data.output import check_target, write_directory
from upsides_data.package.union import union_tables
from upsides_data.report import coreq, figures, render, tables
from upsides_data.report.model import ReportData
from upsides_data.report.slices import study_ids, study_slice
from upsides_data.restricted import notice, restricted_names

_TEXT = {
    "studies": "Focus groups, participants and quotes per study, and the consortium's totals. A "
               "total is missing when a study's figure is (a partial sum would understate).",
    "characteristics": "Focus groups and participants per study and site; the city is the one of "
                       "the site's participation in that study. Figures a source does not give "
                       "are shown as missing, never as zero; a study's total row falls back to "
                       "its study-level aggregates when per-site figures are absent.",
    "themes": "Each study's themes and subthemes with the quotes and citation-only evidence "
              "references reported under them (counts include subthemes; *_direct columns do "
              "not).",
    "matrix": "Quotes plus evidence references per study, theme (with its subthemes) and site.",
    "coreq": "Per study, which of the 32 COREQ items the metadata documents. 'not recordable' "
             "marks items the standard has no place for.",
    "income": "Per study, subthemes with the World Bank income groups of the sites supporting "
              "them, from the classification in force for that study (with its fiscal year); "
              "single_income_group marks those supported only by sites of one group.",
    "findings": "Each study's cross-site findings with the sites they hold for.",
    "agreement": "Per study, inter-coder agreement of the codings by several coders, per code "
                 "and site "
                 "(segments: spans any coder coded; a coder's value is 1 where their span of the "
                 "code overlaps): percent agreement, Cohen's kappa (two coders) and "
                 "Krippendorff's alpha (nominal). Shown only when codings by two or more coders "
                 "exist; `upsides agreement` computes other units and themes.",
}
# Shown after TITLES when the packages hold codings by several coders.
AGREEMENT_TITLE = ("7. Inter-coder agreement", "agreement", "7-agreement")
TITLES = [
    ("0. Studies", "studies", "0-studies"),
    ("1. Characteristics of focus groups and participants", "characteristics",
     "1-characteristics"),
    ("2. Themes and subthemes", "themes", "2-themes"),
    ("3. Themes by site", "matrix", "3-theme-site-matrix"),
    ("4. COREQ coverage", "coreq", "4-coreq-coverage"),
    ("5. Income-group comparison", "income", "5-income-comparison"),
    ("6. Cross-site findings", "findings", "6-findings"),
]
PER_STUDY = {
    "characteristics": tables.characteristics,
    "themes": tables.themes,
    "matrix": tables.theme_site_matrix,
    "coreq": coreq.coverage,
    "income": tables.income_comparison,
    "findings": tables.findings,
}


TITLE = "Study report"
DRAFT_TITLE = "Study report (draft: the packages were not validated)"


def build(paths: Iterable[str | Path], *, validate: bool = True) -> dict[str, pl.DataFrame]:
    """Compute every report table from the packages at ``paths`` (validated first, unless
    ``validate`` is False; ``InvalidInputError`` when they do not validate)."""
    read = read_inputs(list(paths), validate=validate, purpose="report")
    return build_from_tables(union_tables(read.packages))


def build_from_tables(union: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Every report table, each computed per study on that study's slice and led by ``study``."""
    per_study = {study: ReportData(study_slice(union, study)) for study in study_ids(union)}
    results = {key: _stack(function, per_study) for key, function in PER_STUDY.items()}
    results["studies"] = tables.studies(per_study, results["characteristics"])
    return results


def _stack(function: Callable[[ReportData], pl.DataFrame],
           per_study: dict[str, ReportData]) -> pl.DataFrame:
    """``function`` on each study's data, with the study as first column, studies in id order."""
    empty = function(ReportData(union_tables([])))
    frames = [function(data).select(pl.lit(study, dtype=pl.String).alias("study"), pl.all())
              for study, data in per_study.items()]
    template = empty.select(pl.lit(None, dtype=pl.String).alias("study"), pl.all()).clear()
    return pl.concat([template, *frames], how="vertical_relaxed") if frames else template


def write_report(paths: Iterable[str | Path], out: str | Path | None = None, *,
                 force: bool = False, validate: bool = True,
                 out_dir: str | Path | None = None, overwrite: bool | None = None) -> Path:
    """Write the report for ``paths`` into the folder ``out`` through the output writer; return it.

    The packages are validated first: when they do not validate, ``InvalidInputError`` and
    nothing is written. With ``validate=False`` the report's title says it is a draft.
    ``out`` may never be, hold or sit inside an input (``report CONS -o CONS --force``
    is refused, never a deleted package); ``force`` replaces an existing ``out``. ``out_dir``
    and ``overwrite`` are the old, deprecated names of ``out`` and ``force``."""
    inputs = arguments.paths(paths, function="write_report")
    if not inputs:
        raise UsageError("give at least one package")
    target = arguments.out(out, out_dir, function="write_report", old="out_dir")
    overwrite = arguments.force(force, overwrite, function="write_report")
    check_target(target, inputs=inputs, force=overwrite)
    read = read_inputs(inputs, validate=validate, purpose="report")
    results = build_from_tables(union_tables(read.packages))
    agreement = _agreement(read.packages)
    if agreement is not None:
        results["agreement"] = agreement
    banner = notice(restricted_names(read.packages))
    with write_directory(target, inputs=inputs, force=overwrite) as staging:
        _write(results, staging, TITLE if validate else DRAFT_TITLE, banner)
    return target


def _write(results: dict[str, pl.DataFrame], folder: Path, title: str,
           banner: str | None = None) -> None:
    """The CSVs, the heatmap, report.md and report.html; ``banner`` marks restricted data."""
    titles = TITLES + ([AGREEMENT_TITLE] if "agreement" in results else [])
    for _, key, stem in titles:
        render.write_csv(results[key], folder / f"{stem}.csv")
    png, svg = folder / "3-theme-site-heatmap.png", folder / "3-theme-site-heatmap.svg"
    grid = tables.wide(results["matrix"])
    figures.heatmap(grid, png, svg)
    md = [f"# {render.markdown_text(title)}", ""] + ([f"> **{banner}**", ""] if banner else [])
    for heading, key, _ in titles:
        md += [f"## {heading}", "", _TEXT[key], "", render.markdown_table(_shown(results, key)), ""]
        if key == "matrix":
            md += ["![Themes by site](3-theme-site-heatmap.svg)", ""]
    (folder / "report.md").write_text("\n".join(md), encoding="utf-8")
    sections: list[tuple[str, str, pl.DataFrame | None]] = [
        (h, _TEXT[k], _shown(results, k)) for h, k, _ in titles]
    (folder / "report.html").write_text(render.html_page(title, sections, png, banner=banner),
                                        encoding="utf-8")


def _agreement(packages: list[Any]) -> pl.DataFrame | None:
    """The agreement table by code and segment, when codings by two or more coders exist."""
    from upsides_data.agreement import COLUMNS, agreement_table, collect, of_study

    found = collect(packages)
    if len({s.coder for s in found.spans}) < 2:
        return None
    rows = []
    for study in sorted({found.study_of.get(s.transcript, "(unknown)") for s in found.spans}):
        part = of_study(found, study)
        if len({s.coder for s in part.spans}) >= 2:
            rows += [{"study": study, **row} for row in agreement_table(part)]
    schema = {"study": pl.String} | {c: pl.String for c in COLUMNS[:5]} | {
        "coders": pl.Int64, "units": pl.Int64, "percent_agreement": pl.Float64,
        "cohen_kappa": pl.Float64, "krippendorff_alpha": pl.Float64}
    frame = pl.DataFrame(rows, schema=schema)
    return frame.with_columns(pl.col(pl.Float64).round(4))


def _shown(results: dict[str, pl.DataFrame], key: str) -> pl.DataFrame:
    """The table as the page shows it: the matrix as a theme x site grid."""
    return tables.wide(results[key]) if key == "matrix" else results[key]
