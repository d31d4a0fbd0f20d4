"""QDPX export in bounded memory, with the same bytes as before (issue #18, item 4).

Structural, never timed: the writer emits each source before the next is built, only one
transcript's rows ever become Python dicts, the lxml serialiser escapes exactly as the file
always has, and the fast UUID v5 equals the standard library's.
"""

from __future__ import annotations

import io
import random
import uuid
import zipfile
from pathlib import Path
from typing import Any, Iterator

import polars as pl
import pytest

from upsides_data.qda import export_qdpx
from upsides_data.qda import model as m
from upsides_data.qda.guids import uuid5_url
from upsides_data.qda.xmlsafe import escape_attr, escape_text
from upsides_data.qda.xmlwrite import write_project
from upsides_data.synth import synthesize


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("synth")
    codebook, site = synthesize(tmp / "s", sites=1, quotes=2000, seed=5)[:2]
    return site, codebook


def test_fast_uuid5_is_the_standard_one() -> None:
    rng = random.Random(18)
    names = ["", "https://w3id.org/upsides-data/id/ulm/q1", "é𝄞\u2028", "#char=0,10"]
    names += ["".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(60)))
              for _ in range(200)]
    for name in names:
        assert uuid5_url(name) == str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def _tricky(rng: random.Random) -> str:
    alphabet = "ab <>&\"'\r\n\t]]>é𝄞\x00\x0b\ufffe\u2028 "
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30)))


def test_serialiser_escapes_as_the_file_always_has() -> None:
    """Text and attributes come out exactly as the string writer wrote them before lxml:
    escape_text / escape_attr are that writer's escaping."""
    rng = random.Random(4)
    for _ in range(300):
        name, description = _tricky(rng), _tricky(rng)
        project = m.Project(name="p", description=description,
                            users=[m.User(guid="g", name=name, id="i")])
        xml = _project_bytes(project).decode("utf-8")
        assert f'<User guid="g" name="{escape_attr(name)}" id="i"/>' in xml
        assert f"  <Description>{escape_text(description)}</Description>\n</Project>\n" in xml


def _project_bytes(project: m.Project) -> bytes:
    out = io.BytesIO()
    write_project(out, project)
    return out.getvalue()


def _big_source(i: int) -> m.TextSource:
    selections = [m.Selection(guid=f"s{i}-{k}", start=k, end=k + 1,
                              codings=[m.Coding(guid=f"c{i}-{k}", code="code")])
                  for k in range(100)]
    return m.TextSource(guid=f"t{i}", name=f"t{i}", selections=selections)


def test_each_source_is_written_before_the_next_is_built() -> None:
    out = io.BytesIO()
    written_when_built: list[int] = []

    def sources() -> Iterator[m.TextSource]:
        for i in range(20):
            written_when_built.append(len(out.getvalue()))
            yield _big_source(i)

    write_project(out, m.Project(name="p"), sources())
    # each source is about 20 kB of XML; libxml2 buffers a few kB at most
    assert all(later > earlier + 10_000 for earlier, later
               in zip(written_when_built[1:], written_when_built[2:]))


def test_only_one_transcripts_rows_become_dicts(synthetic: tuple[Path, Path], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site, codebook = synthetic
    quotes = pl.read_csv(site / "quote.csv", infer_schema=False)
    per_transcript = quotes.group_by("transcript").len()["len"]
    assert quotes.height > 20 * int(per_transcript.max())  # type: ignore[arg-type]
    heights: list[int] = []
    to_dicts = pl.DataFrame.to_dicts

    def recording(self: pl.DataFrame) -> list[dict[str, Any]]:
        heights.append(self.height)
        return to_dicts(self)

    monkeypatch.setattr(pl.DataFrame, "to_dicts", recording)
    export_qdpx([site, codebook], tmp_path / "p.qdpx", validate=False)
    small = max(pl.read_csv(site / f"{table}.csv", infer_schema=False).height
                for table in ("participant", "participant_focus_groups_attended", "memo"))
    # the small tables (participants, memos, codes) are read whole; quotes, codings and their
    # links only one transcript at a time (a few times a transcript's quotes at most)
    assert small < quotes.height / 4
    assert max(heights) < quotes.height / 4


def test_two_exports_are_byte_identical(synthetic: tuple[Path, Path], tmp_path: Path) -> None:
    site, codebook = synthetic
    first, second = tmp_path / "a.qdpx", tmp_path / "b.qdpx"
    export_qdpx([site, codebook], first, validate=False)
    export_qdpx([codebook, site], second, validate=False)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
    assert names[0] == "project.qde" and names[1:] == sorted(names[1:])


@pytest.fixture(scope="module")
def exported(synthetic: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    site, codebook = synthetic
    path = tmp_path_factory.mktemp("qdpx") / "p.qdpx"
    export_qdpx([site, codebook], path, validate=False)
    return path


def test_stream_reads_what_the_careful_reader_reads(exported: Path) -> None:
    from upsides_data.qda.archive import open_qdpx
    from upsides_data.qda.xmlread import Reader
    from upsides_data.qda.xmlsafe import parse
    from upsides_data.qda.xmlstream import stream_project

    archive = open_qdpx(exported)
    try:
        streamed = stream_project(archive)
        careful = Reader()
        expected = careful.project(parse(archive.project_bytes, "project.qde").root)
    finally:
        archive.close()
    assert streamed is not None
    project, reader, _ = streamed
    assert len(project.sources) > 20 and len(project.cases) > 20
    assert project == expected and reader.problems == careful.problems


def test_stream_holds_one_item_at_a_time(exported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from upsides_data.qda import xmlstream
    from upsides_data.qda.archive import open_qdpx

    in_tree: list[int] = []
    child = xmlstream.Reader.child

    def recording(self: Any, project: m.Project, element: Any) -> None:
        if isinstance(element, xmlstream._One):
            in_tree.append(sum(1 for _ in element.item.getroottree().getroot().iter()))
        child(self, project, element)

    monkeypatch.setattr(xmlstream.Reader, "child", recording)
    archive = open_qdpx(exported)
    try:
        total = sum(1 for _ in parse_whole(archive.project_bytes).iter())
        assert xmlstream.stream_project(archive) is not None
    finally:
        archive.close()
    assert len(in_tree) > 40
    assert max(in_tree) < total / 10  # one item and the parser's read-ahead, never the document


def parse_whole(data: bytes) -> Any:
    from upsides_data.qda.xmlsafe import parse
    return parse(data, "project.qde").root


def test_a_dtd_is_still_refused(exported: Path, tmp_path: Path) -> None:
    """The stream gives up on a DTD; the careful reader refuses it as it always has."""
    from upsides_data.errors import UnreadableInputError
    from upsides_data.qda import import_qdpx

    with zipfile.ZipFile(exported) as source:
        members = {name: source.read(name) for name in source.namelist()}
    qde = members["project.qde"]
    members["project.qde"] = qde.replace(
        b"?>\n", b'?>\n<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">]>\n', 1)
    hostile = tmp_path / "dtd.qdpx"
    with zipfile.ZipFile(hostile, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)
    with pytest.raises(UnreadableInputError) as caught:
        import_qdpx(hostile, tmp_path / "site", site="ulm", study="mhw-2019", country="DE")
    assert [f.rule for f in caught.value.findings] == ["xml-unsafe"]
    assert "DTD" in str(caught.value)
    assert not (tmp_path / "site").exists()
