"""Layer 5: disclosure control for packages whose access level is ``public``.

A public package may be published, so it must not let a reader single out a participant:

* ``disclosure-exact-age``: participants carry age bands only, never ``age_years``;
* ``disclosure-pii``: no email address, phone number or personal URL in any free-text column of
  any table (free text = a string column without pattern or enum, read from the Table Schema);
  each span is reported with row, field, character offsets and kind, and a masked excerpt only;
* ``disclosure-k-anonymity``: every combination of the quasi-identifiers over the participant rows
  occurs at least k times (``ctx.options.k_anonymity``, default 3); each offending combination is
  listed with its count. An empty cell counts as a value of its own;
* ``disclosure-transcript-text``: full transcript text only in restricted packages, and no
  transcript marked ``restricted`` inside a public package.

Restricted packages stay within the consortium and skip this layer. ``upsides anonymise`` turns a
restricted package into one that passes it (see docs/disclosure.md).
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

import polars as pl

from upsides_data.findings import Finding, Severity
from upsides_data.pii import candidate_expr, find_pii
from upsides_data.resources import package_profile, table_schema
from upsides_data.validate.context import PackageContext
from upsides_data.validate.frames import ROW, table
from upsides_data.validate.rules import finding

QUASI_IDENTIFIERS = ("site", "role", "gender", "age_band", "profession")
PUBLIC = "public"

Check = Callable[[PackageContext], Iterable[Finding]]
CHECKS: dict[str, Check] = {}


def disclosure_check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn
    return register


def check(ctx: PackageContext) -> Iterator[Finding]:
    """Run every disclosure check on a public package; restricted packages are not checked."""
    if ctx.meta.access_level != PUBLIC:
        return
    for name, fn in CHECKS.items():
        try:
            found = list(fn(ctx))
        except Exception as exc:  # noqa: BLE001 - reported as data, the run goes on
            found = [Finding(rule="check-crashed", package=ctx.name,
                             message=f"the disclosure check {name!r} crashed: "
                                     f"{type(exc).__name__}: {exc}",
                             hint="this is a bug in upsides-data; please report it with the package")]
        yield from found


def free_text_columns(tbl: str) -> list[str]:
    """String columns with neither pattern nor enum: where people write prose (and PII hides)."""
    return [f["name"] for f in table_schema(tbl)["fields"]
            if f.get("type", "string") == "string"
            and not {"pattern", "enum"} & set(f.get("constraints", {}))]


@disclosure_check("disclosure-exact-age")
def exact_age(ctx: PackageContext) -> Iterator[Finding]:
    people = table(ctx, "participant", "age_years")
    if people is None:
        return
    for row in people.filter(pl.col("age_years").is_not_null()).iter_rows(named=True):
        yield finding(ctx, "disclosure-exact-age", tbl="participant", row=row[ROW],
                      field="age_years", message="a public package holds an exact age",
                      hint="publish age_band only (upsides anonymise derives it), or mark the "
                           "package restricted")


@disclosure_check("disclosure-pii")
def pii(ctx: PackageContext) -> Iterator[Finding]:
    known = package_profile()["tables"]
    for tbl in sorted(ctx.package.resources()):
        if tbl not in known:
            continue
        frame = table(ctx, tbl)
        if frame is None:
            continue
        for column in [c for c in free_text_columns(tbl) if c in frame.columns]:
            suspects = frame.filter(candidate_expr(column)).select(ROW, column)
            for row_number, text in suspects.iter_rows():
                for match in find_pii(text):
                    yield finding(ctx, "disclosure-pii", tbl=tbl, row=row_number, field=column,
                                  message=f"{match.kind} at characters {match.start}-{match.end}: "
                                          f"{match.masked}",
                                  hint="remove or mask it (upsides anonymise replaces it with "
                                       f"'[{match.kind} removed]'), or mark the package restricted")


def _show(value: object) -> str:
    return "(empty)" if value is None else str(value)


@disclosure_check("disclosure-k-anonymity")
def k_anonymity(ctx: PackageContext) -> Iterator[Finding]:
    k = max(int(ctx.options.k_anonymity), 1)
    people = table(ctx, "participant")
    if people is None or people.is_empty():
        return
    qis = [c for c in QUASI_IDENTIFIERS if c in people.columns]
    if not qis:
        return
    groups = (people.group_by(qis).agg(pl.len().alias("__count"), pl.col(ROW).sort().alias("__rows"))
              .filter(pl.col("__count") < k).sort(pl.col("__rows").list.first()))
    for combo in groups.iter_rows(named=True):
        rows = combo["__rows"]
        shown = ", ".join(f"{c}={_show(combo[c])}" for c in qis)
        listed = ", ".join(str(r) for r in rows[:10]) + (" ..." if len(rows) > 10 else "")
        yield finding(ctx, "disclosure-k-anonymity", tbl="participant", row=rows[0],
                      message=f"the combination {shown} occurs {combo['__count']} time(s), "
                              f"fewer than k={k} (rows {listed})",
                      hint="merge rare categories or suppress values until every combination "
                           "occurs k times (upsides anonymise does this)")


@disclosure_check("disclosure-transcript-text")
def transcript_text(ctx: PackageContext) -> Iterator[Finding]:
    transcripts = table(ctx, "transcript")
    if transcripts is None:
        return
    if "text" in transcripts.columns:
        for row in transcripts.filter(pl.col("text").is_not_null()).iter_rows(named=True):
            yield finding(ctx, "disclosure-transcript-text", tbl="transcript", row=row[ROW],
                          field="text",
                          message="a public package holds a transcript's full text",
                          hint="full text belongs in restricted packages only; "
                               "upsides anonymise removes it")
    if "access_level" in transcripts.columns:
        restricted = transcripts.filter(pl.col("access_level") == "restricted")
        for row in restricted.iter_rows(named=True):
            yield finding(ctx, "disclosure-transcript-text", tbl="transcript", row=row[ROW],
                          field="access_level", severity=Severity.ERROR,
                          message="a transcript marked restricted sits in a public package",
                          hint="leave it out of the public package, or publish it as public "
                               "without its text")
