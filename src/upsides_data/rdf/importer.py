"""``from_rdf``: an export read back into the package(s) it came from.

Each package of an export is a ``dcat:Dataset`` with ``uds:package_kind``; its records are the
objects of the schema's ``Dataset`` attributes (``uds:quotes``, ``uds:themes``, ...), which also
tells a code from a theme although both are ``skos:Concept``. Columns are read back through the
same ``terms.table_terms()`` the exporter used: record IRIs become ``upsides:`` identifiers again,
enum meanings their text, literals their lexical form. What the export adds around the records
(annotation targets, PROV associations, country IRIs, the study datasets) is derived data and is
not read back. Descriptor metadata with no RDF term of its own (contributors, sources, a
consortium's notices and ``merged_from``) travels as one JSON literal, ``uds:package_metadata``;
keywords come back sorted. See docs/rdf.md.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from upsides_data import jsonsafe
from upsides_data.errors import UnreadableInputError, UsageError
from upsides_data.package import PackageMeta, write_package
from upsides_data.package.descriptor import tables_of_kind
from upsides_data.rdf.catalog import CODEBOOK_NAME, CODEBOOK_VERSION, PACKAGE_METADATA
from upsides_data.rdf.terms import (
    DCAT, DCT, ID_PREFIX, PROV, RDF_TYPE, UDS, Column, enum_meanings, id_base, table_terms,
)

Objects = dict[str, dict[str, list[Any]]]
FORMATS_BY_SUFFIX = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".jsonld": "JSON_LD",
                     ".json": "JSON_LD"}


def _read(path: Path) -> Objects:
    import pyoxigraph as ox

    name = FORMATS_BY_SUFFIX.get(path.suffix.lower())
    if name is None:
        raise UsageError(f"{path}: cannot tell the RDF format from the suffix "
                         f"(use one of {', '.join(sorted(FORMATS_BY_SUFFIX))})")
    graph: Objects = defaultdict(lambda: defaultdict(list))
    try:
        for triple in ox.parse(path=str(path), format=getattr(ox.RdfFormat, name)):
            if isinstance(triple.subject, ox.NamedNode):
                graph[triple.subject.value][triple.predicate.value].append(triple.object)
    except (SyntaxError, ValueError, OSError) as exc:
        raise UnreadableInputError(f"{path}: not readable as {name} ({exc})") from None
    return graph


def _text(term: Any, col: Column | None, where: str) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.Literal):
        return term.value
    value = term.value
    if col is not None and col.kind == "enum":
        reverse = {v: k for k, v in (col.enum or {}).items()}
        if value not in reverse:
            raise UnreadableInputError(f"{where}: {value} is not a meaning of the enum "
                                       "(rule rdf.import.enum)")
        return reverse[value]
    base = id_base()
    return ID_PREFIX + value[len(base):] if value.startswith(base) else value


def _one(graph: Objects, node: str, predicate: str, col: Column | None = None) -> str | None:
    values = graph.get(node, {}).get(predicate, [])
    if not values:
        return None
    texts = sorted({_text(v, col, f"<{node}> <{predicate}>") for v in values})
    if len(texts) > 1:
        raise UnreadableInputError(f"<{node}> has {len(texts)} values for <{predicate}> where "
                                   f"the schema allows one: {texts} (rule rdf.import.cardinality)")
    return texts[0]


def _meta(graph: Objects, node: str) -> PackageMeta:
    source = table_terms()["package_source"]
    kind = _one(graph, node, UDS + "package_kind", source.column("package_kind"))
    name = _one(graph, node, DCT + "identifier")
    if not kind or not name:
        raise UnreadableInputError(f"<{node}> lacks a package name or kind (rule rdf.import.package)")
    access = {v: k for k, v in enum_meanings("AccessLevel").items()}
    title = _one(graph, node, DCT + "title")
    description = _one(graph, node, DCT + "description")
    licences = []
    for lic in sorted(t.value for t in graph[node].get(DCT + "license", [])):
        entry = {"path": lic}
        for key, pred in (("name", DCT + "identifier"), ("title", DCT + "title")):
            value = _one(graph, lic, pred)
            if value:
                entry[key] = value
        licences.append(entry)
    codebook = None
    cb_name, cb_version = _one(graph, node, CODEBOOK_NAME), _one(graph, node, CODEBOOK_VERSION)
    if cb_name or cb_version:
        codebook = {"name": cb_name or "", "version": cb_version or ""}
    extra: dict[str, Any] = {}
    modified = _one(graph, node, DCT + "modified")
    if modified:
        extra["modified"] = modified
    carried = _carried(graph, node)
    extra.update(carried.get("upsides") or {})
    return PackageMeta(
        name=name, kind=kind,
        access_level=access.get(_one(graph, node, DCT + "accessRights") or "", "public"),
        version=_one(graph, node, DCAT + "version") or "1.0.0",
        title=None if title == name else title,
        description=None if description == f"The UPSIDES {kind} package {name}." else description,
        site=_one(graph, node, PROV + "atLocation"), study=_one(graph, node, DCT + "isPartOf"),
        codebook=codebook, synthetic=_one(graph, node, UDS + "synthetic") == "true",
        licenses=licences, contributors=list(carried.get("contributors") or []),
        sources=list(carried.get("sources") or []),
        keywords=sorted(t.value for t in graph[node].get(DCAT + "keyword", [])),
        extra=extra)


def _carried(graph: Objects, node: str) -> dict[str, Any]:
    """The descriptor metadata the exporter kept as one JSON literal (catalog.PACKAGE_METADATA)."""
    text = _one(graph, node, PACKAGE_METADATA)
    if text is None:
        return {}
    try:
        value = jsonsafe.load(text, file=f"<{node}> <{PACKAGE_METADATA}>")
    except json.JSONDecodeError as exc:
        raise UnreadableInputError(f"<{node}> <{PACKAGE_METADATA}> is not JSON ({exc}) "
                                   "(rule rdf.import.package)") from None
    if not isinstance(value, dict):
        raise UnreadableInputError(f"<{node}> <{PACKAGE_METADATA}> is not a JSON object "
                                   "(rule rdf.import.package)")
    return value


def _tables(graph: Objects, node: str, kind: str) -> dict[str, list[dict[str, Any]]]:
    terms_by_table = table_terms()
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in tables_of_kind(kind):
        terms = terms_by_table.get(table)
        if terms is None:
            continue
        members = sorted(t.value for t in graph[node].get(terms.dataset_predicate, []))
        rows = []
        for member in members:
            row: dict[str, Any] = {"id": _text(_named(member), None, member)}
            for col in terms.columns:
                row[col.name] = _one(graph, member, col.predicate, col)
            rows.append(row)
            for link in terms.links:
                values = graph.get(member, {}).get(link.value.predicate, [])
                texts = sorted({_text(v, link.value, member) for v in values})
                tables.setdefault(link.name, []).extend(
                    {link.parent_column: row["id"], link.value.name: t} for t in texts)
        tables[table] = rows
    return tables


def _named(value: str) -> Any:
    import pyoxigraph as ox

    return ox.NamedNode(value)


def from_rdf(file: str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
             overwrite: bool = False) -> list[Path]:
    """Write the packages of an RDF export; one package goes to ``out_dir`` itself, several to
    ``out_dir/<name>`` each. Returns the package folders, sorted by name."""
    path, target = Path(file), Path(out_dir)
    if not path.is_file():
        raise UnreadableInputError(f"{path}: no such file")
    graph = _read(path)
    # A package is a dcat:Dataset with a kind; a consortium's PackageSource records (its
    # provenance rows) carry a kind too but are records, not datasets.
    kind_predicate, dataset = UDS + "package_kind", DCAT + "Dataset"
    nodes = sorted(s for s, preds in graph.items() if kind_predicate in preds
                   and any(t.value == dataset for t in preds.get(RDF_TYPE, [])))
    if not nodes:
        raise UnreadableInputError(f"{path}: no package dataset (uds:package_kind) found; "
                                   "is this an upsides RDF export?")
    metas = [_meta(graph, n) for n in nodes]
    packages = [(meta, _tables(graph, n, meta.kind)) for n, meta in zip(nodes, metas)]
    if len(packages) == 1:
        meta, tables = packages[0]
        return [write_package(target, meta, tables, overwrite=overwrite)]
    if target.exists() and not overwrite:
        raise UsageError(f"{target} already exists (choose another output or remove it)")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for meta, tables in packages:
            write_package(staging / meta.name, meta, tables)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(target / meta.name for meta, _ in packages)
