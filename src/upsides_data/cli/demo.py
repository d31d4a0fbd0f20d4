"""``upsides demo``: the main job on the bundled examples, end to end.

Validates every example package, merges the three UPSIDES studies (A: the pre-implementation
focus groups with mental health workers; B and C: the follow-up focus groups with mental health
workers and with peer support workers) into one consortium package, validates that, prints one
line per study and the consortium's totals, exports it as RDF and writes study A's report. Output
goes to ``out/demo``, replaced as a whole on each run through the output writer (so it can never
be, hold or sit inside the examples). Exit 1 when any package is invalid.

The examples come from ``--examples``, else from the installed package data (a wheel ships the
three studies) or the source checkout (``resources.examples_dir``), so the command works from any
directory; when neither has them it says where it looked (exit 2).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

# The consortium's studies, in the order they were run; the synthetic corpus stays out.
STUDIES = ("upsides-mhw-2019", "upsides-mhw-followup", "upsides-psw-followup")
CONSORTIUM = "upsides-consortium"


def _packages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if (p / "datapackage.json").is_file())


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        examples: Optional[Path] = typer.Option(
            None, help="Folder holding the example corpora (default: the bundled examples)."),
        out: Path = typer.Option(Path("out/demo"), "-o", "--out", help="Where to write results."),
    ) -> None:
        """Validate the bundled examples, merge the three studies, export RDF and report."""
        from upsides_data.errors import UsageError
        from upsides_data.output import write_directory
        from upsides_data.resources import examples_dir

        examples = examples if examples is not None else examples_dir()
        corpora = (sorted(p for p in examples.iterdir() if p.is_dir() and _packages(p))
                   if examples.is_dir() else [])
        if not corpora:
            raise UsageError(_not_found(examples, "no packages"))
        with write_directory(out, inputs=[examples], force=True) as staging:
            failed = _run(examples, corpora, staging, out)
        if failed:
            raise typer.Exit(1)


def _run(examples: Path, corpora: list[Path], staging: Path, out: Path) -> bool:
    """Do the demo's work into ``staging`` (printing the final paths under ``out``); True if
    some package failed."""
    from upsides_data.merge import merge
    from upsides_data.rdf.export import export_rdf
    from upsides_data.report import build, write_report
    from upsides_data.validate.runner import validate

    failed = False
    for corpus in corpora:
        for package in _packages(corpus):
            report = validate([package, *(p for p in _packages(corpus) if p != package)])
            mine = [f for f in report.errors if f.package in (None, _name(package))]
            status = "valid" if not mine else f"INVALID ({len(mine)} errors)"
            typer.echo(f"validate {package}: {status}, {len(report.warnings)} warnings")
            failed = failed or bool(mine)
    missing = [study for study in STUDIES if not (examples / study).is_dir()]
    if missing:
        from upsides_data.errors import UsageError

        raise UsageError(_not_found(examples, "missing " + ", ".join(missing)))
    inputs = [p for study in STUDIES for p in _packages(examples / study)]
    consortium = staging / CONSORTIUM
    merged = merge(inputs, consortium, name=CONSORTIUM)  # a conflict raises ConflictError
    merged_report = validate([consortium])
    typer.echo(f"merge {len(inputs)} packages of {len(STUDIES)} studies -> {out / CONSORTIUM}: "
               f"{'valid' if merged_report.valid else 'INVALID'}")
    failed = failed or not merged_report.valid
    for line in _study_lines(consortium):
        typer.echo(line)
    for fmt, suffix in (("turtle", "ttl"), ("jsonld", "jsonld"), ("ntriples", "nt")):
        target = staging / f"{CONSORTIUM}.{suffix}"
        export_rdf([consortium], target, format=fmt)
        typer.echo(f"export rdf ({fmt}) -> {out / target.name}")
    paper = _packages(examples / STUDIES[0])
    write_report(paper, staging / "report")
    typer.echo(f"report (study A) -> {out / 'report' / 'report.html'}")
    tables = build(paper)
    total = tables["characteristics"].filter(tables["characteristics"]["site"] == "Total")
    row = total.row(0, named=True)
    themes = tables["themes"]
    typer.echo(
        f"study A figures: {row['focus_groups']} focus groups, {row['participants']} "
        f"participants ({row['female']} female, mean age {row['age_mean']}, "
        f"{row['age_min']}-{row['age_max']}), {tables['characteristics'].height - 1} sites "
        f"in {row['country']}, {themes.filter(themes['depth'] == 0).height} main themes, "
        f"{merged.rows.get('quote', 0)} quotes, "
        f"{merged.rows.get('evidence_reference', 0)} evidence references, "
        f"{merged.rows.get('finding', 0)} cross-site findings")
    return failed


def _not_found(examples: Path, what: str) -> str:
    return (f"the example corpora were not found in {examples} ({what}); pass --examples with "
            "the examples/ folder of a checkout of upsides-data")


def _study_lines(consortium: Path) -> list[str]:
    """One line per study of the merged package, then the consortium's totals."""
    from upsides_data.studies import consortium_figures

    figures = consortium_figures(consortium)
    moved = [label for label, _ in figures.moved_sites]
    lines = []
    for study in figures.studies:
        where = "".join(f"; {label} in {study.cities[label]}" for label in moved
                        if label in study.cities)
        lines.append(f"study {study.scope} ({study.phase}, {study.population}): "
                     f"{study.focus_groups} focus groups, {study.participants} participants, "
                     f"{study.sites} sites{where}")
    shared = "".join(f"; site {label}: " + ", ".join(f"{city} for {' and '.join(scopes)}"
                                                    for city, scopes in cities)
                     for label, cities in figures.moved_sites)
    lines.append(f"consortium: {len(figures.studies)} studies, {figures.focus_groups} focus "
                 f"groups, {figures.participants} participants, {figures.sites} sites{shared}")
    return lines


def _name(package: Path) -> str:
    import json

    return str(json.loads((package / "datapackage.json").read_text(encoding="utf-8")).get("name"))
