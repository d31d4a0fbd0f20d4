"""What every validation layer receives: one opened package and what earlier layers learned.

Layers are functions ``check(ctx) -> Iterable[Finding]``. They never raise for bad data; the
runner turns an unexpected exception inside a layer into a finding that names the layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import polars as pl

from upsides_data.package.descriptor import PackageMeta
from upsides_data.package.reader import Package


# Memory budget of layers 1-3 (docs/performance.md, "Memory"): a table is read in batches of
# at most BATCH_ROWS rows (and ``confine.BATCH_BYTES`` bytes); only a table whose CSV file is at
# most SMALL_TABLE_BYTES is kept whole in ``PackageContext.frames`` for the later layers.
BATCH_ROWS = 50_000
SMALL_TABLE_BYTES = 1 << 20


@dataclass
class ValidationOptions:
    """Knobs a user can turn; defaults are the standard's."""

    k_anonymity: int = 3
    l_diversity: int = 1  # distinct sensitive values per combination; 1: not enforced
    roster: Any = None  # a site's real names (upsides_data.pii.names.Roster), never stored
    engine: str = "columns"  # "columns", "models" or "frictionless" (runner.ENGINES)
    progress: Callable[[str, int, int], None] | None = None  # (stage, done, total)
    batch_rows: int = field(default_factory=lambda: BATCH_ROWS)  # rows per batch, layers 1-3
    small_table_bytes: int = field(default_factory=lambda: SMALL_TABLE_BYTES)  # kept whole


@dataclass
class PackageContext:
    """One package under validation."""

    package: Package
    options: ValidationOptions = field(default_factory=ValidationOptions)
    frames: dict[str, pl.DataFrame] = field(default_factory=dict)  # text frames of small tables
    broken_tables: set[str] = field(default_factory=set)  # tables layer 1/2 could not read
    codebook: PackageContext | None = None  # the referenced codebook package, when found
    peers: list[PackageContext] = field(default_factory=list)  # other packages validated together
    facts: dict[str, Any] = field(default_factory=dict)  # anything a layer wants to pass on

    @property
    def name(self) -> str:
        return self.package.name

    @property
    def meta(self) -> PackageMeta:
        return self.package.meta

    @property
    def kind(self) -> str:
        return self.meta.kind
