"""``validate(..., jobs=N)`` runs layers 1-3 one package per process and reports the same."""

from __future__ import annotations

import json
import shutil
from dataclasses import astuple
from pathlib import Path

import pytest

from package_factory import set_cell
from upsides_data.cli import main
from upsides_data.validate.runner import validate

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "upsides-mhw-2019"


def _all(report) -> list[tuple]:
    return [astuple(f) for f in report.findings]


def test_jobs_give_the_same_report(tmp_path: Path):
    for name in ("ulm", "bgu", "codebook"):
        shutil.copytree(EXAMPLE / name, tmp_path / name)
    set_cell(tmp_path / "ulm", "focus_group", 2, "population", "unknown value")
    set_cell(tmp_path / "bgu", "quote", 2, "transcript", "upsides:bgu/nowhere")
    set_cell(tmp_path / "ulm", "quote", 3, "label_chapter", "twelve")
    paths = [tmp_path / "ulm", tmp_path / "bgu", tmp_path / "codebook"]
    serial = validate(paths)
    parallel = validate(paths, jobs=2)
    assert {f.rule for f in serial.errors} >= {"constraint-enum", "foreign-key", "type-error"}
    assert _all(parallel) == _all(serial)
    assert parallel.checked == serial.checked


def test_jobs_on_valid_examples(tmp_path: Path):
    paths = [EXAMPLE / name for name in ("ulm", "uke", "codebook")]
    serial, parallel = validate(paths), validate(paths, jobs=3)
    assert serial.valid and _all(parallel) == _all(serial)


@pytest.mark.parametrize("options", [["--engine", "models"], ["--engine", "fast"],
                                     ["--jobs", "2"], ["-j", "2", "--engine", "columns"]])
def test_cli_engine_and_jobs_options(tmp_path: Path, capsys, options):
    shutil.copytree(EXAMPLE / "ulm", tmp_path / "ulm")
    set_cell(tmp_path / "ulm", "focus_group", 2, "population", "unknown value")
    args = ["validate", "--format", "json", *options, str(tmp_path / "ulm"),
            str(EXAMPLE / "codebook")]
    assert main(args) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule"], f["row"], f["field"]) for f in findings if f["severity"] == "error"] == [
        ("constraint-enum", 2, "population")]


def test_cli_refuses_unknown_engine_and_zero_jobs(capsys):
    assert main(["validate", "--engine", "rowwise", str(EXAMPLE / "ulm")]) == 2
    assert "--engine must be one of columns, models, frictionless" in capsys.readouterr().err
    assert main(["validate", "--jobs", "0", str(EXAMPLE / "ulm")]) == 2
