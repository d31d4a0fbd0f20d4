"""Layers 4 and 5 read columns on demand (``validate.frames``), never a whole big table.

Structure, not timing: the package reader is instrumented while layers 4-5 run with a tiny
batch size and with ``ctx.frames`` emptied before them (as when layers 1-3 keep no frames).
Every whole-table read names its columns, long text is read only in batches no taller than the
batch size, each table is read at most once per layer run, and the findings are those of a run
where layers 4-5 work on the frames layer 2 read.
"""

from __future__ import annotations

import csv
from dataclasses import astuple
from pathlib import Path
from typing import Any, Iterator

import polars as pl
import pytest

from disclosure_cases import plant
from package_factory import read_rows, set_cell
from upsides_data.package.reader import Package, open_package
from upsides_data.validate import frames, runner
from upsides_data.validate.runner import validate

TINY = 2
LONG_TEXT = {("quote", "text"), ("transcript", "text")}


def _all(report: Any) -> list[tuple[Any, ...]]:
    return sorted(astuple(f) for f in report.findings)


@pytest.fixture(params=["public", "restricted"])
def packages(tmp_path: Path, request: pytest.FixtureRequest) -> list[Path]:
    """A site package carrying personal data, an exact age and bad spans (and, restricted, a
    transcript text the first quote's span disagrees with), and its codebook."""
    site, _ = plant(tmp_path, access_level=request.param)
    set_cell(site, "quote", 3, "start_offset", "80")  # reversed: 80-10
    set_cell(site, "quote", 3, "end_offset", "10")
    set_cell(site, "participant", 2, "age_years", "41")
    if request.param == "restricted":
        set_cell(site, "transcript", 2, "text", "Synthetic transcript: " + "words " * 30)
    return [site, tmp_path / "codebook"]


class Reads:
    """What the reader was asked for while layers 4-5 ran."""

    def __init__(self) -> None:
        self.late = False
        self.run = 0  # one per pass of a layer run (frames.reading)
        self.frames: list[tuple[int, str, str, tuple[str, ...] | None]] = []
        self.batches: list[tuple[str, str, tuple[str, ...] | None, int]] = []
        self.heights: list[int] = []


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    seen = Reads()
    text_frame, text_batches = Package.text_frame, Package.text_batches
    session, early, late = frames._open_session, runner._run_early_layers, runner._run_late_layers

    def frame(self: Package, table: str, columns: Any = None) -> pl.DataFrame:
        if seen.late:
            seen.frames.append((seen.run, self.name, table,
                                None if columns is None else tuple(columns)))
        return text_frame(self, table, columns)

    def batches(self: Package, table: str, *, size: int,
                columns: Any = None, **kw: Any) -> Iterator[pl.DataFrame]:
        seen.batches.append((self.name, table, None if columns is None else tuple(columns), size))
        for batch in text_batches(self, table, size=size, columns=columns, **kw):
            seen.heights.append(batch.height)
            yield batch

    def counted(*args: Any) -> Any:
        seen.run += 1
        return session(*args)

    def early_then_forget(ctx: Any) -> Any:
        found = early(ctx)
        ctx.frames.clear()
        return found

    def late_reads(ctx: Any) -> Any:
        seen.late = True
        try:
            return late(ctx)
        finally:
            seen.late = False

    monkeypatch.setattr(Package, "text_frame", frame)
    monkeypatch.setattr(Package, "text_batches", batches)
    monkeypatch.setattr(frames, "_open_session", counted)
    monkeypatch.setattr(frames, "BATCH_ROWS", TINY)
    monkeypatch.setattr(runner, "_run_early_layers", early_then_forget)
    monkeypatch.setattr(runner, "_run_late_layers", late_reads)
    return seen


def test_late_layers_read_columns_not_tables(packages: list[Path], reads: Reads,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    report = validate(packages)
    assert reads.frames and reads.batches, "layers 4-5 read nothing from disk"
    assert all(columns is not None for _, _, _, columns in reads.frames), reads.frames
    for _, _, table, columns in reads.frames:
        assert not {(table, c) for c in columns or ()} & LONG_TEXT, (table, columns)
    assert all(columns is not None for _, _, columns, _ in reads.batches)
    scanned = {(table, c) for _, table, columns, _ in reads.batches for c in columns or ()}
    assert LONG_TEXT <= scanned
    assert reads.heights and max(reads.heights) <= TINY
    assert all(size == TINY for *_, size in reads.batches)
    once = [(run, package, table) for run, package, table, _ in reads.frames]
    assert len(once) == len(set(once)), "a table was read twice in one layer run"
    monkeypatch.undo()
    kept = validate(packages)  # layers 4-5 on the frames layer 2 read
    expected = {"offsets"} | ({"disclosure-pii", "disclosure-exact-age"}
                              if open_package(packages[0]).meta.access_level == "public" else
                              {"offsets-text"})
    rules = {f.rule for f in kept.findings} | {
        "offsets-text" for f in kept.findings if f.rule == "offsets" and f.field == "text"}
    assert expected <= rules, rules
    assert _all(report) == _all(kept)


def test_text_batches_cut_the_table_in_order(packages: list[Path]) -> None:
    package = open_package(packages[0])
    whole = package.text_frame("quote", columns=["id", "text", "no_such_column"])
    assert whole.columns == ["id", "text"]
    parts = list(package.text_batches("quote", size=TINY, columns=["text", "id"]))
    assert parts and all(0 < p.height <= TINY for p in parts)
    assert pl.concat(parts).select("id", "text").equals(whole)
    ctx, _ = runner._open(packages[0], runner.ValidationOptions())
    assert ctx is not None
    numbered = pl.concat(frames.batches(ctx, "quote", "id", size=TINY))
    assert numbered.columns == [frames.ROW, "id"]
    assert numbered[frames.ROW].to_list() == list(range(2, whole.height + 2))


def test_a_quoted_blank_cell_is_absent_as_in_layer_two(packages: list[Path]) -> None:
    site = packages[0]
    rows = read_rows(site, "quote")
    with open(site / "quote.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    assert ',"",' in (site / "quote.csv").read_text(encoding="utf-8")
    ctx, _ = runner._open(site, runner.ValidationOptions())
    assert ctx is not None
    header = rows[0]
    read = frames.table(ctx, "quote", *header)
    assert read is not None and read.height == len(rows) - 1
    for name in header:
        blank = [r[header.index(name)] == "" for r in rows[1:]]
        assert read[name].is_null().to_list() == blank, name
