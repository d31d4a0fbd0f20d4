"""``query``: SPARQL over the export of one or more packages, read-only, offline and bounded.

The packages are exported to N-Triples (the same fast path as ``export_rdf``) and streamed into an
in-memory ``pyoxigraph.Store`` in a child process (``query_worker``); a SELECT gives rows (dicts
of variable -> text), an ASK a single row ``{"ask": "true"|"false"}``. Common prefixes
(``PREFIXES`` of ``terms``) are declared for the query unless it declares them itself. Example
queries are in docs/rdf.md and run by the tests.

It fails closed (docs/cli.md, "Limits and refusals"):

- ``SERVICE`` and the update forms (``LOAD``, ``INSERT``, ...) are refused before anything runs
  (``sparql_guard``), so no query opens a network connection or changes anything;
- evaluation stops after ``timeout`` seconds (``query-time-limit``) and when a query would give
  more than ``max_results`` rows (``query-result-limit``), both ``LimitExceededError`` (exit 2).
  pyoxigraph computes ``ORDER BY`` and aggregates over a cross product inside one call, with no
  point where Python could look at a clock (measured: a 3,000 x 3,000 ``ORDER BY`` spent 183 s
  in ``Store.query`` before the first row), so the query runs in a child process that the parent
  kills at either limit; the child also bounds memory, since it can only grow until it is killed.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Sequence, get_args

from upsides_data import arguments
from upsides_data.errors import LimitExceededError, UpsidesError, UsageError
from upsides_data.findings import Finding
from upsides_data.limits import QUERY_MAX_RESULTS, QUERY_TIMEOUT_SECONDS
from upsides_data.rdf import sparql_guard
from upsides_data.rdf.export import blocks
from upsides_data.rdf.terms import PREFIXES
from upsides_data.rdf.triples import ntriples_block

if TYPE_CHECKING:
    from upsides_data.rdf.formats import RdfFormat

Row = dict[str, str | None]
ResultFormat = Literal["json", "xml", "csv", "tsv"]
RESULT_FORMATS: tuple[ResultFormat, ...] = get_args(ResultFormat)

DEFAULT_TIMEOUT = QUERY_TIMEOUT_SECONDS
DEFAULT_MAX_RESULTS = QUERY_MAX_RESULTS

RULE_TIME_LIMIT = "query-time-limit"
RULE_RESULT_LIMIT = "query-result-limit"
RULE_ABORTED = "query-aborted"
_END = object()


def query(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], sparql: str, *,
          timeout: float = DEFAULT_TIMEOUT, max_results: int = DEFAULT_MAX_RESULTS,
          validate: bool = True) -> list[Row]:
    """Run a SELECT or ASK query over the packages' export; return rows of plain text values.

    The packages are validated first (``InvalidInputError`` when they do not validate);
    ``validate=False`` queries drafts. For typed results (IRIs, literals with their language
    and datatype) or CONSTRUCT / DESCRIBE, use ``query_results``.

    Raises ``UsageError`` for a refused query (``SERVICE``, updates) or a syntax error and
    ``LimitExceededError`` past ``timeout`` seconds or ``max_results`` rows.
    """
    header, rows = _run(paths, sparql, terms=False, timeout=timeout, max_results=max_results,
                        validate=validate)
    if "ask" in header:
        return [{"ask": "true" if header["ask"] else "false"}]
    return [dict(zip(header["variables"], row)) for row in rows]


def query_results(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
                  sparql: str, *, format: ResultFormat | RdfFormat | str = "json",
                  timeout: float = DEFAULT_TIMEOUT, max_results: int = DEFAULT_MAX_RESULTS,
                  validate: bool = True) -> bytes:
    """Run any read-only SPARQL query; return its result in a W3C format, as bytes.

    SELECT and ASK give the SPARQL 1.1 Query Results formats: ``json``, ``xml``, ``csv`` or
    ``tsv`` (IRIs, blank nodes and literals with language or datatype stay distinguishable,
    except in CSV, which the standard makes plain). CONSTRUCT and DESCRIBE give RDF: ``json``
    is JSON-LD, ``xml`` RDF/XML, or any name of ``rdf.formats`` (``turtle``, ``nt``, ...).
    Limits, refusals and validation as for ``query``; ``max_results`` counts triples too.
    """
    import pyoxigraph as ox

    if not isinstance(format, str):
        raise UsageError(f"format must be a name such as 'json', not {type(format).__name__}")
    wanted = format.strip().lower()
    header, rows = _run(paths, sparql, terms=True, timeout=timeout, max_results=max_results,
                        validate=validate)
    if "graph" in header:
        from upsides_data.rdf.formats import OXIGRAPH, rdf_format

        if wanted in ("csv", "tsv"):
            raise UsageError("CONSTRUCT and DESCRIBE give a graph, which has no CSV or TSV form",
                             hint="use --format turtle (or json for JSON-LD, xml for RDF/XML)")
        name = rdf_format({"json": "jsonld", "xml": "rdfxml"}.get(wanted, wanted))
        lines = "".join(" ".join(term or "" for term in triple) + " .\n"
                        for triple in rows).encode("utf-8")
        triples = ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
        written = ox.serialize(triples, format=getattr(ox.RdfFormat, OXIGRAPH[name]),
                               prefixes=dict(PREFIXES) if name != "ntriples" else None)
        return written if written is not None else b""
    if wanted not in RESULT_FORMATS:
        raise UsageError(f"unknown result format {format!r} for SELECT and ASK; choose one of "
                         f"{', '.join(RESULT_FORMATS)}", hint="for example --format json")
    if "ask" in header:
        answer = json.dumps({"head": {}, "boolean": bool(header["ask"])}).encode("utf-8")
        results = ox.parse_query_results(answer, format=ox.QueryResultsFormat.JSON)
    else:
        # The worker's terms are N-Triples terms, which is what the TSV results format holds.
        names = header["variables"]
        tsv = "\t".join("?" + name for name in names) + "\n"
        tsv += "".join("\t".join(term or "" for term in row) + "\n" for row in rows)
        results = ox.parse_query_results(tsv.encode("utf-8"), format=ox.QueryResultsFormat.TSV)
    written = results.serialize(format=getattr(ox.QueryResultsFormat, wanted.upper()))
    return written if written is not None else b""


def _run(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], sparql: str, *,
         terms: bool, timeout: float, max_results: int,
         validate: bool) -> tuple[dict[str, Any], list[list[str | None]]]:
    """The worker's header and its rows (values, or N-Triples terms with ``terms``)."""
    if not isinstance(sparql, str):
        raise UsageError(f"the query must be text, not {type(sparql).__name__}")
    if timeout <= 0 or max_results < 1:
        raise UsageError("the time limit must be above 0 seconds and the result limit at least 1")
    sparql_guard.check(sparql)
    items = arguments.paths(paths, function="query")
    prefixes = {p: ns for p, ns in PREFIXES.items() if f"prefix {p}:" not in sparql.lower()}
    with _Worker() as worker:
        request = {"query": sparql, "prefixes": prefixes, "terms": terms}
        worker.send(json.dumps(request).encode("utf-8") + b"\n")
        for block in blocks(items, validate=validate, purpose="query"):
            if block.height:
                worker.send(ntriples_block(block))
        worker.close_input()
        return _collect(worker, timeout, max_results)


def _collect(worker: "_Worker", timeout: float,
             max_results: int) -> tuple[dict[str, Any], list[list[str | None]]]:
    _raise_for(worker.message(None), worker)  # {"ready": true} once the packages are loaded
    deadline = time.monotonic() + timeout
    header = worker.message(deadline, timeout)
    _raise_for(header, worker)
    if "ask" in header:
        return header, []
    rows: list[list[str | None]] = []
    while True:
        item = worker.message(deadline, timeout)
        if item is _END:
            return header, rows
        _raise_for(item, worker)
        if len(rows) == max_results:
            raise LimitExceededError(
                f"the query gives more than {max_results} rows", findings=[Finding(
                    RULE_RESULT_LIMIT, f"the query gives more than {max_results} rows; it was "
                    "stopped there", field="--max-results",
                    hint="add LIMIT 1000 to the query, narrow its patterns, or raise "
                         f"--max-results above {max_results}")])
        rows.append(item)


def _raise_for(item: Any, worker: "_Worker") -> None:
    """Turn what the worker sent in place of a result into the matching error."""
    if item is _END:
        raise UpsidesError("the query process ended without an answer", findings=[Finding(
            RULE_ABORTED, f"the query process ended unexpectedly ({worker.ending()})",
            hint="run the query again on fewer packages; if it recurs, report it")])
    if not isinstance(item, dict) or "error" not in item:
        return
    kind, message = item["error"], item["message"]
    if kind == "syntax":
        raise UsageError(f"SPARQL syntax error: {message}", rule="query-invalid",
                         hint="check the query against the examples in docs/rdf.md, e.g. "
                              "SELECT ?s WHERE { ?s a ?type } LIMIT 10")
    if kind == "graph":
        raise UsageError("only SELECT and ASK queries are supported (CONSTRUCT/DESCRIBE give "
                         "graphs)", rule="query-refused",
                         hint="ask for rows instead, e.g. SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    raise UpsidesError(f"the query could not be evaluated: {message}", findings=[Finding(
        RULE_ABORTED, f"the query could not be evaluated ({kind}): {message}",
        hint="check the query against the examples in docs/rdf.md")])


class _Worker:
    """The child process running ``query_worker``: fed on stdin, read line by line on a thread so
    that the parent can wait with a deadline, and killed on leaving the ``with`` block."""

    def __init__(self) -> None:
        env = dict(os.environ)
        source_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (source_root, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "upsides_data.rdf.query_worker"], env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines: queue.Queue[Any] = queue.Queue(maxsize=1000)  # the worker waits on a full pipe
        self.stderr = b""
        self._threads = [threading.Thread(target=self._read_stdout, daemon=True),
                         threading.Thread(target=self._read_stderr, daemon=True)]
        for thread in self._threads:
            thread.start()

    def __enter__(self) -> "_Worker":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for thread in self._threads:  # both end at the pipes' end of file, now the worker is gone
            while thread.is_alive():
                self._drain()
                thread.join(timeout=0.05)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None and not stream.closed:
                try:
                    stream.close()
                except OSError:
                    pass

    def _drain(self) -> None:
        try:
            while True:
                self.lines.get_nowait()
        except queue.Empty:
            pass

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(json.loads(line))
        self.lines.put(_END)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        self.stderr = self.process.stderr.read(64 * 1024)
        self.process.stderr.read()  # drain the rest unkept

    def send(self, data: bytes) -> None:
        try:
            assert self.process.stdin is not None
            self.process.stdin.write(data)
        except (BrokenPipeError, ValueError):
            pass  # the worker ended early; what it said comes through its output

    def close_input(self) -> None:
        self.send(b"")
        try:
            assert self.process.stdin is not None
            self.process.stdin.close()
        except BrokenPipeError:
            pass

    def message(self, deadline: float | None, timeout: float = 0.0) -> Any:
        """The next line from the worker; past ``deadline`` the query is stopped."""
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            return self.lines.get(timeout=wait)
        except queue.Empty:
            self.process.kill()
            raise LimitExceededError(
                f"the query ran longer than {timeout:g} seconds", findings=[Finding(
                    RULE_TIME_LIMIT, f"the query ran longer than {timeout:g} seconds and was "
                    "stopped", field="--timeout",
                    hint="add LIMIT 1000 to the query, avoid patterns that share no variable, "
                         f"or raise --timeout above {timeout:g}")]) from None

    def ending(self) -> str:
        code = self.process.wait()
        detail = self.stderr.decode("utf-8", "replace").strip().splitlines()
        told = f": {detail[-1]}" if detail else ""
        return (f"killed by signal {-code}" if code < 0 else f"exit status {code}") + told
