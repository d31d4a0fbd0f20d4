"""Validation of packages in layers, cheapest first (see ``runner``).

``upsides_data.validate`` is both this subpackage and the public function
``upsides_data.validate(path) -> Report``. Once a submodule is imported, Python binds the name
``validate`` on ``upsides_data`` to this module, so the module itself is made callable: calling it
runs ``runner.validate``.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from upsides_data.validate.runner import validate

        return validate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
