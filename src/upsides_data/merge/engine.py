"""``merge``: many site, codebook and consortium packages become one consortium package.

The merge reads the inputs table by table and each table batch by batch (``batches``), parks the
rows on disk by key range (``buckets``), and merges and checks one key range at a time
column-wise (``tables``), appending it to the table's CSV in the output writer's staging folder:
memory holds a batch of rows and the keys, never a whole table. Only when no input disagrees is
the staging folder validated and renamed into place; any conflict, refusal or exception leaves
no output behind, and inputs are only ever read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import polars as pl

from upsides_data import arguments
from upsides_data.errors import ConflictError, InvalidInputError, UpsidesError, UsageError
from upsides_data.findings import Finding, Report
from upsides_data.gateway import VALIDATED, check_written, read_inputs
from upsides_data.merge.sources import (
    MERGED_FROM, NOTICES, PROVENANCE_TABLES, SOURCE_COLUMN, SOURCE_RECORDS_TABLE, SOURCE_TABLE,
    Input, Source, check_standard_version, open_input,
)
from upsides_data.merge import batches
from upsides_data.merge.buckets import KeyRanges
from upsides_data.merge.tables import TableInfo, TableMerge, read_input_table, table_info
from upsides_data.output import check_target, scratch_directory, write_directory
from upsides_data.package.descriptor import PackageMeta, tables_of_kind
from upsides_data.package.writer import write_descriptor, write_table
from upsides_data.package.versions import current_version
from upsides_data.resources import standard_version

DEFAULT_NAME = "upsides-consortium"
Progress = Callable[[str, int, int], None]  # (stage, done, total), as tables are merged


@dataclass
class MergeResult:
    """What a merge did: the output (None when refused), the findings, and what it noticed.

    ``notices`` are statements the user should know about a successful merge (for example that
    the output became restricted); they are also written to the descriptor's ``upsides.notices``.
    """

    output: Path | None
    report: Report
    sources: list[str] = field(default_factory=list)
    access_level: str | None = None
    notices: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    validated: bool = True

    @property
    def ok(self) -> bool:
        return self.output is not None and self.report.valid


def merge(paths: Iterable[str | Path], out: str | Path, *, progress: Progress | None = None,
          force: bool = False, name: str | None = None, version: str = "1.0.0",
          validate: bool = True, overwrite: bool | None = None) -> MergeResult:
    """Merge site, codebook and consortium packages into one consortium package at ``out``.

    The inputs are validated first (``gateway.read_inputs``): ``InvalidInputError`` when they do
    not validate, ``UnreadableInputError`` for inputs that are not packages, ``UsageError`` for
    impossible requests. Returns a ``MergeResult``. Inputs giving one record different values
    raise ``ConflictError`` (rule ``merge-conflict``), and a consortium that would not validate
    ``InvalidInputError`` (it is validated before it is renamed into place: a site package merged
    without its codebook package leaves dangling references); the error's findings say why and
    nothing is written. ``validate=False`` merges a draft:
    neither inputs nor output are validated, and the descriptor says ``upsides.validated: false``.
    ``progress(stage, done, total)`` is called as tables are merged (stage ``"merge"``) and
    written (stage ``"write"``). ``force`` replaces an existing ``out`` (``overwrite`` is its
    old, deprecated name).
    """
    inputs_given = [Path(p) for p in arguments.paths(paths, function="merge")]
    out = arguments.path(out, function="merge", name="out")
    overwrite = arguments.force(force, overwrite, function="merge")
    if not inputs_given:
        raise UsageError("merge needs at least one input package")
    check_target(out, inputs=inputs_given, force=overwrite)
    read = read_inputs(inputs_given, validate=validate, purpose="merge")
    inputs = [open_input(i, p, pkg) for i, (p, pkg) in enumerate(zip(inputs_given, read.packages))]
    report = Report(checked=[str(p) for p in inputs_given])
    for inp in inputs:
        report.extend(inp.findings)
    sources, repeated, findings = collect_sources(inputs)
    report.extend(findings)
    _refuse_unmergeable(report, out)
    meta, notices = consortium_meta(list(sources.values()), name=name, version=version)
    if read.notice:
        notices.append(read.notice)
        meta.extra[VALIDATED] = False
        meta.extra[NOTICES] = notices
    refusal: UpsidesError | None = None
    try:
        with scratch_directory(out) as work, write_directory(
                out, inputs=inputs_given, force=overwrite,
                check=check_written if validate else None) as staging:
            rows = merge_tables(inputs, sources, repeated, staging, work, report, progress)
            write_descriptor(staging, meta)
            refusal = _refusal(report, out)
            if refusal is not None:
                raise refusal
    except InvalidInputError as refused:
        if refused is refusal:
            raise
        report.extend(refused.report.findings)  # the consortium would not validate
        raise InvalidInputError(f"nothing written: the consortium merged into {out} would "
                                "not validate", report) from None
    return MergeResult(out, report, sorted(s.label for s in sources.values()), meta.access_level,
                       notices, rows, validated=validate)


# Inputs that disagree on one record or package: no automatic rule may choose between them.
CONFLICT_RULES = frozenset({"merge-conflict", "merge-same-package-differs"})


def _refuse_unmergeable(report: Report, out: Path) -> None:
    refusal = _refusal(report, out)
    if refusal is not None:
        raise refusal


def _refusal(report: Report, out: Path) -> UpsidesError | None:
    """The error when the merge found errors: ``ConflictError`` when inputs disagree,
    ``InvalidInputError`` for inputs merge cannot read as packages of the standard."""
    if report.valid:
        return None
    message = f"nothing written: the inputs cannot be merged into {out}"
    if any(f.rule in CONFLICT_RULES for f in report.errors):
        return ConflictError(message, findings=report.findings)
    return InvalidInputError(message, report)


def collect_sources(inputs: list[Input]) -> tuple[dict[str, Source], dict[str, int], list[Finding]]:
    """Every distinct source package, how often each repeated one was given, and refusals."""
    sources: dict[str, Source] = {}
    given: dict[str, int] = {}
    findings: list[Finding] = []
    for inp in inputs:
        for source in inp.sources:
            given[source.key] = given.get(source.key, 0) + 1
            known = sources.get(source.key)
            if known is None:
                sources[source.key] = source
                if inp.expanded:
                    findings += check_standard_version(source.label, source.standard_version)
            elif known.descriptor != source.descriptor:
                differing = sorted(k for k in set(known.descriptor) | set(source.descriptor)
                                   if known.descriptor.get(k) != source.descriptor.get(k))
                findings.append(Finding(
                    rule="merge-same-package-differs", package=source.label,
                    file="datapackage.json", field=", ".join(differing),
                    message=(f"{source.label} is given more than once with different descriptors "
                             f"(differing: {', '.join(differing)}); one name and version must "
                             "name one package"),
                    hint="give the changed package a new version"))
    repeated = {key: n for key, n in given.items() if n > 1}
    return dict(sorted(sources.items())), repeated, findings


def merge_tables(inputs: list[Input], sources: dict[str, Source], repeated: dict[str, int],
                 staging: Path, work: Path, report: Report,
                 progress: Progress | None) -> dict[str, int]:
    """Merge every table of the standard into ``staging``, then write the provenance tables.

    One table at a time, one batch of an input at a time: rows are parked by key range
    (``KeyRanges``) and each range is merged, checked and appended to the table's CSV in
    primary-key order. Returns the rows written per table.
    """
    names = [t for t in tables_of_kind("consortium") if t not in PROVENANCE_TABLES]
    total = len(names) + len(PROVENANCE_TABLES)
    records = _Records(work / "provenance", list(sources))
    owner_provenance: pl.DataFrame | None = None
    rows: dict[str, int] = {}
    for done, table in enumerate(names):
        if progress is not None:
            progress("merge", done, len(names))
        info = table_info(table)
        parked = _park_table(inputs, info, work / table, report)
        # the link tables after a class table check their rows against its holders
        held = _Held(records, done + 1 < len(names) and table_info(names[done + 1]).is_link)
        merging = TableMerge(info, sources, owner_provenance, repeated, held.add)
        rows[table] = write_table(staging, table, "consortium",
                                  (merging.merge_range(r) for r in parked.ranges()))
        report.extend(merging.findings())
        if not info.is_link:
            owner_provenance = held.frame()
        if progress is not None:
            progress("write", len(rows), total)
    if progress is not None:
        progress("merge", len(names), len(names))
    source_rows = [s.row() for s in sources.values()]
    rows[SOURCE_TABLE] = write_table(staging, SOURCE_TABLE, "consortium", [pl.DataFrame(
        source_rows, schema={k: pl.String for k in source_rows[0]})])
    rows[SOURCE_RECORDS_TABLE] = write_table(staging, SOURCE_RECORDS_TABLE, "consortium",
                                             records.ranges())
    if progress is not None:
        progress("write", total, total)
    return rows


class _Held:
    """A class table's (id, source) pairs, range by range: all go to the records table, and
    they are kept when link tables follow (to check link rows against the record's holders)."""

    def __init__(self, records: _Records, keep: bool) -> None:
        self._records = records
        self._keep = keep
        self._kept: list[pl.DataFrame] = []

    def add(self, pairs: pl.DataFrame) -> None:
        self._records.add(pairs)
        if self._keep:
            self._kept.append(pairs)

    def frame(self) -> pl.DataFrame:
        if not self._kept:
            return pl.DataFrame(schema={"id": pl.String, SOURCE_COLUMN: pl.String})
        return pl.concat(self._kept)


class _Records:
    """The ``package_source_records`` rows, parked per source by record range: written source
    after source, each source's records range after range, they come out sorted by
    (package_source, record) without ever being all in memory."""

    def __init__(self, folder: Path, sources: list[str]) -> None:
        hold = max(1, batches.BATCH_ROWS // max(len(sources), 1))
        self._parked = {key: KeyRanges(folder / str(i), "id", batches.BATCH_ROWS, hold=hold)
                        for i, key in enumerate(sorted(sources))}

    def add(self, pairs: pl.DataFrame) -> None:
        """(id, source) pairs of some records."""
        for (key,), part in pairs.partition_by(SOURCE_COLUMN, as_dict=True).items():
            self._parked[str(key)].add(part)

    def ranges(self) -> Iterator[pl.DataFrame]:
        for parked in self._parked.values():
            for part in parked.ranges():
                yield part.unique().select(pl.col(SOURCE_COLUMN).alias("package_source"),
                                           pl.col("id").alias("record"))


def _park_table(inputs: list[Input], info: TableInfo, folder: Path,
                report: Report) -> KeyRanges:
    """Every input's rows of one table, read batch by batch and parked by key range."""
    plans = {i.index: batches.plan(i.package, info.name) for i in inputs
             if i.package.has(info.name)}
    rows = min((r for _, r in plans.values()), default=batches.BATCH_ROWS)
    parked = KeyRanges(folder, info.owner, rows)
    for inp in inputs:
        if inp.index not in plans:
            continue
        findings: list[Finding] = []
        for batch in read_input_table(inp, info, plans[inp.index][0], rows, findings):
            parked.add(batch)
        report.extend(findings)
    return parked


def consortium_meta(sources: list[Source], *, name: str | None,
                    version: str) -> tuple[PackageMeta, list[str]]:
    """The consortium's descriptor metadata, derived from its sources alone (so order-free)."""
    restricted = sorted(s.label for s in sources if s.access_level == "restricted")
    access = "restricted" if restricted else "public"
    notices = []
    if restricted:
        public = sorted(s.label for s in sources if s.access_level != "restricted")
        if public:
            notices.append(
                f"access level: the consortium is restricted, the most restrictive level of its "
                f"inputs, because {', '.join(restricted)} "
                f"{'is' if len(restricted) == 1 else 'are'} restricted "
                f"(public inputs: {', '.join(public)})")
        else:
            notices.append("access level: the consortium is restricted because every input is")
    versions = sorted({s.standard_version for s in sources})
    if len(versions) > 1 or versions[0] != standard_version():
        notices.append(
            f"standard version: inputs follow {', '.join(versions)}; the consortium is written in "
            f"standard {standard_version()} (same major version {current_version().major})")
    studies = {_upsides(s).get("study") for s in sources} - {None}
    codebooks = {_frozen(_upsides(s).get("codebook")) for s in sources} - {None}
    licenses = {_frozen(s.descriptor.get("licenses")) for s in sources}
    extra: dict[str, Any] = {
        MERGED_FROM: [{"id": s.key, "descriptor": s.descriptor} for s in sources]}
    if notices:
        extra[NOTICES] = notices
    meta = PackageMeta(
        name=name or DEFAULT_NAME, kind="consortium", access_level=access, version=version,
        study=next(iter(studies)) if len(studies) == 1 else None,
        codebook=_first(sources, "codebook") if len(codebooks) == 1 else None,
        synthetic=all(bool(_upsides(s).get("synthetic")) for s in sources),
        licenses=list(sources[0].descriptor.get("licenses") or []) if len(licenses) == 1 else [],
        extra=extra)
    return meta, notices


def _first(sources: list[Source], key: str) -> Any:
    return next(_upsides(s)[key] for s in sources if _upsides(s).get(key) is not None)


def _upsides(source: Source) -> dict[str, Any]:
    ups = source.descriptor.get("upsides")
    return ups if isinstance(ups, dict) else {}


def _frozen(value: Any) -> Any:
    """A hashable stand-in for JSON values, to compare them in sets."""
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value
