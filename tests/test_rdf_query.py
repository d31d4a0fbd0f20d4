"""The SPARQL examples of docs/rdf.md run, and agree with the same counts made from the tables."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from upsides_data.errors import UsageError
from upsides_data.package import open_package
from upsides_data.rdf.query import query
from upsides_data.synth import synthesize

DOC = Path(__file__).resolve().parents[1] / "docs" / "rdf.md"


def doc_queries() -> list[str]:
    found = re.findall(r"```sparql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(found) == 4, "docs/rdf.md should hold the four example queries"
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return synthesize(tmp_path_factory.mktemp("q") / "synth", sites=3, quotes=30, seed=4)


def _table(paths: list[Path], table: str) -> pl.DataFrame:
    frames = [open_package(p).text_frame(table) for p in paths if open_package(p).has(table)]
    return pl.concat(frames)


def _quote_sites(paths: list[Path]) -> pl.DataFrame:
    quotes = _table(paths, "quote").select(quote="id", transcript="transcript")
    transcripts = _table(paths, "transcript").select(transcript="id", fg="focus_group")
    groups = _table(paths, "focus_group").select(fg="id", site="site", study="study")
    sites = _table(paths, "site").select(site="id", label="label")
    return quotes.join(transcripts, on="transcript").join(groups, on="fg").join(sites, on="site")


def test_quotes_per_theme_and_site(corpus: list[Path]) -> None:
    rows = query(corpus, doc_queries()[0])
    links = _table(corpus, "quote_themes").join(_quote_sites(corpus), on="quote")
    expected = (links.group_by("theme", "label").agg(pl.col("quote").n_unique().alias("n"))
                .sort("theme", "label"))
    got = sorted((r["theme"].rsplit("/", 2)[-2:], r["siteLabel"], int(r["quotes"])) for r in rows)
    want = sorted((t.replace("upsides:", "").split("/"), lab, n) for t, lab, n in expected.iter_rows())
    assert got and got == want


def test_quotes_by_income_group(corpus: list[Path]) -> None:
    rows = query(corpus, doc_queries()[1])
    quote_sites = _quote_sites(corpus)
    parts = _table(corpus, "site_participation").select("site", "study", ic="income_classification")
    incomes = _table(corpus, "income_classification").select(ic="id", group="income_group",
                                                              fy="fiscal_year")
    joined = quote_sites.join(parts, on=["site", "study"]).join(incomes, on="ic")
    meanings = {"HIC": "HighIncome", "UMIC": "UpperMiddleIncome", "LMIC": "LowerMiddleIncome",
                "LIC": "LowIncome"}
    want = sorted((meanings[g], fy, n) for g, fy, n in joined.group_by("group", "fy").agg(
        pl.col("quote").n_unique()).iter_rows())
    got = sorted((r["incomeGroup"], r["fiscalYear"], int(r["quotes"])) for r in rows)
    assert got and got == want


def test_themes_per_site(corpus: list[Path]) -> None:
    rows = query(corpus, doc_queries()[2])
    links = _table(corpus, "quote_themes").join(_quote_sites(corpus), on="quote")
    want = dict(links.group_by("label").agg(pl.col("theme").n_unique()).iter_rows())
    assert {r["siteLabel"]: int(r["themes"]) for r in rows} == want
    assert all(r["country"].startswith("http://publications.europa.eu/resource/authority/country/")
               for r in rows)


def test_catalogue_query(corpus: list[Path]) -> None:
    rows = query(corpus, doc_queries()[3])
    assert len(rows) == len(corpus) + 1  # each package and the study
    assert all(r["url"].endswith(".ttl") for r in rows)


def test_ask_and_errors(corpus: list[Path]) -> None:
    assert query(corpus[:1], "ASK { ?s a skos:ConceptScheme }") == [{"ask": "true"}]
    with pytest.raises(UsageError, match="SPARQL syntax error"):
        query(corpus[:1], "SELEC ?x")
    with pytest.raises(UsageError, match="only SELECT and ASK"):
        query(corpus[:1], "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
