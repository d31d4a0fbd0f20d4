"""``import_qdpx`` and ``import_qdc``: REFI-QDA files to packages, leniently and safely.

Each QDPX is read safely (``projectread``); several coders' projects are combined into one
(``coders``); codes are matched to a consortium codebook when one is given (``codebookmatch``);
the model is mapped to tables (``fromqda``, with ``codetree`` and ``cases``). The result is a
site package (restricted by default: QDA projects hold full transcripts) and, when the project
has codes the reference packages do not already hold, a codebook package beside it (with a
consortium codebook: the site's extension of it, ``extension``). Both are written through the
output writer, together or not at all; nothing is written when the input is refused.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from upsides_data import arguments, ids
from upsides_data.errors import UnreadableInputError, UsageError
from upsides_data.findings import Report
from upsides_data.gateway import check_written, read_inputs
from upsides_data.output import check_target, write_together
from upsides_data.package import PackageMeta, write_package
from upsides_data.package.writer import write_package_files
from upsides_data.qda import refusals
from upsides_data.qda.archive import MAX_MEMBER_BYTES
from upsides_data.qda.codebookmatch import Codebook, match_codes
from upsides_data.qda.coders import combine
from upsides_data.qda.extension import with_consortium
from upsides_data.qda.fromqda import map_project
from upsides_data.qda.idmap import Ids
from upsides_data.qda.guids import guid_for
from upsides_data.qda.model import Project
from upsides_data.qda.projectread import one_coder, read_project, refuse, warn
from upsides_data.qda.xmlread import Reader
from upsides_data.qda.xmlsafe import local, parse



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


def known_ids(reference: Iterable[str | Path], studies: list | None = None, *,
              codebook: str | Path | None = None, codebook_tables: dict | None = None,
              sites: list | None = None
              ) -> tuple[dict[str, str], dict[str, PackageMeta], Path | None]:
    """GUID -> id for every id in the reference packages, plus the fragments our export uses;
    the reference packages' metadata by kind, and the reference codebook package's path.

    The reference packages are read through the gateway, validated. The study rows of
    reference codebook packages are appended to ``studies`` when given, the site rows to
    ``sites``; the tables of the ``codebook`` package are put into ``codebook_tables`` when given.
    """
    known: dict[str, str] = {}
    metas: dict[str, PackageMeta] = {}
    found: Path | None = None
    paths = [Path(p) for p in reference]
    if not paths:
        return known, metas, found
    chosen = Path(codebook) if codebook is not None else None
    read = read_inputs(paths, validate=True, purpose="import (--reference packages)")
    for path, package in zip(paths, read.packages):
        if chosen is not None and path != chosen and package.meta.kind == "codebook":
            pass  # another codebook package: its ids are known, the chosen one is the codebook
        else:
            metas[package.meta.kind] = package.meta
            if package.meta.kind == "codebook":
                found = path
        for table in package.resources():
            frame = package.text_frame(table)
            if codebook_tables is not None and path == chosen:
                codebook_tables[table] = frame.to_dicts()
            if table == "study" and studies is not None:
                studies.extend(frame.to_dicts())
            if table == "site" and sites is not None:
                sites.extend(frame.to_dicts())
            if "id" not in frame.columns:
                continue
            for ident in frame["id"].drop_nulls().to_list():
                known[guid_for(ident)] = ident
                if table == "codebook":
                    known[guid_for(ident, "themes")] = "#themes"
                elif table == "theme":
                    known[guid_for(ident, "codes")] = f"{ident}#codes"
    return known, metas, found


def _check_outputs(paths: list[Path], inputs: list[Path], force: bool) -> None:
    """Refuse before the work starts, as the output writer would at the end."""
    for path in paths:
        check_target(path, inputs=inputs, force=force)


def _reference_country(sites: list[dict[str, Any]], site_id: str) -> str | None:
    """The country of ``site_id`` as a reference package's site record gives it."""
    return next((str(row["country"]) for row in sites
                 if row.get("id") == site_id and row.get("country")), None)


def _paths_of(qdpx: str | Path | Sequence[str | Path]) -> list[Path]:
    paths = [Path(p) for p in arguments.paths(qdpx, function="import_qdpx", name="qdpx_path")]
    if not paths:
        raise UsageError("import qdpx needs at least one .qdpx file")
    return paths


def import_qdpx(qdpx_path: str | Path | Sequence[str | Path], out: str | Path | None = None, *,
                site: str, study: str, access_level: str = "restricted",
                codebook_out: str | Path | None = None, reference: Iterable[str | Path] = (),
                country: str | None = None, site_name: str | None = None, force: bool = False,
                codebook: str | Path | None = None,
                out_dir: str | Path | None = None) -> ImportResult:
    """Import QDPX projects as a site package at ``out`` (and its codebook beside it).

    Several projects (one per coder, of the same transcripts) become one site package whose
    codings each keep their coder (``qda.coders``). With ``codebook`` (the consortium codebook
    package) the project's codes are mapped to it by GUID, then by name, and codes it lacks go
    to the site's extension codebook package at ``codebook_out`` (default
    ``<out_dir>-codebook-ext``); quotes get the themes their codes map to.

    Both packages are written through ``output.write_together``: they appear together or not
    at all.

    ``reference`` packages (the site and codebook packages a project was exported from) let
    GUIDs be recognised so records get their ids back. Without ``codebook``, new codes go to
    ``codebook_out`` (default: ``<out>-codebook`` beside the site package). ``out_dir`` is the
    old, deprecated name of ``out``.
    """
    out_dir = arguments.out(out, out_dir, function="import_qdpx", old="out_dir")
    if access_level not in ("public", "restricted"):
        raise UsageError(f"access level {access_level!r}: choose public or restricted")
    site_scope, site_id = _scope_and_id(site, "site", "--site")
    study_scope, study_id = _scope_and_id(study, "study", "--study")
    out = Path(out_dir)
    suffix = "-codebook-ext" if codebook is not None else "-codebook"
    cb_out = Path(codebook_out) if codebook_out else out.with_name(f"{out.name}{suffix}")
    paths = _paths_of(qdpx_path)
    references = [Path(p) for p in reference]
    if codebook is not None and Path(codebook) not in references:
        references.append(Path(codebook))
    inputs = [*paths, *references]
    _check_outputs([out, cb_out], inputs, force)
    studies: list = []
    cb_tables: dict[str, list[dict]] = {}
    reference_sites: list[dict[str, Any]] = []
    known, metas, reference_codebook = known_ids(references, studies, codebook=codebook,
                                                 codebook_tables=cb_tables, sites=reference_sites)
    report = Report(checked=[str(p) for p in paths])
    log: list[str] = []
    readings: dict[str, str] = {}
    projects = [read_project(path, report, log, readings) for path in paths]
    country = country or _reference_country(reference_sites, site_id)
    if country is None:  # a QDA project does not say where it was made; never invented
        raise UsageError(f"the country of the site {site_id} is unknown: pass --country",
                         rule="qda-site-unknown",
                         hint="upsides import qdpx project.qdpx --site ulm --study mhw-2019 "
                              "--country DE (or --reference the site's package)")
    if len(projects) > 1:
        for (part, _), path in zip(projects, paths):
            one_coder(part, path, log)
        project, texts, combined = combine(projects)
        log.extend(combined)
    else:
        project, texts = projects[0]
    for kind, guid, name in project.other_sources:
        report.extend([warn(f"{kind} {name or guid!r}: only text sources are expressible; left out",
                             rule="qda-not-expressible")])
    for name, count in sorted(Counter(project.unknown).items()):
        report.extend([warn(f"{count} {name} elements are not expressible; left out",
                             rule="qda-not-expressible")])
    cb_meta = metas.get("codebook")
    consortium = None
    if codebook is not None and cb_meta is not None:
        consortium = Codebook(cb_meta.name, cb_meta.version, cb_tables)
        matched = match_codes(project, consortium, known)
        report.extend(matched.findings)
        log.append(f"codebook {consortium.name} {consortium.version}: {matched.by_guid} codes "
                   f"found by GUID, {matched.by_name} by name, {len(matched.unmapped)} not in it")
        codebook_id = next((r["id"] for r in cb_tables.get("codebook", [])),
                           f"upsides:{study_scope}/codebook")
        ids = Ids(known, themes=consortium.themes, prefix=f"{site_scope}-")
    else:
        codebook_id = next((v for v in known.values() if v.startswith(f"upsides:{study_scope}/")
                            and guid_for(v, "themes") in known), f"upsides:{study_scope}/codebook")
        ids = Ids(known)
    mapped = map_project(project, texts, site_id=site_id, study_id=study_id,
                         codebook_id=codebook_id, ids=ids, access_level=access_level)
    report.extend(mapped.findings)
    # the model and the texts are in the tables now: let them go before the packages are
    # written and validated (only the project's name is used below)
    project = Project(name=project.name)
    del texts, projects

    labels = Counter(q["label_site"] for q in mapped.site.get("quote", []) if q.get("label_site"))
    label = labels.most_common(1)[0][0] if labels else \
        (re.sub(r"[^A-Za-z0-9]", "", site_scope.title()) or "Site")
    mapped.site["site"] = [{"id": site_id, "label": label, "name": site_name or f"Site {label}",
                            "country": country.upper()}]
    if consortium is not None and cb_meta is not None:
        site_meta = PackageMeta(name=f"upsides-{study_scope}-{site_scope}", kind="site",
                                access_level=access_level, site=site_id, study=study_id,
                                title=f"Site package imported from "
                                      f"{project.name or 'a QDA project'}")
        meta, cb_part = with_consortium(consortium, cb_meta, mapped.site, mapped.codebook,
                                        site_scope=site_scope, site_meta=site_meta, log=log)
        write_cb = cb_part is not None
        parts = [(out, meta, mapped.site)] + ([(cb_out, *cb_part)] if cb_part else [])
    else:
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
                report.extend([warn(f"the study {study_id} is not in any reference package; a "
                                     "placeholder study row was written to the codebook package "
                                     "(edit study.csv, or pass the codebook package with --reference)",
                                     rule="qda-study-placeholder")])
            mapped.codebook["study"] = study_rows
        elif cb_meta is not None:
            cb_name, cb_version = cb_meta.name, cb_meta.version
        if write_cb and cb_meta is not None and cb_name == cb_meta.name:
            # never a second package named like the consortium codebook (merge would refuse
            # it): the site's own codebook gets the site's name; --codebook is the cycle's path
            cb_name = f"upsides-{study_scope}-{site_scope}-codebook"
            log.append(f"new codes written to the site's own codebook package {cb_name} (not "
                       f"{cb_meta.name}): pass --codebook {cb_meta.name}'s folder to put them in "
                       "an extension of the consortium codebook instead")
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
    refuse(refusals.duplicate_guids(parsed.root, path.name), path)
    report, log = Report(checked=[str(path)]), []
    reader = Reader()
    project = reader.codebook(parsed.root)
    report.extend(warn(p) for p in reader.problems)
    for name, count in sorted(Counter(project.unknown).items()):
        report.extend([warn(f"{count} {name} elements are not expressible; left out",
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
