"""Layer 4 rules on counts across levels: a record's own figures, and a study's against its parts.

Aggregate figures sit at three levels: the study (``study``), a study at one site
(``site_participation``) and a focus group (``focus_group``); participant rows may exist below
them. Each level must agree with itself (``gender-sum``, ``range-order``) and the parts must fit
in the whole (``group-sum``, ``study-total``): a study's focus groups, their participants and its
per-site figures cannot exceed the study's figures, and when every focus group of the study is
known (as many group records as its ``focus_group_count``) their participant figures add up to the
study's exactly. The study-level rules run on the package that holds the study record (a codebook
or consortium package) over its own tables and those of the site packages validated with it.
"""

from __future__ import annotations

from typing import Any, Iterator

import polars as pl

from upsides_data.findings import Finding, Severity
from upsides_data.validate.context import PackageContext
from upsides_data.validate.frames import ROW, integer, number, table
from upsides_data.validate.rules import finding, rule

COUNT = "participant_count"
GENDERS = ("participant_count_female", "participant_count_male", "participant_count_diverse")
# (low, middle, high) columns that must be ordered, and an example of a good triple.
RANGES = ((("age_min", "age_mean", "age_max"), "age_min 22, age_mean 37, age_max 63"),
          (("duration_minutes_min", None, "duration_minutes_max"),
           "duration_minutes_min 45, duration_minutes_max 120"))
LEVELS = ("study", "site_participation", "focus_group")


def _numbers(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    present = [c for c in columns if c in frame.columns]
    return frame.with_columns([number(c).alias(f"__{c}") for c in present])


@rule("gender-sum")
def gender_sum(ctx: PackageContext) -> Iterator[Finding]:
    """Female + male + diverse participants are at most the participant count, at every level."""
    for tbl in LEVELS:
        frame = table(ctx, tbl, COUNT, *GENDERS)
        if frame is None:
            continue
        frame = frame.with_columns(integer(COUNT).alias("__n"),
                                   *[integer(g).fill_null(0).alias(f"__{g}") for g in GENDERS])
        total = pl.sum_horizontal([pl.col(f"__{g}") for g in GENDERS])
        for row in frame.filter(pl.col("__n").is_not_null() & (total > pl.col("__n"))) \
                .with_columns(total.alias("__sum")).iter_rows(named=True):
            parts = " + ".join(f"{row[f'__{g}']} {g.rsplit('_', 1)[1]}" for g in GENDERS
                               if row[g] is not None)
            yield finding(ctx, "gender-sum", tbl=tbl, row=row[ROW], field=COUNT,
                          message=f"{parts} = {row['__sum']}, more than the {row['__n']} "
                                  "participants",
                          hint="female + male + diverse is at most participant_count: of 25 "
                               "participants, for example 19 female and 6 male")


@rule("range-order")
def range_order(ctx: PackageContext) -> Iterator[Finding]:
    """Minimum <= mean <= maximum, for ages and for durations, at every level."""
    for tbl in LEVELS:
        for (low, mid, high), example in RANGES:
            columns = [c for c in (low, mid, high) if c is not None]
            frame = table(ctx, tbl, *columns)
            if frame is None:
                continue
            frame = _numbers(frame, columns)
            pairs = [(low, high)] + ([(low, mid), (mid, high)] if mid else [])
            for a, b in pairs:
                bad = frame.filter(pl.col(f"__{a}") > pl.col(f"__{b}"))
                for row in bad.iter_rows(named=True):
                    yield finding(ctx, "range-order", tbl=tbl, row=row[ROW], field=a,
                                  message=f"{a} {row[a]} is greater than {b} {row[b]}",
                                  hint=f"a range runs from its minimum to its maximum, the mean "
                                       f"between them: for example {example}")


# -- a study against its parts -----------------------------------------------------------------

def _sources(ctx: PackageContext) -> list[PackageContext]:
    """The package holding the study and the site packages validated with it."""
    return [ctx, *(p for p in ctx.peers if p.kind == "site")]


def _gather(ctx: PackageContext, tbl: str, *columns: str) -> pl.DataFrame | None:
    """One table over ctx and its site peers (the listed columns, text), or None if none has it."""
    frames = []
    for source in _sources(ctx):
        frame = table(source, tbl, *columns)
        if frame is not None:
            frames.append(frame.select(columns))
    return pl.concat(frames, how="vertical").unique() if frames else None


def _study_parts(ctx: PackageContext, studies: pl.DataFrame) -> pl.DataFrame | None:
    """Per study: how many group records, their summed figures, and whether all carry a count."""
    groups = _gather(ctx, "focus_group", "id", "study", "session_format", COUNT, *GENDERS)
    if groups is None:
        return None
    counted = groups.with_columns([integer(c).alias(c) for c in (COUNT, *GENDERS)])
    interview = pl.col("session_format").fill_null("") == "interview"
    return counted.group_by("study").agg(
        (~interview).sum().alias("__groups"), interview.sum().alias("__interviews"),
        pl.col(COUNT).sum().alias("__sum"),
        pl.col(COUNT).is_null().sum().alias("__uncounted"),
        *[pl.col(g).sum().alias(f"__sum_{g}") for g in GENDERS])


def _attendance(ctx: PackageContext) -> pl.DataFrame | None:
    """Who attended which focus group of which study: (participant, focus_group, study) rows from
    the package and its site peers, or None when a table is missing."""
    groups = _gather(ctx, "focus_group", "id", "study")
    links = _gather(ctx, "participant_focus_groups_attended", "participant", "focus_group")
    if groups is None or links is None:
        return None
    return links.join(groups.select(pl.col("id").alias("focus_group"), "study"), on="focus_group")


def _participant_rows(ctx: PackageContext) -> pl.DataFrame | None:
    """Per study: the distinct participant rows that attended its focus groups."""
    attended = _attendance(ctx)
    people = _gather(ctx, "participant", "id")
    if attended is None or people is None:
        return None
    return (attended.join(people.select(pl.col("id").alias("participant")), on="participant")
            .group_by("study").agg(pl.col("participant").n_unique().alias("__rows")))


def _study_figures(ctx: PackageContext) -> pl.DataFrame | None:
    studies = table(ctx, "study", "id", "focus_group_count", "interview_count", COUNT, *GENDERS)
    if studies is None:
        return None
    return studies.with_columns(integer("focus_group_count").alias("__fg"),
                                integer("interview_count").alias("__iv"),
                                integer(COUNT).alias("__n"),
                                *[integer(g).alias(f"__{g}") for g in GENDERS])


@rule("group-sum")
def group_sum(ctx: PackageContext) -> Iterator[Finding]:
    """A study's focus groups and per-site figures fit within its totals (equal when all known)."""
    studies = _study_figures(ctx)
    if studies is None:
        return
    parts = _study_parts(ctx, studies)
    if parts is not None:
        repeat = _repeated_attendance(ctx)
        joined = studies.join(parts, left_on="id", right_on="study", how="inner")
        for row in joined.sort(ROW).iter_rows(named=True):
            yield from _groups_within_study(ctx, row, sums=row["id"] not in repeat)
    sites = _gather(ctx, "site_participation", "id", "study", "focus_group_count", COUNT)
    if sites is not None:
        per_study = sites.with_columns(integer("focus_group_count"), integer(COUNT)).group_by(
            "study").agg(pl.col("focus_group_count").sum().alias("__site_fg"),
                         pl.col(COUNT).sum().alias("__site_n"))
        joined = studies.join(per_study, left_on="id", right_on="study", how="inner")
        for row in joined.sort(ROW).iter_rows(named=True):
            for total, summed, what in (("__fg", "__site_fg", "focus groups"),
                                        ("__n", "__site_n", "participants")):
                if row[total] is not None and row[summed] and row[summed] > row[total]:
                    yield finding(ctx, "group-sum", tbl="study", row=row[ROW],
                                  field="focus_group_count" if total == "__fg" else COUNT,
                                  message=f"the study's site participations add up to "
                                          f"{row[summed]} {what}; the study reports {row[total]}",
                                  hint="per-site figures are parts of the study's: for example "
                                       "sites with 3 + 2 + 1 focus groups in a study of 6")


def _repeated_attendance(ctx: PackageContext) -> set[str]:
    """The studies in which some participant row attended more than one focus group: there the
    groups' participant figures count that person more than once, so they may add up to more
    than the study's number of people and are not compared with it."""
    attended = _attendance(ctx)
    if attended is None:
        return set()
    counted = attended.group_by("study", "participant").agg(pl.len().alias("__times"))
    return set(counted.filter(pl.col("__times") > 1)["study"].to_list())


def _groups_within_study(ctx: PackageContext, row: dict[str, Any], *,
                         sums: bool = True) -> Iterator[Finding]:
    hint = ("a study's focus groups are parts of it: for example 6 groups of 4 + 5 + 4 + 4 + 4 "
            "+ 4 = 25 participants in a study that reports 6 focus groups and 25 participants")
    if row["__fg"] is not None and row["__groups"] > row["__fg"]:
        yield finding(ctx, "group-sum", tbl="study", row=row[ROW], field="focus_group_count",
                      message=f"{row['__groups']} focus group records belong to the study, which "
                              f"reports {row['__fg']} focus groups", hint=hint)
    if row["__iv"] is not None and row["__interviews"] > row["__iv"]:
        yield finding(ctx, "group-sum", tbl="study", row=row[ROW], field="interview_count",
                      message=f"{row['__interviews']} interview records belong to the study, "
                              f"which reports {row['__iv']} interviews", hint=hint)
    complete = (row["__fg"] is not None and row["__groups"] == row["__fg"]
                and not row["__interviews"] and row["__uncounted"] == 0)
    if not sums:
        return
    if row["__n"] is not None and row["__sum"]:
        if row["__sum"] > row["__n"] or (complete and row["__sum"] != row["__n"]):
            relation = "more than" if row["__sum"] > row["__n"] else "not"
            yield finding(ctx, "group-sum", tbl="study", row=row[ROW], field=COUNT,
                          message=f"the study's focus groups add up to {row['__sum']} "
                                  f"participants, {relation} the {row['__n']} the study reports"
                                  + (" (all its focus groups are known)" if complete else ""),
                          hint=hint)
    for gender in GENDERS:
        total, summed = row[f"__{gender}"], row[f"__sum_{gender}"]
        if total is not None and summed and summed > total:
            yield finding(ctx, "group-sum", tbl="study", row=row[ROW], field=gender,
                          message=f"the study's focus groups add up to {summed} "
                                  f"{gender.rsplit('_', 1)[1]} participants; the study reports "
                                  f"{total}", hint=hint)


@rule("study-total")
def study_total(ctx: PackageContext) -> Iterator[Finding]:
    """A study's participant count agrees with the participant rows of its focus groups."""
    studies = _study_figures(ctx)
    if studies is None:  # no study here: do not gather the peers' tables (packages x packages)
        return
    rows = _participant_rows(ctx)
    if rows is None:
        return
    parts = _study_parts(ctx, studies)
    joined = studies.join(rows, left_on="id", right_on="study", how="inner")
    if parts is not None:
        joined = joined.join(parts, left_on="id", right_on="study", how="left")
    for row in joined.filter(pl.col("__n").is_not_null() & (pl.col("__rows") > 0)) \
            .sort(ROW).iter_rows(named=True):
        n, have = row["__n"], row["__rows"]
        hint = (f"participant_count counts the people of every focus group of the study; here "
                f"{have} participant rows attend its groups, so a count of {have} or more (when "
                "rows are withheld) fits")
        if have > n:
            yield finding(ctx, "study-total", tbl="study", row=row[ROW], field=COUNT,
                          message=f"{have} participant rows attend the study's focus groups; the "
                                  f"study reports {n} participants", hint=hint)
        elif have < n:
            complete = (row.get("__fg") is not None and row.get("__groups") == row["__fg"]
                        and not row.get("__interviews")
                        and (row.get("__sum") in (None, 0) or row["__sum"] == have))
            yield finding(ctx, "study-total", tbl="study", row=row[ROW], field=COUNT,
                          severity=Severity.ERROR if complete else Severity.WARNING,
                          message=f"the study reports {n} participants; its focus groups hold "
                                  f"rows for {have}"
                                  + (" and every focus group is known" if complete else
                                     " (rows may be withheld)"), hint=hint)
