"""``publish``: each package into its own named graph of a SPARQL 1.1 store, and the DCAT
catalogue into a catalogue graph (docs/publishing.md).

Graph names, under ``graph_base`` (``DEFAULT_GRAPH_BASE`` unless given):

    package      {graph_base}package/{package name}
    catalogue    {graph_base}catalog
    staging      {graph_base}staging/{package name | catalog}

A package's graph holds its records and its dataset's membership triples
(``export.package_blocks``); the catalogue graph holds the DCAT catalogue of the packages
published together (``export.catalog_frame``). Their union is exactly what ``export rdf`` writes
for the same packages, so a query gives the same answers against the store as ``upsides query``.

Never half a graph: a Graph Store ``PUT`` replaces a graph, and the body is sent with its length,
so a request cut short is a broken request, never a shorter graph. Whether the store applies the
replacement in one transaction is the store's business: Oxigraph 0.5's server does (a server
killed in the middle of a ``PUT`` keeps the old graph: ``tests/test_publish.py``), while the
protocol does not demand it, and older Oxigraph servers cleared the graph before loading the
body. For such a store, give ``update_endpoint``: each graph is then ``PUT`` into its staging
graph and moved into place with one SPARQL Update ``MOVE``, which a store runs as one update.
Either way a failure leaves the published graph as it was, and publishing again (replace
semantics: idempotent) finishes the job.

Public means public everywhere: the packages are read through the gateway and validated (the
disclosure rules of ``validate`` included) before anything is sent; a package that is not public
is refused unless the caller declares the endpoint private (``private_endpoint``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Protocol, Sequence

import polars as pl

from upsides_data.errors import UsageError
from upsides_data.findings import Finding
from upsides_data.package.reader import Package
from upsides_data.rdf import remote
from upsides_data.rdf.export import catalog_frame, open_packages, package_blocks
from upsides_data.rdf.triples import ntriples_block
from upsides_data.restricted import restricted_names

PathLike = str | os.PathLike[str]
DEFAULT_GRAPH_BASE = "https://w3id.org/upsides-data/graph/"
CATALOG = "catalog"
RULE_RESTRICTED = "publish-restricted-refused"
RULE_GRAPH_BASE = "publish-graph-base-invalid"


@dataclass
class NamedGraph:
    """One graph to publish: its name, what it holds (a package name or "catalog"), and its
    triples as blocks, made afresh on each call (a retried request sends them again)."""

    iri: str
    label: str
    staging: str
    blocks: Callable[[], Iterator[pl.DataFrame]]

    def count(self) -> int:
        """Triples in the graph: no triple occurs in two blocks, and each block holds each once."""
        return sum(block.height for block in self.blocks())


@dataclass
class Outcome:
    """What happened to one graph: published (with its triple count), withdrawn, absent."""

    iri: str
    label: str
    action: str
    triples: int | None = None


class Progress(Protocol):
    """What the CLI shows while graphs are sent (a rich progress bar on stderr)."""

    def start(self, graphs: int) -> None: ...
    def graph(self, label: str) -> None: ...
    def sent(self, triples: int) -> None: ...
    def done(self, outcome: Outcome) -> None: ...


class _Silent:
    def start(self, graphs: int) -> None: pass
    def graph(self, label: str) -> None: pass
    def sent(self, triples: int) -> None: pass
    def done(self, outcome: Outcome) -> None: pass


def graph_base(base: str | None) -> str:
    """The graph base IRI, checked: an absolute http(s) IRI ending in ``/`` or ``#``."""
    value = base or DEFAULT_GRAPH_BASE
    if (not value.startswith(("http://", "https://")) or value[-1] not in "/#"
            or any(c in value for c in '<>"{}|^`\\ ')):
        raise UsageError(f"--graph-base {value!r} is not an IRI ending in / or #", findings=[
            Finding(RULE_GRAPH_BASE, f"--graph-base {value!r} must be an absolute http(s) IRI "
                    "ending in / or # (graph names are made by appending to it)",
                    field="--graph-base", hint=f"e.g. {DEFAULT_GRAPH_BASE}")])
    return value


def _package_graph(package: Package, base: str) -> NamedGraph:
    return NamedGraph(iri=f"{base}package/{package.name}", label=package.name,
                      staging=f"{base}staging/{package.name}",
                      blocks=lambda: package_blocks(package))


def plan(paths: Sequence[PathLike], *, base: str | None = None,
         private_endpoint: bool = False, withdraw: bool = False) -> list[NamedGraph]:
    """The graphs publishing ``paths`` writes: one per package (sorted by name), then the
    catalogue. Raises ``InvalidInputError`` when the packages do not validate and ``UsageError``
    (``publish-restricted-refused``) for a package that is not public, unless
    ``private_endpoint``. Withdrawing needs only the packages' names: they are not validated."""
    base = graph_base(base)
    packages = open_packages([Path(p) for p in paths], validate=not withdraw,
                             purpose="withdraw" if withdraw else "publish")
    if not withdraw and not private_endpoint:
        refuse_restricted(packages)
    graphs = [_package_graph(p, base) for p in packages]
    graphs.append(NamedGraph(iri=f"{base}{CATALOG}", label=CATALOG,
                             staging=f"{base}staging/{CATALOG}",
                             blocks=lambda: iter([catalog_frame(packages)])))
    return graphs


def refuse_restricted(packages: list[Package]) -> None:
    names = restricted_names(packages)
    if names:
        raise UsageError(f"not public, so not published: {', '.join(names)}", findings=[
            Finding(RULE_RESTRICTED, f"the package is {p.meta.access_level}: it may hold "
                    "exact ages, speaker links or transcripts, and a SPARQL endpoint is read by "
                    "whoever can reach it", package=p.name, file="datapackage.json",
                    field="upsides.access_level",
                    hint="publish the public version made by `upsides anonymise`, or add "
                         "--private-endpoint when only the consortium can reach the store")
            for p in packages if p.name in names])


def _body(graph: NamedGraph, progress: Progress) -> Iterator[bytes]:
    for block in graph.blocks():
        if block.height:
            yield ntriples_block(block)
            progress.sent(block.height)


def publish(paths: Sequence[PathLike], endpoint: str, *, update_endpoint: str | None = None,
            base: str | None = None, private_endpoint: bool = False,
            progress: Progress | None = None, retries: int = remote.RETRIES,
            backoff: float = remote.BACKOFF, timeout: float = remote.TIMEOUT) -> list[Outcome]:
    """Publish each package into its named graph and the catalogue into the catalogue graph.

    ``endpoint`` is the store's Graph Store Protocol URL (Oxigraph: ``http://HOST:7878/store``);
    with ``update_endpoint``, its SPARQL Update URL (``http://HOST:7878/update``), each graph is
    staged first and moved into place (see the module docstring). A failure leaves every graph
    old or new. Raises ``OutputError`` (exit 2) when the store cannot be
    reached after the retries or refuses a request; graphs published before stay published.
    """
    progress = progress or _Silent()
    graphs = plan(paths, base=base, private_endpoint=private_endpoint)
    store = remote.Endpoint(endpoint, retries=retries, backoff=backoff, timeout=timeout)
    update = None if update_endpoint is None else remote.Endpoint(
        update_endpoint, option="--update-endpoint", retries=retries, backoff=backoff,
        timeout=timeout)
    outcomes = []
    progress.start(len(graphs))
    for graph in graphs:
        progress.graph(graph.label)
        data = b"".join(_body(graph, progress))  # one graph at a time: its length is sent
        if update is None:
            remote.put_graph(store, graph.iri, data)
        else:
            try:
                remote.put_graph(store, graph.staging, data)
            except BaseException:
                _forget(store, graph.staging)
                raise
            remote.move_graph(update, graph.staging, graph.iri)
        outcome = Outcome(graph.iri, graph.label, "published", data.count(b"\n"))
        outcomes.append(outcome)
        progress.done(outcome)
    return outcomes


def _forget(store: remote.Endpoint, staging: str) -> None:
    """Remove a staging graph a failed request may have left (best effort: the store may be
    gone; the next publish replaces it anyway)."""
    try:
        quick = remote.Endpoint(store.url, option=store.option, retries=0, timeout=10.0)
        remote.delete_graph(quick, staging)
    except Exception:  # noqa: BLE001 - the original failure is what the user must see
        pass


def withdraw(paths: Sequence[PathLike], endpoint: str, *, base: str | None = None,
             progress: Progress | None = None, retries: int = remote.RETRIES,
             backoff: float = remote.BACKOFF, timeout: float = remote.TIMEOUT) -> list[Outcome]:
    """Delete the packages' graphs, their staging graphs and the catalogue graph (which
    described the packages published together; publish the ones that stay to write it anew)."""
    progress = progress or _Silent()
    graphs = plan(paths, base=base, withdraw=True)
    store = remote.Endpoint(endpoint, retries=retries, backoff=backoff, timeout=timeout)
    outcomes = []
    progress.start(len(graphs))
    for graph in graphs:
        progress.graph(graph.label)
        remote.delete_graph(store, graph.staging)
        existed = remote.delete_graph(store, graph.iri)
        outcome = Outcome(graph.iri, graph.label, "withdrawn" if existed else "absent")
        outcomes.append(outcome)
        progress.done(outcome)
    return outcomes


def dry_run(paths: Sequence[PathLike], *, base: str | None = None,
            private_endpoint: bool = False, withdraw: bool = False) -> list[Outcome]:
    """What publishing (or withdrawing) would do, with each graph's triple count; nothing is
    sent, and the same refusals apply."""
    graphs = plan(paths, base=base, private_endpoint=private_endpoint, withdraw=withdraw)
    action = "would withdraw" if withdraw else "would publish"
    return [Outcome(g.iri, g.label, action, None if withdraw else g.count()) for g in graphs]
