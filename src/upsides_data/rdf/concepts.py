"""``skos:prefLabel`` for every code and theme, the label SKOS tools and DCAT-AP look for.

The schema maps ``label`` to ``rdfs:label`` (the slot is shared by every class), so a
``skos:Concept`` would otherwise have no ``skos:prefLabel``: SKOS tools show it unlabelled and
the DCAT-AP 3.0.1 shapes count a violation per concept. The export therefore adds one
``skos:prefLabel`` per concept: its label, or, for a theme the publication did not name, the
stand-in of ``upsides_data.labels`` ("Unnamed sub-theme 1 of ...") with a ``skos:editorialNote``
saying that the name was not published. ``rdfs:label`` stays exactly what the package holds (nothing
for an unnamed theme), so an import gives the package back unchanged.
"""

from __future__ import annotations

import polars as pl

from upsides_data.labels import UNNAMED_NOTE, display_labels, unnamed_ids
from upsides_data.rdf.content import record_iri_expr
from upsides_data.rdf.terms import SKOS
from upsides_data.rdf.triples import literal, literal_expr

PREF_LABEL = SKOS + "prefLabel"
NOTE = SKOS + "editorialNote"  # skos:note is the schema's `notes` slot
KIND = {"theme": "theme", "code": "code"}


class ConceptLabels:
    """The labels of one concept table, over every package (parents may sit in another chunk)."""

    def __init__(self, table: str, rows: list[pl.DataFrame]) -> None:
        columns = ["id", "label", "parent", "position"]
        records = [r for frame in rows
                   for r in frame.select([c for c in columns if c in frame.columns]).to_dicts()]
        self.kind = KIND[table]
        self.labels = display_labels(records, self.kind)
        self.unnamed = unnamed_ids(records)

    def triples(self, chunk: pl.DataFrame) -> list[pl.DataFrame]:
        """``skos:prefLabel`` for the concepts of ``chunk``; an editorial note for unnamed ones."""
        ids = chunk.select("id").unique()
        labelled = ids.with_columns(
            pl.col("id").replace_strict(self.labels, default=None, return_dtype=pl.String)
            .alias("pref")).filter(pl.col("pref").is_not_null())
        out = [labelled.select(s=record_iri_expr("id"), p=pl.lit(f"<{PREF_LABEL}>"),
                               o=literal_expr(pl.col("pref")))]
        unnamed = ids.filter(pl.col("id").is_in(sorted(self.unnamed)))
        out.append(unnamed.select(s=record_iri_expr("id"), p=pl.lit(f"<{NOTE}>"),
                                  o=pl.lit(literal(UNNAMED_NOTE.format(kind=self.kind)))))
        return out
