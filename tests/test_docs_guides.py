"""Every code block of the guides runs, exactly as a reader would type it.

Each guide page runs in its own temporary folder holding a link to the repository's ``examples/``,
with the virtualenv's ``bin`` first on PATH: ``sh``/``console`` blocks run with bash, ``python``
blocks with the interpreter running the tests, in page order, so later blocks see earlier outputs.
A block preceded by ``<!-- exit: N -->`` must exit with N (the guides show failures on purpose);
every other block must exit 0. ``text`` blocks are not run (install commands, output samples).

A ``text`` block right after a runnable block (nothing but blank lines between) is the output that
block shows a reader: it must equal the block's real standard output exactly (trailing blank
lines aside). Guides show output only where it is deterministic (no timings, no temp paths).
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


def blocks_with_output(page: Path) -> list[tuple[str, str, int, str | None]]:
    """(kind, code, expected exit code, shown output or None) for every runnable block of a
    page, in order; the shown output is a ``text`` block right after the runnable one."""
    text = page.read_text(encoding="utf-8")
    matches = list(BLOCK.finditer(text))
    found = []
    for index, match in enumerate(matches):
        expected, lang, code = match.groups()
        if lang not in RUNNABLE:
            continue
        shown = None
        following = matches[index + 1] if index + 1 < len(matches) else None
        if (following is not None and following.group(2) == "text"
                and following.group(1) is None
                and text[match.end():following.start()].strip() == ""):
            shown = following.group(3)
        found.append((RUNNABLE[lang], code, int(expected or 0), shown))
    return found


def blocks(page: Path) -> list[tuple[str, str, int]]:
    """(kind, code, expected exit code) for every runnable block of a page, in order."""
    return [(kind, code, expected) for kind, code, expected, _ in blocks_with_output(page)]


def test_the_guides_exist_and_hold_code() -> None:
    assert len(GUIDES) >= 6
    assert sum(len(blocks(page)) for page in GUIDES) >= 15


def test_the_block_parser_reads_markers(tmp_path: Path) -> None:
    text = "x\n<!-- exit: 1 -->\n```sh\nfalse\n```\n\n```text\nnot run\n```\n```python\nprint(1)\n```\n"
    page = tmp_path / "upsides-parser-check.md"
    page.write_text(text, encoding="utf-8")
    assert blocks(page) == [("shell", "false\n", 1), ("python", "print(1)\n", 0)]
    assert [shown for *_, shown in blocks_with_output(page)] == ["not run\n", None]
    page.write_text("```sh\necho hi\n```\n\n```text\nhi\n```\nprose\n```text\nno\n```\n",
                    encoding="utf-8")
    assert blocks_with_output(page) == [("shell", "echo hi\n", 0, "hi\n")]


def test_the_guides_show_real_output() -> None:
    """Enough shown output is compared that a guide drifting from the tool is caught."""
    shown = [page.stem for page in GUIDES for *_, out in blocks_with_output(page) if out]
    assert len(shown) >= 18 and len(set(shown)) >= 6, shown


@pytest.mark.parametrize("page", GUIDES, ids=[p.stem for p in GUIDES])
def test_guide_blocks_run(page: Path, tmp_path: Path) -> None:
    (tmp_path / "examples").symlink_to(REPO / "examples")
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "100"
    env["LC_COLLATE"] = "C"  # `ls` in a shown output sorts the same under every locale
    for number, (kind, code, expected, shown) in enumerate(blocks_with_output(page), start=1):
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
        if shown is not None:
            assert done.stdout.rstrip("\n") == shown.rstrip("\n"), (
                f"{page.name} block {number} shows other output than it prints:\n{code}\n"
                f"--- shown\n{shown}--- printed\n{done.stdout}")
