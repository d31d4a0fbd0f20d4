"""An example value for every column, generated from the schema's ``examples``.

A finding about a cell shows a value the user can copy (never a regular expression), and the
spreadsheet template shows one under each column's header. The example is the slot's own first
``examples`` value (its ``slot_usage`` in the class first), else the first example of its range
type (``PartialDate``, ``CountryCode``, ...), else for a reference the example of the ``id``
slot, else for an enum its first permissible value, else ``false`` for a boolean. A column with
none of these has no example (free text, counts). Written to ``validators/field-examples.json``.
"""

from __future__ import annotations

from typing import Any

from linkml_runtime.utils.schemaview import SchemaView

from upsides_data.generate.layout import class_tables, snake


def _first(element: Any) -> str | None:
    examples = getattr(element, "examples", None) or []
    for example in examples:
        value = getattr(example, "value", None)
        if value not in (None, ""):
            return str(value)
    return None


def _type_example(view: SchemaView, type_name: str) -> str | None:
    current = view.get_type(type_name)
    while current is not None:
        found = _first(current)
        if found:
            return found
        current = view.get_type(current.typeof) if current.typeof else None
    return None


def identifier_example(view: SchemaView, class_name: str) -> str | None:
    """An identifier of a record of ``class_name``: the ``id`` slot's example with its local
    part naming the class (``upsides:bu/fg-1`` -> ``upsides:bu/focus-group-1``); the scope of a
    codebook-only class is the study's (from the ``study`` slot's example)."""
    generic = _first(view.get_slot("id"))
    if not generic or "/" not in generic:
        return generic
    scope = generic.split("/", 1)[0]
    cls = view.get_class(class_name)
    package = str(cls.annotations["package"].value) if cls.annotations and \
        "package" in cls.annotations else "site"
    study = _first(view.get_slot("study")) if "study" in view.all_slots() else None
    if "site" not in package.split() and study and "/" in study:
        scope = study.split("/", 1)[0]
    return f"{scope}/{snake(class_name).replace('_', '-')}-1"


def slot_example(view: SchemaView, slot_name: str, class_name: str) -> str | None:
    """The example shown for one column of a class's table."""
    slot = view.induced_slot(slot_name, class_name)
    if slot_name.endswith("_absent_reason"):
        return None  # beside a value's example, an example reason would contradict it
    found = _first(slot) if slot_name != "id" else None
    found = found or (_first(view.get_slot(slot_name)) if slot_name != "id" else None)
    if found:
        return found
    if slot.identifier:
        return identifier_example(view, class_name)
    rng = slot.range or view.schema.default_range or "string"
    if rng in view.all_enums():
        values = list(view.get_enum(rng).permissible_values)
        return values[0] if values else None
    if rng in view.all_classes():
        return identifier_example(view, rng)
    if rng in view.all_types():
        if view.get_type(rng).name == "boolean" or _base(view, rng) == "boolean":
            return "false"
        return _type_example(view, rng)
    return None


def _base(view: SchemaView, type_name: str) -> str:
    current = view.get_type(type_name)
    while current is not None and current.typeof:
        current = view.get_type(current.typeof)
    return current.name if current is not None else type_name


def field_examples(view: SchemaView) -> dict[str, dict[str, str]]:
    """Table -> column -> example, for every table and column that has one."""
    out: dict[str, dict[str, str]] = {}
    for table in class_tables(view):
        columns: dict[str, str] = {}
        for slot_name in table.scalar_slots:
            example = slot_example(view, slot_name, table.class_name)
            if example:
                columns[slot_name] = example
        out[table.name] = columns
        for link in table.links:
            pair = {}
            owner = identifier_example(view, table.class_name)
            if owner:
                pair[link.owner_column] = owner
            value = slot_example(view, link.slot, table.class_name)
            if value:
                pair[link.value_column] = value
            out[link.name] = pair
    return dict(sorted(out.items()))
