"""``upsides merge`` and ``upsides split``: exit codes, readable findings, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from merge_strategies import tree_bytes, write_corpus
from upsides_data.cli import main


@pytest.fixture()
def corpus(tmp_path: Path) -> dict[str, Path]:
    return write_corpus(tmp_path / "in", seed=0, sites=2, quotes=6)


def test_merge_and_split_succeed(corpus, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["merge", *map(str, corpus.values()), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "merged 3 packages" in text and "6 quotes" in text
    assert main(["merge", *map(str, corpus.values()), "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["merge", *map(str, corpus.values()), "-o", str(out), "--force"]) == 0
    assert main(["split", str(out), "-o", str(tmp_path / "split")]) == 0
    for name, path in corpus.items():
        assert tree_bytes(tmp_path / "split" / name) == tree_bytes(path)


def test_conflict_exits_1_with_findings(corpus, tmp_path, capsys):
    twin = tmp_path / "twin"
    shutil.copytree(corpus["synth-0-s01"], twin)
    path = twin / "site.csv"
    frame = pl.read_csv(path, infer_schema=False).with_columns(pl.lit("Renamed").alias("name"))
    frame.write_csv(path, line_terminator="\n")
    text = (twin / "datapackage.json").read_text().replace('"version": "1.0.0"',
                                                            '"version": "1.0.1"')
    (twin / "datapackage.json").write_text(text)
    code = main(["merge", str(corpus["synth-0-s01"]), str(twin), "-o", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == 1
    assert "merge-conflict" in captured.out and "synth-0-s01@1.0.1" in captured.out
    assert "nothing written" in captured.err and "Traceback" not in captured.err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args", [
    ["merge", "/does/not/exist", "-o", "OUT"],
    ["merge", "-o", "OUT"],
    ["split", "/does/not/exist", "-o", "OUT"],
])
def test_usage_and_unreadable_exit_2(args, tmp_path, capsys):
    args = [a.replace("OUT", str(tmp_path / "out")) for a in args]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out


def test_unreadable_descriptor_exits_2(corpus, tmp_path, capsys):
    broken = tmp_path / "broken"
    shutil.copytree(corpus["synth-0-s01"], broken)
    (broken / "datapackage.json").write_text("{not json")
    assert main(["merge", str(broken), "-o", str(tmp_path / "out")]) == 2
    captured = capsys.readouterr()
    assert "descriptor-invalid" in captured.out and "not valid JSON" in captured.err
    assert "Traceback" not in captured.out + captured.err
