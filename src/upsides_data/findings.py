"""Findings: the one shape every check reports in, and the report that gathers them.

Checks never raise mid-run; they return findings. The CLI renders a report; the library returns it.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any, Iterable


class UnregisteredRuleError(AssertionError):
    """A finding named a rule code the registry does not hold (raised only where tests ask)."""


def _strict_rule_codes() -> bool:
    """Whether findings must use registered codes: tests set UPSIDES_STRICT_RULE_CODES=1."""
    return os.environ.get("UPSIDES_STRICT_RULE_CODES") == "1"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, located as precisely as the check can: package, file, row, field."""

    rule: str
    message: str
    severity: Severity = Severity.ERROR
    package: str | None = None
    file: str | None = None
    row: int | None = None
    field: str | None = None
    hint: str | None = None
    # Where the user typed the cell, when the package was packed from a workbook: the sheet
    # and the column letter (``row`` is then the spreadsheet's own row number).
    sheet: str | None = None
    column: str | None = None

    def __post_init__(self) -> None:
        if _strict_rule_codes():
            from upsides_data.rules_registry import RULES

            if self.rule not in RULES:
                raise UnregisteredRuleError(
                    f"rule code {self.rule!r} is not in upsides_data/rules_registry.py")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        for key in ("sheet", "column"):  # only for workbooks: other reports keep their shape
            if data[key] is None:
                del data[key]
        return data

    def location(self) -> str:
        """``package/file row N field F``, leaving out what is unknown; for a workbook
        ``sheet S row N column C (field F)``, the user's own terms."""
        if self.sheet is not None:
            parts = [f"sheet {self.sheet}"]
            if self.row is not None:
                parts.append(f"row {self.row}")
            if self.column:
                parts.append(f"column {self.column}" + (f" ({self.field})" if self.field else ""))
            elif self.field:
                parts.append(f"field {self.field}")
            return " ".join(parts)
        parts = []
        where = "/".join(p for p in (self.package, self.file) if p)
        if where:
            parts.append(where)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f"field {self.field}")
        return " ".join(parts)


@dataclass
class Report:
    """Everything found about one or more inputs."""

    findings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    def rules(self) -> Counter[str]:
        return Counter(f.rule for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "checked": list(self.checked),
            "error_count": len(self.errors),
            "warning_count": len(self.warnings),
            "findings": [f.to_dict() for f in sorted(self.findings, key=_sort_key)],
        }


def _sort_key(f: Finding) -> tuple[Any, ...]:
    return (f.package or "", f.file or "", f.row if f.row is not None else -1, f.rule, f.field or "",
            f.message)
