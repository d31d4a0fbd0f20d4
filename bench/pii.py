"""``make bench`` (and ``python bench/pii.py``): recall and false positives of the PII scanner per
category on the multilingual synthetic corpus (``upsides_data.synth.pii_corpus``).

Writes bench/results-pii.json and bench/results-pii.md and prints the table. A span counts as found
when one match covers all of it; a false positive is a match overlapping no expected span.
"""

from __future__ import annotations

import json
from pathlib import Path

from upsides_data.synth.pii_corpus import corpus, evaluate

HERE = Path(__file__).resolve().parent


def main() -> None:
    items, roster = corpus()
    scores = evaluate(items, roster)
    rows = [{"category": name, "items": s.items, "expected": s.expected, "found": s.found,
             "recall": round(s.recall, 3), "false_positives": s.false_positives}
            for name, s in scores.items()]
    (HERE / "results-pii.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    lines = ["| category | items | expected | found | recall | false positives |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    lines += [f"| {r['category']} | {r['items']} | {r['expected']} | {r['found']} | "
              f"{r['recall']:.3f} | {r['false_positives']} |" for r in rows]
    text = "\n".join(lines) + "\n"
    (HERE / "results-pii.md").write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
