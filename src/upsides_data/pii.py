"""The PII scanner: email addresses, phone numbers and personal URLs in free text.

Shared by the disclosure layer (which reports spans) and ``anonymise`` (which masks them), so the
two can never disagree about what counts as personal information.

What is matched, and why:

* ``email``: ``local@domain.tld`` and the common obfuscation ``name [at] domain [dot] org``.
* ``phone``: an international number (``+`` then 8-15 digits with spaces, dots, dashes, slashes or a
  ``(0)``), a national number starting with a trunk ``0`` and at least 8 digits in groups
  (``0731 500-61234``, ``(040) 7410 5566``), and the North American ``555-123-4567`` form. A match
  must stand on its own: one glued to a letter, digit, ``-``, ``/`` or ``.`` before it is part of
  something else (a DOI such as ``10.1186/s12888-022-04206-5``, a grant number, a date).
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
from urllib.parse import urlsplit

import polars as pl

KINDS = ("email", "phone", "url")

REPLACEMENT = {"email": "[email removed]", "phone": "[phone removed]", "url": "[url removed]"}

_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
    r"|[A-Za-z0-9._%+\-]+\s*[\[(]at[\])]\s*[A-Za-z0-9\-]+(?:\s*[\[(]dot[\])]\s*[A-Za-z0-9\-]+)+",
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
_SEVEN_DIGITS = r"[ .\-/()]{0,3}".join(["[0-9]"] * 7)  # seven digits, loosely separated
CANDIDATE = r"@|\[at\]|\(at\)|https?://|www\.|" + _SEVEN_DIGITS


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


def candidate_expr(column: str) -> pl.Expr:
    """True for cells that may hold PII (never false for a cell ``find_pii`` would flag)."""
    return pl.col(column).str.contains(CANDIDATE).fill_null(False)


def _stands_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in "-/._+":
        return False
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


def find_pii(text: str | None) -> list[PiiMatch]:
    """Every PII span in ``text``, sorted, with overlaps resolved (earliest, then longest, wins)."""
    if not text:
        return []
    found: list[PiiMatch] = []
    for m in _EMAIL.finditer(text):
        found.append(PiiMatch(m.start(), m.end(), "email", m.group()))
    for m in _URL.finditer(text):
        url = m.group().rstrip(".,;:!?")
        if _is_personal_url(url):
            found.append(PiiMatch(m.start(), m.start() + len(url), "url", url))
    for m in _PHONE.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group())
        if 8 <= digits <= 15 and _stands_alone(text, m.start(), m.end()):
            found.append(PiiMatch(m.start(), m.end(), "phone", m.group()))
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[PiiMatch] = []
    for match in found:
        if kept and match.start < kept[-1].end:
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


def redact(text: str | None) -> tuple[str | None, list[PiiMatch]]:
    """``text`` with every PII span replaced by its ``REPLACEMENT``, and the spans replaced."""
    matches = find_pii(text)
    if not matches or text is None:
        return text, []
    parts, pos = [], 0
    for match in matches:
        parts.append(text[pos:match.start])
        parts.append(REPLACEMENT[match.kind])
        pos = match.end
    parts.append(text[pos:])
    return "".join(parts), matches
