"""Mapping a REFI-QDA model to package tables (the import direction).

This module maps users, sources, selections, codings and notes, and calls on ``codetree`` for
the codebook (codes, themes, sets) and ``cases`` for participants. Ids come from the GUIDs
(``idmap.Ids``). Every element that has no place in the standard becomes a finding; nothing is
dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from upsides_data.findings import Finding
from upsides_data.qda import model as m
from upsides_data.qda.cases import map_cases
from upsides_data.qda.codetree import map_codebook
from upsides_data.qda.guids import guid_for, span_guid
from upsides_data.qda.idmap import Ids, Tables, foreign, scope_of, warn
from upsides_data.qda.offsets import NormalText, matches
from upsides_data.qda.toqda import EXCERPT_MARKER

LABEL = re.compile(r"^([A-Za-z][A-Za-z0-9]*) ([0-9]+)$")
PSEUDONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,31}$")
INITIALS = re.compile(r"^[A-Za-z0-9]{1,4}$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass
class SourceText:
    """A source's text as read from the archive, normalised, with its chosen offset reading."""

    normal: NormalText | None
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # selection index -> span
    excerpt: bool = False


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
    tree = map_codebook(project, ids, scope=cb_scope, codebook_id=codebook_id)
    findings.extend(tree.findings)
    code_of, theme_of, note_about = tree.code_of, tree.theme_of, tree.note_about

    # --- users
    analyst_of: dict[str, str] = {}
    renamed = 0
    active = {c.creating_user for s in project.sources for sel in s.selections for c in sel.codings}
    active |= {c.creating_user for s in project.sources for c in s.codings}
    foreign_notes = {n.guid for n in project.notes if foreign(ids.known.get(n.guid), site_scope)}
    active |= {n.creating_user for n in project.notes if n.guid not in foreign_notes}
    elsewhere = 0
    for n, user in enumerate(sorted(project.users, key=lambda u: u.guid), start=1):
        other = user.id if scope_of(user.id) else ids.known.get(user.guid)
        if user.guid not in active and foreign(other, site_scope):
            elsewhere += 1  # an analyst of another package (the codebook's), not repeated here
            continue
        own = user.id if scope_of(user.id) == site_scope else None
        aid = own or ids.get(user.guid, "analyst", site_scope)
        name = (user.name or "").strip()
        if not ((own or user.guid in ids.known) and PSEUDONYM.match(name)) and not INITIALS.match(name):
            renamed += bool(name)
            name = f"Analyst {n}"
        analyst_of[user.guid] = aid
        site["analyst"].append({"id": aid, "pseudonym": name, "site": site_id})
    if elsewhere:
        findings.append(warn(f"{elsewhere} users are analysts of another package (by their id) and "
                              "took no part in this project's codings or notes; not repeated in the "
                              "site package", rule="qda-other-scope", file="analyst.csv"))
    if renamed:
        findings.append(warn(f"{renamed} user names were replaced by pseudonyms (QDA software stores "
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
    dropped: Counter[str] = Counter()
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
            findings.append(warn(f"transcript {tid}: full text withheld (public packages hold no "
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

    findings.extend(map_cases(project, ids, site, scope=site_scope, site_id=site_id,
                              fg_of_source=fg_of_source, quote_of=quote_of,
                              quote_rows=quote_rows, dropped=dropped))

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
            findings.append(warn(f"memo {mid} is attached to {len(about) + len(elsewhere)} things; "
                                  "a memo is about one code, theme or quote"
                                  + (f" (kept {about[0][0]} {about[0][1]})" if about else ""),
                                  file="memo.csv"))
        site["memo"].append(row)

    if dropped_foreign:
        findings.append(warn(f"{dropped_foreign} notes are memos of another package (by their id); "
                              "not repeated in the site package", rule="qda-other-scope",
                              file="memo.csv"))
    for what, count in sorted(dropped.items()):
        findings.append(warn(f"{count} {what} could not be mapped; left out"))
    return Mapped(dict(site), dict(tree.tables), findings, tree.all_known)


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
