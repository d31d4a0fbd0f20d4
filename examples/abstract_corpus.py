"""Build a consortium study's example packages from the transcribed facts of its abstract.

Studies B and C of the UPSIDES consortium are known to the project only by their abstracts, so
their corpora hold aggregates and design facts only: the study with its counts, the publication,
a codebook of the themes the abstract names (labels in our own words), one focus group record per
published group, and per site the shared site record and the site's participation in the study.
Whatever the abstract does not give is recorded as absent with the reason ``not-reported``
(standard 1.1.0), never filled in.

The site records are built by study A's builder from study A's source, so that a site's identity
record is the same, byte for byte, in every study's package and merges without conflict; what
differs by study (the city) lives on the participation. Each study's ``build.py`` calls
``build``; output is deterministic (``write_package``).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from upsides_data.errors import UpsidesError
from upsides_data.package import PackageMeta, write_package

EXAMPLES = Path(__file__).resolve().parent
STUDY_A = EXAMPLES / "upsides-mhw-2019"
NOT_REPORTED = "not-reported"
PACKAGE_VERSION = "1.0.0"
# Per-site facts no abstract splits by site.
SITE_SPLIT_NOT_REPORTED = ("income_classification", "period_start", "period_end",
                           "focus_group_count", "participant_count", "participant_count_female",
                           "participant_count_male")
# Per-group facts no abstract gives.
GROUP_NOT_REPORTED = ("site", "held_on", "duration_minutes", "participant_count")


class SourceError(UpsidesError):
    """``abstract.yaml`` is missing, unreadable or inconsistent."""


@cache
def study_a_builder() -> ModuleType:
    """Study A's build module, which knows how a site record is made from its source."""
    spec = importlib.util.spec_from_file_location("upsides_mhw_2019_build", STUDY_A / "build.py")
    if spec is None or spec.loader is None:
        raise SourceError(f"{STUDY_A / 'build.py'}: cannot load study A's builder")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_source(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the source extraction ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise SourceError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("study"), dict):
        raise SourceError(f"{path}: expected a mapping with a `study` block")
    return data


def _absent(*slots: str) -> dict[str, str]:
    return {f"{slot}_absent_reason": NOT_REPORTED for slot in slots}


def _join(*parts: str | None) -> str | None:
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return text or None


class Study:
    """The ids and names of one study's records, from its scope."""

    def __init__(self, src: dict[str, Any]) -> None:
        self.src = src
        self.scope = str(src["study"]["scope"])
        self.id = f"upsides:{self.scope}/study"
        self.codebook_id = f"upsides:{self.scope}/codebook"
        self.package_prefix = f"upsides-{self.scope}"
        self.codebook_ref = {"name": f"{self.package_prefix}-codebook",
                             "version": PACKAGE_VERSION}

    def theme_id(self, key: str) -> str:
        return f"upsides:{self.scope}/theme-{key}"


def study_row(study: Study) -> dict[str, Any]:
    s = study.src["study"]
    said = s["statements"]
    counts = {"focus_group_count": s["focus_groups"], "participant_count": s["participants"],
              "participant_count_female": s.get("female"),
              "participant_count_male": s.get("male")}
    row: dict[str, Any] = {
        "id": study.id, "title": s["title"], "description": " ".join(s["description"].split()),
        "phase": s["phase"], "population": s["population"], "design": s["design"],
        "analysis_approach": s["analysis_approach"],
        "trial_registration": s.get("trial_registration"),
        **{k: v for k, v in counts.items() if v is not None},
        **_absent(*s["not_reported"]),
        "notes": _join(*(f"Abstract: “{text}”" for text in said.values()), *s["notes"],
                       f"Reported in: {study.src['publication']['citation']}"),
    }
    for slot in s["not_reported"]:
        if row.get(slot) is not None:
            raise SourceError(f"study: {slot} is both given and listed as not reported")
    return row


def codebook_tables(study: Study) -> dict[str, list[dict[str, Any]]]:
    src, s = study.src, study.src["study"]
    publication = {
        "id": f"upsides:{study.scope}/publication", "study": study.id,
        "title": src["publication"].get("title"), "citation": src["publication"]["citation"],
        **_absent("licence"),
    }
    codebook = {"id": study.codebook_id, "title": src["codebook"]["title"],
                "version": PACKAGE_VERSION, "study": study.id,
                "description": _join(src["codebook"]["description"],
                                     src["publication"].get("note"))}
    themes = []
    per_theme = int(src["codebook"].get("subthemes_per_theme", 0))
    for position, theme in enumerate(src["themes"], 1):
        themes.append({"id": study.theme_id(theme["key"]), "codebook": study.codebook_id,
                       "label": theme["label"], "position": position,
                       "description": f"Our wording of the abstract's “{theme['statement']}”."})
        for sub in range(1, per_theme + 1):
            themes.append({
                "id": study.theme_id(f"{theme['key']}-{sub}"), "codebook": study.codebook_id,
                "parent": study.theme_id(theme["key"]), "position": sub,
                **_absent("label"),
                "description": f"Sub-domain {sub} of {per_theme}: the abstract counts it but "
                               "does not name it."})
    groups = [{
        "id": f"upsides:{study.scope}/fg-{n}", "study": study.id, "population": s["population"],
        **_absent(*GROUP_NOT_REPORTED),
        "notes": f"Focus group {n} of the {s['focus_groups']} the abstract reports; which site "
                 "held it, when, for how long and with how many participants is not reported.",
    } for n in range(1, int(s["focus_groups"]) + 1)]
    software = [{"study": study.id, "software": name} for name in s.get("software") or []]
    return {"study": [study_row(study)], "study_software": software,
            "publication": [publication], "codebook": [codebook], "theme": themes,
            "focus_group": groups}


def site_tables(study: Study, site: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The shared site record (from study A's source) and this study's participation."""
    a = study_a_builder()
    label = site["label"]
    published = {x["label"]: x for x in a.load_source()["sites"]}
    if label not in published:
        raise SourceError(f"site {label!r} is not a site of the consortium")
    scope = a.SITE_SCOPES[label]
    settings = a.SERVICE_SETTINGS.get(label, ([], ""))[0]
    participation = {
        "id": f"upsides:{scope}/participation-{study.scope}", "study": study.id,
        "site": a.Ids.site(label), "city": site["city"],
        **_absent(*SITE_SPLIT_NOT_REPORTED),
        "notes": "City as the abstract names it; the abstract gives no dates, counts or income "
                 "classification for the site.",
    }
    return {"site": [a.site_record(published[label])],
            "site_service_settings": [{"site": a.Ids.site(label), "service_setting": v}
                                      for v in settings],
            "site_participation": [participation]}


def package_meta(study: Study, kind: str, label: str | None = None) -> PackageMeta:
    s, publication = study.src["study"], study.src["publication"]
    sources = [{"title": publication["citation"]}]
    credit = ("Built from the facts of the publication's abstract (counts, sites, design, what "
              "each theme is about); labels are in our own words; what the abstract does not give "
              "is recorded as not reported. The abstract's page states no open licence.")
    common = dict(kind=kind, access_level="public", version=PACKAGE_VERSION, study=study.id,
                  codebook=dict(study.codebook_ref), sources=sources,
                  keywords=list(s["keywords"]))
    if kind == "codebook":
        return PackageMeta(name=f"{study.package_prefix}-codebook",
                           title=f"{s['title']}: study, themes and focus groups",
                           description=f"The codebook package of study {study.scope}. {credit}",
                           **common)
    assert label is not None
    scope = study_a_builder().SITE_SCOPES[label]
    return PackageMeta(name=f"{study.package_prefix}-{scope}",
                       title=f"{s['title']}: site {label}",
                       description=f"The site package of {label} in study {study.scope}: the "
                                   f"site and its participation in the study. {credit}",
                       site=f"upsides:{scope}/site", **common)


def build(out_dir: Path, source: Path) -> list[Path]:
    """Write the codebook package and one site package per published site under ``out_dir``."""
    study = Study(load_source(source))
    written = [write_package(out_dir / "codebook", package_meta(study, "codebook"),
                             codebook_tables(study), overwrite=True)]
    scopes = study_a_builder().SITE_SCOPES
    for site in study.src["sites"]:
        written.append(write_package(out_dir / scopes[site["label"]],
                                     package_meta(study, "site", site["label"]),
                                     site_tables(study, site), overwrite=True))
    return written


def main(here: Path, argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the study's packages from its abstract.")
    parser.add_argument("--out", type=Path, default=here,
                        help="folder to write the packages into (default: beside build.py)")
    parser.add_argument("--source", type=Path, default=here / "source" / "abstract.yaml",
                        help="the abstract extraction (YAML)")
    args = parser.parse_args(argv)
    try:
        for path in build(args.out, args.source):
            print(path)
    except UpsidesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
