"""Reading and writing site, codebook and consortium data packages (CSV + ``datapackage.json``)."""

from upsides_data.package.descriptor import PackageMeta, resource_descriptor
from upsides_data.package.reader import Package, open_package
from upsides_data.package.writer import write_package

__all__ = ["Package", "PackageMeta", "open_package", "resource_descriptor", "write_package"]
