"""Writing the model as QDA-XML, with children in the order the official XSDs require.

The document is written incrementally with lxml's ``etree.xmlfile``: the project's big lists
(cases, sources, notes) are written one element at a time as they are built, so a project of any
size is never held in memory as one document or one string. Each element is built as a small
lxml subtree with the indentation the file has always had (two spaces a level, one element a
line) and serialised by libxml2, which escapes markup, quotes and CR/LF/TAB in attributes. The
output is byte-stable: attribute order is fixed, every string is cleaned of characters XML 1.0
forbids first, empty containers are never opened (the schemas require at least one child in
``Users``, ``Codes``, ``Cases``, ...).
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from typing import IO, Callable, Iterable, Iterator

from lxml import etree

from upsides_data.qda import model as m
from upsides_data.qda.xmlsafe import clean

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_DECL = b'<?xml version="1.0" encoding="utf-8"?>\n'

Attrs = list[tuple[str, str | None]]


_INDENT = ["\n" + "  " * depth for depth in range(128)]


def _clean(value: str) -> str:
    """``clean``, skipped for the printable ASCII most values are (GUIDs, numbers, dates)."""
    return value if value.isascii() and value.isprintable() else clean(value)


class _Tree:
    """One element and its descendants, built line by line with the file's indentation.

    ``depth`` is the element's level in the whole document, so the whitespace inside a subtree
    is what the document needs where the subtree is written. The stack holds each open element
    with its last child so far (whose tail is the next line's indentation)."""

    def __init__(self) -> None:
        self.root: etree._Element | None = None
        self.stack: list[list[etree._Element | None]] = []

    def open(self, depth: int, tag: str, attrs: Attrs, empty: bool = False) -> etree._Element:
        attrib = {k: _clean(v) for k, v in attrs if v is not None}
        if self.stack:
            top = self.stack[-1]
            parent, last = top
            element = etree.SubElement(parent, tag, attrib)
            if last is None:
                parent.text = _INDENT[depth]  # type: ignore[union-attr]
            else:
                last.tail = _INDENT[depth]
            top[1] = element
        else:
            element = etree.Element(tag, attrib)
            self.root = element
        if not empty:
            self.stack.append([element, None])
        return element

    def close(self, depth: int, tag: str) -> None:
        element, last = self.stack.pop()
        if last is not None:
            last.tail = _INDENT[depth]
        else:
            element.text = _INDENT[depth]  # type: ignore[union-attr]

    def leaf(self, depth: int, tag: str, text: str | None) -> None:
        if text is not None:
            self.open(depth, tag, [], empty=True).text = _clean(text)

    def refs(self, depth: int, tag: str, guids: list[str], attr: str = "targetGUID") -> None:
        for guid in guids:
            self.open(depth, tag, [(attr, guid)], empty=True)


class _Writer:
    """The document: a root element opened once, then whole subtrees written one at a time."""

    def __init__(self, xf: etree.xmlfile) -> None:
        self.xf = xf

    def subtree(self, depth: int, build: Callable[[_Tree], None]) -> None:
        tree = _Tree()
        build(tree)
        assert tree.root is not None
        self.xf.write("  " * depth)
        self.xf.write(tree.root, with_tail=False)
        self.xf.write("\n")

    @contextmanager
    def container(self, depth: int, tag: str) -> Iterator[None]:
        """A container whose children are written one at a time (``Sources``, ``Cases``...)."""
        self.xf.write("  " * depth)
        with self.xf.element(tag):
            self.xf.write("\n")
            yield
            self.xf.write("  " * depth)
        self.xf.write("\n")


@contextmanager
def _document(out: IO[bytes], tag: str, attrs: Attrs) -> Iterator[_Writer]:
    out.write(_DECL)
    with etree.xmlfile(out, encoding="utf-8") as xf:
        with xf.element(tag, {k: clean(v) for k, v in attrs if v is not None}):
            xf.write("\n")
            yield _Writer(xf)
    out.write(b"\n")


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _code(out: _Tree, d: int, code: m.Code, *, notes: bool) -> None:
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


def _value(out: _Tree, d: int, value: m.VariableValue) -> None:
    out.open(d, "VariableValue", [])
    out.refs(d + 1, "VariableRef", [value.variable])
    out.leaf(d + 1, f"{value.type}Value", value.value)
    out.close(d, "VariableValue")


def _coding(out: _Tree, d: int, coding: m.Coding) -> None:
    out.open(d, "Coding", [("guid", coding.guid), ("creatingUser", coding.creating_user),
                           ("creationDateTime", coding.created)])
    out.refs(d + 1, "CodeRef", [coding.code])
    out.refs(d + 1, "NoteRef", coding.note_refs)
    out.close(d, "Coding")


def _selection(out: _Tree, d: int, sel: m.Selection) -> None:
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


def _source(out: _Tree, d: int, src: m.TextSource, tag: str = "TextSource") -> None:
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


def _note_source(note: m.Note) -> m.TextSource:
    return m.TextSource(guid=note.guid, name=note.name, text=note.text, inline=True,
                        creating_user=note.creating_user, created=note.created)


def _users(project: m.Project) -> Callable[[_Tree], None]:
    def build(out: _Tree) -> None:
        out.open(1, "Users", [])
        for user in project.users:
            out.open(2, "User", [("guid", user.guid), ("name", user.name), ("id", user.id)], empty=True)
        out.close(1, "Users")
    return build


def _codebook(project: m.Project) -> Callable[[_Tree], None]:
    def build(out: _Tree) -> None:
        out.open(1, "CodeBook", [])
        out.open(2, "Codes", [])
        for code in project.codes:
            _code(out, 3, code, notes=True)
        out.close(2, "Codes")
        out.close(1, "CodeBook")
    return build


def _variables(project: m.Project) -> Callable[[_Tree], None]:
    def build(out: _Tree) -> None:
        out.open(1, "Variables", [])
        for var in project.variables:
            attrs: Attrs = [("guid", var.guid), ("name", var.name), ("typeOfVariable", var.type)]
            if var.description is None:
                out.open(2, "Variable", attrs, empty=True)
            else:
                out.open(2, "Variable", attrs)
                out.leaf(3, "Description", var.description)
                out.close(2, "Variable")
        out.close(1, "Variables")
    return build


def _case(case: m.Case) -> Callable[[_Tree], None]:
    def build(out: _Tree) -> None:
        out.open(2, "Case", [("guid", case.guid), ("name", case.name)])
        out.leaf(3, "Description", case.description)
        out.refs(3, "CodeRef", case.code_refs)
        for value in case.values:
            _value(out, 3, value)
        out.refs(3, "SourceRef", case.source_refs)
        out.refs(3, "SelectionRef", case.selection_refs)
        out.close(2, "Case")
    return build


def _text_source(src: m.TextSource, tag: str = "TextSource") -> Callable[[_Tree], None]:
    def build(out: _Tree) -> None:
        _source(out, 2, src, tag)
    return build


def _project_tail(description: str | None, note_refs: list[str]) -> Callable[[_Tree], None]:
    def build(out: _Tree) -> None:
        out.leaf(1, "Description", description)
        out.refs(1, "NoteRef", note_refs)
    return build


def _set(st: m.Set) -> Callable[[_Tree], None]:
    def build(out: _Tree) -> None:
        out.open(2, "Set", [("guid", st.guid), ("name", st.name)])
        out.leaf(3, "Description", st.description)
        out.refs(3, "MemberCode", st.member_codes)
        out.refs(3, "MemberSource", st.member_sources)
        out.refs(3, "MemberNote", st.member_notes)
        out.close(2, "Set")
    return build


def write_project(out: IO[bytes], project: m.Project, sources: Iterable[m.TextSource] | None = None,
                  after_sources: Callable[[], None] | None = None) -> None:
    """Write the ``project.qde`` document to ``out``, element by element.

    ``sources`` (default: ``project.sources``) may be a generator: each source is written as
    soon as it is built and then dropped. ``after_sources`` runs once they are all written and
    may still fill ``project.notes``, ``project.sets``, the description and the note refs,
    which the document holds after the sources."""
    with _document(out, "Project", [("xmlns", PROJECT_NS), ("name", project.name),
                                    ("origin", project.origin)]) as doc:
        if project.users:
            doc.subtree(1, _users(project))
        if project.codes:
            doc.subtree(1, _codebook(project))
        if project.variables:
            doc.subtree(1, _variables(project))
        if project.cases:
            with doc.container(1, "Cases"):
                for case in project.cases:
                    doc.subtree(2, _case(case))
        pending = iter(project.sources if sources is None else sources)
        first = next(pending, None)
        if first is not None:
            with doc.container(1, "Sources"):
                doc.subtree(2, _text_source(first))
                for src in pending:
                    doc.subtree(2, _text_source(src))
        if after_sources is not None:
            after_sources()
        if project.notes:
            with doc.container(1, "Notes"):
                for note in project.notes:
                    doc.subtree(2, _text_source(_note_source(note), tag="Note"))
        if project.sets:
            with doc.container(1, "Sets"):
                for st in project.sets:
                    doc.subtree(2, _set(st))
        if project.description is not None:
            doc.subtree(1, _project_tail(project.description, []))
        for guid in project.note_refs:
            doc.subtree(1, _project_tail(None, [guid]))


def project_xml(project: m.Project) -> bytes:
    """The ``project.qde`` document as bytes (small projects, and the XSD check)."""
    out = io.BytesIO()
    write_project(out, project)
    return out.getvalue()


def codebook_xml(project: m.Project) -> bytes:
    """A bare ``.qdc`` codebook: codes and sets only (QDC has no notes)."""
    out = io.BytesIO()
    with _document(out, "CodeBook", [("xmlns", CODEBOOK_NS), ("origin", project.origin)]) as doc:
        def codes(tree: _Tree) -> None:
            tree.open(1, "Codes", [])
            for code in project.codes:
                _code(tree, 2, code, notes=False)
            tree.close(1, "Codes")
        doc.subtree(1, codes)
        if project.sets:
            def sets(tree: _Tree) -> None:
                tree.open(1, "Sets", [])
                for st in project.sets:
                    tree.open(2, "Set", [("guid", st.guid), ("name", st.name)],
                              empty=st.description is None and not st.member_codes)
                    if st.description is not None or st.member_codes:
                        tree.leaf(3, "Description", st.description)
                        tree.refs(3, "MemberCode", st.member_codes, attr="guid")
                        tree.close(2, "Set")
                tree.close(1, "Sets")
            doc.subtree(1, sets)
    return out.getvalue()
