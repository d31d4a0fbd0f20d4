"""Layer-4 rules of standard 1.1.0: absent values, counts across levels, references across packages.

Every case starts from the valid synthetic site and codebook packages of ``package_factory`` and
changes one thing, so the finding can only come from the rule under test.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from package_factory import edit_descriptor, make_site_package, set_cell, write_bytes
from upsides_data.findings import Severity
from upsides_data.validate.runner import validate


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site_package(tmp_path)


@pytest.fixture
def codebook(site: Path) -> Path:
    return site.parent / "codebook"


def rules_of(report, severity: Severity = Severity.ERROR) -> dict[str, list]:
    found: dict[str, list] = {}
    for f in report.findings:
        if f.severity is severity:
            found.setdefault(f.rule, []).append(f)
    return found


def test_the_synthetic_pair_is_valid_without_findings(site, codebook):
    assert validate([site, codebook]).findings == []


# -- absent values -----------------------------------------------------------------------------

def test_licence_absent_with_a_reason_is_valid(site, codebook):
    set_cell(codebook, "study", 2, "licence", "")
    set_cell(codebook, "study", 2, "licence_absent_reason", "not-reported")
    assert validate([site, codebook]).findings == []


def test_licence_with_neither_value_nor_reason(site, codebook):
    set_cell(codebook, "study", 2, "licence", "")
    (hit,) = validate([site, codebook]).errors
    assert (hit.rule, hit.file, hit.row, hit.field) == ("value-or-reason", "study.csv", 2,
                                                        "licence")
    assert "https://creativecommons.org/licenses/by/4.0/" in hit.hint
    assert "not-reported" in hit.hint


def test_value_beside_a_reason_for_its_absence(site, codebook):
    set_cell(site, "focus_group", 2, "duration_minutes_absent_reason", "withheld-for-disclosure")
    (hit,) = validate([site, codebook]).errors
    assert (hit.rule, hit.field) == ("value-and-reason", "duration_minutes_absent_reason")
    assert "'90'" in hit.message and "withheld-for-disclosure" in hit.message


@pytest.mark.parametrize("reason", ["not-reported", "not-applicable", "withheld-for-disclosure",
                                    "unknown"])
def test_every_reason_explains_a_missing_fiscal_year(site, codebook, reason):
    set_cell(site, "income_classification", 2, "fiscal_year", "")
    set_cell(site, "income_classification", 2, "fiscal_year_absent_reason", reason)
    assert validate([site, codebook]).findings == []


def test_a_reason_outside_the_list_is_refused(site, codebook):
    set_cell(site, "income_classification", 2, "fiscal_year", "")
    set_cell(site, "income_classification", 2, "fiscal_year_absent_reason", "forgotten")
    assert set(rules_of(validate([site, codebook]))) == {"constraint-enum"}


# -- counts across levels ----------------------------------------------------------------------

def test_gender_counts_above_the_total_in_a_study(site, codebook):
    for field, value in (("participant_count", "25"), ("participant_count_female", "19"),
                         ("participant_count_male", "16")):
        set_cell(codebook, "study", 2, field, value)
    report = validate([site, codebook])
    errors = rules_of(report)
    (hit,) = errors.pop("gender-sum")
    assert "19 female + 16 male = 35, more than the 25 participants" in hit.message
    assert "19 female and 6 male" in hit.hint
    assert errors == {}
    # The 6 participant rows fit in 25 (rows may be withheld): a warning, not an error.
    assert set(rules_of(report, Severity.WARNING)) == {"study-total"}


def test_seven_women_in_a_group_of_five(site, codebook):
    set_cell(site, "site_participation", 2, "participant_count", "5")
    set_cell(site, "site_participation", 2, "participant_count_female", "7")
    (hit,) = validate([site, codebook]).errors
    assert (hit.rule, hit.file) == ("gender-sum", "site_participation.csv")
    assert "7 female = 7, more than the 5 participants" in hit.message


def test_minimum_age_above_maximum(site, codebook):
    set_cell(codebook, "study", 2, "age_min", "60")
    set_cell(codebook, "study", 2, "age_max", "30")
    (hit,) = validate([site, codebook]).errors
    assert (hit.rule, hit.field) == ("range-order", "age_min")
    assert "age_min 60 is greater than age_max 30" in hit.message
    assert "age_min 22, age_mean 37, age_max 63" in hit.hint


def test_mean_outside_the_range_of_a_group(site, codebook):
    for field, value in (("age_min", "25"), ("age_mean", "50"), ("age_max", "44")):
        set_cell(site, "focus_group", 2, field, value)
    (hit,) = validate([site, codebook]).errors
    assert (hit.rule, hit.field, hit.file) == ("range-order", "age_mean", "focus_group.csv")


def test_groups_add_up_to_more_than_the_study(site, codebook):
    set_cell(codebook, "study", 2, "participant_count", "4")
    errors = rules_of(validate([site, codebook]))
    (hit,) = errors["group-sum"]
    assert "add up to 6 participants, more than the 4 the study reports" in hit.message
    assert set(errors) == {"group-sum", "study-total"}  # 6 rows for 4 people, too


def test_groups_known_in_full_must_add_up_exactly(site, codebook):
    set_cell(codebook, "study", 2, "focus_group_count", "1")
    set_cell(codebook, "study", 2, "participant_count", "7")
    errors = rules_of(validate([site, codebook]))
    (hit,) = errors["group-sum"]
    assert "not the 7 the study reports (all its focus groups are known)" in hit.message


def test_more_group_records_than_the_study_reports(site, codebook):
    set_cell(codebook, "study", 2, "focus_group_count", "0")
    (hit,) = validate([site, codebook]).errors
    assert (hit.rule, hit.field) == ("group-sum", "focus_group_count")
    assert "1 focus group records belong to the study, which reports 0" in hit.message


def test_a_study_total_of_9999_against_its_participant_rows(site, codebook):
    set_cell(site, "focus_group", 2, "participant_count", "")
    set_cell(codebook, "study", 2, "participant_count", "9999")
    (warning,) = validate([site, codebook]).warnings  # rows may be withheld
    assert warning.rule == "study-total" and "rows for 6" in warning.message
    set_cell(codebook, "study", 2, "focus_group_count", "1")  # now every group is known
    (hit,) = validate([site, codebook]).errors
    assert (hit.rule, hit.file, hit.field) == ("study-total", "study.csv", "participant_count")
    assert "reports 9999 participants; its focus groups hold rows for 6" in hit.message
    assert "a count of 6 or more" in hit.hint


def test_per_site_figures_fit_in_the_study(site, codebook):
    set_cell(codebook, "study", 2, "focus_group_count", "1")
    set_cell(site, "site_participation", 2, "focus_group_count", "3")
    (hit,) = validate([site, codebook]).errors
    assert hit.rule == "group-sum" and "site participations add up to 3 focus groups" in hit.message


# -- references across packages ----------------------------------------------------------------

def test_a_finding_quoting_a_quote_the_site_does_not_have(site, codebook):
    set_cell(codebook, "finding_quotes", 2, "quote", "upsides:ulm/q-none")
    (hit,) = validate([site, codebook]).errors
    assert (hit.rule, hit.package, hit.file, hit.field) == (
        "reference-missing", "upsides-mhw-2019-codebook", "finding_quotes.csv", "quote")
    assert "upsides:ulm/q-none" in hit.message


def test_a_codebook_alone_says_which_references_went_unchecked(codebook):
    report = validate([codebook])
    assert report.valid and not report.errors
    (hit,) = report.warnings
    assert (hit.rule, hit.file) == ("reference-unchecked", "datapackage.json")
    assert hit.field == ("finding_evidence_references.evidence_reference, "
                         "finding_quotes.quote, finding_sites.site")
    assert "3 references point to records of the site packages of ulm" in hit.message


def test_a_broken_codebook_beside_a_site_package_is_never_valid(site, codebook):
    """The measured case: one bad byte in the codebook, every quote citing unknown themes."""
    set_cell(site, "quote_themes", 2, "theme", "upsides:mhw-2019/theme-unknown")
    set_cell(site, "quote_themes", 3, "theme", "upsides:mhw-2019/theme-unknown-too")
    theme = (codebook / "theme.csv").read_bytes()
    write_bytes(codebook, "theme", theme.replace(b"Roles", b"R\xf4les", 1))
    report = validate([site])  # the codebook is found beside it, not given
    assert not report.valid
    errors = rules_of(report)
    assert {"codebook-invalid", "reference-unreadable"} <= set(errors)
    assert "theme.csv" in errors["codebook-invalid"][0].message
    assert all(f.package == "upsides-mhw-2019-ulm" for f in report.errors)
    together = validate([site, codebook])
    assert {"encoding", "reference-unreadable"} <= set(rules_of(together))


def test_a_broken_site_package_fails_the_codebook_that_cites_it(site, codebook):
    quotes = (site / "quote.csv").read_bytes()
    write_bytes(site, "quote", quotes.replace(b"Synthetic", b"Synth\xe9tic", 1))
    report = validate([site, codebook])
    hits = [f for f in report.errors if f.package == "upsides-mhw-2019-codebook"]
    assert [(f.rule, f.file) for f in hits] == [("reference-unreadable", "finding_quotes.csv")]


def test_a_sited_focus_group_in_a_codebook_package(site, codebook):
    from package_factory import append_rows
    append_rows(codebook, "focus_group", [{"id": "upsides:mhw-2019/fg-9",
                                           "study": "upsides:mhw-2019/study",
                                           "site": "upsides:ulm/site"}])
    rules = rules_of(validate([site, codebook]))
    assert "focus-group-package" in rules
    assert "upsides:ulm/fg-2" in rules["focus-group-package"][0].hint


def test_two_studies_at_one_site_may_not_share_ids(site, codebook, tmp_path):
    other = tmp_path / "ulm-later"
    shutil.copytree(site, other)
    def later_study(descriptor: dict) -> None:
        descriptor["upsides"]["study"] = "upsides:mhw-2024/study"
        descriptor["name"] = "upsides-mhw-2024-ulm"

    edit_descriptor(other, later_study)
    report = validate([site, other, codebook])
    hits = rules_of(report).get("id-collision", [])
    assert {(f.package, f.file) for f in hits} >= {("upsides-mhw-2019-ulm", "focus_group.csv"),
                                                  ("upsides-mhw-2024-ulm", "focus_group.csv")}
    assert all(f.file not in ("site.csv", "participant.csv") for f in hits)
    assert "upsides:ulm/mhw-2024-fg-1" in next(
        f for f in hits if f.package == "upsides-mhw-2024-ulm").hint


def test_the_same_site_record_in_two_studies_is_no_collision(site, codebook, tmp_path):
    other = make_site_package(tmp_path / "later", with_codebook=False,
                              edit=_later_study_tables, study="upsides:mhw-2024/study",
                              name="upsides-mhw-2024-ulm")
    report = validate([site, other, codebook])
    assert "id-collision" not in {f.rule for f in report.findings}


def _later_study_tables(tables: dict) -> None:
    """Only the site's identity and a participation in another study, with its own id."""
    for name in list(tables):
        if name not in ("site", "site_service_settings"):
            tables[name] = []


def test_a_standard_1_0_0_package_validates(site, codebook):
    overlay = Path(__file__).parent / "data" / "valid" / "packages" / "standard-1.0.0"
    for item in overlay.iterdir():
        if item.name != "expect.json":
            shutil.copyfile(item, site / item.name)
    assert json.loads((site / "datapackage.json").read_text())["upsides"][
        "standard_version"] == "1.0.0"
    assert "site_absent_reason" not in (site / "focus_group.csv").read_text().splitlines()[0]
    assert validate([site, codebook]).findings == []


def test_interviews_count_apart_from_focus_groups(site, codebook):
    set_cell(site, "focus_group", 2, "session_format", "interview")
    set_cell(codebook, "study", 2, "focus_group_count", "0")
    assert "group-sum" not in {f.rule for f in validate([site, codebook]).findings}
    set_cell(codebook, "study", 2, "interview_count", "0")
    (hit,) = validate([site, codebook]).errors
    assert (hit.rule, hit.field) == ("group-sum", "interview_count")
