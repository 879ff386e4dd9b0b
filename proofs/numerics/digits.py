"""Digits of agreement and recorded comparisons of decimal strings, exactly (producer side).

Certificates record high-precision values as decimal strings. The number of digits to which a route
agrees with the closed form is ``⌊−log10(|x − y|/|x|)⌋`` clipped to ``[0, cap]``; here it is computed
with exact rationals (``Fraction`` of the decimal strings and integer powers of ten), so there is no
rounding at all — the certificate checker recomputes the same integer independently.
"""

from __future__ import annotations

import operator
from fractions import Fraction

COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def exact(s: str) -> Fraction:
    """The exact rational value of a finite decimal string (``"1.25e-3"``)."""
    if not isinstance(s, str):
        raise TypeError(f"expected a decimal string, got {type(s).__name__}")
    return Fraction(s)  # raises ValueError on "nan", "inf" and anything that is not a decimal


def agree_digits(x: str, y: str, cap: int) -> int:
    """``⌊−log10(|x − y|/|x|)⌋`` clipped to ``[0, cap]`` (``cap`` when equal, 0 when ``x = 0 ≠ y``)."""
    a, b = exact(x), exact(y)
    if a == b:
        return cap
    if a == 0:
        return 0
    rel = abs(a - b) / abs(a)
    # the floor is the largest integer d with rel ≤ 10^-d
    d = 0
    if rel <= 1:
        while d < cap and rel * 10 ** (d + 1) <= 1:
            d += 1
        return d
    return 0


def holds(lhs: str, rel: str, rhs: str) -> bool:
    """Does the recorded comparison ``lhs rel rhs`` of two decimal strings hold (exactly)?"""
    return COMPARE[rel](exact(lhs), exact(rhs))
