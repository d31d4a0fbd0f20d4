"""Checks of the public API's arguments: a wrong type is a ``UsageError`` with a message that
names the function and the argument, never a bare ``TypeError`` from deep inside; and the old
names of renamed arguments keep working for a while, with a ``DeprecationWarning``.

One spelling everywhere (docs/api.md): ``out`` for what is written, ``force`` to replace it,
``k`` for k-anonymity.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any, TypeVar

from upsides_data.errors import UsageError

T = TypeVar("T")


def path(value: Any, *, function: str, name: str) -> Path:
    """``value`` as a ``Path``; a ``UsageError`` unless it is a ``str`` or ``os.PathLike``."""
    if isinstance(value, (str, os.PathLike)) and not isinstance(value, bytes):
        return Path(value)
    raise UsageError(f"{function}: {name} must be a path (str or pathlib.Path), not "
                     f"{type(value).__name__}", hint=f"for example {function}(\"examples/upsides-"
                                                     "mhw-2019/ulm\", ...)")


def paths(value: Any, *, function: str, name: str = "paths") -> list[str | Path]:
    """One path or an iterable of paths, as a list (a ``str`` keeps its spelling, for
    reports); a ``UsageError`` for anything else."""
    if isinstance(value, (str, os.PathLike)) and not isinstance(value, bytes):
        return [value if isinstance(value, str) else Path(value)]
    if isinstance(value, (bytes, dict)) or not hasattr(value, "__iter__"):
        raise UsageError(f"{function}: {name} must be a path or a list of paths, not "
                         f"{type(value).__name__}",
                         hint=f"for example {function}([\"site-a\", \"codebook\"], ...)")
    items = list(value)
    for item in items:
        path(item, function=function, name=f"each of {name}")
    return [item if isinstance(item, str) else Path(item) for item in items]


def renamed(new_value: T | None, old_value: T | None, *, function: str, new: str,
            old: str) -> T | None:
    """The value given under the new name or, with a ``DeprecationWarning``, the old one."""
    if old_value is None:
        return new_value
    warnings.warn(f"{function}(): the argument {old!r} is now called {new!r}; the old name "
                  "will be removed in a later release", DeprecationWarning, stacklevel=3)
    if new_value is not None:
        raise UsageError(f"{function}: give {new!r} only, not also its old name {old!r}")
    return old_value


def required(value: T | None, *, function: str, name: str) -> T:
    if value is None:
        raise UsageError(f"{function}: the argument {name!r} is required")
    return value


def force(value: bool, overwrite: bool | None, *, function: str) -> bool:
    """``force``, or the old spelling ``overwrite`` (deprecated)."""
    if overwrite is None:
        return bool(value)
    warnings.warn(f"{function}(): the argument 'overwrite' is now called 'force'; the old name "
                  "will be removed in a later release", DeprecationWarning, stacklevel=3)
    return bool(value) or bool(overwrite)


def integer(value: Any, *, function: str, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise UsageError(f"{function}: {name} must be a whole number, not {type(value).__name__}")
    if value < minimum:
        raise UsageError(f"{function}: {name} must be at least {minimum} (got {value})")
    return value


def out(value: Any, old_value: Any, *, function: str, old: str) -> Path:
    """The required output path ``out``, or its old name's value (deprecated, warns)."""
    given = renamed(value, old_value, function=function, new="out", old=old)
    return path(required(given, function=function, name="out"), function=function, name="out")
