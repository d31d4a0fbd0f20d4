"""Layer 3, the column engine: what the Pydantic models check, done column-wise (the default).

The checks come from ``datamodel/columns.py``, generated from the schema beside the models (see
``generate/columns.py``): per class the fields the model allows, the required ones and one
polars expression per constrained slot. They run over the same frames the models layer
validates (``records.class_frames``: rows layer 2 accepted, link-table values as lists), so
both engines report the same findings (rule ``model``, same file, row and field); the
differential test in ``tests/test_validate_columns.py`` holds them to it. ``--engine models``
keeps the row-wise Pydantic path, which stays the reference.

Cost grows with columns, not cells in Python: no object per row is built, and pydantic and
the generated models are never imported on this path.
"""

from __future__ import annotations

from typing import Any, Iterator

import polars as pl

from upsides_data.datamodel.columns import CLASSES, ClassChecks
from upsides_data.findings import Finding
from upsides_data.validate.context import PackageContext
from upsides_data.validate.records import class_frames
from upsides_data.validate.tables import ROW, _file

LAYER = "models"
_ORDER, _ITEM, _FIELD, _PROBLEM, _VALUE, _HINT = ("__order", "__item", "__field", "__problem",
                                                  "__value", "__hint")
_NUMERIC = {"int": pl.Int64, "float": pl.Float64}


def check(ctx: PackageContext) -> Iterator[Finding]:
    """Yield what the generated models would reject, for every class table of the package."""
    for table, class_name, typed in class_frames(ctx):
        yield from _check_frame(ctx, table, CLASSES[class_name], typed)


def _items(frame: pl.DataFrame, slot: str) -> pl.DataFrame:
    """One row per item of a list column, with the item's position (pydantic reports each)."""
    return (frame.select(pl.col(ROW), pl.col(slot))
            .filter(pl.col(slot).is_not_null())
            .with_columns(pl.int_ranges(0, pl.col(slot).list.len()).alias(_ITEM))
            .explode([slot, _ITEM]))


def _type_mask(frame: pl.DataFrame, slot: str, kind: str) -> pl.Expr | None:
    """Present cells the model cannot take as its type, when the column is not already of it."""
    dtype = frame.schema[slot]
    column = pl.col(slot)
    if kind in _NUMERIC:
        if dtype.is_numeric():
            return None
        return column.is_not_null() & column.cast(_NUMERIC[kind], strict=False).is_null()
    if kind == "bool":
        return None if dtype == pl.Boolean else column.is_not_null()
    if dtype.is_numeric() or dtype == pl.Boolean:  # the model wants text, JSON gives a number
        return column.is_not_null()
    return None


def _scalar_rules(spec: ClassChecks, frame: pl.DataFrame
                  ) -> list[tuple[str, str, str, pl.Expr, pl.Expr | None]]:
    """(field, problem, hint, failing mask, value shown) of every rule on whole cells."""
    rules: list[tuple[str, str, str, pl.Expr, pl.Expr | None]] = []
    for column in frame.columns:
        if column != ROW and column not in spec.slots:
            rules.append((column, "is not a field of the model", "remove this column",
                          pl.lit(True), pl.col(column)))
    for slot in spec.required:
        if slot not in frame.columns:
            rules.append((slot, "a value is required", "add this required column",
                          pl.lit(True), None))
        else:
            rules.append((slot, "a value is required", "fill in this required cell",
                          pl.col(slot).is_null(), None))
    for slot, kind in spec.types.items():
        mask = _type_mask(frame, slot, kind) if slot in frame.columns else None
        if mask is not None:
            rules.append((slot, f"is not of type {kind}", f"write a {kind} value", mask,
                          pl.col(slot)))
    for rule in spec.checks:
        if rule.slot in frame.columns and rule.slot not in spec.multivalued:
            rules.append((rule.slot, f"breaks its {rule.rule}", f"write {rule.allowed}",
                          pl.col(rule.slot).is_not_null() & rule.fails, pl.col(rule.slot)))
    return rules


def _failing(frame: pl.DataFrame, order: dict[str, int],
             rules: list[tuple[str, str, str, pl.Expr, pl.Expr | None]]) -> list[pl.DataFrame]:
    """The failing cells of every rule, found in one pass over the frame (most rows pass)."""
    if not rules:
        return []
    names = [f"__m{i}" for i in range(len(rules))]
    values = [f"__v{i}" for i in range(len(rules))]
    hits = frame.select(
        [pl.col(ROW)] + [mask.alias(n) for (_f, _p, _h, mask, _v), n in zip(rules, names)]
        + [(pl.lit(None, pl.String) if value is None else value.cast(pl.String)).alias(v)
           for (_f, _p, _h, _m, value), v in zip(rules, values)]
    ).filter(pl.any_horizontal(names))
    if hits.height == 0:
        return []
    parts = []
    for (field, problem, hint, _mask, _value), name, value in zip(rules, names, values):
        part = hits.filter(pl.col(name)).select(
            pl.col(ROW), pl.lit(order.get(field, len(order)), pl.Int64).alias(_ORDER),
            pl.lit(0, pl.Int64).alias(_ITEM), pl.lit(field).alias(_FIELD),
            pl.lit(problem).alias(_PROBLEM), pl.col(value).alias(_VALUE),
            pl.lit(hint).alias(_HINT))
        if part.height:
            parts.append(part)
    return parts


def _failing_items(frame: pl.DataFrame, spec: ClassChecks,
                   order: dict[str, int]) -> list[pl.DataFrame]:
    """The failing items of multivalued slots (pydantic reports each item on its own)."""
    parts = []
    for rule in spec.checks:
        if rule.slot not in spec.multivalued or rule.slot not in frame.columns:
            continue
        failing = _items(frame, rule.slot).filter(pl.col(rule.slot).is_not_null() & rule.fails)
        if failing.height:
            parts.append(failing.select(
                pl.col(ROW), pl.lit(order[rule.slot], pl.Int64).alias(_ORDER),
                pl.col(_ITEM).cast(pl.Int64), pl.lit(rule.slot).alias(_FIELD),
                pl.lit(f"breaks its {rule.rule}").alias(_PROBLEM),
                pl.col(rule.slot).cast(pl.String).alias(_VALUE),
                pl.lit(f"write {rule.allowed}").alias(_HINT)))
    return parts


def _check_frame(ctx: PackageContext, table: str, spec: ClassChecks,
                 frame: pl.DataFrame) -> Iterator[Finding]:
    order = {slot: index for index, slot in enumerate(spec.slots)}
    parts = (_failing(frame, order, _scalar_rules(spec, frame))
             + _failing_items(frame, spec, order))
    if not parts:
        return
    file = _file(ctx, table)
    found = pl.concat(parts, how="vertical").sort([ROW, _ORDER, _ITEM], maintain_order=True)
    for row, _order, _item, field, problem, value, hint in found.iter_rows():
        yield _finding(ctx, spec.name, file, row, field, problem, value, hint)


def _finding(ctx: PackageContext, class_name: str, file: str, row: int, field: str,
             problem: str, value: Any, hint: str) -> Finding:
    shown = "" if value is None else f" (value {str(value)[:60]!r})"
    return Finding(rule="model", package=ctx.name, file=file, row=row, field=field,
                   message=f"{class_name}: {field} {problem}{shown}",
                   hint=f"{hint}; the standard's model of a {class_name} rejects this value")
