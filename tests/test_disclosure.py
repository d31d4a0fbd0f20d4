"""Layer 5 (validate.disclosure) and the PII scanner it shares with anonymise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from package_factory import make_site_package
from upsides_data.findings import Finding
from upsides_data.package import open_package
from upsides_data.pii import candidate_expr, find_pii, redact
from upsides_data.validate import disclosure
from upsides_data.validate.context import PackageContext, ValidationOptions

EMAIL = "jane.doe@example.org"  # a reserved example domain: synthetic


def findings(tmp_path: Path, edit=None, *, k: int = 3, **meta: Any) -> list[Finding]:
    site = make_site_package(tmp_path, edit=edit, **meta)
    ctx = PackageContext(package=open_package(site), options=ValidationOptions(k_anonymity=k))
    return list(disclosure.check(ctx))


def rules_of(found: list[Finding]) -> set[str]:
    return {f.rule for f in found}


def test_a_valid_public_package_passes(tmp_path):
    assert findings(tmp_path) == []


def test_restricted_packages_are_not_checked(tmp_path):
    def edit(t):
        t["participant"][0]["age_years"] = 41
        t["quote"][0]["text"] += f" Write to {EMAIL}."
        t["transcript"][0]["text"] = "Full text."
    assert findings(tmp_path, edit, access_level="restricted") == []


def test_an_exact_age_in_a_public_package(tmp_path):
    def edit(t):
        t["participant"][2]["age_years"] = 41
    found = findings(tmp_path, edit)
    assert rules_of(found) == {"disclosure-exact-age"}
    assert (found[0].file, found[0].row, found[0].field) == ("participant.csv", 4, "age_years")
    assert "41" not in found[0].message


def test_an_email_address_in_a_quote(tmp_path):
    def edit(t):
        t["quote"][1]["text"] = f"Synthetic: just mail {EMAIL} if needed."
    found = findings(tmp_path, edit)
    assert rules_of(found) == {"disclosure-pii"}
    [f] = found
    assert (f.file, f.row, f.field) == ("quote.csv", 3, "text")
    assert "email at characters 21-41" in f.message
    assert EMAIL not in f.message and "doe" not in f.message


def test_phones_and_personal_urls_in_any_free_text_column(tmp_path):
    def edit(t):
        t["memo"][0]["text"] += " Call +49 731 500 61234."
        t["focus_group"][0]["notes"] = "See https://www.facebook.com/someone.synthetic"
        t["site"][0]["notes"] = "Phone (0731) 500 6123 4"
    found = findings(tmp_path, edit)
    assert rules_of(found) == {"disclosure-pii"}
    kinds = sorted((f.file, f.field, f.message.split(" ")[0]) for f in found)
    assert kinds == [("focus_group.csv", "notes", "url"), ("memo.csv", "text", "phone"),
                     ("site.csv", "notes", "phone")]


def test_scholarly_urls_dates_and_numbers_are_not_pii(tmp_path):
    def edit(t):
        t["quote"][0]["notes"] = ("doi 10.1186/s12888-022-04206-5, https://doi.org/10.1186/"
                                  "s12888-022-04206-5, grant 779263, held 2019-11-14, 45-120 min, "
                                  "https://creativecommons.org/licenses/by/4.0/")
    assert findings(tmp_path, edit) == []


def test_a_k_anonymity_violation_lists_each_combination(tmp_path):
    def edit(t):
        t["participant"][0]["gender"] = "diverse"
    found = findings(tmp_path, edit)
    assert rules_of(found) == {"disclosure-k-anonymity"}
    messages = [f.message for f in found]  # in the order of their first row
    assert len(messages) == 2
    assert "gender=diverse" in messages[0] and "occurs 1 time(s)" in messages[0]
    assert "gender=female" in messages[1] and "occurs 2 time(s)" in messages[1]
    assert "rows 4, 6" in messages[1]
    assert [f.row for f in found] == [2, 4]


def test_k_is_configurable(tmp_path):
    def edit(t):
        t["participant"][0]["gender"] = "diverse"
    assert [f.message.split(" occurs")[0] for f in findings(tmp_path, edit, k=2)] == [
        "the combination site=upsides:ulm/site, role=MHW, gender=diverse, age_band=35-44, "
        "profession=nurse"]
    assert findings(tmp_path / "k1", edit, k=1) == []


def test_transcript_text_and_restricted_transcripts_in_a_public_package(tmp_path):
    def edit(t):
        t["transcript"][0].update(text="The full synthetic transcript.", access_level="restricted")
    found = findings(tmp_path, edit)
    assert rules_of(found) == {"disclosure-transcript-text"}
    assert sorted(f.field for f in found) == ["access_level", "text"]
    assert all("synthetic transcript" not in f.message for f in found)


# -- the scanner ---------------------------------------------------------------------------------

def test_find_pii_kinds_spans_and_masks():
    text = f"a {EMAIL} b +44 20 7946 0958 c https://linkedin.com/in/someone d 0171 2345678"
    found = find_pii(text)
    assert [(m.kind, text[m.start:m.end]) for m in found] == [
        ("email", EMAIL), ("phone", "+44 20 7946 0958"),
        ("url", "https://linkedin.com/in/someone"), ("phone", "0171 2345678")]
    assert all(m.text not in m.masked for m in found)
    assert redact(text)[0] == ("a [email removed] b [phone removed] c [url removed] d "
                               "[phone removed]")


_ALPHABET = st.sampled_from(list("ab z09+-./@()[] ") + ["at", "dot", ".org", "www.", "http://",
                                                          "x.com/", "~"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_the_vectorised_prefilter_never_misses_and_redaction_is_complete(text):
    if find_pii(text):
        assert pl.DataFrame({"t": [text]}).select(candidate_expr("t")).item()
    redacted, _ = redact(text)
    assert find_pii(redacted) == []


# -- issue #17: everything the adversary found is caught in a public package ----------------------

def _findings_with(tmp_path: Path, edit, *, roster: list[str] | None = None,
                   descriptor: dict[str, Any] | None = None) -> list[Finding]:
    from upsides_data.pii.names import roster_of

    site = make_site_package(tmp_path, edit=edit)
    package = open_package(site)
    for key, value in (descriptor or {}).items():
        if key == "upsides":
            package.descriptor["upsides"].update(value)
        else:
            package.descriptor[key] = value
    options = ValidationOptions(k_anonymity=3, roster=roster_of(roster) if roster else None)
    return list(disclosure.check(PackageContext(package=package, options=options)))


def test_group_ages_experience_small_and_recoverable_counts_and_speakers(tmp_path):
    def edit(t):
        t["focus_group"][0].update(age_min=60, age_max=63, age_mean="61.3",
                                   participant_count_female=4, participant_count_male=2)
        t["participant"][0]["years_experience"] = 20
        t["participant"][1]["gender"] = "not-disclosed"
        t["quote"][0]["speaker"] = t["participant"][0]["id"]
    found = _findings_with(tmp_path, edit)
    located = {(f.rule, f.field) for f in found}
    assert {("disclosure-exact-age", c) for c in ("age_min", "age_max", "age_mean")} <= located
    assert ("disclosure-exact-value", "years_experience") in located
    assert ("disclosure-small-cell", "participant_count_male") in located
    assert ("disclosure-recoverable-aggregate", "participant_count_female") in located
    assert ("disclosure-quote-speaker", "speaker") in located
    assert not any(v in f.message for f in found for v in ("60", "63", "61.3"))


def test_every_pii_form_of_the_issue_is_caught_in_text_ids_and_metadata(tmp_path):
    # the site is in Germany: national numbers are read as German ones (Indian and Ugandan forms
    # are tested with their region in test_pii_detection.py)
    texts = ["+49 (731) 500-61234", "+91 98765 43210", "0731 50061234", "０７３１ ５００６１２３４",
             "jürgen.müller@example.org", "geboren am 14.03.1961", "Hauptstraße 5"]

    def edit(t):
        t["quote"][0]["text"] = "Synthetic: " + "; ".join(texts[:4])
        t["memo"][0]["text"] = "Synthetic: " + "; ".join(texts[4:])
        t["quote"][1]["notes"] = "Synthetic: Herr Mueller said so."
        t["participant"][0]["id"] = "upsides:ulm/juergen-mueller"
        for row in t["participant_focus_groups_attended"]:
            if row["participant"] == "upsides:ulm/p01":
                row["participant"] = "upsides:ulm/juergen-mueller"
    found = _findings_with(tmp_path, edit, roster=["Jürgen Müller"], descriptor={
        "title": "Interviews, call +49 731 500 61234",
        "contributors": [{"title": "Jürgen Müller"}],
        "upsides": {"merged_from": [{"name": "ulm",
                                     "title": "mail jürgen.müller@example.org"}]}})
    pii = [f for f in found if f.rule == "disclosure-pii"]
    kinds = {(f.field, f.message.split(" at ")[0]) for f in pii}
    assert ("text", "phone") in kinds and ("text", "email") in kinds
    assert ("text", "birth-date") in kinds and ("text", "address") in kinds
    assert ("notes", "name") in kinds and ("id", "name") in kinds
    assert ("datapackage.json:title", "phone") in kinds
    assert ("datapackage.json:contributors[0]:title", "name") in kinds
    assert ("datapackage.json:upsides:merged_from[0]:title", "email") in kinds
    assert sum(1 for f in pii if f.field == "text" and "phone" in f.message) == 4
    assert not any(t in f.message for f in pii for t in texts)
