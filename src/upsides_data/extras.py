"""Optional dependencies: a code path needing one that is not installed says which extra to add.

The runtime install holds only what validate, merge, split, report and the exports import
(pyproject.toml ``dependencies``); generating artifacts from the schema (linkml) and SHACL
validation (pyshacl) live in extras, so a missing one is a usage error, not a traceback.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from upsides_data.errors import UsageError


def require(module: str, *, extra: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise UsageError naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise UsageError(
            f"{purpose} needs {module.split('.')[0]}, which is not installed; "
            f"install the '{extra}' extra: pip install 'upsides-data[{extra}]'") from exc
