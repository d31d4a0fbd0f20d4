"""Countries as IRIs of the EU country authority, which DCAT-AP and most catalogues expect.

The schema keeps ``country`` as an ISO 3166-1 alpha-2 literal (``schema:addressCountry "DE"``);
this module adds ``dcterms:spatial <.../country/DEU>`` to sites and income classifications, with
the alpha-3 code from ISO 3166 (``upsides_data.codes``, pycountry). Validation refuses a code ISO
does not have (``country-unknown``), so a package that validates always exports; an unvalidated
draft with such a code is an error that names the row, never a guess.
"""

from __future__ import annotations

import polars as pl

from upsides_data.codes import country_alpha3
from upsides_data.rdf.content import cell_refused, record_iri_expr
from upsides_data.rdf.terms import DCT, EU_COUNTRY

SPATIAL = DCT + "spatial"


def country_iri(code: str) -> str:
    alpha3 = country_alpha3(code)
    if alpha3 is None:
        raise KeyError(code)
    return EU_COUNTRY + alpha3


def _alpha3_of(frame: pl.DataFrame) -> dict[str, str | None]:
    codes = frame.get_column("country").drop_nulls().unique().sort().to_list()
    return {code: country_alpha3(code) for code in codes}


def check_countries(frame: pl.DataFrame, table: str, package: str) -> None:
    known = [code for code, alpha3 in _alpha3_of(frame).items() if alpha3 is not None]
    unknown = frame.with_row_index("row", offset=2).filter(
        pl.col("country").is_not_null() & ~pl.col("country").is_in(known))
    if unknown.height:
        row = unknown.row(0, named=True)
        raise cell_refused("rdf-country", package, table, row["row"], "country",
                           f"{row['country']!r} is not an ISO 3166-1 alpha-2 country code",
                           "a two-letter country code, e.g. DE or CO")


def country_triples(frame: pl.DataFrame) -> pl.DataFrame:
    """``dcterms:spatial`` for each row with a (checked, see ``check_countries``) country."""
    rows = frame.filter(pl.col("country").is_not_null())
    iso3 = pl.col("country").replace_strict(_alpha3_of(rows), return_dtype=pl.String)
    return rows.select(s=record_iri_expr("id"), p=pl.lit(f"<{SPATIAL}>"),
                       o=pl.concat_str([pl.lit("<" + EU_COUNTRY), iso3, pl.lit(">")]))
