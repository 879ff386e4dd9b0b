"""The renewal equation of the SE loss, solved by direct summation (time-domain paper eq. 16).

Unrolling the noise term of the moment recursion (paper eq. 11) gives

    L_t = V_t + Σ_{s<t} U_{t−s} L_s,          i.e.  L̃(z) = Ṽ(z)/(1 − Ũ(z))  (paper eq. 16),

with the kernels of ``proofs.numerics.engine.kernels``. The sum is direct ``O(T²)`` (cache-blocked
``numpy.convolve`` + one ``numpy.dot`` per step, double precision, all terms of one sign in the
convergent regime), so its rounding error is ``≲ t·ε`` relative: no FFT, whose error is absolute in the
largest coefficient and would swamp the decayed late-time loss. Directions stepped directly (the head
of ``proofs.numerics.engine.hybrid``) are interleaved per step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .kernels import Progress

if TYPE_CHECKING:
    from .hybrid import HeadStepper


def solve_renewal(U: np.ndarray, V: np.ndarray, progress: Progress | None = None,
                  block: int = 512, chunk: int = 2048, head: HeadStepper | None = None) -> np.ndarray:
    """``L_t = V_t + Σ_{s<t} U_{t−s} L_s`` (``U_0`` unused) by direct summation, cache-blocked.

    Outputs in blocks of ``block`` steps: the contributions of earlier blocks are added with
    ``numpy.convolve`` over source chunks of ``chunk`` steps (data stay in cache), then the block is
    stepped sequentially (one dot product per step). Every product ``U_{t−s} L_s`` is summed exactly as
    in the textbook recursion (no FFT), so the relative rounding error stays ``≲ t·ε``.

    With ``head`` (unstable nodes, see ``unstable_nodes``), ``U, V`` are the kernels of the *other* nodes
    and ``L_t = L^H_t + V^R_t + Σ_{s<t} U^R_{t−s} L_s``: the head's contribution ``L^H_t`` is read off its
    directly stepped moments, which are then advanced with the *total* ``L_t`` (the noise is driven by
    ``Tr(HC) = 2L``). The interleaving is per step inside each block; the cross-block convolution is
    unchanged.
    """
    T = len(V)
    L = np.empty(T)
    F = np.array(V, dtype=float)
    Ur = np.ascontiguousarray(U[::-1])  # Ur[T−1−t+s] = U[t−s]
    with np.errstate(over="ignore", invalid="ignore"):  # divergent runs may overflow: handled below
        for t0 in range(0, T, block):
            t1 = min(T, t0 + block)
            for s0 in range(0, t0, chunk):
                s1 = min(t0, s0 + chunk)
                # F[t] += Σ_{s0 ≤ s < s1} U[t−s] L[s] for t0 ≤ t < t1 ('valid' part of the convolution)
                F[t0:t1] += np.convolve(U[t0 - s1 + 1: t1 - s0], L[s0:s1], "valid")
            if head is None:
                for t in range(t0, t1):
                    L[t] = F[t] + np.dot(Ur[T - 1 - t + t0: T - 1], L[t0:t])
            else:
                for t in range(t0, t1):
                    Lt = float(F[t] + np.dot(Ur[T - 1 - t + t0: T - 1], L[t0:t])) + head.loss()
                    L[t] = Lt
                    head.step(Lt)
            if progress:
                progress("renewal", t1, T)
    bad = np.flatnonzero(~np.isfinite(L))
    if len(bad):  # a divergent run overflowed: report +inf from there on rather than inf·0 = nan
        L[bad[0]:] = np.inf
    return L
