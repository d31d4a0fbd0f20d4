"""``upsides report PATH... -o DIR``."""

from __future__ import annotations

from pathlib import Path

import typer

from upsides_data.cli.refusals import epilog
from upsides_data.report import write_report


def register(app: typer.Typer) -> None:
    @app.command(epilog=epilog("report"))
    def report(
        paths: list[Path] = typer.Argument(..., help="Site, codebook or consortium packages."),
        out: Path = typer.Option(..., "-o", "--out", help="Folder to write the report into."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
    ) -> None:
        """Write the study report (Markdown, CSV, PNG/SVG figures, one HTML page)."""
        folder = write_report(paths, out, overwrite=force)
        typer.echo(f"report written to {folder}/report.html")
