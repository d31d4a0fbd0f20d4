"""The ONE place where the generated SHACL shapes are adjusted for the RDF export.

``make generate`` writes gen-shacl's output with these adjustments (``export_shapes_text``) as
the shipped ``validators/shacl/upsides.shacl.ttl``, which accepts the library's own export;
``validate`` and the tests read that file (gen-shacl's own output stays beside the merged schema
in ``validators/linkml/upsides.gen-shacl.ttl``).

``gen-shacl`` writes every node shape ``sh:closed true`` with only the schema's own slots allowed.
The export adds a few triples the schema does not model (Web Annotation bodies and targets, PROV
associations, EU country IRIs, DCAT metadata on ``dcat:Dataset``); a closed shape rejects them.
Rather than opening the shapes or adding those predicates to ``sh:ignoredProperties`` (which
would let anything through), each extra predicate gets its own property shape on the node shape
of the class that carries it, with a node kind and a class, datatype, pattern or value list, and
cardinalities where they hold. Nothing of the generated graph is removed or changed: the result
is the generated graph plus these property shapes, which a test checks, together with a test per
extension that a wrong value is still a violation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from upsides_data.rdf.catalog import (
    CODEBOOK_NAME, CODEBOOK_VERSION, PACKAGE_METADATA, absence_terms,
)
from upsides_data.rdf.terms import (
    DCAT, DCT, EU_COUNTRY, FOAF, OA, PROV, SKOS, UDS, VCARD, enum_meanings, table_terms,
)
from upsides_data.resources import validators_dir

COUNTRY_PATTERN = "^" + EU_COUNTRY.replace(".", "\\.") + "[A-Z]{3}$"


@dataclass(frozen=True)
class Extension:
    """One predicate the export adds to a closed shape, and what its values must be."""

    shape: str
    path: str
    node_kind: str  # "IRI" or "Literal"
    cls: str | None = None
    datatype: str | None = None
    pattern: str | None = None
    values: tuple[str, ...] = ()
    min_count: int | None = None
    max_count: int | None = None


def _class(table: str) -> str:
    return table_terms()[table].class_iri


def extensions() -> list[Extension]:
    quote, dataset = _class("quote"), DCAT + "Dataset"
    evidence = _class("evidence_reference")
    concept = _class("theme")
    kinds = tuple(table_terms()["package_source"].column("package_kind").enum.values())  # type: ignore[union-attr]
    return [
        Extension(quote, OA + "hasBody", "IRI", cls=concept),
        Extension(quote, OA + "hasTarget", "IRI", cls=OA + "SpecificResource", min_count=1,
                  max_count=1),
        Extension(quote, OA + "motivatedBy", "IRI", values=(OA + "classifying",), max_count=1),
        Extension(evidence, OA + "hasBody", "IRI", cls=concept),
        Extension(evidence, OA + "hasTarget", "IRI", cls=OA + "SpecificResource", min_count=1,
                  max_count=1),
        Extension(evidence, OA + "motivatedBy", "IRI", values=(OA + "classifying",),
                  min_count=1, max_count=1),
        Extension(concept, SKOS + "prefLabel", "Literal", datatype=str(XSD.string), min_count=1,
                  max_count=1),
        Extension(concept, SKOS + "editorialNote", "Literal", datatype=str(XSD.string),
                  max_count=1),
        Extension(_class("focus_group"), PROV + "qualifiedAssociation", "IRI",
                  cls=PROV + "Association"),
        Extension(_class("coding"), PROV + "qualifiedAssociation", "IRI", cls=PROV + "Association",
                  max_count=1),
        Extension(_class("transcript"), PROV + "wasGeneratedBy", "IRI", cls=PROV + "Activity",
                  max_count=1),
        Extension(_class("site"), DCT + "spatial", "IRI", pattern=COUNTRY_PATTERN, max_count=1),
        Extension(_class("income_classification"), DCT + "spatial", "IRI",
                  pattern=COUNTRY_PATTERN, max_count=1),
        Extension(dataset, DCT + "title", "Literal", datatype=str(XSD.string), min_count=1,
                  max_count=1),
        Extension(dataset, DCT + "description", "Literal", datatype=str(XSD.string), min_count=1,
                  max_count=1),
        Extension(dataset, DCT + "publisher", "IRI", cls=FOAF + "Agent", min_count=1,
                  max_count=1),
        Extension(dataset, DCT + "conformsTo", "IRI", cls=DCT + "Standard"),
        Extension(dataset, DCT + "license", "IRI", cls=DCT + "LicenseDocument"),
        Extension(dataset, DCT + "language", "IRI", cls=DCT + "LinguisticSystem"),
        Extension(dataset, DCAT + "keyword", "Literal", datatype=str(XSD.string)),
        Extension(dataset, DCT + "temporal", "IRI", cls=DCT + "PeriodOfTime", max_count=1),
        Extension(dataset, DCT + "issued", "Literal", max_count=1),
        Extension(dataset, DCT + "modified", "Literal", max_count=1),
        Extension(dataset, DCAT + "contactPoint", "IRI", cls=VCARD + "Kind"),
        Extension(dataset, DCAT + "distribution", "IRI", cls=DCAT + "Distribution"),
        Extension(dataset, DCT + "identifier", "Literal", datatype=str(XSD.string), max_count=1),
        Extension(dataset, DCAT + "version", "Literal", datatype=str(XSD.string), max_count=1),
        Extension(dataset, UDS + "package_kind", "IRI", values=kinds, max_count=1),
        Extension(dataset, DCT + "accessRights", "IRI",
                  values=tuple(enum_meanings("AccessLevel").values()), max_count=1),
        Extension(dataset, UDS + "synthetic", "Literal", datatype=str(XSD.boolean), max_count=1),
        Extension(dataset, PROV + "atLocation", "IRI", cls=_class("site"), max_count=1),
        Extension(dataset, DCT + "isPartOf", "IRI", cls=_class("study"), max_count=1),
        Extension(dataset, CODEBOOK_NAME, "Literal", datatype=str(XSD.string), max_count=1),
        Extension(dataset, CODEBOOK_VERSION, "Literal", datatype=str(XSD.string), max_count=1),
        Extension(dataset, PACKAGE_METADATA, "Literal", datatype=str(XSD.string), max_count=1),
        Extension(dataset, PROV + "wasGeneratedBy", "IRI", cls=_class("study"), max_count=1),
    ] + [Extension(dataset, predicate, "IRI", values=tuple(meanings.values()), max_count=1)
         for predicate, meanings in absence_terms().values()]


def shapes_path() -> Path:
    """The shipped shapes: ``validators/shacl/upsides.shacl.ttl``, which the export conforms to."""
    return validators_dir() / "shacl" / "upsides.shacl.ttl"


def generated_path() -> Path:
    """gen-shacl's output unchanged (``validators/linkml/``), kept to show what was adjusted."""
    return validators_dir() / "linkml" / "upsides.gen-shacl.ttl"


def export_shapes_text(generated: str) -> str:
    """The shapes the export conforms to, as Turtle, from gen-shacl's Turtle (``make generate``).

    Two adjustments, nothing else: the extensions (one property shape each) are added, and
    where classes share a ``class_uri`` (``Code`` and ``Theme`` are both ``skos:Concept``)
    gen-shacl merges them into one node shape carrying each class's property shape for the same
    path, so a ``sh:minCount`` of one class (a code's required label) would bind the other (a
    theme whose label is absent with a reason); there the ``sh:minCount`` is dropped
    (``relax_shared_paths``). Each class's own requirement is still checked by validation
    (Table Schema ``required``, ``value-or-reason``). Blank nodes get labels derived from their
    content, so the same input gives the same bytes."""
    graph = Graph()
    graph.parse(data=generated, format="turtle")
    relax_shared_paths(graph)
    for ext in extensions():
        shape = URIRef(ext.shape)
        if (shape, RDF.type, SH.NodeShape) not in graph:
            raise ValueError(f"the generated SHACL has no node shape for {ext.shape}")
        prop = BNode()
        graph.add((shape, SH.property, prop))
        graph.add((prop, SH.path, URIRef(ext.path)))
        graph.add((prop, SH.nodeKind, SH.IRI if ext.node_kind == "IRI" else SH.Literal))
        graph.add((prop, SH.description, Literal("Added by upsides_data.rdf.shacl for the RDF "
                                                 "export (see docs/rdf.md).")))
        if ext.cls:
            graph.add((prop, SH["class"], URIRef(ext.cls)))
        if ext.datatype:
            graph.add((prop, SH.datatype, URIRef(ext.datatype)))
        if ext.pattern:
            graph.add((prop, SH.pattern, Literal(ext.pattern)))
        if ext.values:
            head = BNode()
            Collection(graph, head, [URIRef(v) for v in ext.values])
            graph.add((prop, SH["in"], head))
        if ext.min_count is not None:
            graph.add((prop, SH.minCount, Literal(ext.min_count)))
        if ext.max_count is not None:
            graph.add((prop, SH.maxCount, Literal(ext.max_count)))
    stable = _stable_blank_nodes(graph)
    for prefix, namespace in graph.namespaces():
        stable.bind(prefix, namespace, override=True, replace=True)
    return stable.serialize(format="turtle")


def relax_shared_paths(graph: Graph) -> list[tuple[str, str]]:
    """Drop ``sh:minCount`` where one node shape has several property shapes for one path and
    not all of them require it; return (node shape, path) of each, sorted."""
    relaxed = []
    for shape in sorted(set(graph.subjects(RDF.type, SH.NodeShape)), key=str):
        by_path: dict[Any, list[Any]] = {}
        for prop in graph.objects(shape, SH.property):
            by_path.setdefault(graph.value(prop, SH.path), []).append(prop)
        for path, props in by_path.items():
            counts = [graph.value(prop, SH.minCount) for prop in props]
            if len(props) > 1 and any(c is None for c in counts) and any(c is not None for c in counts):
                for prop in props:
                    graph.remove((prop, SH.minCount, None))
                relaxed.append((str(shape), str(path)))
    return sorted(relaxed)


def _stable_blank_nodes(graph: Graph) -> Graph:
    """The graph with each blank node named by a hash of where it hangs (its parent's name and
    the predicate) and what it holds, instead of rdflib's random labels. The shapes' blank nodes
    form trees, so each has one parent; only identical twins under one parent share a name,
    and they say the same thing."""
    contents: dict[BNode, str] = {}
    names: dict[BNode, BNode] = {}

    def content(node: Any) -> str:
        if not isinstance(node, BNode):
            return str(node.n3())
        if node not in contents:
            contents[node] = "[" + " ; ".join(sorted(
                f"{p.n3()} {content(o)}" for p, o in graph.predicate_objects(node))) + "]"
        return contents[node]

    def name(node: Any) -> Any:
        if not isinstance(node, BNode):
            return node
        if node not in names:
            parents = sorted(f"{name(s).n3()} {p.n3()}" for s, p in graph.subject_predicates(node))
            key = "\n".join([*parents, content(node)])
            names[node] = BNode("b" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20])
        return names[node]

    out = Graph()
    for subject, predicate, obj in graph:
        out.add((name(subject), predicate, name(obj)))
    return out


def generated_shapes() -> Graph:
    """The shapes exactly as ``gen-shacl`` wrote them."""
    graph = Graph()
    graph.parse(generated_path(), format="turtle")
    return graph


@cache
def _export_shapes_cached() -> Graph:
    graph = Graph()
    graph.parse(shapes_path(), format="turtle")
    return graph


def export_shapes() -> Graph:
    """The shipped shapes, which the RDF export conforms to (a fresh copy)."""
    copy = Graph()
    for triple in _export_shapes_cached():
        copy.add(triple)
    return copy


def validate(data: Graph, shapes: Graph | None = None) -> tuple[bool, Graph, str]:
    """pyshacl over ``data`` with the export shapes (or the given ones); no inference.

    pyshacl is not a runtime dependency (the ``shacl`` extra): without it, UsageError names it."""
    from upsides_data.extras import require

    pyshacl = require("pyshacl", extra="shacl", purpose="SHACL validation of an RDF export")

    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes if shapes is not None else export_shapes(), inference="none",
        advanced=False, allow_warnings=True)
    return bool(conforms), results, str(text)
