"""The layout every workbook shares, so that ``template`` writes what ``pack`` reads.

A table sheet has three header rows: the column names (row 1, what ``pack`` reads), each
column's description (row 2) and an example of a valid value (row 3); data start on row 4. Rows
2 and 3 are recognised by their content, so a user who deletes them loses nothing. The
``package`` sheet holds the package's facts as key/value rows.
"""

from __future__ import annotations

from typing import Any

from upsides_data.package.descriptor import schema_for
from upsides_data.resources import field_examples

FIRST_DATA_ROW = 4
EXAMPLE_PREFIX = "e.g. "
# The package sheet: key -> what it means (the order is the sheet's order).
PACKAGE_KEYS = {
    "name": "The package's name: lower-case letters, digits and hyphens, e.g. upsides-mhw-2019-bu",
    "title": "A title people read, e.g. UPSIDES focus groups: the Butabika site package",
    "access_level": "restricted (may hold transcripts and exact ages) or public",
    "study": "The study's identifier, e.g. upsides:mhw-2019/study",
    "site": "Your site's identifier, e.g. upsides:bu/site",
    "codebook_name": "The name of the consortium's codebook package, e.g. upsides-mhw-2019-codebook",
    "codebook_version": "Its version, e.g. 1.0.0",
    "licence": "Optional: the licence of a public package, e.g. CC-BY-4.0",
}
REQUIRED_KEYS = ("name", "access_level", "study", "site")


def fields(table: str, kind: str) -> list[dict[str, Any]]:
    """The Table Schema fields of ``table`` in a package of ``kind``."""
    return list(schema_for(table, kind)["fields"])


def example(table: str, column: str) -> str | None:
    """The schema's example of a valid value for a column, if it has one."""
    return field_examples().get(table, {}).get(column)


def description_row(table: str, kind: str) -> list[str]:
    """Row 2 of a table sheet."""
    return [str(f.get("description", "")) for f in fields(table, kind)]


def example_row(table: str, kind: str) -> list[str]:
    """Row 3 of a table sheet: ``e.g. VALUE`` or empty."""
    return [EXAMPLE_PREFIX + found if (found := example(table, f["name"])) else ""
            for f in fields(table, kind)]
