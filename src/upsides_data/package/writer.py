"""Write a package deterministically and atomically.

Rows are sorted by primary key, columns follow the Table Schema, cells are UTF-8 with LF line
ends, and the descriptor has sorted keys: the same content always gives byte-identical files.
The package is written to a temporary sibling folder and renamed into place, so a failure never
leaves a partial package behind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import polars as pl

from upsides_data.atomic import atomic_directory
from upsides_data.errors import UsageError
from upsides_data.package.descriptor import PackageMeta, build_descriptor, schema_for, tables_of_kind

Rows = Sequence[Mapping[str, Any]]


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


def to_text_frame(table: str, kind: str, data: pl.DataFrame | Rows) -> pl.DataFrame:
    """Rows as a text frame with exactly the schema's columns, sorted by primary key."""
    schema = schema_for(table, kind)
    columns = [f["name"] for f in schema["fields"]]
    if isinstance(data, pl.DataFrame):
        frame = data
        unknown = set(frame.columns) - set(columns)
        if unknown:
            raise UsageError(f"table {table}: unknown columns {sorted(unknown)}")
        frame = frame.with_columns([pl.lit(None).alias(c) for c in columns if c not in frame.columns])
        frame = frame.select(columns)
        frame = frame.with_columns(
            [_text_expr(c, frame.schema[c]) for c in columns]
        )
    else:
        rows = []
        for row in data:
            unknown = set(row) - set(columns)
            if unknown:
                raise UsageError(f"table {table}: unknown columns {sorted(unknown)}")
            rows.append({c: _cell(row.get(c)) for c in columns})
        frame = pl.DataFrame(rows, schema={c: pl.String for c in columns}, orient="row")
    return frame.sort(schema["primaryKey"], nulls_last=True, maintain_order=True)


def _text_expr(column: str, dtype: pl.DataType) -> pl.Expr:
    col = pl.col(column)
    if dtype == pl.Boolean:
        return pl.when(col.is_null()).then(None).when(col).then(pl.lit("true")).otherwise(
            pl.lit("false")).alias(column)
    if dtype == pl.String:
        return col
    return col.cast(pl.String).alias(column)


def write_package(target: str | Path, meta: PackageMeta,
                  tables: Mapping[str, pl.DataFrame | Rows], *, overwrite: bool = False,
                  check: Callable[[Path], Any] | None = None) -> Path:
    """Write ``tables`` (name -> rows or frame) as a package of ``meta.kind`` at ``target``.

    Every table of the kind is written, header-only when ``tables`` has no rows for it, so that
    each foreign key of the embedded Table Schemas has its target resource. ``check`` (usually
    ``gateway.check_written``) is called on the finished staging folder before the rename; when
    it raises, nothing is renamed into place.
    """
    target = Path(target)
    if meta.kind not in ("site", "codebook", "consortium"):
        raise UsageError(f"unknown package kind {meta.kind!r}")
    allowed = tables_of_kind(meta.kind)
    unknown = set(tables) - set(allowed)
    if unknown:
        raise UsageError(f"a {meta.kind} package cannot hold tables {sorted(unknown)}")
    if target.exists() and not overwrite:
        raise UsageError(f"{target} already exists (choose another output or remove it)")
    with atomic_directory(target) as staging:
        names = list(allowed)
        for name in names:
            frame = to_text_frame(name, meta.kind, tables.get(name, []))
            with open(staging / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
                frame.write_csv(handle, line_terminator="\n", null_value="")
        descriptor = build_descriptor(meta, names)
        (staging / "datapackage.json").write_text(
            json.dumps(descriptor, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
            encoding="utf-8")
        if check is not None:
            check(staging)
    return target
