"""``upsides template``: a workbook generated from the schema, and its tracked blank copies.

The template is checked for what a site needs (a first "Read me" sheet, sheet names within the
31-character limit that map back to tables, descriptions and examples under each header,
dropdowns for every enum and for the codebook's themes and codes, identifier and date columns
formatted as text); its bytes are deterministic, and the blank templates in
docs/assets/templates/ equal what ``make generate`` renders.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from upsides_data.cli import main
from upsides_data.package.descriptor import schema_for, tables_of_kind
from upsides_data.sites.sheets import MAX_SHEET_NAME, SHORT_NAMES, sheet_name, table_for_sheet
from upsides_data.sites.template import template_bytes

REPO = Path(__file__).resolve().parents[1]
CODEBOOK = REPO / "examples" / "upsides-mhw-2019" / "codebook"


@pytest.mark.parametrize("kind", ["site", "codebook"])
def test_sheet_names_fit_and_map_back(kind: str) -> None:
    names = [sheet_name(t) for t in tables_of_kind(kind)]
    assert all(len(n) <= MAX_SHEET_NAME for n in names)
    assert len(set(names)) == len(names)
    assert [table_for_sheet(n, kind) for n in names] == tables_of_kind(kind)
    assert any(len(t) > MAX_SHEET_NAME for t in SHORT_NAMES)  # the mapping is needed


@pytest.fixture(scope="module")
def site_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("template") / "site.xlsx"
    assert main(["template", "--kind", "site", "--codebook", str(CODEBOOK), "-o", str(out)]) == 0
    return out


def test_the_template_reads_like_the_schema(site_template: Path) -> None:
    book = load_workbook(site_template)
    assert book.sheetnames[0] == "Read me"
    readme = "\n".join(str(c.value) for c in book["Read me"]["A"] if c.value)
    assert "participant_groups_attended: table participant_focus_groups_attended" in readme
    for table in tables_of_kind("site"):
        sheet = book[sheet_name(table)]
        fields = schema_for(table, "site")["fields"]
        assert [c.value for c in sheet[1]] == [f["name"] for f in fields]
        assert [c.value for c in sheet[2]] == [f.get("description") for f in fields]
    quote = book["quote"]
    examples = {c.value: e.value for c, e in zip(quote[1], quote[3])}
    assert examples["label"] == "e.g. BGU 97" and examples["id"].startswith("e.g. upsides:")
    taking_part = book["site_participation"]
    examples = {c.value: e.value for c, e in zip(taking_part[1], taking_part[3])}
    assert examples["period_start"] == "e.g. 2019-11-14"


def _validated_columns(sheet) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Column letter -> the list formula of its dropdown."""
    found = {}
    for check in sheet.data_validations.dataValidation:
        for cell_range in check.sqref.ranges:
            found[cell_range.coord.split(":")[0].rstrip("0123456789")] = check.formula1
    return found


def test_every_enum_has_a_dropdown_and_codebook_lists_are_there(site_template: Path) -> None:
    book = load_workbook(site_template)
    lists = book["lists"]
    headers = [c.value for c in lists[1]]
    assert "codebook theme" in headers and "codebook code" in headers
    themes = [c.value for c in lists[lists.cell(1, headers.index("codebook theme") + 1)
                                     .column_letter][1:] if c.value]
    assert "upsides:mhw-2019/theme-benefits-psws" in themes
    checked = 0
    for table in tables_of_kind("site"):
        sheet = book[sheet_name(table)]
        dropdowns = _validated_columns(sheet)
        for index, field in enumerate(schema_for(table, "site")["fields"]):
            letter = sheet.cell(1, index + 1).column_letter
            if field.get("constraints", {}).get("enum"):
                assert letter in dropdowns, (table, field["name"])
                checked += 1
    assert checked >= 20
    quote_themes = _validated_columns(book["quote_themes"])
    assert quote_themes["B"].startswith("='lists'!")


def test_identifier_and_date_columns_are_text(site_template: Path) -> None:
    book = load_workbook(site_template)
    sheet = book["focus_group"]
    formats = {c.value: sheet.column_dimensions[c.column_letter].number_format for c in sheet[1]}
    assert formats["id"] == "@" and formats["site"] == "@" and formats["held_on"] == "@"
    assert formats["duration_minutes"] != "@"


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_the_template_bytes_are_deterministic(suffix: str) -> None:
    first = template_bytes("site", suffix)
    assert template_bytes("site", suffix) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2020, 1, 1, 0, 0, 0)}
        if suffix == ".ods":
            assert archive.namelist()[0] == "mimetype"


def test_the_tracked_templates_are_regenerated_unchanged() -> None:
    """docs/assets/templates/ holds what `make generate` renders (compared byte for byte)."""
    from upsides_data.generate.templates import FOLDER, render_templates

    rendered = render_templates()
    on_disk = {p.relative_to(REPO).as_posix() for p in (REPO / FOLDER).iterdir()}
    assert on_disk == set(rendered), "run `make generate`"
    drift = [rel for rel, data in rendered.items() if (REPO / rel).read_bytes() != data]
    assert drift == [], "run `make generate`"


def test_a_template_is_xlsx_or_ods(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "-o", str(tmp_path / "t.csv")]) == 2
    assert ".xlsx or .ods" in capsys.readouterr().err
    out = tmp_path / "t.xlsx"
    assert main(["template", "-o", str(out)]) == 0
    assert main(["template", "-o", str(out)]) == 2  # exists, no --force
    assert main(["template", "-o", str(out), "--force"]) == 0
