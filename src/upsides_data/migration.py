"""``migrate``: rewrite a package of an older version of the standard into this library's version.

A minor version only adds (docs/versioning.md), so a package of an older minor version is
rewritten as it is, with the columns and tables added since left empty and its embedded Table
Schemas and ``upsides.standard_version`` those of the current version. A major version may
break packages; each ships a migration registered in ``MIGRATIONS`` under the major version it
migrates from. Standard 1 is the first major version, so none is registered yet: a package of
another major version is refused (``migration-unavailable``), as is a package that already
follows this version (``migration-not-needed``).

The input is read through the gateway and validated under its own version first; the output
is written through the output writer and validated before it is renamed into place. The input
is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import polars as pl

from upsides_data.errors import UsageError
from upsides_data.gateway import check_written, read_inputs
from upsides_data.package.descriptor import schema_for, tables_of_kind
from upsides_data.package.reader import Package
from upsides_data.package.versions import (
    StandardVersion, current_version, is_older_minor, parse_standard_version,
)
from upsides_data.package.writer import write_package

Tables = dict[str, pl.DataFrame]


@dataclass(frozen=True)
class Migration:
    """Rewrites the tables of a package of major version ``from_major`` into ``from_major + 1``,
    saying what it changed, one line per change."""

    from_major: int
    about: str
    apply: Callable[[Package, Tables], tuple[Tables, list[str]]]


# Migrations by the major version they migrate from. Empty: standard 1 is the first major.
MIGRATIONS: dict[int, Migration] = {}


@dataclass
class MigrationResult:
    """What a migration wrote and every change it made."""

    output: Path
    from_version: str
    to_version: str
    log: list[str] = field(default_factory=list)


def migrate(package: str | Path, out: str | Path, *, force: bool = False) -> MigrationResult:
    """Write ``package`` at ``out`` in the standard version this library implements.

    Raises ``UsageError`` (exit 2) with a ``migration-unavailable`` finding when no migration
    leads from the package's major version to this one, and with ``migration-not-needed`` when
    the package already follows this version; ``InvalidInputError`` when the package does not
    validate under its own version, or the migrated package would not validate.
    """
    source = Path(package)
    version = _declared_version(source)
    ours = current_version()
    if version.major != ours.major:
        chain = _migrations_between(version, ours)
        read = read_inputs([source], validate=False, purpose="migrate")  # not ours to validate
        [opened] = read.packages
        tables = {t: opened.text_frame(t) for t in tables_of_kind(opened.meta.kind)
                  if opened.has(t)}
        log: list[str] = []
        for step in chain:
            tables, lines = step.apply(opened, tables)
            log += lines
    elif is_older_minor(str(version)):
        read = read_inputs([source], purpose="migrate")
        [opened] = read.packages
        tables, log = _older_minor(opened)
    elif version[:2] > ours[:2]:
        raise UsageError(
            f"{source}: the package follows standard {version}, newer than this library's "
            f"{ours}", rule="migration-unavailable",
            hint="upgrade upsides-data: pip install --upgrade upsides-data")
    else:
        raise UsageError(
            f"{source}: the package already follows standard {version}; nothing to migrate",
            rule="migration-not-needed",
            hint=f"migrate packages of an older version, e.g. \"standard_version\": "
                 f"\"{ours.major}.0.0\"; this library implements {ours}")
    meta = replace(opened.meta, standard_version=str(ours))
    written = write_package(Path(out), meta, tables, force=force, inputs=[source],
                            check=check_written)
    log.insert(0, f"standard_version {version} -> {ours}")
    return MigrationResult(written, str(version), str(ours), log)


def _declared_version(source: Path) -> StandardVersion:
    """The package's standard version; one that is not MAJOR.MINOR.PATCH is refused with the
    findings ``validate`` gives it."""
    read = read_inputs([source], validate=False, purpose="migrate")
    [opened] = read.packages
    version = parse_standard_version(opened.meta.standard_version)
    if version is None:
        read_inputs([source], purpose="migrate")  # raises InvalidInputError: upsides-property
        raise AssertionError("validation accepted a package without a standard version")
    return version


def _migrations_between(version: StandardVersion, ours: StandardVersion) -> list[Migration]:
    """The registered migrations leading from ``version``'s major version to ours, in order;
    ``UsageError`` (``migration-unavailable``) when there is no such chain."""
    chain = [MIGRATIONS.get(major) for major in range(version.major, ours.major)]
    if version.major > ours.major or not chain or None in chain:
        raise UsageError(
            f"no migration leads from standard {version} to {ours}",
            rule="migration-unavailable",
            hint=f"read the package with a release of upsides-data for standard "
                 f"{version.major}.x; this release reads packages of standard {ours.major}.x")
    return [step for step in chain if step is not None]


def _older_minor(package: Package) -> tuple[Tables, list[str]]:
    """The package's tables as they are; what the current version adds is left empty."""
    kind = package.meta.kind
    tables: Tables = {}
    log: list[str] = []
    for table in tables_of_kind(kind):
        if not package.has(table):
            log.append(f"table {table}: added, header only (new in this version)")
            continue
        frame = package.text_frame(table)
        tables[table] = frame
        added = [f["name"] for f in schema_for(table, kind)["fields"]
                 if f["name"] not in frame.columns]
        if added:
            log.append(f"table {table}: columns {', '.join(added)} added, empty")
    return tables, log
