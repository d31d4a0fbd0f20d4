"""REFI-QDA interchange: QDPX projects and QDC codebooks for MAXQDA, NVivo, ATLAS.ti, QualCoder.

Data flows through one small in-memory model (``model``): a package becomes a model which is
written as XML (``export``, ``xmlwrite``); an archive is read into the model (``archive``,
``xmlread``) which becomes packages (``importer``). The mapping is documented in
``docs/qda-mapping.md``.
"""

from upsides_data.qda.export import export_qdc, export_qdpx
from upsides_data.qda.importer import import_qdc, import_qdpx

__all__ = ["export_qdc", "export_qdpx", "import_qdc", "import_qdpx"]
