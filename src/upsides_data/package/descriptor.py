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

# The package kinds, from the generated profile (site, codebook, consortium): not typed again.
KINDS: tuple[str, ...] = tuple(package_profile()["package_kinds"])
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
        """Read leniently: a property of the wrong shape reads as absent (validation's shape
        layer reports it as ``descriptor-property``), so reading never crashes."""
        ups = _of(descriptor.get("upsides"), dict) or {}
        known = {"standard", "standard_version", "kind", "access_level", "synthetic", "site", "study",
                 "codebook"}
        codebook = _of(ups.get("codebook"), dict)
        return cls(
            name=str(descriptor.get("name", "")),
            kind=str(ups.get("kind", "")),
            access_level=str(ups.get("access_level", "")),
            version=str(descriptor.get("version", "")),
            title=_of(descriptor.get("title"), str),
            description=_of(descriptor.get("description"), str),
            standard_version=_of(ups.get("standard_version"), str),
            site=_of(ups.get("site"), str),
            study=_of(ups.get("study"), str),
            codebook=codebook if codebook and all(isinstance(v, str) for v in codebook.values())
            else None,
            synthetic=ups.get("synthetic") is True,
            licenses=_records(descriptor.get("licenses")),
            sources=_records(descriptor.get("sources")),
            contributors=_records(descriptor.get("contributors")),
            keywords=[k for k in _of(descriptor.get("keywords"), list) or [] if isinstance(k, str)],
            extra={k: v for k, v in ups.items() if k not in known},
        )


def _of(value: Any, kind: type) -> Any:
    """``value`` if it is of ``kind``, else None."""
    return value if isinstance(value, kind) else None


def _records(value: Any) -> list[dict[str, str]]:
    """The objects of a list property (licenses, sources, contributors); others are dropped."""
    return [item for item in _of(value, list) or [] if isinstance(item, dict)]


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
