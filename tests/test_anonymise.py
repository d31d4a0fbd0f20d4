"""``anonymise`` and ``upsides anonymise``: a restricted package in, a valid public package out."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from package_factory import make_site_package
from upsides_data.anonymisation import anonymise, log_path
from upsides_data.cli import main
from upsides_data.errors import OutputError, UsageError
from upsides_data.package import open_package
from upsides_data.validate import disclosure, rules
from upsides_data.validate.context import PackageContext, ValidationOptions

EMAIL = "jane.doe@example.org"  # a reserved example domain: synthetic
AGES = [30, 31, 32, 33, 34, 35]


def _restricted_edit(t: dict[str, list[dict[str, Any]]]) -> None:
    """Exact ages, one rare gender, PII in free text and a full transcript: all synthetic."""
    for person, age in zip(t["participant"], AGES):
        person.update(age_years=age, age_band=None)
    t["participant"][0]["gender"] = "diverse"
    t["focus_group"][0].update(participant_count_female=2, participant_count_diverse=1,
                               age_min=30, age_max=35, age_mean="32.5")
    quote = t["quote"][0]["text"]
    t["transcript"][0]["text"] = quote + " Synthetic talk goes on."
    t["quote"][0]["end_offset"] = t["coding"][0]["end_offset"] = len(quote)
    t["quote"][1]["text"] += f" Mail {EMAIL} for details."
    t["memo"][0]["text"] += " Call +49 731 500 61234."


def restricted(tmp_path: Path, edit=_restricted_edit) -> Path:
    return make_site_package(tmp_path, edit=edit, access_level="restricted")


def layer_findings(path: Path, codebook: Path, k: int = 3):
    ctx = PackageContext(package=open_package(path), options=ValidationOptions(k_anonymity=k),
                         codebook=PackageContext(package=open_package(codebook)))
    return list(rules.check(ctx)) + list(disclosure.check(ctx))


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_the_input_is_valid_restricted_and_would_fail_as_public(tmp_path):
    src = restricted(tmp_path)
    assert layer_findings(src, tmp_path / "codebook") == []
    ctx = PackageContext(package=open_package(src))
    ctx.package.descriptor["upsides"]["access_level"] = "public"
    assert {f.rule for f in disclosure.check(ctx)} == {
        "disclosure-exact-age", "disclosure-pii", "disclosure-k-anonymity",
        "disclosure-transcript-text", "disclosure-small-cell"}


def test_the_output_passes_layers_4_and_5_and_the_input_is_untouched(tmp_path):
    src = restricted(tmp_path)
    before = digest(src)
    out = tmp_path / "ulm-public"
    anonymise(src, out)
    assert digest(src) == before
    assert layer_findings(out, tmp_path / "codebook") == []
    meta = open_package(out).meta
    assert (meta.access_level, meta.name) == ("public", "upsides-mhw-2019-ulm-public")


def test_the_output_validates_with_every_layer(tmp_path):
    from upsides_data.validate.runner import validate
    src = restricted(tmp_path)
    out = tmp_path / "ulm-public"
    anonymise(src, out)
    report = validate([out], codebook=tmp_path / "codebook")
    assert report.errors == []


def test_what_changes(tmp_path):
    out = tmp_path / "ulm-public"
    anonymise(restricted(tmp_path), out)
    pkg = open_package(out)
    people = pkg.text_frame("participant")
    assert people["age_years"].null_count() == people.height
    assert set(people["gender"].to_list()) <= {"not-disclosed", "male"}
    quotes = pkg.text_frame("quote")
    assert quotes.filter(pl.col("text").str.contains("[email removed]", literal=True)).height == 1
    assert not quotes["text"].str.contains("example.org", literal=True).any()
    assert "[phone removed]" in pkg.text_frame("memo")["text"][0]
    transcripts = pkg.text_frame("transcript")
    assert transcripts["text"].to_list() == [None]
    assert transcripts["access_level"].to_list() == ["public"]


def test_the_log_beside_the_package_records_every_change_without_the_secrets(tmp_path):
    out = tmp_path / "ulm-public"
    log = anonymise(restricted(tmp_path), out)
    path = log_path(out)
    assert path == tmp_path / "ulm-public.log.json" and not (out / path.name).exists()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(log.to_dict()))
    assert data["summary"]["age-removed"] == 6
    assert data["summary"]["email-masked"] == 1 and data["summary"]["phone-masked"] == 1
    assert data["summary"]["transcript-text-removed"] == 1
    banded = {c["record"]: c["value"] for c in data["changes"] if c["action"] == "age-banded"}
    assert banded == {f"upsides:ulm/p0{i}": ("25-34" if age < 35 else "35-44")
                      for i, age in enumerate(AGES, start=1)}
    text = path.read_text(encoding="utf-8")
    assert EMAIL not in text and "61234" not in text and "Synthetic talk" not in text
    assert all(f'"{age}"' not in text for age in AGES)


def test_output_and_log_are_deterministic(tmp_path):
    src = restricted(tmp_path)
    anonymise(src, tmp_path / "a" / "out")
    anonymise(src, tmp_path / "b" / "out")
    assert digest(tmp_path / "a" / "out") == digest(tmp_path / "b" / "out")
    assert (tmp_path / "a" / "out.log.json").read_bytes() == \
        (tmp_path / "b" / "out.log.json").read_bytes()


def _participants(profiles: list[tuple[str, str, str, str]]) -> list[dict[str, Any]]:
    return [{"id": f"upsides:ulm/p{i + 1:02d}", "site": "upsides:ulm/site", "role": role,
             "gender": gender, "age_band": band, "profession": profession, "synthetic": True}
            for i, (role, gender, band, profession) in enumerate(profiles)]


def _group(t, people: list[dict[str, Any]]) -> None:
    t["participant"] = people
    t["participant_focus_groups_attended"] = [
        {"participant": p["id"], "focus_group": "upsides:ulm/fg1"} for p in people]
    t["focus_group"][0].update(participant_count=len(people), participant_count_female=None,
                               participant_count_male=None, participant_count_diverse=None)


def test_rare_professions_are_merged_first(tmp_path):
    profiles = [("MHW", "female", "35-44", p) for p in
                ("nurse", "nurse", "nurse", "social-worker", "occupational-therapist",
                 "psychiatrist-physician")]
    out = tmp_path / "out"
    log = anonymise(restricted(tmp_path, lambda t: _group(t, _participants(profiles))), out)
    assert log.summary() == {"profession-merged": 3, "access-level-public": 1}
    assert open_package(out).text_frame("participant")["profession"].to_list() == \
        ["nurse"] * 3 + ["other"] * 3


def test_the_last_resort_withholds_a_participant(tmp_path):
    profiles = [("MHW", "female", "35-44", "nurse")] * 3 + [("PSW", "male", "25-34",
                                                            "peer-support-worker")]

    def edit(t):
        _group(t, _participants(profiles))
        t["quote"][0]["speaker"] = "upsides:ulm/p04"
    out = tmp_path / "out"
    log = anonymise(restricted(tmp_path, edit), out)
    actions = [(c.record, c.action) for c in log.changes]
    assert ("upsides:ulm/p04", "participant-withheld") in actions
    assert ("upsides:ulm/q1", "reference-emptied") in actions
    pkg = open_package(out)
    assert pkg.text_frame("participant")["id"].to_list() == [f"upsides:ulm/p0{i}" for i in (1, 2, 3)]
    assert pkg.text_frame("participant_focus_groups_attended").height == 3
    assert pkg.text_frame("quote")["speaker"].null_count() == 2
    found = layer_findings(out, tmp_path / "codebook")
    assert [(f.rule, f.severity.value) for f in found] == [("aggregate-mismatch", "warning")]


def test_a_larger_k_generalises_further(tmp_path):
    out = tmp_path / "out"
    anonymise(restricted(tmp_path), out, k=6)
    assert [f for f in layer_findings(out, tmp_path / "codebook", k=6)
            if f.severity.value == "error"] == []


def test_refuses_to_overwrite_or_to_write_over_its_input(tmp_path):
    src = restricted(tmp_path)
    out = tmp_path / "out"
    anonymise(src, out)
    with pytest.raises(OutputError, match="already exists"):
        anonymise(src, out)
    with pytest.raises(OutputError, match="is the input"):
        anonymise(src, src, overwrite=True)
    with pytest.raises(UsageError):
        anonymise(src, tmp_path / "other", k=0)


def test_cli(tmp_path, capsys):
    src = restricted(tmp_path)
    out = tmp_path / "out"
    assert main(["anonymise", str(src), "-o", str(out), "-k", "3"]) == 0
    printed = capsys.readouterr().out
    assert "out.log.json" in printed and "age-banded: 6" in printed
    assert main(["anonymise", str(src), "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["anonymise", str(tmp_path / "missing"), "-o", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "Traceback" not in err
    assert not (tmp_path / "x").exists()


# -- issue #17: what an adversary recovered, and the independent check ----------------------------

def _issue_edit(t: dict[str, list[dict[str, Any]]]) -> None:
    """The adversary's case: exact ages in the group aggregates, exact years of experience, group
    counts that would give back a suppressed gender, quotes linked to their speaker."""
    _restricted_edit(t)
    for i, person in enumerate(t["participant"]):
        person["years_experience"] = 20 + i
    t["focus_group"][0].update(participant_count=6, participant_count_female=2,
                               participant_count_male=3, participant_count_diverse=1)
    t["quote"][0]["speaker"] = t["participant"][0]["id"]


def test_aggregates_and_exact_values_are_withheld_with_the_reason(tmp_path):
    out = tmp_path / "out"
    anonymise(restricted(tmp_path, _issue_edit), out)
    group = pl.read_csv(out / "focus_group.csv", infer_schema=False).row(0, named=True)
    for column in ("age_min", "age_max", "age_mean", "participant_count_female",
                   "participant_count_male", "participant_count_diverse"):
        assert group[column] is None, column
        assert group[f"{column}_absent_reason"] == "withheld-for-disclosure", column
    people = pl.read_csv(out / "participant.csv", infer_schema=False)
    assert people["years_experience"].null_count() == people.height
    assert people["age_years"].null_count() == people.height
    quotes = pl.read_csv(out / "quote.csv", infer_schema=False)
    assert quotes["speaker"].null_count() == quotes.height
    assert layer_findings(out, tmp_path / "codebook") == []


def _pycanon_frame(out: Path):
    import pandas as pd

    from upsides_data import disclosure_model as model

    people = pd.read_csv(out / "participant.csv", dtype=str, keep_default_na=False)
    qis = [c for c in model.quasi_identifiers() if c not in model.public_rules("participant")]
    return people, qis, model.sensitive_attributes()


@pytest.mark.parametrize("k", [2, 3])
def test_pycanon_confirms_k_anonymity_of_the_output(tmp_path, k):
    from pycanon import anonymity

    out = tmp_path / "out"
    anonymise(restricted(tmp_path, _issue_edit), out, k=k)
    people, qis, _ = _pycanon_frame(out)
    assert len(people) > 0
    assert anonymity.k_anonymity(people, qis) >= k


def test_pycanon_measures_the_input_as_not_k_anonymous(tmp_path):
    from pycanon import anonymity

    src = restricted(tmp_path, _issue_edit)
    people, qis, _ = _pycanon_frame(src)
    assert anonymity.k_anonymity(people, qis) < 3


def test_pycanon_confirms_l_diversity_when_asked(tmp_path):
    """-l 2: every combination also holds both answers of the sensitive attribute (prior
    peer-support experience); without it, l-diversity is only measured (docs/disclosure.md)."""
    from pycanon import anonymity

    def edit(t):  # 3-anonymous already, but each gender answers the sensitive question alike
        _issue_edit(t)
        for i, person in enumerate(t["participant"]):
            person.update(role="MHW", profession="nurse", age_years=30 + i % 5,
                          gender="female" if i < 3 else "male",
                          prior_peer_support_experience=i < 3)
        for group in t["focus_group"]:  # the group's figures follow its rows (validated first)
            group.update(participant_count_female=3, participant_count_male=3,
                         participant_count_diverse=0, age_min=30, age_max=34, age_mean=31.7)

    plain, diverse = tmp_path / "plain", tmp_path / "diverse"
    anonymise(restricted(tmp_path, edit), plain, k=3)
    anonymise(restricted(tmp_path / "again", edit), diverse, k=3, l=2)
    people, qis, sensitive = _pycanon_frame(diverse)
    assert len(people) > 0
    assert anonymity.k_anonymity(people, qis) >= 3
    assert anonymity.l_diversity(people, qis, sensitive) >= 2
    people, qis, sensitive = _pycanon_frame(plain)
    assert anonymity.k_anonymity(people, qis) >= 3
    assert anonymity.l_diversity(people, qis, sensitive) == 1  # measured, not enforced


def test_running_anonymise_twice_changes_nothing_more(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    anonymise(restricted(tmp_path, _issue_edit), first)
    log = anonymise(first, second)
    assert log.changes == []
    assert digest(first) == digest(second)


def test_names_from_a_roster_are_pseudonymised(tmp_path):
    roster = tmp_path / "names.txt"  # synthetic names, kept outside every package
    roster.write_text("# the site's roster\nJürgen Müller\nAisha Nakato\n", encoding="utf-8")

    def edit(t):
        _issue_edit(t)
        t["memo"][0]["text"] += " Herr Mueller and Aisha agreed; Müllers view differed."

    out = tmp_path / "out"
    log = anonymise(restricted(tmp_path, edit), out, names=roster)
    memo = (out / "memo.csv").read_text(encoding="utf-8")
    assert "Mueller" not in memo and "Aisha" not in memo and "Müller" not in memo
    assert "Herr [person-1] and [person-2] agreed; [person-1] view differed." in memo
    assert log.summary()["name-pseudonymised"] == 3
    assert "Müller" not in log_path(out).read_text(encoding="utf-8")


def test_names_on_the_command_line_of_validate_and_anonymise(tmp_path, capsys):
    roster = tmp_path / "names.txt"  # synthetic, kept outside every package
    roster.write_text("Aisha Nakato\n", encoding="utf-8")

    def edit(t):
        _issue_edit(t)
        t["memo"][0]["text"] += " Aisha Nakato agreed."

    src, out = restricted(tmp_path, edit), tmp_path / "out"
    assert main(["anonymise", str(src), "-o", str(out), "--names", str(roster)]) == 0
    assert "name-pseudonymised: 1" in capsys.readouterr().out
    public = tmp_path / "leaky"
    make_site_package(public, edit=lambda t: t["memo"][0].update(text="Aisha said so."))
    code = main(["validate", str(public / "ulm"), "--codebook", str(public / "codebook"),
                 "--names", str(roster)])
    printed = capsys.readouterr().out
    assert code == 1 and "disclosure-pii" in printed and "name at characters 0-5" in printed
    assert "Aisha" not in printed
    assert main(["validate", str(out), "--names", str(tmp_path / "none.txt")]) == 2
    assert "names file cannot be read" in capsys.readouterr().err


def test_identifiers_and_metadata_holding_pii_are_replaced_consistently(tmp_path):
    roster = tmp_path / "names.txt"  # synthetic
    roster.write_text("Jürgen Müller\n", encoding="utf-8")
    leaky = "upsides:ulm/juergen-mueller"

    def edit(t):
        _issue_edit(t)
        old = t["participant"][0]["id"]
        t["participant"][0]["id"] = leaky
        for row in t["participant_focus_groups_attended"]:
            if row["participant"] == old:
                row["participant"] = leaky
        for quote in t.get("quote", []):  # every reference follows the id (validated first)
            if quote.get("speaker") == old:
                quote["speaker"] = leaky

    src = make_site_package(tmp_path, edit=edit, access_level="restricted",
                            title="Ulm interviews (contact Jürgen Müller, +49 731 500 61234)")
    out = tmp_path / "out"
    anonymise(src, out, names=roster)
    everything = "".join(p.read_text(encoding="utf-8") for p in sorted(out.iterdir()))
    everything += log_path(out).read_text(encoding="utf-8")
    assert "mueller" not in everything.lower() and "Müller" not in everything
    assert "61234" not in everything
    assert "upsides:ulm/redacted-1" in (out / "participant.csv").read_text(encoding="utf-8")
    assert layer_findings(out, tmp_path / "codebook") == []
