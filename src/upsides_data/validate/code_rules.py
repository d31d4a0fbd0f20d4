"""Layer 4: countries and languages exist in ISO's tables, not only look like codes.

The Table Schema's pattern accepts any two capitals as a country (``XX``) and any two letters as a
language; which codes exist is ISO 3166 / ISO 639's business (``upsides_data.codes``, pycountry).
The columns come from the schema through the package profile (``coded_columns``: slots whose
range is ``CountryCode`` or ``Bcp47Tag``). Every code accepted here is one the RDF export can
turn into an EU authority IRI, so a package that validates also exports.
"""

from __future__ import annotations

from typing import Callable, Iterator

import polars as pl

from upsides_data.codes import country_alpha3, country_example, language_alpha3, language_example
from upsides_data.findings import Finding
from upsides_data.package.descriptor import tables_of_kind
from upsides_data.resources import package_profile
from upsides_data.validate.context import PackageContext
from upsides_data.validate.frames import ROW, table
from upsides_data.validate.rules import finding, rule

_CHECKS: dict[str, tuple[str, Callable[[str], str | None], str, str]] = {
    "country": ("country-unknown", country_alpha3, "an ISO 3166-1 alpha-2 country code",
                country_example()),
    "language": ("language-unknown", language_alpha3,
                 "a BCP 47 tag whose first part is an ISO 639 language", language_example()),
}


@rule("iso-codes")
def iso_codes(ctx: PackageContext) -> Iterator[Finding]:
    """Every country is an ISO 3166 country and every language tag starts with an ISO 639 code."""
    tables = set(tables_of_kind(ctx.kind))
    coded: dict[str, dict[str, list[str]]] = package_profile().get("coded_columns", {})
    for kind, by_table in sorted(coded.items()):
        code, known, what, example = _CHECKS[kind]
        for tbl, columns in sorted(by_table.items()):
            if tbl not in tables:
                continue
            for column in columns:
                frame = table(ctx, tbl, column)
                if frame is None:
                    continue
                values = frame.get_column(column).drop_nulls().unique().to_list()
                bad = [value for value in values if known(value) is None]
                if not bad:
                    continue
                for row in frame.filter(pl.col(column).is_in(bad)).iter_rows(named=True):
                    yield finding(ctx, code, tbl=tbl, row=row[ROW], field=column,
                                  message=f"{row[column]!r} is not {what}",
                                  hint=f"write {what}, for example {example}")
