"""The analyst's API: typed records, references, frames with dtypes, and the helpers.

Expected values are computed from the package's CSV files directly, not through the API.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl
import pytest

from merge_strategies import write_corpus
from upsides_data import load
from upsides_data.datamodel import upsides as dm
from upsides_data.merge import merge
from upsides_data.resources import table_schema


@pytest.fixture(scope="module")
def consortium(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dataset")
    paths = write_corpus(root / "in", seed=1, sites=3, quotes=30)
    result = merge(list(paths.values()), root / "consortium")
    assert result.ok
    return root / "consortium"


def _csv(pkg: Path, table: str) -> pl.DataFrame:
    return pl.read_csv(pkg / f"{table}.csv", infer_schema=False)


def test_typed_records_and_references(consortium):
    ds = load(consortium)
    rows = _csv(consortium, "quote")
    assert len(ds.quotes) == rows.height
    row = rows.row(0, named=True)
    quote = ds.quotes[row["id"]]
    assert isinstance(quote, dm.Quote) and quote.text == row["text"]
    themes = _csv(consortium, "quote_themes").filter(pl.col("quote") == row["id"])
    assert sorted(quote.themes or []) == sorted(themes["theme"].to_list())
    transcript = ds.transcript_of(quote)
    assert transcript.id == row["transcript"]
    fg_id = _csv(consortium, "transcript").filter(pl.col("id") == row["transcript"])["focus_group"][0]
    assert ds.focus_group_of(quote).id == fg_id
    site_id = _csv(consortium, "focus_group").filter(pl.col("id") == fg_id)["site"][0]
    assert ds.site_of(quote).id == site_id == ds.site_of(row["id"]).id
    assert ds.get(site_id) == ds.sites[site_id]
    with pytest.raises(KeyError):
        ds.get("upsides:nowhere/nothing")


def test_frames_have_schema_dtypes(consortium):
    frames = load(consortium).frames()
    assert set(frames) >= {"quote", "focus_group", "package_source"}
    for table, frame in frames.items():
        for fld in table_schema(table)["fields"]:
            dtype = frame[fld["name"]].dtype
            enum = (fld.get("constraints") or {}).get("enum")
            if enum:
                assert isinstance(dtype, pd.CategoricalDtype), (table, fld["name"])
                assert list(dtype.categories) == enum
            elif fld["type"] == "integer":
                assert str(dtype) == "Int64", (table, fld["name"])
            elif fld["type"] == "boolean":
                assert str(dtype) == "boolean", (table, fld["name"])
    held_on = frames["focus_group"]["held_on"]
    raw = _csv(consortium, "focus_group")["held_on"].drop_nulls().to_list()
    if raw and all(len(v) == 10 for v in raw):
        assert str(held_on.dtype).startswith("datetime64")
    else:
        assert str(held_on.dtype) == "string"


def test_partial_dates_stay_text(tmp_path, consortium):
    from upsides_data.dataset import Dataset, _to_pandas

    schema = table_schema("focus_group")
    frame = pl.DataFrame({f["name"]: [None, None] for f in schema["fields"]},
                         schema={f["name"]: pl.String for f in schema["fields"]})
    full = frame.with_columns(pl.Series("held_on", ["2019-05-14", None]))
    partial = frame.with_columns(pl.Series("held_on", ["2019-05-14", "2019-06"]))
    from upsides_data.package.reader import cast_frame
    assert str(_to_pandas(cast_frame(full, schema), schema)["held_on"].dtype).startswith("datetime64")
    text = _to_pandas(cast_frame(partial, schema), schema)["held_on"]
    assert str(text.dtype) == "string" and text.tolist() == ["2019-05-14", "2019-06"]
    import upsides_data

    assert upsides_data.Dataset is Dataset and "Dataset" in upsides_data.__all__  # public


def test_helpers_match_the_tables(consortium):
    ds = load(consortium)
    quotes = _csv(consortium, "quote").select("id", "transcript")
    ctx = (quotes.join(_csv(consortium, "transcript").select(pl.col("id").alias("transcript"),
                                                             "focus_group"), on="transcript")
           .join(_csv(consortium, "focus_group").select(pl.col("id").alias("focus_group"),
                                                        "site", "study"), on="focus_group"))
    for site in _csv(consortium, "site").iter_rows(named=True):
        expected = sorted(ctx.filter(pl.col("site") == site["id"])["id"].to_list())
        assert sorted(ds.quotes_by_site(site["label"])["id"]) == expected
        assert sorted(ds.quotes_by_site(site["id"])["id"]) == expected
    study = _csv(consortium, "study")["id"][0]
    assert len(ds.quotes_by_study(study)) == quotes.height

    participation = _csv(consortium, "site_participation").join(
        _csv(consortium, "income_classification").select(
            pl.col("id").alias("income_classification"), "income_group"),
        on="income_classification")
    total = 0
    for group in ("HIC", "UMIC", "LMIC", "LIC"):
        sites = participation.filter(pl.col("income_group") == group)["site"].to_list()
        expected = sorted(ctx.filter(pl.col("site").is_in(sites))["id"].to_list())
        got = sorted(ds.quotes_by_income_group(group)["id"])
        assert got == expected
        total += len(got)
    assert total == quotes.height

    themes = _csv(consortium, "theme")
    links = _csv(consortium, "quote_themes")
    parent = themes.filter(pl.col("parent").is_not_null())["parent"][0]
    children = themes.filter(pl.col("parent") == parent)["id"].to_list()
    grandchildren = themes.filter(pl.col("parent").is_in(children))["id"].to_list()
    family = {parent, *children, *grandchildren}
    expected = set(links.filter(pl.col("theme").is_in(list(family)))["quote"].to_list())
    assert set(ds.quotes_by_theme(parent)["id"]) == expected
    own = set(links.filter(pl.col("theme") == parent)["quote"].to_list())
    assert set(ds.quotes_by_theme(parent, include_subthemes=False)["id"]) == own


def test_theme_site_counts(consortium):
    ds = load(consortium)
    counts = ds.theme_site_counts()
    links = _csv(consortium, "quote_themes")
    assert list(counts.index) == sorted(_csv(consortium, "theme")["id"].to_list())
    assert int(counts.to_numpy().sum()) == links.unique().height
    for theme in counts.index[:5]:
        row_total = int(counts.loc[theme].sum())
        assert row_total == links.filter(pl.col("theme") == theme).height
    rolled = ds.theme_site_counts(include_subthemes=True)
    for theme in counts.index:
        assert (rolled.loc[theme] >= counts.loc[theme]).all()
        assert int(rolled.loc[theme].sum()) == len(ds.quotes_by_theme(theme))


def test_load_several_packages_at_once(tmp_path):
    paths = write_corpus(tmp_path, seed=2, sites=2, quotes=6)
    ds = load(list(paths.values()))
    assert len(ds.quotes) == 6 and len(ds.sites) == 2
