"""The RDF terms of every table, derived from the schema at ``make generate`` time.

This is the one place that reads the schema for the RDF mapping: for each table of the package
profile, the class IRI (``class_uri``), and for each column the predicate (``slot_uri``, or
``uds:<slot>``) and how a cell becomes an RDF term (a reference becomes the record's IRI, an enum
value its ``meaning`` IRI, a ``uri`` an IRI, anything else a literal with the type's datatype),
which is the same reading ``gen-shacl`` makes. ``generate.artifacts.render_all`` writes the
result to ``src/upsides_data/datamodel/rdf-terms.json``, so the export never imports linkml
(loading a ``SchemaView`` took a second of every export) and the drift test keeps the file in
step with the schema.
"""

from __future__ import annotations

import re
from typing import Any


def snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _enums(view: Any) -> dict[str, dict[str, str]]:
    """``enum -> text -> meaning IRI``, for every enum whose values all have a meaning."""
    out = {}
    for name, enum in view.all_enums().items():
        values = {str(t): pv.meaning for t, pv in (enum.permissible_values or {}).items()}
        if values and all(values.values()):
            out[str(name)] = {t: str(view.expand_curie(m)) for t, m in values.items()}
    return out


def _column(view: Any, slot: Any, enums: dict[str, dict[str, str]]) -> dict[str, Any]:
    predicate = str(view.get_uri(slot, expand=True))
    rng = slot.range or "string"
    if rng in view.all_classes():
        return {"name": slot.name, "predicate": predicate, "kind": "ref"}
    if rng in view.all_enums():
        if rng not in enums:
            raise ValueError(f"enum {rng} has a value without a meaning; the RDF mapping needs "
                             "one for every value (see docs/rdf.md)")
        return {"name": slot.name, "predicate": predicate, "kind": "enum", "enum": rng}
    if rng in ("uri", "uriorcurie"):
        return {"name": slot.name, "predicate": predicate, "kind": "iri"}
    type_uri = str(view.get_type(rng).uri)
    datatype = None if type_uri == "xsd:string" else str(view.expand_curie(type_uri))
    return {"name": slot.name, "predicate": predicate, "kind": "literal", "datatype": datatype}


def rdf_terms(view: Any, tables: set[str]) -> dict[str, Any]:
    """Terms of every record table in ``tables`` (the consortium kind holds them all)."""
    enums = _enums(view)
    root = next(c for c, d in view.all_classes().items() if d.tree_root)
    by_range = {view.induced_slot(a, root).range: view.induced_slot(a, root)
                for a in view.class_slots(root)}
    out: dict[str, Any] = {}
    for name, cls in sorted(view.all_classes().items()):
        table = snake_case(name)
        if cls.abstract or cls.tree_root or table not in tables:
            continue
        columns, links = [], []
        for slot_name in view.class_slots(name):
            slot = view.induced_slot(slot_name, name)
            if slot.identifier:
                continue
            col = _column(view, slot, enums)
            if slot.multivalued:
                link = f"{table}_{slot.name}"
                if link not in tables:
                    raise ValueError(f"the package profile has no link table {link}")
                links.append({"name": link, "parent_column": table,
                              "value": {**col, "name": slot.singular_name or slot.name}})
            else:
                columns.append(col)
        out[table] = {"class_name": name, "class_iri": str(view.get_uri(cls, expand=True)),
                      "dataset_predicate": str(view.get_uri(by_range[name], expand=True)),
                      "columns": columns, "links": links}
    return {"tables": out, "enums": enums}
