"""Layer 4 rules on absent values: a value or a reason for its absence, never both.

Which columns have a companion ``<slot>_absent_reason``, and which must hold a value or a reason,
comes from the schema through the package profile (``upsides_data.absence``). A reason beside a
value contradicts it (``value-and-reason``); an empty required-by-absence column with no reason
(``value-or-reason``) is a gap nobody explained. The four reasons are treated alike here; what
each means to a reader is for reports to say (see docs/standard.md).
"""

from __future__ import annotations

from typing import Iterator

import polars as pl

from upsides_data import absence
from upsides_data.findings import Finding
from upsides_data.package.descriptor import tables_of_kind
from upsides_data.validate.context import PackageContext
from upsides_data.validate.frames import ROW, table
from upsides_data.validate.rules import finding, rule


@rule("absent-values")
def absent_values(ctx: PackageContext) -> Iterator[Finding]:
    """Each companion column explains an empty value only; required-by-absence slots hold one."""
    for tbl in tables_of_kind(ctx.kind):
        spec = absence.absence(tbl)
        for column, reason_column in sorted(spec.reason_of.items()):
            frame = table(ctx, tbl, column, reason_column)
            if frame is None:
                continue  # a package of an earlier minor version has no companions
            both = frame.filter(pl.col(column).is_not_null() & pl.col(reason_column).is_not_null())
            for row in both.iter_rows(named=True):
                yield finding(ctx, absence.RULE_BOTH, tbl=tbl, row=row[ROW], field=reason_column,
                              message=absence.both_message(column, row[column],
                                                           row[reason_column]),
                              hint=absence.both_hint(column))
            if column not in spec.required:
                continue
            neither = frame.filter(pl.col(column).is_null() & pl.col(reason_column).is_null())
            for row in neither.iter_rows(named=True):
                yield finding(ctx, absence.RULE_NEITHER, tbl=tbl, row=row[ROW], field=column,
                              message=absence.neither_message(column),
                              hint=absence.neither_hint(column))
