"""Countries as IRIs of the EU country authority, which DCAT-AP and most catalogues expect.

The schema keeps ``country`` as an ISO 3166-1 alpha-2 literal (``schema:addressCountry "DE"``);
this module adds ``dcterms:spatial <.../country/DEU>`` to sites and income classifications via
the small code table in ``terms.ISO2_TO_ISO3``. A code the table lacks is an error that names the
row, never a guess.
"""

from __future__ import annotations

import polars as pl

from upsides_data.rdf.content import cell_refused, record_iri_expr
from upsides_data.rdf.terms import DCT, EU_COUNTRY, ISO2_TO_ISO3

SPATIAL = DCT + "spatial"


def country_iri(code: str) -> str:
    return EU_COUNTRY + ISO2_TO_ISO3[code]


def check_countries(frame: pl.DataFrame, table: str, package: str) -> None:
    unknown = frame.with_row_index("row", offset=2).filter(
        pl.col("country").is_not_null() & ~pl.col("country").is_in(list(ISO2_TO_ISO3)))
    if unknown.height:
        row = unknown.row(0, named=True)
        raise cell_refused("rdf-country", package, table, row["row"], "country",
                           f"{row['country']!r} is not in the ISO 3166 table of "
                           "upsides_data.rdf.terms", "a two-letter country code, e.g. DE")


def country_triples(frame: pl.DataFrame) -> pl.DataFrame:
    """``dcterms:spatial`` for each row with a (checked, see ``check_countries``) country."""
    rows = frame.filter(pl.col("country").is_not_null())
    iso3 = pl.col("country").replace_strict(ISO2_TO_ISO3, return_dtype=pl.String)
    return rows.select(s=record_iri_expr("id"), p=pl.lit(f"<{SPATIAL}>"),
                       o=pl.concat_str([pl.lit("<" + EU_COUNTRY), iso3, pl.lit(">")]))
