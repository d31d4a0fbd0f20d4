"""``upsides version``: what this library implements."""

from __future__ import annotations

import typer

from upsides_data import __version__
from upsides_data.resources import standard_version


def register(app: typer.Typer) -> None:
    @app.command()
    def version() -> None:
        """Print the library version and the version of the standard it implements."""
        typer.echo(f"upsides-data {__version__} (standard {standard_version()})")
