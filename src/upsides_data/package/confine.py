"""Confinement: a package's files are read only from inside the package, and only if readable.

Every table read of the library (``Package.path_of`` / ``Package.text_frame``, the validator's
shape layer, and through them every command) asks this module first, so one set of rules holds
everywhere:

* a resource path is a relative path with forward slashes inside the package folder (or zip):
  no URL, no backslash, no absolute path, no ``..``;
* once resolved (symlinks followed) the file still lies inside the package;
* the file is a regular file: a FIFO, a device, a socket or a folder is refused after a ``stat``,
  before anything opens it (opening a FIFO would block forever, a device would never end);
* a file that cannot be read (bad UTF-8, a record with more cells than the header, a quote left
  open, no permission) becomes a finding naming the file and the line, never a library error.

Package names never become paths unchecked either: ``safe_name`` is the one test, used by the
validator (the descriptor's ``name``) and by every command that names a folder after a package.
Problems are raised as ``UnreadableInputError`` carrying one ``Finding``, so that a command shows
them like ``upsides validate`` does (exit code 2).
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import stat
from pathlib import Path, PurePosixPath
from typing import Any

import polars as pl

from upsides_data.errors import UnreadableInputError
from upsides_data.findings import Finding

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # any scheme: http:, https:, file:, s3:, ...
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")
_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_CHUNK = 1 << 20
# Python's csv module refuses cells over 128 KiB by default; real transcripts are longer.
CSV_FIELD_LIMIT = 2**31 - 1

PATH_HINT = ("a resource path is a relative path inside the package folder, with forward "
             "slashes, e.g. \"quote.csv\"; nothing is fetched")
NAME_HINT = ("a package name uses only lowercase letters, digits, \"-\", \".\" and \"_\" and "
             "starts with a letter or digit, e.g. \"upsides-mhw-2019-ulm\"")


def path_problem(path: Any) -> tuple[str, str] | None:
    """(rule, message) when a resource path could leave the package, or None; no disk access."""
    if not isinstance(path, str) or not path:
        return "path-invalid", f"path {path!r} is not a single file path"
    if _URL.match(path) and not _WINDOWS_DRIVE.match(path):
        return "path-remote", f"path {path!r} is a URL"
    if "\\" in path:
        return "path-backslash", f"path {path!r} contains a backslash"
    if path.startswith("/") or _WINDOWS_DRIVE.match(path):
        return "path-absolute", f"path {path!r} is absolute"
    if ".." in PurePosixPath(path).parts:
        return "path-traversal", f"path {path!r} leaves the package folder"
    return None


def file_problem(root: Path, path: str) -> tuple[str, str] | None:
    """(rule, message) when the file at ``path`` under ``root`` may not be read, or None.

    ``path`` must already have passed ``path_problem``. Nothing is opened: ``stat`` only.
    """
    try:
        inside = root.resolve()
        resolved = (root / path).resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        return "file-unreadable", f"{path!r} cannot be resolved ({type(exc).__name__})"
    if not resolved.is_relative_to(inside):
        return "path-traversal", f"{path!r} leaves the package (through a link)"
    try:
        mode = os.stat(resolved).st_mode
    except FileNotFoundError:
        return "file-missing", f"file {path!r} does not exist"
    except OSError as exc:
        return "file-unreadable", f"{path!r} cannot be read ({exc.strerror or exc})"
    if not stat.S_ISREG(mode):
        return "file-not-regular", f"{path!r} is {_kind_of(mode)}, not a regular file"
    if not os.access(resolved, os.R_OK):
        return "file-unreadable", f"{path!r} cannot be read (permission denied)"
    return None


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def resource_file(root: Path, package: str, table: str, path: Any) -> Path:
    """The file of a resource, confined to the package; raises UnreadableInputError otherwise."""
    problem = path_problem(path)
    if problem is None:
        problem = file_problem(root, str(path))
    if problem is not None:
        rule, message = problem
        raise UnreadableInputError(
            f"{package}: resource {table!r}: {message}",
            findings=[Finding(rule=rule, message=f"resource {table!r}: {message}",
                              package=package, file=str(path) if isinstance(path, str) else None,
                              field="path", hint=PATH_HINT)])
    return root / str(path)


def safe_name(name: Any) -> bool:
    """True when ``name`` may name a package and a folder: lowercase letters, digits, ``-._``."""
    return isinstance(name, str) and bool(_SAFE_NAME.match(name)) and len(name) <= 200


def allow_long_cells() -> None:
    """Let Python's csv module read cells as long as real transcripts (several MB)."""
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)


def first_undecodable(path: Path) -> tuple[int, int, int] | None:
    """(line, column, byte) of the first byte that is not UTF-8, or None; streams the file."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        return None
    except UnicodeDecodeError:
        pass
    with open(path, "rb") as handle:  # slow path, only for a broken file: find the line
        for number, line in enumerate(handle, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                return number, exc.start + 1, line[exc.start]
    return 1, 1, 0


def read_text_csv(path: Path, *, package: str | None = None, file: str | None = None
                  ) -> pl.DataFrame:
    """A CSV with every column as text; a BOM and CRLF are accepted. A file that cannot be read
    raises UnreadableInputError with a finding naming the file and the line where it breaks."""
    try:
        return pl.read_csv(path, infer_schema=False, encoding="utf8")
    except Exception as exc:  # polars' and the OS's errors never reach the user unwrapped
        error = unreadable_csv(path, exc, package=package, file=file or path.name)
    raise error


def unreadable_csv(path: Path, exc: Exception, *, package: str | None,
                   file: str) -> UnreadableInputError:
    """The error for a CSV polars could not read (whole or in batches), with its finding."""
    finding = _locate(path, exc, package=package, file=file)
    return UnreadableInputError(f"{finding.location()}: {finding.message}", findings=[finding])


def _locate(path: Path, exc: Exception, *, package: str | None, file: str) -> Finding:
    """The first problem in a CSV polars could not read, as a finding with its line."""
    where = {"package": package, "file": file}
    try:
        bad = first_undecodable(path)
    except OSError as err:
        return Finding(rule="file-unreadable", message=f"{file} cannot be read "
                       f"({err.strerror or err})", hint="check the file's permissions", **where)
    if bad is not None:
        line, column, byte = bad
        return Finding(rule="encoding", row=line,
                       message=f"{file} is not UTF-8: byte 0x{byte:02x} on line {line}, column "
                               f"{column} cannot be decoded",
                       hint="re-save the file as UTF-8 (a byte order mark is accepted)", **where)
    if path.stat().st_size == 0:
        return Finding(rule="file-empty", message=f"{file} is empty (0 bytes)",
                       hint="a table without rows still needs its header line", **where)
    allow_long_cells()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=False)
        try:
            width = len(next(reader, []))
            for row, record in enumerate(reader, start=2):
                if len(record) > width:
                    return Finding(rule="cell-extra", row=row,
                                   message=f"row has {len(record)} cells; the header has {width}",
                                   hint="a cell holding a comma must be quoted", **where)
        except csv.Error as err:
            return Finding(rule="csv-syntax", row=reader.line_num,
                           message=f"{file}: {err} near line {reader.line_num}",
                           hint="check quoting: a quoted cell must end with a quote", **where)
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return Finding(rule="csv-syntax", message=f"{file} cannot be read as CSV: {first_line[:200]}",
                   hint="check quoting and line ends", **where)
