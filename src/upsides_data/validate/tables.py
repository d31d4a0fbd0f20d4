"""Layer 2, the fast engine: Table Schema checks done column-wise with polars.

Everything is driven by the Table Schema of each table (the standard's generated one, which
layer 1 checked the embedded copy against): types, required, enum, pattern, bounds, lengths,
unique fields, the primary key and the foreign keys inside the package. Each check is a boolean
polars expression over the text frame, so cost grows with columns, not with cells in Python.

The verdicts follow stock Frictionless (``frictionless_engine`` runs it for comparison):

* a cell equal to a missing value (``""``) is null; a null cell only fails ``required``;
* a cell that fails its type is not checked against constraints (Frictionless nulls it);
* patterns are anchored as Frictionless does (``^pattern$`` with Python's ``re.match``, whose
  ``$`` also matches before one trailing newline);
* a repeated primary key is reported on each later occurrence, not the first, and a key whose
  cells are all empty on every such row (blank rows included);
* a foreign key whose cells are all null is not checked;
* rows are numbered as Frictionless counts them: the header is row 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Callable, Iterator

import polars as pl

from upsides_data.findings import Finding, Severity
from upsides_data.package.confine import read_text_batches
from upsides_data.package.descriptor import schema_for, tables_of_kind
from upsides_data.rules_registry import constraint_rule
from upsides_data.validate.context import PackageContext
from upsides_data.validate.hints import example_hint

LAYER = "tables"
ROW = "__row"
BLANK = "__blank"  # in the key columns kept of a table: the row is blank
MAX_VALUE_CHARS = 60

_INTEGER = r"^\s*[+-]?\d+(?:_\d+)*\s*$"
_DIGITS = r"\d+(?:_\d+)*"
_NUMBER = (rf"^\s*[+-]?(?:(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?{_DIGITS})?"
           r"|(?i:nan|snan|inf|infinity))\s*$")
_DEFAULT_TRUE = ["true", "True", "TRUE", "1"]
_DEFAULT_FALSE = ["false", "False", "FALSE", "0"]
_CHECKED_TYPES = {"string", "integer", "number", "boolean", "date", "any"}


def normalised(frame: pl.DataFrame, first_row: int) -> pl.DataFrame:
    """``""`` cells as null and the Frictionless row number, the first row being ``first_row``."""
    frame = frame.with_columns(pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c)
                               for c in frame.columns)
    return frame.with_row_index(ROW, offset=first_row).with_columns(pl.col(ROW).cast(pl.Int64))


def read_frame(path: Any) -> pl.DataFrame:
    """A CSV as text (every cell a string, ``""`` as null) with the Frictionless row number."""
    frame = pl.read_csv(path, infer_schema=False, encoding="utf8", truncate_ragged_lines=True,
                        raise_if_empty=False)
    return normalised(frame, 2)


def is_small(ctx: PackageContext, table: str) -> bool:
    """Whether the table's CSV is small enough to be kept whole (``small_table_bytes``)."""
    try:
        return ctx.package.path_of(table).stat().st_size <= ctx.options.small_table_bytes
    except Exception:  # unreadable: reading it whole reports why, as before
        return True


def batches(ctx: PackageContext, table: str,
            columns: list[str] | None = None) -> Iterator[pl.DataFrame]:
    """The table as ``read_frame`` gives it, in row batches of at most ``batch_rows`` rows;
    ``columns`` (with ``__row`` always) reads only those. A table kept whole in ``ctx.frames``
    is given from there as one batch. Raises what polars raises for an unreadable file."""
    kept = ctx.frames.get(table)
    if kept is not None:
        yield kept if columns is None else kept.select([ROW, *columns])
        return
    first = 2
    for raw in read_text_batches(ctx.package.path_of(table), size=ctx.options.batch_rows,
                                 columns=columns, ragged=True):
        yield normalised(raw, first)
        first += raw.height


def read_table(ctx: PackageContext, table: str,
               columns: list[str] | None = None) -> pl.DataFrame:
    """The table (or only ``columns``, plus ``__row``) whole, read as layer 2 reads it: a record
    with extra cells cut to the header (layer 1 reports it), ``""`` as null. Read in batches, so
    only the columns asked for are ever held whole. Raises what polars raises."""
    parts = list(batches(ctx, table, columns))
    return pl.concat(parts, how="vertical") if len(parts) > 1 else parts[0]


def keep_small(ctx: PackageContext) -> None:
    """Drop the frames of tables over the size budget from ``ctx.frames``."""
    for table in [t for t in ctx.frames if not is_small(ctx, t)]:
        del ctx.frames[table]


def load_frames(ctx: PackageContext) -> Iterator[Finding]:
    """Read every readable table of the package whole into ``ctx.frames`` (no checks).

    For referenced codebooks and the Frictionless engine; the default engine streams instead."""
    tables = [t for t in tables_of_kind(ctx.kind)
              if t not in ctx.broken_tables and ctx.package.has(t)]
    for index, table in enumerate(tables):
        if ctx.options.progress:
            ctx.options.progress(f"{ctx.name}: reading {table}", index, len(tables))
        if table in ctx.frames:
            continue
        try:
            ctx.frames[table] = read_frame(ctx.package.path_of(table))
        except Exception as exc:  # polars cannot parse what csv could: report, do not crash
            ctx.broken_tables.add(table)
            yield _unreadable(ctx, table, exc)


def _unreadable(ctx: PackageContext, table: str, exc: Exception) -> Finding:
    return Finding(rule="csv-syntax", message=f"cannot read {table}: {_short(exc)}",
                   package=ctx.name, file=_file(ctx, table), hint="check quoting and line ends")


class _Unreadable(Exception):
    """Reading a table failed (not checking it): the table is broken, as when read whole."""


def _read_or_raise(ctx: PackageContext, table: str) -> Iterator[pl.DataFrame]:
    try:
        if ctx.frames.get(table) is None and is_small(ctx, table):
            ctx.frames[table] = read_frame(ctx.package.path_of(table))
        yield from batches(ctx, table)
    except Exception as exc:
        raise _Unreadable(exc) from exc


def key_columns(kind: str) -> dict[str, set[str]]:
    """Per table, the columns a check needs over the whole table: primary key, unique fields,
    and both ends of every foreign key. Only these are kept beyond one batch."""
    needed: dict[str, set[str]] = {}
    for table in tables_of_kind(kind):
        schema = schema_for(table, kind)
        cols = needed.setdefault(table, set())
        cols.update(schema.get("primaryKey") or [])
        cols.update(f["name"] for f in schema["fields"]
                    if f.get("constraints", {}).get("unique"))
        for fk in schema.get("foreignKeys", []):
            cols.update(fk["fields"])
            target = fk["reference"]["resource"] or table
            needed.setdefault(target, set()).update(fk["reference"]["fields"])
    return needed


def _target(fk: dict[str, Any], table: str) -> str:
    return str(fk["reference"]["resource"] or table)


def check(ctx: PackageContext) -> Iterator[Finding]:
    """Yield every Table Schema violation of every readable table of the package.

    Each table is read in row batches (``batches``): the per-cell checks run on each batch, and
    so does each foreign key whose target table was read before (against the target's distinct
    keys, kept once that table is done). The unique fields and the primary key run at the end
    on the key columns kept from every batch (``key_columns``); a foreign key into a table read
    later (or into its own table) keeps its source columns and runs at the end too. Findings
    come in the order a whole-table pass gave.
    """
    tables = [t for t in tables_of_kind(ctx.kind)
              if t not in ctx.broken_tables and ctx.package.has(t)]
    foreign = {t: list(schema_for(t, ctx.kind).get("foreignKeys", [])) for t in tables}
    targeted: dict[str, set[str]] = {}
    for table in tables:
        for fk in foreign[table]:
            targeted.setdefault(_target(fk, table), set()).update(fk["reference"]["fields"])
    unreadable: list[Finding] = []
    found: list[Finding] = []
    done: dict[str, pl.DataFrame] = {}  # key columns still needed of each table read
    distinct: dict[tuple[str, tuple[str, ...]], pl.DataFrame] = {}  # a target's distinct keys
    early: dict[str, dict[int, list[pl.DataFrame]]] = {}  # dangling rows found per batch
    for index, table in enumerate(tables):
        if ctx.options.progress:
            ctx.options.progress(f"{ctx.name}: checking {table}", index, len(tables))
        schema = schema_for(table, ctx.kind)
        now = {i: fk for i, fk in enumerate(foreign[table])
               if _target(fk, table) != table and _target(fk, table) in done}
        later = {i: fk for i, fk in enumerate(foreign[table]) if i not in now}
        keep = set(schema.get("primaryKey") or []) | targeted.get(table, set()) | {
            f["name"] for f in schema["fields"] if f.get("constraints", {}).get("unique")}
        for fk in later.values():
            keep.update(fk["fields"])
        parts: dict[int, list[pl.DataFrame]] = {}

        def each_batch(frame: pl.DataFrame, table: str = table, schema: dict[str, Any] = schema,
                       now: dict[int, dict[str, Any]] = now,
                       parts: dict[int, list[pl.DataFrame]] = parts) -> None:
            for i, fk in now.items():
                tgt = distinct.get((_target(fk, table), tuple(fk["reference"]["fields"])))
                if tgt is not None and all(c in frame.columns for c in fk["fields"]):
                    parts.setdefault(i, []).append(_dangling(frame, fk, schema, tgt))

        try:
            findings, kept = _check_batches(ctx, table, schema, _read_or_raise(ctx, table),
                                            keep, each_batch)
        except _Unreadable as exc:
            ctx.broken_tables.add(table)
            ctx.frames.pop(table, None)
            unreadable.append(_unreadable(ctx, table, _whole_read_error(ctx, table, exc)))
            continue
        found.extend(findings)
        early[table] = parts
        for source in tables:
            for fk in foreign[source]:
                fields = tuple(fk["reference"]["fields"])
                if _target(fk, source) == table and (table, fields) not in distinct and all(
                        c in kept.columns for c in fields):
                    distinct[(table, fields)] = _distinct_keys(ctx, table, fields, kept)
        sources = {c for fk in later.values() for c in fk["fields"] if c in kept.columns}
        done[table] = kept.select([ROW, BLANK, *sorted(sources)])
    yield from unreadable
    yield from found
    for table in tables:
        if table not in done:
            continue
        parts = early[table]
        for i, fk in enumerate(foreign[table]):
            if i in parts:  # checked batch by batch against a table read before
                yield from _fk_findings(ctx, table, fk, pl.concat(parts[i], how="vertical"))
                continue
            target = _target(fk, table)
            tgt = distinct.get((target, tuple(fk["reference"]["fields"])))
            frame = done[table]
            if tgt is None or any(c not in frame.columns for c in fk["fields"]):
                continue  # the target is missing or broken: layer 1 already said so
            yield from _fk_findings(ctx, table, fk, _dangling(frame, fk, schema_for(
                table, ctx.kind), tgt))


def _distinct_keys(ctx: PackageContext, target: str, fields: tuple[str, ...],
                   frame: pl.DataFrame) -> pl.DataFrame:
    """The distinct typed keys of ``target`` a foreign key's source is looked up in."""
    target_schema = {f["name"]: f for f in schema_for(target, ctx.kind)["fields"]}
    return frame.select([_typed(target_schema[c])[1].alias(f"__k{i}")
                         for i, c in enumerate(fields)]).unique()


def _dangling(frame: pl.DataFrame, fk: dict[str, Any], schema: dict[str, Any],
              tgt: pl.DataFrame) -> pl.DataFrame:
    """Rows of ``frame`` (with ``__blank``) whose foreign key has no match in ``tgt``."""
    fields = {f["name"]: f for f in schema["fields"]}
    source = list(fk["fields"])
    keys = [f"__k{i}" for i in range(len(source))]
    src = frame.filter(~pl.col(BLANK) & pl.any_horizontal(
        [pl.col(c).is_not_null() for c in source])).select(
        [pl.col(ROW)] + [_typed(fields[c])[1].alias(k) for c, k in zip(source, keys)])
    return src.join(tgt, on=keys, how="anti", nulls_equal=False).sort(ROW)


def _fk_findings(ctx: PackageContext, table: str, fk: dict[str, Any],
                 dangling: pl.DataFrame) -> Iterator[Finding]:
    file = _file(ctx, table)
    target = _target(fk, table)
    label = f"{target}({', '.join(fk['reference']['fields'])})"
    for row, *values in dangling.iter_rows():
        shown = ", ".join("" if v is None else str(v) for v in values)
        yield Finding(rule="foreign-key",
                      message=f"{_short(shown)!r} has no matching row in {label}",
                      package=ctx.name, file=file, row=row, field=", ".join(fk["fields"]),
                      hint=f"add the referenced {target} record or correct the value")


def _whole_read_error(ctx: PackageContext, table: str, exc: _Unreadable) -> Exception:
    """The error reading the whole file gives (the finding says what it said before batches)."""
    cause = exc.__cause__ if isinstance(exc.__cause__, Exception) else exc
    try:
        read_frame(ctx.package.path_of(table))
    except Exception as whole:
        return whole
    return cause


@dataclass
class _Check:
    rule: str
    field: str | None
    mask: pl.Expr
    message: Callable[[Any], str]
    hint: str | None = None
    on_blank: bool = False  # also checked on blank rows (Frictionless does so for primary keys)
    whole_table: bool = False  # compares rows with each other: run on the key columns at the end


def _file(ctx: PackageContext, table: str) -> str:
    return str(ctx.package.resources().get(table, {}).get("path") or f"{table}.csv")


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS - 1] + "…"


def _blank(frame: pl.DataFrame) -> pl.Expr:
    columns = [c for c in frame.columns if c != ROW]
    if not columns:
        return pl.lit(False)
    return pl.all_horizontal([pl.col(c).is_null() for c in columns])


def _typed(fld: dict[str, Any]) -> tuple[pl.Expr, pl.Expr]:
    """(is the non-null cell of the right type, its typed value) for one field."""
    name, ftype = fld["name"], fld.get("type", "string")
    text = pl.col(name)
    if ftype == "integer":
        value = text.str.strip_chars().str.replace_all("_", "").cast(pl.Int64, strict=False)
        return text.str.contains(_INTEGER), value
    if ftype == "number":
        value = text.str.strip_chars().str.replace_all("_", "").cast(pl.Float64, strict=False)
        return text.str.contains(_NUMBER), value
    if ftype == "boolean":
        trues = fld.get("trueValues", _DEFAULT_TRUE)
        falses = fld.get("falseValues", _DEFAULT_FALSE)
        valid = text.is_in(list(trues) + list(falses))
        return valid, pl.when(text.is_in(list(trues))).then(True).when(
            text.is_in(list(falses))).then(False).otherwise(None)
    if ftype == "date" and fld.get("format", "default") == "default":
        value = text.str.to_date("%Y-%m-%d", strict=False)
        return value.is_not_null(), value
    return pl.lit(True), text


def _literal(fld: dict[str, Any], value: Any) -> Any:
    ftype = fld.get("type", "string")
    try:
        if ftype == "integer":
            return int(value)
        if ftype == "number":
            return float(value)
    except (TypeError, ValueError):
        return value
    return value


@cache
def _rust_regex_ok(pattern: str) -> bool:
    try:
        pl.select(pl.lit("x").str.contains(pattern))
        return True
    except Exception:
        return False


def _pattern_mask(frame: pl.DataFrame, name: str, pattern: str) -> pl.Expr:
    """Cells that fail ``pattern`` the way Frictionless tests it (``re.match('^p$')``)."""
    anchored = f"^{pattern}$"
    subject = pl.col(name).str.strip_suffix("\n")  # Python's `$` matches before a final newline
    if _rust_regex_ok(anchored):
        return ~subject.str.contains(anchored)
    # A pattern only Python's `re` understands: test each distinct value once, not each cell.
    compiled = re.compile(anchored)
    values = frame.get_column(name).drop_nulls().unique().to_list()
    good = [v for v in values if compiled.match(v)]
    return ~pl.col(name).is_in(good)


def _field_checks(frame: pl.DataFrame, fld: dict[str, Any], sole_key: bool,
                  table: str | None = None) -> list[_Check]:
    name, ftype = fld["name"], fld.get("type", "string")
    cons = fld.get("constraints", {})
    text = pl.col(name)
    valid, value = _typed(fld)
    present = text.is_not_null()
    ok = present & valid
    checks = []
    if cons.get("required"):
        checks.append(_Check("constraint-required", name, text.is_null(),
                             lambda v: "a value is required", "fill in this required cell"))
    if ftype not in ("string", "any"):
        fmt = f" ({fld['format']})" if fld.get("format", "default") != "default" else ""
        checks.append(_Check("type-error", name, present & ~valid,
                             lambda v, t=ftype: f"{_short(v)!r} is not of type {t}{fmt}",
                             _type_hint(fld)))
    if "enum" in cons:
        allowed = [_literal(fld, v) for v in cons["enum"]]
        checks.append(_Check("constraint-enum", name, ok & ~value.is_in(allowed),
                             lambda v: f"{_short(v)!r} is not an allowed value",
                             "allowed: " + ", ".join(str(a) for a in cons["enum"])))
    if "pattern" in cons:
        checks.append(_Check("constraint-pattern", name,
                             ok & _pattern_mask(frame, name, cons["pattern"]),
                             lambda v: f"{_short(v)!r} is not written the way {name} must be",
                             example_hint(table, name)))
    bounds = {"minimum": (lambda x, b: x < b, "at least"),
              "maximum": (lambda x, b: x > b, "at most"),
              "exclusiveMinimum": (lambda x, b: x <= b, "more than"),
              "exclusiveMaximum": (lambda x, b: x >= b, "less than")}
    for key, (fails, words) in bounds.items():
        if key in cons and ftype in ("integer", "number", "date"):
            bound = _literal(fld, cons[key])
            bad = fails(value, bound)
            if ftype == "number":
                bad = bad | value.is_nan()
            checks.append(_Check(constraint_rule(key), name, ok & bad,
                                 lambda v, w=words, b=bound: f"{_short(v)!r} is not {w} {b}",
                                 f"the value must be {words} {bound}"))
    for key, (fails, words) in {"minLength": (lambda n, b: n < b, "at least"),
                                "maxLength": (lambda n, b: n > b, "at most")}.items():
        if key in cons:
            bound = int(cons[key])
            checks.append(_Check(constraint_rule(key), name,
                                 ok & fails(text.str.len_chars(), bound),
                                 lambda v, w=words, b=bound: f"{_short(v)!r} has not {w} {b} "
                                                             "characters"))
    if cons.get("unique") and not sole_key:
        checks.append(_Check("constraint-unique", name, ok & ~value.is_first_distinct(),
                             lambda v: f"{_short(v)!r} occurs more than once",
                             "values of this column must be unique", whole_table=True))
    return checks


def _type_hint(fld: dict[str, Any]) -> str:
    ftype = fld.get("type")
    if ftype == "boolean":
        return "write " + " or ".join(fld.get("trueValues", _DEFAULT_TRUE)[:1]
                                      + fld.get("falseValues", _DEFAULT_FALSE)[:1])
    if ftype == "integer":
        return "write a whole number such as 42, without units"
    if ftype == "number":
        return "write a number such as 3.5, with a dot as decimal mark"
    if ftype == "date":
        return "write a date as YYYY-MM-DD"
    return f"write a value of type {ftype}"


def _key_checks(fields: dict[str, dict[str, Any]], keys: list[str]) -> list[_Check]:
    if not keys or any(k not in fields for k in keys):
        return []
    values = [_typed(fields[k])[1].alias(k) for k in keys]
    any_present = pl.any_horizontal([pl.col(k).is_not_null() for k in keys])
    duplicate = (~values[0].is_first_distinct() if len(keys) == 1
                 else ~pl.struct(values).is_first_distinct())
    label = ", ".join(keys)

    def message(value: Any) -> str:
        if not value.strip(", "):
            return f"the primary key ({label}) is empty"
        return f"primary key ({label}) {_short(value)!r} occurs more than once"

    # As in Frictionless, a key whose cells are all empty is a primary-key error on every row.
    return [_Check("primary-key", label, ~any_present | (any_present & duplicate), message,
                   "each row needs its own primary key; fill it in or remove the duplicate",
                   on_blank=True, whole_table=True)]


def check_table(ctx: PackageContext, table: str, frame: pl.DataFrame,
                schema: dict[str, Any]) -> Iterator[Finding]:
    """Type and constraint checks of one table given whole (one batch)."""
    keys = set(schema.get("primaryKey") or []) | {
        f["name"] for f in schema["fields"] if f.get("constraints", {}).get("unique")}
    findings, _keys = _check_batches(ctx, table, schema, iter([frame]), keys)
    yield from findings


def _table_checks(frame: pl.DataFrame, fields: dict[str, dict[str, Any]], keys: list[str],
                  table: str) -> list[_Check]:
    checks: list[_Check] = []
    for name, fld in fields.items():
        checks.extend(_field_checks(frame, fld, sole_key=keys == [name], table=table))
    checks.extend(_key_checks(fields, keys))
    return checks


def _check_batches(ctx: PackageContext, table: str, schema: dict[str, Any],
                   parts: Iterator[pl.DataFrame], key_cols: set[str],
                   each_batch: Callable[[pl.DataFrame], None] | None = None
                   ) -> tuple[list[Finding], pl.DataFrame]:
    """Check a table batch by batch: (its findings in whole-table order, its key columns with
    ``__row`` and ``__blank``). Cell checks run per batch; ``whole_table`` checks at the end on
    the key columns, which are all this keeps of a batch besides the failing cells."""
    file = _file(ctx, table)
    keys = list(schema.get("primaryKey") or [])
    fields: dict[str, dict[str, Any]] | None = None
    blank_rows: list[int] = []
    hits: dict[int, list[pl.DataFrame]] = {}
    kept: list[pl.DataFrame] = []
    last: pl.DataFrame | None = None
    for frame in parts:
        if fields is None:
            fields = {f["name"]: f for f in schema["fields"] if f["name"] in frame.columns}
        checks = _table_checks(frame, fields, keys, table)
        blank = _blank(frame)
        local = [(i, c) for i, c in enumerate(checks) if not c.whole_table]
        masks = frame.select([blank.alias("blank")] + [
            (c.mask.fill_null(False) & (pl.lit(True) if c.on_blank else ~blank)).alias(f"m{i}")
            for i, c in local])
        blank_rows.extend(frame.filter(masks.get_column("blank")).get_column(ROW).to_list())
        counts = masks.select(pl.all().sum()).row(0, named=True)
        for i, chk in local:
            if counts[f"m{i}"]:
                hits.setdefault(i, []).append(frame.filter(masks.get_column(f"m{i}")).select(
                    ROW, pl.col(chk.field).alias("v")))
        if each_batch is not None:
            each_batch(frame.with_columns(masks.get_column("blank").alias(BLANK)))
        kept.append(frame.select([ROW] + [c for c in frame.columns if c in key_cols])
                    .with_columns(masks.get_column("blank").alias(BLANK)))
        last = frame.clear()
    if fields is None or last is None:
        return [], pl.DataFrame(schema={ROW: pl.Int64, BLANK: pl.Boolean})
    key_frame = pl.concat(kept, how="vertical") if len(kept) > 1 else kept[0]
    del kept
    checks = _table_checks(last, fields, keys, table)
    for i, chk in enumerate(checks):
        if not chk.whole_table:
            continue
        mask = chk.mask.fill_null(False) & (pl.lit(True) if chk.on_blank else ~pl.col(BLANK))
        if chk.rule == "primary-key":
            value = pl.concat_str([pl.col(k).fill_null("") for k in keys], separator=", ")
        else:
            value = pl.col(chk.field)
        failing = key_frame.filter(mask).select(ROW, value.alias("v"))
        if failing.height:
            hits[i] = [failing]
    found: list[Finding] = []
    for fld in schema["fields"]:
        if fld.get("type", "string") not in _CHECKED_TYPES and fld["name"] in fields:
            found.append(Finding(rule="engine-unsupported", severity=Severity.WARNING,
                                 message=f"type {fld['type']} is not checked by the fast engine",
                                 package=ctx.name, file=file, field=fld["name"],
                                 hint="run with --engine frictionless"))
    for row in blank_rows:
        found.append(Finding(rule="row-blank", message="the row is blank", package=ctx.name,
                             file=file, row=row, hint="remove empty lines"))
    for i, chk in enumerate(checks):
        for part in hits.get(i, []):
            for row, value in part.iter_rows():
                found.append(Finding(rule=chk.rule, message=chk.message(value), package=ctx.name,
                                     file=file, row=row, field=chk.field, hint=chk.hint))
    return found, key_frame
