"""Quotes as W3C Web Annotations (https://www.w3.org/TR/annotation-vocab/).

A quote record is already an ``oa:Annotation`` (its ``class_uri``). This module adds what makes it
a usable annotation: the theme and code concepts as bodies, and a target that points into the
transcript with a ``oa:TextQuoteSelector`` (the exact text) and, where both offsets are known, a
``oa:TextPositionSelector``. Targets and selectors get IRIs minted from the quote's IRI
(``<quote>#target``, ``#quote-selector``, ``#position-selector``) instead of blank nodes, so the
output stays sortable and byte-identical.
"""

from __future__ import annotations

import polars as pl

from upsides_data.rdf.content import record_iri_expr
from upsides_data.rdf.terms import OA, RDF_TYPE, XSD
from upsides_data.rdf.triples import literal_expr

MOTIVATION = OA + "classifying"
TARGET, QUOTE_SELECTOR, POSITION_SELECTOR = "#target", "#quote-selector", "#position-selector"


def _minted(fragment: str) -> pl.Expr:
    return record_iri_expr("id").str.strip_suffix(">") + pl.lit(fragment + ">")


def _t(frame: pl.DataFrame, s: pl.Expr, p: str, o: pl.Expr) -> pl.DataFrame:
    return frame.select(s=s, p=pl.lit(f"<{p}>"), o=o)


def quote_annotations(quotes: pl.DataFrame, bodies: list[pl.DataFrame]) -> list[pl.DataFrame]:
    """Annotation triples for the quote table and its link tables (``quote``, ``theme``/``code``)."""
    if not quotes.height:
        return []
    q = record_iri_expr("id")
    target, exact = _minted(TARGET), _minted(QUOTE_SELECTOR)
    iri = lambda v: pl.lit(f"<{v}>")  # noqa: E731
    out = [
        _t(quotes, q, OA + "motivatedBy", iri(MOTIVATION)),
        _t(quotes, q, OA + "hasTarget", target),
        _t(quotes, target, RDF_TYPE, iri(OA + "SpecificResource")),
        _t(quotes, target, OA + "hasSource", record_iri_expr("transcript")),
        _t(quotes, target, OA + "hasSelector", exact),
        _t(quotes, exact, RDF_TYPE, iri(OA + "TextQuoteSelector")),
        _t(quotes, exact, OA + "exact", literal_expr(pl.col("text"))),
    ]
    known = quotes.filter(pl.col("start_offset").is_not_null() & pl.col("end_offset").is_not_null())
    if known.height:
        pos = _minted(POSITION_SELECTOR)
        count = XSD + "nonNegativeInteger"
        out += [
            _t(known, target, OA + "hasSelector", pos),
            _t(known, pos, RDF_TYPE, iri(OA + "TextPositionSelector")),
            _t(known, pos, OA + "start", literal_expr(pl.col("start_offset"), count)),
            _t(known, pos, OA + "end", literal_expr(pl.col("end_offset"), count)),
        ]
    for link in bodies:
        if link.height:
            value = next(c for c in link.columns if c != "quote")
            out.append(link.select(s=record_iri_expr("quote"), p=pl.lit(f"<{OA}hasBody>"),
                                   o=record_iri_expr(value)))
    return out
