"""The documentation site builds with ``mkdocs build --strict`` and without a single warning,
the pages link the figures and diagrams they show, and the committed report figure exists."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_site_builds_strict_without_warnings(docs_site: tuple[Path, str]) -> None:
    site, output = docs_site
    assert [line for line in output.splitlines() if "WARNING" in line] == []
    quote = (site / "schema" / "Quote.html").read_text(encoding="utf-8")
    assert 'src="diagrams/Quote.svg"' in quote
    assert (site / "schema" / "diagrams" / "Quote.svg").is_file()
    figures = (site / "guides" / "reproducing-tables.html").read_text(encoding="utf-8")
    assert "3-theme-site-heatmap.png" in figures
    assert (site / "assets" / "report" / "3-theme-site-heatmap.png").stat().st_size > 10_000
    assert "upsides validate" in (site / "cli.html").read_text(encoding="utf-8")


def test_schema_pages_carry_no_mermaid_source() -> None:
    pages = sorted((REPO / "docs" / "schema").glob("*.md"))
    assert pages
    assert [p.name for p in pages if "```mermaid" in p.read_text(encoding="utf-8")] == []
