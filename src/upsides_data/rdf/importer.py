"""``import_rdf``: an export read back into the package(s) it came from.

Each package of an export is a ``dcat:Dataset`` with ``uds:package_kind``; its records are the
objects of the schema's ``Dataset`` attributes (``uds:quotes``, ``uds:themes``, ...), which also
tells a code from a theme although both are ``skos:Concept``. Columns are read back through the
same ``terms.table_terms()`` the exporter used: record IRIs become ``upsides:`` identifiers again,
enum meanings their text, literals their lexical form. What the export adds around the records
(annotation targets, PROV associations, country IRIs, the study datasets) is derived data and is
not read back. Descriptor metadata with no RDF term of its own (contributors, sources, a
consortium's notices and ``merged_from``) travels as one JSON literal, ``uds:package_metadata``;
keywords come back sorted. See docs/rdf.md.

The import fails closed (``import_checks``): blank-node records, literals of the wrong datatype,
IRIs outside the standard's namespace and records no package would write are findings, and the
file is refused (exit 2) when there is any; a package without ``dct:accessRights`` is imported as
restricted, never public; and the packages are validated in a staging folder before they are
moved into place (``InvalidInputError``, exit 1, nothing written).
"""

from __future__ import annotations

import json
import os
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

from upsides_data import arguments, jsonsafe
from upsides_data.errors import LimitExceededError, UnreadableInputError, UsageError
from upsides_data.findings import Finding
from upsides_data.gateway import check_written
from upsides_data.limits import (
    MAX_RDF_BYTES, MAX_RDF_LITERAL_CHARS, RDF_PARSER_TOKEN_BYTES, too_large,
)
from upsides_data.output import check_target, refuse, safe_part, write_directory
from upsides_data.package import PackageMeta, write_package
from upsides_data.package.descriptor import tables_of_kind
from upsides_data.package.writer import write_package_files
from upsides_data.rdf.catalog import CODEBOOK_NAME, CODEBOOK_VERSION, PACKAGE_METADATA
from upsides_data.rdf import import_checks
from upsides_data.rdf.formats import EXTENSIONS, OXIGRAPH
from upsides_data.rdf.terms import (
    DCAT, DCT, ID_PREFIX, PROV, RDF_TYPE, UDS, Column, enum_meanings, id_base, record_iri,
    table_terms,
)

Objects = dict[str, dict[str, list[Any]]]
# The file's extension says its format (rdf.formats): every format export rdf writes reads back.
FORMATS_BY_SUFFIX = {suffix: OXIGRAPH[name] for suffix, name in EXTENSIONS.items()}


_PACKAGE_HINT = "import a file written by `upsides export rdf`, unchanged"

def _read(path: Path, found: list[Finding]) -> Objects:
    """The triples by subject and predicate; a blank-node subject that claims to be a record or
    a package, and every literal over the size limit, is a finding in ``found``."""
    import pyoxigraph as ox

    name = FORMATS_BY_SUFFIX.get(path.suffix.lower())
    if name is None:
        raise UsageError(f"{path}: cannot tell the RDF format from the suffix "
                         f"(use one of {', '.join(sorted(FORMATS_BY_SUFFIX))})")
    size = path.stat().st_size
    if size > MAX_RDF_BYTES:
        raise too_large(str(path), size, MAX_RDF_BYTES)
    graph: Objects = defaultdict(lambda: defaultdict(list))
    record_classes = {t.class_iri for t in table_terms().values()} | {DCAT + "Dataset"}
    blank: set[str] = set()
    try:
        for triple in ox.parse(path=str(path), format=getattr(ox.RdfFormat, name)):
            subject, obj = triple.subject, triple.object
            if isinstance(obj, ox.Literal) and len(obj.value) > MAX_RDF_LITERAL_CHARS:
                found.append(import_checks.finding(
                    import_checks.RULE_TOO_LARGE, str(subject), triple.predicate.value,
                    f"the literal has {len(obj.value)} characters; the limit is "
                    f"{MAX_RDF_LITERAL_CHARS}", "split the text; a transcript of 300 pages has "
                                                "about 1 million characters"))
                obj = ox.Literal("")  # not kept: the import is refused anyway
            if isinstance(subject, ox.NamedNode):
                graph[subject.value][triple.predicate.value].append(obj)
            elif isinstance(subject, ox.BlankNode) and subject.value not in blank and (
                    triple.predicate.value == UDS + "package_kind"
                    or (triple.predicate.value == RDF_TYPE and obj.value in record_classes)):
                blank.add(subject.value)
                found.append(import_checks.finding(
                    import_checks.RULE_BLANK, f"_:{subject.value}", triple.predicate.value,
                    "a record or package is a blank node",
                    f"give it an IRI under {id_base()}, e.g. <{id_base()}ulm/quote-1>"))
    except MemoryError as exc:  # pyoxigraph's parser: a token over its 16 MiB buffer
        raise LimitExceededError(f"{path}: a term is too large to read ({exc})", findings=[
            import_checks.finding(
                import_checks.RULE_TOO_LARGE, str(path), None,
                f"a literal or IRI is longer than the RDF parser's buffer of "
                f"{RDF_PARSER_TOKEN_BYTES} bytes; the limit for a literal is "
                f"{MAX_RDF_LITERAL_CHARS} characters", "split the text; a transcript of 300 "
                "pages has about 1 million characters")]) from None
    except (SyntaxError, ValueError, OSError) as exc:
        raise UnreadableInputError(f"{path}: not readable as {name} ({exc})") from None
    return graph


def _text(term: Any, col: Column | None, where: str) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.Literal):
        return str(term.value)
    value = str(term.value)
    if col is not None and col.kind == "enum":
        reverse = {v: k for k, v in (col.enum or {}).items()}
        if value not in reverse:
            raise UnreadableInputError(f"{where}: {value} is not a meaning of the enum",
                                       rule="rdf-enum-unknown",
                                       hint="import a file written by `upsides export rdf`")
        return str(reverse[value])
    base = id_base()
    return ID_PREFIX + value[len(base):] if value.startswith(base) else value


def _cell(graph: Objects, member: str, col: Column, found: list[Finding]) -> list[str]:
    """The texts of ``member``'s values for ``col``; each value that would not read back
    exactly is a finding instead."""
    texts = set()
    for term in graph.get(member, {}).get(col.predicate, []):
        problem = import_checks.value_problem(term, col, member)
        if problem is None:
            texts.add(_text(term, col, f"<{member}> <{col.predicate}>"))
        else:
            found.append(problem)
    return sorted(texts)


def _one(graph: Objects, node: str, predicate: str, col: Column | None = None) -> str | None:
    values = graph.get(node, {}).get(predicate, [])
    if not values:
        return None
    texts = sorted({_text(v, col, f"<{node}> <{predicate}>") for v in values})
    if len(texts) > 1:
        raise UnreadableInputError(f"<{node}> has {len(texts)} values for <{predicate}> where "
                                   f"the schema allows one: {texts}", rule="rdf-cardinality",
                                   hint="keep one value, e.g. one dct:title per record")
    return texts[0]


def _meta(graph: Objects, node: str) -> PackageMeta:
    source = table_terms()["package_source"]
    kind = _one(graph, node, UDS + "package_kind", source.column("package_kind"))
    name = _one(graph, node, DCT + "identifier")
    if not kind or not name:
        raise UnreadableInputError(f"<{node}> lacks a package name or kind",
                                   rule="rdf-package-incomplete", hint=_PACKAGE_HINT)
    access_level = _access_level(graph, node)
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
        access_level=access_level,
        version=_one(graph, node, DCAT + "version") or "1.0.0",
        title=None if title == name else title,
        description=None if description == f"The UPSIDES {kind} package {name}." else description,
        site=_one(graph, node, PROV + "atLocation"), study=_one(graph, node, DCT + "isPartOf"),
        codebook=codebook, synthetic=_one(graph, node, UDS + "synthetic") == "true",
        licenses=licences, contributors=list(carried.get("contributors") or []),
        sources=list(carried.get("sources") or []),
        keywords=sorted(t.value for t in graph[node].get(DCAT + "keyword", [])),
        extra=extra)


def _access_level(graph: Objects, node: str) -> str:
    """The package's access level; without ``dct:accessRights`` it is restricted (fail closed:
    an export that lost its rights statement must not come back public)."""
    rights = graph[node].get(DCT + "accessRights", [])
    if not rights:
        return "restricted"
    levels = {v: k for k, v in enum_meanings("AccessLevel").items()}
    known = {levels.get(getattr(t, "value", "")) for t in rights}
    if None in known or len(known) != 1:
        raise UnreadableInputError(
            f"<{node}>: dct:accessRights is not one access level of the standard", findings=[
                import_checks.finding(
                    import_checks.RULE_ACCESS, node, DCT + "accessRights",
                    f"{sorted(str(t) for t in rights)} is not one access level of the standard",
                    f"use exactly one of {', '.join(f'<{v}>' for v in sorted(levels))}")])
    return str(known.pop())


def _carried(graph: Objects, node: str) -> dict[str, Any]:
    """The descriptor metadata the exporter kept as one JSON literal (catalog.PACKAGE_METADATA)."""
    text = _one(graph, node, PACKAGE_METADATA)
    if text is None:
        return {}
    try:
        value = jsonsafe.load(text, file=f"<{node}> <{PACKAGE_METADATA}>")
    except json.JSONDecodeError as exc:
        raise UnreadableInputError(f"<{node}> <{PACKAGE_METADATA}> is not JSON ({exc})",
                                   rule="rdf-package-incomplete", hint=_PACKAGE_HINT) from None
    if not isinstance(value, dict):
        raise UnreadableInputError(f"<{node}> <{PACKAGE_METADATA}> is not a JSON object",
                                   rule="rdf-package-incomplete", hint=_PACKAGE_HINT)
    return value


def _members(graph: Objects, node: str, predicate: str, found: list[Finding]) -> list[str]:
    """The record IRIs a package lists under ``predicate``; blank nodes and IRIs outside the
    standard's namespace are findings."""
    members = []
    for term in graph[node].get(predicate, []):
        problem = import_checks.record_problem(term, node, predicate)
        if problem is None:
            members.append(term.value)
        else:
            found.append(problem)
    return sorted(members)


def _tables(graph: Objects, node: str, kind: str,
            found: list[Finding]) -> dict[str, list[dict[str, Any]]]:
    terms_by_table = table_terms()
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in tables_of_kind(kind):
        terms = terms_by_table.get(table)
        if terms is None:
            continue
        rows = []
        for member in _members(graph, node, terms.dataset_predicate, found):
            row: dict[str, Any] = {"id": ID_PREFIX + member[len(id_base()):]}
            for col in terms.columns:
                texts = _cell(graph, member, col, found)
                if len(texts) > 1:
                    found.append(import_checks.finding(
                        "rdf-cardinality", member, col.predicate,
                        f"{len(texts)} values where the schema allows one: {texts}",
                        "keep the one value that is right"))
                row[col.name] = texts[0] if texts else None
            if "access_level" in row and row["access_level"] is None:
                # fail closed, as for the package: a record whose rights statement was lost
                # comes back restricted, never public and never blank
                row["access_level"] = "restricted"
            rows.append(row)
            for link in terms.links:
                tables.setdefault(link.name, []).extend(
                    {link.parent_column: row["id"], link.value.name: t}
                    for t in _cell(graph, member, link.value, found))
        tables[table] = rows
    return tables


def _dropped(graph: Objects, nodes: list[str], kinds: list[str],
             written: set[str]) -> list[Finding]:
    """Every record of the file that no package would write: listed under a table its package's
    kind does not hold, or typed as a record but listed by no package."""
    by_predicate = {t.dataset_predicate: t for t in table_terms().values()}
    found, listed = [], set()
    for node, kind in zip(nodes, kinds):
        allowed = set(tables_of_kind(kind))
        for predicate, terms in sorted(graph[node].items()):
            table = by_predicate.get(predicate)
            if table is None:
                continue
            for term in terms:
                listed.add(term.value)
                if table.table not in allowed:
                    found.append(import_checks.finding(
                        import_checks.RULE_DROPPED, term.value, predicate,
                        f"listed by package <{node}>, whose kind {kind!r} holds no "
                        f"{table.table} records; it would not be written",
                        f"a {table.table} record belongs in a package of kind "
                        f"{_kind_holding(table.table)}; check uds:package_kind of <{node}>"))
    classes = {t.class_iri for t in table_terms().values()}
    for subject, predicates in sorted(graph.items()):
        if (subject.startswith(id_base()) and subject not in written and subject not in listed
                and any(getattr(t, "value", None) in classes
                        for t in predicates.get(RDF_TYPE, []))):
            found.append(import_checks.finding(
                import_checks.RULE_DROPPED, subject, RDF_TYPE,
                "a record that no package of the file lists; it would not be written",
                "list it under its package dataset, e.g. <dataset> uds:quotes <record>"))
    return found


def _kind_holding(table: str) -> str:
    return " or ".join(k for k in ("site", "codebook") if table in tables_of_kind(k))


def import_rdf(file: str | os.PathLike[str], out: str | os.PathLike[str] | None = None, *,
               force: bool = False, out_dir: str | os.PathLike[str] | None = None,
               overwrite: bool | None = None) -> list[Path]:
    """Write the packages of an RDF export; one package goes to ``out`` itself, several to
    ``out/<name>`` each. Returns the package folders, sorted by name.

    Every format ``export_rdf`` writes is read, told by the file's extension. Written through
    the output writer: ``out`` may not be, hold or sit inside ``file``, and ``force`` replaces
    it; a package name that is not a plain folder name (``../x``) is refused, never rewritten.
    ``out_dir`` and ``overwrite`` are the old, deprecated names of ``out`` and ``force``."""
    path = arguments.path(file, function="import_rdf", name="file")
    target = arguments.out(out, out_dir, function="import_rdf", old="out_dir")
    overwrite = arguments.force(force, overwrite, function="import_rdf")
    if not path.is_file():
        raise UnreadableInputError(f"{path}: no such file")
    check_target(target, inputs=[path], force=overwrite)
    found: list[Finding] = []
    graph = _read(path, found)
    # A package is a dcat:Dataset with a kind; a consortium's PackageSource records (its
    # provenance rows) carry a kind too but are records, not datasets.
    kind_predicate, dataset = UDS + "package_kind", DCAT + "Dataset"
    nodes = sorted(s for s, preds in graph.items() if kind_predicate in preds
                   and any(t.value == dataset for t in preds.get(RDF_TYPE, [])))
    if not nodes:
        raise UnreadableInputError(f"{path}: no package dataset (uds:package_kind) found; "
                                   "is this an upsides RDF export?", rule="rdf-no-package",
                                   hint="import a file written by `upsides export rdf`")
    metas = [_meta(graph, n) for n in nodes]
    packages = [(meta, _tables(graph, n, meta.kind, found)) for n, meta in zip(nodes, metas)]
    written = {record_iri(row["id"]) for _, tables in packages for rows in tables.values()
               for row in rows if "id" in row}
    found.extend(_dropped(graph, nodes, [m.kind for m in metas], written))
    if found:
        raise UnreadableInputError(f"{path}: refused: {len(found)} statements would not read "
                                   "back into the packages exactly", findings=found)
    if len(packages) == 1:
        meta, tables = packages[0]
        return [write_package(target, meta, tables, force=overwrite, inputs=[path],
                              check=check_written)]
    folders = [safe_part(meta.name, target) for meta, _ in packages]
    twice = sorted({f for f in folders if folders.count(f) > 1})
    if twice:
        raise refuse("output-overlap", target, f"two packages of the export are both named "
                     f"{twice[0]!r}; each needs its own folder")
    with write_directory(target, inputs=[path], force=overwrite,
                         check=lambda staging: check_written(
                             [staging / folder for folder in folders])) as staging:
        for folder, (meta, tables) in zip(folders, packages):
            write_package_files(staging / folder, meta, tables)
    return sorted(target / folder for folder in folders)


def from_rdf(*args: Any, **kwargs: Any) -> list[Path]:
    """Deprecated name of ``import_rdf`` (warns)."""
    warnings.warn("from_rdf() is now called import_rdf(); the old name will be removed in a "
                  "later release", DeprecationWarning, stacklevel=2)
    return import_rdf(*args, **kwargs)
