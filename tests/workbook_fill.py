"""A workbook filled the way a site's data manager would: a synthetic site (nothing in it
describes a real person) with 1 focus group, 6 participants and 10 quotes, typed into the
template as a spreadsheet program stores typed cells. Used by the pack and LibreOffice tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from upsides_data.sites.template import template_bytes

REPO = Path(__file__).resolve().parents[1]
CODEBOOK = REPO / "examples" / "upsides-mhw-2019" / "codebook"
THEMES = ["upsides:mhw-2019/theme-benefits-psws", "upsides:mhw-2019/theme-sharing-experiences"]


def fill(path: Path, *, held_on: Any = dt.datetime(2019, 12, 3), gender_3: str = "female",
         id_2: str = "upsides:demo/p2", gender_6: str = "male ") -> Path:
    """A synthetic site (nothing in it describes a real person): 1 focus group, 6 participants,
    10 quotes, written into a template as a spreadsheet program stores typed cells."""
    path.write_bytes(template_bytes("site", ".xlsx"))
    book = load_workbook(path)

    def add(sheet: str, **cells: Any) -> None:
        names = [cell.value for cell in book[sheet][1]]
        book[sheet].append([cells.get(name) for name in names])

    facts = {"name": "upsides-mhw-2019-demo", "study": "upsides:mhw-2019/study",
             "site": "upsides:demo/site", "codebook_name": "upsides-mhw-2019-codebook",
             "codebook_version": "1.0.0"}
    for row in book["package"].iter_rows(min_row=2):
        if row[0].value in facts:
            row[1].value = facts[row[0].value]
    add("site", id="upsides:demo/site", label="Demo", name="Demo site (synthetic)",
        country=" UG", synthetic=True)
    add("site_participation", id="upsides:demo/participation-mhw-2019",
        study="upsides:mhw-2019/study", site="upsides:demo/site",
        income_classification="upsides:worldbank/UG-FY2020")
    add("income_classification", id="upsides:worldbank/UG-FY2020", country="UG",
        income_group="LIC", fiscal_year=2020.0, source="World Bank (synthetic test)")
    add("focus_group", id="upsides:demo/fg-1", study="upsides:mhw-2019/study",
        site="upsides:demo/site", held_on=held_on, population="MHW", participant_count=6.0,
        participant_count_female=3, synthetic="TRUE")
    add("transcript", id="upsides:demo/transcript-1", focus_group="upsides:demo/fg-1",
        original_language="en", access_level="restricted", synthetic="TRUE")
    genders = ["female", "male", gender_3, "male", "female", gender_6]
    for number, gender in enumerate(genders, start=1):
        person = id_2 if number == 2 else f"upsides:demo/p{number}"
        add("participant", id=person, site="upsides:demo/site", role="MHW", gender=gender,
            synthetic=True)
        add("participant_groups_attended", participant=person, focus_group="upsides:demo/fg-1")
    for number in range(10, 0, -1):  # typed bottom-up: the package sorts, the sheet does not
        add("quote", id=f"upsides:demo/quote-{number}", transcript="upsides:demo/transcript-1",
            text=f"Synthetic quote {number}.", label=f"Demo {number}", label_site="Demo",
            label_chapter=float(number), synthetic=True)
        add("quote_themes", quote=f"upsides:demo/quote-{number}", theme=THEMES[number % 2])
    book["quote"].append([None] * 3)  # an empty trailing row
    book.save(path)
    return path
