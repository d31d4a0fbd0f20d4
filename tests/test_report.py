"""The study report, computed from the UPSIDES example corpus, reproduces the paper's figures."""

from __future__ import annotations

import filecmp
from pathlib import Path

import polars as pl
import pytest

from upsides_data.cli import main
from upsides_data.report import build, write_report
from upsides_data.report.tables import wide

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "upsides-mhw-2019"


@pytest.fixture(scope="module")
def packages() -> list[Path]:
    found = sorted(p for p in CORPUS.iterdir() if (p / "datapackage.json").is_file())
    assert len(found) == 7, found
    return found


@pytest.fixture(scope="module")
def tables(packages):
    return build(packages)


def test_table1_totals_match_the_paper(tables):
    table1 = tables["characteristics"]
    total = table1.filter(pl.col("site") == "Total").row(0, named=True)
    assert total["focus_groups"] == 6
    assert total["participants"] == 35
    assert total["female"] == 20
    assert total["age_mean"] == 37
    assert (total["age_min"], total["age_max"]) == (22, 63)
    assert (total["duration_min"], total["duration_max"]) == (45, 120)
    assert total["country"] == "5 countries"
    sites = table1.filter(pl.col("site") != "Total")
    assert sorted(sites["site"].to_list()) == ["AD", "BGU", "BU", "DS", "UKE", "Ulm"]


def test_missing_values_stay_missing_not_zero(tables):
    sites = tables["characteristics"].filter(pl.col("site") != "Total")
    # The paper gives no per-site participant counts: they must be missing, never 0.
    assert sites["participants"].null_count() == sites.height
    assert 0 not in sites["participants"].drop_nulls().to_list()


def test_table2_has_four_main_themes_and_counts_every_quote(tables, packages):
    themes = tables["themes"]
    assert themes.filter(pl.col("depth") == 0).height == 4
    sites = [p for p in packages if (p / "quote_themes.csv").exists()]
    assert len(sites) == 6
    links = sum(pl.read_csv(p / "quote_themes.csv").height for p in sites)
    assert int(themes["quotes_direct"].sum()) == links
    evidence = sum(pl.read_csv(p / "evidence_reference_themes.csv").height for p in sites)
    assert int(themes["evidence_direct"].sum()) == evidence


def test_matrix_rows_add_up_to_theme_totals(tables):
    matrix, themes = wide(tables["matrix"]), tables["themes"]
    sites = [c for c in matrix.columns if c not in ("study", "theme", "depth")]
    assert sites == ["AD", "BGU", "BU", "DS", "UKE", "Ulm"]
    totals = matrix.select(pl.sum_horizontal(sites)).to_series().to_list()
    expected = (themes["quotes"] + themes["evidence_references"]).to_list()
    assert totals == expected


def test_income_comparison_names_single_group_subthemes(tables):
    income = tables["income"].filter(pl.col("single_income_group"))
    assert "Acceptance of role ambiguities" in income["theme"].to_list()
    bridge = tables["income"].filter(pl.col("theme").str.contains("bridge building"))
    assert bridge["income_groups"].to_list() == ["LIC, LMIC"]


def test_coreq_coverage_lists_all_32_items(tables):
    coreq = tables["coreq"]
    assert coreq["item"].to_list() == list(range(1, 33))
    assert set(coreq["status"]) <= {"documented", "missing", "not recordable"}
    status = dict(zip(coreq["item"].to_list(), coreq["status"].to_list()))
    assert status[27] == "documented"  # software: MAXQDA
    assert status[21] == "missing"  # no per-group durations in the paper


def test_report_files_are_deterministic_and_self_contained(packages, tmp_path):
    first = write_report(packages, tmp_path / "a")
    second = write_report(list(reversed(packages)), tmp_path / "b")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert filecmp.cmp(first / name, second / name, shallow=False), name
    page = (first / "report.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page
    assert 'class="missing"' in page
    assert (first / "3-theme-site-heatmap.svg").read_text().lstrip().startswith("<?xml")


def test_cli_refuses_to_overwrite(packages, tmp_path):
    out = tmp_path / "report"
    assert main(["report", *map(str, packages), "-o", str(out)]) == 0
    assert main(["report", *map(str, packages), "-o", str(out)]) == 2
