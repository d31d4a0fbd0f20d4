"""Reading QDA-XML leniently into the model.

Namespaces are ignored (vendors write ``urn:QDA-XML:project:1.0``, ``1:0``, ``0:4`` or none),
GUIDs are normalised (any case, braces), and every element the model does not hold is counted in
``Project.unknown`` so the importer can report it instead of dropping it silently.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from upsides_data.qda import model as m
from upsides_data.qda.guids import normalise_guid
from upsides_data.qda.xmlsafe import local

_VALUE_TYPES = ("Text", "Boolean", "Integer", "Float", "Date", "DateTime")
_OTHER_SOURCES = {"PictureSource", "PDFSource", "AudioSource", "VideoSource"}


def _kids(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if local(c.tag) == name]


def _kid(el: ET.Element, name: str) -> ET.Element | None:
    found = _kids(el, name)
    return found[0] if found else None


def _text(el: ET.Element, name: str) -> str | None:
    kid = _kid(el, name)
    return kid.text or "" if kid is not None else None


def _guid(el: ET.Element, attr: str = "guid") -> str | None:
    return normalise_guid(el.get(attr))


def _refs(el: ET.Element, name: str, attr: str = "targetGUID") -> list[str]:
    return [g for g in (normalise_guid(r.get(attr) or r.get("guid")) for r in _kids(el, name)) if g]


def _int(value: str | None) -> int | None:
    try:
        return int(value.strip()) if value is not None else None
    except ValueError:
        return None


class Reader:
    """Turns a parsed project (or codebook) root into a ``model.Project``."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def _note_unknown(self, project: m.Project, where: str, el: ET.Element, known: set[str]) -> None:
        for child in el:
            name = local(child.tag)
            if name not in known:
                project.unknown.append(f"{where}/{name}")

    def _code(self, project: m.Project, el: ET.Element) -> m.Code | None:
        guid = _guid(el)
        if guid is None:
            self.problems.append(f"a Code named {el.get('name')!r} has no valid guid; left out")
            return None
        codable = (el.get("isCodable") or "true").strip().lower() in ("true", "1")
        children = [c for c in (self._code(project, k) for k in _kids(el, "Code")) if c]
        self._note_unknown(project, "Code", el, {"Description", "NoteRef", "Code"})
        return m.Code(guid=guid, name=el.get("name") or "", codable=codable,
                      description=_text(el, "Description"), color=el.get("color"),
                      note_refs=_refs(el, "NoteRef"), children=children)

    def _value(self, el: ET.Element) -> m.VariableValue | None:
        ref = _refs(el, "VariableRef")
        for kind in _VALUE_TYPES:
            found = _kid(el, f"{kind}Value")
            if found is not None and ref:
                return m.VariableValue(ref[0], kind, found.text)
        return m.VariableValue(ref[0], "Text", None) if ref else None

    def _coding(self, el: ET.Element) -> m.Coding | None:
        code = _refs(el, "CodeRef")
        guid = _guid(el)
        if not code or guid is None:
            self.problems.append("a Coding without a valid guid or CodeRef; left out")
            return None
        return m.Coding(guid=guid, code=code[0], creating_user=_guid(el, "creatingUser"),
                        created=el.get("creationDateTime"), note_refs=_refs(el, "NoteRef"))

    def _source(self, project: m.Project, el: ET.Element) -> m.TextSource | None:
        guid = _guid(el)
        if guid is None:
            self.problems.append(f"a {local(el.tag)} named {el.get('name')!r} has no valid guid; left out")
            return None
        src = m.TextSource(guid=guid, name=el.get("name"), description=_text(el, "Description"),
                           plain_text_path=el.get("plainTextPath"),
                           rich_text_path=el.get("richTextPath"),
                           creating_user=_guid(el, "creatingUser"),
                           created=el.get("creationDateTime"))
        content = _text(el, "PlainTextContent")
        if content is not None:
            src.text, src.inline = content, True
        for sel in _kids(el, "PlainTextSelection"):
            sguid, start, end = _guid(sel), _int(sel.get("startPosition")), _int(sel.get("endPosition"))
            if sguid is None or start is None or end is None:
                self.problems.append(f"a selection in source {src.name!r} lacks a guid or positions; "
                                     "left out")
                continue
            src.selections.append(m.Selection(
                guid=sguid, start=start, end=end, name=sel.get("name"),
                description=_text(sel, "Description"),
                codings=[c for c in (self._coding(k) for k in _kids(sel, "Coding")) if c],
                note_refs=_refs(sel, "NoteRef"), creating_user=_guid(sel, "creatingUser"),
                created=sel.get("creationDateTime")))
        src.codings = [c for c in (self._coding(k) for k in _kids(el, "Coding")) if c]
        src.note_refs = _refs(el, "NoteRef")
        src.values = [v for v in (self._value(k) for k in _kids(el, "VariableValue")) if v]
        self._note_unknown(project, local(el.tag), el, {
            "Description", "PlainTextContent", "PlainTextSelection", "Coding", "NoteRef",
            "VariableValue"})
        return src

    def project(self, root: ET.Element) -> m.Project:
        project = self.begin(root)
        for child in root:
            self.child(project, child)
        return project

    def begin(self, root: ET.Element) -> m.Project:
        """The project of a root element, before its children are read."""
        return m.Project(name=root.get("name") or "", origin=root.get("origin"))

    def child(self, project: m.Project, child: ET.Element) -> None:
        """Read one child of the root into ``project``. A streaming reader may call this on a
        ``Sources``, ``Cases`` or ``Notes`` element holding one item at a time: each of those
        branches appends what it reads, so the result is the same as for the whole element."""
        name = local(child.tag)
        if name == "Users":
            project.users = [m.User(g, u.get("name"), u.get("id"))
                             for u in _kids(child, "User") if (g := _guid(u))]
        elif name == "CodeBook":
            codes = _kid(child, "Codes")
            if codes is not None:
                project.codes = [c for c in (self._code(project, k) for k in _kids(codes, "Code")) if c]
        elif name == "Variables":
            project.variables = [m.Variable(g, v.get("name") or "", v.get("typeOfVariable") or "Text",
                                            _text(v, "Description"))
                                 for v in _kids(child, "Variable") if (g := _guid(v))]
        elif name == "Cases":
            for c in _kids(child, "Case"):
                if (g := _guid(c)) is None:
                    self.problems.append("a Case without a valid guid; left out")
                    continue
                project.cases.append(m.Case(
                    guid=g, name=c.get("name"), description=_text(c, "Description"),
                    code_refs=_refs(c, "CodeRef"),
                    values=[v for v in (self._value(k) for k in _kids(c, "VariableValue")) if v],
                    source_refs=_refs(c, "SourceRef"), selection_refs=_refs(c, "SelectionRef")))
        elif name == "Sources":
            for s in child:
                kind = local(s.tag)
                if kind == "TextSource":
                    if (src := self._source(project, s)) is not None:
                        project.sources.append(src)
                else:
                    project.other_sources.append((kind, _guid(s) or "", s.get("name")))
        elif name == "Notes":
            for n in _kids(child, "Note"):
                if (src := self._source(project, n)) is not None:
                    project.notes.append(m.Note(src.guid, src.name, src.text, src.creating_user,
                                                src.created, src.plain_text_path))
        elif name == "Sets":
            project.sets = [self._set(s) for s in _kids(child, "Set") if _guid(s)]
        elif name == "Description":
            project.description = child.text
        elif name == "NoteRef":
            if (g := _guid(child, "targetGUID")) is not None:
                project.note_refs.append(g)
        else:
            project.unknown.append(name)

    def _set(self, el: ET.Element) -> m.Set:
        return m.Set(guid=_guid(el) or "", name=el.get("name") or "",
                     description=_text(el, "Description"),
                     member_codes=_refs(el, "MemberCode"), member_sources=_refs(el, "MemberSource"),
                     member_notes=_refs(el, "MemberNote"))

    def codebook(self, root: ET.Element) -> m.Project:
        """A QDC: ``CodeBook`` with ``Codes`` and ``Sets`` (MemberCode carries ``guid``)."""
        project = m.Project(name="", origin=root.get("origin"))
        codes = _kid(root, "Codes")
        if codes is not None:
            project.codes = [c for c in (self._code(project, k) for k in _kids(codes, "Code")) if c]
        sets = _kid(root, "Sets")
        if sets is not None:
            project.sets = [self._set(s) for s in _kids(sets, "Set") if _guid(s)]
        return project
