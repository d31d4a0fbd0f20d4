"""``upsides init``, ``upsides template`` and ``upsides pack``: a site's package without code.

Parsing and rendering only; ``upsides_data.sites`` does the work. Exit codes: 0 written, 1 the
sheets or the package written do not validate (nothing written), 2 usage error, unreadable input
or an output that cannot be written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from upsides_data.cli.refusals import epilog
from upsides_data.validate.render import RENDERERS


def register(app: typer.Typer) -> None:
    @app.command("init", epilog=epilog("init"))
    def init_command(
        study: str = typer.Option(..., "--study", help="The study's scope, e.g. mhw-2019."),
        site: str = typer.Option(..., "--site", help="Your site's scope, e.g. bu."),
        country: str = typer.Option(..., "--country",
                                    help="The site's country, ISO 3166-1 alpha-2, e.g. UG."),
        out: Path = typer.Option(..., "-o", "--out", help="The package folder to write."),
        city: Optional[str] = typer.Option(None, "--city", help="Where the data are collected."),
        fiscal_year: Optional[str] = typer.Option(
            None, "--fiscal-year", help="The World Bank fiscal year of data collection, e.g. "
                                        "2020 or FY2020 (FY2020: July 2019 to June 2020)."),
        label: Optional[str] = typer.Option(None, "--label", help="The site label used in quote "
                                                                  "labels, e.g. BU (default: the "
                                                                  "scope in capitals)."),
        name: Optional[str] = typer.Option(None, "--name", help="The site's full name."),
        access_level: str = typer.Option("restricted", "--access-level",
                                         help="restricted or public."),
        codebook: Optional[Path] = typer.Option(None, "--codebook",
                                                help="The consortium's codebook package."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
    ) -> None:
        """Start a site package: site, participation and World Bank income classification."""
        from upsides_data.sites.scaffold import SiteFacts, init_package, parse_fiscal_year
        from upsides_data.sites.template import codebook_lookups

        ref = codebook_lookups(codebook)[1] if codebook is not None else None
        facts = SiteFacts(study=study, site=site, country=country, city=city,
                          fiscal_year=parse_fiscal_year(fiscal_year), label=label, name=name,
                          access_level=access_level, codebook=ref)
        init_package(out, facts, force=force)
        typer.echo(f"wrote {out}: site {facts.label} ({facts.country}) in study {facts.study}")
        for note in facts.notes:
            typer.echo(f"note: {note}")

    @app.command("template", epilog=epilog("template"))
    def template_command(
        out: Path = typer.Option(..., "-o", "--out", help="The workbook to write: .xlsx or .ods."),
        kind: str = typer.Option("site", "--kind", help="site or codebook."),
        codebook: Optional[Path] = typer.Option(
            None, "--codebook", help="The consortium's codebook package: its themes and codes "
                                     "become dropdowns."),
        start: Optional[Path] = typer.Option(
            None, "--from", help="A package to start from (upsides init's folder): its facts "
                                 "and rows fill the workbook."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
    ) -> None:
        """Write a workbook to fill in, generated from the schema."""
        from upsides_data.sites.template import write_template

        write_template(out, kind, codebook=codebook, start=start, force=force)
        typer.echo(f"wrote {out}: a {kind} package template")

    @app.command("pack", epilog=epilog("pack"))
    def pack_command(
        source: Path = typer.Argument(..., help="A filled workbook (.xlsx, .ods) or a folder of "
                                                "CSV files."),
        out: Path = typer.Option(..., "-o", "--out", help="The package folder to write."),
        codebook: Optional[Path] = typer.Option(None, "--codebook",
                                                help="The codebook package the site codes with."),
        date_order: Optional[str] = typer.Option(
            None, "--date-order", help="How to read dates like 03/04/2020: dmy (day first) or "
                                       "mdy (month first). ISO dates need no option."),
        fmt: str = typer.Option("text", "--format", help="Report format: text, json or csv."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
    ) -> None:
        """Turn a filled workbook or CSV folder into a package, validated before it appears."""
        from upsides_data.errors import InvalidInputError
        from upsides_data.sites.pack import pack

        if fmt not in RENDERERS:
            typer.echo(f"error: --format must be one of {', '.join(RENDERERS)}", err=True)
            raise typer.Exit(2)
        try:
            report = pack(source, out, date_order=date_order, codebook=codebook, force=force)
        except InvalidInputError as exc:
            typer.echo(RENDERERS[fmt](exc.report), nl=False)
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1)
        warnings = len(report.warnings)
        line = f"wrote {out} from {source} ({warnings} warning{'s' * (warnings != 1)})"
        if fmt != "text":  # stdout holds only the report, for machines
            typer.echo(line, err=True)
            typer.echo(RENDERERS[fmt](report), nl=False)
            return
        typer.echo(line)
        if warnings:
            typer.echo(RENDERERS[fmt](report), nl=False)
