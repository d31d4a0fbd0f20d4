"""Agreement statistics on a reliability matrix: coders in rows, units in columns.

A cell holds the value a coder gave a unit (1 coded, 0 not coded, for the binary data codings
make) or NaN where the coder did not code that unit at all (a transcript they never opened).
Krippendorff's alpha comes from the maintained ``krippendorff`` package, which accepts any
number of coders and missing values. Cohen's kappa is the two-line formula of Cohen (1960),
kappa = (p_o - p_e) / (1 - p_e), checked in the tests against a published worked example; it is
defined for exactly two coders. Percent agreement is the share of agreeing coder pairs over the
units both coders of a pair coded, pooled over all pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np


@dataclass(frozen=True)
class Agreement:
    """The statistics of one reliability matrix; None where a statistic is not defined."""

    coders: int
    units: int  # units at least two coders coded: the ones agreement is computed over
    percent_agreement: float | None
    cohen_kappa: float | None
    krippendorff_alpha: float | None


def percent_agreement(matrix: np.ndarray) -> float | None:
    """The share of coder pairs giving a unit the same value, over the pairs who both coded it."""
    agree = total = 0
    for a, b in combinations(range(matrix.shape[0]), 2):
        both = ~np.isnan(matrix[a]) & ~np.isnan(matrix[b])
        total += int(both.sum())
        agree += int((matrix[a][both] == matrix[b][both]).sum())
    return agree / total if total else None


def cohen_kappa(first: np.ndarray, second: np.ndarray) -> float | None:
    """Cohen's kappa of two coders over the units both coded; None when undefined (p_e = 1)."""
    both = ~np.isnan(first) & ~np.isnan(second)
    a, b = first[both], second[both]
    if not len(a):
        return None
    observed = float((a == b).mean())
    values = np.union1d(a, b)
    expected = float(sum((a == v).mean() * (b == v).mean() for v in values))
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(matrix: np.ndarray) -> float | None:
    """Krippendorff's alpha for nominal data; None when the data hold a single value."""
    import krippendorff

    pairable = (~np.isnan(matrix)).sum(axis=0) >= 2
    data = matrix[:, pairable]
    values = np.unique(data[~np.isnan(data)])
    if data.shape[1] == 0 or len(values) < 2:
        return None  # no variation: alpha is 0/0, undefined (Krippendorff 2011, section E)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def agreement(matrix: np.ndarray) -> Agreement:
    """Percent agreement, Cohen's kappa (two coders only) and Krippendorff's alpha."""
    matrix = np.asarray(matrix, dtype=float)
    coders = matrix.shape[0]
    units = int(((~np.isnan(matrix)).sum(axis=0) >= 2).sum()) if coders else 0
    kappa = cohen_kappa(matrix[0], matrix[1]) if coders == 2 else None
    return Agreement(coders=coders, units=units, percent_agreement=percent_agreement(matrix),
                     cohen_kappa=kappa, krippendorff_alpha=krippendorff_alpha(matrix))
