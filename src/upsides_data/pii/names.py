"""A site's roster of real names: every mention found, however it is spelt.

The roster stays at the site (``--names FILE``: one person a line, UTF-8, ``#`` starts a comment);
it is never written into a package. Each person's full name and each part of it (given name,
family name; parts of one letter are ignored) are matched:

* case-insensitively, and insensitive to diacritics and German transliteration: text and names are
  both folded (NFKD, combining marks dropped, ``ß`` -> ``ss``, ``ae``/``oe``/``ue`` -> ``a``/``o``/
  ``u``), so ``Jürgen Müller``, ``JUERGEN MUELLER`` and ``Jurgen Muller`` are one name;
* with simple inflection: a genitive or plural ``s``/``'s``/``es`` (``Müllers``), and the
  one-letter Hebrew prefixes (ו ב ל מ ה ש כ) glued to a name.

Each person gets a stable pseudonym from their place in the roster (``[person-1]``...), so every
mention of one person is replaced by the same pseudonym. A part shared by two people (two Marias)
takes the first one's pseudonym: the text still loses the name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from upsides_data.errors import UnreadableInputError

_DIGRAPHS = {"ae": "a", "oe": "o", "ue": "u"}
_SUFFIX = r"(?:'s|’s|es|s)?"
_HEBREW_PREFIX = "[ובלמהשכ]?"


def fold(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` folded for matching, and for each folded character its span in ``text``."""
    chars: list[tuple[str, int, int]] = []
    for i, ch in enumerate(text):
        for part in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(part):
                continue
            for low in part.casefold():
                chars.append((low, i, i + 1))
    folded: list[tuple[str, int, int]] = []
    for ch, start, end in chars:
        if folded and folded[-1][0] + ch in _DIGRAPHS:
            prev = folded.pop()
            folded.append((_DIGRAPHS[prev[0] + ch], prev[1], end))
        else:
            folded.append((ch, start, end))
    return "".join(c for c, _, _ in folded), [(s, e) for _, s, e in folded]


@dataclass(frozen=True)
class Roster:
    """Real names of one site, compiled for matching; ``pseudonym`` per matched text."""

    people: tuple[str, ...]
    pattern: re.Pattern[str] | None
    pseudonyms: dict[str, str]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, pseudonym) of every mention, offsets into ``text``."""
        if self.pattern is None or not text:
            return []
        folded, spans = fold(text)
        found = []
        for match in self.pattern.finditer(folded):
            key = match.group("name")
            start, end = spans[match.start("name")][0], spans[match.end() - 1][1]
            found.append((start, end, self.pseudonyms[key]))
        return found


def roster_of(names: list[str]) -> Roster:
    """Compile a roster: full names first (longest wins), then each part of two or more letters."""
    pseudonyms: dict[str, str] = {}
    people = tuple(n.strip() for n in names if n.strip())
    for number, person in enumerate(people, start=1):
        folded = " ".join(fold(person)[0].split())
        pseudonyms.setdefault(folded, f"[person-{number}]")
        for part in re.split(r"[\s\-]+", folded):
            if len(part) >= 2:
                pseudonyms.setdefault(part, f"[person-{number}]")
    if not pseudonyms:
        return Roster(people, None, {})
    keys = sorted(pseudonyms, key=lambda k: (-len(k), k))
    alternatives = "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys)
    pattern = re.compile(rf"(?<!\w){_HEBREW_PREFIX}(?P<name>{alternatives}){_SUFFIX}(?!\w)")

    class _Keyed(dict[str, str]):  # a match of "jurgen   muller" is the key "jurgen muller"
        def __missing__(self, key: str) -> str:
            return pseudonyms[" ".join(key.split())]

    return Roster(people, pattern, _Keyed(pseudonyms))


def read_roster(path: str | Path) -> Roster:
    """Read a roster file (one person a line, ``#`` comments); unreadable: exit 2 with a finding."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInputError(f"{path}: the names file cannot be read "
                                   f"({type(exc).__name__}); give a UTF-8 text file with one "
                                   "name a line") from None
    lines = [line.split("#", 1)[0] for line in text.splitlines()]
    return roster_of(lines)
