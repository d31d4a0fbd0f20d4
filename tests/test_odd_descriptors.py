"""Descriptors of odd shapes and depths are findings, never exit 3 (issue 13, item 4)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest

from package_factory import edit_descriptor, make_site_package
from upsides_data.cli import main
from upsides_data.limits import MAX_DESCRIPTOR_BYTES, MAX_NESTING
from upsides_data.package import open_package
from upsides_data.validate.runner import validate


def _set(*path: str | int, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(descriptor: dict[str, Any]) -> None:
        target = descriptor
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return edit


@pytest.mark.parametrize(("edit", "rule", "field"), [
    (_set("resources", value=None), "resource-invalid", "resources"),
    (_set("upsides", value="x"), "upsides-property", "upsides"),
    (_set("upsides", "codebook", value="x"), "upsides-property", "upsides.codebook"),
    (_set("title", value=["x"]), "descriptor-property", "title"),
    (_set("licenses", value="MIT"), "descriptor-property", "licenses"),
    (_set("contributors", value=[1]), "descriptor-property", "contributors"),
    (_set("keywords", value="peer support"), "descriptor-property", "keywords"),
    (_set("version", value=1), "descriptor-property", "version"),
    (_set("name", value=5), "descriptor-property", "name"),
    (_set("upsides", "site", value=2), "descriptor-property", "upsides.site"),
    (_set("upsides", "synthetic", value="yes"), "descriptor-property", "upsides.synthetic"),
])
def test_odd_shapes_are_findings(tmp_path: Path, edit: Callable[[dict[str, Any]], None],
                                 rule: str, field: str) -> None:
    site = make_site_package(tmp_path)
    edit_descriptor(site, edit)
    report = validate([site, tmp_path / "codebook"])
    rules = {(f.rule, f.field) for f in report.findings}
    assert (rule, field) in rules
    assert not any(f.rule == "check-crashed" for f in report.findings)


def test_meta_reads_odd_shapes_as_absent(tmp_path: Path) -> None:
    site = make_site_package(tmp_path)
    edit_descriptor(site, lambda d: d.update(upsides="x", licenses="MIT", title=["x"]))
    meta = open_package(site).meta
    assert (meta.kind, meta.title, meta.licenses, meta.synthetic) == ("", None, [], False)


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize("levels", [MAX_NESTING + 1, 100_000])
def test_deep_descriptor_is_refused(tmp_path: Path, levels: int,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site_package(tmp_path)
    path = site / "datapackage.json"
    text = path.read_text(encoding="utf-8").rstrip().removesuffix("}")
    path.write_text(text + f', "x-deep": {_deep(levels)}}}', encoding="utf-8")
    report = validate([site])
    assert [f.rule for f in report.findings] == ["nesting-too-deep"]
    assert main(["export", "rdf", str(site), "-o", str(tmp_path / "x.ttl")]) == 2
    out, err = capsys.readouterr()
    assert "nesting-too-deep" in out and "Traceback" not in err and "internal" not in err
    assert not (tmp_path / "x.ttl").exists()


def test_nesting_at_the_limit_is_read(tmp_path: Path) -> None:
    site = make_site_package(tmp_path)
    edit_descriptor(site, lambda d: d.update({"x-deep": json.loads(_deep(MAX_NESTING - 1))}))
    assert open_package(site).descriptor["x-deep"] == json.loads(_deep(MAX_NESTING - 1))


def test_descriptor_over_the_size_limit_is_refused(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site_package(tmp_path)
    path = site / "datapackage.json"
    text = path.read_text(encoding="utf-8").rstrip().removesuffix("}")
    with open(path, "w", encoding="utf-8") as handle:  # in pieces: no 16 MB string in memory
        handle.write(text + ', "x-pad": "')
        for _ in range(MAX_DESCRIPTOR_BYTES >> 20):
            handle.write("a" * (1 << 20))
        handle.write('a"}')
    assert [f.rule for f in validate([site]).findings] == ["input-too-large"]
    assert main(["merge", str(site), "-o", str(tmp_path / "m")]) == 2
    assert "input-too-large" in capsys.readouterr().out


@pytest.mark.parametrize(("edit", "command"), [
    (_set("upsides", value="x"), "merge"),
    (_set("upsides", value="x"), "split"),
    (_set("upsides", "kind", value=3), "export rdf"),
    (_set("upsides", "access_level", value=["public"]), "query"),
    (_set("resources", 0, "path", value=["a.csv", "b.csv"]), "export rdf"),
])
def test_commands_refuse_odd_shapes_without_a_crash(tmp_path: Path, edit, command: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site_package(tmp_path)
    edit_descriptor(site, edit)
    argv = {"merge": ["merge", str(site), "-o", str(tmp_path / "m")],
            "split": ["split", str(site), "-o", str(tmp_path / "s")],
            "export rdf": ["export", "rdf", str(site), "-o", str(tmp_path / "x.ttl")],
            "query": ["query", str(site), "ASK { ?s ?p ?o }"]}[command]
    assert main(argv) in (1, 2)
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err
