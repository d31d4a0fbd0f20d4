"""Quotes as W3C Web Annotations (https://www.w3.org/TR/annotation-vocab/).

A quote record is already an ``oa:Annotation`` (its ``class_uri``). This module adds what makes it
a usable annotation: the theme and code concepts as bodies, and a target that points into the
transcript with a ``oa:TextQuoteSelector`` (the exact text) and, where both offsets are known, a
``oa:TextPositionSelector``. Targets and selectors get IRIs minted from the quote's IRI
(``<quote>#target``, ``#quote-selector``, ``#position-selector``) instead of blank nodes, so the
output stays sortable and byte-identical.

An evidence reference ("(DS 12)": a transcript chapter cited with no verbatim text) is an
annotation too: ``oa:motivatedBy oa:classifying``, its themes and codes as ``oa:hasBody``, and
``oa:hasTarget <ref>#target``, a ``oa:SpecificResource`` whose ``oa:hasSource`` is the transcript.
It has no selector: the citation names a chapter, which the record keeps in ``uds:label_chapter``,
not a span of text. It keeps its own class (``uds:EvidenceReference``) and is not also typed
``oa:Annotation``: the generated shape for ``oa:Annotation`` is the Quote's, which is closed and
requires the verbatim text, so the extra type would make every evidence reference a violation.
The Web Annotation vocabulary gives ``oa:hasBody``/``oa:hasTarget`` the domain ``oa:Annotation``,
so an RDFS reasoner infers the type anyway (see docs/rdf.md).
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
    def iri(value: str) -> pl.Expr:
        return pl.lit(f"<{value}>")
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
    out += _bodies(bodies, "quote")
    return out


def _bodies(bodies: list[pl.DataFrame], parent: str) -> list[pl.DataFrame]:
    out = []
    for link in bodies:
        if link.height:
            value = next(c for c in link.columns if c != parent)
            out.append(link.select(s=record_iri_expr(parent), p=pl.lit(f"<{OA}hasBody>"),
                                   o=record_iri_expr(value)))
    return out


def evidence_annotations(refs: pl.DataFrame, bodies: list[pl.DataFrame]) -> list[pl.DataFrame]:
    """Annotation triples for evidence references and their link tables (``theme``/``code``)."""
    if not refs.height:
        return []
    target = _minted(TARGET)
    return [
        _t(refs, record_iri_expr("id"), OA + "motivatedBy", pl.lit(f"<{MOTIVATION}>")),
        _t(refs, record_iri_expr("id"), OA + "hasTarget", target),
        _t(refs, target, RDF_TYPE, pl.lit(f"<{OA}SpecificResource>")),
        _t(refs, target, OA + "hasSource", record_iri_expr("transcript")),
        *_bodies(bodies, "evidence_reference"),
    ]
