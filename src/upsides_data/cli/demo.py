"""``upsides demo``: the main job on the bundled examples, end to end.

Validates every example package, merges the UPSIDES paper corpus into one consortium package,
validates that, exports it as RDF, writes the study report and prints the key figures. Output goes
to ``out/demo``, replaced as a whole on each run through the output writer (so it can never be,
hold or sit inside the examples). Exit 1 when any package is invalid.
"""

from __future__ import annotations

from pathlib import Path

import typer

EXAMPLES = Path("examples")


def _packages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if (p / "datapackage.json").is_file())


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        examples: Path = typer.Option(EXAMPLES, help="Folder holding the example corpora."),
        out: Path = typer.Option(Path("out/demo"), "-o", "--out", help="Where to write results."),
    ) -> None:
        """Validate the bundled examples, merge, export RDF and write the report."""
        from upsides_data.output import write_directory

        corpora = sorted(p for p in examples.iterdir() if p.is_dir() and _packages(p))
        if not corpora:
            raise typer.BadParameter(f"no packages under {examples}")
        with write_directory(out, inputs=[examples], force=True) as staging:
            failed = _run(examples, corpora, staging, out)
        if failed:
            raise typer.Exit(1)


def _run(examples: Path, corpora: list[Path], staging: Path, out: Path) -> bool:
    """Do the demo's work into ``staging`` (printing the final paths under ``out``); True if
    some package failed."""
    from upsides_data.merge import merge
    from upsides_data.rdf.export import to_rdf
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
    paper = examples / "upsides-mhw-2019"
    consortium = staging / "upsides-mhw-2019-consortium"
    merged = merge(_packages(paper), consortium, name="upsides-mhw-2019-consortium")
    if not merged.ok:
        for finding in merged.report.findings:
            typer.echo(f"merge: {finding.rule}: {finding.message}", err=True)
        raise typer.Exit(1)
    merged_report = validate([consortium])
    typer.echo(f"merge {len(_packages(paper))} packages -> {out / consortium.name}: "
               f"{'valid' if merged_report.valid else 'INVALID'}")
    failed = failed or not merged_report.valid
    for fmt, suffix in (("turtle", "ttl"), ("jsonld", "jsonld"), ("ntriples", "nt")):
        target = staging / f"upsides-mhw-2019.{suffix}"
        to_rdf([consortium], target, format=fmt)
        typer.echo(f"export rdf ({fmt}) -> {out / target.name}")
    write_report([consortium], staging / "report")
    typer.echo(f"report -> {out / 'report' / 'report.html'}")
    tables = build([consortium])
    total = tables["characteristics"].filter(tables["characteristics"]["site"] == "Total")
    row = total.row(0, named=True)
    themes = tables["themes"]
    typer.echo(
        f"figures: {row['focus_groups']} focus groups, {row['participants']} participants "
        f"({row['female']} female, mean age {row['age_mean']}, {row['age_min']}-{row['age_max']}), "
        f"{tables['characteristics'].height - 1} sites in {row['country']}, "
        f"{themes.filter(themes['depth'] == 0).height} main themes, "
        f"{merged.rows.get('quote', 0)} quotes, "
        f"{merged.rows.get('evidence_reference', 0)} evidence references, "
        f"{merged.rows.get('finding', 0)} cross-site findings")
    return failed


def _name(package: Path) -> str:
    import json

    return str(json.loads((package / "datapackage.json").read_text(encoding="utf-8")).get("name"))
