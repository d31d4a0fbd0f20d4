"""The generated Pydantic v2 models of the standard (see ``upsides.py``, never edited by hand).

The models are loaded on first use (``upsides_data.datamodel.Participant``), not when this
package is imported: ``datamodel.columns`` lives here too and must not pay for pydantic.
"""

from __future__ import annotations

import importlib
from typing import Any


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(importlib.import_module("upsides_data.datamodel.upsides"), name)
