"""The column-wise machinery behind some layer-4 rules: partial dates, aggregates, cycles.

Kept apart from ``rules`` so that each rule there reads as what it checks, and the polars
expressions here can be tested on their own.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from upsides_data.bands import band_bounds
from upsides_data.findings import Severity
from upsides_data.validate.context import PackageContext
from upsides_data.validate.frames import ROW, integer, number, table

PARTIAL_DATE = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


def _valid_date(expr: pl.Expr) -> pl.Expr:
    """The partial date, or null when absent or malformed (a column of nulls reads as dtype Null,
    hence the cast)."""
    expr = expr.cast(pl.String)
    return pl.when(expr.str.contains(PARTIAL_DATE)).then(expr).otherwise(None)


def partial_date_before(a: pl.Expr, b: pl.Expr) -> pl.Expr:
    """``a`` is before ``b``, compared at the coarser precision of the two (2019-11 vs 2019).

    Partial dates are ISO strings (YYYY, YYYY-MM, YYYY-MM-DD): cut both to the shorter length and
    compare as text. Null or malformed dates (layer 2 reports those) are never "before".
    """
    a, b = _valid_date(a), _valid_date(b)
    n = pl.min_horizontal(a.str.len_chars(), b.str.len_chars())
    return (a.str.slice(0, n) < b.str.slice(0, n)).fill_null(False)


def study_frame(ctx: PackageContext) -> pl.DataFrame | None:
    """Study id -> period start and end, from this package or else its codebook package."""
    for source in (ctx, ctx.codebook):
        studies = table(source, "study", "id", "period_start", "period_end")
        if studies is not None:
            return studies.select(pl.col("id").alias("__study"),
                                  _valid_date(pl.col("period_start")).alias("__start"),
                                  _valid_date(pl.col("period_end")).alias("__end"))
    return None


# -- aggregate participant figures -------------------------------------------------------------

GENDER_COUNTS = {"participant_count_female": "female", "participant_count_male": "male",
                 "participant_count_diverse": "diverse"}
UNKNOWN_GENDER = "not-disclosed"


def _optional(frame: pl.DataFrame, column: str) -> pl.Expr:
    return pl.col(column) if column in frame.columns else pl.lit(None, dtype=pl.String)


def _participant_stats(people: pl.DataFrame, links: pl.DataFrame) -> pl.DataFrame:
    bounds = band_bounds()
    band = _optional(people, "age_band")
    persons = people.select(
        pl.col("id").alias("participant"),
        _optional(people, "gender").alias("gender"),
        (integer("age_years") if "age_years" in people.columns
         else pl.lit(None, dtype=pl.Int64)).alias("age"),
        band.replace_strict({k: v[0] for k, v in bounds.items()}, default=None,
                            return_dtype=pl.Int64).alias("band_low"),
        band.replace_strict({k: v[1] for k, v in bounds.items()}, default=None,
                            return_dtype=pl.Int64).alias("band_high"))
    attended = links.select("participant", "focus_group").drop_nulls().unique()
    joined = attended.join(persons, on="participant", how="inner")
    gender = pl.col("gender")
    return joined.group_by("focus_group").agg(
        pl.len().alias("n"),
        *[(gender == value).sum().alias(value) for value in GENDER_COUNTS.values()],
        (gender.is_null() | (gender == UNKNOWN_GENDER)).sum().alias("unknown"),
        pl.col("age").is_not_null().sum().alias("n_age"),
        pl.col("age").min().alias("age_lo"),
        pl.col("age").max().alias("age_hi"),
        pl.col("age").mean().alias("age_avg"),
        pl.col("band_low").max().alias("band_lo_max"),
        pl.col("band_high").min().alias("band_hi_min"))


def _tolerance(text: str | None) -> float:
    """Half a unit of the last digit given: a mean reported as 41.3 covers 41.25 to 41.35."""
    if not text or "." not in text:
        return 0.5
    return 0.5 * 10.0 ** -len(text.split(".", 1)[1].strip())


def aggregate_findings(groups: pl.DataFrame, people: pl.DataFrame,
                       links: pl.DataFrame) -> list[tuple[int, str, str, Severity]]:
    """(row, field, message, severity) for each disagreement of figures and rows.

    Participant rows may be fewer than the reported count (a public package may withhold rows),
    and a gender may be unknown (null or not-disclosed), so each gender count must lie between
    the rows known to have that gender and those plus the rows and people of unknown gender.
    Exact ages must lie within the reported range; an age band must overlap it. Only when every
    participant has a row with an exact age must minimum, maximum and mean agree exactly.
    """
    stats = _participant_stats(people, links)
    if stats.is_empty():
        return []
    wanted = ["participant_count", *GENDER_COUNTS, "age_min", "age_max"]
    figures = groups.select(
        ROW, pl.col("id").alias("focus_group"),
        *[(integer(c) if c in groups.columns else pl.lit(None, dtype=pl.Int64)).alias(c)
          for c in wanted],
        (number("age_mean") if "age_mean" in groups.columns
         else pl.lit(None, dtype=pl.Float64)).alias("age_mean"),
        _optional(groups, "age_mean").alias("age_mean_text"))
    out: list[tuple[int, str, str, Severity]] = []
    for g in figures.join(stats, on="focus_group", how="inner").sort(ROW).iter_rows(named=True):
        out.extend(_check_group(g))
    return out


def _check_group(g: dict[str, Any]) -> list[tuple[int, str, str, Severity]]:
    row, n, count = g[ROW], g["n"], g["participant_count"]
    found: list[tuple[int, str, str, Severity]] = []

    def add(field: str, message: str, severity: Severity = Severity.ERROR) -> None:
        found.append((row, field, message, severity))

    if count is not None and n > count:
        add("participant_count", f"reports {count} participants but {n} participant rows "
                                 "attended it")
    elif count is not None and n < count:
        add("participant_count", f"reports {count} participants; the package holds rows for "
                                 f"{n} of them", Severity.WARNING)
    missing = max(count - n, 0) if count is not None else None
    for field, value in GENDER_COUNTS.items():
        reported, known = g[field], g[value]
        if reported is None:
            continue
        if known > reported:
            add(field, f"reports {reported} {value} participants but {known} participant rows "
                       f"are {value}")
        elif missing is not None and known + g["unknown"] + missing < reported:
            add(field, f"reports {reported} {value} participants but at most "
                       f"{known + g['unknown'] + missing} can be, given the participant rows")
    low, high = g["age_min"], g["age_max"]
    if low is not None and g["age_lo"] is not None and g["age_lo"] < low:
        add("age_min", f"reports a minimum age of {low} but a participant row is {g['age_lo']}")
    if high is not None and g["age_hi"] is not None and g["age_hi"] > high:
        add("age_max", f"reports a maximum age of {high} but a participant row is {g['age_hi']}")
    if high is not None and g["band_lo_max"] is not None and g["band_lo_max"] > high:
        add("age_max", f"reports a maximum age of {high} but a participant's age band starts at "
                       f"{g['band_lo_max']}")
    if low is not None and g["band_hi_min"] is not None and g["band_hi_min"] < low:
        add("age_min", f"reports a minimum age of {low} but a participant's age band ends at "
                       f"{g['band_hi_min']}")
    complete = count is not None and n == count and g["n_age"] == n and n > 0
    if complete:
        if low is not None and g["age_lo"] != low and g["age_lo"] >= low:
            add("age_min", f"reports a minimum age of {low} but the youngest of all "
                           f"{n} participants is {g['age_lo']}")
        if high is not None and g["age_hi"] != high and g["age_hi"] <= high:
            add("age_max", f"reports a maximum age of {high} but the oldest of all "
                           f"{n} participants is {g['age_hi']}")
        mean = g["age_mean"]
        if mean is not None and abs(g["age_avg"] - mean) > _tolerance(g["age_mean_text"]) + 1e-9:
            add("age_mean", f"reports a mean age of {g['age_mean_text']} but the participants' "
                            f"mean is {g['age_avg']:.2f}")
    return found


# -- hierarchies -------------------------------------------------------------------------------

def cycle_members(frame: pl.DataFrame) -> set[str]:
    """The ids that are their own ancestor, by pointer jumping over the parent column.

    After ``2**j >= n`` parent steps every walk that has not ended sits on a cycle, and every node
    of a cycle is reached that way, so the non-null ends are exactly the cycle members.
    """
    step = frame.select("id", pl.col("parent").alias("anc")).drop_nulls("id").unique("id")
    n, jumped = step.height, 1
    while jumped < n:
        step = step.join(step.select(pl.col("id").alias("anc"), pl.col("anc").alias("__next")),
                         on="anc", how="left").select("id", pl.col("__next").alias("anc"))
        jumped *= 2
    return set(step["anc"].drop_nulls().to_list())


def describe_cycle(parents: dict[str, str | None], start: str) -> str:
    """``a -> b -> a`` for a cycle member (the caller knows ``start`` is on a cycle)."""
    path, node = [start], parents.get(start)
    while node is not None and node != start and len(path) <= len(parents):
        path.append(node)
        node = parents.get(node)
    return " -> ".join([*path, start])
