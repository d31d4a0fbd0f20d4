"""The inputs of a merge, seen as their original source packages.

A site or codebook package is one source. A consortium package made by ``merge`` is the sources
it was merged from: its ``package_source`` table and the ``merged_from`` metadata of its
descriptor name them, and ``package_source_records`` says which records each held. Treating a
consortium as its sources is what makes merging associative (``merge(merge(A, B), C)`` equals
``merge(A, B, C)``) and idempotent (``merge(A, A)`` equals ``merge(A)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from upsides_data.findings import Finding
from upsides_data.package.reader import Package, open_package
from upsides_data.package.versions import version_problem

SOURCE_TABLE = "package_source"
SOURCE_RECORDS_TABLE = "package_source_records"
PROVENANCE_TABLES = (SOURCE_TABLE, SOURCE_RECORDS_TABLE)
MERGED_FROM = "merged_from"
NOTICES = "notices"
SOURCE_COLUMN = "__src"
INPUT_COLUMN = "__input"
ROW_COLUMN = "__row"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def source_id(name: str, version: str) -> str:
    """The ``package_source`` identifier of an input package: ``upsides:package/NAME-VERSION``."""
    local = _UNSAFE.sub("-", f"{name}-{version}").strip("-._") or "unnamed"
    return f"upsides:package/{local}"


@dataclass
class Source:
    """One original input package: its identity and its descriptor without resources."""

    key: str
    name: str
    version: str
    kind: str
    access_level: str
    standard_version: str
    descriptor: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"

    def row(self) -> dict[str, str]:
        """Its row of the ``package_source`` table."""
        return {"id": self.key, "package_name": self.name, "package_version": self.version,
                "package_kind": self.kind, "access_level": self.access_level,
                "standard_version": self.standard_version}


@dataclass
class Input:
    """One package given to ``merge``, and the sources it stands for."""

    index: int
    package: Package
    sources: list[Source]
    provenance: pl.DataFrame | None = None  # (id, __src) for a consortium made by merge
    findings: list[Finding] = field(default_factory=list)

    @property
    def expanded(self) -> bool:
        return self.provenance is not None


def descriptor_metadata(descriptor: dict[str, Any]) -> dict[str, Any]:
    """A descriptor without its resources (which are regenerated from the standard on split)."""
    return {k: v for k, v in descriptor.items() if k != "resources"}


def _ups(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The ``upsides`` property, or {} when it is missing or not an object (check_package and
    validation report that)."""
    value = descriptor.get("upsides")
    return value if isinstance(value, dict) else {}


def _leaf_source(package: Package) -> Source:
    meta = descriptor_metadata(package.descriptor)
    ups = _ups(meta)
    name = str(meta.get("name") or package.source.name)
    version = str(meta.get("version") or "")
    return Source(key=source_id(name, version), name=name, version=version,
                  kind=str(ups.get("kind", "")), access_level=str(ups.get("access_level", "")),
                  standard_version=str(ups.get("standard_version", "")), descriptor=meta)


def _stored_sources(package: Package) -> list[Source] | None:
    """The sources a merged consortium records, or None when it records none."""
    stored = _ups(package.descriptor).get(MERGED_FROM)
    if not stored or not package.has(SOURCE_TABLE):
        return None
    sources = []
    for entry in stored:
        meta = dict(entry["descriptor"])
        ups = _ups(meta)
        sources.append(Source(key=str(entry["id"]), name=str(meta.get("name", "")),
                              version=str(meta.get("version", "")), kind=str(ups.get("kind", "")),
                              access_level=str(ups.get("access_level", "")),
                              standard_version=str(ups.get("standard_version", "")),
                              descriptor=meta))
    return sources


def open_input(index: int, path: str | Path, package: Package | None = None) -> Input:
    """Name the sources one input package stands for (``package``: it, already opened)."""
    package = package if package is not None else open_package(path)
    findings = check_package(package)
    kind = _ups(package.descriptor).get("kind")
    stored = _stored_sources(package) if kind == "consortium" else None
    if stored is None:
        return Input(index, package, [_leaf_source(package)], None, findings)
    records = package.text_frame(SOURCE_RECORDS_TABLE)
    provenance = records.select(pl.col("record").alias("id"),
                                pl.col("package_source").alias(SOURCE_COLUMN))
    known = {s.key for s in stored}
    table_keys = set(package.text_frame(SOURCE_TABLE)["id"].to_list())
    if table_keys != known:
        findings.append(Finding(
            rule="merge-provenance", package=package.name, file=f"{SOURCE_TABLE}.csv",
            message=("the package_source table and the descriptor's upsides.merged_from name "
                     "different input packages; the consortium's provenance is damaged")))
    return Input(index, package, stored, provenance, findings)


def check_package(package: Package) -> list[Finding]:
    """Refuse what cannot be merged: an unknown kind, or another major version of the standard."""
    ups = package.descriptor.get("upsides")
    if not isinstance(ups, dict):
        return [Finding(rule="merge-not-upsides", package=package.name, file="datapackage.json",
                        message="the descriptor has no upsides property; not an UPSIDES package")]
    findings = []
    kind = ups.get("kind")
    if kind not in ("site", "codebook", "consortium"):
        findings.append(Finding(rule="merge-kind", package=package.name, file="datapackage.json",
                                field="upsides.kind",
                                message=f"unknown package kind {kind!r} (site, codebook or consortium)"))
    findings.extend(check_standard_version(package.name, ups.get("standard_version")))
    return findings


def check_standard_version(package: str, version: Any) -> list[Finding]:
    """The same check, with the same rule codes, as ``validate``'s shape layer."""
    problem = version_problem(version)
    if problem is None:
        return []
    rule, message, hint = problem
    return [Finding(rule=rule, package=package, file="datapackage.json",
                    field="upsides.standard_version", message=message, hint=hint)]
