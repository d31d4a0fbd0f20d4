"""Write a synthetic consortium to disk.

All packages are written through the output writer (``upsides_data.output``): into a temporary
sibling folder first, so a failure while generating or writing leaves nothing behind. ``out_dir`` must not exist or be empty. With ``overwrite`` it may
hold earlier output: every synthetic package folder in it is replaced, other files (a README) are
left alone, and a folder in the way that is not a synthetic package stops the run before anything
is touched, so ``--force`` can never delete real data.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from upsides_data import output
from upsides_data.package.writer import write_package_files
from upsides_data.synth.plan import package_names

CODEBOOK_DIR = "codebook"


def _folder(name: str) -> str:
    """The folder of a package inside the output: ``codebook``, ``s01``, ``s02``, ..."""
    return CODEBOOK_DIR if name.endswith("-codebook") else name.rsplit("-", 1)[1]


def _is_synthetic_package(path: Path) -> bool:
    try:
        descriptor = json.loads((path / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    upsides = descriptor.get("upsides") if isinstance(descriptor, dict) else None
    return isinstance(upsides, dict) and upsides.get("synthetic") is True


def check_target(out_dir: Path, overwrite: bool, folders: list[str]) -> list[Path]:
    """The earlier synthetic packages to replace; raise if ``out_dir`` may not be written."""
    if not os.path.lexists(out_dir):
        output.check_target(out_dir)
        return []
    output.check_target(out_dir, force=True)
    entries = sorted(out_dir.iterdir())
    if not entries:
        return []
    if not overwrite:
        raise output.refuse("output-exists", out_dir, "is not empty (use --force to replace "
                            "earlier synthetic output)")
    old = [e for e in entries if e.is_dir() and _is_synthetic_package(e)]
    blocking = [e.name for e in entries if e.name in folders and e not in old]
    if blocking:
        raise output.refuse("output-protected", out_dir, f"holds {', '.join(blocking)}, which is "
                            "not synthetic output; refusing to replace it even with --force")
    return old


def synthesize(out: str | Path | None = None, *, sites: int = 6, quotes: int = 1000,
               seed: int = 0, access_level: str = "restricted",
               participants_per_site: int | None = None, force: bool = False,
               out_dir: str | Path | None = None, overwrite: bool | None = None) -> list[Path]:
    """Generate a consortium into the folder ``out``; return the package folders, codebook first.

    ``out`` must not exist or be empty; with ``force`` it may also hold earlier synthetic
    output, which is replaced as a whole. ``out_dir`` and ``overwrite`` are the old, deprecated
    names of ``out`` and ``force``.
    """
    from upsides_data import arguments
    from upsides_data.synth import iter_packages  # the builder, imported late (import cycle)

    out_dir = arguments.out(out, out_dir, function="synthesize", old="out_dir")
    overwrite = arguments.force(force, overwrite, function="synthesize")
    folders = [_folder(name) for name in package_names(sites, seed)]
    old = check_target(out_dir, overwrite, folders)
    packages = iter_packages(sites, quotes, seed, access_level=access_level,
                             participants_per_site=participants_per_site)
    if not out_dir.exists() or not any(out_dir.iterdir()):
        with output.write_directory(out_dir, force=out_dir.exists()) as staging:
            for name, meta, tables in packages:
                write_package_files(staging / _folder(name), meta, tables)
                del tables
        return [out_dir / folder for folder in folders]
    with output.write_together([out_dir / f for f in folders], force=True) as stagings:
        staging_of = dict(zip(folders, stagings))
        for name, meta, tables in packages:
            write_package_files(staging_of[_folder(name)], meta, tables)
            del tables
    for path in old:
        if path.name not in folders:
            shutil.rmtree(path, ignore_errors=True)
    return [out_dir / folder for folder in folders]
