"""Layer 1 (package shape) and the runner's handling of unreadable inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import upsides_data
from package_factory import (apply_overlay, edit_descriptor, make_site_package, resource,
                             rewrite_text)
from upsides_data.validate.runner import validate

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "invalid" / "packages").iterdir())
VALID = sorted((DATA / "valid" / "packages").iterdir())


def error_rules(report) -> set[str]:
    return {f.rule for f in report.errors}


def test_fixture_folders_are_not_empty():
    assert len(INVALID) >= 8 and VALID


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site_package(tmp_path)


def test_valid_site_and_codebook_packages(site: Path):
    report = validate([site, site.parent / "codebook"])
    assert report.findings == []
    assert report.valid


def test_public_api_is_the_runner(site: Path):
    assert upsides_data.validate(site).valid
    assert upsides_data.validate(str(site / "datapackage.json")).valid


@pytest.mark.parametrize("overlay", INVALID, ids=[p.name for p in INVALID])
def test_committed_invalid_package(site: Path, overlay: Path):
    expect = apply_overlay(site, overlay)
    report = validate(site)
    assert error_rules(report) == {expect["rule"]}, report.findings
    hit = next(f for f in report.errors if f.rule == expect["rule"])
    for key in ("file", "row"):
        if key in expect:
            assert getattr(hit, key) == expect[key]
    assert hit.message and hit.hint


@pytest.mark.parametrize("overlay", VALID, ids=[p.name for p in VALID])
def test_committed_valid_variant(site: Path, overlay: Path):
    apply_overlay(site, overlay)
    report = validate(site)
    assert report.errors == []


def test_bom_crlf_values_read_without_bom_or_cr(site: Path):
    apply_overlay(site, DATA / "valid" / "packages" / "bom-crlf")
    from upsides_data.validate.tables import read_frame
    frame = read_frame(site / "site.csv")
    assert frame.columns[1] == "id"
    assert frame.get_column("notes").to_list() == ["synthetic test record - Café Münster"]


def test_latin1_message_names_file_and_line(site: Path):
    apply_overlay(site, DATA / "invalid" / "packages" / "encoding")
    (hit,) = validate(site).errors
    assert "site.csv" in hit.message and "line 2" in hit.message and "UTF-8" in hit.message


def test_resource_missing(site: Path):
    edit_descriptor(site, lambda d: d.update(
        resources=[r for r in d["resources"] if r["name"] != "quote_themes"]))
    report = validate(site)
    assert error_rules(report) == {"resource-missing"}
    assert report.errors[0].message.endswith("'quote_themes'")


def test_unknown_resource(site: Path):
    def add(d):
        d["resources"].append(dict(resource(d, "memo"), name="diary", path="memo.csv"))
    edit_descriptor(site, add)
    assert error_rules(validate(site)) == {"resource-unknown"}


def test_file_missing(site: Path):
    (site / "memo.csv").unlink()
    assert error_rules(validate(site)) == {"file-missing"}


def test_schema_mismatch(site: Path):
    edit_descriptor(site, lambda d: resource(d, "participant")["schema"]["fields"][2][
        "constraints"].update(enum=["MHW", "PSW", "other", "boss"]))
    report = validate(site)
    assert error_rules(report) == {"schema-mismatch"}
    assert "role" in report.errors[0].message


def test_standard_major_version(site: Path):
    edit_descriptor(site, lambda d: d["upsides"].update(standard_version="2.0.0"))
    assert error_rules(validate(site)) == {"standard-version"}
    edit_descriptor(site, lambda d: d["upsides"].update(standard_version="1.7.3"))
    assert validate(site).valid


def test_unknown_kind_and_access_level(site: Path):
    edit_descriptor(site, lambda d: d["upsides"].update(kind="diary", access_level="secret"))
    report = validate(site)
    assert error_rules(report) == {"upsides-property"}
    assert {f.field for f in report.errors} == {"upsides.kind", "upsides.access_level"}


@pytest.mark.parametrize("edit,rule,field", [
    (lambda t: t.replace("role,gender", "role"), "column-missing", "gender"),
    (lambda t: "\n".join(line + (",shoe_size" if i == 0 else ",42")
                         for i, line in enumerate(t.splitlines())) + "\n", "column-extra",
     "shoe_size"),
    (lambda t: t.replace("role,gender", "role,gendr"), "column-renamed", "gender"),
], ids=["missing", "extra", "renamed"])
def test_header_columns(site: Path, edit, rule, field):
    rewrite_text(site, "participant", lambda text: edit(text) if rule != "column-missing" else
                 "\n".join([text.splitlines()[0].replace(",gender", "")]
                           + [",".join(c for i, c in enumerate(line.split(",")) if i != 3)
                              for line in text.splitlines()[1:]]) + "\n")
    report = validate(site)
    assert error_rules(report) == {rule}, report.findings
    assert [f.field for f in report.errors] == [field]
    assert report.errors[0].row == 1


def test_header_only_table_is_valid(site: Path):
    rewrite_text(site, "memo", lambda text: text.splitlines()[0] + "\n")
    assert validate(site).valid


def test_ragged_rows(site: Path):
    rewrite_text(site, "analyst_team_roles",
                 lambda t: t + "upsides:ulm/a1,coder,surplus\nupsides:ulm/a2\n")
    report = validate(site)
    assert {(f.rule, f.row) for f in report.errors} >= {("cell-extra", 4), ("cell-missing", 5)}


def test_zip_input(site: Path, tmp_path: Path):
    archive = shutil.make_archive(str(tmp_path / "ulm"), "zip", site)
    report = validate(archive, codebook=site.parent / "codebook")
    assert report.findings == []


@pytest.mark.parametrize("make,rule", [
    (lambda p: p / "nothing-here", "unreadable"),
    (lambda p: (p / "x.zip").write_bytes(b"not a zip") and p / "x.zip", "unreadable"),
])
def test_unreadable_inputs(tmp_path: Path, make, rule):
    report = validate(make(tmp_path))
    assert error_rules(report) == {rule}


@pytest.mark.parametrize("engine", ["columns", "models"])
def test_layer_crash_becomes_finding(site: Path, monkeypatch, engine):
    import importlib

    layer3 = importlib.import_module(f"upsides_data.validate.{engine}")

    def boom(ctx):
        raise RuntimeError("synthetic crash")
        yield  # pragma: no cover

    monkeypatch.setattr(layer3, "check", boom)
    report = validate(site, engine=engine)
    (hit,) = report.errors
    assert hit.rule == "check-crashed" and "models" in hit.message


def test_descriptor_invalid_json_message(tmp_path: Path):
    pkg = tmp_path / "p"
    pkg.mkdir()
    (pkg / "datapackage.json").write_text("[1, 2]", encoding="utf-8")
    (hit,) = validate(pkg).errors
    assert hit.rule == "descriptor-invalid" and "JSON object" in hit.message
    (pkg / "datapackage.json").write_text('{"a": ', encoding="utf-8")
    (hit,) = validate(pkg).errors
    assert hit.rule == "descriptor-invalid" and "line 1" in hit.message
