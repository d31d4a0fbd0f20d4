"""Layers 1-3 read big tables in row batches and keep only key columns whole (issue #18, item 1).

Structural, never timed: with a batch size of two rows and every table counted as big, every
frame polars reads from a CSV during layers 1-3 is at most two rows tall, and every frame taller
than that which layers 1-3 put together holds key columns only (primary key, unique fields,
both ends of a foreign key, a link table's owner and value). The report is the same as with
the default budget, and the record scan counts cells as Python's csv module does.
"""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import astuple
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

from package_factory import set_cell
from upsides_data.package import confine
from upsides_data.package.confine import IrregularCsv, RecordScan, read_text_batches
from upsides_data.package.reader import open_package
from upsides_data.resources import package_profile
from upsides_data.validate import context, runner, tables
from upsides_data.validate.runner import validate

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "upsides-mhw-2019"
BATCH = 2


def _packages(tmp_path: Path) -> list[Path]:
    for name in ("ulm", "bgu", "codebook"):
        shutil.copytree(EXAMPLE / name, tmp_path / name)
    set_cell(tmp_path / "ulm", "focus_group", 2, "population", "unknown value")
    set_cell(tmp_path / "bgu", "quote", 2, "transcript", "upsides:bgu/nowhere")
    set_cell(tmp_path / "ulm", "quote", 3, "label_chapter", "twelve")
    set_cell(tmp_path / "ulm", "quote", 4, "id", "upsides:ulm/q-dup")
    set_cell(tmp_path / "ulm", "quote", 5, "id", "upsides:ulm/q-dup")
    return [tmp_path / "ulm", tmp_path / "bgu", tmp_path / "codebook"]


def _key_columns() -> set[str]:
    names = {tables.ROW, tables.BLANK}
    for columns in tables.key_columns("site").values():
        names |= columns
    for columns in tables.key_columns("codebook").values():
        names |= columns
    for info in package_profile()["tables"].values():
        if info.get("link"):
            names |= {info["link"]["owner"], info["link"]["value"]}
    return names


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """Batches of two rows, no table kept whole; records what polars reads and concatenates."""
    monkeypatch.setattr(context, "BATCH_ROWS", BATCH)
    monkeypatch.setattr(context, "SMALL_TABLE_BYTES", 0)
    monkeypatch.setattr(confine, "READ_BYTES", 64)  # records cross reads: the carry is used
    seen: dict[str, list[Any]] = {"read": [], "concat": []}
    read_csv, concat = pl.read_csv, pl.concat

    def recording_read(*args: Any, **kwargs: Any) -> pl.DataFrame:
        frame = read_csv(*args, **kwargs)
        seen["read"].append((frame.height, args[0]))
        return frame

    def recording_concat(items: Any, *args: Any, **kwargs: Any) -> Any:
        result = concat(items, *args, **kwargs)
        if isinstance(result, pl.DataFrame):
            seen["concat"].append((result.height, tuple(result.columns)))
        return result

    monkeypatch.setattr(pl, "read_csv", recording_read)
    monkeypatch.setattr(pl, "concat", recording_concat)
    return seen


def _early(paths: list[Path]) -> list[Any]:
    found = []
    for path in paths:
        ctx, problems = runner._open(path, context.ValidationOptions())
        assert ctx is not None and not problems
        found.extend(runner._run_early_layers(ctx))
        assert all(frame.height <= BATCH for frame in ctx.frames.values()) or not ctx.frames
    return found


def test_layers_1_to_3_never_hold_a_big_table(tmp_path: Path, tiny: dict[str, list[Any]]):
    paths = _packages(tmp_path)
    found = _early(paths)
    assert {f.rule for f in found} >= {"constraint-enum", "type-error", "primary-key"}
    reads = tiny["read"]
    assert reads, "layers 1-3 read no table through polars"
    assert max(height for height, _ in reads) <= BATCH, [r for r in reads if r[0] > BATCH]
    keys = _key_columns()
    tall = [(h, cols) for h, cols in tiny["concat"] if h > BATCH]
    assert tall, "no table was taller than a batch: the test shows nothing"
    assert all(set(cols) <= keys for _h, cols in tall), [c for _h, c in tall
                                                          if not set(c) <= keys]


def test_tiny_batches_give_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    paths = _packages(tmp_path)
    default = [astuple(f) for f in validate(paths).findings]
    monkeypatch.setattr(context, "BATCH_ROWS", BATCH)
    monkeypatch.setattr(context, "SMALL_TABLE_BYTES", 0)
    monkeypatch.setattr(confine, "READ_BYTES", 64)
    monkeypatch.setattr(confine, "BATCH_BYTES", 100)
    batched = [astuple(f) for f in validate(paths).findings]
    assert {f[0] for f in default} >= {"constraint-enum", "foreign-key", "primary-key"}
    assert batched == default


def test_batches_together_are_the_text_frame(tmp_path: Path):
    package = open_package(EXAMPLE / "ulm")
    for table in ("quote", "evidence_reference", "participant"):
        parts = list(package.text_batches(table, size=3))
        assert max(p.height for p in parts) <= 3
        assert pl.concat(parts).equals(package.text_frame(table))
        ids = pl.concat(list(package.text_batches(table, size=3, columns=["id"])))
        assert ids.columns == ["id"] and ids.height == package.text_frame(table).height


CSV_CASES = {
    "plain": b"a,b,c\n1,2,3\n4,5,6\n",
    "bom-crlf": b"\xef\xbb\xbfa,b,c\r\n1,2,3\r\n4,5\r\n",
    "quoted-newline": b'a,b,c\n1,"two\nlines",3\n"x,y",,\n',
    "doubled-quotes": b'a,b,c\n"say ""hi""",2,3\n"""","",7,8\n',
    "blank-lines": b"a,b,c\n\n1,2,3\n,,\n\r\n4\n",
    "no-final-newline": b"a,b,c\n1,2,3,4",
    "header-only": b"a,b,c",
}


def _csv_counts(data: bytes) -> list[tuple[int, int]]:
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=False))
    return [(number, len(row)) for number, row in enumerate(rows[1:], start=2)]


@pytest.mark.parametrize("name", sorted(CSV_CASES))
@pytest.mark.parametrize("size", [1, 2, 100])
def test_record_scan_counts_cells_as_csv_does(tmp_path: Path, name: str, size: int):
    path = tmp_path / "t.csv"
    path.write_bytes(CSV_CASES[name])
    counted: list[tuple[int, int]] = []
    for first, raw, cells, ends in RecordScan(path, size).batches():
        assert len(cells) <= size and len(ends) == len(cells)
        starts = np.concatenate([[0], ends[:-1] + 1])
        for index, (start, end) in enumerate(zip(starts.tolist(), ends.tolist())):
            record = raw[start:end + 1].decode("utf-8")
            parsed = next(csv.reader(io.StringIO(record, newline=""), strict=False), [])
            expected = int(cells[index]) if parsed else None
            counted.append((first + index, len(parsed) if expected is None else expected))
    assert counted == _csv_counts(CSV_CASES[name])


@pytest.mark.parametrize("data", [b'a,b\n1,x"y\n', b'a,b\n"open,2\n', b"a,b\n1\r2,3\n",
                                  b'a,b\n"x"y,2\n'])
def test_irregular_files_take_the_slow_path(tmp_path: Path, data: bytes):
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    with pytest.raises(IrregularCsv):
        list(RecordScan(path, 10).batches())
    try:
        whole = pl.read_csv(path, infer_schema=False, truncate_ragged_lines=True)
    except Exception:
        return  # polars cannot read it either: the batch reader raises as the whole read does
    batched = pl.concat(list(read_text_batches(path, size=1, ragged=True)))
    assert batched.equals(whole)
