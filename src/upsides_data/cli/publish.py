"""``upsides publish`` and ``upsides catalog``: parsing and rendering (docs/publishing.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

PUBLISH_LIMITS = (
    "Limits and refusals: the packages are validated first, disclosure rules included (exit 1, "
    "nothing sent); a package that is not public is refused unless --private-endpoint "
    "(publish-restricted-refused, exit 2). Credentials come only from UPSIDES_ENDPOINT_TOKEN, "
    "UPSIDES_ENDPOINT_USER with UPSIDES_ENDPOINT_PASSWORD, or ~/.netrc: an endpoint URL holding "
    "a user or password is refused (endpoint-credentials-in-url, exit 2) and no output ever "
    "shows a secret. A 5xx answer, a time-out or a dropped connection is retried 4 times with "
    "back-off doubling from 0.5 s, then endpoint-unreachable (exit 2); HTTP 401/403 is "
    "endpoint-unauthorised, any other refusal endpoint-refused (exit 2). A failure leaves every "
    "published graph as it was (a PUT replaces a graph whole; with --update-endpoint each graph "
    "is staged and moved into place by one SPARQL Update); publishing again replaces the "
    "graphs (idempotent).")
CATALOG_LIMITS = (
    "Limits and refusals: the packages are validated first (exit 1, nothing written); a package "
    "that is not public is refused unless --private (publish-restricted-refused, exit 2); OUT is "
    "written through the output writer (-o and --force as everywhere, see Outputs above).")


class _Bar:
    """The progress of ``publish`` as a rich bar on stderr: one step per graph, with the
    triples sent so far."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TextColumn("{task.fields[triples]:,} triples"),
                                 console=Console(stderr=True), transient=False)
        self.task = self.progress.add_task("graphs", total=None, triples=0)
        self.triples = 0

    def __enter__(self) -> "_Bar":
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, graphs: int) -> None:
        self.progress.update(self.task, total=graphs)

    def graph(self, label: str) -> None:
        self.progress.update(self.task, description=label)

    def sent(self, triples: int) -> None:
        self.triples += triples
        self.progress.update(self.task, triples=self.triples)

    def done(self, outcome: object) -> None:
        self.progress.advance(self.task)


def register(app: typer.Typer) -> None:
    @app.command("publish", epilog=PUBLISH_LIMITS)
    def publish_cmd(
        paths: list[Path] = typer.Argument(..., help="Site, codebook or consortium packages."),
        endpoint: str = typer.Option(..., "--endpoint",
                                     help="The store's Graph Store Protocol URL, e.g. "
                                          "http://127.0.0.1:7878/store (Oxigraph)."),
        update_endpoint: Optional[str] = typer.Option(
            None, "--update-endpoint",
            help="The store's SPARQL Update URL, e.g. http://127.0.0.1:7878/update: each graph is "
                 "then sent to a staging graph and moved into place by one update (for stores "
                 "whose PUT is not one transaction)."),
        graph_base: Optional[str] = typer.Option(
            None, "--graph-base", help="IRI the graph names start with "
                                       "(default https://w3id.org/upsides-data/graph/)."),
        private_endpoint: bool = typer.Option(
            False, "--private-endpoint",
            help="The store is reachable only inside the consortium: restricted packages may "
                 "be published there."),
        dry_run: bool = typer.Option(False, "--dry-run",
                                     help="Print the graphs and their triple counts; send "
                                          "nothing."),
        withdraw: bool = typer.Option(False, "--withdraw",
                                      help="Delete the packages' graphs and the catalogue "
                                           "graph instead."),
    ) -> None:
        """Publish packages to a SPARQL 1.1 store: each into its own named graph, the DCAT
        catalogue into a catalogue graph (Graph Store HTTP Protocol; see docs/publishing.md)."""
        from upsides_data.rdf import publish, remote

        remote.check_url(endpoint)
        if dry_run:
            for outcome in publish.dry_run(paths, base=graph_base,
                                           private_endpoint=private_endpoint, withdraw=withdraw):
                count = "" if outcome.triples is None else f"  {outcome.triples} triples"
                typer.echo(f"{outcome.action} <{outcome.iri}>{count}")
            return
        with _Bar() as bar:
            if withdraw:
                outcomes = publish.withdraw(paths, endpoint, base=graph_base, progress=bar)
            else:
                outcomes = publish.publish(paths, endpoint, update_endpoint=update_endpoint,
                                           base=graph_base, private_endpoint=private_endpoint,
                                           progress=bar)
        for outcome in outcomes:
            count = "" if outcome.triples is None else f"  {outcome.triples} triples"
            typer.echo(f"{outcome.action} <{outcome.iri}>{count}")

    @app.command("catalog", epilog=CATALOG_LIMITS)
    def catalog_cmd(
        paths: list[Path] = typer.Argument(..., help="Site, codebook or consortium packages."),
        out: Path = typer.Option(..., "-o", "--out", help="The folder to write."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
        private: bool = typer.Option(False, "--private",
                                     help="Allow packages that are not public (the catalogue "
                                          "is then for the consortium only)."),
    ) -> None:
        """Write a static DCAT-AP 3.0.1 catalogue (Turtle and JSON-LD) with one distribution
        file per package, for harvesters (see docs/publishing.md)."""
        from upsides_data.rdf.static_catalog import write_catalog

        typer.echo(f"wrote {write_catalog(paths, out, force=force, private=private)}")
