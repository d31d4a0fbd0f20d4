"""What ``anonymise`` does to text: PII masked, roster names pseudonymised, identifiers holding
PII replaced by neutral ones, in every column the disclosure model scans and in every string of
the descriptor's metadata (the same columns and strings the validator scans, so that what
anonymise writes the validator accepts).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import polars as pl

from upsides_data import disclosure_model as model
from upsides_data.anonymise_log import AnonymiseLog, Change, record_key
from upsides_data.pii import candidate_expr, find_pii, redact
from upsides_data.pii.names import Roster
from upsides_data.validate.disclosure import free_text_columns


def site_region(tables: dict[str, pl.DataFrame]) -> str | None:
    sites = tables.get("site")
    if sites is None or "country" not in sites.columns:
        return None
    countries = sorted({c for c in sites["country"].to_list() if c})
    return countries[0] if len(countries) == 1 else None


def pseudonymise_identifiers(tables: dict[str, pl.DataFrame], log: AnonymiseLog, *,
                              region: str | None, roster: Roster | None) -> None:
    """An identifier holding PII (``upsides:ulm/juergen-mueller``) gets a neutral one
    (``upsides:ulm/redacted-1``) in every table and column that holds it, so references stay
    intact; masking inside the identifier would break them."""
    def identifier_columns(name: str, frame: pl.DataFrame) -> list[str]:
        return [c for c in model.columns_of(name, model.IDENTIFIER, model.DIRECT)
                if c in frame.columns]

    leaking: set[str] = set()
    for name, frame in tables.items():
        for column in identifier_columns(name, frame):
            values = frame.filter(candidate_expr(column, roster))[column].unique().to_list()
            leaking.update(v for v in values
                           if v is not None and find_pii(v, region=region, roster=roster))
    if not leaking:
        return
    mapping = {old: f"{old.split('/', 1)[0]}/redacted-{n}"
               for n, old in enumerate(sorted(leaking), start=1)}
    # earlier log entries name records by their old identifiers: the log must not keep them
    log.changes = [replace(c, record=" ".join(mapping.get(part, part)
                                              for part in c.record.split(" ")))
                   for c in log.changes]
    for name in sorted(tables):
        frame = tables[name]
        for column in identifier_columns(name, frame):
            hit = pl.col(column).is_in(list(mapping))
            frame = frame.with_columns(hit.fill_null(False).alias("__hit"),
                                       pl.col(column).replace(mapping).alias(column))
            for row in frame.filter("__hit").iter_rows(named=True):
                log.add(Change(name, record_key(name, row), column,
                               "identifier-pseudonymised", row[column],
                               detail="the identifier held personal information"))
            frame = frame.drop("__hit")
        tables[name] = frame


METADATA = ("title", "description", "contributors", "sources", "licenses", "keywords", "extra")


def mask_metadata(meta: Any, log: AnonymiseLog, *, region: str | None,
                   roster: Roster | None) -> None:
    """Every string of the descriptor's metadata (title, description, contributors, sources,
    keywords, the ``upsides`` extras such as ``merged_from``) is masked like free text: the
    validator scans them all. The package's name and its site, study and codebook references
    are identifiers of the standard and stay."""
    for key in METADATA:
        shown = "upsides" if key == "extra" else key
        setattr(meta, key, _mask_value(getattr(meta, key), shown, meta.name, log,
                                       region=region, roster=roster))


def _mask_value(value: Any, where: str, record: str, log: AnonymiseLog, *,
                region: str | None, roster: Roster | None) -> Any:
    if isinstance(value, str):
        new, matches = redact(value, region=region, roster=roster)
        log.add(*(Change("datapackage.json", record, where,
                         "name-pseudonymised" if m.kind == "name" else f"{m.kind}-masked",
                         detail=f"characters {m.start}-{m.end}: {m.masked}") for m in matches))
        return new if matches else value
    if isinstance(value, dict):
        return {k: _mask_value(v, f"{where}.{k}", record, log, region=region, roster=roster)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_value(v, f"{where}[{i}]", record, log, region=region, roster=roster)
                for i, v in enumerate(value)]
    return value


def mask_pii(name: str, frame: pl.DataFrame, log: AnonymiseLog, *, region: str | None,
              roster: Roster | None) -> pl.DataFrame:
    for column in [c for c in free_text_columns(name) if c in frame.columns]:
        hits = frame.with_row_index("__i").filter(candidate_expr(column, roster))
        if hits.is_empty():
            continue
        replacements: dict[int, str | None] = {}
        for row in hits.iter_rows(named=True):
            new, matches = redact(row[column], region=region, roster=roster)
            if not matches:
                continue
            replacements[row["__i"]] = new
            for match in matches:
                action = "name-pseudonymised" if match.kind == "name" else f"{match.kind}-masked"
                log.add(Change(name, record_key(name, row), column, action,
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
