"""Reading vendors' text offsets: which counting fits, verified against selection text.

The spec counts Unicode code points from 0. Real exports differ: NVivo counts UTF-16 code units
over the text with the BOM removed and CRLF as two; ATLAS.ti is reported to count a line break as
one; some tools count a leading BOM. A reading is one combination of:

* unit: code points or UTF-16 code units;
* BOM: counted as a character or not (only where the file has one);
* CRLF: counted as two characters or one (only where the file has CRLF);
* end: exclusive (the usual reading) or inclusive (``endPosition`` is the last character).

Our text is the file with the BOM removed and every CRLF (and lone CR) turned into LF, counted in
code points. For each reading the vendor offset ``v`` maps to ``i`` with a bisect over the
positions of characters that are wider in that reading (a non-BMP character in UTF-16, an LF that
was CRLF), so detection stays fast on large projects. A reading is valid when every selection maps
inside the text and on character boundaries; among valid readings the one whose extracted text
matches the most selection names or descriptions wins; ties go to the vendor's known reading, then
to the spec's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import product

_WS = re.compile(r"\s+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Reading:
    utf16: bool = False
    bom_counted: bool = False
    crlf_two: bool = True
    end_inclusive: bool = False

    def describe(self) -> str:
        unit = "UTF-16 code units" if self.utf16 else "code points"
        parts = [unit, "BOM counted" if self.bom_counted else "BOM not counted",
                 "CRLF as two" if self.crlf_two else "line break as one",
                 "end inclusive" if self.end_inclusive else "end exclusive"]
        return ", ".join(parts)


SPEC = Reading()
VENDOR_PRIORS = {  # lower-case substring of the project's origin -> the reading it is known for
    "nvivo": Reading(utf16=True, bom_counted=False, crlf_two=True),
    "atlas": Reading(crlf_two=False),
}


@dataclass
class NormalText:
    """A source's text as we store it, plus what its file had that some readings count."""

    text: str
    had_bom: bool
    crlf_at: list[int]  # indices in ``text`` of LF characters that were CRLF
    non_bmp_at: list[int]  # indices in ``text`` of characters outside the BMP


def normalise(raw: str) -> NormalText:
    """Remove a leading BOM, turn CRLF and lone CR into LF, and note what was there."""
    had_bom = raw.startswith("\ufeff")
    if had_bom:
        raw = raw[1:]
    crlf_at: list[int] = []
    if "\r" in raw:
        out, i, length = [], 0, 0
        for match in re.finditer(r"\r\n?", raw):
            piece = raw[i:match.start()]
            out.append(piece)
            length += len(piece)
            if match.group() == "\r\n":
                crlf_at.append(length)
            out.append("\n")
            length += 1
            i = match.end()
        out.append(raw[i:])
        raw = "".join(out)
    non_bmp = [mt.start() for mt in _ASTRAL.finditer(raw)] if not raw.isascii() else []
    return NormalText(raw, had_bom, crlf_at, non_bmp)


class _Mapper:
    """Vendor offsets of one reading to indices of the normal text."""

    def __init__(self, nt: NormalText, reading: Reading) -> None:
        wide = []
        if reading.utf16:
            wide.extend(nt.non_bmp_at)
        if reading.crlf_two:
            wide.extend(nt.crlf_at)
        wide.sort()
        self.starts = [e + j for j, e in enumerate(wide)]  # vendor start of each wide character
        self.ends = [s + 2 for s in self.starts]
        self.shift = 1 if (reading.bom_counted and nt.had_bom) else 0
        self.length = len(nt.text)

    def __call__(self, v: int) -> int | None:
        v -= self.shift
        if v < 0:
            return None
        k = bisect_right(self.ends, v)
        if k < len(self.starts) and self.starts[k] < v:
            return None  # inside a surrogate pair or between CR and LF
        i = v - k
        return i if 0 <= i <= self.length else None


def readings_for(nt: NormalText) -> list[Reading]:
    """The readings that differ for this text (features it lacks make readings coincide)."""
    utf16 = (False, True) if nt.non_bmp_at else (False,)
    bom = (False, True) if nt.had_bom else (False,)
    crlf = (True, False) if nt.crlf_at else (True,)
    return [Reading(u, b, c, e) for u, b, c, e in product(utf16, bom, crlf, (False, True))]


def _norm_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def matches(extracted: str, claimed: str) -> bool:
    """Whether a selection's name or description is its text (allowing truncation with an ellipsis)."""
    a, b = _norm_ws(extracted), _norm_ws(claimed)
    if not b:
        return False
    if a == b:
        return True
    stem = b.rstrip(".…").rstrip()
    return len(stem) >= 8 and b != stem and a.startswith(stem)


@dataclass
class Detected:
    reading: Reading
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # selection index -> (i, j)
    bad: list[int] = field(default_factory=list)  # selection indices that do not map
    verified: int = 0
    checkable: int = 0
    candidates: int = 1
    ambiguous: bool = False


def detect(nt: NormalText, positions: list[tuple[int, int]], claims: list[list[str]],
           prior: Reading | None = None) -> Detected:
    """Choose the reading of ``positions`` (start, end) for this text.

    ``claims[k]`` holds the texts the k-th selection says it covers (its name, its description).
    """
    options = readings_for(nt)
    checkable = sum(1 for c in claims if c)
    best: Detected | None = None
    best_key = None
    order = {r: n for n, r in enumerate([prior or SPEC, SPEC])}
    for reading in options:
        mapper = _Mapper(nt, reading)
        det = Detected(reading, candidates=len(options), checkable=checkable)
        for k, (start, end) in enumerate(positions):
            i, j = mapper(start), mapper(end + 1 if reading.end_inclusive else end)
            if i is None or j is None or j < i:
                det.bad.append(k)
                continue
            det.spans[k] = (i, j)
            if claims[k] and any(matches(nt.text[i:j], c) for c in claims[k]):
                det.verified += 1
        base = Reading(reading.utf16, reading.bom_counted, reading.crlf_two)
        key = (det.verified, -len(det.bad), -reading.end_inclusive,
               -order.get(base, len(order)), -order.get(reading, len(order)))
        if best_key is None or key > best_key:
            best, best_key = det, key
        elif (best is not None and key[:2] == best_key[:2] and det.verified
              and det.spans != best.spans):
            best.ambiguous = True
    assert best is not None
    return best


def prior_for(origin: str | None) -> Reading | None:
    """The reading a vendor is known for, from the project's ``origin`` attribute."""
    text = (origin or "").lower()
    for needle, reading in VENDOR_PRIORS.items():
        if needle in text:
            return reading
    return None
