"""Focus groups, translations and codings as PROV activities, with agents by role only.

The records keep their own classes; this module adds ``prov:Activity`` as a second type and a
qualified association per agent role (``<focus-group>#moderator``, ``#assistant``,
``<coding>#coder``, ``<transcript>#translator``) whose ``prov:hadRole`` is the ``TeamRole``
meaning from the schema. A known team member appears only by the IRI of their pseudonymous
analyst record; a translator described in free text ("bilingual speaker at the site") appears as
that role text, never as a person. A translated transcript ``prov:wasGeneratedBy`` its
``<transcript>#translation`` activity.
"""

from __future__ import annotations

import polars as pl

from upsides_data.rdf.content import record_iri_expr
from upsides_data.rdf.terms import PROV, RDF_TYPE, RDFS, team_role_iri
from upsides_data.rdf.triples import literal_expr

ACTIVITY = PROV + "Activity"
ASSOCIATION = PROV + "Association"


def _lit(value: str) -> pl.Expr:
    return pl.lit(f"<{value}>")


def _minted(column: str, fragment: str) -> pl.Expr:
    return record_iri_expr(column).str.strip_suffix(">") + pl.lit(fragment + ">")


def _association(rows: pl.DataFrame, agent_column: str | None, role: str,
                 fragment: str, activity: pl.Expr) -> list[pl.DataFrame]:
    node = _minted("id", fragment)
    out = [
        rows.select(s=activity, p=_lit(PROV + "qualifiedAssociation"), o=node),
        rows.select(s=node, p=_lit(RDF_TYPE), o=_lit(ASSOCIATION)),
        rows.select(s=node, p=_lit(PROV + "hadRole"), o=_lit(team_role_iri(role))),
    ]
    if agent_column:
        out.append(rows.select(s=node, p=_lit(PROV + "agent"), o=record_iri_expr(agent_column)))
    return out


def focus_group_activities(frame: pl.DataFrame) -> list[pl.DataFrame]:
    if not frame.height:
        return []
    fg = record_iri_expr("id")
    out = [frame.select(s=fg, p=_lit(RDF_TYPE), o=_lit(ACTIVITY))]
    for role in ("moderator", "assistant"):
        rows = frame.filter(pl.col(role).is_not_null())
        if rows.height:
            out += _association(rows, role, role, "#" + role, record_iri_expr("id"))
    return out


def coding_activities(frame: pl.DataFrame) -> list[pl.DataFrame]:
    if not frame.height:
        return []
    out = [frame.select(s=record_iri_expr("id"), p=_lit(RDF_TYPE), o=_lit(ACTIVITY))]
    rows = frame.filter(pl.col("coder").is_not_null())
    if rows.height:
        out += _association(rows, "coder", "coder", "#coder", record_iri_expr("id"))
    return out


def translation_activities(frame: pl.DataFrame) -> list[pl.DataFrame]:
    """A translation activity for each transcript translated by some method other than none."""
    rows = frame.filter(pl.col("translation_method").is_not_null()
                        & (pl.col("translation_method") != "none"))
    if not rows.height:
        return []
    activity = _minted("id", "#translation")
    out = [
        rows.select(s=record_iri_expr("id"), p=_lit(PROV + "wasGeneratedBy"), o=activity),
        rows.select(s=activity, p=_lit(RDF_TYPE), o=_lit(ACTIVITY)),
        rows.select(s=activity, p=_lit(PROV + "used"), o=record_iri_expr("focus_group")),
    ]
    out += _association(rows, None, "translator", "#translator", activity)
    described = rows.filter(pl.col("translator_role").is_not_null())
    if described.height:
        out.append(described.select(s=_minted("id", "#translator"), p=_lit(RDFS + "comment"),
                                    o=literal_expr(pl.col("translator_role"))))
    return out


def study_activities(frame: pl.DataFrame) -> list[pl.DataFrame]:
    """A study is also a ``prov:Activity`` (the schema's close mapping of ``Study``); the study
    datasets of the catalogue point at it with ``prov:wasGeneratedBy``."""
    if not frame.height:
        return []
    return [frame.select(s=record_iri_expr("id"), p=_lit(RDF_TYPE), o=_lit(ACTIVITY))]
