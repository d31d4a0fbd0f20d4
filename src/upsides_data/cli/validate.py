"""``upsides validate PATH...``: parse options, run the library's validator, render its report.

Exit codes: 0 valid, 1 invalid, 2 usage error or unreadable input (an input that is not a
package at all: no descriptor, broken JSON, an unreadable zip).
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Callable, Optional

import typer

from upsides_data.cli.refusals import epilog
from upsides_data.validate.render import DEFAULT_MAX_PER_RULE, RENDERERS
from upsides_data.validate.runner import ENGINES, UNREADABLE_RULES, validate


def _progress_bar() -> tuple[Any, Callable[[str, int, int], None]]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("validating", total=1)

    def update(stage: str, done: int, total: int) -> None:
        bar.update(task, description=stage, completed=done, total=max(total, 1))

    return bar, update


def register(app: typer.Typer) -> None:
    @app.command("validate", epilog=epilog("validate"))
    def validate_command(
        paths: list[Path] = typer.Argument(..., help="Package folders, datapackage.json files "
                                                     "or .zip archives."),
        codebook: Optional[Path] = typer.Option(None, "--codebook",
                                                help="The codebook package site packages use."),
        fmt: str = typer.Option("text", "--format", help="Report format: text or json."),
        engine: str = typer.Option("fast", "--engine",
                                   help="Layer-2 engine: fast (polars) or frictionless (stock)."),
        k: int = typer.Option(3, "-k", "--k-anonymity", min=1,
                              help="k for the k-anonymity check of public packages."),
        max_per_rule: int = typer.Option(DEFAULT_MAX_PER_RULE, "--max-per-rule", min=1,
                                         help="Findings shown per rule in the text report."),
        names: Optional[Path] = typer.Option(None, "--names",
                                             help="A site's roster of real names (one a line, "
                                                  "kept at the site): every mention in a public "
                                                  "package is reported."),
        progress: bool = typer.Option(False, "--progress",
                                      help="Show a progress bar even when stderr is no terminal."),
    ) -> None:
        """Validate packages in layers (shape, Table Schema, models, rules, disclosure)."""
        if fmt not in RENDERERS:
            typer.echo(f"error: --format must be one of {', '.join(RENDERERS)}", err=True)
            raise typer.Exit(2)
        if engine not in ENGINES:
            typer.echo(f"error: --engine must be one of {', '.join(ENGINES)}", err=True)
            raise typer.Exit(2)
        show_bar = progress or sys.stderr.isatty()
        bar, update = _progress_bar() if show_bar else (nullcontext(), None)
        with bar:
            report = validate(list(paths), codebook=codebook, k=k, engine=engine,
                              progress=update, names=names)
        renderer = RENDERERS[fmt]
        text = renderer(report, max_per_rule=max_per_rule) if fmt == "text" else renderer(report)
        typer.echo(text, nl=False)
        if any(f.rule in UNREADABLE_RULES for f in report.findings):
            raise typer.Exit(2)
        raise typer.Exit(0 if report.valid else 1)
