"""The site roster in force while a command runs (``--names FILE`` on any door).

Every door that writes a public artifact validates what it reads and what it writes (the gateway's
``read_inputs`` and ``check_written``), and the validator searches public packages for the names
on a site's roster. Rather than thread the roster through every library function between the
command line and the validator, a command runs inside ``using_roster(path)`` and the validator
reads ``roster_in_force()`` when it is given no roster of its own. The roster file is read by the
validator as usual and never stored anywhere.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Iterator

_ROSTER: ContextVar[Path | None] = ContextVar("upsides_site_roster", default=None)


@contextmanager
def using_roster(path: str | Path | None) -> Iterator[None]:
    """Validate against the roster at ``path`` within the block (nothing changes for None)."""
    if path is None:
        yield
        return
    token = _ROSTER.set(Path(path))
    try:
        yield
    finally:
        _ROSTER.reset(token)


def roster_in_force() -> Path | None:
    """The roster file of the enclosing ``using_roster`` block, if any."""
    return _ROSTER.get()
