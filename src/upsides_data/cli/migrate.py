"""``upsides migrate PACKAGE -o OUT``: rewrite a package into this library's standard version.

Parsing and rendering only; the work is ``upsides_data.migration.migrate``.
"""

from __future__ import annotations

from pathlib import Path

import typer

from upsides_data.cli.refusals import epilog


def register(app: typer.Typer) -> None:
    @app.command("migrate", epilog=epilog("migrate"))
    def migrate_command(
        package: Path = typer.Argument(..., help="A package of an older standard version: a "
                                                  "folder, its datapackage.json or a .zip."),
        out: Path = typer.Option(..., "-o", "--out", help="The migrated package folder to write."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
    ) -> None:
        """Rewrite a package of an older version of the standard in this library's version.

        The input is validated under its own version first and never changed; the migrated
        package is validated before it is renamed into place. Every change is printed. A
        package of another major version is refused when no migration leads from it
        (migration-unavailable), one already of this version too (migration-not-needed); see
        docs/versioning.md."""
        from upsides_data.migration import migrate

        result = migrate(package, out, force=force)
        typer.echo(f"migrated {package} (standard {result.from_version}) to {result.output} "
                   f"(standard {result.to_version})")
        for line in result.log:
            typer.echo(f"  {line}")
