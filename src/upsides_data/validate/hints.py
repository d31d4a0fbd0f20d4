"""Hints a non-programmer can act on: an example of a valid value, never a regular expression.

The examples come from the schema (``examples`` of slots and types, generated into
``validators/field-examples.json``), so a hint shows what the column's own documentation shows.
"""

from __future__ import annotations

from upsides_data.resources import field_examples

DATE_FORMS = "a year (2019), a year and month (2019-11) or a full date (2019-11-14)"


def example_hint(table: str | None, column: str) -> str:
    """What to write in ``column`` of ``table``, by example."""
    example = field_examples().get(table or "", {}).get(column)
    if example is None:
        for columns in field_examples().values():  # the same column in another table
            if column in columns:
                example = columns[column]
                break
    if example is None:
        return (f"see the description of {column} in the schema reference for the form a value "
                "takes")
    if example.startswith("upsides:"):
        return (f"write an identifier like {example}: upsides:, the lower-case scope of your "
                "site or study, a slash, then letters, digits, '.', '_' or '-' (no spaces)")
    if column.endswith(("_on", "_start", "_end", "date")) or example[:4].isdigit() and \
            example[4:5] == "-":
        return f"write a date as {DATE_FORMS}, for example {example}"
    return f"write a value like {example}"
