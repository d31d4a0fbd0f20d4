"""Aggregates stay consistent with suppression, l-diversity is a rule, and drafts keep disclosure
control (issue #17).

* No suppressed cell can be recovered from a group's counts: a gender set to ``not-disclosed``, the
  gender of a participant anonymise left out, or one gender count withheld beside its total and
  the other counts (``total - others``), in a focus group or a site's participation. The
  validator refuses each; anonymise withholds every gender count of such a row with the
  ``withheld-for-disclosure`` reason, and its output passes.
* ``disclosure-l-diversity``: with ``--l-diversity N`` each combination of quasi-identifiers
  holds N values of every sensitive attribute; checked against pycanon.
* ``--no-validate`` skips validation, never disclosure control.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

from package_factory import make_site_package
from upsides_data.anonymisation import anonymise
from upsides_data.cli import main
from upsides_data.findings import Finding
from upsides_data.package import open_package
from upsides_data.validate import disclosure
from upsides_data.validate.context import PackageContext, ValidationOptions
from upsides_data.validate.runner import validate

COUNTS = ("participant_count_female", "participant_count_male", "participant_count_diverse")
WITHHELD = "withheld-for-disclosure"


def findings(tmp_path: Path, edit=None, *, k: int = 3, l: int = 1, **meta: Any) -> list[Finding]:
    site = make_site_package(tmp_path, edit=edit, **meta)
    options = ValidationOptions(k_anonymity=k, l_diversity=l)
    return list(disclosure.check(PackageContext(package=open_package(site), options=options)))


def located(found: list[Finding]) -> set[tuple[str, str | None, str | None]]:
    return {(f.rule, f.file, f.field) for f in found}


# -- recoverable aggregates -------------------------------------------------------------------------

def test_a_small_count_withheld_beside_its_total_and_siblings_is_recoverable(tmp_path):
    def edit(t):  # 5 female, 1 diverse: the diverse count is withheld, 6 - 5 - 0 gives it back
        for person in t["participant"]:
            person["gender"] = "female"
        t["focus_group"][0].update(participant_count_female=5, participant_count_male=0,
                                   participant_count_diverse=None,
                                   participant_count_diverse_absent_reason=WITHHELD)
    found = findings(tmp_path, edit, k=1)
    assert {("disclosure-recoverable-aggregate", "focus_group.csv", c)
            for c in ("participant_count_female", "participant_count_male")} <= located(found)
    assert all("withheld for disclosure" in f.message for f in found
               if f.rule == "disclosure-recoverable-aggregate")


def test_a_count_absent_for_another_reason_is_not_flagged(tmp_path):
    def edit(t):
        t["focus_group"][0].update(participant_count_diverse=None,
                                   participant_count_diverse_absent_reason="not-reported")
    assert findings(tmp_path, edit) == []


def test_a_participant_left_out_is_given_back_by_the_group_counts(tmp_path):
    def edit(t):  # six counted, five rows: the counts less the rows give the sixth's gender
        left_out = t["participant"].pop()["id"]
        t["participant_focus_groups_attended"] = [
            r for r in t["participant_focus_groups_attended"] if r["participant"] != left_out]
    found = findings(tmp_path, edit, k=2)
    assert ("disclosure-recoverable-aggregate", "focus_group.csv",
            "participant_count_male") in located(found)
    assert any("left out of the package" in f.message for f in found)


def test_a_site_participation_gives_back_a_suppressed_gender(tmp_path):
    """The site's counts cover the site's participants (both reference the site)."""
    def edit(t):
        t["site_participation"][0].update(participant_count=6, participant_count_female=3,
                                          participant_count_male=3, participant_count_diverse=0)
        t["focus_group"][0].update(participant_count_female=None, participant_count_male=None,
                                   participant_count_diverse=None)
        for person in t["participant"][:3]:
            person["gender"] = "not-disclosed"
    found = findings(tmp_path, edit)
    assert ("disclosure-recoverable-aggregate", "site_participation.csv",
            "participant_count_female") in located(found)
    assert not any(f.file == "focus_group.csv" for f in found)


def _withheld_everywhere(out: Path, table: str) -> None:
    frame = pl.read_csv(out / f"{table}.csv", infer_schema=False)
    for row in frame.iter_rows(named=True):
        for column in COUNTS:
            assert row[column] is None, (table, column)
            assert row[f"{column}_absent_reason"] == WITHHELD, (table, column)


def test_anonymise_withholds_every_count_that_would_give_a_suppressed_cell_back(tmp_path):
    """One rare participant (withheld by the last resort) and a small count: the group's and
    the site's counts go, with the reason; the output passes every layer."""
    def edit(t):
        people = t["participant"]
        for person, age in zip(people, (30, 31, 32, 33, 34, 35)):
            person.update(age_years=age, age_band=None, gender="female", role="MHW",
                          profession="nurse")
        people[5].update(gender="male", role="PSW", profession="peer-support-worker")
        t["focus_group"][0].update(participant_count_female=5, participant_count_male=1,
                                   participant_count_diverse=0, age_min=30, age_max=35,
                                   age_mean="32.5")
        t["site_participation"][0].update(participant_count=6, participant_count_female=5,
                                          participant_count_male=1, participant_count_diverse=0)

    src = make_site_package(tmp_path, edit=edit, access_level="restricted")
    out = tmp_path / "out"
    log = anonymise(src, out)
    actions = {(c.table, c.action) for c in log.changes}
    assert ("participant", "participant-withheld") in actions
    assert ("focus_group", "count-withheld") in actions
    assert ("site_participation", "count-withheld") in actions
    _withheld_everywhere(out, "focus_group")
    _withheld_everywhere(out, "site_participation")
    report = validate([tmp_path / "codebook", out])
    assert report.valid, [f.message for f in report.errors]
    assert not any(f.rule.startswith("disclosure") for f in report.findings)
    assert anonymise(out, tmp_path / "again").changes == []  # nothing more to withhold


# -- l-diversity -------------------------------------------------------------------------------------

def _homogeneous(t):
    """3-anonymous, but each combination answers the sensitive question alike."""
    for i, person in enumerate(t["participant"]):
        person["prior_peer_support_experience"] = i % 2 == 0  # = the profile (MHW or PSW)


def test_l_diversity_is_checked_only_when_asked(tmp_path):
    assert findings(tmp_path / "a", _homogeneous) == []
    found = findings(tmp_path / "b", _homogeneous, l=2)
    assert {f.rule for f in found} == {"disclosure-l-diversity"}
    assert len(found) == 2 and all(f.field == "prior_peer_support_experience" for f in found)
    assert "takes 1 value(s), fewer than l=2" in found[0].message
    assert "true" not in found[0].message.lower()  # the answer itself is never shown


def test_the_rule_agrees_with_pycanon(tmp_path):
    import pandas as pd
    from pycanon import anonymity

    from upsides_data import disclosure_model as model

    def mixed(t):  # one combination holds both answers, the other only one
        _homogeneous(t)
        t["participant"][0]["prior_peer_support_experience"] = False

    def diverse(t):  # both combinations hold both answers
        mixed(t)
        t["participant"][1]["prior_peer_support_experience"] = True

    for name, edit in (("homogeneous", _homogeneous), ("mixed", mixed), ("diverse", diverse)):
        site = make_site_package(tmp_path / name, edit=edit)
        people = pd.read_csv(site / "participant.csv", dtype=str, keep_default_na=False)
        qis = [c for c in model.quasi_identifiers() if c in people.columns
               and c not in model.public_rules("participant")]
        measured = anonymity.l_diversity(people, qis, model.sensitive_attributes())
        assert measured == (2 if name == "diverse" else 1)
        for l in (2, 3):
            ctx = PackageContext(package=open_package(site),
                                 options=ValidationOptions(l_diversity=l))
            flagged = any(f.rule == "disclosure-l-diversity" for f in disclosure.check(ctx))
            assert flagged == (measured < l), (name, l, measured)


def test_validate_and_anonymise_take_l_on_the_command_line(tmp_path, capsys):
    site = make_site_package(tmp_path, edit=_homogeneous)
    assert main(["validate", str(tmp_path / "codebook"), str(site)]) == 0
    assert main(["validate", str(tmp_path / "codebook"), str(site), "-l", "2"]) == 1
    assert "disclosure-l-diversity" in capsys.readouterr().out


# -- drafts ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["merge"], ["report"], ["export", "rdf"]])
def test_no_validate_never_skips_disclosure_control(command, tmp_path, capsys):
    def edit(t):
        t["participant"][0]["age_years"] = 41
    site = make_site_package(tmp_path, edit=edit)
    out = tmp_path / "out"
    code = main([*command, str(tmp_path / "codebook"), str(site), "-o", str(out),
                 "--no-validate"])
    captured = capsys.readouterr()
    assert code == 1
    assert "disclosure-exact-age" in captured.out
    assert "never disclosure control" in captured.err
    assert not out.exists()


def test_no_validate_still_reads_restricted_drafts(tmp_path, capsys):
    def edit(t):
        t["participant"][0]["age_years"] = 41
    site = make_site_package(tmp_path, edit=edit, access_level="restricted")
    out = tmp_path / "out"
    assert main(["merge", str(tmp_path / "codebook"), str(site), "-o", str(out),
                 "--no-validate"]) == 0
    assert out.is_dir()
