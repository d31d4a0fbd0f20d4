"""``Dataset.to_polars`` and ``Dataset.to_pandas``: one table, either library, same content."""

from __future__ import annotations

from pathlib import Path

import polars as pl

import upsides_data


def test_to_polars_and_to_pandas_agree(repo_root: Path) -> None:
    study = repo_root / "examples" / "upsides-mhw-2019"
    dataset = upsides_data.load(sorted(p for p in study.iterdir() if (p / "datapackage.json").is_file()))
    for name in ("site", "focus_group", "quote"):
        polars_frame = dataset.to_polars(name)
        pandas_frame = dataset.to_pandas(name)
        assert isinstance(polars_frame, pl.DataFrame) and polars_frame.height > 0
        assert list(pandas_frame.columns) == polars_frame.columns
        assert len(pandas_frame) == polars_frame.height
        assert polars_frame.equals(dataset.table(name))
        assert list(pandas_frame["id"]) == polars_frame["id"].to_list()
    assert str(dataset.to_pandas("focus_group")["participant_count"].dtype) == "Int64"
