"""Sheet names for tables, and column letters: the vocabulary of a spreadsheet.

Spreadsheet programs limit a sheet name to 31 characters, and a few table names are longer
(``participant_focus_groups_attended`` has 33). Each such table gets a fixed, documented sheet
name (``SHORT_NAMES``, listed on the template's "Read me" sheet and in docs/spreadsheets.md);
every other table keeps its own name, so the mapping is one-to-one and can be read back.
"""

from __future__ import annotations

from upsides_data.package.descriptor import tables_of_kind

MAX_SHEET_NAME = 31
README_SHEET = "Read me"
PACKAGE_SHEET = "package"
LISTS_SHEET = "lists"
# Tables whose names exceed the limit: the sheet name a workbook uses instead.
SHORT_NAMES = {
    "participant_focus_groups_attended": "participant_groups_attended",
}


def sheet_name(table: str) -> str:
    """The sheet holding ``table`` in a workbook."""
    name = SHORT_NAMES.get(table, table)
    if len(name) > MAX_SHEET_NAME:  # a new long table must get an entry in SHORT_NAMES
        raise ValueError(f"table {table!r} needs a short sheet name in SHORT_NAMES")
    return name


def sheet_names(kind: str) -> dict[str, str]:
    """Sheet name -> table, for every table of a package kind, in schema order."""
    return {sheet_name(table): table for table in tables_of_kind(kind)}


def table_for_sheet(sheet: str, kind: str) -> str | None:
    """The table a sheet holds (also accepting the table's own name), or None."""
    names = sheet_names(kind)
    key = sheet.strip()
    if key in names:
        return names[key]
    return key if key in names.values() else None


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 1-based column index: 1 -> A, 27 -> AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
