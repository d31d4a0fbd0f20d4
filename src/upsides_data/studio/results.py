"""The validator's JSON report, grouped for the page: by package, by table (or sheet), by row.

Nothing is re-checked here: ``validated`` runs ``validate.runner.validate`` and renders it with
``validate.render.render_json``, the bytes ``upsides validate --format json`` prints; the page
shows exactly those findings.
"""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path
from typing import Any

from upsides_data.findings import Finding, Report
from upsides_data.validate.render import render_json
from upsides_data.validate.runner import validate


def validated(packages: list[Path]) -> dict[str, Any]:
    """The validator's JSON report on the session's packages, parsed."""
    parsed: dict[str, Any] = json.loads(render_json(validate(packages)))
    return parsed


def problems_report(findings: list[Finding]) -> dict[str, Any]:
    """Upload problems (a file that became no package) in the same JSON shape."""
    parsed: dict[str, Any] = json.loads(render_json(Report(findings=findings)))
    return parsed


def grouped(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings as (package, table or sheet) groups, each holding row groups in row order."""

    def place(f: dict[str, Any]) -> tuple[str, str]:
        return (f.get("package") or "", f.get("sheet") or f.get("file") or "")

    def row(f: dict[str, Any]) -> int:
        return f["row"] if f.get("row") is not None else -1

    groups = []
    for (package, table), items in groupby(sorted(findings, key=lambda f: (place(f), row(f))),
                                           key=place):
        rows = [{"row": None if number < 0 else number, "findings": list(found)}
                for number, found in groupby(items, key=row)]
        groups.append({"package": package, "table": table, "rows": rows})
    return groups
