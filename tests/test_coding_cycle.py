"""The codebook cycle across sites (issue #20): codes mapped to the consortium codebook, a
site's new codes in its own extension package, adoption by the centre, themes from codes, and
several coders' projects in one package. The projects are SYNTHETIC (``coding_projects``)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

import package_factory as pf
from coding_projects import (KRIPPENDORFF_BINARY_A, KRIPPENDORFF_BINARY_B, VENDORS, Coded,
                             binary_codings, write_project)
from upsides_data.adopt import adopt
from upsides_data.cli import main
from upsides_data.errors import ConflictError
from upsides_data.qda import import_qdpx
from upsides_data.validate.runner import validate

EXPERIENCE, ROLES = "upsides:mhw-2019/code-experience", "upsides:mhw-2019/code-roles"
THEME_ROLES, THEME_TEAM = "upsides:mhw-2019/theme-roles", "upsides:mhw-2019/theme-team"
# What each vendor's project adds to the consortium codebook (see coding_projects).
NEW_CODES = {"maxqda": set(), "nvivo": {"Peer burnout"}, "atlas": {"Role conflicts"},
             "qualcoder": set()}
CODINGS = [Coded(0, "Lived experience"), Coded(1, "Role clarity"), Coded(2, "Peer burnout"),
           Coded(3, "Role conflicts")]


@pytest.fixture(scope="module")
def codebook(tmp_path_factory) -> Path:
    """The synthetic consortium codebook, without the cross-site findings that cite the
    factory's own site package."""
    def without_findings(tables: dict) -> None:
        for name in ("finding", "finding_sites", "finding_quotes", "finding_evidence_references"):
            tables[name] = []
    return pf.make_codebook_package(tmp_path_factory.mktemp("consortium"), edit=without_findings)


def descriptor(pkg: Path) -> dict:
    return json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))


def rows(pkg: Path, table: str) -> list[dict]:
    return pl.read_csv(pkg / f"{table}.csv", infer_schema=False).to_dicts()


def _codings_for(vendor: str) -> list[Coded]:
    known = {"Lived experience", "Role clarity"} | NEW_CODES[vendor]
    return [c for c in CODINGS if c.code in known]


def _import(tmp: Path, vendor: str, codebook: Path, site: str = "ulm"):
    qdpx = write_project(tmp / f"{vendor}.qdpx", vendor, "AK", _codings_for(vendor))
    return import_qdpx(qdpx, tmp / site, site=site, study=pf.STUDY, country="DE",
                       codebook=codebook)


@pytest.mark.parametrize("vendor", VENDORS)
def test_codes_map_to_the_codebook_and_new_ones_go_to_an_extension(vendor, tmp_path,
                                                                  codebook) -> None:
    result = _import(tmp_path, vendor, codebook)
    site = result.site_package
    coded = {c["code"] for c in rows(site, "coding")}
    assert {EXPERIENCE, ROLES} <= coded  # by GUID (MAXQDA, any case) or by name (the others)
    unmapped = [f for f in result.report.findings if f.rule == "qda-code-unmapped"]
    assert {f.message.split("'")[1].split(" / ")[-1] for f in unmapped} == NEW_CODES[vendor]
    declared = descriptor(site)["upsides"]["codebook"]
    if not NEW_CODES[vendor]:
        assert result.codebook_package is None
        assert declared == {"name": pf.CODEBOOK_NAME, "version": pf.CODEBOOK_VERSION}
        assert validate([site], codebook=codebook).valid
        return
    ext = result.codebook_package
    meta = descriptor(ext)
    assert meta["name"] == f"{pf.CODEBOOK_NAME}-ext-ulm" != pf.CODEBOOK_NAME
    assert declared == {"name": meta["name"], "version": meta["version"]}
    labels = {c["id"]: c["label"] for c in rows(ext, "code")}
    new = {i: label for i, label in labels.items() if i not in (EXPERIENCE, ROLES)}
    assert set(new.values()) == NEW_CODES[vendor]
    assert all(i.startswith("upsides:mhw-2019/ulm-") for i in new)  # site-named ids
    assert {c["code"] for c in rows(site, "coding")} - {EXPERIENCE, ROLES} == set(new)
    consortium = {t: rows(codebook, t) for t in ("code", "theme", "theme_codes")}
    for table, held in consortium.items():  # the consortium's records are kept unchanged
        assert all(r in rows(ext, table) for r in held)
    report = validate([site, ext])
    assert report.valid, report.errors[:5]
    if vendor == "atlas":  # nested under a consortium code
        assert {c["parent"] for c in rows(ext, "code") if c["label"] == "Role conflicts"} == {ROLES}
    if vendor == "nvivo":  # the set named like the theme "Team" maps the new code to it
        assert {"theme": THEME_TEAM, "code": next(iter(new))} in rows(ext, "theme_codes")


@pytest.mark.parametrize("vendor", ["maxqda", "nvivo"])
def test_quotes_get_the_themes_of_their_codes(vendor, tmp_path, codebook) -> None:
    result = _import(tmp_path, vendor, codebook)
    site = result.site_package
    codes = {q["quote"]: q["code"] for q in rows(site, "quote_codes")}
    themes = {(t["quote"], t["theme"]) for t in rows(site, "quote_themes")}
    expected = {(q, {EXPERIENCE: THEME_ROLES, ROLES: THEME_TEAM}.get(c, THEME_TEAM))
                for q, c in codes.items()}
    assert themes == expected and themes


def test_two_sites_extensions_never_collide_and_the_centre_adopts_them(tmp_path,
                                                                      codebook) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    nvivo = _import(tmp_path / "a", "nvivo", codebook, site="ulm")
    atlas = _import(tmp_path / "b", "atlas", codebook, site="bgu")
    ext_ids = [{c["id"] for c in rows(r.codebook_package, "code")} - {EXPERIENCE, ROLES}
               for r in (nvivo, atlas)]
    assert not ext_ids[0] & ext_ids[1]
    new = tmp_path / "codebook-1.1"
    assert main(["codebook", "adopt", str(nvivo.codebook_package), "--into", str(codebook),
                 "-o", str(new), "--version", pf.CODEBOOK_VERSION]) == 2  # not a later version
    assert not new.exists()
    adopted = adopt([nvivo.codebook_package, atlas.codebook_package], into=codebook, out=new)
    assert adopted.version == "1.1.0" and adopted.added == {"code": 2, "theme_codes": 1}
    meta = descriptor(new)
    assert (meta["name"], meta["version"]) == (pf.CODEBOOK_NAME, "1.1.0")
    assert {c["id"] for c in rows(new, "code")} == {EXPERIENCE, ROLES} | ext_ids[0] | ext_ids[1]
    assert rows(new, "codebook")[0]["version"] == "1.1.0"
    # Re-imported against the adopted codebook, the site's codes are all known: no extension,
    # and the codings keep the ids they had.
    again = import_qdpx(tmp_path / "a" / "nvivo.qdpx", tmp_path / "ulm-again", site="ulm",
                        study=pf.STUDY, country="DE", codebook=new)
    assert again.codebook_package is None
    assert {c["code"] for c in rows(again.site_package, "coding")} == \
        {c["code"] for c in rows(nvivo.site_package, "coding")}
    assert validate([again.site_package, new]).valid


def test_adopt_refuses_an_extension_that_changed_the_codebook(tmp_path, codebook) -> None:
    result = _import(tmp_path, "nvivo", codebook)
    ext = result.codebook_package
    code_csv = ext / "code.csv"
    code_csv.write_text(code_csv.read_text().replace("Role clarity", "Role clarity (edited)"))
    with pytest.raises(ConflictError) as refused:
        adopt([ext], into=codebook, out=tmp_path / "new")
    assert {f.rule for f in refused.value.findings} == {"codebook-extension-mismatch"}
    assert not (tmp_path / "new").exists()
    code = main(["codebook", "adopt", str(ext), "--into", str(codebook), "-o",
                 str(tmp_path / "new")])
    assert code == 1 and not (tmp_path / "new").exists()
    with pytest.raises(ConflictError):  # the consortium codebook is no extension of itself
        adopt([codebook], into=codebook, out=tmp_path / "self")


def test_coders_projects_become_one_package_each_coding_keeping_its_coder(tmp_path,
                                                                         codebook) -> None:
    overlapping = [Coded(0, "Role clarity"), Coded(0, "Lived experience")]
    shifted = [Coded(0, "Role clarity", shift=3), Coded(1, "Lived experience")]
    a = write_project(tmp_path / "ak.qdpx", "maxqda", "AK", overlapping)
    b = write_project(tmp_path / "bl.qdpx", "qualcoder", "BL", shifted)
    result = import_qdpx([a, b], tmp_path / "ulm", site="ulm", study=pf.STUDY, country="DE",
                         codebook=codebook)
    site = result.site_package
    assert len(rows(site, "transcript")) == 10  # the same transcripts, matched by text
    codings = rows(site, "coding")
    assert len(codings) == 4 and len({c["coder"] for c in codings}) == 2
    roles = sorted((int(c["start_offset"]), int(c["end_offset"]), c["coder"]) for c in codings
                   if c["code"] == ROLES)
    assert len(roles) == 2 and roles[0][2] != roles[1][2]  # overlapping, kept apart
    assert roles[1][0] == roles[0][0] + 3 and roles[0][1] == roles[1][1]
    assert validate([site], codebook=codebook).valid


def test_krippendorff_binary_example_through_two_coders_projects(tmp_path, codebook) -> None:
    """Krippendorff (2011), section A: alpha = 0.095; by hand, p_o = 6/10 and Cohen's kappa =
    (0.6 - 0.56) / (1 - 0.56) = 0.0909 (p_e = 0.2*0.4 + 0.8*0.6)."""
    a = write_project(tmp_path / "a.qdpx", "maxqda", "AK", binary_codings(KRIPPENDORFF_BINARY_A))
    b = write_project(tmp_path / "b.qdpx", "maxqda", "BL", binary_codings(KRIPPENDORFF_BINARY_B))
    site = import_qdpx([a, b], tmp_path / "ulm", site="ulm", study=pf.STUDY, country="DE",
                       codebook=codebook).site_package
    out = tmp_path / "agreement.csv"
    code = main(["agreement", str(site), "--codebook", str(codebook), "--unit", "transcript",
                 "-o", str(out)])
    assert code == 0
    table = {r["item"]: r for r in pl.read_csv(out, infer_schema=False).to_dicts()}
    roles = table[ROLES]
    assert (roles["coders"], roles["units"]) == ("2", "10")
    assert (roles["percent_agreement"], roles["cohen_kappa"], roles["krippendorff_alpha"]) == \
        ("0.6000", "0.0909", "0.0952")
    # Lived experience: both coders coded it everywhere; agreement is complete, kappa and alpha
    # undefined (no variation), left empty rather than invented
    assert (table[EXPERIENCE]["percent_agreement"], table[EXPERIENCE]["cohen_kappa"],
            table[EXPERIENCE]["krippendorff_alpha"]) == ("1.0000", None, None)
    # pooled over both codes, by hand: 20 units, 16 agree; coincidences o00 = 10, o01 = o10 = 4,
    # o11 = 22, so alpha = 1 - (8/40) / (2*14*26/(40*39)) = 0.5714; kappa = (0.8 - 0.54)/0.46
    pooled = table["(all)"]
    assert (pooled["percent_agreement"], pooled["cohen_kappa"], pooled["krippendorff_alpha"]) == \
        ("0.8000", "0.5652", "0.5714")
    before = out.read_bytes()  # the output door: an existing file is kept without --force
    assert main(["agreement", str(site), "--codebook", str(codebook), "-o", str(out)]) == 2
    assert out.read_bytes() == before
    themes = tmp_path / "themes.csv"
    assert main(["agreement", str(site), "--codebook", str(codebook), "--by", "theme",
                 "--unit", "transcript", "-o", str(themes)]) == 0
    by_theme = {r["item"]: r for r in pl.read_csv(themes, infer_schema=False).to_dicts()}
    assert by_theme[THEME_TEAM]["krippendorff_alpha"] == "0.0952"  # Team groups Role clarity


def test_agreement_needs_two_coders(tmp_path, codebook, capsys) -> None:
    a = write_project(tmp_path / "a.qdpx", "maxqda", "AK", binary_codings(KRIPPENDORFF_BINARY_A))
    site = import_qdpx(a, tmp_path / "ulm", site="ulm", study=pf.STUDY, country="DE",
                       codebook=codebook).site_package
    assert main(["agreement", str(site), "--codebook", str(codebook)]) == 2
    assert "agreement-too-few-coders" in capsys.readouterr().out


def test_report_has_an_agreement_section_only_with_several_coders(tmp_path, codebook) -> None:
    from upsides_data.report import write_report

    a = write_project(tmp_path / "a.qdpx", "maxqda", "AK", binary_codings(KRIPPENDORFF_BINARY_A))
    b = write_project(tmp_path / "b.qdpx", "maxqda", "BL", binary_codings(KRIPPENDORFF_BINARY_B))
    two = import_qdpx([a, b], tmp_path / "two", site="ulm", study=pf.STUDY, country="DE",
                      codebook=codebook).site_package
    one = import_qdpx(a, tmp_path / "one", site="ulm", study=pf.STUDY, country="DE",
                      codebook=codebook).site_package
    report = write_report([two, codebook], tmp_path / "report")
    table = {r["item"]: r for r in rows(report, "7-agreement")}
    # segments: the Role clarity span of transcripts 0, 1, 2, 5 and 8 (either coder coded it);
    # both coded it only in transcript 1: 1 of 5 agree
    assert table[ROLES]["unit"] == "segment" and table[ROLES]["units"] == "5"
    assert float(table[ROLES]["percent_agreement"]) == pytest.approx(0.2)
    assert "7. Inter-coder agreement" in (report / "report.md").read_text(encoding="utf-8")
    alone = write_report([one, codebook], tmp_path / "report-one")
    assert not (alone / "7-agreement.csv").exists()
    assert "Inter-coder" not in (alone / "report.md").read_text(encoding="utf-8")


def test_the_codebook_handed_out_as_qdc_carries_the_guids_projects_come_back_with(
        tmp_path, codebook, reference_dir) -> None:
    import re

    from upsides_data.qda.export import export_qdc
    from upsides_data.qda.guids import guid_for

    result = export_qdc(codebook, tmp_path / "consortium.qdc",
                        validate_xsd=reference_dir / "refi-qda" / "Codebook.xsd")
    assert result.path is not None  # valid against the REFI-QDA Codebook.xsd
    xml = result.path.read_text(encoding="utf-8")
    guids = {g.lower() for g in re.findall(r'guid="([^"]+)"', xml)}
    assert {guid_for(EXPERIENCE), guid_for(ROLES), guid_for(THEME_TEAM)} <= guids
    # a project that kept them (MAXQDA, upper-case in braces): its two codes and two themes are
    # found by GUID, none by name
    mapped = _import(tmp_path, "maxqda", codebook)
    assert any("4 codes found by GUID, 0 by name, 0 not in it" in line for line in mapped.log)
