"""Restricted data is marked in every output that carries it: RDF, report, QDPX (issue #17)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from package_factory import make_site_package
from upsides_data.qda.export import export_qdpx
from upsides_data.rdf.export import build_graph, serialise
from upsides_data.report import write_report

DCT_ACCESS = "<http://purl.org/dc/terms/accessRights>"
BANNER = "RESTRICTED: derived from restricted data"


def _packages(tmp_path: Path, access_level: str) -> list[Path]:
    site = make_site_package(tmp_path, access_level=access_level)
    return [tmp_path / "codebook", site]


def test_rdf_says_restricted_on_the_dataset(tmp_path):
    lines = serialise(build_graph(_packages(tmp_path, "restricted")).triples, "ntriples").splitlines()
    access = [line for line in lines if DCT_ACCESS in line]
    site = [line for line in access if "codebook" not in line.split()[0]]
    codebook = [line for line in access if "codebook" in line.split()[0]]
    assert site and all(line.endswith("/RESTRICTED> .") for line in site), access
    assert codebook and all(line.endswith("/PUBLIC> .") for line in codebook), access


def test_a_report_of_restricted_data_carries_a_banner_first(tmp_path):
    out = write_report(_packages(tmp_path, "restricted"), tmp_path / "report")
    html = (out / "report.html").read_text(encoding="utf-8")
    md = (out / "report.md").read_text(encoding="utf-8")
    assert BANNER in html and html.index(BANNER) < html.index("<h1>")
    assert "ulm" in md.split("\n")[2] and BANNER in md.split("\n")[2]


def test_a_report_of_public_data_has_no_banner(tmp_path):
    out = write_report(_packages(tmp_path, "public"), tmp_path / "report")
    assert BANNER not in (out / "report.html").read_text(encoding="utf-8")
    assert BANNER not in (out / "report.md").read_text(encoding="utf-8")


def _project_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("project.qde").decode("utf-8")


def test_a_qdpx_of_restricted_data_says_so_in_its_description(tmp_path):
    result = export_qdpx(_packages(tmp_path, "restricted"), tmp_path / "out.qdpx")
    assert BANNER in _project_xml(result.path)
    public = tmp_path / "public"
    result = export_qdpx(_packages(public, "public"), tmp_path / "public.qdpx")
    assert BANNER not in _project_xml(result.path)
