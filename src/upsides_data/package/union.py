"""Read several packages as one set of tables, for read-only uses such as reports.

This is not a merge: nothing is checked for conflicts. Identical rows that appear in several
packages are kept once; everything else is concatenated. Use ``upsides merge`` to build a
consortium package with conflict detection and provenance. Open the packages with
``upsides_data.gateway.read_inputs`` (which validates them) and pass them in.
"""

from __future__ import annotations


import polars as pl

from upsides_data.package.reader import Package, cast_frame
from upsides_data.resources import package_profile, table_schema


def union_tables(packages: list[Package], *, typed: bool = True) -> dict[str, pl.DataFrame]:
    """Every table of the standard, concatenated over ``packages`` (empty tables included)."""
    result: dict[str, pl.DataFrame] = {}
    for table in package_profile()["tables"]:
        schema = table_schema(table)
        columns = [f["name"] for f in schema["fields"]]
        frames = [pkg.text_frame(table) for pkg in packages if pkg.has(table)]
        frames = [f.select([c for c in columns if c in f.columns]) for f in frames]
        if frames:
            frame = pl.concat(frames, how="diagonal").unique(maintain_order=True)
        else:
            frame = pl.DataFrame(schema={c: pl.String for c in columns})
        for column in columns:
            if column not in frame.columns:
                frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(column))
        frame = frame.select(columns)
        result[table] = cast_frame(frame, schema) if typed else frame
    return result
