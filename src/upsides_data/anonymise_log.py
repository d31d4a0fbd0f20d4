"""The log of ``anonymise``: every change it made, for the site's data steward to review.

Each ``Change`` names the table, the record, the field, the action and the new value (never a
value removed for disclosure reasons); the log is written as ``OUT.log.json`` beside the output
package (``log_path``), so that the package itself holds only standard files.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from upsides_data.resources import table_schema


@dataclass(frozen=True, order=True)
class Change:
    """One change made to the data; ``value`` is the new value (None: emptied or removed)."""

    table: str
    record: str
    field: str
    action: str
    value: str | None = None
    detail: str | None = None


@dataclass
class AnonymiseLog:
    """Everything ``anonymise`` changed, to be reviewed by the site's data steward."""

    source: str
    target: str
    k: int
    changes: list[Change] = field(default_factory=list)

    def add(self, *changes: Change) -> None:
        self.changes.extend(changes)

    def summary(self) -> dict[str, int]:
        return dict(sorted(Counter(c.action for c in self.changes).items()))

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "k": self.k,
                "summary": self.summary(),
                "changes": [asdict(c) for c in self.changes]}  # in the order made


def log_path(target: str | Path) -> Path:
    """Where the log of an output package goes: ``OUT.log.json`` beside it."""
    target = Path(target)
    return target.with_name(target.name + ".log.json")


def record_key(name: str, row: dict[str, Any]) -> str:
    if "id" in row and row["id"] is not None:
        return str(row["id"])
    key = table_schema(name).get("primaryKey", [])
    return " ".join(str(row.get(c)) for c in key)
