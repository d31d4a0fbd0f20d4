"""Column-wise checks generated from the schema: what the Pydantic models check, as polars exprs.

The generated Pydantic models (``datamodel/upsides.py``) are the reference for what one record
may hold, but validating them row by row builds a Python object per row. This generator asks a
``SchemaView`` the same questions gen-pydantic asks (each class's induced slots: required,
multivalued, range, pattern, bounds) and writes ``datamodel/columns.py``: per class, the fields the
model allows (it forbids extra ones), the required ones, and one polars expression per constrained
slot that is true where a present value fails. ``validate.columns`` evaluates them over whole
columns; ``tests/test_validate_columns.py`` shows both paths give the same findings.

Rules are written as gen-pydantic (linkml 1.12) enforces them: patterns as pydantic-core checks
them (Rust regex, a final ``$`` written ``\\n?$``, see ``artifacts._rust_pattern_generator``);
references as plain strings (their target's identifier pattern is layer 2's concern); numeric
bounds inclusive, a NaN failing any bound. gen-pydantic drops ``exactly_one_of`` (no cross-field
validator is generated), so no cross-field rule is emitted: the value-or-reason rule stays in
the rules layer, where both engines run it.
"""

from __future__ import annotations

from typing import Any

from linkml_runtime.utils.schemaview import SchemaView

from upsides_data.generate.layout import class_tables

# LinkML base types as the generated models type them (others are str).
_MODEL_TYPES = {"integer": "int", "float": "float", "double": "float", "decimal": "float",
                "boolean": "bool"}

_PRELUDE = '''"""Column-wise checks of each class, generated from the schema (see generate/columns.py).

For each class: ``slots`` the fields its Pydantic model allows (extra fields are forbidden),
``required`` those it requires, ``multivalued`` those holding lists (link tables), ``types`` the
model's base type of each non-string slot, and ``checks``: one expression per constrained slot,
over a column named after the slot, that is true where a present value breaks the rule. A
multivalued slot's expression applies to each item. ``validate.columns`` evaluates them.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class Check:
    slot: str
    rule: str  # "enum", "pattern" or "range": what the hint explains
    fails: pl.Expr  # true where a present (non-null) value breaks the rule
    allowed: str  # an example of what is accepted, for the finding's hint


@dataclass(frozen=True)
class ClassChecks:
    name: str
    slots: tuple[str, ...]
    required: tuple[str, ...]
    multivalued: tuple[str, ...]
    types: dict[str, str]
    checks: tuple[Check, ...]


def _outside(column: str, low: float | None, high: float | None, is_float: bool) -> pl.Expr:
    """True where a number breaks an inclusive bound (pydantic: a NaN breaks every bound)."""
    value = pl.col(column)
    inside = pl.lit(True)
    if low is not None:
        inside = inside & (value >= low)
    if high is not None:
        inside = inside & (value <= high)
    return (~inside | value.is_nan()) if is_float else ~inside


'''


def _model_type(view: SchemaView, range_name: str) -> str:
    current = view.get_type(range_name)
    while current is not None:
        if current.name in _MODEL_TYPES:
            return _MODEL_TYPES[current.name]
        if current.typeof is None:
            break
        current = view.get_type(current.typeof)
    return "str"


def _rust_pattern(pattern: str) -> str:
    """The pattern as the generated model hands it to pydantic-core (see artifacts.py)."""
    if pattern.count("$") == 1 and pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + "\\n?$"
    return pattern


def _described(view: SchemaView, slot: Any, rng: str) -> str:
    """What a valid value looks like, in the schema's words (with its examples, never a regex)."""
    texts = [slot.description or ""]
    if rng in view.all_types():
        texts.append(view.get_type(rng).description or "")
    texts = [" ".join(t.split()) for t in texts if t]
    with_example = [t for t in texts if "example" in t or "such as" in t or "(" in t]
    text = (with_example or texts or [f"a valid {slot.name}"])[0]
    return "a value as the schema describes it: " + text


def _bound(value: Any) -> str:
    return repr(value)


def _example_range(low: Any, high: Any) -> str:
    if low is not None and high is not None:
        return f"a number from {low} to {high}"
    if low is not None:
        return f"a number of at least {low}"
    return f"a number of at most {high}"


def _slot_checks(view: SchemaView, slot: Any) -> list[str]:
    name = slot.name
    rng = slot.range or view.schema.default_range or "string"
    checks = []
    if rng in view.all_enums():
        values = list(view.get_enum(rng).permissible_values)
        shown = ", ".join(values[:6]) + (", ..." if len(values) > 6 else "")
        checks.append(f"Check({name!r}, 'enum', ~pl.col({name!r}).is_in({values!r}), "
                      f"{('one of: ' + shown)!r})")
        return checks
    kind = "str" if rng in view.all_classes() else _model_type(view, rng)
    if kind == "str" and slot.pattern and rng not in view.all_classes():
        pattern = _rust_pattern(slot.pattern)
        checks.append(f"Check({name!r}, 'pattern', ~pl.col({name!r}).str.contains({pattern!r}), "
                      f"{_described(view, slot, rng)!r})")
    if kind in ("int", "float") and (slot.minimum_value is not None
                                     or slot.maximum_value is not None):
        low, high = slot.minimum_value, slot.maximum_value
        checks.append(f"Check({name!r}, 'range', _outside({name!r}, {_bound(low)}, "
                      f"{_bound(high)}, {kind == 'float'}), "
                      f"{_example_range(low, high)!r})")
    return checks


def _class_block(view: SchemaView, class_name: str) -> str:
    slots = view.class_induced_slots(class_name)
    names = tuple(s.name for s in slots)
    required = tuple(s.name for s in slots if s.required or s.identifier)
    multivalued = tuple(s.name for s in slots if s.multivalued)
    types = {}
    checks: list[str] = []
    for slot in slots:
        rng = slot.range or view.schema.default_range or "string"
        if rng not in view.all_enums() and rng not in view.all_classes():
            kind = _model_type(view, rng)
            if kind != "str":
                types[slot.name] = kind
        checks.extend(_slot_checks(view, slot))
    body = "".join(f"            {c},\n" for c in checks)
    return (f"    {class_name!r}: ClassChecks(\n"
            f"        name={class_name!r},\n"
            f"        slots={names!r},\n"
            f"        required={required!r},\n"
            f"        multivalued={multivalued!r},\n"
            f"        types={dict(sorted(types.items()))!r},\n"
            f"        checks=(\n{body}"
            f"        ),\n"
            f"    ),\n")


def render(view: SchemaView, notice: str) -> str:
    """The source of ``datamodel/columns.py``: every class table's checks."""
    blocks = "".join(_class_block(view, table.class_name) for table in class_tables(view))
    enums = "".join(f"    {name!r}: {tuple(view.get_enum(name).permissible_values)!r},\n"
                    for name in view.all_enums())
    return (f"# {notice}\n# ruff: noqa\n" + _PRELUDE
            + "# Each enum's permissible values, in schema order (read without importing pydantic).\n"
            + "ENUMS: dict[str, tuple[str, ...]] = {\n" + enums + "}\n\n"
            + "CLASSES: dict[str, ClassChecks] = {\n" + blocks + "}\n")
