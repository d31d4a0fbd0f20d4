"""``export_rdf``: one or more packages as one RDF graph, in Turtle, JSON-LD or N-Triples.

The graph is written as a sequence of blocks, never held whole: each record table, read from
every package at once, in chunks of ``CHUNK`` records (sorted by id), with its link tables and
what ``annotations``, ``activities`` and ``places`` add around its records; then the catalogue
(``catalog``) with the packages' membership triples. Triples are built as N-Triples terms by
polars column expressions (no Python object per triple), and each block is deduplicated and
sorted on its own. Every subject belongs to exactly one block (a record and the fragment nodes
minted from it to its table's chunk, the datasets to the catalogue), so no triple can occur in two
blocks and Turtle can group by subject; the block order (tables by name, chunks by id, the
catalogue last) is fixed, so the same packages give the same bytes whatever order they are given
in. Memory is bounded by the input tables plus one chunk, not by the number of triples.

Export several packages together (a codebook package and its site packages, or a merged
consortium package) to get a graph in which every reference has its typed target, which the
generated SHACL shapes need (see docs/rdf.md).
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import polars as pl

from upsides_data import arguments
from upsides_data.errors import UnreadableInputError, UsageError
from upsides_data.findings import Finding
from upsides_data.gateway import read_inputs
from upsides_data.output import check_target, write_file
from upsides_data.package.descriptor import ACCESS_LEVELS, KINDS
from upsides_data.package.reader import Package
from upsides_data.rdf import activities, jsonld, places
from upsides_data.rdf import annotations as web_annotations
from upsides_data.rdf.catalog import FORMATS, PackageInfo, catalog_triples
from upsides_data.rdf.concepts import KIND as CONCEPT_TABLES
from upsides_data.rdf.concepts import ConceptLabels
from upsides_data.rdf.content import (
    check_link, check_table, link_triples, members, table_triples,
)
from upsides_data.rdf.formats import RdfFormat, rdf_format
from upsides_data.rdf.terms import PREFIXES, TableTerms, table_terms
from upsides_data.rdf.triples import (
    combine, frame, ntriples_block, turtle_block, turtle_header,
)

PathLike = str | os.PathLike[str]
CHUNK = 2000  # records per block: bounds memory, large enough that polars works in bulk


@dataclass
class Graph:
    """The whole export as one triple frame, and the DCAT catalogue part alone (for tests and
    small graphs; ``blocks`` is what the writers use)."""

    triples: pl.DataFrame
    catalog: pl.DataFrame


def _languages(pkg: Package) -> set[str]:
    found: set[str] = set()
    for table, column in (("focus_group_languages", "language"),
                          ("transcript", "original_language"),
                          ("transcript", "translation_target_language")):
        if pkg.has(table):
            data = pkg.text_frame(table)
            if column in data.columns:
                found.update(str(v) for v in data.get_column(column).drop_nulls().unique())
    return found


def _study_languages(pkg: Package) -> dict[str, set[str]]:
    """study id -> the languages of this package's focus groups and transcripts of that study."""
    if not pkg.has("focus_group"):
        return {}
    groups = pkg.text_frame("focus_group").select(pl.col("id").alias("focus_group"), "study")
    found: dict[str, set[str]] = {}
    for table, column in (("focus_group_languages", "language"),
                          ("transcript", "original_language"),
                          ("transcript", "translation_target_language")):
        if not pkg.has(table):
            continue
        data = pkg.text_frame(table)
        if column not in data.columns or "focus_group" not in data.columns:
            continue
        pairs = (data.select("focus_group", column).join(groups, on="focus_group", how="inner")
                 .drop_nulls().unique())
        for study, language in pairs.select("study", column).iter_rows():
            found.setdefault(str(study), set()).add(str(language))
    return found


def _open(paths: Sequence[PathLike], *, validate: bool, purpose: str) -> list[Package]:
    """The packages, validated first (``gateway.read_inputs``) unless ``validate`` is False."""
    if not paths:
        raise UsageError("give at least one package to export")
    read = read_inputs([Path(p) for p in paths], validate=validate, purpose=purpose)
    packages = sorted(read.packages, key=lambda p: p.name)
    for package in packages:
        _require_kind_and_access(package)
    names = [p.name for p in packages]
    if len(set(names)) != len(names):
        raise UsageError(f"the same package name is given twice: {sorted(names)}")
    return packages


def _require_kind_and_access(package: Package) -> None:
    """The catalogue needs a known kind and access level; without them nothing is exported
    (validation reports the same as ``upsides-property``; this guards unvalidated input)."""
    meta = package.meta
    for field, value, allowed in (("upsides.kind", meta.kind, KINDS),
                                  ("upsides.access_level", meta.access_level, ACCESS_LEVELS)):
        if value not in allowed:
            raise UnreadableInputError(f"{package.name}: {field} {value!r} is unknown", findings=[
                Finding("upsides-property", f"{field} {value!r} is not one of "
                        f"{', '.join(allowed)}", package=package.name, file="datapackage.json",
                        field=field, hint=f"for example \"{field.split('.')[1]}\": "
                                          f"\"{allowed[0]}\"")])


def _infos(packages: list[Package]) -> list[PackageInfo]:
    return [PackageInfo(meta=pkg.meta, descriptor=pkg.descriptor, languages=_languages(pkg),
                        studies=pkg.text_frame("study").to_dicts() if pkg.has("study") else [],
                        study_languages=_study_languages(pkg))
            for pkg in packages]


def _extras(table: str, rows: pl.DataFrame, links: dict[str, pl.DataFrame]) -> list[pl.DataFrame]:
    """What the export adds around the records of one table (annotations, PROV, countries)."""
    if table in ("site", "income_classification"):
        return [places.country_triples(rows)]
    if table == "focus_group":
        return activities.focus_group_activities(rows)
    if table == "coding":
        return activities.coding_activities(rows)
    if table == "transcript":
        return activities.translation_activities(rows)
    if table == "study":
        return activities.study_activities(rows)
    if table == "quote":
        return web_annotations.quote_annotations(
            rows, [links[t] for t in ("quote_themes", "quote_codes") if t in links])
    if table == "evidence_reference":
        return web_annotations.evidence_annotations(
            rows, [links[t] for t in ("evidence_reference_themes", "evidence_reference_codes")
                   if t in links])
    return []


def _concat(frames: list[pl.DataFrame]) -> pl.DataFrame | None:
    return pl.concat(frames, how="diagonal_relaxed") if frames else None


Members = dict[tuple[str, str], list[pl.Series]]


def _table_blocks(terms: TableTerms, packages: list[Package], infos: list[PackageInfo],
                  membership: Members) -> Iterator[pl.DataFrame]:
    """The blocks of one record table across all packages; collects the record IRIs of each
    package (``membership``) for the catalogue part."""
    parts: list[pl.DataFrame] = []
    link_parts: dict[str, list[pl.DataFrame]] = {link.name: [] for link in terms.links}
    for pkg, info in zip(packages, infos):
        if pkg.has(terms.table):
            data = pkg.text_frame(terms.table)
            check_table(terms, data, terms.table, pkg.name)
            if terms.table in ("site", "income_classification"):
                places.check_countries(data, terms.table, pkg.name)
            parts.append(data)
            key = (f"<{info.dataset_iri}>", f"<{terms.dataset_predicate}>")
            membership.setdefault(key, []).append(members(data))
        for link in terms.links:
            if pkg.has(link.name):
                data = pkg.text_frame(link.name)
                check_link(link, data, pkg.name)
                link_parts[link.name].append(data)
    # each package's frame sorted by its key; a chunk takes its slice of each (no whole-table copy)
    rows = [data.sort("id") for data in parts]
    concepts = ConceptLabels(terms.table, rows) if terms.table in CONCEPT_TABLES else None
    parts.clear()
    by_name = {link.name: link for link in terms.links}
    links = {name: [df.sort(by_name[name].parent_column) for df in frames]
             for name, frames in link_parts.items() if frames}
    link_parts.clear()
    ids = [df.get_column("id") for df in rows]
    ids += [df.get_column(by_name[name].parent_column).alias("id")
            for name, frames in links.items() for df in frames]
    if not ids:
        return
    keys = pl.concat(ids).drop_nulls().unique().sort()
    del ids
    for offset in range(0, keys.len(), CHUNK):
        chunk = keys.slice(offset, CHUNK)
        part = _slices(rows, "id", chunk)
        part_links = {name: _slices(frames, by_name[name].parent_column, chunk)
                      for name, frames in links.items()}
        out = table_triples(terms, part) if part is not None else []
        out += [link_triples(by_name[name], df) for name, df in part_links.items()
                if df is not None]
        if part is not None and part.height:
            out += _extras(terms.table, part,
                           {name: df for name, df in part_links.items() if df is not None})
            if concepts is not None:
                out += concepts.triples(part)
        yield pl.concat([f for f in out if f.height]) if any(f.height for f in out) else frame([])


def _slices(frames: list[pl.DataFrame], column: str, chunk: pl.Series) -> pl.DataFrame | None:
    """The rows of the (sorted) frames whose key lies in the sorted ``chunk``, as one frame."""
    if not frames:
        return None
    return _concat([_slice(df, column, chunk) for df in frames])


def _slice(data: pl.DataFrame, column: str, chunk: pl.Series) -> pl.DataFrame:
    """The rows of ``data`` (sorted by ``column``) whose key lies in the sorted ``chunk``."""
    keys = data.get_column(column)
    start = int(keys.search_sorted(chunk[0], side="left"))
    stop = int(keys.search_sorted(chunk[-1], side="right"))
    return data.slice(start, stop - start)


def _catalog_blocks(infos: list[PackageInfo], membership: Members) -> Iterator[pl.DataFrame]:
    """The catalogue and the membership triples, subject by subject and predicate by predicate
    in code-point order, the memberships in pieces of ``10 * CHUNK`` (a consortium dataset lists
    every record, which must not be one block). The catalogue uses none of the membership
    predicates, so every piece is sorted and the pieces follow each other in order."""
    catalog = frame(catalog_triples(infos)).unique()
    subjects = sorted(set(catalog.get_column("s").to_list()) | {s for s, _ in membership})
    pending: list[pl.DataFrame] = []
    for subject in subjects:
        mine = catalog.filter(pl.col("s") == subject)
        predicates = set(mine.get_column("p").to_list()) | {
            p for s, p in membership if s == subject}
        for predicate in sorted(predicates):
            objects = membership.pop((subject, predicate), None)
            if objects is None:
                pending.append(mine.filter(pl.col("p") == predicate))
                continue
            if pending:
                yield pl.concat(pending)
                pending = []
            values = pl.concat(objects).unique().sort()
            for offset in range(0, values.len(), 10 * CHUNK):
                part = values.slice(offset, 10 * CHUNK)
                yield pl.DataFrame({"o": part}).select(
                    s=pl.lit(subject), p=pl.lit(predicate), o=pl.col("o"))
    if pending:
        yield pl.concat(pending)


def blocks(paths: Sequence[PathLike], *, validate: bool = True,
           purpose: str = "export rdf") -> Iterator[pl.DataFrame]:
    """The export as triple frames, one block at a time, in the fixed block order.

    The packages are opened and validated at once (before the first block is asked for), so
    that a refusal comes before any output is started."""
    return _blocks(_open(list(paths), validate=validate, purpose=purpose))


def _blocks(packages: list[Package]) -> Iterator[pl.DataFrame]:
    infos = _infos(packages)
    membership: Members = {}
    for _, terms in sorted(table_terms().items()):
        yield from _table_blocks(terms, packages, infos, membership)
    yield from _catalog_blocks(infos, membership)


def build_graph(paths: Sequence[PathLike], *, validate: bool = True) -> Graph:
    """The whole export as one frame, and its catalogue part (for tests and small graphs)."""
    packages = _open(list(paths), validate=validate, purpose="export rdf")
    return Graph(triples=combine(_blocks(packages)), catalog=catalog_frame(packages))


def open_packages(paths: Sequence[PathLike], *, validate: bool = True,
                  purpose: str = "export rdf") -> list[Package]:
    """The packages an export reads, through the gateway (validated unless ``validate`` is
    False), sorted by name, each with a known kind and access level and a name of its own."""
    return _open(list(paths), validate=validate, purpose=purpose)


def catalog_frame(packages: list[Package], formats: Sequence[str] = tuple(FORMATS)) -> pl.DataFrame:
    """The DCAT catalogue of ``packages`` as DCAT-AP sees it: with the study records'
    ``prov:Activity`` type, which the export writes in the study block. ``formats`` are the
    distributions each dataset lists."""
    infos = _infos(packages)
    studies = pl.concat([pl.DataFrame({"id": [s["id"] for s in i.studies]}, schema={"id": pl.String})
                         for i in infos])
    return combine([frame(catalog_triples(infos, formats=formats)),
                    *activities.study_activities(studies)])


def blocks_of(packages: list[Package]) -> Iterator[pl.DataFrame]:
    """The export of packages already opened (``open_packages``), one block at a time."""
    return _blocks(packages)


def package_blocks(package: Package) -> Iterator[pl.DataFrame]:
    """One package's records and its dataset's membership triples, without the catalogue: the
    content of the package's own named graph (``rdf.publish``). The union of these graphs over
    the packages of an export and the catalogue (``catalog_frame``) is the export itself."""
    infos = _infos([package])
    membership: Members = {}
    for _, terms in sorted(table_terms().items()):
        yield from _table_blocks(terms, [package], infos, membership)
    for (subject, predicate), objects in sorted(membership.items()):
        values = pl.concat(objects).unique().sort()
        for offset in range(0, values.len(), 10 * CHUNK):
            yield pl.DataFrame({"o": values.slice(offset, 10 * CHUNK)}).select(
                s=pl.lit(subject), p=pl.lit(predicate), o=pl.col("o"))


def serialise_blocks(parts: Iterable[pl.DataFrame], format: str) -> Iterator[bytes]:
    """The serialisation of the blocks, in pieces (never the whole file in memory, except for
    RDF/XML, which pyoxigraph writes from the N-Triples of all blocks).

    Everything is in the default graph, so TriG is Turtle and N-Quads is N-Triples."""
    name = rdf_format(format)
    if name in ("ntriples", "nquads"):
        for part in parts:
            yield ntriples_block(part)
    elif name in ("turtle", "trig"):
        yield turtle_header().encode("utf-8")
        for part in parts:
            yield turtle_block(part).encode("utf-8")
    elif name == "jsonld":
        yield from jsonld.document(parts)
    else:
        yield _rdfxml(parts)


def _rdfxml(parts: Iterable[pl.DataFrame]) -> bytes:
    import pyoxigraph as ox

    triples = (t for part in parts
               for t in ox.parse(ntriples_block(part), format=ox.RdfFormat.N_TRIPLES))
    written = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=dict(PREFIXES))
    return written if written is not None else b""


def serialise(triples: pl.DataFrame, format: str) -> str:
    """One triple frame, serialised as a single block."""
    return b"".join(serialise_blocks([triples], format)).decode("utf-8")


def write_chunks(target: Path, chunks: Iterable[bytes], *, inputs: Sequence[PathLike] = (),
                 force: bool = False) -> Path:
    """Write ``chunks`` through the output writer: a temporary sibling renamed into place."""
    with write_file(target, inputs=inputs, force=force) as temp:
        with open(temp, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
    return target


def export_rdf(paths: PathLike | Sequence[PathLike], out: PathLike, *,
               format: RdfFormat | str | None = None, force: bool = False,
               validate: bool = True) -> Path:
    """Export packages as RDF into the file ``out``; return its path.

    ``format``: ``turtle``, ``ntriples``, ``jsonld``, ``trig``, ``nquads`` or ``rdfxml``, or
    rdflib's name for one (``ttl``, ``nt``, ``json-ld``, ``xml``, ...); when not given, the
    extension of ``out`` says (``.ttl``, ``.nt``, ``.jsonld``, ``.trig``, ``.nq``, ``.rdf``),
    else Turtle.

    The packages are validated first (``InvalidInputError`` when they do not validate, nothing
    written). ``validate=False`` exports a draft: each package's metadata in the graph
    (``uds:package_metadata``) then says ``"validated": false``. ``out`` is written through the
    output writer: an existing file is replaced only with ``force``, and ``out`` may never be,
    hold or sit inside an input.
    """
    items = arguments.paths(paths, function="export_rdf")
    target = arguments.path(out, function="export_rdf", name="out")
    name = rdf_format(format, target)
    check_target(target, inputs=items, force=force, kind="file")
    chunks = serialise_blocks(blocks(items, validate=validate), name)
    return write_chunks(target, chunks, inputs=items, force=force)


def rdf_text(paths: PathLike | Sequence[PathLike], *, format: RdfFormat | str = "turtle",
             validate: bool = True) -> str:
    """The RDF export of packages as text, in memory (``export_rdf`` writes a file)."""
    items = arguments.paths(paths, function="rdf_text")
    chunks = serialise_blocks(blocks(items, validate=validate), rdf_format(format))
    return b"".join(chunks).decode("utf-8")


def to_rdf(paths: PathLike | Sequence[PathLike], out: PathLike | None = None, *,
           format: RdfFormat | str | None = None, force: bool = False,
           validate: bool = True) -> str | Path:
    """Deprecated (warns): ``export_rdf`` when ``out`` is given, else ``rdf_text``."""
    warnings.warn("to_rdf() is deprecated: use export_rdf(paths, out) to write a file or "
                  "rdf_text(paths) for the text", DeprecationWarning, stacklevel=2)
    if out is None:
        return rdf_text(paths, format=rdf_format(format), validate=validate)
    return export_rdf(paths, out, format=format, force=force, validate=validate)
