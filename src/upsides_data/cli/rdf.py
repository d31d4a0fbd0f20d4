"""``upsides export rdf``, ``upsides import rdf`` and ``upsides query``: parsing and rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from upsides_data.cli.drafts import NO_VALIDATE_HELP, draft_notice
from upsides_data.cli.groups import attach, export_app, import_app
from upsides_data.cli.names import names_option, roster
from upsides_data.cli.refusals import epilog
from upsides_data.limits import QUERY_MAX_RESULTS, QUERY_TIMEOUT_SECONDS

RDF_FORMAT_HELP = ("turtle, ntriples, jsonld, trig, nquads or rdfxml; rdflib's names work too "
                   "(ttl, nt, json-ld, xml, ...). Default: from the extension of -o "
                   "(.ttl .nt .jsonld .trig .nq .rdf), else turtle.")
QUERY_FORMAT_HELP = ("table (for reading), or the W3C SPARQL results formats json, xml, csv or "
                     "tsv. CONSTRUCT and DESCRIBE give RDF: turtle (also for table), json "
                     "(JSON-LD), xml (RDF/XML) or any RDF format name.")

def _render(rows: list[dict[str, str | None]]) -> str:
    columns = list(rows[0]) if rows else []
    widths = {c: max([len(c)] + [len(r[c] or "") for r in rows]) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns).rstrip(),
             "  ".join("-" * widths[c] for c in columns)]
    lines += ["  ".join((r[c] or "").ljust(widths[c]) for c in columns).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _is_graph_query(sparql: str) -> bool:
    from upsides_data.rdf import sparql_guard

    return sparql_guard.query_form(sparql) in ("CONSTRUCT", "DESCRIBE")


def register(app: typer.Typer) -> None:
    attach(app)

    @export_app.command("rdf", epilog=epilog("export rdf"))
    def export_rdf(
        paths: list[Path] = typer.Argument(..., help="Site, codebook or consortium packages."),
        fmt: Optional[str] = typer.Option(None, "--format", "-f", help=RDF_FORMAT_HELP),
        out: Path = typer.Option(..., "-o", "--out", help="The RDF file to write."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
        no_validate: bool = typer.Option(False, "--no-validate", help=NO_VALIDATE_HELP),
        names: Optional[Path] = names_option(),
    ) -> None:
        """Export packages as RDF (records, Web Annotations, PROV, DCAT catalogue).

        The packages are validated first; when they do not validate, the findings are shown and
        nothing is written (exit 1)."""
        from upsides_data.rdf.export import export_rdf as write_rdf

        with roster(names):
            written = write_rdf(paths, out, format=fmt, force=force, validate=not no_validate)
        typer.echo(f"wrote {written}")
        if no_validate:
            typer.echo(f"notice: {draft_notice('export rdf')}")

    @import_app.command("rdf", epilog=epilog("import rdf"))
    def import_rdf(
        file: Path = typer.Argument(..., help="An RDF export (.ttl, .nt or .jsonld)."),
        out: Path = typer.Option(..., "-o", "--out", help="The package folder to write."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
        names: Optional[Path] = names_option(),
    ) -> None:
        """Read an RDF export back into its package(s)."""
        from upsides_data.rdf.importer import import_rdf

        with roster(names):
            folders = import_rdf(file, out, force=force)
        for folder in folders:
            typer.echo(f"wrote {folder}")

    @app.command("query", epilog=epilog("query"))
    def query_cmd(
        paths: list[Path] = typer.Argument(None, help="Packages to query (none with --endpoint)."),
        sparql: str = typer.Argument(..., help="A SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query "
                                                "(the last argument)."),
        fmt: str = typer.Option("table", "--format", "-f", help=QUERY_FORMAT_HELP),
        out: Optional[Path] = typer.Option(None, "-o", "--out",
                                           help="Write the result to this file (default: stdout)."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
        no_validate: bool = typer.Option(False, "--no-validate", help=NO_VALIDATE_HELP),
        timeout: float = typer.Option(QUERY_TIMEOUT_SECONDS, "--timeout", min=0.001,
                                      help="Seconds the query may run (loading not counted)."),
        max_results: int = typer.Option(QUERY_MAX_RESULTS, "--max-results", min=1,
                                        help="Rows a SELECT may give."),
        endpoint: Optional[str] = typer.Option(
            None, "--endpoint", help="Query this SPARQL 1.1 store instead of packages, e.g. "
                                     "http://127.0.0.1:7878/query (docs/publishing.md)."),
    ) -> None:
        """Run SPARQL over the packages' RDF export (see docs/rdf.md for examples).

        The packages are validated first; when they do not validate, the findings are shown and
        no query runs (exit 1)."""
        paths = paths or []
        if endpoint is not None:
            from upsides_data.rdf.remote import query_endpoint

            answer = query_endpoint(endpoint, paths, sparql, fmt=fmt, timeout=timeout,
                                    max_results=max_results)
            text = _render(answer) + "\n" if isinstance(answer, list) else answer
            result = text.encode("utf-8")
        else:
            from upsides_data.rdf.query import query, query_results

            if fmt == "table" and not _is_graph_query(sparql):
                rows = query(paths, sparql, timeout=timeout, max_results=max_results,
                             validate=not no_validate)
                result = (_render(rows) + "\n").encode("utf-8")
            else:
                result = query_results(paths, sparql, format="turtle" if fmt == "table" else fmt,
                                       timeout=timeout, max_results=max_results,
                                       validate=not no_validate)
        if out is None:
            typer.echo(result.decode("utf-8"), nl=False)
        else:
            from upsides_data.output import write_file

            with write_file(out, inputs=paths, force=force) as temp:
                temp.write_bytes(result)
            typer.echo(f"wrote {out}")
        if no_validate:
            typer.echo(f"notice: {draft_notice('query')}", err=True)
