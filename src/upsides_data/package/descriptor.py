"""The ``datapackage.json`` of an UPSIDES package.

Standard Data Package properties describe the package for any Frictionless tool; the ``upsides``
property says what the standard needs on top: the standard version it conforms to, the package
kind (``site``, ``codebook`` or ``consortium``), the access level, the site, the study and the
codebook it codes with. Each resource embeds its generated Table Schema, with only the foreign keys
whose target table belongs to the same package kind (the rest cross packages and are checked by
the codebook and reference rules instead).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from upsides_data.resources import package_profile, table_schema

KINDS = ("site", "codebook", "consortium")
ACCESS_LEVELS = ("public", "restricted")


@dataclass
class PackageMeta:
    """What the ``upsides`` property of a descriptor holds, plus the package's name and titles."""

    name: str
    kind: str
    access_level: str = "public"
    version: str = "1.0.0"
    title: str | None = None
    description: str | None = None
    standard_version: str | None = None
    site: str | None = None
    study: str | None = None
    codebook: dict[str, str] | None = None
    synthetic: bool = False
    licenses: list[dict[str, str]] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    contributors: list[dict[str, str]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def upsides_property(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "standard": "upsides-data",
            "standard_version": self.standard_version or package_profile()["standard_version"],
            "kind": self.kind,
            "access_level": self.access_level,
            "synthetic": self.synthetic,
        }
        for key in ("site", "study", "codebook"):
            value = getattr(self, key)
            if value:
                data[key] = value
        data.update(self.extra)
        return data

    @classmethod
    def from_descriptor(cls, descriptor: dict[str, Any]) -> PackageMeta:
        ups = dict(descriptor.get("upsides") or {})
        known = {"standard", "standard_version", "kind", "access_level", "synthetic", "site", "study",
                 "codebook"}
        return cls(
            name=str(descriptor.get("name", "")),
            kind=str(ups.get("kind", "")),
            access_level=str(ups.get("access_level", "")),
            version=str(descriptor.get("version", "")),
            title=descriptor.get("title"),
            description=descriptor.get("description"),
            standard_version=ups.get("standard_version"),
            site=ups.get("site"),
            study=ups.get("study"),
            codebook=ups.get("codebook"),
            synthetic=bool(ups.get("synthetic", False)),
            licenses=list(descriptor.get("licenses") or []),
            sources=list(descriptor.get("sources") or []),
            contributors=list(descriptor.get("contributors") or []),
            keywords=list(descriptor.get("keywords") or []),
            extra={k: v for k, v in ups.items() if k not in known},
        )


def tables_of_kind(kind: str) -> list[str]:
    """The tables a package of this kind may hold, in schema order."""
    return list(package_profile()["package_kinds"][kind])


def schema_for(table: str, kind: str) -> dict[str, Any]:
    """A table's Table Schema with only the foreign keys that stay inside a package of ``kind``."""
    schema = copy.deepcopy(table_schema(table))
    schema.pop("$comment", None)
    allowed = set(tables_of_kind(kind))
    schema["foreignKeys"] = [
        fk for fk in schema.get("foreignKeys", []) if fk["reference"]["resource"] in allowed
    ]
    if not schema["foreignKeys"]:
        del schema["foreignKeys"]
    return schema


def cross_package_keys(table: str, kind: str) -> list[dict[str, Any]]:
    """The foreign keys of a table whose targets live in another package (checked by rules)."""
    allowed = set(tables_of_kind(kind))
    return [fk for fk in table_schema(table).get("foreignKeys", [])
            if fk["reference"]["resource"] not in allowed]


def resource_descriptor(table: str, kind: str) -> dict[str, Any]:
    return {
        "name": table,
        "path": f"{table}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema_for(table, kind),
    }


def build_descriptor(meta: PackageMeta, tables: list[str]) -> dict[str, Any]:
    """The full descriptor for a package holding ``tables``."""
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": meta.name,
        "version": meta.version,
        "upsides": meta.upsides_property(),
        "resources": [resource_descriptor(t, meta.kind) for t in tables],
    }
    for key in ("title", "description"):
        if getattr(meta, key):
            descriptor[key] = getattr(meta, key)
    for key in ("licenses", "sources", "contributors", "keywords"):
        if getattr(meta, key):
            descriptor[key] = getattr(meta, key)
    return descriptor
