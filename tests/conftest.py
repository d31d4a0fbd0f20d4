"""Shared fixtures. ``reference_dir`` is the one way tests reach ``../shared/reference``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
# Every finding made while testing, here and in the commands tests start, must use a code of
# upsides_data/rules_registry.py: an unregistered one raises where it is made.
os.environ.setdefault("UPSIDES_STRICT_RULE_CODES", "1")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """Third-party reference material (paper, REFI-QDA XSDs, DCAT-AP shapes), never copied here.

    In CI (``CI`` set) its absence is an error; elsewhere the test is skipped with the reason.
    """
    candidates = [REPO.parent / "shared" / "reference"]
    if os.environ.get("UPSIDES_REFERENCE_DIR"):
        candidates.insert(0, Path(os.environ["UPSIDES_REFERENCE_DIR"]))
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    _unavailable(f"reference material not found at {candidates[-1]} "
                 "(set UPSIDES_REFERENCE_DIR or check out ../shared beside the project)")


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The documentation site built once with ``mkdocs build --strict``: its folder and the
    build output (tests check the output holds no warning)."""
    site = tmp_path_factory.mktemp("docs") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    return site, output


@pytest.fixture(scope="session")
def headless_chromium() -> tuple[str, str]:
    """Debian's Chromium and ChromeDriver (``.ci/run`` installs them): their paths.

    In CI (``CI`` set) their absence is an error; elsewhere the test is skipped with the reason.
    """
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    _unavailable("headless browser tests need chromium and chromedriver on PATH "
                 "(Debian: apt-get install chromium chromium-driver; .ci/run does this)")


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built once offline (``--no-build-isolation`` uses the hatchling of
    the test extra)."""
    folder = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(folder), str(REPO)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [wheel] = folder.glob("upsides_data-*.whl")
    return wheel


@pytest.fixture(scope="session")
def runtime_wheelhouse() -> Path:
    """Wheels of the runtime dependencies at the locked versions (``make wheelhouse``, which
    ``make test`` runs first), so a clean venv installs the built wheel with ``--no-index``.

    In CI (``CI`` set) its absence is an error; elsewhere the test is skipped with the reason.
    """
    folder = REPO / "build" / "wheelhouse"
    if (folder / ".complete").is_file():
        return folder
    _unavailable(f"no runtime wheelhouse at {folder}: run `make wheelhouse` (make test does)")


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's ``soffice`` (Debian's libreoffice-calc-nogui; ``.ci/run`` installs it).

    In CI (``CI`` set) its absence is an error; elsewhere the test is skipped with the reason.
    """
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    _unavailable("the LibreOffice round trip needs soffice on PATH "
                 "(Debian: apt-get install libreoffice-calc-nogui; .ci/run does this)")


def _unavailable(message: str) -> NoReturn:
    """Something a test needs is missing: an error in CI (``CI`` set), a skip with the reason
    elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
