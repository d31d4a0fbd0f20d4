"""Import of vendor-like QDPX projects and hostile archives; offset readings."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import polars as pl
import pytest

import package_factory as pf
from test_qda_support import SPANS, TEXT, write_hostile, write_vendor_qdpx
from upsides_data.cli import main
from upsides_data.errors import InvalidInputError, UnreadableInputError
from upsides_data.qda import import_qdc, import_qdpx
from upsides_data.qda.offsets import Reading, detect, normalise
from upsides_data.validate.runner import validate

VENDORS = {"maxqda": "code points, BOM not counted, CRLF as two, end exclusive",
           "nvivo": "UTF-16 code units, BOM not counted, CRLF as two, end exclusive",
           "atlas": "code points, BOM not counted, line break as one, end exclusive",
           "qualcoder": "code points, BOM not counted, CRLF as two, end exclusive"}


@pytest.fixture(scope="module")
def codebook_pkg(tmp_path_factory) -> Path:
    return pf.make_codebook_package(tmp_path_factory.mktemp("cb"))


def rows(pkg: Path, table: str) -> list[dict]:
    return pl.read_csv(pkg / f"{table}.csv", infer_schema=False).to_dicts()


@pytest.mark.parametrize("vendor", sorted(VENDORS))
def test_vendor_project_becomes_valid_site_package(vendor, tmp_path, codebook_pkg) -> None:
    qdpx = write_vendor_qdpx(tmp_path / f"{vendor}.qdpx", vendor)
    result = import_qdpx(qdpx, tmp_path / "site", site="ulm", study=pf.STUDY, country="DE",
                         reference=[codebook_pkg])
    assert result.readings == {"Focus group 1": VENDORS[vendor]}
    assert any(VENDORS[vendor] in line for line in result.log)
    site = result.site_package
    assert sorted(q["text"] for q in rows(site, "quote")) == sorted(s for s, _ in SPANS)
    [transcript] = rows(site, "transcript")
    assert transcript["text"] == TEXT and transcript["access_level"] == "restricted"
    for quote in rows(site, "quote"):  # offsets are code points in our LF text
        assert TEXT[int(quote["start_offset"]):int(quote["end_offset"])] == quote["text"]
    codes = {c["id"]: c["label"] for c in rows(result.codebook_package, "code")}
    assert sorted(codes.values()) == ["Lived experience", "Role clarity", "Team work"]
    assert sorted(codes[c["code"]] for c in rows(site, "coding")) == sorted(c for _, c in SPANS)
    [theme] = rows(result.codebook_package, "theme")  # the vendor's set became a theme
    assert theme["label"] == "Roles and experience" and len(rows(result.codebook_package, "theme_codes")) == 2
    [person] = rows(site, "participant")
    assert (person["role"], person["gender"], person["age_years"]) == ("MHW", "female", "41")
    assert [q["speaker"] for q in rows(site, "quote") if q["speaker"]] == [person["id"]]
    assert {a["pseudonym"] for a in rows(site, "analyst")} == {"Analyst 1", "SK"} or \
        {a["pseudonym"] for a in rows(site, "analyst")} == {"Analyst 2", "SK"}
    [memo] = rows(site, "memo")
    assert memo["about_quote"] and memo["written_on"] == "2020-02-01"
    rules = result.report.rules()
    assert rules["qda-pseudonymised"] == 1 and "Shoe size" in str(result.report.findings)
    if vendor == "qualcoder":
        messages = " ".join(f.message for f in result.report.findings)
        assert "PictureSource" in messages and "Graphs" in messages
    report = validate([site, result.codebook_package])
    assert report.valid, [f for f in report.errors][:5]


def test_public_import_withholds_text_and_is_refused_unless_disclosable(tmp_path,
                                                                         codebook_pkg) -> None:
    qdpx = write_vendor_qdpx(tmp_path / "m.qdpx", "maxqda")
    # the project's one participant has an exact age: a public package of it would disclose
    # too much, so the written package would not validate and nothing is renamed into place
    with pytest.raises(InvalidInputError, match="would not validate") as refused:
        import_qdpx(qdpx, tmp_path / "site", site="ulm", study=pf.STUDY, country="DE",
                    reference=[codebook_pkg], access_level="public")
    assert {f.rule for f in refused.value.report.errors} == {
        "disclosure-exact-age", "disclosure-k-anonymity", "disclosure-quote-speaker"}
    assert not (tmp_path / "site").exists()  # the text was withheld: no disclosure-transcript-text
    result = import_qdpx(qdpx, tmp_path / "restricted", site="ulm", study=pf.STUDY,
                         country="DE", reference=[codebook_pkg], access_level="restricted")
    assert rows(result.site_package, "transcript")[0]["text"] is not None
    assert "qda-text-withheld" not in result.report.rules()


@pytest.mark.parametrize("kind", ["traversal", "absolute", "bomb", "laughs", "xxe", "two-projects"])
def test_hostile_archives_are_refused_and_nothing_written(kind, tmp_path) -> None:
    qdpx = write_hostile(tmp_path / f"{kind}.qdpx", kind)
    with pytest.raises(UnreadableInputError) as info:
        import_qdpx(qdpx, tmp_path / "out", site="ulm", study="mhw-2019")
    assert str(qdpx) in str(info.value)
    assert not (tmp_path / "out").exists() and not (tmp_path / "out-codebook").exists()
    assert not (tmp_path.parent / "evil.txt").exists()
    code = main(["import", "qdpx", str(qdpx), "--site", "ulm", "--study", "mhw-2019",
                 "-o", str(tmp_path / "out")])
    assert code == 2


def test_forbidden_characters_in_vendor_xml_are_repaired(tmp_path, codebook_pkg) -> None:
    path = write_vendor_qdpx(tmp_path / "m.qdpx", "maxqda")
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["project.qde"] = members["project.qde"].replace(b"Own experience", b"Own\x01 experience&#x1;")
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    result = import_qdpx(path, tmp_path / "site", site="ulm", study=pf.STUDY, country="DE",
                         reference=[codebook_pkg])
    assert "qda-forbidden-characters" in result.report.rules()
    assert "Own experience" in {c["definition"] for c in rows(result.codebook_package, "code")}


def test_offset_detection_prefers_verified_reading() -> None:
    raw = "\ufeffHello\r\nWorld \U0001F600 end\r\nLast"
    nt = normalise(raw)
    assert nt.text == "Hello\nWorld \U0001F600 end\nLast"
    nvivo = detect(nt, [(7, 12), (16, 19)], [["World"], ["end"]])
    assert nvivo.reading.utf16 and nvivo.reading.crlf_two and not nvivo.reading.bom_counted
    assert [nt.text[i:j] for i, j in nvivo.spans.values()] == ["World", "end"]
    # "BOM counted, line break as one" gives the same numbers as the spec's reading here: the tie
    # goes to the spec and is flagged ambiguous
    spec = detect(nt, [(7, 12), (15, 18)], [["World"], ["end"]])
    assert spec.reading == Reading() and spec.ambiguous
    bom = detect(normalise("\ufeffabc def"), [(5, 8)], [["def"]])
    assert bom.reading.bom_counted and bom.verified == 1
    inclusive = detect(nt, [(6, 10)], [["World"]])
    assert inclusive.reading.end_inclusive and inclusive.verified == 1
    unverified = detect(nt, [(0, 5)], [[]])
    assert unverified.reading == Reading() and unverified.verified == 0


def test_offsets_inside_a_character_do_not_fit() -> None:
    from upsides_data.qda.offsets import _Mapper
    nt = normalise("a\U0001F600b\r\nc")
    utf16 = _Mapper(nt, Reading(utf16=True))
    assert [utf16(v) for v in range(7)] == [0, 1, None, 2, 3, None, 4]
    det = detect(nt, [(2, 3)], [["b"]])  # code points: 'b'; in UTF-16 units 2 splits the emoji
    assert det.reading == Reading() and det.verified == 1
    nt = normalise("a\U0001F600bc")
    strict = detect(nt, [(3, 4)], [["b"]])
    assert strict.reading.utf16 and [nt.text[i:j] for i, j in strict.spans.values()] == ["b"]


def test_qdc_import_and_cli(tmp_path, reference_dir) -> None:
    qdc = tmp_path / "c.qdc"
    qdc.write_text('<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                   '<Code guid="{AAAAAAAA-0000-0000-0000-000000000001}" name="Roles" isCodable="true">'
                   '<Code guid="aaaaaaaa-0000-0000-0000-000000000002" name="Clarity" isCodable="true"/>'
                   '</Code></Codes><Sets><Set guid="aaaaaaaa-0000-0000-0000-000000000003" name="T">'
                   '<MemberCode guid="aaaaaaaa-0000-0000-0000-000000000002"/></Set></Sets></CodeBook>',
                   encoding="utf-8")
    assert main(["import", "qdc", str(qdc), "-o", str(tmp_path / "mhw-2019")]) == 0
    codes = rows(tmp_path / "mhw-2019", "code")
    assert {c["label"]: c["parent"] for c in codes}["Clarity"] == \
        next(c["id"] for c in codes if c["label"] == "Roles")
    assert all(c["id"].startswith("upsides:mhw-2019/code-") for c in codes)
    assert rows(tmp_path / "mhw-2019", "theme_codes")[0]["theme"].startswith("upsides:mhw-2019/theme-")
    out = tmp_path / "again.qdc"
    assert main(["export", "qdc", str(tmp_path / "mhw-2019"), "-o", str(out), "--validate",
                 str(reference_dir / "refi-qda" / "Codebook.xsd")]) == 0
    assert validate([tmp_path / "mhw-2019"]).valid
    with pytest.raises(UnreadableInputError):
        (tmp_path / "bad.qdc").write_text('<!DOCTYPE x [<!ENTITY a "b">]><CodeBook/>')
        import_qdc(tmp_path / "bad.qdc", tmp_path / "bad")


def test_cli_import_prints_the_reading_and_library_api_is_lazy(tmp_path, codebook_pkg, capsys) -> None:
    import upsides_data

    assert upsides_data.import_qdpx is import_qdpx and callable(upsides_data.export_qdpx)
    assert callable(upsides_data.export_qdc) and upsides_data.import_qdc is import_qdc
    qdpx = write_vendor_qdpx(tmp_path / "n.qdpx", "nvivo")
    code = main(["import", "qdpx", str(qdpx), "--site", "upsides:ulm/site", "--study", pf.STUDY,
                 "-o", str(tmp_path / "site"), "--country", "de", "--reference", str(codebook_pkg)])
    out = capsys.readouterr()
    assert code == 0 and VENDORS["nvivo"] in out.out and "qda-pseudonymised" in out.err
    assert rows(tmp_path / "site", "site")[0]["country"] == "DE"
    again = main(["import", "qdpx", str(qdpx), "--site", "ulm", "--study", pf.STUDY,
                  "-o", str(tmp_path / "site")])
    assert again == 2  # the output exists: nothing is overwritten
    assert main(["import", "qdpx", str(qdpx), "--site", "Bad Scope!", "--study", pf.STUDY,
                 "-o", str(tmp_path / "x")]) == 2


def test_new_codes_never_land_in_a_package_named_like_the_reference_codebook(
        tmp_path, codebook_pkg) -> None:
    qdpx = write_vendor_qdpx(tmp_path / "m.qdpx", "maxqda")
    result = import_qdpx(qdpx, tmp_path / "site", site="ulm", study=pf.STUDY, country="DE",
                         reference=[codebook_pkg])
    reference_name = json.loads((codebook_pkg / "datapackage.json").read_text())["name"]
    written = json.loads((result.codebook_package / "datapackage.json").read_text())
    site = json.loads((result.site_package / "datapackage.json").read_text())
    assert written["name"] != reference_name and written["name"].endswith("-ulm-codebook")
    assert site["upsides"]["codebook"]["name"] == written["name"]
    assert any("--codebook" in line for line in result.log)
