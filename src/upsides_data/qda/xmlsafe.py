"""XML 1.0 safety both ways: characters on export, hostile documents on import.

XML 1.0 allows only TAB, LF, CR and the ranges U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF;
any other character (NUL, form feeds, lone surrogates, U+FFFE) makes a document unreadable for
every QDA program, so export removes them. Import parses with ``defusedxml`` and refuses any DTD,
which rules out entity expansion ("billion laughs") and external entities in one move.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache

import defusedxml
import defusedxml.ElementTree as DET

from upsides_data.errors import UnreadableInputError
from upsides_data.limits import MAX_NESTING, MAX_XML_BYTES, too_deep, too_large

_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
FORBIDDEN = _FORBIDDEN
_PLAIN_ATTR = re.compile(r"^[A-Za-z0-9 .:/#_{}+-]*$")
_FORBIDDEN_REF = re.compile(r"&#(?:x0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));")


def forbidden_count(text: str) -> int:
    """How many characters XML 1.0 forbids occur in ``text``."""
    return len(_FORBIDDEN.findall(text))


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _FORBIDDEN.sub("", text)


def escape_text(text: str) -> str:
    """Character data: clean, then escape markup; CR kept as a reference so it survives parsing."""
    text = clean(text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def escape_attr(text: str) -> str:
    """Attribute values: as text, plus quotes and whitespace that attribute parsing would fold."""
    if _PLAIN_ATTR.match(text):
        return text
    return (escape_text(text).replace('"', "&quot;").replace("\n", "&#10;")
            .replace("\t", "&#9;"))


@dataclass
class Parsed:
    root: ET.Element
    repaired: int  # forbidden characters removed before a second, successful parse


def parse(data: bytes, name: str) -> Parsed:
    """Parse untrusted XML; refuse DTDs and entities; repair forbidden characters once.

    Raises ``UnreadableInputError`` naming ``name`` when the document cannot be read safely and
    ``LimitExceededError`` past ``MAX_XML_BYTES`` or ``MAX_NESTING`` levels of elements.
    """
    if len(data) > MAX_XML_BYTES:
        raise too_large(name, len(data), MAX_XML_BYTES)
    parsed = _parse(data, name)
    if _depth(parsed.root) > MAX_NESTING:
        raise too_deep(name, hint="QDA exchange files nest codes a few levels deep; export the "
                             "project again from its QDA program")
    return parsed


def _depth(root: ET.Element) -> int:
    """How deeply elements nest (the root alone is 1), without recursion: the readers that walk
    code trees recurse, so a document nested deeper than the limit never reaches them."""
    deepest, stack = 0, [(root, 1)]
    while stack:
        element, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in element)
    return deepest


def _parse(data: bytes, name: str) -> Parsed:
    try:
        return Parsed(DET.fromstring(data, forbid_dtd=True), 0)
    except defusedxml.DefusedXmlException as exc:
        raise UnreadableInputError(
            f"{name}: refused: the XML declares a DTD or entities ({type(exc).__name__}); "
            "QDA exchange files never need them and they enable entity-expansion attacks",
            rule="xml-unsafe", hint="export the project again from its QDA tool; a REFI-QDA "
            "file starts with <?xml ...?> and its root element, never <!DOCTYPE") from None
    except ET.ParseError as exc:
        first_error = exc
    text = _decode(data)
    if text is None:
        raise UnreadableInputError(f"{name}: not well-formed XML ({first_error})")
    refs = len(_FORBIDDEN_REF.findall(text))
    repaired_text = _FORBIDDEN_REF.sub("", text)
    removed = refs + forbidden_count(repaired_text)
    repaired_text = clean(repaired_text)
    if not removed:
        raise UnreadableInputError(f"{name}: not well-formed XML ({first_error})")
    repaired_text = re.sub(r"^<\?xml[^>]*\?>", "", repaired_text.lstrip("\ufeff"))
    try:
        return Parsed(DET.fromstring(repaired_text.encode("utf-8"), forbid_dtd=True), removed)
    except (ET.ParseError, defusedxml.DefusedXmlException) as exc:
        raise UnreadableInputError(f"{name}: not well-formed XML ({exc})") from None


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


@lru_cache(maxsize=1024)
def local(tag: str) -> str:
    """A tag without its namespace: vendors write urn:QDA-XML:project:1.0, 1:0, 0:4 or none."""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
