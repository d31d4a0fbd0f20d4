"""Mapping package tables to the REFI-QDA model (the export direction).

Codes become a tree of codable ``Code``s; themes become a second tree of codable ``Code``s under one
non-codable root named "Themes" (so that quote-to-theme assignments survive as codings and the
theme hierarchy as nesting), and each theme's codes become a ``Set`` (``theme_codes`` is
many-to-many, which nesting cannot hold). See ``docs/qda-mapping.md``.

Tables arrive as text frames (every cell a string, None when empty). The small tables (codebook,
analysts, participants, memos) become rows; the big ones (transcripts, quotes, codings and their
links) stay frames and are sliced one transcript at a time, so a project is built and written one
source at a time (``ProjectStream``) and its quotes and codings never all exist as Python objects.
Everything that QDPX cannot hold is reported as a warning finding with a count, never dropped
silently.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import polars as pl

from upsides_data.errors import InvalidInputError
from upsides_data.findings import Finding, Report, Severity
from upsides_data.limits import MAX_NESTING, too_deep
from upsides_data.qda import model as m
from upsides_data.qda.guids import guid_for, slot_guid, span_guid
from upsides_data.qda.xmlsafe import FORBIDDEN, clean

Rows = list[dict[str, Any]]
Tables = dict[str, Rows]
Frames = dict[str, pl.DataFrame]

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


def coverage_findings(frames: Frames) -> list[Finding]:
    """What the export leaves out: whole tables and non-empty columns QDPX cannot hold.

    Counted column-wise on the frames: a table's rows never become Python objects here."""
    findings = []
    for table in sorted(frames):
        frame = frames[table]
        if frame.height == 0:
            continue
        carried = CARRIED.get(table)
        if carried is None:
            how = NOT_CARRIED_TABLES.get(table, "not at all")
            findings.append(_finding(f"{frame.height} rows of table {table} are not expressible in "
                                     f"QDPX (carried {how})", table=table))
            continue
        for column in sorted(frame.columns):
            if column in carried or column == "synthetic":
                continue
            count = frame.select(_filled(column).sum()).item()
            if count:
                findings.append(_finding(f"{count} values of {table}.{column} are not expressible "
                                         "in QDPX", table=table, field=column))
    return findings


def carried_only(table: str, frame: pl.DataFrame) -> pl.DataFrame | None:
    """The columns of ``table`` the export reads (None for a table it does not carry): what
    ``coverage_findings`` has counted is dropped before the project is built."""
    carried = CARRIED.get(table)
    if carried is None:
        return None
    return frame.select([c for c in frame.columns if c in carried])


def _filled(column: str) -> pl.Expr:
    """A cell that holds something: neither null nor the empty string."""
    return pl.col(column).cast(pl.String).fill_null("") != ""


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
            return m.Code(guid=guid_for(row["id"]), name=_name(row, table, findings),
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
    sets = []
    for row in sorted(themes, key=_sort_key):
        if members.get(row["id"]):
            name = clean(row["label"]) if row.get("label") else _local(row["id"])
            sets.append(m.Set(guid=guid_for(row["id"], "codes"), name=name,
                              description=f"Codes of the theme {name}",
                              member_codes=sorted(members[row["id"]])))
    return codes, sets


def _name(row: dict[str, Any], table: str, findings: list[Finding]) -> str:
    """A code's or theme's name; REFI-QDA requires one, so a record the source gives no label
    (with its absence reason) is named by its id, said in a finding, never a made-up label."""
    if row.get("label"):
        return clean(row["label"])
    reason = row.get("label_absent_reason")
    why = f" ({str(reason).replace('-', ' ')})" if reason else ""
    findings.append(_finding(f"{table} {row['id']} has no label{why}; REFI-QDA requires a "
                             f"name, so the project names it by its id, {_local(row['id'])!r}",
                             table=table, field="label"))
    return _local(row["id"])


# Columns the streamed tables are read with (a table a package lacks is an empty frame).
STREAMED = {
    "transcript": ["id", "focus_group", "text"],
    "quote": ["id", "transcript", "text", "label", "speaker", "start_offset", "end_offset"],
    "coding": ["id", "code", "transcript", "start_offset", "end_offset", "coder", "coded_on",
               "quote"],
    "quote_codes": ["quote", "code"],
    "quote_themes": ["quote", "theme"],
}


def _columns(frames: Frames, table: str, columns: list[str]) -> pl.DataFrame:
    """``table`` with exactly ``columns`` (absent ones null), as text."""
    frame = frames.get(table)
    if frame is None:
        return pl.DataFrame({c: pl.Series(c, [], dtype=pl.String) for c in columns})
    return frame.select([pl.col(c).cast(pl.String) if c in frame.columns
                         else pl.lit(None, dtype=pl.String).alias(c) for c in columns])


class _Slices:
    """A frame sorted by one key column, and where each key's rows are: slicing one key's rows
    copies nothing, and only that key's rows become dicts."""

    def __init__(self, frame: pl.DataFrame, key: str) -> None:
        self.frame = frame.sort(key, maintain_order=True, nulls_last=True)
        counts = self.frame.group_by(key, maintain_order=True).agg(pl.len().alias("_n"))
        self.where: dict[str, tuple[int, int]] = {}
        offset = 0
        for value, count in counts.iter_rows():
            if value is not None:
                self.where[value] = (offset, count)
            offset += count

    def rows(self, key: str) -> Rows:
        at = self.where.get(key)
        return [] if at is None else self.frame.slice(*at).to_dicts()


def _rows(frames: Frames, table: str) -> Rows:
    frame = frames.get(table)
    return [] if frame is None else frame.to_dicts()


def _by(rows: Rows, key: str) -> dict[str, Rows]:
    grouped: dict[str, Rows] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


@dataclass
class ProjectStream:
    """A project built one source at a time.

    ``project`` holds what the document has before its sources (users, codes, variables, cases)
    and the sets; iterating ``sources()`` builds each text source, puts its text in ``files``
    and adds to ``findings``; ``finish()``, once every source has been built, adds the notes,
    the project's note refs and the findings that count over all sources."""

    project: m.Project
    findings: list[Finding]
    files: dict[str, bytes] = field(default_factory=dict)
    sources: Callable[[], Iterator[m.TextSource]] = field(default=lambda: iter(()))
    finish: Callable[[], None] = field(default=lambda: None)


def build_project(frames: Frames, *, name: str, origin: str,
                  coverage: list[Finding] | None = None) -> ProjectStream:
    """The project, the files of its ``sources/`` folder, and what could not be carried.

    ``coverage``: the findings of ``coverage_findings`` when the caller counted them (and
    dropped what is not carried) before. The big tables are taken out of ``frames`` (popped),
    so that their sorted copies are the only ones kept."""
    findings = coverage_findings(frames) if coverage is None else list(coverage)
    project = m.Project(name=clean(name), origin=origin)
    tables: Tables = {t: _rows(frames, t) for t in ("analyst", "code", "theme", "theme_codes",
                                                     "codebook", "memo", "participant",
                                                     "participant_focus_groups_attended")}
    project.users = [m.User(guid=guid_for(a["id"]), name=clean(a["pseudonym"]), id=a["id"])
                     for a in sorted(tables["analyst"], key=lambda r: r["id"])]
    user_ids = {a["id"] for a in tables["analyst"]}

    def user(curie: str | None) -> str | None:
        return guid_for(curie) if curie and curie in user_ids else None

    project.codes, project.sets = build_codebook(tables, findings)
    known_codes = {row["id"] for row in tables["code"]}
    known_themes = {row["id"] for row in tables["theme"]}

    memos_about_quote: dict[str, list[str]] = defaultdict(list)
    for memo in tables["memo"]:
        if memo.get("about_quote"):
            memos_about_quote[memo["about_quote"]].append(guid_for(memo["id"]))

    transcripts = _columns(frames, "transcript", STREAMED["transcript"])
    frames.pop("transcript", None)
    quotes = _columns(frames, "quote", STREAMED["quote"])
    frames.pop("quote", None)
    quote_transcript = quotes.select(pl.col("id").alias("quote"),
                                     pl.col("transcript").alias("_transcript")).unique()
    spoken = _spoken(quotes, transcripts)

    def of_quotes(frame: pl.DataFrame) -> _Slices:
        """Rows about quotes, by the transcript of their quote."""
        return _Slices(frame.join(quote_transcript, on="quote", how="inner"), "_transcript")

    quotes_by_transcript = _Slices(quotes, "transcript")
    del quotes
    coding = _columns(frames, "coding", STREAMED["coding"])
    frames.pop("coding", None)
    coded_quotes = of_quotes(coding.filter(_filled("quote")))
    spans_by_transcript = _Slices(coding.filter(~_filled("quote")), "transcript")
    del coding
    quote_codes = of_quotes(_columns(frames, "quote_codes", STREAMED["quote_codes"]))
    frames.pop("quote_codes", None)
    quote_themes = of_quotes(_columns(frames, "quote_themes", STREAMED["quote_themes"]))
    frames.pop("quote_themes", None)

    fg_of: dict[str, list[str]] = defaultdict(list)
    for tid, group in transcripts.select("id", "focus_group").sort(
            "id", maintain_order=True).iter_rows():
        fg_of[group].append(guid_for(tid))

    counts = {"partial_dates": 0, "unknown_refs": 0, "skipped_quotes": 0, "skipped_spans": 0,
              "differing": 0}
    referenced: set[str] = set()

    def coding_of(row: dict[str, Any]) -> m.Coding | None:
        if row["code"] not in known_codes:
            counts["unknown_refs"] += 1
            return None
        created = _date_time(row.get("coded_on"))
        counts["partial_dates"] += bool(row.get("coded_on") and not created)
        return m.Coding(guid=guid_for(row["id"]), code=guid_for(row["code"]),
                        creating_user=user(row.get("coder")), created=created)

    def quote_codings(quote_id: str, codings_by_quote: dict[str, Rows],
                      codes_of: dict[str, Rows], themes_of: dict[str, Rows]) -> list[m.Coding]:
        out, covered = [], set()
        for row in sorted(codings_by_quote.get(quote_id, []), key=lambda r: r["id"]):
            coding = coding_of(row)
            if coding:
                out.append(coding)
                covered.add(row["code"])
        for code in sorted({r["code"] for r in codes_of.get(quote_id, [])} - covered):
            if code not in known_codes:
                counts["unknown_refs"] += 1
                continue
            out.append(m.Coding(guid=guid_for(quote_id, f"code:{code}"), code=guid_for(code)))
        for theme in sorted({r["theme"] for r in themes_of.get(quote_id, [])}):
            if theme not in known_themes:
                counts["unknown_refs"] += 1
                continue
            out.append(m.Coding(guid=guid_for(quote_id, f"theme:{theme}"), code=guid_for(theme)))
        return out

    stream = ProjectStream(project, findings)

    def source(transcript: dict[str, Any]) -> m.TextSource:
        tid = transcript["id"]
        quotes_here = sorted(quotes_by_transcript.rows(tid), key=lambda r: r["id"])
        spans_here = spans_by_transcript.rows(tid)
        codings_by_quote = _by(coded_quotes.rows(tid), "quote")
        codes_of = _by(quote_codes.rows(tid), "quote")
        themes_of = _by(quote_themes.rows(tid), "quote")
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
            for quote in quotes_here:
                if quote.get("start_offset") is None or quote.get("end_offset") is None:
                    counts["skipped_quotes"] += 1
                    continue
                if transcript["text"][int(quote["start_offset"]):int(quote["end_offset"])] != quote["text"]:
                    counts["differing"] += 1
                placed.append((quote, tmap(int(quote["start_offset"])), tmap(int(quote["end_offset"]))))
            spans: dict[tuple[int, int], Rows] = defaultdict(list)
            for row in spans_here:
                if row.get("start_offset") is None or row.get("end_offset") is None:
                    counts["skipped_spans"] += 1
                else:
                    spans[(int(row["start_offset"]), int(row["end_offset"]))].append(row)
            for (start, end), rows in sorted(spans.items()):
                codings = [c for c in (coding_of(r) for r in sorted(rows, key=lambda r: r["id"])) if c]
                if codings:
                    selections.append(m.Selection(guid=span_guid(tid, start, end), start=tmap(start),
                                                  end=tmap(end), codings=codings))
        else:
            # A public package has no transcript text: the source is the published quotes.
            description = EXCERPT_MARKER
            parts, placed, pos = [], [], 0
            for quote in quotes_here:
                qtext = clean(quote["text"])
                placed.append((quote, pos, pos + len(qtext)))
                parts.append(qtext)
                pos += len(qtext) + 2
            text = "\n\n".join(parts)
            counts["skipped_spans"] += len(spans_here)
        for quote, start, end in placed:
            note_refs = sorted(memos_about_quote.get(quote["id"], []))
            referenced.update(note_refs)
            selections.append(m.Selection(guid=guid_for(quote["id"]), start=start, end=end,
                                          name=clean(quote["label"]) if quote.get("label") else None,
                                          codings=quote_codings(quote["id"], codings_by_quote,
                                                                codes_of, themes_of),
                                          note_refs=note_refs))
        selections.sort(key=lambda s: (s.start, s.end, s.guid))
        guid = guid_for(tid)
        stream.files[f"{guid}.txt"] = text.encode("utf-8")
        return m.TextSource(guid=guid, name=_local(tid), description=description,
                            plain_text_path=f"internal://{guid}.txt", selections=selections)

    def sources() -> Iterator[m.TextSource]:
        for transcript in transcripts.sort("id", maintain_order=True).iter_rows(named=True):
            yield source(transcript)

    def finish() -> None:
        _summary_findings(findings, counts, tables["memo"])
        referenced.update(g for code, _ in project.walk_codes() for g in code.note_refs)
        for memo in sorted(tables["memo"], key=lambda r: r["id"]):
            guid = guid_for(memo["id"])
            project.notes.append(m.Note(guid=guid, name=_local(memo["id"]), text=clean(memo["text"]),
                                        creating_user=user(memo.get("author")),
                                        created=_date_time(memo.get("written_on"))))
            if guid not in referenced:
                project.note_refs.append(guid)
                if memo.get("about_quote") or memo.get("about_code") or memo.get("about_theme"):
                    findings.append(_finding(f"memo {memo['id']} is about a record the export "
                                             "does not hold; attached to the project instead",
                                             table="memo"))

    stream.sources, stream.finish = sources, finish
    project.variables, project.cases = _cases(tables, fg_of, spoken)
    return stream


def _spoken(quotes: pl.DataFrame, transcripts: pl.DataFrame) -> dict[str, list[str]]:
    """Speaker -> GUIDs of the selections of their quotes that the export places: every quote of
    a transcript without text (the excerpt source), and those with both offsets otherwise."""
    excerpt = transcripts.group_by(pl.col("id").alias("transcript")).agg(
        pl.col("text").is_null().any().alias("_excerpt"))
    placed = quotes.select("id", "transcript", "speaker", "start_offset", "end_offset").join(
        excerpt, on="transcript", how="inner").filter(
        pl.col("_excerpt") | (pl.col("start_offset").is_not_null()
                              & pl.col("end_offset").is_not_null()))
    spoken: dict[str, list[str]] = defaultdict(list)
    for speaker, quote in placed.filter(_filled("speaker")).select("speaker", "id").iter_rows():
        spoken[speaker].append(guid_for(quote))
    return spoken


def _cases(tables: Tables, fg_of: dict[str, list[str]], spoken: dict[str, list[str]]
           ) -> tuple[list[m.Variable], list[m.Case]]:
    """The case variables present and one case per participant."""
    participants = tables["participant"]
    present = [(slot, kind) for slot, kind in CASE_VARIABLES
               if any(p.get(slot) not in (None, "") for p in participants)]
    variables = [m.Variable(guid=slot_guid(slot), name=slot, type=kind) for slot, kind in present]
    attended: dict[str, list[str]] = defaultdict(list)
    for link in tables["participant_focus_groups_attended"]:
        attended[link["participant"]].extend(fg_of.get(link["focus_group"], []))
    cases = []
    for person in sorted(participants, key=lambda r: r["id"]):
        values = [m.VariableValue(slot_guid(slot), kind, str(person[slot]))
                  for slot, kind in present if person.get(slot) not in (None, "")]
        cases.append(m.Case(guid=guid_for(person["id"]), name=_local(person["id"]),
                            values=values, source_refs=sorted(set(attended[person["id"]])),
                            selection_refs=sorted(spoken[person["id"]])))
    return variables, cases


def _summary_findings(findings: list[Finding], counts: dict[str, int], memos: Rows) -> None:
    """The findings that count over every source, in the order the report has always had."""
    if counts["skipped_quotes"]:
        findings.append(_finding(f"{counts['skipped_quotes']} quotes have no offsets in a "
                                 "transcript with text and cannot become selections",
                                 table="quote", field="start_offset"))
    if counts["skipped_spans"]:
        findings.append(_finding(f"{counts['skipped_spans']} codings without a quote cannot be "
                                 "placed (no offsets, or no transcript text)", table="coding",
                                 field="start_offset"))
    if counts["differing"]:
        findings.append(_finding(f"{counts['differing']} quotes differ from the transcript text at "
                                 "their offsets; QDPX keeps the span, not the quote text",
                                 table="quote", field="text"))
    memo_partial = sum(1 for r in memos if r.get("written_on") and not _date_time(r["written_on"]))
    if memo_partial:
        findings.append(_finding(f"{memo_partial} memo dates are partial (year or month) and have "
                                 "no xsd:dateTime", table="memo", field="written_on"))
    if counts["unknown_refs"]:
        findings.append(_finding(f"{counts['unknown_refs']} codings refer to codes or themes that "
                                 "no given codebook package holds; left out", table="coding",
                                 rule="qda-unknown-reference",
                                 hint="pass the codebook package along with the site package"))
    if counts["partial_dates"]:
        findings.append(_finding(f"{counts['partial_dates']} coding dates are partial (year or "
                                 "month) and have no xsd:dateTime", table="coding",
                                 field="coded_on"))
