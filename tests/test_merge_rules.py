"""Unit tests of the merge rules: conflicts, versions, access levels, provenance, atomicity."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from merge_strategies import tree_bytes, write_corpus
from upsides_data.errors import ConflictError, InvalidInputError, OutputError, UsageError
from upsides_data.merge import merge, split
from upsides_data.package import open_package
from upsides_data.resources import standard_version


@pytest.fixture()
def corpus(tmp_path: Path) -> dict[str, Path]:
    return write_corpus(tmp_path / "in", seed=0, sites=2, quotes=8)


def _edit_cell(pkg: Path, table: str, record_id: str, column: str, value: str,
               key: str = "id") -> None:
    path = pkg / f"{table}.csv"
    frame = pl.read_csv(path, infer_schema=False)
    frame = frame.with_columns(pl.when(pl.col(key) == record_id).then(pl.lit(value))
                               .otherwise(pl.col(column)).alias(column))
    frame.write_csv(path, line_terminator="\n")


def _descriptor(pkg: Path) -> dict:
    return json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))


def _set_descriptor(pkg: Path, **changes: object) -> None:
    data = _descriptor(pkg)
    for dotted, value in changes.items():
        target = data
        *path, last = dotted.split("__")
        for part in path:
            target = target[part]
        target[last] = value
    (pkg / "datapackage.json").write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def _copy_as(src: Path, dst: Path, *, name: str | None = None, version: str | None = None) -> Path:
    shutil.copytree(src, dst)
    if name:
        _set_descriptor(dst, name=name)
    if version:
        _set_descriptor(dst, version=version)
    return dst


def _first_id(pkg: Path, table: str) -> str:
    return str(pl.read_csv(pkg / f"{table}.csv", infer_schema=False)["id"][0])


def _others(corpus: dict[str, Path], *left_out: str) -> list[Path]:
    """The corpus's packages but ``left_out``: a consortium needs every package its references
    reach (the codebook names every site), or it would not validate."""
    return [path for name, path in corpus.items() if name not in left_out]


def _siblings(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir())


def test_codebook_conflict_names_both_sources_and_fields(corpus, tmp_path):
    codebook = corpus["synth-0-codebook"]
    other = _copy_as(codebook, tmp_path / "cb2", name="other-codebook")
    code = _first_id(other, "code")
    _edit_cell(other, "code", code, "label", "a different label")
    _edit_cell(other, "code", code, "definition", "a different definition")
    before = _siblings(tmp_path)
    with pytest.raises(ConflictError) as refused:
        merge([codebook, other, corpus["synth-0-s01"]], tmp_path / "out")
    assert refused.value.exit_code == 1 and not (tmp_path / "out").exists()
    conflicts = [f for f in refused.value.findings if f.rule == "merge-conflict"]
    assert len(conflicts) == 1
    message = conflicts[0].message
    assert code in message
    assert "synth-0-codebook@1.0.0" in message and "other-codebook@1.0.0" in message
    assert conflicts[0].field == "label, definition"
    assert "codebook" in (conflicts[0].hint or "")
    assert _siblings(tmp_path) == before  # nothing written, no working folder left


def test_site_record_conflict_and_identical_record_kept_once(corpus, tmp_path):
    site = corpus["synth-0-s01"]
    twin = _copy_as(site, tmp_path / "twin", version="1.1.0")
    rest = _others(corpus, "synth-0-s01")
    result = merge([site, twin, *rest], tmp_path / "same")
    assert result.ok, result.report.findings
    quotes = pl.read_csv(tmp_path / "same" / "quote.csv", infer_schema=False)
    assert quotes.height == sum(pl.read_csv(p / "quote.csv", infer_schema=False).height
                                for p in [site, *rest] if (p / "quote.csv").exists())
    records = pl.read_csv(tmp_path / "same" / "package_source_records.csv", infer_schema=False)
    quote = quotes["id"][0]
    holders = sorted(records.filter(pl.col("record") == quote)["package_source"].to_list())
    assert holders == ["upsides:package/synth-0-s01-1.0.0", "upsides:package/synth-0-s01-1.1.0"]

    _edit_cell(twin, "quote", quote, "text", "changed text")
    with pytest.raises(ConflictError) as refused:
        merge([site, twin, *rest], tmp_path / "clash")
    assert not (tmp_path / "clash").exists()
    (finding,) = [f for f in refused.value.findings if f.rule == "merge-conflict"]
    assert quote in finding.message and finding.field == "text"
    assert "synth-0-s01@1.0.0 (quote.csv row" in finding.message
    assert "synth-0-s01@1.1.0 (quote.csv row" in finding.message


def test_link_rows_are_part_of_a_record(corpus, tmp_path):
    site = corpus["synth-0-s01"]
    twin = _copy_as(site, tmp_path / "twin", version="1.1.0")
    links = pl.read_csv(twin / "quote_themes.csv", infer_schema=False)
    dropped = links.row(0, named=True)
    links.slice(1).write_csv(twin / "quote_themes.csv", line_terminator="\n")
    with pytest.raises(ConflictError) as refused:
        merge([site, twin], tmp_path / "out")
    (finding,) = refused.value.findings
    assert finding.rule == "merge-conflict" and finding.field == "themes"
    assert dropped["quote"] in finding.message and dropped["theme"] in finding.message


def test_another_major_version_is_refused_minor_versions_merge(corpus, tmp_path):
    site = corpus["synth-0-s01"]
    _set_descriptor(site, upsides__standard_version="1.4.0")
    result = merge([site, *_others(corpus, "synth-0-s01")], tmp_path / "minor")
    assert result.ok, result.report.findings
    assert any(f"{standard_version()}, 1.4.0" in n for n in result.notices)
    _set_descriptor(site, upsides__standard_version="2.0.0")
    # the validator refuses another major version before merge reads a table
    with pytest.raises(InvalidInputError) as refused:
        merge([site, *_others(corpus, "synth-0-s01")], tmp_path / "major")
    assert not (tmp_path / "major").exists()
    (finding,) = refused.value.report.errors
    assert finding.rule == "standard-version" and "2.0.0" in finding.message
    # merge's own check still guards the sources a consortium records
    _set_descriptor(site, upsides__standard_version=standard_version())
    assert merge(list(corpus.values()), tmp_path / "first").ok
    _set_descriptor(tmp_path / "first", upsides__merged_from=[
        {**entry, "descriptor": {**entry["descriptor"], "upsides": {
            **entry["descriptor"]["upsides"], "standard_version": "2.0.0"}}}
        for entry in _descriptor(tmp_path / "first")["upsides"]["merged_from"]])
    with pytest.raises(InvalidInputError) as refused:
        merge([tmp_path / "first"], tmp_path / "again")
    assert not (tmp_path / "again").exists()
    assert {f.rule for f in refused.value.report.errors} == {"standard-version"}  # as validate
    assert all("2.0.0" in f.message and "1.x" in f.message for f in refused.value.report.errors)


def test_most_restrictive_access_level_wins_and_says_so(tmp_path):
    public = write_corpus(tmp_path / "pub", seed=0, sites=1, quotes=4, access_level="public")
    restricted = write_corpus(tmp_path / "res", seed=0, sites=1, quotes=4,
                              access_level="restricted")
    paths = [public["synth-0-codebook"], restricted["synth-0-s01"]]
    # same name and version but a different access level: one name@version, two descriptors
    with pytest.raises(ConflictError) as refused:
        merge(paths + [public["synth-0-s01"]], tmp_path / "bad")
    assert [f.rule for f in refused.value.findings] == ["merge-same-package-differs"]
    result = merge(paths, tmp_path / "out")
    assert result.ok and result.access_level == "restricted"
    (notice,) = result.notices
    assert "restricted" in notice and "synth-0-s01@1.0.0" in notice
    ups = _descriptor(tmp_path / "out")["upsides"]
    assert ups["access_level"] == "restricted" and ups["notices"] == [notice]
    result = merge([public["synth-0-codebook"], public["synth-0-s01"]], tmp_path / "pub-out")
    assert result.access_level == "public" and result.notices == []


def test_failure_mid_write_leaves_nothing(corpus, tmp_path, monkeypatch):
    from upsides_data.package import writer

    calls = {"n": 0}
    real = writer.to_text_frame

    def failing(table, kind, data):
        calls["n"] += 1
        if calls["n"] == 10:
            raise OSError("disk full (simulated)")
        return real(table, kind, data)

    monkeypatch.setattr(writer, "to_text_frame", failing)
    inputs = {name: tree_bytes(path) for name, path in corpus.items()}
    before = _siblings(tmp_path)
    with pytest.raises(OSError, match="simulated"):
        merge(list(corpus.values()), tmp_path / "out")
    assert calls["n"] == 10
    assert _siblings(tmp_path) == before
    assert {name: tree_bytes(path) for name, path in corpus.items()} == inputs


def test_interrupted_merge_leaves_nothing(corpus, tmp_path, monkeypatch):
    from upsides_data.merge import tables

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(tables, "_record_findings", interrupt)
    site = corpus["synth-0-s01"]
    twin = _copy_as(site, tmp_path / "twin", version="1.1.0")
    _edit_cell(twin, "site", _first_id(twin, "site"), "name", "renamed")
    before = _siblings(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        merge([site, twin], tmp_path / "out")
    assert _siblings(tmp_path) == before


def test_refusals_are_usage_or_output_errors(corpus, tmp_path):
    with pytest.raises(UsageError):
        merge([], tmp_path / "out")
    (tmp_path / "exists").mkdir()
    with pytest.raises(OutputError, match="already exists"):
        merge(list(corpus.values()), tmp_path / "exists")
    with pytest.raises(UsageError, match="nothing to split"):
        split(corpus["synth-0-s01"], tmp_path / "split")


def test_consortium_descriptor_and_split(corpus, tmp_path):
    result = merge(list(corpus.values()), tmp_path / "out", name="synthetic-consortium")
    assert result.ok
    package = open_package(tmp_path / "out")
    ups = package.descriptor["upsides"]
    assert package.descriptor["name"] == "synthetic-consortium"
    assert ups["kind"] == "consortium" and ups["synthetic"] is True
    assert [m["id"] for m in ups["merged_from"]] == sorted(
        f"upsides:package/{name}-1.0.0" for name in corpus)
    assert result.rows["package_source"] == 3
    written = split(tmp_path / "out", tmp_path / "split")
    assert sorted(p.name for p in written) == sorted(corpus)
    for path in written:
        assert tree_bytes(path) == tree_bytes(corpus[path.name])


def test_zipped_input_merges_like_its_folder(corpus, tmp_path):
    zipped = shutil.make_archive(str(tmp_path / "s01"), "zip", corpus["synth-0-s01"])
    rest = _others(corpus, "synth-0-s01")
    a = merge([*rest, Path(zipped)], tmp_path / "a")
    b = merge([*rest, corpus["synth-0-s01"]], tmp_path / "b")
    assert a.ok and b.ok, (a.report.findings, b.report.findings)
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")


def test_progress_reports_both_stages(corpus, tmp_path):
    seen: list[tuple[str, int, int]] = []
    result = merge(list(corpus.values()), tmp_path / "out",
                   progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert result.ok
    stages = {stage for stage, _, _ in seen}
    assert stages == {"merge", "write"}
    merged = [(d, t) for s, d, t in seen if s == "merge"]
    assert merged[0][0] == 0 and merged[-1][0] == merged[-1][1]
    written = [(d, t) for s, d, t in seen if s == "write"]
    assert written[-1][0] == written[-1][1] == len(result.rows)


def test_paper_corpus_merges_into_a_valid_consortium(repo_root, tmp_path):
    from upsides_data.validate.runner import validate

    corpus = repo_root / "examples" / "upsides-mhw-2019"
    names = ["codebook", "ulm", "uke", "bu", "ds", "bgu", "ad"]
    result = merge([corpus / n for n in names], tmp_path / "consortium")
    assert result.ok, result.report.findings
    assert len(result.sources) == 7 and result.rows["site"] == 6
    report = validate([tmp_path / "consortium"])
    assert report.valid, [f.message for f in report.errors][:5]


def test_damaged_provenance_is_refused(corpus, tmp_path):
    from upsides_data.errors import UnreadableInputError

    assert merge(list(corpus.values()), tmp_path / "out").ok
    records = tmp_path / "out" / "package_source_records.csv"
    frame = pl.read_csv(records, infer_schema=False)
    quote = _first_id(tmp_path / "out", "quote")
    frame.filter(pl.col("record") != quote).write_csv(records, line_terminator="\n")
    with pytest.raises(UnreadableInputError, match="provenance is damaged"):
        split(tmp_path / "out", tmp_path / "split")
    assert not (tmp_path / "split").exists()
    with pytest.raises(InvalidInputError) as refused:
        merge([tmp_path / "out"], tmp_path / "again")
    assert "merge-provenance" in {f.rule for f in refused.value.report.errors}
    assert not (tmp_path / "again").exists()
