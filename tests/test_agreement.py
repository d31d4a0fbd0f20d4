"""Agreement statistics against published worked examples, and the units codings become."""

from __future__ import annotations

import math

import numpy as np
import pytest

from upsides_data.agreement.statistics import agreement, cohen_kappa
from upsides_data.agreement.units import Span, matrix

NAN = math.nan


def test_krippendorff_2011_nominal_example_with_missing_values() -> None:
    """Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
    Communication, University of Pennsylvania. Section C: four observers, twelve units, missing
    values; nominal alpha = 0.743."""
    data = np.array([
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
        [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
    ])
    result = agreement(data)
    assert round(result.krippendorff_alpha, 3) == 0.743
    assert result.coders == 4 and result.units == 11  # unit 12 has one value: not pairable
    assert result.cohen_kappa is None  # defined for two coders only


def test_krippendorff_2011_binary_example() -> None:
    """Krippendorff (2011), section A: two observers, ten units, binary; alpha = 0.095."""
    data = np.array([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]], float)
    result = agreement(data)
    assert round(result.krippendorff_alpha, 3) == 0.095
    assert result.percent_agreement == pytest.approx(0.6)


def test_cohen_kappa_textbook_example() -> None:
    """The worked example of Cohen's kappa in Wikipedia's "Cohen's kappa" article (Simple
    example): 50 grant proposals, both readers yes 20, A yes B no 5, A no B yes 10, both no 15;
    p_o = 0.7, p_e = 0.5, kappa = 0.4."""
    a = np.array([1] * 20 + [1] * 5 + [0] * 10 + [0] * 15, float)
    b = np.array([1] * 20 + [0] * 5 + [1] * 10 + [0] * 15, float)
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert agreement(np.vstack([a, b])).percent_agreement == pytest.approx(0.7)


def test_statistics_without_variation_are_absent_not_invented() -> None:
    result = agreement(np.ones((2, 5)))
    assert result.percent_agreement == 1.0
    assert result.cohen_kappa is None and result.krippendorff_alpha is None


def test_units_from_codings() -> None:
    spans = [Span("a", "c1", "t1", 0, 10), Span("b", "c1", "t1", 5, 12),  # overlapping
             Span("a", "c1", "t2", 0, 3), Span("a", "c2", "t2", 4, 6)]
    coders, lengths = ["a", "b"], {"t1": 20, "t2": 8}
    seg = matrix(spans, "c1", coders, lengths, "segment")
    # t1: two distinct spans, both coders overlap each; t2: b coded nothing there -> missing
    assert seg.tolist()[0] == [1, 1, 1] and seg[1, :2].tolist() == [1, 1] and math.isnan(seg[1, 2])
    chars = matrix(spans, "c1", coders, lengths, "character")
    assert chars.shape == (2, 28) and chars[0, :10].sum() == 10 and chars[1, 5:12].sum() == 7
    assert np.isnan(chars[1, 20:]).all()
    whole = matrix(spans, "c2", coders, lengths, "transcript")
    assert whole[0].tolist() == [0, 1] and whole[1, 0] == 0 and math.isnan(whole[1, 1])
