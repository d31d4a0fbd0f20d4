"""``upsides anonymise IN -o OUT [-k N]``: derive a public package from a restricted one.

Parsing and rendering only; the work is ``upsides_data.anonymisation.anonymise``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from upsides_data.cli.drafts import NO_VALIDATE_HELP, draft_notice
from upsides_data.errors import UsageError
from upsides_data.cli.refusals import epilog


def register(app: typer.Typer) -> None:
    @app.command(epilog=epilog("anonymise"))
    def anonymise(
        source: Path = typer.Argument(..., help="The restricted package: a folder, its "
                                                 "datapackage.json or a .zip."),
        out: Optional[Path] = typer.Option(None, "-o", "--out", help="Where to write the public "
                                           "package (a new folder). (required)"),
        k: int = typer.Option(3, "-k", "--k-anonymity", min=1,
                              help="Every quasi-identifier combination must occur at least k times."),
        force: bool = typer.Option(False, "--force", help="Replace OUT and its log if they exist."),
        l_diversity: int = typer.Option(1, "-l", "--l-diversity", min=1,
                                        help="Every combination must also hold at least l "
                                             "values of each sensitive attribute (1: not "
                                             "checked)."),
        names: Path = typer.Option(None, "--names",
                                   help="A site's roster of real names (one a line, kept at the "
                                        "site): every mention is replaced by a pseudonym."),
        old_output: Optional[Path] = typer.Option(None, "--output", hidden=True),
        old_overwrite: bool = typer.Option(False, "--overwrite", hidden=True),
        no_validate: bool = typer.Option(False, "--no-validate", help=NO_VALIDATE_HELP),
    ) -> None:
        """Write a public version of a package: age bands, k-anonymity, PII masked, no transcript
        text. Every change is logged in OUT.log.json beside the output; the input is never changed.
        The input is validated first and the public package before it is renamed into place."""
        output = out or old_output  # --output and --overwrite: the old spellings, still accepted
        if output is None:
            raise UsageError("missing option -o/--out: where to write the public package")
        from upsides_data.anonymisation import anonymise as anonymise_package, log_path

        log = anonymise_package(source, output, k=k, force=force or old_overwrite,
                                validate=not no_validate, names=names, l=l_diversity)
        summary = log.summary()
        typer.echo(f"wrote {output} (public, k={k}) and {log_path(output)}")
        if not summary:
            typer.echo("no changes were needed")
        for action, count in summary.items():
            typer.echo(f"  {action}: {count}")
        if no_validate:
            typer.echo(f"notice: {draft_notice('anonymise')}")
