"""Frictionless Table Schemas and the package profile, generated from the schema.

LinkML has no Data Package generator, so this module asks a ``SchemaView`` for each slot's range,
cardinality, pattern and bounds and writes one Table Schema per table. Foreign keys always use
lists for ``fields`` (Frictionless v5 accepts a bare string but other tools do not).
"""

from __future__ import annotations

from typing import Any

from linkml_runtime.linkml_model.meta import SlotDefinition
from linkml_runtime.utils.schemaview import SchemaView

from upsides_data.generate.layout import CONSORTIUM, PACKAGE_KINDS, class_tables, snake

_FRICTIONLESS_TYPES = {
    "string": "string",
    "integer": "integer",
    "float": "number",
    "double": "number",
    "decimal": "number",
    "boolean": "boolean",
    "uri": "string",
    "uriorcurie": "string",
    "curie": "string",
    "date": "date",
}


def _base_type(view: SchemaView, type_name: str) -> tuple[str, str | None]:
    """The frictionless type of a LinkML type, and the first pattern found on its ancestry."""
    pattern = None
    current = view.get_type(type_name)
    while current is not None:
        if pattern is None and current.pattern:
            pattern = current.pattern
        if current.name in _FRICTIONLESS_TYPES:
            return _FRICTIONLESS_TYPES[current.name], pattern
        if current.typeof is None:
            break
        current = view.get_type(current.typeof)
    return "string", pattern


def field_for_slot(view: SchemaView, slot: SlotDefinition, *, name: str | None = None,
                   required: bool | None = None) -> dict[str, Any]:
    """One Table Schema field for a (single-valued) slot."""
    field: dict[str, Any] = {"name": name or slot.name}
    if slot.description:
        field["description"] = " ".join(slot.description.split())
    constraints: dict[str, Any] = {}
    rng = slot.range or view.schema.default_range or "string"
    pattern = slot.pattern
    if rng in view.all_classes():
        field["type"] = "string"
        id_slot = view.induced_slot("id", rng)
        pattern = pattern or id_slot.pattern
    elif rng in view.all_enums():
        field["type"] = "string"
        constraints["enum"] = list(view.get_enum(rng).permissible_values)
    else:
        ftype, type_pattern = _base_type(view, rng)
        field["type"] = ftype
        pattern = pattern or type_pattern
    if field["type"] == "boolean":
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    if pattern and field["type"] == "string":
        constraints["pattern"] = pattern
    if slot.minimum_value is not None:
        constraints["minimum"] = slot.minimum_value
    if slot.maximum_value is not None:
        constraints["maximum"] = slot.maximum_value
    is_required = slot.required if required is None else required
    if slot.identifier or is_required:
        constraints["required"] = True
    if slot.identifier:
        constraints["unique"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def _foreign_key(column: str, target_class: str) -> dict[str, Any]:
    return {"fields": [column], "reference": {"resource": snake(target_class), "fields": ["id"]}}


def table_schemas(view: SchemaView) -> dict[str, dict[str, Any]]:
    """Every table's schema, keyed by table name, with every foreign key of the consortium."""
    schemas: dict[str, dict[str, Any]] = {}
    classes = set(view.all_classes())
    for table in class_tables(view):
        fields, foreign_keys = [], []
        for slot_name in table.scalar_slots:
            slot = view.induced_slot(slot_name, table.class_name)
            fields.append(field_for_slot(view, slot))
            if slot.range in classes and not slot.identifier:
                foreign_keys.append(_foreign_key(slot_name, slot.range))
        schemas[table.name] = {
            "fields": fields,
            "primaryKey": ["id"],
            "foreignKeys": foreign_keys,
            "missingValues": [""],
        }
        for link in table.links:
            slot = view.induced_slot(link.slot, table.class_name)
            owner_id = view.induced_slot("id", table.class_name)
            owner_field = field_for_slot(view, owner_id, name=link.owner_column)
            owner_field["description"] = f"The {table.class_name} this row belongs to."
            owner_field["constraints"].pop("unique", None)
            value_field = field_for_slot(view, slot, name=link.value_column, required=True)
            link_keys = [_foreign_key(link.owner_column, table.class_name)]
            if slot.range in classes:
                link_keys.append(_foreign_key(link.value_column, slot.range))
            schemas[link.name] = {
                "fields": [owner_field, value_field],
                "primaryKey": [link.owner_column, link.value_column],
                "foreignKeys": link_keys,
                "missingValues": [""],
            }
    return schemas


def _annotation(element: Any, key: str) -> str | None:
    """An annotation's value as text (an induced slot holds annotations as a JsonObj)."""
    annotations = getattr(element, "annotations", None)
    if not annotations:
        return None
    found = annotations.get(key) if isinstance(annotations, dict) else getattr(annotations, key,
                                                                                None)
    if found is None:
        return None
    value = getattr(found, "value", found)
    return str(value).lower() if isinstance(value, bool) else str(value)


def _kinds_added_in(cls: Any) -> dict[str, str]:
    """``kinds_added_in: "codebook 1.1.0"``: the version in which a package kind got the table."""
    words = (_annotation(cls, "kinds_added_in") or "").split()
    return dict(zip(words[::2], words[1::2]))


def _value_or_reason(view: SchemaView, class_name: str) -> set[str]:
    """Slots X the class requires as "X or X_absent_reason" (an ``exactly_one_of`` of the two)."""
    found = set()
    for option in view.get_class(class_name).exactly_one_of or []:
        for name in option.slot_conditions or {}:
            if f"{name}_absent_reason" in view.all_slots():
                found.add(name)
    return found


def _versions_and_absence(view: SchemaView, class_name: str,
                          columns: tuple[str, ...]) -> dict[str, Any]:
    """What a table's columns say about versions and absence, read from slot annotations.

    ``added_in``: the columns added after the first version of the standard (a package of an
    older minor version may lack them); ``absent_reason``: value column -> the companion column
    that says why it is empty; ``value_or_absent_reason``: the value columns that must hold a
    value or a reason (the class's ``exactly_one_of``).
    """
    added, reasons, either = {}, {}, []
    value_or_reason = _value_or_reason(view, class_name)
    for name in columns:
        slot = view.induced_slot(name, class_name)
        # A slot the standard had before may be new on this class: slot_usage says so.
        version = _annotation(slot, "added_in") or _annotation(view.get_slot(name), "added_in")
        if version:
            added[name] = version
        target = _annotation(view.get_slot(name), "absent_reason_for")
        if target:
            reasons[target] = name
        if name in value_or_reason:
            either.append(name)
    out: dict[str, Any] = {}
    if added:
        out["columns_added_in"] = added
    if reasons:
        out["absent_reason"] = reasons
    if either:
        out["value_or_absent_reason"] = either
    return out


def _disclosure(view: SchemaView, class_name: str, columns: tuple[str, ...]) -> dict[str, Any]:
    """The disclosure model of a table's columns, read from the slots' annotations.

    ``disclosure``: column -> category (identifier, quasi-identifier, sensitive, aggregate,
    free-text, none; direct-identifier is reserved); ``disclosure_public``: column -> what a public
    package may hold (``withheld``: nothing; ``at-least-k``: 0 or a count of at least k);
    ``generalised_to``: a withheld column -> the column that carries its public form. A class's
    ``slot_usage`` overrides the slot (a participant's site is a quasi-identifier; a focus group's
    ages are withheld where a study's published aggregates are not).
    """
    categories, public, generalised = {}, {}, {}
    for name in columns:
        slot, base = view.induced_slot(name, class_name), view.get_slot(name)
        category = _annotation(slot, "disclosure") or _annotation(base, "disclosure")
        if category is None:
            raise ValueError(f"slot {name} of {class_name} has no disclosure annotation")
        categories[name] = category
        rule = _annotation(slot, "disclosure_public") or _annotation(base, "disclosure_public")
        if rule:
            public[name] = rule
        target = _annotation(slot, "generalised_to") or _annotation(base, "generalised_to")
        if target:
            generalised[name] = target
    out: dict[str, Any] = {"disclosure": categories}
    if public:
        out["disclosure_public"] = public
    if generalised:
        out["generalised_to"] = generalised
    return out


# Schema types whose values ISO lists -> the list (``upsides_data.codes`` asks pycountry).
CODED_TYPES = {"CountryCode": "country", "Bcp47Tag": "language"}


def coded_columns(view: SchemaView) -> dict[str, dict[str, list[str]]]:
    """Which columns hold an ISO country or a BCP 47 language, by the slot's range in the schema."""
    out: dict[str, dict[str, list[str]]] = {kind: {} for kind in CODED_TYPES.values()}
    for table in class_tables(view):
        columns = [(table.name, name, name) for name in table.scalar_slots]
        columns += [(link.name, link.slot, link.value_column) for link in table.links]
        for table_name, slot_name, column in columns:
            kind = CODED_TYPES.get(view.induced_slot(slot_name, table.class_name).range or "")
            if kind:
                out[kind].setdefault(table_name, []).append(column)
    return out


def package_profile(view: SchemaView) -> dict[str, Any]:
    """Which tables exist, what they hold, which package kind holds them, and since when."""
    tables: dict[str, Any] = {}
    kinds: dict[str, list[str]] = {kind: [] for kind in (*PACKAGE_KINDS, CONSORTIUM)}
    for table in class_tables(view):
        tables[table.name] = {"class": table.class_name, "kinds": list(table.kinds),
                              **_versions_and_absence(view, table.class_name,
                                                      table.scalar_slots),
                              **_disclosure(view, table.class_name, table.scalar_slots)}
        table_added = _annotation(view.get_class(table.class_name), "added_in")
        if table_added:
            tables[table.name]["added_in"] = table_added
        kinds_added = _kinds_added_in(view.get_class(table.class_name))
        if kinds_added:
            tables[table.name]["kinds_added_in"] = kinds_added
        for kind in table.kinds:
            kinds[kind].append(table.name)
        kinds[CONSORTIUM].append(table.name)
        for link in table.links:
            tables[link.name] = {
                "class": table.class_name,
                "kinds": list(table.kinds),
                "link": {"slot": link.slot, "owner": link.owner_column, "value": link.value_column},
                "disclosure": {link.owner_column: "identifier",
                               link.value_column: _disclosure(view, table.class_name,
                                                              (link.slot,))["disclosure"][link.slot]},
            }
            link_added = _annotation(view.get_slot(link.slot), "added_in") or table_added
            if link_added:
                tables[link.name]["added_in"] = link_added
            if kinds_added:
                tables[link.name]["kinds_added_in"] = kinds_added
            for kind in table.kinds:
                kinds[kind].append(link.name)
            kinds[CONSORTIUM].append(link.name)
    return {
        "standard": "upsides-data",
        "standard_version": view.schema.version,
        "schema_id": view.schema.id,
        "id_prefix": "upsides",
        "id_base": view.schema.prefixes["upsides"].prefix_reference,
        # ``upsides:SCOPE/LOCAL``: the schema's settings, for upsides_data.ids
        "id_scope_pattern": view.schema.settings["scope"].setting_value,
        "id_local_pattern": view.schema.settings["local"].setting_value,
        "package_kinds": kinds,
        "tables": tables,
        "coded_columns": coded_columns(view),
    }
