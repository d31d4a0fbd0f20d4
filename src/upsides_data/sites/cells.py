"""Spreadsheet cells to the text a package holds, tolerant of habits, never guessing silently.

What a spreadsheet program does to a value is undone here, by the type the Table Schema gives
the column: a stray space is trimmed, ``TRUE``/``FALSE`` become ``true``/``false``, ``3.0``
becomes ``3`` in an integer column, a cell stored as a spreadsheet date becomes ``YYYY-MM-DD``,
and a whole number stored as a number in a text column (``108.0``) becomes ``108``.

A written date like ``03/04/2020`` could be the 3rd of April or the 4th of March: with no
``date_order`` given it is not converted but reported (``date-order-ambiguous``), and the user
writes ISO dates or passes ``--date-order dmy|mdy``. A date whose day is over 12 (``25/12/2019``)
can be read only one way and is converted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

DATE_ORDERS = ("dmy", "mdy")
_WRITTEN_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_WHOLE = re.compile(r"^[+-]?\d+\.0+$")
_BOOLEANS = {"true": "true", "false": "false"}


@dataclass(frozen=True)
class CellProblem:
    """Why a cell was left as written: a rule code, a message and a hint."""

    rule: str
    message: str
    hint: str


def is_date_field(field: dict[str, Any]) -> bool:
    """A date column: type date, or the partial-date pattern (``YYYY``, ``YYYY-MM``, ...)."""
    pattern = str(field.get("constraints", {}).get("pattern", ""))
    return field.get("type") == "date" or pattern.startswith("^[0-9]{4}(-")


def is_id_field(field: dict[str, Any]) -> bool:
    """A column holding identifiers (``upsides:SCOPE/LOCAL``)."""
    return "upsides:" in str(field.get("constraints", {}).get("pattern", ""))


def clean_cell(value: Any, field: dict[str, Any], *, date_order: str | None = None
               ) -> tuple[str | None, CellProblem | None]:
    """The text for one cell of ``field`` (a Table Schema field), and a problem if any.

    None means empty. A problem leaves the cell as written (trimmed), so the validator
    reports it too unless the caller stops first.
    """
    if value is None:
        return None, None
    ftype = field.get("type", "string")
    if isinstance(value, bool):
        return ("true" if value else "false"), None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat(), None
        return value.isoformat(timespec="seconds"), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, (int, float)):
        if ftype == "boolean" and value in (0, 1):  # a boolean cell LibreOffice saved as 1 or 0
            return ("true" if value == 1 else "false"), None
        return _number_text(value), None
    text = str(value).replace("\ufeff", "").strip()
    if text == "":
        return None, None
    if ftype == "boolean" and text.lower() in _BOOLEANS:
        return _BOOLEANS[text.lower()], None
    if ftype in ("integer", "number") or (is_date_field(field) and _WHOLE.match(text)):
        if _WHOLE.match(text):
            return text.split(".")[0], None
    if is_date_field(field):
        return _written_date(text, date_order)
    return text, None


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _written_date(text: str, date_order: str | None) -> tuple[str, CellProblem | None]:
    match = _WRITTEN_DATE.match(text)
    if not match:
        return text, None
    first, second, year = (int(g) for g in match.groups())
    if date_order is None:
        if first > 12 >= second:
            date_order = "dmy"
        elif second > 12 >= first:
            date_order = "mdy"
        elif first == second:
            date_order = "dmy"  # both readings give the same day
        else:
            return text, CellProblem(
                "date-order-ambiguous",
                f"{text!r} could be day/month or month/day",
                f"write the date as YYYY-MM-DD (for example {year}-{second:02d}-{first:02d}), "
                "or pack with --date-order dmy (day first) or --date-order mdy (month first)")
    day, month = (first, second) if date_order == "dmy" else (second, first)
    try:
        return dt.date(year, month, day).isoformat(), None
    except ValueError:
        return text, CellProblem(
            "date-invalid", f"{text!r} is not a date in {date_order} order",
            "write the date as YYYY-MM-DD, for example 2019-11-30")
