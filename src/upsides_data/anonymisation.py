"""Derive a public package from a restricted one (``upsides anonymise IN -o OUT``).

What changes, in this order (docs/disclosure.md explains why):

1. exact ages become age bands (``age_years`` emptied; an age below the first band has no band and
   is suppressed);
2. quasi-identifiers (site, role, gender, age band, profession) are generalised until every
   combination occurs at least k times, by a fixed sequence of steps, each applied only while some
   combination is rarer than k:
   a. professions held by fewer than k participants become ``other``;
   b. gender of the participants in rare combinations becomes ``not-disclosed``;
   c. their age band is emptied;
   d. their profession is emptied;
   e. last resort: participants still in a rare combination are left out of the package (site
      and role are required, so they cannot be emptied); their attendance rows go with them and
      references to them (a quote's speaker) are emptied;
3. values the model marks ``withheld`` are emptied (exact years of experience, a group's ages),
   gender counts below k are withheld, and so is every gender count of a row that would give
   back something suppressed (``disclosure_groups``), each with ``withheld-for-disclosure``;
4. quotes lose their speaker (their role stays);
5. PII in every scanned column and every string of the descriptor's metadata is masked, roster
   names (``names``) pseudonymised, identifiers holding PII replaced by neutral ones;
6. transcripts stay as records, but their full text is removed and their access level becomes
   ``public``;
7. the descriptor's access level becomes ``public`` and ``-public`` is appended to its name.

Every change is logged in the order made (table, record, field, action, new value; never an old
value that was removed for disclosure reasons) in ``OUT.log.json`` beside the output package, so that the
package itself holds only standard files. The input is never modified; the package and its log
are written through the output writer, together or not at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import polars as pl

from upsides_data import arguments
from upsides_data import disclosure_model as model
from upsides_data.anonymise_log import AnonymiseLog, Change, log_path, record_key
from upsides_data.anonymise_pii import (
    mask_metadata, mask_pii, pseudonymise_identifiers, site_region,
)
from upsides_data.bands import band_expr
from upsides_data.disclosure_groups import guarded_counts, leaking_rows
from upsides_data.errors import InvalidInputError, UnreadableInputError
from upsides_data.gateway import check_written, read_inputs
from upsides_data.output import check_target, write_together
from upsides_data.package.descriptor import tables_of_kind
from upsides_data.package.reader import open_package
from upsides_data.package.writer import write_package_files
from upsides_data.pii.names import read_roster
from upsides_data.pii.roster_scope import using_roster
from upsides_data.resources import package_profile, table_schema
from upsides_data.validate.public_gate import disclosure_report

__all__ = ["AnonymiseLog", "Change", "anonymise", "log_path"]

UNDISCLOSED_GENDER = "not-disclosed"
OTHER_PROFESSION = "other"
WITHHELD_REASON = "withheld-for-disclosure"


def anonymise(source: str | Path, out: str | Path | None = None, *, k: int = 3,
              force: bool = False, validate: bool = True, names: str | Path | None = None,
              l: int = 1, target: str | Path | None = None,
              overwrite: bool | None = None) -> AnonymiseLog:
    """Write a public version of the package at ``source`` to ``out``; return the log.

    The input is validated first (``InvalidInputError`` when it does not validate) and the
    public package before it is renamed into place, disclosure rules included (with this
    ``k``). ``validate=False`` skips both (a draft): its descriptor says
    ``upsides.validated: false``. ``names``: the site's roster of real names (one a line);
    every mention is pseudonymised. ``l``: l-diversity of the schema's sensitive attributes
    within each combination (1: none). ``force`` replaces an existing ``out`` and its log.
    ``target`` and ``overwrite`` are the old, deprecated names of ``out`` and ``force``.
    """
    source = arguments.path(source, function="anonymise", name="source")
    target = arguments.out(out, target, function="anonymise", old="target")
    overwrite = arguments.force(force, overwrite, function="anonymise")
    k = arguments.integer(k, function="anonymise", name="k", minimum=1)
    l = arguments.integer(l, function="anonymise", name="l", minimum=1)
    roster = read_roster(names) if names is not None else None
    inputs = [Path(source)]
    check_target(target, inputs=inputs, force=overwrite)
    check_target(log_path(target), inputs=inputs, force=overwrite, kind="file")
    package = read_inputs([source], validate=validate, purpose="anonymise").packages[0]
    meta = package.meta
    if meta.kind not in package_profile()["package_kinds"]:
        raise UnreadableInputError(f"{source}: unknown package kind {meta.kind!r}")
    tables: dict[str, pl.DataFrame] = {}
    for name in tables_of_kind(meta.kind):
        if package.has(name):
            tables[name] = package.text_frame(name)  # unreadable: a finding (gateway)
    public_name = meta.name if meta.name.endswith("-public") else f"{meta.name}-public"
    log = AnonymiseLog(source=meta.name, target=public_name, k=k)
    if "participant" in tables:
        _band_ages(tables, log)
        _k_anonymise(tables, k, log, l)
    for name in sorted(tables):
        tables[name] = _withhold_exact(name, tables[name], log)
        tables[name] = _withhold_small_counts(name, tables[name], k, log)
    _withhold_recoverable_counts(tables, log)
    if "quote" in tables:
        tables["quote"] = _unlink_speakers(tables["quote"], log)
    region = site_region(tables)
    pseudonymise_identifiers(tables, log, region=region, roster=roster)
    for name in sorted(tables):
        tables[name] = mask_pii(name, tables[name], log, region=region, roster=roster)
    mask_metadata(meta, log, region=region, roster=roster)
    if "transcript" in tables:
        tables["transcript"] = _strip_transcripts(tables["transcript"], log)
    meta.access_level = "public"
    meta.name = public_name
    def check(staged: Path) -> None:
        """The public package must pass validation (a draft: disclosure control at least),
        with the roster in force so that no name on it survives."""
        with using_roster(names):
            if validate:
                check_written(staged, k_anonymity=k, l_diversity=l)
                return
            report = disclosure_report([open_package(staged)], k_anonymity=k)
            if not report.valid:
                raise InvalidInputError("the public package written would break disclosure "
                                        "rules", report)

    _write(target, meta, tables, log, inputs=inputs, overwrite=overwrite, check=check)
    return log


# -- ages ----------------------------------------------------------------------------------------

def _band_ages(tables: dict[str, pl.DataFrame], log: AnonymiseLog) -> None:
    """A withheld exact value gives way to its public form, which the schema names
    (``generalised_to``: ``age_years`` -> ``age_band``, the ``AgeBand`` enum's bands)."""
    people = tables["participant"]
    for exact, band in model.generalised_to("participant").items():
        if exact in people.columns and band in people.columns:
            people = _banded(people, exact, band, log)
    tables["participant"] = people


def _banded(people: pl.DataFrame, exact: str, band: str, log: AnonymiseLog) -> pl.DataFrame:
    ages = pl.col(exact).str.strip_chars().cast(pl.Int64, strict=False)
    people = people.with_columns(band_expr(ages).alias("__band"),
                                 pl.col(exact).is_not_null().alias("__aged"))
    for row in people.filter("__aged").select("id", "__band").iter_rows(named=True):
        log.add(Change("participant", row["id"], exact, "age-removed",
                       detail="exact age removed"))
        log.add(Change("participant", row["id"], band,
                       "age-banded" if row["__band"] else "age-suppressed", row["__band"],
                       detail=None if row["__band"] else "the age is below the first band"))
    return people.with_columns(
        pl.when(pl.col("__aged")).then(pl.col("__band")).otherwise(pl.col(band)).alias(band),
        pl.lit(None, dtype=pl.String).alias(exact)).drop("__band", "__aged")


# -- k-anonymity ---------------------------------------------------------------------------------

def _rare(people: pl.DataFrame, qis: list[str], k: int, l: int = 1) -> pl.Expr:
    """Rows in a combination shared by fewer than k rows, or (l-diversity) whose sensitive
    attributes take fewer than l distinct values in it (an empty value counts as one)."""
    rare = pl.len().over(qis) < k
    for column in [c for c in model.sensitive_attributes() if c in people.columns] if l > 1 else []:
        rare = rare | (pl.col(column).n_unique().over(qis) < l)
    return rare


def _set_where(people: pl.DataFrame, mask: pl.Expr, column: str, value: str | None,
               action: str, log: AnonymiseLog) -> pl.DataFrame:
    """Set ``column`` to ``value`` where ``mask`` holds and the value differs; log each change."""
    new = pl.lit(value, dtype=pl.String)
    marked = people.with_columns((mask & pl.col(column).ne_missing(new)).alias("__hit"))
    for record in marked.filter("__hit")["id"].to_list():
        log.add(Change("participant", record, column, action, value))
    return marked.with_columns(
        pl.when(pl.col("__hit")).then(new).otherwise(pl.col(column)).alias(column)).drop("__hit")


def _k_anonymise(tables: dict[str, pl.DataFrame], k: int, log: AnonymiseLog,
                 l: int = 1) -> None:
    people = tables["participant"]
    withheld = model.public_rules("participant")
    qis = [c for c in model.quasi_identifiers() if c in people.columns and c not in withheld]
    if not qis or people.is_empty():
        return

    def violated(frame: pl.DataFrame) -> bool:
        return bool(frame.select(_rare(frame, qis, k, l).any()).item())

    if "profession" in qis and violated(people):
        rare_profession = (pl.len().over("profession") < k) & pl.col("profession").is_not_null()
        people = _set_where(people, rare_profession, "profession", OTHER_PROFESSION,
                            "profession-merged", log)
    steps = [("gender", UNDISCLOSED_GENDER, "gender-suppressed"),
             ("age_band", None, "age-band-suppressed"),
             ("profession", None, "profession-suppressed")]
    for column, value, action in steps:
        if column in qis and violated(people):
            people = _set_where(people, _rare(people, qis, k, l), column, value, action, log)
    if violated(people):
        dropped = people.filter(_rare(people, qis, k, l))["id"].to_list()
        people = people.filter(~_rare(people, qis, k, l))
        _drop_participants(tables, sorted(dropped), log)
    tables["participant"] = people


def _drop_participants(tables: dict[str, pl.DataFrame], dropped: list[str],
                       log: AnonymiseLog) -> None:
    """Leave participants out; remove their link rows and empty references to them (by schema)."""
    for record in dropped:
        log.add(Change("participant", record, "id", "participant-withheld",
                       detail="no generalisation reaches k for this participant"))
    links = {name for name, info in package_profile()["tables"].items() if "link" in info}
    for name, frame in list(tables.items()):
        for fk in table_schema(name).get("foreignKeys", []):
            if fk["reference"]["resource"] != "participant":
                continue
            column = fk["fields"][0]
            hit = pl.col(column).is_in(dropped).fill_null(False)
            if name in links:  # a link row only says something about the withheld participant
                frame = frame.filter(~hit)
                continue
            for record in frame.filter(hit)["id"].to_list():
                log.add(Change(name, record, column, "reference-emptied",
                               detail="the participant was withheld"))
            frame = frame.with_columns(
                pl.when(hit).then(None).otherwise(pl.col(column)).alias(column))
        tables[name] = frame


# -- exact values, small counts, speakers ----------------------------------------------------------

def _empty_with_reason(name: str, frame: pl.DataFrame, hit: pl.Expr, column: str, action: str,
                       log: AnonymiseLog) -> pl.DataFrame:
    """Empty ``column`` where ``hit`` holds, and say why in its companion column if it has one."""
    reason = model.absent_reason_column(name, column)
    marked = frame.with_columns((hit & pl.col(column).is_not_null()).fill_null(False).alias("__hit"))
    for row in marked.filter("__hit").iter_rows(named=True):
        log.add(Change(name, record_key(name, row), column, action,
                       WITHHELD_REASON if reason in frame.columns else None,
                       detail="value withheld for disclosure"))
    updates = [pl.when(pl.col("__hit")).then(None).otherwise(pl.col(column)).alias(column)]
    if reason in frame.columns:
        updates.append(pl.when(pl.col("__hit")).then(pl.lit(WITHHELD_REASON))
                       .otherwise(pl.col(reason)).alias(reason))
    return marked.with_columns(updates).drop("__hit")


def _withhold_exact(name: str, frame: pl.DataFrame, log: AnonymiseLog) -> pl.DataFrame:
    """Columns the model marks ``withheld`` (exact ages, years of experience) are emptied."""
    for column, rule in model.public_rules(name).items():
        if rule == model.WITHHELD and column in frame.columns:
            frame = _empty_with_reason(name, frame, pl.lit(True), column, "value-withheld", log)
    return frame


def _withhold_small_counts(name: str, frame: pl.DataFrame, k: int,
                           log: AnonymiseLog) -> pl.DataFrame:
    """Counts the model marks ``at-least-k`` between 1 and k-1 are emptied, with the reason."""
    for column, rule in model.public_rules(name).items():
        if rule == model.AT_LEAST_K and column in frame.columns:
            small = pl.col(column).str.strip_chars().cast(pl.Int64, strict=False).is_between(1, k - 1)
            frame = _empty_with_reason(name, frame, small, column, "count-withheld", log)
    return frame


def _withhold_recoverable_counts(tables: dict[str, pl.DataFrame], log: AnonymiseLog) -> None:
    """A row whose counts would give back something suppressed (a gender set to
    ``not-disclosed``, a withheld participant's gender, a small count withheld beside its total
    and siblings) publishes none of them (``disclosure_groups`` says which rows)."""
    for name in sorted(tables):
        leaking = leaking_rows(tables, name)
        if not leaking:
            continue
        hit = pl.col("id").is_in(sorted(leaking))
        for column in [c for c in guarded_counts(name) if c in tables[name].columns]:
            tables[name] = _empty_with_reason(name, tables[name], hit, column,
                                              "count-withheld", log)


def _unlink_speakers(quotes: pl.DataFrame, log: AnonymiseLog) -> pl.DataFrame:
    """Quotes lose their speaker link (their role stays): one person's quotes add up."""
    if "speaker" not in quotes.columns:
        return quotes
    for record in quotes.filter(pl.col("speaker").is_not_null())["id"].to_list():
        log.add(Change("quote", record, "speaker", "speaker-unlinked",
                       detail="the quote keeps speaker_role"))
    return quotes.with_columns(pl.lit(None, dtype=pl.String).alias("speaker"))


# -- PII and transcripts -------------------------------------------------------------------------

def _strip_transcripts(frame: pl.DataFrame, log: AnonymiseLog) -> pl.DataFrame:
    if "text" in frame.columns:
        for row in frame.filter(pl.col("text").is_not_null()).iter_rows(named=True):
            log.add(Change("transcript", row["id"], "text", "transcript-text-removed",
                           detail=f"{len(row['text'])} characters removed"))
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("text"))
    if "access_level" in frame.columns:
        for record in frame.filter(pl.col("access_level").ne_missing("public"))["id"].to_list():
            log.add(Change("transcript", record, "access_level", "access-level-public", "public"))
        frame = frame.with_columns(pl.lit("public").alias("access_level"))
    return frame


# -- output --------------------------------------------------------------------------------------

def _write(target: Path, meta: Any, tables: dict[str, pl.DataFrame], log: AnonymiseLog, *,
           inputs: list[Path], overwrite: bool, check: Callable[[Path], Any] | None) -> None:
    """Write the package and its log through ``output.write_together``: both or neither; the
    package is checked (``check``) before either is renamed into place."""
    destination = log_path(target)
    with write_together([target, destination], inputs=inputs, force=overwrite,
                        kinds=["directory", "file"], checks=[check, None]) as (staging, log_staging):
        write_package_files(staging, meta, tables)
        with open(log_staging, "w", encoding="utf-8", newline="\n") as out:
            out.write(json.dumps(log.to_dict(), indent=2, sort_keys=True, ensure_ascii=False))
            out.write("\n")
