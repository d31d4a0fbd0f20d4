"""Starting the headless Chromium the browser tests drive (tests/test_browser.py and
tests/test_studio_browser.py): one place for the flags this machine's closed network needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def start_chromium(headless_chromium: tuple[str, str], downloads: Path | None = None) -> Any:
    """A headless Chromium driven by selenium, with the flags this machine's closed network
    needs; ``downloads``: the folder downloads go to, without asking."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = headless_chromium
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1024"):
        options.add_argument(flag)
    if downloads is not None:
        options.add_experimental_option("prefs", {
            "download.default_directory": str(downloads), "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    if downloads is not None:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": str(downloads)})
    return driver
