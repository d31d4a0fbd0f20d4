"""Layer 4 (validate.rules): each broken case expects exactly its rule code.

Packages are built by code from the synthetic ``package_factory`` and edited per case; the rules
run on a ``PackageContext`` the way the runner calls them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import polars as pl
import pytest

from package_factory import make_codebook_package, make_site_package
from upsides_data.findings import Finding, Severity
from upsides_data.package import open_package
from upsides_data.validate import rules
from upsides_data.validate.runner import validate
from upsides_data.validate.context import PackageContext
from upsides_data.validate.rule_support import cycle_members, partial_date_before

Edit = Callable[[dict[str, list[dict[str, Any]]]], None]


def context(path: Path, codebook: Path | None = None, *peers: Path) -> PackageContext:
    cb = PackageContext(package=open_package(codebook)) if codebook is not None else None
    return PackageContext(package=open_package(path), codebook=cb,
                          peers=[PackageContext(package=open_package(p)) for p in peers])


def site_findings(tmp_path: Path, edit: Edit | None = None, *, codebook_edit: Edit | None = None,
                  **meta: Any) -> list[Finding]:
    if codebook_edit is not None:
        make_codebook_package(tmp_path, edit=codebook_edit)
    site = make_site_package(tmp_path, edit=edit, **meta)
    return list(rules.check(context(site, tmp_path / "codebook")))


def codes(found: list[Finding]) -> set[str]:
    return {f.rule for f in found}


def errors(found: list[Finding]) -> list[Finding]:
    """A codebook checked without its site packages also warns that their references went
    unchecked (``reference-unchecked``); the cases here are about its own records."""
    return [f for f in found if f.severity is Severity.ERROR]


def test_the_rules_are_registered():
    assert set(rules.RULES) >= {"codebook-references", "id-scope", "labels", "dates",
                                "aggregate-mismatch", "hierarchy-cycle", "offsets", "memo-about"}


def test_valid_site_and_codebook_packages_pass(tmp_path):
    assert site_findings(tmp_path) == []
    assert list(rules.check(context(tmp_path / "codebook", None, tmp_path / "ulm"))) == []
    alone = list(rules.check(context(tmp_path / "codebook")))
    assert [(f.rule, f.severity) for f in alone] == [("reference-unchecked", Severity.WARNING)]


# -- codebook conformance ------------------------------------------------------------------------

def test_a_code_not_in_the_codebook(tmp_path):
    def edit(t):
        t["quote_codes"][1]["code"] = "upsides:mhw-2019/code-unknown"
    found = site_findings(tmp_path, edit)
    assert codes(found) == {"codebook-missing-code"}
    [f] = found
    assert (f.file, f.row, f.field) == ("quote_codes.csv", 3, "code")
    assert "code-unknown" in f.message


def test_a_theme_not_in_the_codebook_and_a_memo_about_a_missing_code(tmp_path):
    def edit(t):
        t["evidence_reference_themes"][0]["theme"] = "upsides:mhw-2019/theme-gone"
        t["memo"][0].update(about_quote=None, about_code="upsides:mhw-2019/code-gone")
    found = site_findings(tmp_path, edit)
    assert sorted((f.rule, f.file) for f in found) == [
        ("codebook-missing-code", "memo.csv"), ("codebook-missing-theme",
                                                "evidence_reference_themes.csv")]


def test_a_study_reference_into_the_codebook_package(tmp_path):
    def edit(t):
        t["site_participation"][0]["study"] = "upsides:mhw-2019/other-study"
    found = site_findings(tmp_path, edit)
    assert codes(found) == {"reference-missing"}
    assert found[0].field == "study"


def test_no_codebook_declared_gives_one_warning_with_a_hint(tmp_path):
    site = make_site_package(tmp_path, with_codebook=False, codebook=None)
    found = list(rules.check(context(site)))
    assert [(f.rule, f.severity) for f in found] == [("codebook-not-found", Severity.WARNING)]
    assert "--codebook" in found[0].hint


def test_a_declared_codebook_not_found_is_left_to_the_runner(tmp_path):
    site = make_site_package(tmp_path, with_codebook=False)
    assert list(rules.check(context(site))) == []  # the runner reports codebook-unresolved


# -- identifier scopes ---------------------------------------------------------------------------

def test_an_id_of_another_scope_in_a_site_package(tmp_path):
    def edit(t):
        t["memo"][0]["id"] = "upsides:uke/m1"
    found = site_findings(tmp_path, edit)
    assert codes(found) == {"id-scope"}
    assert "'ulm'" in found[0].message


def test_income_classifications_may_have_any_scope(tmp_path):
    def edit(t):
        t["income_classification"][0]["id"] = "upsides:worldbank/de-fy2019"
        t["site_participation"][0]["income_classification"] = "upsides:worldbank/de-fy2019"
    assert site_findings(tmp_path, edit) == []


def test_a_codebook_package_uses_the_study_scope(tmp_path):
    def edit(t):
        t["code"][0]["id"] = "upsides:ulm/code-experience"
        t["theme_codes"][0]["code"] = "upsides:ulm/code-experience"
    cb = make_codebook_package(tmp_path, edit=edit)
    found = errors(list(rules.check(context(cb))))
    assert codes(found) == {"id-scope"}
    assert (found[0].file, found[0].row) == ("code.csv", 3)  # rows sorted by id


# -- labels --------------------------------------------------------------------------------------

def test_a_label_of_the_wrong_site(tmp_path):
    def edit(t):
        t["quote"][1].update(label="UKE 30", label_site="UKE")
    found = site_findings(tmp_path, edit)
    assert codes(found) == {"label-site"}
    assert "'Ulm'" in found[0].message and found[0].row == 3


def test_an_evidence_label_of_the_wrong_site_without_parts(tmp_path):
    def edit(t):
        t["evidence_reference"][0].update(label="DS 12", label_site=None, label_chapter=None)
    assert codes(site_findings(tmp_path, edit)) == {"label-site"}


def test_a_label_that_disagrees_with_its_parts(tmp_path):
    def edit(t):
        t["quote"][0]["label_chapter"] = 13
    found = site_findings(tmp_path, edit)
    assert codes(found) == {"label-parts"}
    assert "'Ulm 13'" in found[0].hint


# -- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("held_on", ["2020-03", "2018", "2018-12-31", "2020-01-01"])
def test_a_focus_group_outside_the_study_period(tmp_path, held_on):
    def edit(t):
        t["focus_group"][0]["held_on"] = held_on
    found = site_findings(tmp_path, edit)
    assert codes(found) == {"date-outside-study"}
    assert found[0].field == "held_on"


@pytest.mark.parametrize("held_on", ["2019", "2019-01", "2019-12-31", "2019-07-04"])
def test_partial_dates_compare_at_the_coarser_precision(tmp_path, held_on):
    def edit(t):
        t["focus_group"][0]["held_on"] = held_on
    assert site_findings(tmp_path, edit) == []


def test_codings_and_memos_before_the_study_started(tmp_path):
    def edit(t):
        t["coding"][0]["coded_on"] = "2018-12"
        t["memo"][0]["written_on"] = "2018"
    found = site_findings(tmp_path, edit)
    assert sorted((f.rule, f.field) for f in found) == [
        ("date-outside-study", "coded_on"), ("date-outside-study", "written_on")]


def test_partial_date_before_expression():
    frame = pl.DataFrame({"a": ["2019", "2019-11", "2019-10-31", "2018-12", None, "bad"],
                          "b": ["2019-11", "2019", "2019-11", "2019", "2019", "2019"]})
    result = frame.select(partial_date_before(pl.col("a"), pl.col("b")))["a"].to_list()
    assert result == [False, False, True, True, False, False]


# -- aggregates ----------------------------------------------------------------------------------

def test_a_gender_count_that_disagrees_with_participant_rows(tmp_path):
    def edit(t):
        t["focus_group"][0].update(participant_count_female=5, participant_count_male=None)
    found = site_findings(tmp_path, edit)
    assert codes(found) == {"aggregate-mismatch"}
    assert [(f.field, f.severity) for f in found] == [("participant_count_female", Severity.ERROR)]


def test_more_participant_rows_than_the_reported_count(tmp_path):
    def edit(t):
        t["focus_group"][0]["participant_count"] = 5
    found = site_findings(tmp_path, edit)
    # 3 female + 3 male of 5 is also a gender-sum error, at the group's own level.
    assert codes(found) == {"aggregate-mismatch", "gender-sum"}
    assert any(f.field == "participant_count" and f.severity is Severity.ERROR for f in found)


def test_fewer_rows_than_the_count_is_a_warning(tmp_path):
    def edit(t):
        t["focus_group"][0].update(participant_count=7, participant_count_female=4)
    found = site_findings(tmp_path, edit)
    assert [(f.rule, f.field, f.severity) for f in found] == [
        ("aggregate-mismatch", "participant_count", Severity.WARNING)]


def test_exact_ages_must_agree_with_the_reported_range_and_mean(tmp_path):
    ages = [30, 31, 40, 41, 50, 52]  # mean 40.67

    def edit(t):
        for person, age in zip(t["participant"], ages):
            person.update(age_years=age, age_band=None)
        t["focus_group"][0].update(age_min=30, age_max=52, age_mean="40.7")
    assert site_findings(tmp_path, edit, access_level="restricted") == []

    def wrong(t):
        edit(t)
        t["focus_group"][0].update(age_min=31, age_mean="38.0")
    found = site_findings(tmp_path / "b", wrong, access_level="restricted")
    assert codes(found) == {"aggregate-mismatch"}
    assert sorted(f.field for f in found) == ["age_mean", "age_min"]


def test_an_age_band_outside_the_reported_range(tmp_path):
    def edit(t):
        t["focus_group"][0].update(age_min=36, age_max=44)  # the PSWs are 25-34
    found = site_findings(tmp_path, edit)
    assert codes(found) == {"aggregate-mismatch"} and found[0].field == "age_min"


# -- hierarchies ---------------------------------------------------------------------------------

def test_a_theme_cycle(tmp_path):
    def edit(t):
        t["theme"][0]["parent"] = "upsides:mhw-2019/theme-team"
    cb = make_codebook_package(tmp_path, edit=edit)
    found = errors(list(rules.check(context(cb))))
    assert codes(found) == {"hierarchy-cycle"}
    assert sorted(f.row for f in found) == [2, 3]
    assert "theme-roles -> upsides:mhw-2019/theme-team -> upsides:mhw-2019/theme-roles" \
        in found[0].message


def test_cycle_members_finds_cycles_not_their_tails():
    frame = pl.DataFrame({"id": ["a", "b", "c", "d", "e", "f", "s"],
                          "parent": ["b", "c", "a", "a", None, "e", "s"]})
    assert cycle_members(frame) == {"a", "b", "c", "s"}


# -- offsets -------------------------------------------------------------------------------------

def _with_text(t, text: str | None = None) -> None:
    quote = t["quote"][0]["text"]
    t["transcript"][0]["text"] = text if text is not None else quote + " And more talk."
    t["quote"][0]["end_offset"] = len(quote)
    t["coding"][0]["end_offset"] = len(quote)


def test_offsets_matching_the_transcript_text_pass(tmp_path):
    assert site_findings(tmp_path, _with_text, access_level="restricted") == []


def test_an_empty_span(tmp_path):
    def edit(t):
        t["quote"][0].update(start_offset=10, end_offset=10)
    found = site_findings(tmp_path, edit)
    assert codes(found) == {"offsets"} and found[0].severity is Severity.ERROR


def test_a_span_beyond_the_transcript_and_a_differing_text(tmp_path):
    def edit(t):
        _with_text(t, "Short text.")
    found = site_findings(tmp_path, edit, access_level="restricted")
    assert codes(found) == {"offsets"}
    assert {(f.file, f.severity) for f in found} == {("quote.csv", Severity.ERROR),
                                                    ("coding.csv", Severity.ERROR)}

    def differs(t):
        _with_text(t)
        t["quote"][0]["text"] = t["quote"][0]["text"].replace("peer", "team")
    found = site_findings(tmp_path / "b", differs, access_level="restricted")
    assert [(f.rule, f.field, f.severity) for f in found] == [
        ("offsets", "text", Severity.WARNING)]


# -- memos ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("about", [{}, {"about_code": "upsides:mhw-2019/code-roles",
                                        "about_quote": "upsides:ulm/q1"}])
def test_a_memo_about_none_or_two_records(tmp_path, about):
    def edit(t):
        t["memo"][0].update({"about_quote": None, **about})
    assert codes(site_findings(tmp_path, edit)) == {"memo-about"}


# -- robustness ----------------------------------------------------------------------------------

def test_a_crashing_rule_becomes_a_finding_and_the_others_run(tmp_path, monkeypatch):
    def broken(ctx):
        raise RuntimeError("boom")
        yield  # pragma: no cover
    monkeypatch.setitem(rules.RULES, "broken", broken)

    def edit(t):
        t["quote"][1].update(label="UKE 30", label_site="UKE")
    found = site_findings(tmp_path, edit)
    assert codes(found) == {"check-crashed", "label-site"}


def test_an_unreadable_table_makes_rules_skip_quietly(tmp_path):
    site = make_site_package(tmp_path)
    (site / "quote.csv").write_bytes(b"\xff\xfe not csv at all \x00")
    ctx = context(site, tmp_path / "codebook")
    ctx.broken_tables.add("quote")
    assert list(rules.check(ctx)) == []


def test_a_study_without_a_period_checks_no_dates_and_does_not_crash(tmp_path):
    """Regression: an empty period (all-null column) once crashed the date rule."""
    from package_factory import codebook_tables, make_codebook_package

    tables = codebook_tables()
    for row in tables["study"]:
        row["period_start"] = None
        row["period_end"] = None
    site = make_site_package(tmp_path, with_codebook=False)
    make_codebook_package(tmp_path, tables=tables)
    report = validate([site, tmp_path / "codebook"])
    assert report.findings == []
