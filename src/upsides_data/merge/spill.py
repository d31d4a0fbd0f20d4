"""Merged tables parked on disk between merging and writing, to keep memory bounded.

``merge`` holds one table of every input in memory at a time; each merged table is written to a
Parquet file in a hidden working folder beside the output. ``write_package`` then reads them back
one at a time through ``SpilledTables``, a read-only mapping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import polars as pl

Progress = Callable[[str, int, int], None]


class SpilledTables(Mapping[str, pl.DataFrame]):
    """A mapping of table name to frame whose frames live in Parquet files of ``folder``."""

    def __init__(self, folder: Path, names: list[str], *, progress: Progress | None = None,
                 stage: str = "write") -> None:
        self._folder = folder
        self._names = list(names)
        self._progress = progress
        self._stage = stage
        self._done = 0

    def put(self, name: str, frame: pl.DataFrame) -> None:
        self._folder.mkdir(parents=True, exist_ok=True)
        frame.write_parquet(self._folder / f"{name}.parquet")
        if name not in self._names:
            self._names.append(name)

    def __getitem__(self, name: str) -> pl.DataFrame:
        path = self._folder / f"{name}.parquet"
        if name not in self._names or not path.is_file():
            raise KeyError(name)
        frame = pl.read_parquet(path)
        self._done += 1
        if self._progress is not None:
            self._progress(self._stage, min(self._done, len(self._names)), len(self._names))
        return frame

    def __iter__(self) -> Iterator[str]:
        return iter([n for n in self._names if (self._folder / f"{n}.parquet").is_file()])

    def __len__(self) -> int:
        return sum(1 for _ in self)
