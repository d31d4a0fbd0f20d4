"""The public API of merge and dataset is typed: mypy --strict finds nothing in those modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


MODULES = ["src/upsides_data/merge", "src/upsides_data/dataset.py", "src/upsides_data/cli/merge.py"]


def test_mypy_strict_clean(repo_root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--ignore-missing-imports",
         "--follow-imports=silent", *MODULES],
        cwd=repo_root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
