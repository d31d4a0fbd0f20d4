"""``upsides export qdpx|qdc`` and ``upsides import qdpx|qdc``: REFI-QDA interchange.

Parsing and rendering only; ``upsides_data.qda`` does the work. Exit codes: 0 written (warnings
about what the format cannot carry are printed), 1 the output would be invalid against the XSD
given with ``--validate`` (nothing written), 2 usage error or unreadable/refused input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from upsides_data.cli.drafts import NO_VALIDATE_HELP, draft_notice
from upsides_data.cli.groups import attach, export_app, import_app
from upsides_data.cli.names import names_option, roster
from upsides_data.cli.refusals import epilog
from upsides_data.findings import Report
from upsides_data.validate.render import DEFAULT_MAX_PER_RULE, render_text


def _show(report: Report, max_per_rule: int) -> None:
    if report.findings:
        typer.echo(render_text(report, max_per_rule=max_per_rule), nl=False, err=True)


def register(app: typer.Typer) -> None:
    @export_app.command("qdpx", epilog=epilog("export qdpx"))
    def export_qdpx_command(
        packages: list[Path] = typer.Argument(..., help="Site package(s) and their codebook package."),
        out: Path = typer.Option(..., "-o", "--out", help="The .qdpx file to write."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
        validate: Optional[Path] = typer.Option(None, "--validate", help="Check against this XSD "
                                                "(the REFI Project.xsd) before writing."),
        max_per_rule: int = typer.Option(DEFAULT_MAX_PER_RULE, "--max-per-rule", min=1),
        no_validate: bool = typer.Option(False, "--no-validate", help=NO_VALIDATE_HELP),
        names: Optional[Path] = names_option(),
    ) -> None:
        """Export packages as a REFI-QDA project (QDPX) for MAXQDA, NVivo, ATLAS.ti, QualCoder.

        The packages are validated first; when they do not validate, the findings are shown and
        nothing is written (exit 1)."""
        from upsides_data.qda.export import export_qdpx

        with roster(names):
            result = export_qdpx(packages, out, validate_xsd=validate, force=force,
                                 validate=not no_validate)
        _show(result.report, max_per_rule)
        if result.path is None:
            typer.echo(f"nothing written: the project is not valid against {validate}", err=True)
            raise typer.Exit(1)
        typer.echo(f"wrote {result.path}" + (f" (valid against {validate.name})" if validate else ""))
        if no_validate:
            typer.echo(f"notice: {draft_notice('export qdpx')}")

    @export_app.command("qdc", epilog=epilog("export qdc"))
    def export_qdc_command(
        codebook: Path = typer.Argument(..., help="A codebook (or consortium) package."),
        out: Path = typer.Option(..., "-o", "--out", help="The .qdc file to write."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
        validate: Optional[Path] = typer.Option(None, "--validate", help="Check against this XSD "
                                                "(the REFI Codebook.xsd) before writing."),
        max_per_rule: int = typer.Option(DEFAULT_MAX_PER_RULE, "--max-per-rule", min=1),
        no_validate: bool = typer.Option(False, "--no-validate", help=NO_VALIDATE_HELP),
        names: Optional[Path] = names_option(),
    ) -> None:
        """Export a codebook package as a REFI-QDA codebook (QDC).

        The package is validated first; when it does not validate, the findings are shown and
        nothing is written (exit 1)."""
        from upsides_data.qda.export import export_qdc

        with roster(names):
            result = export_qdc(codebook, out, validate_xsd=validate, force=force,
                                validate=not no_validate)
        _show(result.report, max_per_rule)
        if result.path is None:
            typer.echo(f"nothing written: the codebook is not valid against {validate}", err=True)
            raise typer.Exit(1)
        typer.echo(f"wrote {result.path}" + (f" (valid against {validate.name})" if validate else ""))
        if no_validate:
            typer.echo(f"notice: {draft_notice('export qdc')}")

    @import_app.command("qdpx", epilog=epilog("import qdpx"))
    def import_qdpx_command(
        qdpx: list[Path] = typer.Argument(..., help="The .qdpx project to import; several: one "
                                          "per coder, of the same transcripts."),
        site: str = typer.Option(..., "--site", help="The site: a scope (ulm) or id (upsides:ulm/site)."),
        study: str = typer.Option(..., "--study", help="The study: a scope (mhw-2019) or id."),
        out: Path = typer.Option(..., "-o", "--out", help="The site package folder to write."),
        force: bool = typer.Option(False, "--force", help="Replace OUT (and the codebook "
                                   "output) if they exist."),
        codebook_out: Optional[Path] = typer.Option(None, "--codebook-out", help="Where new codes "
                                                    "go (default: OUT-codebook beside OUT)."),
        reference: list[Path] = typer.Option([], "--reference", help="Packages the project was "
                                             "exported from; their ids are given back."),
        codebook: Optional[Path] = typer.Option(None, "--codebook", help="The consortium codebook "
                                                "package: codes are mapped to it by GUID, then "
                                                "by name; new ones go to the site's extension "
                                                "package (--codebook-out, default "
                                                "OUT-codebook-ext)."),
        country: Optional[str] = typer.Option(None, "--country", help="The site's ISO country code."),
        access_level: str = typer.Option("restricted", "--access-level",
                                         help="restricted (default: holds transcripts) or public."),
        max_per_rule: int = typer.Option(DEFAULT_MAX_PER_RULE, "--max-per-rule", min=1),
        names: Optional[Path] = names_option(),
    ) -> None:
        """Import REFI-QDA projects as a site package (and its codebook package).

        Several projects of the same transcripts (one per coder) become one package whose
        codings keep their coders (see `upsides agreement`)."""
        from upsides_data.qda.importer import import_qdpx

        with roster(names):
            result = import_qdpx(qdpx, out, site=site, study=study, access_level=access_level,
                                 codebook_out=codebook_out, reference=reference,
                                 country=country, force=force, codebook=codebook)
        _show(result.report, max_per_rule)
        for line in result.log:
            typer.echo(line)

    @import_app.command("qdc", epilog=epilog("import qdc"))
    def import_qdc_command(
        qdc: Path = typer.Argument(..., help="The .qdc codebook to import."),
        out: Path = typer.Option(..., "-o", "--out", help="The codebook package folder to write."),
        force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
        study: Optional[str] = typer.Option(None, "--study", help="The study scope of new ids "
                                            "(default: from OUT's name)."),
        reference: list[Path] = typer.Option([], "--reference", help="Codebook packages whose ids "
                                             "are given back."),
        max_per_rule: int = typer.Option(DEFAULT_MAX_PER_RULE, "--max-per-rule", min=1),
        names: Optional[Path] = names_option(),
    ) -> None:
        """Import a REFI-QDA codebook (QDC) as a codebook package."""
        from upsides_data.qda.importer import import_qdc

        with roster(names):
            result = import_qdc(qdc, out, study=study, reference=reference, force=force)
        _show(result.report, max_per_rule)
        for line in result.log:
            typer.echo(line)

    attach(app)
