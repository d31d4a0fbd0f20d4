"""``upsides init`` and the World Bank income table it looks groups up in.

The shipped table is checked against the World Bank's workbook (through ``reference_dir``):
every classified cell of the sheet is a row, and nothing else is. ``init`` writes a package that
validates, with the classification when the table has it and a recorded absence when not; the
new warnings fire on a site without participation or classification.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from upsides_data.cli import main
from upsides_data.sites import income
from upsides_data.validate.runner import validate

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "upsides-mhw-2019"


def test_the_shipped_table_is_the_workbook(reference_dir: Path) -> None:
    from upsides_data.generate.income_table import alpha2, read_workbook

    workbook = reference_dir / "world-bank" / "OGHIST.xlsx"
    cells = sorted(read_workbook(workbook))
    shipped = sorted((c.iso3, c.economy, c.fiscal_year, c.group) for c in income.table())
    assert shipped == cells
    assert len({c[0] for c in cells}) >= 215  # every economy, not a sample
    assert {c[2] for c in cells} == set(range(1989, 2024))  # FY89-FY23
    for row in income.table():
        assert row.country == alpha2(row.iso3)


def test_the_reference_facts_hold(reference_dir: Path) -> None:
    """income-classification.md: Tanzania L up to FY2020 and LM from FY2021, and the rest."""
    facts = (reference_dir / "income-classification.md").read_text(encoding="utf-8")
    assert "Tanzania moved from low to lower-middle income on 1 July 2020" in facts
    expected = {("DE", 2020): "HIC", ("IL", 2021): "HIC", ("IN", 2020): "LMIC",
                ("TZ", 2020): "LIC", ("TZ", 2021): "LMIC", ("UG", 2021): "LIC"}
    for (country, year), group in expected.items():
        found = income.classification(country, year)
        assert found is not None and found.income_group == group, (country, year)
    assert income.classification("UG", 2030) is None


def test_the_table_credits_the_world_bank() -> None:
    text = (REPO / "src" / "upsides_data" / "sites" / "data" / income.TABLE).read_text("utf-8")
    assert text.startswith("# Derived from World Bank, Historical classification by income")
    assert "CC BY 4.0" in text.splitlines()[0]
    header = next(csv.reader(line for line in text.splitlines() if not line.startswith("#")))
    assert tuple(header) == income.COLUMNS


def _read(folder: Path, table: str) -> list[dict[str, str]]:
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_init_writes_a_valid_package_with_the_classification(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bu"
    code = main(["init", "--study", "mhw-2019", "--site", "bu", "--country", "ug", "--city",
                 "Kampala", "--fiscal-year", "FY2020", "--codebook", str(EXAMPLES / "codebook"),
                 "-o", str(out)])
    assert code == 0, capsys.readouterr()
    report = validate([out], codebook=EXAMPLES / "codebook")
    assert report.valid and report.warnings == [], report.findings
    [site] = _read(out, "site")
    assert (site["id"], site["label"], site["country"], site["city"]) == (
        "upsides:bu/site", "BU", "UG", "Kampala")
    [taking_part] = _read(out, "site_participation")
    assert taking_part["income_classification"] == "upsides:worldbank/UG-FY2020"
    [group] = _read(out, "income_classification")
    assert (group["income_group"], group["fiscal_year"]) == ("LIC", "2020")
    assert "World Bank" in group["source"] and "CC BY 4.0" in group["source"]
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["upsides"]["codebook"] == {"name": "upsides-mhw-2019-codebook",
                                                 "version": "1.0.0"}


def test_init_records_an_absent_classification_with_its_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tz"
    assert main(["init", "--study", "psw-2026", "--site", "tz1", "--country", "TZ",
                 "--fiscal-year", "2026", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "holds no group for TZ in FY2026" in printed
    [taking_part] = _read(out, "site_participation")
    assert taking_part["income_classification"] == ""
    assert taking_part["income_classification_absent_reason"] == "not-reported"
    assert _read(out, "income_classification") == []
    assert validate([out]).valid


@pytest.mark.parametrize("argv, words", [
    (["--country", "Uganda"], "alpha-2"),
    (["--country", "UG", "--fiscal-year", "twenty"], "FY2020"),
    (["--country", "UG", "--label", "B U"], "label"),
])
def test_init_refuses_what_would_not_validate(tmp_path: Path, argv: list[str], words: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x"
    assert main(["init", "--study", "mhw-2019", "--site", "bu", *argv, "-o", str(out)]) == 2
    assert words in capsys.readouterr().err
    assert not out.exists()


def test_a_site_without_participation_or_classification_is_warned_about(tmp_path: Path) -> None:
    out = tmp_path / "bu"
    assert main(["init", "--study", "mhw-2019", "--site", "bu", "--country", "UG",
                 "--fiscal-year", "2020", "-o", str(out)]) == 0
    taking_part = out / "site_participation.csv"
    header = taking_part.read_text(encoding="utf-8").splitlines()[0]
    rows = _read(out, "site_participation")
    rows[0]["income_classification"] = ""
    with open(taking_part, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header.split(","), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    report = validate([out])
    assert report.valid
    assert [f.rule for f in report.warnings if f.rule.startswith("site-")] == [
        "site-income-missing"]
    taking_part.write_text(header + "\n", encoding="utf-8")
    report = validate([out])
    assert [f.rule for f in report.warnings if f.rule.startswith("site-")] == [
        "site-participation-missing"]
    assert "upsides:bu/participation-mhw-2019" in report.warnings[-1].hint
