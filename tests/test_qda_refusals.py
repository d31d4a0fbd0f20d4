"""import qdpx/qdc refuse duplicate GUIDs, binary sources and over-deep XML; long transcripts
import whole (issue 13, items 4 and 5)."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

import package_factory as pf
from test_qda_support import TEXT, gid, project_xml, source_bytes
from upsides_data.cli import main
from upsides_data.errors import LimitExceededError, UnreadableInputError
from upsides_data.limits import MAX_NESTING
from upsides_data.qda import import_qdc, import_qdpx


def _qdpx(path: Path, *, xml: str | None = None, source: bytes | None = None,
          extra: dict[str, bytes] | None = None) -> Path:
    default_xml, folder, name = project_xml("maxqda")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", (xml or default_xml).encode("utf-8"))
        zf.writestr(f"{folder}/{name}.txt", source if source is not None else source_bytes("maxqda"))
        for member, data in (extra or {}).items():
            zf.writestr(member, data)
    return path


def _import(qdpx: Path, tmp_path: Path):  # noqa: ANN202
    return import_qdpx(qdpx, tmp_path / "site", site="ulm", study=pf.STUDY, country="DE")


def _nothing_written(tmp_path: Path) -> None:
    assert not (tmp_path / "site").exists() and not (tmp_path / "site-codebook").exists()


def test_duplicate_guids_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xml, _, _ = project_xml("maxqda")
    role = gid("maxqda-code-roles", upper=True, braces=True)
    xml = xml.replace(gid("maxqda-code-exp", upper=True, braces=True), role, 1)  # the declaration
    qdpx = _qdpx(tmp_path / "dup.qdpx", xml=xml)
    with pytest.raises(UnreadableInputError) as caught:
        _import(qdpx, tmp_path)
    [finding] = caught.value.findings
    assert finding.rule == "qda-duplicate-guid"
    assert "Code 'Lived experience'" in finding.message and "Code 'Role clarity'" in finding.message
    _nothing_written(tmp_path)
    assert main(["import", "qdpx", str(qdpx), "--site", "ulm", "--study", "mhw-2019",
                 "-o", str(tmp_path / "site")]) == 2
    assert "qda-duplicate-guid" in capsys.readouterr().out


def test_references_sharing_a_guid_are_not_duplicates(tmp_path: Path) -> None:
    result = _import(_qdpx(tmp_path / "ok.qdpx"), tmp_path)  # CodeRefs repeat code GUIDs
    assert result.site_package is not None


@pytest.mark.parametrize(("data", "kind"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"ID3\x04\x00\x00\x00\x00\x00\x00", "an MP3 audio file"),
    (b"some text\x00\x01\x02 then binary", "a binary file (it holds NUL bytes)"),
])
def test_binary_text_sources_are_refused_by_name(tmp_path: Path, data: bytes, kind: str) -> None:
    with pytest.raises(UnreadableInputError) as caught:
        _import(_qdpx(tmp_path / "bin.qdpx", source=data), tmp_path)
    [finding] = caught.value.findings
    assert finding.rule == "qda-binary-source"
    assert "'Focus group 1'" in finding.message and kind in finding.message
    _nothing_written(tmp_path)


def test_utf16_sources_are_text(tmp_path: Path) -> None:
    result = _import(_qdpx(tmp_path / "u16.qdpx", source=TEXT.encode("utf-16")), tmp_path)
    assert result.site_package is not None


def test_codes_nested_past_the_limit_are_refused(tmp_path: Path) -> None:
    nested = "".join(f'<Code guid="{gid(f"deep{i}")}" name="c{i}" isCodable="true">'
                     for i in range(MAX_NESTING + 5)) + "</Code>" * (MAX_NESTING + 5)
    qdc = tmp_path / "deep.qdc"
    qdc.write_text(f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{nested}</Codes></CodeBook>',
                   encoding="utf-8")
    with pytest.raises(LimitExceededError) as caught:
        import_qdc(qdc, tmp_path / "cb")
    assert [f.rule for f in caught.value.findings] == ["nesting-too-deep"]
    assert not (tmp_path / "cb").exists()


def test_corrupt_member_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    qdpx = _qdpx(tmp_path / "bad.qdpx", source=TEXT.encode("utf-8") * 20)
    data = qdpx.read_bytes()
    with zipfile.ZipFile(qdpx) as zf:
        info = zf.getinfo(next(n for n in zf.namelist() if n.startswith("Sources/")))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    end = start + info.compress_size  # the source member's compressed bytes, scrambled
    broken = data[:start] + bytes(b ^ 0x55 for b in data[start:end]) + data[end:]
    qdpx.write_bytes(broken)
    with pytest.raises(UnreadableInputError) as caught:
        _import(qdpx, tmp_path)
    assert [f.rule for f in caught.value.findings] == ["zip-member-corrupt"]
    assert main(["import", "qdpx", str(qdpx), "--site", "ulm", "--study", "mhw-2019",
                 "-o", str(tmp_path / "site")]) == 2
    out, err = capsys.readouterr()
    assert "zip-member-corrupt" in out and "internal error" not in err
    _nothing_written(tmp_path)


def test_transcript_of_300_kib_imports_whole(tmp_path: Path) -> None:
    filler = "".join(f"P{i % 9 + 1}: synthetic filler line {i} about team meetings.\n"
                     for i in range(6000))
    long_text = TEXT + filler
    assert len(long_text.encode("utf-8")) > 300 * 1024
    result = _import(_qdpx(tmp_path / "long.qdpx", source=long_text.encode("utf-8")), tmp_path)
    limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)  # only to read the written file back in this test
    try:
        with open(result.site_package / "transcript.csv", encoding="utf-8", newline="") as handle:
            [row] = list(csv.DictReader(handle))
    finally:
        csv.field_size_limit(limit)
    assert row["text"] == long_text
