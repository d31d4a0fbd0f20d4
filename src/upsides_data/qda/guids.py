"""Deterministic REFI-QDA GUIDs from our IRIs.

A record's GUID is the UUID v5 (URL namespace) of its full IRI, so the same package always
exports the same GUIDs and a re-imported GUID can be recognised by hashing known ids. Things
without an id of their own (the "Themes" root, a code list of a theme, a bare coded span) get the
UUID of a fragment IRI built from the ids they belong to.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from functools import lru_cache

ID_BASE = "https://w3id.org/upsides-data/id/"
SCHEMA_BASE = "https://w3id.org/upsides-data/schema/"
_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")


def expand(curie: str) -> str:
    """``upsides:ulm/q1`` -> ``https://w3id.org/upsides-data/id/ulm/q1``; IRIs pass through."""
    if curie.startswith("upsides:"):
        return ID_BASE + curie[len("upsides:"):]
    return curie


_URL_NAMESPACE = uuid.NAMESPACE_URL.bytes


def uuid5_url(name: str) -> str:
    """``str(uuid.uuid5(uuid.NAMESPACE_URL, name))`` without building a ``UUID`` object: the
    same SHA-1, version and variant bits (a test compares both), at a third of the cost, which
    counts when an export names a million codings."""
    digest = bytearray(hashlib.sha1(_URL_NAMESPACE + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@lru_cache(maxsize=65536)
def guid_for(curie_or_iri: str, fragment: str | None = None) -> str:
    """The lower-case UUID v5 of the record's IRI (plus ``#fragment`` when given)."""
    iri = expand(curie_or_iri)
    if fragment:
        iri = f"{iri}#{fragment}"
    return uuid5_url(iri)


def slot_guid(slot: str) -> str:
    """The GUID of a variable named after a schema slot (``gender`` -> uds:gender)."""
    return uuid5_url(SCHEMA_BASE + slot)


def span_guid(transcript: str, start: int, end: int) -> str:
    """The GUID of a coded span with no quote: the RFC 5147 fragment of the transcript IRI."""
    return guid_for(transcript, f"char={start},{end}")


def normalise_guid(value: str | None) -> str | None:
    """Any vendor spelling (upper case, braces, spaces) as a lower-case bare GUID, or None."""
    if value is None:
        return None
    match = _GUID.match(value.strip())
    return match.group(1).lower() if match else None
