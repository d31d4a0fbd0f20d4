"""The ``--names FILE`` option of every command that reads or writes a public artifact.

A site keeps its roster of real names at the site; given to a command, it is searched for in every
public package the command reads or writes (through the validator), and a mention refuses the
command. ``pii.roster_scope.using_roster`` puts it in force for the validator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

NAMES_HELP = ("A site's roster of real names (one a line, kept at the site): a public input or "
              "output mentioning one is refused.")


def names_option() -> Any:
    return typer.Option(None, "--names", help=NAMES_HELP)


def roster(path: Optional[Path]) -> Any:
    """The context in which the command runs with the roster in force (imported late: the CLI
    starts without loading the library)."""
    from upsides_data.pii.roster_scope import using_roster

    return using_roster(path)
