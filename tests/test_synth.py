"""The synthetic consortium generator (``upsides synth``): determinism, shape, spans, disclosure.

Sizes are small so the whole file runs in seconds; benchmark sizes are measured by ``make bench``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import frictionless
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upsides_data.cli import main
from upsides_data.datamodel import upsides as model
from upsides_data.errors import UsageError
from upsides_data.package import open_package
from upsides_data.package.descriptor import schema_for, tables_of_kind
from upsides_data.package.writer import to_text_frame
from upsides_data.resources import package_profile
from upsides_data.synth import synth_tables, synthesize
from upsides_data.synth.vocab import MODERATOR_LINES, PHRASES

EXAMPLE_COMMAND = ["synth", "--sites", "3", "--quotes", "60", "--seed", "42"]
QUASI_IDENTIFIERS = ["site", "role", "gender", "age_band", "profession"]


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def restricted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "restricted"
    synthesize(out, sites=3, quotes=150, seed=7)
    return out


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "public"
    synthesize(out, sites=3, quotes=150, seed=7, access_level="public")
    return out


def _site_dirs(root: Path) -> list[Path]:
    dirs = sorted(p for p in root.iterdir() if p.name.startswith("s"))
    assert dirs, f"no site packages in {root}"
    return dirs


# --- determinism -----------------------------------------------------------------------------

def test_same_arguments_give_byte_identical_packages(tmp_path: Path) -> None:
    synthesize(tmp_path / "a", sites=2, quotes=80, seed=3)
    synthesize(tmp_path / "b", sites=2, quotes=80, seed=3)
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    descriptors = 3
    assert len(a) == len(tables_of_kind("codebook")) + 2 * len(tables_of_kind("site")) + descriptors
    assert a == b


def test_different_seeds_differ(tmp_path: Path) -> None:
    synthesize(tmp_path / "a", sites=2, quotes=80, seed=3)
    synthesize(tmp_path / "b", sites=2, quotes=80, seed=4)
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a.keys() == b.keys()
    assert a["s01/quote.csv"] != b["s01/quote.csv"]
    assert a["s01/transcript.csv"] != b["s01/transcript.csv"]


def test_committed_example_equals_a_fresh_regeneration(tmp_path: Path, repo_root: Path) -> None:
    out = tmp_path / "synthetic"
    assert main([*EXAMPLE_COMMAND, "-o", str(out)]) == 0
    committed = {k: v for k, v in _files(repo_root / "examples" / "synthetic").items()
                 if k != "README.md"}
    assert committed, "examples/synthetic holds no packages"
    assert _files(out) == committed, "examples/synthetic drifted: rerun the README's command"
    readme = (repo_root / "examples" / "synthetic" / "README.md").read_text(encoding="utf-8")
    assert "upsides " + " ".join(EXAMPLE_COMMAND) + " -o examples/synthetic" in readme
    assert sum(len(v) for v in committed.values()) < 500_000


# --- shape and marking ------------------------------------------------------------------------

def test_every_table_of_both_kinds_has_rows(restricted: Path) -> None:
    packages = sorted(p for p in restricted.iterdir())
    assert [p.name for p in packages] == ["codebook", "s01", "s02", "s03"]
    for pkg in packages:
        opened = open_package(pkg)
        kind = opened.meta.kind
        assert kind == ("codebook" if pkg.name == "codebook" else "site")
        assert sorted(opened.resources()) == sorted(tables_of_kind(kind))
        # Every synthetic focus group has a site, so the codebook's table of focus groups
        # without a site (standard 1.1.0) stays header-only.
        siteless = {"focus_group", "focus_group_languages"} if kind == "codebook" else set()
        for table in tables_of_kind(kind):
            height = opened.text_frame(table).height
            if table in siteless:
                assert height == 0, f"{pkg.name}/{table} holds rows"
            else:
                assert height > 0, f"{pkg.name}/{table} is empty"


def test_marked_synthetic_everywhere(restricted: Path) -> None:
    for pkg in sorted(restricted.iterdir()):
        descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
        assert descriptor["upsides"]["synthetic"] is True
        assert "synthetic" in descriptor["title"].lower()
        assert "synthetic" in descriptor["description"].lower()
        opened = open_package(pkg)
        for table in opened.resources():
            frame = opened.text_frame(table)
            if "synthetic" in frame.columns and frame.height:
                assert set(frame["synthetic"].to_list()) == {"true"}, f"{pkg.name}/{table}"


def test_identifiers_follow_the_scope_rule(restricted: Path) -> None:
    for pkg in sorted(restricted.iterdir()):
        opened = open_package(pkg)
        scope = "synth-7" if pkg.name == "codebook" else pkg.name
        for table in opened.resources():
            frame = opened.text_frame(table)
            if "id" not in frame.columns:
                continue
            expected = (f"upsides:{scope}/" if table != "income_classification"
                        else "upsides:worldbank/")
            wrong = frame.filter(~pl.col("id").str.starts_with(expected))
            assert wrong.height == 0, f"{pkg.name}/{table}: {wrong['id'].to_list()[:3]}"
        if pkg.name != "codebook":
            assert opened.meta.site == f"upsides:{pkg.name}/site"
            assert opened.text_frame("site")["label"].to_list() == [pkg.name.upper()]


def test_stock_frictionless_validates_every_package(restricted: Path, public: Path) -> None:
    packages = [*sorted(restricted.iterdir()), public / "s01"]  # public sites differ only in blanks
    for pkg in packages:
        report = frictionless.validate(str(pkg / "datapackage.json"))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:5]


def test_rows_fit_the_generated_pydantic_models(restricted: Path) -> None:
    tables = package_profile()["tables"]
    checked = 0
    for pkg in sorted(restricted.iterdir()):
        opened = open_package(pkg)
        for table in opened.resources():
            if "link" in tables[table]:
                continue
            cls = getattr(model, tables[table]["class"])
            for row in opened.frame(table).head(200).iter_rows(named=True):
                cls.model_validate({k: v for k, v in row.items() if v is not None})
                checked += 1
    assert checked > 500


def test_upsides_validate_finds_nothing(restricted: Path, public: Path) -> None:
    from upsides_data.validate.runner import validate

    for root in (restricted, public):
        report = validate(sorted(str(p) for p in root.iterdir()))
        assert list(report.findings) == [], [str(f) for f in list(report.findings)[:5]]


# --- content ----------------------------------------------------------------------------------

def test_quotes_are_exact_spans_of_their_transcript(restricted: Path) -> None:
    for pkg in _site_dirs(restricted):
        opened = open_package(pkg)
        texts = dict(opened.frame("transcript").select("id", "text").iter_rows())
        quotes = opened.frame("quote")
        assert quotes.height == 50
        for q in quotes.iter_rows(named=True):
            text = texts[q["transcript"]]
            assert text[q["start_offset"]:q["end_offset"]] == q["text"]
            line = text.split("\n")[q["label_chapter"] - 1]
            assert q["text"] in line
            assert q["label"] == f"{pkg.name.upper()} {q['label_chapter']}"
            assert q["label_site"] == pkg.name.upper()
        codings = opened.frame("coding")
        for c in codings.iter_rows(named=True):
            span = texts[c["transcript"]][c["start_offset"]:c["end_offset"]]
            assert span and "\n" not in span
        by_quote = codings.filter(pl.col("quote").is_not_null()).join(
            quotes, left_on="quote", right_on="id", suffix="_q")
        assert by_quote.height == quotes.height
        assert (by_quote["start_offset"] == by_quote["start_offset_q"]).all()
        assert (by_quote["end_offset"] == by_quote["end_offset_q"]).all()


def test_offsets_count_code_points_not_bytes(restricted: Path) -> None:
    """Some phrases hold non-ASCII characters; offsets after them must still match in Python."""
    multibyte = [p for p in PHRASES if not p.isascii()]
    assert multibyte
    found = False
    for pkg in _site_dirs(restricted):
        opened = open_package(pkg)
        texts = dict(opened.frame("transcript").select("id", "text").iter_rows())
        for q in opened.frame("quote").iter_rows(named=True):
            before = texts[q["transcript"]][: q["start_offset"]]
            if not before.isascii():
                found = True
                assert len(before.encode("utf-8")) > q["start_offset"]
    assert found, "no quote follows a non-ASCII character; the offset test proves nothing"


def test_text_comes_from_the_fixed_vocabulary_only(restricted: Path) -> None:
    allowed = set(PHRASES)
    line_pattern = re.compile(r"^(A01|P[0-9]{4}|R): (.*)\.?$")
    for pkg in _site_dirs(restricted):
        opened = open_package(pkg)
        for text in opened.frame("transcript")["text"]:
            for line in text.split("\n"):
                match = line_pattern.match(line)
                assert match, line
                body = match.group(2)
                if match.group(1) == "A01":
                    assert body in MODERATOR_LINES
                else:
                    assert set(body.rstrip(".").split(". ")) <= allowed, body
        for quote in opened.frame("quote")["text"]:
            assert set(quote.split(". ")) <= allowed
            assert "@" not in quote and not re.search(r"\d{3}", quote)


def test_participants_and_aggregates_agree(restricted: Path) -> None:
    for pkg in _site_dirs(restricted):
        opened = open_package(pkg)
        people = opened.frame("participant")
        attended = opened.frame("participant_focus_groups_attended")
        groups = opened.frame("focus_group")
        assert people["age_years"].null_count() == 0
        bands = people.select(
            pl.col("age_band").str.extract(r"^(\d+)").cast(pl.Int64).alias("lo"),
            pl.col("age_band").str.extract(r"-(\d+)$").cast(pl.Int64).alias("hi"), "age_years")
        assert bands.filter((pl.col("age_years") < pl.col("lo"))
                            | (pl.col("age_years") > pl.col("hi"))).height == 0
        counts = Counter(attended["focus_group"].to_list())
        for g in groups.iter_rows(named=True):
            assert g["participant_count"] == counts[g["id"]]
        speakers = opened.frame("quote")["speaker"].drop_nulls()
        assert set(speakers.to_list()) <= set(people["id"].to_list())


# --- public access level ----------------------------------------------------------------------

def test_public_packages_hold_no_exact_ages_or_transcript_text(public: Path) -> None:
    for pkg in sorted(public.iterdir()):
        assert open_package(pkg).meta.access_level == "public"
    for pkg in _site_dirs(public):
        opened = open_package(pkg)
        people = opened.text_frame("participant")
        assert people["age_years"].null_count() == people.height
        assert people["years_experience"].null_count() == people.height
        assert people["age_band"].null_count() == 0
        transcripts = opened.text_frame("transcript")
        assert transcripts["text"].null_count() == transcripts.height
        assert set(transcripts["access_level"].to_list()) == {"public"}
        groups = opened.text_frame("focus_group")
        for col in ("age_mean", "age_min", "age_max"):
            assert groups[col].null_count() == groups.height
    study = open_package(public / "codebook").text_frame("study")
    assert study["age_min"].null_count() == 1


def test_public_participants_are_3_anonymous(public: Path) -> None:
    frames = [open_package(p).text_frame("participant") for p in _site_dirs(public)]
    people = pl.concat(frames)
    smallest = people.group_by(QUASI_IDENTIFIERS).len()["len"].min()
    assert smallest is not None and smallest >= 3


# --- in-memory API and properties ---------------------------------------------------------------

@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sites=st.integers(1, 4), per_site=st.integers(1, 40), seed=st.integers(0, 2**16),
       access=st.sampled_from(["public", "restricted"]))
def test_in_memory_packages_keep_keys_and_references(sites: int, per_site: int, seed: int,
                                                     access: str) -> None:
    packages = synth_tables(sites, sites * per_site, seed, access_level=access)
    assert len(packages) == sites + 1
    site_quotes = 0
    for meta, tables in packages.values():
        frames = {t: to_text_frame(t, meta.kind, tables.get(t, []))
                  for t in tables_of_kind(meta.kind)}
        for table, frame in frames.items():
            schema = schema_for(table, meta.kind)
            assert frame.select(schema["primaryKey"]).is_duplicated().sum() == 0, table
            for fk in schema.get("foreignKeys", []):
                (col,), target = fk["fields"], fk["reference"]["resource"]
                refs = frame[col].drop_nulls()
                missing = refs.filter(~refs.is_in(frames[target]["id"].implode()))
                assert missing.len() == 0, (table, col, missing.to_list()[:3])
        if meta.kind == "site":
            site_quotes += frames["quote"].height
            if access == "public":
                people, transcripts = frames["participant"], frames["transcript"]
                assert people["age_years"].null_count() == people.height
                assert transcripts["text"].null_count() == transcripts.height
    assert site_quotes == sites * per_site


def test_bad_arguments_raise_usage_errors(tmp_path: Path) -> None:
    for kwargs in ({"sites": 0}, {"sites": 3, "quotes": 2}, {"seed": -1},
                   {"access_level": "secret"},
                   {"access_level": "public", "participants_per_site": 2}):
        with pytest.raises(UsageError):
            synth_tables(**kwargs)  # type: ignore[arg-type]


# --- command line -----------------------------------------------------------------------------

def test_cli_writes_refuses_and_forces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["synth", "--sites", "2", "--quotes", "10", "-o", str(out)]) == 0
    first = _files(out)
    assert sorted({k.split("/")[0] for k in first}) == ["codebook", "s01", "s02"]
    assert main(["synth", "--sites", "2", "--quotes", "10", "-o", str(out)]) == 2
    assert "not empty" in capsys.readouterr().err
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["synth", "--sites", "1", "--quotes", "10", "--seed", "1", "-o", str(out),
                 "--force"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["codebook", "notes.txt", "s01"]
    assert _files(out)["s01/quote.csv"] != first["s01/quote.csv"]
    assert list(tmp_path.glob(".*")) == [], "staging folders were left behind"


def test_cli_never_replaces_real_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    (out / "s01").mkdir(parents=True)
    (out / "s01" / "keep.csv").write_text("a\n1\n", encoding="utf-8")
    assert main(["synth", "--sites", "1", "--quotes", "5", "-o", str(out), "--force"]) == 2
    assert "not synthetic output" in capsys.readouterr().err
    assert (out / "s01" / "keep.csv").read_text(encoding="utf-8") == "a\n1\n"


@pytest.mark.parametrize("args", [
    ["--sites", "0", "--quotes", "5"],
    ["--sites", "4", "--quotes", "3"],
    ["--access", "secret"],
    ["--seed", "-1"],
    ["--quotes", "many"],
])
def test_cli_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "out"
    assert main(["synth", *args, "-o", str(out)]) == 2
    assert not out.exists()


def test_cli_needs_an_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["synth", "--quotes", "5"]) == 2
    assert "--out" in capsys.readouterr().err
