"""``export_qdpx`` and ``export_qdc``: packages to REFI-QDA files, deterministic and atomic.

The same packages always give byte-identical files: GUIDs are UUID v5 of our IRIs, members are
written in a fixed order with a fixed timestamp, and nothing depends on the clock, the user or the
machine (no ``basePath``, no absolute paths, users are the pseudonymous analysts). With
``validate_xsd`` the document is checked against that XSD before anything is written; an invalid
document is reported and never written.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import polars as pl

from upsides_data import arguments
from upsides_data.errors import UsageError
from upsides_data.findings import Finding, Report, Severity
from upsides_data.gateway import read_inputs
from upsides_data.output import check_target, write_file
from upsides_data.package.descriptor import KINDS
from upsides_data.package.reader import Package
from upsides_data.qda.toqda import (Frames, Tables, build_codebook, build_project, carried_only,
                                    coverage_findings)
from upsides_data.qda.xmlwrite import codebook_xml, write_project
from upsides_data.qda.xsd import validate_against
from upsides_data.restricted import notice

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class ExportResult:
    """Where the file went (None when nothing was written) and what the export could not carry."""

    path: Path | None
    report: Report = field(default_factory=Report)


DRAFT_ORIGIN = " (draft: the packages were not validated)"


def _origin(validated: bool = True) -> str:
    """The file's ``origin``: this library, and whether the packages were validated."""
    from upsides_data import __version__
    return f"upsides-data {__version__}" + ("" if validated else DRAFT_ORIGIN)


def read_tables(paths: Iterable[str | Path], kinds: set[str], *, validate: bool = True,
                purpose: str = "export") -> tuple[Tables, list[str], list[str]]:
    """All rows of every table of the packages, concatenated (text cells), the package names, and
    the names of the restricted ones (their export is restricted too).

    The packages are validated first (``gateway.read_inputs``) unless ``validate`` is False."""
    tables: Tables = {}
    packages, names, restricted = _read_packages(paths, kinds, validate=validate, purpose=purpose)
    for package in packages:
        for table in package.resources():
            frame = package.text_frame(table)
            tables.setdefault(table, []).extend(frame.to_dicts())
    return tables, names, restricted


def _read_packages(paths: Iterable[str | Path], kinds: set[str], *, validate: bool,
                   purpose: str) -> tuple[list[Package], list[str], list[str]]:
    """The packages read (and validated) through the gateway, each of a kind the export
    takes; their names, and the sorted names of the restricted ones."""
    paths = list(paths)
    if not paths:
        return [], [], []
    read = read_inputs(paths, validate=validate, purpose=purpose)
    names: list[str] = []
    restricted: set[str] = set()
    for path, package in zip(paths, read.packages):
        if package.meta.kind not in kinds:
            raise UsageError(f"{path}: a {package.meta.kind} package cannot be exported here "
                             f"(expected {' or '.join(sorted(kinds))})")
        names.append(package.name)
        if package.meta.access_level != "public":
            restricted.add(package.name)
    return list(read.packages), names, sorted(restricted)


def _zip_info(name: str) -> zipfile.ZipInfo:
    """A member with fixed metadata (time, system, mode) and zlib's level 6, its default."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


def _zip_member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    zf.writestr(_zip_info(name), data, compresslevel=6)


def read_frames(paths: Iterable[str | Path], kinds: set[str], *, validate: bool = True,
                purpose: str = "export", coverage: list[Finding] | None = None
                ) -> tuple[Frames, list[str], list[str]]:
    """Every table of the packages as one text frame (several packages' rows concatenated, in
    the order given), the package names, and the names of the restricted ones.

    With ``coverage`` (a list), what the export cannot carry is counted into it table by table
    (``toqda.coverage_findings``) and only the carried tables and columns are kept.
    The packages are validated first (``gateway.read_inputs``) unless ``validate`` is False."""
    parts: dict[str, list[pl.DataFrame]] = {}
    packages, names, restricted = _read_packages(paths, kinds, validate=validate, purpose=purpose)
    for package in packages:
        for table in package.resources():
            parts.setdefault(table, []).append(package.text_frame(table))
    frames: Frames = {}
    left_out: dict[str, list[Finding]] = {}
    for table in list(parts):
        found = parts.pop(table)
        frame = found[0] if len(found) == 1 else pl.concat(found, how="diagonal_relaxed")
        if coverage is None:
            frames[table] = frame
            continue
        left_out[table] = coverage_findings({table: frame})
        kept = carried_only(table, frame)
        if kept is not None:
            frames[table] = kept
    for table in sorted(left_out):
        assert coverage is not None
        coverage.extend(left_out[table])
    return frames, names, sorted(set(restricted))


def export_qdpx(package_paths: str | Path | Iterable[str | Path], out: str | Path | None = None,
                *, validate_xsd: str | Path | None = None, force: bool = False,
                validate: bool = True, out_path: str | Path | None = None) -> ExportResult:
    """Write site package(s), with their codebook package, as one QDPX project.

    Pass the codebook package along: without it, codes and themes have no names and codings that
    refer to them are reported and left out. The packages are validated first
    (``InvalidInputError``, nothing written); with ``validate=False`` the project's ``origin``
    says it is a draft. ``out_path`` is the old, deprecated name of ``out``.

    ``project.qde`` is written into the archive as it is built, one source at a time
    (``toqda.ProjectStream``, ``xmlwrite.write_project``); only with ``validate_xsd`` is the
    document held whole, to be checked before anything is written.
    """
    inputs = arguments.paths(package_paths, function="export_qdpx", name="package_paths")
    out_path = arguments.out(out, out_path, function="export_qdpx", old="out_path")
    check_target(out_path, inputs=inputs, force=force, kind="file")
    coverage: list[Finding] = []
    frames, names, restricted = read_frames(inputs, set(KINDS), validate=validate,
                                            purpose="export qdpx", coverage=coverage)
    if not names:
        raise UsageError("export qdpx needs at least one package")
    stream = build_project(frames, name=" + ".join(sorted(names)), origin=_origin(validate),
                           coverage=coverage)
    del frames
    project = stream.project
    marked = notice(restricted)
    if marked:
        project.description = "\n\n".join(filter(None, [marked, project.description]))
    report = Report(checked=[str(p) for p in inputs])
    xml: bytes | None = None
    if validate_xsd is not None:
        buffer = io.BytesIO()
        write_project(buffer, project, stream.sources(), stream.finish)
        xml = buffer.getvalue()
        report.extend(stream.findings)
        report.extend(validate_against(xml, validate_xsd, "project.qde"))
        if not report.valid:
            return ExportResult(None, report)
    out = Path(out_path)
    with write_file(out, inputs=inputs, force=force) as tmp:
        with zipfile.ZipFile(tmp, "w") as zf:
            with zf.open(_zip_info("project.qde"), "w") as member:
                if xml is None:
                    write_project(member, project, stream.sources(), stream.finish)
                else:
                    member.write(xml)
            for name in sorted(stream.files):
                _zip_member(zf, f"sources/{name}", stream.files.pop(name))
    if xml is None:
        report.extend(stream.findings)
    return ExportResult(out, report)


def export_qdc(codebook_path: str | Path, out: str | Path | None = None, *,
               validate_xsd: str | Path | None = None, force: bool = False,
               validate: bool = True, out_path: str | Path | None = None) -> ExportResult:
    """Write a codebook package as a QDC codebook (codes, the Themes tree and theme sets).

    The package is validated first (``InvalidInputError``, nothing written); with
    ``validate=False`` the codebook's ``origin`` says it is a draft. ``out_path`` is the old,
    deprecated name of ``out``."""
    arguments.path(codebook_path, function="export_qdc", name="codebook_path")
    out_path = arguments.out(out, out_path, function="export_qdc", old="out_path")
    check_target(out_path, inputs=[codebook_path], force=force, kind="file")
    tables, names, restricted = read_tables([codebook_path], {"codebook", "consortium"},
                                            validate=validate, purpose="export qdc")
    findings: list[Finding] = []
    from upsides_data.qda import model as m
    codes, sets = build_codebook(tables, findings)
    if not codes:
        raise UsageError(f"{codebook_path}: the codebook holds no codes or themes; a QDC needs one")
    memos = [r for r in tables.get("memo", []) if r.get("about_code") or r.get("about_theme")]
    if memos:
        findings.append(Finding(rule="qda-not-expressible", severity=Severity.WARNING,
                                file="memo.csv",
                                message=f"{len(memos)} memos about codes or themes: a QDC holds no notes"))
    marked = notice(restricted)  # a QDC has no description: its origin says it is restricted
    origin = _origin(validate) + (f" ({marked})" if marked else "")
    xml = codebook_xml(m.Project(name=names[0], origin=origin, codes=codes, sets=sets))
    report = Report(findings=findings, checked=[str(codebook_path)])
    if validate_xsd is not None:
        report.extend(validate_against(xml, validate_xsd, Path(out_path).name))
        if not report.valid:
            return ExportResult(None, report)
    out = Path(out_path)
    with write_file(out, inputs=[codebook_path], force=force) as tmp:
        tmp.write_bytes(xml)
    return ExportResult(out, report)
