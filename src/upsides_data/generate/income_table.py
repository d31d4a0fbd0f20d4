"""Derive the shipped World Bank income table from the World Bank's OGHIST.xlsx workbook.

``python -m upsides_data.generate.income_table OGHIST.xlsx`` (``make income-table``) rewrites
``src/upsides_data/sites/data/world-bank-income.csv``: one row per economy and fiscal year in
which the sheet "Country Analytical History" gives a group (``..`` and empty cells, "not
classified", give no row). The year columns are read by position (the first is FY89), because
some header cells of the published copy are formulas. ISO 3166-1 alpha-3 codes become alpha-2
through the CLDR territory aliases (Babel); an economy with no alpha-2 code (the Channel Islands,
economies that no longer exist) keeps an empty ``country`` and is found by ``iso3`` only. The
workbook is the World Bank's, CC BY 4.0, credited in the file's header and in the docs.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Iterator

from upsides_data.sites.income import COLUMNS, GROUPS, SOURCE, TABLE

SHEET = "Country Analytical History"
FIRST_FISCAL_YEAR = 1989
# Economy codes the World Bank uses that are not ISO 3166-1 alpha-3, and their alpha-2 code.
WORLD_BANK_CODES = {"XKX": "XK"}  # Kosovo: the user-assigned code XK, used by the Bank too
OUTPUT = Path(__file__).resolve().parents[1] / "sites" / "data" / TABLE
HEADER = (f"# Derived from {SOURCE} by `python -m upsides_data.generate.income_table "
          "OGHIST.xlsx`; do not edit.\n"
          "# group: the workbook's letter (L, LM, UM, H; LM* as the workbook marks it); "
          "income_group: the standard's IncomeGroup.\n")


def alpha2(iso3: str) -> str:
    """The ISO 3166-1 alpha-2 code for an alpha-3 code, or "" when there is none."""
    if iso3 in WORLD_BANK_CODES:
        return WORLD_BANK_CODES[iso3]
    from babel.core import get_global

    aliases = get_global("territory_aliases")
    target = aliases.get(iso3)
    if isinstance(target, (list, tuple)):
        target = target[0] if len(target) == 1 else None
    return target if isinstance(target, str) and len(target) == 2 and target.isalpha() else ""


def read_workbook(path: Path) -> Iterator[tuple[str, str, int, str]]:
    """(iso3, economy, fiscal year, group letter) for every classified cell of the sheet."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book[SHEET]
        years: int | None = None
        for row in sheet.iter_rows(values_only=True):
            code, name, cells = row[0], row[1], row[2:]
            if years is None:
                if isinstance(name, str) and name.strip().lower().startswith("bank's fiscal year"):
                    years = len([c for c in cells if c not in (None, "")])
                continue
            if not (isinstance(code, str) and isinstance(name, str) and code.strip()):
                continue
            for offset, cell in enumerate(cells[:years]):
                group = str(cell).strip() if cell is not None else ""
                if group.rstrip("*") in GROUPS:
                    yield code.strip(), name.strip(), FIRST_FISCAL_YEAR + offset, group
    finally:
        book.close()


def render(path: Path) -> str:
    """The CSV text of the shipped table, rows sorted by iso3 and fiscal year."""
    out = io.StringIO()
    out.write(HEADER)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for iso3, economy, year, group in sorted(read_workbook(path), key=lambda r: (r[0], r[2])):
        writer.writerow([alpha2(iso3), iso3, economy, year, group, GROUPS[group.rstrip("*")]])
    return out.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m upsides_data.generate.income_table OGHIST.xlsx", file=sys.stderr)
        return 2
    OUTPUT.write_text(render(Path(argv[0])), encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
