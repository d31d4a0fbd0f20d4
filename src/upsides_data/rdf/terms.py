"""The RDF terms of every table, from the schema: nothing here repeats a class or slot IRI.

``rdf.derive`` reads the schema at ``make generate`` time into ``datamodel/rdf-terms.json``: for
each table, the class IRI (``class_uri``), and for each column the predicate (``slot_uri``, or
``uds:<slot>``) and how a cell becomes an RDF term (a reference the record's IRI, an enum value
its ``meaning`` IRI, a ``uri`` an IRI, anything else a literal with the type's datatype). This is
the same reading ``gen-shacl`` makes, which is why the export conforms to the generated shapes;
reading the JSON instead of a ``SchemaView`` saves a second per export.

The few IRIs that the schema does not hold (the W3C vocabularies used around the records, the EU
authority tables DCAT-AP expects) are named constants below, and the two small code tables
(ISO 3166 alpha-2 to alpha-3, ISO 639-1 to the EU language authority) are data, not model.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Iterator

from upsides_data.resources import package_profile

ID_PREFIX = "upsides:"
UDS = "https://w3id.org/upsides-data/schema/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "http://schema.org/"
EU_COUNTRY = "http://publications.europa.eu/resource/authority/country/"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_ACCESS = "http://publications.europa.eu/resource/authority/access-right/"
IANA_MEDIA = "http://www.iana.org/assignments/media-types/"

RDF_TYPE = RDF + "type"

# Prefixes used to abbreviate IRIs in Turtle output (never needed to read it back).
PREFIXES = {
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "dcat": DCAT, "dcterms": DCT, "foaf": FOAF,
    "vcard": VCARD, "oa": OA, "prov": PROV, "skos": SKOS, "schema": SCHEMA, "uds": UDS,
    "bibo": "http://purl.org/ontology/bibo/", "frapo": "http://purl.org/cerif/frapo/",
    "eucountry": EU_COUNTRY, "eulang": EU_LANGUAGE, "eufiletype": EU_FILE_TYPE,
    "euaccess": EU_ACCESS,
}

# Country and language codes come from ISO's tables (upsides_data.codes, pycountry).


@dataclass(frozen=True)
class Column:
    """How one column of a table becomes the object of a triple."""

    name: str
    predicate: str
    kind: str  # "ref" (record IRI), "enum" (meaning IRI), "iri", or "literal"
    datatype: str | None = None  # for literals; None means a plain (xsd:string) literal
    enum: dict[str, str] | None = None  # text -> meaning IRI, for "enum"


@dataclass(frozen=True)
class LinkTable:
    """A link table ``<table>_<slot>(table, singular)``: one triple per row."""

    name: str
    parent_column: str
    value: Column


@dataclass(frozen=True)
class TableTerms:
    """Everything the exporter and importer need to know about one table."""

    table: str
    class_name: str
    class_iri: str
    dataset_predicate: str  # the Dataset attribute that lists these records
    columns: tuple[Column, ...]
    links: tuple[LinkTable, ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


def record_iri(curie: str) -> str:
    """The full IRI of an ``upsides:`` identifier."""
    return id_base() + curie[len(ID_PREFIX):] if curie.startswith(ID_PREFIX) else curie


def id_base() -> str:
    return str(package_profile()["id_base"])


_GENERATING: dict[str, Any] | None = None


@contextmanager
def generating(derived: dict[str, Any]) -> Iterator[None]:
    """Read the terms from ``derived`` (what ``make generate`` is about to write as
    ``rdf-terms.json``) instead of the file, so a file generated from the terms in the same run
    (the export's SHACL shapes) never lags one run behind the schema."""
    global _GENERATING
    _GENERATING = derived
    _derived.cache_clear()
    table_terms.cache_clear()
    try:
        yield
    finally:
        _GENERATING = None
        _derived.cache_clear()
        table_terms.cache_clear()


@cache
def _derived() -> dict[str, Any]:
    """``datamodel/rdf-terms.json``, written from the schema by ``rdf.derive`` at generate time."""
    if _GENERATING is not None:
        return _GENERATING
    path = Path(__file__).resolve().parents[1] / "datamodel" / "rdf-terms.json"
    with open(path, encoding="utf-8") as handle:
        derived: dict[str, Any] = json.load(handle)
    return derived


def enum_meanings(enum_name: str) -> dict[str, str]:
    """``text -> meaning IRI`` for every permissible value of an enum (all have a meaning)."""
    enums = _derived()["enums"]
    if enum_name not in enums:
        raise ValueError(f"enum {enum_name} is unknown or has a value without a meaning; the RDF "
                         "mapping needs one (see docs/rdf.md)")
    return dict(enums[enum_name])


def _column(data: dict[str, Any]) -> Column:
    enum = enum_meanings(data["enum"]) if data["kind"] == "enum" else None
    return Column(data["name"], data["predicate"], data["kind"], data.get("datatype"), enum)


@cache
def table_terms() -> dict[str, TableTerms]:
    """Terms of every record table of the package profile, keyed by table name."""
    out = {}
    for table, data in _derived()["tables"].items():
        links = tuple(LinkTable(lk["name"], lk["parent_column"], _column(lk["value"]))
                      for lk in data["links"])
        out[table] = TableTerms(table=table, class_name=data["class_name"],
                                class_iri=data["class_iri"],
                                dataset_predicate=data["dataset_predicate"],
                                columns=tuple(_column(c) for c in data["columns"]), links=links)
    return out


def link_tables() -> dict[str, LinkTable]:
    return {link.name: link for terms in table_terms().values() for link in terms.links}


def team_role_iri(role: str) -> str:
    """The IRI of a ``TeamRole`` value (moderator, coder, translator, ...)."""
    return enum_meanings("TeamRole")[role]
