"""Names for codes and themes a publication did not name, shared by the report and the RDF export.

A study may publish a structure without names ("four domains with two sub-domains each"): the
theme exists, its label is recorded as absent. Readers still need something to call it, so every
consumer shows the same honest stand-in, built from what is known: its place under its parent,
e.g. "Unnamed sub-theme 2 of Peer roles". The stand-in is never written back into a package; the
package keeps the label absent (see docs/standard.md).
"""

from __future__ import annotations

from typing import Any, Iterable

UNNAMED_NOTE = "The publication did not name this {kind}; the label says where it sits."


def display_labels(rows: Iterable[dict[str, Any]], kind: str = "theme") -> dict[str, str]:
    """id -> label for every row (``id``, ``label``, ``parent``, ``position``).

    A row without a label is called "Unnamed sub-<kind> N of <parent's label>" (or "Unnamed
    <kind> N" at the top level), N counting the unnamed siblings by position, then id.
    """
    rows = [r for r in rows if r.get("id") is not None]
    named = {r["id"]: r["label"] for r in rows if r.get("label")}
    unnamed: dict[str | None, list[tuple[int, str]]] = {}
    for row in rows:
        if not row.get("label"):
            position = row.get("position")
            key = int(position) if position not in (None, "") else 10**9
            unnamed.setdefault(row.get("parent"), []).append((key, row["id"]))
    labels = dict(named)
    for parent, siblings in sorted(unnamed.items(), key=lambda item: str(item[0])):
        for number, (_, node) in enumerate(sorted(siblings), start=1):
            if parent is None:
                labels[node] = f"Unnamed {kind} {number}"
            else:
                parent_label = labels.get(parent, parent)  # an unnamed parent by its id
                labels[node] = f"Unnamed sub-{kind} {number} of {parent_label}"
    return labels


def unnamed_ids(rows: Iterable[dict[str, Any]]) -> set[str]:
    """The ids of rows whose label is absent."""
    return {r["id"] for r in rows if r.get("id") is not None and not r.get("label")}
