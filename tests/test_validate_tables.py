"""Layer 2 (fast engine), layer 3 (models) and the 100k-row table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from package_factory import append_rows, make_site_package, set_cell
from upsides_data.findings import Finding
from upsides_data.validate import models
from upsides_data.validate.context import PackageContext
from upsides_data.package import open_package
from upsides_data.validate.runner import validate

# (table, row, field, bad value, expected rule); rows are Frictionless row numbers.
CELL_CASES = [
    ("quote", 2, "transcript", "upsides:ulm/t9", "foreign-key"),
    ("site", 2, "urbanicity", "metropolis", "constraint-enum"),
    ("focus_group", 2, "held_on", "14.05.2019", "constraint-pattern"),
    ("focus_group", 2, "duration_minutes", "-90", "constraint-minimum"),
    ("site", 2, "peer_support_since", "2200", "constraint-maximum"),
    ("quote", 3, "text", "", "constraint-required"),
    ("quote", 2, "label_chapter", "twelve", "type-error"),
    ("participant", 5, "consent_recorded", "yes", "type-error"),
]


@pytest.mark.parametrize("table,row,field,value,rule", CELL_CASES,
                         ids=[f"{c[4]}-{c[2]}" for c in CELL_CASES])
def test_one_bad_cell_gives_exactly_its_rule(tmp_path: Path, table, row, field, value, rule):
    pkg = make_site_package(tmp_path)
    set_cell(pkg, table, row, field, value)
    report = validate(pkg)
    rules = {f.rule for f in report.errors}
    layer2 = {f for f in report.errors if f.rule == rule}
    assert rules == {rule}, report.findings
    (hit,) = layer2
    assert (hit.file, hit.row, hit.package) == (f"{table}.csv", row, "upsides-mhw-2019-ulm")
    assert field in (hit.field or "")
    assert hit.hint


def test_duplicate_primary_key(tmp_path: Path):
    pkg = make_site_package(tmp_path)
    append_rows(pkg, "income_classification", [
        {"id": "upsides:ulm/income-2019", "country": "DE", "income_group": "UMIC",
         "fiscal_year": 2020, "source": "synthetic"}])
    report = validate(pkg)
    assert [(f.rule, f.file, f.row, f.field) for f in report.errors] == [
        ("primary-key", "income_classification.csv", 3, "id")]


def test_duplicate_composite_key(tmp_path: Path):
    pkg = make_site_package(tmp_path)
    append_rows(pkg, "quote_themes", [{"quote": "upsides:ulm/q1",
                                       "theme": "upsides:mhw-2019/theme-roles"}])
    (hit,) = validate(pkg).errors
    assert (hit.rule, hit.row, hit.field) == ("primary-key", 4, "quote, theme")


def test_blank_row(tmp_path: Path):
    pkg = make_site_package(tmp_path)
    path = pkg / "analyst.csv"
    path.write_text(path.read_text(encoding="utf-8") + ",,,\n", encoding="utf-8")
    report = validate(pkg)
    # As stock Frictionless: the blank row, and its empty primary key.
    assert sorted((f.rule, f.row) for f in report.errors) == [("primary-key", 4), ("row-blank", 4)]


def test_self_reference_and_null_foreign_key(tmp_path: Path):
    pkg = make_site_package(tmp_path)
    set_cell(pkg, "quote", 2, "speaker", "")  # optional reference left empty: fine
    assert validate(pkg).valid


def test_large_table_one_bad_row_at_the_end(tmp_path: Path):
    """100k memo rows, the last with a dangling author: found, fast, memory bounded."""
    pkg = make_site_package(tmp_path)
    n = 100_000
    frame = pl.DataFrame({
        "id": [f"upsides:ulm/m{i}" for i in range(n)],
        "author": ["upsides:ulm/a1"] * (n - 1) + ["upsides:ulm/nobody"],
        "text": ["Synthetic memo text."] * n,
        "synthetic": ["true"] * n,
    }).with_columns(about_code=pl.lit(None, pl.String), about_theme=pl.lit(None, pl.String),
                    about_quote=pl.lit("upsides:ulm/q1"), written_on=pl.lit("2019-07-02"))
    header = (pkg / "memo.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    frame.select(header).write_csv(pkg / "memo.csv", line_terminator="\n", null_value="")
    # In a child process, so that its peak resident memory (polars buffers included) is its own.
    child = subprocess.run([sys.executable, "-c", _CHILD, str(pkg)], capture_output=True,
                           text=True, check=True, timeout=300)
    result = json.loads(child.stdout)
    assert result["errors"] == [["foreign-key", "memo.csv", n + 1]]
    assert result["peak_mb"] < 700, result


_CHILD = """
import json, resource, sys
from upsides_data.validate.runner import validate
report = validate(sys.argv[1])
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"errors": [[f.rule, f.file, f.row] for f in report.errors],
                  "peak_mb": peak_kb / 1024}))
"""


def _context(pkg: Path) -> PackageContext:
    from upsides_data.validate.tables import load_frames
    ctx = PackageContext(package=open_package(pkg))
    list(load_frames(ctx))
    return ctx


def test_models_layer_reports_rows_layer2_did_not_flag(tmp_path: Path):
    """The safety net works: a bad value it is given (as if layer 2 missed it) is reported."""
    pkg = make_site_package(tmp_path)
    set_cell(pkg, "focus_group_languages", 2, "language", "not a language tag")
    ctx = _context(pkg)
    found = list(models.check(ctx))
    assert [(f.rule, f.file, f.row, f.field) for f in found] == [
        ("model", "focus_group.csv", 2, "languages")]
    assert isinstance(found[0], Finding)


def test_models_layer_skips_rows_layer2_rejected(tmp_path: Path):
    # restricted: a public package may not hold years_experience at all (disclosure)
    pkg = make_site_package(tmp_path, access_level="restricted")
    set_cell(pkg, "participant", 2, "years_experience", "-1")
    ctx = _context(pkg)
    assert [f.row for f in models.check(ctx)] == [2]
    ctx.facts["failed_rows"] = {"participant": {2}}
    assert list(models.check(ctx)) == []
    report = validate(pkg)
    assert {f.rule for f in report.errors} == {"constraint-minimum"}
