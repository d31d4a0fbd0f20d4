"""``upsides init``: a site package to start from, with what a site knows on day one.

The package holds the site record, the site's participation in the study, and the World Bank
income classification of its country in the fiscal year of data collection, looked up in the
table this library ships (``sites.income``). Every other table is there with its header only.
When the fiscal year is not given, or the table holds no group for it, the participation records
the classification as absent with its reason (``not-reported``) and ``notes`` says why: absent
is not blank, and nothing is invented. The package is validated before it appears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from upsides_data.errors import UsageError
from upsides_data.gateway import check_written
from upsides_data.package.descriptor import ACCESS_LEVELS, PackageMeta
from upsides_data.package.writer import write_package
from upsides_data.sites import income

SCOPE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
LABEL = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
FISCAL_YEAR = re.compile(r"^(?:FY)?(\d{4})$", re.I)


@dataclass
class SiteFacts:
    """What ``upsides init`` is told about a site."""

    study: str
    site: str
    country: str
    city: str | None = None
    fiscal_year: int | None = None
    label: str | None = None
    name: str | None = None
    access_level: str = "restricted"
    codebook: dict[str, str] | None = None
    notes: list[str] = field(default_factory=list)


def parse_fiscal_year(text: str | None) -> int | None:
    """``2020``, ``FY2020`` -> 2020; a usage error for anything else."""
    if text is None:
        return None
    match = FISCAL_YEAR.match(text.strip())
    if not match:
        raise UsageError(f"--fiscal-year {text!r}: give the World Bank fiscal year as 2020 or "
                         "FY2020 (FY2020 runs from 1 July 2019 to 30 June 2020)")
    return int(match.group(1))


def check_facts(facts: SiteFacts) -> SiteFacts:
    """Refuse what cannot become a valid package, with the example a user can copy."""
    study = facts.study.removeprefix("upsides:").removesuffix("/study")
    if not SCOPE.match(study):
        raise UsageError(f"--study {facts.study!r}: a study scope is lower-case letters, digits "
                         "and hyphens, for example mhw-2019")
    if not SCOPE.match(facts.site):
        raise UsageError(f"--site {facts.site!r}: a site scope is lower-case letters, digits and "
                         "hyphens, for example bu")
    country = facts.country.strip().upper()
    if not COUNTRY.match(country):
        raise UsageError(f"--country {facts.country!r}: give the ISO 3166-1 alpha-2 code, for "
                         "example UG for Uganda or DE for Germany")
    label = facts.label or facts.site.replace("-", "").upper()
    if not LABEL.match(label):
        raise UsageError(f"--label {label!r}: a site label is letters and digits starting with a "
                         "letter, for example BU")
    if facts.access_level not in ACCESS_LEVELS:
        raise UsageError(f"--access-level must be one of {', '.join(ACCESS_LEVELS)}")
    facts.study, facts.country, facts.label = study, country, label
    facts.name = facts.name or label
    return facts


def site_tables(facts: SiteFacts) -> dict[str, list[dict[str, object]]]:
    """The rows of site, site_participation and income_classification."""
    site_id = f"upsides:{facts.site}/site"
    site: dict[str, object] = {"id": site_id, "label": facts.label, "name": facts.name, "city": facts.city,
            "country": facts.country}
    participation: dict[str, object] = {
        "id": f"upsides:{facts.site}/participation-{facts.study}",
        "study": f"upsides:{facts.study}/study", "site": site_id, "city": facts.city}
    if facts.city is None:
        participation["city_absent_reason"] = "not-reported"
    tables: dict[str, list[dict[str, object]]] = {"site": [site],
                                                  "site_participation": [participation]}
    found = (income.classification(facts.country, facts.fiscal_year)
             if facts.fiscal_year is not None else None)
    if found is not None:
        participation["income_classification"] = found.record_id
        tables["income_classification"] = [{
            "id": found.record_id, "country": found.country, "income_group": found.income_group,
            "fiscal_year": found.fiscal_year,
            "source": f"{income.SOURCE}; {found.economy}: {found.group} in FY{found.fiscal_year}"}]
        return tables
    participation["income_classification_absent_reason"] = "not-reported"
    first, last = income.fiscal_years()
    if facts.fiscal_year is None:
        why = ("no fiscal year was given (upsides init --fiscal-year), so the World Bank income "
               "classification is recorded as not reported")
    else:
        why = (f"the World Bank income table shipped with upsides-data (FY{first}-FY{last}) "
               f"holds no group for {facts.country} in FY{facts.fiscal_year}, so the "
               "classification is recorded as not reported")
    participation["notes"] = why
    facts.notes.append(why)
    return tables


def init_package(out: str | Path, facts: SiteFacts, *, force: bool = False) -> Path:
    """Write the starting package of a site to ``out`` (validated before it appears)."""
    facts = check_facts(facts)
    meta = PackageMeta(
        name=f"upsides-{facts.study}-{facts.site}", kind="site",
        access_level=facts.access_level,
        title=f"{facts.name}: site package of study {facts.study}",
        site=f"upsides:{facts.site}/site", study=f"upsides:{facts.study}/study",
        codebook=facts.codebook)
    return write_package(out, meta, site_tables(facts), force=force,
                         check=lambda staged: check_written(staged))
