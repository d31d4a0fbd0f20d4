"""The report by study: study A's rows do not move when other studies join, every table carries
the study, and any subset of a consortium's packages gives a report (no crash)."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest

from study_copies import copy_as_study, edit_rows, example_packages
from upsides_data.cli import main
from upsides_data.gateway import read_inputs
from upsides_data.package.union import union_tables
from upsides_data.report import build, build_from_tables, write_report
from upsides_data.synth import synthesize

A, B, C = "upsides:mhw-2019/study", "upsides:mhw-2021/study", "upsides:psw-2024/study"
CSV_FILES = ["0-studies", "1-characteristics", "2-themes", "3-theme-site-matrix",
             "4-coreq-coverage", "5-income-comparison", "6-findings"]


def _study_b(root: Path) -> list[Path]:
    """Study B at four of A's sites: India's site in Pune, Uganda's classification of FY2024."""
    packages = copy_as_study(example_packages("codebook", "ad", "bu", "ulm"), root, "mhw-2021")
    codebook, ad, bu = packages[0], packages[1], packages[2]

    def pune(row: dict[str, str]) -> None:
        row["city"] = "Pune"

    def fy2024(row: dict[str, str]) -> None:
        for key in ("id", "income_classification"):
            if key in row:
                row[key] = row[key].replace("UG-FY2020", "UG-FY2024")
        if "fiscal_year" in row:
            row["fiscal_year"], row["income_group"] = "2024", "LMIC"

    def aggregates(row: dict[str, str]) -> None:
        row["participant_count"], row["participant_count_female"] = "25", "19"

    edit_rows(ad, "site_participation", pune)
    edit_rows(bu, "income_classification", fy2024)
    edit_rows(bu, "site_participation", fy2024)
    edit_rows(codebook, "study", aggregates)
    return packages


def _study_c(root: Path) -> list[Path]:
    """Study C at one of A's sites (Dar es Salaam)."""
    return copy_as_study(example_packages("codebook", "ds"), root, "psw-2024")


@pytest.fixture(scope="module")
def consortium(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    root = tmp_path_factory.mktemp("studies")
    return {"A": example_packages(), "B": _study_b(root), "C": _study_c(root)}


@pytest.fixture(scope="module")
def reports(consortium, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("reports")
    every = consortium["A"] + consortium["B"] + consortium["C"]
    return {"A": write_report(consortium["A"], root / "a"),
            "ABC": write_report(list(reversed(every)), root / "abc")}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("name", CSV_FILES)
def test_study_a_rows_are_byte_identical_with_or_without_b_and_c(reports, name: str) -> None:
    alone = _lines(reports["A"] / f"{name}.csv")
    together = _lines(reports["ABC"] / f"{name}.csv")
    assert alone[0] == together[0] and alone[0].startswith('"study",')
    mine = [line for line in together[1:] if line.startswith(f'"{A}",')]
    assert mine, name
    assert mine == [line for line in alone[1:] if line.startswith(f'"{A}",')]
    others = [line for line in together[1:] if line.startswith((f'"{B}",', f'"{C}",'))]
    assert others, f"{name} has no rows of studies B and C"


def test_every_table_carries_the_study(reports) -> None:
    for name in CSV_FILES:
        with open(reports["ABC"] / f"{name}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows, name
        studies = {row["study"] for row in rows}
        assert {A, B, C} <= studies, (name, studies)


def test_counts_per_study_and_consortium_totals(consortium) -> None:
    every = consortium["A"] + consortium["B"] + consortium["C"]
    studies = build(every)["studies"]
    rows = {r["study"]: r for r in studies.iter_rows(named=True)}
    assert (rows[A]["focus_groups"], rows[A]["participants"]) == (6, 35)
    assert (rows[B]["focus_groups"], rows[B]["participants"]) == (3, 25)
    assert (rows[C]["focus_groups"], rows[C]["participants"]) == (1, 35)
    total = rows["Consortium total"]
    assert total["studies"] == 3
    assert total["focus_groups"] == 6 + 3 + 1
    assert total["participants"] == 35 + 25 + 35
    quotes = sum(pl.read_csv(p / "quote.csv", infer_schema=False).height
                 for p in every if (p / "quote.csv").exists())
    assert total["quotes"] == quotes == rows[A]["quotes"] + rows[B]["quotes"] + rows[C]["quotes"]


def test_city_comes_from_the_study_participation(consortium) -> None:
    table = build(consortium["A"] + consortium["B"])["characteristics"]
    india = table.filter(pl.col("site") == "AD")
    assert dict(zip(india["study"], india["city"])) == {A: "Ahmedabad", B: "Pune"}


def test_income_groups_are_keyed_by_study_and_fiscal_year(consortium) -> None:
    tables = build(consortium["A"] + consortium["B"])
    uganda = tables["characteristics"].filter(pl.col("site") == "BU")
    assert dict(zip(uganda["study"], uganda["income_group"])) == {
        A: "LIC (FY2020)", B: "LMIC (FY2024)"}
    income = tables["income"]
    for study, years in ((A, "FY2020"), (B, "FY2020, FY2024")):
        mine = income.filter((pl.col("study") == study) & pl.col("sites").str.contains("BU"))
        assert mine.height and set(mine["fiscal_years"]) <= {years, "FY2020", "FY2024"}
    assert "LMIC" not in ",".join(income.filter(
        (pl.col("study") == A) & (pl.col("sites") == "BU"))["income_groups"].to_list())


def test_coreq_coverage_is_per_study(consortium) -> None:
    coreq = build(consortium["A"] + consortium["C"])["coreq"]
    assert coreq.group_by("study").len().sort("study").rows() == [(A, 32), (C, 32)]


def test_focus_groups_without_a_site_are_counted(consortium, tmp_path: Path) -> None:
    """A study that does not publish its per-site split: its focus group's site is not reported.
    (The schema keeps siteless groups in the codebook package; this one stays in its site
    package, so the report's table layer runs on the package tables directly.)"""
    codebook, site = copy_as_study(example_packages("codebook", "ds"), tmp_path, "psw-2024")

    def no_site(row: dict[str, str]) -> None:
        row["site"], row["site_absent_reason"] = "", "not-reported"

    edit_rows(site, "focus_group", no_site)
    table = build_from_tables(union_tables(read_inputs([codebook, site], validate=False,
                                                              purpose="a test").packages))["characteristics"]
    row = table.filter(pl.col("site") == "site not reported").row(0, named=True)
    assert row["focus_groups"] == 1 and row["study"] == C
    assert table.filter(pl.col("site") == "Total")["focus_groups"].to_list() == [1]
    # Dar es Salaam took part (its participation), but its number of groups is not known
    assert table.filter(pl.col("site") == "DS")["focus_groups"].to_list() == [None]


# --- any subset of a consortium's packages gives a report ---------------------------------------

@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return synthesize(tmp_path_factory.mktemp("synth") / "s", sites=3, quotes=30, seed=3,
                      access_level="public")


def _report(paths: list[Path], out: Path, *options: str) -> dict[str, list[dict[str, str]]]:
    assert main(["report", *map(str, paths), "-o", str(out), *options]) == 0
    tables = {}
    for name in CSV_FILES:
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as handle:
            tables[name] = list(csv.DictReader(handle))
    assert (out / "report.html").is_file() and (out / "report.md").is_file()
    return tables


def test_one_example_site_with_its_codebook(tmp_path: Path) -> None:
    tables = _report(example_packages("codebook", "ad"), tmp_path / "r")
    sites = [r["site"] for r in tables["1-characteristics"]]
    assert sites == ["AD", "Total"]
    # findings about sites whose packages were not given name those sites by id
    named = {r["sites"] for r in tables["6-findings"]}
    assert "AD" in named and any("upsides:bu/site" in s for s in named)


def test_two_of_three_synthetic_sites(synthetic: list[Path], tmp_path: Path) -> None:
    codebook, sites = synthetic[0], synthetic[1:]
    assert len(sites) == 3
    tables = _report([codebook, *sites[:2]], tmp_path / "r")
    labels = {r["site"] for r in tables["1-characteristics"]} - {"Total"}
    assert len(labels) == 2


def test_site_package_without_its_codebook(synthetic: list[Path], tmp_path: Path) -> None:
    tables = _report([synthetic[1]], tmp_path / "r")
    assert tables["2-themes"] == []
    assert [r["site"] for r in tables["1-characteristics"]][-1] == "Total"


def test_header_only_site(synthetic: list[Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    import shutil

    shutil.copytree(synthetic[1], empty)
    for table in empty.glob("*.csv"):
        table.write_text(table.read_text(encoding="utf-8").split("\n", 1)[0] + "\n",
                         encoding="utf-8")
    tables = _report([empty], tmp_path / "r1")
    assert tables["0-studies"] == [{"study": "Consortium total", "title": "all studies",
                                    "studies": "0", "focus_groups": "0", "participants": "",
                                    "quotes": "0"}]
    # with its codebook the empty site is inconsistent (the codebook's findings name its site),
    # so report refuses it; as a draft the report is still written
    assert main(["report", str(synthetic[0]), str(empty), "-o", str(tmp_path / "r2")]) == 1
    assert not (tmp_path / "r2").exists()
    _report([synthetic[0], empty], tmp_path / "r3", "--no-validate")


# --- the example corpus of the three UPSIDES studies ------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORPORA = {"A": "upsides-mhw-2019", "B": "upsides-mhw-followup", "C": "upsides-psw-followup"}


def _corpus(*keys: str) -> list[Path]:
    found = [p.parent for key in keys
             for p in sorted((EXAMPLES / CORPORA[key]).glob("*/datapackage.json"))]
    assert len(found) == 7 * len(keys), found
    return found


def test_three_studies_of_the_example_corpus(tmp_path: Path) -> None:
    tables = _report(_corpus("A", "B", "C"), tmp_path / "abc")
    studies = tables["0-studies"]
    assert [r["study"] for r in studies] == [
        "upsides:mhw-2019/study", "upsides:mhw-followup/study", "upsides:psw-followup/study",
        "Consortium total"]
    assert [(r["focus_groups"], r["participants"]) for r in studies] == [
        ("6", "35"), ("6", "25"), ("9", "38"), ("21", "98")]
    assert studies[-1]["studies"] == "3"
    india = {r["study"]: r["city"] for r in tables["1-characteristics"] if r["site"] == "AD"}
    assert india == {"upsides:mhw-2019/study": "Ahmedabad",
                     "upsides:mhw-followup/study": "Pune", "upsides:psw-followup/study": "Pune"}
    siteless = {r["study"]: r["focus_groups"] for r in tables["1-characteristics"]
                if r["site"] == "site not reported"}
    assert siteless == {"upsides:mhw-followup/study": "6", "upsides:psw-followup/study": "9"}
    unnamed = [r["theme"] for r in tables["2-themes"] if r["theme"].startswith("Unnamed")]
    assert len(unnamed) == 8 and all(" of " in t for t in unnamed)
    alone = _report(_corpus("A"), tmp_path / "a")
    for name in CSV_FILES:
        mine = [r for r in tables[name] if r["study"] == "upsides:mhw-2019/study"]
        assert mine and mine == [r for r in alone[name] if r["study"] == A], name


def test_merged_consortium_reports_like_its_packages(tmp_path: Path) -> None:
    packages = _corpus("A", "B", "C")
    assert main(["merge", *map(str, packages), "-o", str(tmp_path / "consortium")]) == 0
    assert main(["report", str(tmp_path / "consortium"), "-o", str(tmp_path / "merged")]) == 0
    assert main(["report", *map(str, packages), "-o", str(tmp_path / "direct")]) == 0
    for name in CSV_FILES:
        merged = (tmp_path / "merged" / f"{name}.csv").read_bytes()
        assert merged == (tmp_path / "direct" / f"{name}.csv").read_bytes(), name
