"""``upsides export rdf``, ``upsides import rdf`` and ``upsides query``: parsing and rendering."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Optional

import typer

from upsides_data.cli.drafts import NO_VALIDATE_HELP, draft_notice
from upsides_data.cli.groups import attach, export_app, import_app
from upsides_data.cli.names import names_option, roster
from upsides_data.cli.refusals import epilog
from upsides_data.limits import QUERY_MAX_RESULTS, QUERY_TIMEOUT_SECONDS

RDF_FORMATS = ("turtle", "jsonld", "ntriples")
TABLE_FORMATS = ("table", "csv", "json")


def _render(rows: list[dict[str, str | None]], fmt: str) -> str:
    columns = list(rows[0]) if rows else []
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if r[c] is None else r[c] for c in columns] for r in rows])
        return buffer.getvalue().rstrip("\n")
    widths = {c: max([len(c)] + [len(r[c] or "") for r in rows]) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns).rstrip(),
             "  ".join("-" * widths[c] for c in columns)]
    lines += ["  ".join((r[c] or "").ljust(widths[c]) for c in columns).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(allowed)}", param_hint=option)
    return value


def register(app: typer.Typer) -> None:
    attach(app)

    @export_app.command("rdf", epilog=epilog("export rdf"))
    def export_rdf(
        paths: list[Path] = typer.Argument(..., help="Site, codebook or consortium packages."),
        fmt: str = typer.Option("turtle", "--format", "-f",
                                help="turtle, jsonld or ntriples."),
        out: Path = typer.Option(..., "-o", "--out", help="The RDF file to write."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
        no_validate: bool = typer.Option(False, "--no-validate", help=NO_VALIDATE_HELP),
        names: Optional[Path] = names_option(),
    ) -> None:
        """Export packages as RDF (records, Web Annotations, PROV, DCAT catalogue).

        The packages are validated first; when they do not validate, the findings are shown and
        nothing is written (exit 1)."""
        from upsides_data.rdf.export import to_rdf

        with roster(names):
            written = to_rdf(paths, out, format=_choice(fmt, RDF_FORMATS, "--format"),
                             force=force, validate=not no_validate)
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
        from upsides_data.rdf.importer import from_rdf

        with roster(names):
            folders = from_rdf(file, out, overwrite=force)
        for folder in folders:
            typer.echo(f"wrote {folder}")

    @app.command("query", epilog=epilog("query"))
    def query_cmd(
        paths: list[Path] = typer.Argument(None, help="Packages to query (none with --endpoint)."),
        sparql: str = typer.Argument(..., help="A SPARQL SELECT or ASK query (the last argument)."),
        fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
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
        if endpoint is not None:
            from upsides_data.rdf.remote import query_endpoint

            answer = query_endpoint(endpoint, paths or [], sparql, fmt=fmt, timeout=timeout,
                                    max_results=max_results)
            typer.echo(_render(answer, "table") if isinstance(answer, list) else answer,
                       nl=isinstance(answer, list))
            return
        from upsides_data.rdf.query import query

        rows = query(paths or [], sparql, timeout=timeout, max_results=max_results,
                     validate=not no_validate)
        typer.echo(_render(rows, _choice(fmt, TABLE_FORMATS, "--format")))
        if no_validate:
            typer.echo(f"notice: {draft_notice('query')}", err=True)
