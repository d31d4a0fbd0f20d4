"""upsides-data: the UPSIDES standard for multi-site qualitative research data.

The public API is imported lazily so that ``import upsides_data`` stays fast::

    import upsides_data
    report = upsides_data.validate("examples/upsides-mhw-2019/ulm")
    dataset = upsides_data.load("out/consortium")
"""

from __future__ import annotations

import importlib

from upsides_data.__about__ import __version__

_API = {
    "validate": "upsides_data.validate.runner",
    "load": "upsides_data.dataset",
    "Dataset": "upsides_data.dataset",
    "merge": "upsides_data.merge",
    "split": "upsides_data.merge",
    "to_rdf": "upsides_data.rdf.export",
    "from_rdf": "upsides_data.rdf.importer",
    "query": "upsides_data.rdf.query",
    "export_qdpx": "upsides_data.qda.export",
    "export_qdc": "upsides_data.qda.export",
    "import_qdpx": "upsides_data.qda.importer",
    "import_qdc": "upsides_data.qda.importer",
    "synthesize": "upsides_data.synth",
    "anonymise": "upsides_data.anonymise",
    "write_report": "upsides_data.report",
    "Finding": "upsides_data.findings",
    "Report": "upsides_data.findings",
    "open_package": "upsides_data.package",
    "write_package": "upsides_data.package",
    "migrate": "upsides_data.migration",
    "UpsidesError": "upsides_data.errors",
    "UsageError": "upsides_data.errors",
    "UnreadableInputError": "upsides_data.errors",
    "OutputError": "upsides_data.errors",
    "LimitExceededError": "upsides_data.errors",
    "InvalidInputError": "upsides_data.errors",
    "ConflictError": "upsides_data.errors",
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> object:  # no ``typing`` import: the CLI's start-up stays short
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'upsides_data' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
