"""Writing the model as QDA-XML, with children in the order the official XSDs require.

A hand-written serializer rather than a DOM: attribute order is fixed, every string is cleaned of
characters XML 1.0 forbids, empty containers are never opened (the schemas require at least one
child in ``Users``, ``Codes``, ``Cases``, ...), and the output is byte-stable.
"""

from __future__ import annotations

from upsides_data.qda import model as m
from upsides_data.qda.xmlsafe import escape_attr, escape_text

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_DECL = '<?xml version="1.0" encoding="utf-8"?>\n'


class _Out:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def open(self, depth: int, tag: str, attrs: list[tuple[str, str | None]], empty: bool = False) -> None:
        text = "".join(f' {k}="{escape_attr(v)}"' for k, v in attrs if v is not None)
        self.parts.append(f"{'  ' * depth}<{tag}{text}{'/' if empty else ''}>\n")

    def close(self, depth: int, tag: str) -> None:
        self.parts.append(f"{'  ' * depth}</{tag}>\n")

    def leaf(self, depth: int, tag: str, text: str | None) -> None:
        if text is not None:
            self.parts.append(f"{'  ' * depth}<{tag}>{escape_text(text)}</{tag}>\n")

    def refs(self, depth: int, tag: str, guids: list[str], attr: str = "targetGUID") -> None:
        for guid in guids:
            self.open(depth, tag, [(attr, guid)], empty=True)

    def text(self) -> str:
        return "".join(self.parts)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _code(out: _Out, d: int, code: m.Code, *, notes: bool) -> None:
    attrs = [("guid", code.guid), ("name", code.name), ("isCodable", _bool(code.codable)),
             ("color", code.color)]
    has_children = code.description is not None or code.children or (notes and code.note_refs)
    out.open(d, "Code", attrs, empty=not has_children)
    if has_children:
        out.leaf(d + 1, "Description", code.description)
        if notes:
            out.refs(d + 1, "NoteRef", code.note_refs)
        for child in code.children:
            _code(out, d + 1, child, notes=notes)
        out.close(d, "Code")


def _value(out: _Out, d: int, value: m.VariableValue) -> None:
    out.open(d, "VariableValue", [])
    out.refs(d + 1, "VariableRef", [value.variable])
    out.leaf(d + 1, f"{value.type}Value", value.value)
    out.close(d, "VariableValue")


def _coding(out: _Out, d: int, coding: m.Coding) -> None:
    out.open(d, "Coding", [("guid", coding.guid), ("creatingUser", coding.creating_user),
                           ("creationDateTime", coding.created)])
    out.refs(d + 1, "CodeRef", [coding.code])
    out.refs(d + 1, "NoteRef", coding.note_refs)
    out.close(d, "Coding")


def _selection(out: _Out, d: int, sel: m.Selection) -> None:
    attrs = [("guid", sel.guid), ("name", sel.name), ("startPosition", str(sel.start)),
             ("endPosition", str(sel.end)), ("creatingUser", sel.creating_user),
             ("creationDateTime", sel.created)]
    has_children = sel.description is not None or sel.codings or sel.note_refs
    out.open(d, "PlainTextSelection", attrs, empty=not has_children)
    if has_children:
        out.leaf(d + 1, "Description", sel.description)
        for coding in sel.codings:
            _coding(out, d + 1, coding)
        out.refs(d + 1, "NoteRef", sel.note_refs)
        out.close(d, "PlainTextSelection")


def _source(out: _Out, d: int, src: m.TextSource, tag: str = "TextSource") -> None:
    attrs = [("guid", src.guid), ("name", src.name), ("plainTextPath", src.plain_text_path),
             ("creatingUser", src.creating_user), ("creationDateTime", src.created)]
    inline = src.text if src.inline else None
    has_children = (src.description is not None or inline is not None or src.selections
                    or src.codings or src.note_refs or src.values)
    out.open(d, tag, attrs, empty=not has_children)
    if has_children:
        out.leaf(d + 1, "Description", src.description)
        out.leaf(d + 1, "PlainTextContent", inline)
        for sel in src.selections:
            _selection(out, d + 1, sel)
        for coding in src.codings:
            _coding(out, d + 1, coding)
        out.refs(d + 1, "NoteRef", src.note_refs)
        for value in src.values:
            _value(out, d + 1, value)
        out.close(d, tag)


def project_xml(project: m.Project) -> bytes:
    """The ``project.qde`` document."""
    out = _Out()
    out.parts.append(_DECL)
    out.open(0, "Project", [("xmlns", PROJECT_NS), ("name", project.name), ("origin", project.origin)])
    if project.users:
        out.open(1, "Users", [])
        for user in project.users:
            out.open(2, "User", [("guid", user.guid), ("name", user.name), ("id", user.id)], empty=True)
        out.close(1, "Users")
    if project.codes:
        out.open(1, "CodeBook", [])
        out.open(2, "Codes", [])
        for code in project.codes:
            _code(out, 3, code, notes=True)
        out.close(2, "Codes")
        out.close(1, "CodeBook")
    if project.variables:
        out.open(1, "Variables", [])
        for var in project.variables:
            attrs: list[tuple[str, str | None]] = [
                ("guid", var.guid), ("name", var.name), ("typeOfVariable", var.type)]
            if var.description is None:
                out.open(2, "Variable", attrs, empty=True)
            else:
                out.open(2, "Variable", attrs)
                out.leaf(3, "Description", var.description)
                out.close(2, "Variable")
        out.close(1, "Variables")
    if project.cases:
        out.open(1, "Cases", [])
        for case in project.cases:
            out.open(2, "Case", [("guid", case.guid), ("name", case.name)])
            out.leaf(3, "Description", case.description)
            out.refs(3, "CodeRef", case.code_refs)
            for value in case.values:
                _value(out, 3, value)
            out.refs(3, "SourceRef", case.source_refs)
            out.refs(3, "SelectionRef", case.selection_refs)
            out.close(2, "Case")
        out.close(1, "Cases")
    if project.sources:
        out.open(1, "Sources", [])
        for src in project.sources:
            _source(out, 2, src)
        out.close(1, "Sources")
    if project.notes:
        out.open(1, "Notes", [])
        for note in project.notes:
            _source(out, 2, m.TextSource(guid=note.guid, name=note.name, text=note.text, inline=True,
                                         creating_user=note.creating_user, created=note.created),
                    tag="Note")
        out.close(1, "Notes")
    if project.sets:
        out.open(1, "Sets", [])
        for st in project.sets:
            out.open(2, "Set", [("guid", st.guid), ("name", st.name)])
            out.leaf(3, "Description", st.description)
            out.refs(3, "MemberCode", st.member_codes)
            out.refs(3, "MemberSource", st.member_sources)
            out.refs(3, "MemberNote", st.member_notes)
            out.close(2, "Set")
        out.close(1, "Sets")
    out.leaf(1, "Description", project.description)
    out.refs(1, "NoteRef", project.note_refs)
    out.close(0, "Project")
    return out.text().encode("utf-8")


def codebook_xml(project: m.Project) -> bytes:
    """A bare ``.qdc`` codebook: codes and sets only (QDC has no notes)."""
    out = _Out()
    out.parts.append(_DECL)
    out.open(0, "CodeBook", [("xmlns", CODEBOOK_NS), ("origin", project.origin)])
    out.open(1, "Codes", [])
    for code in project.codes:
        _code(out, 2, code, notes=False)
    out.close(1, "Codes")
    if project.sets:
        out.open(1, "Sets", [])
        for st in project.sets:
            out.open(2, "Set", [("guid", st.guid), ("name", st.name)],
                     empty=st.description is None and not st.member_codes)
            if st.description is not None or st.member_codes:
                out.leaf(3, "Description", st.description)
                out.refs(3, "MemberCode", st.member_codes, attr="guid")
                out.close(2, "Set")
        out.close(1, "Sets")
    out.close(0, "CodeBook")
    return out.text().encode("utf-8")
