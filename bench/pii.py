"""Recall and false positives of the PII scanner per category on the multilingual synthetic
corpus (``upsides_data.synth.pii_corpus``). ``make bench`` (``run.py``) includes the table in
bench/results.md; ``python bench/pii.py`` prints it alone.

A span counts as found when one match covers all of it; a false positive is a match overlapping
no expected span.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from summary import pii_table  # noqa: E402


def scores() -> list[dict[str, object]]:
    from upsides_data.synth.pii_corpus import corpus, evaluate

    items, roster = corpus()
    return [{"category": name, "items": s.items, "expected": s.expected, "found": s.found,
             "recall": round(s.recall, 3), "false_positives": s.false_positives}
            for name, s in evaluate(items, roster).items()]


def main() -> None:
    print("\n".join(pii_table(scores())))


if __name__ == "__main__":
    main()
