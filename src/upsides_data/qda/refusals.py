"""What makes a QDA project unimportable as a whole, found before anything is mapped.

- **Duplicate GUIDs**: REFI-QDA identifies every code, source, selection, coding, case, note and
  set by a GUID, and our ids are derived from them; two elements with one GUID would become two
  records with one key (or one would silently replace the other), so the project is refused with
  a ``qda-duplicate-guid`` finding per GUID, naming the elements that share it.
- **Binary sources**: only text sources are expressible in a site package; a ``TextSource`` whose
  file is a PDF, an image, audio, video or any other binary file would be decoded into garbage
  transcript text, so the project is refused with a ``qda-binary-source`` finding naming each
  such source. (``PictureSource``, ``PDFSource``, ``AudioSource`` and ``VideoSource`` elements
  declare themselves non-text; they are left out with a ``qda-not-expressible`` warning.)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from upsides_data.findings import Finding
from upsides_data.qda.guids import normalise_guid
from upsides_data.qda.xmlsafe import local

RULE_DUPLICATE = "qda-duplicate-guid"
RULE_BINARY = "qda-binary-source"

# The leading bytes of common binary formats a QDA program may hold as a source.
_MAGIC = {
    b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image", b"II*\x00": "a TIFF image", b"MM\x00*": "a TIFF image",
    b"RIFF": "a RIFF file (WAV audio or AVI video)", b"ID3": "an MP3 audio file",
    b"OggS": "an Ogg audio or video file", b"fLaC": "a FLAC audio file",
    b"PK\x03\x04": "a zip archive (such as a Word document)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document", b"{\\rtf": "an RTF document",
}


def duplicate_guids(root: ET.Element, file: str) -> list[Finding]:
    """A finding for every GUID that more than one element declares (``guid=``).

    References (``CodeRef``, ``MemberCode``, ...; some vendors write ``guid=`` on them) point
    at a GUID rather than declaring one, so they are not counted.
    """
    holders: dict[str, list[str]] = defaultdict(list)
    for element in root.iter():
        tag = local(element.tag)
        if tag.endswith("Ref") or tag.startswith("Member"):
            continue
        guid = normalise_guid(element.get("guid"))
        if guid is not None:
            name = element.get("name")
            holders[guid].append(local(element.tag) + (f" {name!r}" if name else ""))
    return [Finding(RULE_DUPLICATE, f"GUID {guid} is declared by {len(names)} elements: "
                    f"{', '.join(names)}", file=file, field="guid",
                    hint="every element needs its own GUID; export the project again from its "
                         "QDA program, or give one element a new GUID such as "
                         "3f2b8c1e-5d4a-4e9b-8c7d-2a1b0c9d8e7f")
            for guid, names in sorted(holders.items()) if len(names) > 1]


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` is (for the finding), or None for text."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text holds NUL bytes by design
    if b"\x00" in data[:8192]:
        return "a binary file (it holds NUL bytes)"
    return None


def binary_source(name: str, path: str, kind: str, file: str) -> Finding:
    return Finding(RULE_BINARY, f"source {name!r} ({path}) is {kind}, not plain text",
                   file=file, field="plainTextPath",
                   hint="only text sources can be imported: export the transcript as a .txt "
                        "source, or remove this source from the project before exporting")
