"""Open a package (a folder or a .zip of one) and read its tables.

Tables are read as text first (every cell a string, empty cells null) so that validation sees
exactly what the site wrote; ``Package.frame`` casts to the Table Schema's types for analysis.
Every table is reached through ``package.confine``: resource paths stay inside the package, only
regular files are opened, and a file that cannot be read raises ``UnreadableInputError`` with a
finding. Commands open packages through ``upsides_data.gateway``, which validates them too.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterator, Sequence

import polars as pl

from upsides_data import jsonsafe
from upsides_data.errors import UnreadableInputError
from upsides_data.findings import Finding
from upsides_data.package.confine import (csv_header, read_text_batches, read_text_csv,
                                          resource_file)
from upsides_data.package.descriptor import PackageMeta

DESCRIPTOR = "datapackage.json"
MAX_ZIP_MEMBER_BYTES = 2 * 1024**3
MAX_ZIP_TOTAL_BYTES = 8 * 1024**3
MAX_ZIP_RATIO = 200


@dataclass
class Package:
    """A package on disk: where it is, its descriptor, and lazy access to its tables."""

    root: Path
    descriptor: dict[str, Any]
    source: Path
    _tempdir: Any = field(default=None, repr=False)

    @property
    def meta(self) -> PackageMeta:
        return PackageMeta.from_descriptor(self.descriptor)

    @property
    def name(self) -> str:
        return str(self.descriptor.get("name") or self.source.name)

    def resources(self) -> dict[str, dict[str, Any]]:
        listed = self.descriptor.get("resources")
        return {str(r.get("name")): r for r in (listed if isinstance(listed, list) else [])
                if isinstance(r, dict)}

    def has(self, table: str) -> bool:
        return table in self.resources()

    def path_of(self, table: str) -> Path:
        """The table's file, confined to the package (UnreadableInputError otherwise)."""
        path = self.resources()[table].get("path")
        if not isinstance(path, str) or not path:  # a list, a number, null: validation says so
            raise UnreadableInputError(
                f"{self.name}: resource {table!r} has path {path!r}, not one file path",
                findings=[Finding("path-invalid", f"resource {table!r}: path {path!r} is not a "
                                  "single file path", package=self.name, file=DESCRIPTOR,
                                  field="path", hint=f'for example "path": "{table}.csv"')])
        return resource_file(self.root, self.name, table, path)

    def text_frame(self, table: str, columns: Sequence[str] | None = None) -> pl.DataFrame:
        """The table with every cell as a string, empty cells as null; with ``columns``, only
        those the file has (in that order), the others never held."""
        return read_text_csv(self.path_of(table), package=self.name,
                             file=str(self.resources()[table].get("path")), columns=columns)

    def text_columns(self, table: str) -> list[str]:
        """The column names of the table's header line."""
        return csv_header(self.path_of(table))

    def text_batches(self, table: str, *, size: int, columns: Sequence[str] | None = None,
                     ragged: bool = False) -> Iterator[pl.DataFrame]:
        """The table as text frames of at most ``size`` rows each, in file order, read without
        holding the whole file (``confine.read_text_batches``); ``columns`` reads only those
        the file has, in that order.
        The frames together are ``text_frame(table)``; a file that cannot be read raises
        UnreadableInputError with a finding, as ``text_frame`` does (``ragged``: as the
        validator's layer 2 reads, see ``confine.read_text_batches``)."""
        return read_text_batches(self.path_of(table), size=size, columns=columns, ragged=ragged,
                                 package=self.name, file=str(self.resources()[table].get("path")))

    def frame(self, table: str) -> pl.DataFrame:
        """The table cast to its Table Schema's types (for analysis, after validation)."""
        schema = self.resources()[table].get("schema", {})
        return cast_frame(self.text_frame(table), schema)


_CASTS = {"integer": pl.Int64, "number": pl.Float64}


def cast_frame(frame: pl.DataFrame, schema: dict[str, Any]) -> pl.DataFrame:
    exprs = []
    for fld in schema.get("fields", []):
        name, ftype = fld["name"], fld.get("type", "string")
        if name not in frame.columns:
            continue
        if ftype in _CASTS:
            exprs.append(pl.col(name).cast(_CASTS[ftype], strict=False))
        elif ftype == "boolean":
            exprs.append(pl.col(name).replace_strict({"true": True, "false": False}, default=None,
                                                     return_dtype=pl.Boolean))
    return frame.with_columns(exprs) if exprs else frame


def load_descriptor(root: Path) -> dict[str, Any]:
    path = root / DESCRIPTOR
    if not path.is_file():
        raise UnreadableInputError(f"{root}: no {DESCRIPTOR} found")
    if not path.resolve().is_relative_to(root.resolve()):
        raise UnreadableInputError(f"{path}: the descriptor is a link leading out of the package")
    try:
        data = jsonsafe.load_file(path, file=str(path))
    except OSError as exc:
        raise UnreadableInputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadableInputError(f"{path}: not valid UTF-8 JSON ({exc})") from None
    if not isinstance(data, dict):
        raise UnreadableInputError(f"{path}: the descriptor must be a JSON object")
    return data


def safe_extract(archive: Path, target: Path) -> Path:
    """Extract a zip, refusing path traversal, absolute paths, links and zip bombs.

    Returns the folder holding ``datapackage.json`` (the archive root or its single top folder).
    """
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableInputError(f"{archive}: not a readable zip archive ({exc})") from None
    total = 0
    with zf:
        for info in zf.infolist():
            name = PurePosixPath(info.filename)
            if name.is_absolute() or ".." in name.parts or "\\" in info.filename or ":" in info.filename:
                raise UnreadableInputError(f"{archive}: member {info.filename!r} escapes the archive")
            if info.file_size > MAX_ZIP_MEMBER_BYTES:
                raise UnreadableInputError(f"{archive}: member {info.filename!r} is too large")
            if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO:
                raise UnreadableInputError(
                    f"{archive}: member {info.filename!r} is compressed suspiciously well "
                    f"(ratio over {MAX_ZIP_RATIO}); refusing a possible zip bomb")
            total += info.file_size
            if total > MAX_ZIP_TOTAL_BYTES:
                raise UnreadableInputError(f"{archive}: the archive expands to too many bytes")
        for info in zf.infolist():
            _extract_member(zf, info, archive, target)
    if (target / DESCRIPTOR).is_file():
        return target
    children = [p for p in target.iterdir() if p.is_dir()]
    if len(children) == 1 and (children[0] / DESCRIPTOR).is_file():
        return children[0]
    return target


def _extract_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: Path,
                    target: Path) -> None:
    """Extract one member; a damaged one (bad CRC, truncated data) is an unreadable input."""
    try:
        zf.extract(info, target)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        message = f"member {info.filename!r} of the archive is damaged ({type(exc).__name__}: {exc})"
        shutil.rmtree(target / info.filename, ignore_errors=True)
        raise UnreadableInputError(
            f"{archive}: {message}",
            findings=[Finding(rule="zip-member-corrupt", message=message, package=archive.name,
                              file=info.filename,
                              hint="re-create the zip from the package folder")]) from None


def open_package(path: str | Path) -> Package:
    """Open a package folder, a descriptor path or a .zip; raise UnreadableInputError if impossible."""
    source = Path(path)
    if not source.exists():
        raise UnreadableInputError(f"{source}: no such file or folder")
    tempdir = None
    if source.is_file() and source.name == DESCRIPTOR:
        root = source.parent
    elif source.is_file() and source.suffix.lower() == ".zip":
        tempdir = tempfile.TemporaryDirectory(prefix="upsides-zip-")
        root = safe_extract(source, Path(tempdir.name))
    elif source.is_dir():
        root = source
    else:
        raise UnreadableInputError(f"{source}: not a package folder, datapackage.json or .zip")
    return Package(root=root, descriptor=load_descriptor(root), source=source, _tempdir=tempdir)
