"""Shared fixtures. ``reference_dir`` is the one way tests reach ``../shared/reference``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """Third-party reference material (paper, REFI-QDA XSDs, DCAT-AP shapes), never copied here.

    In CI (``CI`` set) its absence is an error; elsewhere the test is skipped with the reason.
    """
    candidates = [REPO.parent / "shared" / "reference"]
    if os.environ.get("UPSIDES_REFERENCE_DIR"):
        candidates.insert(0, Path(os.environ["UPSIDES_REFERENCE_DIR"]))
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    message = (f"reference material not found at {candidates[-1]} "
               "(set UPSIDES_REFERENCE_DIR or check out ../shared beside the project)")
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
