"""Check one Dataset instance file (YAML or JSON): the schema's tree-root class as one document.

Instance files are how the standard's examples and test fixtures are written, and what
``linkml-validate -C Dataset`` reads. The generated Pydantic models check types, enums, patterns,
bounds and required slots, but references are plain strings to them (see TOOLCHAIN-NOTES), so
this module adds what no model can say: every reference points to a record of the right class in
the same file, identifiers are unique, no code or theme is its own ancestor, and a value and the
reason for its absence are not both given, nor neither where the class needs one of them.

Which slots are references is read from the generated package profile and Table Schemas (their
foreign keys), never listed here, so a new reference slot in the schema is checked without a code
change. Findings name the file, the line (``row``) and the path of the field, such as
``themes[2].parent``.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from upsides_data import absence, limits, resources
from upsides_data.errors import UnreadableInputError
from upsides_data.limits import MAX_INSTANCE_BYTES, MAX_NESTING
from upsides_data.findings import Finding

PathKey = tuple[str | int, ...]

RULE_PARSE = "parse"
RULE_DUPLICATE_KEY = "duplicate-key"
RULE_MODEL = "model"
RULE_REFERENCE = "reference-missing"
RULE_DUPLICATE_ID = "duplicate-id"
RULE_CYCLE = "hierarchy-cycle"
RULE_ALIAS = "yaml-alias-refused"


class _Refused(yaml.YAMLError):  # type: ignore[misc]  # PyYAML ships no type information
    """A document the bounded loader will not build; ``rule`` names the finding."""

    def __init__(self, rule: str, message: str, mark: yaml.Mark | None, hint: str) -> None:
        super().__init__(message)
        self.rule, self.problem, self.problem_mark, self.hint = rule, message, mark, hint


class BoundedLoader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML ships no type information
    """``yaml.SafeLoader`` that refuses aliases and nesting past ``MAX_NESTING``.

    An alias (``*name``) repeats an anchored node; a few lines of nested aliases expand to
    billions of nodes (the "billion laughs" bomb), and instance files never need them, so the
    first alias ends the parse with a ``yaml-alias-refused`` finding. Composing recurses once per
    level, so depth is counted here and a file nested deeper than ``MAX_NESTING`` levels is a
    ``nesting-too-deep`` finding, never a ``RecursionError``.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(RULE_ALIAS, f"alias *{event.anchor} refused: instance files may not "
                           "repeat nodes by alias", event.start_mark,
                           "write the repeated value out in full where it is needed")
        self._depth += 1
        try:
            if self._depth > MAX_NESTING:
                raise _Refused(limits.RULE_DEPTH, f"nested more than {MAX_NESTING} levels deep",
                               self.peek_event().start_mark,
                               "a Dataset file nests a few levels: a collection, its records, "
                               "their fields")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


@dataclass(frozen=True)
class ReferenceSlot:
    """A slot of ``owner`` whose values are identifiers of ``target`` records."""

    owner: str
    slot: str
    target: str
    multivalued: bool


@cache
def reference_slots() -> tuple[ReferenceSlot, ...]:
    """Every reference slot, read from the foreign keys of the generated Table Schemas.

    A class table's foreign key is a single-valued reference; a link table's foreign key on its
    value column is a multivalued one (its owner column points back to the owning record).
    """
    tables = resources.package_profile()["tables"]
    class_of = {name: info["class"] for name, info in tables.items() if "link" not in info}
    found = []
    for name, info in sorted(tables.items()):
        link = info.get("link")
        for key in resources.table_schema(name).get("foreignKeys", []):
            column = key["fields"][0]
            target = class_of[key["reference"]["resource"]]
            if link is None:
                found.append(ReferenceSlot(info["class"], column, target, False))
            elif column == link["value"]:
                found.append(ReferenceSlot(info["class"], link["slot"], target, True))
    return tuple(found)


@cache
def collections() -> dict[str, str]:
    """The Dataset's collections and the class each holds, from the generated model."""
    from upsides_data.datamodel.upsides import Dataset

    found = {}
    for name, info in Dataset.model_fields.items():
        for arg in _flatten_args(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                found[name] = arg.__name__
    return found


def _flatten_args(annotation: Any) -> Iterator[Any]:
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _flatten_args(arg)


def check_instance(path: str | Path) -> list[Finding]:
    """Every finding about one Dataset instance file; an empty list means it is valid.

    Raises ``UnreadableInputError`` only when the file cannot be read at all (missing, not UTF-8);
    bad YAML and bad content are findings.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_INSTANCE_BYTES:
            raise limits.too_large(str(path), size, MAX_INSTANCE_BYTES)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise UnreadableInputError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInputError(f"{path}: cannot read as UTF-8 text ({exc})") from exc
    return check_instance_text(text, file=str(path))


def check_instance_text(text: str, *, file: str | None = None) -> list[Finding]:
    """Like ``check_instance`` for text already in memory; ``file`` names it in findings."""
    if len(text) > MAX_INSTANCE_BYTES:
        raise limits.too_large(file or "instance", len(text), MAX_INSTANCE_BYTES)
    try:
        loader = BoundedLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except _Refused as exc:
        return [Finding(exc.rule, exc.problem, file=file,
                        row=exc.problem_mark.line + 1 if exc.problem_mark else None,
                        hint=exc.hint)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        return [Finding(RULE_PARSE, f"not valid YAML or JSON: {problem}", file=file,
                        row=mark.line + 1 if mark else None,
                        hint="check indentation and quoting near that line")]
    lines: dict[PathKey, int] = {}
    findings = list(_index_lines(node, (), lines, file))
    if data is None:
        data = {}
    if not isinstance(data, dict):
        findings.append(Finding(RULE_MODEL, "the file must hold a mapping of record lists "
                                f"(a Dataset), not a {type(data).__name__}", file=file, row=1))
        return findings
    findings.extend(_model_findings(data, lines, file))
    findings.extend(_integrity_findings(data, lines, file))
    return sorted(findings, key=lambda f: (f.row or 0, f.field or "", f.rule, f.message))


def _index_lines(node: yaml.Node | None, key: PathKey, lines: dict[PathKey, int],
                 file: str | None) -> Iterator[Finding]:
    """Record the 1-based line of every node by its path; report duplicate mapping keys."""
    if node is None:
        return
    lines[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name in seen:
                yield Finding(RULE_DUPLICATE_KEY, f"key {name!r} appears twice; the last one would "
                              "silently win", file=file, row=key_node.start_mark.line + 1,
                              field=_field_name((*key, name)))
            seen.add(name)
            yield from _index_lines(value_node, (*key, name), lines, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _index_lines(item, (*key, index), lines, file)


def _field_name(key: PathKey) -> str:
    """``("themes", 2, "parent")`` -> ``themes[2].parent``."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _line(lines: dict[PathKey, int], key: PathKey) -> int | None:
    """The line of the deepest node on ``key`` that exists in the file."""
    for end in range(len(key), -1, -1):
        if key[:end] in lines:
            return lines[key[:end]]
    return None


def _model_findings(data: dict[str, Any], lines: dict[PathKey, int],
                    file: str | None) -> Iterator[Finding]:
    from upsides_data.datamodel.upsides import Dataset

    try:
        Dataset.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            key = tuple(error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            value = error.get("input")
            if isinstance(value, (str, int, float, bool)) and str(value) not in message:
                message += f" (got {value!r})"
            yield Finding(RULE_MODEL, message, file=file, row=_line(lines, key),
                          field=_field_name(key) or None)


@dataclass(frozen=True)
class _Record:
    collection: str
    index: int
    class_name: str
    id: str
    body: dict[str, Any]

    @property
    def key(self) -> PathKey:
        return (self.collection, self.index)


def _records(data: dict[str, Any]) -> Iterator[_Record]:
    """Every record with a string id, in file order; malformed ones are the model's to report."""
    for collection, class_name in collections().items():
        items = data.get(collection)
        if not isinstance(items, list):
            continue
        for index, body in enumerate(items):
            if isinstance(body, dict) and isinstance(body.get("id"), str):
                yield _Record(collection, index, class_name, body["id"], body)


def _integrity_findings(data: dict[str, Any], lines: dict[PathKey, int],
                        file: str | None) -> Iterator[Finding]:
    records = list(_records(data))
    first: dict[str, _Record] = {}
    for record in records:
        earlier = first.setdefault(record.id, record)
        if earlier is not record:
            yield Finding(RULE_DUPLICATE_ID,
                          f"identifier {record.id} is already used by "
                          f"{_field_name(earlier.key)} (line {_line(lines, earlier.key)})",
                          file=file, row=_line(lines, (*record.key, "id")),
                          field=_field_name((*record.key, "id")))
    class_of_id = {record.id: record.class_name for record in first.values()}
    yield from _reference_findings(records, class_of_id, lines, file)
    yield from _cycle_findings(records, lines, file)
    yield from _absence_findings(records, lines, file)


def _values(record: _Record, ref: ReferenceSlot) -> Iterator[tuple[PathKey, str]]:
    value = record.body.get(ref.slot)
    if ref.multivalued and isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield (*record.key, ref.slot, index), item
    elif isinstance(value, str):
        yield (*record.key, ref.slot), value


def _reference_findings(records: list[_Record], class_of_id: dict[str, str],
                        lines: dict[PathKey, int], file: str | None) -> Iterator[Finding]:
    by_owner: dict[str, list[ReferenceSlot]] = {}
    for ref in reference_slots():
        by_owner.setdefault(ref.owner, []).append(ref)
    for record in records:
        for ref in by_owner.get(record.class_name, []):
            for key, target_id in _values(record, ref):
                actual = class_of_id.get(target_id)
                if actual == ref.target:
                    continue
                if actual is None:
                    message = f"{target_id} is not the id of any {ref.target} record in this file"
                else:
                    message = f"{target_id} is a {actual} record, not a {ref.target}"
                yield Finding(RULE_REFERENCE, message, file=file, row=_line(lines, key),
                              field=_field_name(key),
                              hint=f"add the {ref.target} record or correct the identifier")


def _cycle_findings(records: list[_Record], lines: dict[PathKey, int],
                    file: str | None) -> Iterator[Finding]:
    """Hierarchies are the single-valued slots whose range is their own class (a parent)."""
    for ref in reference_slots():
        if ref.multivalued or ref.owner != ref.target:
            continue
        members = {r.id: r for r in records if r.class_name == ref.owner}
        parent = {i: r.body.get(ref.slot) for i, r in members.items()}
        reported: set[str] = set()
        for start in sorted(members):
            chain: list[str] = []
            current: Any = start
            while isinstance(current, str) and current in members and current not in chain:
                chain.append(current)
                current = parent[current]
            if current not in chain:
                continue  # reached a root or a missing parent (reported as a reference)
            cycle = chain[chain.index(current):]
            if reported.intersection(cycle):
                continue
            reported.update(cycle)
            anchor = members[min(cycle)]
            path = " -> ".join([*cycle, cycle[0]])
            yield Finding(RULE_CYCLE,
                          f"{ref.owner.lower()} {anchor.id} is its own ancestor via "
                          f"{ref.slot}: {path}",
                          file=file, row=_line(lines, (*anchor.key, ref.slot)),
                          field=_field_name((*anchor.key, ref.slot)),
                          hint=f"a {ref.owner.lower()} hierarchy must be a tree")


def _snake(class_name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower()
                   for i, c in enumerate(class_name))


def _absence_findings(records: list[_Record], lines: dict[PathKey, int],
                      file: str | None) -> Iterator[Finding]:
    """A value beside a reason for its absence; neither where the class needs one."""
    for record in records:
        spec = absence.absence(_snake(record.class_name))
        for column, reason_column in sorted(spec.reason_of.items()):
            value, reason = record.body.get(column), record.body.get(reason_column)
            has_value = value not in (None, "", [])
            if has_value and reason not in (None, ""):
                key = (*record.key, reason_column)
                yield Finding(absence.RULE_BOTH, absence.both_message(column, value, reason),
                              file=file, row=_line(lines, key), field=_field_name(key),
                              hint=absence.both_hint(column))
            elif not has_value and reason in (None, "") and column in spec.required:
                key = record.key
                yield Finding(absence.RULE_NEITHER, absence.neither_message(column),
                              file=file, row=_line(lines, key),
                              field=_field_name((*record.key, column)),
                              hint=absence.neither_hint(column))
