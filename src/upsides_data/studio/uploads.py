"""What a browser drops becomes files in the session folder, and those become packages.

``receive`` streams a multipart form into the session folder, counting bytes against the cap
(nothing is spooled to the system's temporary folder, nothing is kept in memory past a small
buffer) and refusing any file name that is not a plain name. ``unpack_upload`` is the one place
that knows what a dropped thing is, by its suffix: a zipped package (extracted with the same
limits as every zip the library opens), a package folder's files, a REFI-QDA project (imported
by ``qda.importer``) or a workbook (packed by the sites helper's ``pack`` when this build has it).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import AsyncIterator

from upsides_data.errors import LimitExceededError, UnreadableInputError, UpsidesError, UsageError
from upsides_data.findings import Finding
from upsides_data.limits import too_large
from upsides_data.package.reader import DESCRIPTOR, safe_extract

RULE_NAME = "upload-name-refused"
RULE_KIND = "upload-unsupported"
RULE_WORKBOOK = "workbook-unsupported"
WORKBOOKS = (".xlsx", ".ods")
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$")
_MEMORY_PER_FILE = 1024**2


@dataclass
class Received:
    """A parsed upload: its plain form fields and the files written into ``folder``."""

    folder: Path
    fields: dict[str, str] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


def plain_name(name: str) -> str:
    """The browser's file name if it is a plain file name, else ``UsageError`` with a finding.

    No folder part, no leading dot, no NUL or control character: ``../../x``, ``/etc/passwd``
    and ``a\\x00b`` are refused, not cleaned up, so nothing lands where the browser chose.
    """
    if not _PLAIN_NAME.match(name) or name.endswith((".", " ")):
        raise UsageError(f"file name {name!r} refused", findings=[Finding(
            RULE_NAME, f"the file name {name!r} is not a plain file name; nothing was saved",
            file=None, hint="rename the file to letters, digits, '.', '-' or '_' only, "
                            "e.g. \"site-package.zip\"")])
    return name


async def receive(chunks: AsyncIterator[bytes], content_type: str, folder: Path, *,
                  max_bytes: int) -> Received:
    """Parse a ``multipart/form-data`` body into ``folder``; refuse more than ``max_bytes``."""
    from python_multipart import FormParser
    from python_multipart.multipart import parse_options_header

    kind, params = parse_options_header(content_type)
    if kind != b"multipart/form-data" or b"boundary" not in params:
        raise UsageError("expected a multipart/form-data upload")
    received = Received(folder=folder)
    parts: list[object] = []
    parser = FormParser("multipart/form-data", lambda f: parts.append(f),
                        lambda f: parts.append(f), boundary=params[b"boundary"],
                        config={"UPLOAD_DIR": str(folder), "UPLOAD_KEEP_FILENAME": False,
                                "MAX_MEMORY_FILE_SIZE": _MEMORY_PER_FILE})
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(size, max_bytes)
        parser.write(chunk)
    parser.finalize()
    for part in parts:
        _keep(part, received)
    return received


def _too_large(size: int, limit: int) -> LimitExceededError:
    error = too_large("upload", size, limit)
    error.findings = [Finding(
        f.rule, f"the upload has more than {limit} bytes; nothing was kept", file="upload",
        hint="upload one site's package at a time, or start the studio with a higher "
             "--max-upload-mb") for f in error.findings]
    return error


def _keep(part: object, received: Received) -> None:
    """A form field becomes text; a file is saved under its plain name inside the folder."""
    name = (getattr(part, "field_name", b"") or b"").decode("utf-8", "replace")
    if not hasattr(part, "file_object"):
        value = getattr(part, "value", b"") or b""
        received.fields[name] = value.decode("utf-8", "replace")
        return
    raw = (part.file_name or b"").decode("utf-8", "replace")  # type: ignore[attr-defined]
    stream = part.file_object
    try:
        if not raw and not part.size:  # type: ignore[attr-defined]
            return  # an empty file input
        target = received.folder / plain_name(raw)
        if target.exists():
            raise UsageError(f"file {raw!r} given twice")
        stream.seek(0)
        with target.open("xb") as out:
            shutil.copyfileobj(stream, out)
        received.files.append(target)
    finally:
        stream.close()


def unpack_upload(path: Path, into: Path, *, site: str = "", study: str = "",
                  codebook: Path | None = None, country: str = "") -> list[Path]:
    """The package folders in one dropped thing, unpacked inside ``into``; dispatch by suffix.

    ``path`` is a file (``.zip``, ``.qdpx``, ``.xlsx``, ``.ods``) or a folder holding a
    package's files; ``codebook`` (a codebook package dropped before) is what a workbook's
    package is validated against when packed. Raises an ``UpsidesError`` carrying findings
    when it holds no package.
    """
    if path.is_dir():
        if not (path / DESCRIPTOR).is_file():
            raise _unsupported(path.name, "the files dropped hold no datapackage.json")
        return [path]
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _packages_in(safe_extract(path, _fresh(into / "unzipped")), path.name)
    if suffix == ".qdpx":
        return _import_qdpx(path, into, site=site, study=study, country=country)
    if suffix in WORKBOOKS:
        return _pack_workbook(path, into, codebook)
    raise _unsupported(path.name, f"{suffix or 'a file without suffix'} is not a kind the "
                                  "studio reads")


def _fresh(folder: Path) -> Path:
    folder.mkdir()
    return folder


def _packages_in(root: Path, name: str) -> list[Path]:
    """The package at ``root`` or, for a zip of several, the package folders right below it."""
    if (root / DESCRIPTOR).is_file():
        return [root]
    found = sorted(p for p in root.iterdir() if p.is_dir() and (p / DESCRIPTOR).is_file())
    if not found:
        raise _unsupported(name, "the archive holds no datapackage.json")
    return found


def _import_qdpx(path: Path, into: Path, *, site: str, study: str, country: str) -> list[Path]:
    from upsides_data.qda.importer import import_qdpx

    if not site or not study or not country:
        raise UsageError("a REFI-QDA project needs the site, study and country", findings=[Finding(
            "qdpx-site-study-missing", "a QDPX project needs the site and the study it belongs "
            "to and the site's country (a project does not say where it was made)",
            file=path.name, hint="fill in Site (e.g. \"ulm\"), Study (e.g. \"mhw-2019\") and "
            "Country (e.g. \"DE\") next to the file, then upload again")])
    out, codebook = into / "site", into / "codebook"
    import_qdpx(path, out, site=site, study=study, codebook_out=codebook, country=country)
    return [p for p in (out, codebook) if (p / DESCRIPTOR).is_file()]


def workbook_packer() -> object | None:
    """The sites helper's ``pack`` when this build has it (``upsides pack``), else None."""
    if importlib.util.find_spec("upsides_data.sites") is None:
        return None
    if importlib.util.find_spec("upsides_data.sites.pack") is None:
        return None
    from upsides_data.sites import pack as module

    return getattr(module, "pack", None)


def _pack_workbook(path: Path, into: Path, codebook: Path | None) -> list[Path]:
    pack = workbook_packer()
    if pack is None:
        raise UsageError("workbooks need `upsides pack`", findings=[Finding(
            RULE_WORKBOOK, "workbooks need `upsides pack` (not available in this build)",
            file=path.name, hint="save the package as a zip (datapackage.json and its CSV "
                                 "files) and drop that instead")])
    out = into / "package"
    pack(path, out, codebook=codebook)  # type: ignore[operator]
    return [out]


def dropped_order(files: list[Path]) -> list[Path]:
    """Packages and projects before workbooks, so a codebook dropped with a workbook is there
    when the workbook is packed; otherwise in the order dropped."""
    return sorted(files, key=lambda p: p.suffix.lower() in WORKBOOKS)


def _unsupported(name: str, why: str) -> UnreadableInputError:
    return UnreadableInputError(f"{name}: {why}", findings=[Finding(
        RULE_KIND, f"{why}; nothing was read", file=name,
        hint="drop a zipped package (e.g. \"ulm.zip\" holding datapackage.json and its CSV "
             "files), all files of a package folder, a .qdpx project or a workbook")])


def findings_of(error: UpsidesError) -> list[Finding]:
    """The findings an upload problem carries, or one naming its message."""
    if error.findings:
        return list(error.findings)
    return [Finding("unreadable", str(error), hint="check that this is the right file")]
