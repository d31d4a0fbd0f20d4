"""``split``: a consortium package gives back the packages it was merged from.

Every record of a consortium lists the input packages that held it (``package_source_records``)
and the descriptor keeps each input's metadata (``upsides.merged_from``), so each input comes back
with exactly its rows and its own descriptor. The embedded Table Schemas (the descriptor's
``resources``) are regenerated from this library's standard: the one part a split does not copy.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl

from upsides_data import arguments
from upsides_data.errors import UnreadableInputError, UsageError
from upsides_data.gateway import check_written, read_inputs
from upsides_data.merge import batches
from upsides_data.merge.buckets import KeyRanges
from upsides_data.merge.engine import Progress
from upsides_data.merge.sources import (
    PROVENANCE_TABLES, SOURCE_COLUMN, Input, Source, open_input,
)
from upsides_data.merge.tables import table_info
from upsides_data.package.descriptor import PackageMeta, tables_of_kind
from upsides_data.output import check_target, safe_part, write_directory
from upsides_data.package.writer import write_descriptor, write_table


def split(consortium_path: str | Path, out: str | Path | None = None, *, force: bool = False,
          progress: Progress | None = None, validate: bool = True,
          out_dir: str | Path | None = None, overwrite: bool | None = None) -> list[Path]:
    """Write each input package of a merged consortium into ``out``; return their folders.

    A package's folder is its name, or ``NAME-VERSION`` when two inputs share a name. The whole
    ``out_dir`` is written through the output writer: a temporary sibling folder renamed into
    place; it may not be, hold or sit inside the consortium. A name that is not a plain folder
    name (``../x``) is refused, never rewritten. The consortium is validated first and the
    packages written are validated before the rename (``validate=False`` skips both, for drafts;
    the descriptors written then say ``upsides.validated: false``). ``force`` replaces an
    existing ``out``. ``out_dir`` and ``overwrite`` are the old, deprecated names of ``out`` and
    ``force``.
    """
    arguments.path(consortium_path, function="split", name="consortium_path")
    out_dir = arguments.out(out, out_dir, function="split", old="out_dir")
    overwrite = arguments.force(force, overwrite, function="split")
    read = read_inputs([consortium_path], validate=validate, purpose="split")
    inp = open_input(0, consortium_path, read.packages[0])
    if inp.provenance is None:
        raise UsageError(f"{consortium_path}: not a consortium package made by merge "
                         "(it records no input packages), so there is nothing to split")
    errors = [f for f in inp.findings if f.severity.value == "error"]
    if errors:
        raise UnreadableInputError(f"{consortium_path}: {errors[0].message}")
    check_target(out_dir, inputs=[consortium_path], force=overwrite)
    sources = sorted(inp.sources, key=lambda s: s.key)
    if not read.validated:
        for source in sources:
            source.descriptor.setdefault("upsides", {})["validated"] = False
    folders = _folder_names(sources, out_dir)
    with write_directory(out_dir, inputs=[consortium_path], force=overwrite) as staging:
        targets = {s.key: staging / folders[s.key] for s in sources}
        for target in targets.values():
            target.mkdir(parents=True)
        names = [t for t in tables_of_kind("consortium") if t not in PROVENANCE_TABLES]
        for done, table in enumerate(names):
            if progress is not None:
                progress("split", done, len(names))
            parts = _partition(inp, table, sources, staging / ".spill")
            for source in sources:
                if table in parts.get(source.key, {}):
                    write_table(targets[source.key], table, source.kind,
                                parts[source.key][table].ranges())
        shutil.rmtree(staging / ".spill", ignore_errors=True)
        for source in sources:
            _finish_source(source, targets[source.key], names)
        if validate:
            check_written(list(targets.values()))
    return [out_dir / folders[s.key] for s in sources]


def _folder_names(sources: list[Source], out_dir: Path) -> dict[str, str]:
    """Each source's folder: its name, refused (``output-unsafe-name``) unless a plain name."""
    names = [s.name for s in sources]
    return {s.key: safe_part(s.name if names.count(s.name) == 1 else s.key.split("/", 1)[1],
                             out_dir)
            for s in sources}


def _partition(inp: Input, table: str, sources: list[Source],
               work: Path) -> dict[str, dict[str, KeyRanges]]:
    """Hand each source the rows of ``table`` whose record it held, batch by batch, parked by
    key range (source key -> table -> rows)."""
    info = table_info(table)
    package, provenance = inp.package, inp.provenance
    assert provenance is not None
    holding = [s for s in sources if table in _tables_of(s)]
    columns, rows = info.columns, batches.BATCH_ROWS
    if package.has(table):
        columns, rows = batches.plan(package, table)
    hold = max(1, batches.BATCH_ROWS // max(len(holding), 1))  # all sources hold one batch
    parked = {s.key: KeyRanges(work / str(i) / table, info.owner, rows, hold=hold)
              for i, s in enumerate(sources) if s in holding}
    for ranges in parked.values():
        ranges.add(pl.DataFrame(schema={c: pl.String for c in columns}))
    if not package.has(table):
        return {key: {table: ranges} for key, ranges in parked.items()}
    owners = provenance.rename({"id": info.owner})
    orphans, first = 0, None
    for batch in batches.read_batches(package, table, rows):
        tagged = batch.join(owners, on=info.owner, how="left")
        lost = tagged.filter(pl.col(SOURCE_COLUMN).is_null())
        if lost.height and first is None:
            first = lost.get_column(info.owner)[0]
        orphans += lost.height
        for (key,), part in tagged.partition_by(SOURCE_COLUMN, as_dict=True).items():
            if key in parked:
                parked[key].add(part.select(columns))
    if orphans:
        raise UnreadableInputError(
            f"{table}.csv: {orphans} rows belong to records that package_source_records "
            f"assigns to no input package (first: {first}); the consortium's "
            "provenance is damaged, so it cannot be split")
    return {key: {table: ranges} for key, ranges in parked.items()}


def _tables_of(source: Source) -> list[str]:
    return [t for t in tables_of_kind(source.kind) if t not in PROVENANCE_TABLES]


def _finish_source(source: Source, target: Path, written: list[str]) -> None:
    """Write the tables of the source's kind the consortium has none of (header only), then
    its own descriptor around fresh resources."""
    meta = PackageMeta.from_descriptor(source.descriptor)
    for table in tables_of_kind(meta.kind):
        if table not in written:
            write_table(target, table, meta.kind, [])
    write_descriptor(target, meta)
    path = target / "datapackage.json"
    written_descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor = dict(source.descriptor)
    descriptor["resources"] = [r for r in written_descriptor["resources"]
                               if r["name"] not in PROVENANCE_TABLES]
    path.write_text(json.dumps(descriptor, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                    encoding="utf-8")
