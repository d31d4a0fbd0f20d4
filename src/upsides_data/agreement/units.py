"""Reliability matrices from codings: one per code (or theme), for one unit of analysis.

Units (``--unit``):

* ``transcript``: each transcript is a unit; a coder's value is 1 when they applied the code
  anywhere in it.
* ``segment``: each distinct span (transcript, start, end) any coder coded with the code is a
  unit; a coder's value is 1 when they coded the code on a span of the same transcript that
  overlaps it (so two coders' slightly different selections of one passage agree).
* ``character``: each character of each transcript is a unit; a coder's value is 1 when a span
  they coded with the code covers it.

A coder who made no coding at all in a transcript did not code it: their values for its units are
missing (NaN), not 0, and Krippendorff's alpha treats them as missing data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

UNITS = ("segment", "character", "transcript")


@dataclass(frozen=True)
class Span:
    """One coding as agreement sees it: who applied which item where."""

    coder: str
    item: str  # a code id, or a theme id when agreement is by theme
    transcript: str
    start: int
    end: int


def matrix(spans: list[Span], item: str, coders: list[str], lengths: dict[str, int],
           unit: str) -> np.ndarray:
    """The coders x units matrix of ``item`` over the transcripts in ``lengths``."""
    coded = {(s.coder, s.transcript) for s in spans}
    mine = [s for s in spans if s.item == item]
    columns: list[np.ndarray] = []
    for transcript in sorted(lengths):
        present = np.array([(c, transcript) in coded for c in coders])
        here = [s for s in mine if s.transcript == transcript]
        if unit == "transcript":
            block = np.array([[float(any(s.coder == c for s in here))] for c in coders])
        elif unit == "segment":
            segments = sorted({(s.start, s.end) for s in here})
            block = np.array([[float(any(s.coder == c and s.start < end and start < s.end
                                         for s in here)) for start, end in segments]
                              for c in coders]).reshape(len(coders), len(segments))
        else:
            block = np.zeros((len(coders), lengths[transcript]))
            for s in here:
                block[coders.index(s.coder), s.start:s.end] = 1.0
        block[~present, :] = np.nan
        columns.append(block)
    if not columns:
        return np.zeros((len(coders), 0))
    return np.concatenate(columns, axis=1)
