"""RDF formats by our names, rdflib's names or the -o extension, TriG, N-Quads and RDF/XML
included; ``query`` in the W3C SPARQL result formats; CONSTRUCT and DESCRIBE give RDF."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset as RdflibDataset
from rdflib import Graph

from upsides_data.cli import main
from upsides_data.errors import UsageError
from upsides_data.rdf.export import to_rdf
from upsides_data.rdf.formats import ALIASES, RDF_FORMATS, rdf_format
from upsides_data.rdf.query import query_results
from upsides_data.synth import synthesize

# Our name -> how rdflib reads it back.
RDFLIB_READS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig",
                "nquads": "nquads", "rdfxml": "xml"}
PLACE = "SELECT ?label WHERE { ?s a schema:Place ; rdfs:label ?label }"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return synthesize(tmp_path_factory.mktemp("formats") / "synth", sites=1, quotes=4, seed=9)


@pytest.fixture(scope="module")
def reference(corpus: list[Path]) -> Graph:
    return Graph().parse(data=str(to_rdf(corpus, format="ntriples")), format="nt")


def test_names_aliases_and_extensions_resolve() -> None:
    assert [rdf_format(n) for n in ("ttl", "nt", "json-ld", "xml", "pretty-xml", "nquads")] == [
        "turtle", "ntriples", "jsonld", "rdfxml", "rdfxml", "nquads"]
    assert [rdf_format(None, f"x{e}") for e in (".ttl", ".nt", ".jsonld", ".trig", ".nq", ".rdf")] \
        == ["turtle", "ntriples", "jsonld", "trig", "nquads", "rdfxml"]
    assert rdf_format(None, "x.unknown") == "turtle" and rdf_format(None) == "turtle"
    assert set(ALIASES.values()) <= set(RDF_FORMATS)
    with pytest.raises(UsageError, match="unknown RDF format 'rdfa'"):
        rdf_format("rdfa")
    with pytest.raises(UsageError, match="must be a name"):
        rdf_format(3)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", RDF_FORMATS)
def test_every_format_holds_the_same_graph_and_reads_back(
        name: str, corpus: list[Path], reference: Graph, tmp_path: Path) -> None:
    suffix = {"turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld", "trig": ".trig",
              "nquads": ".nq", "rdfxml": ".rdf"}[name]
    out = tmp_path / f"export{suffix}"
    assert main(["export", "rdf", *map(str, corpus), "-o", str(out)]) == 0  # format from -o
    if name in ("trig", "nquads"):
        read = RdflibDataset()
        read.parse(out, format=RDFLIB_READS[name])
        graph = Graph()
        for s, p, o, _ in read.quads():
            graph.add((s, p, o))
    else:
        graph = Graph().parse(out, format=RDFLIB_READS[name])
    assert len(graph) == len(reference) > 100
    assert graph.isomorphic(reference)
    assert main(["import", "rdf", str(out), "-o", str(tmp_path / "back")]) == 0
    assert len(list((tmp_path / "back").iterdir())) == len(corpus)


def test_rdfxml_is_byte_identical_across_processes(corpus: list[Path], tmp_path: Path) -> None:
    code = ("import sys; from upsides_data.rdf.export import to_rdf; "
            "sys.stdout.write(to_rdf(sys.argv[1:], format='xml'))")
    runs = [subprocess.run([sys.executable, "-c", code, *map(str, corpus)], cwd=tmp_path,
                           capture_output=True, check=True, timeout=300).stdout for _ in (1, 2)]
    assert runs[0] == runs[1] and runs[0].startswith(b"<?xml")


def test_select_and_ask_in_the_w3c_formats(corpus: list[Path]) -> None:
    as_json = json.loads(query_results(corpus, PLACE, format="json"))
    assert as_json == {"head": {"vars": ["label"]},
                       "results": {"bindings": [{"label": {"type": "literal", "value": "S01"}}]}}
    typed = json.loads(query_results(corpus, "SELECT ?s WHERE { ?s a schema:Place }"))
    assert typed["results"]["bindings"][0]["s"]["type"] == "uri"  # IRIs stay IRIs
    assert query_results(corpus, PLACE, format="csv") == b"label\r\nS01\r\n"
    assert query_results(corpus, PLACE, format="tsv") == b'?label\n"S01"\n'
    parsed = ox.parse_query_results(query_results(corpus, PLACE, format="xml"),
                                    format=ox.QueryResultsFormat.XML)
    assert [str(row["label"]) for row in parsed] == ['"S01"']
    ask = "ASK { ?s a schema:Place }"
    assert json.loads(query_results(corpus, ask)) == {"head": {}, "boolean": True}
    assert b"<boolean>true</boolean>" in query_results(corpus, ask, format="xml")
    with pytest.raises(UsageError, match="unknown result format"):
        query_results(corpus, PLACE, format="turtle")


def test_construct_and_describe_give_rdf(corpus: list[Path], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    construct = "CONSTRUCT { ?s a schema:Place } WHERE { ?s a schema:Place }"
    graph = Graph().parse(data=query_results(corpus, construct, format="ttl"), format="turtle")
    assert len(graph) == 1
    as_jsonld = Graph().parse(data=query_results(corpus, construct, format="json"),
                              format="json-ld")
    assert as_jsonld.isomorphic(graph)
    out = tmp_path / "place.nt"
    assert main(["query", *map(str, corpus), construct, "-f", "nt", "-o", str(out)]) == 0
    assert Graph().parse(out, format="nt").isomorphic(graph)
    assert main(["query", *map(str, corpus), construct, "-f", "nt", "-o", str(out)]) == 2
    assert "output-exists" in capsys.readouterr().out
    site = next(iter(graph.subjects()))
    described = Graph().parse(data=query_results(corpus, f"DESCRIBE <{site}>", format="nt"),
                              format="nt")
    assert len(described) > 3
    with pytest.raises(UsageError, match="no CSV or TSV"):
        query_results(corpus, construct, format="csv")
