"""The joined views a report needs, computed once from the union of the input packages.

Everything is derived from the data: quotes and evidence references are placed at their site by
following transcript -> focus group -> site, and themes are counted with their descendants.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import polars as pl

from upsides_data.labels import display_labels


@dataclass
class ReportData:
    tables: dict[str, pl.DataFrame]

    def t(self, name: str) -> pl.DataFrame:
        return self.tables[name]

    @cached_property
    def sites(self) -> pl.DataFrame:
        """One row per site id. Two inputs may hold differing records of one site: the first in
        sorted order is kept, so the choice does not depend on the order packages are given in."""
        return (self.t("site").sort(pl.all().cast(pl.String), nulls_last=True)
                .unique("id", keep="first", maintain_order=True).sort("label", "id"))

    @cached_property
    def site_of_transcript(self) -> pl.DataFrame:
        """transcript id -> site id, site label (the site id when its record is not given)."""
        fg = self.t("focus_group").select(pl.col("id").alias("focus_group"), "site")
        sites = self.sites.select(pl.col("id").alias("site"), pl.col("label").alias("site_label"))
        return (self.t("transcript").select(pl.col("id").alias("transcript"), "focus_group")
                .join(fg, on="focus_group", how="left").join(sites, on="site", how="left")
                .with_columns(pl.coalesce("site_label", "site").alias("site_label"))
                .select("transcript", "site", "site_label"))

    @cached_property
    def support(self) -> pl.DataFrame:
        """One row per (item, kind, theme, site): quotes and evidence references under a theme."""
        parts = []
        for table, link, kind in (("quote", "quote_themes", "quote"),
                                  ("evidence_reference", "evidence_reference_themes", "evidence")):
            owner = table
            items = self.t(table).select(pl.col("id").alias(owner), "transcript")
            parts.append(
                self.t(link).join(items, on=owner, how="left")
                .join(self.site_of_transcript, on="transcript", how="left")
                .select(pl.col(owner).alias("item"), pl.lit(kind).alias("kind"), "theme", "site",
                        "site_label"))
        return pl.concat(parts)

    @cached_property
    def theme_ancestors(self) -> dict[str, list[str]]:
        """theme id -> [itself, parent, grandparent, ...] (cycles are cut, validators report them)."""
        parent = dict(zip(self.t("theme")["id"].to_list(), self.t("theme")["parent"].to_list()))
        chains = {}
        for theme in parent:
            chain, seen, current = [], set(), theme
            while current is not None and current not in seen:
                chain.append(current)
                seen.add(current)
                current = parent.get(current)
            chains[theme] = chain
        return chains

    @cached_property
    def support_with_ancestors(self) -> pl.DataFrame:
        """Support rows counted for a theme and every ancestor of it."""
        pairs = [(t, a) for t, chain in self.theme_ancestors.items() for a in chain]
        expand = pl.DataFrame(pairs, schema={"theme": pl.String, "counted_theme": pl.String},
                              orient="row")
        return self.support.join(expand, on="theme", how="inner")

    def theme_depth(self, theme: str) -> int:
        return len(self.theme_ancestors.get(theme, [theme])) - 1

    @cached_property
    def themes_in_order(self) -> list[str]:
        """Themes depth-first, siblings by position then label."""
        theme = self.t("theme")
        children: dict[str | None, list[tuple[Any, ...]]] = {}
        for row in theme.iter_rows(named=True):
            key = (row["position"] if row["position"] is not None else 10**9,
                   self.theme_labels[row["id"]], row["id"])
            children.setdefault(row["parent"], []).append(key)
        ordered: list[str] = []

        def walk(parent: str | None) -> None:
            for _, _, tid in sorted(children.get(parent, [])):
                if tid not in ordered:
                    ordered.append(tid)
                    walk(tid)

        walk(None)
        ordered += [t for t in theme["id"].to_list() if t not in ordered]
        return ordered

    @cached_property
    def theme_labels(self) -> dict[str, str]:
        """theme id -> label; a theme the publication did not name gets an honest stand-in."""
        return display_labels(self.t("theme").to_dicts(), "theme")

    @cached_property
    def site_income(self) -> pl.DataFrame:
        """site id -> income group and fiscal year in force for each study it took part in."""
        inc = self.t("income_classification")
        inc = inc.select(pl.col("id").alias("income_classification"), "income_group", "fiscal_year",
                         *[c for c in ("fiscal_year_absent_reason",) if c in inc.columns], "source")
        participation = self.t("site_participation")
        reasons = [c for c in ("income_classification_absent_reason", "city_absent_reason")
                   if c in participation.columns]
        return (participation.select("study", "site", "income_classification", "city", *reasons)
                .join(inc, on="income_classification", how="left"))
