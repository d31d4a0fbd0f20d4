"""Export to QDPX and QDC: valid against the official XSDs, deterministic, private, clean."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xmlschema

import package_factory as pf
from upsides_data.cli import main
from upsides_data.qda import export_qdc, export_qdpx
from upsides_data.qda.guids import guid_for, normalise_guid
from upsides_data.synth import synthesize


@pytest.fixture(scope="module")
def xsds(reference_dir: Path) -> dict[str, xmlschema.XMLSchema]:
    folder = reference_dir / "refi-qda"
    return {"project": xmlschema.XMLSchema(str(folder / "Project-mrt2019.xsd")),
            "codebook": xmlschema.XMLSchema(str(folder / "Codebook.xsd")),
            "project_path": folder / "Project-mrt2019.xsd",
            "codebook_path": folder / "Codebook.xsd"}


@pytest.fixture(scope="module")
def factory_packages(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("factory")
    # a quote linked to its speaker, as only a restricted package may hold it (disclosure)
    site = pf.make_site_package(tmp, access_level="restricted",
                                edit=lambda t: t["quote"][0].update(speaker="upsides:ulm/p01"))
    return site, tmp / "codebook"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("synth")
    codebook, site = synthesize(tmp / "s", sites=1, quotes=200, seed=3)[:2]
    return site, codebook


def test_guids_are_uuid5_of_iris_and_normalised() -> None:
    import uuid
    expected = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://w3id.org/upsides-data/id/ulm/q1"))
    assert guid_for("upsides:ulm/q1") == expected
    assert guid_for("upsides:ulm/q1")[14] == "5"  # version 5
    assert normalise_guid("{ABCDEF01-2345-6789-ABCD-EF0123456789}") == "abcdef01-2345-6789-abcd-ef0123456789"
    assert normalise_guid("not a guid") is None


@pytest.mark.parametrize("corpus", ["factory_packages", "synthetic"])
def test_export_validates_against_official_xsds(corpus, request, xsds, tmp_path) -> None:
    site, codebook = request.getfixturevalue(corpus)
    result = export_qdpx([site, codebook], tmp_path / "out.qdpx", validate_xsd=xsds["project_path"])
    assert result.path is not None and result.report.valid
    with zipfile.ZipFile(result.path) as zf:
        xsds["project"].validate(zf.read("project.qde"))  # the second, independent validator
    qdc = export_qdc(codebook, tmp_path / "out.qdc", validate_xsd=xsds["codebook_path"])
    assert qdc.path is not None
    xsds["codebook"].validate(str(qdc.path))


def test_export_is_byte_identical_with_fixed_zip_layout(synthetic, tmp_path) -> None:
    site, codebook = synthetic
    a = export_qdpx([site, codebook], tmp_path / "a.qdpx").path
    b = export_qdpx([codebook, site], tmp_path / "b.qdpx").path
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        assert names[0] == "project.qde" and names[1:] == sorted(names[1:])
        assert all(n.startswith("sources/") and n.endswith(".txt") for n in names[1:])
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        for name in names[1:]:
            text = zf.read(name).decode("utf-8")
            assert "\r" not in text and not text.startswith("\ufeff")


def test_export_holds_no_base_path_absolute_paths_or_names(factory_packages, tmp_path) -> None:
    site, codebook = factory_packages
    out = export_qdpx([site, codebook], tmp_path / "x.qdpx").path
    xml = zipfile.ZipFile(out).read("project.qde").decode("utf-8")
    assert "basePath" not in xml and "absolute://" not in xml and "relative://" not in xml
    assert 'name="Analyst A" id="upsides:ulm/a1"' in xml  # users are the pseudonymous analysts
    assert "plainTextPath=\"internal://" in xml


def test_mapping_content(factory_packages, tmp_path) -> None:
    site, codebook = factory_packages
    result = export_qdpx([site, codebook], tmp_path / "x.qdpx")
    xml = zipfile.ZipFile(result.path).read("project.qde").decode("utf-8")
    q1 = guid_for("upsides:ulm/q1")
    theme_roles = guid_for("upsides:mhw-2019/theme-roles")
    assert f'<PlainTextSelection guid="{q1}" name="Ulm 12"' in xml
    assert f'<CodeRef targetGUID="{theme_roles}"/>' in xml  # quote_themes as theme codings
    assert '<Code guid="' + guid_for("upsides:mhw-2019/codebook", "themes") + '" name="Themes" isCodable="false">' in xml
    assert '<MemberCode targetGUID="' + guid_for("upsides:mhw-2019/code-roles") + '"/>' in xml
    assert f'<SelectionRef targetGUID="{q1}"/>' in xml  # the speaker's case
    assert "<NoteRef targetGUID=\"" + guid_for("upsides:ulm/m1") + "\"/>" in xml
    left_out = {f.file for f in result.report.findings if f.rule == "qda-not-expressible"}
    assert {"evidence_reference.csv", "focus_group.csv", "site.csv"} <= left_out


def test_forbidden_characters_are_removed_and_offsets_follow(tmp_path, xsds) -> None:
    text = "A\x01B\x0bC bad\x00 words here"

    def edit(tables):
        tables["transcript"][0].update(text=text, access_level="restricted")
        tables["quote"] = [dict(tables["quote"][0], text="words", start_offset=text.index("words"),
                                end_offset=text.index("words") + 5)]
        tables["quote_themes"] = tables["quote_themes"][:1]
        tables["quote_codes"] = tables["quote_codes"][:1]
        tables["coding"][0].update(start_offset=text.index("words"),
                                   end_offset=text.index("words") + 5)
    site = pf.make_site_package(tmp_path, edit=edit, access_level="restricted")
    result = export_qdpx([site, tmp_path / "codebook"], tmp_path / "x.qdpx",
                         validate_xsd=xsds["project_path"])
    with zipfile.ZipFile(result.path) as zf:
        src = [n for n in zf.namelist() if n.startswith("sources/")][0]
        cleaned = zf.read(src).decode("utf-8")
        xml = zf.read("project.qde").decode("utf-8")
    assert cleaned == "ABC bad words here"
    start = cleaned.index("words")
    assert f'startPosition="{start}" endPosition="{start + 5}"' in xml
    assert "qda-forbidden-characters" in result.report.rules()


def test_invalid_against_given_xsd_writes_nothing_and_cli_exits_1(factory_packages, xsds, tmp_path,
                                                                  capsys) -> None:
    site, codebook = factory_packages
    out = tmp_path / "x.qdpx"
    result = export_qdpx([site, codebook], out, validate_xsd=xsds["codebook_path"])  # wrong XSD
    assert result.path is None and not out.exists()
    assert "qda-xsd" in result.report.rules()
    code = main(["export", "qdpx", str(site), str(codebook), "-o", str(out),
                 "--validate", str(xsds["codebook_path"])])
    assert code == 1 and not out.exists()
    assert main(["export", "qdpx", str(site), str(codebook), "-o", str(out),
                 "--validate", str(xsds["project_path"])]) == 0
    assert out.is_file()
    assert main(["export", "qdc", str(codebook), "-o", str(tmp_path / "c.qdc"),
                 "--validate", str(xsds["codebook_path"])]) == 0
    assert main(["export", "qdpx", str(tmp_path / "missing"), "-o", str(out)]) == 2


def test_themes_without_a_label_are_named_by_their_id_and_said_so(repo_root, xsds,
                                                                   tmp_path) -> None:
    """Study C (psw-followup) counts eight sub-domains it does not name (label absent, with its
    reason); REFI-QDA requires a name, so each is named by its id with a finding, and both
    exports still validate against the official schemas (this was an internal error)."""
    study = repo_root / "examples" / "upsides-psw-followup"
    codebook = study / "codebook"
    unnamed = [row.split(",")[0] for row in
               (codebook / "theme.csv").read_text(encoding="utf-8").splitlines()[1:]
               if row.split(",")[2] == ""]
    assert len(unnamed) == 8
    result = export_qdpx([study / "ad", codebook], tmp_path / "c.qdpx",
                         validate_xsd=xsds["project_path"])
    said = [f for f in result.report.findings if f.field == "label" and "has no label" in f.message]
    assert result.path is not None and len(said) == 8
    with zipfile.ZipFile(result.path) as zf:
        project = zf.read("project.qde").decode("utf-8")
    for ident in unnamed:
        assert f'name="{ident.split("/", 1)[1]}"' in project
    qdc = export_qdc(codebook, tmp_path / "c.qdc", validate_xsd=xsds["codebook_path"])
    assert qdc.path is not None
    xsds["codebook"].validate(str(qdc.path))
