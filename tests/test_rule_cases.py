"""Every case of ``rule_cases`` reports its rule code: the codes no fixture folder holds are
proven to be reported, each by a case built in ``tmp_path``."""

from __future__ import annotations

from pathlib import Path

import pytest

from rule_cases import CASES, as_json
from upsides_data.rules_registry import RULES


def test_there_are_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_case_reports_its_code(code: str, tmp_path: Path) -> None:
    assert code in RULES
    findings = CASES[code](tmp_path)
    assert code in {f.rule for f in findings}, as_json(findings)
    hit = next(f for f in findings if f.rule == code)
    assert hit.message, as_json([hit])
