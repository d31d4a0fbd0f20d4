"""``upsides publish`` and ``upsides query --endpoint`` against a real Oxigraph server on loopback
(issue #19): publish the example consortium, query it and compare with the embedded store,
publish again (no change), withdraw, and kill the server mid-publish (no partial graph)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

import pytest

from oxigraph_server import OxigraphServer, as_stored, triples_of
from upsides_data.cli import main
from upsides_data.errors import OutputError
from upsides_data.rdf import publish as publishing
from upsides_data.rdf import remote
from upsides_data.rdf.export import to_rdf
from upsides_data.rdf.query import query
from upsides_data.synth import synthesize

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "upsides-mhw-2019"
DOC = ROOT / "docs" / "rdf.md"
BASE = publishing.DEFAULT_GRAPH_BASE


@pytest.fixture(scope="module")
def example() -> list[Path]:
    packages = sorted(p.parent for p in EXAMPLE.glob("*/datapackage.json"))
    assert len(packages) == 7, f"the example consortium is missing under {EXAMPLE}"
    return packages


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    running = OxigraphServer(tmp_path / "store")
    yield running
    running.stop()


def _publish(server: OxigraphServer, packages: list[Path], *extra: str) -> list[str]:
    return ["publish", *map(str, packages), "--endpoint", server.store, *extra]


def _lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(("published", "withdrawn",
                                                                  "absent", "would"))]


def doc_queries() -> list[str]:
    found = re.findall(r"```sparql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(found) == 4, "docs/rdf.md should hold the four example queries"
    return found


def _sorted(rows: list[dict[str, str | None]]) -> list[tuple]:
    return sorted(tuple(sorted(r.items(), key=lambda kv: kv[0])) for r in rows)


def test_publish_query_republish_withdraw(server: OxigraphServer, example: list[Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_publish(server, example, "--dry-run")) == 0
    planned = _lines(capsys.readouterr().out)
    assert len(planned) == 8 and all(line.startswith("would publish") for line in planned)

    assert main(_publish(server, example)) == 0
    out, err = capsys.readouterr()
    published = _lines(out)
    assert "8/8" in err and "2,769 triples" in err, "the progress bar goes to stderr"
    assert [line.replace("published", "would publish", 1) for line in published] == planned
    graphs = server.graphs()
    expected = sorted([f"{BASE}catalog"] + [f"{BASE}package/upsides-mhw-2019-{p.name}"
                                            for p in example])
    assert graphs == expected, "one graph per package and the catalogue, no staging graph left"

    # each graph holds what the dry run counted; together they are exactly the export
    contents = {iri: server.graph(iri) for iri in graphs}
    for line in published:
        iri, count = re.match(r"published <(.+)>  (\d+) triples", line).groups()
        assert len(contents[iri]) == int(count)
    union = set().union(*contents.values())
    assert union == as_stored(triples_of(to_rdf(example, format="ntriples")))

    # the same queries give the same answers from the store and from the embedded store
    for sparql in doc_queries():  # (validated above; a draft differs only in its metadata)
        embedded = query(example, sparql, validate=False)
        assert embedded, f"the example query gives no rows: {sparql}"
        assert main(["query", "--endpoint", server.query, "--format", "json", sparql]) == 0
        results = capsys.readouterr().out
        assert _sorted(remote.rows(results.encode("utf-8"))) == _sorted(embedded)

    # publishing again changes nothing
    assert main(_publish(server, example)) == 0
    assert _lines(capsys.readouterr().out) == published
    assert server.graphs() == expected
    assert {iri: server.graph(iri) for iri in expected} == contents

    # withdrawing removes every graph; withdrawing again finds none
    assert main(["publish", *map(str, example), "--endpoint", server.store, "--withdraw"]) == 0
    withdrawn = _lines(capsys.readouterr().out)
    assert withdrawn == [f"withdrawn <{iri}>" for iri in sorted(
        expected, key=lambda i: (i.endswith("/catalog"), i))]
    assert server.graphs() == [] and all(server.graph(iri) is None for iri in expected)
    assert main(["publish", *map(str, example), "--endpoint", server.store, "--withdraw"]) == 0
    assert all(line.startswith("absent") for line in _lines(capsys.readouterr().out))


def test_query_endpoint_w3c_formats(server: OxigraphServer, example: list[Path],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """json, xml, csv and tsv are the store's own W3C documents, and agree with each other and
    with the embedded query; updates are refused before anything is sent."""
    assert main(_publish(server, example)) == 0
    capsys.readouterr()
    sparql = ("SELECT ?site ?label WHERE { ?site a schema:Place ; rdfs:label ?label } "
              "ORDER BY ?site")
    embedded = query(example, sparql, validate=False)
    assert len(embedded) == 6
    expected = [(r["site"], r["label"]) for r in embedded]
    answers = {}
    for fmt in ("json", "xml", "csv", "tsv"):
        assert main(["query", "--endpoint", server.query, "--format", fmt, sparql]) == 0
        answers[fmt] = capsys.readouterr().out
    assert [(b["site"]["value"], b["label"]["value"])
            for b in json.loads(answers["json"])["results"]["bindings"]] == expected
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    tree = ET.fromstring(answers["xml"])
    assert [(r.find("r:binding[@name='site']/r:uri", ns).text,
             r.find("r:binding[@name='label']/r:literal", ns).text)
            for r in tree.iterfind(".//r:result", ns)] == expected
    assert [tuple(row) for row in csv.reader(io.StringIO(answers["csv"]))][1:] == expected
    tsv = [line.split("\t") for line in answers["tsv"].splitlines()[1:]]
    assert [(site.strip("<>"), label.split('"')[1]) for site, label in tsv] == expected

    before = server.graphs()
    update = 'INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> "c" } }'
    assert main(["query", "--endpoint", server.query, update]) == 2
    assert "query-update-refused" in capsys.readouterr().out
    assert server.graphs() == before
    assert main(["query", "--endpoint", server.query, "--max-results", "5", sparql]) == 2
    assert "query-result-limit" in capsys.readouterr().out


def _corpus(folder: Path, quotes: int) -> list[Path]:
    """A synthetic consortium; the package names depend only on the sites and the seed, so two
    sizes give two versions of the same packages (and graphs)."""
    return synthesize(folder, sites=1, quotes=quotes, seed=11)


@pytest.mark.parametrize("staged", [False, True], ids=["put", "staged-move"])
def test_server_killed_mid_publish_leaves_no_partial_graph(
        server: OxigraphServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        staged: bool) -> None:
    """The server is killed (SIGKILL) while the second graph is half sent: after a restart the
    first graph is new, the others old, none a part, and the publish failed loudly. Both ways:
    a plain PUT (atomic in Oxigraph 0.5) and PUT to a staging graph then MOVE."""
    cut_in = 1
    update = server.update if staged else None
    old, new = _corpus(tmp_path / "old", 40), _corpus(tmp_path / "new", 400)
    publishing.publish(old, server.store, update_endpoint=update, private_endpoint=True)
    graphs = server.graphs()
    versions = {"old": {iri: server.graph(iri) for iri in graphs}}
    planned = publishing.plan(new, private_endpoint=True)
    order = [g.iri for g in planned]
    versions["new"] = {g.iri: as_stored(triples_of(b"".join(
        publishing._body(g, publishing._Silent())))) for g in planned}
    packages = [iri for iri in order if "/package/" in iri]
    assert all(versions["old"][i] != versions["new"][i] for i in packages), "versions differ"

    put = remote.put_graph
    sent: list[str] = []

    class KillingHalfWay(io.RawIOBase):
        """The body as urllib3 reads it, killing the server once half of it is sent."""

        def __init__(self, data: bytes) -> None:
            self.data, self.at = data, 0

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            if self.at >= len(self.data) // 2:
                server.kill()
            size = len(self.data) - self.at if size < 0 else size
            piece = self.data[self.at:self.at + min(size, 4096)]
            self.at += len(piece)
            return piece

    def cut_short(store: remote.Endpoint, graph: str, data: bytes, body=None):  # noqa: ANN001
        sent.append(graph)
        if len(sent) != cut_in + 1:
            return put(store, graph, data)
        return put(store, graph, data, body=lambda: KillingHalfWay(data))

    monkeypatch.setattr(remote, "put_graph", cut_short)
    with pytest.raises(OutputError) as caught:
        publishing.publish(new, server.store, update_endpoint=update,
                           private_endpoint=True, retries=1, backoff=0.05)
    assert [f.rule for f in caught.value.findings] == [remote.RULE_UNREACHABLE]
    server.start()
    # the store may keep the staging graph it had created, empty: it adds nothing to a query,
    # and the next publish replaces and removes it
    left = [g for g in server.graphs() if g not in graphs]
    assert all("/staging/" in g and not server.graph(g) for g in left), left
    for position, iri in enumerate(order):
        now = server.graph(iri)
        assert now in (versions["old"][iri], versions["new"][iri]), f"{iri} is a partial graph"
        assert now == (versions["new"] if position < cut_in else versions["old"])[iri]

    # publishing again finishes the job
    monkeypatch.setattr(remote, "put_graph", put)
    publishing.publish(new, server.store, update_endpoint=update, private_endpoint=True)
    assert {iri: server.graph(iri) for iri in order} == versions["new"]
    assert server.graphs() == graphs


def test_body_failing_mid_request_keeps_the_old_graph(
        server: OxigraphServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PUT cut short (the body fails half-way) leaves the graph as it was, in the store
    (Oxigraph 0.5 replaces a graph in one transaction) and through publish, staged or not; the
    failure is the caller's own error, not a store error retried."""
    packages = _corpus(tmp_path / "synth", 20)
    publishing.publish(packages, server.store, private_endpoint=True)
    target = f"{BASE}package/synth-11-s01"
    old = server.graph(target)
    assert old

    def broken() -> Iterator[bytes]:
        yield b"<urn:a> <urn:b> <urn:c> .\n"
        raise ConnectionError("the body could not be made")

    with pytest.raises(Exception):  # a direct PUT, as the protocol alone would do it
        server.http.request("PUT", server.store + f"?graph={target}", body=broken(),
                            chunked=True, headers={"Content-Type": "application/n-triples"})
    assert server.graph(target) == old
    blocks = publishing.package_blocks

    def failing(package):  # noqa: ANN001, ANN202
        yield from blocks(package)
        raise OSError("disk read failed")

    monkeypatch.setattr(publishing, "package_blocks", failing)
    for update in (None, server.update):
        with pytest.raises(OSError, match="disk read failed"):
            publishing.publish(packages, server.store, update_endpoint=update,
                               private_endpoint=True)
        assert server.graph(target) == old
    assert not any("/staging/" in g for g in server.graphs())


def test_restricted_packages_need_a_private_endpoint(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    packages = synthesize(tmp_path / "synth", sites=1, quotes=10, seed=3)  # restricted
    closed = "http://127.0.0.1:9/store"  # nothing is sent: the refusal comes first
    argv = ["publish", *map(str, packages), "--endpoint", closed, "--update-endpoint",
            "http://127.0.0.1:9/update"]
    assert main(argv) == 2
    out = capsys.readouterr().out
    assert "publish-restricted-refused" in out
    assert all(f"synth-3-{p.name}/datapackage.json" in out for p in packages)
    assert main([*argv, "--dry-run"]) == 2
    assert main([*argv, "--dry-run", "--private-endpoint"]) == 0
    assert len(_lines(capsys.readouterr().out)) == len(packages) + 1


def test_invalid_packages_are_not_published(tmp_path: Path, example: list[Path],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The packages pass the validator (disclosure rules included) before anything is sent."""
    import shutil

    copy = tmp_path / "ulm"
    shutil.copytree(EXAMPLE / "ulm", copy)
    quotes = copy / "quote.csv"
    lines = quotes.read_text(encoding="utf-8").splitlines()
    header = next(csv.reader([lines[0]]))
    row = next(csv.reader([lines[1]]))
    row[header.index("transcript")] = "upsides:ulm/no-such-transcript"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    quotes.write_text("\n".join([lines[0], buffer.getvalue().rstrip("\n"), *lines[2:]]) + "\n",
                      encoding="utf-8")
    codebook = EXAMPLE / "codebook"
    argv = ["publish", str(codebook), str(copy), "--endpoint", "http://127.0.0.1:9/store",
            "--update-endpoint", "http://127.0.0.1:9/update"]
    assert main(argv) == 1
    assert "foreign-key" in capsys.readouterr().out
