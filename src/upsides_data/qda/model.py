"""The in-memory shape of a REFI-QDA project, shared by the reader, the writer and the mappings.

Only what the mappings use is modelled; GUIDs are lower-case without braces. Text offsets here
are the file's own numbers (export: code points in LF text; import: whatever the vendor wrote,
until ``offsets`` reads them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator


@dataclass(slots=True)
class User:
    guid: str
    name: str | None = None
    id: str | None = None


@dataclass(slots=True)
class Code:
    guid: str
    name: str
    codable: bool = True
    description: str | None = None
    color: str | None = None
    note_refs: list[str] = field(default_factory=list)
    children: list[Code] = field(default_factory=list)


@dataclass(slots=True)
class Set:
    guid: str
    name: str
    description: str | None = None
    member_codes: list[str] = field(default_factory=list)
    member_sources: list[str] = field(default_factory=list)
    member_notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Variable:
    guid: str
    name: str
    type: str  # Text | Boolean | Integer | Float | Date | DateTime
    description: str | None = None


@dataclass(slots=True)
class VariableValue:
    variable: str  # guid
    type: str  # element name suffix: Text, Boolean, Integer, Float, Date, DateTime
    value: str | None


@dataclass(slots=True)
class Case:
    guid: str
    name: str | None = None
    description: str | None = None
    code_refs: list[str] = field(default_factory=list)
    values: list[VariableValue] = field(default_factory=list)
    source_refs: list[str] = field(default_factory=list)
    selection_refs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Coding:
    guid: str
    code: str  # guid of the code
    creating_user: str | None = None
    created: str | None = None  # xsd:dateTime
    note_refs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Selection:
    guid: str
    start: int
    end: int
    name: str | None = None
    description: str | None = None
    codings: list[Coding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    creating_user: str | None = None
    created: str | None = None


@dataclass(slots=True)
class TextSource:
    guid: str
    name: str | None = None
    description: str | None = None
    text: str | None = None  # exported: the LF text; imported: the raw decoded text
    plain_text_path: str | None = None
    rich_text_path: str | None = None
    inline: bool = False  # text came from PlainTextContent
    selections: list[Selection] = field(default_factory=list)
    codings: list[Coding] = field(default_factory=list)  # codings of the whole source
    note_refs: list[str] = field(default_factory=list)
    values: list[VariableValue] = field(default_factory=list)
    creating_user: str | None = None
    created: str | None = None
    raw_bom: bool = False  # the file began with a byte order mark


@dataclass(slots=True)
class Note:
    guid: str
    name: str | None = None
    text: str | None = None
    creating_user: str | None = None
    created: str | None = None
    plain_text_path: str | None = None


@dataclass(slots=True)
class Project:
    name: str
    origin: str | None = None
    users: list[User] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    sources: list[TextSource] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    sets: list[Set] = field(default_factory=list)
    description: str | None = None
    note_refs: list[str] = field(default_factory=list)
    other_sources: list[tuple[str, str, str | None]] = field(default_factory=list)  # (kind, guid, name)
    unknown: list[str] = field(default_factory=list)  # elements read but not modelled

    def walk_codes(self) -> Iterator[tuple[Code, Code | None]]:
        """Every code with its parent (None at the root), depth first, in document order."""
        stack: list[tuple[Code, Code | None]] = [(c, None) for c in reversed(self.codes)]
        while stack:
            code, parent = stack.pop()
            yield code, parent
            stack.extend((child, code) for child in reversed(code.children))
