"""One small case per rule code that no fixture folder holds, built in a test's ``tmp_path``.

``CASES[code](tmp_path)`` builds the case and returns the findings the library reported (for a
refusal: the error's findings). ``tests/test_rule_cases.py`` runs every case and asserts its code
is among them; ``tests/test_rules_registry.py`` asserts that every registered code has a fixture
folder (tests/data/invalid, tests/data/badinput) or a case here.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import types
import zipfile
from pathlib import Path
from typing import Any, Callable

import polars as pl
import pytest

import package_factory as pf
from package_factory import edit_descriptor, make_site_package, set_cell, write_bytes
from upsides_data.errors import OutputError, UpsidesError
from upsides_data.findings import Finding

Case = Callable[[Path], list[Finding]]
CASES: dict[str, Case] = {}


def case(*codes: str) -> Callable[[Case], Case]:
    def register(fn: Case) -> Case:
        for code in codes:
            CASES[code] = fn
        return fn
    return register


def refusal(call: Callable[[], Any]) -> list[Finding]:
    """The findings of the UpsidesError ``call`` raises (a case that does not raise fails)."""
    try:
        call()
    except UpsidesError as exc:
        return list(exc.findings)
    raise AssertionError("the call was expected to be refused")


def _validate(*paths: Path) -> list[Finding]:
    from upsides_data.validate.runner import validate

    return validate(list(paths)).findings


def _pair(tmp: Path) -> tuple[Path, Path]:
    site = make_site_package(tmp)
    return site, tmp / "codebook"


# -- the runner and layer 1 -------------------------------------------------------------------

@case("check-crashed")
def _crashed_layer(tmp: Path) -> list[Finding]:
    from upsides_data.validate import columns

    def boom(ctx: Any) -> Any:
        raise RuntimeError("a bug")

    site = make_site_package(tmp)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(columns, "check", boom)  # layer 3 of the default engine
        return _validate(site)


@case("codebook-invalid")
def _codebook_invalid(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    theme = (codebook / "theme.csv").read_bytes()
    write_bytes(codebook, "theme", theme.replace(b"Roles", b"R\xf4les", 1))
    return _validate(site)  # the codebook is found beside it


@case("codebook-not-found")
def _codebook_not_named(tmp: Path) -> list[Finding]:
    site = make_site_package(tmp, codebook=None)
    return _validate(site)


@case("codebook-unresolved")
def _codebook_unresolved(tmp: Path) -> list[Finding]:
    site = make_site_package(tmp, with_codebook=False)
    return _validate(site)


@case("column-order")
def _column_order(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    rows = pf.read_rows(site, "analyst_team_roles")
    pf._write_rows(site, "analyst_team_roles", [list(reversed(r)) for r in rows])
    return _validate(site, codebook)


@case("path-invalid")
def _path_invalid(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    edit_descriptor(site, lambda d: pf.resource(d, "memo").update(path=5))
    return _validate(site, codebook)


@case("file-unreadable")
def _file_in_a_link_loop(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    (site / "memo.csv").unlink()
    os.symlink("memo.csv", site / "memo.csv")  # a link to itself: it can never be resolved
    return _validate(site, codebook)


# -- layer 2 ----------------------------------------------------------------------------------

@case("constraint-maximum")
def _maximum(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    set_cell(site, "focus_group", 2, "duration_minutes", "2000")
    return _validate(site, codebook)


def _table_checks(tmp: Path, schema: dict[str, Any], rows: dict[str, list[str]]) -> list[Finding]:
    """The fast engine's checks of one table against a Table Schema the standard does not use
    (the engine checks any Table Schema)."""
    from upsides_data.package import open_package
    from upsides_data.validate.context import PackageContext
    from upsides_data.validate.tables import ROW, check_table

    site = make_site_package(tmp)
    frame = pl.DataFrame(rows, schema={k: pl.String for k in rows}).with_row_index(ROW, offset=2)
    ctx = PackageContext(package=open_package(site))
    return list(check_table(ctx, "memo", frame, schema))


@case("constraint-unique")
def _unique(tmp: Path) -> list[Finding]:
    schema = {"fields": [{"name": "id", "type": "string"},
                         {"name": "code", "type": "string", "constraints": {"unique": True}}],
              "primaryKey": ["id"]}
    return _table_checks(tmp, schema, {"id": ["a", "b"], "code": ["same", "same"]})


@case("engine-unsupported")
def _unsupported_type(tmp: Path) -> list[Finding]:
    schema = {"fields": [{"name": "id", "type": "string"}, {"name": "at", "type": "geopoint"}],
              "primaryKey": ["id"]}
    return _table_checks(tmp, schema, {"id": ["a"], "at": ["48.4,9.9"]})


@case("frictionless-error")
def _frictionless_error(tmp: Path) -> list[Finding]:
    from upsides_data.validate import frictionless_engine

    error = types.SimpleNamespace(type="source-error", message="the source cannot be opened",
                                  row_number=None, field_name=None, note="")
    ctx = types.SimpleNamespace(name="upsides-mhw-2019-ulm")
    return list(frictionless_engine._map(ctx, "memo", "memo.csv", error, ["id"]))


# -- layer 4: rules ----------------------------------------------------------------------------

@case("label-parts")
def _label_parts(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    set_cell(site, "quote", 2, "label", "Ulm 13")
    return _validate(site, codebook)


@case("group-sum", "study-total")
def _groups_over_the_study(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    set_cell(codebook, "study", 2, "participant_count", "4")
    return _validate(site, codebook)


@case("reference-unchecked")
def _codebook_alone(tmp: Path) -> list[Finding]:
    _, codebook = _pair(tmp)
    return _validate(codebook)


@case("reference-unreadable")
def _cited_site_unreadable(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    quotes = (site / "quote.csv").read_bytes()
    write_bytes(site, "quote", quotes.replace(b"Synthetic", b"Synth\xe9tic", 1))
    return _validate(site, codebook)


@case("focus-group-package")
def _sited_group_in_a_codebook(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    pf.append_rows(codebook, "focus_group", [{"id": "upsides:mhw-2019/fg-9",
                                              "study": pf.STUDY, "site": pf.SITE}])
    return _validate(site, codebook)


@case("id-collision")
def _two_studies_one_id(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    other = tmp / "ulm-later"
    shutil.copytree(site, other)

    def later_study(descriptor: dict[str, Any]) -> None:
        descriptor["upsides"]["study"] = "upsides:mhw-2024/study"
        descriptor["name"] = "upsides-mhw-2024-ulm"

    edit_descriptor(other, later_study)
    return _validate(site, other, codebook)


@case("country-unknown", "language-unknown")
def _codes_iso_does_not_list(tmp: Path) -> list[Finding]:
    def edit(t: pf.Tables) -> None:
        t["site"][0]["country"] = "XX"  # two capitals, but no country
        for row in t["income_classification"]:
            row["country"] = "XX"
        t["focus_group_languages"][0]["language"] = "zz"

    site = make_site_package(tmp, edit=edit)
    return _validate(site, tmp / "codebook")


@case("site-participation-missing")
def _site_in_no_study(tmp: Path) -> list[Finding]:
    site = make_site_package(tmp, edit=lambda t: t.update(site_participation=[]))
    return _validate(site, tmp / "codebook")


@case("site-income-missing")
def _participation_without_income(tmp: Path) -> list[Finding]:
    def edit(t: pf.Tables) -> None:
        t["site_participation"][0]["income_classification"] = None

    site = make_site_package(tmp, edit=edit)
    return _validate(site, tmp / "codebook")


# -- layer 5: disclosure -----------------------------------------------------------------------

@case("disclosure-exact-value", "disclosure-small-cell", "disclosure-recoverable-aggregate",
      "disclosure-quote-speaker")
def _disclosing_site(tmp: Path) -> list[Finding]:
    def edit(t: pf.Tables) -> None:
        t["focus_group"][0].update(participant_count_female=4, participant_count_male=2)
        t["participant"][0]["years_experience"] = 20
        t["participant"][1]["gender"] = "not-disclosed"
        t["quote"][0]["speaker"] = t["participant"][0]["id"]

    site = make_site_package(tmp, edit=edit)
    return _validate(site, tmp / "codebook")


@case("disclosure-l-diversity")
def _every_combination_answers_alike(tmp: Path) -> list[Finding]:
    """3-anonymous, but within each combination everyone gave the same sensitive answer."""
    from upsides_data.validate.runner import validate

    def edit(t: pf.Tables) -> None:
        for i, person in enumerate(t["participant"]):
            person["prior_peer_support_experience"] = i % 2 == 0  # follows the profile

    site = make_site_package(tmp, edit=edit)
    return validate([site, tmp / "codebook"], l_diversity=2).findings


@case("disclosure-direct-identifier")
def _direct_identifier(tmp: Path) -> list[Finding]:
    """The standard classifies no column a direct identifier; an extension's would be refused."""
    from upsides_data import disclosure_model

    site, codebook = _pair(tmp)
    columns_of = disclosure_model.columns_of

    def with_venue(table: str, *wanted: str) -> list[str]:
        found = list(columns_of(table, *wanted))
        direct = table == "focus_group" and wanted == (disclosure_model.DIRECT,)
        return found + ["venue"] if direct else found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(disclosure_model, "columns_of", with_venue)
        return _validate(site, codebook)


# -- instance files ------------------------------------------------------------------------------

@case("duplicate-key")
def _duplicate_key(tmp: Path) -> list[Finding]:
    from upsides_data.instances import check_instance

    bad = tmp / "dup.yaml"
    bad.write_text("sites: []\nsites: []\n", encoding="utf-8")
    return check_instance(bad)


# -- merge -------------------------------------------------------------------------------------

def _merge_draft(tmp: Path, *paths: Path) -> list[Finding]:
    from upsides_data.merge import merge

    return refusal(lambda: merge(list(paths), tmp / "merged", validate=False))


@case("merge-kind")
def _merge_kind(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    edit_descriptor(site, lambda d: d["upsides"].update(kind="diary"))
    return _merge_draft(tmp, site, codebook)


@case("merge-not-upsides")
def _merge_not_upsides(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    edit_descriptor(site, lambda d: d.pop("upsides"))
    return _merge_draft(tmp, site, codebook)


@case("merge-unknown-column")
def _merge_unknown_column(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    rows = pf.read_rows(site, "memo")
    pf._write_rows(site, "memo", [rows[0] + ["shoe_size"]] + [r + ["42"] for r in rows[1:]])
    return _merge_draft(tmp, site, codebook)


@case("merge-dangling-link")
def _merge_dangling_link(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    pf.append_rows(site, "quote_themes", [{"quote": "upsides:ulm/q404",
                                           "theme": "upsides:mhw-2019/theme-roles"}])
    return _merge_draft(tmp, site, codebook)


@case("merge-same-package-differs")
def _merge_same_package_differs(tmp: Path) -> list[Finding]:
    site, codebook = _pair(tmp)
    twin = tmp / "twin"
    shutil.copytree(site, twin)
    edit_descriptor(twin, lambda d: d.update(title="Another title, same name and version"))
    return _merge_draft(tmp, site, twin, codebook)


@case("merge-provenance")
def _merge_damaged_provenance(tmp: Path) -> list[Finding]:
    from upsides_data.merge import merge

    site, codebook = _pair(tmp)
    merge([site, codebook], tmp / "first")
    records = tmp / "first" / "package_source_records.csv"
    frame = pl.read_csv(records, infer_schema=False)
    frame.filter(pl.col("record") != "upsides:ulm/q1").write_csv(records, line_terminator="\n")
    return refusal(lambda: merge([tmp / "first"], tmp / "again"))


# -- RDF ---------------------------------------------------------------------------------------

DCT = "http://purl.org/dc/terms/"


def _export_draft(tmp: Path, edit: Callable[[Path], None]) -> list[Finding]:
    from upsides_data.rdf.export import to_rdf

    site, codebook = _pair(tmp)
    edit(site)
    return refusal(lambda: to_rdf([site, codebook], tmp / "out.ttl", validate=False))


@case("rdf-country")
def _rdf_country(tmp: Path) -> list[Finding]:
    return _export_draft(tmp, lambda site: set_cell(site, "site", 2, "country", "XQ"))


@case("rdf-identifier")
def _rdf_identifier(tmp: Path) -> list[Finding]:
    return _export_draft(tmp, lambda site: set_cell(site, "memo", 2, "id", "not an id"))


@case("rdf-iri")
def _rdf_iri(tmp: Path) -> list[Finding]:
    def edit(site: Path) -> None:
        set_cell(tmp / "codebook", "study", 2, "licence", "CC BY 4.0")

    return _export_draft(tmp, edit)


def _exported_triples(tmp: Path) -> str:
    from upsides_data.rdf.export import to_rdf

    site, codebook = _pair(tmp)
    return to_rdf([site, codebook], tmp / "all.nt", format="ntriples").read_text(encoding="utf-8")


def _import_triples(tmp: Path, text: str) -> list[Finding]:
    from upsides_data.rdf.importer import from_rdf

    source = tmp / "in.nt"
    source.write_text(text, encoding="utf-8")
    return refusal(lambda: from_rdf(source, tmp / "back"))


def _package_line(text: str, predicate: str) -> str:
    return next(line for line in text.splitlines()
                if "/package/" in line.split(" ", 1)[0] and f"<{predicate}>" in line)


@case("rdf-access-rights-unknown")
def _rdf_access_rights(tmp: Path) -> list[Finding]:
    text = _exported_triples(tmp)
    line = _package_line(text, DCT + "accessRights")
    subject = line.split(" ", 1)[0]
    return _import_triples(tmp, text.replace(
        line, f"{subject} <{DCT}accessRights> <https://example.org/secret> ."))


@case("rdf-cardinality")
def _rdf_two_titles(tmp: Path) -> list[Finding]:
    text = _exported_triples(tmp)
    line = _package_line(text, DCT + "identifier")
    subject = line.split(" ", 1)[0]
    return _import_triples(tmp, text + f'{subject} <{DCT}identifier> "a-second-name" .\n')


@case("rdf-package-incomplete")
def _rdf_nameless_package(tmp: Path) -> list[Finding]:
    text = _exported_triples(tmp)
    return _import_triples(tmp, text.replace(_package_line(text, DCT + "identifier") + "\n", ""))


@case("rdf-enum-unknown")
def _rdf_unknown_kind(tmp: Path) -> list[Finding]:
    text = _exported_triples(tmp)
    line = _package_line(text, "https://w3id.org/upsides-data/schema/package_kind")
    subject, predicate = line.split(" ")[:2]
    return _import_triples(tmp, text.replace(
        line, f"{subject} {predicate} <https://example.org/diary> ."))


@case("rdf-wrong-term")
def _rdf_literal_for_a_reference(tmp: Path) -> list[Finding]:
    text = _exported_triples(tmp)
    line = next(line for line in text.splitlines()
                if "/ulm/q1>" in line.split(" ", 1)[0] and "/ulm/t1>" in line)
    subject, predicate = line.split(" ")[:2]
    return _import_triples(tmp, text.replace(line, f'{subject} {predicate} "upsides:ulm/t1" .'))


@case("rdf-iri-outside-namespace")
def _rdf_foreign_iri(tmp: Path) -> list[Finding]:
    text = _exported_triples(tmp)
    return _import_triples(tmp, text.replace("/ulm/t1>", "/ulm/t1>").replace(
        "<https://w3id.org/upsides-data/id/ulm/q1>", "<http://elsewhere.example/q1>"))


@case("query-aborted")
def _query_worker_dies(tmp: Path) -> list[Finding]:
    from upsides_data.rdf import query as query_module

    site, codebook = _pair(tmp)
    worker = query_module._Worker

    class Dying(worker):  # type: ignore[misc,valid-type]
        """A worker whose process ends before it answers (as when the OS kills it)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.lines.put(query_module._END)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(query_module, "_Worker", Dying)
        return refusal(lambda: query_module.query([site, codebook],
                                                  "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"))


# -- REFI-QDA ----------------------------------------------------------------------------------

def _vendor_project(tmp: Path, edit: Callable[[str], str]) -> Path:
    from test_qda_support import project_xml, source_bytes

    xml, folder, source = project_xml("maxqda")
    path = tmp / "project.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", edit(xml).encode("utf-8"))
        archive.writestr(f"{folder}/{source}.txt", source_bytes("maxqda"))
    return path


def _import_project(tmp: Path, edit: Callable[[str], str], **options: Any) -> list[Finding]:
    from upsides_data.qda import import_qdpx

    options.setdefault("access_level", "restricted")
    options.setdefault("country", "DE")  # a case about the country passes country=None
    result = import_qdpx(_vendor_project(tmp, edit), tmp / "site", site="ulm", study="mhw-2019",
                         **options)
    return result.report.findings


@case("qda-study-placeholder", "qda-pseudonymised", "qda-not-expressible")
def _plain_import(tmp: Path) -> list[Finding]:
    return _import_project(tmp, lambda xml: xml)


@case("qda-site-unknown")
def _import_without_country(tmp: Path) -> list[Finding]:
    return refusal(lambda: _import_project(tmp, lambda xml: xml, country=None))


@case("qda-namespace")
def _other_namespace(tmp: Path) -> list[Finding]:
    return _import_project(tmp, lambda xml: xml.replace('xmlns="urn:QDA-XML:project:1.0"',
                                                        'xmlns="urn:example:other"'))


@case("qda-unmappable")
def _code_without_guid(tmp: Path) -> list[Finding]:
    return _import_project(tmp, lambda xml: xml.replace('<Code guid="', '<Code guidx="', 1))


@case("qda-offsets")
def _selection_past_the_text(tmp: Path) -> list[Finding]:
    def past(xml: str) -> str:
        *_, last = re.finditer(r'startPosition="\d+" endPosition="\d+"', xml)
        return xml[:last.start()] + 'startPosition="900" endPosition="990"' + xml[last.end():]

    return _import_project(tmp, past)


@case("qda-text-withheld")
def _public_import(tmp: Path) -> list[Finding]:
    return _import_project(tmp, lambda xml: re.sub(r"<Cases>.*</Cases>", "", xml, flags=re.S),
                           access_level="public", country="DE")


@case("qda-other-scope")
def _analysts_of_another_site(tmp: Path) -> list[Finding]:
    from upsides_data.qda import export_qdpx, import_qdpx

    site, codebook = _pair(tmp)
    export_qdpx([site, codebook], tmp / "ulm.qdpx")
    result = import_qdpx(tmp / "ulm.qdpx", tmp / "bgu", site="bgu", study="mhw-2019",
                         country="IL", reference=[site, codebook])
    return result.report.findings


@case("qda-unknown-reference")
def _export_without_codebook(tmp: Path) -> list[Finding]:
    from upsides_data.qda import export_qdpx

    site = make_site_package(tmp)
    return export_qdpx([site], tmp / "site.qdpx", validate=False).report.findings


@case("qda-forbidden-characters")
def _control_character_in_a_transcript(tmp: Path) -> list[Finding]:
    from upsides_data.qda import export_qdpx

    site = make_site_package(tmp, access_level="restricted")  # a public one may hold no text
    codebook = tmp / "codebook"
    set_cell(site, "transcript", 2, "text", "Synthetic transcript \x01 with a control character.")
    return export_qdpx([site, codebook], tmp / "site.qdpx", validate=False).report.findings


@case("qda-xsd")
def _project_against_a_schema(tmp: Path) -> list[Finding]:
    from upsides_data.qda.xsd import validate_against

    xsd = tmp / "only-codebooks.xsd"
    xsd.write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
                   '<xs:element name="CodeBook"/></xs:schema>', encoding="utf-8")
    return validate_against(b"<Project/>", xsd, "project.qde")


def _consortium_codebook(tmp: Path, edit: Callable[[pf.Tables], None] | None = None) -> Path:
    """The synthetic codebook without its cross-site findings (they cite the factory's site
    package, which a coding project does not make)."""
    def without_findings(tables: pf.Tables) -> None:
        for name in ("finding", "finding_sites", "finding_quotes", "finding_evidence_references"):
            tables[name] = []
        if edit:
            edit(tables)

    return pf.make_codebook_package(tmp / "consortium", edit=without_findings)


@case("qda-code-unmapped", "qda-code-ambiguous")
def _codes_the_codebook_lacks_or_names_twice(tmp: Path) -> list[Finding]:
    """NVivo's project names "role  CLARITY", which two codes of this codebook are called, and
    adds "Peer burnout", which no code is called."""
    from coding_projects import Coded, write_project
    from upsides_data.qda import import_qdpx

    def second_role_clarity(tables: pf.Tables) -> None:
        tables["code"].append({"id": "upsides:mhw-2019/code-roles-again",
                               "codebook": "upsides:mhw-2019/codebook",
                               "label": "Role Clarity", "position": 3})

    codebook = _consortium_codebook(tmp, second_role_clarity)
    project = write_project(tmp / "nvivo.qdpx", "nvivo", "AK",
                            [Coded(0, "Role clarity"), Coded(1, "Peer burnout")])
    return import_qdpx(project, tmp / "ulm", site="ulm", study=pf.STUDY, country="DE",
                       codebook=codebook).report.findings


# -- the coding cycle ---------------------------------------------------------------------------

def _coded_site(tmp: Path, coders: list[str], codebook: Path) -> Path:
    from coding_projects import KRIPPENDORFF_BINARY_A, binary_codings, write_project
    from upsides_data.qda import import_qdpx

    projects = [write_project(tmp / f"{coder}.qdpx", "maxqda", coder,
                              binary_codings(KRIPPENDORFF_BINARY_A)) for coder in coders]
    return import_qdpx(projects, tmp / "ulm", site="ulm", study=pf.STUDY, country="DE",
                       codebook=codebook).site_package


@case("agreement-too-few-coders")
def _one_coder(tmp: Path) -> list[Finding]:
    from upsides_data.agreement import compute_agreement

    codebook = _consortium_codebook(tmp)
    site = _coded_site(tmp, ["AK"], codebook)
    return refusal(lambda: compute_agreement([site], codebook=codebook))


@case("agreement-no-theme-map")
def _themes_without_theme_codes(tmp: Path) -> list[Finding]:
    from upsides_data.agreement import compute_agreement

    codebook = _consortium_codebook(tmp, lambda tables: tables.update(theme_codes=[]))
    site = _coded_site(tmp, ["AK", "BL"], codebook)
    return refusal(lambda: compute_agreement([site], codebook=codebook, by="theme"))


@case("codebook-extension-mismatch")
def _the_codebook_is_no_extension_of_itself(tmp: Path) -> list[Finding]:
    from upsides_data.adopt import adopt

    codebook = _consortium_codebook(tmp)
    return refusal(lambda: adopt([codebook], into=codebook, out=tmp / "adopted"))


# -- publishing and remote stores ----------------------------------------------------------------

@case("publish-graph-base-invalid")
def _graph_base_without_a_slash(tmp: Path) -> list[Finding]:
    from upsides_data.rdf.publish import dry_run

    site, codebook = _pair(tmp)
    return refusal(lambda: dry_run([site, codebook], base="https://example.org/graphs"))


@case("publish-restricted-refused")
def _restricted_site_to_a_public_store(tmp: Path) -> list[Finding]:
    from upsides_data.rdf.publish import dry_run

    site = make_site_package(tmp, access_level="restricted")
    return refusal(lambda: dry_run([site, tmp / "codebook"]))


def _ask(url: str) -> list[Finding]:
    from upsides_data.rdf.remote import query_endpoint

    return refusal(lambda: query_endpoint(url, [], "ASK { ?s ?p ?o }", fmt="json", timeout=10,
                                          max_results=10))


@case("endpoint-url-invalid")
def _endpoint_not_http(tmp: Path) -> list[Finding]:
    return _ask("ftp://127.0.0.1/query")


@case("endpoint-credentials-in-url")
def _endpoint_with_a_password(tmp: Path) -> list[Finding]:
    return _ask("http://publisher:not-a-real-secret@127.0.0.1:9/query")


@case("endpoint-netrc-invalid")
def _user_without_password(tmp: Path) -> list[Finding]:
    from upsides_data.rdf import remote

    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(remote.ENV_TOKEN, raising=False)
        patch.delenv(remote.ENV_PASSWORD, raising=False)
        patch.setenv(remote.ENV_USER, "publisher")
        return _ask("http://127.0.0.1:9/query")


@case("endpoint-unreachable")
def _nothing_listening(tmp: Path) -> list[Finding]:
    import socket

    with socket.socket() as probe:  # a free port: bound, then released, so nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return _ask(f"http://127.0.0.1:{port}/query")


def _answered_by(tmp: Path, status: int) -> list[Finding]:
    """Ask a loopback HTTP server that answers every request with ``status``, with no
    credentials (none in the environment, no netrc file)."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Refusing(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = b"the store says no"
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Refusing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name in ("UPSIDES_ENDPOINT_TOKEN", "UPSIDES_ENDPOINT_USER",
                         "UPSIDES_ENDPOINT_PASSWORD"):
                patch.delenv(name, raising=False)
            patch.setenv("NETRC", str(tmp / "no-netrc"))
            return _ask(f"http://127.0.0.1:{server.server_address[1]}/query")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@case("endpoint-unauthorised")
def _store_answers_401(tmp: Path) -> list[Finding]:
    return _answered_by(tmp, 401)


@case("endpoint-refused")
def _store_answers_400(tmp: Path) -> list[Finding]:
    return _answered_by(tmp, 400)


# -- workbooks and CSV folders (upsides pack) ----------------------------------------------------

def _pack_folder(tmp: Path, sheets: dict[str, str], **options: Any) -> list[Finding]:
    """``pack`` a folder of CSV files (one per sheet), refused with its findings."""
    from upsides_data.sites.pack import pack

    folder = tmp / "sheets"
    folder.mkdir()
    for sheet, text in sheets.items():
        (folder / f"{sheet}.csv").write_text(text, encoding="utf-8")
    return refusal(lambda: pack(folder, tmp / "packed", **options))


@case("package-fact-missing", "sheet-unknown", "sheet-duplicate", "column-unknown",
      "cell-outside-columns", "date-order-ambiguous")
def _a_folder_of_spreadsheet_slips(tmp: Path) -> list[Finding]:
    return _pack_folder(tmp, {
        "package": "name,upsides-mhw-2019-demo\n",  # no access_level, study or site
        "notes": "remember\nthe tea\n",  # no table of a site package
        "participant_groups_attended": "participant,focus_group\n",
        "participant_focus_groups_attended": "participant,focus_group\n",  # the same table
        "site": "id,label,region\nupsides:demo/site,Demo,North,a stray value\n",
        "focus_group": "id,held_on\nupsides:demo/fg-1,03/04/2019\n",  # March or April?
    })


@case("package-sheet-missing")
def _a_folder_without_package_sheet(tmp: Path) -> list[Finding]:
    return _pack_folder(tmp, {"site": "id,label\nupsides:demo/site,Demo\n"})


@case("date-invalid")
def _no_such_day(tmp: Path) -> list[Finding]:
    return _pack_folder(tmp, {"focus_group": "id,held_on\nupsides:demo/fg-1,31/02/2019\n"},
                        date_order="dmy")


@case("workbook-unreadable")
def _a_workbook_that_is_not_one(tmp: Path) -> list[Finding]:
    from upsides_data.sites.pack import pack

    workbook = tmp / "ulm.xlsx"
    workbook.write_bytes(b"PK\x03\x04 not really a workbook")
    return refusal(lambda: pack(workbook, tmp / "packed"))


@case("workbook-forbidden-character")
def _a_nul_byte_for_a_workbook(tmp: Path) -> list[Finding]:
    from upsides_data.sites.template import write_template

    site = make_site_package(tmp)
    text = (site / "quote.csv").read_text(encoding="utf-8")
    (site / "quote.csv").write_text(text.replace("peer workers", "peer\x00workers", 1),
                                    encoding="utf-8")
    return refusal(lambda: write_template(tmp / "site.xlsx", "site", start=site))


# -- the studio ------------------------------------------------------------------------------------

@case("upload-name-refused")
def _upload_named_with_a_folder(tmp: Path) -> list[Finding]:
    from upsides_data.studio.uploads import plain_name

    return refusal(lambda: plain_name("../../site-package.zip"))


def _unpacked(tmp: Path, name: str, data: bytes, **options: Any) -> list[Finding]:
    from upsides_data.studio.uploads import unpack_upload

    dropped = tmp / name
    dropped.write_bytes(data)
    into = tmp / "session"
    into.mkdir()
    return refusal(lambda: unpack_upload(dropped, into, **options))


@case("upload-unsupported")
def _upload_of_a_text_file(tmp: Path) -> list[Finding]:
    return _unpacked(tmp, "notes.txt", b"Synthetic notes, not a package.\n")


@case("qdpx-site-study-missing")
def _project_without_site(tmp: Path) -> list[Finding]:
    return _unpacked(tmp, "project.qdpx", b"PK\x05\x06" + bytes(18), study="mhw-2019")


@case("workbook-unsupported")
def _workbook_in_a_build_without_pack(tmp: Path) -> list[Finding]:
    from upsides_data.studio import uploads

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(uploads, "workbook_packer", lambda: None)
        return _unpacked(tmp, "ulm.xlsx", b"PK\x05\x06" + bytes(18))


@case("cell-not-found")
def _fix_of_a_row_that_is_not_there(tmp: Path) -> list[Finding]:
    from upsides_data.studio.cells import edit_cell

    site = make_site_package(tmp)
    return refusal(lambda: edit_cell(site, file="memo.csv", row=99, column="text",
                                     value="Synthetic memo."))


# -- outputs and any command -------------------------------------------------------------------

@case("output-disk-full")
def _disk_full(tmp: Path) -> list[Finding]:
    from upsides_data.output import output_errors

    def write() -> None:
        with output_errors(tmp / "out"):
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp / "out"))

    return refusal(write)


@case("output-name-too-long")
def _name_too_long(tmp: Path) -> list[Finding]:
    from upsides_data.output import write_file

    def write() -> None:
        with write_file(tmp / ("x" * 300 + ".ttl")) as target:
            target.write_text("x", encoding="utf-8")

    return refusal(write)


@case("output-protected")
def _protected(tmp: Path) -> list[Finding]:
    from upsides_data.output import check_target

    return refusal(lambda: check_target(Path(os.path.abspath(os.sep)), inputs=[], force=True))


@case("output-overlap")
def _overlapping_parts(tmp: Path) -> list[Finding]:
    from upsides_data.output import write_together

    def write() -> None:
        with write_together([tmp / "a", tmp / "a" / "b"]):
            pass

    return refusal(write)


@case("migration-not-needed")
def _migrate_current(tmp: Path) -> list[Finding]:
    from upsides_data.migration import migrate

    site = make_site_package(tmp)
    return refusal(lambda: migrate(site, tmp / "out"))


@case("migration-unavailable")
def _migrate_other_major(tmp: Path) -> list[Finding]:
    from upsides_data.migration import migrate

    site = make_site_package(tmp)
    edit_descriptor(site, lambda d: d["upsides"].update(standard_version="2.0.0"))
    return refusal(lambda: migrate(site, tmp / "out"))


@case("usage")
def _nothing_to_merge(tmp: Path) -> list[Finding]:
    from upsides_data.merge import merge

    return refusal(lambda: merge([], tmp / "out"))


@case("refused")
def _refusal_without_a_finding(tmp: Path) -> list[Finding]:
    """An error raised without findings still carries one: the class's default code."""
    return OutputError(f"{tmp / 'out'} cannot be written").findings


def as_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], indent=1)
