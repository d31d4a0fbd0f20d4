"""RDF export: conformance to the generated SHACL (with the documented extensions) and to DCAT-AP
3.0.1, the mapping's content, determinism, and errors as data."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import rdflib
from rdflib import RDF, URIRef

from upsides_data.errors import InvalidInputError, UnreadableInputError, UsageError
from upsides_data.rdf import shacl
from upsides_data.rdf import export
from upsides_data.rdf.export import build_graph, serialise, to_rdf
from upsides_data.synth import synthesize

OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
UDS = rdflib.Namespace("https://w3id.org/upsides-data/schema/")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A small synthetic consortium: the codebook package and three site packages."""
    return synthesize(tmp_path_factory.mktemp("rdf") / "synth", sites=3, quotes=24, seed=7)


@pytest.fixture(scope="module")
def graph(corpus: list[Path]) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=to_rdf(corpus, format="ntriples"), format="nt")
    return g


def test_full_export_conforms_to_generated_shapes(graph: rdflib.Graph) -> None:
    conforms, _, text = shacl.validate(graph)
    assert conforms, text


def test_stray_triple_still_violates_closed_shape(graph: rdflib.Graph) -> None:
    g = rdflib.Graph() + graph
    quote = next(g.subjects(RDF.type, OA.Annotation))
    g.add((quote, URIRef("http://example.org/stray"), rdflib.Literal("x")))
    conforms, _, text = shacl.validate(g)
    assert not conforms and "ClosedConstraintComponent" in text


@pytest.mark.parametrize("mutate, component", [
    (lambda g, q: g.add((q, OA.hasBody, URIRef("https://w3id.org/upsides-data/id/x/none"))),
     "ClassConstraintComponent"),
    (lambda g, q: g.remove((q, OA.hasTarget, None)), "MinCountConstraintComponent"),
    (lambda g, q: g.set((q, OA.motivatedBy, OA.bookmarking)), "InConstraintComponent"),
])
def test_extension_constraints_bite(graph: rdflib.Graph, mutate, component: str) -> None:
    g = rdflib.Graph() + graph
    quote = sorted(g.subjects(RDF.type, OA.Annotation))[0]
    mutate(g, quote)
    conforms, _, text = shacl.validate(g)
    assert not conforms and component in text


def test_country_extension_needs_eu_authority_iri(graph: rdflib.Graph) -> None:
    g = rdflib.Graph() + graph
    site = next(g.subjects(RDF.type, URIRef("http://schema.org/Place")))
    g.set((site, DCT.spatial, URIRef("http://example.org/country/DE")))
    assert not shacl.validate(g)[0]


def test_adjusted_shapes_keep_every_generated_triple() -> None:
    generated, adjusted = shacl.generated_shapes(), shacl.export_shapes()
    assert len(adjusted) > len(generated)
    ground = [t for t in generated if not any(isinstance(x, rdflib.BNode) for x in t)]
    assert ground and all(t in adjusted for t in ground)
    assert len(list(adjusted.subjects(rdflib.SH.closed, rdflib.Literal(True)))) == len(
        list(generated.subjects(rdflib.SH.closed, rdflib.Literal(True))))
    # no extension is done by ignoring properties (twin lists on one shape count once: the
    # shipped file names blank nodes by their content, so identical twins merge)
    def ignored(g: rdflib.Graph) -> set[tuple[str, tuple[str, ...]]]:
        from rdflib.collection import Collection
        return {(str(s), tuple(sorted(map(str, Collection(g, items)))))
                for s, items in g.subject_objects(rdflib.SH.ignoredProperties)}
    assert ignored(adjusted) == ignored(generated) and ignored(generated)


def test_site_package_alone_fails_without_its_codebook(corpus: list[Path]) -> None:
    """gen-shacl needs referenced records typed in the same graph (TOOLCHAIN-NOTES)."""
    g = rdflib.Graph()
    g.parse(data=to_rdf(corpus[1], format="ntriples"), format="nt")
    conforms, _, text = shacl.validate(g)
    assert not conforms and "ClassConstraintComponent" in text


def test_catalog_conforms_to_dcat_ap(corpus: list[Path], reference_dir: Path) -> None:
    import pyshacl

    shapes = rdflib.Graph()
    for name in ("shapes.ttl", "range.ttl"):
        shapes.parse(reference_dir / "dcat-ap" / name, format="turtle")
    data = rdflib.Graph()
    data.parse(data=serialise(build_graph(corpus).catalog, "ntriples"), format="nt")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text
    catalogs = list(data.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    datasets = set(data.objects(catalogs[0], DCAT.dataset))
    assert len(datasets) == 5  # four packages and the study
    for ds in datasets:
        dists = list(data.objects(ds, DCAT.distribution))
        assert {str(data.value(d, DCAT.mediaType)).rsplit("/", 2)[-2:][1] for d in dists} == {
            "turtle", "ld+json", "n-triples"}


def test_mapping_content(graph: rdflib.Graph) -> None:
    quote = sorted(graph.subjects(RDF.type, OA.Annotation))[0]
    target = graph.value(quote, OA.hasTarget)
    assert str(target) == str(quote) + "#target"
    selectors = {graph.value(s, RDF.type) for s in graph.objects(target, OA.hasSelector)}
    assert OA.TextQuoteSelector in selectors
    assert graph.value(target, OA.hasSource) == graph.value(quote, UDS.transcript)
    bodies = set(graph.objects(quote, OA.hasBody))
    assert bodies == set(graph.objects(quote, UDS.themes)) | set(graph.objects(quote, UDS.codes))
    assert bodies and all((b, RDF.type, SKOS.Concept) in graph for b in bodies)
    theme = next(iter(graph.objects(quote, UDS.themes)))
    assert graph.value(theme, SKOS.inScheme) is not None
    assert (None, SKOS.broader, None) in graph
    fg = next(graph.subjects(RDF.type, UDS.FocusGroup))
    assert (fg, RDF.type, PROV.Activity) in graph
    roles = {graph.value(a, PROV.hadRole) for a in graph.objects(fg, PROV.qualifiedAssociation)}
    assert UDS.Moderator in roles
    site = next(graph.subjects(RDF.type, URIRef("http://schema.org/Place")))
    assert str(graph.value(site, DCT.spatial)).startswith(
        "http://publications.europa.eu/resource/authority/country/")
    assert not any(isinstance(x, rdflib.BNode) for t in graph for x in t)


def test_position_selector_when_offsets_known(graph: rdflib.Graph) -> None:
    found = [(q, s) for q in graph.subjects(RDF.type, OA.Annotation)
             if (s := graph.value(q, UDS.start_offset)) is not None]
    assert found, "the synthetic corpus has quotes with offsets"
    quote, start = found[0]
    pos = URIRef(str(quote) + "#position-selector")
    assert (pos, RDF.type, OA.TextPositionSelector) in graph
    assert int(graph.value(pos, OA.start)) == int(start)


@pytest.mark.parametrize("fmt", ["ntriples", "turtle", "jsonld"])
def test_deterministic_and_parseable(corpus: list[Path], tmp_path: Path, fmt: str) -> None:
    first = to_rdf(corpus, tmp_path / "a", format=fmt)
    second = to_rdf(list(reversed(corpus)), tmp_path / "b", format=fmt)
    assert Path(first).read_bytes() == Path(second).read_bytes()
    g = rdflib.Graph()
    g.parse(first, format={"ntriples": "nt", "turtle": "turtle", "jsonld": "json-ld"}[fmt])
    reference = rdflib.Graph()
    reference.parse(data=to_rdf(corpus, format="ntriples"), format="nt")
    assert set(g) == set(reference)


def _runs(lines: list[str]) -> list[list[str]]:
    """The lines cut into runs of one subject each."""
    runs: list[list[str]] = []
    for line in lines:
        subject = line.split(" ", 1)[0]
        if runs and runs[-1][0].split(" ", 1)[0] == subject:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


@pytest.mark.parametrize("chunk", [None, 5])
def test_ntriples_canonical_order(corpus: list[Path], monkeypatch: pytest.MonkeyPatch,
                                  chunk: int | None) -> None:
    """Each triple once, each subject in one run of sorted lines (what Turtle grouping needs),
    no blank nodes; small chunks give the same triples."""
    whole = to_rdf(corpus, format="ntriples").splitlines()
    if chunk:
        monkeypatch.setattr(export, "CHUNK", chunk)
    lines = to_rdf(corpus, format="ntriples").splitlines()
    assert len(lines) == len(set(lines)) and "_:" not in "".join(lines)
    runs = _runs(lines)
    subjects = [run[0].split(" ", 1)[0] for run in runs]
    assert len(subjects) == len(set(subjects))
    assert all(run == sorted(run) for run in runs)
    assert set(lines) == set(whole)


def test_literal_escaping_round_trips(tmp_path: Path) -> None:
    from upsides_data.rdf.triples import literal

    text = 'a "quoted" \\ back\nslash\r\tand ünïcode'
    g = rdflib.Graph()
    g.parse(data=f"<http://x/s> <http://x/p> {literal(text)} .\n", format="nt")
    assert str(next(g.objects())) == text


def test_bad_enum_names_file_row_field(corpus: list[Path], tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(corpus[1], site)
    frame = pl.read_csv(site / "participant.csv", infer_schema=False)
    frame = frame.with_columns(pl.when(pl.int_range(pl.len()) == 1).then(pl.lit("alien"))
                               .otherwise(pl.col("role")).alias("role"))
    frame.write_csv(site / "participant.csv")
    with pytest.raises(InvalidInputError) as refused:  # the validator runs first
        to_rdf(site, tmp_path / "out.ttl")
    located = {(f.rule, f.file, f.row, f.field) for f in refused.value.report.errors}
    assert ("constraint-enum", "participant.csv", 3, "role") in located
    assert not (tmp_path / "out.ttl").exists()
    # a draft is not validated, and the export's own check still names file, row and field
    with pytest.raises(UnreadableInputError) as refused_draft:
        to_rdf(site, tmp_path / "out.ttl", validate=False)
    (finding,) = refused_draft.value.findings
    assert (finding.rule, finding.file, finding.row, finding.field) == (
        "rdf-enum-unknown", "participant.csv", 3, "role")
    assert "alien" in finding.message and "one of the allowed values" in (finding.hint or "")
    assert "rule" not in str(refused_draft.value)  # the code is data, not message text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no output, no temp file


def test_unknown_format_is_usage_error(corpus: list[Path]) -> None:
    with pytest.raises(UsageError):
        to_rdf(corpus, format="rdfa")


def test_example_corpus_conforms(reference_dir: Path) -> None:
    """Done-when of [rdf]: the example corpus, in all three formats, with zero violations."""
    import pyshacl

    example = Path(__file__).resolve().parents[1] / "examples" / "upsides-mhw-2019"
    packages = sorted(p.parent for p in example.glob("*/datapackage.json"))
    assert packages, f"the example corpus is missing: no */datapackage.json under {example}"
    built = build_graph(packages)
    reference = set(rdflib.Graph().parse(data=serialise(built.triples, "ntriples"), format="nt"))
    for fmt, parser in (("turtle", "turtle"), ("jsonld", "json-ld")):
        assert set(rdflib.Graph().parse(data=serialise(built.triples, fmt), format=parser)) == reference
    full = rdflib.Graph().parse(data=serialise(built.triples, "ntriples"), format="nt")
    conforms, _, text = shacl.validate(full)
    assert conforms, text
    shapes = rdflib.Graph()
    for name in ("shapes.ttl", "range.ttl"):
        shapes.parse(reference_dir / "dcat-ap" / name, format="turtle")
    catalog = rdflib.Graph().parse(data=serialise(built.catalog, "ntriples"), format="nt")
    conforms, _, text = pyshacl.validate(catalog, shacl_graph=shapes, inference="none")
    assert conforms, text
    # the whole export, not only its catalogue part: every skos:Concept needs skos:prefLabel
    conforms, _, text = pyshacl.validate(full, shacl_graph=shapes, inference="none")
    assert conforms, text
    themes = set(full.subjects(RDF.type, SKOS.Concept))
    assert len(themes) == 21
    assert all(full.value(t, SKOS.prefLabel) == full.value(t, rdflib.RDFS.label) for t in themes)


def test_evidence_references_are_annotations(graph: rdflib.Graph) -> None:
    evidence = URIRef("https://w3id.org/upsides-data/schema/EvidenceReference")
    refs = sorted(graph.subjects(RDF.type, evidence))
    assert refs, "the synthetic corpus has evidence references"
    for ref in refs[:5]:
        assert graph.value(ref, OA.motivatedBy) == OA.classifying
        target = graph.value(ref, OA.hasTarget)
        assert (target, RDF.type, OA.SpecificResource) in graph
        assert graph.value(target, OA.hasSource) == graph.value(ref, UDS.transcript)
        assert set(graph.objects(ref, OA.hasBody)) == (
            set(graph.objects(ref, UDS.themes)) | set(graph.objects(ref, UDS.codes)))
        assert (ref, RDF.type, OA.Annotation) not in graph  # see annotations.py


@pytest.mark.parametrize("mutate, component", [
    (lambda g, r: g.remove((r, OA.hasTarget, None)), "MinCountConstraintComponent"),
    (lambda g, r: g.set((r, OA.motivatedBy, OA.bookmarking)), "InConstraintComponent"),
    (lambda g, r: g.add((r, OA.hasBody, URIRef("https://w3id.org/upsides-data/id/x/none"))),
     "ClassConstraintComponent"),
])
def test_evidence_extension_constraints_bite(graph: rdflib.Graph, mutate, component: str) -> None:
    g = rdflib.Graph() + graph
    ref = sorted(g.subjects(RDF.type, URIRef(
        "https://w3id.org/upsides-data/schema/EvidenceReference")))[0]
    mutate(g, ref)
    conforms, _, text = shacl.validate(g)
    assert not conforms and component in text


TRICKY = ['tab\there', 'quote " and back \\ slash', 'new\nline\rreturn', 'bell\x07 and \x1f',
          'ünïcode ✓', '']


def test_jsonld_is_compact_and_exact(tmp_path: Path) -> None:
    """Prefix context, compact keys, and every literal (control characters too) read back exactly
    by rdflib and by pyoxigraph, the importer's parser."""
    import json

    import pyoxigraph as ox

    from upsides_data.rdf.terms import id_base
    from upsides_data.rdf.triples import frame, iri, literal

    s = iri(id_base() + "ulm/q1")
    rows = [(s, iri(str(RDF.type)), iri(str(OA.Annotation))),
            (s, iri(str(UDS.start_offset)), literal("12", "http://www.w3.org/2001/XMLSchema#integer")),
            (s, iri(str(UDS.speaker)), iri(id_base() + "ulm/p1")),
            (s, iri("http://example.org/other"), iri("http://example.org/x"))]
    rows += [(s, iri(str(UDS.text)), literal(text)) for text in TRICKY]
    rows += [(s, iri(str(UDS.notes)), literal(text, "http://www.w3.org/2001/XMLSchema#string2"))
             for text in TRICKY]
    data = frame(rows)
    text = serialise(data, "jsonld")
    doc = json.loads(text)
    assert doc["@context"]["oa"] == str(OA) and doc["@context"]["upsides"] == id_base()
    [node] = doc["@graph"]
    assert node["@id"] == "upsides:ulm/q1" and node["@type"] == ["oa:Annotation"]
    assert node["uds:speaker"] == [{"@id": "upsides:ulm/p1"}]
    assert node["uds:start_offset"] == [{"@type": "xsd:integer", "@value": "12"}]
    assert sorted(node["uds:text"]) == sorted(TRICKY)
    want = set(rdflib.Graph().parse(data=serialise(data, "ntriples"), format="nt"))
    assert set(rdflib.Graph().parse(data=text, format="json-ld")) == want
    path = tmp_path / "x.jsonld"
    path.write_text(text, encoding="utf-8")
    parsed = {str(t.object.value) for t in ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD)
              if t.predicate.value == str(UDS.text)}
    assert parsed == set(TRICKY)


def test_export_does_not_load_linkml(corpus: list[Path]) -> None:
    """The terms come from the generated datamodel/rdf-terms.json, not a SchemaView."""
    import subprocess
    import sys

    code = ("import sys; from upsides_data.rdf.export import to_rdf; "
            f"to_rdf({[str(p) for p in corpus]!r}, format='ntriples'); "
            "assert not [m for m in sys.modules if m.startswith('linkml')], 'linkml imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
