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
from upsides_data.validate.tables import ROW, _typed


def _usable(ctx: PackageContext, table: str) -> pl.DataFrame | None:
    """The table's frame without the rows layer 2 rejected, or None when it is broken."""
    frame = ctx.frames.get(table)
    if frame is None or table in ctx.broken_tables:
        return None
    failed = ctx.facts.get("failed_rows", {}).get(table)
    if failed:
        frame = frame.filter(~pl.col(ROW).is_in(sorted(failed)))
    return frame


def _typed_frame(frame: pl.DataFrame, schema: dict[str, Any]) -> pl.DataFrame:
    fields = [f for f in schema["fields"] if f["name"] in frame.columns]
    return frame.select([pl.col(ROW)] + [_typed(f)[1].alias(f["name"]) for f in fields])


def class_frames(ctx: PackageContext) -> Iterator[tuple[str, str, pl.DataFrame]]:
    """(table, class name, typed frame) of every class table, link-table values as list columns.

    The frame is what a model receives: the typed columns of the rows layer 2 accepted, plus
    one list column per multivalued slot. Both layer-3 engines (this one and ``columns``) read it.
    """
    profile = package_profile()["tables"]
    for table, info in profile.items():
        if "link" in info or ctx.kind not in info["kinds"] and ctx.kind != "consortium":
            continue
        frame = _usable(ctx, table)
        if frame is None or frame.height == 0:
            continue
        typed = _typed_frame(frame, schema_for(table, ctx.kind))
        for link_table, link in profile.items():
            spec = link.get("link")
            if not spec or spec["owner"] != table:
                continue
            values = _usable(ctx, link_table)
            if values is None or spec["owner"] not in values.columns or spec["value"] not in \
                    values.columns or "id" not in typed.columns:
                continue
            lists = (values.filter(pl.col(spec["owner"]).is_not_null()
                                   & pl.col(spec["value"]).is_not_null())
                     .group_by(spec["owner"], maintain_order=True)
                     .agg(pl.col(spec["value"]).alias(spec["slot"])))
            typed = typed.join(lists, left_on="id", right_on=spec["owner"], how="left",
                               maintain_order="left")
        yield table, info["class"], typed
