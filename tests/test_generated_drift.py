"""Generated artifacts match the schema: regenerate in memory and compare with committed files;
the Table Schemas agree with the package profile; and the wheel ships the schema and validators."""

from __future__ import annotations

import difflib
import json
import zipfile
from functools import cache
from pathlib import Path

from upsides_data.generate.artifacts import GENERATED_DIRS, NOTICE, render_all

REPO = Path(__file__).resolve().parents[1]


@cache
def rendered() -> dict[str, str]:
    return render_all(REPO / "schema" / "upsides.yaml")


def test_every_generated_file_is_committed_unchanged() -> None:
    drift = []
    for rel, text in sorted(rendered().items()):
        path = REPO / rel
        if not path.is_file():
            drift.append(f"missing: {rel}")
            continue
        committed = path.read_text(encoding="utf-8")
        if committed != text:
            diff = "".join(list(difflib.unified_diff(committed.splitlines(True),
                                                     text.splitlines(True), rel, "regenerated"))[:20])
            drift.append(f"differs: {rel}\n{diff}")
    assert drift == [], "run `make generate`:\n" + "\n".join(drift)


def test_no_stale_generated_files() -> None:
    expected = set(rendered())
    stale = [p.relative_to(REPO).as_posix() for folder in GENERATED_DIRS
             for p in sorted((REPO / folder).rglob("*")) if p.is_file()
             and p.relative_to(REPO).as_posix() not in expected]
    assert stale == [], "generated folders hold files the schema no longer produces"


def test_generated_files_carry_the_notice() -> None:
    assert len(rendered()) > 50
    assert [rel for rel, text in rendered().items() if NOTICE not in text] == []


def test_table_schemas_agree_with_the_package_profile() -> None:
    profile = json.loads((REPO / "validators" / "package-profile.json").read_text("utf-8"))
    tables = profile["tables"]
    on_disk = {p.stem for p in (REPO / "validators" / "tableschema").glob("*.json")}
    assert on_disk == set(tables)
    for kind, names in profile["package_kinds"].items():
        assert set(names) <= set(tables), kind
    for name, info in tables.items():
        schema = json.loads((REPO / "validators" / "tableschema" / f"{name}.json").read_text("utf-8"))
        columns = [f["name"] for f in schema["fields"]]
        assert len(columns) == len(set(columns)), name
        assert set(schema["primaryKey"]) <= set(columns), name
        if "link" in info:
            assert columns == [info["link"]["owner"], info["link"]["value"]], name
        else:
            assert columns[0] == "id", name
        for key in schema["foreignKeys"]:
            assert isinstance(key["fields"], list) and isinstance(key["reference"]["fields"], list)
            assert set(key["fields"]) <= set(columns), (name, key)
            target = key["reference"]["resource"]
            assert target in tables and "link" not in tables[target], (name, key)
            target_schema = json.loads(
                (REPO / "validators" / "tableschema" / f"{target}.json").read_text("utf-8"))
            assert key["reference"]["fields"] == target_schema["primaryKey"], (name, key)


def test_wheel_ships_the_schema_and_validators(built_wheel: Path) -> None:
    wheel = built_wheel
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        schema_files = sorted((REPO / "schema").glob("*.yaml"))
        assert schema_files
        for path in schema_files:
            packaged = f"upsides_data/_data/schema/{path.name}"
            assert packaged in names, packaged
            assert archive.read(packaged) == path.read_bytes(), packaged
        packaged_yaml = {n for n in names if n.startswith("upsides_data/_data/schema/")}
        assert packaged_yaml == {f"upsides_data/_data/schema/{p.name}" for p in schema_files}
        for rel in ("validators/package-profile.json", "validators/linkml/upsides.yaml"):
            packaged = f"upsides_data/_data/{rel}"
            assert archive.read(packaged) == (REPO / rel).read_bytes(), packaged
        assert "upsides_data/datamodel/upsides.py" in names
        # the released profiles earlier packages are checked against (docs/versioning.md)
        released = sorted((REPO / "src" / "upsides_data" / "profiles").rglob("*.json"))
        assert len(released) > 30
        for path in released:
            packaged = path.relative_to(REPO / "src").as_posix()
            assert archive.read(packaged) == path.read_bytes(), packaged
