"""Render the report tables as Markdown, CSV and one self-contained HTML page."""

from __future__ import annotations

import base64
import html
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


def markdown_table(frame: pl.DataFrame) -> str:
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(_cell(v).replace("|", "\\|") for v in row) + " |"
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


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        frame.write_csv(handle, line_terminator="\n", null_value="")


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
