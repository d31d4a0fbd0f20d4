"""The library's own exceptions. A dependency's exception never reaches a user unwrapped.

Each class carries the CLI exit code it maps to and, where a check produced them, the findings
that explain it, so the CLI can render the same findings ``validate`` would (one shape of
problem everywhere: ``upsides_data.findings.Finding``).

Exit codes: 0 success, 1 the inputs are invalid or conflict (nothing written), 2 usage error,
unreadable input or an output that cannot be written, 3 a bug (never for bad input), 130
interrupted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from upsides_data.findings import Finding, Report


class UpsidesError(Exception):
    """Base of every error the library raises on purpose.

    Findings are data: an error raised without findings carries one naming ``rule`` (the
    class's default unless given) with ``hint``, so every refusal shows a rule code.
    """

    exit_code = 2
    rule = "refused"
    # How many findings per rule the CLI shows (a command's --max-per-rule); None: the default.
    max_per_rule: int | None = None
    hint = "see `upsides COMMAND --help` (Limits and refusals) and docs/cli.md"

    def __init__(self, message: str, *, findings: Iterable["Finding"] = (),
                 rule: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.findings: list[Finding] = list(findings)
        if not self.findings:
            from upsides_data.findings import Finding

            self.findings = [Finding(rule=rule or self.rule, message=message,
                                     hint=hint or self.hint)]


class UsageError(UpsidesError):
    """The caller asked for something impossible: a missing path, an unknown option."""

    rule = "usage"


class UnreadableInputError(UpsidesError):
    """An input cannot be read at all (not a package, not JSON, not UTF-8)."""

    rule = "unreadable"
    hint = "check that this is the right file, complete and UTF-8; re-export it from its tool"


class OutputError(UpsidesError):
    """An output cannot be written where asked (exists without --force, is or holds an input,
    is a device, FIFO or symlink, read-only, disk full, over a size limit)."""


class LimitExceededError(UpsidesError):
    """An input or a computation went past a documented limit (size, depth, time, results)."""


class InvalidInputError(UpsidesError):
    """Inputs were read but do not validate; a command that derives from them writes nothing.

    ``report`` holds every finding, as ``upsides validate`` would give it.
    """

    exit_code = 1

    def __init__(self, message: str, report: "Report") -> None:
        super().__init__(message, findings=report.findings)
        self.report = report


class ConflictError(UpsidesError):
    """Inputs disagree in a way no automatic rule may resolve (for example at merge)."""

    exit_code = 1
