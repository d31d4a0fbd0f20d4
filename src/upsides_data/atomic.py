"""Write a folder all at once: build it beside its target, then rename it into place.

A failed or interrupted write leaves the target as it was (absent, or the previous version) and
removes the half-built folder, so users never see partial output.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def atomic_directory(target: str | Path) -> Iterator[Path]:
    """Yield an empty staging folder; when the block succeeds it becomes ``target``."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield staging
        replace_directory(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def replace_directory(source: Path, target: Path) -> None:
    """Move ``source`` to ``target``, replacing an existing ``target`` with two renames."""
    if not target.exists():
        os.replace(source, target)
        return
    backup = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    os.replace(target, backup / "old")
    os.replace(source, target)
    shutil.rmtree(backup, ignore_errors=True)
