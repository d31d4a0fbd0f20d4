"""``upsides pack``: a filled workbook or a folder of CSV files becomes a package.

The sheets are read (``sources``), each cell cleaned by its column's type (``cells``), and the
package written through the output writer, validated before it is renamed into place. Nothing is
guessed: a sheet or column the standard does not know, a day/month order that could go either
way, a package sheet without its required facts are findings, and nothing is written.

Every finding, the validator's included, is given back in the user's terms (``in_sheet_terms``):
the sheet, the spreadsheet's own row number and the column letter, although the package sorts
its rows by identifier. ``validate_workbook`` packs into a scratch folder and validates that, so
``upsides validate`` accepts a workbook directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

import polars as pl

from upsides_data.errors import InvalidInputError
from upsides_data.findings import Finding, Report, Severity
from upsides_data.package.descriptor import PackageMeta, schema_for, tables_of_kind
from upsides_data.package.writer import write_package
from upsides_data.sites import layout
from upsides_data.sites.cells import DATE_ORDERS, clean_cell
from upsides_data.sites.sheets import (
    LISTS_SHEET, PACKAGE_SHEET, README_SHEET, column_letter, sheet_name, table_for_sheet)
from upsides_data.sites.sources import Source, read_source

LICENCES = {"CC-BY-4.0": ("https://creativecommons.org/licenses/by/4.0/",
                          "Creative Commons Attribution 4.0 International"),
            "CC0-1.0": ("https://creativecommons.org/publicdomain/zero/1.0/",
                        "Creative Commons Zero v1.0 Universal")}


# Pack problems after which validating the rest would mislead (rows of a sheet or column that
# could not be read are missing); cell problems do not stop validation.
STOPPING = frozenset({"sheet-unknown", "sheet-duplicate", "column-unknown", "column-duplicate",
                      "cell-outside-columns", "package-sheet-missing", "package-fact-missing"})


@dataclass
class Packed:
    """A source read into tables, and where each row and column came from."""

    source: Source
    meta: PackageMeta | None = None
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rows: dict[str, list[int]] = field(default_factory=dict)  # table -> sheet rows, in order
    letters: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> field -> letter
    sheets: dict[str, str] = field(default_factory=dict)  # table -> the user's sheet name
    findings: list[Finding] = field(default_factory=list)

    def problem(self, rule: str, message: str, hint: str, *, sheet: str | None = None,
                row: int | None = None, column: str | None = None, field_name: str | None = None,
                severity: Severity = Severity.ERROR) -> None:
        self.findings.append(Finding(
            rule=rule, message=message, hint=hint, severity=severity,
            file=self.source.path.name, sheet=self.source.file_of(sheet) if sheet else None,
            row=row, column=column, field=field_name))


def assemble(source: Source, *, date_order: str | None = None) -> Packed:
    """The tables of ``source``, with every problem found on the way as a finding."""
    if date_order is not None and date_order not in DATE_ORDERS:
        from upsides_data.errors import UsageError

        raise UsageError("--date-order must be dmy (day first) or mdy (month first)")
    packed = Packed(source)
    packed.meta = _meta(packed)
    kind = packed.meta.kind if packed.meta and packed.meta.kind in ("site", "codebook") else "site"
    for sheet, rows in source.sheets.items():
        if sheet.strip() in (README_SHEET, PACKAGE_SHEET, LISTS_SHEET):
            continue
        table = table_for_sheet(sheet, kind)
        if table is None:
            if rows:
                known = ", ".join(sheet_name(t) for t in tables_of_kind(kind))
                packed.problem("sheet-unknown", f"the sheet {sheet!r} is not a table of a {kind} "
                               "package, so its rows would be lost",
                               f"rename it to one of: {known}; or delete it", sheet=sheet)
            continue
        if table in packed.tables:
            packed.problem("sheet-duplicate", f"the table {table} is given twice",
                           "keep one sheet per table", sheet=sheet)
            continue
        _read_table(packed, sheet, table, kind, rows, date_order)
    return packed


def _meta(packed: Packed) -> PackageMeta | None:
    source = packed.source
    if source.descriptor is not None:
        from upsides_data import jsonsafe

        data = jsonsafe.load_file(source.descriptor, file=source.descriptor.name)
        if isinstance(data, dict):
            return PackageMeta.from_descriptor(data)
    rows = None
    for sheet, cells in source.sheets.items():
        if sheet.strip() == PACKAGE_SHEET:
            rows = cells
    if rows is None:
        packed.problem("package-sheet-missing", "the workbook has no 'package' sheet, so the "
                       "package's name, study and site are unknown",
                       "use a workbook made by `upsides template`, or add a sheet 'package' "
                       "with rows name, access_level, study and site (key in column A, value in "
                       "column B)")
        return None
    facts: dict[str, str] = {}
    places: dict[str, int] = {}
    for number, cells in rows:
        key = str(cells[0]).strip() if cells and cells[0] is not None else ""
        if key in layout.PACKAGE_KEYS:
            value, _ = clean_cell(cells[1] if len(cells) > 1 else None, {"type": "string"})
            places[key] = number
            if value is not None:
                facts[key] = value
    for key in layout.REQUIRED_KEYS:
        if key not in facts:
            packed.problem("package-fact-missing", f"the package sheet gives no {key}",
                           f"fill column B of the row {key}: {layout.PACKAGE_KEYS[key]}",
                           sheet=PACKAGE_SHEET, row=places.get(key), column="B",
                           field_name=key)
    if any(key not in facts for key in layout.REQUIRED_KEYS):
        return None
    codebook = None
    if facts.get("codebook_name"):
        codebook = {"name": facts["codebook_name"], "version": facts.get("codebook_version", "")}
        if not codebook["version"]:
            codebook.pop("version")
    licences = []
    if facts.get("licence"):
        path, title = LICENCES.get(facts["licence"], (None, None))
        licence = {"name": facts["licence"]}
        if path:
            licence.update(path=path, title=str(title))
        licences.append(licence)
    return PackageMeta(name=facts["name"], kind="site", access_level=facts["access_level"],
                       title=facts.get("title"), site=facts["site"], study=facts["study"],
                       codebook=codebook, licenses=licences)


def _template_row(values: list[Any], expected: list[str]) -> bool:
    """Row 2 or 3 of a template (descriptions or examples), recognised by its content."""
    given = [str(v).strip() if v is not None else "" for v in values]
    filled = [(i, v) for i, v in enumerate(given) if v]
    return bool(filled) and all(i < len(expected) and expected[i].strip() == v for i, v in filled)


def _read_table(packed: Packed, sheet: str, table: str, kind: str,
                rows: list[tuple[int, list[Any]]], date_order: str | None) -> None:
    if not rows:
        return
    schema_fields = {f["name"]: f for f in layout.fields(table, kind)}
    header_number, header = rows[0]
    columns: dict[int, str] = {}
    for index, cell in enumerate(header):
        name = str(cell).replace("\ufeff", "").strip() if cell is not None else ""
        letter = column_letter(index + 1)
        if not name:
            continue
        if name not in schema_fields:
            packed.problem("column-unknown", f"the column {name!r} is not a column of {table}",
                           "use the column names of the template (row 1), e.g. "
                           f"{', '.join(list(schema_fields)[:4])}", sheet=sheet,
                           row=header_number, column=letter)
            continue
        if name in columns.values():
            packed.problem("column-duplicate", f"the column {name!r} appears twice",
                           "keep one column of each name", sheet=sheet, row=header_number,
                           column=letter, field_name=name)
            continue
        columns[index] = name
    packed.sheets[table] = packed.source.file_of(sheet)
    packed.letters[table] = {name: column_letter(i + 1) for i, name in columns.items()}
    names_by_position = [columns.get(i, "") for i in range(len(header))]
    descriptions = [str(schema_fields[n].get("description", "")) if n else ""
                    for n in names_by_position]
    examples = [layout.EXAMPLE_PREFIX + e if n and (e := layout.example(table, n)) else ""
                for n in names_by_position]
    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    for number, values in rows[1:]:
        if _template_row(values, descriptions) or _template_row(values, examples):
            continue
        record: dict[str, Any] = {}
        for index, value in enumerate(values):
            if index not in columns:
                if value not in (None, "") and str(value).strip():
                    packed.problem("cell-outside-columns", f"a value {str(value)[:40]!r} stands "
                                   "in a column without a name", "move it into a named column "
                                   "or delete it", sheet=sheet, row=number,
                                   column=column_letter(index + 1))
                continue
            name = columns[index]
            text, problem = clean_cell(value, schema_fields[name], date_order=date_order)
            if problem is not None:
                packed.problem(problem.rule, problem.message, problem.hint, sheet=sheet,
                               row=number, column=column_letter(index + 1), field_name=name)
            record[name] = text
        if any(v is not None for v in record.values()):
            records.append(record)
            numbers.append(number)
    order = _package_order(table, kind, records)
    packed.tables[table] = records
    packed.rows[table] = [numbers[i] for i in order]


def _package_order(table: str, kind: str, records: list[dict[str, Any]]) -> list[int]:
    """The index of each record in the order the package writer sorts rows (primary key,
    empty keys last, ties in sheet order): row N of the package file is sheet row
    ``rows[N - 2]``."""
    keys = schema_for(table, kind)["primaryKey"]
    frame = pl.DataFrame({**{k: [r.get(k) for r in records] for k in keys},
                          "__i": list(range(len(records)))},
                         schema={**{k: pl.String for k in keys}, "__i": pl.Int64})
    return frame.sort(keys, nulls_last=True, maintain_order=True)["__i"].to_list()


def in_sheet_terms(report: Report, packed: Packed) -> Report:
    """The report with every finding about a packed table located in the user's sheet."""
    by_file = {f"{table}.csv": table for table in packed.sheets}
    located = []
    for finding in report.findings:
        table = by_file.get(finding.file or "")
        if table is None or finding.sheet is not None:
            located.append(finding)
            continue
        row = finding.row
        if row is not None and 2 <= row < len(packed.rows[table]) + 2:
            row = packed.rows[table][row - 2]
        located.append(replace(finding, sheet=packed.sheets[table], row=row,
                               column=packed.letters[table].get(finding.field or ""),
                               file=packed.source.path.name,
                               message=_sheet_words(finding.message, packed)))
    return Report(findings=located, checked=[str(packed.source.path)])


def _sheet_words(message: str, packed: Packed) -> str:
    """A message naming tables by the sheet names the user sees."""
    for table, sheet in packed.sheets.items():
        if table != sheet and table in message:
            message = message.replace(table, sheet)
    return message


def _stop_if_invalid(packed: Packed) -> None:
    report = Report(findings=list(packed.findings), checked=[str(packed.source.path)])
    if not report.valid or packed.meta is None:
        raise InvalidInputError(f"pack: {packed.source.path} cannot become a package "
                                f"({len(report.errors)} errors); nothing was written", report)


def pack(path: str | Path, out: str | Path, *, date_order: str | None = None,
         codebook: str | Path | None = None, force: bool = False) -> Report:
    """Pack the workbook or CSV folder at ``path`` into a package at ``out``.

    Raises ``InvalidInputError`` (exit 1, nothing written) with findings in sheet terms when the
    sheets cannot become a package or the package would not validate; returns the validator's
    report (warnings) in sheet terms.
    """
    from upsides_data.gateway import check_written

    packed = assemble(read_source(path), date_order=date_order)
    _stop_if_invalid(packed)
    assert packed.meta is not None
    outcome: dict[str, Report] = {}

    def check(staged: Path) -> None:
        try:
            outcome["report"] = check_written(staged, codebook=codebook)
        except InvalidInputError as exc:
            exc.report = in_sheet_terms(exc.report, packed)
            exc.findings = exc.report.findings
            raise
    write_package(out, packed.meta, packed.tables, force=force, inputs=[path], check=check)
    return in_sheet_terms(outcome.get("report", Report()), packed)


def validate_workbook(path: str | Path, *, codebook: str | Path | None = None,
                      date_order: str | None = None,
                      run: Callable[..., Report] | None = None) -> Report:
    """Validate a workbook or CSV folder as the package it would become, in sheet terms.

    Packs into a scratch folder beside the workbook (removed afterwards); problems that stop
    packing are the report.
    """
    from upsides_data.output import scratch_directory
    from upsides_data.package.writer import write_package_files
    from upsides_data.validate.runner import validate

    packed = assemble(read_source(path), date_order=date_order)
    if packed.meta is None or any(f.rule in STOPPING for f in packed.findings):
        return Report(findings=list(packed.findings), checked=[str(path)])
    with scratch_directory(Path(path)) as scratch:
        folder = write_package_files(scratch / "package", packed.meta, packed.tables)
        report = (run or validate)([folder], codebook=codebook)
    report = in_sheet_terms(report, packed)
    # A cell packing already reported (an ambiguous date left as written) is not reported twice.
    cells = {(f.sheet, f.row, f.column) for f in packed.findings}
    report.findings = list(packed.findings) + [
        f for f in report.findings if f.sheet is None or (f.sheet, f.row, f.column) not in cells]
    return report


