"""``upsides pack`` and ``upsides validate WORKBOOK``: spreadsheets to packages, no code.

A workbook is filled the way a data manager would (openpyxl, typed values as a spreadsheet
stores them), packed, and validated; a CSV folder carries the habits of spreadsheet exports (a
byte order mark, CRLF, TRUE/FALSE, 3.0 for 3, stray spaces, empty trailing rows). Findings are
checked in the user's terms: sheet, spreadsheet row, column letter, an example instead of a
regular expression, one finding per root cause.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from workbook_fill import CODEBOOK, fill

from upsides_data.cli import main
from upsides_data.findings import Finding
from upsides_data.sites.cells import clean_cell
from upsides_data.validate.runner import validate


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_filled_workbook_packs_into_a_valid_package(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    workbook = fill(tmp_path / "demo.xlsx")
    out = tmp_path / "demo"
    assert main(["pack", str(workbook), "-o", str(out), "--codebook", str(CODEBOOK)]) == 0, \
        capsys.readouterr().out
    assert "wrote" in capsys.readouterr().out
    report = validate([out], codebook=CODEBOOK)
    assert report.valid and report.warnings == [], report.findings
    [group] = _rows(out, "focus_group")
    assert (group["held_on"], group["participant_count"], group["synthetic"]) == (
        "2019-12-03", "6", "true")
    assert [r["label_chapter"] for r in _rows(out, "quote")][:2] == ["1", "10"]
    assert _rows(out, "site")[0]["country"] == "UG"
    assert len(_rows(out, "participant_focus_groups_attended")) == 6
    assert main(["validate", str(workbook), "--codebook", str(CODEBOOK)]) == 0
    assert capsys.readouterr().out.startswith(f"VALID: {workbook} (0 errors, 0 warnings)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo", "demo.xlsx"]  # no scratch left


def test_an_ambiguous_date_is_a_finding_never_a_guess(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    workbook = fill(tmp_path / "demo.xlsx", held_on="03/12/2019")
    out = tmp_path / "demo"
    assert main(["pack", str(workbook), "-o", str(out), "--codebook", str(CODEBOOK)]) == 1
    printed = capsys.readouterr().out
    assert "sheet focus_group row 4 column F (held_on)" in printed
    assert "date-order-ambiguous" in printed and "--date-order" in printed
    assert not out.exists()
    assert main(["pack", str(workbook), "-o", str(out), "--codebook", str(CODEBOOK),
                 "--date-order", "dmy"]) == 0
    assert _rows(out, "focus_group")[0]["held_on"] == "2019-12-03"
    out2 = tmp_path / "demo-mdy"
    assert main(["pack", str(workbook), "-o", str(out2), "--codebook", str(CODEBOOK),
                 "--date-order", "mdy"]) == 1  # 12 March 2019 is before the study began
    assert "date-outside-study" in capsys.readouterr().out and not out2.exists()


def test_findings_name_the_sheet_row_and_column_once_per_root_cause(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = fill(tmp_path / "demo.xlsx", gender_3="femme", id_2="upsides:demo/p 2",
                    gender_6="Male")
    assert main(["validate", str(workbook), "--codebook", str(CODEBOOK), "--format",
                 "json"]) == 1
    findings = [Finding(**{k: v for k, v in f.items() if k != "severity"})
                for f in json.loads(capsys.readouterr().out)["findings"]]
    places = [(f.rule, f.sheet, f.row, f.column, f.field) for f in findings]
    # Rows are the spreadsheet's (data start on row 4); the gender error does not also make the
    # focus group's figures an aggregate-mismatch; the bad id is one finding, not two.
    assert sorted(places) == sorted([
        ("constraint-enum", "participant", 6, "D", "gender"),
        ("constraint-enum", "participant", 9, "D", "gender"),
        ("constraint-pattern", "participant", 5, "A", "id"),
    ])
    bad_id = next(f for f in findings if f.rule == "constraint-pattern")
    assert "participant_groups_attended" in bad_id.message
    assert "upsides:bu/participant-1" in (bad_id.hint or "") and "^" not in (bad_id.hint or "")
    assert main(["validate", str(workbook), "--codebook", str(CODEBOOK), "--format", "csv"]) == 1
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [(r["sheet"], r["row"], r["column"]) for r in rows] == [
        ("participant", "5", "A"), ("participant", "6", "D"), ("participant", "9", "D")]
    assert main(["validate", str(workbook), "--codebook", str(CODEBOOK)]) == 1
    text = capsys.readouterr().out
    assert text.index("row 5 column A") < text.index("row 6 column D") < text.index("row 9")


def test_the_old_hint_is_gone_for_package_folders_too(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    assert main(["pack", str(fill(tmp_path / "demo.xlsx")), "-o", str(out)]) == 0
    site = out / "site.csv"
    site.write_text(site.read_text(encoding="utf-8").replace(",UG,", ",Uganda,"),
                    encoding="utf-8")
    [finding] = [f for f in validate([out], codebook=CODEBOOK).errors]
    assert finding.rule == "constraint-pattern" and finding.field == "country"
    assert finding.hint == "write a value like UG"


def test_a_csv_folder_with_spreadsheet_habits_packs(tmp_path: Path) -> None:
    """BOM, CRLF, TRUE/FALSE, 3.0 for 3, stray spaces, empty trailing rows: all tolerated."""
    start = tmp_path / "start"
    assert main(["init", "--study", "mhw-2019", "--site", "demo", "--label", "Demo",
                 "--country", "UG", "--fiscal-year", "2020", "-o", str(start)]) == 0
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    for table in ("site", "site_participation", "income_classification"):
        (sheets / f"{table}.csv").write_bytes((start / f"{table}.csv").read_bytes())
    (sheets / "datapackage.json").write_bytes((start / "datapackage.json").read_bytes())
    group = ("\ufeffid,study,site,held_on,population,participant_count,synthetic\r\n"
             " upsides:demo/fg-1 ,upsides:mhw-2019/study,upsides:demo/site,2019-12,MHW,3.0,TRUE"
             "\r\n,,,,,,\r\n\r\n")
    (sheets / "focus_group.csv").write_text(group, encoding="utf-8", newline="")
    out = tmp_path / "demo"
    assert main(["pack", str(sheets), "-o", str(out)]) == 0
    [row] = _rows(out, "focus_group")
    assert (row["id"], row["participant_count"], row["synthetic"], row["held_on"]) == (
        "upsides:demo/fg-1", "3", "true", "2019-12")
    assert validate([out]).valid


def test_a_csv_file_that_is_not_utf8_is_named(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    (sheets / "site.csv").write_bytes(b"id,label,name\nupsides:x/site,X,G\xf6ttingen\n")
    assert main(["pack", str(sheets), "-o", str(tmp_path / "out")]) == 2
    assert "site.csv is not UTF-8 (line 2" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_unknown_sheets_and_columns_stop_pack(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    workbook = fill(tmp_path / "demo.xlsx")
    book = load_workbook(workbook)
    book.create_sheet("Quotes 2").append(["id"])
    book["Quotes 2"].append(["upsides:demo/quote-99"])
    book["site"]["M1"] = "region"
    book.save(workbook)
    assert main(["pack", str(workbook), "-o", str(tmp_path / "out")]) == 1
    printed = capsys.readouterr().out
    assert "sheet Quotes 2: the sheet 'Quotes 2' is not a table" in printed
    assert "sheet site row 1 column M: the column 'region' is not a column of site" in printed
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value, field, expected", [
    ("TRUE", {"type": "boolean"}, "true"),
    (False, {"type": "boolean"}, "false"),
    (1, {"type": "boolean"}, "true"),
    (0.0, {"type": "boolean"}, "false"),
    ("3.0", {"type": "integer"}, "3"),
    (3.0, {"type": "integer"}, "3"),
    (108.0, {"type": "string"}, "108"),
    ("  Kampala ", {"type": "string"}, "Kampala"),
    ("\ufeffupsides:x/a", {"type": "string"}, "upsides:x/a"),
    (dt.datetime(2019, 11, 14), {"type": "string", "constraints": {
        "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2]))?$"}}, "2019-11-14"),
    ("25/12/2019", {"type": "string", "constraints": {"pattern": "^[0-9]{4}(-x)?$"}},
     "2019-12-25"),
    ("2019.0", {"type": "string", "constraints": {"pattern": "^[0-9]{4}(-x)?$"}}, "2019"),
    ("   ", {"type": "string"}, None),
])
def test_spreadsheet_habits_are_undone(value: Any, field: dict[str, Any], expected: str) -> None:
    assert clean_cell(value, field) == (expected, None)


def test_an_ambiguous_written_date_is_not_converted() -> None:
    date_field = {"type": "string", "constraints": {"pattern": "^[0-9]{4}(-x)?$"}}
    text, problem = clean_cell("03/04/2020", date_field)
    assert text == "03/04/2020" and problem is not None
    assert problem.rule == "date-order-ambiguous" and "2020-04-03" in problem.hint
    assert clean_cell("03/04/2020", date_field, date_order="mdy") == ("2020-03-04", None)
