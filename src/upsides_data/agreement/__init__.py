"""Inter-coder agreement of the codings in site packages (``upsides agreement``).

Several coders code the same transcripts (``import qdpx A.qdpx B.qdpx`` keeps each coding's
coder); this module turns their codings into reliability matrices (``units``) and computes
percent agreement, Cohen's kappa and Krippendorff's alpha (``statistics``) per code or theme,
per site and over all sites, each with an "(all)" row pooling every code. The packages are read
through the gateway, validated first.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from upsides_data.agreement.statistics import Agreement, agreement
from upsides_data.agreement.units import UNITS, Span, matrix
from upsides_data.errors import UsageError
from upsides_data.findings import Report
from upsides_data.gateway import read_inputs
from upsides_data.package.reader import Package

BY = ("code", "theme")
ALL = "(all)"
COLUMNS = ["site", "by", "item", "label", "unit", "coders", "units", "percent_agreement",
           "cohen_kappa", "krippendorff_alpha"]


@dataclass
class AgreementTable:
    """One row per (site, item), plus the "(all)" rows; the inputs' validation report."""

    rows: list[dict[str, object]]
    report: Report = field(default_factory=Report)

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in self.rows:
            writer.writerow({k: _cell(row[k]) for k in COLUMNS})
        return buffer.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, float):
        return f"{value:.4f}"
    return "" if value is None else value


@dataclass
class Codings:
    spans: list[Span] = field(default_factory=list)
    lengths: dict[str, int] = field(default_factory=dict)  # transcript -> characters
    site_of: dict[str, str] = field(default_factory=dict)  # transcript -> site
    study_of: dict[str, str] = field(default_factory=dict)  # transcript -> study
    labels: dict[str, str] = field(default_factory=dict)  # code or theme -> label
    themes_of: dict[str, set[str]] = field(default_factory=dict)  # code -> themes


def _rows(package: Package, table: str) -> list[dict[str, Any]]:
    return package.text_frame(table).to_dicts() if package.has(table) else []


def collect(packages: list[Package]) -> Codings:
    found = Codings()
    for package in packages:
        for row in _rows(package, "code") + _rows(package, "theme"):
            if row.get("label"):
                found.labels[row["id"]] = row["label"]
        for row in _rows(package, "theme_codes"):
            found.themes_of.setdefault(row["code"], set()).add(row["theme"])
        if package.meta.kind == "codebook":
            continue
        groups = {r["id"]: r for r in _rows(package, "focus_group")}
        for row in _rows(package, "transcript"):
            group = groups.get(row.get("focus_group")) or {}
            found.site_of[row["id"]] = group.get("site") or package.meta.site or "(unknown)"
            found.study_of[row["id"]] = group.get("study") or package.meta.study or "(unknown)"
            if row.get("text") is not None:
                found.lengths[row["id"]] = len(row["text"])
        for row in _rows(package, "coding"):
            if not row.get("coder") or row.get("start_offset") is None \
                    or row.get("end_offset") is None:
                continue
            span = Span(row["coder"], row["code"], row["transcript"], int(row["start_offset"]),
                        int(row["end_offset"]))
            found.spans.append(span)
            found.lengths[span.transcript] = max(found.lengths.get(span.transcript, 0), span.end)
            found.site_of.setdefault(span.transcript, package.meta.site or "(unknown)")
    return found


def of_study(found: Codings, study: str) -> Codings:
    """The codings of the transcripts of ``study`` (the report computes each study alone)."""
    keep = {t for t, s in found.study_of.items() if s == study}
    return Codings(spans=[s for s in found.spans if s.transcript in keep],
                   lengths={t: n for t, n in found.lengths.items() if t in keep},
                   site_of=found.site_of, study_of=found.study_of, labels=found.labels,
                   themes_of=found.themes_of)


def _by_theme(found: Codings) -> list[Span]:
    return [Span(s.coder, theme, s.transcript, s.start, s.end)
            for s in found.spans for theme in sorted(found.themes_of.get(s.item, ()))]


def agreement_table(found: Codings, *, by: str = "code",
                    unit: str = "segment") -> list[dict[str, Any]]:
    """The rows of the agreement table for the codings ``found``."""
    spans = found.spans if by == "code" else _by_theme(found)
    sites = sorted({found.site_of[t] for t in found.lengths})
    rows = []
    for site in [*sites, ALL] if len(sites) > 1 else sites:
        lengths = {t: n for t, n in found.lengths.items() if site == ALL or found.site_of[t] == site}
        coders = sorted({s.coder for s in found.spans if s.transcript in lengths})
        here = [s for s in spans if s.transcript in lengths]
        blocks = []
        for item in sorted({s.item for s in here}):  # the codes used at this site
            block = matrix(here, item, coders, lengths, unit)
            blocks.append(block)
            rows.append(_row(site, by, item, found.labels.get(item), unit, agreement(block)))
        pooled = np.concatenate(blocks, axis=1) if blocks else np.zeros((len(coders), 0))
        rows.append(_row(site, by, ALL, f"all {by}s", unit, agreement(pooled)))
    return rows


def _row(site: str, by: str, item: str, label: str | None, unit: str, stats: Agreement) -> dict[str, Any]:
    return {"site": site, "by": by, "item": item, "label": label, "unit": unit,
            "coders": stats.coders, "units": stats.units,
            "percent_agreement": stats.percent_agreement, "cohen_kappa": stats.cohen_kappa,
            "krippendorff_alpha": stats.krippendorff_alpha}


def compute_agreement(paths: Iterable[str | Path], *, by: str = "code", unit: str = "segment",
                      codebook: str | Path | None = None, validate: bool = True) -> AgreementTable:
    """Agreement of the codings in the site packages ``paths`` (with their codebook package)."""
    if by not in BY:
        raise UsageError(f"--by {by!r}: choose one of {', '.join(BY)}",
                         hint="for example --by theme")
    if unit not in UNITS:
        raise UsageError(f"--unit {unit!r}: choose one of {', '.join(UNITS)}",
                         hint="for example --unit transcript")
    paths = [Path(p) for p in paths]
    read = read_inputs(paths, codebook=codebook, validate=validate, purpose="agreement")
    packages = list(read.packages)
    if codebook is not None:  # read on its own: its findings cite other coders' packages
        packages += read_inputs([codebook], validate=validate,
                                purpose="agreement (--codebook)").packages
    found = collect(packages)
    coders = {s.coder for s in found.spans}
    if len(coders) < 2:
        raise UsageError(f"agreement needs codings by at least two coders; the packages hold "
                         f"{len(coders)} coder{'s' if len(coders) != 1 else ''} (codings with a "
                         "coder and offsets)", rule="agreement-too-few-coders",
                         hint="import each coder's project into one package: upsides import "
                              "qdpx anna.qdpx ben.qdpx --site ulm --study mhw-2019 -o ulm")
    if by == "theme" and not found.themes_of:
        raise UsageError("--by theme needs a codebook package whose theme_codes table maps codes "
                         "to themes", rule="agreement-no-theme-map",
                         hint="add rows such as upsides:mhw-2019/theme-roles,upsides:mhw-2019/"
                              "code-role-clarity to theme_codes.csv of the codebook package and "
                              "pass it with --codebook PATH")
    return AgreementTable(agreement_table(found, by=by, unit=unit), read.report)

