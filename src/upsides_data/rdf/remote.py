"""A SPARQL 1.1 store over HTTP: the Graph Store Protocol, SPARQL Update and the SPARQL Protocol.

``publish`` writes named graphs with the Graph Store HTTP Protocol (``PUT`` replaces a graph,
``DELETE`` removes it) and swaps a staged graph into place with one SPARQL Update (``MOVE``);
``upsides query --endpoint`` reads with the SPARQL 1.1 Protocol, read-only (``sparql_guard``).
Everything goes through ``Endpoint``, which keeps the three promises of docs/publishing.md:

- credentials come from the environment (``UPSIDES_ENDPOINT_TOKEN``, or
  ``UPSIDES_ENDPOINT_USER`` and ``UPSIDES_ENDPOINT_PASSWORD``) or from ``~/.netrc``; an endpoint
  URL holding a user or password is refused, so no secret is ever typed on a command line, and
  no message this module makes ever contains one (``Credentials.redact``);
- a 5xx answer, a time-out or a dropped connection is retried with exponential back-off, a
  bounded number of times (``RETRIES``); any other refusal ends at once with a finding;
- every failure is an ``UpsidesError`` with a finding naming the endpoint and the rule, never a
  urllib3 exception.

urllib3 is the HTTP client (a maintained library that requests is built on, already a runtime
dependency through frictionless). A graph is sent with its length (``put_graph``), so a body cut
short is a broken request the store refuses, never a shorter graph.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import netrc
import os
import time
from dataclasses import dataclass
from typing import Any, BinaryIO, Callable, Iterable, Iterator
from urllib.parse import urlencode, urlsplit

from upsides_data.errors import OutputError, UpsidesError, UsageError
from upsides_data.findings import Finding

RETRIES = 4  # attempts after the first, so at most five requests per operation
BACKOFF = 0.5  # seconds before the first retry; doubled before each next one
TIMEOUT = 300.0  # seconds a store may take to answer (a large graph loads inside one request)

RULE_URL = "endpoint-url-invalid"
RULE_CREDENTIALS_IN_URL = "endpoint-credentials-in-url"
RULE_NETRC = "endpoint-netrc-invalid"
RULE_UNREACHABLE = "endpoint-unreachable"
RULE_UNAUTHORISED = "endpoint-unauthorised"
RULE_REFUSED = "endpoint-refused"

# W3C result formats of the SPARQL 1.1 Protocol, by the name ``--format`` takes
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
N_TRIPLES = "application/n-triples"
FORM = "application/x-www-form-urlencoded"
ENV_TOKEN, ENV_USER, ENV_PASSWORD = ("UPSIDES_ENDPOINT_TOKEN", "UPSIDES_ENDPOINT_USER",
                                     "UPSIDES_ENDPOINT_PASSWORD")


@dataclass(frozen=True)
class Credentials:
    """How requests authenticate: an ``Authorization`` header value, where it came from (said in
    messages), and the secret itself, so that ``redact`` can keep it out of every message."""

    header: str
    source: str
    secret: str

    def redact(self, text: str) -> str:
        for secret in {self.secret, self.header}:
            if secret:
                text = text.replace(secret, "***")
        return text


def credentials_for(url: str) -> Credentials | None:
    """The credentials for ``url``: a token or user and password from the environment, else the
    ``~/.netrc`` entry (``NETRC`` names another file) for its host, else None."""
    token = os.environ.get(ENV_TOKEN)
    if token:
        return Credentials(f"Bearer {token}", f"${ENV_TOKEN}", token)
    user, password = os.environ.get(ENV_USER), os.environ.get(ENV_PASSWORD)
    if user and password:
        return _basic(user, password, f"${ENV_USER} and ${ENV_PASSWORD}")
    if user or password:
        raise UsageError("give both UPSIDES_ENDPOINT_USER and UPSIDES_ENDPOINT_PASSWORD, or "
                         "neither", rule=RULE_NETRC,
                         hint="export UPSIDES_ENDPOINT_USER=publisher and "
                              "UPSIDES_ENDPOINT_PASSWORD in the shell, or use ~/.netrc")
    return _from_netrc(urlsplit(url).hostname or "")


def _basic(user: str, password: str, source: str) -> Credentials:
    pair = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
    return Credentials(f"Basic {pair}", source, password)


def _from_netrc(host: str) -> Credentials | None:
    path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if not os.path.isfile(path):
        return None
    try:
        entry = netrc.netrc(path).authenticators(host)
    except (netrc.NetrcParseError, OSError, UnicodeDecodeError):
        # the parser's message may quote the file's text, which holds passwords: say only where
        raise UsageError(f"{path} cannot be read as a netrc file", rule=RULE_NETRC,
                         hint="write one line per host, e.g. machine store.example.org login "
                              "publisher password ...; see `man netrc`") from None
    if entry is None or not entry[2]:
        return None
    return _basic(entry[0] or "", entry[2], f"~/.netrc (machine {host})")


def check_url(url: str, option: str = "--endpoint") -> str:
    """The URL as given, once it is an http(s) URL without user, password or fragment."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        # never echo the URL: it holds the secret
        raise UsageError(f"{option} holds a user name or password", findings=[Finding(
            RULE_CREDENTIALS_IN_URL, f"{option} must not carry credentials: a command line is "
            "seen by other users and kept in shell history", field=option,
            hint="give the plain URL, e.g. http://127.0.0.1:7878/store, and put the password in "
                 "UPSIDES_ENDPOINT_PASSWORD (with UPSIDES_ENDPOINT_USER) or in ~/.netrc")])
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.fragment:
        raise UsageError(f"{option} {url!r} is not an http(s) URL", findings=[Finding(
            RULE_URL, f"{option} {url!r} is not an http(s) URL without a #fragment",
            field=option, hint="e.g. http://127.0.0.1:7878/store")])
    return url


class Endpoint:
    """One HTTP endpoint of a store, with its credentials, time-out and retry policy."""

    def __init__(self, url: str, *, option: str = "--endpoint", retries: int = RETRIES,
                 backoff: float = BACKOFF, timeout: float = TIMEOUT,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        import urllib3

        self.url = check_url(url, option)
        self.option = option
        self.credentials = credentials_for(url)
        self.retries, self.backoff, self.timeout, self._sleep = retries, backoff, timeout, sleep
        # urllib3 holds the socket to the connect time-out while it sends the body, and a store
        # may read a large graph slowly as it loads it: both phases get the whole time-out
        self._pool = urllib3.PoolManager(retries=False, timeout=urllib3.Timeout(
            connect=timeout, read=timeout))

    def _headers(self, extra: dict[str, str]) -> dict[str, str]:
        headers = {"User-Agent": "upsides-data", **extra}
        if self.credentials is not None:
            headers["Authorization"] = self.credentials.header
        return headers

    def _redact(self, text: str) -> str:
        return self.credentials.redact(text) if self.credentials else text

    def request(self, method: str, *, params: dict[str, str] | None = None,
                body: Callable[[], bytes | BinaryIO | Iterator[bytes]] | None = None,
                headers: dict[str, str] | None = None, what: str,
                ok: Iterable[int] = (200, 201, 204), missing_ok: bool = False) -> "Answer":
        """Send one request, retried on 5xx, time-outs and dropped connections; ``body`` makes
        the body afresh for each attempt (an iterator without a ``Content-Length`` header is
        sent chunked)."""
        import urllib3

        url = self.url + (("&" if "?" in self.url else "?") + urlencode(params) if params else "")
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self._sleep(self.backoff * 2 ** (attempt - 1))
            content = body() if body is not None else None
            failed: list[BaseException] = []
            chunked = (content is not None and not isinstance(content, bytes)
                       and "Content-Length" not in (headers or {}))
            if chunked:
                content = _watched(content, failed)  # type: ignore[arg-type]
            try:
                response = self._pool.request(
                    method, url, body=content, headers=self._headers(headers or {}),
                    chunked=chunked, redirect=False, preload_content=True)
            except urllib3.exceptions.HTTPError as exc:
                if failed:  # making the body failed here, not the store: say that, not retry
                    raise failed[0] from None
                last = f"{type(exc).__name__}: {self._redact(str(exc))}"
                continue
            status = response.status
            if status >= 500:
                last = f"HTTP {status} {self._snippet(response.data)}"
                continue
            if status == 404 and missing_ok:
                return Answer(status, response.data, response.headers.get("Content-Type", ""))
            if status in (401, 403):
                raise OutputError(f"{what}: the store refused the credentials (HTTP {status})",
                                  findings=[self._finding(
                                      RULE_UNAUTHORISED, f"{what}: HTTP {status} from "
                                      f"{self.url} ({self._said()})",
                                      "put the store's user and password in "
                                      "UPSIDES_ENDPOINT_USER and UPSIDES_ENDPOINT_PASSWORD, a "
                                      "token in UPSIDES_ENDPOINT_TOKEN, or a line in ~/.netrc")])
            if status not in tuple(ok):
                raise OutputError(f"{what}: the store answered HTTP {status}", findings=[
                    self._finding(RULE_REFUSED, f"{what}: HTTP {status} from {self.url}: "
                                  f"{self._snippet(response.data)}",
                                  f"check that {self.option} is the right endpoint of the store "
                                  "(docs/publishing.md lists them for Oxigraph and Virtuoso)")])
            return Answer(status, response.data, response.headers.get("Content-Type", ""))
        raise OutputError(f"{what}: no answer from {self.url} after {self.retries + 1} attempts",
                          findings=[self._finding(
                              RULE_UNREACHABLE, f"{what}: {self.url} did not answer after "
                              f"{self.retries + 1} attempts with back-off (last: {last})",
                              "check that the store is running and reachable, e.g. "
                              "oxigraph serve --location store --bind 127.0.0.1:7878, then run "
                              "the same command again (publishing again is safe)")])

    def _said(self) -> str:
        return (f"credentials from {self.credentials.source}" if self.credentials
                else "no credentials were found")

    def _snippet(self, data: bytes) -> str:
        text = " ".join(data[:300].decode("utf-8", "replace").split())
        return self._redact(text) or "(empty answer)"

    def _finding(self, rule: str, message: str, hint: str) -> Finding:
        return Finding(rule, self._redact(message), field=self.option, hint=hint)


def _watched(chunks: Iterator[bytes], failed: list[BaseException]) -> Iterator[bytes]:
    """The body's chunks; an exception raised while making them is kept in ``failed`` (urllib3
    reports it as a broken connection, which would be retried as the store's fault)."""
    try:
        yield from chunks
    except BaseException as exc:
        failed.append(exc)
        raise


@dataclass(frozen=True)
class Answer:
    status: int
    data: bytes
    content_type: str


# -- the Graph Store HTTP Protocol and SPARQL Update ------------------------------------------------

def put_graph(store: Endpoint, graph: str, data: bytes,
              body: Callable[[], bytes | BinaryIO] | None = None) -> None:
    """Replace the named graph ``graph`` with the N-Triples ``data`` (``PUT``).

    The body is sent with its ``Content-Length``, not chunked: Virtuoso 7 does not read a
    chunked body to its end (measured: it stored a part of each graph and answered 201), and
    with the length known every store can tell a request cut short from a whole one. ``body``
    makes what is sent (``data`` itself unless given: tests pass a reader that fails half-way).
    """
    store.request("PUT", params={"graph": graph}, body=body or (lambda: data),
                  headers={"Content-Type": N_TRIPLES, "Content-Length": str(len(data))},
                  what=f"PUT <{graph}>")


def delete_graph(store: Endpoint, graph: str) -> bool:
    """Remove the named graph ``graph`` (``DELETE``); False when it was not there."""
    answer = store.request("DELETE", params={"graph": graph}, what=f"DELETE <{graph}>",
                           missing_ok=True)
    return answer.status != 404


def move_graph(update: Endpoint, source: str, target: str) -> None:
    """Replace ``target`` with ``source`` and drop ``source``: one SPARQL Update operation,
    which a store runs as one transaction, so ``target`` is old or new, never in between."""
    text = f"MOVE SILENT GRAPH <{source}> TO GRAPH <{target}>"
    update.request("POST", body=_form("update", text), headers={"Content-Type": FORM},
                   what=f"MOVE <{source}> TO <{target}>")


def _form(name: str, text: str) -> Callable[[], bytes]:
    """A URL-encoded form body: the way of the SPARQL 1.1 Protocol every store answers
    (Virtuoso 7.2 never answers a query POSTed directly as ``application/sparql-query``)."""
    encoded = urlencode({name: text}).encode("ascii")
    return lambda: encoded


# -- the SPARQL 1.1 Protocol ------------------------------------------------------------------------

def select(endpoint: Endpoint, sparql: str, fmt: str) -> bytes:
    """The store's answer to a read-only query, in the W3C result format ``fmt``."""
    from upsides_data.rdf import sparql_guard
    from upsides_data.rdf.terms import PREFIXES

    if fmt not in RESULT_TYPES:
        raise UsageError(f"unknown result format {fmt!r}; choose one of "
                         f"{', '.join(RESULT_TYPES)}", rule="usage", hint="e.g. --format json")
    sparql_guard.check(sparql)
    declared = [f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items())
                if f"prefix {p}:" not in sparql.lower()]
    text = "".join(declared) + sparql
    answer = endpoint.request("POST", body=_form("query", text),
                              headers={"Content-Type": FORM, "Accept": RESULT_TYPES[fmt]},
                              what="query")
    return answer.data


def rows(results: bytes) -> list[dict[str, str | None]]:
    """SPARQL JSON results as the embedded ``query`` gives them: variable -> text (or None),
    or one row ``{"ask": "true"|"false"}``."""
    try:
        data = json.loads(results)
    except (ValueError, UnicodeDecodeError):
        raise UpsidesError("the store's answer is not SPARQL JSON results", rule=RULE_REFUSED,
                           hint="check that --endpoint is the store's query endpoint") from None
    if "boolean" in data:
        return [{"ask": "true" if data["boolean"] else "false"}]
    names = data["head"]["vars"]
    return [{n: (b[n]["value"] if n in b else None) for n in names}
            for b in data["results"]["bindings"]]


def count_rows(results: bytes, fmt: str) -> int:
    """How many solutions a W3C result document holds (to keep ``--max-results``)."""
    if fmt == "json":
        return len(rows(results))
    text = results.decode("utf-8", "replace")
    if fmt == "xml":
        return text.count("<result>") + text.count("<result ")
    delimiter = "," if fmt == "csv" else "\t"
    if fmt == "tsv":  # TSV has no quoting: one line per solution after the header
        return max(0, len([line for line in text.splitlines() if line]) - 1)
    return max(0, sum(1 for _ in csv.reader(io.StringIO(text), delimiter=delimiter)) - 1)


def query_endpoint(url: str, paths: list[Any], sparql: str, *, fmt: str, timeout: float,
                   max_results: int) -> str | list[dict[str, str | None]]:
    """``upsides query --endpoint``: the store's answer in the W3C format ``fmt`` (json, xml,
    csv, tsv) as text, or, for ``table``, the rows for the CLI to lay out. Read-only: the query
    passes ``sparql_guard`` first, as the embedded ``query`` does; the same common prefixes are
    declared. Past ``timeout`` seconds or ``max_results`` rows it stops with the embedded
    query's findings (``query-time-limit``, ``query-result-limit``)."""
    from upsides_data.errors import LimitExceededError
    from upsides_data.rdf.query import RULE_RESULT_LIMIT, RULE_TIME_LIMIT

    if paths:
        raise UsageError("give either packages or --endpoint, not both", rule="usage",
                         hint="upsides query --endpoint http://127.0.0.1:7878/query "
                              "'SELECT ?s WHERE { ?s a ?type } LIMIT 10'")
    if timeout <= 0 or max_results < 1:
        raise UsageError("the time limit must be above 0 seconds and the result limit at least 1")
    wanted = "json" if fmt == "table" else fmt
    endpoint = Endpoint(url, retries=0, timeout=timeout)
    try:
        answer = select(endpoint, sparql, wanted)
    except OutputError as exc:
        if any(f.rule == RULE_UNREACHABLE and "Timeout" in f.message for f in exc.findings):
            raise LimitExceededError(f"the query ran longer than {timeout:g} seconds", findings=[
                Finding(RULE_TIME_LIMIT, f"the store gave no answer within {timeout:g} seconds",
                        field="--timeout", hint="add LIMIT 1000 to the query, or raise "
                                                f"--timeout above {timeout:g}")]) from None
        raise UpsidesError(str(exc), findings=exc.findings) from None
    if count_rows(answer, wanted) > max_results:
        raise LimitExceededError(f"the query gives more than {max_results} rows", findings=[
            Finding(RULE_RESULT_LIMIT, f"the query gives more than {max_results} rows",
                    field="--max-results", hint="add LIMIT 1000 to the query, narrow its "
                                                f"patterns, or raise --max-results above "
                                                f"{max_results}")])
    if fmt == "table":
        return rows(answer)
    return answer.decode("utf-8")
