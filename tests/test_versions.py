"""Versions of the standard: packages of every released 1.x stay valid under the current 1.x.

The 1.0.0 packages here are built from the released 1.0.0 profile that ships with the library
(``upsides_data/profiles/1.0.0``): its tables, columns and embedded Table Schemas, nothing of
1.1.0. One parser of versions serves validate and merge alike.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from old_versions import PROFILES, downgrade, released_profile, released_schema
from package_factory import edit_descriptor, make_site_package, resource
from upsides_data.merge import merge
from upsides_data.package.descriptor import tables_of_kind
from upsides_data.package.versions import (
    PROSE_KEYS, StandardVersion, columns_for, current_version, expected_schema,
    parse_standard_version, released_versions, structure, table_expected,
)
from upsides_data.resources import standard_version
from upsides_data.validate.runner import validate

@pytest.fixture
def packages_1_0_0(tmp_path: Path) -> list[Path]:
    site = make_site_package(tmp_path)
    codebook = site.parent / "codebook"
    for package in (site, codebook):
        downgrade(package, "1.0.0")
    return [site, codebook]


def test_the_released_profiles_ship_with_the_library() -> None:
    assert released_versions() == [StandardVersion(1, 0, 0)]
    assert released_profile("1.0.0")["standard_version"] == "1.0.0"
    assert len(list((PROFILES / "1.0.0" / "tableschema").glob("*.json"))) >= 30
    # the current version is the generated profile, never a stored copy that could drift
    assert str(current_version()) == standard_version()
    assert current_version() not in released_versions()


def test_a_1_0_0_package_validates_under_the_current_version(
        packages_1_0_0: list[Path]) -> None:
    site, codebook = packages_1_0_0
    descriptor = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["upsides"]["standard_version"] == "1.0.0"
    assert "session_format" not in resource(descriptor, "focus_group")["schema"]["fields"][-1]
    assert current_version() > StandardVersion(1, 0, 0)
    report = validate([site, codebook])
    assert report.findings == []


def test_1_0_0_packages_merge_into_the_current_version(packages_1_0_0: list[Path],
                                                       tmp_path: Path) -> None:
    result = merge(packages_1_0_0, tmp_path / "consortium")
    assert result.ok, result.report.findings
    merged = json.loads((tmp_path / "consortium" / "datapackage.json").read_text())
    assert merged["upsides"]["standard_version"] == standard_version()
    assert validate(tmp_path / "consortium").valid


def test_a_1_0_0_schema_with_another_constraint_is_refused(packages_1_0_0: list[Path]) -> None:
    site, codebook = packages_1_0_0
    edit_descriptor(site, lambda d: resource(d, "participant")["schema"]["fields"][2][
        "constraints"].update(enum=["MHW", "PSW", "other", "boss"]))
    report = validate([site, codebook])
    assert {(f.rule, f.file, f.field) for f in report.errors} == {
        ("schema-mismatch", "datapackage.json", "schema")}
    assert "standard 1.0.0" in report.errors[0].message


def test_the_current_schema_is_not_a_1_0_0_schema(packages_1_0_0: list[Path]) -> None:
    """A 1.0.0 package embedding 1.1.0's focus_group schema (more columns) is caught."""
    site, codebook = packages_1_0_0
    edit_descriptor(site, lambda d: resource(d, "focus_group").update(
        schema=expected_schema("focus_group", "site", standard_version())))
    rules = {f.rule for f in validate([site, codebook]).errors}
    assert "schema-mismatch" in rules


@pytest.mark.parametrize("version", [standard_version(), "1.0.0"])
def test_prose_is_never_compared(tmp_path: Path, version: str) -> None:
    site = make_site_package(tmp_path)
    codebook = site.parent / "codebook"
    if version == "1.0.0":
        for package in (site, codebook):
            downgrade(package, version)

    def reword(descriptor: dict[str, Any]) -> None:
        for res in descriptor["resources"]:
            res["schema"]["title"] = "reworded"
            for fld in res["schema"]["fields"]:
                fld["description"] = "described in other words"
                fld["title"] = "A title"
                fld["examples"] = ["an example"]

    edit_descriptor(site, reword)
    assert validate([site, codebook]).findings == []
    edit_descriptor(site, lambda d: resource(d, "quote")["schema"]["fields"][0].update(
        type="integer"))
    assert {f.rule for f in validate([site, codebook]).errors} == {"schema-mismatch"}


def test_structure_drops_prose_only() -> None:
    schema = {"title": "t", "fields": [{"name": "a", "type": "string", "description": "d",
                                        "constraints": {"required": True}}],
              "primaryKey": ["a"]}
    assert structure(schema) == {"fields": [{"name": "a", "type": "string",
                                             "constraints": {"required": True}}],
                                 "primaryKey": ["a"]}
    assert PROSE_KEYS >= {"title", "description", "examples"}


def test_columns_and_tables_agree_with_the_released_profiles() -> None:
    """The ``added_in`` annotations of the schema say what each release had: checked against the
    profiles those releases shipped."""
    for version in released_versions():
        profile = released_profile(str(version))
        for table in profile["tables"]:
            fields = [f["name"] for f in released_schema(str(version), table)["fields"]]
            assert columns_for(table, str(version)) == fields, (version, table)
        for kind, tables in profile["package_kinds"].items():
            expected = [t for t in tables_of_kind(kind) if table_expected(t, str(version), kind)]
            assert expected == tables, (version, kind)


@pytest.mark.parametrize("text, parsed", [
    ("1.1.0", StandardVersion(1, 1, 0)), ("1.0.0", StandardVersion(1, 0, 0)),
    ("12.3.45", StandardVersion(12, 3, 45)), ("1", None), ("1.1", None), ("01.1.0", None),
    ("1.1.0-rc1", None), ("v1.1.0", None), ("", None), (None, None), (1.1, None), (1, None),
])
def test_one_parser_of_versions(text: Any, parsed: StandardVersion | None) -> None:
    assert parse_standard_version(text) == parsed


@pytest.mark.parametrize("version, rule", [
    ("1", "upsides-property"), ("1.1", "upsides-property"), ("2.0.0", "standard-version"),
    ("0.9.0", "standard-version"),
])
def test_validate_and_merge_refuse_the_same_versions(tmp_path: Path, version: str,
                                                     rule: str) -> None:
    from upsides_data.merge.sources import check_standard_version

    site = make_site_package(tmp_path)
    edit_descriptor(site, lambda d: d["upsides"].update(standard_version=version))
    found = {(f.rule, f.field) for f in validate(site).errors}
    assert found == {(rule, "upsides.standard_version")}
    assert {(f.rule, f.field) for f in check_standard_version("p", version)} == found
    assert check_standard_version("p", standard_version()) == []
