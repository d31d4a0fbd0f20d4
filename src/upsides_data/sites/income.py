"""The World Bank income classification of every economy, FY1989-FY2023, shipped as a table.

``data/world-bank-income.csv`` is derived from the World Bank's "Historical classification by
income" workbook (OGHIST.xlsx, World Bank Development Data Group, CC BY 4.0) by
``python -m upsides_data.generate.income_table OGHIST.xlsx`` (``make income-table``); a test
checks it against the workbook. A fiscal year FYnn runs from 1 July of the year before.
``classification(country, fiscal_year)`` looks a site's group up, and says nothing when the
table holds none (a year outside FY1989-FY2023, an economy unclassified that year): absent is
not blank, and a caller records the absence with its reason instead of inventing a group.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

TABLE = "world-bank-income.csv"
SOURCE = ("World Bank, Historical classification by income (OGHIST.xlsx, fiscal years "
          "FY1989-FY2023), World Bank Development Data Group; CC BY 4.0 "
          "(https://creativecommons.org/licenses/by/4.0/)")
SOURCE_URL = "https://datahelpdesk.worldbank.org/knowledgebase/articles/906519"
LICENCE = "CC-BY-4.0"
# The workbook's letters and the standard's IncomeGroup values.
GROUPS = {"L": "LIC", "LM": "LMIC", "UM": "UMIC", "H": "HIC"}
COLUMNS = ("country", "iso3", "economy", "fiscal_year", "group", "income_group")


@dataclass(frozen=True)
class Classification:
    """One economy's group in one World Bank fiscal year."""

    country: str  # ISO 3166-1 alpha-2
    iso3: str
    economy: str
    fiscal_year: int
    group: str  # the workbook's letter: L, LM, UM, H
    income_group: str  # the standard's value: LIC, LMIC, UMIC, HIC

    @property
    def record_id(self) -> str:
        """The shared identifier of this fact, as the example packages write it."""
        return f"upsides:worldbank/{self.country}-FY{self.fiscal_year}"


@cache
def table() -> tuple[Classification, ...]:
    """Every row of the shipped table."""
    text = resources.files("upsides_data.sites").joinpath("data", TABLE).read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return tuple(Classification(r["country"], r["iso3"], r["economy"], int(r["fiscal_year"]),
                                r["group"], r["income_group"]) for r in rows)


@cache
def _index() -> dict[tuple[str, int], Classification]:
    return {(c.country, c.fiscal_year): c for c in table()}


def classification(country: str, fiscal_year: int) -> Classification | None:
    """The group of ``country`` (ISO alpha-2) in World Bank fiscal year ``fiscal_year``."""
    return _index().get((country.upper(), fiscal_year))


def fiscal_years() -> tuple[int, int]:
    """The first and last fiscal year the table covers."""
    years = [c.fiscal_year for c in table()]
    return min(years), max(years)


def countries() -> set[str]:
    """Every economy's ISO alpha-2 code in the table."""
    return {c.country for c in table()}
