"""Mapping package tables to the REFI-QDA model (the export direction).

Codes become a tree of codable ``Code``s; themes become a second tree of codable ``Code``s under one
non-codable root named "Themes" (so that quote-to-theme assignments survive as codings and the
theme hierarchy as nesting), and each theme's codes become a ``Set`` (``theme_codes`` is
many-to-many, which nesting cannot hold). See ``docs/qda-mapping.md``.

Tables arrive as ``{table: [row, ...]}`` with text cells (None when empty). Everything that QDPX
cannot hold is reported as a warning finding with a count, never dropped silently.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from typing import Any

from upsides_data.errors import InvalidInputError
from upsides_data.findings import Finding, Report, Severity
from upsides_data.limits import MAX_NESTING, too_deep
from upsides_data.qda import model as m
from upsides_data.qda.guids import guid_for, slot_guid, span_guid
from upsides_data.qda.xmlsafe import FORBIDDEN, clean

Rows = list[dict[str, Any]]
Tables = dict[str, Rows]

THEMES_ROOT_NAME = "Themes"
EXCERPT_MARKER = "upsides-data: published quotes only, not the full transcript"

# Participant slots that become case variables: (slot, REFI type)
CASE_VARIABLES = [("role", "Text"), ("gender", "Text"), ("age_band", "Text"), ("age_years", "Integer"),
                  ("profession", "Text"), ("years_experience", "Integer"),
                  ("prior_peer_support_experience", "Boolean"), ("consent_recorded", "Boolean")]

# Columns the mapping carries; any other non-empty column is reported as not expressible.
CARRIED = {
    "analyst": {"id", "pseudonym"},
    "code": {"id", "codebook", "label", "parent", "definition", "position"},
    "theme": {"id", "codebook", "label", "parent", "description", "position"},
    "theme_codes": {"theme", "code"},
    "codebook": {"id"},
    "participant": {"id", *(slot for slot, _ in CASE_VARIABLES)},
    "participant_focus_groups_attended": {"participant", "focus_group"},
    "transcript": {"id", "focus_group", "text", "access_level"},
    "quote": {"id", "transcript", "text", "label", "label_site", "label_chapter", "speaker",
              "start_offset", "end_offset"},
    "quote_codes": {"quote", "code"},
    "quote_themes": {"quote", "theme"},
    "coding": {"id", "code", "transcript", "start_offset", "end_offset", "coder", "coded_on",
               "quote"},
    "memo": {"id", "author", "about_code", "about_theme", "about_quote", "text", "written_on"},
}
NOT_CARRIED_TABLES = {"focus_group": "only as the grouping of its transcripts"}


def _finding(message: str, *, table: str | None = None, rule: str = "qda-not-expressible",
             severity: Severity = Severity.WARNING, field: str | None = None,
             hint: str | None = None) -> Finding:
    return Finding(rule=rule, message=message, severity=severity,
                   file=f"{table}.csv" if table else None, field=field, hint=hint)


def _sort_key(row: dict[str, Any]) -> tuple[int, str, str]:
    pos = row.get("position")
    return (int(pos) if pos not in (None, "") else 1 << 62, row.get("label") or "", row["id"])


def _date_time(date: str | None) -> str | None:
    """A full ISO date as an xsd:dateTime at midnight UTC; partial dates have no dateTime."""
    return f"{date}T00:00:00Z" if date and len(date) == 10 else None


def _local(curie: str) -> str:
    return curie.split("/", 1)[-1]


def coverage_findings(tables: Tables) -> list[Finding]:
    """What the export leaves out: whole tables and non-empty columns QDPX cannot hold."""
    findings = []
    for table in sorted(tables):
        rows = tables[table]
        if not rows:
            continue
        carried = CARRIED.get(table)
        if carried is None:
            how = NOT_CARRIED_TABLES.get(table, "not at all")
            findings.append(_finding(f"{len(rows)} rows of table {table} are not expressible in QDPX "
                                     f"(carried {how})", table=table))
            continue
        for column in sorted({c for row in rows for c in row}):
            if column in carried or column == "synthetic":
                continue
            count = sum(1 for row in rows if row.get(column) not in (None, ""))
            if count:
                findings.append(_finding(f"{count} values of {table}.{column} are not expressible "
                                         "in QDPX", table=table, field=column))
    return findings


class _TextMap:
    """Cleaning a transcript of forbidden characters shifts offsets; this maps old to new."""

    def __init__(self, text: str) -> None:
        self.removed = [match.start() for match in FORBIDDEN.finditer(text)]
        self.text = clean(text) if self.removed else text

    def __call__(self, offset: int) -> int:
        return offset - bisect_left(self.removed, offset) if self.removed else offset


def _refuse_unreachable(rows: Rows, by_parent: dict[str | None, Rows], table: str) -> None:
    """Every row must hang from a root within ``MAX_NESTING`` levels, or the export is refused.

    Rows on a parent cycle (A -> B -> A) are reached from no root, so a tree walk would leave
    them out of the file without a word; a chain deeper than the limit would be refused by our own
    importer. Both are refused here (``hierarchy-cycle``, exit 1; ``nesting-too-deep``, exit 2).
    """
    level = {row["id"]: 1 for row in by_parent.get(None, [])}
    frontier = list(by_parent.get(None, []))
    while frontier:
        row = frontier.pop()
        for kid in by_parent.get(row["id"], []):
            if kid["id"] not in level:
                level[kid["id"]] = level[row["id"]] + 1
                frontier.append(kid)
    if level and max(level.values()) > MAX_NESTING:
        raise too_deep(f"{table}.csv", hint=f"a {table} hierarchy of more than {MAX_NESTING} "
                       "levels cannot be exported; give deep entries a parent nearer the root")
    lost = sorted(row["id"] for row in rows if row["id"] not in level)
    if lost:
        report = Report(findings=[Finding(
            "hierarchy-cycle", f"{table} {ident} is its own ancestor through parent; it would be "
            "left out of the export", file=f"{table}.csv", field="parent",
            hint=f"a {table} hierarchy must be a tree: give one {table} on the cycle an empty "
                 "parent or a parent outside the cycle") for ident in lost])
        raise InvalidInputError(f"{len(lost)} {table} records are on a parent cycle and would be "
                                "lost in the export", report)


def build_codebook(tables: Tables, findings: list[Finding]) -> tuple[list[m.Code], list[m.Set]]:
    """The code tree, the Themes tree and the theme sets."""
    memos_about: dict[str, list[str]] = defaultdict(list)
    for memo in tables.get("memo", []):
        for slot in ("about_code", "about_theme"):
            if memo.get(slot):
                memos_about[memo[slot]].append(guid_for(memo["id"]))

    def tree(rows: Rows, describe: str, table: str) -> list[m.Code]:
        by_parent: dict[str | None, Rows] = defaultdict(list)
        ids = {row["id"] for row in rows}
        for row in rows:
            parent = row.get("parent")
            by_parent[parent if parent in ids else None].append(row)
        _refuse_unreachable(rows, by_parent, table)

        def build(row: dict[str, Any], seen: frozenset[str]) -> m.Code:
            kids = [] if row["id"] in seen else sorted(by_parent.get(row["id"], []), key=_sort_key)
            return m.Code(guid=guid_for(row["id"]), name=clean(row["label"]),
                          description=clean(row[describe]) if row.get(describe) else None,
                          note_refs=sorted(memos_about.get(row["id"], [])),
                          children=[build(k, seen | {row["id"]}) for k in kids])

        return [build(row, frozenset()) for row in sorted(by_parent.get(None, []), key=_sort_key)]

    codes = tree(tables.get("code", []), "definition", "code")
    themes = tables.get("theme", [])
    if themes:
        codebook = (tables.get("codebook") or [{"id": themes[0]["codebook"]}])[0]["id"]
        codes.append(m.Code(guid=guid_for(codebook, "themes"), name=THEMES_ROOT_NAME, codable=False,
                            description="The themes of the analysis (upsides-data); each theme's "
                                        "codes are the Set of the same name.",
                            children=tree(themes, "description", "theme")))
    code_ids = {row["id"] for row in tables.get("code", [])}
    members: dict[str, list[str]] = defaultdict(list)
    for link in tables.get("theme_codes", []):
        if link["code"] in code_ids:
            members[link["theme"]].append(guid_for(link["code"]))
        else:
            findings.append(_finding(f"theme {link['theme']} lists code {link['code']}, which no "
                                     "given codebook holds; left out", table="theme_codes",
                                     rule="qda-unknown-reference"))
    sets = [m.Set(guid=guid_for(row["id"], "codes"), name=clean(row["label"]),
                  description=f"Codes of the theme {clean(row['label'])}",
                  member_codes=sorted(members[row["id"]]))
            for row in sorted(themes, key=_sort_key) if members.get(row["id"])]
    return codes, sets


def build_project(tables: Tables, *, name: str, origin: str) -> tuple[m.Project, dict[str, bytes], list[Finding]]:
    """The project, the files of its ``sources/`` folder, and what could not be carried."""
    findings = coverage_findings(tables)
    project = m.Project(name=clean(name), origin=origin)
    project.users = [m.User(guid=guid_for(a["id"]), name=clean(a["pseudonym"]), id=a["id"])
                     for a in sorted(tables.get("analyst", []), key=lambda r: r["id"])]
    user_ids = {a["id"] for a in tables.get("analyst", [])}

    def user(curie: str | None) -> str | None:
        return guid_for(curie) if curie and curie in user_ids else None

    project.codes, project.sets = build_codebook(tables, findings)
    known_codes = {row["id"] for row in tables.get("code", [])}
    known_themes = {row["id"] for row in tables.get("theme", [])}

    memos_about_quote: dict[str, list[str]] = defaultdict(list)
    for memo in tables.get("memo", []):
        if memo.get("about_quote"):
            memos_about_quote[memo["about_quote"]].append(guid_for(memo["id"]))

    quotes_by_transcript: dict[str, Rows] = defaultdict(list)
    for quote in tables.get("quote", []):
        quotes_by_transcript[quote["transcript"]].append(quote)
    codings_by_quote: dict[str, Rows] = defaultdict(list)
    spans_by_transcript: dict[str, Rows] = defaultdict(list)
    for coding in tables.get("coding", []):
        if coding.get("quote"):
            codings_by_quote[coding["quote"]].append(coding)
        else:
            spans_by_transcript[coding["transcript"]].append(coding)
    quote_codes: dict[str, list[str]] = defaultdict(list)
    for link in tables.get("quote_codes", []):
        quote_codes[link["quote"]].append(link["code"])
    quote_themes: dict[str, list[str]] = defaultdict(list)
    for link in tables.get("quote_themes", []):
        quote_themes[link["quote"]].append(link["theme"])

    partial_dates = 0
    unknown_refs = 0

    def coding_of(row: dict[str, Any]) -> m.Coding | None:
        nonlocal partial_dates, unknown_refs
        if row["code"] not in known_codes:
            unknown_refs += 1
            return None
        created = _date_time(row.get("coded_on"))
        partial_dates += bool(row.get("coded_on") and not created)
        return m.Coding(guid=guid_for(row["id"]), code=guid_for(row["code"]),
                        creating_user=user(row.get("coder")), created=created)

    def quote_codings(quote_id: str) -> list[m.Coding]:
        nonlocal unknown_refs
        out, covered = [], set()
        for row in sorted(codings_by_quote.get(quote_id, []), key=lambda r: r["id"]):
            coding = coding_of(row)
            if coding:
                out.append(coding)
                covered.add(row["code"])
        for code in sorted(set(quote_codes.get(quote_id, [])) - covered):
            if code not in known_codes:
                unknown_refs += 1
                continue
            out.append(m.Coding(guid=guid_for(quote_id, f"code:{code}"), code=guid_for(code)))
        for theme in sorted(set(quote_themes.get(quote_id, []))):
            if theme not in known_themes:
                unknown_refs += 1
                continue
            out.append(m.Coding(guid=guid_for(quote_id, f"theme:{theme}"), code=guid_for(theme)))
        return out

    files: dict[str, bytes] = {}
    exported_quotes: set[str] = set()
    skipped_quotes = skipped_spans = differing = 0
    fg_of: dict[str, list[str]] = defaultdict(list)
    for transcript in sorted(tables.get("transcript", []), key=lambda r: r["id"]):
        tid = transcript["id"]
        fg_of[transcript["focus_group"]].append(guid_for(tid))
        quotes = sorted(quotes_by_transcript.get(tid, []), key=lambda r: r["id"])
        selections: list[m.Selection] = []
        description = None
        if transcript.get("text") is not None:
            tmap = _TextMap(transcript["text"])
            if tmap.removed:
                findings.append(_finding(
                    f"transcript {tid}: {len(tmap.removed)} characters XML 1.0 forbids were removed "
                    "and offsets adjusted", table="transcript", field="text",
                    rule="qda-forbidden-characters"))
            text = tmap.text
            placed = []
            for quote in quotes:
                if quote.get("start_offset") is None or quote.get("end_offset") is None:
                    skipped_quotes += 1
                    continue
                if transcript["text"][int(quote["start_offset"]):int(quote["end_offset"])] != quote["text"]:
                    differing += 1
                placed.append((quote, tmap(int(quote["start_offset"])), tmap(int(quote["end_offset"]))))
            for coding in spans_by_transcript.get(tid, []):
                if coding.get("start_offset") is None or coding.get("end_offset") is None:
                    skipped_spans += 1
            spans: dict[tuple[int, int], Rows] = defaultdict(list)
            for coding in spans_by_transcript.get(tid, []):
                if coding.get("start_offset") is not None and coding.get("end_offset") is not None:
                    spans[(int(coding["start_offset"]), int(coding["end_offset"]))].append(coding)
            for (start, end), rows in sorted(spans.items()):
                codings = [c for c in (coding_of(r) for r in sorted(rows, key=lambda r: r["id"])) if c]
                if codings:
                    selections.append(m.Selection(guid=span_guid(tid, start, end), start=tmap(start),
                                                  end=tmap(end), codings=codings))
        else:
            # A public package has no transcript text: the source is the published quotes.
            description = EXCERPT_MARKER
            parts, placed, pos = [], [], 0
            for quote in quotes:
                qtext = clean(quote["text"])
                placed.append((quote, pos, pos + len(qtext)))
                parts.append(qtext)
                pos += len(qtext) + 2
            text = "\n\n".join(parts)
            skipped_spans += len(spans_by_transcript.get(tid, []))
        for quote, start, end in placed:
            exported_quotes.add(quote["id"])
            selections.append(m.Selection(guid=guid_for(quote["id"]), start=start, end=end,
                                          name=clean(quote["label"]) if quote.get("label") else None,
                                          codings=quote_codings(quote["id"]),
                                          note_refs=sorted(memos_about_quote.get(quote["id"], []))))
        selections.sort(key=lambda s: (s.start, s.end, s.guid))
        guid = guid_for(tid)
        files[f"{guid}.txt"] = text.encode("utf-8")
        project.sources.append(m.TextSource(guid=guid, name=_local(tid), description=description,
                                            plain_text_path=f"internal://{guid}.txt",
                                            selections=selections))
    if skipped_quotes:
        findings.append(_finding(f"{skipped_quotes} quotes have no offsets in a transcript with text "
                                 "and cannot become selections", table="quote",
                                 field="start_offset"))
    if skipped_spans:
        findings.append(_finding(f"{skipped_spans} codings without a quote cannot be placed (no "
                                 "offsets, or no transcript text)", table="coding",
                                 field="start_offset"))
    if differing:
        findings.append(_finding(f"{differing} quotes differ from the transcript text at their "
                                 "offsets; QDPX keeps the span, not the quote text", table="quote",
                                 field="text"))
    memo_partial = sum(1 for r in tables.get("memo", [])
                       if r.get("written_on") and not _date_time(r["written_on"]))
    if memo_partial:
        findings.append(_finding(f"{memo_partial} memo dates are partial (year or month) and have "
                                 "no xsd:dateTime", table="memo", field="written_on"))
    if unknown_refs:
        findings.append(_finding(f"{unknown_refs} codings refer to codes or themes that no given "
                                 "codebook package holds; left out", table="coding",
                                 rule="qda-unknown-reference",
                                 hint="pass the codebook package along with the site package"))
    if partial_dates:
        findings.append(_finding(f"{partial_dates} coding dates are partial (year or month) and "
                                 "have no xsd:dateTime", table="coding", field="coded_on"))

    present = [(slot, kind) for slot, kind in CASE_VARIABLES
               if any(p.get(slot) not in (None, "") for p in tables.get("participant", []))]
    project.variables = [m.Variable(guid=slot_guid(slot), name=slot, type=kind) for slot, kind in present]
    attended: dict[str, list[str]] = defaultdict(list)
    for link in tables.get("participant_focus_groups_attended", []):
        attended[link["participant"]].extend(fg_of.get(link["focus_group"], []))
    spoken: dict[str, list[str]] = defaultdict(list)
    for quote in tables.get("quote", []):
        if quote.get("speaker") and quote["id"] in exported_quotes:
            spoken[quote["speaker"]].append(guid_for(quote["id"]))
    for person in sorted(tables.get("participant", []), key=lambda r: r["id"]):
        values = [m.VariableValue(slot_guid(slot), kind, str(person[slot]))
                  for slot, kind in present if person.get(slot) not in (None, "")]
        project.cases.append(m.Case(guid=guid_for(person["id"]), name=_local(person["id"]),
                                    values=values, source_refs=sorted(set(attended[person["id"]])),
                                    selection_refs=sorted(spoken[person["id"]])))

    referenced = {g for s in project.sources for sel in s.selections for g in sel.note_refs}
    referenced |= {g for code, _ in project.walk_codes() for g in code.note_refs}
    for memo in sorted(tables.get("memo", []), key=lambda r: r["id"]):
        guid = guid_for(memo["id"])
        project.notes.append(m.Note(guid=guid, name=_local(memo["id"]), text=clean(memo["text"]),
                                    creating_user=user(memo.get("author")),
                                    created=_date_time(memo.get("written_on"))))
        if guid not in referenced:
            project.note_refs.append(guid)
            if memo.get("about_quote") or memo.get("about_code") or memo.get("about_theme"):
                findings.append(_finding(f"memo {memo['id']} is about a record the export does not "
                                         "hold; attached to the project instead", table="memo"))
    return project, files, findings
