"""What a record-level check (layer 3) receives: each class table as its model would see it.

Both layer-3 engines read these frames: ``models`` (rows into the generated Pydantic models) and
``columns`` (the generated column-wise checks). Kept apart from both so that the column engine
does not import pydantic and the generated models.
"""

from __future__ import annotations

from typing import Any, Iterator

import polars as pl

from upsides_data.package.descriptor import schema_for
from upsides_data.resources import package_profile
from upsides_data.validate.context import PackageContext
from upsides_data.validate.tables import ROW, _typed, batches


def _usable(ctx: PackageContext, table: str,
            columns: list[str] | None = None) -> Iterator[pl.DataFrame]:
    """The table's batches without the rows layer 2 rejected; nothing when it is broken."""
    if table in ctx.broken_tables or not ctx.package.has(table):
        return
    failed = ctx.facts.get("failed_rows", {}).get(table)
    rejected = sorted(failed) if failed else None
    try:
        for frame in batches(ctx, table, columns):
            yield frame if rejected is None else frame.filter(~pl.col(ROW).is_in(rejected))
    except Exception:  # unreadable: layers 1 and 2 said why
        return


def _typed_frame(frame: pl.DataFrame, schema: dict[str, Any]) -> pl.DataFrame:
    fields = [f for f in schema["fields"] if f["name"] in frame.columns]
    return frame.select([pl.col(ROW)] + [_typed(f)[1].alias(f["name"]) for f in fields])


def _value_lists(ctx: PackageContext, link_table: str, spec: dict[str, Any]
                 ) -> pl.DataFrame | None:
    """A link table's values gathered into one list per owner (its two key columns, whole)."""
    wanted = [spec["owner"], spec["value"]]
    parts = []
    for values in _usable(ctx, link_table, wanted):
        parts.append(values.select(wanted))
    if not parts:
        return None
    values = pl.concat(parts, how="vertical") if len(parts) > 1 else parts[0]
    return (values.filter(pl.col(spec["owner"]).is_not_null()
                          & pl.col(spec["value"]).is_not_null())
            .group_by(spec["owner"], maintain_order=True)
            .agg(pl.col(spec["value"]).alias(spec["slot"])))


def class_frames(ctx: PackageContext) -> Iterator[tuple[str, str, pl.DataFrame]]:
    """(table, class name, typed frame) of every class table, link-table values as list columns,
    one batch of rows at a time (``tables.batches``).

    The frame is what a model receives: the typed columns of the rows layer 2 accepted, plus
    one list column per multivalued slot. Both layer-3 engines (this one and ``columns``) read it.
    A link table's owner and value columns are read whole (they are key columns).
    """
    profile = package_profile()["tables"]
    for table, info in profile.items():
        if "link" in info or ctx.kind not in info["kinds"] and ctx.kind != "consortium":
            continue
        schema = schema_for(table, ctx.kind)
        links: list[tuple[dict[str, Any], pl.DataFrame | None]] | None = None
        for frame in _usable(ctx, table):
            if frame.height == 0:
                continue
            typed = _typed_frame(frame, schema)
            if links is None:
                links = [(link["link"], _value_lists(ctx, name, link["link"]))
                         for name, link in profile.items()
                         if link.get("link") and link["link"]["owner"] == table]
            for spec, lists in links:
                if lists is None or "id" not in typed.columns:
                    continue
                typed = typed.join(lists, left_on="id", right_on=spec["owner"], how="left",
                                   maintain_order="left")
            yield table, info["class"], typed
