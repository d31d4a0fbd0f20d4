"""``query`` fails closed: no network, no updates, and bounded in time and rows."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from upsides_data.cli import main
from upsides_data.errors import LimitExceededError, UsageError
from upsides_data.rdf import sparql_guard
from upsides_data.rdf.query import query
from upsides_data.synth import synthesize

CROSS = "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y }"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return synthesize(tmp_path_factory.mktemp("ql") / "synth", sites=1, quotes=6, seed=3)


@pytest.fixture
def listener() -> tuple[str, list[bytes]]:
    """A local TCP server that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            seen.append(conn.recv(100))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", seen
    stop.set()
    thread.join()
    server.close()


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * where { service silent <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { # a comment ends at the line's end\n  SeRvIcE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p \"it's fine\" . SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { FILTER(?a<?b) SERVICE <{url}> { ?s ?p ?o } }",
])
def test_service_is_refused_before_any_connection(corpus: list[Path], listener, sparql: str
                                                  ) -> None:
    url, seen = listener
    with pytest.raises(UsageError) as caught:
        query(corpus, sparql.replace("{url}", url))
    assert [f.rule for f in caught.value.findings] == ["query-service-refused"]
    time.sleep(0.3)
    assert seen == []


@pytest.mark.parametrize(("sparql", "word"), [
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("INSERT DATA { <http://e/s> <http://e/p> 1 }", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("CLEAR ALL", "CLEAR"),
    ("drop silent graph <http://e/g>", "DROP"),
])
def test_updates_are_refused(sparql: str, word: str) -> None:
    found = sparql_guard.findings(sparql)
    assert [(f.rule, f.field) for f in found] == [("query-update-refused", word)]


@pytest.mark.parametrize("sparql", [
    'SELECT ?s WHERE { ?s ?p "customer service" }',
    "SELECT ?s WHERE { ?s ?p '''SERVICE <http://e/>\n{ ?s ?p ?o }''' }",
    'SELECT ?s WHERE { ?s ?p "say \\"SERVICE\\" here" }',
    "SELECT ?service WHERE { ?service ?p ?o } # SERVICE <http://e/> in a comment",
    "PREFIX service: <http://e/> SELECT ?s WHERE { ?s service:load ?o ; a <http://e/SERVICE> }",
    'SELECT ?s WHERE { ?s ?p "x"@service . ?s ?q $insert }',
])
def test_words_in_literals_iris_and_names_are_not_keywords(sparql: str) -> None:
    assert sparql_guard.findings(sparql) == []


def test_a_query_naming_service_in_a_literal_runs(corpus: list[Path]) -> None:
    rows = query(corpus, 'SELECT ?x WHERE { BIND("customer SERVICE; LOAD" AS ?x) }')
    assert rows == [{"x": "customer SERVICE; LOAD"}]


def test_cross_product_stops_at_the_result_limit(corpus: list[Path]) -> None:
    with pytest.raises(LimitExceededError) as caught:
        query(corpus, CROSS, max_results=50)
    assert caught.value.exit_code == 2
    assert [f.rule for f in caught.value.findings] == ["query-result-limit"]
    assert len(query(corpus, CROSS + " LIMIT 50", max_results=50)) == 50


def test_a_query_that_blocks_inside_its_first_row_stops_at_the_time_limit(corpus: list[Path]
                                                                          ) -> None:
    # ORDER BY over a three-way cross product is computed whole before the first row
    sparql = ("SELECT ?a WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z } ORDER BY ?x ?y ?z")
    started = time.monotonic()
    with pytest.raises(LimitExceededError) as caught:
        query(corpus, sparql, timeout=1.0)
    assert [f.rule for f in caught.value.findings] == ["query-time-limit"]
    assert time.monotonic() - started < 20  # loading plus one second, with room for a busy CI


def test_cli_renders_the_refusal_and_exits_2(corpus: list[Path], listener,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    url, seen = listener
    code = main(["query", *map(str, corpus), f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"])
    out, err = capsys.readouterr()
    assert code == 2 and seen == []
    assert "query-service-refused" in out and "Traceback" not in out + err
    assert main(["query", *map(str, corpus), CROSS, "--max-results", "10"]) == 2
    assert "query-result-limit" in capsys.readouterr().out
