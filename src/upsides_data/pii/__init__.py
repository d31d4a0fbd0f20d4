"""The PII scanner: contact details, id numbers, birth dates, addresses and names in free text.

Shared by the disclosure layer (which reports spans) and ``anonymise`` (which masks them), so the
two can never disagree about what counts as personal information.

What is matched, and why:

* ``email``: ``local@domain.tld`` and the common obfuscation ``name [at] domain [dot] org``.
* ``phone``: an international number (``+`` then 8-15 digits with spaces, dots, dashes, slashes or a
  ``(0)``), a national number starting with a trunk ``0`` and at least 8 digits in groups
  (``0731 500-61234``, ``(040) 7410 5566``), and the North American ``555-123-4567`` form. A match
  must stand on its own: one glued to a letter, digit, ``-``, ``/`` or ``.`` before it is part of
  something else (a DOI such as ``10.1186/s12888-022-04206-5``, a grant number, a date).
* ``phone`` also: any number the ``phonenumbers`` library (Google's libphonenumber metadata) finds
  valid for the site's country (``region``; every UPSIDES country when unknown), in any Unicode
  digits (``digits.ascii_digits``): ``+49 (731) 500-61234``, ``98765 43210``, ``0772123456``.
* ``national-id``, ``birth-date``, ``address``: see ``patterns`` and ``checksums``.
* ``name``: mentions of a site's roster of real names (``names``), replaced by the person's
  pseudonym, never found without a roster.
* ``url``: only *personal* URLs: social networks and profile hosts (``facebook.com``,
  ``linkedin.com/in/...``), and paths that name a person (``/~user``, ``/users/``, ``/profile``,
  ``/people/``). Institutional and scholarly links (``doi.org``, a licence URL, a ministry's site)
  are what citations and licences are made of and are not flagged.

Scanning is two-step so that large tables stay fast: a loose vectorised test
(``candidate_expr``) picks the cells that might hold PII; only those are scanned precisely with
``find_pii``, which returns code-point offsets. Findings show ``masked`` excerpts, never the match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator
from urllib.parse import urlsplit

import phonenumbers
import polars as pl
from phonenumbers import Leniency

from upsides_data.pii.digits import ascii_digits
from upsides_data.pii.names import Roster
from upsides_data.pii.patterns import addresses, birth_dates, national_ids

KINDS = ("email", "phone", "url", "national-id", "birth-date", "address", "name")

REPLACEMENT = {"email": "[email removed]", "phone": "[phone removed]", "url": "[url removed]",
               "national-id": "[id number removed]", "birth-date": "[birth date removed]",
               "address": "[address removed]", "name": "[name removed]"}
UPSIDES_REGIONS = ("DE", "UG", "TZ", "IL", "IN")

_EMAIL = re.compile(  # \w: a local part or domain in any script (jürgen.müller@uni-ulm.de)
    r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}"
    r"|[\w.%+\-]+\s*[\[(]at[\])]\s*[\w\-]+(?:\s*[\[(]dot[\])]\s*[\w\-]+)+",
    re.IGNORECASE)
_SEP = r"[ .\-/]?"
_PHONE = re.compile(
    r"\+[0-9]{1,3}" + _SEP + r"(?:\(0\)" + _SEP + r")?(?:[0-9]" + _SEP + r"){6,13}[0-9]"
    r"|\(?0[0-9]{2,5}\)?[ .\-/][0-9](?:[0-9]|[ .\-/](?=[0-9])){4,14}"
    r"|\(?[0-9]{3}\)?[ .\-][0-9]{3}[ .\-][0-9]{4}")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.IGNORECASE)

PERSONAL_HOSTS = (
    "facebook.com", "fb.com", "instagram.com", "twitter.com", "x.com", "linkedin.com",
    "tiktok.com", "xing.com", "about.me", "threads.net", "snapchat.com", "vk.com", "t.me",
    "wa.me", "mastodon.social",
)
PERSONAL_PATHS = re.compile(r"/~|/users?/|/profiles?\b|/people/|/in/|/@", re.IGNORECASE)

# A loose superset, evaluated by polars over whole columns (Rust regex: no look-around).
_AT = re.compile(r"[\[(]\s*at\s*[\])]", re.IGNORECASE)
_SEVEN_DIGITS = re.compile(r"[0-9](?:[ .\-/()+]{0,3}[0-9]){6}")
# Every kind but names needs a digit, an @ or a URL; \d is Unicode-aware in Rust's regex.
CANDIDATE = r"(?i)@|\[at\]|\(at\)|https?://|www\.|\d|＠"


@dataclass(frozen=True, order=True)
class PiiMatch:
    """One span of personal information: code-point offsets into the scanned text."""

    start: int
    end: int
    kind: str
    text: str

    @property
    def masked(self) -> str:
        return mask(self.kind, self.text)


def candidate_expr(column: str, roster: Roster | None = None) -> pl.Expr:
    """True for cells that may hold PII (never false for a cell ``find_pii`` would flag).

    With a roster every non-empty cell is a candidate: a name needs neither digit nor ``@``.
    """
    if roster is not None and roster.pattern is not None:
        return pl.col(column).is_not_null()
    return pl.col(column).str.contains(CANDIDATE).fill_null(False)


def _stands_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in "/._+":
        return False
    if before == "-" and (start < 2 or not text[start - 2].isalpha()):
        return False  # glued to a digit (a DOI, a date); after a letter it is a prefix (ב-)
    if after.isalnum():
        return False
    if after in "-/." and end + 1 < len(text) and text[end + 1].isdigit():
        return False
    return True


def _is_personal_url(url: str) -> bool:
    parsed = urlsplit(url if "://" in url else "http://" + url)
    host = (parsed.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if any(host == h or host.endswith("." + h) for h in PERSONAL_HOSTS):
        return True
    return bool(PERSONAL_PATHS.search(parsed.path or ""))


def _phones(text: str, regions: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    for match in _PHONE.finditer(text):
        digits = sum(ch.isdigit() for ch in match.group())
        if 8 <= digits <= 15 and _stands_alone(text, match.start(), match.end()):
            yield match.start(), match.end()
    for region in regions:
        for found in phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
            if _stands_alone(text, found.start, found.end):
                yield found.start, found.end


def find_pii(text: str | None, *, region: str | None = None,
             roster: Roster | None = None) -> list[PiiMatch]:
    """Every PII span in ``text``, sorted, with overlaps resolved (earliest, then longest, wins).

    ``region``: the site's ISO country code, for national phone numbers (None: every UPSIDES
    country). ``roster``: the site's real names (``names.read_roster``).
    """
    if not text:
        return []
    plain = ascii_digits(text)  # same offsets as text
    regions = (region.upper(),) if region else UPSIDES_REGIONS
    found: list[PiiMatch] = []

    def add(start: int, end: int, kind: str) -> None:
        found.append(PiiMatch(start, end, kind, text[start:end]))

    if "@" in plain or _AT.search(plain):
        for m in _EMAIL.finditer(plain):
            add(m.start(), m.end(), "email")
    for m in _URL.finditer(plain):
        url = m.group().rstrip(".,;:!?")
        if _is_personal_url(url):
            add(m.start(), m.start() + len(url), "url")
    if _SEVEN_DIGITS.search(plain):  # a phone number has seven digits in a row, at least
        for start, end in _phones(plain, regions):
            add(start, end, "phone")
    for start, end in national_ids(plain):
        add(start, end, "national-id")
    for start, end in birth_dates(plain):
        add(start, end, "birth-date")
    for start, end in addresses(plain):
        add(start, end, "address")
    if roster is not None:
        for start, end, _pseudonym in roster.find(text):
            add(start, end, "name")
    found.sort(key=lambda p: (p.start, -(p.end - p.start), KINDS.index(p.kind)))
    kept: list[PiiMatch] = []
    for match in found:
        if kept and match.start < kept[-1].end:
            if match.end > kept[-1].end:  # overlapping spans merge: nothing of either survives
                last = kept.pop()
                kept.append(PiiMatch(last.start, match.end, last.kind, text[last.start:match.end]))
            continue
        kept.append(match)
    return kept


def mask(kind: str, text: str) -> str:
    """An excerpt safe to print: structure kept, letters and digits hidden (a URL keeps its host)."""
    if kind == "url":
        parsed = urlsplit(text if "://" in text else "http://" + text)
        return f"{parsed.hostname or ''}/…"
    keep_last = 2 if len(text) > 6 else 0
    out = []
    for i, ch in enumerate(text):
        if not ch.isalnum() or i == 0 or i >= len(text) - keep_last:
            out.append(ch)
        else:
            out.append("*")
    return "".join(out)


def redact(text: str | None, *, region: str | None = None,
           roster: Roster | None = None) -> tuple[str | None, list[PiiMatch]]:
    """``text`` with every PII span replaced (a name by its person's pseudonym), and the spans."""
    matches = find_pii(text, region=region, roster=roster)
    if not matches or text is None:
        return text, []
    pseudonyms = {start: pseudonym for start, _end, pseudonym in
                  (roster.find(text) if roster is not None else [])}
    parts, pos = [], 0
    for match in matches:
        parts.append(text[pos:match.start])
        if match.kind == "name":
            parts.append(pseudonyms.get(match.start, REPLACEMENT["name"]))
        else:
            parts.append(REPLACEMENT[match.kind])
        pos = match.end
    parts.append(text[pos:])
    return "".join(parts), matches
