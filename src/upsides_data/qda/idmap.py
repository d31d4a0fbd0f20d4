"""What every part of the import mapping shares: our ids from QDA GUIDs, and its findings.

A GUID that is the UUID v5 of an id we know (from reference packages, or a User's ``id``
attribute) gets that id back; any other GUID gets a new id in the target scope
(``upsides:ulm/quote-1a2b3c4d5e6f``).
"""

from __future__ import annotations

from typing import Any

from upsides_data import ids
from upsides_data.findings import Finding, Severity


Tables = dict[str, list[dict[str, Any]]]


def warn(message: str, rule: str = "qda-unmappable", **kw: Any) -> Finding:
    return Finding(rule=rule, message=message, severity=Severity.WARNING, **kw)


def scope_of(curie: str | None) -> str | None:
    """The scope of one of our ids (``ulm`` in ``upsides:ulm/site``); None for anything else."""
    return ids.strict_scope_of(curie)


def foreign(curie: str | None, scope: str) -> bool:
    """Whether ``curie`` is one of our ids in another scope (a record of another package)."""
    found = scope_of(curie)
    return found is not None and found != scope


class Ids:
    """GUID -> id: known ids first, else a new id ``upsides:<scope>/<kind>-<12 hex>``."""

    def __init__(self, known: dict[str, str], *, themes: set[str] | None = None,
                 prefix: str = "") -> None:
        self.known = known
        self.themes = themes or set()  # known ids that are themes (a consortium codebook's)
        self.prefix = prefix  # before the kind of a new code or theme id (``ulm-`` for a site)
        self.used: set[str] = set(known.values())
        self.assigned: dict[tuple[str, str], str] = {}

    def get(self, guid: str, kind: str, scope: str) -> str:
        key = (guid, scope)
        if key in self.assigned:
            return self.assigned[key]
        found = self.known.get(guid)
        if found and scope_of(found) == scope:
            value = found
        else:
            hexed = guid.replace("-", "")
            value = f"upsides:{scope}/{kind}-{hexed[:12]}"
            if value in self.used:
                value = f"upsides:{scope}/{kind}-{hexed}"
        self.used.add(value)
        self.assigned[key] = value
        return value
