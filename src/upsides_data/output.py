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
import signal
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from upsides_data.errors import OutputError
from upsides_data.output_checks import RULES, check_apart, check_target, refuse, safe_part

__all__ = ["RULES", "TEMP_MARK", "check_target", "output_errors", "refuse", "remove_stale_temps",
           "safe_part", "scratch_directory", "temp_path", "write_directory", "write_file",
           "write_together"]

PathLike = str | os.PathLike[str]
Check = Callable[[Path], object]

TEMP_MARK = ".upsides-tmp-"
_TEMP_NAME = re.compile(r"^\..+\.upsides-tmp-(?P<pid>\d+)-[0-9a-f]+$")

_ERRNO_RULES = {
    errno.ENOSPC: ("output-disk-full", "the disk is full"),
    errno.EDQUOT: ("output-disk-full", "the disk quota is used up"),
    errno.EFBIG: ("output-too-large", "a file would exceed the file size limit"),
    errno.EROFS: ("output-read-only", "the file system is read-only"),
    errno.EACCES: ("output-read-only", "permission denied"),
    errno.EPERM: ("output-read-only", "operation not permitted"),
    errno.ENAMETOOLONG: ("output-name-too-long", "the name is too long for the file system"),
}


# -- temporaries ---------------------------------------------------------------------------------

def temp_path(target: Path) -> Path:
    """A fresh temporary name beside ``target``, named after it and after this process."""
    name = target.name
    while len(os.fsencode(name)) > 200:  # leave room for the mark in the file system's 255
        name = name[:-1]
    return target.parent / f".{name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}"


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
    removed: list[Path] = []
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


def _prepare(target: Path) -> list[Path]:
    """Create ``target``'s missing parent folders (returned, deepest first, so a failed write
    can take them away again) and remove stale temporaries beside it."""
    missing = []
    parent = target.absolute().parent
    while not os.path.lexists(parent) and parent != parent.parent:
        missing.append(parent)
        parent = parent.parent
    with output_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target.parent)
    return missing


def _unmake(folders: list[Path]) -> None:
    """Remove folders ``_prepare`` made, deepest first, as long as they are empty."""
    for folder in folders:
        try:
            os.rmdir(folder)
        except OSError:
            return


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

_HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP during the final renames, so an interrupt lands before
    or after them (target as before, or complete), never between two of them."""
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    except (AttributeError, OSError, ValueError):  # no POSIX signal masks here
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _install(staging: Path, target: Path, force: bool, keep_old: bool) -> Path | None:
    """Rename ``staging`` to ``target``; return where the old target went (to remove later).

    A file replaces an old file in one atomic rename unless ``keep_old`` (several parts: the
    old one must be restorable); a folder cannot, so the old folder is moved aside first."""
    if os.path.lexists(target):
        if not force:
            raise refuse("output-exists", target, "appeared while the output was written")
        if not keep_old and not os.path.isdir(target):
            os.replace(staging, target)
            return None
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
    with _staged([target], ["directory"], force, [check]) as (staging,):
        yield staging


@contextmanager
def write_file(out: PathLike, *, inputs: Iterable[PathLike] = (),
               force: bool = False) -> Iterator[Path]:
    """Yield the path of an empty temporary file; when the block succeeds it becomes ``out``."""
    target = check_target(out, inputs=list(inputs), force=force, kind="file")
    with _staged([target], ["file"], force, [None]) as (temp,):
        yield temp


@contextmanager
def write_together(outs: Sequence[PathLike], *, inputs: Iterable[PathLike] = (),
                   force: bool = False, checks: Sequence[Check | None] | None = None,
                   kinds: Sequence[str] | None = None) -> Iterator[list[Path]]:
    """Yield one staging place per output; they become ``outs`` together or not at all.

    ``kinds`` says which parts are a ``"directory"`` (the default; staged as an empty folder)
    or a ``"file"`` (staged as an empty file). Each part is staged beside its own target. Once
    the block (and each part's check) succeeds, the parts are renamed into place one after
    another, with Ctrl-C and SIGTERM held; if a rename fails, the parts already renamed are
    taken back and any replaced old outputs restored, so the targets are as before. The one
    gap: a ``kill -9`` or power loss between two renames, a window of microseconds, leaves the
    first parts in place (nothing can clean up after ``kill -9``; the next run removes the
    remaining temporaries).
    """
    targets = [Path(o) for o in outs]
    kinds = list(kinds or ["directory"] * len(targets))
    given = list(inputs)
    check_apart(targets)
    for target, kind in zip(targets, kinds):
        check_target(target, inputs=given, force=force, kind=kind)
    with _staged(targets, kinds, force, list(checks or [None] * len(targets))) as stagings:
        yield list(stagings)


@contextmanager
def _staged(targets: list[Path], kinds: list[str], force: bool,
            checks: list[Check | None]) -> Iterator[tuple[Path, ...]]:
    """The one staging and commit sequence behind the three writers."""
    stagings: list[Path] = []
    made: list[Path] = []
    done: list[tuple[Path, Path, Path | None]] = []
    committed = False
    try:
        for target, kind in zip(targets, kinds):
            made += _prepare(target)
            stagings.append(_new_staging_directory(target) if kind == "directory"
                            else _new_staging_file(target))
        with output_errors(*targets, *stagings):
            yield tuple(stagings)
            for staging, check in zip(stagings, checks):
                if check is not None:
                    check(staging)
            with _signals_held():
                try:
                    for staging, target in zip(stagings, targets):
                        backup = _install(staging, target, force, len(targets) > 1)
                        done.append((staging, target, backup))
                except BaseException:
                    _roll_back(done)
                    raise
                committed = True
    except BaseException:
        if not committed:
            for staging in stagings:
                _remove(staging)
            _unmake(made)
        raise
    finally:
        if committed:
            for _, _, backup in done:
                if backup is not None:
                    _remove(backup)


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
    made = _prepare(target)
    try:
        scratch = _new_staging_directory(target)
        try:
            with output_errors(target, scratch):
                yield scratch
        finally:
            _remove(scratch)
    finally:
        _unmake(made)  # only what is still empty: a written output keeps its folder
