"""What every ``upsides`` command shares: --version, completion, exit codes in --help, the
examples' location for ``demo``, and examples in every command's --help."""

from __future__ import annotations

from pathlib import Path

import pytest

from upsides_data import __version__
from upsides_data.cli import main
from upsides_data.generate.cli_refusals import EXIT_CODES
from upsides_data.resources import standard_version


def test_version_option_prints_both_versions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"upsides-data {__version__} (standard {standard_version()})\n"


def test_completion_script_is_offered(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--show-completion", "bash"]) == 0
    out = capsys.readouterr().out
    assert "complete" in out and "_UPSIDES_COMPLETE" in out.upper()


def test_help_documents_every_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    for code, _ in EXIT_CODES:
        assert f"{code}:" in text
    assert {code for code, _ in EXIT_CODES} == {0, 1, 2, 3, 130}


def test_demo_says_where_it_looked_when_the_examples_are_missing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--examples", str(tmp_path / "nowhere"), "-o", str(tmp_path / "o")]) == 2
    assert "pass --examples" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_every_command_shows_examples_in_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    from upsides_data.cli import app
    from upsides_data.cli.examples import EXAMPLES, commands

    names = [name for name, info in commands(app) if not info.hidden]
    assert len(names) >= 15
    assert sorted(EXAMPLES) == sorted(names)  # none missing, none for a command that is gone
    for name in names:
        assert main([*name.split(), "--help"]) == 0
        shown = capsys.readouterr().out
        assert "Examples:" in shown and f"upsides {name}" in shown, name


def test_writing_commands_share_out_and_force() -> None:
    """-o/--out and --force mean the same on every command that writes (docs/cli.md)."""
    import typer.main

    from upsides_data.cli import app
    from upsides_data.generate.cli_refusals import WRITERS

    root = typer.main.get_command(app)
    for name in WRITERS:
        command = root
        for part in name.split():
            command = command.commands[part]  # type: ignore[attr-defined]
        options = {opt for p in command.params for opt in getattr(p, "opts", [])}
        assert {"-o", "--out", "--force"} <= options, name
