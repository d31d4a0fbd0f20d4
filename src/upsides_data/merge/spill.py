"""Merged tables parked between merging and writing, on disk once they grow, to bound memory.

``merge`` holds one table of every input in memory at a time. Merged tables stay in memory while
they fit a budget (small merges then touch the disk only to write the output); beyond it each is
written to a Parquet file in a hidden working folder beside the output. ``write_package`` then
reads them back one at a time through ``SpilledTables``, a read-only mapping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import polars as pl

Progress = Callable[[str, int, int], None]
MEMORY_BUDGET = 256 * 1024**2  # bytes of merged tables kept in memory before spilling to disk


class SpilledTables(Mapping[str, pl.DataFrame]):
    """A mapping of table name to frame whose frames live in Parquet files of ``folder``."""

    def __init__(self, folder: Path, *, budget: int = MEMORY_BUDGET) -> None:
        self._folder = folder
        self._budget = budget
        self._held = 0
        self._memory: dict[str, pl.DataFrame] = {}
        self._names: list[str] = []
        self.progress: Progress | None = None
        self.stage = "write"
        self._done = 0

    def put(self, name: str, frame: pl.DataFrame) -> None:
        size = int(frame.estimated_size())
        if self._held + size <= self._budget:
            self._memory[name] = frame
            self._held += size
        else:
            self._folder.mkdir(parents=True, exist_ok=True)
            frame.write_parquet(self._folder / f"{name}.parquet")
        if name not in self._names:
            self._names.append(name)

    def rows(self, name: str) -> int:
        """How many rows a table holds, without loading a spilled one."""
        if name in self._memory:
            return self._memory[name].height
        return int(pl.scan_parquet(self._folder / f"{name}.parquet").select(pl.len()).collect().item())

    def __getitem__(self, name: str) -> pl.DataFrame:
        if name not in self._names:
            raise KeyError(name)
        frame = self._memory.get(name)
        if frame is None:
            frame = pl.read_parquet(self._folder / f"{name}.parquet")
        self._done += 1
        if self.progress is not None:
            self.progress(self.stage, min(self._done, len(self._names)), len(self._names))
        return frame

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)
