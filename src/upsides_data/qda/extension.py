"""The site's extension of the consortium codebook, and themes for quotes from codes.

When a site's project holds codes the consortium codebook lacks, they cannot go into a package
named like the consortium codebook (validation against the real one would fail and merge would
refuse two different packages of one name). They go into the site's extension codebook package:
named ``<codebook>-ext-<site>`` (its own name, so it never collides), holding the consortium
codebook's records unchanged plus the site's new codes and themes, whose ids carry the site
(``upsides:mhw-2019/ulm-code-1a2b3c4d5e6f``) so that two sites' extensions never collide either.
The site package codes with the extension; the centre adopts it with ``upsides codebook adopt``,
after which the same ids are in the consortium codebook's next version.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from upsides_data.package import PackageMeta
from upsides_data.qda.codebookmatch import Codebook

Tables = dict[str, list[dict[str, Any]]]
# The codebook tables a project can add to; each row's key (its id, or the whole link).
GROWING = {"code": ("id",), "theme": ("id",), "theme_codes": ("theme", "code")}


def extension_name(codebook_name: str, site_scope: str) -> str:
    return f"{codebook_name}-ext-{site_scope}"


def new_rows(codebook: Codebook, imported: Tables) -> Tables:
    """The rows of ``imported`` the consortium codebook does not hold (by key)."""
    added: Tables = {}
    for table, key in GROWING.items():
        held = {tuple(r.get(k) for k in key) for r in codebook.tables.get(table, [])}
        rows = []
        for row in imported.get(table, []):
            if tuple(row.get(k) for k in key) not in held:
                held.add(tuple(row.get(k) for k in key))
                rows.append(row)
        if rows:
            added[table] = rows
    return added


def extension_tables(codebook: Codebook, added: Tables) -> Tables:
    """The consortium codebook's tables plus the site's ``added`` rows."""
    tables = copy.deepcopy(codebook.tables)
    for table, rows in added.items():
        tables.setdefault(table, []).extend(rows)
    return tables


def extension_meta(meta: PackageMeta, site_scope: str) -> PackageMeta:
    """The consortium codebook's metadata under the extension's own name."""
    base = f"{meta.name} {meta.version}"
    return dataclasses.replace(
        meta, name=extension_name(meta.name, site_scope),
        title=f"{meta.title or meta.name}, extended by site {site_scope}",
        description=f"The codebook package {base} with the codes and themes site {site_scope} "
                    f"added while coding. Written by upsides import qdpx --codebook; adopt it "
                    f"with: upsides codebook adopt EXTENSION --into CODEBOOK -o NEW. "
                    f"Extends: {base}.")


def themes_from_codes(site: Tables, theme_codes: list[dict[str, Any]]) -> int:
    """Give each quote the themes its codes map to (``theme_codes``); how many links were added."""
    themes_of: dict[str, list[str]] = {}
    for row in theme_codes:
        themes_of.setdefault(row["code"], []).append(row["theme"])
    held = {(r["quote"], r["theme"]) for r in site.get("quote_themes", [])}
    added = 0
    for row in site.get("quote_codes", []):
        for theme in sorted(themes_of.get(row["code"], [])):
            if (row["quote"], theme) not in held:
                held.add((row["quote"], theme))
                site.setdefault("quote_themes", []).append({"quote": row["quote"], "theme": theme})
                added += 1
    return added


def with_consortium(consortium: Codebook, cb_meta: PackageMeta, site: Tables, imported: Tables,
                    *, site_scope: str, site_meta: PackageMeta, log: list[str]
                    ) -> tuple[PackageMeta, tuple[PackageMeta, Tables] | None]:
    """The site package's metadata and, when the site added codes, its extension package.

    Quotes get the themes of their codes from the consortium's ``theme_codes`` (and the links
    the site's own sets add).
    """
    added = new_rows(consortium, imported)
    tables = extension_tables(consortium, added) if added else consortium.tables
    linked = themes_from_codes(site, tables.get("theme_codes", []))
    if linked:
        log.append(f"{linked} quote-theme links added from the codebook's code-to-theme map "
                   "(theme_codes)")
    if not added:
        return dataclasses.replace(site_meta, codebook={"name": cb_meta.name,
                                                        "version": cb_meta.version}), None
    ext_meta = extension_meta(cb_meta, site_scope)
    log.append(f"{sum(len(r) for r in added.values())} new codebook rows (" +
               ", ".join(f"{len(r)} {t}" for t, r in sorted(added.items())) +
               f") go to the extension package {ext_meta.name} {ext_meta.version}")
    return (dataclasses.replace(site_meta, codebook={"name": ext_meta.name,
                                                     "version": ext_meta.version}),
            (ext_meta, tables))
