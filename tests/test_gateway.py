"""The door in: every deriving command reads packages through ``upsides_data.gateway``.

Each refusal is checked through the CLI (exit code, the finding's rule code on stdout, nothing
written, no traceback) and through the library (the error and its findings). The packages are
the small synthetic ones of ``package_factory``: a restricted site package (``ulm``) and its
codebook package beside it, valid together, so every refusal below comes from one corruption.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path
from typing import Callable, Iterator

import polars as pl
import pytest

import package_factory as pf
from upsides_data.cli import main
from upsides_data.errors import InvalidInputError, UnreadableInputError
from upsides_data.gateway import check_written, read_inputs
from upsides_data.validate.runner import validate

SECRET = "TOP-SECRET-OUTSIDE-THE-PACKAGE"


@pytest.fixture()
def packages(tmp_path: Path) -> tuple[Path, Path]:
    """A valid restricted site package and its codebook package, in ``tmp_path/in``."""
    site = pf.make_site_package(tmp_path / "in", access_level="restricted")
    return site, tmp_path / "in" / "codebook"


@pytest.fixture()
def outside(packages: tuple[Path, Path], tmp_path: Path) -> Path:
    """A file outside every package: a memo table's header and a secret."""
    header = (packages[0] / "memo.csv").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "elsewhere" / "memo.csv"
    path.parent.mkdir()
    path.write_text(f"{header}\n{SECRET},x\n", encoding="utf-8")
    return path


@pytest.fixture()
def hang_guard() -> Iterator[None]:
    """Fail instead of hanging forever when something opens a FIFO."""
    def on_alarm(signum, frame):  # noqa: ANN001
        raise AssertionError("a FIFO was opened: the command hung")
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _set_path(pkg: Path, table: str, path: str) -> None:
    def edit(descriptor: dict) -> None:
        pf.resource(descriptor, table)["path"] = path
    pf.edit_descriptor(pkg, edit)


def _commands(site: Path, codebook: Path, out: Path) -> dict[str, list[str]]:
    """Every deriving command, over the two packages, writing under ``out``."""
    both = [str(site), str(codebook)]
    return {
        "merge": ["merge", *both, "-o", str(out / "consortium")],
        "export rdf": ["export", "rdf", *both, "-o", str(out / "x.ttl")],
        "export qdpx": ["export", "qdpx", *both, "-o", str(out / "x.qdpx")],
        "report": ["report", *both, "-o", str(out / "report")],
        "query": ["query", *both, "SELECT ?s WHERE { ?s a uds:Quote }"],
        "anonymise": ["anonymise", str(site), "-o", str(out / "public")],
    }


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "internal error" not in captured.err
    return code, captured.out, captured.err


def _assert_refused(site: Path, codebook: Path, out: Path, capsys: pytest.CaptureFixture[str],
                    rule: str, *, exit_code: int = 1,
                    commands: tuple[str, ...] = ("merge", "export rdf", "export qdpx", "report",
                                                 "query", "anonymise")) -> None:
    out.mkdir(exist_ok=True)
    all_commands = _commands(site, codebook, out)
    assert set(commands) <= set(all_commands)
    for name in commands:
        code, stdout, stderr = _run(all_commands[name], capsys)
        assert code == exit_code, (name, stdout, stderr)
        assert rule in stdout, (name, stdout)
        assert SECRET not in stdout + stderr, name
        assert list(out.iterdir()) == [], (name, list(out.iterdir()))


# -- resource paths are confined to the package ------------------------------------------------

@pytest.mark.parametrize("kind, rule", [
    ("traversal", "path-traversal"),
    ("absolute", "path-absolute"),
    ("url", "path-remote"),
    ("backslash", "path-backslash"),
    ("symlink", "path-traversal"),
])
def test_paths_leaving_the_package_are_refused_by_every_command(
        kind: str, rule: str, packages: tuple[Path, Path], outside: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    site, codebook = packages
    if kind == "traversal":
        _set_path(site, "memo", "../../elsewhere/memo.csv")
    elif kind == "absolute":
        _set_path(site, "memo", str(outside))
    elif kind == "url":
        _set_path(site, "memo", "http://example.org/memo.csv")
    elif kind == "backslash":
        _set_path(site, "memo", "..\\..\\elsewhere\\memo.csv")
    else:
        (site / "memo.csv").unlink()
        (site / "memo.csv").symlink_to(outside)
    _assert_refused(site, codebook, tmp_path / "out", capsys, rule)
    with pytest.raises(InvalidInputError) as refused:
        read_inputs([site, codebook], purpose="a test")
    assert rule in {f.rule for f in refused.value.report.errors}
    # without validation, the gateway still refuses to read the file (exit 2, a finding)
    code, stdout, _ = _run(["export", "rdf", str(site), str(codebook), "--no-validate",
                            "-o", str(tmp_path / "out" / "draft.ttl")], capsys)
    assert code == 2 and rule in stdout and SECRET not in stdout
    assert not (tmp_path / "out" / "draft.ttl").exists()


def test_a_fifo_is_refused_without_hanging(packages: tuple[Path, Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str],
                                           hang_guard: None) -> None:
    site, codebook = packages
    (site / "memo.csv").unlink()
    os.mkfifo(site / "memo.csv")
    assert "file-not-regular" in {f.rule for f in validate([site, codebook]).errors}
    _assert_refused(site, codebook, tmp_path / "out", capsys, "file-not-regular")
    code, stdout, _ = _run(["merge", str(site), str(codebook), "--no-validate",
                            "-o", str(tmp_path / "out" / "draft")], capsys)
    assert code == 2 and "file-not-regular" in stdout
    assert not (tmp_path / "out" / "draft").exists()


def test_a_device_is_never_read(packages: tuple[Path, Path], tmp_path: Path,
                                capsys: pytest.CaptureFixture[str], hang_guard: None) -> None:
    site, codebook = packages
    (site / "memo.csv").unlink()
    (site / "memo.csv").symlink_to("/dev/zero")
    _assert_refused(site, codebook, tmp_path / "out", capsys, "path-traversal",
                    commands=("merge", "report", "query"))
    _set_path(site, "memo", "/dev/zero")
    _assert_refused(site, codebook, tmp_path / "out", capsys, "path-absolute",
                    commands=("export rdf", "anonymise"))


def test_a_package_folder_given_as_a_fifo_is_unreadable(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str],
                                                        hang_guard: None) -> None:
    os.mkfifo(tmp_path / "pipe.zip")
    code, stdout, _ = _run(["merge", str(tmp_path / "pipe.zip"), "-o", str(tmp_path / "out")],
                           capsys)
    assert code == 2 and "unreadable" in stdout
    assert not (tmp_path / "out").exists()


# -- read problems are findings with file and row ----------------------------------------------

def _bad_byte(site: Path) -> None:
    data = (site / "quote.csv").read_bytes()
    (site / "quote.csv").write_bytes(data.replace(b"peer workers", b"peer w\xf6rkers", 1))


def test_a_bad_byte_is_a_finding_under_every_command(packages: tuple[Path, Path], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    site, codebook = packages
    _bad_byte(site)
    _assert_refused(site, codebook, tmp_path / "out", capsys, "encoding")
    # a draft reads through the gateway too: the same finding, with file and line
    for args in (["merge", "-o", str(tmp_path / "out" / "c")],
                 ["report", "-o", str(tmp_path / "out" / "r")],
                 ["query", "ASK { ?s ?p ?o }"]):
        head, tail = args[:1], args[1:]
        code, stdout, _ = _run([*head, str(site), str(codebook), *tail, "--no-validate"], capsys)
        assert code == 2 and "encoding" in stdout and "quote.csv row 2" in stdout, args
    assert list((tmp_path / "out").iterdir()) == []
    with pytest.raises(UnreadableInputError) as unreadable:
        read_inputs([site], validate=False, purpose="a test").packages[0].text_frame("quote")
    (finding,) = unreadable.value.findings
    assert (finding.rule, finding.file, finding.row) == ("encoding", "quote.csv", 2)


def test_ragged_rows_are_findings(packages: tuple[Path, Path], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    site, codebook = packages
    pf.rewrite_text(site, "quote", lambda text: text.rstrip("\n") + ",one,cell,too,many\n")
    _assert_refused(site, codebook, tmp_path / "out", capsys, "cell-extra")
    with pytest.raises(UnreadableInputError) as unreadable:
        read_inputs([site], validate=False, purpose="a test").packages[0].text_frame("quote")
    (finding,) = unreadable.value.findings
    assert (finding.rule, finding.file, finding.row) == ("cell-extra", "quote.csv", 3)


def test_a_damaged_zip_member_is_a_finding(packages: tuple[Path, Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    site, codebook = packages
    archive = Path(shutil.make_archive(str(tmp_path / "ulm"), "zip", site))
    data = bytearray(archive.read_bytes())
    start = data.index(b"quote.csv") + len(b"quote.csv") + 4  # inside the member's data
    data[start:start + 16] = b"\x00" * 16
    archive.write_bytes(bytes(data))
    code, stdout, _ = _run(["merge", str(archive), str(codebook), "-o", str(tmp_path / "c")],
                           capsys)
    assert code == 2 and "zip-member-corrupt" in stdout and "quote.csv" in stdout
    assert not (tmp_path / "c").exists()


# -- names never become paths unchecked --------------------------------------------------------

def test_an_unsafe_package_name_is_a_finding_and_never_a_folder(
        packages: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site, codebook = packages
    code, _, _ = _run(["merge", str(site), str(codebook), "-o", str(tmp_path / "c")], capsys)
    assert code == 0
    pf.edit_descriptor(site, lambda d: d.update(name="../../escaped"))
    (finding,) = [f for f in validate([site, codebook]).errors if f.rule == "name-invalid"]
    assert finding.field == "name" and "upsides-mhw-2019-ulm" in (finding.hint or "")
    # a consortium whose recorded input is named like a path: split refuses to make the folder
    def rename(descriptor: dict) -> None:
        for entry in descriptor["upsides"]["merged_from"]:
            if entry["descriptor"]["upsides"]["kind"] == "site":
                entry["descriptor"]["name"] = "../../escaped"
    pf.edit_descriptor(tmp_path / "c", rename)
    code, stdout, _ = _run(["split", str(tmp_path / "c"), "-o", str(tmp_path / "s" / "t")],
                           capsys)
    # the output writer refuses a name that is not a plain folder name (never rewrites it)
    assert code == 2 and "output-unsafe-name" in stdout
    assert not (tmp_path / "s").exists() and not (tmp_path / "escaped").exists()


# -- validation at every door ------------------------------------------------------------------

def test_invalid_inputs_are_refused_by_the_api_too(packages: tuple[Path, Path],
                                                   tmp_path: Path) -> None:
    import upsides_data
    from upsides_data.anonymisation import anonymise
    from upsides_data.qda.export import export_qdpx
    from upsides_data.rdf.export import to_rdf
    from upsides_data.rdf.query import query
    from upsides_data.report import write_report

    site, codebook = packages
    pf.set_cell(site, "quote", 2, "start_offset", "many")
    expected = {(f.rule, f.file, f.row, f.field) for f in validate([site, codebook]).errors}
    assert ("quote.csv", 2, "start_offset") in {(f, r, d) for _, f, r, d in expected}
    calls: dict[str, Callable[[], object]] = {
        "merge": lambda: upsides_data.merge([site, codebook], tmp_path / "o" / "c"),
        "to_rdf": lambda: to_rdf([site, codebook], tmp_path / "o" / "x.ttl"),
        "export_qdpx": lambda: export_qdpx([site, codebook], tmp_path / "o" / "x.qdpx"),
        "write_report": lambda: write_report([site, codebook], tmp_path / "o" / "r"),
        "query": lambda: query([site, codebook], "ASK { ?s ?p ?o }"),
        "anonymise": lambda: anonymise(site, tmp_path / "o" / "p"),
        "load": lambda: upsides_data.load([site, codebook]),
    }
    (tmp_path / "o").mkdir()
    for name, call in calls.items():
        with pytest.raises(InvalidInputError) as refused:
            call()
        errors = refused.value.report.errors
        assert {(f.rule, f.file, f.row, f.field) for f in errors} == expected, name
        assert list((tmp_path / "o").iterdir()) == [], name
    draft = upsides_data.load([site, codebook], validate=False)
    assert draft.validated is False and draft.table("quote").height == 2


def test_no_validate_says_so_in_output_and_metadata(packages: tuple[Path, Path], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    site, codebook = packages
    code, stdout, _ = _run(["merge", str(site), str(codebook), "--no-validate",
                            "-o", str(tmp_path / "c")], capsys)
    assert code == 0 and "not validated" in stdout
    upsides = json.loads((tmp_path / "c" / "datapackage.json").read_text())["upsides"]
    assert upsides["validated"] is False
    assert any("not validated" in n for n in upsides["notices"])
    code, stdout, _ = _run(["export", "rdf", str(site), str(codebook), "--no-validate",
                            "-o", str(tmp_path / "x.ttl")], capsys)
    assert code == 0 and "not validated" in stdout
    assert '\\"validated\\": false' in (tmp_path / "x.ttl").read_text(encoding="utf-8")
    code, stdout, _ = _run(["report", str(site), str(codebook), "--no-validate",
                            "-o", str(tmp_path / "r")], capsys)
    assert code == 0 and "not validated" in stdout
    assert "draft" in (tmp_path / "r" / "report.md").read_text(encoding="utf-8").splitlines()[0]
    # validated runs carry no such mark
    assert main(["merge", str(site), str(codebook), "-o", str(tmp_path / "v")]) == 0
    upsides = json.loads((tmp_path / "v" / "datapackage.json").read_text())["upsides"]
    assert "validated" not in upsides


def test_merge_never_writes_a_consortium_that_does_not_validate(
        packages: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site, codebook = packages
    # a site package without its codebook package: its themes and codes would dangle
    code, stdout, _ = _run(["merge", str(site), "-o", str(tmp_path / "c")], capsys)
    assert code == 1 and "foreign-key" in stdout and "quote_themes.csv" in stdout
    assert not (tmp_path / "c").exists()
    # a quote table without its text column would lose the quotes' text
    quotes = pl.read_csv(site / "quote.csv", infer_schema=False)
    quotes.drop("text").write_csv(site / "quote.csv", line_terminator="\n")
    code, stdout, _ = _run(["merge", str(site), str(codebook), "-o", str(tmp_path / "c")],
                           capsys)
    assert code == 1 and "column-missing" in stdout
    assert not (tmp_path / "c").exists()


def test_check_written_refuses_a_package_that_would_not_validate(
        packages: tuple[Path, Path]) -> None:
    site, codebook = packages
    assert check_written([site, codebook]).valid
    pf.set_cell(site, "quote", 2, "transcript", "upsides:ulm/no-such-transcript")
    with pytest.raises(InvalidInputError, match="would not validate") as refused:
        check_written([site, codebook])
    assert "foreign-key" in {f.rule for f in refused.value.report.errors}


# -- cells as long as real transcripts ---------------------------------------------------------

def test_a_one_megabyte_transcript_cell_is_fine_everywhere(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    words = "Synthetic transcript words for a long focus group. " * 21000  # about 1.1 MB
    def longer(tables: pf.Tables) -> None:
        tables["quote"][0]["end_offset"] = 70
        tables["transcript"][0]["text"] = (
            "Synthetic quote: peer workers bring their own experience to the ward. " + words)
    site = pf.make_site_package(tmp_path / "in", access_level="restricted", edit=longer)
    codebook = tmp_path / "in" / "codebook"
    text = pl.read_csv(site / "transcript.csv", infer_schema=False)["text"][0]
    assert len(text) > 1_000_000
    report = validate([site, codebook])
    assert report.valid, [(f.rule, f.message) for f in report.errors]
    out = tmp_path / "out"
    out.mkdir()
    for name, args in _commands(site, codebook, out).items():
        code, stdout, stderr = _run(args, capsys)
        assert code == 0, (name, stdout, stderr)
    merged = pl.read_csv(out / "consortium" / "transcript.csv", infer_schema=False)
    assert merged["text"][0] == text
    assert main(["split", str(out / "consortium"), "-o", str(out / "split")]) == 0
    assert validate([out / "consortium"]).valid


def test_export_qdc_and_split_validate_first(packages: tuple[Path, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    site, codebook = packages
    assert main(["merge", str(site), str(codebook), "-o", str(tmp_path / "c")]) == 0
    data = (tmp_path / "c" / "quote.csv").read_bytes()
    (tmp_path / "c" / "quote.csv").write_bytes(data.replace(b"peer workers", b"peer w\xf6rkers"))
    code, stdout, _ = _run(["split", str(tmp_path / "c"), "-o", str(tmp_path / "s")], capsys)
    assert code == 1 and "encoding" in stdout and not (tmp_path / "s").exists()
    pf.rewrite_text(codebook, "code", lambda text: text.rstrip("\n") + ",x,y,z,extra\n")
    code, stdout, _ = _run(["export", "qdc", str(codebook), "-o", str(tmp_path / "x.qdc")],
                           capsys)
    assert code == 1 and "cell-extra" in stdout and not (tmp_path / "x.qdc").exists()
    code, stdout, _ = _run(["export", "qdc", str(codebook), "--no-validate",
                            "-o", str(tmp_path / "x.qdc")], capsys)
    assert code == 2 and "cell-extra" in stdout and not (tmp_path / "x.qdc").exists()
