"""Regenerate the committed broken-package fixtures in tests/data/{invalid,valid}/packages/.

Each fixture is an overlay on the valid synthetic site package of ``package_factory``: the files
that differ (byte for byte) plus ``expect.json`` naming the one rule code the validator must
report. Run from the repository root::

    .venv/bin/python tests/make_package_fixtures.py

The hand-made byte-level cases (encoding, BOM/CRLF, empty file, bad paths, invalid JSON) are not
produced here and are left as they are. Review the diff before committing.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from package_factory import _write_rows, make_site_package, read_rows  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"


def _cell(pkg: Path, table: str, row: int, field: str, value: str) -> None:
    rows = read_rows(pkg, table)
    rows[row - 1][rows[0].index(field)] = value
    _write_rows(pkg, table, rows)


def _header(pkg: Path, table: str, fn: Callable[[list[list[str]]], None]) -> None:
    rows = read_rows(pkg, table)
    fn(rows)
    _write_rows(pkg, table, rows)


def _descriptor(pkg: Path, fn: Callable[[dict[str, Any]], None]) -> None:
    path = pkg / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    fn(data)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _resource(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in data["resources"] if r["name"] == name)


def _drop_column(rows: list[list[str]], name: str) -> None:
    i = rows[0].index(name)
    for row in rows:
        del row[i]


def _add_column(rows: list[list[str]]) -> None:
    rows[0].append("site_comment")
    for row in rows[1:]:
        row.append("x")


def _rename(rows: list[list[str]], old: str, new: str) -> None:
    rows[0][rows[0].index(old)] = new


def _duplicate_first(rows: list[list[str]]) -> None:
    rows.append(list(rows[1]))


def _extra_cell(rows: list[list[str]]) -> None:
    rows[1].append("surplus")


def _unique_combination(pkg: Path) -> None:
    rows = read_rows(pkg, "participant")
    col = rows[0].index("profession")
    rows[1][col] = "social-worker"
    _write_rows(pkg, "participant", rows)


CASES: dict[str, tuple[str, dict[str, Any], Callable[[Path], None]]] = {
    # name: (rule, extra expect keys, change)
    "column-missing": ("column-missing", {"file": "quote.csv"},
                       lambda p: _header(p, "quote", lambda r: _drop_column(r, "notes"))),
    "column-extra": ("column-extra", {"file": "quote.csv"},
                     lambda p: _header(p, "quote", _add_column)),
    "column-renamed": ("column-renamed", {"file": "quote.csv"},
                       lambda p: _header(p, "quote", lambda r: _rename(r, "notes", "remarks"))),
    "cell-extra": ("cell-extra", {"file": "quote.csv", "row": 2},
                   lambda p: _header(p, "quote", _extra_cell)),
    "primary-key": ("primary-key", {"file": "analyst.csv", "row": 4},
                    lambda p: _header(p, "analyst", _duplicate_first)),
    "foreign-key": ("foreign-key", {"file": "quote.csv", "row": 2},
                    lambda p: _cell(p, "quote", 2, "transcript", "upsides:ulm/no-such-transcript")),
    "constraint-enum": ("constraint-enum", {"file": "focus_group.csv", "row": 2},
                        lambda p: _cell(p, "focus_group", 2, "population", "nurses")),
    "constraint-pattern-date": ("constraint-pattern", {"file": "focus_group.csv", "row": 2},
                                lambda p: _cell(p, "focus_group", 2, "held_on", "14/11/2019")),
    "constraint-pattern-id": ("constraint-pattern", {"file": "analyst.csv", "row": 2},
                              lambda p: _cell(p, "analyst", 2, "pseudonym", "  ")),
    "constraint-minimum": ("constraint-minimum", {"file": "focus_group.csv", "row": 2},
                           lambda p: _cell(p, "focus_group", 2, "duration_minutes", "-5")),
    "constraint-required": ("constraint-required", {"file": "quote.csv", "row": 2},
                            lambda p: _cell(p, "quote", 2, "text", "")),
    "type-error": ("type-error", {"file": "focus_group.csv", "row": 2},
                   lambda p: _cell(p, "focus_group", 2, "duration_minutes", "ninety")),
    "label-site": ("label-site", {"file": "quote.csv", "row": 2},
                   lambda p: (_cell(p, "quote", 2, "label", "BGU 12"),
                              _cell(p, "quote", 2, "label_site", "BGU"))),
    "codebook-missing-theme": ("codebook-missing-theme", {"file": "quote_themes.csv"},
                               lambda p: _cell(p, "quote_themes", 2, "theme",
                                               "upsides:mhw-2019/theme-not-in-codebook")),
    "disclosure-exact-age": ("disclosure-exact-age", {"file": "participant.csv", "row": 2},
                             lambda p: _cell(p, "participant", 2, "age_years", "41")),
    "disclosure-pii-email": ("disclosure-pii", {"file": "quote.csv", "row": 2},
                             lambda p: _cell(p, "quote", 2, "notes",
                                             "ask the speaker at someone@example.org")),
    "disclosure-k-anonymity": ("disclosure-k-anonymity", {"file": "participant.csv"},
                               _unique_combination),
    "id-scope": ("id-scope", {"file": "memo.csv", "row": 2},
                 lambda p: _cell(p, "memo", 2, "id", "upsides:uke/m-borrowed")),
    "date-outside-study": ("date-outside-study", {"file": "focus_group.csv", "row": 2},
                           lambda p: _cell(p, "focus_group", 2, "held_on", "2018-03")),
    "standard-version": ("standard-version", {},
                         lambda p: _descriptor(p, lambda d: d["upsides"].update(
                             standard_version="2.0.0"))),
    "upsides-property": ("upsides-property", {},
                         lambda p: _descriptor(p, lambda d: d.pop("upsides"))),
    "schema-mismatch": ("schema-mismatch", {"file": "datapackage.json"},
                        lambda p: _descriptor(p, lambda d: _resource(d, "quote")["schema"][
                            "fields"][2].update(type="integer"))),
    "resource-unknown": ("resource-unknown", {},
                         lambda p: (_descriptor(p, lambda d: d["resources"].append(
                             {"name": "notes", "path": "notes.csv", "profile":
                              "tabular-data-resource"})),
                             (p / "notes.csv").write_text("a\n1\n", encoding="utf-8"))),
    "resource-missing": ("resource-missing", {},
                         lambda p: _descriptor(p, lambda d: d.__setitem__("resources", [
                             r for r in d["resources"] if r["name"] != "memo"]))),
    "file-missing": ("file-missing", {"delete": ["memo.csv"]}, lambda p: None),
    # Standard 1.1.0: absent values and counts (the study-level rules need the codebook package
    # validated with the site package: tests/test_consistency_rules.py).
    "value-or-reason": ("value-or-reason", {"file": "income_classification.csv", "row": 2},
                        lambda p: _cell(p, "income_classification", 2, "fiscal_year", "")),
    "value-and-reason": ("value-and-reason", {"file": "focus_group.csv", "row": 2},
                         lambda p: _cell(p, "focus_group", 2, "held_on_absent_reason",
                                         "not-reported")),
    "gender-sum": ("gender-sum", {"file": "site_participation.csv", "row": 2},
                   lambda p: (_cell(p, "site_participation", 2, "participant_count", "5"),
                              _cell(p, "site_participation", 2, "participant_count_female", "7"))),
    "range-order": ("range-order", {"file": "focus_group.csv", "row": 2},
                    lambda p: (_cell(p, "focus_group", 2, "age_min", "25"),
                               _cell(p, "focus_group", 2, "age_mean", "50"),
                               _cell(p, "focus_group", 2, "age_max", "44"))),
}


def main() -> int:
    target_root = DATA / "invalid" / "packages"
    with tempfile.TemporaryDirectory() as tmp:
        base = make_site_package(Path(tmp) / "base")
        for name, (rule, extra, change) in CASES.items():
            work = Path(tmp) / name
            shutil.copytree(base.parent, work)
            pkg = work / base.name
            change(pkg)
            out = target_root / name
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            delete = extra.get("delete", [])
            for item in sorted(pkg.iterdir()):
                original = base / item.name
                if not original.exists() or original.read_bytes() != item.read_bytes():
                    shutil.copyfile(item, out / item.name)
            expect = {"rule": rule, **extra}
            if delete:
                expect["delete"] = delete
            (out / "expect.json").write_text(json.dumps(expect, indent=1, sort_keys=True) + "\n",
                                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
