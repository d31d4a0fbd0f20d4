"""Merge and split in bounded memory: inputs are read in batches and merged by key range.

With a tiny batch size (7 rows) no input table is ever materialised whole: every batch read holds
at most 7 rows and every key range at most 7 keys, while the output and the findings are exactly
those of a merge with the default batch size (which merges these small packages in one range).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from merge_strategies import tree_bytes, write_corpus
from upsides_data.errors import ConflictError
from upsides_data.merge import batches, buckets, merge, split
from upsides_data.merge.sources import PROVENANCE_TABLES
from upsides_data.package.reader import Package

TINY = 7


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_corpus(tmp_path_factory.mktemp("streaming") / "in", seed=3, sites=2, quotes=60)


class Watch:
    """Records every batch read and every key range merged; refuses whole-table reads."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.batches: list[int] = []
        self.ranges: list[tuple[str, int, int]] = []  # (key column, distinct keys, rows)
        read, ranges = batches.read_batches, buckets.KeyRanges.ranges

        def read_batches(package: Package, table: str, rows: int) -> Iterator[pl.DataFrame]:
            for batch in read(package, table, rows):
                self.batches.append(batch.height)
                yield batch

        def watched_ranges(parked: buckets.KeyRanges) -> Iterator[pl.DataFrame]:
            for frame in ranges(parked):
                key = parked._key
                self.ranges.append((key, frame.get_column(key).drop_nulls().n_unique(),
                                    frame.height))
                yield frame

        def whole_table(package: Package, table: str) -> pl.DataFrame:
            assert table in PROVENANCE_TABLES, f"{table} was read whole"
            return text_frame(package, table)

        text_frame = Package.text_frame
        monkeypatch.setattr(batches, "BATCH_ROWS", TINY)
        monkeypatch.setattr(batches, "read_batches", read_batches)
        monkeypatch.setattr(buckets.KeyRanges, "ranges", watched_ranges)
        monkeypatch.setattr(Package, "text_frame", whole_table)

    def assert_bounded(self) -> None:
        assert self.batches and max(self.batches) <= TINY
        assert max(keys for _, keys, _ in self.ranges) <= TINY
        # the big tables really were cut into several ranges
        assert sum(1 for key, _, _ in self.ranges if key == "quote") > 1


def _twin(site: Path, folder: Path, version: str) -> Path:
    """A copy of ``site`` under another version: the same records from a second source."""
    shutil.copytree(site, folder)
    descriptor = folder / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["version"] = version
    descriptor.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return folder


def _edit(folder: Path, table: str, column: str, value: str, rows: int | None = None) -> None:
    path = folder / f"{table}.csv"
    frame = pl.read_csv(path, infer_schema=False)
    index = pl.int_range(pl.len())
    chosen = index < rows if rows is not None else pl.lit(True)
    frame = frame.with_columns(pl.when(chosen).then(pl.lit(value) + index.cast(pl.String))
                               .otherwise(pl.col(column)).alias(column))
    frame.write_csv(path, line_terminator="\n")


def _findings(paths: list[Path], out: Path) -> list[tuple[Any, ...]]:
    with pytest.raises(ConflictError) as refused:
        merge(paths, out, validate=False)
    assert not out.exists()
    return [(f.rule, f.package, f.file, f.row, f.field, f.message) for f in refused.value.findings]


def test_merge_reads_batches_and_writes_the_same_bytes(corpus: dict[str, Path], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    twin = _twin(corpus["synth-3-s01"], tmp_path / "twin", "1.1.0")
    paths = [*corpus.values(), twin]
    assert merge(paths, tmp_path / "whole", validate=False).ok
    watch = Watch(monkeypatch)
    assert merge(paths, tmp_path / "batched", validate=False).ok
    watch.assert_bounded()
    assert tree_bytes(tmp_path / "batched") == tree_bytes(tmp_path / "whole")
    assert merge(list(reversed(paths)), tmp_path / "again", validate=False).ok
    assert tree_bytes(tmp_path / "again") == tree_bytes(tmp_path / "whole")


def test_conflicts_found_across_ranges_are_those_of_the_whole_table(
        corpus: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = corpus["synth-3-s01"]
    clashing = _twin(site, tmp_path / "clashing", "1.1.0")
    _edit(clashing, "quote", "text", "changed ")  # every quote: more than are listed one by one
    links = pl.read_csv(clashing / "quote_themes.csv", infer_schema=False)
    links.slice(3).write_csv(clashing / "quote_themes.csv", line_terminator="\n")
    again = _twin(site, tmp_path / "again", "1.0.0")  # same name and version, other rows
    _edit(again, "coding", "coded_on", "2020-01-0", rows=9)
    paths = [*corpus.values(), clashing, again]
    whole = _findings(paths, tmp_path / "whole")
    assert {"merge-conflict", "merge-same-package-differs"} <= {f[0] for f in whole}
    assert any("more conflicting records in quote" in f[5] for f in whole)
    watch = Watch(monkeypatch)
    assert _findings(paths, tmp_path / "batched") == whole
    watch.assert_bounded()


def test_split_reads_batches_and_writes_the_same_bytes(corpus: dict[str, Path], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert merge(list(corpus.values()), tmp_path / "merged", validate=False).ok
    split(tmp_path / "merged", tmp_path / "whole", validate=False)
    watch = Watch(monkeypatch)
    split(tmp_path / "merged", tmp_path / "batched", validate=False)
    watch.assert_bounded()
    assert tree_bytes(tmp_path / "batched") == tree_bytes(tmp_path / "whole")
    for name, folder in corpus.items():  # the tables come back as they were merged
        got, given = tree_bytes(tmp_path / "batched" / name), tree_bytes(folder)
        del got["datapackage.json"], given["datapackage.json"]  # a draft says so in it
        assert got == given
