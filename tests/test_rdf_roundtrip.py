"""``import rdf`` gives back the exported packages: equal tables and descriptors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upsides_data.errors import OutputError, UnreadableInputError, UsageError
from upsides_data.package import open_package
from upsides_data.rdf.export import to_rdf
from upsides_data.rdf.importer import from_rdf
from upsides_data.synth import synthesize

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "upsides-mhw-2019"


def assert_same_package(original: Path, back: Path) -> None:
    a, b = open_package(original), open_package(back)
    assert len(a.resources()) >= 10, f"{original} holds too few tables to compare"
    assert sorted(a.resources()) == sorted(b.resources())
    for table in a.resources():
        assert a.text_frame(table).equals(b.text_frame(table)), table
        assert (a.path_of(table).read_bytes() == b.path_of(table).read_bytes()), table
    before = json.loads((original / "datapackage.json").read_text())
    after = json.loads((back / "datapackage.json").read_text())
    # documented in docs/rdf.md: RDF keeps keywords as a set
    if "keywords" in before:
        before["keywords"] = sorted(before["keywords"])
    assert before == after


def _by_name(paths: list[Path]) -> dict[str, Path]:
    return {open_package(p).name: p for p in paths}


@pytest.mark.parametrize("fmt, suffix", [("turtle", ".ttl"), ("ntriples", ".nt"),
                                         ("jsonld", ".jsonld")])
def test_synthetic_round_trip(tmp_path: Path, fmt: str, suffix: str) -> None:
    corpus = synthesize(tmp_path / "synth", sites=2, quotes=12, seed=11)
    exported = to_rdf(corpus, tmp_path / f"all{suffix}", format=fmt)
    back = from_rdf(exported, tmp_path / "back")
    originals = _by_name(corpus)
    assert len(originals) == 3  # the codebook package and two sites
    assert sorted(p.name for p in back) == sorted(originals)
    for folder in back:
        assert_same_package(originals[folder.name], folder)


def test_single_package_goes_to_out_dir_itself(tmp_path: Path) -> None:
    corpus = synthesize(tmp_path / "synth", sites=1, quotes=3, seed=2, access_level="public")
    exported = to_rdf(corpus[1], tmp_path / "site.ttl")
    [folder] = from_rdf(exported, tmp_path / "site")
    assert folder == tmp_path / "site"
    assert_same_package(corpus[1], folder)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), quotes=st.integers(2, 10))
def test_round_trip_property(tmp_path_factory: pytest.TempPathFactory, seed: int,
                             quotes: int) -> None:
    tmp = tmp_path_factory.mktemp("prop")
    corpus = synthesize(tmp / "synth", sites=2, quotes=quotes, seed=seed)
    back = from_rdf(to_rdf(corpus, tmp / "x.nt", format="ntriples"), tmp / "back")
    originals = _by_name(corpus)
    assert len(originals) == 3  # the codebook package and two sites
    assert sorted(_by_name(back)) == sorted(originals)
    for folder in back:
        assert_same_package(originals[folder.name], folder)


def test_example_corpus_round_trip(tmp_path: Path) -> None:
    packages = sorted(p.parent for p in EXAMPLE.glob("*/datapackage.json"))
    assert packages, f"the example corpus is missing: no */datapackage.json under {EXAMPLE}"
    back = from_rdf(to_rdf(packages, tmp_path / "ex.ttl"), tmp_path / "back")
    originals = _by_name(packages)
    assert len(originals) == len(packages) == 7
    assert sorted(_by_name(back)) == sorted(originals)
    for folder in back:
        assert_same_package(originals[folder.name], folder)


def test_merged_consortium_round_trip(tmp_path: Path) -> None:
    """A consortium export comes back as the consortium, with the descriptors it was merged from,
    so it can still be split; its PackageSource records carry a kind but are not datasets."""
    from upsides_data.merge import merge, split

    corpus = synthesize(tmp_path / "synth", sites=2, quotes=6, seed=3)
    assert merge(corpus, tmp_path / "consortium").ok
    [back] = from_rdf(to_rdf(tmp_path / "consortium", tmp_path / "c.ttl"), tmp_path / "back")
    assert_same_package(tmp_path / "consortium", back)
    parts = split(back, tmp_path / "parts")
    originals = _by_name(corpus)
    assert len(originals) == 3  # the codebook package and two sites
    assert sorted(_by_name(parts)) == sorted(originals)
    for folder in parts:
        assert_same_package(originals[folder.name], folder)


def test_existing_output_refused_and_not_touched(tmp_path: Path) -> None:
    corpus = synthesize(tmp_path / "synth", sites=1, quotes=2, seed=5)
    exported = to_rdf(corpus, tmp_path / "x.ttl")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "keep.txt").write_text("mine")
    with pytest.raises(OutputError, match="already exists"):
        from_rdf(exported, tmp_path / "taken")
    assert (tmp_path / "taken" / "keep.txt").read_text() == "mine"


def test_not_an_export(tmp_path: Path) -> None:
    other = tmp_path / "other.ttl"
    other.write_text("<http://x/a> <http://x/b> <http://x/c> .\n")
    with pytest.raises(UnreadableInputError, match="no package dataset"):
        from_rdf(other, tmp_path / "out")
    broken = tmp_path / "broken.nt"
    broken.write_text("<http://x/a> <http://x/b> .\n")
    with pytest.raises(UnreadableInputError, match="not readable"):
        from_rdf(broken, tmp_path / "out")
    assert not (tmp_path / "out").exists()
