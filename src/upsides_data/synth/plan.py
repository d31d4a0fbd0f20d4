"""How big each part of a synthetic consortium is, and how its records are named.

Everything scales with the number of quotes, so a benchmark at 10k, 100k or 1M quotes gets sites,
focus groups, participants, codings, memos and link tables in proportion: about 60 quotes per
focus group (one transcript each), one participant per 10 quotes, 1.5 codings and 0.25 evidence
references per quote, one memo per 50 quotes, and a codebook of one code per 500 quotes (24 to
240 codes) under 40 themes in three levels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from upsides_data.errors import UsageError
from upsides_data.synth.vocab import COUNTRIES

QUOTES_PER_FOCUS_GROUP = 60
QUOTES_PER_PARTICIPANT = 10
QUOTES_PER_MEMO = 50
QUOTES_PER_CODE = 500
MIN_CODES, MAX_CODES = 24, 240
THEME_SHAPE = (4, 3, 2)  # main themes, subthemes per main theme, sub-subthemes per subtheme
MAX_SITES = 999
ACCESS_LEVELS = ("public", "restricted")
CODEBOOK_VERSION = "1.0.0"
LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/"


@dataclass(frozen=True)
class SitePlan:
    """One synthetic site: its label, scope, country and sizes."""

    index: int  # 0-based
    quotes: int
    participants: int
    focus_groups: int

    @property
    def label(self) -> str:
        return f"S{self.index + 1:02d}"

    @property
    def scope(self) -> str:
        return f"s{self.index + 1:02d}"

    @property
    def site_id(self) -> str:
        return f"upsides:{self.scope}/site"

    @property
    def country(self) -> str:
        return COUNTRIES[self.index % len(COUNTRIES)][0]

    @property
    def languages(self) -> tuple[str, ...]:
        return COUNTRIES[self.index % len(COUNTRIES)][1]

    def rid(self, local: str) -> str:
        """A site-scoped record id."""
        return f"upsides:{self.scope}/{local}"


@dataclass(frozen=True)
class Plan:
    """The whole consortium: study scope, access level and one SitePlan per site."""

    seed: int
    access_level: str
    sites: tuple[SitePlan, ...] = field(default=())
    codes: int = MIN_CODES

    @property
    def scope(self) -> str:
        return f"synth-{self.seed}"

    @property
    def public(self) -> bool:
        return self.access_level == "public"

    def rid(self, local: str) -> str:
        """A study-scoped record id (study and codebook records)."""
        return f"upsides:{self.scope}/{local}"

    @property
    def study_id(self) -> str:
        return self.rid("study")

    @property
    def codebook_id(self) -> str:
        return self.rid("codebook")

    @property
    def codebook_package(self) -> str:
        return package_names(0, self.seed)[0]

    def site_package(self, site: SitePlan) -> str:
        return package_names(site.index + 1, self.seed)[-1]


def make_plan(sites: int, quotes: int, seed: int, access_level: str,
              participants_per_site: int | None = None) -> Plan:
    """Check the arguments; split ``quotes`` over ``sites`` (the first sites get the remainder)."""
    if not isinstance(sites, int) or not 1 <= sites <= MAX_SITES:
        raise UsageError(f"sites must be between 1 and {MAX_SITES}, got {sites!r}")
    if not isinstance(quotes, int) or quotes < sites:
        raise UsageError(f"quotes must be at least the number of sites ({sites}), got {quotes!r}")
    if not isinstance(seed, int) or seed < 0:
        raise UsageError(f"seed must be a non-negative integer, got {seed!r}")
    if access_level not in ACCESS_LEVELS:
        raise UsageError(f"access level must be one of {', '.join(ACCESS_LEVELS)}, "
                         f"got {access_level!r}")
    minimum = 3 if access_level == "public" else 1
    if participants_per_site is not None and participants_per_site < minimum:
        raise UsageError(f"participants per site must be at least {minimum} at the "
                         f"{access_level} access level (k-anonymity needs groups of 3)")
    base, rest = divmod(quotes, sites)
    plans = []
    for index in range(sites):
        n_q = base + (1 if index < rest else 0)
        n_fg = max(1, math.ceil(n_q / QUOTES_PER_FOCUS_GROUP))
        n_p = participants_per_site or max(3, math.ceil(n_q / QUOTES_PER_PARTICIPANT))
        plans.append(SitePlan(index=index, quotes=n_q, participants=n_p, focus_groups=n_fg))
    codes = min(MAX_CODES, max(MIN_CODES, math.ceil(quotes / QUOTES_PER_CODE)))
    return Plan(seed=seed, access_level=access_level, sites=tuple(plans), codes=codes)


def package_names(sites: int, seed: int) -> list[str]:
    """The package names of a consortium of ``sites`` sites: the codebook first, then the sites."""
    return [f"synth-{seed}-codebook", *(f"synth-{seed}-s{i + 1:02d}" for i in range(sites))]
