"""``upsides report``: the tables and figures a coordinating centre writes into its papers.

From the data alone: characteristics of focus groups and participants per site (Table 1 kind),
themes with quote and evidence counts (Table 2 kind), a theme x site matrix with a heatmap, COREQ
coverage, and the subthemes supported only by sites of one income group. Output is Markdown,
CSV, PNG, SVG and one self-contained HTML page, written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from upsides_data.atomic import atomic_directory
from upsides_data.errors import UsageError
from upsides_data.package.union import open_all, union_tables
from upsides_data.report import coreq, figures, render, tables
from upsides_data.report.model import ReportData
from upsides_data.restricted import notice, restricted_names

_TEXT = {
    "characteristics": "Focus groups and participants per site. Figures a source does not give "
                       "are shown as missing, never as zero; totals fall back to the study-level "
                       "aggregates when per-site figures are absent.",
    "themes": "Themes and subthemes with the quotes and citation-only evidence references "
              "reported under them (counts include subthemes; *_direct columns do not).",
    "matrix": "Quotes plus evidence references per theme (with its subthemes) and site.",
    "coreq": "Which of the 32 COREQ items the metadata documents. 'not recordable' marks items the "
             "standard has no place for.",
    "income": "Subthemes with the World Bank income groups (classification in force for the study, "
              "with its fiscal year) of the sites supporting them; single_income_group marks those "
              "supported only by sites of one group.",
    "findings": "Cross-site findings with the sites they hold for.",
}


def build(paths: Iterable[str | Path]) -> dict[str, object]:
    """Compute every report table from the packages at ``paths``."""
    packages = open_all(paths)
    data = ReportData(union_tables(packages))
    return {
        "restricted": restricted_names(packages),
        "characteristics": tables.characteristics(data),
        "themes": tables.themes(data),
        "matrix": tables.theme_site_matrix(data),
        "coreq": coreq.coverage(data),
        "income": tables.income_comparison(data),
        "findings": tables.findings(data),
    }


def write_report(paths: Iterable[str | Path], out_dir: str | Path, *,
                 overwrite: bool = False) -> Path:
    """Write the report for ``paths`` into ``out_dir`` (atomically) and return it."""
    paths = list(paths)
    if not paths:
        raise UsageError("give at least one package")
    out = Path(out_dir)
    if out.exists() and not overwrite:
        raise UsageError(f"{out} already exists (choose another output or remove it)")
    results = build(paths)
    with atomic_directory(out) as staging:
        _write(results, staging)
    return out


def _write(results: dict, folder: Path) -> None:
    names = {"characteristics": "1-characteristics", "themes": "2-themes",
             "matrix": "3-theme-site-matrix", "coreq": "4-coreq-coverage",
             "income": "5-income-comparison", "findings": "6-findings"}
    for key, stem in names.items():
        render.write_csv(results[key], folder / f"{stem}.csv")
    png, svg = folder / "3-theme-site-heatmap.png", folder / "3-theme-site-heatmap.svg"
    figures.heatmap(results["matrix"], png, svg)
    titles = [
        ("1. Characteristics of focus groups and participants", "characteristics"),
        ("2. Themes and subthemes", "themes"),
        ("3. Themes by site", "matrix"),
        ("4. COREQ coverage", "coreq"),
        ("5. Income-group comparison", "income"),
        ("6. Cross-site findings", "findings"),
    ]
    banner = notice(results.get("restricted", []))
    md = ["# Study report", ""] + ([f"> **{banner}**", ""] if banner else [])
    for heading, key in titles:
        md += [f"## {heading}", "", _TEXT[key], "", render.markdown_table(results[key]), ""]
        if key == "matrix":
            md += ["![Themes by site](3-theme-site-heatmap.svg)", ""]
    (folder / "report.md").write_text("\n".join(md), encoding="utf-8")
    sections = [(h, _TEXT[k], results[k]) for h, k in titles]
    (folder / "report.html").write_text(render.html_page("Study report", sections, png,
                                                         banner=banner),
                                        encoding="utf-8")
