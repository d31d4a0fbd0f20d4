"""``upsides catalog``: a static DCAT-AP 3.0.1 catalogue of the example consortium, checked with
the DCAT-AP 3.0.1 SHACL shapes (reference folder), every access URL resolving to a file written."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import RDF

from upsides_data.cli import main
from upsides_data.rdf.export import open_packages, package_blocks, serialise_blocks
from upsides_data.rdf.terms import id_base

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "upsides-mhw-2019"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")


@pytest.fixture(scope="module")
def example() -> list[Path]:
    packages = sorted(p.parent for p in EXAMPLE.glob("*/datapackage.json"))
    assert len(packages) == 7, f"the example consortium is missing under {EXAMPLE}"
    return packages


@pytest.fixture(scope="module")
def written(example: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("catalog") / "site"
    assert main(["catalog", *map(str, example), "-o", str(out)]) == 0
    return out


def test_catalog_conforms_to_dcat_ap_3(written: Path, reference_dir: Path) -> None:
    import pyshacl

    shapes = rdflib.Graph()
    for name in ("shapes.ttl", "range.ttl"):
        shapes.parse(reference_dir / "dcat-ap" / name, format="turtle")
    turtle = rdflib.Graph().parse(written / "catalog.ttl", format="turtle")
    jsonld = rdflib.Graph().parse(written / "catalog.jsonld", format="json-ld")
    assert set(turtle) == set(jsonld) and len(turtle) > 100
    conforms, _, text = pyshacl.validate(turtle, shacl_graph=shapes, inference="none")
    assert conforms, text
    [catalog] = list(turtle.subjects(RDF.type, DCAT.Catalog))
    assert len(set(turtle.objects(catalog, DCAT.dataset))) == 8  # seven packages, one study


def test_every_distribution_file_is_written(written: Path, example: list[Path]) -> None:
    graph = rdflib.Graph().parse(written / "catalog.ttl", format="turtle")
    urls = sorted(str(u) for u in graph.objects(None, DCAT.accessURL))
    assert len(urls) == 8, "one Turtle distribution per dataset"
    files = sorted(p.relative_to(written).as_posix() for p in written.rglob("*.ttl")
                   if p.name != "catalog.ttl")
    assert files == sorted(u[len(id_base()):] for u in urls)
    for package in open_packages(example):
        dataset = next(d for d in graph.subjects(DCAT.distribution, None)
                       if str(d).endswith(f"/package/{package.name}"))
        path = written / (str(dataset)[len(id_base()):] + ".ttl")
        expected = b"".join(serialise_blocks(package_blocks(package), "turtle"))
        assert path.read_bytes() == expected
        assert len(rdflib.Graph().parse(path, format="turtle")) > 50


def test_catalog_is_deterministic_and_refuses_an_existing_folder(
        written: Path, example: list[Path], tmp_path: Path, capsys) -> None:  # noqa: ANN001
    again = tmp_path / "again"
    assert main(["catalog", *map(str, reversed(example)), "-o", str(again)]) == 0
    first = {p.relative_to(written): p.read_bytes() for p in written.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second
    capsys.readouterr()
    assert main(["catalog", str(example[0]), "-o", str(again)]) == 2
    assert "output-exists" in capsys.readouterr().out


def test_restricted_packages_are_refused_unless_private(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from upsides_data.synth import synthesize

    packages = synthesize(tmp_path / "synth", sites=1, quotes=10, seed=5)
    out = tmp_path / "catalog"
    assert main(["catalog", *map(str, packages), "-o", str(out)]) == 2
    assert "publish-restricted-refused" in capsys.readouterr().out and not out.exists()
    assert main(["catalog", *map(str, packages), "-o", str(out), "--private"]) == 0
    assert (out / "catalog.ttl").is_file()
