"""Merging one table across every input, column-wise with polars.

Each input's rows carry the source package they came from (``__src``), the input they were read
from (``__input``) and their row number in that input's file (``__row``, header = row 1), so that
every conflict can name both sources and the rows involved. Identical rows collapse into one; two
different rows under one identifier are a conflict; a record's link rows (its multivalued slots)
must be the same in every source that holds the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from upsides_data.findings import Finding
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


@dataclass
class TableResult:
    """The merged rows of one table, the (id, source) pairs of its records, and any findings."""

    frame: pl.DataFrame
    provenance: pl.DataFrame | None
    findings: list[Finding] = field(default_factory=list)


def read_input_table(inp: Input, info: TableInfo) -> tuple[pl.DataFrame | None, list[Finding]]:
    """One input's rows of a table, tagged with source, input and row number."""
    package = inp.package
    if not package.has(info.name):
        return None, []
    frame = package.text_frame(info.name)
    findings = []
    unknown = [c for c in frame.columns if c not in info.columns]
    if unknown:
        findings.append(Finding(
            rule="merge-unknown-column", package=package.name, file=f"{info.name}.csv",
            field=", ".join(unknown),
            message=(f"columns {', '.join(unknown)} are not in the {info.name} table of this "
                     "standard version; the package follows a newer minor version"),
            hint="merge with an upsides-data release that implements the package's version"))
        return None, findings
    present = set(frame.columns)
    columns = [pl.col(c) if c in present else pl.lit(None, dtype=pl.String).alias(c)
               for c in info.columns]
    numbering = [(pl.int_range(pl.len(), dtype=pl.Int64) + 2).alias(ROW_COLUMN),
                 pl.lit(inp.index, dtype=pl.Int64).alias(INPUT_COLUMN)]
    if inp.provenance is None:
        return frame.select(*columns, *numbering).with_columns(
            pl.lit(inp.sources[0].key).alias(SOURCE_COLUMN)).select(
            [*info.columns, *_META]), findings
    frame = frame.select(*columns, *numbering)
    prov = inp.provenance.rename({"id": info.owner})
    tagged = frame.join(prov, on=info.owner, how="left")
    orphans = tagged.filter(pl.col(SOURCE_COLUMN).is_null())
    if orphans.height:
        first = orphans.row(0, named=True)
        findings.append(Finding(
            rule="merge-provenance", package=package.name, file=f"{info.name}.csv",
            row=int(first[ROW_COLUMN]), field=info.owner,
            message=(f"{orphans.height} rows belong to records that package_source_records "
                     f"assigns to no input package (first: {first[info.owner]})")))
    return tagged.filter(pl.col(SOURCE_COLUMN).is_not_null()).select(
        [*info.columns, *_META]), findings


def merge_table(info: TableInfo, frames: list[pl.DataFrame], sources: dict[str, Source],
                owner_provenance: pl.DataFrame | None,
                repeated: dict[str, int]) -> TableResult:
    """Merge one table's rows from every input.

    ``repeated`` maps a source key given by more than one input to how many inputs gave it;
    ``owner_provenance`` is the (id, source) frame of the class table a link table belongs to.
    """
    if not frames:
        return TableResult(pl.DataFrame(schema={c: pl.String for c in info.columns}),
                           pl.DataFrame(schema={"id": pl.String, SOURCE_COLUMN: pl.String})
                           if not info.is_link else None)
    rows = pl.concat(frames, how="vertical")
    findings = _repeated_source_findings(info, rows, sources, repeated)
    merged = rows.select(info.columns).unique()
    if info.is_link:
        assert owner_provenance is not None
        findings += _link_findings(info, rows, sources, owner_provenance)
        return TableResult(merged, None, findings)
    if merged.height != merged.get_column("id").n_unique():
        findings += _record_findings(info, rows, sources)
    provenance = rows.select("id", SOURCE_COLUMN).unique()
    return TableResult(merged, provenance, findings)


def _label(sources: dict[str, Source], key: str) -> str:
    return sources[key].label


def _record_findings(info: TableInfo, rows: pl.DataFrame,
                     sources: dict[str, Source]) -> list[Finding]:
    ordered = rows.sort([SOURCE_COLUMN, INPUT_COLUMN, ROW_COLUMN])
    variants = ordered.unique(subset=info.columns, keep="first", maintain_order=True)
    clashing = variants.filter(pl.col("id").is_duplicated())
    if clashing.height == 0:
        return []
    ids = clashing.get_column("id").unique().sort()
    findings = []
    for record_id in ids.head(MAX_DETAILED).to_list():
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
    findings += _more(info, ids.len())
    return findings


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
                   owner_provenance: pl.DataFrame) -> list[Finding]:
    owner, value = info.owner, info.link_value
    assert value is not None
    if rows.height == 0:
        return []
    links = rows.sort([SOURCE_COLUMN, INPUT_COLUMN, ROW_COLUMN]).unique(
        subset=[owner, value, SOURCE_COLUMN], keep="first", maintain_order=True)
    holders = owner_provenance.rename({"id": owner})
    dangling = links.join(holders, on=[owner, SOURCE_COLUMN], how="anti")
    findings = []
    if dangling.height:
        first = dangling.row(0, named=True)
        findings.append(Finding(
            rule="merge-dangling-link", package=_label(sources, first[SOURCE_COLUMN]),
            file=f"{info.name}.csv", row=int(first[ROW_COLUMN]), field=owner,
            message=(f"{dangling.height} rows of {info.name} belong to a {info.class_name} the "
                     f"package does not hold (first: {first[owner]})"),
            hint="validate the package first: every link row needs its record"))
    per_owner = holders.group_by(owner).agg(pl.col(SOURCE_COLUMN).sort().alias("__holders"))
    held = links.join(holders, on=[owner, SOURCE_COLUMN], how="semi")
    per_value = held.group_by([owner, value]).agg(pl.col(SOURCE_COLUMN).sort().alias("__with"))
    mismatched = (per_value.join(per_owner, on=owner, how="inner")
                  .filter(pl.col("__with").list.len() != pl.col("__holders").list.len()))
    if mismatched.height == 0:
        return findings
    return findings + _mismatch_findings(info, mismatched, sources)


def _mismatch_findings(info: TableInfo, mismatched: pl.DataFrame,
                       sources: dict[str, Source]) -> list[Finding]:
    owner, value = info.owner, info.link_value
    assert value is not None
    findings = []
    owners = mismatched.get_column(owner).unique().sort()
    for record_id in owners.head(MAX_DETAILED).to_list():
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
    findings += _more(info, owners.len())
    return findings


def _repeated_source_findings(info: TableInfo, rows: pl.DataFrame, sources: dict[str, Source],
                              repeated: dict[str, int]) -> list[Finding]:
    """A package given twice (same name and version) must hold the same rows both times."""
    if not repeated:
        return []
    sub = rows.filter(pl.col(SOURCE_COLUMN).is_in(list(repeated)))
    counts = (sub.unique(subset=[*info.columns, SOURCE_COLUMN, INPUT_COLUMN])
              .group_by([*info.columns, SOURCE_COLUMN])
              .agg(pl.col(INPUT_COLUMN).n_unique().alias("__n"), pl.col(ROW_COLUMN).min()))
    expected = pl.DataFrame({SOURCE_COLUMN: list(repeated), "__expected": list(repeated.values())},
                            schema={SOURCE_COLUMN: pl.String, "__expected": pl.Int64})
    bad = (counts.join(expected, on=SOURCE_COLUMN)
           .filter(pl.col("__n") != pl.col("__expected")).sort([SOURCE_COLUMN, ROW_COLUMN]))
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
