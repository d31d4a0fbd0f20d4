"""Reading one QDPX: its project model and its sources' texts, with the offsets read right.

The archive is checked before it is read (``archive``), the XML is parsed without DTDs or
entities (``xmlsafe``), and every source's offsets are read the way that fits (``offsets``);
problems become findings in the caller's report, refusals raise ``UnreadableInputError``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from upsides_data.errors import UnreadableInputError
from upsides_data.findings import Finding, Report, Severity
from upsides_data.qda import model as m
from upsides_data.qda import refusals
from upsides_data.qda.archive import open_qdpx
from upsides_data.qda.fromqda import LABEL, SourceText
from upsides_data.qda.offsets import NormalText, detect, normalise, prior_for
from upsides_data.qda.toqda import EXCERPT_MARKER
from upsides_data.qda.xmlread import Reader
from upsides_data.qda.xmlstream import stream_project
from upsides_data.qda.xmlsafe import local, namespace, parse


def decode(data: bytes) -> tuple[str, str | None]:
    """Source bytes as text, keeping a BOM as U+FEFF so offset detection can weigh it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "\ufeff" + data.decode("utf-16"), "the source file is UTF-16, not UTF-8"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "the source file is not UTF-8; read as Windows-1252"


def _read_texts(project: m.Project, archive: Any, report: Report, log: list[str],
                readings: dict[str, str]) -> dict[str, SourceText]:
    prior = prior_for(project.origin)
    texts: dict[str, SourceText] = {}
    pending = []
    normals: dict[str, NormalText] = {}  # the sources read as text, by GUID
    for src in project.sources:
        raw = src.text if src.inline else None
        path = src.plain_text_path or ""
        if raw is None and path.lower().startswith("internal://"):
            data = archive.read_source(path[len("internal://"):]) if archive else None
            if data is None:
                report.extend([warn(f"source {src.name!r}: {path} is not in the archive's "
                                     "sources folder")])
            elif (kind := refusals.binary_kind(data)) is not None:
                report.extend([refusals.binary_source(src.name or src.guid, path, kind,
                                                      f"sources/{path[len('internal://'):]}")])
            else:
                raw, problem = decode(data)
                if problem:
                    report.extend([warn(f"source {src.name!r}: {problem}")])
        elif raw is None and path:
            report.extend([warn(f"source {src.name!r}: external text {path!r} is not read "
                                 "(only internal:// sources travel with a QDPX)")])
        elif raw is None:
            report.extend([warn(f"source {src.name!r} has no plain text"
                                 + (" (rich text only)" if src.rich_text_path else ""))])
        if raw is None:
            texts[src.guid] = SourceText(None)
            continue
        nt = normalise(raw)
        excerpt = (src.description or "").strip() == EXCERPT_MARKER
        texts[src.guid] = SourceText(nt, excerpt=excerpt)
        normals[src.guid] = nt
        pending.append(src)
    results = {}
    for src in pending:
        nt = normals[src.guid]
        positions = [(s.start, s.end) for s in src.selections]
        claims = [[c for c in (s.name, s.description) if c and c.strip() and not LABEL.match(c.strip())]
                  for s in src.selections]
        results[src.guid] = (positions, claims, detect(nt, positions, claims, prior))
    verified = Counter(d.reading for _, _, d in results.values() if d.verified)
    project_reading = verified.most_common(1)[0][0] if verified else prior
    for src in pending:
        positions, claims, det = results[src.guid]
        if not det.verified and project_reading is not None:
            det = detect(normals[src.guid], positions, claims, project_reading)
        texts[src.guid].spans = det.spans
        how = (f"verified against {det.verified} of {det.checkable} selection texts"
               if det.checkable else "no selection text to verify against; "
               + ("the project's reading" if project_reading else "the spec's reading") + " assumed")
        label = src.name or src.guid
        readings[label] = det.reading.describe()
        log.append(f"source {label!r}: offsets read as {det.reading.describe()} ({how})")
        if det.bad:
            report.extend([warn(f"source {label!r}: {len(det.bad)} selections do not fit the text "
                                 "under any reading; left out", rule="qda-offsets")])
        if det.verified and det.verified < det.checkable:
            report.extend([warn(f"source {label!r}: {det.checkable - det.verified} selection texts "
                                 "differ from the text at their offsets", rule="qda-offsets")])
    return texts


def refuse(findings: list[Finding], source: str | Path) -> None:
    """Refuse the whole input (exit 2, nothing written) when ``findings`` is not empty."""
    if findings:
        raise UnreadableInputError(f"{source}: refused ({len(findings)} "
                                   f"{findings[0].rule} finding{'s' if len(findings) > 1 else ''})",
                                   findings=findings)


def warn(message: str, rule: str = "qda-unmappable") -> Finding:
    return Finding(rule=rule, message=message, severity=Severity.WARNING)


def read_project(qdpx_path: Path, report: Report, log: list[str],
                  readings: dict[str, str]) -> tuple[m.Project, dict[str, SourceText]]:
    """One QDPX's project model and its sources' texts (refused inputs raise)."""
    archive = open_qdpx(qdpx_path)
    try:
        streamed = stream_project(archive)
        if streamed is not None:  # one item at a time (xmlstream); the careful reader else
            project, reader, root_tag = streamed
            _namespace(root_tag, report)
        else:
            parsed = parse(archive.project_bytes, f"{qdpx_path}:{archive.project_name}")
            if local(parsed.root.tag) != "Project":
                raise UnreadableInputError(f"{qdpx_path}: the project file's root is "
                                           f"{local(parsed.root.tag)!r}, not Project")
            _namespace(parsed.root.tag, report)
            if parsed.repaired:
                report.extend([warn(f"{parsed.repaired} characters XML 1.0 forbids were removed "
                                     "from the project file", rule="qda-forbidden-characters")])
            refuse(refusals.duplicate_guids(parsed.root, archive.project_name), qdpx_path)
            reader = Reader()
            project = reader.project(parsed.root)
        report.extend(warn(p) for p in reader.problems)
        texts = _read_texts(project, archive, report, log, readings)
        refuse([f for f in report.findings if f.rule == refusals.RULE_BINARY], qdpx_path)
        for note in project.notes:
            path = note.plain_text_path or ""
            if note.text is None and path.lower().startswith("internal://"):
                data = archive.read_source(path[len("internal://"):])
                note.text = decode(data)[0].lstrip("\ufeff") if data else None
    finally:
        archive.close()
    log.append(f"project {project.name!r} from {project.origin or 'unknown software'}: "
               f"{len(project.sources)} text sources, {sum(len(s.selections) for s in project.sources)} "
               "selections")
    return project, texts


def _namespace(root_tag: str, report: Report) -> None:
    ns = namespace(root_tag)
    if not ns.lower().startswith("urn:qda-xml:project"):
        report.extend([warn(f"unexpected namespace {ns!r}; read as QDA-XML project",
                             rule="qda-namespace")])


def one_coder(project: m.Project, path: Path, log: list[str]) -> None:
    """Codings without a creating user are the project's only user's (one coder's project)."""
    if len(project.users) != 1:
        return
    user = project.users[0].guid
    codings = [c for s in project.sources for sel in s.selections for c in sel.codings]
    codings += [c for s in project.sources for c in s.codings]
    missing = [c for c in codings if c.creating_user is None]
    for coding in missing:
        coding.creating_user = user
    if missing:
        log.append(f"{path.name}: {len(missing)} codings name no user; they are the project's "
                   "only user's")
