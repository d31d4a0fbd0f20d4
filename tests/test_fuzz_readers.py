"""Seeded, bounded fuzzing of the readers (issue #13, item 7): the descriptor reader, the CSV
reader (through ``validate``), the QDPX reader and the RDF importer.

Whatever the bytes, a command ends with exit 0, 1 or 2 and says why: never exit 3, never a
traceback, never a crashed check. Inputs are mutations of the valid synthetic package and of
its own exports (so most examples get past the first byte) plus arbitrary JSON shapes for the
descriptor. ``derandomize=True`` makes every run draw the same examples; ``max_examples``
keeps the whole module well under a minute.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from package_factory import make_site_package
from upsides_data.cli import main

FUZZ = settings(max_examples=30, derandomize=True, deadline=None, database=None,
                phases=[Phase.explicit, Phase.generate],  # no shrinking: bounded even on failure
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CRASH_RULES = ("check-crashed",)


def _cli(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue() + err.getvalue()


def _assert_handled(code: int, shown: str, what: str) -> None:
    assert "Traceback" not in shown, f"{what}: traceback\n{shown[-2000:]}"
    assert code in (0, 1, 2), f"{what}: exit {code}\n{shown[-2000:]}"
    crashed = [rule for rule in CRASH_RULES if f"{rule} (error" in shown]
    assert not crashed, f"{what}: a check crashed {crashed}\n{shown[-2000:]}"
    if code != 0:
        assert shown.strip(), f"{what}: exit {code} without saying why"


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid packages and their RDF and QDPX exports, made once."""
    base = tmp_path_factory.mktemp("fuzz")
    make_site_package(base)
    pkgs = [str(base / "ulm"), str(base / "codebook")]
    for argv in (["export", "rdf", *pkgs, "-o", str(base / "in.ttl")],
                 ["export", "qdpx", *pkgs, "-o", str(base / "in.qdpx")]):
        code, shown = _cli(argv)
        assert code == 0, shown
    return base


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few splices: bytes deleted, inserted (random or syntax-laden) or
    the text cut short."""
    data = bytearray(original)
    tokens = st.sampled_from([b'"', b",", b"\n", b"\r\n", b"\x00", b"\xff\xfe", b"<", b">",
                              b"&", b"]]>", b"{", b"}", b"[", b"@prefix", b"_:b0", b";", b".",
                              b"^^", b"\xef\xbb\xbf", b"\\", b"%", b"'"])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["delete", "insert", "token", "truncate"]))
        if kind == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        elif kind == "token":
            data[at:at] = draw(tokens)
        else:
            del data[at:]
    return bytes(data)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["name", "resources", "path", "schema", "fields",
                                       "upsides", "kind", "access_level", "profile", "x"]),
                      children, max_size=4),
    max_leaves=20)


def _fresh(valid: Path) -> Path:
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    shutil.copytree(valid / "ulm", work / "ulm")
    shutil.copytree(valid / "codebook", work / "codebook")
    return work


@FUZZ
@given(data=st.data())
def test_descriptor_reader(valid: Path, data: st.DataObject) -> None:
    work = _fresh(valid)
    try:
        descriptor = work / "ulm" / "datapackage.json"
        if data.draw(st.booleans(), label="shape"):
            value = data.draw(JSON, label="descriptor")
            descriptor.write_text(json.dumps(value), encoding="utf-8")
        else:
            descriptor.write_bytes(data.draw(mutated(descriptor.read_bytes()), label="bytes"))
        code, shown = _cli(["validate", str(work / "ulm"), str(work / "codebook")])
        _assert_handled(code, shown, "validate (fuzzed descriptor)")
    finally:
        shutil.rmtree(work)


@FUZZ
@given(data=st.data())
def test_csv_reader(valid: Path, data: st.DataObject) -> None:
    work = _fresh(valid)
    try:
        table = data.draw(st.sampled_from(["quote", "participant", "focus_group", "memo"]),
                          label="table")
        path = work / "ulm" / f"{table}.csv"
        path.write_bytes(data.draw(mutated(path.read_bytes()), label="bytes"))
        code, shown = _cli(["validate", str(work / "ulm"), str(work / "codebook")])
        _assert_handled(code, shown, f"validate (fuzzed {table}.csv)")
    finally:
        shutil.rmtree(work)


@FUZZ
@given(data=st.data())
def test_qdpx_reader(valid: Path, data: st.DataObject) -> None:
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        with zipfile.ZipFile(valid / "in.qdpx") as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        name = data.draw(st.sampled_from(sorted(members)), label="member")
        members[name] = data.draw(mutated(members[name]), label="bytes")
        with zipfile.ZipFile(work / "in.qdpx", "w") as archive:
            for member, content in members.items():
                archive.writestr(member, content)
        code, shown = _cli(["import", "qdpx", str(work / "in.qdpx"), "--site", "ulm",
                            "--study", "mhw-2019", "-o", str(work / "out" / "ulm")])
        _assert_handled(code, shown, f"import qdpx (fuzzed {name})")
    finally:
        shutil.rmtree(work)


@FUZZ
@given(data=st.data())
def test_rdf_importer(valid: Path, data: st.DataObject) -> None:
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        (work / "in.ttl").write_bytes(data.draw(mutated((valid / "in.ttl").read_bytes()),
                                                label="bytes"))
        code, shown = _cli(["import", "rdf", str(work / "in.ttl"), "-o", str(work / "out")])
        _assert_handled(code, shown, "import rdf (fuzzed Turtle)")
    finally:
        shutil.rmtree(work)
