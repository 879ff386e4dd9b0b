"""Reference: the naive per-step SE moment recursion over all eigen-directions.

Per direction ``k`` the second moments ``M_k = (C_k, J_k, P_k)`` evolve by (paper eqs. 7, 11)

    M_k(t+1) = A(a_k, b, g) M_k(t) + γ α² λ_k · Tr(H C(t)) · (1, 1, 1),   Tr(HC) = Σ_j λ_j C_j = 2 L_t,

with ``a_k = αλ_k``, ``b = β``, ``g = γτ``, ``M_k(0) = (C_k(0), 0, 0)`` and ``L_t = ½ Σ_k λ_k C_k(t)``.
This module steps that recursion one ``t`` at a time, vectorised over ``k`` with numpy — the way the
authors' notebooks simulate the SE dynamics. It costs ``O(N T)`` and is the baseline the fast engine
(``proofs.numerics.engine``) is benchmarked and tested against. Working precision: IEEE double.
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


def naive_loss(lams: np.ndarray, lamC0: np.ndarray, alpha: float, beta: float, gamma: float, tau: float,
               T: int) -> np.ndarray:
    """``L_0 … L_{T−1}`` by the per-step recursion over all directions.

    ``lams`` are the eigenvalues ``λ_k``, ``lamC0`` the products ``λ_k C_k(0)``.
    """
    lams = np.asarray(lams, dtype=float)
    C = np.asarray(lamC0, dtype=float) / lams
    J = np.zeros_like(C)
    P = np.zeros_like(C)
    A = moment_matrices(alpha * lams, beta, gamma * tau)
    (a00, a01, a02), (a10, a11, a12), (a20, a21, a22) = (
        tuple(np.ascontiguousarray(A[:, i, j]) for j in range(3)) for i in range(3))
    noise = gamma * alpha**2 * lams
    out = np.empty(T)
    for t in range(T):
        trHC = float(np.dot(lams, C))
        out[t] = 0.5 * trHC
        n = noise * trHC
        C, J, P = (a00 * C + a01 * J + a02 * P + n,
                   a10 * C + a11 * J + a12 * P + n,
                   a20 * C + a21 * J + a22 * P + n)
    return out


def power_law_spectrum(nu: float, kappa: float, N: int, Lambda: float = 1.0, Q: float = 1.0
                       ) -> tuple[np.ndarray, np.ndarray]:
    """``λ_k = Λ k^{−ν}``, ``λ_k C_k(0) = Q (k^{−κ} − (k+1)^{−κ})`` for ``k = 1..N`` (model.md §3, eq. 25)."""
    k = np.arange(1, N + 1, dtype=float)
    lams = Lambda * k**-nu
    # k^{-κ} − (k+1)^{-κ} = −k^{-κ} expm1(−κ log1p(1/k)): no cancellation at large k
    lamC0 = -Q * k**-kappa * np.expm1(-kappa * np.log1p(1.0 / k))
    return lams, lamC0
