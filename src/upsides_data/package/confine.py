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
from typing import Any, Iterator, Sequence

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


def read_text_csv(path: Path, *, package: str | None = None, file: str | None = None,
                  columns: Sequence[str] | None = None) -> pl.DataFrame:
    """A CSV with every column as text; a BOM and CRLF are accepted. A file that cannot be read
    raises UnreadableInputError with a finding naming the file and the line where it breaks.

    ``columns``: read only these, in this order (a projection: the other columns are parsed
    past, never held); a name the header lacks is left out rather than failing the read.
    """
    try:
        if columns is None:
            return pl.read_csv(path, infer_schema=False, encoding="utf8")
        wanted = present_columns(path, columns)
        return pl.read_csv(path, infer_schema=False, encoding="utf8", columns=wanted) \
            if wanted else pl.DataFrame()
    except Exception as exc:  # polars' and the OS's errors never reach the user unwrapped
        error = unreadable_csv(path, exc, package=package, file=file or path.name)
    raise error


def unreadable_csv(path: Path, exc: Exception, *, package: str | None,
                   file: str) -> UnreadableInputError:
    """The error for a CSV polars could not read (whole or in batches), with its finding."""
    finding = _locate(path, exc, package=package, file=file)
    return UnreadableInputError(f"{finding.location()}: {finding.message}", findings=[finding])


def csv_header(path: Path) -> list[str]:
    """The column names of a CSV's header line (polars' reading of it: BOM and CRLF dropped)."""
    return list(pl.read_csv(path, infer_schema=False, encoding="utf8", n_rows=0).columns)


def present_columns(path: Path, columns: Sequence[str]) -> list[str]:
    """``columns`` that the header has, each once, in the order asked."""
    header = set(csv_header(path))
    return [c for c in dict.fromkeys(columns) if c in header]


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


# -- reading a table in row batches ----------------------------------------------------------
# A CSV is cut into batches at record boundaries found with numpy over the raw bytes: a newline
# ends a record when an even number of quotes precedes it. That holds for every file whose
# quotes sit where RFC 4180 puts them (a quote opens a cell or doubles inside a quoted one);
# ``RecordScan.regular`` says whether the file is such a file, and readers fall back to reading
# the whole file when it is not (a broken file: layer 1 reports it with Python's csv module).

READ_BYTES = 1 << 23  # bytes read from disk at a time: bounds the raw text held at once
BATCH_BYTES = 1 << 24  # at most this many bytes of records in one batch (one record may be more)
_QUOTE, _COMMA, _LF, _CR = 34, 44, 10, 13
_BOM = b"\xef\xbb\xbf"


class IrregularCsv(Exception):
    """The file's quoting or line ends are not RFC 4180's: cut it with Python's csv instead."""


def _records(data: bytes, final: bool, count: bool = True) -> tuple[Any, Any, int]:
    """(record end offsets, cells per record, bytes consumed) of the complete records in ``data``,
    which starts at a record boundary. Raises IrregularCsv when a quote, CR or NUL is where
    Python's csv module and a quote-parity cut could disagree."""
    import numpy as np

    arr = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(arr == _QUOTE)
    if final and len(quotes) % 2:
        raise IrregularCsv  # a quoted cell left open at the end of the file
    lf = np.flatnonzero(arr == _LF)
    lf = lf[np.searchsorted(quotes, lf) % 2 == 0]
    ends = lf
    consumed = int(lf[-1]) + 1 if len(lf) else 0
    if final and consumed < len(data):
        ends = np.append(lf, len(data))
        consumed = len(data)
    # Only whole records are judged: a quote or CR at the cut has its neighbour in the next read.
    arr = arr[:consumed]
    quotes = quotes[:np.searchsorted(quotes, consumed)]
    if len(quotes) and not _quotes_regular(arr, quotes, final):
        raise IrregularCsv
    if (arr == 0).any():
        raise IrregularCsv
    cr = np.flatnonzero(arr == _CR)
    if len(cr):
        cr = cr[np.searchsorted(quotes, cr) % 2 == 0]
        if len(cr) and not np.isin(cr + 1, lf).all():
            raise IrregularCsv  # a CR alone outside quotes ends a line for csv, not for a cut
    if not count:  # cutting only: the cell count is layer 1's
        return ends, np.zeros(len(ends), dtype=np.int64), consumed
    commas = np.flatnonzero(arr == _COMMA)
    if len(quotes):
        commas = commas[np.searchsorted(quotes, commas) % 2 == 0]
    cells = np.bincount(np.searchsorted(ends, commas), minlength=len(ends))[:len(ends)] + 1
    return ends, cells, consumed


def _quotes_regular(arr: Any, quotes: Any, final: bool) -> bool:
    """Every opening quote starts a cell (or doubles a quote) and every closing quote ends a
    cell (or is doubled): Python's csv reads such a file exactly as the parity cut does."""
    import numpy as np

    n = len(arr)
    opening, closing = quotes[0::2], quotes[1::2]
    before = arr[np.maximum(opening - 1, 0)]
    ok_open = (opening == 0) | (before == _COMMA) | (before == _LF) | (before == _QUOTE)
    after_pos = closing + 1
    inside = after_pos < n
    after = arr[np.minimum(after_pos, n - 1)]
    ok_close = np.where(inside, (after == _COMMA) | (after == _LF) | (after == _CR)
                        | (after == _QUOTE), final)
    return bool(ok_open.all() and ok_close.all())


class RecordScan:
    """A CSV file cut into records: the header and batches of at most ``size`` records.

    ``batches()`` yields (first record number, raw bytes, cells per record, record ends) where
    record number 1 is the header, the bytes hold whole records only and each end is the offset
    in them of the record's line feed (or of the end of the file). ``IrregularCsv`` is raised when the
    file is not RFC 4180 (see ``_records``); nothing has been yielded wrongly before that, but a
    caller must then start again on the slow path.
    """

    def __init__(self, path: Path, size: int, max_bytes: int = BATCH_BYTES,
                 count: bool = True) -> None:
        self.path, self.size, self.max_bytes = path, max(1, size), max(1, max_bytes)
        self.count = count  # count cells per record (layer 1); readers only cut
        self.header = b""

    def batches(self) -> Iterator[tuple[int, bytes, Any, Any]]:
        import numpy as np

        with open(self.path, "rb") as handle:
            carry = handle.read(len(_BOM))
            if carry == _BOM:
                carry = b""
            record = 1
            eof = False
            while not eof:
                chunk = handle.read(READ_BYTES)
                eof = not chunk
                data = carry + chunk
                ends, cells, consumed = _records(data, final=eof, count=self.count)
                carry = data[consumed:]
                start = 0
                index = 0
                if record == 1 and len(ends):
                    self.header = data[:int(ends[0]) + 1]
                    start, index, record = int(ends[0]) + 1, 1, 2
                while index < len(ends):
                    last = min(index + self.size, len(ends))
                    limit = np.searchsorted(ends, start + self.max_bytes, side="right")
                    last = max(index + 1, min(last, int(limit)))
                    stop = int(ends[last - 1]) + 1
                    yield record, data[start:stop], cells[index:last], ends[index:last] - start
                    record += last - index
                    start, index = stop, last
                del data


def _present_or_asked(path: Path, columns: Sequence[str]) -> list[str]:
    """``present_columns``, or the columns as asked when the header cannot be read (the
    readers then say what is wrong with the file)."""
    try:
        return present_columns(path, columns)
    except Exception:  # noqa: BLE001 - reported by the read that follows
        return list(columns)


def read_text_batches(path: Path, *, size: int, columns: Sequence[str] | None = None,
                      package: str | None = None, file: str | None = None,
                      max_bytes: int = BATCH_BYTES, ragged: bool = False
                      ) -> Iterator[pl.DataFrame]:
    """The CSV as text frames of at most ``size`` rows (every cell a string, empty cells null),
    in file order: the same rows ``read_text_csv`` gives, cut into batches without holding the
    file. A file that cannot be read raises UnreadableInputError (as ``read_text_csv``); a file
    whose quoting is irregular is read whole once and sliced (the same frames, unbounded).

    ``ragged=True`` reads as the validator's layer 2 does: a record with more cells than the
    header is cut to the header's width (layer 1 reports it), and polars' own exception is
    raised unwrapped for a file it cannot parse (layer 2 turns it into its finding).
    ``columns`` as in ``read_text_csv``: only those, in that order; names the header lacks are
    left out."""
    wanted = None if columns is None else _present_or_asked(path, columns)
    done = [0]  # rows yielded before an irregularity showed: the slow path skips them
    try:
        yield from _parsed_batches(path, size, wanted, max_bytes, done, ragged)
        return
    except IrregularCsv:
        pass
    except Exception as exc:  # polars' and the OS's errors never reach the user unwrapped
        if ragged:
            raise
        finding = _locate(path, exc, package=package, file=file or path.name)
        raise UnreadableInputError(f"{finding.location()}: {finding.message}",
                                   findings=[finding]) from None
    if ragged:
        whole = pl.read_csv(path, infer_schema=False, encoding="utf8", truncate_ragged_lines=True,
                            raise_if_empty=False)
    else:
        whole = read_text_csv(path, package=package, file=file)
    if wanted is not None:
        whole = whole.select(wanted)
    if done[0] and done[0] >= whole.height:
        return
    for start in range(done[0], max(whole.height, 1), max(1, size)):
        yield whole.slice(start, size)


def _parsed_batches(path: Path, size: int, columns: list[str] | None,
                    max_bytes: int, done: list[int], ragged: bool) -> Iterator[pl.DataFrame]:
    import io

    scan = RecordScan(path, size, max_bytes, count=False)
    emitted = False
    for _record, raw, _cells, _ends in scan.batches():
        emitted = True
        frame = pl.read_csv(io.BytesIO(scan.header + raw), infer_schema=False, encoding="utf8",
                            columns=columns, truncate_ragged_lines=ragged)
        done[0] += frame.height
        yield frame
    if not scan.header.strip():
        raise IrregularCsv  # no header line: the whole-file reader says what is wrong
    if not emitted:
        frame = pl.read_csv(io.BytesIO(scan.header), infer_schema=False, encoding="utf8",
                            columns=columns, raise_if_empty=False)
        yield frame.clear()
