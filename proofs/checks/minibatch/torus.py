"""Paper Prop. 2 (App. D.5): on a regular torus grid the SE approximation (eq. 7) is exact, τ₁ = τ₂ = 1.

Construction. Grid points ``x ∈ Z_{n_1} × … × Z_{n_d}``, features ``ψ_i(x) = φ(x − i)`` (translates of one
rational vector ``φ``): the kernel ``⟨ψ_i, ψ_j⟩ = (φ ⋆ φ)(i − j)`` is translation invariant and the
Hessian ``H = (1/N) Σ_i ψ_iψ_iᵀ`` is circulant, diagonalised by the Fourier modes ``e_k``. The real
projectors onto ``span{e_k, e_{−k}}``, ``P(x, y) = (1/N) Σ_{k'∈{k,−k}} cos(2π Σ_j k'_j(x_j − y_j)/n_j)``,
are rational iff the cosines are — by Niven's theorem iff the lcm of the sides is 1, 2, 3, 4 or 6.

Statement checked, for every pair projector ``P`` (rank ``r``, ``PH = λP``), with the exact noise of
``proofs.checks.minibatch.noise``:

    E_B[(M_B − H) P (M_B − H)] = γ (λ r H − λ² P),

i.e. ``Tr(P Σ(C)) = γ(λ r Tr(HC) − λ² Tr(PC))`` for every ``C``: the diagonal of the noise in the Fourier
eigenbasis is the SE expression with ``τ₁ = τ₂ = 1``. Negative control: mixing the rows of the feature
matrix by a rational orthogonal ``Q`` keeps ``H`` exactly but destroys translation invariance, and the
identity fails.
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

from flint import fmpq, fmpq_mat

from .noise import gamma, hessian, noise_dual
from .rational import Matrix, cayley_orthogonal, frac, mat, to_fractions, trace

#: cos(2πm/L) for the L whose cosines are rational (Niven): L ∈ {1, 2, 3, 4, 6}.
RATIONAL_COS = {
    1: [Fraction(1)],
    2: [Fraction(1), Fraction(-1)],
    3: [Fraction(1), Fraction(-1, 2), Fraction(-1, 2)],
    4: [Fraction(1), Fraction(0), Fraction(-1), Fraction(0)],
    6: [Fraction(1), Fraction(1, 2), Fraction(-1, 2), Fraction(-1), Fraction(-1, 2), Fraction(1, 2)],
}


def grid_points(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    return list(itertools.product(*[range(n) for n in shape]))


def torus_features(shape: tuple[int, ...], phi: list[Fraction]) -> list[list[Fraction]]:
    """``ψ_i(x) = φ(x − i)`` on the torus grid: a translation-invariant problem (kernel = φ ⋆ φ)."""
    pts = grid_points(shape)
    index = {x: k for k, x in enumerate(pts)}
    feats = []
    for i in pts:
        feats.append(
            [phi[index[tuple((xj - ij) % n for xj, ij, n in zip(x, i, shape, strict=True))]] for x in pts]
        )
    return feats


def fourier_pair_projectors(shape: tuple[int, ...]) -> list[tuple[tuple[int, ...], list[list[Fraction]]]]:
    """Real orthogonal projectors onto ``span{e_k, e_{−k}}`` (complex Fourier modes), exact.

    ``P(x, y) = (1/N) Σ_{k' ∈ {k, −k}} cos(2π Σ_j k'_j (x_j − y_j)/n_j)``; rational iff the lcm of
    the sides is one of 1, 2, 3, 4, 6.
    """
    lcm = math.lcm(*shape)
    if lcm not in RATIONAL_COS:
        raise ValueError(f"grid {shape}: cosines of 2π/{lcm} are irrational")
    pts = grid_points(shape)
    n = len(pts)
    seen, out = set(), []
    for k in pts:
        if k in seen:
            continue
        mk = tuple((-kj) % nj for kj, nj in zip(k, shape, strict=True))
        pair = sorted({k, mk})
        seen.update(pair)
        rows = []
        for x in pts:
            row = []
            for y in pts:
                s = Fraction(0)
                for kk in pair:
                    m = sum(
                        kj * (xj - yj) * (lcm // nj) for kj, xj, yj, nj in zip(kk, x, y, shape, strict=True)
                    )
                    s += RATIONAL_COS[lcm][m % lcm]
                row.append(s / n)
            rows.append(row)
        out.append((pair[0], rows))
    return out


def prop2_instance(shape: tuple[int, ...], b: int, sampling: str, seed: int) -> dict:
    rng = random.Random(seed)
    n = math.prod(shape)
    phi = [Fraction(rng.randint(-3, 5), rng.randint(1, 2)) for _ in range(n)]
    return {"shape": list(shape), "b": b, "sampling": sampling, "phi": [str(x) for x in phi]}


def check_prop2(inst: dict, features: list[list[Fraction]] | None = None) -> dict:
    """Prop. 2 on one grid: for every Fourier pair projector ``P`` (rank r, ``PH = λP``),

        E_B[(M_B − H) P (M_B − H)] = γ (λ r H − λ² P),

    i.e. ``Tr(P Σ(C)) = γ(λ r Tr(HC) − λ² Tr(PC))`` for every ``C``: the diagonal of the exact noise in
    the Fourier eigenbasis is the SE expression with ``τ₁ = τ₂ = 1``. ``features`` overrides the
    translation-invariant features (used to show the check fails on a perturbed problem).
    """
    shape = tuple(inst["shape"])
    if features is None:
        features = torus_features(shape, [Fraction(x) for x in inst["phi"]])
    n = len(features)
    b, sampling = inst["b"], inst["sampling"]
    h = hessian(features)
    gm = gamma(n, b, sampling)
    fg = fmpq(gm.numerator, gm.denominator)
    projectors = fourier_pair_projectors(shape)
    total = fmpq_mat(n, n)
    rows, ok = [], True
    for k, prows in projectors:
        p = mat(prows)
        total += p
        rank = int(trace(p))  # trace of an orthogonal projector = rank
        lam = trace(p * h) / rank
        is_proj = p * p == p and p.transpose() == p
        eigen = p * h == p * lam
        lhs = noise_dual(features, b, sampling, p)
        rhs = (h * (lam * rank) - p * (lam * lam)) * fg
        holds = bool(is_proj and eigen and lhs == rhs)
        ok = ok and holds
        rows.append({"k": list(k), "rank": rank, "lambda": str(frac(lam)), "holds": holds})
    eye = fmpq_mat(n, n)
    for i in range(n):
        eye[i, i] = 1
    complete = total == eye
    return {"holds": bool(ok and complete), "complete": complete, "gamma": str(gm), "modes": rows}


def mixed_features(features: list[list[Fraction]], seed: int) -> tuple[list[list[Fraction]], Matrix]:
    """Rows mixed by a rational orthogonal ``Q`` (Cayley): ``Φ ↦ QΦ`` keeps ``H = ΦᵀΦ/N`` exactly but
    destroys translation invariance of the data — the negative control of Prop. 2."""
    q = cayley_orthogonal(len(features), random.Random(seed))
    return to_fractions(q * mat(features)), q
