"""``upsides agreement PKG... [--by code|theme] [--unit segment|character|transcript] [-o CSV]``.

Parsing and rendering only; ``upsides_data.agreement`` does the work. Exit codes: 0 the table was
printed (and written), 1 the packages do not validate, 2 usage error (fewer than two coders,
--by theme without a code-to-theme map) or unreadable input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from upsides_data.cli.drafts import NO_VALIDATE_HELP, draft_notice
from upsides_data.cli.refusals import epilog


def register(app: typer.Typer) -> None:
    @app.command("agreement", epilog=epilog("agreement"))
    def agreement_command(
        packages: list[Path] = typer.Argument(..., help="Site package(s) holding several coders' "
                                              "codings (and their codebook package)."),
        by: str = typer.Option("code", "--by", help="code or theme (themes through the "
                               "codebook's theme_codes)."),
        unit: str = typer.Option("segment", "--unit", help="segment, character or transcript."),
        codebook: Optional[Path] = typer.Option(None, "--codebook", help="The codebook package "
                                                "(default: found among PACKAGES or beside them)."),
        out: Optional[Path] = typer.Option(None, "-o", "--out", help="Also write the table as "
                                           "this CSV file."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
        no_validate: bool = typer.Option(False, "--no-validate", help=NO_VALIDATE_HELP),
    ) -> None:
        """Inter-coder agreement: percent agreement, Cohen's kappa (two coders) and
        Krippendorff's alpha, per code or theme, per site and overall.

        The packages are validated first; when they do not validate, the findings are shown and
        nothing is computed (exit 1)."""
        from upsides_data.agreement import compute_agreement
        from upsides_data.output import write_file

        table = compute_agreement(packages, by=by, unit=unit, codebook=codebook,
                                  validate=not no_validate)
        text = table.to_csv()
        if out is not None:
            inputs = [*packages, *([codebook] if codebook else [])]
            with write_file(out, inputs=inputs, force=force) as temp:
                temp.write_text(text, encoding="utf-8", newline="")
            typer.echo(f"wrote {out}")
        else:
            typer.echo(text, nl=False)
        if no_validate:
            typer.echo(f"notice: {draft_notice('agreement')}")
