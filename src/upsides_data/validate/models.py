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
from upsides_data.validate.context import PackageContext
from upsides_data.validate.records import class_frames
from upsides_data.validate.tables import ROW, _file

LAYER = "models"
CHUNK_ROWS = 5_000  # rows per validation call: bounds the models alive at once


@cache
def _adapter(class_name: str) -> TypeAdapter[Any]:
    model: Any = getattr(datamodel, class_name)
    return TypeAdapter(list[model])  # a class known only by its name: typed as Any


def check(ctx: PackageContext) -> Iterator[Finding]:
    """Validate every class table of the package against its generated Pydantic model."""
    for table, class_name, typed in class_frames(ctx):
        yield from _validate_rows(ctx, table, class_name, typed)


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
