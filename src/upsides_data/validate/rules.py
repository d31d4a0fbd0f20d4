"""Layer 4: rules no Table Schema can express.

Each rule is a small function registered under its name in ``RULES``; it receives the package
under validation (``PackageContext``) and yields findings. Rules work column-wise with polars
joins and filters and loop in Python only over the rows already found bad. A rule that crashes
becomes one ``check-crashed`` finding naming it, and the other rules still run. A rule skips
silently when a table or column it needs is unreadable: layers 1-3 already say why.

Rule codes (see docs/validation-rules.md): ``codebook-missing-code``, ``codebook-missing-theme``,
``codebook-not-found``, ``reference-missing``, ``reference-unreadable``, ``id-scope``,
``label-site``, ``label-parts``, ``date-outside-study``, ``aggregate-mismatch``,
``hierarchy-cycle``, ``offsets``, ``memo-about``; the rules of ``absence_rules``
(``value-or-reason``, ``value-and-reason``), ``count_rules`` (``gender-sum``, ``range-order``,
``group-sum``, ``study-total``) and ``crossref`` (``reference-missing``, ``reference-unchecked``,
``reference-unreadable``, ``focus-group-package``, ``id-collision``) register here too.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

import polars as pl

from upsides_data.findings import Finding, Severity
from upsides_data.package.descriptor import cross_package_keys, tables_of_kind
from upsides_data.resources import package_profile
from upsides_data.validate.context import PackageContext
from upsides_data.validate.frames import (
    ROW, batches, check_done, has_columns, integer, reading, scope_expr, scope_of, table)
from upsides_data.validate.rule_support import (
    aggregate_findings, cycle_members, describe_cycle, partial_date_before, study_frame)

Rule = Callable[[PackageContext], Iterable[Finding]]
RULES: dict[str, Rule] = {}

# Records that state shared facts rather than a site's own work: any scope may appear in them.
SHARED_FACT_TABLES = frozenset({"income_classification"})
# The rule code for a cross-package reference, by target table (anything else: reference-missing).
CODEBOOK_RULES = {"code": "codebook-missing-code", "theme": "codebook-missing-theme"}
# The focus group's figures ``aggregate_findings`` compares with its participant rows.
GROUP_FIGURES = ("participant_count", "participant_count_female", "participant_count_male",
                 "participant_count_diverse", "age_min", "age_max", "age_mean")


def rule(name: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        RULES[name] = fn
        return fn
    return register


def check(ctx: PackageContext) -> Iterator[Finding]:
    """Run every registered rule on ``ctx``; a crashing rule becomes a finding, never an exception.

    The rules read only the columns they name, each table once (``frames.reading``)."""
    yield from reading(ctx, _run_rules)


def _run_rules(ctx: PackageContext) -> Iterator[Finding]:
    for name, fn in RULES.items():
        try:
            found = list(fn(ctx))
        except Exception as exc:  # noqa: BLE001 - reported as data, the run goes on
            found = [Finding(rule="check-crashed", package=ctx.name,
                             message=f"the rule {name!r} crashed: {type(exc).__name__}: {exc}",
                             hint="this is a bug in upsides-data; please report it with the package")]
        check_done()  # frees the tables no later check needs
        yield from found


def finding(ctx: PackageContext, code: str, message: str, tbl: str | None = None,
            row: int | None = None, field: str | None = None, hint: str | None = None,
            severity: Severity = Severity.ERROR) -> Finding:
    """A finding located in ``ctx``'s package; ``tbl`` names the table (its file is reported)."""
    file = None
    if tbl is not None:
        resource = ctx.package.resources().get(tbl)
        file = str(resource.get("path")) if resource and isinstance(resource.get("path"), str) \
            else f"{tbl}.csv"
    return Finding(rule=code, message=message, severity=severity, package=ctx.name, file=file,
                   row=row, field=field, hint=hint)


# -- codebook conformance and cross-package references ----------------------------------------

@rule("codebook-references")
def codebook_references(ctx: PackageContext) -> Iterator[Finding]:
    """Every code, theme, study and topic guide a site package names exists in its codebook.

    Which columns those are comes from the schema: the foreign keys whose target table lives in
    another package kind (``cross_package_keys``).
    """
    if ctx.kind != "site":
        return
    if ctx.codebook is None:
        # A declared codebook that cannot be found is reported by the runner
        # (``codebook-unresolved``); here only a package that declares none.
        if not ctx.meta.codebook:
            yield Finding(rule="codebook-not-found", severity=Severity.WARNING, package=ctx.name,
                          file="datapackage.json", field="upsides.codebook",
                          message="the package names no codebook package, so codes, themes and "
                                  "study references are not checked",
                          hint="declare upsides.codebook {name, version} in datapackage.json and "
                               "pass the codebook package with --codebook PATH")
        return
    from upsides_data.validate.crossref import unreadable

    for tbl in tables_of_kind("site"):
        for fk in cross_package_keys(tbl, "site"):
            fields, target = list(fk["fields"]), fk["reference"]["resource"]
            target_fields = list(fk["reference"]["fields"])
            frame = table(ctx, tbl, *fields)
            if frame is None:
                continue
            targets = table(ctx.codebook, target, *target_fields)
            if targets is None:
                if frame.drop_nulls(fields).height:
                    yield unreadable(ctx, tbl, fields[0], ctx.codebook, target)
                continue
            known = targets.select([pl.col(t).alias(f) for f, t in zip(fields, target_fields)])
            used = frame.drop_nulls(fields)
            bad = used.join(known.unique(), on=fields, how="anti", nulls_equal=False)
            code = CODEBOOK_RULES.get(target, "reference-missing")
            for row in bad.sort(ROW).iter_rows(named=True):
                value = ", ".join(str(row[f]) for f in fields)
                yield finding(ctx, code, tbl=tbl, row=row[ROW], field=fields[0],
                              message=f"{value} is not a {target} of the codebook package "
                                      f"{ctx.codebook.name}",
                              hint=f"use an id from {target}.csv of the codebook package, or "
                                   "check that the codebook version is the one this site "
                                   "coded with")


# -- identifier scopes -------------------------------------------------------------------------

@rule("id-scope")
def id_scope(ctx: PackageContext) -> Iterator[Finding]:
    """A site package's ids use the site's scope; a codebook package's ids the study's scope."""
    if ctx.kind == "site":
        expected, owner = scope_of(ctx.meta.site), "site"
    elif ctx.kind == "codebook":
        expected, owner = scope_of(ctx.meta.study), "study"
    else:
        return
    if expected is None:
        return  # the descriptor's site/study is checked by layer 1
    for tbl in tables_of_kind(ctx.kind):
        if tbl in SHARED_FACT_TABLES or "link" in package_profile()["tables"][tbl]:
            continue
        frame = table(ctx, tbl, "id")
        if frame is None:
            continue
        bad = frame.filter(pl.col("id").is_not_null()
                           & (scope_expr("id").fill_null("") != expected))
        for row in bad.iter_rows(named=True):
            yield finding(ctx, "id-scope", tbl=tbl, row=row[ROW], field="id",
                          message=f"{row['id']} does not use the {owner} scope {expected!r}",
                          hint=f"ids in this package start with upsides:{expected}/")


# -- labels ------------------------------------------------------------------------------------

_LABEL = r"^(\S+) ([0-9]+)$"


def _site_labels(ctx: PackageContext) -> pl.DataFrame | None:
    """transcript id -> the label of its focus group's site."""
    transcripts = table(ctx, "transcript", "id", "focus_group")
    groups = table(ctx, "focus_group", "id", "site")
    sites = table(ctx, "site", "id", "label")
    if transcripts is None or groups is None or sites is None:
        return None
    return (transcripts.select(pl.col("id").alias("transcript"), pl.col("focus_group"))
            .join(groups.select(pl.col("id").alias("focus_group"), pl.col("site")),
                  on="focus_group", how="inner")
            .join(sites.select(pl.col("id").alias("site"), pl.col("label").alias("__site_label")),
                  on="site", how="inner")
            .select("transcript", "__site_label").unique("transcript", keep="first"))


@rule("labels")
def labels(ctx: PackageContext) -> Iterator[Finding]:
    """A label agrees with its parts, and names the site of the transcript it comes from."""
    site_labels = _site_labels(ctx)
    for tbl in ("quote", "evidence_reference"):
        frame = table(ctx, tbl, "label", "label_site", "label_chapter", "transcript")
        if frame is None:
            continue
        frame = frame.with_columns(
            pl.col("label").str.extract(_LABEL, 1).alias("__head"),
            pl.col("label").str.extract(_LABEL, 2).cast(pl.Int64, strict=False).alias("__number"),
            integer("label_chapter").alias("__chapter"))
        parts = frame.filter(
            pl.col("label").is_not_null()
            & ((pl.col("label_site").is_not_null() & (pl.col("label_site") != pl.col("__head")))
               | (pl.col("__chapter").is_not_null() & (pl.col("__chapter") != pl.col("__number")))))
        for row in parts.iter_rows(named=True):
            expected = f"{row['label_site'] or row['__head']} " \
                       f"{row['__chapter'] if row['__chapter'] is not None else row['__number']}"
            yield finding(ctx, "label-parts", tbl=tbl, row=row[ROW], field="label",
                          message=f"label {row['label']!r} disagrees with its parts "
                                  f"(label_site {row['label_site']!r}, label_chapter "
                                  f"{row['label_chapter']!r})",
                          hint=f"the label is '<label_site> <label_chapter>', here {expected!r}")
        if site_labels is None:
            continue
        joined = frame.join(site_labels, on="transcript", how="inner")
        wrong = joined.filter(
            (pl.col("__head").is_not_null() & (pl.col("__head") != pl.col("__site_label")))
            | (pl.col("label_site").is_not_null()
               & (pl.col("label_site") != pl.col("__site_label"))))
        for row in wrong.iter_rows(named=True):
            shown = row["label"] or row["label_site"]
            field = "label" if row["__head"] not in (None, row["__site_label"]) else "label_site"
            yield finding(ctx, "label-site", tbl=tbl, row=row[ROW], field=field,
                          message=f"{shown!r} names another site than its transcript's site "
                                  f"({row['__site_label']!r})",
                          hint=f"labels of this site start with {row['__site_label']!r}")


# -- dates -------------------------------------------------------------------------------------

@rule("dates")
def dates(ctx: PackageContext) -> Iterator[Finding]:
    """Focus groups fall inside their study's period; codings and memos not before its start."""
    studies = study_frame(ctx)
    if studies is None:
        return
    groups = table(ctx, "focus_group", "id", "study", "held_on")
    if groups is not None:
        joined = groups.join(studies, left_on="study", right_on="__study", how="inner")
        early = partial_date_before(pl.col("held_on"), pl.col("__start"))
        late = partial_date_before(pl.col("__end"), pl.col("held_on"))
        for row in joined.filter(early | late).iter_rows(named=True):
            yield finding(ctx, "date-outside-study", tbl="focus_group", row=row[ROW],
                          field="held_on",
                          message=f"held on {row['held_on']}, outside the study period "
                                  f"{row['__start'] or '…'} to {row['__end'] or '…'}",
                          hint="check the date, or the study's period_start and period_end")
    codings = table(ctx, "coding", "transcript", "coded_on")
    transcripts = table(ctx, "transcript", "id", "focus_group")
    if codings is not None and transcripts is not None and groups is not None:
        joined = (codings.join(transcripts.select(pl.col("id").alias("transcript"), "focus_group"),
                               on="transcript", how="inner")
                  .join(groups.select(pl.col("id").alias("focus_group"),
                                      pl.col("study").alias("__study")), on="focus_group")
                  .join(studies, on="__study", how="inner"))
        for row in joined.filter(partial_date_before(pl.col("coded_on"), pl.col("__start"))) \
                .iter_rows(named=True):
            yield finding(ctx, "date-outside-study", tbl="coding", row=row[ROW], field="coded_on",
                          message=f"coded on {row['coded_on']}, before the study started "
                                  f"({row['__start']})",
                          hint="a coding cannot precede the study it belongs to")
    memos = table(ctx, "memo", "written_on")
    own = studies.filter(pl.col("__study") == (ctx.meta.study or ""))
    if memos is not None and own.height:
        start = own["__start"][0]
        for row in memos.filter(partial_date_before(pl.col("written_on"), pl.lit(start))) \
                .iter_rows(named=True):
            yield finding(ctx, "date-outside-study", tbl="memo", row=row[ROW], field="written_on",
                          message=f"written on {row['written_on']}, before the study started "
                                  f"({start})",
                          hint="a memo cannot precede the study it belongs to")


# -- aggregates --------------------------------------------------------------------------------

@rule("aggregate-mismatch")
def aggregates(ctx: PackageContext) -> Iterator[Finding]:
    """A focus group's participant figures agree with its participant rows, where both exist."""
    groups = table(ctx, "focus_group", "id", optional=GROUP_FIGURES)
    people = table(ctx, "participant", "id", optional=("gender", "age_years", "age_band"))
    links = table(ctx, "participant_focus_groups_attended", "participant", "focus_group")
    if groups is None or people is None or links is None:
        return
    for row, field, message, severity in aggregate_findings(groups, people, links):
        yield finding(ctx, "aggregate-mismatch", tbl="focus_group", row=row, field=field,
                      message=message, severity=severity,
                      hint="the focus group's figures and its participant rows must describe "
                           "the same people")


# -- hierarchies -------------------------------------------------------------------------------

@rule("hierarchy-cycle")
def hierarchy_cycle(ctx: PackageContext) -> Iterator[Finding]:
    """No theme or code is its own ancestor."""
    for tbl in ("theme", "code"):
        frame = table(ctx, tbl, "id", "parent")
        if frame is None:
            continue
        members = cycle_members(frame)
        if not members:
            continue
        on_cycle = frame.filter(pl.col("id").is_in(sorted(members)))
        parents = dict(zip(on_cycle["id"].to_list(), on_cycle["parent"].to_list()))
        for row in on_cycle.sort(ROW).iter_rows(named=True):
            yield finding(ctx, "hierarchy-cycle", tbl=tbl, row=row[ROW], field="parent",
                          message=f"{row['id']} is its own ancestor: "
                                  f"{describe_cycle(parents, row['id'])}",
                          hint="a hierarchy must be a tree: break the cycle by changing a parent")


# -- offsets -----------------------------------------------------------------------------------

def _collapse(expr: pl.Expr) -> pl.Expr:
    return expr.str.replace_all(r"\s+", " ").str.strip_chars()


@rule("offsets")
def offsets(ctx: PackageContext) -> Iterator[Finding]:
    """Spans are non-empty, inside their transcript's text, and a quote's span holds the quote.

    Transcript texts are long: joining them onto every quote would copy each text once per quote
    (gigabytes at a million quotes). Only each transcript's length is joined; the spans are cut
    from one Python string per transcript (code-point slicing, as the offsets count). Spans and
    quote texts are read in row batches; the findings come out kind by kind, as from one frame.
    """
    texts = _transcript_texts(ctx)
    full, lengths = (None, None) if texts is None else texts
    for tbl in ("quote", "coding"):
        empty: list[Finding] = []
        beyond: list[Finding] = []
        differs: list[Finding] = []
        for frame in batches(ctx, tbl, "start_offset", "end_offset", "transcript",
                             optional=("text",) if tbl == "quote" else ()):
            frame = frame.with_columns(integer("start_offset").alias("__s"),
                                       integer("end_offset").alias("__e"))
            for row in frame.filter(pl.col("__s") >= pl.col("__e")).iter_rows(named=True):
                empty.append(finding(ctx, "offsets", tbl=tbl, row=row[ROW], field="end_offset",
                                     message=f"the span {row['__s']}-{row['__e']} is empty or "
                                             "reversed",
                                     hint="start_offset is inclusive and must be below "
                                          "end_offset"))
            if full is None or lengths is None:
                continue
            keep = [ROW, "transcript", "__s", "__e"] + (["text"] if "text" in frame.columns else [])
            spans = (frame.select(keep).filter(pl.col("__s") < pl.col("__e"))
                     .join(lengths, on="transcript", how="inner", maintain_order="left"))
            for row in spans.filter(pl.col("__e") > pl.col("__len")).iter_rows(named=True):
                beyond.append(finding(ctx, "offsets", tbl=tbl, row=row[ROW], field="end_offset",
                                      message=f"the span ends at {row['__e']}, beyond the "
                                              f"transcript's {row['__len']} characters",
                                      hint="offsets count Unicode code points of the transcript "
                                           "text from 0"))
            if tbl == "quote" and "text" in spans.columns:
                inside = spans.filter((pl.col("__e") <= pl.col("__len"))
                                      & pl.col("text").is_not_null())
                differs.extend(_span_differs(ctx, tbl, inside, full))
        yield from empty
        yield from beyond
        yield from differs


def _transcript_texts(ctx: PackageContext) -> tuple[dict[str, str], pl.DataFrame] | None:
    """Transcript id -> its full text, and each transcript row's text length (rows without
    text left out), read in batches; None when the transcript table cannot be read or has no
    text column."""
    if not has_columns(ctx, "transcript", "id", "text"):
        return None
    full: dict[str, str] = {}
    lengths = []
    for batch in batches(ctx, "transcript", "id", "text"):
        batch = batch.drop_nulls("text")
        full.update(batch.select("id", "text").iter_rows())
        lengths.append(batch.select(pl.col("id").alias("transcript"),
                                    pl.col("text").str.len_chars().cast(pl.Int64).alias("__len")))
    schema = {"transcript": pl.String, "__len": pl.Int64}
    return full, pl.concat([pl.DataFrame(schema=schema), *lengths])


def _span_differs(ctx: PackageContext, tbl: str, inside: pl.DataFrame,
                  full: dict[str, str]) -> Iterator[Finding]:
    """Quotes whose text differs from the transcript text at their span (whitespace collapsed)."""
    cut = [full[t][s:e] for t, s, e in zip(inside.get_column("transcript").to_list(),
                                            inside.get_column("__s").to_list(),
                                            inside.get_column("__e").to_list())]
    inside = inside.with_columns(pl.Series("__span", cut, dtype=pl.String))
    differ = inside.filter(_collapse(pl.col("__span")) != _collapse(pl.col("text")))
    for row in differ.iter_rows(named=True):
        yield finding(ctx, "offsets", tbl=tbl, row=row[ROW], field="text",
                      severity=Severity.WARNING,
                      message=f"the transcript text at {row['__s']}-{row['__e']} differs "
                              "from the quote's text",
                      hint="offsets count code points; a tool counting UTF-16 units or CRLF "
                           "as two shifts spans")


# -- memos -------------------------------------------------------------------------------------

@rule("memo-about")
def memo_about(ctx: PackageContext) -> Iterator[Finding]:
    """A memo is about exactly one code, theme or quote."""
    about = ("about_code", "about_theme", "about_quote")
    memos = table(ctx, "memo", *about)
    if memos is None:
        return
    counted = memos.with_columns(
        pl.sum_horizontal([pl.col(c).is_not_null().cast(pl.Int32) for c in about]).alias("__n"))
    for row in counted.filter(pl.col("__n") != 1).iter_rows(named=True):
        what = "nothing" if row["__n"] == 0 else f"{row['__n']} records"
        yield finding(ctx, "memo-about", tbl="memo", row=row[ROW], field="about_code",
                      message=f"the memo is about {what}; it must be about exactly one code, "
                              "theme or quote",
                      hint="fill exactly one of about_code, about_theme and about_quote")


# The rules kept in modules of their own register themselves on import (after ``rule`` exists).
from upsides_data.validate import (  # noqa: E402,F401
    absence_rules, code_rules, count_rules, crossref, site_rules)
