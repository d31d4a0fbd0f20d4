"""Reading a QDPX archive without trusting it.

A QDPX is a zip of one ``*.qde`` project file and a ``sources/`` folder. Before anything is read,
every member name is checked (no absolute paths, drive letters, ``..`` or links) and every member
is read with a hard cap on its real decompressed size and on its compression ratio, so a zip bomb
stops at the cap instead of filling memory or disk.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from typing import IO
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from upsides_data.errors import UnreadableInputError
from upsides_data.findings import Finding

MAX_MEMBER_BYTES = 512 * 1024**2
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024  # members smaller than this may compress any amount
MAX_MEMBERS = 200_000


@dataclass
class QdpxArchive:
    """The checked members of a QDPX: the project file (read whole or as a capped stream) and
    a lookup of source files."""

    path: Path
    project_name: str
    project_info: zipfile.ZipInfo
    zf: zipfile.ZipFile
    sources: dict[str, zipfile.ZipInfo] = field(default_factory=dict)  # lower-case file name -> info
    caps: dict[str, int] = field(default_factory=dict)

    @property
    def project_bytes(self) -> bytes:
        """The project file, read whole under the caps."""
        return _read_capped(self.zf, self.project_info, self.path, self.caps)

    def open_project(self) -> CappedStream:
        """The project file as a stream, under the same caps as ``project_bytes``."""
        return CappedStream(self.zf, self.project_info, self.path, self.caps)

    def read_source(self, name: str) -> bytes | None:
        """A file of the sources folder by name (any case), or None when absent."""
        info = self.sources.get(name.lower())
        return None if info is None else _read_capped(self.zf, info, self.path, self.caps)

    def close(self) -> None:
        self.zf.close()


class CappedStream:
    """A member read in chunks, refused (``UnreadableInputError``) the moment it expands past
    the caps or its compression ratio: what ``_read_capped`` checks, without holding the
    member. What it read counts against the archive's total when it is closed."""

    def __init__(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: Path,
                 caps: dict[str, int]) -> None:
        self.info, self.archive, self.caps = info, archive, caps
        self.limit = min(MAX_MEMBER_BYTES, caps["total_left"])
        self.size = 0
        self.handle = _member(zf, info, archive)

    def read(self, size: int = -1) -> bytes:
        chunk = _read_chunk(self.handle, self.info, self.archive,
                            1024 * 1024 if size < 0 else min(size, 1024 * 1024))
        self.size += len(chunk)
        _check_expansion(self.size, self.limit, self.info, self.archive)
        return chunk

    def close(self) -> None:
        self.handle.close()
        self.caps["total_left"] -= self.size

    def __enter__(self) -> CappedStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_name(raw: str, archive: Path) -> PurePosixPath:
    name = raw.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in path.parts:
        raise UnreadableInputError(
            f"{archive}: refused: member {raw!r} is an absolute path or escapes the archive")
    return path


def _read_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: Path,
                 caps: dict[str, int]) -> bytes:
    limit = min(MAX_MEMBER_BYTES, caps["total_left"])
    chunks, size = [], 0
    with _member(zf, info, archive) as handle:
        while True:
            chunk = _read_chunk(handle, info, archive)
            if not chunk:
                break
            size += len(chunk)
            _check_expansion(size, limit, info, archive)
            chunks.append(chunk)
    caps["total_left"] -= size
    return b"".join(chunks)


def _check_expansion(size: int, limit: int, info: zipfile.ZipInfo, archive: Path) -> None:
    """Refuse a member that expands past ``limit`` or more than ``MAX_RATIO`` times."""
    if size > limit:
        raise UnreadableInputError(
            f"{archive}: refused: member {info.filename!r} expands beyond "
            f"{limit} bytes (possible zip bomb)")
    if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
        raise UnreadableInputError(
            f"{archive}: refused: member {info.filename!r} is compressed more than "
            f"{MAX_RATIO}:1 (possible zip bomb)")


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: Path) -> IO[bytes]:
    try:
        return zf.open(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise _corrupt(info, archive, exc) from None


def _read_chunk(handle: IO[bytes], info: zipfile.ZipInfo, archive: Path,
                size: int = 1024 * 1024) -> bytes:
    """One MiB of a member (or ``size`` bytes); a bad CRC, a broken deflate stream or a
    truncated member is a refusal naming the member, never a crash."""
    try:
        return handle.read(size)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise _corrupt(info, archive, exc) from None


def _corrupt(info: zipfile.ZipInfo, archive: Path, exc: BaseException) -> UnreadableInputError:
    return UnreadableInputError(
        f"{archive}: member {info.filename!r} is corrupt ({type(exc).__name__}: {exc})",
        findings=[Finding("zip-member-corrupt", f"the member cannot be read: {exc}",
                          file=f"{archive.name}/{info.filename}",
                          hint="export the project again from the QDA program")])


def open_qdpx(path: str | Path) -> QdpxArchive:
    """Open and check a QDPX; raise ``UnreadableInputError`` on anything unsafe or unreadable."""
    archive = Path(path)
    if not archive.is_file():
        raise UnreadableInputError(f"{archive}: no such file")
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableInputError(f"{archive}: not a readable QDPX (zip) archive ({exc})") from None
    try:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UnreadableInputError(f"{archive}: refused: more than {MAX_MEMBERS} members")
        projects, sources = [], {}
        declared = 0
        for info in infos:
            name = _check_name(info.filename, archive)
            mode = info.external_attr >> 16
            if mode and stat.S_ISLNK(mode):
                raise UnreadableInputError(f"{archive}: refused: member {info.filename!r} is a link")
            if info.is_dir():
                continue
            declared += info.file_size
            if info.file_size > MAX_MEMBER_BYTES or declared > MAX_TOTAL_BYTES:
                raise UnreadableInputError(
                    f"{archive}: refused: member {info.filename!r} declares too many bytes "
                    "(possible zip bomb)")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise UnreadableInputError(
                    f"{archive}: refused: member {info.filename!r} is compressed more than "
                    f"{MAX_RATIO}:1 (possible zip bomb)")
            parts = name.parts
            if len(parts) == 1 and name.suffix.lower() == ".qde":
                projects.append(info)
            elif len(parts) == 2 and parts[0].lower() == "sources":
                sources[parts[1].lower()] = info
        if len(projects) != 1:
            found = ", ".join(sorted(i.filename for i in projects)) or "none"
            raise UnreadableInputError(
                f"{archive}: a QDPX holds exactly one *.qde project file at its root (found {found})")
    except BaseException:
        zf.close()
        raise
    caps = {"total_left": MAX_TOTAL_BYTES}
    return QdpxArchive(archive, projects[0].filename, projects[0], zf, sources, caps)
