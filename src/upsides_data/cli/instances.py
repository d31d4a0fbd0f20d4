"""``upsides check-instance FILE...``: check Dataset instance files (YAML or JSON).

Exit codes: 0 every file valid, 1 some file has findings, 2 a file cannot be read at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from upsides_data.cli.refusals import epilog
from upsides_data.errors import UpsidesError
from upsides_data.findings import Finding, Report

FORMATS = ("text", "json")


def _line(finding: Finding) -> str:
    where = finding.file or ""
    if finding.row is not None:
        where += f":{finding.row}"
    field = f" {finding.field}" if finding.field else ""
    hint = f" (hint: {finding.hint})" if finding.hint else ""
    return f"{where}:{field} [{finding.rule}] {finding.message}{hint}"


def register(app: typer.Typer) -> None:
    @app.command("check-instance", epilog=epilog("check-instance"))
    def check_instance_command(
        paths: list[Path] = typer.Argument(..., help="Dataset instance files (.yaml or .json)."),
        fmt: str = typer.Option("text", "--format", help="Output format: text or json."),
    ) -> None:
        """Check Dataset instance files: the models, references, unique ids, hierarchy cycles."""
        if fmt not in FORMATS:
            typer.echo(f"error: --format must be one of {', '.join(FORMATS)}", err=True)
            raise typer.Exit(2)
        from upsides_data.instances import check_instance  # imported when run: --help stays quick

        report, unreadable = Report(), False
        for path in paths:
            try:
                report.extend(check_instance(path))
            except UpsidesError as exc:
                for finding in exc.findings:
                    typer.echo(_line(finding))
                typer.echo(f"error: {exc}", err=True)
                unreadable = True
                continue
            report.checked.append(str(path))
        if fmt == "json":
            typer.echo(json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False))
        else:
            for finding in report.findings:
                typer.echo(_line(finding))
            verdict = "valid" if report.valid and not unreadable else "invalid"
            typer.echo(f"{len(report.checked)} file(s) checked, {len(report.errors)} error(s): "
                       f"{verdict}")
        if unreadable:
            raise typer.Exit(2)
        raise typer.Exit(0 if report.valid else 1)
