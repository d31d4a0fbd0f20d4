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
    from upsides_data.generate.templates import FOLDER, render_templates

    shutil.rmtree(root / FOLDER, ignore_errors=True)
    templates = render_templates()
    for rel, data in sorted(templates.items()):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"wrote {len(files) + len(templates)} generated files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path.cwd()))
