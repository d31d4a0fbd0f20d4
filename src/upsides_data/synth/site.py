"""One synthetic site package: the site, its income classifications and team, and its data."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from upsides_data.synth.codebook import SYNTHETIC_NOTE, CodebookPlan
from upsides_data.synth.people import fg_ids, focus_groups, participants, tr_ids
from upsides_data.synth.plan import Plan, SitePlan
from upsides_data.synth.text import site_text
from upsides_data.synth.vocab import INCOME_GROUPS, INCOME_SOURCE, PHRASES

FISCAL_YEARS = (2020, 2021)
STUDY_FISCAL_YEAR = 2021  # the study period 2020-09 .. 2021-06 falls in FY2021
ANALYSTS = (("A01", ("moderator", "research-worker")), ("A02", ("assistant", "transcriber")),
            ("A03", ("coder", "analyst")), ("A04", ("coder", "translator")))


def income_id(country: str, fiscal_year: int) -> str:
    return f"upsides:worldbank/{country}-FY{fiscal_year}"


def site_package(plan: Plan, site: SitePlan, cb: CodebookPlan) -> dict[str, Any]:
    """Every table of the site package kind for ``site``."""
    rng = np.random.default_rng([plan.seed, 1, site.index])
    people, attended = participants(plan, site, rng)
    groups = focus_groups(plan, site, people, attended, rng)
    primary = (np.arange(site.participants) * site.focus_groups) // site.participants
    text = site_text(plan, site, cb, primary, people["id"], rng)
    language = site.languages[0]
    translated = language != "en"
    transcripts = pl.DataFrame({"index": np.arange(site.focus_groups)}).with_columns(
        id=tr_ids(site, pl.col("index")), focus_group=fg_ids(site, pl.col("index")),
        original_language=pl.lit(language), access_level=pl.lit(plan.access_level),
        transcription_method=pl.lit("verbatim"), checked_against_recording=pl.lit(True),
        checked_by_role=pl.lit("moderator"),
        translation_method=pl.lit("forward" if translated else "none"),
        translation_target_language=pl.lit("en" if translated else None, dtype=pl.String),
        translator_role=pl.lit("bilingual speaker at the site" if translated else None,
                               dtype=pl.String),
        translation_checked_by=pl.lit("two researchers of the translation team"
                                      if translated else None, dtype=pl.String),
        anonymisation_applied=pl.lit(True),
        anonymisation_method=pl.lit("synthetic text: no personal information was ever present"),
        synthetic=pl.lit(True), notes=pl.lit(SYNTHETIC_NOTE))
    quotes = text.quote
    if not plan.public:
        transcripts = transcripts.join(text.transcript_text, on="index", how="left")
    else:
        groups, quotes = _public_counts(groups), _unlinked_quotes(quotes, people)
    transcripts = transcripts.drop("index")
    settings = ["hospital", "community"][: 1 + site.index % 2]
    return {
        "site": [{"id": site.site_id, "label": site.label, "name": f"Synthetic site {site.label}",
                  "country": site.country,
                  "institution": f"Synthetic mental health service {site.label}",
                  "urbanicity": ("urban", "rural", "mixed")[site.index % 3],
                  "peer_support_since": 2000 + site.index % 20,
                  "peer_support_programme": "synthetic peer support programme",
                  "peer_support_tradition": f"Synthetic account: {PHRASES[site.index % 40]}.",
                  "synthetic": True, "notes": SYNTHETIC_NOTE}],
        "site_service_settings": [{"site": site.site_id, "service_setting": s} for s in settings],
        "income_classification": [
            {"id": income_id(site.country, fy), "country": site.country,
             "income_group": INCOME_GROUPS[site.country][fy], "fiscal_year": fy,
             "source": INCOME_SOURCE.format(fy=fy)} for fy in FISCAL_YEARS],
        "site_participation": [{"id": site.rid(f"participation-{plan.scope}"),
                                "study": plan.study_id, "site": site.site_id,
                                "income_classification": income_id(site.country,
                                                                   STUDY_FISCAL_YEAR)}],
        "focus_group": groups,
        "focus_group_languages": pl.DataFrame({"focus_group": groups["id"]}).join(
            pl.DataFrame({"language": list(site.languages)}), how="cross"),
        "transcript": transcripts,
        "participant": people,
        "participant_focus_groups_attended": attended,
        "analyst": [{"id": site.rid(p), "pseudonym": p, "site": site.site_id, "synthetic": True}
                    for p, _ in ANALYSTS],
        "analyst_team_roles": [{"analyst": site.rid(p), "team_role": r}
                               for p, roles in ANALYSTS for r in roles],
        "quote": quotes,
        "quote_themes": text.quote_themes,
        "quote_codes": text.quote_codes,
        "evidence_reference": text.evidence_reference,
        "evidence_reference_themes": text.evidence_reference_themes,
        "evidence_reference_codes": text.evidence_reference_codes,
        "coding": text.coding,
        "memo": text.memo,
    }


def support(site: SitePlan, cb: CodebookPlan, tables: dict[str, Any]) -> pl.DataFrame:
    """Which quotes and evidence references of this site support which subtheme (for findings)."""
    leaf_sub = pl.DataFrame({"theme": list(cb.leaf_ids), "sub": list(cb.leaf_sub)})
    parts = []
    for kind, table, owner in (("quote", "quote_themes", "quote"),
                               ("evidence", "evidence_reference_themes", "evidence_reference")):
        parts.append(tables[table].join(leaf_sub, on="theme").select(
            pl.lit(kind).alias("kind"), pl.col(owner).alias("record"),
            pl.lit(site.site_id).alias("site"), "sub"))
    combined: pl.DataFrame = pl.concat(parts)
    return combined


PUBLIC_K = 3  # the k a public synthetic package is made for (docs/disclosure.md)


def _public_counts(groups: pl.DataFrame) -> pl.DataFrame:
    """Gender counts between 1 and k-1 are withheld, with the reason, as disclosure requires."""
    updates = []
    for column in [c for c in groups.columns if c.startswith("participant_count_")]:
        small = pl.col(column).is_between(1, PUBLIC_K - 1)
        updates += [pl.when(small).then(None).otherwise(pl.col(column)).alias(column),
                    pl.when(small).then(pl.lit("withheld-for-disclosure"))
                    .otherwise(pl.lit(None, dtype=pl.String)).alias(f"{column}_absent_reason")]
    return groups.with_columns(updates)


def _unlinked_quotes(quotes: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
    """Public quotes name their speaker's role, never the speaker (docs/disclosure.md)."""
    roles = people.select(pl.col("id").alias("speaker"), pl.col("role").alias("__role"))
    return (quotes.join(roles, on="speaker", how="left", maintain_order="left")
            .with_columns(pl.coalesce("speaker_role", "__role").alias("speaker_role"),
                          pl.lit(None, dtype=pl.String).alias("speaker"))
            .drop("__role"))
