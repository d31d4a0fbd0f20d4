"""Regenerate the bad-input corpus in tests/data/badinput/ (issue #13, item 7).

Each class is a folder ``tests/data/badinput/<class>/`` holding ``expect.json`` and, where the bad
input stands on its own, the input files under ``files/`` (copied into the class's working
folder). Inputs derived from the valid synthetic packages of ``package_factory`` are described
as ``setup`` steps instead (set a cell, replace bytes, patch the descriptor, zip, export, make a
FIFO or symlink), so the corpus does not go stale when the schema adds a column; git cannot
store FIFOs anyway. ``tests/test_badinput.py`` applies the steps and runs every ``runs`` entry.
Run from the repository root::

    .venv/bin/python tests/make_badinput_corpus.py

The output is deterministic; ``test_corpus_is_what_the_generator_makes`` fails when the
committed folder and this script disagree. The classes themselves are in
``badinput_classes.py``.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from badinput_classes import all_classes  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "data" / "badinput"


def write_corpus(root: Path) -> list[str]:
    """Write every class below ``root`` (which must not exist); return the class names."""
    root.mkdir(parents=True)
    names = []
    for name, spec in all_classes().items():
        folder = root / name
        folder.mkdir()
        files = spec.pop("files", {})
        for rel, data in sorted(files.items()):
            target = folder / "files" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        if files:
            spec["files"] = sorted(files)
        (folder / "expect.json").write_text(
            json.dumps(spec, indent=1, sort_keys=True, ensure_ascii=True) + "\n", encoding="utf-8")
        names.append(name)
    return names


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "badinput"
        names = write_corpus(staged)
        shutil.rmtree(CORPUS, ignore_errors=True)
        shutil.copytree(staged, CORPUS)
    print(f"wrote {len(names)} classes to {CORPUS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
