"""Held-out cases (``heldout_pii.py``, generated apart from the corpus the detectors were written
with): planted in a restricted package's free text and metadata, none of them reaches any public
output: the package anonymise writes, a consortium merged from it, its RDF, its QDPX project and
its report (issue #17, "Done when").
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from heldout_pii import heldout
from package_factory import edit_descriptor, make_site_package
from upsides_data.anonymisation import anonymise
from upsides_data.merge import merge
from upsides_data.pii.digits import ascii_digits
from upsides_data.qda.export import export_qdpx
from upsides_data.rdf.export import to_rdf
from upsides_data.report import write_report
from upsides_data.validate.runner import validate

CELLS = [("quote", 1, "text"), ("memo", 0, "text"), ("focus_group", 0, "notes"),
         ("site", 0, "notes"), ("evidence_reference", 0, "statement")]


@pytest.fixture(scope="module")
def public_outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], list[str]]:
    """Every text of every public output derived from the planted package, and the items."""
    root = tmp_path_factory.mktemp("heldout")
    cases, roster = heldout()
    assert all(c.synthetic for c in cases) and len(cases) >= 30
    sentences = [c.sentence for c in cases]
    chunks = [sentences[i::len(CELLS) + 1] for i in range(len(CELLS) + 1)]

    def edit(t):
        for (table, row, column), chunk in zip(CELLS, chunks):
            t[table][row][column] = "Synthetic. " + " ".join(chunk)

    site = make_site_package(root / "in", edit=edit, access_level="restricted")

    def describe(descriptor: dict) -> None:
        descriptor["description"] = "Synthetic. " + " ".join(chunks[-1])

    edit_descriptor(site, describe)
    names = root / "roster.txt"  # kept at the site, outside every package
    names.write_text("\n".join(roster) + "\n", encoding="utf-8")
    codebook = root / "in" / "codebook"
    public = root / "public"
    anonymise(site, public, names=names)
    outputs = [public, merge([codebook, public], root / "consortium").output,
               to_rdf([codebook, public], root / "public.ttl"),
               export_qdpx([codebook, public], root / "public.qdpx").path,
               write_report([codebook, public], root / "report")]
    texts: dict[str, str] = {}
    for out in outputs:
        assert out is not None
        texts.update(_texts(Path(out)))
    assert validate([codebook, public], names=names).valid
    return texts, [c.item for c in cases]


def _texts(out: Path) -> dict[str, str]:
    if out.is_dir():
        return {str(p): p.read_text(encoding="utf-8", errors="replace")
                for p in sorted(out.rglob("*")) if p.is_file() and p.suffix != ".png"}
    if zipfile.is_zipfile(out):
        with zipfile.ZipFile(out) as zf:
            return {f"{out}!{n}": zf.read(n).decode("utf-8", "replace") for n in zf.namelist()}
    return {str(out): out.read_text(encoding="utf-8")}


def test_no_held_out_item_reaches_any_public_output(public_outputs):
    texts, items = public_outputs
    assert len(texts) > 20  # package files, consortium, RDF, QDPX members, report files
    leaks = [(item, where) for item in items for where, text in texts.items()
             if item in text or ascii_digits(item) in ascii_digits(text)]
    assert not leaks, leaks[:5]


def test_the_public_outputs_still_carry_the_masked_text(public_outputs):
    """The test can fail: the planted text is there, masked, not dropped wholesale."""
    texts, _ = public_outputs
    joined = "\n".join(texts.values())
    for marker in ("[phone removed]", "[email removed]", "[id number removed]",
                   "[birth date removed]", "[address removed]", "[person-"):
        assert marker in joined, marker
    assert json.loads(next(t for w, t in texts.items() if w.endswith("public/datapackage.json"))
                      )["upsides"]["access_level"] == "public"
