"""``upsides codebook adopt EXT... --into CODEBOOK -o NEW``: the centre takes in sites' codes.

A site's extension codebook package (written by ``import qdpx --codebook``) holds the consortium
codebook's records unchanged plus the codes and themes the site added, with site-named ids. The
centre adopts one or more extensions: the new codebook package holds the consortium's records
and every extension's additions, under the consortium codebook's name with its minor version
raised (1.0.0 -> 1.1.0; a codebook that only grows stays compatible with what was coded with
it). Because the added ids are kept, the sites' codings stay valid against the new version.

Refused (``codebook-extension-mismatch``, exit 1, nothing written): an extension of another
codebook or version, one that changed a record of the consortium codebook, or two extensions
giving one id different rows.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from upsides_data.errors import ConflictError, UsageError
from upsides_data.findings import Finding
from upsides_data.gateway import check_written, read_inputs
from upsides_data.package import write_package
from upsides_data.package.descriptor import tables_of_kind
from upsides_data.package.reader import Package

RULE = "codebook-extension-mismatch"
VERSION = re.compile(r"^([0-9]+)\.([0-9]+)\.([0-9]+)$")
Rows = list[dict[str, Any]]


@dataclass
class Adopted:
    path: Path
    version: str
    added: dict[str, int] = field(default_factory=dict)  # table -> rows adopted


def next_minor(version: str) -> str:
    match = VERSION.match(version)
    if not match:
        raise UsageError(f"the codebook's version {version!r} is not MAJOR.MINOR.PATCH; pass "
                         "--version", rule="usage", hint="for example --version 1.1.0")
    return f"{match.group(1)}.{int(match.group(2)) + 1}.0"


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return ("id", row["id"]) if "id" in row else tuple(sorted(row.items()))


def _mismatch(package: str, message: str, file: str | None = None) -> Finding:
    return Finding(rule=RULE, message=message, package=package, file=file,
                   hint="adopt only extensions written by `upsides import qdpx --codebook` "
                        "against this codebook version, without editing its records")


def adopt(extensions: Iterable[str | Path], *, into: str | Path, out: str | Path,
          version: str | None = None, force: bool = False) -> Adopted:
    """Write the consortium codebook ``into`` plus the extensions' additions to ``out``."""
    extensions = [Path(p) for p in extensions]
    if not extensions:
        raise UsageError("codebook adopt needs at least one extension package")
    base = read_inputs([into], purpose="codebook adopt (--into)").packages[0]
    if base.meta.kind != "codebook":
        raise UsageError(f"{into}: --into takes a codebook package, not a {base.meta.kind} package")
    own = {t: base.text_frame(t).to_dicts() for t in tables_of_kind("codebook") if base.has(t)}
    tables = {t: list(rows) for t, rows in own.items()}
    held = {t: {_key(r): r for r in rows} for t, rows in own.items()}
    own_keys = {t: set(keys) for t, keys in held.items()}
    findings: list[Finding] = []
    added: dict[str, int] = {}
    for path in extensions:
        ext = read_inputs([path], purpose="codebook adopt").packages[0]
        problems = _check_extension(ext, base)
        findings += problems
        if problems:
            continue
        for table in tables_of_kind("codebook"):
            mine = {_key(r): r for r in (ext.text_frame(table).to_dicts() if ext.has(table) else [])}
            changed = [r for r in own.get(table, []) if mine.get(_key(r)) != r]
            if changed:
                findings.append(_mismatch(ext.name, f"{len(changed)} records of the codebook's "
                                          f"{table}.csv are changed or missing in the extension "
                                          f"(first: {_name(changed[0])})", f"{table}.csv"))
            for key, row in mine.items():
                before = held.setdefault(table, {}).get(key)
                if before is None:
                    held[table][key] = row
                    tables.setdefault(table, []).append(row)
                    added[table] = added.get(table, 0) + 1
                elif before != row and key not in own_keys.get(table, set()):
                    findings.append(_mismatch(ext.name, f"{_name(row)} is also added by another "
                                              "extension, with other values", f"{table}.csv"))
    if findings:
        raise ConflictError(f"codebook adopt: {len(findings)} extension(s) do not extend "
                            f"{base.name} {base.meta.version}; nothing was written",
                            findings=findings)
    new_version = _checked(version, base.meta.version) if version else next_minor(base.meta.version)
    for row in tables.get("codebook", []):
        row["version"] = new_version
    meta = dataclasses.replace(base.meta, version=new_version)
    written = write_package(out, meta, tables, force=force, inputs=[Path(into), *extensions],
                            check=check_written)
    return Adopted(written, new_version, added)


def _name(row: dict[str, Any]) -> str:
    return str(row.get("id") or ", ".join(f"{k}={v}" for k, v in row.items()))


def _checked(version: str, current: str) -> str:
    """A --version given: MAJOR.MINOR.PATCH and later than the codebook's."""
    match, now = VERSION.match(version), VERSION.match(current)
    if not match or (now and tuple(map(int, match.groups())) <= tuple(map(int, now.groups()))):
        raise UsageError(f"--version {version!r}: give a version later than {current}",
                         hint=f"for example --version {next_minor(current)}")
    return version


def _check_extension(ext: Package, base: Package) -> list[Finding]:
    prefix = f"{base.name}-ext-"
    if ext.meta.kind != "codebook" or not ext.name.startswith(prefix):
        return [_mismatch(ext.name, f"{ext.name} is not an extension of {base.name} (its name "
                          f"would start with {prefix})", "datapackage.json")]
    if ext.meta.version != base.meta.version:
        return [_mismatch(ext.name, f"{ext.name} extends version {ext.meta.version}, not "
                          f"{base.meta.version}: re-import the site's project against the "
                          "current codebook", "datapackage.json")]
    return []
