"""``upsides catalog``: a static DCAT-AP 3.0.1 catalogue that harvesters read as plain files.

The folder written (through the output writer, so it appears whole or not at all):

    catalog.ttl, catalog.jsonld       the DCAT catalogue (``export.catalog_frame``), each dataset
                                      listing one Turtle distribution
    {scope}/package/{name}.ttl        one distribution file per package: its records and its
                                      dataset's membership (the content of its published graph)
    {scope}/dataset/{study}.ttl       one per study dataset: the export of the packages holding
                                      the study

Each distribution's ``dcat:accessURL`` is ``{dataset IRI}.ttl``, and the files sit at the same
path below the folder as that URL below the standard's identifier base
(``https://w3id.org/upsides-data/id/``): served at that base (or redirected there), every access
URL of the catalogue resolves to its file, with no link to rewrite. The catalogue describes the
datasets exactly as ``export rdf`` and ``publish`` do, so a harvester sees the same IRIs wherever
it reads them. Public packages only, as for ``publish`` (``publish.plan``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Sequence

from upsides_data.output import safe_part, write_directory
from upsides_data.package.reader import Package
from upsides_data.rdf.export import (
    blocks_of, catalog_frame, open_packages, package_blocks, serialise_blocks,
)
from upsides_data.rdf.catalog import PackageInfo, scope_of, study_dataset_iri
from upsides_data.rdf.publish import refuse_restricted
from upsides_data.rdf.terms import id_base

PathLike = str | os.PathLike[str]
FORMAT = "turtle"


def _relative(dataset_iri: str, out: Path) -> Path:
    """The file of a dataset's distribution below ``out``: its IRI's path below the base."""
    local = dataset_iri[len(id_base()):]
    parts = [safe_part(part, out, what="dataset name") for part in local.split("/")]
    return Path(*parts[:-1], parts[-1] + ".ttl")


def _write(path: Path, chunks: Iterable[bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as stream:
        for chunk in chunks:
            stream.write(chunk)


def _study_packages(packages: list[Package]) -> dict[str, list[Package]]:
    """study id -> the packages whose study table holds it."""
    found: dict[str, list[Package]] = {}
    for package in packages:
        if package.has("study"):
            for study in package.text_frame("study").get_column("id").to_list():
                found.setdefault(str(study), []).append(package)
    return found


def write_catalog(paths: Sequence[PathLike], out: PathLike, *, force: bool = False,
                  private: bool = False) -> Path:
    """Write the static catalogue of the packages at ``paths`` into the folder ``out``.

    The packages are validated first (``InvalidInputError``, nothing written); a package that is
    not public is refused (``publish-restricted-refused``) unless ``private``.
    """
    items = [Path(p) for p in paths]
    packages = open_packages(items, purpose="catalog")
    if not private:
        refuse_restricted(packages)
    target = Path(out)
    catalog = catalog_frame(packages, formats=(FORMAT,))
    with write_directory(target, inputs=items, force=force) as staging:
        _write(staging / "catalog.ttl", serialise_blocks([catalog], "turtle"))
        _write(staging / "catalog.jsonld", serialise_blocks([catalog], "jsonld"))
        for package in packages:
            info = PackageInfo(meta=package.meta, descriptor=package.descriptor)
            _write(staging / _relative(info.dataset_iri, target),
                   serialise_blocks(package_blocks(package), "turtle"))
        for study, holders in sorted(_study_packages(packages).items()):
            if scope_of(study) is None:
                continue
            _write(staging / _relative(study_dataset_iri(study), target),
                   serialise_blocks(blocks_of(sorted(holders, key=lambda p: p.name)), "turtle"))
    return target
