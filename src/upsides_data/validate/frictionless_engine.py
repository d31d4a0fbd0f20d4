"""Layer 2, the reference engine: stock Frictionless, its errors mapped to our rule codes.

``upsides validate --engine frictionless`` uses it instead of the fast polars engine, and the
differential tests run both to show they agree on which rows fail. Frictionless only ever sees
resources that layer 1 found local, inside the package and readable, each with the standard's
generated Table Schema; foreign keys into tables left out are dropped, so nothing is fetched
and nothing is reported twice. The text frames later layers need are read as with the fast engine.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from upsides_data.findings import Finding, Severity
from upsides_data.rules_registry import constraint_rule
from upsides_data.package.descriptor import schema_for, tables_of_kind
from upsides_data.validate.context import PackageContext
from upsides_data.validate.tables import _file, keep_small, load_frames

LAYER = "tables"

# Frictionless error type -> our rule code (constraint errors are split by their constraint).
ERROR_RULES = {
    "type-error": "type-error",
    "primary-key": "primary-key",
    "foreign-key": "foreign-key",
    "unique-error": "constraint-unique",
    "blank-row": "row-blank",
    "missing-cell": "cell-missing",
    "extra-cell": "cell-extra",
    "missing-label": "column-missing",
    "extra-label": "column-extra",
    "incorrect-label": "column-renamed",
    "duplicate-label": "column-duplicate",
    "blank-label": "column-missing",
    "encoding-error": "encoding",
}
_CONSTRAINT = re.compile(r'constraint "(\w+)"')
_FK_FIELDS = re.compile(r'for "([^"]+)"')


def _descriptor(ctx: PackageContext) -> dict[str, Any]:
    tables = [t for t in tables_of_kind(ctx.kind)
              if t in ctx.frames and t not in ctx.broken_tables]
    resources = []
    for table in tables:
        schema = schema_for(table, ctx.kind)
        # A package of an earlier minor version lacks the columns added since (shape checked it).
        present = set(ctx.frames[table].columns)
        schema["fields"] = [f for f in schema["fields"] if f["name"] in present]
        keys = [fk for fk in schema.get("foreignKeys", [])
                if (fk["reference"]["resource"] or table) in tables]
        if keys:
            schema["foreignKeys"] = keys
        else:
            schema.pop("foreignKeys", None)
        resources.append({"name": table, "path": _file(ctx, table), "format": "csv",
                          "encoding": "utf-8", "profile": "tabular-data-resource",
                          "schema": schema})
    return {"name": ctx.package.descriptor.get("name") or "package",
            "profile": "tabular-data-package", "resources": resources}


def check(ctx: PackageContext) -> Iterator[Finding]:
    """Run stock Frictionless over the readable tables of the package."""
    yield from load_frames(ctx)
    descriptor = _descriptor(ctx)
    keep_small(ctx)  # layer 3 and the later layers read the big tables again, in batches
    if not descriptor["resources"]:
        return
    from frictionless import Package  # imported here: it takes a while and only this engine needs it

    package = Package(descriptor, basepath=str(ctx.package.root))
    report = package.validate()
    single_keys = {r["name"]: r["schema"].get("primaryKey", []) for r in descriptor["resources"]}
    seen: set[tuple[Any, ...]] = set()
    for task in report.tasks:
        table = task.name
        file = _file(ctx, table) if table else None
        for error in task.errors:
            for finding in _map(ctx, table, file, error, single_keys.get(table, [])):
                key = (finding.file, finding.row, finding.field, finding.rule)
                if key not in seen:  # a sole key field is both `unique` and the primary key
                    seen.add(key)
                    yield finding
    for error in report.errors:
        yield Finding(rule="frictionless-error", message=f"{error.type}: {error.message}",
                      package=ctx.name, hint="reported by stock Frictionless")


def _map(ctx: PackageContext, table: str, file: str | None, error: Any,
         keys: list[str]) -> Iterator[Finding]:
    kind = error.type
    row = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None) or None
    note = getattr(error, "note", "") or ""
    common: dict[str, Any] = dict(package=ctx.name, file=file, row=row, field=field,
                                  hint="reported by stock Frictionless")
    if kind == "constraint-error":
        names = _CONSTRAINT.findall(note)
        for name in names:
            yield Finding(rule=constraint_rule(name), message=error.message, **common)
        if not names:
            yield Finding(rule="frictionless-error", message=error.message, **common)
        return
    if kind == "unique-error" and keys == [field]:
        kind = "primary-key"  # the sole primary key field is also `unique`: one finding, ours
    if kind == "primary-key":
        common["field"] = ", ".join(keys)
    if kind == "foreign-key":
        source = getattr(error, "field_names", None) or _FK_FIELDS.findall(note)[:1]
        common["field"] = ", ".join(source) or None
    rule = ERROR_RULES.get(kind, "frictionless-error")
    message = error.message if kind in ERROR_RULES else f"{kind}: {error.message}"
    yield Finding(rule=rule, message=message, severity=Severity.ERROR, **common)
