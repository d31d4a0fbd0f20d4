"""``upsides migrate``: 1.0.0 packages rewritten in the current version, the rest refused."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from old_versions import downgrade
from package_factory import edit_descriptor, make_site_package, set_cell
from upsides_data import migration as migrate_module
from upsides_data.cli import main
from upsides_data.errors import InvalidInputError, UsageError
from upsides_data.migration import Migration, migrate
from upsides_data.resources import standard_version
from upsides_data.validate.runner import validate


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def old_pair(tmp_path: Path) -> tuple[Path, Path]:
    site = make_site_package(tmp_path / "in")
    codebook = site.parent / "codebook"
    for package in (site, codebook):
        downgrade(package, "1.0.0")
    return site, codebook


def test_a_1_0_0_pair_migrates_and_validates(old_pair: tuple[Path, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    site, codebook = old_pair
    before = tree(site.parent)
    assert main(["migrate", str(site), "-o", str(tmp_path / "ulm")]) == 0
    out = capsys.readouterr().out
    assert f"(standard 1.0.0) to {tmp_path / 'ulm'} (standard {standard_version()})" in out
    assert "table focus_group: columns site_absent_reason" in out
    result = migrate(codebook, tmp_path / "codebook")
    assert result.log[0] == f"standard_version 1.0.0 -> {standard_version()}"
    assert "table focus_group: added, header only (new in this version)" in result.log
    assert tree(site.parent) == before  # the input is never changed
    for package in (tmp_path / "ulm", tmp_path / "codebook"):
        descriptor = json.loads((package / "datapackage.json").read_text())
        assert descriptor["upsides"]["standard_version"] == standard_version()
    assert validate([tmp_path / "ulm", tmp_path / "codebook"]).findings == []
    old = pl.read_csv(site / "focus_group.csv", infer_schema=False)
    new = pl.read_csv(tmp_path / "ulm" / "focus_group.csv", infer_schema=False)
    assert new.select(old.columns).equals(old)  # every value kept
    assert new["session_format"].null_count() == new.height  # nothing invented


def test_migration_is_deterministic(old_pair: tuple[Path, Path], tmp_path: Path) -> None:
    site, _ = old_pair
    migrate(site, tmp_path / "a")
    migrate(site, tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_a_package_of_this_version_needs_no_migration(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site_package(tmp_path / "in")
    assert main(["migrate", str(site), "-o", str(tmp_path / "out")]) == 2
    assert "migration-not-needed" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("version", ["2.0.0", "0.9.0", "1.9.0"])
def test_no_migration_applies(tmp_path: Path, version: str) -> None:
    site = make_site_package(tmp_path / "in")
    edit_descriptor(site, lambda d: d["upsides"].update(standard_version=version))
    with pytest.raises(UsageError) as refused:
        migrate(site, tmp_path / "out")
    assert [f.rule for f in refused.value.findings] == ["migration-unavailable"]
    assert refused.value.exit_code == 2 and not (tmp_path / "out").exists()


def test_a_package_invalid_under_its_own_version_is_not_migrated(
        old_pair: tuple[Path, Path], tmp_path: Path) -> None:
    site, _ = old_pair
    set_cell(site, "focus_group", 2, "population", "nurses")
    with pytest.raises(InvalidInputError) as refused:
        migrate(site, tmp_path / "out")
    assert {f.rule for f in refused.value.report.errors} == {"constraint-enum"}
    assert not (tmp_path / "out").exists()


def test_a_registered_major_migration_is_applied(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The registry at work: a (pretend) standard 0 package goes through its migration."""
    site = make_site_package(tmp_path / "in")
    edit_descriptor(site, lambda d: d["upsides"].update(standard_version="0.9.0"))
    calls = []

    def rename_nothing(package, tables):  # type: ignore[no-untyped-def]
        calls.append(package.name)
        return tables, ["nothing to rename in this pretend migration"]

    monkeypatch.setitem(migrate_module.MIGRATIONS, 0, Migration(0, "pretend", rename_nothing))
    result = migrate(site, tmp_path / "out")
    assert calls == ["upsides-mhw-2019-ulm"]
    assert result.log == [f"standard_version 0.9.0 -> {standard_version()}",
                          "nothing to rename in this pretend migration"]
    assert validate([tmp_path / "out", site.parent / "codebook"]).findings == []


def test_the_errors_and_migrate_are_public() -> None:
    import upsides_data
    from upsides_data import errors

    for name in ("UpsidesError", "UsageError", "UnreadableInputError", "OutputError",
                 "LimitExceededError", "InvalidInputError", "ConflictError"):
        assert name in upsides_data.__all__ and getattr(upsides_data, name) is getattr(errors, name)
        assert issubclass(getattr(upsides_data, name), upsides_data.UpsidesError)
    assert upsides_data.migrate is migrate
