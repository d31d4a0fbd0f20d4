"""Participants from an imported project's ``Case``s and their variable values.

A variable maps to a participant slot by its name, whatever the vendor's spelling ("Sex",
"Age group", "Years of experience"); a value that does not fit the slot's type or enum, and a
variable with no slot, are findings. A case's source references become focus group attendance,
its selection references the speaker of those quotes.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from upsides_data.findings import Finding
from upsides_data.qda import model as m
from upsides_data.qda.idmap import Ids, Tables, warn
from upsides_data.resources import table_schema

VARIABLE_ALIASES = {"gender": "gender", "sex": "gender",
                    "ageyears": "age_years", "age": "age_years", "ageband": "age_band",
                    "agegroup": "age_band", "profession": "profession",
                    "professionalbackground": "profession", "experience": "years_experience",
                    "yearsofexperience": "years_experience", "yearsexperience": "years_experience",
                    "role": "role", "priorpeersupportexperience": "prior_peer_support_experience",
                    "peersupportexperience": "prior_peer_support_experience",
                    "consent": "consent_recorded", "consentrecorded": "consent_recorded"}
TRUE, FALSE = {"true", "1", "yes", "y"}, {"false", "0", "no", "n"}


def _participant_enums() -> dict[str, list[str]]:
    return {f["name"]: f["constraints"]["enum"] for f in table_schema("participant")["fields"]
            if f.get("constraints", {}).get("enum")}


def _convert(slot: str, raw: str | None, enums: dict[str, list[str]]) -> tuple[Any, bool]:
    """A variable value as the slot's type; (value, ok)."""
    if raw is None or raw.strip() == "":
        return None, True
    value = raw.strip()
    if slot in enums:
        for option in enums[slot]:
            if option.lower() == value.lower().replace(" ", "-") or option.lower() == value.lower():
                return option, True
        return None, False
    if slot in ("age_years", "years_experience"):
        try:
            number = float(value)
        except ValueError:
            return None, False
        return (int(number), True) if number.is_integer() else (None, False)
    if value.lower() in TRUE:
        return True, True
    if value.lower() in FALSE:
        return False, True
    return None, False


def map_cases(project: m.Project, ids: Ids, site: Tables, *, scope: str, site_id: str,
              fg_of_source: dict[str, str], quote_of: dict[str, str],
              quote_rows: dict[str, dict[str, Any]], dropped: Counter[str]) -> list[Finding]:
    """Add the ``participant`` and attendance rows to ``site`` and set quote speakers; return
    the findings. ``fg_of_source`` maps source GUIDs to focus groups, ``quote_of`` selection
    GUIDs to quote ids, ``quote_rows`` quote ids to their rows."""
    findings: list[Finding] = []
    enums = _participant_enums()
    variables = {v.guid: v for v in project.variables}
    unknown_vars: Counter[str] = Counter()
    for case in project.cases:
        pid = ids.get(case.guid, "p", scope)
        row: dict[str, Any] = {"id": pid, "site": site_id}
        for value in case.values:
            var = variables.get(value.variable)
            key = re.sub(r"[^a-z]", "", (var.name if var else "").lower())
            slot = VARIABLE_ALIASES.get(key)
            if slot == "age_years" and value.type == "Text":
                slot = "age_band"
            if slot is None:
                unknown_vars[var.name if var else value.variable] += 1
                continue
            converted, ok = _convert(slot, value.value, enums)
            if not ok:
                findings.append(warn(f"participant {pid}: {slot} value {value.value!r} does not "
                                     "fit the standard; left out", file="participant.csv",
                                     field=slot))
            elif converted is not None:
                row[slot] = converted
        if not row.get("role"):
            row["role"] = "other"
            findings.append(warn(f"participant {pid}: no role variable; set to 'other'",
                                 file="participant.csv", field="role"))
        site["participant"].append(row)
        for ref in sorted(set(case.source_refs)):
            if ref in fg_of_source:
                site["participant_focus_groups_attended"].append(
                    {"participant": pid, "focus_group": fg_of_source[ref]})
        for ref in case.selection_refs:
            quote = quote_rows.get(quote_of.get(ref, ""))
            if quote is None:
                dropped["case references to selections that are not quotes"] += 1
            elif quote.get("speaker") and quote["speaker"] != pid:
                findings.append(warn(f"quote {quote['id']} is linked to more than one case; "
                                     f"kept {quote['speaker']}", file="quote.csv",
                                     field="speaker"))
            else:
                quote["speaker"] = pid
        if case.code_refs:
            dropped["case code references"] += len(case.code_refs)
        if case.description:
            dropped["case descriptions"] += 1
    for name, count in sorted(unknown_vars.items()):
        findings.append(warn(f"variable {name!r} ({count} values) has no slot in the standard; "
                             "left out", rule="qda-not-expressible", file="participant.csv"))
    return findings
