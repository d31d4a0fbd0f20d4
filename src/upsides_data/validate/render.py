"""Render a validation ``Report`` as readable text or as stable JSON.

Text groups findings by rule (errors before warnings, then by rule code) and caps each group at
``max_per_rule`` lines with a count of what was cut, so one systematic mistake in a 100k-row
table does not bury the other problems. JSON holds every finding, sorted, with no timestamps, so
that the same input always gives the same bytes.
"""

from __future__ import annotations

import json
from itertools import groupby
from typing import Callable

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


def render_json(report: Report) -> str:
    """Every finding, sorted, with stable keys: for machines and for diffs."""
    data = report.to_dict()
    data["rules"] = dict(sorted(report.rules().items()))
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[..., str]] = {"text": render_text, "json": render_json}
