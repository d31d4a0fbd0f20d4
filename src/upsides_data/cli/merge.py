"""``upsides merge PKG... -o OUT`` and ``upsides split CONSORTIUM -o DIR``.

Parsing and rendering only; ``upsides_data.merge`` does the work. Exit codes: 0 merged or split,
1 the inputs conflict (nothing written), 2 usage error or unreadable input.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Callable, Optional

import typer

from upsides_data.cli.drafts import NO_VALIDATE_HELP, draft_notice
from upsides_data.cli.names import names_option, roster
from upsides_data.cli.refusals import epilog
from upsides_data.errors import UpsidesError
from upsides_data.validate.render import DEFAULT_MAX_PER_RULE

_STAGES = {"merge": "merging tables", "write": "writing tables", "split": "splitting tables"}


def _progress_bar(show: bool) -> tuple[Any, Callable[[str, int, int], None] | None]:
    if not show:
        return nullcontext(), None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    task = bar.add_task("opening packages", total=1)

    def update(stage: str, done: int, total: int) -> None:
        bar.update(task, description=_STAGES.get(stage, stage), completed=done,
                   total=max(total, 1))

    return bar, update


def register(app: typer.Typer) -> None:
    @app.command("merge", epilog=epilog("merge"))
    def merge_command(
        paths: list[Path] = typer.Argument(..., help="Site, codebook or consortium packages "
                                                     "(folders, datapackage.json or .zip)."),
        out: Path = typer.Option(..., "-o", "--out", help="The consortium package folder to write."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
        name: Optional[str] = typer.Option(None, "--name", help="The consortium package's name."),
        version: str = typer.Option("1.0.0", "--version", help="The consortium package's version."),
        progress: bool = typer.Option(False, "--progress",
                                      help="Show a progress bar even when stderr is no terminal."),
        max_per_rule: int = typer.Option(DEFAULT_MAX_PER_RULE, "--max-per-rule", min=1,
                                         help="Findings shown per rule."),
        no_validate: bool = typer.Option(False, "--no-validate", help=NO_VALIDATE_HELP),
        names: Optional[Path] = names_option(),
    ) -> None:
        """Merge site and codebook packages into one consortium package (atomically).

        The inputs are validated first and the consortium before it is renamed into place; when
        either fails, the findings are shown and nothing is written (exit 1)."""
        from upsides_data.merge import merge

        bar, update = _progress_bar(progress or sys.stderr.isatty())
        try:
            with bar, roster(names):
                result = merge(paths, out, progress=update, force=force, name=name,
                               version=version, validate=not no_validate)
        except UpsidesError as refused:  # main shows its findings, capped as asked
            refused.max_per_rule = max_per_rule
            raise
        quotes = result.rows.get("quote", 0)
        typer.echo(f"merged {len(result.sources)} packages into {out} "
                   f"({result.access_level}, {quotes} quotes)")
        for notice in result.notices:
            typer.echo(f"notice: {notice}")

    @app.command("split", epilog=epilog("split"))
    def split_command(
        consortium: Path = typer.Argument(..., help="A consortium package made by merge."),
        out: Path = typer.Option(..., "-o", "--out", help="The folder to write the packages into."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
        progress: bool = typer.Option(False, "--progress",
                                      help="Show a progress bar even when stderr is no terminal."),
        no_validate: bool = typer.Option(False, "--no-validate", help=NO_VALIDATE_HELP),
        names: Optional[Path] = names_option(),
    ) -> None:
        """Give back the packages a consortium package was merged from.

        The consortium is validated first and the packages before they are renamed into place."""
        from upsides_data.merge import split

        bar, update = _progress_bar(progress or sys.stderr.isatty())
        with bar, roster(names):
            written = split(consortium, out, force=force, progress=update,
                            validate=not no_validate)
        for path in written:
            typer.echo(str(path))
        if no_validate:
            typer.echo(f"notice: {draft_notice('split')}")
