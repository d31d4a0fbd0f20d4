"""The one door in: every command and API function reads packages through here.

``read_inputs(paths, purpose=...)`` opens the packages a command derives something from (a
consortium, an RDF graph, a REFI-QDA project, a report, a public version, query answers, a
``Dataset``) and runs the validator on them first. When they do not validate it raises
``InvalidInputError`` carrying the validator's report (exit code 1), or ``UnreadableInputError``
when an input is not a package at all (exit code 2), so nothing is derived from data the
validator refuses. ``validate=False`` (``--no-validate``) is for drafts: the packages are read
anyway (public ones still pass disclosure control, ``validate.public_gate``) and marked
``upsides.validated: false`` in their descriptors as read, so that the mark reaches whatever
metadata the command writes (a consortium's ``merged_from``, an RDF export's package metadata, an
anonymised package's descriptor); ``Inputs.notice`` is the line a command prints about it.

Reading itself is confined (``upsides_data.package.confine``): resource paths stay inside the
package folder or zip, only regular files are opened, and a file that cannot be read is a finding
naming the file and the line. ``check_written(path)`` is the door's other half: a command that
writes a package validates what it staged before the final rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from upsides_data.errors import InvalidInputError, UnreadableInputError, UsageError
from upsides_data.findings import Finding, Report
from upsides_data.package.confine import (
    NAME_HINT, file_problem, path_problem, read_text_csv, resource_file, safe_name,
)
from upsides_data.package.reader import Package, open_package

__all__ = ["Inputs", "NAME_HINT", "check_written", "draft_notice", "file_problem",
           "path_problem", "read_inputs", "read_text_csv", "resource_file", "safe_name"]

PathLike = str | Path
VALIDATED = "validated"  # the ``upsides`` descriptor key marking a draft read without validation


@dataclass
class Inputs:
    """The packages a command reads, the validator's report on them, and whether it ran."""

    packages: list[Package]
    report: Report
    validated: bool
    purpose: str
    paths: list[Path] = field(default_factory=list)

    @property
    def notice(self) -> str | None:
        """What a command must say when its inputs were not validated, else None."""
        return None if self.validated else draft_notice(self.purpose)


def draft_notice(purpose: str) -> str:
    """The statement made wherever a result was derived from inputs nobody validated."""
    return (f"the inputs of {purpose} were not validated (--no-validate): the result is a draft "
            "and may hold whatever errors the inputs hold")


def _as_list(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    if isinstance(paths, (str, Path)):
        return [Path(paths)]
    return [Path(p) for p in paths]


def read_inputs(paths: PathLike | Iterable[PathLike], *, codebook: PathLike | None = None,
                validate: bool = True, purpose: str) -> Inputs:
    """Validate and open the packages at ``paths`` for ``purpose`` (e.g. ``"merge"``).

    Raises ``UsageError`` without paths, ``UnreadableInputError`` when an input is not a package
    (exit 2) and ``InvalidInputError`` when the validator finds errors (exit 1); both carry the
    findings. With ``validate=False`` nothing is checked beyond confinement, and each package's
    descriptor (as read, never on disk) gets ``upsides.validated: false``.
    """
    items = _as_list(paths)
    if not items:
        raise UsageError(f"{purpose} needs at least one package")
    if validate:
        report = _validated(items, codebook, purpose)
    else:
        report = Report(checked=[str(p) for p in items])
    packages = [open_package(p) for p in items]
    if not validate:
        _refuse_disclosure(packages, purpose)
        for package in packages:
            _mark_draft(package)
    return Inputs(packages=packages, report=report, validated=validate, purpose=purpose,
                  paths=items)


def _validated(items: list[Path], codebook: PathLike | None, purpose: str) -> Report:
    from upsides_data.validate.runner import UNREADABLE_RULES
    from upsides_data.validate.runner import validate as run_validator

    report = run_validator(items, codebook=codebook)
    unreadable = [f for f in report.findings if f.rule in UNREADABLE_RULES]
    if unreadable:
        first = unreadable[0]
        error = UnreadableInputError(
            f"{purpose}: {first.package or first.file}: {first.message} ({len(unreadable)} "
            "input(s) cannot be read as packages); nothing was written",
            findings=report.findings)
        error.report = report  # type: ignore[attr-defined]
        raise error
    if not report.valid:
        raise InvalidInputError(
            f"{purpose}: the inputs do not validate ({len(report.errors)} errors), so nothing "
            "was written; fix them (see `upsides validate`), or pass --no-validate for a draft",
            report)
    return report


def _refuse_disclosure(packages: list[Package], purpose: str) -> None:
    """A draft skips validation, never disclosure control: public inputs are checked anyway."""
    from upsides_data.validate.public_gate import disclosure_report

    report = disclosure_report(packages)
    if not report.valid:
        raise InvalidInputError(
            f"{purpose}: public inputs break disclosure rules ({len(report.errors)} errors), so "
            "nothing was written; --no-validate skips validation but never disclosure control "
            "(see `upsides validate`; `upsides anonymise` derives a public package)", report)


def _mark_draft(package: Package) -> None:
    upsides = package.descriptor.get("upsides")
    if isinstance(upsides, dict):
        upsides[VALIDATED] = False


def check_written(paths: PathLike | Sequence[PathLike], *, codebook: PathLike | None = None,
                  k_anonymity: int = 3, l_diversity: int = 1) -> Report:
    """Validate a package (or packages) a command has staged, before the final rename.

    Raises ``InvalidInputError("the package written would not validate", report)`` when the
    validator finds errors, so the command renames nothing into place; returns the report.
    """
    from upsides_data.validate.runner import validate as run_validator

    report = run_validator(_as_list(paths), codebook=codebook, k=k_anonymity,
                           l_diversity=l_diversity)
    if not report.valid:
        raise InvalidInputError("the package written would not validate", report)
    return report
