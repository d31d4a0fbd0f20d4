"""An input table read in row batches, so that merge and split never hold a whole table.

The file is reached through the package's confinement (``Package.path_of``) and parsed by the
same polars CSV reader as ``Package.text_frame`` (every cell text, empty cells null), batch by
batch. A batch holds at most ``BATCH_ROWS`` rows and, for tables of long rows (transcripts),
about ``BATCH_BYTES`` bytes: the rows per batch are estimated from the table's first rows. A file
that cannot be read raises ``UnreadableInputError`` with the same finding ``text_frame`` gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from upsides_data.errors import UnreadableInputError
from upsides_data.package.confine import unreadable_csv
from upsides_data.package.reader import Package

BATCH_ROWS = 50_000  # rows of one table held at a time (also the key range of one bucket)
BATCH_BYTES = 32 * 1024**2  # about the memory one batch may take, for tables of long rows
_SAMPLE_ROWS = 256


def _scan(path: Path) -> pl.LazyFrame:
    return pl.scan_csv(path, infer_schema=False, encoding="utf8")


def _unreadable(package: Package, table: str, path: Path, exc: Exception) -> UnreadableInputError:
    return unreadable_csv(path, exc, package=package.name,
                          file=str(package.resources()[table].get("path")))


def plan(package: Package, table: str) -> tuple[list[str], int]:
    """The table's column names (its header line) and how many of its rows make one batch:
    ``BATCH_ROWS``, fewer for long rows."""
    path = package.path_of(table)
    try:
        sample = _scan(path).head(_SAMPLE_ROWS).collect()
    except Exception as exc:  # polars' errors never reach the user unwrapped
        raise _unreadable(package, table, path, exc) from None
    if sample.height == 0:
        return sample.columns, BATCH_ROWS
    per_row = max(1, int(sample.estimated_size()) // sample.height)
    return sample.columns, max(1, min(BATCH_ROWS, BATCH_BYTES // per_row))


def read_batches(package: Package, table: str, rows: int) -> Iterator[pl.DataFrame]:
    """The table's rows, in file order, as frames of at most ``rows`` rows."""
    path = package.path_of(table)
    batches = _scan(path).collect_batches(chunk_size=rows, maintain_order=True)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except Exception as exc:
            raise _unreadable(package, table, path, exc) from None
        for start in range(0, batch.height, rows):  # the chunk size is a hint to polars
            yield batch.slice(start, rows)
