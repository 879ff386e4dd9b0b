"""The SE moment operator per eigen-direction, its spectrum, and the power-law problem.

Per direction ``k`` (eigenvalue ``λ_k``) the second moments ``M_k = (C_k, J_k, P_k) = (E Δw_k², E Δw_k v_k,
E v_k²)`` of heavy-ball SGD (paper eq. 1) with Spectrally Expressible noise (paper eq. 7, ``τ₁ = 1``,
``τ₂ = τ``) evolve by (paper eq. 11, App. D.3 eqs. 74-76)

    M_k(t+1) = A(a_k, b, g) M_k(t) + γα²λ_k · Tr(HC(t)) · (1, 1, 1),   a_k = αλ_k, b = β, g = γτ,

``Tr(HC) = Σ_j λ_j C_j = 2 L_t``. ``A`` is ``symbolic.update_rule.moment_operator()`` (lambdified here
once, never retyped). Its eigenvalues decide the growth of each direction: for ``g = 0`` they are
``μ₁², μ₁μ₂, μ₂²`` over the heavy-ball roots of ``μ² − (1+b−a)μ + b`` (App. H), and ``S = det(I − zA)``
(paper eqs. 17-20) is the reversed characteristic polynomial.

The power-law problem (paper eq. 25): ``λ_k = Λk^{−ν}``, ``λ_kC_k(0) = Q(k^{−κ} − (k+1)^{−κ})``.
Working precision: IEEE double.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np


@lru_cache(maxsize=1)
def _operator_entries() -> tuple:
    """The nine entries of ``A(a, b, g)`` from ``symbolic.update_rule.moment_operator()``, lambdified.

    The noise vector is checked to be ``γα²λ (1, 1, 1)`` (the form both recursions rely on).
    """
    import sympy as sp

    from symbolic.update_rule import a, alpha, b, g, gamma, lam, moment_operator, noise_vector

    A = moment_operator()
    n = noise_vector()
    for e in n:
        if sp.expand(e - gamma * alpha**2 * lam) != 0:
            raise AssertionError(f"noise vector is not gamma*alpha**2*lambda*(1,1,1): {list(n)}")
    return tuple(tuple(sp.lambdify((a, b, g), A[i, j], "numpy") for j in range(3)) for i in range(3))


def moment_matrices(avals: np.ndarray, b: float, g: float) -> np.ndarray:
    """Stack ``A(a_k, b, g)`` for every ``a_k``: shape ``(n, 3, 3)`` (rows C', J', P'; columns C, J, P)."""
    avals = np.asarray(avals, dtype=float)
    out = np.empty(avals.shape + (3, 3))
    for i, row in enumerate(_operator_entries()):
        for j, f in enumerate(row):
            out[..., i, j] = f(avals, b, g)  # broadcasts constants such as b**2
    return out


def power_law_spectrum(nu: float, kappa: float, N: int, Lambda: float = 1.0, Q: float = 1.0
                       ) -> tuple[np.ndarray, np.ndarray]:
    """``λ_k = Λ k^{−ν}``, ``λ_k C_k(0) = Q (k^{−κ} − (k+1)^{−κ})`` for ``k = 1..N`` (paper eq. 25)."""
    k = np.arange(1, N + 1, dtype=float)
    lams = Lambda * k**-nu
    # k^{-κ} − (k+1)^{-κ} = −k^{-κ} expm1(−κ log1p(1/k)): no cancellation at large k
    lamC0 = -Q * k**-kappa * np.expm1(-kappa * np.log1p(1.0 / k))
    return lams, lamC0


# ---------------------------------------------------------------- spectrum of the moment operator


def jury_inside(avals: np.ndarray, beta: float, g: float, r: float = 1.0, tol: float = 1e-12) -> np.ndarray:
    """``True`` where every eigenvalue of ``A(a, β, g)`` lies in ``|μ| < r``, by the Jury criterion with margin.

    The eigenvalues of ``A/r`` are the roots of ``p(μ) = μ³ + c2 μ² + c1 μ + c0`` with ``c2 = −tr A/r``,
    ``c1 = m2/r²`` (``m2`` the sum of the principal 2×2 minors), ``c0 = −det A/r³`` (``p(μ) = μ³ S(1/(rμ))``,
    ``S = det(I − zA)``), computed from the matrices of ``moment_matrices``. Jury's conditions for a
    cubic: ``p(1) > 0``, ``−p(−1) > 0``, ``|c0| < 1``, ``|c0² − 1| > |c0 c2 − c1|``. Each is required with
    margin ``tol`` (the coefficients are rounded at ``O(1e−16)``), so a ``True`` is reliable and a ``False``
    only means "compute the eigenvalues".
    """
    avals = np.asarray(avals, dtype=float)
    A = moment_matrices(avals, beta, g)
    (x00, x01, x02), (x10, x11, x12), (x20, x21, x22) = (tuple(A[..., i, j] for j in range(3)) for i in range(3))
    m12, m02, m01 = x11 * x22 - x12 * x21, x00 * x22 - x02 * x20, x00 * x11 - x01 * x10
    det = x00 * m12 - x01 * (x10 * x22 - x12 * x20) + x02 * (x10 * x21 - x11 * x20)
    c2, c1, c0 = -(x00 + x11 + x22) / r, (m12 + m02 + m01) / r**2, -det / r**3
    ok = 1 + c2 + c1 + c0 > tol
    ok &= 1 - c2 + c1 - c0 > tol
    ok &= np.abs(c0) < 1 - tol
    ok &= np.abs(c0 * c0 - 1) > np.abs(c0 * c2 - c1) + tol
    return ok


def spectral_radii(avals: np.ndarray, beta: float, g: float) -> np.ndarray:
    """``ρ(A(a_i, β, g))`` by ``numpy.linalg.eigvals`` (double precision, error ``O(ε)`` for simple eigenvalues)."""
    avals = np.asarray(avals, dtype=float)
    if len(avals) == 0:
        return np.zeros(0)
    return np.abs(np.linalg.eigvals(moment_matrices(avals, beta, g))).max(axis=1)


def noiseless_radii(avals: np.ndarray, beta: float) -> np.ndarray:
    """``ρ(A(a, β, 0)) = max|μ|²`` over the heavy-ball roots of ``μ² − (1+β−a)μ + β`` (App. H).

    The eigenvalues of the noiseless moment operator are ``μ1², μ1μ2, μ2²``. Complex roots: ``|μ|² = β``;
    real roots: the larger modulus ``(|1+β−a| + √disc)/2`` has no cancellation, so ``1 − ρ`` keeps its
    accuracy for tiny ``a`` (``ρ ≈ 1 − 2a/(1−β)``).
    """
    avals = np.asarray(avals, dtype=float)
    s = 1 + beta - avals
    disc = s * s - 4 * beta
    real = (np.abs(s) + np.sqrt(np.maximum(disc, 0.0))) / 2
    return np.where(disc >= 0, real * real, beta)
