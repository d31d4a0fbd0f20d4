"""Layer 3: rows into the generated Pydantic models.

The Table Schemas and the Pydantic models are both generated from the LinkML schema, so on a
package that passed layer 2 this layer should find nothing; it is the safety net that catches
the two generators drifting apart (and anything the models say that a Table Schema cannot).
Each class table's rows, with the values of its link tables gathered into lists, go through
``TypeAdapter(list[Model])`` in chunks of ``CHUNK_ROWS`` rows. A chunk is handed over as JSON
(polars writes it, pydantic-core parses and validates it in Rust), which is several times faster
than building Python dicts first; the models built are dropped at once, so memory stays bounded
by one chunk. Rows that failed layer 2, and tables layers 1-2 found broken, are left out so no
problem is reported twice.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Iterator

import polars as pl
from pydantic import TypeAdapter, ValidationError

from upsides_data.datamodel import upsides as datamodel
from upsides_data.findings import Finding
from upsides_data.package.descriptor import schema_for
from upsides_data.resources import package_profile
from upsides_data.validate.context import PackageContext
from upsides_data.validate.tables import ROW, _file, _typed

LAYER = "models"
CHUNK_ROWS = 5_000  # rows per validation call: bounds the models alive at once


@cache
def _adapter(class_name: str) -> TypeAdapter[Any]:
    model: Any = getattr(datamodel, class_name)
    return TypeAdapter(list[model])  # a class known only by its name: typed as Any


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


def check(ctx: PackageContext) -> Iterator[Finding]:
    """Validate every class table of the package against its generated Pydantic model."""
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
        yield from _validate_rows(ctx, table, info["class"], typed)


def _json_safe(frame: pl.DataFrame) -> bool:
    """JSON cannot carry NaN or infinity (polars writes null): such chunks go as Python values."""
    floats = [c for c, t in frame.schema.items() if t.is_float()]
    if not floats:
        return True
    bad = frame.select(pl.any_horizontal([~pl.col(c).is_finite() for c in floats]).any()).item()
    return not bad


def _validate_rows(ctx: PackageContext, table: str, class_name: str,
                   typed: pl.DataFrame) -> Iterator[Finding]:
    adapter = _adapter(class_name)
    for start in range(0, typed.height, CHUNK_ROWS):
        chunk = typed.slice(start, CHUNK_ROWS)
        body = chunk.drop(ROW)
        try:
            if _json_safe(body):
                adapter.validate_json(body.write_json())
            else:
                adapter.validate_python(body.to_dicts())
        except ValidationError as exc:
            yield from _findings(ctx, table, class_name, chunk.get_column(ROW).to_list(), exc)


def _findings(ctx: PackageContext, table: str, class_name: str, rows_numbers: list[int],
              exc: ValidationError) -> Iterator[Finding]:
    file = _file(ctx, table)
    for error in exc.errors(include_url=False):
        loc = error.get("loc", ())
        index = loc[0] if loc and isinstance(loc[0], int) else None
        field = str(loc[1]) if len(loc) > 1 else None
        value = error.get("input")
        shown = "" if isinstance(value, dict) else f" (value {str(value)[:60]!r})"
        yield Finding(rule="model", package=ctx.name, file=file,
                      row=rows_numbers[index] if index is not None else None, field=field,
                      message=f"{class_name}: {error.get('msg', 'invalid')}{shown}",
                      hint=f"the generated model {class_name} rejects this value; "
                           "the Table Schema and the model disagree, please report it "
                           "if layer 2 accepted the row")
