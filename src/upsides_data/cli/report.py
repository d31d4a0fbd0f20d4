"""``upsides report PATH... -o DIR``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from upsides_data.cli.drafts import NO_VALIDATE_HELP, draft_notice
from upsides_data.cli.names import names_option, roster
from upsides_data.cli.refusals import epilog


def register(app: typer.Typer) -> None:
    @app.command(epilog=epilog("report"))
    def report(
        paths: list[Path] = typer.Argument(..., help="Site, codebook or consortium packages."),
        out: Path = typer.Option(..., "-o", "--out", help="Folder to write the report into."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
        no_validate: bool = typer.Option(False, "--no-validate", help=NO_VALIDATE_HELP),
        names: Optional[Path] = names_option(),
    ) -> None:
        """Write the study report (Markdown, CSV, PNG/SVG figures, one HTML page).

        The packages are validated first; when they do not validate, the findings are shown and
        nothing is written (exit 1)."""
        from upsides_data.report import write_report  # imported when run: --help stays quick

        with roster(names):
            folder = write_report(paths, out, force=force, validate=not no_validate)
        typer.echo(f"report written to {folder}/report.html")
        if no_validate:
            typer.echo(f"notice: {draft_notice('report')}")
