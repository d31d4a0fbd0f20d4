"""Record identifiers, ``upsides:SCOPE/LOCAL``: one module, patterns from the schema.

The schema's ``settings`` (``scope``, ``local``) define the identifier; ``make generate`` copies
them into the package profile, read here. Every other module asks this one instead of typing a
pattern or splitting ids itself.
"""

from __future__ import annotations

import re
from functools import cache

from upsides_data.resources import package_profile


def prefix() -> str:
    """The CURIE prefix of record ids (``upsides``)."""
    return str(package_profile()["id_prefix"])


def scope_pattern() -> str:
    """The scope part, unanchored: lower-case words joined by ``-`` (``mhw-2019``)."""
    return str(package_profile()["id_scope_pattern"])


def local_pattern() -> str:
    """The local part, unanchored (``site``, ``fg-1``, ``quote.12``)."""
    return str(package_profile()["id_local_pattern"])


def id_pattern() -> str:
    """A whole record id, anchored, with the scope as group 1."""
    return f"^{re.escape(prefix())}:({scope_pattern()})/{local_pattern()}$"


@cache
def _compiled_id() -> re.Pattern[str]:
    return re.compile(id_pattern())


@cache
def _compiled_scope() -> re.Pattern[str]:
    return re.compile(f"^(?:{scope_pattern()})$")


def is_id(value: object) -> bool:
    """Whether ``value`` is a well-formed record id."""
    return isinstance(value, str) and _compiled_id().match(value) is not None


def is_scope(value: object) -> bool:
    """Whether ``value`` is a well-formed scope (``ulm``, ``mhw-2019``)."""
    return isinstance(value, str) and _compiled_scope().match(value) is not None


def scope_of(curie: object) -> str | None:
    """The scope of ``upsides:SCOPE/LOCAL`` (``ulm`` for ``upsides:ulm/site``), else None.

    Lenient on purpose: it splits anything shaped ``upsides:X/...``, so a rule can say which
    scope a malformed id claims; use ``is_id`` to check the form."""
    head = prefix() + ":"
    if not isinstance(curie, str) or not curie.startswith(head) or "/" not in curie:
        return None
    return curie[len(head):].split("/", 1)[0] or None


def strict_scope_of(curie: object) -> str | None:
    """The scope of a well-formed record id only; None for anything else."""
    match = _compiled_id().match(curie) if isinstance(curie, str) else None
    return match.group(1) if match else None
