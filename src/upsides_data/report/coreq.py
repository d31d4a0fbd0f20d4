"""COREQ coverage: which of the 32 COREQ items the package metadata documents.

COREQ (Tong, Sainsbury and Craig 2007, Int J Qual Health Care 19:349-357) is the reporting
checklist for interviews and focus groups. Each item is mapped to the evidence in the standard
that documents it; items the standard has no place for are reported as "not recordable" rather
than silently counted as covered or missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import polars as pl

from upsides_data.report.model import ReportData

Check = Callable[[ReportData], bool]


def _filled(table: str, column: str) -> Check:
    def check(data: ReportData) -> bool:
        frame = data.t(table)
        return column in frame.columns and frame[column].drop_nulls().len() > 0
    return check


def _rows(table: str) -> Check:
    return lambda data: data.t(table).height > 0


def _role(role: str) -> Check:
    return lambda data: data.t("analyst_team_roles").filter(pl.col("team_role") == role).height > 0


def _any(*checks: Check) -> Check:
    return lambda data: any(c(data) for c in checks)


def _subthemes(data: ReportData) -> bool:
    return data.t("theme").filter(pl.col("parent").is_not_null()).height > 0


def _main_themes(data: ReportData) -> bool:
    return data.t("theme").filter(pl.col("parent").is_null()).height > 0


def _findings_with_support(data: ReportData) -> bool:
    return data.t("finding_quotes").height + data.t("finding_evidence_references").height > 0


@dataclass(frozen=True)
class Item:
    number: int
    domain: str
    name: str
    evidence: str
    check: Check | None  # None: the standard has no place to record it


ITEMS = [
    Item(1, "Research team", "Interviewer/facilitator", "focus group moderator",
         _any(_filled("focus_group", "moderator"), _role("moderator"))),
    Item(2, "Research team", "Credentials", "", None),
    Item(3, "Research team", "Occupation", "team roles of analysts", _rows("analyst_team_roles")),
    Item(4, "Research team", "Gender", "", None),
    Item(5, "Research team", "Experience and training", "", None),
    Item(6, "Research team", "Relationship established", "", None),
    Item(7, "Research team", "Participant knowledge of the interviewer", "", None),
    Item(8, "Research team", "Interviewer characteristics", "", None),
    Item(9, "Study design", "Methodological orientation and theory",
         "study analysis approach or guiding framework",
         _any(_filled("study", "analysis_approach"), _filled("study", "guiding_framework"))),
    Item(10, "Study design", "Sampling", "", None),
    Item(11, "Study design", "Method of approach", "", None),
    Item(12, "Study design", "Sample size", "participant rows or aggregate participant count",
         _any(_rows("participant"), _filled("study", "participant_count"),
              _filled("focus_group", "participant_count"))),
    Item(13, "Study design", "Non-participation", "", None),
    Item(14, "Study design", "Setting of data collection", "focus group venue",
         _filled("focus_group", "venue")),
    Item(15, "Study design", "Presence of non-participants", "focus group assistant",
         _filled("focus_group", "assistant")),
    Item(16, "Study design", "Description of sample",
         "participant demographics or aggregate gender and age figures",
         _any(_filled("participant", "gender"), _filled("study", "participant_count_female"),
              _filled("focus_group", "participant_count_female"), _filled("study", "age_mean"))),
    Item(17, "Study design", "Interview guide", "topic guide with topics", _rows("topic")),
    Item(18, "Study design", "Repeat interviews", "participants' focus groups attended",
         _rows("participant_focus_groups_attended")),
    Item(19, "Study design", "Audio/visual recording", "transcript checked against recording",
         _filled("transcript", "checked_against_recording")),
    Item(20, "Study design", "Field notes", "", None),
    Item(21, "Study design", "Duration", "focus group duration", _filled("focus_group",
                                                                         "duration_minutes")),
    Item(22, "Study design", "Data saturation", "", None),
    Item(23, "Study design", "Transcripts returned", "", None),
    Item(24, "Analysis and findings", "Number of data coders", "analysts with coder role",
         _any(_role("coder"), _role("analyst"))),
    Item(25, "Analysis and findings", "Description of the coding tree", "codes or themes",
         _any(_rows("code"), _rows("theme"))),
    Item(26, "Analysis and findings", "Derivation of themes", "themes with their hierarchy",
         _rows("theme")),
    Item(27, "Analysis and findings", "Software", "study software", _rows("study_software")),
    Item(28, "Analysis and findings", "Participant checking", "", None),
    Item(29, "Analysis and findings", "Quotations presented", "quotes with labels",
         _filled("quote", "label")),
    Item(30, "Analysis and findings", "Data and findings consistent",
         "findings linked to quotes or evidence references", _findings_with_support),
    Item(31, "Analysis and findings", "Clarity of major themes", "main themes", _main_themes),
    Item(32, "Analysis and findings", "Clarity of minor themes", "subthemes", _subthemes),
]


def coverage(data: ReportData) -> pl.DataFrame:
    """One row per COREQ item: documented / missing / not recordable."""
    rows = []
    for item in ITEMS:
        if item.check is None:
            status = "not recordable"
        else:
            status = "documented" if item.check(data) else "missing"
        rows.append({"item": item.number, "domain": item.domain, "name": item.name,
                     "status": status,
                     "evidence": item.evidence or "(no place in the standard)"})
    return pl.DataFrame(rows)
