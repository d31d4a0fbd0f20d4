"""JSON from untrusted files, bounded: size and nesting depth are checked, never a RecursionError.

``json.loads`` recurses once per nested array or object, so ``[[[[...]]]]`` a hundred thousand
levels deep ends in ``RecursionError`` and a few hundred levels deep passes, only to crash a later
recursive step (a deep copy, a model). ``load`` refuses both with a finding (``nesting-too-deep``,
``input-too-large``) raised as ``LimitExceededError`` (exit 2); the limits are in ``limits``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from upsides_data import limits
from upsides_data.limits import MAX_DESCRIPTOR_BYTES, MAX_NESTING

RULE_DEPTH = limits.RULE_DEPTH
too_deep, too_large = limits.too_deep, limits.too_large


def depth(value: Any) -> int:
    """How deeply arrays and objects nest in a parsed value (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children: Iterable[Any]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def load(text: str | bytes, *, file: str, package: str | None = None,
         max_depth: int = MAX_NESTING, max_bytes: int | None = None) -> Any:
    """``json.loads`` with the limits; ``json.JSONDecodeError`` and ``UnicodeDecodeError``
    pass through for the caller to word."""
    import json

    if max_bytes is not None and len(text) > max_bytes:
        raise too_large(file, len(text), max_bytes, package=package)
    try:
        value = json.loads(text)
    except RecursionError:
        raise too_deep(file, package=package, limit=max_depth) from None
    if depth(value) > max_depth:
        raise too_deep(file, package=package, limit=max_depth)
    return value


def load_file(path: Path, *, file: str, package: str | None = None,
              max_bytes: int = MAX_DESCRIPTOR_BYTES) -> Any:
    """A JSON file (a descriptor by default), its size checked before it is read whole."""
    size = path.stat().st_size
    if size > max_bytes:
        raise too_large(file, size, max_bytes, package=package)
    return load(path.read_bytes().decode("utf-8"), file=file, package=package)
