"""The README's commands are exactly the ones that work, with the output it shows.

Each ``sh`` block runs line by line from a scratch folder that links to ``examples/`` and
``.venv/`` (so outputs land in the scratch ``out/``); a line ending in ``# exit code N`` must exit
with N, every other line with 0. A ``text`` block right after an ``sh`` block is the real output
of that block's last command and must match it exactly. ``make`` lines are left to CI itself.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer((REPO / "README.md").read_text())]


@pytest.fixture()
def scratch(tmp_path: Path) -> Path:
    (tmp_path / "examples").symlink_to(REPO / "examples")
    (tmp_path / ".venv").symlink_to(Path(sys.executable).parents[1])
    (tmp_path / "validators").symlink_to(REPO / "validators")
    return tmp_path


def test_readme_has_commands():
    kinds = [kind for kind, _ in blocks()]
    assert kinds.count("sh") >= 4 and "python" in kinds and "text" in kinds


def test_readme_shell_blocks_run_and_show_real_output(scratch: Path):
    found = blocks()
    checked_outputs = 0
    for index, (kind, body) in enumerate(found):
        if kind != "sh":
            continue
        last_output = ""
        for line in body.strip().splitlines():
            if line.startswith("make "):
                continue
            expected = 0
            marker = re.search(r"#\s*exit code (\d+)", line)
            if marker:
                expected = int(marker.group(1))
            command = line.split("#", 1)[0].strip() if "# " in line else line
            result = subprocess.run(["bash", "-c", command], cwd=scratch, capture_output=True,
                                    text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=300)
            assert result.returncode == expected, (line, result.stdout, result.stderr)
            assert "Traceback" not in result.stderr, (line, result.stderr)
            last_output = result.stdout
        if index + 1 < len(found) and found[index + 1][0] == "text":
            assert last_output.strip() == found[index + 1][1].strip()
            checked_outputs += 1
    assert checked_outputs >= 2


def test_readme_python_block_runs(scratch: Path):
    code = next(body for kind, body in blocks() if kind == "python")
    result = subprocess.run([sys.executable, "-c", code], cwd=scratch, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True 0"
