"""Helpers shared by the studio's tests: packages zipped as a site would send them, the CLI's
own JSON report on the same files, and the findings a page shows, read back from its HTML."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
import zipfile
from pathlib import Path
from typing import Any

from package_factory import apply_overlay, make_site_package

from upsides_data.cli import main as upsides

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
FINDING_KEYS = ("rule", "package", "file", "row", "field", "message", "hint", "severity")


def zip_folder(folder: Path, target: Path) -> Path:
    """``folder``'s files at the root of a zip, as a site would zip its package."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


def site_and_codebook(tmp: Path, overlay: str | None = None) -> tuple[Path, Path, dict[str, Any]]:
    """A synthetic site package (with an invalid-fixture overlay) and its codebook, both zipped
    into ``tmp/zips`` (nothing beside them), and the overlay's ``expect.json``."""
    site = make_site_package(tmp / "packages")
    expect = apply_overlay(site, DATA / "invalid" / "packages" / overlay) if overlay else {}
    zips = tmp / "zips"
    zips.mkdir(exist_ok=True)
    return (zip_folder(site, zips / "ulm.zip"),
            zip_folder(site.parent / "codebook", zips / "codebook.zip"), expect)


def cli_report(paths: list[Path], capsys: Any) -> dict[str, Any]:
    """``upsides validate --format json PATHS`` as printed."""
    capsys.readouterr()
    upsides(["validate", "--format", "json", *map(str, paths)])
    return json.loads(capsys.readouterr().out)


def comparable(findings: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """Findings as sorted tuples of what the page shows of each."""
    return sorted(tuple("" if f.get(k) is None else str(f.get(k)) for k in FINDING_KEYS)
                  for f in findings)


def original_cell(tmp: Path, table: str, row: int, field: str) -> str:
    """The cell of a freshly written valid site package: the value a fix puts back."""
    site = make_site_package(tmp / "pristine")
    with open(site / f"{table}.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[row - 1][rows[0].index(field)]


def zip_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


class _Findings(HTMLParser):
    """Reads ``li.finding`` items: their data attributes and the text of their parts."""

    PARTS = {"message": "message", "hint-text": "hint", "severity": "severity"}

    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, Any]] = []
        self._part: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "li" and "finding" in classes:
            self.found.append({k[5:]: v for k, v in attributes.items() if k.startswith("data-")})
        elif tag == "span" and self.found:
            self._part = next((self.PARTS[c] for c in classes if c in self.PARTS), None)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._part = None

    def handle_data(self, data: str) -> None:
        if self._part and self.found:
            current = self.found[-1]
            current[self._part] = current.get(self._part, "") + data


def page_findings(html: str) -> list[dict[str, Any]]:
    """The findings a studio page shows, with the keys of ``upsides validate --format json``."""
    parser = _Findings()
    parser.feed(html)
    return parser.found
