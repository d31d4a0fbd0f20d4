"""Versions of the standard: the one parser, and what a package of an older minor version holds.

Every command reads a package's ``upsides.standard_version`` through ``parse_standard_version``
(``MAJOR.MINOR.PATCH``), so ``validate`` and ``merge`` accept and refuse the same versions.

A minor version only adds (docs/versioning.md): new optional columns and tables, looser
constraints. A package written under 1.0.0 has neither, and must stay valid under 1.1.0. Each
released profile (its Table Schemas and package profile) ships with the library under
``upsides_data/profiles/<version>/``; the current one is the generated ``validators/``. A
package's embedded Table Schemas are compared, structure only, with the profile of the version it
names, and its tables and columns are those that version had.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from upsides_data.package.descriptor import schema_for
from upsides_data.resources import package_profile, standard_version, table_schema

_PROFILES = Path(__file__).resolve().parents[1] / "profiles"
_VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
# What a Table Schema says to people, not what it allows: never compared (a patch may reword it).
PROSE_KEYS = frozenset({"title", "description", "example", "examples", "$comment"})
VERSION_HINT = 'a version MAJOR.MINOR.PATCH, for example "{ours}" (this library\'s standard)'


class StandardVersion(NamedTuple):
    """A version of the standard, ordered as versions are."""

    major: int
    minor: int
    patch: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


def parse_standard_version(text: Any) -> StandardVersion | None:
    """``"1.1.0"`` -> ``StandardVersion(1, 1, 0)``; None for anything but MAJOR.MINOR.PATCH
    (``"1"``, ``"1.1"``, ``"01.1.0"``, a number)."""
    match = _VERSION.match(text) if isinstance(text, str) else None
    return StandardVersion(*(int(part) for part in match.groups())) if match else None


def current_version() -> StandardVersion:
    """The standard this library implements: the ``version`` of ``schema/upsides.yaml``, carried
    into the generated package profile."""
    version = parse_standard_version(standard_version())
    assert version is not None, "the generated package profile names no MAJOR.MINOR.PATCH"
    return version


def version_problem(text: Any) -> tuple[str, str, str] | None:
    """(rule, message, hint) when a package's standard version cannot be read by this library:
    not a version at all (``upsides-property``), or another major version (``standard-version``)."""
    ours = current_version()
    version = parse_standard_version(text)
    if version is None:
        return ("upsides-property", f"standard_version {text!r} is not a version MAJOR.MINOR.PATCH",
                VERSION_HINT.format(ours=ours))
    if version.major != ours.major:
        return ("standard-version",
                f"the package follows standard {version}; this library implements {ours} (a "
                f"different major version; only packages of standard {ours.major}.x are read)",
                f"validate with a release of upsides-data for standard {version.major}.x, or "
                f"migrate the package: upsides migrate PACKAGE -o NEW")
    return None


def is_older_minor(package_version: Any) -> bool:
    """The package follows an earlier minor version of the standard's current major version."""
    ours, theirs = current_version(), parse_standard_version(package_version)
    return bool(theirs and theirs.major == ours.major and theirs[:2] < ours[:2])


def released_versions() -> list[StandardVersion]:
    """The earlier releases whose profiles ship with the library, oldest first."""
    found = (parse_standard_version(p.name) for p in _PROFILES.iterdir() if p.is_dir())
    return sorted(v for v in found if v is not None)


def _profile_dir(package_version: Any) -> Path | None:
    """The shipped profile of an older minor version (a patch release changes nothing valid, so
    1.0.3 reads the 1.0 profile); None for the current minor version and later ones."""
    theirs = parse_standard_version(package_version)
    if theirs is None or not is_older_minor(package_version):
        return None
    same_minor = [v for v in released_versions() if v[:2] == theirs[:2] and v <= theirs]
    return _PROFILES / str(same_minor[-1]) if same_minor else None


@cache
def _released_table_schema(folder: Path, table: str) -> dict[str, Any] | None:
    path = folder / "tableschema" / f"{table}.json"
    if not path.is_file():
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


@cache
def _released_profile(folder: Path) -> dict[str, Any]:
    with open(folder / "package-profile.json", encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


def expected_schema(table: str, kind: str, package_version: Any) -> dict[str, Any]:
    """The Table Schema a ``kind`` package of ``package_version`` embeds for ``table``, with the
    foreign keys that stay inside the package. A table that version did not have yet (an older
    package may add one of the new optional tables) is written with the current schema."""
    folder = _profile_dir(package_version)
    released = None if folder is None else _released_table_schema(folder, table)
    if folder is None or released is None:
        return schema_for(table, kind)
    schema = copy.deepcopy(released)
    allowed = set(_released_profile(folder)["package_kinds"].get(kind, []))
    keys = [fk for fk in schema.pop("foreignKeys", []) if fk["reference"]["resource"] in allowed]
    if keys:
        schema["foreignKeys"] = keys
    return schema


def structure(value: Any) -> Any:
    """A Table Schema without its prose (titles, descriptions, examples): what is compared."""
    if isinstance(value, dict):
        return {k: structure(v) for k, v in value.items() if k not in PROSE_KEYS}
    if isinstance(value, list):
        return [structure(v) for v in value]
    return value


def _added_after(added_in: str | None, package_version: Any) -> bool:
    """Whether something added in ``added_in`` is newer than an older minor version's package
    (another major version is refused by itself, not measured by what it lacks)."""
    added, theirs = parse_standard_version(added_in), parse_standard_version(package_version)
    return bool(added and theirs and is_older_minor(package_version) and added > theirs)


def table_expected(table: str, package_version: Any, kind: str) -> bool:
    """Whether a ``kind`` package of ``package_version`` must hold ``table`` (a table of its kind).

    A table may be new to the standard (``added_in``) or new to one package kind only
    (``kinds_added_in``: focus groups without a site joined codebook packages in 1.1.0).
    """
    spec = package_profile()["tables"].get(table, {})
    added = spec.get("kinds_added_in", {}).get(kind) or spec.get("added_in")
    return not _added_after(added, package_version)


def columns_for(table: str, package_version: Any) -> list[str]:
    """The columns, in schema order, that a package of ``package_version`` holds in ``table``."""
    added = package_profile()["tables"].get(table, {}).get("columns_added_in", {})
    return [f["name"] for f in table_schema(table)["fields"]
            if not _added_after(added.get(f["name"]), package_version)]
