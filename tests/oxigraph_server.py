"""A real Oxigraph SPARQL server on loopback for the publish tests (the `oxigraph` wheel of the
test extra ships the server binary beside the venv's python).

``OxigraphServer(location)`` starts ``oxigraph serve --location LOCATION --bind 127.0.0.1:PORT
--union-default-graph`` on a free port, waits until it answers a query, and can be killed
(SIGKILL, as a crash would) and started again on the same store and port.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import urllib3

READY_SECONDS = 30.0


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph")
    assert found, ("the oxigraph server binary is missing: pip install -c constraints/lock.txt "
                   "-e '.[test]' installs it (the `oxigraph` wheel)")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class OxigraphServer:
    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.http = urllib3.PoolManager(retries=False, timeout=urllib3.Timeout(10.0))
        self.start()

    @property
    def store(self) -> str:
        return self.base + "/store"

    @property
    def update(self) -> str:
        return self.base + "/update"

    @property
    def query(self) -> str:
        return self.base + "/query"

    def start(self) -> None:
        log = open(self.location.parent / f"{self.location.name}.log", "ab")
        self.process = subprocess.Popen(
            [oxigraph_binary(), "serve", "--location", str(self.location), "--bind",
             f"127.0.0.1:{self.port}", "--union-default-graph"],
            stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        log.close()
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "oxigraph serve ended at start"
            try:
                answer = self.http.request("GET", self.query, fields={"query": "ASK {}"})
                if answer.status == 200:
                    return
            except urllib3.exceptions.HTTPError:
                pass
            time.sleep(0.05)
        raise AssertionError(f"oxigraph serve did not answer within {READY_SECONDS} s")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        self.kill()
        self.http.clear()

    def graph(self, iri: str) -> set[pyoxigraph.Triple] | None:
        """The triples of the named graph ``iri`` (Graph Store GET), or None when absent."""
        answer = self.http.request("GET", self.store, fields={"graph": iri},
                                   headers={"Accept": "application/n-triples"})
        if answer.status == 404:
            return None
        assert answer.status == 200, answer.data[:300]
        return triples_of(answer.data)

    def graphs(self) -> list[str]:
        answer = self.http.request(
            "POST", self.query, body=b"SELECT DISTINCT ?g WHERE { GRAPH ?g {} } ORDER BY ?g",
            headers={"Content-Type": "application/sparql-query",
                     "Accept": "application/sparql-results+json"})
        assert answer.status == 200, answer.data[:300]
        import json

        return [b["g"]["value"] for b in json.loads(answer.data)["results"]["bindings"]]


def triples_of(ntriples: str | bytes) -> set[pyoxigraph.Triple]:
    data = ntriples.encode("utf-8") if isinstance(ntriples, str) else ntriples
    return {pyoxigraph.Triple(q.subject, q.predicate, q.object)
            for q in pyoxigraph.parse(data, pyoxigraph.RdfFormat.N_TRIPLES)}


def as_stored(triples: set[pyoxigraph.Triple]) -> set[pyoxigraph.Triple]:
    """``triples`` as an Oxigraph store gives them back: it keeps integer literals of derived
    types (``xsd:nonNegativeInteger``) as ``xsd:integer`` (pyoxigraph 0.5.13 and the 0.5.13
    server alike; docs/publishing.md). Loaded into the same engine, compared as it stores."""
    store = pyoxigraph.Store()
    store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in triples)
    return {pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in store}
