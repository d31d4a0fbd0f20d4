"""OpenDocument spreadsheets (.ods): the template written, and workbooks read, with odfpy.

``ods_bytes`` writes the template ``template.build_workbook`` made (an openpyxl workbook) as
.ods: the same sheets, cells, dropdowns (content validations) and text-formatted columns.
``read_ods`` reads any .ods sheet by sheet as typed cells (text, numbers, dates, booleans), the
way ``pack`` reads an .xlsx through openpyxl, with the spreadsheet's own row numbers.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any, Iterator

CellRows = list[tuple[int, list[Any]]]  # (spreadsheet row number, cell values)
_RANGE = re.compile(r"^=?'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$")


def _condition(formula: str) -> str:
    """An openpyxl list-validation formula as an OpenDocument condition."""
    match = _RANGE.match(formula)
    if match:
        sheet, c1, r1, c2, r2 = match.groups()
        return f"of:cell-content-is-in-list([$'{sheet}'.${c1}${r1}:.${c2}${r2}])"
    items = formula.strip('"').split(",")
    return "of:cell-content-is-in-list(" + ";".join(f'"{item}"' for item in items) + ")"


def ods_bytes(book: Any, when: dt.datetime) -> bytes:
    """The openpyxl workbook ``book`` as deterministic .ods bytes."""
    from odf.number import TextContent, TextStyle
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableCellProperties, TextProperties
    from odf.table import (
        ContentValidation, ContentValidations, ErrorMessage, Table, TableCell, TableColumn,
        TableRow)
    from odf.text import P

    from upsides_data.sites.layout import FIRST_DATA_ROW
    from upsides_data.sites.template import LAST_ROW, _deterministic_zip

    doc = OpenDocumentSpreadsheet()
    text_format = TextStyle(name="N-text")
    text_format.addElement(TextContent())
    doc.automaticstyles.addElement(text_format)
    text_cell = Style(name="ce-text", family="table-cell", datastylename="N-text")
    doc.automaticstyles.addElement(text_cell)
    head_cell = Style(name="ce-head", family="table-cell")
    head_cell.addElement(TextProperties(fontweight="bold"))
    head_cell.addElement(TableCellProperties(backgroundcolor="#DDEBF7"))
    doc.automaticstyles.addElement(head_cell)
    validations = ContentValidations()
    named: dict[tuple[str, str], str] = {}
    tables = []
    for sheet in book.worksheets:
        table = Table(name=sheet.title)
        by_column: dict[int, str] = {}
        for check in sheet.data_validations.dataValidation:
            for cell_range in check.sqref.ranges:
                column = cell_range.min_col
                key = (sheet.title, check.formula1)
                if key not in named:
                    named[key] = f"val{len(named) + 1}"
                    validation = ContentValidation(
                        name=named[key], condition=_condition(check.formula1),
                        allowemptycell="true", displaylist="unsorted",
                        basecelladdress=f"'{sheet.title}'.A{FIRST_DATA_ROW}")
                    validation.addElement(ErrorMessage(display="true", messagetype="stop"))
                    validations.addElement(validation)
                by_column[column] = named[key]
        width = sheet.max_column
        text_columns = {index for index in range(1, width + 1)
                        if sheet.column_dimensions[_letter(index)].number_format == "@"}
        for index in range(1, width + 1):
            if index in text_columns:
                table.addElement(TableColumn(defaultcellstylename="ce-text"))
            else:
                table.addElement(TableColumn())
        rows = list(sheet.iter_rows(values_only=True))
        for number, values in enumerate(rows, start=1):
            row = TableRow()
            for value in values:
                cell = TableCell(valuetype="string") if value not in (None, "") else TableCell()
                if number == 1 and sheet.freeze_panes:
                    cell.setAttribute("stylename", "ce-head")
                if value not in (None, ""):
                    cell.addElement(P(text=str(value)))
                row.addElement(cell)
            table.addElement(row)
        if by_column and len(rows) < LAST_ROW:
            row = TableRow(numberrowsrepeated=LAST_ROW - max(len(rows), FIRST_DATA_ROW - 1))
            for index in range(1, width + 1):
                attributes = {}
                if index in by_column:
                    attributes["contentvalidationname"] = by_column[index]
                if index in text_columns:
                    attributes["stylename"] = "ce-text"
                row.addElement(TableCell(**attributes))
            table.addElement(row)
        tables.append(table)
    if named:
        doc.spreadsheet.addElement(validations)
    for table in tables:
        doc.spreadsheet.addElement(table)
    raw = io.BytesIO()
    doc.write(raw)
    return _deterministic_zip(_canonical_namespaces(raw.getvalue()), when)


_XMLNS = re.compile(rb' xmlns:[A-Za-z0-9_-]+="[^"]*"')
# odfpy names a namespace it meets in a loaded file ``ns<N>`` and keeps it for the process:
# those are never ours (reading a LibreOffice file would otherwise change the template's bytes).
_GENERATED_PREFIX = re.compile(r"^ns[0-9]+$")
MANIFEST_XMLNS = b' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'


def _canonical_namespaces(data: bytes) -> bytes:
    """Every XML part's root declaring all ODF namespaces, sorted: odfpy declares those any
    document of the process used so far, so the same template would not give the same bytes."""
    import zipfile

    from odf.namespaces import nsdict

    declared = b"".join(f' xmlns:{prefix}="{uri}"'.encode()
                        for uri, prefix in sorted(nsdict.items(), key=lambda item: item[1])
                        if not _GENERATED_PREFIX.match(prefix))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith(".xml") and item.filename != "META-INF/manifest.xml":
                head_end = content.index(b">", content.index(b"<office:"))
                head = _XMLNS.sub(b"", content[:head_end])
                tag_end = head.index(b"<office:") + len(b"<office:") + head[
                    head.index(b"<office:") + 8:].index(b" ")
                content = head[:tag_end] + declared + head[tag_end:] + content[head_end:]
            elif item.filename == "META-INF/manifest.xml":  # only its own namespace
                head_end = content.index(b">", content.index(b"<manifest:manifest"))
                head = _XMLNS.sub(b"", content[:head_end])
                content = head + MANIFEST_XMLNS + content[head_end:]
            target.writestr(item, content)
    return out.getvalue()


def _letter(index: int) -> str:
    from upsides_data.sites.sheets import column_letter

    return column_letter(index)


def read_ods(path: Path) -> dict[str, CellRows]:
    """Sheet name -> its non-empty rows as (row number, values), in workbook order."""
    from odf.opendocument import load
    from odf.table import Table

    from odf.namespaces import nsdict

    known = dict(nsdict)
    try:
        doc = load(str(path))
    finally:  # the namespaces of that file are not kept for the documents written later
        nsdict.clear()
        nsdict.update(known)
    sheets: dict[str, CellRows] = {}
    for table in doc.spreadsheet.getElementsByType(Table):
        sheets[str(table.getAttribute("name"))] = list(_rows(table))
    return sheets


def _rows(table: Any) -> Iterator[tuple[int, list[Any]]]:
    from odf.table import TableRow

    number = 0
    for row in table.getElementsByType(TableRow):
        repeat = int(row.getAttribute("numberrowsrepeated") or 1)
        values = _cells(row)
        for _ in range(min(repeat, 1 if not any(v is not None for v in values) else repeat)):
            number += 1
            if any(v is not None for v in values):
                yield number, list(values)
        if repeat > 1 and not any(v is not None for v in values):
            number += repeat - 1


def _cells(row: Any) -> list[Any]:
    values: list[Any] = []
    for cell in row.childNodes:
        if cell.qname[1] not in ("table-cell", "covered-table-cell"):
            continue
        repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
        value = _value(cell)
        values.extend([value] * (repeat if value is not None else min(repeat, 1024)))
    while values and values[-1] is None:
        values.pop()
    return values


def _value(cell: Any) -> Any:
    kind = cell.getAttribute("valuetype")
    if kind in ("float", "percentage", "currency"):
        number = float(cell.getAttribute("value"))
        return int(number) if number.is_integer() else number
    if kind == "date":
        text = str(cell.getAttribute("datevalue"))
        return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
    if kind == "boolean":
        return str(cell.getAttribute("booleanvalue")).lower() == "true"
    paragraphs = [_text(p) for p in cell.childNodes if p.qname[1] == "p"]
    text = "\n".join(paragraphs)
    return text if text != "" else None


def _text(node: Any) -> str:
    """A paragraph's text, with the spaces OpenDocument stores as <text:s text:c="N"/>."""
    parts = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(str(child.data))
        elif child.qname[1] == "s":
            parts.append(" " * int(child.getAttribute("c") or 1))
        elif child.qname[1] == "tab":
            parts.append("\t")
        elif child.qname[1] == "line-break":
            parts.append("\n")
        else:
            parts.append(_text(child))
    return "".join(parts)
