"""The one door out: every command writes its output through this module.

Why one writer: an output must never destroy what it was made from, never appear half-written,
and never leave debris behind. Each of those is easy to get wrong in a dozen places and easy to
get right once. The guarantees, for every command:

- ``-o OUT`` is refused (``OutputError``, exit 2, with a finding) when OUT exists and ``force``
  is not given (``output-exists``); when OUT is, sits inside or contains an input, symlinks
  resolved (``output-is-input``, ``output-inside-input``, ``output-contains-input``); when OUT is
  a symlink (``output-symlink``) or a device, FIFO or socket, or a file where a folder is meant
  (``output-not-regular``); when OUT is the file system root, the home folder or holds the
  current folder (``output-protected``, even with ``force``).
- The output is built under a temporary name beside its target,
  ``.<target-name>.upsides-tmp-<pid>-<random>``, and renamed into place only when complete (and,
  with ``check``, only once the check passed). On any failure, Ctrl-C or SIGTERM (the CLI turns
  SIGTERM into Ctrl-C) the temporary is removed and the target is as it was.
- A temporary left by a killed run (``kill -9``: no cleanup can run) is removed by the next run
  that writes into the same folder, once the process id in its name is no longer alive.
- Read-only folders (EACCES, EPERM, EROFS), a full disk (ENOSPC, EDQUOT) and the file size limit
  (EFBIG, ``ulimit -f``) become ``output-read-only``, ``output-disk-full`` and
  ``output-too-large``; nothing is left behind.

``write_together`` writes outputs in several parts (a site package and its codebook package):
they appear together or not at all, up to a ``kill -9`` between two renames (see its docstring).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from upsides_data.errors import OutputError
from upsides_data.findings import Finding

PathLike = str | os.PathLike[str]
Check = Callable[[Path], None]

TEMP_MARK = ".upsides-tmp-"
_TEMP_NAME = re.compile(r"^\..+\.upsides-tmp-(?P<pid>\d+)-[0-9a-f]+$")

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
    "output-symlink": ("OUT is a symbolic link (even with --force: links are never followed).",
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
    "output-overlap": ("Two parts of one output (import qdpx's site and codebook packages, or "
                       "two packages of an RDF export with one name) would share a place.",
                       "give each part of the output its own place, side by side"),
    "output-unsafe-name": ("A package name that becomes a folder (split, import rdf) is not a "
                           "plain name, for example `../../x`: refused, never rewritten.",
                           "rename the package to lower-case letters, digits and dashes, for "
                           "example upsides-mhw-2019-ulm"),
}
HINTS = {code: hint for code, (_, hint) in RULES.items()}

_ERRNO_RULES = {
    errno.ENOSPC: ("output-disk-full", "the disk is full"),
    errno.EDQUOT: ("output-disk-full", "the disk quota is used up"),
    errno.EFBIG: ("output-too-large", "a file would exceed the file size limit"),
    errno.EROFS: ("output-read-only", "the file system is read-only"),
    errno.EACCES: ("output-read-only", "permission denied"),
    errno.EPERM: ("output-read-only", "operation not permitted"),
}


def refuse(rule: str, out: PathLike, message: str) -> OutputError:
    """The error (with its one finding) for an output that cannot be written."""
    finding = Finding(rule=rule, message=message, file=str(out), hint=HINTS.get(rule))
    return OutputError(f"{out}: {message}", findings=[finding])


# -- checks before anything is written -----------------------------------------------------------

def _input_place(path: PathLike) -> Path:
    """The resolved place an input occupies: a package's folder for its datapackage.json."""
    resolved = Path(path).resolve()
    return resolved.parent if resolved.name == "datapackage.json" else resolved


def check_target(out: PathLike, *, inputs: Iterable[PathLike] = (), force: bool = False,
                 kind: str = "directory") -> Path:
    """Raise ``OutputError`` if ``out`` may not be written (see the module docstring).

    Commands call this before their work starts, so a refusal costs no time; the writers call
    it again. ``kind`` is ``"directory"`` or ``"file"``: what the output is.
    """
    target = Path(out)
    if os.path.islink(target):
        raise refuse("output-symlink", target, "is a symbolic link; outputs never follow links")
    real = target.resolve()
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
    here, home = Path.cwd().resolve(), Path.home().resolve()
    if real == Path(real.anchor) or real == home or real == here or real in here.parents:
        raise refuse("output-protected", target, "is the root, the home folder or holds the "
                     "current folder; it is never replaced")
    if not force:
        raise refuse("output-exists", target, "already exists (add --force to replace it)")


def _check_parent_writable(target: Path) -> None:
    ancestor = target.absolute().parent
    while not os.path.lexists(ancestor) and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise refuse("output-not-regular", target, f"{ancestor} is not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise refuse("output-read-only", target, f"the folder {ancestor} is read-only")


# -- temporaries ---------------------------------------------------------------------------------

def temp_path(target: Path) -> Path:
    """A fresh temporary name beside ``target``, named after it and after this process."""
    return target.parent / f".{target.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def remove_stale_temps(folder: PathLike) -> list[Path]:
    """Remove temporaries in ``folder`` left by runs whose process is gone; return them."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match is None or _alive(int(match["pid"])):
            continue
        _remove(Path(entry.path))
        removed.append(Path(entry.path))
    return removed


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass  # a later run removes what is left (the name marks it as ours)


@contextmanager
def output_errors(*places: Path) -> Iterator[None]:
    """Turn a full disk, size limit or read-only folder met while writing into ``OutputError``.

    Disk-full and size errors only ever come from writing; permission errors become output
    errors only when they name one of ``places`` (a staging folder, a target), so an input
    that cannot be read is not mistaken for an output that cannot be written.
    """
    try:
        yield
    except OutputError:
        raise
    except Exception as exc:
        code = _errno_of(exc)
        rule = _ERRNO_RULES.get(code or 0)
        if rule is None:
            raise
        if code in (errno.EACCES, errno.EPERM) and not _names_one_of(exc, places):
            raise
        raise refuse(rule[0], places[0] if places else "output",
                     f"cannot be written: {rule[1]}") from None


_ERRNO_IN_TEXT = re.compile(r"\[Errno (\d+)\]|\(os error (\d+)\)")


def _errno_of(exc: Exception) -> int | None:
    """The errno behind ``exc``: an OSError's own, or the one polars writes into its message
    (it re-raises a failed write as ``OSError('[Errno 28] ...')`` or ``... (os error 28)``)."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return exc.errno
    if not (isinstance(exc, OSError) or type(exc).__module__.startswith("polars")):
        return None
    match = _ERRNO_IN_TEXT.search(str(exc))
    return int(match[1] or match[2]) if match else None


def _names_one_of(exc: Exception, places: Sequence[Path]) -> bool:
    for name in (getattr(exc, "filename", None), getattr(exc, "filename2", None)):
        if name is None:
            continue
        path = Path(os.fsdecode(name)).absolute()
        for place in places:
            place = place.absolute()
            if path == place or place in path.parents or path == place.parent:
                return True
    return False


def _prepare(target: Path) -> None:
    with output_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target.parent)


def _new_staging_file(target: Path) -> Path:
    temp = temp_path(target)
    with output_errors(target, temp):
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    return temp


def _new_staging_directory(target: Path) -> Path:
    staging = temp_path(target)
    with output_errors(target, staging):
        os.mkdir(staging)
    return staging


# -- putting outputs into place ------------------------------------------------------------------

def _install(staging: Path, target: Path, force: bool) -> Path | None:
    """Rename ``staging`` to ``target``; return where the old target went (to remove later)."""
    if os.path.lexists(target):
        if not force:
            raise refuse("output-exists", target, "appeared while the output was written")
        backup = temp_path(target)
        os.replace(target, backup)
        try:
            os.replace(staging, target)
        except BaseException:
            os.replace(backup, target)
            raise
        return backup
    os.replace(staging, target)
    return None


@contextmanager
def write_directory(out: PathLike, *, inputs: Iterable[PathLike] = (), force: bool = False,
                    check: Check | None = None) -> Iterator[Path]:
    """Yield an empty staging folder; when the block succeeds it becomes ``out``.

    ``check(staging)`` runs on the finished folder before the rename; it raises to abort (a
    package is validated before it appears). With ``force`` an existing folder is replaced.
    """
    target = check_target(out, inputs=list(inputs), force=force)
    _prepare(target)
    staging = _new_staging_directory(target)
    try:
        with output_errors(target, staging):
            yield staging
            if check is not None:
                check(staging)
            backup = _install(staging, target, force)
        if backup is not None:
            _remove(backup)
    except BaseException:
        _remove(staging)
        raise


@contextmanager
def write_file(out: PathLike, *, inputs: Iterable[PathLike] = (),
               force: bool = False) -> Iterator[Path]:
    """Yield the path of an empty temporary file; when the block succeeds it becomes ``out``."""
    target = check_target(out, inputs=list(inputs), force=force, kind="file")
    _prepare(target)
    temp = _new_staging_file(target)
    try:
        with output_errors(target, temp):
            yield temp
            if os.path.lexists(target) and not force:
                raise refuse("output-exists", target, "appeared while the output was written")
            os.replace(temp, target)
    except BaseException:
        _remove(temp)
        raise


@contextmanager
def write_together(outs: Sequence[PathLike], *, inputs: Iterable[PathLike] = (),
                   force: bool = False, checks: Sequence[Check | None] | None = None,
                   kinds: Sequence[str] | None = None) -> Iterator[list[Path]]:
    """Yield one staging place per output; they become ``outs`` together or not at all.

    ``kinds`` says which parts are a ``"directory"`` (the default; staged as an empty folder)
    or a ``"file"`` (staged as an empty file). Each part is staged beside its own target. Once the block (and each part's check) succeeds,
    the parts are renamed into place one after another; if a rename fails, the parts already
    renamed are taken back and any replaced old outputs restored, so the targets are as before.
    The one gap: a ``kill -9`` (or power loss) between two renames, a window of microseconds,
    leaves the first parts in place; nothing can clean up after ``kill -9``, and the next run
    removes the remaining temporaries.
    """
    targets = [Path(o) for o in outs]
    kinds = list(kinds or ["directory"] * len(targets))
    given = list(inputs)
    _check_apart(targets)
    for target, kind in zip(targets, kinds):
        check_target(target, inputs=given, force=force, kind=kind)
    stagings: list[Path] = []
    done: list[tuple[Path, Path, Path | None]] = []
    try:
        for target, kind in zip(targets, kinds):
            _prepare(target)
            stagings.append(_new_staging_directory(target) if kind == "directory"
                            else _new_staging_file(target))
        with output_errors(*targets, *stagings):
            yield list(stagings)
            for staging, check in zip(stagings, checks or [None] * len(stagings)):
                if check is not None:
                    check(staging)
            for staging, target in zip(stagings, targets):
                done.append((staging, target, _install(staging, target, force)))
    except BaseException:
        _roll_back(done)
        for staging in stagings:
            _remove(staging)
        raise
    for _, _, backup in done:
        if backup is not None:
            _remove(backup)


def _check_apart(targets: list[Path]) -> None:
    resolved = [t.resolve() for t in targets]
    for i, one in enumerate(resolved):
        for other in resolved[i + 1:]:
            if one == other or one in other.parents or other in one.parents:
                raise refuse("output-overlap", targets[i], f"overlaps {other}: the parts of one "
                             "output must lie side by side")


def _roll_back(done: list[tuple[Path, Path, Path | None]]) -> None:
    """Undo installed parts, newest first: the new part goes back to staging, the old returns."""
    for staging, target, backup in reversed(done):
        try:
            os.replace(target, staging)
            if backup is not None:
                os.replace(backup, target)
        except OSError:
            pass  # the name of what is left marks it as ours; the next run removes it


@contextmanager
def scratch_directory(beside: PathLike) -> Iterator[Path]:
    """A working folder beside an output (for spilled tables), always removed afterwards."""
    target = Path(beside)
    _prepare(target)
    scratch = _new_staging_directory(target)
    try:
        with output_errors(target, scratch):
            yield scratch
    finally:
        _remove(scratch)


# -- names that become paths ---------------------------------------------------------------------

_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


def safe_part(name: str, out: PathLike, *, what: str = "package name") -> str:
    """``name`` as one folder name inside ``out``; refuse (never rewrite) anything else.

    Names and identifiers come from the data, so ``../../x``, ``/etc`` or ``a/b`` could steer a
    write outside ``-o``. Rewriting them could make two names collide or hide a damaged input;
    refusing names the problem (``output-unsafe-name``).
    """
    if not _SAFE_PART.match(name) or name in (".", ".."):
        error = refuse("output-unsafe-name", out, f"the {what} {name!r} cannot be a folder name "
                       "(only letters, digits, '.', '_' and '-', starting with a letter or digit)")
        raise error
    return name
