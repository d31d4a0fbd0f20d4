"""Headline figures of a consortium, study by study: what ``upsides demo`` prints.

A consortium holds several studies, some at the same sites. Each study's figures come from its
own records: the number of focus groups is the study's published ``focus_group_count`` or else
its focus group records, interviews aside; the number of participants is its
``participant_count`` or else the participant rows attending its groups. A site's city is that of its participation in the study
(``SiteParticipation.city``), falling back to the site record's, so a site that moved between
studies (the Indian site: Ahmedabad, then Pune) shows each study's city. The full tables by study
are the report's (``upsides report``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from upsides_data.package.reader import open_package
from upsides_data.validate.frames import scope_of


@dataclass(frozen=True)
class StudyFigures:
    scope: str
    phase: str | None
    population: str | None
    focus_groups: int
    participants: int | None
    sites: int
    cities: dict[str, str] = field(default_factory=dict)  # "AD (IN)" -> city in this study


@dataclass(frozen=True)
class ConsortiumFigures:
    studies: list[StudyFigures]
    sites: int
    moved_sites: list[tuple[str, list[tuple[str, list[str]]]]]  # label, [(city, [study])]

    @property
    def focus_groups(self) -> int:
        return sum(s.focus_groups for s in self.studies)

    @property
    def participants(self) -> int:
        return sum(s.participants or 0 for s in self.studies)


def _int(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None


def consortium_figures(path: str | Path) -> ConsortiumFigures:
    """The figures of a merged (consortium) package, one ``StudyFigures`` per study."""
    package = open_package(path)
    frame = package.text_frame
    groups = frame("focus_group")
    links = frame("participant_focus_groups_attended")
    sites = {r["id"]: r for r in frame("site").iter_rows(named=True)}
    participations = frame("site_participation")
    studies = []
    for study in frame("study").sort("id").iter_rows(named=True):
        own_groups = groups.filter(pl.col("study") == study["id"])
        sessions = own_groups.filter(pl.col("session_format").fill_null("") != "interview")
        rows = links.filter(pl.col("focus_group").is_in(own_groups["id"].to_list()))
        counted = _int(study.get("focus_group_count"))
        reported = _int(study.get("participant_count"))
        own_sites = participations.filter(pl.col("study") == study["id"])
        cities: dict[str, str] = {}
        for part in own_sites.iter_rows(named=True):
            site = sites.get(part["site"], {})
            name = f"{site.get('label') or part['site']} ({site.get('country') or '?'})"
            cities[name] = str(part.get("city") or site.get("city") or "city not recorded")
        studies.append(StudyFigures(
            scope=scope_of(study["id"]) or study["id"], phase=study.get("phase"),
            population=study.get("population"),
            focus_groups=counted if counted is not None else sessions.height,
            participants=reported if reported is not None else
            (rows["participant"].n_unique() if rows.height else None),
            sites=own_sites["site"].n_unique(), cities=cities))
    return ConsortiumFigures(studies=studies, sites=len(sites), moved_sites=_moved(studies))


def _moved(studies: list[StudyFigures]) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Sites whose city differs between studies, with the studies held in each city."""
    by_site: dict[str, dict[str, list[str]]] = {}
    for study in studies:
        for label, city in study.cities.items():
            by_site.setdefault(label, {}).setdefault(city, []).append(
                study.scope)
    return [(label, list(cities.items())) for label, cities in sorted(by_site.items())
            if len(cities) > 1]
