"""``import_qdpx`` and ``import_qdc``: REFI-QDA files to packages, leniently and safely.

The archive is checked before it is read (``archive``), the XML is parsed without DTDs or entities
(``xmlsafe``), every source's offsets are read the way that fits (``offsets``) and the model is
mapped to tables (``fromqda``, with ``codetree`` and ``cases``). The result is a site package
(restricted by default: QDA projects hold full transcripts) and, when the project has codes the
reference packages do not already hold, a codebook package beside it. Both are written through
the output writer, together or not at all; nothing is written when the input is refused.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from upsides_data import arguments, ids
from upsides_data.errors import UnreadableInputError, UsageError
from upsides_data.findings import Finding, Report, Severity
from upsides_data.gateway import check_written, read_inputs
from upsides_data.output import check_target, write_together
from upsides_data.package import PackageMeta, write_package
from upsides_data.package.writer import write_package_files
from upsides_data.qda import model as m
from upsides_data.qda import refusals
from upsides_data.qda.archive import MAX_MEMBER_BYTES, open_qdpx
from upsides_data.qda.fromqda import LABEL, SourceText, map_project
from upsides_data.qda.idmap import Ids
from upsides_data.qda.guids import guid_for
from upsides_data.qda.offsets import detect, normalise, prior_for
from upsides_data.qda.toqda import EXCERPT_MARKER
from upsides_data.qda.xmlread import Reader
from upsides_data.qda.xmlsafe import local, namespace, parse



@dataclass
class ImportResult:
    """What was written, what could not be mapped, and how each source's offsets were read."""

    site_package: Path | None
    codebook_package: Path | None
    report: Report = field(default_factory=Report)
    log: list[str] = field(default_factory=list)
    readings: dict[str, str] = field(default_factory=dict)  # source name -> reading used


def _scope_and_id(value: str, record: str, option: str) -> tuple[str, str]:
    """``ulm`` or ``upsides:ulm/site`` -> (``ulm``, ``upsides:ulm/site``)."""
    value = value.strip()
    if value.startswith("upsides:"):
        scope = value[len("upsides:"):].split("/", 1)[0]
        ident = value
    else:
        scope, ident = value, f"upsides:{value}/{record}"
    if not ids.is_scope(scope):
        raise UsageError(f"{option} {value!r}: a scope is lower-case letters, digits and hyphens "
                         "(for example 'ulm' or 'upsides:ulm/site')")
    return scope, ident


def known_ids(reference: Iterable[str | Path], studies: list | None = None
              ) -> tuple[dict[str, str], dict[str, PackageMeta], Path | None]:
    """GUID -> id for every id in the reference packages, plus the fragments our export uses;
    the reference packages' metadata by kind, and the reference codebook package's path.

    The reference packages are read through the gateway, validated. The study rows of
    reference codebook packages are appended to ``studies`` when given.
    """
    known: dict[str, str] = {}
    metas: dict[str, PackageMeta] = {}
    codebook: Path | None = None
    paths = [Path(p) for p in reference]
    if not paths:
        return known, metas, codebook
    read = read_inputs(paths, validate=True, purpose="import (--reference packages)")
    for path, package in zip(paths, read.packages):
        metas[package.meta.kind] = package.meta
        if package.meta.kind == "codebook":
            codebook = path
        for table in package.resources():
            frame = package.text_frame(table)
            if table == "study" and studies is not None:
                studies.extend(frame.to_dicts())
            if "id" not in frame.columns:
                continue
            for ident in frame["id"].drop_nulls().to_list():
                known[guid_for(ident)] = ident
                if table == "codebook":
                    known[guid_for(ident, "themes")] = "#themes"
                elif table == "theme":
                    known[guid_for(ident, "codes")] = f"{ident}#codes"
    return known, metas, codebook


def _decode(data: bytes) -> tuple[str, str | None]:
    """Source bytes as text, keeping a BOM as U+FEFF so offset detection can weigh it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "\ufeff" + data.decode("utf-16"), "the source file is UTF-16, not UTF-8"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "the source file is not UTF-8; read as Windows-1252"


def _read_texts(project: m.Project, archive, report: Report, log: list[str],
                readings: dict[str, str]) -> dict[str, SourceText]:
    prior = prior_for(project.origin)
    texts: dict[str, SourceText] = {}
    pending = []
    for src in project.sources:
        raw = src.text if src.inline else None
        path = src.plain_text_path or ""
        if raw is None and path.lower().startswith("internal://"):
            data = archive.read_source(path[len("internal://"):]) if archive else None
            if data is None:
                report.extend([_warn(f"source {src.name!r}: {path} is not in the archive's "
                                     "sources folder")])
            elif (kind := refusals.binary_kind(data)) is not None:
                report.extend([refusals.binary_source(src.name or src.guid, path, kind,
                                                      f"sources/{path[len('internal://'):]}")])
            else:
                raw, problem = _decode(data)
                if problem:
                    report.extend([_warn(f"source {src.name!r}: {problem}")])
        elif raw is None and path:
            report.extend([_warn(f"source {src.name!r}: external text {path!r} is not read "
                                 "(only internal:// sources travel with a QDPX)")])
        elif raw is None:
            report.extend([_warn(f"source {src.name!r} has no plain text"
                                 + (" (rich text only)" if src.rich_text_path else ""))])
        if raw is None:
            texts[src.guid] = SourceText(None)
            continue
        nt = normalise(raw)
        excerpt = (src.description or "").strip() == EXCERPT_MARKER
        texts[src.guid] = SourceText(nt, excerpt=excerpt)
        pending.append(src)
    results = {}
    for src in pending:
        nt = texts[src.guid].normal
        positions = [(s.start, s.end) for s in src.selections]
        claims = [[c for c in (s.name, s.description) if c and c.strip() and not LABEL.match(c.strip())]
                  for s in src.selections]
        results[src.guid] = (positions, claims, detect(nt, positions, claims, prior))
    verified = Counter(d.reading for _, _, d in results.values() if d.verified)
    project_reading = verified.most_common(1)[0][0] if verified else prior
    for src in pending:
        positions, claims, det = results[src.guid]
        if not det.verified and project_reading is not None:
            det = detect(texts[src.guid].normal, positions, claims, project_reading)
        texts[src.guid].spans = det.spans
        how = (f"verified against {det.verified} of {det.checkable} selection texts"
               if det.checkable else "no selection text to verify against; "
               + ("the project's reading" if project_reading else "the spec's reading") + " assumed")
        label = src.name or src.guid
        readings[label] = det.reading.describe()
        log.append(f"source {label!r}: offsets read as {det.reading.describe()} ({how})")
        if det.bad:
            report.extend([_warn(f"source {label!r}: {len(det.bad)} selections do not fit the text "
                                 "under any reading; left out", rule="qda-offsets")])
        if det.verified and det.verified < det.checkable:
            report.extend([_warn(f"source {label!r}: {det.checkable - det.verified} selection texts "
                                 "differ from the text at their offsets", rule="qda-offsets")])
    return texts


def _refuse(findings: list[Finding], source: str | Path) -> None:
    """Refuse the whole input (exit 2, nothing written) when ``findings`` is not empty."""
    if findings:
        raise UnreadableInputError(f"{source}: refused ({len(findings)} "
                                   f"{findings[0].rule} finding{'s' if len(findings) > 1 else ''})",
                                   findings=findings)


def _warn(message: str, rule: str = "qda-unmappable") -> Finding:
    return Finding(rule=rule, message=message, severity=Severity.WARNING)


def _check_outputs(paths: list[Path], inputs: list[Path], force: bool) -> None:
    """Refuse before the work starts, as the output writer would at the end."""
    for path in paths:
        check_target(path, inputs=inputs, force=force)


def import_qdpx(qdpx_path: str | Path, out: str | Path | None = None, *, site: str, study: str,
                access_level: str = "restricted", codebook_out: str | Path | None = None,
                reference: Iterable[str | Path] = (), country: str | None = None,
                site_name: str | None = None, force: bool = False,
                out_dir: str | Path | None = None) -> ImportResult:
    """Import a QDPX project as a site package at ``out`` (and its codebook beside it).

    Both packages are written through ``output.write_together``: they appear together or not
    at all.

    ``reference`` packages (the site and codebook packages a project was exported from) let
    GUIDs be recognised so records get their ids back. New codes go to ``codebook_out``
    (default: ``<out>-codebook`` beside the site package). ``out_dir`` is the old,
    deprecated name of ``out``.
    """
    arguments.path(qdpx_path, function="import_qdpx", name="qdpx_path")
    out_dir = arguments.out(out, out_dir, function="import_qdpx", old="out_dir")
    if access_level not in ("public", "restricted"):
        raise UsageError(f"access level {access_level!r}: choose public or restricted")
    site_scope, site_id = _scope_and_id(site, "site", "--site")
    study_scope, study_id = _scope_and_id(study, "study", "--study")
    out = Path(out_dir)
    cb_out = Path(codebook_out) if codebook_out else out.with_name(f"{out.name}-codebook")
    reference = list(reference)
    inputs = [Path(qdpx_path), *map(Path, reference)]
    _check_outputs([out, cb_out], inputs, force)
    studies: list = []
    known, metas, reference_codebook = known_ids(reference, studies)
    report, log, readings = Report(checked=[str(qdpx_path)]), [], {}
    archive = open_qdpx(qdpx_path)
    try:
        parsed = parse(archive.project_bytes, f"{qdpx_path}:{archive.project_name}")
        if local(parsed.root.tag) != "Project":
            raise UnreadableInputError(f"{qdpx_path}: the project file's root is "
                                       f"{local(parsed.root.tag)!r}, not Project")
        ns = namespace(parsed.root.tag)
        if not ns.lower().startswith("urn:qda-xml:project"):
            report.extend([_warn(f"unexpected namespace {ns!r}; read as QDA-XML project",
                                 rule="qda-namespace")])
        if parsed.repaired:
            report.extend([_warn(f"{parsed.repaired} characters XML 1.0 forbids were removed from "
                                 "the project file", rule="qda-forbidden-characters")])
        _refuse(refusals.duplicate_guids(parsed.root, archive.project_name), qdpx_path)
        reader = Reader()
        project = reader.project(parsed.root)
        report.extend(_warn(p) for p in reader.problems)
        texts = _read_texts(project, archive, report, log, readings)
        _refuse([f for f in report.findings if f.rule == refusals.RULE_BINARY], qdpx_path)
        for note in project.notes:
            if note.text is None and (note.plain_text_path or "").lower().startswith("internal://"):
                data = archive.read_source(note.plain_text_path[len("internal://"):])
                note.text = _decode(data)[0].lstrip("\ufeff") if data else None
    finally:
        archive.close()
    log.insert(0, f"project {project.name!r} from {project.origin or 'unknown software'}: "
               f"{len(project.sources)} text sources, {sum(len(s.selections) for s in project.sources)} "
               "selections")
    for kind, guid, name in project.other_sources:
        report.extend([_warn(f"{kind} {name or guid!r}: only text sources are expressible; left out",
                             rule="qda-not-expressible")])
    for name, count in sorted(Counter(project.unknown).items()):
        report.extend([_warn(f"{count} {name} elements are not expressible; left out",
                             rule="qda-not-expressible")])
    cb_meta = metas.get("codebook")
    codebook_id = next((v for v in known.values() if v.startswith(f"upsides:{study_scope}/")
                        and guid_for(v, "themes") in known), f"upsides:{study_scope}/codebook")
    mapped = map_project(project, texts, site_id=site_id, study_id=study_id,
                         codebook_id=codebook_id, ids=Ids(known), access_level=access_level)
    report.extend(mapped.findings)

    labels = Counter(q["label_site"] for q in mapped.site.get("quote", []) if q.get("label_site"))
    label = labels.most_common(1)[0][0] if labels else \
        (re.sub(r"[^A-Za-z0-9]", "", site_scope.title()) or "Site")
    if country is None:
        report.extend([_warn("the site's country is unknown; recorded as ZZ (unknown). Pass "
                             "--country", rule="qda-site-unknown")])
    mapped.site["site"] = [{"id": site_id, "label": label, "name": site_name or f"Site {label}",
                            "country": (country or "ZZ").upper()}]
    has_codebook = bool(mapped.codebook.get("code") or mapped.codebook.get("theme"))
    write_cb = has_codebook and not (mapped.all_codes_known and cb_meta is not None)
    cb_name = f"upsides-{study_scope}-codebook"
    cb_version = "1.0.0"
    if write_cb:
        mapped.codebook["codebook"] = [{"id": codebook_id, "title": project.name or "Imported codebook",
                                        "version": cb_version}]
        study_rows = [r for r in studies if r.get("id") == study_id]
        if not study_rows:
            study_rows = [{"id": study_id, "title": f"Study {study_scope} (imported from a QDA project)",
                           "phase": "other", "population": "mixed", "licence": "unknown",
                           "notes": "Placeholder written by upsides import qdpx: describe the study"}]
            report.extend([_warn(f"the study {study_id} is not in any reference package; a "
                                 "placeholder study row was written to the codebook package "
                                 "(edit study.csv, or pass the codebook package with --reference)",
                                 rule="qda-study-placeholder")])
        mapped.codebook["study"] = study_rows
    elif cb_meta is not None:
        cb_name, cb_version = cb_meta.name, cb_meta.version
    meta = PackageMeta(name=f"upsides-{study_scope}-{site_scope}", kind="site",
                       access_level=access_level, site=site_id, study=study_id,
                       title=f"Site package imported from {project.name or 'a QDA project'}",
                       codebook={"name": cb_name, "version": cb_version} if has_codebook else None)
    parts = [(out, meta, mapped.site)]
    if write_cb:
        title = f"Codebook imported from {project.name or 'a QDA project'}"
        parts.append((cb_out, PackageMeta(name=cb_name, kind="codebook", version=cb_version,
                                          access_level=access_level, study=study_id, title=title),
                      mapped.codebook))
    with write_together([p[0] for p in parts], inputs=inputs, force=force) as stagings:
        for staging, (_, part_meta, tables) in zip(stagings, parts):
            write_package_files(staging, part_meta, tables)
        # Both parts are checked before either is renamed: the site package against the staged
        # codebook package (or the reference codebook it names).
        site_codebook = stagings[1] if write_cb else reference_codebook
        if write_cb:
            check_written(stagings[1])
        check_written(stagings[0], codebook=site_codebook)
    if write_cb:
        log.append(f"codebook package written to {cb_out}")
    log.append(f"site package written to {out}")
    return ImportResult(out, cb_out if write_cb else None, report, log, readings)


def import_qdc(qdc_path: str | Path, out: str | Path | None = None, *, study: str | None = None,
               access_level: str = "public", reference: Iterable[str | Path] = (),
               force: bool = False, out_dir: str | Path | None = None) -> ImportResult:
    """Import a QDC codebook as a codebook package (codes, the Themes tree, theme sets).

    Without ``study`` the scope of new ids is the output folder's name, lower-cased.
    ``out_dir`` is the old, deprecated name of ``out``.
    """
    arguments.path(qdc_path, function="import_qdc", name="qdc_path")
    out_dir = arguments.out(out, out_dir, function="import_qdc", old="out_dir")
    path, out = Path(qdc_path), Path(out_dir)
    if not path.is_file():
        raise UnreadableInputError(f"{path}: no such file")
    if path.stat().st_size > MAX_MEMBER_BYTES:
        raise UnreadableInputError(f"{path}: refused: larger than {MAX_MEMBER_BYTES} bytes")
    scope_value = study or re.sub(r"[^a-z0-9]+", "-", out.name.lower()).strip("-") or "codebook"
    study_scope, study_id = _scope_and_id(scope_value, "study", "--study")
    reference = list(reference)
    inputs = [path, *map(Path, reference)]
    _check_outputs([out], inputs, force)
    known, _, _ = known_ids(reference)
    parsed = parse(path.read_bytes(), str(path))
    if local(parsed.root.tag) != "CodeBook":
        raise UnreadableInputError(f"{path}: the root is {local(parsed.root.tag)!r}, not CodeBook")
    _refuse(refusals.duplicate_guids(parsed.root, path.name), path)
    report, log = Report(checked=[str(path)]), []
    reader = Reader()
    project = reader.codebook(parsed.root)
    report.extend(_warn(p) for p in reader.problems)
    for name, count in sorted(Counter(project.unknown).items()):
        report.extend([_warn(f"{count} {name} elements are not expressible; left out",
                             rule="qda-not-expressible")])
    codebook_id = f"upsides:{study_scope}/codebook"
    mapped = map_project(project, {}, site_id=f"upsides:{study_scope}/site", study_id=study_id,
                         codebook_id=codebook_id, ids=Ids(known), access_level=access_level)
    report.extend(f for f in mapped.findings if f.rule != "qda-pseudonymised")
    mapped.codebook["codebook"] = [{"id": codebook_id, "title": f"Codebook imported from {path.name}",
                                    "version": "1.0.0"}]
    write_package(out, PackageMeta(name=f"upsides-{study_scope}-codebook", kind="codebook",
                                   access_level=access_level, study=study_id,
                                   title=f"Codebook imported from {path.name}"), mapped.codebook,
                  force=force, inputs=inputs, check=check_written)
    log.append(f"codebook package written to {out} (id scope {study_scope})")
    return ImportResult(None, out, report, log, {})
