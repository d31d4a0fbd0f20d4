"""Layer 5: disclosure control for packages whose access level is ``public``.

A public package may be published, so it must not let a reader single out a participant:

What is checked where comes from the schema's disclosure model (``disclosure_model``, read from
the generated package profile), never from a code list here:

* ``disclosure-exact-age`` / ``disclosure-exact-value``: a column the model marks ``withheld``
  (a participant's exact age and years of experience, a focus group's age minimum, maximum and
  mean) is empty in every row;
* ``disclosure-direct-identifier``: a direct-identifier column is empty;
* ``disclosure-small-cell``: a count the model marks ``at-least-k`` (gender counts) is 0 or at
  least k;
* ``disclosure-recoverable-aggregate``: a row's gender counts (a focus group's, a site
  participation's) give back nothing suppressed: a participant's gender set to ``not-disclosed``,
  a participant left out, a count withheld beside its total and siblings (``disclosure_groups``);
* ``disclosure-quote-speaker``: a quote is not linked to its speaker (quotes of one person add up
  to a portrait; the speaker's role stays);
* ``disclosure-pii``: no email address, phone number, personal URL, national id number, birth
  date, street address or (with ``--names``) roster name in any scanned column (free text and
  identifiers) of any table, nor in the descriptor's metadata (title, description,
  contributors, sources, merged_from); each span is reported with row, field, character offsets
  and kind, and a masked excerpt only;
* ``disclosure-k-anonymity``: every combination of the quasi-identifiers over the participant rows
  occurs at least k times (``ctx.options.k_anonymity``, default 3); each offending combination is
  listed with its count. An empty cell counts as a value of its own;
* ``disclosure-l-diversity``: with ``ctx.options.l_diversity`` > 1, every combination holds
  at least l distinct values of each sensitive attribute;
* ``disclosure-transcript-text``: full transcript text only in restricted packages, and no
  transcript marked ``restricted`` inside a public package.

Restricted packages stay within the consortium and skip this layer. ``upsides anonymise`` turns a
restricted package into one that passes it (see docs/disclosure.md).
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

import polars as pl

from upsides_data import disclosure_model as model
from upsides_data.disclosure_groups import PERSON, count_total, guarded_counts, leaking_rows
from upsides_data.findings import Finding, Severity
from upsides_data.pii import REPLACEMENT, PiiMatch, candidate_expr, find_pii
from upsides_data.resources import package_profile, table_schema
from upsides_data.validate.context import PackageContext
from upsides_data.validate.frames import ROW, batches, check_done, reading, table
from upsides_data.validate.rules import finding

PUBLIC = "public"

Check = Callable[[PackageContext], Iterable[Finding]]
CHECKS: dict[str, Check] = {}


def disclosure_check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn
    return register


def check(ctx: PackageContext) -> Iterator[Finding]:
    """Run every disclosure check on a public package; restricted packages are not checked.

    The checks read only the columns they name, each table once (``frames.reading``)."""
    if ctx.meta.access_level != PUBLIC:
        return
    yield from reading(ctx, _run_checks)


def _run_checks(ctx: PackageContext) -> Iterator[Finding]:
    for name, fn in CHECKS.items():
        try:
            found = list(fn(ctx))
        except Exception as exc:  # noqa: BLE001 - reported as data, the run goes on
            found = [Finding(rule="check-crashed", package=ctx.name,
                             message=f"the disclosure check {name!r} crashed: "
                                     f"{type(exc).__name__}: {exc}",
                             hint="this is a bug in upsides-data; please report it with the package")]
        check_done()  # frees the tables no later check needs
        yield from found


def free_text_columns(tbl: str) -> list[str]:
    """Columns scanned for PII: free text and identifiers, as the disclosure model says."""
    return model.scanned_columns(tbl)


def site_region(ctx: PackageContext) -> str | None:
    """The country of the package's site (ISO code), the region for national phone numbers."""
    sites = table(ctx, "site", "country")
    if sites is None:
        return None
    countries = sorted({c for c in sites["country"].to_list() if c})
    return countries[0] if len(countries) == 1 else None


@disclosure_check("disclosure-exact-age")
def withheld_values(ctx: PackageContext) -> Iterator[Finding]:
    for tbl in sorted(ctx.package.resources()):
        for column, rule in model.public_rules(tbl).items():
            if rule != model.WITHHELD:
                continue
            frame = table(ctx, tbl, column)
            if frame is None:
                continue
            code = "disclosure-exact-age" if column.startswith("age") else "disclosure-exact-value"
            instead = model.generalised_to(tbl).get(column)
            reason = model.absent_reason_column(tbl, column)
            how = (f"publish {instead} only (upsides anonymise derives it)" if instead else
                   f"leave it empty with {reason} withheld-for-disclosure" if reason else
                   "leave it empty (upsides anonymise does)")
            for row in frame.filter(pl.col(column).is_not_null()).iter_rows(named=True):
                yield finding(ctx, code, tbl=tbl, row=row[ROW], field=column,
                              message=f"a public package holds an exact value in {column}",
                              hint=f"{how}, or mark the package restricted")


@disclosure_check("disclosure-direct-identifier")
def direct_identifiers(ctx: PackageContext) -> Iterator[Finding]:
    for tbl in sorted(ctx.package.resources()):
        for column in model.columns_of(tbl, model.DIRECT):
            frame = table(ctx, tbl, column)
            if frame is None:
                continue
            for row in frame.filter(pl.col(column).is_not_null()).iter_rows(named=True):
                yield finding(ctx, "disclosure-direct-identifier", tbl=tbl, row=row[ROW],
                              field=column, message="a public package holds a direct identifier",
                              hint="leave it empty, or mark the package restricted")


def _as_int(column: str) -> pl.Expr:
    return pl.col(column).str.strip_chars().cast(pl.Int64, strict=False)


@disclosure_check("disclosure-small-cell")
def small_cells(ctx: PackageContext) -> Iterator[Finding]:
    k = max(int(ctx.options.k_anonymity), 1)
    for tbl in sorted(ctx.package.resources()):
        for column, rule in model.public_rules(tbl).items():
            frame = table(ctx, tbl, column) if rule == model.AT_LEAST_K else None
            if frame is None:
                continue
            small = frame.filter(_as_int(column).is_between(1, k - 1))
            for row in small.iter_rows(named=True):
                yield finding(ctx, "disclosure-small-cell", tbl=tbl, row=row[ROW], field=column,
                              message=f"a count of {row[column]} is below k={k}: it points at "
                                      "fewer than k people",
                              hint=f"leave it empty with {column}_absent_reason "
                                   "withheld-for-disclosure (upsides anonymise does)")


@disclosure_check("disclosure-recoverable-aggregate")
def recoverable_aggregates(ctx: PackageContext) -> Iterator[Finding]:
    names = [n for n in sorted(ctx.package.resources()) if guarded_counts(n)]
    frames = {n: f for n, columns in _aggregate_columns(ctx, names).items()
              if (f := table(ctx, n, optional=columns)) is not None}
    for name in names:
        leaking = leaking_rows(frames, name)
        if not leaking or name not in frames:
            continue
        frame = frames[name]
        counts = [c for c in guarded_counts(name) if c in frame.columns]
        for row in frame.filter(pl.col("id").is_in(sorted(leaking))).iter_rows(named=True):
            for column in [c for c in counts if row[c] is not None]:
                yield finding(ctx, "disclosure-recoverable-aggregate", tbl=name,
                              row=row[ROW], field=column,
                              message=f"{leaking[row['id']]}",
                              hint=f"leave every gender count of this row empty with its "
                                   "_absent_reason withheld-for-disclosure (upsides anonymise "
                                   "does)")


def _aggregate_columns(ctx: PackageContext, names: list[str]) -> dict[str, list[str]]:
    """The columns ``disclosure_groups.leaking_rows`` reads, per table: the guarded tables'
    ids, counts, totals and reasons, the participants' genders, and the keys linking them."""
    links = {n for n, info in package_profile()["tables"].items() if "link" in info}
    wanted: dict[str, list[str]] = {}
    for name in [*names, PERSON, *sorted(links & set(ctx.package.resources()))]:
        counts = guarded_counts(name)
        total = count_total(name)
        columns = ["id", *counts, *([total] if total else []),
                   *[r for c in counts if (r := model.absent_reason_column(name, c))],
                   *[fk["fields"][0] for fk in table_schema(name).get("foreignKeys", [])
                     if len(fk["fields"]) == 1]]
        wanted[name] = columns + (["gender"] if name == PERSON else [])
    return wanted


@disclosure_check("disclosure-quote-speaker")
def quote_speakers(ctx: PackageContext) -> Iterator[Finding]:
    quotes = table(ctx, "quote", "speaker")
    if quotes is None:
        return
    for row in quotes.filter(pl.col("speaker").is_not_null()).iter_rows(named=True):
        yield finding(ctx, "disclosure-quote-speaker", tbl="quote", row=row[ROW], field="speaker",
                      message="a public quote is linked to its speaker; the quotes of one "
                              "person together can single them out",
                      hint="leave speaker empty and keep speaker_role (upsides anonymise does)")


@disclosure_check("disclosure-pii")
def pii(ctx: PackageContext) -> Iterator[Finding]:
    known = package_profile()["tables"]
    region, roster = site_region(ctx), ctx.options.roster
    for tbl in sorted(ctx.package.resources()):
        if tbl not in known:
            continue
        by_column: dict[str, list[Finding]] = {}  # reported column by column, as in the table
        for batch in batches(ctx, tbl, optional=free_text_columns(tbl)):
            for column in [c for c in free_text_columns(tbl) if c in batch.columns]:
                suspects = batch.filter(candidate_expr(column, roster)).select(ROW, column)
                for row_number, text in suspects.iter_rows():
                    by_column.setdefault(column, []).extend(
                        _pii_finding(ctx, match, tbl=tbl, row=row_number, field=column)
                        for match in find_pii(text, region=region, roster=roster))
        for column in free_text_columns(tbl):
            yield from by_column.get(column, [])
    for where, text in descriptor_texts(ctx.package.descriptor):
        for match in find_pii(text, region=region, roster=roster):
            yield _pii_finding(ctx, match, tbl=None, row=None, field=where)


def _pii_finding(ctx: PackageContext, match: PiiMatch, *, tbl: str | None, row: int | None,
                 field: str) -> Finding:
    return finding(ctx, "disclosure-pii", tbl=tbl, row=row, field=field,
                   message=f"{match.kind} at characters {match.start}-{match.end}: "
                           f"{match.masked}",
                   hint="remove or mask it (upsides anonymise replaces it with "
                        f"'{REPLACEMENT[match.kind]}'), or mark the package restricted")


DESCRIPTOR_SKIPPED = ("resources", "$schema", "profile")


def descriptor_texts(node: object, where: str = "datapackage.json") -> Iterator[tuple[str, str]]:
    """Every string of the descriptor's metadata (not its resources), with a path to it."""
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key in sorted(node):
            if key not in DESCRIPTOR_SKIPPED:
                yield from descriptor_texts(node[key], f"{where}:{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from descriptor_texts(item, f"{where}[{i}]")


def _show(value: object) -> str:
    return "(empty)" if value is None else str(value)


def _public_quasi_identifiers(people: pl.DataFrame) -> list[str]:
    """The participant's quasi-identifiers a public package may hold (not the withheld ones)."""
    withheld = model.public_rules("participant")
    return [c for c in model.quasi_identifiers() if c in people.columns and c not in withheld]


def _combination(combo: dict[str, object], qis: list[str]) -> str:
    return ", ".join(f"{c}={_show(combo[c])}" for c in qis)


def _rows(rows: list[int]) -> str:
    return ", ".join(str(r) for r in rows[:10]) + (" ..." if len(rows) > 10 else "")


@disclosure_check("disclosure-k-anonymity")
def k_anonymity(ctx: PackageContext) -> Iterator[Finding]:
    k = max(int(ctx.options.k_anonymity), 1)
    people = table(ctx, "participant", optional=model.quasi_identifiers())
    if people is None or people.is_empty():
        return
    qis = _public_quasi_identifiers(people)
    if not qis:
        return
    groups = (people.group_by(qis).agg(pl.len().alias("__count"), pl.col(ROW).sort().alias("__rows"))
              .filter(pl.col("__count") < k).sort(pl.col("__rows").list.first()))
    for combo in groups.iter_rows(named=True):
        rows = combo["__rows"]
        yield finding(ctx, "disclosure-k-anonymity", tbl="participant", row=rows[0],
                      message=f"the combination {_combination(combo, qis)} occurs "
                              f"{combo['__count']} time(s), fewer than k={k} "
                              f"(rows {_rows(rows)})",
                      hint="merge rare categories or suppress values until every combination "
                           "occurs k times (upsides anonymise does this)")


@disclosure_check("disclosure-l-diversity")
def l_diversity(ctx: PackageContext) -> Iterator[Finding]:
    """Each combination of quasi-identifiers holds at least l distinct values of every sensitive
    attribute (an empty cell is a value), else knowing someone's combination tells their answer.
    Only when asked (``--l-diversity N``, N > 1); the values themselves are never shown."""
    l = int(getattr(ctx.options, "l_diversity", 1) or 1)
    if l <= 1:
        return
    people = table(ctx, "participant",
                   optional=[*model.quasi_identifiers(), *model.sensitive_attributes()])
    if people is None or people.is_empty():
        return
    qis = _public_quasi_identifiers(people)
    for column in [c for c in model.sensitive_attributes() if c in people.columns] if qis else []:
        groups = (people.group_by(qis)
                  .agg(pl.col(column).n_unique().alias("__values"),
                       pl.col(ROW).sort().alias("__rows"))
                  .filter(pl.col("__values") < l).sort(pl.col("__rows").list.first()))
        for combo in groups.iter_rows(named=True):
            yield finding(ctx, "disclosure-l-diversity", tbl="participant",
                          row=combo["__rows"][0], field=column,
                          message=f"in the combination {_combination(combo, qis)}, {column} "
                                  f"takes {combo['__values']} value(s), fewer than l={l}: "
                                  "knowing a participant's combination tells their answer "
                                  f"(rows {_rows(combo['__rows'])})",
                          hint=f"generalise or suppress until each combination holds {l} "
                               f"different {column} values (upsides anonymise -l {l} does)")


@disclosure_check("disclosure-transcript-text")
def transcript_text(ctx: PackageContext) -> Iterator[Finding]:
    texts: list[Finding] = []
    restricted: list[Finding] = []
    for batch in batches(ctx, "transcript", optional=("text", "access_level")):
        if "text" in batch.columns:
            for row in batch.filter(pl.col("text").is_not_null()).select(ROW).iter_rows():
                texts.append(finding(ctx, "disclosure-transcript-text", tbl="transcript",
                                     row=row[0], field="text",
                                     message="a public package holds a transcript's full text",
                                     hint="full text belongs in restricted packages only; "
                                          "upsides anonymise removes it"))
        if "access_level" in batch.columns:
            for row in batch.filter(pl.col("access_level") == "restricted").select(ROW).iter_rows():
                restricted.append(finding(
                    ctx, "disclosure-transcript-text", tbl="transcript", row=row[0],
                    field="access_level", severity=Severity.ERROR,
                    message="a transcript marked restricted sits in a public package",
                    hint="leave it out of the public package, or publish it as public "
                         "without its text"))
    yield from texts
    yield from restricted
