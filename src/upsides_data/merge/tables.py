"""Merging one table across every input, column-wise with polars.

Each input's rows carry the source package they came from (``__src``), the input they were read
from (``__input``) and their row number in that input's file (``__row``, header = row 1), so that
every conflict can name both sources and the rows involved. Identical rows collapse into one; two
different rows under one identifier are a conflict; a record's link rows (its multivalued slots)
must be the same in every source that holds the record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import polars as pl

from upsides_data.findings import Finding
from upsides_data.merge import batches
from upsides_data.merge.sources import INPUT_COLUMN, ROW_COLUMN, SOURCE_COLUMN, Input, Source
from upsides_data.resources import package_profile, table_schema

MAX_DETAILED = 25  # conflicts reported one by one per table; the rest are counted
_META = [SOURCE_COLUMN, INPUT_COLUMN, ROW_COLUMN]


@dataclass(frozen=True)
class TableInfo:
    """What the merge needs to know about one table, from the package profile."""

    name: str
    columns: list[str]
    owner: str  # the column naming the record a row belongs to ("id" for class tables)
    link_value: str | None  # the value column of a link table
    slot: str | None  # the multivalued slot a link table stores
    class_name: str

    @property
    def is_link(self) -> bool:
        return self.link_value is not None


def table_info(table: str) -> TableInfo:
    spec = package_profile()["tables"][table]
    columns = [f["name"] for f in table_schema(table)["fields"]]
    link = spec.get("link")
    if link:
        return TableInfo(table, columns, link["owner"], link["value"], link["slot"], spec["class"])
    return TableInfo(table, columns, "id", None, None, spec["class"])


def read_input_table(inp: Input, info: TableInfo, names: list[str], rows: int,
                     findings: list[Finding]) -> Iterator[pl.DataFrame]:
    """One input's rows of a table (whose header is ``names``), batch by batch, tagged with
    source, input and row number.

    Findings go to ``findings``: an unknown column before the first batch (the input's table is
    then skipped), rows of records no source holds after the last one.
    """
    package = inp.package
    present = set(names)
    unknown = [c for c in names if c not in info.columns]
    if unknown:
        findings.append(Finding(
            rule="merge-unknown-column", package=package.name, file=f"{info.name}.csv",
            field=", ".join(unknown),
            message=(f"columns {', '.join(unknown)} are not in the {info.name} table of this "
                     "standard version; the package follows a newer minor version"),
            hint="merge with an upsides-data release that implements the package's version"))
        return
    columns = [pl.col(c) if c in present else pl.lit(None, dtype=pl.String).alias(c)
               for c in info.columns]
    prov = None if inp.provenance is None else inp.provenance.rename({"id": info.owner})
    offset, orphans, first = 0, 0, None
    for batch in batches.read_batches(package, info.name, rows):
        numbering = [(pl.int_range(pl.len(), dtype=pl.Int64) + offset + 2).alias(ROW_COLUMN),
                     pl.lit(inp.index, dtype=pl.Int64).alias(INPUT_COLUMN)]
        offset += batch.height
        frame = batch.select(*columns, *numbering)
        if prov is None:
            yield frame.with_columns(pl.lit(inp.sources[0].key).alias(SOURCE_COLUMN)).select(
                [*info.columns, *_META])
            continue
        tagged = frame.join(prov, on=info.owner, how="left")
        lost = tagged.filter(pl.col(SOURCE_COLUMN).is_null())
        if lost.height and first is None:
            first = lost.sort(ROW_COLUMN).row(0, named=True)
        orphans += lost.height
        yield tagged.filter(pl.col(SOURCE_COLUMN).is_not_null()).select([*info.columns, *_META])
    if first is not None:
        findings.append(Finding(
            rule="merge-provenance", package=package.name, file=f"{info.name}.csv",
            row=int(first[ROW_COLUMN]), field=info.owner,
            message=(f"{orphans} rows belong to records that package_source_records "
                     f"assigns to no input package (first: {first[info.owner]})")))


class TableMerge:
    """Merge one table's rows from every input, one key range at a time.

    ``merge_range`` gets every row of some records (see ``buckets.KeyRanges``), in key order,
    and returns their merged rows; the checks of each range are gathered so that ``findings()``
    names the same conflicts, in the same order, as a check of the whole table would.
    ``repeated`` maps a source key given by more than one input to how many inputs gave it;
    ``owner_provenance`` is the (id, source) frame of the class table a link table belongs to.
    """

    def __init__(self, info: TableInfo, sources: dict[str, Source],
                 owner_provenance: pl.DataFrame | None, repeated: dict[str, int],
                 provenance: Callable[[pl.DataFrame], None]) -> None:
        self.info = info
        self._sources = sources
        self._holders = (None if owner_provenance is None
                         else owner_provenance.rename({"id": info.owner}))
        self._repeated = repeated
        self._repeated_firsts: list[pl.DataFrame] = []
        self._detailed: list[Finding] = []
        self._conflicting = 0  # records (or link owners) in conflict
        self._dangling = 0
        self._first_dangling: dict[str, Any] | None = None
        self._provenance = provenance  # given the (id, source) pairs of each range merged

    def merge_range(self, rows: pl.DataFrame) -> pl.DataFrame:
        info = self.info
        if self._repeated:
            self._repeated_firsts.append(_repeated_source_firsts(info, rows, self._repeated))
        merged = rows.select(info.columns).unique()
        if info.is_link:
            if rows.height:
                self._check_links(rows)
            return merged
        if merged.height != merged.get_column("id").n_unique():
            found, count = _record_findings(info, rows, self._sources,
                                            MAX_DETAILED - min(self._conflicting, MAX_DETAILED))
            self._detailed += found
            self._conflicting += count
        self._provenance(rows.select("id", SOURCE_COLUMN).unique())
        return merged

    def _check_links(self, rows: pl.DataFrame) -> None:
        assert self._holders is not None
        dangling, first, found, count = _link_findings(
            self.info, rows, self._sources, self._holders,
            MAX_DETAILED - min(self._conflicting, MAX_DETAILED))
        self._dangling += dangling
        if first is not None and (self._first_dangling is None
                                  or _order(first) < _order(self._first_dangling)):
            self._first_dangling = first
        self._detailed += found
        self._conflicting += count

    def findings(self) -> list[Finding]:
        """Every finding of the table, once all its ranges are merged."""
        findings = _repeated_source_findings(self.info, self._repeated_firsts, self._sources)
        if self._first_dangling is not None:
            findings.append(_dangling_finding(self.info, self._sources, self._dangling,
                                              self._first_dangling))
        return findings + self._detailed + _more(self.info, self._conflicting)


def _order(row: dict[str, Any]) -> tuple[str, int, int]:
    return (row[SOURCE_COLUMN], row[INPUT_COLUMN], row[ROW_COLUMN])


def _label(sources: dict[str, Source], key: str) -> str:
    return sources[key].label


def _record_findings(info: TableInfo, rows: pl.DataFrame, sources: dict[str, Source],
                    room: int) -> tuple[list[Finding], int]:
    """Records of ``rows`` that differ between inputs: findings for the first ``room`` of them
    (by identifier), and how many there are."""
    ordered = rows.sort([SOURCE_COLUMN, INPUT_COLUMN, ROW_COLUMN])
    variants = ordered.unique(subset=info.columns, keep="first", maintain_order=True)
    clashing = variants.filter(pl.col("id").is_duplicated())
    if clashing.height == 0:
        return [], 0
    ids = clashing.get_column("id").unique().sort()
    findings = []
    for record_id in ids.head(room).to_list():
        pair = clashing.filter(pl.col("id") == record_id).head(2).to_dicts()
        a, b = pair
        differing = [c for c in info.columns if a[c] != b[c]]
        findings.append(Finding(
            rule="merge-conflict", package=_label(sources, a[SOURCE_COLUMN]),
            file=f"{info.name}.csv", row=int(a[ROW_COLUMN]), field=", ".join(differing),
            message=(f"{info.class_name} {record_id} differs between "
                     f"{_where(sources, a, info)} and {_where(sources, b, info)} "
                     f"in {', '.join(differing)}"),
            hint=_hint(info)))
    return findings, ids.len()


def _where(sources: dict[str, Source], row: dict[str, Any], info: TableInfo) -> str:
    return f"{_label(sources, row[SOURCE_COLUMN])} ({info.name}.csv row {row[ROW_COLUMN]})"


def _hint(info: TableInfo) -> str:
    if info.class_name in ("Code", "Theme", "Codebook"):
        return ("every package must code with the same codebook: correct the package that "
                "departs from the shared codebook, or publish a new codebook version")
    return "the same identifier must name the same record everywhere; correct one of the packages"


def _more(info: TableInfo, total: int) -> list[Finding]:
    if total <= MAX_DETAILED:
        return []
    return [Finding(rule="merge-conflict", file=f"{info.name}.csv",
                    message=f"{total - MAX_DETAILED} more conflicting records in {info.name} "
                            f"({total} in all); the first {MAX_DETAILED} are listed")]


def _link_findings(info: TableInfo, rows: pl.DataFrame, sources: dict[str, Source],
                   holders: pl.DataFrame, room: int
                   ) -> tuple[int, dict[str, Any] | None, list[Finding], int]:
    """Link rows of records their package does not hold (how many, and the first by source,
    input and row), and records whose link rows differ between their holders (findings for the
    first ``room`` of them, by owner, and how many there are)."""
    owner, value = info.owner, info.link_value
    assert value is not None
    links = rows.sort([SOURCE_COLUMN, INPUT_COLUMN, ROW_COLUMN]).unique(
        subset=[owner, value, SOURCE_COLUMN], keep="first", maintain_order=True)
    holders = holders.join(links.select(owner).unique(), on=owner, how="semi")
    dangling = links.join(holders, on=[owner, SOURCE_COLUMN], how="anti")
    first = (dangling.sort([SOURCE_COLUMN, INPUT_COLUMN, ROW_COLUMN]).row(0, named=True)
             if dangling.height else None)
    per_owner = holders.group_by(owner).agg(pl.col(SOURCE_COLUMN).sort().alias("__holders"))
    held = links.join(holders, on=[owner, SOURCE_COLUMN], how="semi")
    per_value = held.group_by([owner, value]).agg(pl.col(SOURCE_COLUMN).sort().alias("__with"))
    mismatched = (per_value.join(per_owner, on=owner, how="inner")
                  .filter(pl.col("__with").list.len() != pl.col("__holders").list.len()))
    if mismatched.height == 0:
        return dangling.height, first, [], 0
    found, count = _mismatch_findings(info, mismatched, sources, room)
    return dangling.height, first, found, count


def _dangling_finding(info: TableInfo, sources: dict[str, Source], count: int,
                      first: dict[str, Any]) -> Finding:
    return Finding(
        rule="merge-dangling-link", package=_label(sources, first[SOURCE_COLUMN]),
        file=f"{info.name}.csv", row=int(first[ROW_COLUMN]), field=info.owner,
        message=(f"{count} rows of {info.name} belong to a {info.class_name} the "
                 f"package does not hold (first: {first[info.owner]})"),
        hint="validate the package first: every link row needs its record")


def _mismatch_findings(info: TableInfo, mismatched: pl.DataFrame, sources: dict[str, Source],
                       room: int) -> tuple[list[Finding], int]:
    owner, value = info.owner, info.link_value
    assert value is not None
    findings = []
    owners = mismatched.get_column(owner).unique().sort()
    for record_id in owners.head(room).to_list():
        rec = mismatched.filter(pl.col(owner) == record_id).sort(value).row(0, named=True)
        with_value = rec["__with"]
        without = [s for s in rec["__holders"] if s not in with_value]
        findings.append(Finding(
            rule="merge-conflict", package=_label(sources, with_value[0]),
            file=f"{info.name}.csv", field=info.slot,
            message=(f"{info.class_name} {record_id} differs between "
                     f"{_label(sources, with_value[0])} and {_label(sources, without[0])} "
                     f"in {info.slot} ({rec[value]} is listed by the first only)"),
            hint=_hint(info)))
    return findings, owners.len()


def _repeated_source_firsts(info: TableInfo, rows: pl.DataFrame,
                            repeated: dict[str, int]) -> pl.DataFrame:
    """For each package given more than once whose inputs hold different rows, its first such
    row (source, row number, record) among ``rows``."""
    sub = rows.filter(pl.col(SOURCE_COLUMN).is_in(list(repeated)))
    counts = (sub.unique(subset=[*info.columns, SOURCE_COLUMN, INPUT_COLUMN])
              .group_by([*info.columns, SOURCE_COLUMN])
              .agg(pl.col(INPUT_COLUMN).n_unique().alias("__n"), pl.col(ROW_COLUMN).min()))
    expected = pl.DataFrame({SOURCE_COLUMN: list(repeated), "__expected": list(repeated.values())},
                            schema={SOURCE_COLUMN: pl.String, "__expected": pl.Int64})
    bad = (counts.join(expected, on=SOURCE_COLUMN)
           .filter(pl.col("__n") != pl.col("__expected")))
    return (bad.select(SOURCE_COLUMN, ROW_COLUMN, info.owner)
            .sort([SOURCE_COLUMN, ROW_COLUMN, info.owner], nulls_last=True)
            .unique(subset=[SOURCE_COLUMN], keep="first", maintain_order=True))


def _repeated_source_findings(info: TableInfo, firsts: list[pl.DataFrame],
                              sources: dict[str, Source]) -> list[Finding]:
    """A package given twice (same name and version) must hold the same rows both times."""
    if not firsts:
        return []
    bad = pl.concat(firsts).sort([SOURCE_COLUMN, ROW_COLUMN, info.owner], nulls_last=True)
    findings = []
    for key in bad.get_column(SOURCE_COLUMN).unique().sort().to_list():
        first = bad.filter(pl.col(SOURCE_COLUMN) == key).row(0, named=True)
        findings.append(Finding(
            rule="merge-same-package-differs", package=_label(sources, key),
            file=f"{info.name}.csv", field=info.owner,
            message=(f"{_label(sources, key)} is given more than once with different {info.name} "
                     f"rows (first: {first[info.owner]}); one name and version must name one "
                     "content"),
            hint="give the changed package a new version"))
    return findings
