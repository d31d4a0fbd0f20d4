"""Public means public at every door (issue #17): each command that writes a public artifact
refuses public inputs carrying an identifying item, writes nothing, and marks whatever it
derives from restricted inputs as restricted.

The items (``disclosure_cases.py``): phone numbers in several national formats and digit scripts,
an email with a Unicode local part, Aadhaar and Israeli id numbers, a birth date, a street
address, a roster name (``--names``), exact ages in a group's aggregates and a participant's row,
exact years of experience, a quote linked to the one participant of a unique combination of
quasi-identifiers, a small gender count, an identifier built from a name, and a title,
contributor and ``merged_from`` entry in the descriptor carrying PII. They are planted together
in one package per door (one run each), and every item must be reported on its own, located.

The doors: merge, split, export rdf, export qdpx, export qdc, report, anonymise, import qdpx,
import rdf (their result public) and import qdc (always public). The refusals run the library function inside
``using_roster`` (what ``--names`` does) so that the complete report can be read; the command
line is checked for its exit code and its ``--names`` with the restricted runs and one refusal.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from disclosure_cases import Item, plant, plant_codebook, roster_file, secrets
from package_factory import edit_descriptor
from upsides_data.anonymisation import anonymise
from upsides_data.cli import main
from upsides_data.errors import InvalidInputError
from upsides_data.merge import merge, split
from upsides_data.pii.roster_scope import using_roster
from upsides_data.qda.export import export_qdc, export_qdpx
from upsides_data.qda.importer import import_qdc, import_qdpx
from upsides_data.rdf.export import to_rdf
from upsides_data.rdf.importer import from_rdf
from upsides_data.report import write_report

BANNER = "RESTRICTED: derived from restricted data"


@dataclass
class Setup:
    """A door's input (as the door reads it), the items it carries, and where it writes."""

    inputs: list[Path]
    items: list[Item]
    out: Path


def _site(work: Path, access: str) -> Setup:
    site, items = plant(work, access_level=access)
    return Setup([work / "codebook", site], items, work / "out")


def _codebook(work: Path, access: str) -> Setup:
    book, items = plant_codebook(work, access_level=access)
    return Setup([book], items, work / "out.qdc")


def _consortium(work: Path, access: str) -> Setup:
    """A consortium merged from the restricted site (its descriptor then says ``access``)."""
    site, items = plant(work / "site", access_level="restricted")
    consortium = merge([work / "site" / "codebook", site], work / "consortium").output
    assert consortium is not None

    def mark(descriptor: dict) -> None:
        descriptor["upsides"]["access_level"] = access

    edit_descriptor(consortium, mark)
    carried = [i for i in items if i.file is not None]  # merge writes its own descriptor
    return Setup([consortium], carried, work / "out")


def _qdpx(work: Path, access: str) -> Setup:
    """A QDPX project of the restricted site (the door's result is ``access``)."""
    site, items = plant(work / "site", access_level="restricted")
    project = export_qdpx([work / "site" / "codebook", site], work / "project.qdpx").path
    carried = [i for i in items if i.in_text or i.file == "participant.csv"
               or i.field == "speaker"]
    return Setup([project, work / "site" / "codebook", site], carried, work / "out")


def _rdf(work: Path, access: str) -> Setup:
    """An RDF export of the restricted site, its access rights rewritten to ``access``."""
    site, items = plant(work / "site", access_level="restricted")
    text = to_rdf([work / "site" / "codebook", site], format="ntriples")
    right = "/PUBLIC>" if access == "public" else "/RESTRICTED>"
    lines = [line.replace("/RESTRICTED>", right) if "accessRights" in line else line
             for line in str(text).splitlines(keepends=True)]
    path = work / "export.nt"
    path.write_text("".join(lines), encoding="utf-8")
    return Setup([path], items, work / "out")


def _qdc(work: Path, access: str) -> Setup:
    """A QDC of the restricted codebook (import qdc always writes a public codebook package)."""
    book, items = plant_codebook(work / "book", access_level="restricted")
    path = export_qdc(book, work / "codebook.qdc").path
    return Setup([path], [i for i in items if i.in_text], work / "out")


def _import_qdpx(setup: Setup, access: str) -> None:
    project, codebook, site = setup.inputs
    import_qdpx(project, setup.out, site="ulm", study="mhw-2019", access_level=access,
                reference=[codebook, site])


DOORS: dict[str, tuple[Callable[[Path, str], Setup], Callable[[Setup, str], object]]] = {
    "merge": (_site, lambda s, a: merge(s.inputs, s.out)),
    "split": (_consortium, lambda s, a: split(s.inputs[0], s.out)),
    "export rdf": (_site, lambda s, a: to_rdf(s.inputs, s.out)),
    "export qdpx": (_site, lambda s, a: export_qdpx(s.inputs, s.out)),
    "export qdc": (_codebook, lambda s, a: export_qdc(s.inputs[0], s.out)),
    "report": (_site, lambda s, a: write_report(s.inputs, s.out)),
    "anonymise": (_site, lambda s, a: anonymise(s.inputs[-1], s.out)),
    "import qdpx": (_qdpx, _import_qdpx),
    "import rdf": (_rdf, lambda s, a: from_rdf(s.inputs[0], s.out)),
    "import qdc": (_qdc, lambda s, a: import_qdc(s.inputs[0], s.out)),
}
ALWAYS_PUBLIC = {"import qdc"}  # a codebook imported from a QDC is public: nothing to mark


def _written(work: Path, before: set[Path]) -> list[Path]:
    """Files the door left behind (outputs, temporary files), besides its inputs."""
    return sorted(p for p in work.rglob("*") if p not in before and p.name != "roster.txt")


@pytest.mark.parametrize("door", sorted(DOORS))
def test_a_door_refuses_public_inputs_carrying_any_identifying_item(door, tmp_path):
    prepare, run = DOORS[door]
    setup = prepare(tmp_path / "in", "public")
    roster = roster_file(tmp_path)
    before = set((tmp_path / "in").rglob("*"))
    with using_roster(roster), pytest.raises(InvalidInputError) as refused:
        run(setup, "public")
    assert refused.value.exit_code == 1
    findings = refused.value.report.findings
    missed = [i.name for i in setup.items if not i.found_in(findings)]
    assert not missed, f"{door}: not reported: {missed}"
    assert len(setup.items) >= 9
    assert _written(tmp_path / "in", before) == []
    shown = json.dumps([f.to_dict() for f in findings], ensure_ascii=False)
    leaked = [s for s in secrets(setup.items) if s in shown]
    assert not leaked, f"{door}: findings repeat {leaked}"


def _cli(door: str, setup: Setup, roster: Path, access: str) -> list[str]:
    names = ["--names", str(roster)]
    out = str(setup.out)
    if door == "import qdpx":
        project, codebook, site = map(str, setup.inputs)
        return ["import", "qdpx", project, "--site", "ulm", "--study", "mhw-2019", "-o", out,
                "--access-level", access, "--reference", codebook, "--reference", site, *names]
    if door == "anonymise":
        return ["anonymise", str(setup.inputs[-1]), "-o", out, *names]
    return [*door.split(" "), *map(str, setup.inputs), "-o", out, *names]


@pytest.mark.parametrize("door", sorted(set(DOORS) - ALWAYS_PUBLIC))
def test_restricted_inputs_pass_and_the_output_says_restricted(door, tmp_path, capsys):
    prepare, _ = DOORS[door]
    setup = prepare(tmp_path / "in", "restricted")
    code = main(_cli(door, setup, roster_file(tmp_path), "restricted"))
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err
    texts = _texts(setup.out)
    if door == "anonymise":  # its output is public by design: nothing identifying survives
        descriptor = json.loads(texts["datapackage.json"])
        assert descriptor["upsides"]["access_level"] == "public"
        leaked = [s for s in secrets(setup.items) for name, t in texts.items() if s in t]
        assert not leaked, leaked
    else:
        assert _marked_restricted(door, texts), sorted(texts)


def _texts(out: Path) -> dict[str, str]:
    """Every text an output holds: files of a folder, members of a zip, or the file itself."""
    if out.is_dir():
        return {str(p.relative_to(out)): p.read_text(encoding="utf-8")
                for p in sorted(out.rglob("*")) if p.is_file() and p.suffix in
                (".json", ".csv", ".md", ".html", ".txt")}
    if zipfile.is_zipfile(out):
        with zipfile.ZipFile(out) as zf:
            return {n: zf.read(n).decode("utf-8", "replace") for n in zf.namelist()}
    return {out.name: out.read_text(encoding="utf-8")}


def _marked_restricted(door: str, texts: dict[str, str]) -> bool:
    if door in ("merge", "split", "import qdpx", "import rdf"):  # packages: their descriptors
        levels = [json.loads(t)["upsides"]["access_level"] for n, t in texts.items()
                  if n.endswith("datapackage.json") and "codebook" not in n]
        return bool(levels) and set(levels) == {"restricted"}
    if door == "report":
        return BANNER in texts["report.html"] and BANNER in texts["report.md"]
    if door == "export rdf":
        [text] = texts.values()
        return "access-right/RESTRICTED" in text or "euaccess:RESTRICTED" in text
    return any(BANNER in t for t in texts.values())  # QDPX description, QDC origin


def test_the_command_line_refuses_with_exit_1_and_names_from_the_roster(tmp_path, capsys):
    site, _ = plant(tmp_path / "in")
    out = tmp_path / "in" / "out.ttl"
    code = main(["export", "rdf", str(tmp_path / "in" / "codebook"), str(site), "-o", str(out),
                 "--names", str(roster_file(tmp_path))])
    captured = capsys.readouterr()
    assert code == 1
    assert "disclosure-pii" in captured.out and ": name at characters" in captured.out
    assert "Mueller" not in captured.out and "Traceback" not in captured.err
    assert not out.exists()
