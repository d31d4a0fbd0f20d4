"""``python -m upsides_data.generate``: write every generated artifact from the schema."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from upsides_data.generate.artifacts import GENERATED_DIRS, render_all


def main(root: Path) -> int:
    files = render_all(root / "schema" / "upsides.yaml")
    for folder in GENERATED_DIRS:
        shutil.rmtree(root / folder, ignore_errors=True)
    for rel, text in sorted(files.items()):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {len(files)} generated files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path.cwd()))
