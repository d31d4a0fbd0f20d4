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
3. email addresses, phone numbers and personal URLs in every free-text column are replaced by
   ``[email removed]``, ``[phone removed]`` or ``[url removed]``;
4. transcripts stay as records, but their full text is removed and their access level becomes
   ``public``;
5. the descriptor's access level becomes ``public`` and ``-public`` is appended to its name.

Every change is logged in the order made (table, record, field, action, new value; never an old
value that was removed for disclosure reasons) in ``OUT.log.json`` beside the output package, so that the
package itself holds only standard files. The input is never modified; the package and its log
are written through the output writer, together or not at all.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

import polars as pl

from upsides_data.bands import band_expr
from upsides_data.errors import UnreadableInputError, UsageError
from upsides_data.gateway import check_written, read_inputs
from upsides_data.output import check_target, write_together
from upsides_data.package.writer import write_package_files
from upsides_data.package.descriptor import tables_of_kind
from upsides_data.pii import candidate_expr, redact
from upsides_data.resources import package_profile, table_schema
from upsides_data.validate.disclosure import QUASI_IDENTIFIERS, free_text_columns

UNDISCLOSED_GENDER = "not-disclosed"
OTHER_PROFESSION = "other"


@dataclass(frozen=True, order=True)
class Change:
    """One change made to the data; ``value`` is the new value (None: emptied or removed)."""

    table: str
    record: str
    field: str
    action: str
    value: str | None = None
    detail: str | None = None


@dataclass
class AnonymiseLog:
    """Everything ``anonymise`` changed, to be reviewed by the site's data steward."""

    source: str
    target: str
    k: int
    changes: list[Change] = field(default_factory=list)

    def add(self, *changes: Change) -> None:
        self.changes.extend(changes)

    def summary(self) -> dict[str, int]:
        return dict(sorted(Counter(c.action for c in self.changes).items()))

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "k": self.k,
                "summary": self.summary(),
                "changes": [asdict(c) for c in self.changes]}  # in the order made


def log_path(target: str | Path) -> Path:
    """Where the log of an output package goes: ``OUT.log.json`` beside it."""
    target = Path(target)
    return target.with_name(target.name + ".log.json")


def anonymise(source: str | Path, target: str | Path, *, k: int = 3,
              overwrite: bool = False, validate: bool = True) -> AnonymiseLog:
    """Write a public version of the package at ``source`` to ``target``; return the log.

    The input is validated first (``InvalidInputError`` when it does not validate) and the
    public package before it is renamed into place, disclosure rules included (with this
    ``k``). ``validate=False`` skips both (a draft): its descriptor says
    ``upsides.validated: false``.
    """
    if k < 1:
        raise UsageError(f"k must be at least 1 (got {k})")
    target = Path(target)
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
        _k_anonymise(tables, k, log)
    for name in sorted(tables):
        tables[name] = _mask_pii(name, tables[name], log)
    if "transcript" in tables:
        tables["transcript"] = _strip_transcripts(tables["transcript"], log)
    meta.access_level = "public"
    meta.name = public_name
    check = (lambda staged: check_written(staged, k_anonymity=k)) if validate else None
    _write(target, meta, tables, log, inputs=inputs, overwrite=overwrite, check=check)
    return log


# -- ages ----------------------------------------------------------------------------------------

def _band_ages(tables: dict[str, pl.DataFrame], log: AnonymiseLog) -> None:
    people = tables["participant"]
    if "age_years" not in people.columns:
        return
    ages = pl.col("age_years").str.strip_chars().cast(pl.Int64, strict=False)
    people = people.with_columns(band_expr(ages).alias("__band"),
                                 pl.col("age_years").is_not_null().alias("__aged"))
    for row in people.filter("__aged").select("id", "__band").iter_rows(named=True):
        log.add(Change("participant", row["id"], "age_years", "age-removed",
                       detail="exact age removed"))
        log.add(Change("participant", row["id"], "age_band",
                       "age-banded" if row["__band"] else "age-suppressed", row["__band"],
                       detail=None if row["__band"] else "the age is below the first band"))
    tables["participant"] = people.with_columns(
        pl.when(pl.col("__aged")).then(pl.col("__band")).otherwise(pl.col("age_band"))
        .alias("age_band"),
        pl.lit(None, dtype=pl.String).alias("age_years")).drop("__band", "__aged")


# -- k-anonymity ---------------------------------------------------------------------------------

def _rare(people: pl.DataFrame, qis: list[str], k: int) -> pl.Expr:
    return pl.len().over(qis) < k


def _set_where(people: pl.DataFrame, mask: pl.Expr, column: str, value: str | None,
               action: str, log: AnonymiseLog) -> pl.DataFrame:
    """Set ``column`` to ``value`` where ``mask`` holds and the value differs; log each change."""
    new = pl.lit(value, dtype=pl.String)
    marked = people.with_columns((mask & pl.col(column).ne_missing(new)).alias("__hit"))
    for record in marked.filter("__hit")["id"].to_list():
        log.add(Change("participant", record, column, action, value))
    return marked.with_columns(
        pl.when(pl.col("__hit")).then(new).otherwise(pl.col(column)).alias(column)).drop("__hit")


def _k_anonymise(tables: dict[str, pl.DataFrame], k: int, log: AnonymiseLog) -> None:
    people = tables["participant"]
    qis = [c for c in QUASI_IDENTIFIERS if c in people.columns]
    if not qis or people.is_empty():
        return

    def violated(frame: pl.DataFrame) -> bool:
        return bool(frame.select(_rare(frame, qis, k).any()).item())

    if "profession" in qis and violated(people):
        rare_profession = (pl.len().over("profession") < k) & pl.col("profession").is_not_null()
        people = _set_where(people, rare_profession, "profession", OTHER_PROFESSION,
                            "profession-merged", log)
    steps = [("gender", UNDISCLOSED_GENDER, "gender-suppressed"),
             ("age_band", None, "age-band-suppressed"),
             ("profession", None, "profession-suppressed")]
    for column, value, action in steps:
        if column in qis and violated(people):
            people = _set_where(people, _rare(people, qis, k), column, value, action, log)
    if violated(people):
        dropped = people.filter(_rare(people, qis, k))["id"].to_list()
        people = people.filter(~_rare(people, qis, k))
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


# -- PII and transcripts -------------------------------------------------------------------------

def _record_key(name: str, row: dict[str, Any]) -> str:
    if "id" in row and row["id"] is not None:
        return str(row["id"])
    key = table_schema(name).get("primaryKey", [])
    return " ".join(str(row.get(c)) for c in key)


def _mask_pii(name: str, frame: pl.DataFrame, log: AnonymiseLog) -> pl.DataFrame:
    for column in [c for c in free_text_columns(name) if c in frame.columns]:
        hits = frame.with_row_index("__i").filter(candidate_expr(column))
        if hits.is_empty():
            continue
        replacements: dict[int, str | None] = {}
        for row in hits.iter_rows(named=True):
            new, matches = redact(row[column])
            if not matches:
                continue
            replacements[row["__i"]] = new
            for match in matches:
                log.add(Change(name, _record_key(name, row), column, f"{match.kind}-masked",
                               detail=f"characters {match.start}-{match.end}: {match.masked}"))
        if replacements:
            index = pl.Series("__i", list(replacements), dtype=pl.UInt32)
            values = pl.Series("__new", list(replacements.values()), dtype=pl.String)
            patch = pl.DataFrame([index, values])
            frame = (frame.with_row_index("__i").join(patch, on="__i", how="left")
                     .with_columns(pl.when(pl.col("__i").is_in(index)).then(pl.col("__new"))
                                   .otherwise(pl.col(column)).alias(column))
                     .sort("__i").drop("__i", "__new"))
    return frame


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
