"""Render the report tables as Markdown, CSV and one self-contained HTML page, safe to open.

Report cells hold text from the packages (theme labels, site names, finding summaries), which
anyone may have written. Each format neutralises what its reader would execute:

- **CSV** (spreadsheets): a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return (after any leading spaces) is a formula to Excel and LibreOffice; it gets a
  leading single quote, and every text cell is written in double quotes (OWASP, "CSV Injection").
  Numeric columns are written as numbers and never prefixed: ``-3`` in a count column stays the
  number -3; the same ``-3`` in a text column becomes ``'-3``.
- **Markdown**: ``&``, ``<`` and ``>`` become entities (no raw HTML reaches the page), the
  characters that make links, images, emphasis, code and table cells (``[ ] ! * _ ` ~ | \\``)
  are backslash-escaped, and the schemes ``javascript:``, ``vbscript:`` and ``data:`` are broken
  up (``:`` as ``&#58;``), so no cell can produce a link or run a script.
- **HTML**: every cell and header is escaped with ``html.escape``.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import polars as pl

MISSING = "missing"


def _cell(value: object) -> str:
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]!|~])")
_SCRIPT_SCHEME = re.compile(r"\b(javascript|vbscript)\s*:|\b(data):(?=\S)", re.IGNORECASE)


def markdown_text(value: str) -> str:
    """``value`` as inert Markdown text: no HTML, no link, no emphasis, one line."""
    text = " ".join(value.splitlines())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _SCRIPT_SCHEME.sub(lambda m: (m.group(1) or m.group(2)) + "&#58;", text)


def markdown_table(frame: pl.DataFrame) -> str:
    header = "| " + " | ".join(markdown_text(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(markdown_text(_cell(v)) for v in row) + " |"
            for row in frame.iter_rows()]
    return "\n".join([header, rule, *body])


def html_table(frame: pl.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    rows = []
    for row in frame.iter_rows():
        cells = "".join(
            f'<td class="missing">{MISSING}</td>' if v is None else f"<td>{html.escape(_cell(v))}</td>"
            for v in row)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


_FORMULA = re.compile(r"^(?:[\t\r]|[ \n]*[=+\-@\t\r])")


def spreadsheet_safe(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells a spreadsheet would run as formulas, prefixed with a single quote."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_FORMULA.pattern))
        .then(pl.lit("'") + pl.col(name)).otherwise(pl.col(name)).alias(name)
        for name in text)


def safe_header(frame: pl.DataFrame) -> pl.DataFrame:
    """Column names (site labels in a grid come from the data) neutralised like text cells."""
    return frame.rename({c: "'" + c for c in frame.columns if _FORMULA.search(c)})


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    safe = safe_header(spreadsheet_safe(frame))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        safe.write_csv(handle, line_terminator="\n", null_value="", quote_style="non_numeric")


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f4f8} td.missing{color:#999;font-style:italic}
figure{margin:1rem 0} img{max-width:100%}
.restricted{background:#b00020;color:#fff;padding:.75rem 1rem;font-size:1.1rem}
"""


def html_page(title: str, sections: list[tuple[str, str, pl.DataFrame | None]], png: Path,
              *, banner: str | None = None) -> str:
    """A page with every table and the heatmap embedded (no external files); ``banner`` marks
    a report of restricted data, above everything else."""
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"]
    if banner:
        parts.append(f'<p class="restricted" role="alert"><strong>{html.escape(banner)}'
                     "</strong></p>")
    parts.append(f"<h1>{html.escape(title)}</h1>")
    for heading, text, frame in sections:
        parts.append(f"<h2>{html.escape(heading)}</h2><p>{html.escape(text)}</p>")
        if frame is not None:
            parts.append(html_table(frame))
        if heading.startswith("3."):
            data = base64.b64encode(png.read_bytes()).decode("ascii")
            parts.append(f'<figure><img alt="Heatmap of themes by site" '
                         f'src="data:image/png;base64,{data}"><figcaption>Quotes and evidence '
                         f"references per theme and site</figcaption></figure>")
    parts.append("</body></html>\n")
    return "".join(parts)
