"""Layer 1: the package's shape, before any cell is read.

Checks the ``upsides`` property of the descriptor, that every table of the package kind is
declared and no unknown one is, that each resource path is local and stays inside the package
(nothing is ever fetched), that each embedded Table Schema is the generated one, that each file
is non-empty UTF-8 (a BOM and CRLF line ends are accepted), that its header names the schema's
columns in order, and that every record has as many cells as the header.

Tables that cannot be read safely are added to ``ctx.broken_tables`` so later layers skip them
instead of reporting the same problem again in other words.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Iterable, Iterator

from upsides_data.findings import Finding, Severity
from upsides_data.package.confine import (
    NAME_HINT, PATH_HINT, IrregularCsv, RecordScan, allow_long_cells, file_problem,
    first_undecodable, path_problem, safe_name,
)
from upsides_data.package.descriptor import ACCESS_LEVELS, KINDS, tables_of_kind
from upsides_data.package.versions import (
    columns_for, expected_schema, is_older_minor, structure, table_expected, version_problem,
)
from upsides_data.validate import properties
from upsides_data.validate.context import PackageContext

LAYER = "shape"
_DESCRIPTOR_FILE = "datapackage.json"
# Problems after which the table's rows can still be checked against the standard's schema.
SCAN_RECORDS = 1 << 20  # records per numpy pass of the cell count (bytes are bounded too)
NON_BREAKING = frozenset({"schema-mismatch", "column-extra", "cell-extra", "cell-missing"})


def check(ctx: PackageContext) -> Iterator[Finding]:
    """Yield every shape problem of one opened package."""
    yield from _check_name(ctx)
    yield from _check_upsides(ctx)
    yield from properties.check(ctx.package.descriptor, ctx.name)
    kind = ctx.meta.kind
    if kind not in KINDS:
        ctx.broken_tables.update(ctx.package.resources())
        return
    yield from _check_resources(ctx, kind)


def _finding(ctx: PackageContext, rule: str, message: str, *, file: str | None = None,
             row: int | None = None, field: str | None = None, hint: str | None = None,
             severity: Severity = Severity.ERROR) -> Finding:
    return Finding(rule=rule, message=message, severity=severity, package=ctx.name,
                   file=file or _DESCRIPTOR_FILE, row=row, field=field, hint=hint)


def _check_name(ctx: PackageContext) -> Iterator[Finding]:
    """The descriptor's ``name`` may become a folder name (split, import): it must be safe."""
    name = ctx.package.descriptor.get("name")
    if name is not None and not safe_name(name):
        yield _finding(ctx, "name-invalid", f"the package name {name!r} is not a safe name",
                       field="name", hint=NAME_HINT)


def _check_upsides(ctx: PackageContext) -> Iterator[Finding]:
    ups = ctx.package.descriptor.get("upsides")
    if not isinstance(ups, dict):
        yield _finding(ctx, "upsides-property", "the descriptor has no `upsides` object",
                       field="upsides",
                       hint="write packages with `upsides_data.write_package` or add "
                            "{\"upsides\": {\"kind\": ..., \"access_level\": ..., ...}}")
        return
    kind = ups.get("kind")
    if kind not in KINDS:
        yield _finding(ctx, "upsides-property", f"unknown package kind {kind!r}",
                       field="upsides.kind", hint=f"use one of: {', '.join(KINDS)}")
    access = ups.get("access_level")
    if access not in ACCESS_LEVELS:
        yield _finding(ctx, "upsides-property", f"unknown access level {access!r}",
                       field="upsides.access_level", hint=f"use one of: {', '.join(ACCESS_LEVELS)}")
    problem = version_problem(ups.get("standard_version"))
    if problem:
        rule, message, hint = problem
        yield _finding(ctx, rule, message, field="upsides.standard_version", hint=hint)
    codebook = ups.get("codebook")
    if codebook is not None and not (isinstance(codebook, dict)
                                     and isinstance(codebook.get("name"), str)
                                     and isinstance(codebook.get("version"), str)):
        yield _finding(ctx, "upsides-property", "`upsides.codebook` must be {name, version}",
                       field="upsides.codebook", hint="name and version of the codebook package")


def _check_resources(ctx: PackageContext, kind: str) -> Iterator[Finding]:
    raw = ctx.package.descriptor.get("resources")
    if not isinstance(raw, list):
        yield _finding(ctx, "resource-invalid", "the descriptor's `resources` is not a list",
                       field="resources")
        raw = []
    expected = tables_of_kind(kind)
    seen: set[str] = set()
    for index, res in enumerate(raw):
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            yield _finding(ctx, "resource-invalid", f"resource #{index + 1} has no name",
                           field=f"resources[{index}]")
            continue
        name = res["name"]
        if name in seen:
            yield _finding(ctx, "resource-invalid", f"resource {name!r} is declared twice",
                           field=f"resources[{index}]")
            ctx.broken_tables.add(name)
            continue
        seen.add(name)
        if name not in expected:
            yield _finding(ctx, "resource-unknown",
                           f"a {kind} package has no table {name!r}", file=_DESCRIPTOR_FILE,
                           field=f"resources[{index}]",
                           hint=f"the tables of a {kind} package are: {', '.join(expected)}")
            ctx.broken_tables.add(name)
            continue
        problems = list(_check_resource(ctx, kind, name, res))
        yield from problems
        if any(p.severity is Severity.ERROR and p.rule not in NON_BREAKING for p in problems):
            ctx.broken_tables.add(name)
    version = ctx.meta.standard_version
    for name in expected:
        if name not in seen and table_expected(name, version, kind):
            yield _finding(ctx, "resource-missing",
                           f"the {kind} package declares no resource {name!r}", field="resources",
                           hint="every table of the package kind must be present "
                                "(header-only when it has no rows)")
            ctx.broken_tables.add(name)


def _check_resource(ctx: PackageContext, kind: str, name: str,
                    res: dict[str, Any]) -> Iterator[Finding]:
    path = res.get("path")
    problem = path_problem(path)
    if problem:
        rule, message = problem
        yield _finding(ctx, rule, f"resource {name!r}: {message}", field="path", hint=PATH_HINT)
        return
    for key, allowed in (("format", ("csv",)), ("encoding", ("utf-8", "utf8"))):
        if key in res and str(res[key]).lower() not in allowed:
            yield _finding(ctx, "resource-invalid",
                           f"resource {name!r}: {key} {res[key]!r} is not supported",
                           field=key, hint=f"use {allowed[0]}")
            return
    for key in ("dialect", "data"):
        if key in res:
            yield _finding(ctx, "resource-invalid",
                           f"resource {name!r}: the `{key}` property is not allowed",
                           field=key, hint="tables are plain comma-separated UTF-8 CSV files")
            return
    version = ctx.meta.standard_version
    columns = columns_for(name, version)
    expected = expected_schema(name, kind, version)
    if structure(res.get("schema")) != structure(expected):
        released = f"standard {version}" if is_older_minor(version) else "the generated one"
        yield _finding(ctx, "schema-mismatch",
                       f"resource {name!r}: the embedded Table Schema differs from {released}"
                       f"{_schema_diff(structure(res.get('schema')), structure(expected))}",
                       field="schema",
                       hint="do not edit embedded schemas (titles and descriptions may differ); "
                            "rewrite the descriptor with `upsides_data.write_package` (rows are "
                            "checked against the standard's schema)")
    problem = file_problem(ctx.package.root, path)
    if problem:
        rule, message = problem
        yield _finding(ctx, rule, f"resource {name!r}: {message}", field="path",
                       file=str(path) if rule != "path-traversal" else None,
                       hint=_FILE_HINTS.get(rule, PATH_HINT))
        return
    try:
        yield from _check_file(ctx, name, (ctx.package.root / path).resolve(), str(path), columns)
    except OSError as exc:  # vanished or became unreadable while we looked
        ctx.broken_tables.add(name)
        yield _finding(ctx, "file-unreadable", f"{path} cannot be read ({exc.strerror or exc})",
                       file=str(path), hint=_FILE_HINTS["file-unreadable"])


_FILE_HINTS = {
    "file-missing": "write every table of the package, header-only when empty",
    "file-not-regular": "a table is a regular CSV file inside the package folder, e.g. "
                        "\"quote.csv\"; FIFOs, devices and folders are never read",
    "file-unreadable": "check that the file exists and that you may read it",
}


def _schema_diff(actual: Any, expected: dict[str, Any]) -> str:
    if not isinstance(actual, dict):
        return " (it is missing)"
    keys = sorted(k for k in set(actual) | set(expected) if actual.get(k) != expected.get(k))
    if "fields" in keys and isinstance(actual.get("fields"), list):
        names = {f.get("name") for f in actual["fields"] if isinstance(f, dict)}
        differing = [f["name"] for f in expected["fields"]
                     if f["name"] not in names or f not in actual["fields"]]
        if differing:
            return f" (fields {', '.join(differing)})"
    return f" ({', '.join(keys)})" if keys else ""


def _check_file(ctx: PackageContext, name: str, path: Path, file: str,
                columns: list[str]) -> Iterator[Finding]:
    if path.stat().st_size == 0:
        yield _finding(ctx, "file-empty", f"{file} is empty (0 bytes)", file=file,
                       hint="a table without rows still needs its header line")
        return
    bad = first_undecodable(path)
    if bad is not None:
        line, column, byte = bad
        yield _finding(ctx, "encoding",
                       f"{file} is not UTF-8: byte 0x{byte:02x} on line {line}, column {column} "
                       f"cannot be decoded (the file looks like Latin-1 or Windows-1252)",
                       file=file, row=line,
                       hint="re-save the file as UTF-8 (a byte order mark is accepted)")
        return
    if _cr_only_line_ends(path):
        ctx.broken_tables.add(name)
        yield _finding(ctx, "csv-syntax", f"{file} ends its lines with CR alone (old Mac "
                       "line ends): the rows cannot be told apart", file=file, row=1,
                       hint="re-save the file with LF or CRLF line ends (\"Windows\" or "
                            "\"Unix\" in the editor's save dialogue)")
        return
    allow_long_cells()
    try:
        found = _scan_cells(ctx, name, path, file, columns)
    except IrregularCsv:  # quoting RFC 4180 does not foresee: Python's csv, record by record
        found = list(_read_cells(ctx, name, path, file, columns))
    yield from found


def _read_cells(ctx: PackageContext, name: str, path: Path, file: str,
                columns: list[str]) -> Iterator[Finding]:
    """Header and cell counts with Python's csv module (the reference; slow on big files)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=False)
        try:
            header = next(reader, [])
            header_findings = list(_check_header(ctx, file, header, columns))
            yield from header_findings
            if any(f.rule != "column-extra" for f in header_findings):
                ctx.broken_tables.add(name)
                return
            yield from _check_cells(ctx, name, file, reader, header)
        except csv.Error as exc:
            yield _finding(ctx, "csv-syntax", f"{file}: {exc} near row {reader.line_num}",
                           file=file, row=reader.line_num,
                           hint="check quoting: a quoted cell must end with a quote")
            ctx.broken_tables.add(name)


def _one_record(raw: bytes) -> list[str]:
    """One record (with its line end) as Python's csv module reads it from the file."""
    text = raw.decode("utf-8")
    return next(csv.reader(io.StringIO(text, newline=""), strict=False), [])


def _scan_cells(ctx: PackageContext, name: str, path: Path, file: str,
                columns: list[str]) -> list[Finding]:
    """What ``_read_cells`` finds, from cell counts taken with numpy over the raw bytes
    (``confine.RecordScan``); only records whose count differs go through Python's csv.
    Raises IrregularCsv before finding anything when the file needs the slow path."""
    scan = RecordScan(path, size=SCAN_RECORDS)
    found: list[Finding] = []
    header: list[str] | None = None
    rows = 0
    for record, raw, cells, ends in scan.batches():
        if header is None:
            header = _scanned_header(ctx, name, file, scan, columns, found)
            if header is None:
                return found
        width = len(header)
        rows = record + len(cells) - 2
        for index in (cells != width).nonzero()[0].tolist():
            start = int(ends[index - 1]) + 1 if index else 0
            cells_of = _one_record(raw[start:int(ends[index]) + 1])
            found.extend(_cell_count(ctx, file, record + index, cells_of, header))
    if header is None and _scanned_header(ctx, name, file, scan, columns, found) is None:
        return found
    ctx.facts.setdefault("row_counts", {})[name] = rows
    return found


def _scanned_header(ctx: PackageContext, name: str, file: str, scan: RecordScan,
                    columns: list[str], found: list[Finding]) -> list[str] | None:
    """The scanned header, its findings added to ``found``; None when it breaks the table."""
    header = _one_record(scan.header)
    found.extend(_check_header(ctx, file, header, columns))
    if any(f.rule != "column-extra" for f in found):
        ctx.broken_tables.add(name)
        return None
    return header


def _cr_only_line_ends(path: Path) -> bool:
    """Whether the header line ends in a CR not followed by LF: the csv module reads such a
    file, the table engine sees one line, so the rows would vanish without a finding."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    first = head.split(b"\n", 1)[0]
    return b"\r" in first.rstrip(b"\r") or (b"\n" not in head and first.endswith(b"\r"))


def _check_header(ctx: PackageContext, file: str, header: list[str],
                  columns: list[str]) -> Iterator[Finding]:
    if header == columns:
        return
    hint = f"the header must be exactly: {','.join(columns)}"
    if not header or all(not h for h in header):
        yield _finding(ctx, "column-missing", f"{file} has no header line", file=file, row=1,
                       hint=hint)
        return
    known, present = set(columns), set(header)
    missing = [c for c in columns if c not in present]
    extra = [h for h in header if h not in known]
    renamed: set[str] = set()
    for position, name in enumerate(header):
        if (name in extra and position < len(columns) and columns[position] in missing):
            renamed.add(columns[position])
            yield _finding(ctx, "column-renamed",
                           f"column {position + 1} is {name!r} where the schema has "
                           f"{columns[position]!r}", file=file, row=1, field=columns[position],
                           hint=hint)
    renamed_from = {header[columns.index(c)] for c in renamed}
    for name in missing:
        if name not in renamed:
            yield _finding(ctx, "column-missing", f"column {name!r} is missing", file=file,
                           row=1, field=name, hint=hint)
    for name in extra:
        if name not in renamed_from:
            yield _finding(ctx, "column-extra", f"column {name!r} is not in the schema",
                           file=file, row=1, field=name, hint=hint)
    duplicated = sorted({h for h in header if header.count(h) > 1})
    for name in duplicated:
        yield _finding(ctx, "column-duplicate", f"column {name!r} appears more than once",
                       file=file, row=1, field=name, hint=hint)
    if not missing and not extra and not duplicated:
        yield _finding(ctx, "column-order", f"{file}: the columns are not in schema order",
                       file=file, row=1, hint=hint)


def _cell_count(ctx: PackageContext, file: str, row: int, record: list[str],
                header: list[str]) -> Iterator[Finding]:
    """The finding of one record whose cell count differs from the header's, if any."""
    width = len(header)
    if not record or all(cell == "" for cell in record):
        return  # blank rows are reported by layer 2 (``row-blank``)
    if len(record) > width:
        yield _finding(ctx, "cell-extra",
                       f"row has {len(record)} cells; the header has {width}", file=file,
                       row=row, hint="a cell holding a comma must be quoted")
    elif len(record) < width:
        yield _finding(ctx, "cell-missing",
                       f"row has {len(record)} cells; the header has {width}", file=file,
                       row=row, field=header[len(record)],
                       hint="every row needs a cell per column (empty when unknown)")


def _check_cells(ctx: PackageContext, name: str, file: str, reader: Iterable[list[str]],
                 header: list[str]) -> Iterator[Finding]:
    """Records whose cell count differs from the header's (one C-level pass over the rows)."""
    width = len(header)
    row = 1
    for row, record in enumerate(reader, start=2):
        if len(record) != width:
            yield from _cell_count(ctx, file, row, record, header)
    ctx.facts.setdefault("row_counts", {})[name] = row - 1
