"""Digits of every script, read as ASCII digits before numbers are matched.

A phone number or an id number may be written in Devanagari (``९८७६५``), Gujarati, Arabic-Indic
(``٠٧٧٢``), fullwidth (``０７７２``) or any other Unicode decimal digits, and fullwidth ``＋``,
``（`` and ``）``. ``ascii_digits`` maps each such character to its ASCII form one for one, so
offsets found in the normalised text are offsets in the original text too.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_PUNCTUATION = {"＋": "+", "＠": "@", "（": "(", "）": ")", "－": "-", "．": ".", "／": "/", "\u00a0": " ",
                "\u202f": " ", "\u2009": " ", "‐": "-", "‑": "-", "–": "-"}


@cache
def _table() -> dict[int, str]:
    table = {ord(k): v for k, v in _PUNCTUATION.items()}
    for code in range(0x80, 0x20000):
        char = chr(code)
        if char.isdecimal():
            table[code] = str(unicodedata.decimal(char))
    return table


def ascii_digits(text: str) -> str:
    """``text`` with every Unicode decimal digit as ASCII (same length, same offsets)."""
    return text if text.isascii() else text.translate(_table())
