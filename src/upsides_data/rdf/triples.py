"""Triples as polars frames of N-Triples terms, and their deterministic serialisations.

Every builder returns a frame with three string columns ``s``, ``p``, ``o``, each already an
N-Triples term (``<iri>`` or ``"literal"^^<datatype>``), built with column expressions rather
than one Python object per triple: this is what makes the export fast. There are no blank nodes,
so sorting the lines is enough to make the output byte-identical for the same input.
"""

from __future__ import annotations

from typing import Iterable

import polars as pl

from upsides_data.rdf.terms import PREFIXES, RDF_TYPE

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
    """All triples once, sorted by subject, predicate, object (code-point order)."""
    parts = [f.select("s", "p", "o") for f in frames if f.height]
    if not parts:
        return empty()
    return pl.concat(parts, rechunk=True).unique().sort(["s", "p", "o"])


def to_ntriples(triples: pl.DataFrame) -> str:
    if not triples.height:
        return ""
    lines = triples.select(pl.concat_str(["s", "p", "o"], separator=" ") + pl.lit(" ."))
    return "\n".join(lines.to_series().to_list()) + "\n"


_SAFE_LOCAL = r"[A-Za-z_][A-Za-z0-9_-]*"


def _compact(column: str) -> pl.Expr:
    """Abbreviate ``<ns + local>`` as ``prefix:local`` where local is a plain name."""
    col = pl.col(column)
    expr = None
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        pattern = "^<" + _regex_escape(ns) + "(" + _SAFE_LOCAL + ")>$"
        cond = col.str.contains(pattern)
        value = pl.lit(prefix + ":") + col.str.extract(pattern, 1)
        expr = pl.when(cond).then(value) if expr is None else expr.when(cond).then(value)
    assert expr is not None
    xsd_literal = r'"\^\^<http://www\.w3\.org/2001/XMLSchema#([A-Za-z]+)>$'
    return expr.otherwise(col.str.replace(xsd_literal, '"^^xsd:$1'))


def _regex_escape(text: str) -> str:
    return "".join("\\" + ch if ch in r".^$*+?()[]{}|\/#-" else ch for ch in text)


def to_turtle(triples: pl.DataFrame) -> str:
    """Turtle grouped by subject, ``a`` first; sorted, so byte-identical for the same triples."""
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    if not triples.height:
        return header
    rdf_type = f"<{RDF_TYPE}>"
    data = (triples
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
    body = data.select(piece.alias("x")).to_series().str.join("").item()
    return header + "\n" + body + " .\n"
