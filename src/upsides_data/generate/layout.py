"""The table layout of a package, derived from the schema.

One table per concrete class that has an identifier, and one link table per multivalued slot of
such a class. Which package kind holds a class comes from the class annotation ``package``
(``site``, ``codebook`` or both); a merged consortium package holds every table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linkml_runtime.utils.schemaview import SchemaView

PACKAGE_KINDS = ("site", "codebook")
CONSORTIUM = "consortium"


def snake(name: str) -> str:
    """``FocusGroup`` -> ``focus_group``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@dataclass(frozen=True)
class LinkTable:
    name: str
    owner_class: str
    slot: str
    owner_column: str
    value_column: str


@dataclass(frozen=True)
class ClassTable:
    name: str
    class_name: str
    kinds: tuple[str, ...]
    scalar_slots: tuple[str, ...]
    links: tuple[LinkTable, ...]


def class_tables(view: SchemaView) -> list[ClassTable]:
    """Every class table in schema order, with its link tables."""
    tables = []
    for class_name in view.all_classes():
        cls = view.get_class(class_name)
        if cls.abstract or cls.tree_root:
            continue
        annotation = cls.annotations.get("package") if cls.annotations else None
        if annotation is None:
            continue
        kinds = tuple(k for k in PACKAGE_KINDS if k in str(annotation.value).split())
        owner = snake(class_name)
        scalars, links = [], []
        for slot in view.class_induced_slots(class_name):
            if slot.multivalued:
                value_column = slot.singular_name or slot.name
                links.append(
                    LinkTable(f"{owner}_{slot.name}", class_name, slot.name, owner, value_column)
                )
            else:
                scalars.append(slot.name)
        ordered = ["id"] + [s for s in scalars if s != "id"]
        tables.append(ClassTable(owner, class_name, kinds, tuple(ordered), tuple(links)))
    return tables
