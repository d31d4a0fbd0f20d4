"""The DCAT part: a ``dcat:Catalog`` of the exported packages and their studies (DCAT-AP 3.0.1).

Datasets: one per exported package (site, codebook or consortium package, from its
``datapackage.json``) and one per study record (from the study row). Every node has a minted IRI:

    catalogue      {id}/{scope}/catalog/upsides-data
    package        {id}/{scope}/package/{name}
    study          {id}/{study-scope}/dataset/{study-local}
    distribution   {dataset}/distribution/{turtle|jsonld|ntriples}, access URL {dataset}.{ttl|jsonld|nt}
    publisher      {id}/{scope}/agent/{slug of the name}
    contact point  {dataset}/contact

Two slashes after the scope can never equal a record id (whose local part has none). Metadata
comes from the descriptor only; nothing is invented: issued/modified are written only when the
descriptor has ``created`` / ``upsides.modified``; a missing publisher becomes the named fallback
"publisher not stated" so that the mandatory DCAT-AP property stays honest (see docs/rdf.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from upsides_data import ids
from upsides_data.codes import language_alpha3
from upsides_data.package.descriptor import PackageMeta
from upsides_data.rdf.terms import (
    DCAT, DCT, EU_FILE_TYPE, EU_LANGUAGE, FOAF, IANA_MEDIA, PROV, RDF_TYPE, UDS,
    VCARD, XSD, enum_meanings, id_base, record_iri, table_terms,
)
from upsides_data.rdf.triples import iri, literal

# format name -> (title, file extension, IANA media type, EU file-type code)
FORMATS = {
    "turtle": ("Turtle", "ttl", "text/turtle", "RDF_TURTLE"),
    "jsonld": ("JSON-LD", "jsonld", "application/ld+json", "JSON_LD"),
    "ntriples": ("N-Triples", "nt", "application/n-triples", "RDF_N_TRIPLES"),
}
STANDARD = "https://w3id.org/upsides-data/schema"
NO_PUBLISHER = "publisher not stated"
CODEBOOK_NAME, CODEBOOK_VERSION = UDS + "codebook_name", UDS + "codebook_version"
# Descriptor metadata no DCAT term carries (contributors, sources, a consortium's notices and the
# descriptors it was merged from), kept as one JSON literal so an import gives it back.
PACKAGE_METADATA = UDS + "package_metadata"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


scope_of = ids.scope_of  # one implementation, upsides_data.ids


@dataclass
class PackageInfo:
    """What the catalogue needs to know about one exported package."""

    meta: PackageMeta
    descriptor: dict[str, Any]
    languages: set[str] = field(default_factory=set)
    studies: list[dict[str, Any]] = field(default_factory=list)
    study_languages: dict[str, set[str]] = field(default_factory=dict)  # study id -> languages

    @property
    def scope(self) -> str:
        return scope_of(self.meta.site) or scope_of(self.meta.study) or slug(self.meta.name)

    @property
    def dataset_iri(self) -> str:
        return f"{id_base()}{self.scope}/package/{slug(self.meta.name)}"


def _contributor(descriptor: dict[str, Any], *roles: str) -> dict[str, Any] | None:
    people = [c for c in descriptor.get("contributors") or [] if isinstance(c, dict)]
    for role in roles:
        for person in people:
            held = person.get("roles") or [person.get("role")]
            if role in held and person.get("title"):
                return person
    return None


def publisher_name(descriptor: dict[str, Any]) -> str:
    person = _contributor(descriptor, "publisher")
    return str(person["title"]) if person else NO_PUBLISHER


class _Out:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def add(self, s: str, p: str, o: str) -> None:
        self.rows.append((iri(s), iri(p), o))


def _agent(out: _Out, scope: str, name: str) -> str:
    node = f"{id_base()}{scope}/agent/{slug(name)}"
    out.add(node, RDF_TYPE, iri(FOAF + "Agent"))
    out.add(node, FOAF + "name", literal(name))
    return node


def _date(value: str) -> str:
    kind = "dateTime" if "T" in value else "date"
    return literal(value, XSD + kind)


def _common(out: _Out, node: str, *, title: str, description: str, publisher: str,
            licences: list[str], languages: set[str], keywords: list[str],
            contact: dict[str, Any] | None, contact_name: str,
            formats: Sequence[str] = tuple(FORMATS)) -> None:
    out.add(node, RDF_TYPE, iri(DCAT + "Dataset"))
    out.add(node, DCT + "title", literal(title))
    out.add(node, DCT + "description", literal(description))
    out.add(node, DCT + "publisher", iri(publisher))
    out.add(node, DCT + "conformsTo", iri(STANDARD))
    out.add(STANDARD, RDF_TYPE, iri(DCT + "Standard"))
    for word in keywords:
        out.add(node, DCAT + "keyword", literal(word))
    for lang in sorted(languages):
        alpha3 = language_alpha3(lang)  # ISO 639-3, upper case: the EU language authority's code
        if alpha3:
            code = alpha3.upper()
            out.add(node, DCT + "language", iri(EU_LANGUAGE + code))
            out.add(EU_LANGUAGE + code, RDF_TYPE, iri(DCT + "LinguisticSystem"))
    for lic in licences:
        out.add(node, DCT + "license", iri(lic))
    card = node + "/contact"
    out.add(node, DCAT + "contactPoint", iri(card))
    out.add(card, RDF_TYPE, iri(VCARD + "Kind"))
    out.add(card, VCARD + "fn", literal(str((contact or {}).get("title") or contact_name)))
    if contact and contact.get("email"):
        out.add(card, VCARD + "hasEmail", iri("mailto:" + str(contact["email"])))
    for fmt in formats:
        label, ext, media, filetype = FORMATS[fmt]
        dist = f"{node}/distribution/{fmt}"
        out.add(node, DCAT + "distribution", iri(dist))
        out.add(dist, RDF_TYPE, iri(DCAT + "Distribution"))
        out.add(dist, DCT + "title", literal(f"{title} ({label})"))
        out.add(dist, DCAT + "accessURL", iri(f"{node}.{ext}"))
        out.add(dist, DCAT + "mediaType", iri(IANA_MEDIA + media))
        out.add(IANA_MEDIA + media, RDF_TYPE, iri(DCT + "MediaType"))
        out.add(dist, DCT + "format", iri(EU_FILE_TYPE + filetype))
        out.add(EU_FILE_TYPE + filetype, RDF_TYPE, iri(DCT + "MediaTypeOrExtent"))
        for lic in licences:
            out.add(dist, DCT + "license", iri(lic))


def _licences(out: _Out, meta: PackageMeta) -> list[str]:
    paths = []
    for lic in meta.licenses:
        path = lic.get("path")
        if not path:
            continue
        paths.append(path)
        out.add(path, RDF_TYPE, iri(DCT + "LicenseDocument"))
        if lic.get("title"):
            out.add(path, DCT + "title", literal(str(lic["title"])))
        if lic.get("name"):
            out.add(path, DCT + "identifier", literal(str(lic["name"])))
    return paths


def package_dataset(out: _Out, info: PackageInfo, scope: str,
                    formats: Sequence[str] = tuple(FORMATS)) -> str:
    meta, node = info.meta, info.dataset_iri
    publisher = _agent(out, scope, publisher_name(info.descriptor))
    licences = _licences(out, meta)
    _common(out, node, title=meta.title or meta.name,
            description=meta.description or f"The UPSIDES {meta.kind} package {meta.name}.",
            publisher=publisher, licences=licences, languages=info.languages,
            keywords=list(meta.keywords),
            contact=_contributor(info.descriptor, "contact", "maintainer", "publisher"),
            contact_name=publisher_name(info.descriptor), formats=formats)
    source = table_terms()["package_source"]
    out.add(node, DCT + "identifier", literal(meta.name))
    out.add(node, DCAT + "version", literal(meta.version))
    out.add(node, source.column("package_kind").predicate,
            iri(source.column("package_kind").enum[meta.kind]))  # type: ignore[index]
    access = enum_meanings("AccessLevel")[meta.access_level]
    out.add(node, DCT + "accessRights", iri(access))
    out.add(access, RDF_TYPE, iri(DCT + "RightsStatement"))
    out.add(node, UDS + "synthetic", literal("true" if meta.synthetic else "false", XSD + "boolean"))
    if meta.site:
        out.add(node, PROV + "atLocation", iri(record_iri(meta.site)))
    if meta.study:
        out.add(node, DCT + "isPartOf", iri(record_iri(meta.study)))
    if meta.codebook:
        out.add(node, CODEBOOK_NAME, literal(str(meta.codebook.get("name", ""))))
        out.add(node, CODEBOOK_VERSION, literal(str(meta.codebook.get("version", ""))))
    if info.descriptor.get("created"):
        out.add(node, DCT + "issued", _date(str(info.descriptor["created"])))
    modified = (info.descriptor.get("upsides") or {}).get("modified")
    if modified:
        out.add(node, DCT + "modified", _date(str(modified)))
    carried = _carried_metadata(meta)
    if carried:
        out.add(node, PACKAGE_METADATA,
                literal(json.dumps(carried, sort_keys=True, ensure_ascii=False)))
    return node


def _carried_metadata(meta: PackageMeta) -> dict[str, Any]:
    """What of the descriptor has no RDF term of its own, for ``PACKAGE_METADATA``."""
    carried: dict[str, Any] = {}
    if meta.contributors:
        carried["contributors"] = meta.contributors
    if meta.sources:
        carried["sources"] = meta.sources
    upsides = {k: v for k, v in meta.extra.items() if k != "modified"}
    if upsides:
        carried["upsides"] = upsides
    return carried


def study_dataset_iri(curie: str) -> str:
    """The dataset IRI of the study record ``curie`` (``upsides:{scope}/{local}``)."""
    return f"{id_base()}{scope_of(curie)}/dataset/{curie.split('/', 1)[1]}"


def study_dataset(out: _Out, study: dict[str, Any], info: PackageInfo, scope: str,
                  languages: set[str], formats: Sequence[str] = tuple(FORMATS)) -> str:
    curie = str(study["id"])
    node = study_dataset_iri(curie)
    publisher = _agent(out, scope, publisher_name(info.descriptor))
    licence = study.get("licence")
    if licence:
        out.add(licence, RDF_TYPE, iri(DCT + "LicenseDocument"))
    _common(out, node, title=str(study.get("title") or curie),
            description=str(study.get("description") or study.get("title") or curie),
            publisher=publisher, licences=[licence] if licence else [], languages=languages,
            keywords=[], contact=_contributor(info.descriptor, "contact", "maintainer"),
            contact_name=publisher_name(info.descriptor), formats=formats)
    _period(out, node, study.get("period_start"), study.get("period_end"))
    _absences(out, node, study)
    # the study record itself is typed prov:Activity in its own block (activities.py)
    out.add(node, PROV + "wasGeneratedBy", iri(record_iri(curie)))
    return node


# the study facts a study dataset carries, whose absence it states with the standard's reason
DATASET_FACTS = ("licence", "period_start", "period_end")


def absence_terms() -> dict[str, tuple[str, dict[str, str]]]:
    """fact -> (predicate of its ``<fact>_absent_reason`` slot, reason -> meaning IRI)."""
    study = table_terms()["study"]
    found = {}
    for fact in DATASET_FACTS:
        column = next((c for c in study.columns if c.name == f"{fact}_absent_reason"), None)
        if column is not None and column.enum:
            found[fact] = (column.predicate, dict(column.enum))
    return found


def _absences(out: _Out, node: str, study: dict[str, Any]) -> None:
    """"Not reported" (or another reason) for a licence or period the study does not give, with
    the schema's own ``<fact>_absent_reason`` term, so the dataset says why rather than nothing."""
    for fact, (predicate, meanings) in absence_terms().items():
        reason = study.get(f"{fact}_absent_reason")
        if not study.get(fact) and reason in meanings:
            out.add(node, predicate, iri(meanings[reason]))


# partial dates of the standard (YYYY, YYYY-MM, YYYY-MM-DD) and the XSD type DCAT-AP accepts
_PARTIAL_DATE_TYPES = {4: "gYear", 7: "gYearMonth", 10: "date"}


def _period(out: _Out, node: str, start: Any, end: Any) -> None:
    """The study's own period as ``dct:temporal`` (a ``dct:PeriodOfTime``), when it has one."""
    bounds = [(DCAT + "startDate", start), (DCAT + "endDate", end)]
    bounds = [(p, str(v)) for p, v in bounds if v not in (None, "")]
    if not bounds:
        return
    period = node + "/period"
    out.add(node, DCT + "temporal", iri(period))
    out.add(period, RDF_TYPE, iri(DCT + "PeriodOfTime"))
    for predicate, value in bounds:
        kind = "dateTime" if "T" in value else _PARTIAL_DATE_TYPES.get(len(value), "date")
        out.add(period, predicate, literal(value, XSD + kind))


def catalog_triples(infos: list[PackageInfo],
                    formats: Sequence[str] = tuple(FORMATS)) -> list[tuple[str, str, str]]:
    """The catalogue, its datasets, distributions, agents and licences, as N-Triples terms.

    ``formats`` are the distributions each dataset lists (all three for an export; a static
    catalogue lists the files it writes)."""
    out = _Out()
    studies = sorted({s for i in infos if (s := scope_of(i.meta.study)) is not None})
    scope: str = (studies[0] if len(studies) == 1
                  else infos[0].scope if len(infos) == 1 else "upsides")
    catalog = f"{id_base()}{scope}/catalog/upsides-data"
    datasets = [package_dataset(out, info, scope, formats) for info in infos]
    seen = set()
    for info in infos:
        for study in info.studies:
            if study["id"] not in seen:
                seen.add(study["id"])
                languages = set().union(*(i.study_languages.get(study["id"], set())
                                          for i in infos))
                datasets.append(study_dataset(out, study, info, scope, languages, formats))
    names = ", ".join(sorted(i.meta.name for i in infos))
    out.add(catalog, RDF_TYPE, iri(DCAT + "Catalog"))
    out.add(catalog, DCT + "title", literal(f"UPSIDES data catalogue: {names}"))
    out.add(catalog, DCT + "description", literal(
        f"Datasets of the UPSIDES data packages {names}, exported as RDF by upsides-data."))
    publishers = sorted({publisher_name(i.descriptor) for i in infos})
    one = publishers[0] if len(publishers) == 1 else NO_PUBLISHER
    out.add(catalog, DCT + "publisher", iri(_agent(out, scope, one)))
    for node in sorted(datasets):
        out.add(catalog, DCAT + "dataset", iri(node))
    return out.rows
