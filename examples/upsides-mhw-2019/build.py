"""Build the UPSIDES MHW 2019 example corpus from ``source/paper.yaml``.

The corpus is the published content of Krumm et al. (2022), BMC Psychiatry 22:604
(doi:10.1186/s12888-022-04206-5, CC BY 4.0), cast into the standard: one site package per site and
the consortium codebook package of the study. ``source/paper.yaml`` is the hand-checked extraction
of the paper; this script only maps it onto tables, so every value in the packages can be traced
back to a sentence of the paper. What the paper does not give (dates, durations and participant
counts per group, individual participants, codes) is left absent, never filled in.

Run from the repository root::

    .venv/bin/python examples/upsides-mhw-2019/build.py            # rewrite the committed corpus
    .venv/bin/python examples/upsides-mhw-2019/build.py --out DIR  # build elsewhere

Output is deterministic (``upsides_data.package.write_package``), so a rebuild of an unchanged
source gives byte-identical packages; ``tests/test_corpus.py`` checks exactly that.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from upsides_data.errors import UpsidesError
from upsides_data.package import PackageMeta, write_package

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source" / "paper.yaml"

STUDY_SCOPE = "mhw-2019"
STUDY_ID = f"upsides:{STUDY_SCOPE}/study"
CODEBOOK_ID = f"upsides:{STUDY_SCOPE}/codebook"
TOPIC_GUIDE_ID = f"upsides:{STUDY_SCOPE}/topic-guide"
CODEBOOK_PACKAGE = {"name": "upsides-mhw-2019-codebook", "version": "1.0.0"}

# Published site label -> scope of the site's records (and name of its package folder).
SITE_SCOPES = {"Ulm": "ulm", "UKE": "uke", "BU": "bu", "DS": "ds", "BGU": "bgu", "AD": "ad"}

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
INCOME_SOURCE = ("World Bank, list of economies classification file CLASS_FY2020 (June 2019), "
                 "World Bank Development Data Group; World Bank data CC BY 4.0")
TRANSLATOR_ROLE = "bilingual speaker at the site"
TRANSLATION_CHECKED_BY = "two researchers of the UPSIDES translation team"
ANONYMISATION = ("personal information deleted or replaced with participant numbers "
                 "(e.g. mental health worker 1)")

# Services the paper says PSWs provide at a site (Results, bridging paragraph); nothing for the
# other sites, whose services the paper does not describe.
SERVICE_SETTINGS = {
    "BU": (["community", "hospital"],
           "Service settings from the Results: in Butabika and Dar es Salaam 'PSWs provide hospital "
           "but also community services'."),
    "DS": (["community", "hospital"],
           "Service settings from the Results: in Butabika and Dar es Salaam 'PSWs provide hospital "
           "but also community services'."),
    "AD": (["hospital"],
           "Service setting from the Results: 'In Ahmedabad, where peer work is hospital based'; "
           "whether the site also runs community services is not stated."),
}


class SourceError(UpsidesError):
    """``paper.yaml`` is missing, unreadable or inconsistent (a broken cross-reference)."""


def load_source(path: Path = SOURCE) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the source extraction ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise SourceError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise SourceError(f"{path}: expected a mapping at the top level")
    return data


def citation(study: dict[str, Any]) -> str:
    """The paper's full citation, as checked in the source extraction."""
    return str(study["citation"])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _join(*parts: str | None) -> str | None:
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return text or None


def normalised_label(site_label: str, chapter: int) -> str:
    return f"{site_label} {chapter}"


class Ids:
    """Record ids derived from the source's own keys, with a suffix when a label repeats."""

    def __init__(self, src: dict[str, Any]) -> None:
        self.quote: dict[str, str] = {}
        self.evidence: dict[str, str] = {}
        for kind, items, table in (("quote", src["quotes"], self.quote),
                                   ("evidence", src["evidence_references"], self.evidence)):
            seen: dict[str, int] = {}
            for item in items:
                site = item["site_label"]
                if site not in SITE_SCOPES:
                    raise SourceError(f"{item['id']}: unknown site label {site!r}")
                base = f"{kind}-{_slug(site)}-{item['chapter']}"
                seen[base] = seen.get(base, 0) + 1
                local = base if seen[base] == 1 else f"{base}-{seen[base]}"
                table[item["id"]] = f"upsides:{SITE_SCOPES[site]}/{local}"

    @staticmethod
    def theme(key: str) -> str:
        return f"upsides:{STUDY_SCOPE}/theme-{key}"

    @staticmethod
    def site(label: str) -> str:
        return f"upsides:{SITE_SCOPES[label]}/site"


def income_id(country: str, fiscal_year: int) -> str:
    return f"upsides:worldbank/{country}-FY{fiscal_year}"


def _fiscal_year(text: str) -> int:
    match = re.fullmatch(r"FY(\d{4})", str(text))
    if not match:
        raise SourceError(f"fiscal year {text!r} is not of the form FY2020")
    return int(match.group(1))


# ---------------------------------------------------------------------------------------------
# The codebook package: study-level records.


def study_rows(src: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    s = src["study"]
    tr = s["translation"]
    research_questions = " ".join(f"({i}) {q}" for i, q in enumerate(s["research_questions"], 1))
    study = {
        "id": STUDY_ID,
        "title": "UPSIDES pre-implementation focus groups with mental health workers",
        "description": _join(
            s["description"], f"Research questions: {research_questions}",
            s["design"]["statements"][0], s["phase_statement"],
            f"Reported in: {citation(s)}"),
        "phase": s["phase"],
        "population": s["population"],
        "period_start": str(s["period_start"]),
        "period_end": str(s["period_end"]),
        "design": "focus-groups",
        "analysis_approach": _join(
            "Thematic analysis following Braun and Clarke (2006), in three steps, by a core group "
            "of researchers (MH, SK, GM, PGE), with investigator triangulation and consultation "
            "of the site research workers; the Abstract calls it thematic content analysis."),
        "reporting_guideline": "COREQ",
        "guiding_framework": "Consolidated Framework for Implementation Research (CFIR)",
        "licence": s["licence"]["url"],
        "participant_count": s["participants_total"],
        "participant_count_female": s["participants_female"],
        "age_mean": s["age_mean"],
        "age_min": s["age_min"],
        "age_max": s["age_max"],
        "duration_minutes_min": s["duration_min_minutes"],
        "duration_minutes_max": s["duration_max_minutes"],
        "notes": _join(
            "Participant figures are the published aggregates over all six focus groups "
            f"({s['participants_statement']} {s['age_statement']}); the number of male or "
            "otherwise gendered participants is not stated, per-group figures are in the paper's "
            "Table 1, whose content is not part of the text, and individual participants are "
            "not published.",
            f"Focus group durations: {s['design']['setting_statements'][0]}",
            "Sampling: purposive.",
            "The Hamburg focus group also included a PSW, although sites were asked for MHWs "
            "only; whether that PSW is counted in the 35 participants is not stated.",
            f"Translation: {tr['note']}",
            "No trial registration number is stated in the paper; trial_registration is left "
            "empty."),
    }
    software = [{"study": STUDY_ID, "software": name} for name in s["software"]]

    ethics = []
    for n, approval in enumerate(s["ethics_approvals"], 1):
        ethics.append({
            "id": f"upsides:{STUDY_SCOPE}/ethics-approval-{n}",
            "study": STUDY_ID,
            "committee": approval["committee"],
            "reference_number": approval["reference"],
            "site": Ids.site(approval["site"]),
            "notes": "The paper lists the approvals 'in each of the respective countries' without "
                     "naming sites; the site is assigned by the committee's country or city.",
        })

    publication = [{
        "id": f"upsides:{STUDY_SCOPE}/publication-krumm-2022",
        "study": STUDY_ID,
        "title": s["title"],
        "doi": s["doi"],
        "citation": citation(s),
        "licence": s["licence"]["url"],
    }]

    funding = []
    for funder in s["funding"]["funders"]:
        if funder.get("grant_number"):
            funding.append({
                "id": f"upsides:{STUDY_SCOPE}/funding-h2020-{funder['grant_number']}",
                "study": STUDY_ID,
                "funder": funder["funder"],
                "grant_number": funder["grant_number"],
                "notes": _join(s["funding"]["statement"], s["funding"]["disclaimer"]),
            })
        else:
            funding.append({
                "id": f"upsides:{STUDY_SCOPE}/funding-{_slug(funder['funder'])}",
                "study": STUDY_ID,
                "funder": funder["funder"],
                "notes": _join(funder.get("statement"),
                               "It funded the open-access publication, not the data collection."),
            })

    guide = s["topic_guide"]
    topic_guide = [{
        "id": TOPIC_GUIDE_ID,
        "study": STUDY_ID,
        "guiding_framework": "Consolidated Framework for Implementation Research (CFIR)",
        "description": _join(
            "Semi-structured topic guide.", s["guiding_framework_statement"], guide["development"],
            guide["review"], guide["statement"], guide["structure"],
            s["moderation"]["probing"], "Study materials including topic guides were forward "
            "translated from English to the local language (except Butabika).",
            "The questions themselves are in the paper's Additional File 2 and not in its text, "
            "so no question records are given."),
    }]
    topics = [{
        "id": f"upsides:{STUDY_SCOPE}/topic-{t['number']}",
        "topic_guide": TOPIC_GUIDE_ID,
        "position": t["number"],
        "title": t["title"],
        "description": _join(f"Called “{t['results_label']}” in the Results.", t.get("note")),
    } for t in guide["topics"]]

    analysts, roles = analyst_rows(s["analysts"])

    codebook = [{
        "id": CODEBOOK_ID,
        "title": "UPSIDES MHW pre-implementation themes (Krumm et al. 2022, Table 2)",
        "version": CODEBOOK_PACKAGE["version"],
        "study": STUDY_ID,
        "description": _join(
            "The final coding tree's themes as published: 4 main themes, 12 subthemes and 5 "
            "sub-subthemes (the paper's Table 2), derived from codes of topic 1 (collaboration) "
            "and topic 2 (organizational and team culture).",
            "The paper names no individual codes, so the codebook holds themes only; quotes and "
            "evidence references are linked to themes.",
            s["software_statement"]),
    }]
    return {
        "study": [study], "study_software": software, "ethics_approval": ethics,
        "publication": publication, "funding": funding, "topic_guide": topic_guide,
        "topic": topics, "analyst": analysts, "analyst_team_roles": roles,
        "codebook": codebook,
    }


def analyst_rows(block: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Central analysts by published initials: the core analysis group and task leads (Methods),
    plus SH, whom the Author contributions add to those who analysed the data."""
    role_words = {"core group of researchers": "analyst", "analyzed the data": "analyst",
                  "task leads": "task-lead"}
    people: dict[str, set[str]] = {}
    for entry in block["roles"]:
        for phrase, role in role_words.items():
            if phrase in entry["role"]:
                for initials in entry["initials"]:
                    people.setdefault(initials, set()).add(role)
    analysts = [{"id": f"upsides:{STUDY_SCOPE}/analyst-{_slug(i)}", "pseudonym": i}
                for i in sorted(people)]
    roles = [{"analyst": f"upsides:{STUDY_SCOPE}/analyst-{_slug(i)}", "team_role": r}
             for i in sorted(people) for r in sorted(people[i])]
    return analysts, roles


def theme_rows(src: dict[str, Any]) -> list[dict[str, Any]]:
    keys = {t["id"] for t in src["themes"]}
    positions: dict[str | None, int] = {}
    rows = []
    for theme in src["themes"]:
        parent = theme.get("parent")
        if parent is not None and parent not in keys:
            raise SourceError(f"theme {theme['id']}: unknown parent {parent!r}")
        positions[parent] = positions.get(parent, 0) + 1
        label = re.sub(r"^\d+\.\s*", "", theme["published_label_table2"])
        results_wording = theme["title"]
        rows.append({
            "id": Ids.theme(theme["id"]),
            "codebook": CODEBOOK_ID,
            "label": label,
            "parent": Ids.theme(parent) if parent else None,
            "position": positions[parent],
            "description": _join(
                theme["description"],
                None if results_wording.casefold() == label.casefold()
                else f"(Results wording: “{results_wording}”.)"),
        })
    return rows


def finding_rows(src: dict[str, Any], ids: Ids) -> dict[str, list[dict[str, Any]]]:
    themes = {t["id"] for t in src["themes"]}
    findings, sites, quotes, evidence = [], [], [], []
    for f in src["findings"]:
        fid = f"upsides:{STUDY_SCOPE}/finding-{f['id']}"
        if f["theme"] not in themes:
            raise SourceError(f"finding {f['id']}: unknown theme {f['theme']!r}")
        unstated = f.get("sites_from_labels") or f.get("sites_inferred_from_context")
        also = [f"{a['section']}: {a['text']}" for a in f.get("also_stated") or []]
        findings.append({
            "id": fid,
            "study": STUDY_ID,
            "theme": Ids.theme(f["theme"]),
            "summary": f["statement"],
            "notes": _join(
                f"Stated in: {f['section']}.",
                ("Also stated — " + " | ".join(also)) if also else None,
                (f"The text names no site for this finding (the supporting material points to "
                 f"{', '.join(unstated)}), so no site is recorded.") if unstated else None,
                f.get("note")),
        })
        for label in f.get("sites") or []:
            sites.append({"finding": fid, "site": Ids.site(label)})
        for qid in f.get("quote_ids") or []:
            if qid not in ids.quote:
                raise SourceError(f"finding {f['id']}: unknown quote {qid!r}")
            quotes.append({"finding": fid, "quote": ids.quote[qid]})
        for eid in f.get("evidence_ids") or []:
            if eid not in ids.evidence:
                raise SourceError(f"finding {f['id']}: unknown evidence reference {eid!r}")
            evidence.append({"finding": fid, "evidence_reference": ids.evidence[eid]})
    return {"finding": findings, "finding_sites": sites, "finding_quotes": quotes,
            "finding_evidence_references": evidence}


def codebook_tables(src: dict[str, Any], ids: Ids) -> dict[str, list[dict[str, Any]]]:
    tables = study_rows(src)
    tables["theme"] = theme_rows(src)
    tables.update(finding_rows(src, ids))
    return tables


# ---------------------------------------------------------------------------------------------
# Site packages.


def site_record(site: dict[str, Any]) -> dict[str, Any]:
    label = site["label"]
    tradition = site["peer_support_tradition"]
    name = site["abbreviation_expansion"].rsplit(" (", 1)[0]
    notes = [f"The paper's Abbreviations expand {label} as “{site['abbreviation_expansion']}”."]
    if site.get("institution"):
        notes.append("Institution: the UPSIDES partner named in the Acknowledgements; the paper "
                     "does not name the service that hosted the focus group.")
    else:
        notes.append(site["institution_note"])
    if tradition.get("since"):
        notes.append(f"Peer support start year {tradition['since']} is stated for the country, "
                     "not the site, so peer_support_since is left empty.")
    if label in SERVICE_SETTINGS:
        notes.append(SERVICE_SETTINGS[label][1])
    return {
        "id": Ids.site(label),
        "label": label,
        "name": name,
        "city": site["city"],
        "country": site["country_iso2"],
        "institution": site.get("institution"),
        "peer_support_programme": tradition.get("programme") if label in ("UKE", "BGU") else None,
        "peer_support_tradition": _join(tradition["description"], tradition.get("also")),
        "notes": _join(*notes),
    }


def site_tables(src: dict[str, Any], site: dict[str, Any], ids: Ids) -> dict[str, list]:
    label = site["label"]
    scope = SITE_SCOPES[label]
    site_id = Ids.site(label)
    fg_id = f"upsides:{scope}/fg-1"
    transcript_id = f"upsides:{scope}/transcript-1"
    ic = site["income_classification"]
    fiscal_year = _fiscal_year(ic["fiscal_year"])
    ic_id = income_id(site["country_iso2"], fiscal_year)
    s = src["study"]
    english = label == "BU"

    income = [{"id": ic_id, "country": site["country_iso2"], "income_group": ic["group"],
               "fiscal_year": fiscal_year, "source": INCOME_SOURCE}]
    participation = [{
        "id": f"upsides:{scope}/participation-{STUDY_SCOPE}",
        "study": STUDY_ID, "site": site_id, "income_classification": ic_id,
        # The city of this study (standard 1.1.0): the site's city may differ in later studies.
        "city": site["city"],
        "notes": _join(f"World Bank group {ic['world_bank_label']} in FY{fiscal_year}, in force "
                       "during the focus groups (Nov 2019 - Jan 2020).",
                       f"The paper groups it as {ic['paper_grouping']}.", ic.get("note")),
    }]
    fg_notes = [
        "One focus group per site (Methods). Its date, duration, venue, language, moderator and "
        "participant figures are not in the text of the paper (Table 1 is not reproduced), so "
        "they are left empty; the study record holds the published aggregates.",
    ]
    if label == "UKE":
        fg_notes.append("Although each site was asked to form its focus group with MHWs only, the "
                        "Hamburg group included MHWs and a PSW (Results); whether the PSW is "
                        "counted in the study's 35 participants is not stated.")
    if english:
        fg_notes.append(site["language_note"])
    focus_group = [{
        "id": fg_id, "study": STUDY_ID, "site": site_id, "population": s["population"],
        "topic_guide": TOPIC_GUIDE_ID, "notes": _join(*fg_notes),
    }]
    languages = [{"focus_group": fg_id, "language": "en"}] if english else []
    transcript = [{
        "id": transcript_id, "focus_group": fg_id,
        "original_language": "en" if english else None,
        "access_level": "public",
        "transcription_method": "verbatim",
        "checked_against_recording": True,
        "checked_by_role": "moderator",
        "translation_method": "none" if english else "forward",
        "translation_target_language": None if english else "en",
        "translator_role": None if english else TRANSLATOR_ROLE,
        "translation_checked_by": TRANSLATION_CHECKED_BY,
        "anonymisation_applied": True,
        "anonymisation_method": ANONYMISATION,
        "notes": _join(
            "No text: the full transcript is not public (available from the corresponding author "
            "on reasonable request); only the fragments quoted in the paper are.",
            "Held in English (Kampala) and not translated." if english else
            "The local language is not named in the paper. "
            + s["translation"]["limitations_statement"],
            "The translation team's check of all final transcripts is stated for all sites."),
    }]

    quotes, quote_themes = [], []
    for q in src["quotes"]:
        if q["site_label"] != label:
            continue
        qid = ids.quote[q["id"]]
        printed = q["label"]
        norm = normalised_label(label, q["chapter"])
        quotes.append({
            "id": qid, "transcript": transcript_id, "text": q["text"], "label": norm,
            "label_site": label, "label_chapter": q["chapter"],
            "notes": _join(
                f"Label printed as “{printed}”." if printed != norm else None,
                "Inline quote within an author sentence." if q["kind"] == "inline" else None,
                f"Printed after the authors' lead-in {q['printed_lead_in']}."
                if q.get("printed_lead_in") else None,
                q.get("note")),
        })
        quote_themes.append({"quote": qid, "theme": Ids.theme(q["theme"])})

    evidence, evidence_themes = [], []
    for e in src["evidence_references"]:
        if e["site_label"] != label:
            continue
        eid = ids.evidence[e["id"]]
        printed = e["label"]
        norm = normalised_label(label, e["chapter"])
        quoted = e.get("quoted_words") or []
        evidence.append({
            "id": eid, "transcript": transcript_id, "label": norm, "label_site": label,
            "label_chapter": e["chapter"], "statement": e["statement"],
            "notes": _join(
                f"Label printed as “{printed}”." if printed != norm else None,
                ("Words in quotation marks in the statement: "
                 + ", ".join(f"“{w}”" for w in quoted) + ".") if quoted else None,
                e.get("note")),
        })
        evidence_themes.append({"evidence_reference": eid, "theme": Ids.theme(e["theme"])})

    settings = SERVICE_SETTINGS.get(label, ([], ""))[0]
    return {
        "site": [site_record(site)],
        "site_service_settings": [{"site": site_id, "service_setting": v} for v in settings],
        "income_classification": income,
        "site_participation": participation,
        "focus_group": focus_group,
        "focus_group_languages": languages,
        "transcript": transcript,
        "quote": quotes, "quote_themes": quote_themes,
        "evidence_reference": evidence, "evidence_reference_themes": evidence_themes,
    }


# ---------------------------------------------------------------------------------------------
# Descriptors and the build.


def _credit(src: dict[str, Any]) -> tuple[list[dict[str, str]], list[dict[str, str]], str]:
    s = src["study"]
    sources = [{"title": citation(s), "path": f"https://doi.org/{s['doi']}"}]
    licenses = [{"name": "CC-BY-4.0", "path": LICENCE_URL,
                 "title": "Creative Commons Attribution 4.0 International"}]
    credit = (f"Built from the published article: {citation(s)} (open access under CC BY 4.0, "
              f"{LICENCE_URL}). Changes: the article's content was cast into the UPSIDES data "
              "standard; nothing beyond the article was added.")
    return sources, licenses, credit


def package_meta(src: dict[str, Any], kind: str, label: str | None = None) -> PackageMeta:
    sources, licenses, credit = _credit(src)
    keywords = ["UPSIDES", "peer support", "mental health workers", "focus groups",
                "qualitative research"]
    if kind == "codebook":
        return PackageMeta(
            name=CODEBOOK_PACKAGE["name"], kind="codebook", access_level="public",
            version=CODEBOOK_PACKAGE["version"],
            title="UPSIDES MHW pre-implementation study 2019-2020: study, themes and findings",
            description=("The consortium codebook package of the UPSIDES pre-implementation "
                         "focus groups with mental health workers: the study, its ethics "
                         "approvals, publication, funding, topic guide, themes and cross-site "
                         "findings. " + credit),
            study=STUDY_ID, codebook=dict(CODEBOOK_PACKAGE), licenses=licenses,
            sources=sources, keywords=keywords)
    assert label is not None
    site = next(x for x in src["sites"] if x["label"] == label)
    return PackageMeta(
        name=f"upsides-mhw-2019-{SITE_SCOPES[label]}", kind="site", access_level="public",
        version="1.0.0",
        title=f"UPSIDES MHW pre-implementation focus group 2019-2020: {site['name']} ({label})",
        description=(f"The site package of {site['abbreviation_expansion']} in the UPSIDES "
                     "pre-implementation focus groups with mental health workers: the site, its "
                     "income classification, its focus group and transcript record, and the "
                     "quotes and citation-only references the article publishes. " + credit),
        site=Ids.site(label), study=STUDY_ID, codebook=dict(CODEBOOK_PACKAGE),
        licenses=licenses, sources=sources, keywords=keywords)


def build(out_dir: Path = HERE, source: Path = SOURCE) -> list[Path]:
    """Write the codebook package and the six site packages under ``out_dir``; return their paths."""
    src = load_source(source)
    ids = Ids(src)
    written = [write_package(out_dir / "codebook", package_meta(src, "codebook"),
                             codebook_tables(src, ids), overwrite=True)]
    labels = [site["label"] for site in src["sites"]]
    if sorted(labels) != sorted(SITE_SCOPES):
        raise SourceError(f"expected the sites {sorted(SITE_SCOPES)}, found {sorted(labels)}")
    for site in src["sites"]:
        label = site["label"]
        written.append(write_package(out_dir / SITE_SCOPES[label], package_meta(src, "site", label),
                                     site_tables(src, site, ids), overwrite=True))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE,
                        help="folder to write the packages into (default: beside this script)")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the paper extraction (YAML)")
    args = parser.parse_args(argv)
    try:
        for path in build(args.out, args.source):
            print(path)
    except UpsidesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
