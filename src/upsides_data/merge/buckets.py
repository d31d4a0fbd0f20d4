"""Rows parked on disk by key range, so that one key range at a time can be merged and written.

A merged table is written sorted by its primary key, and every check of a merge compares the
rows of one record (one key) across inputs. ``KeyRanges`` takes a table's rows batch by batch and
parks them in Arrow IPC files of a working folder. ``ranges()`` then cuts the sorted distinct keys into ranges of at most ``keys_per_range``
keys and yields, in key order, one frame per range with every row whose key falls in it (rows
with a null key come last, as the writer's sort puts them). So a range holds every row of its
records, and writing the ranges one after another gives the table sorted as a whole.

While the rows parked fit one batch they stay in memory: small merges never touch the disk.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import polars as pl

_RANGE = "__range"


class KeyRanges:
    """A table's rows, parked in ``folder`` and given back by ranges of the ``key`` column."""

    def __init__(self, folder: Path, key: str, keys_per_range: int, *,
                 hold: int | None = None) -> None:
        self._folder = folder
        self._key = key
        self._limit = max(1, keys_per_range)
        self._hold = self._limit if hold is None else hold  # rows kept in memory before parking
        self._held: list[pl.DataFrame] = []
        self._held_rows = 0
        self._files: list[Path] = []
        self._schema: pl.Schema | None = None

    def add(self, frame: pl.DataFrame) -> None:
        """Park a batch of rows (all batches have the same columns)."""
        if self._schema is None:
            self._schema = frame.schema
        if frame.height == 0:
            return
        if not self._files and self._held_rows + frame.height <= self._hold:
            self._held.append(frame)
            self._held_rows += frame.height
            return
        for held in self._held:
            self._park(held)
        self._held, self._held_rows = [], 0
        self._park(frame)

    def _park(self, frame: pl.DataFrame) -> None:
        self._folder.mkdir(parents=True, exist_ok=True)
        path = self._folder / f"batch-{len(self._files)}.arrow"
        frame.write_ipc(path)
        self._files.append(path)

    def ranges(self) -> Iterator[pl.DataFrame]:
        """Every row parked, one frame per key range, in key order (null keys last)."""
        if not self._files:
            if self._held:
                yield pl.concat(self._held, how="vertical")
            elif self._schema is not None:
                yield pl.DataFrame(schema=self._schema)
            return
        parts = self._split(self._bounds())
        for index in sorted(parts):
            yield pl.concat([pl.read_ipc(p) for p in parts[index]],
                            how="vertical")
            for part in parts[index]:
                part.unlink()
        shutil.rmtree(self._folder, ignore_errors=True)

    def _bounds(self) -> pl.Series:
        """The first key of every range but the first, from the key column of the parked rows
        (the table's distinct keys: the one thing held for the whole table)."""
        keys = pl.concat([pl.read_ipc(p, columns=[self._key]).get_column(self._key).unique()
                          for p in self._files])
        keys = keys.drop_nulls().unique().sort()
        return keys.gather_every(self._limit, offset=self._limit)

    def _split(self, bounds: pl.Series) -> dict[int, list[Path]]:
        """Cut every parked batch by key range: each range's files, in the order parked."""
        folder = self._folder / "ranges"
        folder.mkdir(parents=True, exist_ok=True)
        nulls = len(bounds) + 1
        parts: dict[int, list[Path]] = {}
        for seq, path in enumerate(self._files):
            frame = pl.read_ipc(path)
            ranges = bounds.search_sorted(frame.get_column(self._key), side="right")
            frame = frame.with_columns(
                pl.when(pl.col(self._key).is_null()).then(pl.lit(nulls, dtype=pl.Int64))
                .otherwise(ranges.cast(pl.Int64)).alias(_RANGE))
            for (index,), part in frame.partition_by(_RANGE, as_dict=True,
                                                     maintain_order=True).items():
                target = folder / f"{index}-{seq}.arrow"
                part.drop(_RANGE).write_ipc(target)
                parts.setdefault(int(index), []).append(target)
            path.unlink()
        self._files = []
        return parts
