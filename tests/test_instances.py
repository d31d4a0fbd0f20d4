"""Dataset instance fixtures: valid ones pass linkml-validate and ``check_instance``; invalid ones
fail ``check_instance`` with exactly the expected rule and message, and linkml-validate where it
can see the defect (it checks enums, patterns, bounds and required slots, not references).

Each invalid file declares its expectation in header comments::

    # expect-rule: reference-missing
    # expect: upsides:nowhere/site is not the id of any Site record in this file
    # linkml-validate: pass
"""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from upsides_data.instances import check_instance, collections

REPO = Path(__file__).resolve().parents[1]
VALID = REPO / "tests" / "data" / "valid" / "instances"
INVALID = REPO / "tests" / "data" / "invalid" / "instances"
EXAMPLES = REPO / "examples" / "instances"
SCHEMA = REPO / "validators" / "linkml" / "upsides.yaml"
# the console script installed beside the running interpreter (the generate extra), not a fixed .venv
LINKML_VALIDATE = Path(sys.executable).with_name("linkml-validate")

VALID_FILES = sorted(VALID.glob("*.yaml")) + sorted(EXAMPLES.glob("*.yaml"))
INVALID_FILES = sorted(INVALID.glob("*.yaml"))


def _ids(paths: list[Path]) -> list[str]:
    return [p.relative_to(REPO).as_posix() for p in paths]


def test_fixture_folders_hold_files() -> None:
    assert len(list(VALID.glob("*.yaml"))) >= 8
    assert len(INVALID_FILES) >= 12
    assert list(EXAMPLES.glob("*.yaml")), "no bundled example instance"


def _expectations(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"#\s*(expect-rule|expect|linkml-validate):\s*(.+)$", line)
        if match:
            found[match.group(1)] = match.group(2).strip()
    return found


@cache
def _linkml_validate(paths: tuple[Path, ...]) -> tuple[int, str]:
    """One linkml-validate run over many files (about 2 s, mostly start-up)."""
    result = subprocess.run(
        [str(LINKML_VALIDATE), "-s", str(SCHEMA), "-C", "Dataset", *map(str, paths)],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )
    return result.returncode, result.stdout + result.stderr


def _files_with_errors(output: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^\[ERROR\] \[(.+?)/\d+\]", output, re.M)}


@pytest.mark.parametrize("path", VALID_FILES, ids=_ids(VALID_FILES))
def test_valid_instance_passes_check_instance(path: Path) -> None:
    assert check_instance(path) == []


def test_valid_instances_pass_linkml_validate() -> None:
    code, output = _linkml_validate(tuple(VALID_FILES))
    assert code == 0, output
    assert "No issues found" in output


@pytest.mark.parametrize("path", INVALID_FILES, ids=_ids(INVALID_FILES))
def test_invalid_instance_fails_with_expected_finding(path: Path) -> None:
    expected = _expectations(path)
    assert {"expect-rule", "expect", "linkml-validate"} <= expected.keys(), path
    findings = check_instance(path)
    assert findings, f"{path.name} passed check_instance"
    assert {f.rule for f in findings} == {expected["expect-rule"]}, findings
    assert any(expected["expect"] in f.message for f in findings), findings
    assert all(f.file == str(path) and f.row for f in findings), findings
    if expected["expect-rule"] != "parse":
        assert all(f.field for f in findings), findings


def test_invalid_instances_fail_linkml_validate_where_it_can_tell() -> None:
    """linkml-validate agrees on enums, patterns, bounds, required and extra slots; it does not
    check references, duplicate identifiers or hierarchy cycles (see TOOLCHAIN-NOTES)."""
    parseable = tuple(p for p in INVALID_FILES if _expectations(p)["expect-rule"] != "parse")
    code, output = _linkml_validate(parseable)
    assert code != 0
    failed = _files_with_errors(output)
    for path in parseable:
        rel = str(path)
        declared = _expectations(path)["linkml-validate"]
        assert declared in {"pass", "fail"}, path
        assert (rel in failed) == (declared == "fail"), f"{path.name}: {declared}\n{output}"
    assert any(_expectations(p)["linkml-validate"] == "fail" for p in parseable)


def test_unparseable_instance_fails_linkml_validate() -> None:
    broken = tuple(p for p in INVALID_FILES if _expectations(p)["expect-rule"] == "parse")
    assert broken
    for path in broken:
        code, _ = _linkml_validate((path,))
        assert code != 0


def test_valid_fixtures_cover_every_class() -> None:
    """At least one record of every class of the Dataset across the valid fixtures."""
    seen: set[str] = set()
    for path in sorted(VALID.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        seen.update(name for name, items in data.items() if items)
    assert set(collections()) - seen == set()


MUST_EXPRESS = {
    "consortium-two-studies.yaml": "several studies in one consortium",
    "several-focus-groups-per-site.yaml": "several focus groups per site",
    "mixed-group.yaml": "a PSW who joined an MHW group",
    "partial-site-participation.yaml": "sites that took part in only some studies",
    "site-city-changed.yaml": "a site whose city changed between studies",
    "theme-hierarchy-three-levels.yaml": "a theme hierarchy three levels deep",
    "aggregate-participant-figures.yaml": "aggregate-only participant figures",
    "income-classification-change.yaml": "an income group that changed over time",
}


def _load(name: str) -> dict:
    return yaml.safe_load((VALID / name).read_text(encoding="utf-8"))


def test_must_express_cases_hold_what_they_claim() -> None:
    assert all((VALID / name).is_file() for name in MUST_EXPRESS)
    two = _load("consortium-two-studies.yaml")
    phases = {s["id"]: s["phase"] for s in two["studies"]}
    assert sorted(phases.values()) == ["post-implementation", "pre-implementation"]
    post = {fg["population"] for fg in two["focus_groups"] if phases[fg["study"]] == "post-implementation"}
    assert post == {"MHW", "PSW"}

    several = _load("several-focus-groups-per-site.yaml")
    per_site = [fg["site"] for fg in several["focus_groups"]]
    assert max(per_site.count(s) for s in per_site) >= 2

    mixed = _load("mixed-group.yaml")
    mhw_groups = {fg["id"] for fg in mixed["focus_groups"] if fg["population"] == "MHW"}
    assert any(p["role"] == "PSW" and set(p["focus_groups_attended"]) & mhw_groups
               for p in mixed["participants"])

    partial = _load("partial-site-participation.yaml")
    studies_of: dict[str, set[str]] = {}
    for sp in partial["site_participations"]:
        studies_of.setdefault(sp["site"], set()).add(sp["study"])
    assert any(len(s) < len(partial["studies"]) for s in studies_of.values())

    moved = _load("site-city-changed.yaml")
    assert sorted(sp["city"] for sp in moved["site_participations"]) == ["Ahmedabad", "Pune"]
    assert len({sp["site"] for sp in moved["site_participations"]}) == 1

    tree = _load("theme-hierarchy-three-levels.yaml")
    parent = {t["id"]: t.get("parent") for t in tree["themes"]}

    def depth(theme: str) -> int:
        return 1 if parent[theme] is None else 1 + depth(parent[theme])

    assert max(map(depth, parent)) == 3

    aggregate = _load("aggregate-participant-figures.yaml")
    assert not aggregate.get("participants")
    assert all("participant_count" in fg for fg in aggregate["focus_groups"])

    income = _load("income-classification-change.yaml")
    groups = {(c["country"], c["fiscal_year"]): c["income_group"]
              for c in income["income_classifications"]}
    assert groups == {("TZ", 2020): "LIC", ("TZ", 2021): "LMIC"}


def test_synthetic_and_real_records_are_marked() -> None:
    """Every focus group, participant, transcript, quote, coding and memo in the fixtures is
    either marked synthetic or comes from the paper (then it has no participant-level data)."""
    for path in VALID_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for collection in ("participants", "codings", "memos"):
            for record in data.get(collection) or []:
                assert record.get("synthetic") is True, (path.name, record["id"])


def test_check_instance_reports_every_problem_in_one_file(tmp_path: Path) -> None:
    text = (VALID / "every-class.yaml").read_text(encoding="utf-8")
    text = text.replace("parent: upsides:synth-2030/theme-roles",
                        "parent: upsides:synth-2030/theme-role-clarity")
    text = text.replace("    duration_minutes: 90", "    duration_minutes: 0")
    text = text.replace("speaker: upsides:syna/p-01", "speaker: upsides:syna/p-99")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    rules = sorted(f.rule for f in check_instance(bad))
    assert rules == ["hierarchy-cycle", "model", "reference-missing"]


def test_check_instance_reports_duplicate_keys(tmp_path: Path) -> None:
    bad = tmp_path / "dup.yaml"
    bad.write_text("sites: []\nsites: []\n", encoding="utf-8")
    findings = check_instance(bad)
    assert [(f.rule, f.row, f.field) for f in findings] == [("duplicate-key", 2, "sites")]


def test_check_instance_refuses_a_non_mapping(tmp_path: Path) -> None:
    bad = tmp_path / "list.json"
    bad.write_text('["not", "a", "dataset"]', encoding="utf-8")
    [finding] = check_instance(bad)
    assert finding.rule == "model" and "mapping" in finding.message


def test_cli_check_instance_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    from upsides_data.cli import main

    assert main(["check-instance", *map(str, sorted(EXAMPLES.glob("*.yaml")))]) == 0
    assert "0 error(s): valid" in capsys.readouterr().out

    cycle = INVALID / "theme-own-ancestor.yaml"
    assert main(["check-instance", str(cycle)]) == 1
    out = capsys.readouterr().out
    assert f"{cycle}:13: themes[0].parent [hierarchy-cycle]" in out

    assert main(["check-instance", str(REPO / "no-such-file.yaml")]) == 2
    captured = capsys.readouterr()
    assert "no such file" in captured.err and "Traceback" not in captured.err

    assert main(["check-instance", "--format", "json", str(INVALID / "duplicate-id.yaml")]) == 1
    import json

    report = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in report["findings"]] == ["duplicate-id"]


def test_example_quotes_are_verbatim_from_the_paper(reference_dir: Path) -> None:
    """Quotes not marked synthetic must appear word for word in the published paper."""
    paper = " ".join((reference_dir / "krumm-2022-bmc-psychiatry-fulltext.txt")
                     .read_text(encoding="utf-8").split())
    data = yaml.safe_load((EXAMPLES / "upsides-consortium.yaml").read_text(encoding="utf-8"))
    real = [q for q in data["quotes"] if not q.get("synthetic")]
    assert real
    for quote in real:
        assert " ".join(quote["text"].split()) in paper, quote["label"]
        assert f"({quote['label']})" in paper or f"({quote['label'].replace(' ', '')})" in paper
