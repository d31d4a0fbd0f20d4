"""``upsides validate PATH...``: parse options, run the library's validator, render its report.

Exit codes: 0 valid, 1 invalid, 2 usage error or unreadable input (an input that is not a
package at all: no descriptor, broken JSON, an unreadable zip).
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import Any, Callable, Optional

import typer

from upsides_data.cli.refusals import epilog
from upsides_data.validate.render import DEFAULT_MAX_PER_RULE, RENDERERS
from upsides_data.validate.engines import ENGINE_ALIASES, ENGINES


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
                                                     "or .zip archives; or one filled workbook "
                                                     "(.xlsx, .ods), reported by sheet and row."),
        codebook: Optional[Path] = typer.Option(None, "--codebook",
                                                help="The codebook package site packages use."),
        fmt: str = typer.Option("text", "--format", help="Report format: text, json or csv."),
        engine: str = typer.Option("columns", "--engine",
                                   help="columns (polars, generated column checks), models "
                                        "(rows into the Pydantic models) or frictionless "
                                        "(stock Frictionless, then the models)."),
        k: int = typer.Option(3, "-k", "--k-anonymity", min=1,
                              help="k for the k-anonymity check of public packages."),
        l_diversity: int = typer.Option(1, "-l", "--l-diversity", min=1,
                                        help="Distinct values of each sensitive attribute every "
                                             "combination must hold in public packages (1: not "
                                             "checked)."),
        max_per_rule: int = typer.Option(DEFAULT_MAX_PER_RULE, "--max-per-rule", min=1,
                                         help="Findings shown per rule in the text report."),
        names: Optional[Path] = typer.Option(None, "--names",
                                             help="A site's roster of real names (one a line, "
                                                  "kept at the site): every mention in a public "
                                                  "package is reported."),
        jobs: int = typer.Option(1, "--jobs", "-j", min=1,
                                 help="Processes for the per-package layers (1-3), one package "
                                      "each; the report is the same as with 1."),
        progress: bool = typer.Option(False, "--progress",
                                      help="Show a progress bar even when stderr is no terminal."),
        date_order: Optional[str] = typer.Option(
            None, "--date-order", help="For a workbook: read dates like 03/04/2020 as dmy (day "
                                       "first) or mdy (month first)."),
    ) -> None:
        """Validate packages in layers (shape, Table Schema, models, rules, disclosure)."""
        if fmt not in RENDERERS:
            typer.echo(f"error: --format must be one of {', '.join(RENDERERS)}", err=True)
            raise typer.Exit(2)
        if engine not in ENGINES and engine not in ENGINE_ALIASES:
            typer.echo(f"error: --engine must be one of {', '.join(ENGINES)}", err=True)
            raise typer.Exit(2)
        # imported when run, so that `upsides --help` does not load polars and the layers
        from upsides_data.sites.sources import is_workbook
        from upsides_data.validate.runner import UNREADABLE_RULES, validate

        show_bar = progress or sys.stderr.isatty()
        bar, update = _progress_bar() if show_bar else (nullcontext(), None)
        with bar:
            if len(paths) == 1 and is_workbook(paths[0]):
                from upsides_data.sites.pack import validate_workbook

                report = validate_workbook(
                    paths[0], codebook=codebook, date_order=date_order,
                    run=partial(validate, k=k, engine=engine, progress=update,
                                names=names, l_diversity=l_diversity))
            else:
                report = validate(list(paths), codebook=codebook, k=k, engine=engine,
                                  progress=update, names=names,
                                  l_diversity=l_diversity, jobs=jobs)
        renderer = RENDERERS[fmt]
        text = renderer(report, max_per_rule=max_per_rule) if fmt == "text" else renderer(report)
        typer.echo(text, nl=False)
        if any(f.rule in UNREADABLE_RULES for f in report.findings):
            raise typer.Exit(2)
        raise typer.Exit(0 if report.valid else 1)
