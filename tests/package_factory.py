"""Small, consistent, SYNTHETIC packages built by code for the validation tests.

Everything here is invented and marked ``synthetic``: one site package (scope ``ulm``) and the
codebook package of the study ``mhw-2019`` it codes with. Both are valid against every layer:
ids resolve, labels match the site, dates fall inside the study period, aggregate counts agree
with participant rows, public packages carry age bands only, and every quasi-identifier
combination occurs three times (k = 3).

API (reused by other test modules):

* ``site_tables()`` / ``codebook_tables()``: the rows, as ``{table: [row dict, ...]}``, fresh copies.
* ``make_codebook_package(tmp, *, tables=None, name=..., access_level="public") -> Path``
* ``make_site_package(tmp, *, tables=None, edit=None, access_level="public", with_codebook=True,
  folder="ulm", **meta) -> Path``: writes ``tmp/<folder>`` (and, by default, the codebook package
  beside it in ``tmp/codebook`` so that the validator finds it as a sibling). ``tables`` replaces
  whole tables; ``edit(tables)`` may mutate the row dicts in place before writing; ``meta``
  overrides ``PackageMeta`` fields.
* Corruption helpers that work on a written package, byte-exactly where it matters:
  ``set_cell(pkg, table, row, field, value)`` (``row`` is the Frictionless row number, header = 1),
  ``append_rows(pkg, table, rows)``, ``write_bytes(pkg, table, data)``, ``rewrite_text(pkg, table, fn)``,
  ``edit_descriptor(pkg, fn)``, ``resource(descriptor, table)``.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any, Callable

from upsides_data.package import PackageMeta, write_package

STUDY = "upsides:mhw-2019/study"
SITE = "upsides:ulm/site"
CODEBOOK_NAME = "upsides-mhw-2019-codebook"
CODEBOOK_VERSION = "1.0.0"
SITE_NAME = "upsides-mhw-2019-ulm"

Tables = dict[str, list[dict[str, Any]]]

# Public by default: no exact years of experience, quotes not linked to speakers (disclosure).
_PROFILES = [  # (role, gender, age_band, profession), each used three times (k = 3)
    ("MHW", "female", "35-44", "nurse"),
    ("PSW", "male", "25-34", "peer-support-worker"),
]


def _participants() -> list[dict[str, Any]]:
    rows = []
    for i in range(6):
        role, gender, band, profession = _PROFILES[i % 2]
        rows.append({"id": f"upsides:ulm/p{i + 1:02d}", "site": SITE, "role": role,
                     "gender": gender, "age_band": band, "profession": profession,
                     "prior_peer_support_experience": i % 2 == 0,
                     "consent_recorded": True, "synthetic": True})
    return rows


_SITE_TABLES: Tables = {
    "site": [{"id": SITE, "label": "Ulm", "name": "Synthetic site Ulm", "city": "Ulm",
              "country": "DE", "urbanicity": "urban", "peer_support_since": 2015,
              "synthetic": True, "notes": "synthetic test record"}],
    "site_service_settings": [{"site": SITE, "service_setting": "hospital"},
                              {"site": SITE, "service_setting": "community"}],
    "income_classification": [{"id": "upsides:ulm/income-2019", "country": "DE",
                               "income_group": "HIC", "fiscal_year": 2019,
                               "source": "synthetic"}],
    "site_participation": [{"id": "upsides:ulm/participation", "study": STUDY, "site": SITE,
                            "income_classification": "upsides:ulm/income-2019", "city": "Ulm"}],
    "focus_group": [{"id": "upsides:ulm/fg1", "study": STUDY, "site": SITE,
                     "held_on": "2019-05-14", "duration_minutes": 90, "venue": "a meeting room",
                     "moderator": "upsides:ulm/a1", "assistant": "upsides:ulm/a2",
                     "population": "mixed", "participant_count": 6,
                     "participant_count_female": 3, "participant_count_male": 3,
                     "participant_count_diverse": 0, "synthetic": True}],
    "focus_group_languages": [{"focus_group": "upsides:ulm/fg1", "language": "de"}],
    "transcript": [{"id": "upsides:ulm/t1", "focus_group": "upsides:ulm/fg1",
                    "original_language": "de", "access_level": "public",
                    "transcription_method": "verbatim", "checked_against_recording": True,
                    "translation_method": "forward", "translation_target_language": "en",
                    "anonymisation_applied": True, "synthetic": True}],
    "participant": _participants(),
    "participant_focus_groups_attended": [
        {"participant": f"upsides:ulm/p{i + 1:02d}", "focus_group": "upsides:ulm/fg1"}
        for i in range(6)],
    "analyst": [{"id": "upsides:ulm/a1", "pseudonym": "Analyst A", "site": SITE, "synthetic": True},
                {"id": "upsides:ulm/a2", "pseudonym": "Analyst B", "site": SITE, "synthetic": True}],
    "analyst_team_roles": [{"analyst": "upsides:ulm/a1", "team_role": "moderator"},
                           {"analyst": "upsides:ulm/a2", "team_role": "assistant"}],
    "quote": [
        {"id": "upsides:ulm/q1", "transcript": "upsides:ulm/t1",
         "text": "Synthetic quote: peer workers bring their own experience to the ward.",
         "label": "Ulm 12", "label_site": "Ulm", "label_chapter": 12,
         "speaker_role": "MHW", "start_offset": 0, "end_offset": 70, "synthetic": True},
        {"id": "upsides:ulm/q2", "transcript": "upsides:ulm/t1",
         "text": "Synthetic quote: the team needed time to agree on roles.",
         "label": "Ulm 30", "label_site": "Ulm", "label_chapter": 30,
         "speaker_role": "PSW", "synthetic": True},
    ],
    "quote_themes": [{"quote": "upsides:ulm/q1", "theme": "upsides:mhw-2019/theme-roles"},
                     {"quote": "upsides:ulm/q2", "theme": "upsides:mhw-2019/theme-team"}],
    "quote_codes": [{"quote": "upsides:ulm/q1", "code": "upsides:mhw-2019/code-experience"},
                    {"quote": "upsides:ulm/q2", "code": "upsides:mhw-2019/code-roles"}],
    "evidence_reference": [{"id": "upsides:ulm/e1", "transcript": "upsides:ulm/t1",
                            "label": "Ulm 40", "label_site": "Ulm", "label_chapter": 40,
                            "statement": "Synthetic statement about role clarity."}],
    "evidence_reference_themes": [{"evidence_reference": "upsides:ulm/e1",
                                   "theme": "upsides:mhw-2019/theme-team"}],
    "evidence_reference_codes": [{"evidence_reference": "upsides:ulm/e1",
                                  "code": "upsides:mhw-2019/code-roles"}],
    "coding": [{"id": "upsides:ulm/c1", "code": "upsides:mhw-2019/code-experience",
                "transcript": "upsides:ulm/t1", "start_offset": 0, "end_offset": 70,
                "coder": "upsides:ulm/a1", "coded_on": "2019-07-01", "quote": "upsides:ulm/q1",
                "synthetic": True}],
    "memo": [{"id": "upsides:ulm/m1", "author": "upsides:ulm/a1", "about_quote": "upsides:ulm/q1",
              "text": "Synthetic memo on the first quote.", "written_on": "2019-07-02",
              "synthetic": True}],
}

_CB = "upsides:mhw-2019/codebook"
_CODEBOOK_TABLES: Tables = {
    "study": [{"id": STUDY, "title": "Synthetic study of peer support work",
               "phase": "pre-implementation", "population": "mixed",
               "period_start": "2019-01", "period_end": "2019-12", "design": "focus-groups",
               "licence": "https://creativecommons.org/licenses/by/4.0/", "synthetic": True}],
    "study_software": [{"study": STUDY, "software": "SyntheticQDA"}],
    "ethics_approval": [{"id": "upsides:mhw-2019/ethics-1", "study": STUDY,
                         "committee": "Synthetic ethics committee"}],
    "publication": [],
    "funding": [{"id": "upsides:mhw-2019/funding-1", "study": STUDY, "funder": "Synthetic fund"}],
    "topic_guide": [{"id": "upsides:mhw-2019/guide", "study": STUDY, "title": "Topic guide"}],
    "topic": [{"id": "upsides:mhw-2019/topic-1", "topic_guide": "upsides:mhw-2019/guide",
               "position": 1, "title": "Roles"}],
    "question": [{"id": "upsides:mhw-2019/question-1", "topic": "upsides:mhw-2019/topic-1",
                  "kind": "key", "position": 1, "text": "How do roles work in your team?"}],
    "analyst": [{"id": "upsides:mhw-2019/lead", "pseudonym": "Lead analyst", "synthetic": True}],
    "analyst_team_roles": [{"analyst": "upsides:mhw-2019/lead", "team_role": "task-lead"}],
    "codebook": [{"id": _CB, "title": "Synthetic codebook", "version": CODEBOOK_VERSION,
                  "study": STUDY}],
    "code": [{"id": "upsides:mhw-2019/code-experience", "codebook": _CB,
              "label": "Lived experience", "position": 1},
             {"id": "upsides:mhw-2019/code-roles", "codebook": _CB, "label": "Role clarity",
              "position": 2}],
    "theme": [{"id": "upsides:mhw-2019/theme-roles", "codebook": _CB, "label": "Roles",
               "position": 1},
              {"id": "upsides:mhw-2019/theme-team", "codebook": _CB, "label": "Team",
               "parent": "upsides:mhw-2019/theme-roles", "position": 2}],
    "theme_codes": [{"theme": "upsides:mhw-2019/theme-roles",
                     "code": "upsides:mhw-2019/code-experience"},
                    {"theme": "upsides:mhw-2019/theme-team", "code": "upsides:mhw-2019/code-roles"}],
    "memo": [],
    "finding": [{"id": "upsides:mhw-2019/finding-1", "study": STUDY,
                 "theme": "upsides:mhw-2019/theme-roles", "summary": "Synthetic finding."}],
    "finding_sites": [{"finding": "upsides:mhw-2019/finding-1", "site": SITE}],
    "finding_quotes": [{"finding": "upsides:mhw-2019/finding-1", "quote": "upsides:ulm/q1"}],
    "finding_evidence_references": [{"finding": "upsides:mhw-2019/finding-1",
                                     "evidence_reference": "upsides:ulm/e1"}],
}


def site_tables() -> Tables:
    return copy.deepcopy(_SITE_TABLES)


def codebook_tables() -> Tables:
    return copy.deepcopy(_CODEBOOK_TABLES)


def site_meta(**overrides: Any) -> PackageMeta:
    fields: dict[str, Any] = dict(
        name=SITE_NAME, kind="site", access_level="public", title="Synthetic Ulm site package",
        site=SITE, study=STUDY, codebook={"name": CODEBOOK_NAME, "version": CODEBOOK_VERSION},
        synthetic=True)
    fields.update(overrides)
    return PackageMeta(**fields)


def codebook_meta(**overrides: Any) -> PackageMeta:
    fields: dict[str, Any] = dict(
        name=CODEBOOK_NAME, version=CODEBOOK_VERSION, kind="codebook", access_level="public",
        title="Synthetic mhw-2019 codebook", study=STUDY, synthetic=True)
    fields.update(overrides)
    return PackageMeta(**fields)


def make_codebook_package(tmp: Path, *, tables: Tables | None = None, folder: str = "codebook",
                          edit: Callable[[Tables], None] | None = None, **meta: Any) -> Path:
    data = codebook_tables()
    data.update(copy.deepcopy(tables or {}))
    if edit:
        edit(data)
    return write_package(Path(tmp) / folder, codebook_meta(**meta), data)


def make_site_package(tmp: Path, *, tables: Tables | None = None,
                      edit: Callable[[Tables], None] | None = None, with_codebook: bool = True,
                      folder: str = "ulm", **meta: Any) -> Path:
    """Write the site package to ``tmp/folder`` (and its codebook to ``tmp/codebook``)."""
    data = site_tables()
    data.update(copy.deepcopy(tables or {}))
    if edit:
        edit(data)
    if meta.get("access_level") == "restricted":
        for row in data.get("transcript", []):
            row["access_level"] = "restricted"
    if with_codebook and not (Path(tmp) / "codebook").exists():
        make_codebook_package(tmp)
    return write_package(Path(tmp) / folder, site_meta(**meta), data)


# -- corruption helpers: work on the files of a written package --------------------------------

def csv_path(pkg: Path, table: str) -> Path:
    return Path(pkg) / f"{table}.csv"


def read_rows(pkg: Path, table: str) -> list[list[str]]:
    with open(csv_path(pkg, table), encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write_rows(pkg: Path, table: str, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    csv_path(pkg, table).write_text(buffer.getvalue(), encoding="utf-8", newline="")


def set_cell(pkg: Path, table: str, row: int, field: str, value: str) -> None:
    """Set one cell; ``row`` is the Frictionless row number (header = 1, first data row = 2)."""
    rows = read_rows(pkg, table)
    rows[row - 1][rows[0].index(field)] = value
    _write_rows(pkg, table, rows)


def append_rows(pkg: Path, table: str, new_rows: list[dict[str, Any]]) -> None:
    rows = read_rows(pkg, table)
    header = rows[0]
    rows.extend([["" if r.get(c) is None else str(r.get(c)) for c in header] for r in new_rows])
    _write_rows(pkg, table, rows)


def write_bytes(pkg: Path, table: str, data: bytes) -> None:
    csv_path(pkg, table).write_bytes(data)


def rewrite_text(pkg: Path, table: str, fn: Callable[[str], str]) -> None:
    path = csv_path(pkg, table)
    path.write_text(fn(path.read_text(encoding="utf-8")), encoding="utf-8", newline="")


def edit_descriptor(pkg: Path, fn: Callable[[dict[str, Any]], Any]) -> None:
    """Apply ``fn`` to the parsed descriptor (in place, or return a replacement) and save it."""
    path = Path(pkg) / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    result = fn(descriptor)
    if result is not None:
        descriptor = result
    path.write_text(json.dumps(descriptor, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def resource(descriptor: dict[str, Any], table: str) -> dict[str, Any]:
    return next(r for r in descriptor["resources"] if r.get("name") == table)


# -- committed overlay fixtures: tests/data/{valid,invalid}/packages/<case>/ --------------------

def apply_overlay(pkg: Path, overlay: Path) -> dict[str, Any]:
    """Apply a committed fixture folder to a freshly written package; return its ``expect.json``.

    The folder holds the files that differ, byte for byte (copied over the package's), and an
    ``expect.json`` with the expected ``rule`` (and optionally ``file``/``row``), ``delete``
    (file names to remove) and ``descriptor`` ({table: {property: value}} set on resources).
    """
    expect = json.loads((Path(overlay) / "expect.json").read_text(encoding="utf-8"))
    for item in sorted(Path(overlay).iterdir()):
        if item.name != "expect.json":
            (Path(pkg) / item.name).write_bytes(item.read_bytes())
    for name in expect.get("delete", []):
        (Path(pkg) / name).unlink()
    if expect.get("descriptor"):
        def patch(descriptor: dict[str, Any]) -> None:
            for table, props in expect["descriptor"].items():
                resource(descriptor, table).update(props)
        edit_descriptor(pkg, patch)
    return expect
