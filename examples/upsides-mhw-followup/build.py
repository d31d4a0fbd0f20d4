"""Build this study's example packages from ``source/abstract.yaml`` (see ``../abstract_corpus.py``).

Run from the repository root::

    .venv/bin/python examples/upsides-mhw-followup/build.py            # rewrite the committed packages
    .venv/bin/python examples/upsides-mhw-followup/build.py --out DIR  # build elsewhere
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from abstract_corpus import main  # noqa: E402

SOURCE = HERE / "source" / "abstract.yaml"


def build(out_dir: Path = HERE, source: Path = SOURCE) -> list[Path]:
    from abstract_corpus import build as build_study

    return build_study(out_dir, source)


if __name__ == "__main__":
    sys.exit(main(HERE, sys.argv[1:]))
