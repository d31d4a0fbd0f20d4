"""The studio in headless Chromium, used as a site would: drop the zipped packages, read the
findings (the same as ``upsides validate --format json``), fix a cell with the keyboard,
download the fixed package and validate it; plus the basic accessibility checks (every input
labelled, keyboard reach, WCAG contrast of the colours in the stylesheet).

With ``UPSIDES_SCREENSHOTS=1`` the test saves the guide's screenshots into docs/assets/studio/.
"""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from chromium import start_chromium

pytest.importorskip("starlette")
uvicorn = pytest.importorskip("uvicorn")
from studio_support import (  # noqa: E402
    REPO, cli_report, comparable, original_cell, site_and_codebook, zip_folder,
)

from upsides_data.cli import main as upsides  # noqa: E402
from upsides_data.studio.app import HERE, create_app  # noqa: E402
from upsides_data.studio.server import free_port  # noqa: E402

SHOTS = REPO / "docs" / "assets" / "studio"
FINDINGS_JS = """
return Array.from(document.querySelectorAll('li.finding')).map(function (li) {
  function text(sel) { var e = li.querySelector(sel); return e ? e.textContent : null; }
  return {rule: li.dataset.rule, package: li.dataset.package || null,
          file: li.dataset.file || null, row: li.dataset.row ? Number(li.dataset.row) : null,
          field: li.dataset.field || null, message: text('.message'), hint: text('.hint-text'),
          severity: text('.severity')};
});
"""
UNLABELLED_JS = """
return Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(function (e) { return e.type !== 'hidden'; })
  .filter(function (e) { return !(e.id && document.querySelector('label[for="' + e.id + '"]')); })
  .map(function (e) { return e.outerHTML; });
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The studio on a free port of 127.0.0.1, in a thread, as ``upsides studio`` runs it."""
    base = tmp_path_factory.mktemp("studio-sessions")
    port = free_port()
    config = uvicorn.Config(create_app(base=base), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the studio did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)
    assert not any(base.iterdir()), "the session folders are removed on shutdown"


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(headless_chromium: tuple[str, str], downloads: Path) -> Iterator[Any]:
    driver = start_chromium(headless_chromium, downloads)
    try:
        yield driver
    finally:
        driver.quit()


def _shot(browser: Any, name: str, at: str | None = None) -> None:
    """With UPSIDES_SCREENSHOTS=1, save the window (scrolled to the element with id ``at``)."""
    if os.environ.get("UPSIDES_SCREENSHOTS") == "1":
        if at:
            browser.execute_script("document.getElementById(arguments[0]).scrollIntoView();", at)
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / name))


def _keys() -> Any:
    from selenium.webdriver.common.keys import Keys

    return Keys


def _tab_to(browser: Any, element: Any, limit: int = 200) -> None:
    """Press Tab from the top of the page until ``element`` has the focus."""
    from selenium.webdriver.common.action_chains import ActionChains

    browser.execute_script("document.activeElement && document.activeElement.blur();"
                           "window.scrollTo(0, 0);")
    for _ in range(limit):
        ActionChains(browser).send_keys(_keys().TAB).perform()
        if browser.switch_to.active_element == element:
            return
    raise AssertionError(f"Tab never reached {element.get_attribute('outerHTML')[:120]}")


def _upload(browser: Any, server: str, *paths: Path) -> None:
    """Choose the files and send the form with the keyboard alone (Tab, then Enter)."""
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    _reset(browser)
    files = browser.find_element(By.ID, "files")
    _tab_to(browser, files)
    browser.switch_to.active_element.send_keys("\n".join(str(p) for p in paths))
    button = browser.find_element(By.ID, "upload")
    _tab_to(browser, button)
    _navigates(browser, lambda: browser.switch_to.active_element.send_keys(_keys().ENTER))
    assert browser.find_elements(By.ID, "verdict") or browser.find_elements(
        By.ID, "problems-heading")


def _reset(browser: Any) -> None:
    from selenium.webdriver.common.by import By

    _navigates(browser, browser.find_element(By.ID, "reset").click)
    assert not browser.find_elements(By.ID, "verdict")


def _navigates(browser: Any, action: Any) -> None:
    """Do ``action`` and wait until a new page has replaced the current one and loaded."""
    browser.execute_script("window.studioOldPage = true;")
    action()
    _wait(browser, lambda: browser.execute_script(
        "return window.studioOldPage === undefined && document.readyState === 'complete';"))


def _wait(browser: Any, condition: Any, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except Exception:  # the page is being replaced  # noqa: BLE001
            pass
        time.sleep(0.1)
    raise AssertionError("the page did not get there in time")


def test_examples_zipped_show_what_validate_says(browser: Any, server: str, tmp_path: Path,
                                                 capsys: Any) -> None:
    example = REPO / "examples" / "upsides-mhw-2019"
    zips = [zip_folder(example / name, tmp_path / f"{name}.zip") for name in ("ulm", "codebook")]
    _upload(browser, server, *zips)
    _shot(browser, "01-uploaded.png")
    expected = cli_report(zips, capsys)
    assert comparable(browser.execute_script(FINDINGS_JS)) == comparable(expected["findings"])
    verdict = browser.find_element("id", "verdict").text
    assert verdict.startswith("Valid" if expected["valid"] else "Not valid")
    assert browser.execute_script(UNLABELLED_JS) == []


def test_fix_a_cell_download_and_validate(browser: Any, server: str, tmp_path: Path,
                                          downloads: Path, capsys: Any) -> None:
    from selenium.webdriver.common.by import By

    site, codebook, expect = site_and_codebook(tmp_path, "constraint-enum")
    _upload(browser, server, site, codebook)
    expected = cli_report([site, codebook], capsys)
    shown = browser.execute_script(FINDINGS_JS)
    assert comparable(shown) == comparable(expected["findings"]) and not expected["valid"]
    assert browser.execute_script(UNLABELLED_JS) == []
    _shot(browser, "02-findings.png", at="packages-heading")
    [hit] = [f for f in expected["findings"] if f["rule"] == expect["rule"]]
    value = original_cell(tmp_path, hit["file"][:-4], hit["row"], hit["field"])
    item = browser.find_element(By.CSS_SELECTOR, f'li.finding[data-rule="{hit["rule"]}"]')
    field = item.find_element(By.CSS_SELECTOR, "form.fix input[name=value]")
    _tab_to(browser, field)
    _navigates(browser, lambda: browser.switch_to.active_element.send_keys(value, _keys().ENTER))
    assert browser.find_element(By.ID, "verdict").text.startswith("Valid")
    assert browser.execute_script(FINDINGS_JS) == []
    _shot(browser, "03-fixed.png", at="packages-heading")
    before = set(downloads.iterdir())
    browser.find_element(By.ID, "download-0").click()
    _wait(browser, lambda: [p for p in set(downloads.iterdir()) - before
                            if p.suffix == ".zip"])
    [zipped] = [p for p in set(downloads.iterdir()) - before if p.suffix == ".zip"]
    assert upsides(["validate", str(zipped), str(codebook)]) == 0


def test_report_and_anonymise_previews(browser: Any, server: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    example = REPO / "examples" / "synthetic"
    zips = [zip_folder(example / name, tmp_path / f"{name}.zip") for name in ("s01", "codebook")]
    _upload(browser, server, *zips)
    _navigates(browser, browser.find_element(By.ID, "anonymise").click)
    assert browser.find_elements(By.CSS_SELECTOR, "#anonymise-changes tbody tr")
    _shot(browser, "04-anonymise.png", at="more-heading")
    _navigates(browser, browser.find_element(By.ID, "preview-report").click)
    assert "COREQ" in browser.page_source
    [image] = [i for i in browser.execute_script(
        "return Array.from(document.images).map(i => ({alt: i.alt, w: i.naturalWidth}))")
        if i["alt"] == "Heatmap of themes by site"]
    assert image["w"] > 0
    _shot(browser, "05-report.png")


# -- contrast: every colour pair the stylesheet uses, by the WCAG 2 formula ----------------------

VARIABLE = re.compile(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})")
RULE = re.compile(r"([^{}]+)\{([^}]*)\}")


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colour_pairs(css: str) -> list[tuple[str, str, str]]:
    """(rule, text colour, background) for every rule setting a text colour: with its own
    background, or on each background the page uses (page and panel)."""
    colours = dict(VARIABLE.findall(css))
    pairs = []
    for selector, body in RULE.findall(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        text = re.search(r"(?<![-\w])color:\s*var\(--([a-z-]+)\)", body)
        back = re.search(r"background:\s*var\(--([a-z-]+)\)", body)
        if not text or selector.strip() == ":root":
            continue
        grounds = [back.group(1)] if back else ["bg", "panel"]
        pairs += [(selector.strip(), colours[text.group(1)], colours[g]) for g in grounds]
    return pairs


def test_the_colours_used_have_enough_contrast() -> None:
    pairs = colour_pairs((HERE / "static" / "studio.css").read_text(encoding="utf-8"))
    assert len(pairs) >= 6, pairs
    low = [(rule, fg, bg, round(contrast(fg, bg), 2)) for rule, fg, bg in pairs
           if contrast(fg, bg) < 4.5]
    assert low == []


def test_the_contrast_check_can_fail() -> None:
    css = ":root { --fg: #777777; --bg: #ffffff; --panel: #ffffff; } p { color: var(--fg); }"
    [(_, fg, bg), _] = colour_pairs(css)
    assert contrast(fg, bg) < 4.5
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
