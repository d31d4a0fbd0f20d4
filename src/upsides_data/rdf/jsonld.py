"""Compact JSON-LD, written from the triple blocks by polars expressions.

pyoxigraph writes expanded JSON-LD with no ``@context``, and rdflib's compaction makes a Python
object per triple (minutes for a large export). The context here holds only prefixes: the W3C
vocabularies of ``terms.PREFIXES`` and ``upsides:`` for record IRIs, the package's own CURIE form.
With such a context, compaction is a rewrite of each term: an IRI under a prefix becomes
``prefix:local``, ``rdf:type`` becomes ``@type``, an IRI object ``{"@id": ...}``, a plain literal
a JSON string, a typed literal ``{"@value": ..., "@type": "xsd:..."}``. Every property value is an
array. The schema's generated context (``datamodel/upsides.context.jsonld``) is not used: its
terms coerce types per property, so writing against it would need a JSON-LD processor.

Output: ``{"@context": {...}, "@graph": [node, ...]}``, one node object per line, nodes in block
order (sorted by ``@id`` within a block), keys and values sorted, so it is deterministic.
"""

from __future__ import annotations

import json
import re
from typing import Iterable, Iterator

import polars as pl

from upsides_data.rdf.terms import ID_PREFIX, PREFIXES, RDF_TYPE, id_base

_SAFE_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_RECORD_LOCAL = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._/#-]*$"
# control characters an N-Triples literal may hold raw but JSON may not (\n, \r are escaped)
_CONTROL = [chr(c) for c in range(0x20) if chr(c) not in "\n\r"]
_CONTROL_CLASS = "[" + "".join(f"\\x{ord(c):02x}" for c in _CONTROL) + "]"


def context() -> dict[str, str]:
    return {**PREFIXES, ID_PREFIX.rstrip(":"): id_base()}


def _vocab(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and _SAFE_LOCAL.fullmatch(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _iri(column: pl.Expr) -> pl.Expr:
    """``<iri>`` -> the compact IRI as a JSON string (records as ``upsides:scope/local``)."""
    bare = column.str.strip_prefix("<").str.strip_suffix(">")
    local = bare.str.strip_prefix(id_base())
    record = bare.str.starts_with(id_base()) & local.str.contains(_RECORD_LOCAL)
    other = bare.map_batches(_vocab_series, return_dtype=pl.String)
    text = pl.when(record).then(pl.lit(ID_PREFIX) + local).otherwise(other)
    return pl.lit('"') + text + pl.lit('"')


def _vocab_series(series: pl.Series) -> pl.Series:
    """Compact vocabulary IRIs; looks at each distinct IRI once in Python (there are few)."""
    distinct = series.filter(~series.str.starts_with(id_base())).unique().to_list()
    mapping = {v: _vocab(v) for v in distinct if v is not None}
    mapping = {k: v for k, v in mapping.items() if k != v}
    return series.replace(mapping) if mapping else series


def _json_text(inner: pl.Expr, controls: bool) -> pl.Expr:
    """N-Triples literal text (\\\\, \\", \\n, \\r escaped) -> JSON string text; the other
    control characters are rewritten only when the block has any (``controls``)."""
    out = inner
    for ch in _CONTROL if controls else []:
        out = out.str.replace_all(ch, json.dumps(ch)[1:-1], literal=True)
    return out


def _values(triples: pl.DataFrame, is_type: pl.Expr) -> pl.DataFrame:
    """Each triple with its object as a JSON value. IRIs, plain and typed literals are handled
    as separate row sets, so no pattern is ever run over the long texts of plain literals."""
    o = pl.col("o")
    controls = bool(triples.get_column("o").str.contains(_CONTROL_CLASS).any())
    iris = triples.filter(o.str.starts_with("<")).with_columns(value=_iri(o))
    iris = iris.with_columns(value=pl.when(is_type).then(pl.col("value"))
                             .otherwise(pl.lit('{"@id": ') + pl.col("value") + pl.lit("}")))
    plain = triples.filter(o.str.starts_with('"') & o.str.ends_with('"')).with_columns(
        value=pl.lit('"') + _json_text(o.str.strip_prefix('"').str.strip_suffix('"'), controls)
        + pl.lit('"'))
    typed = triples.filter(o.str.starts_with('"') & ~o.str.ends_with('"'))
    if typed.height:
        parts = typed.get_column("o").str.extract_groups(r'^"((?s:.*))"\^\^<([^>]*)>$')
        typed = typed.with_columns(text=parts.struct.field("1"),
                                   dt=pl.lit("<") + parts.struct.field("2") + pl.lit(">"))
        typed = typed.with_columns(
            value=pl.lit('{"@type": ') + _iri(pl.col("dt")) + pl.lit(', "@value": "')
            + _json_text(pl.col("text"), controls) + pl.lit('"}')).drop("text", "dt")
    else:
        typed = typed.with_columns(value=pl.lit(None, dtype=pl.String))
    return pl.concat([f.select("s", "p", "o", "value") for f in (iris, plain, typed)])


def nodes(triples: pl.DataFrame) -> str:
    """The block's node objects (one per subject, sorted), separated by ``,\\n    ``.

    Built like the Turtle writer: sort by subject, key and value, then one piece per triple that
    opens a node, opens a key or adds a value, joined once; no group-by, no Python per triple.
    """
    if not triples.height:
        return ""
    is_type = pl.col("p") == f"<{RDF_TYPE}>"
    data = (_values(triples.unique(), is_type)
            .with_columns(key=pl.when(is_type).then(pl.lit('"@type"')).otherwise(_iri(pl.col("p"))))
            .sort(["s", "key", "value"]))
    first = pl.int_range(pl.len()) == 0
    new_s = pl.col("s") != pl.col("s").shift(1)
    new_key = pl.col("key") != pl.col("key").shift(1)
    opening = pl.lit('{"@id": ') + _iri(pl.col("s")) + pl.lit(", ") + pl.col("key") + pl.lit(": [")
    piece = (pl.when(first).then(opening + pl.col("value"))
             .when(new_s).then(pl.lit("]},\n    ") + opening + pl.col("value"))
             .when(new_key).then(pl.lit("], ") + pl.col("key") + pl.lit(": [") + pl.col("value"))
             .otherwise(pl.lit(", ") + pl.col("value")))
    return str(data.select(piece.alias("x")).to_series().str.join("").item()) + "]}"


def document(parts: Iterable[pl.DataFrame]) -> Iterator[bytes]:
    """The JSON-LD document of the blocks, in pieces."""
    head = json.dumps({"@context": context()}, indent=2, sort_keys=True)
    yield (head[:-2] + ',\n  "@graph": [').encode("utf-8")
    first = True
    for part in parts:
        if not part.height:
            continue
        text = nodes(part)
        yield (("\n    " if first else ",\n    ") + text).encode("utf-8")
        first = False
    yield b"\n  ]\n}\n"
