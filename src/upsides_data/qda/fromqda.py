"""Mapping a REFI-QDA model to package tables (the import direction).

Ids come from the GUIDs: a GUID that is the UUID v5 of an id we know (from reference packages,
or a User's ``id`` attribute) gets that id back; any other GUID gets a new id in the target scope
(``upsides:ulm/quote-1a2b3c4d5e6f``). Every element that has no place in the standard becomes a
finding; nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from upsides_data.findings import Finding, Severity
from upsides_data.qda import model as m
from upsides_data.qda.guids import guid_for, span_guid
from upsides_data.qda.offsets import NormalText, matches
from upsides_data.qda.toqda import EXCERPT_MARKER, THEMES_ROOT_NAME
from upsides_data.resources import table_schema

CURIE = re.compile(r"^upsides:([a-z][a-z0-9]*(?:-[a-z0-9]+)*)/[A-Za-z0-9][A-Za-z0-9._-]*$")
LABEL = re.compile(r"^([A-Za-z][A-Za-z0-9]*) ([0-9]+)$")
PSEUDONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,31}$")
INITIALS = re.compile(r"^[A-Za-z0-9]{1,4}$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}")
VARIABLE_ALIASES = {"gender": "gender", "sex": "gender",
                    "ageyears": "age_years", "age": "age_years", "ageband": "age_band",
                    "agegroup": "age_band", "profession": "profession",
                    "professionalbackground": "profession", "experience": "years_experience",
                    "yearsofexperience": "years_experience", "yearsexperience": "years_experience",
                    "role": "role", "priorpeersupportexperience": "prior_peer_support_experience",
                    "peersupportexperience": "prior_peer_support_experience",
                    "consent": "consent_recorded", "consentrecorded": "consent_recorded"}
TRUE, FALSE = {"true", "1", "yes", "y"}, {"false", "0", "no", "n"}

Tables = dict[str, list[dict[str, Any]]]


def _warn(message: str, rule: str = "qda-unmappable", **kw: Any) -> Finding:
    return Finding(rule=rule, message=message, severity=Severity.WARNING, **kw)


def _foreign(curie: str | None, scope: str) -> bool:
    """Whether ``curie`` is one of our ids in another scope (a record of another package)."""
    match = CURIE.match(curie or "")
    return bool(match) and match.group(1) != scope


class Ids:
    """GUID -> id: known ids first, else a new id ``upsides:<scope>/<kind>-<12 hex>``."""

    def __init__(self, known: dict[str, str]) -> None:
        self.known = known
        self.used: set[str] = set(known.values())
        self.assigned: dict[tuple[str, str], str] = {}

    def get(self, guid: str, kind: str, scope: str) -> str:
        key = (guid, scope)
        if key in self.assigned:
            return self.assigned[key]
        found = self.known.get(guid)
        if found and CURIE.match(found) and CURIE.match(found).group(1) == scope:
            value = found
        else:
            hexed = guid.replace("-", "")
            value = f"upsides:{scope}/{kind}-{hexed[:12]}"
            if value in self.used:
                value = f"upsides:{scope}/{kind}-{hexed}"
        self.used.add(value)
        self.assigned[key] = value
        return value


@dataclass
class SourceText:
    """A source's text as read from the archive, normalised, with its chosen offset reading."""

    normal: NormalText | None
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # selection index -> span
    excerpt: bool = False


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


@dataclass
class Mapped:
    site: Tables
    codebook: Tables
    findings: list[Finding]
    all_codes_known: bool


def map_project(project: m.Project, texts: dict[str, SourceText], *, site_id: str, study_id: str,
                codebook_id: str, ids: Ids, access_level: str) -> Mapped:
    """The site and codebook tables for ``project``; ``texts`` maps source GUIDs to their text."""
    site_scope = site_id.split(":", 1)[1].split("/", 1)[0]
    cb_scope = codebook_id.split(":", 1)[1].split("/", 1)[0]
    findings: list[Finding] = []
    site: Tables = defaultdict(list)
    cb: Tables = defaultdict(list)
    all_known = True

    # --- codes and themes
    code_of: dict[str, str] = {}
    theme_of: dict[str, str] = {}
    note_about: dict[str, list[tuple[str, str]]] = defaultdict(list)  # note guid -> (slot, id)
    non_codable = colours = 0

    def add_tree(codes: list[m.Code], parent: str | None, as_theme: bool) -> None:
        nonlocal non_codable, colours, all_known
        for position, code in enumerate(codes, start=1):
            kind = "theme" if as_theme else "code"
            rid = ids.get(code.guid, kind, cb_scope)
            all_known &= code.guid in ids.known
            name = code.name.strip() or f"(unnamed {kind})"
            if not code.name.strip():
                findings.append(_warn(f"{kind} {rid} has no name; labelled {name!r}",
                                      file=f"{kind}.csv", field="label"))
            row = {"id": rid, "codebook": codebook_id, "label": name, "parent": parent,
                   "position": position}
            if as_theme:
                row["description"] = code.description
                theme_of[code.guid] = rid
                cb["theme"].append(row)
            else:
                row["definition"] = code.description
                code_of[code.guid] = rid
                cb["code"].append(row)
                non_codable += not code.codable
            colours += code.color is not None
            for note in code.note_refs:
                note_about[note].append(("about_theme" if as_theme else "about_code", rid))
            add_tree(code.children, rid, as_theme)

    for code in project.codes:
        is_root = (not code.codable and code.name.strip().lower() == THEMES_ROOT_NAME.lower()) or \
            ids.known.get(code.guid) == "#themes"
        if is_root:
            add_tree(code.children, None, True)
            for note in code.note_refs:
                note_about[note].append(("", ""))
        else:
            add_tree([code], None, False)
    if non_codable:
        findings.append(_warn(f"{non_codable} codes are not codable (isCodable=false); the standard "
                              "has no such flag, they were imported as ordinary codes",
                              rule="qda-not-expressible", file="code.csv"))
    if colours:
        findings.append(_warn(f"{colours} code colours are not expressible in the standard",
                              rule="qda-not-expressible", file="code.csv"))

    theme_by_label = {row["label"]: row["id"] for row in cb["theme"]}
    for st in project.sets:
        target = ids.known.get(st.guid, "")
        theme = target[:-len("#codes")] if target.endswith("#codes") else None
        if theme is None or theme not in theme_of.values():
            theme = theme_by_label.get(st.name.strip())
        if not st.member_codes:
            findings.append(_warn(f"set {st.name!r} has no member codes (sets of sources or notes "
                                  "are not expressible); left out", rule="qda-not-expressible"))
            continue
        if theme is None:
            theme = ids.get(st.guid, "theme", cb_scope)
            cb["theme"].append({"id": theme, "codebook": codebook_id, "label": st.name.strip() or
                                "(unnamed set)", "description": st.description, "parent": None,
                                "position": len(cb["theme"]) + 1})
            theme_by_label[st.name.strip()] = theme
            all_known = False
        for member in sorted(set(st.member_codes)):
            if member in code_of:
                cb["theme_codes"].append({"theme": theme, "code": code_of[member]})
            else:
                findings.append(_warn(f"set {st.name!r} lists {member}, which is not a code; left out"))
        if st.member_sources or st.member_notes:
            findings.append(_warn(f"set {st.name!r}: member sources and notes are not expressible",
                                  rule="qda-not-expressible"))

    # --- users
    analyst_of: dict[str, str] = {}
    renamed = 0
    active = {c.creating_user for s in project.sources for sel in s.selections for c in sel.codings}
    active |= {c.creating_user for s in project.sources for c in s.codings}
    foreign_notes = {n.guid for n in project.notes if _foreign(ids.known.get(n.guid), site_scope)}
    active |= {n.creating_user for n in project.notes if n.guid not in foreign_notes}
    elsewhere = 0
    for n, user in enumerate(sorted(project.users, key=lambda u: u.guid), start=1):
        other = user.id if user.id and CURIE.match(user.id or "") else ids.known.get(user.guid)
        if user.guid not in active and _foreign(other, site_scope):
            elsewhere += 1  # an analyst of another package (the codebook's), not repeated here
            continue
        own = user.id if user.id and CURIE.match(user.id) and \
            CURIE.match(user.id).group(1) == site_scope else None
        aid = own or ids.get(user.guid, "analyst", site_scope)
        name = (user.name or "").strip()
        if not ((own or user.guid in ids.known) and PSEUDONYM.match(name)) and not INITIALS.match(name):
            renamed += bool(name)
            name = f"Analyst {n}"
        analyst_of[user.guid] = aid
        site["analyst"].append({"id": aid, "pseudonym": name, "site": site_id})
    if elsewhere:
        findings.append(_warn(f"{elsewhere} users are analysts of another package (by their id) and "
                              "took no part in this project's codings or notes; not repeated in the "
                              "site package", rule="qda-other-scope", file="analyst.csv"))
    if renamed:
        findings.append(_warn(f"{renamed} user names were replaced by pseudonyms (QDA software stores "
                              "login names, the standard allows only pseudonyms or initials)",
                              rule="qda-pseudonymised", file="analyst.csv", field="pseudonym"))

    def analyst(guid: str | None) -> str | None:
        return analyst_of.get(guid) if guid else None

    def date(value: str | None) -> str | None:
        return value[:10] if value and DATE.match(value) else None

    # --- sources, selections, codings
    quote_of: dict[str, str] = {}
    quote_rows: dict[str, dict[str, Any]] = {}
    seen: set[tuple[str, str, str]] = set()
    fg_of_source: dict[str, str] = {}
    dropped = Counter()
    for src in project.sources:
        tid = ids.get(src.guid, "transcript", site_scope)
        fgid = ids.get(f"{src.guid}#fg", "fg", site_scope)
        fg_of_source[src.guid] = fgid
        st = texts.get(src.guid, SourceText(None))
        nt = st.normal
        notes = src.description if src.description and src.description != EXCERPT_MARKER else None
        site["focus_group"].append({"id": fgid, "study": study_id, "site": site_id})
        text = nt.text if nt is not None and not st.excerpt else None
        if text is not None and access_level != "restricted":
            findings.append(_warn(f"transcript {tid}: full text withheld (public packages hold no "
                                  "transcript text)", rule="qda-text-withheld",
                                  file="transcript.csv", field="text"))
        site["transcript"].append({"id": tid, "focus_group": fgid, "access_level": access_level,
                                   "text": text if access_level == "restricted" else None,
                                   "notes": f"Imported from QDA source {src.name!r}" +
                                            (f": {notes}" if notes else "") if src.name else notes})
        for note in src.note_refs:
            note_about[note].append(("source", tid))
        if src.values:
            dropped["source variable values"] += len(src.values)
        for k, sel in enumerate(src.selections):
            if nt is None or k not in st.spans:
                dropped["selections that do not fit their source's text"] += 1
                continue
            i, j = st.spans[k]
            selected = nt.text[i:j]
            offsets = (None, None) if st.excerpt else (i, j)
            if not st.excerpt and sel.guid == span_guid(tid, i, j):
                qid = None
            elif not selected.strip():
                dropped["empty selections"] += 1
                qid = None
            else:
                qid = ids.get(sel.guid, "quote", site_scope)
                quote_of[sel.guid] = qid
                row = {"id": qid, "transcript": tid, "text": selected,
                       "start_offset": offsets[0], "end_offset": offsets[1]}
                extra = []
                label = LABEL.match((sel.name or "").strip())
                if label:
                    row.update(label=label.group(0), label_site=label.group(1),
                               label_chapter=int(label.group(2)))
                elif sel.name and not matches(selected, sel.name):
                    extra.append(f"QDA selection name: {sel.name.strip()}")
                if sel.description and not matches(selected, sel.description):
                    extra.append(f"QDA selection description: {sel.description.strip()}")
                row["notes"] = "; ".join(extra) or None
                site["quote"].append(row)
                quote_rows[qid] = row
            for note in sel.note_refs:
                note_about[note].append(("about_quote", qid) if qid else ("selection", ""))
            for coding in sel.codings:
                _coding(coding, qid, tid, offsets, code_of, theme_of, site, analyst, date, ids,
                        site_scope, dropped, seen)
        for coding in src.codings:
            if nt is None or st.excerpt:
                dropped["codings of a whole source without text"] += 1
                continue
            _coding(coding, None, tid, (0, len(nt.text)), code_of, theme_of, site, analyst, date,
                    ids, site_scope, dropped, seen)

    # --- cases
    enums = _participant_enums()
    variables = {v.guid: v for v in project.variables}
    unknown_vars: Counter[str] = Counter()
    for case in project.cases:
        pid = ids.get(case.guid, "p", site_scope)
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
                findings.append(_warn(f"participant {pid}: {slot} value {value.value!r} does not fit "
                                      "the standard; left out", file="participant.csv", field=slot))
            elif converted is not None:
                row[slot] = converted
        if not row.get("role"):
            row["role"] = "other"
            findings.append(_warn(f"participant {pid}: no role variable; set to 'other'",
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
                findings.append(_warn(f"quote {quote['id']} is linked to more than one case; "
                                      f"kept {quote['speaker']}", file="quote.csv", field="speaker"))
            else:
                quote["speaker"] = pid
        if case.code_refs:
            dropped["case code references"] += len(case.code_refs)
        if case.description:
            dropped["case descriptions"] += 1
    for name, count in sorted(unknown_vars.items()):
        findings.append(_warn(f"variable {name!r} ({count} values) has no slot in the standard; left out",
                              rule="qda-not-expressible", file="participant.csv"))

    # --- notes
    dropped_foreign = 0
    for note in project.notes:
        about = [a for a in note_about.get(note.guid, []) if a[0].startswith("about_")]
        elsewhere = [a for a in note_about.get(note.guid, []) if not a[0].startswith("about_")]
        if not (note.text or "").strip():
            dropped["empty notes"] += 1
            continue
        if note.guid in foreign_notes:
            dropped_foreign += 1
            continue
        mid = ids.get(note.guid, "memo", site_scope)
        row = {"id": mid, "author": analyst(note.creating_user), "text": note.text,
               "written_on": date(note.created)}
        if about:
            row[about[0][0]] = about[0][1]
        if len(about) > 1 or elsewhere:
            findings.append(_warn(f"memo {mid} is attached to {len(about) + len(elsewhere)} things; "
                                  "a memo is about one code, theme or quote"
                                  + (f" (kept {about[0][0]} {about[0][1]})" if about else ""),
                                  file="memo.csv"))
        site["memo"].append(row)

    if dropped_foreign:
        findings.append(_warn(f"{dropped_foreign} notes are memos of another package (by their id); "
                              "not repeated in the site package", rule="qda-other-scope",
                              file="memo.csv"))
    for what, count in sorted(dropped.items()):
        findings.append(_warn(f"{count} {what} could not be mapped; left out"))
    return Mapped(dict(site), dict(cb), findings, all_known)


def _coding(coding: m.Coding, qid: str | None, tid: str, offsets: tuple[int | None, int | None],
            code_of: dict[str, str], theme_of: dict[str, str], site: Tables, analyst, date,
            ids: Ids, scope: str, dropped: Counter, seen: set) -> None:
    if coding.code in theme_of:
        if qid is None:
            dropped["theme codings of spans that are not quotes"] += 1
        elif ("theme", qid, theme_of[coding.code]) not in seen:
            seen.add(("theme", qid, theme_of[coding.code]))
            site["quote_themes"].append({"quote": qid, "theme": theme_of[coding.code]})
        return
    code = code_of.get(coding.code)
    if code is None:
        dropped["codings of unknown codes"] += 1
        return
    if qid is not None and ("code", qid, code) not in seen:
        seen.add(("code", qid, code))
        site["quote_codes"].append({"quote": qid, "code": code})
    if qid is not None and coding.guid == guid_for(qid, f"code:{code}"):
        return  # a bare quote-code link, not a coding record of its own
    site["coding"].append({"id": ids.get(coding.guid, "coding", scope), "code": code,
                           "transcript": tid, "start_offset": offsets[0], "end_offset": offsets[1],
                           "coder": analyst(coding.creating_user), "coded_on": date(coding.created),
                           "quote": qid})
    if coding.note_refs:
        dropped["notes on codings"] += len(coding.note_refs)
