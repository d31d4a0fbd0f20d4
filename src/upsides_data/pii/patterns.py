"""Patterns for birth dates, street addresses and national id numbers in the UPSIDES languages.

All patterns run on text whose digits were made ASCII (``digits.ascii_digits``).

* **birth dates**: a date (``14.03.1961``, ``1961-03-14``, ``14/3/1961``, ``14 March 1961``,
  ``14. März 1961``) or a bare year, with a year 1920-2010, at most 40 characters after a word
  for "born" or "date of birth" in German, English, Swahili, Luganda, Hebrew, Hindi, Marathi or
  Gujarati. A date alone is not a birth date (a focus group's date is not personal);
* **street addresses**: a house number next to a street word (``Hauptstraße 5``,
  ``12 Kampala Road``, ``Plot 4 ...``, ``Mtaa wa ...``, ``רחוב הרצל 12``, ``... मार्ग 12``);
* **national id numbers**: digit runs of the right length whose check digit holds
  (``checksums``), and Uganda's NIN (``CM``/``CF`` and 12 letters or digits) and Tanzania's
  NIDA number (``YYYYMMDD-NNNNN-NNNNN-NN``) by their shapes.
"""

from __future__ import annotations

import re
from typing import Iterator

from upsides_data.pii.checksums import aadhaar_valid, german_tax_id_valid, israeli_id_valid

_BORN_WORDS = (
    r"born|b\.|date of birth|d\.o\.b\.?|dob|birthday|geboren|geb\.|geburtsdatum|geburtstag"
    r"|alizaliwa|kuzaliwa|tarehe ya kuzaliwa|yazaalibwa|nazaalibwa|yazaalirwa|olunaku lw'okuzaalibwa"
    r"|נולד|נולדה|נולדתי|תאריך לידה|जन्म|जन्मतिथि|जन्मदिनांक|जन्मले|जन्मलो|जन्मली|જન્મ|જન્મ તારીખ"
)
_MONTHS = (
    r"jan(?:uary|uar)?|feb(?:ruary|ruar)?|m(?:ar(?:ch)?|ärz|aerz)|apr(?:il)?|ma[iy]|jun[ei]?|jul[iy]?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?"
    r"|januari|februari|machi|aprili|mei|juni|julai|agosti|septemba|oktoba|novemba|desemba"
)
_YEAR = r"(?:19[2-9][0-9]|200[0-9]|2010)"
_DATE = (
    rf"[0-3]?[0-9][./\-][01]?[0-9][./\-]{_YEAR}"
    rf"|{_YEAR}-[01][0-9]-[0-3][0-9]"
    rf"|[0-3]?[0-9]\.?\s+(?:{_MONTHS})\.?\s+{_YEAR}"
    rf"|(?:{_MONTHS})\.?\s+[0-3]?[0-9],?\s+{_YEAR}"
    rf"|{_YEAR}"
)
BIRTH_DATE = re.compile(rf"(?:{_BORN_WORDS})[^\n]{{0,40}}?(?<![0-9])(?P<date>{_DATE})(?![0-9])",
                        re.IGNORECASE)
# German (and Hindi, Marathi, Gujarati) put the verb last: "am 9. März 1965 geboren".
BIRTH_DATE_BEFORE = re.compile(
    rf"(?<![0-9])(?P<date>{_DATE})(?![0-9])[^\n0-9]{{0,25}}?(?:geboren|जन्म|જન્મ|born)",
    re.IGNORECASE)

_STREET_AFTER = (  # street word, then the number: Hauptstraße 5, רחוב הרצל 12
    r"[^\W\d_][\w\-]*(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|chaussee)"
    r"\s+[0-9]{1,4}[a-z]?\b"
    r"|(?:רחוב|רח'|שדרות|שד')\s+[^\W\d_][\w\-\"']*(?:\s+[^\W\d_][\w\-\"']*)?\s+[0-9]{1,4}"
)
_INDIC_STREET = (  # the street after an Indian house number: ", X मार्ग"
    r"(?:,?\s*[^\s,.।0-9]+(?:\s+[^\s,.।0-9]+)?\s+"
    r"(?:मार्ग|रोड|गली|नगर|रस्ता|पथ|માર્ગ|રોડ|નગર|શેરી))?"
)
_STREET_BEFORE = (  # number, then the street: 12 Kampala Road, Plot 4 Bombo Road
    r"\b(?:plot|house|flat|no\.?|nyumba(?: na\.?)?)?\s*[0-9]{1,4}[a-z]?,?\s+"
    r"(?:[^\W\d_][\w\-]*\s+){1,2}"
    r"(?:street|st\.|road|rd\.|avenue|ave\.|lane|close|drive|crescent|way|marg|nagar"
    r"|mtaa|barabara|njia|luguudo|oluguudo|ekkubo|मार्ग|रोड|गली|नगर|रस्ता|पथ|માર્ગ|રોડ|નગર|શેરી)\b"
    r"|\b(?:plot|flat|house)\s+(?:no\.?\s*)?[0-9]{1,4}[a-z]?\b"
    r"|\b(?:mtaa wa|barabara ya)\s+[^\W\d_][\w\-]*(?:,?\s+(?:nyumba(?: na\.?)?|no\.?)\s*[0-9]{1,4})"
    r"|(?:मकान|घर|फ्लैट)\s*(?:नं\.?|नंबर|क्रमांक)?\s*[0-9]{1,4}" + _INDIC_STREET +
    r"|(?:મકાન|ઘર|ફ્લેટ)\s*(?:નં\.?|નંબર)?\s*[0-9]{1,4}" + _INDIC_STREET
)
ADDRESS = re.compile(rf"{_STREET_AFTER}|{_STREET_BEFORE}", re.IGNORECASE)

_DIGIT_RUN = re.compile(r"(?<![\w./\-+])[0-9](?:[0-9]|[ \-](?=[0-9])){7,15}(?![\w/]|[.\-][0-9])")
UGANDA_NIN = re.compile(r"(?<!\w)C[MF][A-Z0-9]{12}(?!\w)")
TANZANIA_NIDA = re.compile(r"(?<![\w\-])(?:19|20)[0-9]{6}-[0-9]{5}-[0-9]{5}-[0-9]{2}(?![\w\-])")


def national_ids(text: str) -> Iterator[tuple[int, int]]:
    """Spans of national id numbers in ``text`` (ASCII digits)."""
    for match in _DIGIT_RUN.finditer(text):
        digits = re.sub(r"[ \-]", "", match.group())
        if aadhaar_valid(digits) or israeli_id_valid(digits) or german_tax_id_valid(digits):
            yield match.start(), match.end()
    for pattern in (UGANDA_NIN, TANZANIA_NIDA):
        for match in pattern.finditer(text):
            yield match.start(), match.end()


# Cheap tests first (substring checks; the full patterns are slow on long text).
_BORN_HINTS = ("born", "b.", "birth", "dob", "d.o.b", "geboren", "geb.", "geburt", "zaliwa",
               "zaalib", "zaalir", "okuzaal", "נולד", "לידה", "जन्म", "જન્મ")
_STREET_HINTS = (
    "straße", "strasse", "str.", "weg", "gasse", "allee", "platz", "ring", "damm", "ufer",
    "chaussee", "רחוב", "רח'", "שדרות", "שד'", "street", "st.", "road", "rd.", "avenue", "ave.",
    "lane", "close", "drive", "crescent", "way", "marg", "nagar", "mtaa", "barabara", "njia",
    "luguudo", "ekkubo", "plot", "house", "flat", "nyumba", "मार्ग", "रोड", "गली", "नगर", "रस्ता",
    "पथ", "मकान", "घर", "फ्लैट", "માર્ગ", "રોડ", "નગર", "શેરી", "મકાન", "ઘર", "ફ્લેટ")


def _mentions(text: str, hints: tuple[str, ...]) -> bool:
    lower = text.lower()
    return any(hint in lower for hint in hints)


def birth_dates(text: str) -> Iterator[tuple[int, int]]:
    if not _mentions(text, _BORN_HINTS):
        return
    for pattern in (BIRTH_DATE, BIRTH_DATE_BEFORE):
        for match in pattern.finditer(text):
            yield match.start("date"), match.end("date")


def addresses(text: str) -> Iterator[tuple[int, int]]:
    if not _mentions(text, _STREET_HINTS):
        return
    for match in ADDRESS.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        yield start, end
