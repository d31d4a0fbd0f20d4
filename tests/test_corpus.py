"""The UPSIDES example corpus: rebuilt byte-for-byte from its source and true to the paper.

The figures asserted here are the ones Krumm et al. (2022) publish; the site lists of the key
cross-site findings are written out by hand from the Results and Discussion, not read back from
``paper.yaml``, so that an extraction error would show up as a failure.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import frictionless
import polars as pl
import pytest
import yaml

from upsides_data.package import open_package

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "upsides-mhw-2019"
SITE_SCOPES = {"Ulm": "ulm", "UKE": "uke", "BU": "bu", "DS": "ds", "BGU": "bgu", "AD": "ad"}
PACKAGES = ["codebook", *SITE_SCOPES.values()]
LABEL = re.compile(r"^([A-Za-z][A-Za-z0-9]*) ([0-9]+)$")


def _load_builder():
    spec = importlib.util.spec_from_file_location("upsides_corpus_build", CORPUS / "build.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def source() -> dict:
    return yaml.safe_load((CORPUS / "source" / "paper.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tables() -> dict[str, dict[str, pl.DataFrame]]:
    """Every table of every committed package, as text frames: {package: {table: frame}}."""
    out = {}
    for name in PACKAGES:
        package = open_package(CORPUS / name)
        out[name] = {table: package.text_frame(table) for table in package.resources()}
    return out


def _concat(tables, table: str) -> pl.DataFrame:
    return pl.concat([tables[s][table] for s in SITE_SCOPES.values()], how="vertical")


def test_builder_reproduces_committed_packages_byte_for_byte(tmp_path):
    builder = _load_builder()
    written = builder.build(tmp_path)
    assert sorted(p.name for p in written) == sorted(PACKAGES)
    for name in PACKAGES:
        built = {p.relative_to(tmp_path / name): p.read_bytes()
                 for p in (tmp_path / name).rglob("*") if p.is_file()}
        committed = {p.relative_to(CORPUS / name): p.read_bytes()
                     for p in (CORPUS / name).rglob("*") if p.is_file()}
        assert sorted(built) == sorted(committed), f"{name}: different file sets"
        for rel, data in built.items():
            assert data == committed[rel], (
                f"{name}/{rel} differs from a rebuild: run "
                "`.venv/bin/python examples/upsides-mhw-2019/build.py` and review the diff")


def test_builder_reports_a_broken_source_without_traceback(tmp_path, capsys):
    builder = _load_builder()
    broken = tmp_path / "paper.yaml"
    broken.write_text("study: [unclosed\n", encoding="utf-8")
    assert builder.main(["--out", str(tmp_path / "out"), "--source", str(broken)]) == 2
    assert "not valid YAML" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_descriptors_are_public_and_credit_the_paper(tables):
    for name in PACKAGES:
        meta = open_package(CORPUS / name).meta
        assert meta.access_level == "public"
        assert meta.kind == ("codebook" if name == "codebook" else "site")
        assert meta.codebook == {"name": "upsides-mhw-2019-codebook", "version": "1.0.0"}
        assert meta.study == "upsides:mhw-2019/study"
        assert meta.synthetic is False
        assert [lic["path"] for lic in meta.licenses] == ["https://creativecommons.org/licenses/by/4.0/"]
        assert meta.sources[0]["path"] == "https://doi.org/10.1186/s12888-022-04206-5"
        assert "BMC Psychiatry. 2022;22:604" in meta.sources[0]["title"]
        assert "Krumm S" in meta.sources[0]["title"] and "Moran G" in meta.sources[0]["title"]
        assert "CC BY 4.0" in (meta.description or "")
        if name != "codebook":
            assert meta.site == f"upsides:{name}/site"


def test_six_sites_in_five_countries_with_fy2020_income_groups(tables):
    sites = _concat(tables, "site")
    assert sorted(sites["label"].to_list()) == sorted(SITE_SCOPES)
    assert sites["country"].n_unique() == 5
    income = _concat(tables, "income_classification").unique().sort("id")
    assert dict(zip(income["country"], income["income_group"])) == {
        "DE": "HIC", "IL": "HIC", "IN": "LMIC", "TZ": "LIC", "UG": "LIC"}
    assert set(income["fiscal_year"]) == {"2020"}
    assert income["id"].to_list() == [f"upsides:worldbank/{c}-FY2020"
                                      for c in ("DE", "IL", "IN", "TZ", "UG")]
    participation = _concat(tables, "site_participation")
    assert participation.height == 6
    assert participation["income_classification"].null_count() == 0


def test_six_focus_groups_without_invented_dates_durations_or_counts(tables):
    groups = _concat(tables, "focus_group")
    assert groups.height == 6
    assert groups["site"].n_unique() == 6
    assert set(groups["population"]) == {"MHW"}
    for column in ("held_on", "duration_minutes", "venue", "moderator", "participant_count",
                   "participant_count_female", "age_mean"):
        assert groups[column].null_count() == 6, column
    assert _concat(tables, "participant").height == 0
    languages = _concat(tables, "focus_group_languages")
    assert languages.rows() == [("upsides:bu/fg-1", "en")]


def test_transcripts_hold_the_published_method_and_no_text(tables):
    transcripts = _concat(tables, "transcript").sort("id")
    assert transcripts.height == 6
    assert transcripts["text"].null_count() == 6
    assert set(transcripts["access_level"]) == {"public"}
    assert set(transcripts["transcription_method"]) == {"verbatim"}
    assert set(transcripts["checked_by_role"]) == {"moderator"}
    by_id = {row["id"]: row for row in transcripts.iter_rows(named=True)}
    assert by_id["upsides:bu/transcript-1"]["translation_method"] == "none"
    assert by_id["upsides:bu/transcript-1"]["original_language"] == "en"
    for scope in ("ulm", "uke", "ds", "bgu", "ad"):
        row = by_id[f"upsides:{scope}/transcript-1"]
        assert row["translation_method"] == "forward"
        assert row["translator_role"] == "bilingual speaker at the site"
        assert row["translation_target_language"] == "en"
        assert row["original_language"] is None  # the paper does not name the local languages


def test_study_holds_the_published_aggregates(tables):
    (study,) = tables["codebook"]["study"].iter_rows(named=True)
    assert study["id"] == "upsides:mhw-2019/study"
    assert (study["phase"], study["population"], study["design"]) == (
        "pre-implementation", "MHW", "focus-groups")
    assert (study["period_start"], study["period_end"]) == ("2019-11", "2020-01")
    assert (study["participant_count"], study["participant_count_female"]) == ("35", "20")
    assert study["participant_count_male"] is None  # not stated in the paper
    assert (study["age_mean"], study["age_min"], study["age_max"]) == ("37", "22", "63")
    assert (study["duration_minutes_min"], study["duration_minutes_max"]) == ("45", "120")
    assert study["reporting_guideline"] == "COREQ"
    assert "CFIR" in study["guiding_framework"]
    assert "Braun and Clarke" in study["analysis_approach"]
    assert study["trial_registration"] is None  # the paper states none
    assert study["licence"] == "https://creativecommons.org/licenses/by/4.0/"
    assert sorted(tables["codebook"]["study_software"]["software"]) == ["MAXQDA 2011", "MAXQDA 2020"]
    assert tables["codebook"]["publication"]["doi"].to_list() == ["10.1186/s12888-022-04206-5"]
    assert tables["codebook"]["ethics_approval"].height == 8
    assert "779263" in tables["codebook"]["funding"]["grant_number"].to_list()


def test_topic_guide_has_three_topics_and_no_invented_questions(tables):
    cb = tables["codebook"]
    assert cb["topic_guide"]["guiding_framework"].to_list() == [
        "Consolidated Framework for Implementation Research (CFIR)"]
    topics = cb["topic"].sort("position")
    assert topics["title"].to_list() == [
        "collaboration with PSWs", "organizational and team culture", "needs for support"]
    assert cb["question"].height == 0


def test_analysts_are_published_initials_with_roles(tables):
    cb = tables["codebook"]
    assert sorted(cb["analyst"]["pseudonym"]) == ["GM", "MH", "PGE", "SH", "SK"]
    roles = {(a.rsplit("-", 1)[1], r) for a, r in cb["analyst_team_roles"].rows()}
    for initials in ("mh", "sk", "gm", "pge"):
        assert (initials, "analyst") in roles and (initials, "task-lead") in roles
    assert ("sh", "analyst") in roles and ("sh", "task-lead") not in roles


def test_four_main_themes_in_the_published_hierarchy(tables):
    themes = tables["codebook"]["theme"]
    parent = dict(zip(themes["id"], themes["parent"]))

    def depth(theme_id: str) -> int:
        return 1 if parent[theme_id] is None else 1 + depth(parent[theme_id])

    levels = [depth(t) for t in themes["id"]]
    assert (levels.count(1), levels.count(2), levels.count(3)) == (4, 12, 5)
    main = themes.filter(pl.col("parent").is_null()).sort("position")
    assert main["label"].to_list() == [
        "Expected benefits from peer support", "Challenges and concerns about peer support",
        "PSWs’ roles and boundaries",
        "Team collaboration and PSWs’ position in mental health services"]
    assert tables["codebook"]["code"].height == 0  # the paper names no codes


def test_quote_and_evidence_counts_match_the_source(tables, source):
    quotes = _concat(tables, "quote")
    evidence = _concat(tables, "evidence_reference")
    assert quotes.height == len(source["quotes"]) == source["counts"]["quotes"] == 26
    assert evidence.height == len(source["evidence_references"]) == 64
    assert evidence.height == source["counts"]["evidence_references"]
    for label, scope in SITE_SCOPES.items():
        assert tables[scope]["quote"].height == source["counts"]["quotes_by_site"][label]
        assert (tables[scope]["evidence_reference"].height
                == source["counts"]["evidence_references_by_site"][label])
    assert quotes.height + evidence.height == source["counts"]["label_occurrences_in_results"]


@pytest.mark.parametrize("table", ["quote", "evidence_reference"])
def test_every_label_parses_and_matches_its_site(tables, table):
    checked = 0
    for label, scope in SITE_SCOPES.items():
        frame = tables[scope][table]
        for row in frame.iter_rows(named=True):
            match = LABEL.match(row["label"])
            assert match, row["label"]
            assert match.group(1) == row["label_site"] == label
            assert match.group(2) == row["label_chapter"]
            assert row["id"].startswith(f"upsides:{scope}/")
            assert row["transcript"] == f"upsides:{scope}/transcript-1"
            checked += 1
    assert checked > 0


def test_every_quote_and_reference_sits_under_one_existing_theme(tables):
    theme_ids = set(tables["codebook"]["theme"]["id"])
    for table, link, key in (("quote", "quote_themes", "quote"),
                             ("evidence_reference", "evidence_reference_themes",
                              "evidence_reference")):
        records = _concat(tables, table)
        links = _concat(tables, link)
        assert sorted(links[key]) == sorted(records["id"])  # exactly one theme each
        assert set(links["theme"]) <= theme_ids


def test_quotes_are_verbatim_from_the_paper(tables, reference_dir):
    paper = (reference_dir / "krumm-2022-bmc-psychiatry-fulltext.txt").read_text(encoding="utf-8")
    paper = re.sub(r"[\u00a0\u2009]", " ", paper)
    quotes = _concat(tables, "quote")
    for text in quotes["text"]:
        for part in text.split("\n"):  # a dialogue quote spans printed paragraphs
            assert part in paper, part[:60]
    for statement in _concat(tables, "evidence_reference")["statement"]:
        assert statement in paper, statement[:60]


def _finding_sites(tables) -> dict[str, set[str]]:
    labels = {f"upsides:{scope}/site": label for label, scope in SITE_SCOPES.items()}
    out = {fid: set() for fid in tables["codebook"]["finding"]["id"]}
    for fid, site in tables["codebook"]["finding_sites"].rows():
        out[fid].add(labels[site])
    return out


def test_each_finding_lists_the_sites_its_text_states(tables, source):
    sites = _finding_sites(tables)
    assert len(sites) == len(source["findings"]) == source["counts"]["findings"]
    for finding in source["findings"]:
        assert sites[f"upsides:mhw-2019/finding-{finding['id']}"] == set(finding.get("sites") or [])


@pytest.mark.parametrize(("finding", "expected"), [
    # "In Ahmedabad, Dar es Salaam, Butabika and Ulm, participants stressed a need for role clarity."
    ("need-for-role-clarity", {"AD", "DS", "BU", "Ulm"}),
    # "some participants in Be'er Sheva tended to accept blurred role boundaries"
    ("blurred-boundaries-accepted", {"BGU"}),
    # Discussion: "participants in Ahmedabad, Dar es Salaam and Butabika emphasized ... 'bridge builders'"
    ("bridge-builders", {"AD", "DS", "BU"}),
    # "In Dar es Salaam and Ulm ... PSWs can ease MHWs' workload"
    ("reduced-workload", {"DS", "Ulm"}),
    # "Participants in Hamburg reported difficulties with 'new' vs. 'established' PSWs' roles."
    ("new-vs-established-roles", {"UKE"}),
    # "Supporting clients with medication was an important issue that emerged in Dar es Salaam and Butabika."
    ("medication-support-ds-bu", {"DS", "BU"}),
    # "Participants in Butabika, Dar es Salaam and Ahmedabad described PSWs as supporters"
    ("supporters-and-utilizers", {"BU", "DS", "AD"}),
    # "Supporting service users by sharing PSWs' lived experiences ... throughout all focus group discussions."
    ("sharing-experiences-all-sites", set(SITE_SCOPES)),
    # "PSWs learn ... personal recovery": "In Butabika, Dar es Salaam and Ahmedabad"
    ("benefits-for-psws-recovery", {"BU", "DS", "AD"}),
    # The payment concern names no site in the text: no site is recorded.
    ("psw-payment", set()),
])
def test_key_findings_name_the_published_sites(tables, finding, expected):
    assert _finding_sites(tables)[f"upsides:mhw-2019/finding-{finding}"] == expected


def test_findings_point_at_records_of_the_site_packages(tables):
    quotes = set(_concat(tables, "quote")["id"])
    evidence = set(_concat(tables, "evidence_reference")["id"])
    cb = tables["codebook"]
    assert cb["finding_quotes"].height > 0 and cb["finding_evidence_references"].height > 0
    assert set(cb["finding_quotes"]["quote"]) <= quotes
    assert set(cb["finding_evidence_references"]["evidence_reference"]) <= evidence
    assert set(cb["finding"]["theme"]) <= set(cb["theme"]["id"])


@pytest.mark.parametrize("name", PACKAGES)
def test_stock_frictionless_validate_passes(name):
    report = frictionless.validate(str(CORPUS / name / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]


def test_upsides_validate_finds_nothing_in_the_whole_corpus():
    from upsides_data.validate.runner import validate

    report = validate([CORPUS / name for name in PACKAGES])
    assert [str(f) for f in report.findings] == []
    assert report.valid


@pytest.mark.parametrize("scope", list(SITE_SCOPES.values()))
def test_upsides_validate_passes_each_site_with_the_codebook(scope):
    from upsides_data.validate.runner import validate

    report = validate(CORPUS / scope, codebook=CORPUS / "codebook")
    assert [str(f) for f in report.findings] == []
