"""Reference: the naive per-step SE moment recursion over all eigen-directions.

Per direction ``k`` the second moments ``M_k = (C_k, J_k, P_k)`` evolve by (paper eqs. 7, 11)

    M_k(t+1) = A(a_k, b, g) M_k(t) + γ α² λ_k · Tr(H C(t)) · (1, 1, 1),   Tr(HC) = Σ_j λ_j C_j = 2 L_t,

with ``a_k = αλ_k``, ``b = β``, ``g = γτ``, ``M_k(0) = (C_k(0), 0, 0)`` and ``L_t = ½ Σ_k λ_k C_k(t)``.
This module steps that recursion one ``t`` at a time, vectorised over ``k`` with numpy — the way the
authors' notebooks simulate the SE dynamics. It costs ``O(N T)`` and is the baseline the fast engine
(``proofs.numerics.engine``) is benchmarked and tested against. The operator ``A`` and the power-law
spectrum (paper eq. 25) come from ``proofs.numerics.moments``. Working precision: IEEE double.
"""

from __future__ import annotations

import numpy as np

from .moments import moment_matrices, power_law_spectrum

__all__ = ["moment_matrices", "naive_loss", "power_law_spectrum"]


def naive_loss(lams: np.ndarray, lamC0: np.ndarray, alpha: float, beta: float, gamma: float, tau: float,
               T: int, progress=None) -> np.ndarray:
    """``L_0 … L_{T−1}`` by the per-step recursion over all directions.

    ``lams`` are the eigenvalues ``λ_k``, ``lamC0`` the products ``λ_k C_k(0)``; ``progress(stage, done,
    total)`` (optional) is called about every 1 % of the steps.
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
    every = max(1, T // 100)
    for t in range(T):
        if progress and t % every == 0:
            progress("naive", t, T)
        trHC = float(np.dot(lams, C))
        out[t] = 0.5 * trHC
        n = noise * trHC
        C, J, P = (a00 * C + a01 * J + a02 * P + n,
                   a10 * C + a11 * J + a12 * P + n,
                   a20 * C + a21 * J + a22 * P + n)
    if progress:
        progress("naive", T, T)
    return out
