"""Layer 1, part two: the descriptor's own properties have the JSON types the standard reads.

A ``"title": ["x"]``, ``"licenses": "MIT"`` or ``"upsides": {"site": 2}`` passed validation and
then crashed the exports that read them; each is now a ``descriptor-property`` finding, so no
command derives anything from such a package. The expected types follow the Data Package
specification (https://specs.frictionlessdata.io/data-package/) and docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from upsides_data.findings import Finding

RULE = "descriptor-property"
FILE = "datapackage.json"

# property path -> (the check, the wording of the expected type, an example of a valid value)
_TEXT = (lambda v: isinstance(v, str), "text", '"1.0.0"')
_OBJECTS = (lambda v: isinstance(v, list) and all(isinstance(i, dict) for i in v),
            "a list of objects", '[{"name": "CC-BY-4.0", "title": "CC BY 4.0"}]')
_TEXTS = (lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
          "a list of texts", '["peer support", "focus groups"]')
_BOOLEAN = (lambda v: isinstance(v, bool), "true or false", "true")
_IDENTIFIER = (lambda v: isinstance(v, str), "an identifier", '"upsides:ulm/site"')
EXPECTED: dict[tuple[str, ...], tuple[Any, str, str]] = {
    ("name",): (_TEXT[0], "text", '"upsides-mhw-2019-ulm"'),
    ("version",): _TEXT,
    ("title",): (_TEXT[0], "text", '"UPSIDES Ulm focus groups"'),
    ("description",): (_TEXT[0], "text", '"Focus groups with mental health workers"'),
    ("licenses",): _OBJECTS,
    ("sources",): (_OBJECTS[0], _OBJECTS[1], '[{"title": "UPSIDES study"}]'),
    ("contributors",): (_OBJECTS[0], _OBJECTS[1], '[{"title": "Site data manager"}]'),
    ("keywords",): _TEXTS,
    ("upsides", "site"): _IDENTIFIER,
    ("upsides", "study"): (_IDENTIFIER[0], _IDENTIFIER[1], '"upsides:mhw-2019/study"'),
    ("upsides", "synthetic"): _BOOLEAN,
}


def check(descriptor: dict[str, Any], package: str) -> Iterator[Finding]:
    """A finding for every present property whose value has the wrong JSON type."""
    for path, (ok, wording, example) in EXPECTED.items():
        value: Any = descriptor
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None or ok(value):
            continue
        field = ".".join(path)
        yield Finding(RULE, f"`{field}` must be {wording}, not {type(value).__name__} "
                      f"{_short(value)}", package=package, file=FILE, field=field,
                      hint=f"for example \"{path[-1]}\": {example}")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
