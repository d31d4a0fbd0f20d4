"""Warnings about a site that analysis would silently leave out.

A site package whose site takes part in no study (no ``site_participation`` row), or whose
participation names no income classification and gives no reason for its absence, validates; but
an analysis by income group then counts that site in no group without saying so. These rules
warn instead: ``site-participation-missing`` and ``site-income-missing``. A classification
recorded as absent with its reason (``income_classification_absent_reason``) is a recorded fact,
not a gap, and gets no warning (absent is not blank).
"""

from __future__ import annotations

from typing import Iterator

import polars as pl

from upsides_data.findings import Finding, Severity
from upsides_data.validate.context import PackageContext
from upsides_data.validate.frames import ROW, table
from upsides_data.validate.rules import finding, rule

HOW_TO_CLASSIFY = ("run `upsides init --site SCOPE --study ID --country CC --fiscal-year 2020` "
                   "for a starting package that holds the classification, or fill "
                   "income_classification (for example upsides:worldbank/UG-FY2020) on the site's "
                   "site_participation row")


@rule("site-participation-missing")
def participation_missing(ctx: PackageContext) -> Iterator[Finding]:
    """Every site of a site package takes part in at least one study."""
    if ctx.kind != "site":
        return
    sites = table(ctx, "site", "id")
    taking_part = table(ctx, "site_participation", "site")
    if sites is None or taking_part is None:
        return
    lonely = sites.join(taking_part.select("site").unique(), left_on="id", right_on="site",
                        how="anti")
    for row in lonely.sort(ROW).iter_rows(named=True):
        yield finding(ctx, "site-participation-missing", tbl="site", row=row[ROW], field="id",
                      severity=Severity.WARNING,
                      message=f"the site {row['id']} takes part in no study: site_participation "
                              "has no row for it, so analyses by study or income group leave "
                              "it out",
                      hint="add a site_participation row, for example id "
                           "upsides:bu/participation-mhw-2019, study upsides:mhw-2019/study, "
                           f"site {row['id']}")


@rule("site-income-missing")
def income_missing(ctx: PackageContext) -> Iterator[Finding]:
    """Every participation names its income classification, or records why it is absent."""
    if ctx.kind != "site":
        return
    rows = table(ctx, "site_participation", "site", "study", "income_classification",
                 "income_classification_absent_reason")
    if rows is None:
        return
    missing = rows.filter(pl.col("income_classification").is_null()
                          & pl.col("income_classification_absent_reason").is_null())
    for row in missing.sort(ROW).iter_rows(named=True):
        yield finding(ctx, "site-income-missing", tbl="site_participation", row=row[ROW],
                      field="income_classification", severity=Severity.WARNING,
                      message=f"the site {row['site']} has no World Bank income classification "
                              f"for {row['study']} and no reason for its absence: analyses by "
                              "income group count it in no group",
                      hint=HOW_TO_CLASSIFY + "; or, when it is not known, say why in "
                                             "income_classification_absent_reason (for example "
                                             "not-reported)")
