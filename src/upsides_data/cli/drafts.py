"""The ``--no-validate`` option shared by every command that derives something from packages."""

from __future__ import annotations

NO_VALIDATE_HELP = ("Do not validate the inputs first (a draft): the output says so in its "
                    "metadata, and this command says so too. Public inputs still pass "
                    "disclosure control.")


def draft_notice(purpose: str) -> str:
    """The line a command prints when it ran with ``--no-validate`` (imported late: the CLI
    starts without loading polars)."""
    from upsides_data.gateway import draft_notice as notice

    return notice(purpose)
