"""The multilingual synthetic PII corpus: a recall floor and a false-positive ceiling per category.

The corpus (``upsides_data.synth.pii_corpus``) is made by code in German, English, Swahili,
Luganda, Hebrew, Hindi, Gujarati and Marathi, in their scripts; ``bench/pii.py`` prints the same
scores. The floors sit below today's scores so that a regression fails, not a small change.
"""

from __future__ import annotations

import pytest

from upsides_data.synth.pii_corpus import LANGUAGES, corpus, evaluate

RECALL_FLOOR = {"phone": 0.95, "email": 0.95, "national-id": 0.95, "birth-date": 0.9,
                "address": 0.85, "name": 0.95}
FALSE_POSITIVE_CEILING = 0.05  # flagged spans holding no PII, per item of the category


@pytest.fixture(scope="module")
def scores():
    items, roster = corpus()
    return evaluate(items, roster)


def test_the_corpus_is_synthetic_multilingual_and_deterministic():
    items, roster = corpus()
    assert all(item.synthetic for item in items)
    assert {item.language for item in items} == set(LANGUAGES)
    assert corpus() == (items, roster)
    scripts = {"he": "\u05d0", "hi": "\u0900", "gu": "\u0a80", "mr": "\u0900"}
    for language, low in scripts.items():
        texts = "".join(item.text for item in items if item.language == language)
        assert any(low <= ch <= chr(ord(low) + 0x7f) for ch in texts), language


@pytest.mark.parametrize("category", sorted(RECALL_FLOOR))
def test_recall_floor(scores, category):
    assert scores[category].expected > 0
    assert scores[category].recall >= RECALL_FLOOR[category], scores[category]


@pytest.mark.parametrize("category", sorted({*RECALL_FLOOR, "none"}))
def test_false_positive_ceiling(scores, category):
    score = scores[category]
    assert score.false_positives / score.items <= FALSE_POSITIVE_CEILING, score
