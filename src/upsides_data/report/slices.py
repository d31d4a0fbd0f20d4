"""Each study's share of the input tables, so that a study's report rows depend on it alone.

A consortium holds several studies; sites, analysts and participants may take part in more than
one. The report is computed per study, on that study's slice of the tables, which is why adding
studies B and C can never change a row of study A.

Which rows belong to a study follows from the foreign keys of the generated Table Schemas, not
from a list in code:

- **study-scoped tables** reach the study table through their references (``focus_group.study``,
  ``transcript.focus_group``, ``quote.transcript``, ``theme.codebook`` -> ``codebook.study`` ...).
  A row belongs to study S when one of those references points at a row of S; a link table is
  placed by its owner when the owner is study-scoped (``quote_themes`` by its quote).
- **shared tables** (site, income classification, analyst, participant and their link tables)
  do not reach a study. A row belongs to S when a row of S refers to it (a site by S's focus
  groups and site participations, an income classification by S's site participations, a
  participant by the focus groups attended), or when its identifier carries S's scope (the
  central analysts of S's codebook package, ``upsides:mhw-2019/analyst-1``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from graphlib import TopologicalSorter

import polars as pl

from upsides_data import ids
from upsides_data.resources import package_profile, table_schema

STUDY_TABLE = "study"


@dataclass(frozen=True)
class Reference:
    column: str
    target: str


@dataclass(frozen=True)
class Layout:
    """How rows find their study: placing references of scoped tables, in dependency order."""

    scoped: tuple[tuple[str, tuple[Reference, ...]], ...]
    shared: tuple[str, ...]
    references: dict[str, tuple[Reference, ...]]  # every foreign key, by table
    link_owner: dict[str, str]  # link table -> its owner column


def _references(table: str) -> tuple[Reference, ...]:
    refs = []
    for key in table_schema(table).get("foreignKeys", []):
        fields = key["fields"] if isinstance(key["fields"], list) else [key["fields"]]
        target = key["reference"]["resource"] or table
        if len(fields) == 1:
            refs.append(Reference(fields[0], target))
    return tuple(refs)


@cache
def layout() -> Layout:
    """The study-placement layout of the standard's tables (computed once from the schemas)."""
    tables = {name: info for name, info in package_profile()["tables"].items()
              if info.get("kinds")}  # consortium-only provenance tables have no study
    references = {name: _references(name) for name in tables}
    link_owner = {name: info["link"]["owner"] for name, info in tables.items() if "link" in info}
    scoped = {STUDY_TABLE}
    changed = True
    while changed:
        changed = False
        for name, refs in references.items():
            if name not in scoped and any(r.target in scoped and r.target != name for r in refs):
                scoped.add(name)
                changed = True
    placing: dict[str, tuple[Reference, ...]] = {}
    for name in sorted(scoped - {STUDY_TABLE}):
        refs = tuple(r for r in references[name] if r.target in scoped and r.target != name)
        owner = link_owner.get(name)
        if owner is not None and tables[name]["link"]["owner"] in scoped:
            refs = tuple(r for r in refs if r.column == owner)
        placing[name] = refs
    order = TopologicalSorter({name: {r.target for r in refs} for name, refs in placing.items()})
    ordered = [name for name in order.static_order() if name != STUDY_TABLE]
    return Layout(scoped=tuple((name, placing[name]) for name in ordered),
                  shared=tuple(sorted(set(tables) - scoped)),
                  references=references, link_owner=link_owner)


scope_of = ids.scope_of  # ``upsides:mhw-2019/study`` -> ``mhw-2019`` (one implementation)


def study_ids(tables: dict[str, pl.DataFrame]) -> list[str]:
    """Every study the tables know of: study records and the studies rows refer to."""
    found = set(tables[STUDY_TABLE]["id"].drop_nulls().to_list())
    for name, refs in layout().references.items():
        for ref in refs:
            if ref.target == STUDY_TABLE and name in tables:
                found.update(tables[name][ref.column].drop_nulls().to_list())
    return sorted(found)


def _members(frame: pl.DataFrame, refs: tuple[Reference, ...],
             ids: dict[str, set[str]]) -> pl.Expr:
    condition = pl.lit(False)
    for ref in refs:
        if ref.column in frame.columns:
            condition = condition | pl.col(ref.column).is_in(sorted(ids.get(ref.target, set())))
    return condition



class _Slice:
    """The rows kept so far for one study, and their ids by table (what later tables look up)."""

    def __init__(self, tables: dict[str, pl.DataFrame], study: str) -> None:
        self.source = tables
        self.study = study
        self.rows: dict[str, pl.DataFrame] = {}
        self.ids: dict[str, set[str]] = {STUDY_TABLE: {study}}

    def keep(self, name: str, frame: pl.DataFrame) -> None:
        self.rows[name] = frame
        if "id" in frame.columns:
            self.ids[name] = set(frame["id"].drop_nulls().to_list())

    def referenced(self, wanted: dict[str, set[str]]) -> bool:
        """Add to ``wanted`` the shared ids the kept rows refer to; True when any was new."""
        grew = False
        for name, refs in layout().references.items():
            frame = self.rows.get(name)
            if frame is None:
                continue
            for ref in refs:
                if ref.target in wanted and ref.column in frame.columns:
                    new = set(frame[ref.column].drop_nulls().to_list()) - wanted[ref.target]
                    if new:
                        wanted[ref.target] |= new
                        grew = True
        return grew


def study_slice(tables: dict[str, pl.DataFrame], study: str) -> dict[str, pl.DataFrame]:
    """The rows of ``tables`` that belong to ``study`` (every table present, maybe empty)."""
    plan = layout()
    part = _Slice(tables, study)
    part.keep(STUDY_TABLE, tables[STUDY_TABLE].filter(pl.col("id") == study))
    part.ids[STUDY_TABLE] = {study}
    for name, refs in plan.scoped:
        frame = tables[name]
        part.keep(name, frame.filter(_members(frame, refs, part.ids)))
    _add_shared(part, plan)
    return {name: part.rows.get(name, frame.clear()) for name, frame in tables.items()}


def _add_shared(part: _Slice, plan: Layout) -> None:
    """Shared rows the study's rows refer to (to a fixed point: a participant's site), or whose
    id carries the study's scope; then their link tables, by owner."""
    own_scope = f"upsides:{scope_of(part.study)}"
    bases = [name for name in plan.shared if name not in plan.link_owner]
    wanted: dict[str, set[str]] = {name: set() for name in bases}
    grew = True
    while grew:
        grew = part.referenced(wanted)
        for name in bases:
            frame = part.source[name]
            chosen = frame.filter(pl.col("id").is_in(sorted(wanted[name]))
                                  | (pl.col("id").str.split("/").list.first() == own_scope))
            if name not in part.rows or chosen.height != part.rows[name].height:
                part.keep(name, chosen)
                grew = True
    for name in plan.shared:
        owner = plan.link_owner.get(name)
        if owner is None:
            continue
        target = next(r.target for r in plan.references[name] if r.column == owner)
        frame = part.source[name]
        part.keep(name, frame.filter(pl.col(owner).is_in(sorted(part.ids.get(target, set())))))
