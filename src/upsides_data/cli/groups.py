"""The shared ``upsides export`` and ``upsides import`` command groups.

Several modules add subcommands to them (``cli/qda.py``: qdpx, qdc; ``cli/rdf.py``: rdf). Each
registers its subcommands on ``export_app``/``import_app`` and then calls ``attach(app)``, which
adds the two groups to the main app exactly once, whichever module runs first.
"""

from __future__ import annotations

import typer

export_app = typer.Typer(help="Export packages to other formats (QDPX, QDC, RDF).",
                         no_args_is_help=True)
import_app = typer.Typer(help="Import other formats as packages (QDPX, QDC, RDF).",
                         no_args_is_help=True)

_attached: set[int] = set()


def attach(app: typer.Typer) -> None:
    """Add the ``export`` and ``import`` groups to ``app`` once (later calls do nothing)."""
    if id(app) in _attached:
        return
    _attached.add(id(app))
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")
