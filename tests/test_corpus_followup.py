"""Studies B and C of the example corpus: rebuilt byte for byte, and true to their abstracts.

The figures are read from the abstracts themselves (through ``reference_dir``) with patterns
written here, not from the transcribed ``abstract.yaml``, so that a transcription error shows up
as a failure. What an abstract does not give must be recorded as not reported, never filled in.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import polars as pl
import pytest
import yaml

from upsides_data.package import open_package

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
STUDIES = {"B": ("upsides-mhw-followup", "haun-2024-bmj-open-abstract.txt"),
           "C": ("upsides-psw-followup", "psw-2024-focus-groups-abstract.txt")}
SITES = ["ad", "bgu", "bu", "ds", "uke", "ulm"]
WORDS = {"five": 5, "six": 6, "nine": 9, "four": 4}


def _builder(folder: str):
    spec = importlib.util.spec_from_file_location(f"build_{folder}", EXAMPLES / folder / "build.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _tables(folder: str, package: str) -> dict[str, pl.DataFrame]:
    opened = open_package(EXAMPLES / folder / package)
    return {name: opened.text_frame(name) for name in opened.resources()}


def _abstract(reference_dir: Path, study: str) -> str:
    return (reference_dir / STUDIES[study][1]).read_text(encoding="utf-8")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else WORDS[text.lower()]


@pytest.mark.parametrize("study", sorted(STUDIES))
def test_builder_reproduces_committed_packages_byte_for_byte(study, tmp_path):
    folder = STUDIES[study][0]
    written = _builder(folder).build(tmp_path)
    assert sorted(p.name for p in written) == sorted(["codebook", *SITES])
    for path in written:
        committed = EXAMPLES / folder / path.name
        built = {p.name: p.read_bytes() for p in path.iterdir()}
        assert built == {p.name: p.read_bytes() for p in committed.iterdir()}, (
            f"{folder}/{path.name} differs from a rebuild: run "
            f"`.venv/bin/python examples/{folder}/build.py` and review the diff")


@pytest.mark.parametrize("study", sorted(STUDIES))
def test_every_transcribed_statement_is_verbatim_in_the_abstract(study, reference_dir):
    abstract = _abstract(reference_dir, study)
    source = yaml.safe_load((EXAMPLES / STUDIES[study][0] / "source" / "abstract.yaml")
                            .read_text(encoding="utf-8"))
    statements = [*source["study"]["statements"].values(),
                  *(t["statement"] for t in source["themes"])]
    assert len(statements) >= 8
    assert [s for s in statements if s not in abstract] == []


def test_study_b_figures_match_its_abstract(reference_dir):
    abstract = _abstract(reference_dir, "B")
    groups = re.search(r"(\w+) focus groups with MHWs", abstract).group(1)
    n, female, male = re.search(r"(\d+) MHWs \((\d+) females and (\d+) males\)", abstract).groups()
    themes = re.search(r"(\w+) overarching themes", abstract).group(1)
    trial = re.search(r"Trial registration number (ISRCTN\d+)", abstract).group(1)
    (study,) = _tables("upsides-mhw-followup", "codebook")["study"].iter_rows(named=True)
    assert (study["focus_group_count"], study["participant_count"],
            study["participant_count_female"], study["participant_count_male"]) == (
        str(_number(groups)), n, female, male)
    assert study["trial_registration"] == trial
    assert (study["phase"], study["population"], study["design"]) == (
        "post-implementation", "MHW", "focus-groups")
    cb = _tables("upsides-mhw-followup", "codebook")
    assert cb["theme"].height == _number(themes)
    assert cb["focus_group"].height == _number(groups)


def test_study_c_figures_match_its_abstract(reference_dir):
    abstract = _abstract(reference_dir, "C")
    groups, n = re.search(r"(\w+) focus groups totaling (\d+) PSWs", abstract).groups()
    domains, per = re.search(r"(\w+) general domains \((\d+) sub-domains in each\)",
                             abstract).groups()
    (study,) = _tables("upsides-psw-followup", "codebook")["study"].iter_rows(named=True)
    assert (study["focus_group_count"], study["participant_count"]) == (str(_number(groups)), n)
    assert (study["population"], study["design"]) == ("PSW", "focus-groups")
    cb = _tables("upsides-psw-followup", "codebook")
    assert "MAXQDA" in abstract and cb["study_software"]["software"].to_list() == ["MAXQDA"]
    themes = cb["theme"]
    main = themes.filter(pl.col("parent").is_null())
    subs = themes.filter(pl.col("parent").is_not_null())
    assert main.height == _number(domains)
    assert subs.height == _number(domains) * int(per)
    assert subs.group_by("parent").len()["len"].to_list() == [int(per)] * main.height
    # The sub-domains are counted but not named: no label, and the reason why.
    assert subs["label"].null_count() == subs.height
    assert set(subs["label_absent_reason"]) == {"not-reported"}
    assert main["label"].null_count() == 0


@pytest.mark.parametrize("study", sorted(STUDIES))
def test_what_the_abstract_does_not_give_is_recorded_as_not_reported(study):
    folder = STUDIES[study][0]
    cb = _tables(folder, "codebook")
    (row,) = cb["study"].iter_rows(named=True)
    for slot in ("licence", "period_start", "period_end", "age_mean", "age_min", "age_max",
                 "duration_minutes_min", "duration_minutes_max", "participant_count_diverse"):
        assert row[slot] is None and row[f"{slot}_absent_reason"] == "not-reported", slot
    assert cb["publication"]["licence_absent_reason"].to_list() == ["not-reported"]
    groups = cb["focus_group"]
    for slot in ("site", "held_on", "duration_minutes", "participant_count"):
        assert groups[slot].null_count() == groups.height, slot
        assert set(groups[f"{slot}_absent_reason"]) == {"not-reported"}, slot
    for site in SITES:
        tables = _tables(folder, site)
        assert tables["participant"].height == 0 and tables["focus_group"].height == 0
        (part,) = tables["site_participation"].iter_rows(named=True)
        assert part["income_classification"] is None
        assert part["income_classification_absent_reason"] == "not-reported"
        assert part["participant_count_absent_reason"] == "not-reported"


@pytest.mark.parametrize("study", sorted(STUDIES))
def test_site_records_are_study_a_s_byte_for_byte(study):
    for site in SITES:
        for table in ("site", "site_service_settings"):
            mine = EXAMPLES / STUDIES[study][0] / site / f"{table}.csv"
            assert mine.read_bytes() == (EXAMPLES / "upsides-mhw-2019" / site /
                                         f"{table}.csv").read_bytes(), f"{site}/{table}"


@pytest.mark.parametrize("study", sorted(STUDIES))
def test_india_s_site_was_in_pune_and_the_abstract_says_so(study, reference_dir):
    assert "Pune (India)" in _abstract(reference_dir, study)
    (part,) = _tables(STUDIES[study][0], "ad")["site_participation"].iter_rows(named=True)
    assert (part["site"], part["city"]) == ("upsides:ad/site", "Pune")
    (a,) = _tables("upsides-mhw-2019", "ad")["site_participation"].iter_rows(named=True)
    assert a["city"] == "Ahmedabad"


def test_three_studies_merge_without_conflict_into_the_consortium_figures(tmp_path):
    from upsides_data.merge import merge
    from upsides_data.studies import consortium_figures

    inputs = [p for folder in ("upsides-mhw-2019", *(f for f, _ in STUDIES.values()))
              for p in sorted((EXAMPLES / folder).iterdir()) if (p / "datapackage.json").is_file()]
    assert len(inputs) == 21
    result = merge(inputs, tmp_path / "consortium")
    assert result.ok, result.report.findings
    figures = consortium_figures(tmp_path / "consortium")
    by_scope = {s.scope: s for s in figures.studies}
    assert {k: (s.focus_groups, s.participants, s.sites) for k, s in by_scope.items()} == {
        "mhw-2019": (6, 35, 6), "mhw-followup": (6, 25, 6), "psw-followup": (9, 38, 6)}
    assert (len(figures.studies), figures.focus_groups, figures.participants,
            figures.sites) == (3, 21, 98, 6)
    assert figures.moved_sites == [("AD (IN)", [("Ahmedabad", ["mhw-2019"]),
                                                ("Pune", ["mhw-followup", "psw-followup"])])]
