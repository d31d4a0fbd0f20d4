"""Packages of earlier standard versions, written as those releases wrote them.

``downgrade(package, "1.0.0")`` rewrites a package written by this library with the tables,
columns and embedded Table Schemas of the released 1.0.0 profile that ships with the library
(``upsides_data/profiles/1.0.0``), and names that version in its descriptor.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

PROFILES = Path(__import__("upsides_data").__file__).resolve().parent / "profiles"


def released_profile(version: str) -> dict[str, Any]:
    return json.loads((PROFILES / version / "package-profile.json").read_text(encoding="utf-8"))


def released_schema(version: str, table: str) -> dict[str, Any]:
    path = PROFILES / version / "tableschema" / f"{table}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def downgrade(package: Path, version: str) -> None:
    """Rewrite a package as a release of ``version`` wrote it: that release's tables, columns and
    embedded Table Schemas (foreign keys inside the package only), its version in the descriptor."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    kind = descriptor["upsides"]["kind"]
    tables = released_profile(version)["package_kinds"][kind]
    kept = []
    for res in descriptor["resources"]:
        if res["name"] not in tables:
            (package / res["path"]).unlink()
            continue
        schema = released_schema(version, res["name"])
        schema.pop("$comment", None)
        schema["foreignKeys"] = [fk for fk in schema.get("foreignKeys", [])
                                 if fk["reference"]["resource"] in tables]
        if not schema["foreignKeys"]:
            del schema["foreignKeys"]
        res["schema"] = schema
        _keep_columns(package / res["path"], [f["name"] for f in schema["fields"]])
        kept.append(res)
    descriptor["resources"] = kept
    descriptor["upsides"]["standard_version"] = version
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2, sort_keys=True),
                                              encoding="utf-8")


def _keep_columns(path: Path, columns: list[str]) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        dropped = {k: v for k, v in row.items() if k not in columns and v}
        # a 1.0.0 package has no `_absent_reason` columns: a fixture needing one is not 1.0.0
        assert not dropped, f"{path.name}: cannot write {sorted(dropped)} in an older version"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


