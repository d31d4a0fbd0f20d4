"""``upsides codebook adopt EXT... --into CODEBOOK -o NEW``: parsing and rendering only.

Exit codes: 0 written, 1 an extension does not extend the codebook (nothing written), 2 usage
error or unreadable input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from upsides_data.cli.refusals import epilog

codebook_app = typer.Typer(help="Work on codebook packages (adopt sites' extensions).",
                           no_args_is_help=True)


def register(app: typer.Typer) -> None:
    @codebook_app.command("adopt", epilog=epilog("codebook adopt"))
    def adopt_command(
        extensions: list[Path] = typer.Argument(..., help="Sites' extension codebook packages "
                                                "(written by import qdpx --codebook)."),
        into: Path = typer.Option(..., "--into", help="The consortium codebook package."),
        out: Path = typer.Option(..., "-o", "--out", help="The new codebook package folder."),
        version: Optional[str] = typer.Option(None, "--version", help="The new version "
                                              "(default: the next minor, 1.0.0 -> 1.1.0)."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
    ) -> None:
        """Adopt sites' new codes and themes into the consortium codebook's next version.

        Every package is validated first; the new codebook is validated before it is written."""
        from upsides_data.adopt import adopt

        result = adopt(extensions, into=into, out=out, version=version, force=force)
        added = ", ".join(f"{n} {t}" for t, n in sorted(result.added.items())) or "nothing new"
        typer.echo(f"adopted {added}; wrote {result.path} (version {result.version})")

    app.add_typer(codebook_app, name="codebook")
