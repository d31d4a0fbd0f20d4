"""One root cause, one finding: consequences of a cell error are not reported as errors too.

Three kinds of echo are removed after every layer has run:

* a check that sums or compares rows (``aggregate-mismatch``, ``group-sum``, ``study-total``)
  is not reported for a package in which a cell it reads is already a cell error: an invalid
  gender would otherwise also make the focus group's figures "disagree" with its rows;
* a bad identifier is reported once, on the record it identifies; the rows that use the same
  bad value as a reference are named in that finding ("also in ...") instead of being findings
  of their own, so fixing the one value is one step.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import Iterable

from upsides_data.findings import Finding, Severity

# Cell-level rules of layers 1-3: a value that is wrong where it stands.
CELL_RULES = frozenset({"type-error", "constraint-enum", "constraint-pattern", "constraint-required",
                        "constraint-minimum", "constraint-maximum", "primary-key", "foreign-key",
                        "model"})
# Checks of one cell's value against a code list: a cell already wrong by its pattern or type
# (``Uganda`` for a country) is that one finding, not a second one for the same cell.
SAME_CELL_RULES = frozenset({"country-unknown", "language-unknown"})
# Derived check -> the (file, field) cells it reads; field None: any field of that file.
READS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "aggregate-mismatch": (("participant.csv", "gender"), ("participant.csv", "age_years"),
                           ("participant.csv", "age_band"), ("participant.csv", "id"),
                           ("participant_focus_groups_attended.csv", None),
                           ("focus_group.csv", "id")),
    "group-sum": (("focus_group.csv", None), ("site_participation.csv", None)),
    "study-total": (("focus_group.csv", None), ("participant.csv", None),
                    ("participant_focus_groups_attended.csv", None)),
}


def _reads(rule: str, finding: Finding) -> bool:
    return any(finding.file == file and (field is None or finding.field == field)
               for file, field in READS.get(rule, ()))


def _value(finding: Finding) -> str | None:
    """The cell value a layer-2 message starts with (``'upsides:x/p 2' is not ...``)."""
    text = finding.message
    if not text[:1] in ("'", '"'):
        return None
    end = text.find(text[0] + " ", 1)
    try:
        value = ast.literal_eval(text[:end + 1]) if end > 0 else None
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def suppress(findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` without the echoes of a root cause reported elsewhere."""
    found = list(findings)
    causes = [f for f in found if f.rule in CELL_RULES and f.severity is Severity.ERROR]
    kept = [f for f in found
            if not (f.rule in READS and f.severity is Severity.ERROR
                    and any(c.package == f.package and _reads(f.rule, c) for c in causes))]
    cells = {(c.package, c.file, c.row, c.field) for c in causes}
    kept = [f for f in kept
            if not (f.rule in SAME_CELL_RULES and (f.package, f.file, f.row, f.field) in cells)]
    return _one_per_bad_id(kept)


def _one_per_bad_id(findings: list[Finding]) -> list[Finding]:
    bad_ids: dict[tuple[str | None, str], int] = {}
    for index, f in enumerate(findings):
        if f.rule == "constraint-pattern" and f.field == "id" and (value := _value(f)):
            bad_ids.setdefault((f.package, value), index)
    if not bad_ids:
        return findings
    echoes: dict[int, list[Finding]] = {}
    out_index: set[int] = set()
    for index, f in enumerate(findings):
        if f.rule != "constraint-pattern" or f.field == "id":
            continue
        owner = bad_ids.get((f.package, _value(f) or ""))
        if owner is not None:
            echoes.setdefault(owner, []).append(f)
            out_index.add(index)
    result = []
    for index, f in enumerate(findings):
        if index in out_index:
            continue
        if index in echoes:
            places = sorted({(e.file or "", e.field or "") for e in echoes[index]})
            rows = len(echoes[index])
            named = ", ".join(f"{file.removesuffix('.csv')} ({field})" for file, field in places)
            f = replace(f, message=f"{f.message}; the same value is used in {rows} more "
                                   f"row{'s' * (rows != 1)} of {named}: correct it there too")
        result.append(f)
    return result
