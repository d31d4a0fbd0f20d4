"""The SHACL shipped in validators/ accepts the library's own RDF export of the examples.

Read straight from ``validators/shacl/upsides.shacl.ttl`` with pyshacl (not through
``upsides_data.rdf.shacl``), so what a user downloads is what is tested. Study C has unnamed
sub-domains (themes whose label is absent with a reason): gen-shacl's merged ``skos:Concept``
shape alone would reject them.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import RDFS, SKOS

from upsides_data.rdf.export import to_rdf
from upsides_data.rdf.shacl import relax_shared_paths

STUDIES = ("upsides-mhw-2019", "upsides-mhw-followup", "upsides-psw-followup")


@pytest.fixture(scope="module")
def shipped(repo_root: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(repo_root / "validators" / "shacl" / "upsides.shacl.ttl", format="turtle")
    return graph


@pytest.mark.parametrize("study", STUDIES)
def test_each_example_study_conforms(study: str, repo_root: Path, shipped: rdflib.Graph) -> None:
    packages = sorted(p for p in (repo_root / "examples" / study).iterdir()
                      if (p / "datapackage.json").is_file())
    assert len(packages) >= 7
    data = rdflib.Graph().parse(data=str(to_rdf(packages, format="ntriples")), format="nt")
    assert len(data) > 300
    conforms, _, text = pyshacl.validate(data, shacl_graph=shipped, inference="none",
                                         allow_warnings=True)
    assert conforms, text[:3000]


def test_a_concept_without_label_is_accepted_but_a_closed_shape_still_bites(
        repo_root: Path, shipped: rdflib.Graph) -> None:
    packages = sorted(p for p in (repo_root / "examples" / STUDIES[0]).iterdir()
                      if (p / "datapackage.json").is_file())
    data = rdflib.Graph().parse(data=str(to_rdf(packages, format="ntriples")), format="nt")
    concept = next(iter(data.subjects(rdflib.RDF.type, SKOS.Concept)))
    data.add((concept, rdflib.URIRef("http://example.org/unknown"), rdflib.Literal("x")))
    conforms, _, text = pyshacl.validate(data, shacl_graph=shipped, inference="none")
    assert not conforms and "ClosedConstraintComponent" in text


def test_only_the_shared_concept_label_is_relaxed(repo_root: Path) -> None:
    generated = rdflib.Graph().parse(
        repo_root / "validators" / "linkml" / "upsides.gen-shacl.ttl", format="turtle")
    assert relax_shared_paths(generated) == [(str(SKOS.Concept), str(RDFS.label))]
