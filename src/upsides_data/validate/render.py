"""Render a validation ``Report`` as readable text, as stable JSON, or as CSV.

Text groups findings by rule (errors before warnings, then by rule code) and caps each group at
``max_per_rule`` lines with a count of what was cut, so one systematic mistake in a 100k-row
table does not bury the other problems. A report about a workbook (findings located in the
user's sheets) is listed by sheet and row instead, the order in which a user fixes the cells.
JSON holds every finding, sorted, with no timestamps, so that the same input always gives the
same bytes. CSV holds the same findings one a row, for a spreadsheet program.
"""

from __future__ import annotations

import csv
import io
import json
from itertools import groupby
from typing import Any, Callable

from upsides_data.findings import Finding, Report, Severity

DEFAULT_MAX_PER_RULE = 20


def _order(f: Finding) -> tuple[object, ...]:
    return (f.package or "", f.file or "", f.row if f.row is not None else -1, f.field or "",
            f.message)


def render_text(report: Report, *, max_per_rule: int = DEFAULT_MAX_PER_RULE) -> str:
    """A report people read: a verdict line, then findings grouped by rule."""
    lines: list[str] = []
    errors, warnings = len(report.errors), len(report.warnings)
    counts = f"({errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)})"
    if report.checked:
        verdict = "VALID" if report.valid else "INVALID"
        lines.append(f"{verdict}: {', '.join(report.checked)} {counts}")
    else:  # a refusal before any input was checked (an output that cannot be written, ...)
        lines.append(f"REFUSED {counts}")
    if any(f.sheet is not None for f in report.findings):
        return "\n".join(lines + _by_place(report, max_per_rule)) + "\n"
    by_rule = sorted(report.findings,
                     key=lambda f: (f.severity is not Severity.ERROR, f.rule, _order(f)))
    for (severity_is_warning, rule), group in groupby(
            by_rule, key=lambda f: (f.severity is not Severity.ERROR, f.rule)):
        items = list(group)
        severity = "warning" if severity_is_warning else "error"
        lines.append("")
        lines.append(f"{rule} ({severity}, {len(items)})")
        for f in items[:max_per_rule]:
            where = f.location() or "(package)"
            lines.append(f"  {where}: {f.message}")
            if f.hint:
                lines.append(f"    hint: {f.hint}")
        if len(items) > max_per_rule:
            cut = len(items) - max_per_rule
            lines.append(f"  ... and {cut} more {rule} finding{'s' * (cut != 1)} not shown "
                         f"(use --max-per-rule or --format json to see all)")
    return "\n".join(lines) + "\n"


def _place(f: Finding) -> tuple[Any, ...]:
    """Sheet, then row, then column (A < B < ... < Z < AA), findings outside sheets first."""
    column = f.column or ""
    return (f.sheet or "", f.row if f.row is not None else -1, len(column), column, f.rule,
            f.message)


def _by_place(report: Report, max_per_rule: int) -> list[str]:
    """A workbook's findings by sheet and row: what to fix, top to bottom, in the user's terms.

    ``max_per_rule`` still caps each rule, so one repeated mistake does not bury the rest."""
    lines: list[str] = []
    shown: dict[str, int] = {}
    for f in sorted(report.findings, key=_place):
        shown[f.rule] = shown.get(f.rule, 0) + 1
        if shown[f.rule] > max_per_rule:
            continue
        lines.append("")
        where = f.location() or f.file or "(package)"
        lines.append(f"{where}: {f.message} [{f.rule}, {f.severity.value}]")
        if f.hint:
            lines.append(f"  fix: {f.hint}")
    for rule, count in sorted(shown.items()):
        if count > max_per_rule:
            cut = count - max_per_rule
            lines.append(f"... and {cut} more {rule} finding{'s' * (cut != 1)} not shown "
                         f"(use --max-per-rule or --format csv to see all)")
    return lines


CSV_COLUMNS = ("severity", "rule", "sheet", "row", "column", "field", "package", "file",
               "message", "hint")


def render_csv(report: Report) -> str:
    """Every finding, one a row, sorted by sheet and row (or package, file and row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    key = _place if any(f.sheet for f in report.findings) else _order
    for f in sorted(report.findings, key=key):
        data = f.to_dict()
        writer.writerow(["" if data.get(c) is None else data.get(c) for c in CSV_COLUMNS])
    return out.getvalue()


def render_json(report: Report) -> str:
    """Every finding, sorted, with stable keys: for machines and for diffs."""
    data = report.to_dict()
    data["rules"] = dict(sorted(report.rules().items()))
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[..., str]] = {"text": render_text, "json": render_json,
                                            "csv": render_csv}
