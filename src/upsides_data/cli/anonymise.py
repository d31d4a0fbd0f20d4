"""``upsides anonymise IN -o OUT [-k N]``: derive a public package from a restricted one.

Parsing and rendering only; the work is ``upsides_data.anonymise.anonymise``.
"""

from __future__ import annotations

from pathlib import Path

import typer

from upsides_data.anonymise import anonymise as anonymise_package
from upsides_data.anonymise import log_path


def register(app: typer.Typer) -> None:
    @app.command()
    def anonymise(
        source: Path = typer.Argument(..., help="The restricted package: a folder, its "
                                                 "datapackage.json or a .zip."),
        output: Path = typer.Option(..., "--output", "-o",
                                    help="Where to write the public package (a new folder)."),
        k: int = typer.Option(3, "-k", "--k-anonymity", min=1,
                              help="Every quasi-identifier combination must occur at least k times."),
        l_diversity: int = typer.Option(1, "-l", "--l-diversity", min=1,
                                        help="Every combination must also hold at least l "
                                             "values of each sensitive attribute (1: not "
                                             "checked)."),
        names: Path = typer.Option(None, "--names",
                                   help="A site's roster of real names (one a line, kept at the "
                                        "site): every mention is replaced by a pseudonym."),
        overwrite: bool = typer.Option(False, "--overwrite",
                                       help="Replace OUT and its log if they exist."),
    ) -> None:
        """Write a public version of a package: age bands, k-anonymity, PII masked, no transcript
        text. Every change is logged in OUT.log.json beside the output; the input is never changed."""
        log = anonymise_package(source, output, k=k, overwrite=overwrite, names=names,
                                l=l_diversity)
        summary = log.summary()
        typer.echo(f"wrote {output} (public, k={k}) and {log_path(output)}")
        if not summary:
            typer.echo("no changes were needed")
        for action, count in summary.items():
            typer.echo(f"  {action}: {count}")
