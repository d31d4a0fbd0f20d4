"""Reading ``project.qde`` as a stream: one source (case, note) at a time, never the whole tree.

lxml's ``iterparse`` reads the project file straight from the archive through the capped stream
(``archive.CappedStream``: size, total and compression-ratio caps as it reads), with entities
left unresolved, no network, no DTD loaded, no huge text nodes, and comments and processing
instructions dropped (as ``ElementTree`` drops them). Each item of ``Sources``, ``Cases`` and
``Notes`` is read into the model when its end tag arrives and then removed from the tree; every
other child of the root (users, the code book, sets...) when it ends.

The stream reads only documents that need no care: the first sign of anything else (a DTD, a
syntax error the careful reader might repair, an element nested deeper than ``MAX_NESTING``, a
GUID declared twice, a root other than ``Project``, a refused member) makes it give up, and the
caller reads the document whole with the careful reader (``xmlsafe.parse``), whose findings
and refusals are the ones the importer has always given. A GUID seen twice is detected by its
``hash`` (a collision only costs the careful read).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
import zlib
from typing import Iterator, cast

from lxml import etree

from upsides_data.errors import UpsidesError
from upsides_data.limits import MAX_NESTING
from upsides_data.qda import model as m
from upsides_data.qda.archive import QdpxArchive
from upsides_data.qda.guids import normalise_guid
from upsides_data.qda.xmlread import Reader
from upsides_data.qda.xmlsafe import local

# Children of the root read one item at a time.
STREAMED = {"Sources", "Cases", "Notes"}


class _One:
    """A container holding one item, as ``Reader.child`` reads it (tag and children)."""

    def __init__(self, tag: str, item: etree._Element) -> None:
        self.tag, self.item = tag, item

    def __iter__(self) -> Iterator[etree._Element]:
        return iter((self.item,))


class _Careful(Exception):
    """The document needs the careful, whole-tree reader."""


def stream_project(archive: QdpxArchive) -> tuple[m.Project, Reader, str] | None:
    """The project, its reader (with the problems it met) and the root's tag; None when the
    document must be read whole (the archive's caps are then as they were before)."""
    caps = dict(archive.caps)
    try:
        with archive.open_project() as stream:
            return _read(stream)
    except (_Careful, etree.LxmlError, UpsidesError, UnicodeError, ValueError,
            zipfile.BadZipFile, zlib.error, EOFError, OSError):
        archive.caps.clear()
        archive.caps.update(caps)
        return None


def _read(stream: object) -> tuple[m.Project, Reader, str]:
    events = etree.iterparse(stream, events=("start", "end"), resolve_entities=False,
                             no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    reader = Reader()
    root: etree._Element | None = None
    project: m.Project | None = None
    seen: set[int] = set()
    depth = 0
    for event, element in events:
        if event == "start":
            depth += 1
            if depth > MAX_NESTING:
                raise _Careful
            tag = local(element.tag)
            if root is None:
                info = element.getroottree().docinfo
                if info.doctype or info.internalDTD is not None or tag != "Project":
                    raise _Careful
                root, project = element, reader.begin(element)
            if not (tag.endswith("Ref") or tag.startswith("Member")):
                guid = normalise_guid(element.get("guid"))
                if guid is not None:
                    key = hash(guid)
                    if key in seen:
                        raise _Careful
                    seen.add(key)
            continue
        assert root is not None and project is not None
        if depth == 2:
            reader.child(project, element)
            root.remove(element)
        elif depth == 3:
            parent = element.getparent()
            if local(parent.tag) in STREAMED:
                # the parser runs ahead of its events: later items may already be in parent
                reader.child(project, cast(ET.Element, _One(parent.tag, element)))
                parent.remove(element)
        depth -= 1
    assert root is not None and project is not None
    return project, reader, root.tag
