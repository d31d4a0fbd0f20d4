"""Refusals before anything is written: which outputs the output writer will not write.

Kept apart from the writer (``upsides_data.output``) because the question "may this path be
written, given these inputs?" is pure: it reads the file system but changes nothing, so commands
ask it before their work starts and a refusal costs no time. Every refusal is an ``OutputError``
carrying one finding whose rule code is listed in ``RULES`` (docs/cli.md is generated from it).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Iterable

from upsides_data.errors import OutputError
from upsides_data.findings import Finding

PathLike = str | os.PathLike[str]

# Every refusal: rule code -> (when it is refused, what a user can do). docs/cli.md is
# generated from this table, so the documentation lists exactly the codes the writer raises.
RULES = {
    "output-exists": ("OUT already exists and --force was not given (for synth: OUT is not "
                      "empty).",
                      "choose a new name for -o, or add --force to replace the old output"),
    "output-is-input": ("OUT is one of the inputs (symlinks resolved, hard links included).",
                        "write the output somewhere else, for example -o results/new-name"),
    "output-inside-input": ("OUT lies inside an input (a package folder, or a file's place).",
                            "write the output outside the input, for example next to it"),
    "output-contains-input": ("OUT holds an input, so replacing it would delete the input.",
                              "choose an output folder that does not hold any of the inputs"),
    "output-symlink": ("OUT is a symbolic link (even with --force: links are never followed), "
                       "or lies behind a loop of links.",
                       "give the real path instead of the link, or remove the link"),
    "output-not-regular": ("OUT is a device, FIFO or socket, a file where a folder is written "
                           "(or the reverse), or its parent is not a folder.",
                           "give the path of a new file or folder (not a device, pipe or socket)"),
    "output-protected": ("OUT is the file system root, the home folder or holds the current "
                         "folder (even with --force); synth: OUT holds folders that are not "
                         "synthetic output.",
                         "give a new folder for the output, for example -o results"),
    "output-read-only": ("The folder cannot be written (EACCES, EPERM, EROFS).",
                         "choose a folder you may write to, for example one in your home folder"),
    "output-disk-full": ("The disk or quota is full while writing (ENOSPC, EDQUOT).",
                         "free some disk space, or write to another disk"),
    "output-too-large": ("A file would pass the file size limit (EFBIG, `ulimit -f`).",
                         "raise the file size limit (ulimit -f unlimited) or write elsewhere"),
    "output-name-too-long": ("A name in OUT is longer than the file system allows (255 bytes, "
                             "ENAMETOOLONG).",
                             "choose a shorter name for -o, for example results/site-report"),
    "output-overlap": ("Two parts of one output (import qdpx's site and codebook packages, or "
                       "two packages of an RDF export with one name) would share a place.",
                       "give each part of the output its own place, side by side"),
    "output-unsafe-name": ("A package name that becomes a folder (split, import rdf) is not a "
                           "plain name, for example `../../x`: refused, never rewritten.",
                           "rename the package to lower-case letters, digits and dashes, for "
                           "example upsides-mhw-2019-ulm"),
}
HINTS = {code: hint for code, (_, hint) in RULES.items()}

def refuse(rule: str, out: PathLike, message: str) -> OutputError:
    """The error (with its one finding) for an output that cannot be written."""
    finding = Finding(rule=rule, message=message, file=str(out), hint=HINTS.get(rule))
    return OutputError(f"{out}: {message}", findings=[finding])


def _input_place(path: PathLike) -> Path:
    """The resolved place an input occupies: a package's folder for its datapackage.json."""
    resolved = Path(path).resolve()
    return resolved.parent if resolved.name == "datapackage.json" else resolved


def check_target(out: PathLike, *, inputs: Iterable[PathLike] = (), force: bool = False,
                 kind: str = "directory") -> Path:
    """Raise ``OutputError`` if ``out`` may not be written (the cases are ``RULES``).

    Commands call this before their work starts, so a refusal costs no time; the writers call
    it again. ``kind`` is ``"directory"`` or ``"file"``: what the output is.
    """
    target = Path(out)
    if os.path.islink(target):
        raise refuse("output-symlink", target, "is a symbolic link; outputs never follow links")
    try:
        real = target.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links on the way
        raise refuse("output-symlink", target, "lies behind a loop of symbolic links") from None
    if any(len(os.fsencode(part)) > 255 for part in target.parts):
        raise refuse("output-name-too-long", target, "has a name longer than 255 bytes, more "
                     "than file systems allow")
    exists = os.path.lexists(target)
    for given in inputs:
        place = _input_place(given)
        if real == place or (exists and Path(given).exists() and os.path.samefile(target, given)):
            raise refuse("output-is-input", target, f"is the input {given}; inputs are never "
                         "changed")
        if place in real.parents:
            raise refuse("output-inside-input", target, f"lies inside the input {given}; "
                         "inputs are never changed")
        if real in place.parents:
            raise refuse("output-contains-input", target, f"holds the input {given}; replacing "
                         "it would delete the input")
    if exists:
        _check_existing(target, real, force, kind)
    _check_parent_writable(target)
    return target


def _check_existing(target: Path, real: Path, force: bool, kind: str) -> None:
    mode = os.lstat(target).st_mode
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        raise refuse("output-not-regular", target, "is a device, pipe or socket, not a file or "
                     "folder; it is never replaced")
    if stat.S_ISDIR(mode) != (kind == "directory"):
        have, want = ("a folder", "a file") if stat.S_ISDIR(mode) else ("a file", "a folder")
        raise refuse("output-not-regular", target, f"is {have}, but the output is {want}")
    here = Path.cwd().resolve()
    if real == Path(real.anchor) or real == _home() or real == here or real in here.parents:
        raise refuse("output-protected", target, "is the root, the home folder or holds the "
                     "current folder; it is never replaced")
    if not force:
        raise refuse("output-exists", target, "already exists (add --force to replace it)")


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (KeyError, RuntimeError):  # no HOME and no passwd entry: nothing to protect
        return None


def _check_parent_writable(target: Path) -> None:
    ancestor = target.absolute().parent
    while not os.path.lexists(ancestor) and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise refuse("output-not-regular", target, f"{ancestor} is not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise refuse("output-read-only", target, f"the folder {ancestor} is read-only")


def check_apart(targets: list[Path]) -> None:
    """Refuse parts of one output that would be the same place or nest in each other."""
    resolved = [t.resolve() for t in targets]
    for i, one in enumerate(resolved):
        for other in resolved[i + 1:]:
            if one == other or one in other.parents or other in one.parents:
                raise refuse("output-overlap", targets[i], f"overlaps {other}: the parts of one "
                             "output must lie side by side")


# -- names that become paths ---------------------------------------------------------------------

_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


def safe_part(name: str, out: PathLike, *, what: str = "package name") -> str:
    """``name`` as one folder name inside ``out``; refuse (never rewrite) anything else.

    Names and identifiers come from the data, so ``../../x``, ``/etc`` or ``a/b`` could steer a
    write outside ``-o``. Rewriting them could make two names collide or hide a damaged input;
    refusing names the problem (``output-unsafe-name``).
    """
    if not _SAFE_PART.match(name) or name in (".", ".."):
        raise refuse("output-unsafe-name", out, f"the {what} {name!r} cannot be a folder name "
                     "(only letters, digits, '.', '_' and '-', starting with a letter or digit)")
    return name
