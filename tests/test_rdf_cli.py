"""The CLI face of the RDF export: exit codes, messages, no tracebacks, no partial output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from upsides_data.cli import main
from upsides_data.synth import synthesize


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return synthesize(tmp_path_factory.mktemp("cli") / "synth", sites=1, quotes=4, seed=9)


def test_export_import_query(corpus: list[Path], tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "all.nt"
    assert main(["export", "rdf", *map(str, corpus), "--format", "ntriples", "-o", str(out)]) == 0
    assert out.read_text().count(" .\n") > 100
    assert main(["import", "rdf", str(out), "-o", str(tmp_path / "back")]) == 0
    assert sorted(p.name for p in (tmp_path / "back").iterdir()) == sorted(
        json.loads((p / "datapackage.json").read_text())["name"] for p in corpus)
    capsys.readouterr()
    sparql = "SELECT ?label WHERE { ?s a schema:Place ; rdfs:label ?label }"
    assert main(["query", *map(str, corpus), sparql, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {  # the W3C SPARQL results JSON format
        "head": {"vars": ["label"]},
        "results": {"bindings": [{"label": {"type": "literal", "value": "S01"}}]}}
    assert main(["query", *map(str, corpus), sparql, "--format", "csv"]) == 0
    assert capsys.readouterr().out == "label\r\nS01\r\n"  # W3C CSV: CRLF line ends
    assert main(["query", *map(str, corpus), sparql]) == 0
    assert "(1 row)" in capsys.readouterr().out


def test_errors_exit_2_without_traceback(corpus: list[Path], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.ttl"
    assert main(["export", "rdf", str(tmp_path / "missing"), "-o", str(out)]) == 2
    assert main(["export", "rdf", str(corpus[0]), "--format", "rdfa", "-o", str(out)]) == 2
    assert main(["query", str(corpus[0]), "SELEC nothing"]) == 2
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    assert main(["import", "rdf", str(bad), "-o", str(tmp_path / "p")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "SPARQL syntax error" in err
    assert not out.exists() and not (tmp_path / "p").exists()
