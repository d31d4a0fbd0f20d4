"""Age bands: the only form of age a public package may hold.

The bands are the values of the schema's ``AgeBand`` enum (``18-24``, ``25-34`` ... ``65+``); their
bounds are read from those values, so a change of the enum changes banding everywhere. Ages below
the first band have no band: banding them would state something false, so they are suppressed
(null) instead.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import polars as pl

from upsides_data.datamodel.columns import ENUMS  # the generated enum values, no pydantic


@cache
def band_bounds() -> dict[str, tuple[int, int | None]]:
    """Each band's inclusive lower and upper bound in years (None: open-ended)."""
    bounds: dict[str, tuple[int, int | None]] = {}
    for value in ENUMS["AgeBand"]:
        if value.endswith("+"):
            bounds[value] = (int(value[:-1]), None)
        else:
            low, high = value.split("-")
            bounds[value] = (int(low), int(high))
    return dict(sorted(bounds.items(), key=lambda item: item[1][0]))


def band_of(age: int | None) -> str | None:
    """The band holding ``age``, or None when no band does (or the age is unknown)."""
    if age is None:
        return None
    for band, (low, high) in band_bounds().items():
        if age >= low and (high is None or age <= high):
            return band
    return None


def band_expr(ages: pl.Expr) -> pl.Expr:
    """Vectorised ``band_of`` over an integer expression."""
    expr: Any = None  # pl.when(...).then(...): a chain polars types as a builder, not an Expr
    for band, (low, high) in band_bounds().items():
        cond = ages >= low if high is None else ages.is_between(low, high)
        expr = pl.when(cond).then(pl.lit(band)) if expr is None else expr.when(cond).then(pl.lit(band))
    assert expr is not None
    banded: pl.Expr = expr.otherwise(pl.lit(None, dtype=pl.String))
    return banded
