"""Not reported is a value: which columns may be absent with a reason, and how findings say so.

The schema gives many slots a companion ``<slot>_absent_reason`` (module ``schema/absence.yaml``)
and requires "a value or a reason" of a few (an ``exactly_one_of`` on the class). The generated
package profile lists both per table; the validator (``validate.rules``) and ``check-instance``
(``instances``) read them here, so that a new companion in the schema is checked without a code
change, and both word their findings the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from upsides_data.resources import package_profile

RULE_NEITHER = "value-or-reason"
RULE_BOTH = "value-and-reason"
REASONS = ("not-reported", "not-applicable", "withheld-for-disclosure", "unknown")
# Examples of a value, for hints (a non-programmer copies one of these, or a reason).
_EXAMPLES = {
    "licence": "https://creativecommons.org/licenses/by/4.0/",
    "fiscal_year": "2020",
    "site": "upsides:ulm/site",
    "label": "Personal recovery",
}


@dataclass(frozen=True)
class Absence:
    """One table's companions: value column -> reason column, and the value-or-reason columns."""

    reason_of: dict[str, str]
    required: tuple[str, ...]


@cache
def absence(table: str) -> Absence:
    spec = package_profile()["tables"].get(table, {})
    return Absence(dict(spec.get("absent_reason", {})),
                   tuple(spec.get("value_or_absent_reason", [])))


def tables_with_absence() -> list[str]:
    return [name for name, spec in package_profile()["tables"].items()
            if spec.get("absent_reason")]


def neither_message(column: str) -> str:
    return f"{column} is empty and {column}_absent_reason gives no reason"


def neither_hint(column: str) -> str:
    example = _EXAMPLES.get(column, "the published value")
    return (f"fill {column} (for example {example}), or, when the source does not give it, "
            f"set {column}_absent_reason to not-reported (or not-applicable, "
            "withheld-for-disclosure, unknown)")


def both_message(column: str, value: object, reason: object) -> str:
    return f"{column} holds {value!r} and {column}_absent_reason says {reason!r}"


def both_hint(column: str) -> str:
    return (f"keep the value and empty {column}_absent_reason, or empty {column} if the value "
            "was not published; a reason explains an empty cell only")
