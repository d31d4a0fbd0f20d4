"""``to_rdf``: one or more packages as one RDF graph, in Turtle, JSON-LD or N-Triples.

The fast path: each table is read as text with polars and turned into N-Triples terms by column
expressions (``content``, ``annotations``, ``activities``, ``places``), table by table, so no
Python object is made per record; the catalogue (``catalog``) adds a few hundred triples. The
triples are deduplicated and sorted, which with no blank nodes makes N-Triples and Turtle
byte-identical for the same input. JSON-LD is written by pyoxigraph from the sorted triples.

Export several packages together (a codebook package and its site packages, or a merged
consortium package) to get a graph in which every reference has its typed target, which the
generated SHACL shapes need (see docs/rdf.md).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import polars as pl

from upsides_data.errors import UsageError
from upsides_data.package import open_package
from upsides_data.package.reader import Package
from upsides_data.rdf import activities, annotations, places
from upsides_data.rdf.catalog import FORMATS, PackageInfo, catalog_triples
from upsides_data.rdf.content import link_triples, table_triples
from upsides_data.rdf.terms import PREFIXES, link_tables, table_terms
from upsides_data.rdf.triples import combine, frame, ntriples_chunks, to_ntriples, to_turtle

PathLike = str | os.PathLike[str]


@dataclass
class Graph:
    """The export as sorted triple frames: everything, and the DCAT catalogue part alone."""

    triples: pl.DataFrame
    catalog: pl.DataFrame


def _languages(pkg: Package) -> set[str]:
    found: set[str] = set()
    for table, column in (("focus_group_languages", "language"),
                          ("transcript", "original_language"),
                          ("transcript", "translation_target_language")):
        if pkg.has(table):
            values = pkg.text_frame(table).get_column(column).drop_nulls().unique().to_list()
            found.update(str(v) for v in values)
    return found


def package_triples(pkg: Package, dataset_iri: str) -> Iterable[pl.DataFrame]:
    """The triples of one package's records, table by table."""
    terms_by_table, links = table_terms(), link_tables()
    name = pkg.name
    for table in pkg.resources():
        if table in terms_by_table:
            terms = terms_by_table[table]
            data = pkg.text_frame(table)
            yield from table_triples(terms, data, dataset_iri, name)
            if table in ("site", "income_classification"):
                yield places.country_triples(data, table, name)
            elif table == "focus_group":
                yield from activities.focus_group_activities(data)
            elif table == "coding":
                yield from activities.coding_activities(data)
            elif table == "transcript":
                yield from activities.translation_activities(data)
            elif table == "quote":
                bodies = [pkg.text_frame(t) for t in ("quote_themes", "quote_codes") if pkg.has(t)]
                yield from annotations.quote_annotations(data, bodies)
        elif table in links:
            link = links[table]
            yield link_triples(terms_by_table[link.parent_column], table, pkg.text_frame(table),
                               name)


def build_graph(paths: Sequence[PathLike]) -> Graph:
    """Read the packages and build the sorted content and catalogue triples."""
    if not paths:
        raise UsageError("give at least one package to export")
    packages = [open_package(p) for p in paths]
    names = [p.name for p in packages]
    if len(set(names)) != len(names):
        raise UsageError(f"the same package name is given twice: {sorted(names)}")
    infos, content = [], []
    for pkg in sorted(packages, key=lambda p: p.name):
        studies = pkg.text_frame("study").to_dicts() if pkg.has("study") else []
        info = PackageInfo(meta=pkg.meta, descriptor=pkg.descriptor, languages=_languages(pkg),
                           studies=studies)
        infos.append(info)
        content.extend(f for f in package_triples(pkg, info.dataset_iri) if f.height)
    catalog = frame(catalog_triples(infos))
    return Graph(triples=combine([*content, catalog]), catalog=combine([catalog]))


def serialise_chunks(triples: pl.DataFrame, format: str) -> Iterator[str]:
    """The serialisation in pieces (N-Triples is never held whole in memory)."""
    if format == "ntriples":
        yield from ntriples_chunks(triples)
    elif format == "turtle":
        yield to_turtle(triples)
    elif format == "jsonld":
        import pyoxigraph as ox

        parsed = ox.parse(to_ntriples(triples).encode("utf-8"), ox.RdfFormat.N_TRIPLES)
        yield ox.serialize(parsed, format=ox.RdfFormat.JSON_LD, prefixes=PREFIXES).decode("utf-8")
    else:
        raise UsageError(f"unknown RDF format {format!r}; choose one of {', '.join(FORMATS)}")


def serialise(triples: pl.DataFrame, format: str) -> str:
    return "".join(serialise_chunks(triples, format))


def write_atomic(target: Path, chunks: Iterable[str]) -> Path:
    """Write to a temporary sibling, then rename: never a partial file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            for chunk in chunks:
                stream.write(chunk)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def to_rdf(paths: PathLike | Sequence[PathLike], out: PathLike | None = None, *,
           format: str = "turtle") -> str | Path:
    """Export packages as RDF; return the text, or write it to ``out`` and return that path."""
    if format not in FORMATS:
        raise UsageError(f"unknown RDF format {format!r}; choose one of {', '.join(FORMATS)}")
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    triples = build_graph(items).triples
    if out is None:
        return serialise(triples, format)
    return write_atomic(Path(out), serialise_chunks(triples, format))
