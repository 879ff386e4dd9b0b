"""The renewal kernels of a node set by blocked matrix products (time-domain side of paper eq. 16).

For nodes ``(a_i, wU_i, wV_i)`` (``proofs.numerics.engine.nodes``) and the moment operator ``A`` of
paper eq. 11,

    U_t = Σ_i wU_i [A(a_i)^{t−1} (1,1,1)]_C   (t ≥ 1, U_0 = 0),     Σ_t U_t z^t = Ũ(z),
    V_t = Σ_i wV_i [A(a_i)^t (1,0,0)]_C,                             Σ_t V_t z^t = Ṽ(z).

With block length ``B`` all ``T`` values cost one ``(B × 3n) @ (3n × T/B)`` matrix product per chunk
of nodes: ``e_C^T A^{mB+j} e = (e_C^T A^j) · (A^B)^m e``. Values below ``1e−280`` are flushed to zero
(denormals would slow the products by orders of magnitude). ``kernels_at`` recomputes selected ``t``
by explicit matrix powers, independently of the block scheme.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from ..moments import moment_matrices
from .nodes import Nodes

#: Progress callback: ``progress(stage, done, total)``.
Progress = Callable[[str, int, int], None]


_TINY = 1e-280  # flush values below this to zero: denormals would slow the products by orders of magnitude


def _flush(x: np.ndarray) -> None:
    x[np.abs(x) < _TINY] = 0.0


def _block_length(T: int) -> int:
    B = 16
    while B * B < T and B < 512:
        B *= 2
    return B


def kernels(nodes: Nodes, beta: float, g: float, T: int, progress: Progress | None = None
            ) -> tuple[np.ndarray, np.ndarray]:
    """``(U_0..U_{T−1}, V_0..V_{T−1})`` for the node set (``U_0 = 0``); ``g = γτ``."""
    B = _block_length(T)
    nb = -(-T // B)
    n = len(nodes.a)
    U = np.zeros(T)
    V = np.zeros(T)
    chunk = max(1, int(1.5e8 // (8 * 3 * (B + 2 * nb))))  # keep the work arrays ~150 MB
    with np.errstate(over="ignore", invalid="ignore"):  # unstable A (e.g. τ < 0): kernels may overflow
        for c0 in range(0, n, chunk):
            _kernel_chunk(nodes, slice(c0, min(n, c0 + chunk)), beta, g, T, B, nb, U, V)
            if progress:
                progress("kernels", min(n, c0 + chunk), n)
    return U, V


def _kernel_chunk(nodes: Nodes, sl: slice, beta: float, g: float, T: int, B: int, nb: int,
                  U: np.ndarray, V: np.ndarray) -> None:
    """Add the contribution of ``nodes[sl]`` to ``U`` and ``V`` (see ``kernels``)."""
    A = moment_matrices(nodes.a[sl], beta, g)
    m = A.shape[0]
    R = np.empty((B, m, 3))  # R[j] = e_C^T A^j
    r = np.zeros((m, 3))
    r[:, 0] = 1.0
    for j in range(B):
        R[j] = r
        r = np.einsum("ni,nij->nj", r, A)
        _flush(r)
    P = A.copy()  # A^B by repeated squaring (B is a power of 2)
    for _ in range(int(math.log2(B))):
        P = P @ P
        _flush(P)
    Xs = np.empty((nb, m, 3, 2))
    x = np.zeros((m, 3, 2))
    x[:, :, 0] = 1.0  # (1,1,1) for U
    x[:, 0, 1] = 1.0  # (1,0,0) for V
    for blk in range(nb):
        Xs[blk] = x
        x = P @ x
        _flush(x)
    Rf = R.reshape(B, 3 * m)
    GU = Rf @ (Xs[..., 0] * nodes.wU[sl, None]).reshape(nb, 3 * m).T
    GV = Rf @ (Xs[..., 1] * nodes.wV[sl, None]).reshape(nb, 3 * m).T
    U[1:] += GU.T.reshape(-1)[: T - 1]
    V += GV.T.reshape(-1)[:T]


def kernels_at(nodes: Nodes, beta: float, g: float, ts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``U_t, V_t`` at selected ``t ≥ 1`` by explicit matrix powers (independent of the block scheme)."""
    A = moment_matrices(nodes.a, beta, g)
    Uo, Vo = [], []
    for t in ts:
        Pm = np.linalg.matrix_power(A, int(t) - 1)
        Uo.append(nodes.wU @ Pm[:, 0, :].sum(axis=1))
        Vo.append(nodes.wV @ np.einsum("nj,nj->n", Pm[:, 0, :], A[:, :, 0]))  # e_C^T A^{t-1} A e_1
    return np.array(Uo), np.array(Vo)
