"""Group aggregates that would give back what disclosure control suppressed.

A focus group's or a site's gender counts are figures over a set of participants. Published next
to those participants' rows, they give back whatever was hidden among them: a gender set to
``not-disclosed``, the gender of a participant left out of the package, or one count withheld as
a small cell while the total and the other counts stay (``total - others``). The validator
(``disclosure-recoverable-aggregate``) and ``anonymise`` both ask this module which rows leak,
so that what one writes the other accepts.

Which participants a row counts follows from the schema's foreign keys, not from a list here: a
link table referencing both the participant and the group (a focus group's attendance), or else
a table both reference (a participant's ``site`` and a site participation's ``site``). The counts
are the columns the disclosure model marks ``at-least-k``; their total is the column their names
extend (``participant_count`` for ``participant_count_female``).
"""

from __future__ import annotations

from typing import Mapping

import polars as pl

from upsides_data import disclosure_model as model
from upsides_data.resources import package_profile, table_schema

PERSON = "participant"
UNDISCLOSED_GENDER = "not-disclosed"
WITHHELD_REASON = "withheld-for-disclosure"
Tables = Mapping[str, pl.DataFrame]


def guarded_counts(table: str) -> list[str]:
    """The counts a public package shows only when at least k (the ``at-least-k`` columns)."""
    return sorted(c for c, rule in model.public_rules(table).items() if rule == model.AT_LEAST_K)


def count_total(table: str) -> str | None:
    """The column the guarded counts partition: the name they all extend, if the table has it."""
    counts = guarded_counts(table)
    if not counts:
        return None
    stem = counts[0].rsplit("_", 1)[0]
    known = {f["name"] for f in table_schema(table)["fields"]}
    return stem if stem in known and all(c.startswith(stem + "_") for c in counts) else None


def _foreign_keys(table: str) -> list[tuple[str, str]]:
    """(column, referenced table) of a table's single-column foreign keys."""
    return [(fk["fields"][0], fk["reference"]["resource"])
            for fk in table_schema(table).get("foreignKeys", []) if len(fk["fields"]) == 1]


def members(tables: Tables, table: str) -> pl.DataFrame | None:
    """``(group, participant)`` pairs: which participants each row of ``table`` counts, or None
    when the schema links no participant to the table."""
    links = {name for name, info in package_profile()["tables"].items() if "link" in info}
    for link in sorted(links & set(tables)):
        keys = dict((target, column) for column, target in _foreign_keys(link))
        if PERSON in keys and table in keys:
            return tables[link].select(pl.col(keys[table]).alias("group"),
                                       pl.col(keys[PERSON]).alias(PERSON))
    people, rows = tables.get(PERSON), tables.get(table)
    if people is None or rows is None or "id" not in rows.columns:
        return None
    for person_column, target in _foreign_keys(PERSON):
        for column, other in _foreign_keys(table):
            if other == target and person_column in people.columns and column in rows.columns:
                return (rows.select(pl.col("id").alias("group"), pl.col(column).alias("__key"))
                        .join(people.select(pl.col("id").alias(PERSON),
                                            pl.col(person_column).alias("__key")), on="__key")
                        .drop("__key"))
    return None


def _reason(table: str, frame: pl.DataFrame, column: str) -> pl.Expr:
    """A count withheld for disclosure: empty, and its companion (if any) says why."""
    companion = model.absent_reason_column(table, column)
    withheld = pl.col(column).is_null()
    if companion is not None and companion in frame.columns:
        withheld = withheld & (pl.col(companion) == WITHHELD_REASON)
    return withheld


def leaking_rows(tables: Tables, table: str) -> dict[str, str]:
    """Row id -> why its published counts give back something suppressed, for ``table``."""
    frame, counts = tables.get(table), guarded_counts(table)
    counts = [c for c in counts if frame is not None and c in frame.columns]
    if frame is None or not counts or "id" not in frame.columns:
        return {}
    found: dict[str, str] = {}
    total = count_total(table)
    published = pl.any_horizontal(pl.col(c).is_not_null() for c in counts)
    if total is not None and total in frame.columns:
        partial = published & pl.col(total).is_not_null() & pl.any_horizontal(
            _reason(table, frame, c) for c in counts)
        for record in frame.filter(partial.fill_null(False))["id"].to_list():
            found[record] = (f"{total} less the published counts gives back the count "
                             "withheld for disclosure")
    pairs, people = members(tables, table), tables.get(PERSON)
    if pairs is None or people is None or "gender" not in people.columns:
        return found
    shown = people.select(pl.col("id").alias(PERSON), "gender")
    seen = (pairs.join(shown, on=PERSON, how="inner")
            .group_by("group").agg(pl.len().alias("__rows"),
                                   (pl.col("gender").is_null() | (pl.col("gender") ==
                                                                  UNDISCLOSED_GENDER))
                                   .sum().alias("__hidden")))
    checked = frame.filter(published.fill_null(False)).join(
        seen, left_on="id", right_on="group", how="inner")
    for row in checked.iter_rows(named=True):
        expected = _int(row.get(total)) if total else None
        if row["__hidden"]:
            found.setdefault(row["id"], "a participant counted here has a suppressed gender: "
                                        "the counts less the others' genders give it back")
        elif expected is not None and row["__rows"] < expected:
            found.setdefault(row["id"], "a participant counted here was left out of the "
                                        "package: the counts less the others' genders give "
                                        "back their gender")
    return found


def _int(value: object) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None
