"""Every code block of the guides runs, exactly as a reader would type it.

Each guide page runs in its own temporary folder holding a link to the repository's ``examples/``,
with the virtualenv's ``bin`` first on PATH: ``sh``/``console`` blocks run with bash, ``python``
blocks with the interpreter running the tests, in page order, so later blocks see earlier outputs.
A block preceded by ``<!-- exit: N -->`` must exit with N (the guides show failures on purpose);
every other block must exit 0. ``text`` blocks are not run (install commands, output samples).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GUIDES = sorted((REPO / "docs" / "guides").glob("*.md"))
RUNNABLE = {"sh": "shell", "console": "shell", "bash": "shell", "python": "python"}
BLOCK = re.compile(r"(?:<!--\s*exit:\s*(\d+)\s*-->\s*\n)?^```(\w+)[^\n]*\n(.*?)^```\s*$", re.S | re.M)


def blocks(page: Path) -> list[tuple[str, str, int]]:
    """(kind, code, expected exit code) for every runnable block of a page, in order."""
    found = []
    for match in BLOCK.finditer(page.read_text(encoding="utf-8")):
        expected, lang, code = match.groups()
        if lang in RUNNABLE:
            found.append((RUNNABLE[lang], code, int(expected or 0)))
    return found


def test_the_guides_exist_and_hold_code() -> None:
    assert len(GUIDES) >= 6
    assert sum(len(blocks(page)) for page in GUIDES) >= 15


def test_the_block_parser_reads_markers() -> None:
    text = "x\n<!-- exit: 1 -->\n```sh\nfalse\n```\n\n```text\nnot run\n```\n```python\nprint(1)\n```\n"
    page = Path(os.environ.get("TMPDIR", "/tmp")) / "upsides-parser-check.md"
    page.write_text(text, encoding="utf-8")
    try:
        assert blocks(page) == [("shell", "false\n", 1), ("python", "print(1)\n", 0)]
    finally:
        page.unlink()


@pytest.mark.parametrize("page", GUIDES, ids=[p.stem for p in GUIDES])
def test_guide_blocks_run(page: Path, tmp_path: Path) -> None:
    (tmp_path / "examples").symlink_to(REPO / "examples")
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "100"
    for number, (kind, code, expected) in enumerate(blocks(page), start=1):
        if kind == "shell":
            argv = ["bash", "-euo", "pipefail", "-c", code]
        else:
            argv = [sys.executable, "-c", code]
        done = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == expected, (
            f"{page.name} block {number} exited {done.returncode}, expected {expected}:\n"
            f"{code}\n--- stdout\n{done.stdout[-3000:]}\n--- stderr\n{done.stderr[-3000:]}")
        if expected == 0:
            assert "Traceback" not in done.stderr, f"{page.name} block {number}:\n{done.stderr}"
