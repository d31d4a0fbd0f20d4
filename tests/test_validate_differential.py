"""Our fast engine and stock Frictionless agree on which rows fail, case by case.

For each case (valid and invalid, layer-2 concerns), both engines run on the same package and
the sets of (file, row) per error class must be equal. Every package we accept must also pass
stock ``frictionless.validate`` on its own, unchanged ``datapackage.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import frictionless
import pytest

from package_factory import append_rows, apply_overlay, make_site_package, set_cell
from upsides_data.validate.runner import validate

DATA = Path(__file__).parent / "data"
LAYER2 = {"type-error", "constraint-required", "constraint-enum", "constraint-pattern",
          "constraint-minimum", "constraint-maximum", "constraint-unique", "primary-key",
          "foreign-key", "row-blank"}


def _cells(*edits: tuple[str, int, str, str]) -> Callable[[Path], None]:
    def apply(pkg: Path) -> None:
        for table, row, field, value in edits:
            set_cell(pkg, table, row, field, value)
    return apply


CASES: dict[str, Callable[[Path], None]] = {
    "valid": lambda pkg: None,
    "valid-bom-crlf": lambda pkg: apply_overlay(pkg, DATA / "valid" / "packages" / "bom-crlf"),
    "header-only": lambda pkg: (pkg / "memo.csv").write_text(
        (pkg / "memo.csv").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"),
    "enum": _cells(("site", 2, "urbanicity", "metropolis")),
    "pattern-date": _cells(("focus_group", 2, "held_on", "2019-13-01"),
                           ("coding", 2, "coded_on", "1.7.2019")),
    "negative-duration": _cells(("focus_group", 2, "duration_minutes", "-90")),
    "maximum": _cells(("participant", 3, "years_experience", "71")),
    "required": _cells(("quote", 3, "text", ""), ("analyst", 2, "pseudonym", "")),
    "types": _cells(("quote", 2, "label_chapter", "twelve"), ("quote", 3, "start_offset", "1.5"),
                    ("participant", 4, "consent_recorded", "yes"),
                    ("site", 2, "peer_support_since", " 2015 ")),
    "foreign-key": _cells(("quote", 2, "transcript", "upsides:ulm/t9"),
                          ("memo", 2, "author", "upsides:ulm/nobody")),
    "primary-key": lambda pkg: append_rows(pkg, "quote_themes", [
        {"quote": "upsides:ulm/q1", "theme": "upsides:mhw-2019/theme-roles"}]),
    "unique-and-key": _cells(("analyst", 3, "id", "upsides:ulm/a1")),
    "several-notes-one-cell": _cells(("participant", 2, "gender", "upsides:ulm/x")),
    "blank-row": lambda pkg: (pkg / "analyst.csv").write_text(
        (pkg / "analyst.csv").read_text(encoding="utf-8") + ",,,\n", encoding="utf-8"),
    # Python's `$` matches before a final newline, so Frictionless accepts this; so do we.
    "valid-trailing-newline-in-pattern-cell": _cells(("quote", 2, "label", "Ulm 12\n")),
    "empty-key": _cells(("analyst", 2, "id", "")),
}


def failing_rows(report) -> set[tuple[str, str, int]]:
    return {(f.rule, f.file, f.row) for f in report.errors if f.rule in LAYER2}


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    built = {}
    for name, corrupt in CASES.items():
        base = tmp_path_factory.mktemp(name)
        pkg = make_site_package(base)
        corrupt(pkg)
        built[name] = pkg
    return built


@pytest.mark.parametrize("case", list(CASES))
def test_engines_agree_on_failing_rows(packages, case):
    fast = validate(packages[case], engine="fast")
    stock = validate(packages[case], engine="frictionless")
    assert failing_rows(fast) == failing_rows(stock)
    if case.startswith("valid") or case == "header-only":
        assert fast.valid and stock.valid
        # ... and the stock tool accepts the package as it is, descriptor unchanged.
        plain = frictionless.validate(str(packages[case] / "datapackage.json"))
        assert plain.valid, plain.flatten(["rowNumber", "fieldName", "type", "note"])
    else:
        assert failing_rows(fast), "the case must break something at layer 2"


def test_stock_frictionless_reads_the_codebook_package(tmp_path: Path):
    pkg = make_site_package(tmp_path)
    report = frictionless.validate(str(pkg.parent / "codebook" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert validate(pkg.parent / "codebook").valid
