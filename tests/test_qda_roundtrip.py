"""Round trips: package -> QDPX -> package, and QDPX -> package -> QDPX."""

from __future__ import annotations

import zipfile
from pathlib import Path

import polars as pl
import pytest

from test_qda_support import write_vendor_qdpx
from upsides_data.package import open_package
from upsides_data.qda import export_qdpx, import_qdpx
from upsides_data.qda.offsets import normalise
from upsides_data.qda.xmlread import Reader
from upsides_data.qda.xmlsafe import parse
from upsides_data.synth import synthesize
from upsides_data.validate.runner import validate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "upsides-mhw-2019"
EXAMPLE_SITES = ["ad", "bgu", "bu", "ds", "uke", "ulm"]

# What QDPX carries, per table (the rest is listed in docs/qda-mapping.md)
CARRIED = {
    "transcript": ["id", "text", "access_level"],
    "quote": ["id", "transcript", "text", "label", "label_site", "label_chapter", "speaker",
              "start_offset", "end_offset"],
    "quote_codes": ["quote", "code"],
    "quote_themes": ["quote", "theme"],
    "coding": ["id", "code", "transcript", "start_offset", "end_offset", "coder", "quote"],
    "participant": ["id", "role", "gender", "age_band", "age_years", "profession",
                    "years_experience", "prior_peer_support_experience", "consent_recorded"],
    "analyst": ["id", "pseudonym"],
}


def table(pkg: Path, name: str, columns: list[str]) -> list[tuple]:
    frame = pl.read_csv(pkg / f"{name}.csv", infer_schema=False)
    return sorted(tuple(row) for row in frame.select(columns).iter_rows())


def round_trip(site: Path, codebook: Path, tmp: Path, scope: str) -> Path:
    meta = open_package(site).meta
    qdpx = export_qdpx([site, codebook], tmp / "x.qdpx").path
    result = import_qdpx(qdpx, tmp / "back", site=scope, study=meta.study,
                         access_level=meta.access_level, reference=[site, codebook])
    assert result.codebook_package is None  # every code and theme was recognised
    return result.site_package


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("synth")
    codebook, site = synthesize(tmp / "s", sites=1, quotes=300, seed=7)[:2]
    return site, codebook


def test_synthetic_package_round_trip_keeps_what_qdpx_carries(synthetic, tmp_path) -> None:
    site, codebook = synthetic
    back = round_trip(site, codebook, tmp_path, "s01")
    for name, columns in CARRIED.items():
        assert table(back, name, columns) == table(site, name, columns), name
    full_dates = [r for r in table(site, "coding", ["id", "coded_on"]) if r[1] and len(r[1]) == 10]
    assert set(full_dates) <= set(table(back, "coding", ["id", "coded_on"]))
    own_memos = ["id", "author", "about_quote", "text"]
    assert set(table(site, "memo", own_memos)) <= set(table(back, "memo", own_memos))
    attended = lambda pkg: sorted(  # noqa: E731  (participant -> transcripts of their groups)
        (p, t) for p, fg in table(pkg, "participant_focus_groups_attended", ["participant", "focus_group"])
        for t, f in table(pkg, "transcript", ["id", "focus_group"]) if f == fg)
    assert attended(back) == attended(site)
    # The site package against its codebook; the codebook's own findings cite evidence
    # references QDPX does not carry, so it is the reference here, not a package under test.
    report = validate([back], codebook=codebook)
    assert report.valid, report.errors[:5]


@pytest.mark.skipif(not (EXAMPLES / "codebook").is_dir(), reason="example corpus not built yet")
@pytest.mark.parametrize("scope", EXAMPLE_SITES)
def test_example_corpus_exports_valid_and_round_trips(scope, tmp_path, reference_dir) -> None:
    site, codebook = EXAMPLES / scope, EXAMPLES / "codebook"
    xsd = reference_dir / "refi-qda" / "Project-mrt2019.xsd"
    assert export_qdpx([site, codebook], tmp_path / "v.qdpx", validate_xsd=xsd).report.valid
    back = round_trip(site, codebook, tmp_path, scope)
    for name in ("quote", "quote_codes", "quote_themes", "participant", "analyst"):
        assert table(back, name, CARRIED[name]) == table(site, name, CARRIED[name]), name
    assert table(back, "transcript", ["id"]) == table(site, "transcript", ["id"])
    assert validate([back], codebook=codebook).valid


def _content(qdpx: Path) -> dict:
    """A QDPX as content: code tree by name, source texts, selections and codings by text."""
    with zipfile.ZipFile(qdpx) as zf:
        qde = next(n for n in zf.namelist() if n.lower().endswith(".qde"))
        project = Reader().project(parse(zf.read(qde), qde).root)
        files = {n.split("/", 1)[1].lower(): zf.read(n) for n in zf.namelist() if "/" in n}
    names = {}
    tree = set()
    for code, parent in project.walk_codes():
        names[code.guid] = code.name
        tree.add((parent.name if parent else None, code.name))
    vendor = (project.origin or "").lower()
    out = {"codes": tree, "sources": [], "selections": set()}
    for src in project.sources:
        raw = files[src.plain_text_path.split("://", 1)[1].lower()].decode("utf-8")
        nt = normalise(raw)
        out["sources"].append(nt.text)
        units = "nvivo" in vendor
        for sel in src.selections:
            if units:  # NVivo: UTF-16 code units with CRLF as two, over the BOM-less text
                body = raw.lstrip("\ufeff").encode("utf-16-le")
                text = body[2 * sel.start:2 * sel.end].decode("utf-16-le").replace("\r\n", "\n")
            else:
                text = nt.text[sel.start:sel.end]
            out["selections"].add((text, tuple(sorted(names[c.code] for c in sel.codings))))
    return out


@pytest.mark.parametrize("vendor", ["maxqda", "nvivo", "atlas", "qualcoder"])
def test_vendor_project_round_trip_keeps_codes_sources_selections_codings(vendor, tmp_path) -> None:
    original = write_vendor_qdpx(tmp_path / "in.qdpx", vendor)
    result = import_qdpx(original, tmp_path / "pkg", site="ulm", study="mhw-2019", country="DE")
    again = export_qdpx([result.site_package, result.codebook_package], tmp_path / "out.qdpx").path
    before, after = _content(original), _content(again)
    themes_root = {(None, "Themes")} | {("Themes", "Roles and experience")}
    assert after["codes"] - themes_root == before["codes"]
    assert after["sources"] == before["sources"]
    assert after["selections"] == before["selections"]
