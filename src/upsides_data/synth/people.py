"""Synthetic participants and focus groups of one site, built column-wise with numpy.

Participants come in blocks of three that share every quasi-identifier (site, role, gender, age
band, profession), so any package, public or restricted, satisfies k-anonymity with k = 3. Exact
ages (restricted only) differ inside a block but stay in its band.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from upsides_data.synth.plan import Plan, SitePlan
from upsides_data.synth.vocab import AGE_BANDS, GENDER_WEIGHTS, GENDERS, MHW_PROFESSIONS

ROLES = np.array(["MHW", "PSW", "other"])
ROLE_WEIGHTS = (0.7, 0.2, 0.1)
EXTRA_GROUP_SHARE = 0.05  # participants who attend a second focus group of their site


def participants(plan: Plan, site: SitePlan, rng: np.random.Generator
                 ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The participant table and its focus_groups_attended link table."""
    n = site.participants
    blocks = max(1, n // 3)
    block = np.minimum(np.arange(n) // 3, blocks - 1)
    role_b = rng.choice(len(ROLES), size=blocks, p=ROLE_WEIGHTS)
    gender_b = rng.choice(len(GENDERS), size=blocks, p=GENDER_WEIGHTS)
    band_b = rng.integers(0, len(AGE_BANDS), size=blocks)
    prof_b = rng.integers(0, len(MHW_PROFESSIONS), size=blocks)
    role = role_b[block]
    band = band_b[block]
    lo = np.array([b[1] for b in AGE_BANDS])[band]
    hi = np.array([b[2] for b in AGE_BANDS])[band]
    age = lo + np.floor(rng.random(n) * (hi - lo + 1)).astype(np.int64)
    experience = np.floor(rng.random(n) * np.minimum(age - 17, 40)).astype(np.int64)
    professions = np.array([*MHW_PROFESSIONS, "peer-support-worker", "other"])
    prof = np.where(role == 0, prof_b[block], np.where(role == 1, len(MHW_PROFESSIONS),
                                                       len(MHW_PROFESSIONS) + 1))
    ids = pl.Series("id", np.arange(1, n + 1)).cast(pl.String).str.zfill(4)
    frame = pl.DataFrame({
        "id": (f"upsides:{site.scope}/P" + ids).alias("id"),
        "site": pl.Series([site.site_id] * n, dtype=pl.String),
        "role": ROLES[role],
        "gender": np.array(GENDERS)[gender_b[block]],
        "age_band": np.array([b[0] for b in AGE_BANDS])[band],
        "profession": professions[prof],
        "prior_peer_support_experience": rng.random(n) < 0.4,
        "consent_recorded": np.ones(n, dtype=bool),
        "synthetic": np.ones(n, dtype=bool),
    })
    if not plan.public:
        frame = frame.with_columns(age_years=pl.Series(age), years_experience=pl.Series(experience))
    primary = (np.arange(n) * site.focus_groups) // n
    extra = rng.random(n) < EXTRA_GROUP_SHARE
    if site.focus_groups == 1:
        extra[:] = False
    pid = frame["id"].to_numpy()
    link = pl.DataFrame({
        "participant": np.concatenate([pid, pid[extra]]),
        "focus_group": np.concatenate([primary, (primary[extra] + 1) % site.focus_groups]),
    }).with_columns(focus_group=fg_ids(site, pl.col("focus_group")))
    return frame, link


def fg_ids(site: SitePlan, index: pl.Expr) -> pl.Expr:
    """Focus group ids from 0-based indices (as an expression)."""
    return pl.lit(f"upsides:{site.scope}/fg") + (index + 1).cast(pl.String).str.zfill(4)


def tr_ids(site: SitePlan, index: pl.Expr | pl.Series) -> pl.Expr:
    """Transcript ids from 0-based focus group indices (one transcript per focus group)."""
    return pl.lit(f"upsides:{site.scope}/tr") + (index + 1).cast(pl.String).str.zfill(4)


def focus_groups(plan: Plan, site: SitePlan, people: pl.DataFrame, attended: pl.DataFrame,
                 rng: np.random.Generator) -> pl.DataFrame:
    """One row per focus group, with aggregate figures computed from the participant rows."""
    n = site.focus_groups
    days = rng.integers(0, 100, size=n)
    held = (np.datetime64("2020-09-07") + days.astype("timedelta64[D]")).astype(str)
    base = pl.DataFrame({
        "index": np.arange(n),
        "held_on": held,
        "duration_minutes": rng.integers(45, 121, size=n),
    }).with_columns(id=fg_ids(site, pl.col("index")))
    agg_exprs = [
        pl.len().alias("participant_count"),
        (pl.col("gender") == "female").sum().alias("participant_count_female"),
        (pl.col("gender") == "male").sum().alias("participant_count_male"),
        (pl.col("gender") == "diverse").sum().alias("participant_count_diverse"),
    ]
    if not plan.public:
        agg_exprs += [pl.col("age_years").mean().round(1).alias("age_mean"),
                      pl.col("age_years").min().alias("age_min"),
                      pl.col("age_years").max().alias("age_max")]
    stats = (attended.join(people, left_on="participant", right_on="id")
             .group_by("focus_group").agg(agg_exprs))
    frame = base.join(stats, left_on="id", right_on="focus_group", how="left").sort("index")
    counts = [c for c in frame.columns if c.startswith("participant_count")]
    return frame.with_columns(
        [pl.col(c).fill_null(0) for c in counts]
        + [pl.lit(plan.study_id).alias("study"), pl.lit(site.site_id).alias("site"),
           pl.lit("A meeting room of the service").alias("venue"),
           pl.lit(site.rid("A01")).alias("moderator"), pl.lit(site.rid("A02")).alias("assistant"),
           pl.lit("mixed").alias("population"),
           pl.lit(plan.rid("topic-guide")).alias("topic_guide"),
           pl.lit(True).alias("synthetic")]
    ).drop("index")
