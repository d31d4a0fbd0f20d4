"""Marking restricted data in every output that carries it.

A restricted package may hold exact ages, speaker links and full transcripts; whatever is derived
from it (a report, a QDA project) is restricted too, and must say so where a reader sees it first,
so that nobody publishes it by mistake. RDF already says it on each dataset
(``dcterms:accessRights``, ``rdf/catalog.py``); reports carry a banner and QDPX projects a
project description, both made here so they read the same everywhere.
"""

from __future__ import annotations

from typing import Iterable

from upsides_data.package.reader import Package

RESTRICTED = "restricted"


def restricted_names(packages: Iterable[Package]) -> list[str]:
    """The names of the packages that are not public (sorted): an output of them is restricted."""
    return sorted({p.name for p in packages if p.meta.access_level != "public"})


def notice(names: list[str]) -> str | None:
    """The sentence that marks an output restricted, or None when every input is public."""
    if not names:
        return None
    return ("RESTRICTED: derived from restricted data (" + ", ".join(names) + "); share only "
            "within the consortium under its data sharing agreement, never publish.")
