"""One registry of rule codes (``upsides_data.rules_registry``): well formed, the only codes the
code makes, and every one of them reported by a fixture or a dedicated case."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from rule_cases import CASES
from upsides_data.findings import Finding, UnregisteredRuleError
from upsides_data.generate.cli_refusals import REFUSALS
from upsides_data.package.versions import parse_standard_version
from upsides_data.rules_registry import KEBAB, LAYER_NAMES, RULES, constraint_rule

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "upsides_data"
DATA = REPO / "tests" / "data"
# What a pattern looks like; a hint shows a value instead.
REGEX_MARKS = re.compile(r"(^|\s)\^|\$$|\\[dswb]|\[[a-z0-9]-[a-z0-9]\]|\(\?:|\.\*|\.\+")


def test_every_code_is_kebab_case_and_fully_described() -> None:
    assert len(RULES) >= 120
    for code, rule in RULES.items():
        assert code == rule.code and KEBAB.match(code), code
        assert rule.layer in LAYER_NAMES, code
        assert rule.severity in ("error", "warning", "error / warning"), code
        assert rule.title and rule.hint, code
        assert not REGEX_MARKS.search(rule.hint), f"{code}: a hint shows a value, not a pattern"
        assert parse_standard_version(rule.since), code


def test_constraint_codes_are_kebab_case() -> None:
    assert constraint_rule("minLength") == "constraint-min-length"
    assert constraint_rule("exclusiveMaximum") == "constraint-exclusive-maximum"
    assert constraint_rule("enum") == "constraint-enum"
    schemas = (REPO / "validators" / "tableschema").glob("*.json")
    used = {constraint_rule(key) for path in schemas
            for fld in json.loads(path.read_text())["fields"]
            for key in fld.get("constraints", {})}
    assert len(used) >= 5 and used <= set(RULES), sorted(used - set(RULES))


def test_a_finding_with_an_unregistered_code_fails_in_tests() -> None:
    with pytest.raises(UnregisteredRuleError, match="merge.conflict"):
        Finding(rule="merge.conflict", message="the old dotted style")
    assert Finding(rule="merge-conflict", message="registered").rule == "merge-conflict"


def _literal_codes() -> dict[str, set[str]]:
    """Every string the source passes as a rule code: ``Finding(...)``'s first argument or
    ``rule=``, the code argument of the finding helpers, ``RULE*`` constants, class attributes
    ``rule = ...``, and the codes of (rule, message) problem tuples."""
    found: dict[str, set[str]] = {}

    def add(value: ast.AST, where: str) -> None:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            found.setdefault(value.value, set()).add(where)

    for path in sorted(SRC.rglob("*.py")):
        if "datamodel" in path.parts or path.name == "rules_registry.py":
            continue
        where = str(path.relative_to(SRC))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
                for keyword in node.keywords:
                    if keyword.arg == "rule":
                        add(keyword.value, where)
                if name == "Finding" and node.args:
                    add(node.args[0], where)
                if name in ("_finding", "finding", "_Check", "refuse", "cell_refused", "problem",
                            "CellProblem") \
                        and node.args:
                    for arg in node.args[:2]:
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) \
                                and KEBAB.match(arg.value):
                            add(arg, where)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    label = getattr(target, "id", "")
                    if label == "rule" or label.startswith("RULE"):
                        add(node.value, where)
            elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) \
                    and len(node.value.elts) == 2:
                first = node.value.elts[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str) \
                        and KEBAB.match(first.value) and "-" in first.value:
                    add(first, where)
    return found


def test_every_code_in_the_source_is_registered() -> None:
    found = _literal_codes()
    assert len(found) >= 100, "the walk finds too few codes: has the code's style changed?"
    unregistered = {code: sorted(places) for code, places in found.items() if code not in RULES}
    assert unregistered == {}


def test_every_registered_code_is_made_somewhere() -> None:
    """No code is registered that the source never makes (a stale entry)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")
                     if "datamodel" not in p.parts and p.name != "rules_registry.py")
    made = set(_literal_codes()) | {c for c in RULES if f'"{c}"' in text}
    made |= {constraint_rule(k) for k in ("required", "unique", "enum", "pattern", "minimum",
                                          "maximum")}
    assert sorted(set(RULES) - made) == []


def test_the_refusal_table_names_registered_codes() -> None:
    named = {code for refusal in REFUSALS for code in refusal.rules}
    assert named and sorted(named - set(RULES)) == []


def fixture_codes() -> dict[str, list[str]]:
    """The codes each fixture folder or file expects, by where it is expected."""
    seen: dict[str, list[str]] = {}
    for expect in sorted((DATA / "invalid" / "packages").glob("*/expect.json")):
        seen.setdefault(json.loads(expect.read_text())["rule"], []).append(str(expect.parent))
    for instance in sorted((DATA / "invalid" / "instances").glob("*.yaml")):
        match = re.search(r"#\s*expect-rule:\s*(\S+)", instance.read_text(encoding="utf-8"))
        if match:
            seen.setdefault(match.group(1), []).append(str(instance))
    for expect in sorted((DATA / "badinput").glob("*/expect.json")):
        for run in json.loads(expect.read_text()).get("runs", []):
            for code in run.get("rules", []):
                seen.setdefault(code, []).append(str(expect.parent))
    return seen


def test_every_registered_code_has_a_fixture_or_a_case() -> None:
    fixtures = fixture_codes()
    assert len(fixtures) >= 60, "the fixture folders hold too few codes: are they still there?"
    assert sorted(set(fixtures) - set(RULES)) == [], "fixtures expect unregistered codes"
    uncovered = sorted(set(RULES) - set(fixtures) - set(CASES))
    assert uncovered == [], "add a fixture or a case in tests/rule_cases.py for these codes"
    assert sorted(set(CASES) - set(RULES)) == []
