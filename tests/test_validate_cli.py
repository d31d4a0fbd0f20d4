"""``upsides validate``: exit codes, text and JSON reports, capping, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from package_factory import append_rows, make_site_package, set_cell
from upsides_data.cli import main
from upsides_data.findings import Finding, Report
from upsides_data.validate.render import render_json, render_text


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_package_exits_0(tmp_path: Path, capsys):
    pkg = make_site_package(tmp_path)
    code, out, err = run(capsys, str(pkg))
    assert code == 0
    assert out.startswith(f"VALID: {pkg} (0 errors, 0 warnings)")
    assert "Traceback" not in out + err


def test_invalid_package_exits_1_with_location(tmp_path: Path, capsys):
    pkg = make_site_package(tmp_path)
    set_cell(pkg, "focus_group", 2, "duration_minutes", "-5")
    code, out, _ = run(capsys, str(pkg))
    assert code == 1
    assert "constraint-minimum (error, 1)" in out
    assert ("upsides-mhw-2019-ulm/focus_group.csv row 2 field duration_minutes: "
            "'-5' is not at least 1") in out
    assert "hint: the value must be at least 1" in out


@pytest.mark.parametrize("args", [["/no/such/package"], ["--engine", "slow", "."],
                                  ["--format", "xml", "."]])
def test_unreadable_or_usage_exits_2(tmp_path: Path, capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert "Traceback" not in out + err


def test_missing_descriptor_exits_2(tmp_path: Path, capsys):
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 2 and "descriptor-missing" in out


def test_json_is_stable_and_complete(tmp_path: Path, capsys):
    pkg = make_site_package(tmp_path)
    append_rows(pkg, "analyst_team_roles",
                [{"analyst": "upsides:ulm/a1", "team_role": f"role{i}"} for i in range(30)])
    code, out, _ = run(capsys, "--format", "json", str(pkg))
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False and data["rules"] == {"constraint-enum": 30}
    assert [f["row"] for f in data["findings"]] == list(range(4, 34))
    assert set(data["findings"][0]) == {"package", "file", "row", "field", "rule", "message",
                                        "hint", "severity"}
    assert main(["validate", "--format", "json", str(pkg)]) == 1
    assert capsys.readouterr().out == out  # byte-identical on a second run


def test_text_caps_long_runs(tmp_path: Path, capsys):
    pkg = make_site_package(tmp_path)
    append_rows(pkg, "analyst_team_roles",
                [{"analyst": "upsides:ulm/a1", "team_role": f"role{i}"} for i in range(30)])
    code, out, _ = run(capsys, "--max-per-rule", "5", str(pkg))
    assert code == 1
    assert out.count("is not an allowed value") == 5
    assert "... and 25 more constraint-enum findings not shown" in out


def test_frictionless_engine_option(tmp_path: Path, capsys):
    pkg = make_site_package(tmp_path)
    set_cell(pkg, "quote", 2, "transcript", "upsides:ulm/t9")
    code, out, _ = run(capsys, "--engine", "frictionless", "--format", "json", str(pkg))
    assert code == 1
    assert [(f["rule"], f["row"], f["field"]) for f in json.loads(out)["findings"]] == [
        ("foreign-key", 2, "transcript")]


def test_progress_bar_goes_to_stderr(tmp_path: Path, capsys, monkeypatch):
    pkg = make_site_package(tmp_path)
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich draws its bar although stderr is captured
    code, out, err = run(capsys, "--progress", "--format", "json", str(pkg))
    assert code == 0 and json.loads(out)["valid"] is True  # stdout holds the report alone
    # the first frame, drawn when the bar starts; later frames depend on the refresh timer
    assert "validating" in err and "\u2501" in err  # the description and the bar's line
    code, out, err = run(capsys, "--format", "json", str(pkg))
    assert code == 0 and json.loads(out)["valid"] is True
    assert err == ""  # no terminal, no --progress: no bar


def test_renderers_group_and_sort():
    findings = [
        Finding(rule="offsets", message="second", package="p", file="t.csv", row=3),
        Finding(rule="label-site", message="first", package="p", file="t.csv", row=9, field="x",
                hint="do this"),
    ]
    report = Report(checked=["p"], findings=findings)
    text = render_text(report)
    assert text.index("label-site (error, 1)") < text.index("offsets (error, 1)")
    assert "p/t.csv row 9 field x: first\n    hint: do this" in text
    # the JSON does not depend on the order the checks found things in
    rendered = render_json(report)
    assert rendered == render_json(Report(checked=["p"], findings=findings[::-1]))
    data = json.loads(rendered)
    assert [(f["rule"], f["row"]) for f in data["findings"]] == [("offsets", 3), ("label-site", 9)]
    assert data["rules"] == {"label-site": 1, "offsets": 1} and data["error_count"] == 2
