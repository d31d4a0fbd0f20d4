"""Table access for the rule and disclosure layers (4 and 5) and for ``anonymise``.

Those layers read what earlier layers already loaded (``ctx.frames``) and read a table themselves
only when it is missing there and was not found broken. A table that cannot be read, or lacks a
column a rule needs, makes that rule skip quietly: layers 1-3 already report why.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from upsides_data.ids import scope_of as scope_of  # re-exported: the rules import it here
from upsides_data.validate.context import PackageContext
from upsides_data.validate.tables import read_table

ROW = "__row"  # Frictionless row number: the header is row 1, the first data row is row 2


def table(ctx: PackageContext | None, name: str, *columns: str) -> pl.DataFrame | None:
    """The text frame of ``name`` with a ``__row`` column, or None if unreadable or incomplete."""
    if ctx is None or name in ctx.broken_tables:
        return None
    frame = ctx.frames.get(name)
    if frame is None:
        if not ctx.package.has(name):
            return None
        try:
            frame = read_table(ctx, name)  # as layer 2 read it (ragged rows cut, "" as null)
        except Exception:  # unreadable tables are reported by layers 1 and 2
            return None
        ctx.frames[name] = frame
    if any(c not in frame.columns for c in columns):
        return None
    if ROW not in frame.columns:
        frame = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
    return frame


def integer(column: str) -> pl.Expr:
    """A text column as integers; cells that are not integers become null (layer 2 reports them)."""
    return pl.col(column).str.strip_chars().cast(pl.Int64, strict=False)


def number(column: str) -> pl.Expr:
    return pl.col(column).str.strip_chars().cast(pl.Float64, strict=False)


def scope_expr(column: str) -> pl.Expr:
    """The scope part of an id column, vectorised (null when the id is not a well-formed CURIE)."""
    return pl.col(column).str.extract(r"^upsides:([^/]+)/", 1)
