"""Layer 4 rules across packages: references into other packages, and ids of studies sharing a site.

A codebook package refers to records of site packages (``finding_sites``, ``finding_quotes``,
``finding_evidence_references``, ``ethics_approval.site``, ...; the schema's foreign keys whose
target table belongs to the site package kind). The site package a reference points to is the one
whose site has the reference's scope (``upsides:ulm/quote-ulm-108`` -> the ``ulm`` package).
References are checked against the site packages validated together with the codebook; for a
scope whose package was not given, one warning names what went unchecked; a referenced table that
cannot be read is an error on the package that depends on it, so it is never reported VALID.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

import polars as pl

from upsides_data.findings import Finding, Severity
from upsides_data.package.descriptor import cross_package_keys, tables_of_kind
from upsides_data.resources import package_profile
from upsides_data.validate.context import PackageContext
from upsides_data.validate.frames import ROW, scope_expr, scope_of, table
from upsides_data.validate.rules import finding, rule

# Records a site shares across studies (its identity, shared facts, people): the same id in two
# studies' packages is the same record, not a collision.
SHARED_ACROSS_STUDIES = frozenset({"site", "income_classification", "analyst", "participant"})


def unreadable(ctx: PackageContext, tbl: str, field: str, other: PackageContext,
               target: str) -> Finding:
    """The finding for a reference that cannot be checked because its target table is broken."""
    return finding(ctx, "reference-unreadable", tbl=tbl, field=field,
                   message=f"{tbl}.{field} refers to {target} records of the package "
                           f"{other.name}, whose {target} table cannot be read, so these "
                           "references were not checked",
                   hint=f"fix {target}.csv of {other.name} first (validate it to see why), "
                        "then validate both again")


def target_ids(other: PackageContext, target: str) -> pl.DataFrame | None:
    """The ids of ``target`` in another package, or None when that table is unreadable."""
    frame = table(other, target, "id")
    return None if frame is None else frame.select(pl.col("id")).drop_nulls().unique()


def _site_peers(ctx: PackageContext) -> dict[str, list[PackageContext]]:
    peers: dict[str, list[PackageContext]] = defaultdict(list)
    for peer in ctx.peers:
        scope = scope_of(peer.meta.site) if peer.kind == "site" else None
        if scope:
            peers[scope].append(peer)
    return peers


@rule("site-references")
def site_references(ctx: PackageContext) -> Iterator[Finding]:
    """A codebook package's references into site packages resolve in the site packages given."""
    if ctx.kind != "codebook":
        return
    peers = _site_peers(ctx)
    unchecked: dict[str, int] = defaultdict(int)  # "table.field" -> references not checked
    missing_scopes: set[str] = set()
    for tbl in tables_of_kind("codebook"):
        for fk in cross_package_keys(tbl, "codebook"):
            field, target = fk["fields"][0], fk["reference"]["resource"]
            frame = table(ctx, tbl, field)
            if frame is None:
                continue
            used = frame.filter(pl.col(field).is_not_null()).with_columns(
                scope_expr(field).alias("__scope"))
            for (scope,), rows in sorted(used.group_by("__scope"),
                                         key=lambda item: str(item[0][0])):
                given = peers.get(str(scope), [])
                if not given:
                    unchecked[f"{tbl}.{field}"] += rows.height
                    missing_scopes.add(str(scope))
                    continue
                yield from _resolve(ctx, tbl, field, target, rows, given)
    if unchecked:
        yield _unchecked(ctx, unchecked, sorted(missing_scopes))


def _resolve(ctx: PackageContext, tbl: str, field: str, target: str, rows: pl.DataFrame,
             given: list[PackageContext]) -> Iterator[Finding]:
    """References of one scope against the site package(s) of that scope."""
    known = [target_ids(p, target) for p in given]
    broken = [p for p, ids in zip(given, known) if ids is None]
    if broken:
        yield unreadable(ctx, tbl, field, broken[0], target)
        return
    ids = pl.concat([k for k in known if k is not None]).unique()
    missing = rows.join(ids.rename({"id": field}), on=field, how="anti")
    for row in missing.sort(ROW).iter_rows(named=True):
        yield finding(ctx, "reference-missing", tbl=tbl, row=row[ROW], field=field,
                      message=f"{row[field]} is not a {target} of the site package "
                              f"{', '.join(p.name for p in given)}",
                      hint=f"use an id from {target}.csv of that site package, or correct the "
                           "reference")


def _unchecked(ctx: PackageContext, unchecked: dict[str, int], scopes: list[str]) -> Finding:
    """One warning per codebook package naming the site packages that were not given."""
    total = sum(unchecked.values())
    where = ", ".join(sorted(unchecked))
    return Finding(rule="reference-unchecked", severity=Severity.WARNING, package=ctx.name,
                   file="datapackage.json", field=where,
                   message=f"{total} references point to records of the site packages of "
                           f"{', '.join(scopes)}, which were not given, so they were not "
                           "checked",
                   hint="validate the codebook package together with the site packages it "
                        f"refers to, for example: upsides validate codebook {' '.join(scopes[:3])}")


@rule("focus-group-package")
def focus_group_package(ctx: PackageContext) -> Iterator[Finding]:
    """A codebook package holds only focus groups without a site; sited ones go to the site."""
    if ctx.kind != "codebook":
        return
    groups = table(ctx, "focus_group", "id", "site")
    if groups is None:
        return
    for row in groups.filter(pl.col("site").is_not_null()).iter_rows(named=True):
        yield finding(ctx, "focus-group-package", tbl="focus_group", row=row[ROW], field="site",
                      message=f"{row['id']} was held at {row['site']}, so it belongs in that "
                              "site's package",
                      hint="a codebook package holds only focus groups whose site is not "
                           "reported (site empty, site_absent_reason not-reported); move this "
                           "one to the site package, with an id such as upsides:ulm/fg-2")


@rule("id-collision")
def id_collision(ctx: PackageContext) -> Iterator[Finding]:
    """Two studies' packages of one site never use the same id for different records."""
    if ctx.kind != "site" or scope_of(ctx.meta.site) is None:
        return
    others = [p for p in _site_peers(ctx).get(scope_of(ctx.meta.site) or "", [])
              if p.meta.study != ctx.meta.study]
    if not others:
        return
    profile = package_profile()["tables"]
    for tbl in tables_of_kind("site"):
        if tbl in SHARED_ACROSS_STUDIES or "link" in profile[tbl]:
            continue
        mine = table(ctx, tbl, "id")
        if mine is None:
            continue
        for other in others:
            theirs = target_ids(other, tbl)
            if theirs is None:
                continue
            clash = mine.join(theirs, on="id", how="semi")
            for row in clash.sort(ROW).iter_rows(named=True):
                yield finding(ctx, "id-collision", tbl=tbl, row=row[ROW], field="id",
                              message=f"{row['id']} is also a {tbl} id in {other.name}, a "
                                      f"package of the same site for another study "
                                      f"({other.meta.study})",
                              hint=_prefix_hint(ctx))


def _prefix_hint(ctx: PackageContext) -> str:
    site = scope_of(ctx.meta.site) or "ad"
    study = scope_of(ctx.meta.study) or "mhw-followup"
    return (f"records a study makes at a shared site carry the study in their local part: "
            f"upsides:{site}/{study}-fg-1 for the first focus group of study {study} at "
            f"{site} (groups whose site is not reported live in the codebook package as "
            f"upsides:{study}/fg-1)")
