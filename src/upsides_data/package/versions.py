"""What a package of an older minor version of the standard may lack.

A minor version only adds (docs/versioning.md): new optional columns and tables. A package written
under 1.0.0 has neither, and must stay valid under 1.1.0. The generated package profile records,
from the schema's ``added_in`` annotations, when each table and column was added; the shape layer
asks here which columns and tables a package of a given version is expected to hold.
"""

from __future__ import annotations

from upsides_data.resources import package_profile, standard_version, table_schema


def version_tuple(text: str | None) -> tuple[int, ...] | None:
    """``"1.1.0"`` -> ``(1, 1, 0)``; None when not a dotted version."""
    if not isinstance(text, str):
        return None
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        return None


def is_older_minor(package_version: str | None) -> bool:
    """The package follows an earlier version of the standard of the same major version."""
    ours, theirs = version_tuple(standard_version()), version_tuple(package_version)
    return bool(ours and theirs and theirs[0] == ours[0] and theirs < ours)


def _added_after(added_in: str | None, package_version: str | None) -> bool:
    added, theirs = version_tuple(added_in), version_tuple(package_version)
    return bool(added and theirs and added > theirs)


def table_expected(table: str, package_version: str | None, kind: str) -> bool:
    """Whether a ``kind`` package of ``package_version`` must hold ``table`` (a table of its kind).

    A table may be new to the standard (``added_in``) or new to one package kind only
    (``kinds_added_in``: focus groups without a site joined codebook packages in 1.1.0).
    """
    spec = package_profile()["tables"].get(table, {})
    added = spec.get("kinds_added_in", {}).get(kind) or spec.get("added_in")
    return not _added_after(added, package_version)


def columns_for(table: str, package_version: str | None) -> list[str]:
    """The columns, in schema order, that a package of ``package_version`` holds in ``table``."""
    added = package_profile()["tables"].get(table, {}).get("columns_added_in", {})
    return [f["name"] for f in table_schema(table)["fields"]
            if not _added_after(added.get(f["name"]), package_version)]
