"""Several coders' projects of the same transcripts as one project (``import qdpx A B ...``).

Each coder codes their own copy of the transcripts in their QDA program and exports a QDPX. The
projects are combined before they are mapped, so one package holds every coding with its coder:

* sources are the same transcript when their normalised texts are equal (GUIDs differ when each
  coder loaded the transcript on their own); a source without text is matched by GUID only;
* codes are the same when their GUIDs are, else when their name paths are (case and spacing
  ignored), so every coder's "Role clarity" is one code;
* selections keep their own GUIDs, so overlapping selections of two coders stay two codings; a
  selection both projects hold under one GUID (from a project the centre handed out) is one, and
  its codings are kept once each.
"""

from __future__ import annotations

from typing import Any

import copy

from upsides_data.qda import model as m
from upsides_data.qda.fromqda import SourceText

Texts = dict[str, SourceText]


def name_key(name: str | None) -> str:
    """A code name as matching sees it: spacing collapsed, case folded."""
    return " ".join((name or "").split()).casefold()


def combine(parts: list[tuple[m.Project, Texts]]) -> tuple[m.Project, Texts, list[str]]:
    """One project (and its texts) holding every part; log lines say what was matched."""
    base, texts = copy.deepcopy(parts[0][0]), dict(parts[0][1])
    log: list[str] = []
    for k, (project, part_texts) in enumerate(parts[1:], start=2):
        project = copy.deepcopy(project)
        code_guid = _merge_codes(base, project)
        _rewrite_code_refs(project, code_guid)
        matched = _merge_sources(base, texts, project, part_texts)
        _merge_by_guid(base.users, project.users)
        _merge_by_guid(base.notes, project.notes)
        _merge_by_guid(base.cases, project.cases)
        _merge_by_guid(base.variables, project.variables)
        _merge_sets(base.sets, project.sets)
        base.other_sources.extend(project.other_sources)
        base.unknown.extend(project.unknown)
        log.append(f"project {k} ({project.name!r}): {matched} of {len(project.sources)} "
                   "sources are transcripts of an earlier project; "
                   f"{sum(1 for g, t in code_guid.items() if g != t)} codes matched by name")
    return base, texts, log


def _paths(codes: list[m.Code], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], m.Code]:
    found: dict[tuple[str, ...], m.Code] = {}
    for code in codes:
        path = (*prefix, name_key(code.name))
        found.setdefault(path, code)
        found.update({p: c for p, c in _paths(code.children, path).items() if p not in found})
    return found


def _merge_codes(base: m.Project, project: m.Project) -> dict[str, str]:
    """Add ``project``'s codes to ``base``'s tree; their GUID -> the GUID kept in ``base``."""
    by_guid = {c.guid: c for c, _ in base.walk_codes()}
    by_path = _paths(base.codes)
    rewrite: dict[str, str] = {}

    def visit(codes: list[m.Code], prefix: tuple[str, ...], into: list[m.Code]) -> None:
        for code in codes:
            path = (*prefix, name_key(code.name))
            same = by_guid.get(code.guid) or by_path.get(path)
            if same is None:
                same = copy.copy(code)
                same.children = []
                into.append(same)
                by_guid[same.guid], by_path[path] = same, same
            rewrite[code.guid] = same.guid
            visit(code.children, path, same.children)

    visit(project.codes, (), base.codes)
    return rewrite


def _rewrite_code_refs(project: m.Project, code_guid: dict[str, str]) -> None:
    for source in project.sources:
        codings = [c for sel in source.selections for c in sel.codings] + source.codings
        for coding in codings:
            coding.code = code_guid.get(coding.code, coding.code)
    for case in project.cases:
        case.code_refs = [code_guid.get(g, g) for g in case.code_refs]
    for st in project.sets:
        st.member_codes = [code_guid.get(g, g) for g in st.member_codes]


def _text_of(texts: Texts, guid: str) -> str | None:
    st = texts.get(guid)
    return st.normal.text if st is not None and st.normal is not None else None


def _merge_sources(base: m.Project, texts: Texts, project: m.Project, part_texts: Texts) -> int:
    by_text = {_text_of(texts, s.guid): s for s in base.sources if _text_of(texts, s.guid)}
    by_guid = {s.guid: s for s in base.sources}
    matched = 0
    for source in project.sources:
        text = _text_of(part_texts, source.guid)
        same = by_text.get(text) if text is not None else by_guid.get(source.guid)
        if same is None:
            base.sources.append(source)
            texts[source.guid] = part_texts.get(source.guid, SourceText(None))
            by_guid[source.guid] = source
            if text is not None:
                by_text[text] = source
            continue
        matched += 1
        _append_selections(same, texts[same.guid], source, part_texts.get(source.guid))
    return matched


def _append_selections(same: m.TextSource, target: SourceText, source: m.TextSource,
                       st: SourceText | None) -> None:
    """The selections of ``source`` onto ``same`` (the same text), spans re-indexed."""
    index = {sel.guid: k for k, sel in enumerate(same.selections)}
    for k, sel in enumerate(source.selections):
        if sel.guid in index:  # one selection in both projects: its codings once each
            held = same.selections[index[sel.guid]]
            known = {c.guid for c in held.codings}
            held.codings.extend(c for c in sel.codings if c.guid not in known)
            continue
        if st is not None and k in st.spans:
            target.spans[len(same.selections)] = st.spans[k]
        index[sel.guid] = len(same.selections)
        same.selections.append(sel)
    known = {c.guid for c in same.codings}
    same.codings.extend(c for c in source.codings if c.guid not in known)


def _merge_by_guid(into: list[Any], more: list[Any]) -> None:
    held = {item.guid for item in into}
    into.extend(item for item in more if item.guid not in held)


def _merge_sets(into: list[m.Set], more: list[m.Set]) -> None:
    held = {(st.guid): st for st in into}
    named = {name_key(st.name): st for st in into}
    for st in more:
        same = held.get(st.guid) or named.get(name_key(st.name))
        if same is None:
            into.append(st)
            continue
        same.member_codes.extend(g for g in st.member_codes if g not in same.member_codes)
