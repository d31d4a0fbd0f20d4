"""Change one cell of a package's table, the fix a finding's hint asks for.

The cell is named as findings name it: the table's file (the resource path), the row as the
validator numbers it (the header is row 1) and the column. The file is found through the
package's descriptor and the gateway's confinement, and rewritten through the output writer
(a temporary file renamed into place), so an edit never leaves half a table.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from upsides_data.errors import UsageError
from upsides_data.findings import Finding
from upsides_data.output import write_file
from upsides_data.package.confine import CSV_FIELD_LIMIT
from upsides_data.package.reader import open_package

RULE = "cell-not-found"


def edit_cell(root: Path, *, file: str, row: int, column: str, value: str) -> None:
    """Set the cell at (``file``, ``row``, ``column``) of the package at ``root`` to ``value``."""
    package = open_package(root)
    tables = [name for name, r in package.resources().items() if r.get("path") == file]
    if not tables:
        raise _missing(package.name, file, row, column, "the package has no such table")
    path = package.path_of(tables[0])  # confined: inside the package, a regular file
    text = path.read_text(encoding="utf-8-sig")
    csv.field_size_limit(CSV_FIELD_LIMIT)
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records or column not in records[0]:
        raise _missing(package.name, file, row, column, "the table has no such column")
    index = row - 2  # row 1 is the header
    if not 0 <= index < len(records) - 1:
        raise _missing(package.name, file, row, column, "the table has no such row")
    line = records[index + 1]
    position = records[0].index(column)
    line.extend([""] * (position + 1 - len(line)))
    line[position] = value
    ending = "\r\n" if "\r\n" in text else "\n"
    with write_file(path, force=True) as temp:
        with temp.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out, lineterminator=ending).writerows(records)


def _missing(package: str, file: str, row: int, column: str, why: str) -> UsageError:
    return UsageError(f"{file} row {row} field {column}: {why}", findings=[Finding(
        RULE, f"{why}; nothing was changed", package=package, file=file, row=row, field=column,
        hint="use the Fix form of a finding shown on the page")])
