"""The exact mini-batch noise covariance by enumerating every batch, and paper Prop. 1 (eqs. 4-5).

Setting (paper Sec. 2, App. B–D). A finite data set of ``N`` feature vectors ``ψ_i ∈ Q^p``, loss
``L(w) = (1/2N) Σ_i (⟨ψ_i, w⟩ − y_i)²``, Hessian ``H = (1/N) Σ_i ψ_i ψ_iᵀ``. A batch ``B`` of size
``b`` gives the stochastic Hessian ``M_B = (1/b) Σ_{i∈B} ψ_i ψ_iᵀ`` and the gradient ``M_B Δw``.
The gradient noise is ``(M_B − H) Δw``, so one step adds to the second moment ``C = E[Δw Δwᵀ]``

    Σ(C) = E_B[(M_B − H) C (M_B − H)]                      (definition; batches enumerated exactly)

Paper eq. 5 (Prop. 1, App. C eq. 56): ``Σ(C) = γ((1/N) Σ_i ψ_i ψ_iᵀ C ψ_i ψ_iᵀ − H C H)`` with
``γ = (N − b)/((N − 1) b)`` for batches drawn without replacement and ``γ = 1/b`` for i.i.d. draws.

Every identity below is linear in ``C``; it is checked on a basis of the symmetric matrices (hence
for every ``C``) or, equivalently, as a matrix identity of the dual linear functional
``C ↦ Tr(P Σ(C)) = Tr(G_P C)`` with ``G_P = E_B[(M_B − H) P (M_B − H)]``. Exact rationals throughout
(python-flint ``fmpq_mat``); the certificate checker redoes everything with ``fractions``.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from fractions import Fraction

from flint import fmpq, fmpq_mat

from .rational import Matrix, column, outer


def hessian(features: list[list[Fraction]]) -> Matrix:
    n, p = len(features), len(features[0])
    h = fmpq_mat(p, p)
    for i in range(n):
        h += outer(column(features, i))
    return h * fmpq(1, n)


def gamma(n: int, b: int, sampling: str) -> Fraction:
    """Paper Prop. 1/6: ``(N − b)/((N − 1) b)`` without replacement, ``1/b`` for i.i.d. draws."""
    return Fraction(n - b, (n - 1) * b) if sampling == "without_replacement" else Fraction(1, b)


def batches(n: int, b: int, sampling: str) -> Iterator[tuple[int, ...]]:
    """All batches, equally likely: subsets (without replacement) or ordered tuples (i.i.d.)."""
    if sampling == "without_replacement":
        return itertools.combinations(range(n), b)
    if sampling == "with_replacement":
        return itertools.product(range(n), repeat=b)
    raise ValueError(f"unknown sampling {sampling!r}")


def noise_dual(features: list[list[Fraction]], b: int, sampling: str, x: Matrix) -> Matrix:
    """``E_B[(M_B − H) X (M_B − H)]`` by enumerating every batch (the definition of the noise)."""
    n = len(features)
    h = hessian(features)
    outers = [outer(column(features, i)) for i in range(n)]
    acc, count = fmpq_mat(h.nrows(), h.ncols()), 0
    for batch in batches(n, b, sampling):
        m = fmpq_mat(h.nrows(), h.ncols())
        for i in batch:
            m += outers[i]
        d = m * fmpq(1, b) - h
        acc += d * x * d
        count += 1
    return acc * fmpq(1, count)


def noise_eq5(features: list[list[Fraction]], b: int, sampling: str, x: Matrix) -> Matrix:
    """Paper eq. 5: ``γ((1/N) Σ_i ψ_i ψ_iᵀ X ψ_i ψ_iᵀ − H X H)``."""
    n = len(features)
    h = hessian(features)
    mix = fmpq_mat(h.nrows(), h.ncols())
    for i in range(n):
        o = outer(column(features, i))
        mix += o * x * o
    gm = gamma(n, b, sampling)
    return (mix * fmpq(1, n) - h * x * h) * fmpq(gm.numerator, gm.denominator)


def symmetric_basis(p: int) -> Iterator[Matrix]:
    for i in range(p):
        for j in range(i, p):
            e = fmpq_mat(p, p)
            e[i, j] = 1
            e[j, i] = 1
            yield e


# ---------------------------------------------------------------- Prop. 1 (eqs. 4–5)


def prop1_instance(n: int, p: int, b: int, sampling: str, seed: int) -> dict:
    rng = random.Random(seed)
    feats = [[Fraction(rng.randint(-4, 4), rng.randint(1, 3)) for _ in range(p)] for _ in range(n)]
    return {
        "N": n,
        "p": p,
        "b": b,
        "sampling": sampling,
        "alpha": str(Fraction(rng.randint(1, 5), 7)),
        "beta": str(Fraction(rng.randint(-3, 6), 7)),
        "features": [[str(x) for x in r] for r in feats],
    }


def parse_features(inst: dict) -> list[list[Fraction]]:
    return [[Fraction(x) for x in r] for r in inst["features"]]


def check_prop1(inst: dict) -> dict:
    """Eq. 5 for every symmetric ``X``, ``E_B[M_B] = H``, and the full one-step moment map (eq. 4).

    Eq. 4: with ``T_B = [[I − αM_B, βI], [−αM_B, βI]]`` acting on ``(Δw, v)`` and the joint moment
    ``Z = [[C, J], [Jᵀ, P]]``, ``E_B[T_B Z T_Bᵀ] = T̄ Z T̄ᵀ + α² [[Σ, Σ], [Σ, Σ]]`` with ``Σ = Σ(C)``
    of eq. 5 and ``T̄`` the full-batch map — checked on a basis of the symmetric ``2p × 2p`` matrices.
    """
    feats = parse_features(inst)
    n, p, b, sampling = inst["N"], inst["p"], inst["b"], inst["sampling"]
    alpha, beta = Fraction(inst["alpha"]), Fraction(inst["beta"])
    h = hessian(feats)
    mean = fmpq_mat(p, p)
    count = 0
    for batch in batches(n, b, sampling):
        for i in batch:
            mean += outer(column(feats, i)) * fmpq(1, b)
        count += 1
    unbiased = mean * fmpq(1, count) == h
    eq5 = all(
        noise_dual(feats, b, sampling, x) == noise_eq5(feats, b, sampling, x) for x in symmetric_basis(p)
    )
    # one-step moment map with momentum (eq. 4)
    fa, fb = fmpq(alpha.numerator, alpha.denominator), fmpq(beta.numerator, beta.denominator)
    eye = fmpq_mat(p, p)
    for i in range(p):
        eye[i, i] = 1

    def block(m11: Matrix, m12: Matrix, m21: Matrix, m22: Matrix) -> Matrix:
        out = fmpq_mat(2 * p, 2 * p)
        for i in range(p):
            for j in range(p):
                out[i, j], out[i, p + j] = m11[i, j], m12[i, j]
                out[p + i, j], out[p + i, p + j] = m21[i, j], m22[i, j]
        return out

    outers = [outer(column(feats, i)) for i in range(n)]
    tbar = block(eye - h * fa, eye * fb, -(h * fa), eye * fb)
    moment_ok = True
    for zb in symmetric_basis(2 * p):
        acc = fmpq_mat(2 * p, 2 * p)
        for batch in batches(n, b, sampling):
            m = fmpq_mat(p, p)
            for i in batch:
                m += outers[i]
            m = m * fmpq(1, b)
            t = block(eye - m * fa, eye * fb, -(m * fa), eye * fb)
            acc += t * zb * t.transpose()
        lhs = acc * fmpq(1, count)
        c = fmpq_mat([[zb[i, j] for j in range(p)] for i in range(p)])
        s = noise_eq5(feats, b, sampling, c) * (fa * fa)
        rhs = tbar * zb * tbar.transpose() + block(s, s, s, s)
        moment_ok = moment_ok and lhs == rhs
    return {
        "unbiased": unbiased,
        "eq5_all_symmetric_C": eq5,
        "moment_map_eq4": moment_ok,
        "gamma": str(gamma(n, b, sampling)),
        "batches": count,
    }
