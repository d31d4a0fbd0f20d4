"""Further studies for tests, made from the example corpus by code (ids and figures changed, marked
as test copies in their descriptors): the corpus of study A holds one study, and reports and RDF
must be tested on several.

``copy_as_study(folders, dest, scope)`` copies packages of study ``mhw-2019`` as packages of the
study ``scope``: every ``mhw-2019`` (study, codebook and package names) becomes ``scope``, and every
site-scoped record id except the site's own (``upsides:ad/site``) gets the prefix ``scope-``, so
the copies never collide with the originals (two studies at one site, as the standard asks).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Callable

from package_factory import read_rows

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "upsides-mhw-2019"
SITE_SCOPES = "ulm|uke|bu|ds|bgu|ad"


def example_packages(*names: str) -> list[Path]:
    """The example packages of study A by folder name, in the order named (all seven, sorted,
    when none is named)."""
    found = sorted(p.parent for p in EXAMPLE.glob("*/datapackage.json"))
    assert len(found) == 7, found
    by_name = {p.name: p for p in found}
    return [by_name[name] for name in names] if names else found


def copy_as_study(folders: list[Path], dest: Path, scope: str) -> list[Path]:
    site_ids = re.compile(rf"upsides:({SITE_SCOPES})/(?!site\b)")
    copies = []
    for folder in folders:
        target = dest / f"{scope}-{folder.name}"
        shutil.copytree(folder, target)
        for path in sorted(target.glob("*.csv")):
            text = path.read_text(encoding="utf-8").replace("mhw-2019", scope)
            path.write_text(site_ids.sub(rf"upsides:\1/{scope}-", text), encoding="utf-8")
        descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
        descriptor["name"] = descriptor["name"].replace("mhw-2019", scope)
        descriptor["title"] = f"Test copy of {folder.name} as study {scope}"
        meta = descriptor["upsides"]
        meta["study"] = meta["study"].replace("mhw-2019", scope)
        if meta.get("codebook"):
            meta["codebook"]["name"] = meta["codebook"]["name"].replace("mhw-2019", scope)
        (target / "datapackage.json").write_text(json.dumps(descriptor, indent=2, sort_keys=True),
                                                 encoding="utf-8")
        copies.append(target)
    _drop_references_to_sites_not_copied(copies, {f.name for f in folders} - {"codebook"})
    return copies


def _drop_references_to_sites_not_copied(copies: list[Path], sites: set[str]) -> None:
    """A copied codebook's findings cite quotes and evidence of every site of study A; only the
    copied sites' records exist in the new study, so citations of the others are left out (the
    validator checks every cross-package reference)."""
    cited = {"finding_quotes": "quote", "finding_evidence_references": "evidence_reference"}
    for target in copies:
        for table, column in cited.items():
            if not (target / f"{table}.csv").is_file():
                continue
            rows = read_rows(target, table)
            header, body = rows[0], rows[1:]
            at = header.index(column)
            kept = [r for r in body if r[at].removeprefix("upsides:").split("/", 1)[0] in sites]
            _write_rows(target, table, [header, *kept])


def edit_rows(pkg: Path, table: str, edit: Callable[[dict[str, str]], None]) -> None:
    """Apply ``edit`` to every row (as a dict of text cells) of ``pkg/table.csv``."""
    rows = read_rows(pkg, table)
    header, body = rows[0], rows[1:]
    edited = []
    for values in body:
        row = dict(zip(header, values))
        edit(row)
        edited.append([row[c] for c in header])
    _write_rows(pkg, table, [header, *edited])


def _write_rows(pkg: Path, table: str, rows: list[list[str]]) -> None:
    """Write ``pkg/table.csv`` from text rows, header first (LF line ends, as packages are)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (pkg / f"{table}.csv").write_text(out.getvalue(), encoding="utf-8")
