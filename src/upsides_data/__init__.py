"""upsides-data: the UPSIDES standard for multi-site qualitative research data.

The public API is listed in ``__all__`` and loaded on first use, so that ``import upsides_data``
stays fast::

    import upsides_data
    report = upsides_data.validate("examples/upsides-mhw-2019/ulm")
    dataset = upsides_data.load("out/consortium")

Every public name is a plain function or class, the same object however often it is used.
``validate`` and ``merge`` are also the names of subpackages: Python binds a subpackage on its
parent when it is first imported, which would hide the function. Both subpackages are imported
below first (they import nothing themselves) and their names removed, so that binding is
already done and the names resolve to the functions for the life of the process.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from upsides_data.__about__ import __version__

if TYPE_CHECKING:
    from upsides_data.anonymisation import AnonymiseLog, anonymise
    from upsides_data.dataset import Dataset, load
    from upsides_data.errors import (ConflictError, InvalidInputError, LimitExceededError,
                                     OutputError, UnreadableInputError, UpsidesError, UsageError)
    from upsides_data.findings import Finding, Report
    from upsides_data.merge.engine import MergeResult, merge
    from upsides_data.merge.splitting import split
    from upsides_data.migration import migrate
    from upsides_data.package import open_package, write_package
    from upsides_data.qda.export import ExportResult, export_qdc, export_qdpx
    from upsides_data.qda.importer import ImportResult, import_qdc, import_qdpx
    from upsides_data.rdf.export import export_rdf, rdf_text, to_rdf
    from upsides_data.rdf.importer import from_rdf, import_rdf
    from upsides_data.rdf.query import query, query_results
    from upsides_data.report import write_report
    from upsides_data.synth import synthesize
    from upsides_data.validate.runner import validate

# Public name -> the module that defines it (``to_rdf`` and ``from_rdf`` are deprecated aliases of
# ``export_rdf``/``rdf_text`` and ``import_rdf``: they warn, and are left out of ``__all__``).
# One line a name, so adding one merges cleanly.
_API = {
    "AnonymiseLog": "upsides_data.anonymisation",
    "Dataset": "upsides_data.dataset",
    "ExportResult": "upsides_data.qda.export",
    "Finding": "upsides_data.findings",
    "ImportResult": "upsides_data.qda.importer",
    "MergeResult": "upsides_data.merge.engine",
    "Report": "upsides_data.findings",
    "anonymise": "upsides_data.anonymisation",
    "export_qdc": "upsides_data.qda.export",
    "export_qdpx": "upsides_data.qda.export",
    "export_rdf": "upsides_data.rdf.export",
    "from_rdf": "upsides_data.rdf.importer",
    "import_qdc": "upsides_data.qda.importer",
    "import_qdpx": "upsides_data.qda.importer",
    "import_rdf": "upsides_data.rdf.importer",
    "load": "upsides_data.dataset",
    "merge": "upsides_data.merge.engine",
    "open_package": "upsides_data.package",
    "query": "upsides_data.rdf.query",
    "query_results": "upsides_data.rdf.query",
    "rdf_text": "upsides_data.rdf.export",
    "split": "upsides_data.merge.splitting",
    "synthesize": "upsides_data.synth",
    "to_rdf": "upsides_data.rdf.export",
    "validate": "upsides_data.validate.runner",
    "write_package": "upsides_data.package",
    "migrate": "upsides_data.migration",
    "UpsidesError": "upsides_data.errors",
    "UsageError": "upsides_data.errors",
    "UnreadableInputError": "upsides_data.errors",
    "OutputError": "upsides_data.errors",
    "LimitExceededError": "upsides_data.errors",
    "InvalidInputError": "upsides_data.errors",
    "ConflictError": "upsides_data.errors",
    "write_report": "upsides_data.report",
}

__all__ = [
    "__version__",
    "AnonymiseLog",
    "Dataset",
    "ExportResult",
    "Finding",
    "ImportResult",
    "MergeResult",
    "Report",
    "anonymise",
    "export_qdc",
    "export_qdpx",
    "export_rdf",
    "import_qdc",
    "import_qdpx",
    "import_rdf",
    "load",
    "merge",
    "open_package",
    "query",
    "query_results",
    "rdf_text",
    "split",
    "synthesize",
    "validate",
    "write_package",
    "write_report",
    "migrate",
    "UpsidesError",
    "UsageError",
    "UnreadableInputError",
    "OutputError",
    "LimitExceededError",
    "InvalidInputError",
    "ConflictError",
]

for _subpackage in ("validate", "merge"):
    importlib.import_module(f"{__name__}.{_subpackage}")
    del globals()[_subpackage]


def __getattr__(name: str) -> object:
    """Load a public name on first use and keep it, so later look-ups are plain attributes."""
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'upsides_data' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
