"""Merge site, codebook and consortium packages into one consortium package, and split it again.

``merge(paths, out)`` and ``split(consortium, out)`` are the public API (see ``docs/merging.md``
for the rules), also as ``upsides_data.merge`` and ``upsides_data.split``. They are loaded on
first use (PEP 562), so importing this subpackage stays cheap: ``upsides_data/__init__.py``
imports it before binding the function ``upsides_data.merge`` to the same name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from upsides_data.merge.engine import MergeResult, merge
    from upsides_data.merge.splitting import split

__all__ = ["MergeResult", "merge", "split"]

_WHERE = {"MergeResult": "engine", "merge": "engine", "split": "splitting"}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
