"""Merge site, codebook and consortium packages into one consortium package, and split it again.

``merge(paths, out)`` and ``split(consortium, out_dir)`` are the public API (see
``docs/merging.md`` for the rules). The module itself is callable as ``merge``, so that
``upsides_data.merge(paths, out)`` keeps working after ``import upsides_data.merge`` has bound the
name ``upsides_data.merge`` to this module.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from upsides_data.merge.engine import MergeResult, merge
from upsides_data.merge.split import split

__all__ = ["MergeResult", "merge", "split"]


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> MergeResult:
        return merge(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
