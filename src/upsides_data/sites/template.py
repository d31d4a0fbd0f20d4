"""``upsides template``: a workbook generated from the schema, for a site to fill in.

A first "Read me" sheet, a ``package`` sheet (the package's facts), one sheet per table (names
within the 31-character limit, see ``sheets``), and a ``lists`` sheet that holds the allowed
values of every enum column and, with a codebook package, its themes and codes. Each table sheet
has the column names, each column's description and an example (``layout``); enum, boolean,
theme and code columns get dropdowns; identifier and date columns are formatted as text, so a
spreadsheet program never turns 2019-11 into a date or 1.10 into a number.

The bytes are deterministic (fixed document times and zip entry dates), so the blank templates
``make generate`` writes to ``templates/`` are drift-tested like every other artifact.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any, Iterable

from upsides_data.errors import InvalidInputError, UsageError
from upsides_data.findings import Finding, Report
from upsides_data.output import write_file
from upsides_data.package.descriptor import cross_package_keys, tables_of_kind
from upsides_data.package.reader import Package
from upsides_data.resources import standard_version
from upsides_data.sites import layout
from upsides_data.sites.cells import is_date_field, is_id_field
from upsides_data.sites.sheets import (
    LISTS_SHEET, PACKAGE_SHEET, README_SHEET, SHORT_NAMES, column_letter, sheet_name)

FORMATS = (".xlsx", ".ods")
FIXED_TIME = dt.datetime(2020, 1, 1)
LAST_ROW = 5000  # how far down dropdowns and text formats reach
Lookups = dict[str, list[tuple[str, str]]]  # "theme"/"code" -> (id, label) rows


def codebook_lookups(codebook: str | Path | None) -> tuple[Lookups, dict[str, str] | None]:
    """The codebook package's themes and codes, and its name and version (validated first)."""
    if codebook is None:
        return {}, None
    from upsides_data.gateway import read_inputs

    inputs = read_inputs([codebook], purpose="template")
    package = inputs.packages[0]
    lookups: Lookups = {}
    for table in ("theme", "code"):
        if package.has(table):
            frame = package.text_frame(table)
            labels = frame["label"].to_list() if "label" in frame.columns else [None] * frame.height
            lookups[table] = sorted(zip(frame["id"].to_list(), [lab or "" for lab in labels]))
    ref = {"name": str(package.descriptor.get("name", "")),
           "version": str(package.descriptor.get("version", ""))}
    return lookups, ref


def readme_lines(kind: str, lookups: Lookups) -> list[str]:
    """The "Read me" sheet, one line a row."""
    lines = [
        f"UPSIDES {kind} package template (standard {standard_version()}), generated from the "
        "schema by upsides-data.",
        "",
        "How to fill it:",
        f"1. Fill the '{PACKAGE_SHEET}' sheet: your package's name, study, site and access level.",
        "2. One sheet per table. Row 1 holds the column names: do not change them. Row 2 says "
        "what each column means, row 3 shows an example of a valid value. Type your data from "
        f"row {layout.FIRST_DATA_ROW} down; rows 2 and 3 may stay or be deleted.",
        "3. Leave a cell empty when you do not know the value; where a column ends in "
        "_absent_reason, say why the value beside it is empty (not-reported, not-applicable, "
        "withheld-for-disclosure or unknown).",
        "4. Columns with a dropdown take only its values. Identifiers look like "
        "upsides:SCOPE/LOCAL, for example upsides:bu/fg-1.",
        "5. Write dates as YYYY-MM-DD, YYYY-MM or YYYY (for example 2019-11-14). Identifier and "
        "date columns are formatted as text so the program does not change them.",
        "6. Tables you do not use stay empty. Save, then run: upsides pack WORKBOOK -o FOLDER, "
        "and upsides validate FOLDER.",
        "",
        "Sheets and the tables they hold (a sheet name is limited to 31 characters):",
    ]
    for table in tables_of_kind(kind):
        name = sheet_name(table)
        lines.append(f"{name}: table {table}" + (" (shortened)" if table in SHORT_NAMES else ""))
    lines.append(f"{LISTS_SHEET}: the allowed values of the dropdowns"
                 + (" and the codebook's themes and codes" if lookups else ""))
    return lines


def _enum_lists(kind: str, lookups: Lookups) -> dict[tuple[str, ...], tuple[str, list[str]]]:
    """Allowed values -> (list header, values), one list per distinct enum, in table order."""
    lists: dict[tuple[str, ...], tuple[str, list[str]]] = {}
    for table in tables_of_kind(kind):
        for field in layout.fields(table, kind):
            values = field.get("constraints", {}).get("enum")
            if values and tuple(values) not in lists:
                lists[tuple(values)] = (field["name"], [str(v) for v in values])
    for target, rows in sorted(lookups.items()):
        lists[(f"codebook:{target}",)] = (f"codebook {target}", [row[0] for row in rows])
    return lists


def _lookup_of(table: str, kind: str) -> dict[str, str]:
    """Column -> "theme"/"code" for columns naming a theme or code of the codebook package."""
    found = {}
    for fk in cross_package_keys(table, kind):
        target = fk["reference"]["resource"]
        if target in ("theme", "code"):
            found[fk["fields"][0]] = target
    if kind == "codebook":
        for column, target in (("theme", "theme"), ("code", "code"), ("parent", table)):
            if target in ("theme", "code") and column in [f["name"] for f in
                                                          layout.fields(table, kind)]:
                found.setdefault(column, target)
    return found


def package_facts(meta: Any) -> dict[str, str]:
    """The ``package`` sheet's values for a package's metadata (``PackageMeta``)."""
    facts = {"name": meta.name, "title": meta.title, "access_level": meta.access_level,
             "study": meta.study, "site": meta.site}
    if meta.codebook:
        facts.update(codebook_name=meta.codebook.get("name"),
                     codebook_version=meta.codebook.get("version"))
    if meta.licenses:
        facts["licence"] = meta.licenses[0].get("name")
    return {key: str(value) for key, value in facts.items() if value}


def prefill_from(package_path: str | Path) -> tuple[dict[str, str], dict[str, list[list[Any]]]]:
    """The facts and rows of an existing package (``upsides init``'s, or one to correct),
    validated first, for ``--from``."""
    from upsides_data.gateway import read_inputs

    package = read_inputs([package_path], purpose="template --from").packages[0]
    rows = {}
    unwritable: list[Finding] = []
    for table in tables_of_kind(package.meta.kind):
        if package.has(table):
            frame = package.text_frame(table)
            names = [f["name"] for f in layout.fields(table, package.meta.kind)]
            rows[table] = [[record.get(n) for n in names] for record in frame.iter_rows(named=True)]
            unwritable += _forbidden_cells(package, table, names, rows[table])
    if unwritable:
        raise InvalidInputError(f"{len(unwritable)} cell(s) hold characters a workbook cannot "
                                "hold; nothing was written", Report(findings=unwritable))
    return package_facts(package.meta), rows


# Characters XML 1.0 forbids, so neither .xlsx nor .ods can hold them (tab and line ends can).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _forbidden_cells(package: Package, table: str, names: list[str],
                     rows: list[list[Any]]) -> list[Finding]:
    """A finding for each cell a workbook cannot hold: refused, never silently changed, since
    the workbook is packed back into the package."""
    file = str(package.resources()[table].get("path"))
    found = []
    for index, values in enumerate(rows):
        for name, value in zip(names, values):
            hit = XML_FORBIDDEN.search(value) if isinstance(value, str) else None
            if hit is not None:
                found.append(Finding(
                    rule="workbook-forbidden-character", package=package.name, file=file,
                    row=index + 2, field=name,
                    message=f"the cell holds the control character U+{ord(hit.group()):04X} "
                            f"(at character {hit.start() + 1}), which a workbook cannot hold",
                    hint="delete the character in the CSV file (it is invisible in most "
                         "editors), e.g. 'peer workers' for 'peer\\x00workers', then run "
                         "template again"))
    return found


def build_workbook(kind: str, lookups: Lookups | None = None,
                   codebook_ref: dict[str, str] | None = None,
                   prefill: tuple[dict[str, str], dict[str, list[list[Any]]]] | None = None
                   ) -> Any:
    """The template as an openpyxl ``Workbook``; ``prefill``: facts and rows to start from."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    if kind not in ("site", "codebook"):
        raise UsageError("--kind must be site or codebook")
    lookups = lookups or {}
    book = Workbook()
    book.properties.creator = "upsides-data"
    book.properties.created = book.properties.modified = FIXED_TIME
    readme = book.active
    readme.title = README_SHEET
    for line in readme_lines(kind, lookups):
        readme.append([line])
    readme.column_dimensions["A"].width = 120

    package = book.create_sheet(PACKAGE_SHEET)
    package.append(["key", "value", "what it means"])
    defaults = {"access_level": "restricted"}
    if codebook_ref:
        defaults.update(codebook_name=codebook_ref["name"], codebook_version=codebook_ref["version"])
    if prefill:
        defaults.update(prefill[0])
    for key, meaning in layout.PACKAGE_KEYS.items():
        package.append([key, defaults.get(key), meaning])
    package.column_dimensions["A"].width = 20
    package.column_dimensions["B"].width = 40
    package.column_dimensions["C"].width = 90

    lists = _enum_lists(kind, lookups)
    list_sheet_title = LISTS_SHEET
    ranges: dict[tuple[str, ...], str] = {}
    list_cells: list[list[str]] = []
    for index, (allowed, (header, values)) in enumerate(lists.items(), start=1):
        letter = column_letter(index)
        ranges[allowed] = f"'{list_sheet_title}'!${letter}$2:${letter}${len(values) + 1}"
        list_cells.append([header, *values])

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    grey = Font(italic=True, color="666666")
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for table in tables_of_kind(kind):
        sheet = book.create_sheet(sheet_name(table))
        table_fields = layout.fields(table, kind)
        sheet.append([f["name"] for f in table_fields])
        sheet.append(layout.description_row(table, kind))
        sheet.append(layout.example_row(table, kind))
        sheet.freeze_panes = f"A{layout.FIRST_DATA_ROW}"
        for values in (prefill[1].get(table, []) if prefill else []):
            sheet.append(values)
        lookup_columns = _lookup_of(table, kind)
        for index, field in enumerate(table_fields, start=1):
            letter = column_letter(index)
            sheet.column_dimensions[letter].width = 24
            sheet.cell(1, index).font, sheet.cell(1, index).fill = bold, head_fill
            sheet.cell(2, index).alignment, sheet.cell(2, index).font = wrap, grey
            sheet.cell(3, index).font = grey
            cells = f"{letter}{layout.FIRST_DATA_ROW}:{letter}{LAST_ROW}"
            if is_id_field(field) or is_date_field(field) or field["name"] == "country":
                sheet.column_dimensions[letter].number_format = "@"
            values = field.get("constraints", {}).get("enum")
            source = None
            if values:
                source = "=" + ranges[tuple(values)]
            elif field.get("type") == "boolean":
                source = '"true,false"'
            elif field["name"] in lookup_columns and lookup_columns[field["name"]] in lookups:
                source = "=" + ranges[(f"codebook:{lookup_columns[field['name']]}",)]
            if source:
                check = DataValidation(type="list", formula1=source, allow_blank=True,
                                       showErrorMessage=True, errorTitle="Not an allowed value",
                                       error="Pick a value from the list.")
                check.add(cells)
                sheet.add_data_validation(check)
        sheet.row_dimensions[2].height = 60

    lists_sheet = book.create_sheet(LISTS_SHEET)
    for index, column in enumerate(list_cells, start=1):
        for row, value in enumerate(column, start=1):
            lists_sheet.cell(row, index, value)
        lists_sheet.cell(1, index).font = bold
    for target, rows in sorted(lookups.items()):
        # The labels beside the ids, so a user sees what each theme or code means.
        start = len(list_cells) + 1 + sorted(lookups).index(target)
        lists_sheet.cell(1, start, f"codebook {target} label").font = bold
        for row, (_, label) in enumerate(rows, start=2):
            lists_sheet.cell(row, start, label)
    return book


def xlsx_bytes(book: Any) -> bytes:
    """The workbook as deterministic .xlsx bytes: fixed document times and zip entry dates."""
    raw = io.BytesIO()
    book.save(raw)
    return _deterministic_zip(raw.getvalue(), FIXED_TIME)


def _deterministic_zip(data: bytes, when: dt.datetime) -> bytes:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                                 rb"\g<1>" + stamp.encode() + rb"\g<2>", content)
            info = zipfile.ZipInfo(item.filename, date_time=when.timetuple()[:6])
            # An OpenDocument file's first entry, mimetype, must stay uncompressed.
            info.compress_type = (zipfile.ZIP_STORED if item.filename == "mimetype"
                                  else zipfile.ZIP_DEFLATED)
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return out.getvalue()


def template_bytes(kind: str, suffix: str, lookups: Lookups | None = None,
                   codebook_ref: dict[str, str] | None = None,
                   prefill: tuple[dict[str, str], dict[str, list[list[Any]]]] | None = None
                   ) -> bytes:
    """The template in the format of ``suffix`` (``.xlsx`` or ``.ods``)."""
    book = build_workbook(kind, lookups, codebook_ref, prefill)
    if suffix == ".xlsx":
        return xlsx_bytes(book)
    if suffix == ".ods":
        from upsides_data.sites.ods import ods_bytes

        return ods_bytes(book, FIXED_TIME)
    raise UsageError(f"a template is .xlsx or .ods, not {suffix or 'a file without extension'}")


def write_template(out: str | Path, kind: str, *, codebook: str | Path | None = None,
                   start: str | Path | None = None, force: bool = False) -> Path:
    """Write the template for a package of ``kind`` to ``out`` (.xlsx or .ods); ``start``: a
    package whose facts and rows the workbook starts with (``upsides init``'s folder)."""
    target = Path(out)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"-o {out}: a template is a .xlsx or .ods file")
    lookups, ref = codebook_lookups(codebook)
    prefill = prefill_from(start) if start is not None else None
    data = template_bytes(kind, suffix, lookups, ref, prefill)
    inputs: Iterable[str | Path] = [p for p in (codebook, start) if p is not None]
    with write_file(target, inputs=inputs, force=force) as temp:
        temp.write_bytes(data)
    return target
