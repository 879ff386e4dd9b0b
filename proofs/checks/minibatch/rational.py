"""Exact rational matrices (python-flint ``fmpq_mat``) and rational orthogonal matrices.

The mini-batch checks (paper Props. 1, 2, 7) are identities of rational matrices: every computation is
exact. Orthogonal matrices with rational entries come from the Cayley transform ``Q = (I − K)(I + K)⁻¹``
of a rational skew-symmetric ``K`` and from Householder reflections ``I − 2wwᵀ/(wᵀw)``; both are exactly
orthogonal, so the SVD parametrisation of App. D.1 and the row mixing of the Prop. 2 control stay rational.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from flint import fmpq, fmpq_mat

Matrix = fmpq_mat


def mat(rows: list[list[Fraction]]) -> Matrix:
    return fmpq_mat([[fmpq(x.numerator, x.denominator) for x in r] for r in rows])


def to_fractions(m: Matrix) -> list[list[Fraction]]:
    return [[Fraction(int(m[i, j].p), int(m[i, j].q)) for j in range(m.ncols())] for i in range(m.nrows())]


def frac(x: fmpq) -> Fraction:
    return Fraction(int(x.p), int(x.q))


def trace(m: Matrix) -> fmpq:
    t = fmpq(0)
    for i in range(m.nrows()):
        t += m[i, i]
    return t


def outer(v: Matrix) -> Matrix:
    return v * v.transpose()


def column(features: list[list[Fraction]], i: int) -> Matrix:
    return fmpq_mat([[fmpq(x.numerator, x.denominator)] for x in features[i]])


def cayley_orthogonal(n: int, rng: random.Random) -> Matrix:
    """``Q = (I − K)(I + K)⁻¹`` for a random rational skew-symmetric ``K``: exactly orthogonal."""
    k = fmpq_mat(n, n)
    for i in range(n):
        for j in range(i + 1, n):
            v = fmpq(rng.randint(-3, 3), rng.randint(1, 4))
            k[i, j], k[j, i] = v, -v
    eye = fmpq_mat(n, n)
    for i in range(n):
        eye[i, i] = 1
    return (eye - k) * (eye + k).inv()


def householder_to_uniform(n: int, k0: int) -> Matrix:
    """Rational orthogonal ``U`` whose column ``k0`` is ``(1, …, 1)/√N`` (``N`` a perfect square)."""
    r = math.isqrt(n)
    if r * r != n:
        raise ValueError("N must be a perfect square")
    w = fmpq_mat([[fmpq(-1, r) + (1 if i == k0 else 0)] for i in range(n)])
    eye = fmpq_mat(n, n)
    for i in range(n):
        eye[i, i] = 1
    return eye - (w * w.transpose()) * (fmpq(2) / (w.transpose() * w)[0, 0])
