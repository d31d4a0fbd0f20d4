"""check-instance refuses YAML alias bombs, deep nesting and oversized files with findings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from upsides_data.cli import main
from upsides_data.instances import check_instance_text
from upsides_data.limits import MAX_NESTING

BOMB = "\n".join(
    [f'a: &a [{", ".join(["lol"] * 9)}]']
    + [f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]"
       for prev, name in zip("abcdefgh", "bcdefghi")]) + "\n"


def test_alias_bomb_ends_at_once_with_a_finding() -> None:
    started = time.monotonic()
    found = check_instance_text(BOMB, file="bomb.yaml")
    assert time.monotonic() - started < 2
    assert [(f.rule, f.row) for f in found] == [("yaml-alias-refused", 2)]


def test_a_single_alias_is_refused_too() -> None:
    found = check_instance_text("sites: &s []\nstudies: *s\n", file="x.yaml")
    assert [f.rule for f in found] == ["yaml-alias-refused"]


@pytest.mark.parametrize("text", [
    "a: " + "[" * 50_000 + "]" * 50_000,
    "\n".join(" " * i + "k:" for i in range(3000)),
    '{"a": ' + "{" * 20_000 + "}" * 20_000 + "}",
])
def test_deep_nesting_is_a_finding(text: str) -> None:
    assert [f.rule for f in check_instance_text(text, file="deep.yaml")] == ["nesting-too-deep"]


def test_nesting_under_the_limit_is_parsed() -> None:
    text = "x-note: " + "[" * (MAX_NESTING - 2) + "]" * (MAX_NESTING - 2)
    assert "nesting-too-deep" not in {f.rule for f in check_instance_text(text, file="ok.yaml")}


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BOMB, encoding="utf-8")
    assert main(["check-instance", str(bomb)]) == 1
    out, err = capsys.readouterr()
    assert "yaml-alias-refused" in out and "Traceback" not in out + err
