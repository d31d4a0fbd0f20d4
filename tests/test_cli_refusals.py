"""docs/cli.md's refusal table agrees with the bad-input corpus, both ways (issue #13, item 7).

Every (command, exit code, rule code) a corpus class expects is promised by a row of the table
(``upsides_data.generate.cli_refusals``), and every row is exercised: each of its rule codes is
expected, with the row's exit code, by some corpus run of one of the row's commands.
"""

from __future__ import annotations

import json
from pathlib import Path

from upsides_data.generate.cli_refusals import EXIT_CODES, REFUSALS

CORPUS = Path(__file__).resolve().parent / "data" / "badinput"


def _expected() -> set[tuple[str, int, str]]:
    found = set()
    for expect in sorted(CORPUS.glob("*/expect.json")):
        for run in json.loads(expect.read_text(encoding="utf-8"))["runs"]:
            for rule in run["rules"]:
                found.add((run["command"], run["exit"], rule))
    return found


def _promised() -> set[tuple[str, int, str]]:
    return {(command, refusal.exit, rule) for refusal in REFUSALS
            for command in refusal.commands for rule in refusal.rules}


def test_every_refusal_the_corpus_expects_is_documented() -> None:
    expected = _expected()
    assert len(expected) > 50
    undocumented = sorted(expected - _promised())
    assert not undocumented, f"add these to cli_refusals.REFUSALS: {undocumented}"


def test_every_documented_refusal_is_exercised_by_the_corpus() -> None:
    expected = _expected()
    assert REFUSALS
    idle = [(refusal.what[:50], refusal.exit, rule) for refusal in REFUSALS
            for rule in refusal.rules
            if not any((command, refusal.exit, rule) in expected
                       for command in refusal.commands)]
    assert not idle, f"no corpus class exercises: {idle}"


def test_exit_codes_table_lists_every_code_the_corpus_uses() -> None:
    documented = {code for code, _ in EXIT_CODES}
    assert documented == {0, 1, 2, 3, 130}
    used = {run["exit"] for expect in CORPUS.glob("*/expect.json")
            for run in json.loads(expect.read_text(encoding="utf-8"))["runs"]}
    assert used == {0, 1, 2}, "the corpus never expects exit 3 (a bug) or 130 (interrupted)"


def test_cli_page_holds_the_tables(repo_root: Path) -> None:
    page = (repo_root / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "## Exit codes" in page and "## What each command refuses" in page
    for refusal in REFUSALS:
        for rule in refusal.rules:
            assert f"`{rule}`" in page
