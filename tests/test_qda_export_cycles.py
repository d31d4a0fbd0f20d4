"""QDC/QDPX export never drops a code or theme silently: parent cycles and over-deep
hierarchies are refused with findings, nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import package_factory as pf
from upsides_data.cli import main
from upsides_data.errors import InvalidInputError, LimitExceededError
from upsides_data.limits import MAX_NESTING
from upsides_data.qda import export_qdc, export_qdpx

CB = "upsides:mhw-2019/codebook"


def _cycle(tables: dict[str, list[dict[str, Any]]]) -> None:
    roles, team = tables["theme"]
    roles["parent"] = team["id"]  # team's parent is roles: roles -> team -> roles


def test_a_theme_cycle_is_refused_not_dropped(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    codebook = pf.make_codebook_package(tmp_path, edit=_cycle)
    with pytest.raises(InvalidInputError) as refused:  # the validator runs first
        export_qdc(codebook, tmp_path / "x.qdc")
    assert {f.rule for f in refused.value.report.errors} == {"hierarchy-cycle"}
    with pytest.raises(InvalidInputError) as caught:  # a draft: the exporter's own guard
        export_qdc(codebook, tmp_path / "x.qdc", validate=False)
    found = caught.value.report.findings
    assert sorted((f.rule, f.message.split()[1]) for f in found) == [
        ("hierarchy-cycle", "upsides:mhw-2019/theme-roles"),
        ("hierarchy-cycle", "upsides:mhw-2019/theme-team")]
    assert not (tmp_path / "x.qdc").exists()
    assert main(["export", "qdc", str(codebook), "-o", str(tmp_path / "x.qdc")]) == 1
    assert "hierarchy-cycle" in capsys.readouterr().out
    site = pf.make_site_package(tmp_path)
    with pytest.raises(InvalidInputError):
        export_qdpx([site, codebook], tmp_path / "x.qdpx")
    assert not (tmp_path / "x.qdpx").exists()


def test_a_code_cycle_is_refused(tmp_path: Path) -> None:
    def edit(tables: dict[str, list[dict[str, Any]]]) -> None:
        first, second = tables["code"]
        first["parent"], second["parent"] = second["id"], first["id"]

    with pytest.raises(InvalidInputError) as caught:
        export_qdc(pf.make_codebook_package(tmp_path, edit=edit), tmp_path / "x.qdc")
    assert {f.file for f in caught.value.report.errors} == {"code.csv"}


def test_a_code_chain_deeper_than_the_limit_is_refused(tmp_path: Path) -> None:
    def edit(tables: dict[str, list[dict[str, Any]]]) -> None:
        tables["code"] = [{"id": f"upsides:mhw-2019/code-{i}", "codebook": CB, "label": f"C{i}",
                           "position": i, "parent": f"upsides:mhw-2019/code-{i - 1}" if i else None}
                          for i in range(MAX_NESTING + 2)]
        tables["theme_codes"] = []

    with pytest.raises(LimitExceededError) as caught:  # a draft, so the exporter's guard acts
        export_qdc(pf.make_codebook_package(tmp_path, edit=edit), tmp_path / "x.qdc",
                   validate=False)
    assert [f.rule for f in caught.value.findings] == ["nesting-too-deep"]


def test_an_acyclic_tree_exports_every_theme(tmp_path: Path) -> None:
    result = export_qdc(pf.make_codebook_package(tmp_path), tmp_path / "x.qdc")
    xml = result.path.read_text(encoding="utf-8")
    assert 'name="Roles"' in xml and 'name="Team"' in xml
