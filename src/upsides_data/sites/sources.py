"""Read what a site fills in: an .xlsx or .ods workbook, or a folder of CSV files.

Each source becomes sheets of raw cells with the spreadsheet's own row numbers, so every later
finding can name the user's sheet, row and column. A CSV folder is read as a workbook whose
sheets are its files (``quote.csv`` is sheet ``quote``): a byte order mark and Windows line ends
are accepted, a file that is not UTF-8 is a finding naming the line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from upsides_data.errors import UnreadableInputError, UsageError
from upsides_data.findings import Finding
from upsides_data.package.reader import DESCRIPTOR

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")
CellRows = list[tuple[int, list[Any]]]


@dataclass
class Source:
    """The sheets of one workbook or CSV folder, in their order, and what it is."""

    path: Path
    kind: str  # "xlsx", "ods" or "csv"
    sheets: dict[str, CellRows]
    descriptor: Path | None = None  # a CSV folder made by `upsides init` carries its descriptor

    def file_of(self, sheet: str) -> str:
        """How the user names the place: the sheet, or the CSV file of a folder."""
        return f"{sheet}.csv" if self.kind == "csv" else sheet


def is_workbook(path: str | Path) -> bool:
    return Path(path).suffix.lower() in WORKBOOK_SUFFIXES


def read_source(path: str | Path) -> Source:
    """Read a workbook or a CSV folder; an unreadable one raises ``UnreadableInputError``."""
    source = Path(path)
    if source.is_dir():
        return _read_folder(source)
    if not source.is_file():
        raise UsageError(f"{source} does not exist: give a .xlsx or .ods workbook or a folder "
                         "of CSV files")
    suffix = source.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return Source(source, "xlsx", _read_xlsx(source))
    if suffix == ".ods":
        from upsides_data.sites.ods import read_ods

        try:
            return Source(source, "ods", read_ods(source))
        except Exception as exc:  # odfpy raises many kinds on a damaged file
            raise _unreadable(source, f"cannot be read as an OpenDocument spreadsheet ({exc})")
    if suffix == ".xls":
        raise UsageError(f"{source}: the old .xls format is not read; save the workbook as "
                         ".xlsx (Excel Workbook) or .ods")
    raise UsageError(f"{source}: give a .xlsx or .ods workbook or a folder of CSV files")


def _unreadable(path: Path, message: str) -> UnreadableInputError:
    return UnreadableInputError(
        f"{path}: {message}",
        findings=[Finding(rule="workbook-unreadable", file=path.name, message=message,
                          hint="open the file in your spreadsheet program and save it again "
                               "as .xlsx or .ods")])


def _read_xlsx(path: Path) -> dict[str, CellRows]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a zip that is no workbook, a damaged part
        raise _unreadable(path, f"cannot be read as an Excel workbook ({type(exc).__name__})")
    try:
        sheets: dict[str, CellRows] = {}
        for sheet in book.worksheets:
            rows: CellRows = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = list(values)
                while cells and cells[-1] in (None, ""):
                    cells.pop()
                if cells:
                    rows.append((number, cells))
            sheets[sheet.title] = rows
        return sheets
    finally:
        book.close()


def _read_folder(folder: Path) -> Source:
    sheets: dict[str, CellRows] = {}
    problems: list[Finding] = []
    for path in sorted(folder.glob("*.csv")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            problems.append(Finding(
                rule="encoding", file=path.name, row=line,
                message=f"{path.name} is not UTF-8 (line {line}, byte {exc.start})",
                hint="save the sheet as 'CSV UTF-8 (comma delimited)'"))
            continue
        rows: CellRows = []
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            while cells and cells[-1].strip() == "":
                cells.pop()
            if cells:
                rows.append((number, list(cells)))
        sheets[path.stem] = rows
    if problems:
        raise UnreadableInputError(f"{folder}: {problems[0].message}", findings=problems)
    if not sheets:
        raise UsageError(f"{folder} holds no .csv files: give a workbook or a folder with one "
                         "CSV file per table (quote.csv, site.csv, ...)")
    descriptor = folder / DESCRIPTOR
    return Source(folder, "csv", sheets, descriptor if descriptor.is_file() else None)
