"""Triples as polars frames of N-Triples terms, and their deterministic serialisations.

Every builder returns a frame with three string columns ``s``, ``p``, ``o``, each already an
N-Triples term (``<iri>`` or ``"literal"^^<datatype>``), built with column expressions rather
than one Python object per triple: this is what makes the export fast. There are no blank nodes,
so sorting is enough to make the output byte-identical for the same input. The export is
written block by block (``export.blocks``); each block is deduplicated and sorted here.
"""

from __future__ import annotations

import io
import re
from typing import Iterable, Iterator

import polars as pl

from upsides_data.rdf.terms import PREFIXES, RDF_TYPE, id_base

TRIPLE_SCHEMA = {"s": pl.String, "p": pl.String, "o": pl.String}


def empty() -> pl.DataFrame:
    return pl.DataFrame(schema=TRIPLE_SCHEMA)


def iri(value: str) -> str:
    """One IRI as a term; refuses characters N-Triples does not allow in an IRI."""
    if not value or any(ch in value for ch in '<>"{}|^`\\ \n\r\t'):
        raise ValueError(f"not a usable IRI: {value!r}")
    return f"<{value}>"


def literal(value: str, datatype: str | None = None) -> str:
    text = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r"))
    return f'"{text}"' + (f"^^<{datatype}>" if datatype else "")


def iri_expr(column: pl.Expr, prefix: str = "", suffix: str = "") -> pl.Expr:
    return pl.concat_str([pl.lit("<" + prefix), column, pl.lit(suffix + ">")])


def literal_expr(column: pl.Expr, datatype: str | None = None) -> pl.Expr:
    text = (column.str.replace_all("\\", "\\\\", literal=True)
            .str.replace_all('"', '\\"', literal=True)
            .str.replace_all("\n", "\\n", literal=True)
            .str.replace_all("\r", "\\r", literal=True))
    tail = f'"^^<{datatype}>' if datatype else '"'
    return pl.concat_str([pl.lit('"'), text, pl.lit(tail)])


def frame(rows: Iterable[tuple[str, str, str]]) -> pl.DataFrame:
    """A triple frame from a few Python triples (catalogue metadata, not per-record data)."""
    return pl.DataFrame(list(rows), schema=TRIPLE_SCHEMA, orient="row")


def combine(frames: Iterable[pl.DataFrame]) -> pl.DataFrame:
    """The frames as one, each triple once (in no particular order: serialisers sort)."""
    parts = [f.select("s", "p", "o") for f in frames if f.height]
    if not parts:
        return empty()
    return pl.concat(parts, rechunk=True).unique()


def _joined(column: pl.Series, chunk: int = 200_000) -> Iterator[str]:
    """The column's strings joined, in chunks, so no Python object is made per triple."""
    for offset in range(0, column.len(), chunk):
        yield column.slice(offset, chunk).str.join("").item()


def ntriples_block(triples: pl.DataFrame) -> bytes:
    """One block as N-Triples: each triple once, lines in code-point order.

    Sorting one column of lines is several times faster than sorting three string columns, and
    since every term is delimited (``<...>`` or ``"..."``) it orders subjects, then predicates,
    then objects, just the same. polars' CSV writer (no quoting) makes the bytes.
    """
    if not triples.height:
        return b""
    lines = (triples.select(x=pl.concat_str(["s", "p", "o"], separator=" ") + pl.lit(" ."))
             .unique().sort("x"))
    buffer = io.BytesIO()
    lines.write_csv(buffer, include_header=False, quote_style="never", line_terminator="\n")
    return buffer.getvalue()


def to_ntriples(triples: pl.DataFrame) -> str:
    return ntriples_block(triples).decode("utf-8")


_SAFE_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_XSD_LITERAL = re.compile(r'"\^\^<http://www\.w3\.org/2001/XMLSchema#([A-Za-z]+)>$')


def _compact_one(term: str) -> str:
    if term.startswith("<"):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if term.startswith("<" + ns) and _SAFE_LOCAL.fullmatch(term[len(ns) + 1:-1]):
                return f"{prefix}:{term[len(ns) + 1:-1]}"
    return term


def _compact(column: str) -> pl.Expr:
    """Abbreviate vocabulary IRIs and XSD datatypes; record IRIs (never abbreviable) and plain
    literals are left alone, so only the few distinct vocabulary terms are looked at in Python."""
    col = pl.col(column)
    return col.map_batches(_compact_series, return_dtype=pl.String)


def _compact_series(series: pl.Series) -> pl.Series:
    series = series.str.replace(_XSD_LITERAL.pattern, '"^^xsd:$1')
    candidates = series.filter(
        series.str.starts_with("<") & ~series.str.starts_with("<" + id_base())).unique()
    mapping = {t: _compact_one(t) for t in candidates.to_list()}
    mapping = {k: v for k, v in mapping.items() if k != v}
    if not mapping:
        return series
    return series.replace(mapping)


def turtle_header() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))


def turtle_block(triples: pl.DataFrame) -> str:
    """One block as Turtle grouped by subject, ``a`` first, each triple once, sorted."""
    if not triples.height:
        return ""
    rdf_type = f"<{RDF_TYPE}>"
    data = (triples.unique()
            .with_columns(pkey=pl.when(pl.col("p") == rdf_type).then(pl.lit(""))
                          .otherwise(pl.col("p")))
            .sort(["s", "pkey", "o"])
            .with_columns(st=_compact("s"), ot=_compact("o"),
                          pt=pl.when(pl.col("p") == rdf_type).then(pl.lit("a"))
                          .otherwise(_compact("p"))))
    first = pl.int_range(pl.len()) == 0
    new_s = pl.col("s") != pl.col("s").shift(1)
    new_p = pl.col("p") != pl.col("p").shift(1)
    piece = (pl.when(first).then(pl.concat_str(["st", "pt", "ot"], separator=" "))
             .when(new_s).then(pl.lit(" .\n\n") + pl.concat_str(["st", "pt", "ot"], separator=" "))
             .when(new_p).then(pl.lit(" ;\n    ") + pl.concat_str(["pt", "ot"], separator=" "))
             .otherwise(pl.lit(" ,\n        ") + pl.col("ot")))
    return "\n" + "".join(_joined(data.select(piece.alias("x")).to_series())) + " .\n"


def to_turtle(triples: pl.DataFrame) -> str:
    return turtle_header() + turtle_block(triples)
