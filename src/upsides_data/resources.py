"""Where the standard's files are: the schema and the generated validators.

An installed wheel carries them as package data under ``upsides_data/_data``; a source checkout
(including an editable install) reads them from the repository root. Both routes give the same
files, which a test checks.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, cast

_PACKAGE_DATA = Path(__file__).resolve().parent / "_data"
_REPO_ROOT = Path(__file__).resolve().parents[2]


def _root(name: str) -> Path:
    packaged = _PACKAGE_DATA / name
    if packaged.is_dir():
        return packaged
    return _REPO_ROOT / name


def schema_dir() -> Path:
    """The folder holding ``upsides.yaml`` and its modules."""
    return _root("schema")


def schema_path() -> Path:
    """The root schema file."""
    return schema_dir() / "upsides.yaml"


def examples_dir() -> Path:
    """The folder holding the example corpora ``upsides demo`` runs on (may not exist: the
    wheel ships only the three UPSIDES studies, a checkout has them all)."""
    return _root("examples")


def validators_dir() -> Path:
    """The folder holding the generated Table Schemas, package profile, JSON Schema and SHACL."""
    return _root("validators")


@cache
def package_profile() -> dict[str, Any]:
    """The generated package profile: tables, their kinds and the standard version."""
    with open(validators_dir() / "package-profile.json", encoding="utf-8") as handle:
        profile: dict[str, Any] = json.load(handle)
    return profile


@cache
def table_schema(table: str) -> dict[str, Any]:
    """The generated Frictionless Table Schema of one table, with every foreign key."""
    with open(validators_dir() / "tableschema" / f"{table}.json", encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@cache
def field_examples() -> dict[str, dict[str, str]]:
    """Table -> column -> an example of a valid value, generated from the schema's examples."""
    with open(validators_dir() / "field-examples.json", encoding="utf-8") as handle:
        data = json.load(handle)
    data.pop("$comment", None)
    return cast("dict[str, dict[str, str]]", data)


def standard_version() -> str:
    """The version of the standard this library implements."""
    return str(package_profile()["standard_version"])
