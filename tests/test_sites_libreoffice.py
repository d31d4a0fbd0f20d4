"""A round trip through a real spreadsheet program: LibreOffice opens the template and a filled
workbook, saves them as .xlsx and .ods, and ``pack`` still reads what it saved.

LibreOffice runs headless (Debian's libreoffice-calc-nogui; ``.ci/run`` installs it) with a
profile folder under the test's temporary folder, so nothing is written outside it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from workbook_fill import CODEBOOK, fill

from upsides_data.cli import main
from upsides_data.sites.sources import read_source
from upsides_data.validate.runner import validate


def convert(soffice: str, source: Path, fmt: str, tmp_path: Path) -> Path:
    """``soffice --headless --convert-to FMT``: the file LibreOffice saved."""
    out = tmp_path / f"by-libreoffice-{fmt}"
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                           "--convert-to", fmt, "--outdir", str(out), str(source)],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    saved = out / f"{source.stem}.{fmt}"
    assert done.returncode == 0 and saved.is_file(), done.stdout + done.stderr
    return saved


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_pack_reads_what_libreoffice_saved(soffice: str, tmp_path: Path, fmt: str) -> None:
    filled = fill(tmp_path / "demo.xlsx")
    saved = convert(soffice, filled, fmt, tmp_path)
    out = tmp_path / "demo"
    assert main(["pack", str(saved), "-o", str(out), "--codebook", str(CODEBOOK)]) == 0
    report = validate([out], codebook=CODEBOOK)
    assert report.valid and report.warnings == [], report.findings
    direct = tmp_path / "direct"
    assert main(["pack", str(filled), "-o", str(direct), "--codebook", str(CODEBOOK)]) == 0
    for table in ("focus_group", "participant", "quote", "quote_themes", "site"):
        assert (out / f"{table}.csv").read_bytes() == (direct / f"{table}.csv").read_bytes(), \
            table


@pytest.mark.parametrize("template", ["xlsx", "ods"])
def test_libreoffice_opens_the_template_with_its_sheets(soffice: str, tmp_path: Path,
                                                        template: str) -> None:
    written = tmp_path / f"site.{template}"
    assert main(["template", "--codebook", str(CODEBOOK), "-o", str(written)]) == 0
    saved = convert(soffice, written, "ods" if template == "xlsx" else "xlsx", tmp_path)
    ours, theirs = read_source(written), read_source(saved)
    assert list(theirs.sheets) == list(ours.sheets)
    assert theirs.sheets["quote"][:3] == ours.sheets["quote"][:3]
    if saved.suffix == ".xlsx":  # our .ods carried its dropdowns into LibreOffice
        book = load_workbook(saved)
        assert book["focus_group"].data_validations.dataValidation
