"""Write a package deterministically and atomically.

Rows are sorted by primary key, columns follow the Table Schema, cells are UTF-8 with LF line
ends, and the descriptor has sorted keys: the same content always gives byte-identical files.
The package is written through the output writer (``upsides_data.output``): a temporary sibling
folder renamed into place, so a failure never leaves a partial package behind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import polars as pl

from upsides_data import arguments
from upsides_data.errors import UsageError
from upsides_data.output import Check, write_directory
from upsides_data.package.descriptor import (
    KINDS, PackageMeta, build_descriptor, schema_for, tables_of_kind,
)

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
                  tables: Mapping[str, pl.DataFrame | Rows], *, force: bool = False,
                  inputs: Iterable[str | Path] = (), check: Check | None = None,
                  overwrite: bool | None = None) -> Path:
    """Write ``tables`` (name -> rows or frame) as a package of ``meta.kind`` at ``target``.

    Written through the output writer (``upsides_data.output``): staged beside ``target``,
    ``check(staging)`` run on the finished package, then renamed into place. ``inputs`` are the
    paths the package was derived from; ``target`` may never be, hold or sit inside one.
    ``force`` replaces an existing ``target`` (``overwrite`` is its old, deprecated name).
    """
    target = arguments.path(target, function="write_package", name="target")
    overwrite = arguments.force(force, overwrite, function="write_package")
    _check_tables(meta, tables)
    with write_directory(target, inputs=inputs, force=overwrite, check=check) as staging:
        write_package_files(staging, meta, tables)
    return target


def write_package_files(folder: Path, meta: PackageMeta,
                        tables: Mapping[str, pl.DataFrame | Rows]) -> Path:
    """Write the package's files into ``folder``, an empty folder inside a staging area.

    Every table of the kind is written, header-only when ``tables`` has no rows for it, so that
    each foreign key of the embedded Table Schemas has its target resource.
    """
    _check_tables(meta, tables)
    folder.mkdir(parents=True, exist_ok=True)
    for name in tables_of_kind(meta.kind):
        write_table(folder, name, meta.kind, [tables.get(name, [])])
    return write_descriptor(folder, meta)


def write_table(folder: Path, name: str, kind: str,
                parts: Iterable[pl.DataFrame | Rows]) -> int:
    """Write table ``name`` from ``parts`` given in primary-key order; return its row count.

    Each part is sorted on its own, so parts holding successive key ranges give the same bytes
    as their concatenation written at once: a table is written without ever being whole in
    memory. A table without rows is its header line.
    """
    rows = 0
    with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
        header = True
        for part in parts:
            frame = to_text_frame(name, kind, part)
            if frame.height or header:
                frame.write_csv(handle, line_terminator="\n", null_value="",
                                include_header=header)
                header = False
            rows += frame.height
        if header:
            to_text_frame(name, kind, []).write_csv(handle, line_terminator="\n", null_value="")
    return rows


def write_descriptor(folder: Path, meta: PackageMeta) -> Path:
    """Write ``datapackage.json`` for a package of ``meta.kind`` holding every table of its kind."""
    descriptor = build_descriptor(meta, list(tables_of_kind(meta.kind)))
    (folder / "datapackage.json").write_text(
        json.dumps(descriptor, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
        encoding="utf-8")
    return folder


def _check_tables(meta: PackageMeta, tables: Mapping[str, object]) -> None:
    if meta.kind not in KINDS:
        raise UsageError(f"unknown package kind {meta.kind!r}")
    unknown = set(tables) - set(tables_of_kind(meta.kind))
    if unknown:
        raise UsageError(f"a {meta.kind} package cannot hold tables {sorted(unknown)}")
