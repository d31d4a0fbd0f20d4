"""The schema's disclosure model, as the generated package profile carries it.

Every slot of the schema is annotated with a disclosure category (``schema/*.yaml``,
``annotations: {disclosure: ...}``) and ``make generate`` copies the categories into
``validators/package-profile.json`` per table and column. The validator, ``anonymise`` and the
exports read them here, so that a new slot is classified once, in the schema, and never in a code
list that could fall out of step.

Categories:

* ``direct-identifier``: names or contacts a person; never in a public package (the standard has
  no such slot by design; the category is there so an extension that adds one is refused);
* ``identifier``: a pseudonymous key or a reference to one; scanned for PII and names;
* ``quasi-identifier``: an attribute a reader who knows the site could link to a person (the
  participant's site, role, gender, age, profession, years of experience);
* ``sensitive``: an attribute the participant would not want linked to them;
* ``aggregate``: a figure over a group (counts, ages);
* ``free-text``: prose, where PII slips in; scanned;
* ``none``: says nothing about a person (codes of controlled lists, offsets, flags).

Per-column public rules (``disclosure_public``): ``withheld`` (a public package holds no value;
``generalised_to`` names the column that carries its public form, if any) and ``at-least-k``
(a count is 0 or at least k, else withheld).
"""

from __future__ import annotations

from upsides_data.resources import package_profile, table_schema

DIRECT = "direct-identifier"
IDENTIFIER = "identifier"
QUASI = "quasi-identifier"
SENSITIVE = "sensitive"
FREE_TEXT = "free-text"
WITHHELD = "withheld"
AT_LEAST_K = "at-least-k"
SCANNED = (DIRECT, IDENTIFIER, FREE_TEXT)


def categories(table: str) -> dict[str, str]:
    """Column -> disclosure category of one table (empty for a table the standard lacks)."""
    return dict(package_profile()["tables"].get(table, {}).get("disclosure", {}))


def columns_of(table: str, *wanted: str) -> list[str]:
    """The table's columns in one of the ``wanted`` categories, in the table's column order."""
    found = categories(table)
    order = [f["name"] for f in table_schema(table)["fields"]] if found else []
    return [column for column in order if found.get(column) in wanted]


def quasi_identifiers(table: str = "participant") -> list[str]:
    """The columns whose combination k-anonymity is computed over."""
    return columns_of(table, QUASI)


def sensitive_attributes(table: str = "participant") -> list[str]:
    """The columns l-diversity is computed for."""
    return columns_of(table, SENSITIVE)


def scanned_columns(table: str) -> list[str]:
    """Columns scanned for PII and names: free text, identifiers and direct identifiers."""
    return columns_of(table, *SCANNED)


def public_rules(table: str) -> dict[str, str]:
    """Column -> public rule (``withheld`` or ``at-least-k``)."""
    return dict(package_profile()["tables"].get(table, {}).get("disclosure_public", {}))


def generalised_to(table: str) -> dict[str, str]:
    """Withheld column -> the column that carries its public (generalised) form."""
    return dict(package_profile()["tables"].get(table, {}).get("generalised_to", {}))


def absent_reason_column(table: str, column: str) -> str | None:
    """The ``<column>_absent_reason`` companion of a column, when the table has one."""
    found = package_profile()["tables"].get(table, {}).get("absent_reason", {}).get(column)
    return None if found is None else str(found)
