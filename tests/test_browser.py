"""Pages opened in headless Chromium show their figures: the schema reference's class diagram,
the docs' copy of the report heatmap, and the self-contained report page with its embedded figure.

An image that the browser could not load or decode has ``naturalWidth`` 0, so each check asks the
browser itself, after layout, whether the image is there and has a size.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from chromium import start_chromium

from upsides_data.cli import main as upsides

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "upsides-mhw-2019"

SHOWN = """
return Array.from(document.images).map(function (img) {
  var box = img.getBoundingClientRect();
  return {src: img.getAttribute('src').slice(0, 80), alt: img.alt, complete: img.complete,
          width: img.naturalWidth, height: img.naturalHeight, shownWidth: box.width};
});
"""


@pytest.fixture(scope="module")
def browser(headless_chromium: tuple[str, str]) -> Iterator[object]:
    driver = start_chromium(headless_chromium)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def served_site(docs_site: tuple[Path, str]) -> Iterator[str]:
    """The built site on a localhost port, as a reader's browser would get it."""
    site, _ = docs_site
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _images(browser: object, url: str) -> list[dict[str, object]]:
    browser.get(url)  # type: ignore[attr-defined]
    return browser.execute_script(SHOWN)  # type: ignore[attr-defined, no-any-return]


def _shown(images: list[dict[str, object]], src_part: str) -> dict[str, object]:
    matching = [i for i in images if src_part in str(i["src"])]
    assert matching, f"no image with {src_part!r} on the page: {[i['src'] for i in images]}"
    image = matching[0]
    assert image["complete"] and image["width"] > 0 and image["shownWidth"] > 0, image
    return image


def test_schema_page_shows_the_class_diagram(browser: object, served_site: str) -> None:
    images = _images(browser, f"{served_site}/schema/Quote.html")
    _shown(images, "diagrams/Quote.svg")


def test_reproducing_tables_guide_shows_the_report_figure(browser: object,
                                                          served_site: str) -> None:
    image = _shown(_images(browser, f"{served_site}/guides/reproducing-tables.html"),
                   "3-theme-site-heatmap.png")
    assert image["width"] >= 400, image


def test_report_page_shows_its_embedded_figure(browser: object, tmp_path: Path) -> None:
    packages = sorted(str(p.parent) for p in EXAMPLE.glob("*/datapackage.json"))
    assert upsides(["report", *packages, "-o", str(tmp_path / "report")]) == 0
    page = tmp_path / "report" / "report.html"
    images = _images(browser, page.as_uri())
    image = _shown(images, "data:image/png;base64,")
    assert image["alt"] == "Heatmap of themes by site"
    headings = browser.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('h1,h2')).map(h => h.textContent)")
    assert any("COREQ" in h for h in headings), headings


def test_a_broken_image_is_caught(browser: object, tmp_path: Path) -> None:
    """The check itself can fail: an image that does not decode has no natural width."""
    page = tmp_path / "broken.html"
    (tmp_path / "broken.png").write_bytes(b"not a png")
    page.write_text('<html><body><img src="broken.png" alt="x"></body></html>')
    images = _images(browser, page.as_uri())
    with pytest.raises(AssertionError):
        _shown(images, "broken.png")
