"""Hybrid stepping: directions whose kernels the renewal sum would cancel are stepped directly.

The loss solves the renewal equation ``L_t = V_t + Σ_{s<t} U_{t−s} L_s`` (time-domain paper eq. 16,
``proofs.numerics.engine.renewal``). If some moment operator ``A_k`` (paper eq. 11) has spectral
radius ``ρ_k > 1`` (inside the noiseless region of App. H this happens for large ``a_k``: ``g > 0``,
e.g. ``a = 1.5, b = 0.5, g = 1`` has an eigenvalue ≈ −2.36, or ``g < 0``), ``U_t, V_t`` grow like
``ρ_k^t`` while ``L_t`` need not (the pole of ``Ũ`` and ``Ṽ`` at ``1/μ_k`` cancels in ``Ṽ/(1 − Ũ)``;
for one direction with ``τ = 1`` the τ₂ term is cancelled by the self-feedback), and the renewal sum
cancels them catastrophically — as it does, more mildly, for any kernel decaying more slowly than
``L_t``. Such nodes form the *stepped head* ``H`` (not the exact-node head ``k < K`` of
``proofs.numerics.engine.nodes``; selection by ``unstable_nodes``: ``ρ_k`` above ``r_ref·e^{10⁻³/T}``,
``r_ref`` the largest noiseless radius, a lower bound for the decay rate of ``L``), stepped directly
by the moment recursion ``x_k(t+1) = A_k x_k(t) + wU_k L_t (1,1,1)``, ``[x_k(t)]_C`` being their share
of ``L_t``; the rest keep the kernel route with the convolution over the *total* loss:
``L_t = Σ_{k∈H} [x_k(t)]_C + V^R_t + Σ_{s<t} U^R_{t−s} L_s``. Only large ``a`` qualify
(``ρ = 1 − 2a/(1−b) + O(a²)`` as ``a → 0``), so ``|H|`` is a handful of the largest eigenvalues; cost
``O(|H|)`` per step. Without such nodes the computation is exactly the pure kernel route (same
arithmetic, same output). ``info["head_stepped"]`` reports ``|H|``; the returned ``U, V`` stay the full
kernels over all nodes.
"""

from __future__ import annotations

import math
import time

import numpy as np

from ..moments import jury_inside, moment_matrices, noiseless_radii, spectral_radii
from .kernels import Progress, kernels
from .nodes import Nodes
from .renewal import solve_renewal


def unstable_nodes(nodes: Nodes, beta: float, g: float, T: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Nodes whose kernel terms would be cancelled catastrophically by the renewal sum: ``(mask, radii, r)``.

    **Mechanism.** The kernel terms of node ``i`` behave like ``ρ_i^t`` (``ρ_i`` the spectral radius of
    ``A(a_i, β, g)``) while ``L_t`` behaves like ``r_L^t``; the renewal sum then cancels terms of relative
    size ``(ρ_i/r_L)^t``, amplifying rounding errors by that factor (the pole ``1/μ_i`` of ``Ũ`` and ``Ṽ``
    is cancelled in ``L̃ = Ṽ/(1 − Ũ)``, so ``r_L`` does not see it). Growth ``ρ_i > 1`` is the drastic case
    (it happens inside the noiseless region: ``g > 0`` with large ``a``, e.g. ``a = 1.5, b = 0.5, g = 1``,
    eigenvalue ≈ −2.36; ``g < 0``: an eigenvalue crosses 1 at ``a = 2(1−b²)/((1−b) + |g|(1+b))``), but a
    stable kernel that decays more slowly than the loss is cancelled the same way (one direction
    ``a = 1, b = 0.5, g = 1``: ``ρ = 0.81``, while the loss decays like ``0.5^t``: relative error 1e6 at
    ``t = 100``).

    **Reference rate.** For ``γ > 0`` and PSD SE noise (``τ ≤ 1``, so ``λ_k Tr(HC) − τλ_k²C_k ≥ 0``) every
    ``C_k(t)`` is at least its noiseless value and every direction is excited, so ``r_L ≥ r_ref =
    max_i ρ(A(a_i, β, 0))`` over the nodes with nonzero weight (``noiseless_radii``). A node is put in the
    head iff ``ρ_i > r_ref·e^{10⁻³/T}``: the rest can amplify rounding by at most ``e^{0.001}`` over the run
    (``ρ ≤ 1`` alone is not enough, see above). For ``τ > 1`` the bound ``r_L ≥ r_ref`` is a heuristic.
    With ``γ = 0`` there is no renewal coupling (``U ≡ 0``), hence no cancellation and no head.

    Only large ``a`` qualify: as ``a → 0`` the eigenvalues tend to ``1, b, b²`` and the top one is
    ``1 − 2a/(1−b) + O(a²)``, which equals the noiseless radius to ``O(g a²)``; for power laws ``r_ref``
    is the radius of the smallest ``a`` (≈ 1), so the head is the few directions with ``ρ_i`` near or above 1.
    The unstable ``a`` need not form one interval (``b = 0.3, g = 0.5``: ``1.35 < a < 2.20`` and
    ``a > 2.26``), so every node is checked: Jury test (``jury_inside``) for all, eigenvalues for the few
    it does not pass.
    """
    n = len(nodes.a)
    mask = np.zeros(n, dtype=bool)
    weighted = (nodes.wU != 0) | (nodes.wV != 0)
    if n == 0 or not np.any(nodes.wU != 0) or not np.any(weighted):
        return mask, np.zeros(0), 1.0
    r_ref = float(noiseless_radii(nodes.a[weighted], beta).max())
    thr = r_ref * math.exp(1e-3 / T)
    cand = np.flatnonzero(weighted & ~jury_inside(nodes.a, beta, g, thr))
    rho = spectral_radii(nodes.a[cand], beta, g)
    hit = rho > thr
    mask[cand[hit]] = True
    return mask, rho[hit], r_ref


class HeadStepper:
    """Direct moment stepping of the head nodes: ``x_i(t+1) = A_i x_i(t) + wU_i L_t (1,1,1)``.

    ``x_i(0) = wV_i (1,0,0)``; node ``i`` contributes ``[x_i(t)]_C = V^i_t + Σ_{s<t} U^i_{t−s} L_s`` to
    ``L_t`` (for a spectrum node ``x_i = ½λ_i M_i``: the naive recursion). Up to 2 nodes in Python floats
    (no numpy call overhead), up to 32 one dense block-diagonal matrix–vector product per step (state
    layout ``[C…, J…, P…]``), beyond that an ``einsum``.
    """

    def __init__(self, head: Nodes, beta: float, g: float) -> None:
        A = moment_matrices(head.a, beta, g)  # (h, 3, 3)
        h = self.h = len(head.a)
        self.D = self.Aij = None
        self.scalar = h <= 2
        if self.scalar:
            self.rows = [tuple(float(v) for v in A[k].ravel()) for k in range(h)]
            self.w = [float(v) for v in head.wU]
            self.xs = [(float(v), 0.0, 0.0) for v in head.wV]
            return
        self.x = np.zeros(3 * h)
        self.x[:h] = head.wV
        self.w = np.tile(head.wU, 3)
        if h <= 32:
            self.D = np.zeros((3 * h, 3 * h))
            idx = np.arange(h)
            for i in range(3):
                for j in range(3):
                    self.D[i * h + idx, j * h + idx] = A[:, i, j]
        else:
            self.Aij = np.ascontiguousarray(A.transpose(1, 2, 0))  # (3, 3, h)

    def loss(self) -> float:
        if self.scalar:
            return sum(x[0] for x in self.xs)
        return float(self.x[: self.h].sum())

    def step(self, Lt: float) -> None:
        if self.scalar:
            new = []
            for row, w, (c, j, p) in zip(self.rows, self.w, self.xs, strict=True):
                a00, a01, a02, a10, a11, a12, a20, a21, a22 = row
                n = w * Lt
                new.append((a00 * c + a01 * j + a02 * p + n, a10 * c + a11 * j + a12 * p + n,
                            a20 * c + a21 * j + a22 * p + n))
            self.xs = new
            return
        if self.D is not None:
            x = self.D @ self.x
        else:
            x = np.einsum("ijk,jk->ik", self.Aij, self.x.reshape(3, self.h)).ravel()
        x += self.w * Lt
        self.x = x


def node_trajectory(nodes: Nodes, beta: float, g: float, T: int, progress: Progress | None = None,
                    solve: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict]:
    """``(L, U, V, info)`` for a node set: kernels + renewal, unstable nodes stepped directly.

    ``U, V`` are always the full kernels over all nodes (they grow like ``ρ^t`` if a node is unstable and
    may overflow to ``inf``/``nan``); ``L`` uses the split ``L = L^H + L^R`` of ``solve_renewal``. Without
    unstable nodes this is exactly ``kernels`` + ``solve_renewal`` (same arithmetic, same output).
    ``info``: ``head_stepped`` (number of nodes stepped directly) and, if any, ``head_max_radius`` (their
    largest spectral radius) and ``head_reference_radius`` (``r_ref`` of ``unstable_nodes``).
    """
    mask, rho, r_ref = unstable_nodes(nodes, beta, g, T)
    info: dict = {"head_stepped": int(mask.sum())}
    if not mask.any():
        U, V = kernels(nodes, beta, g, T, progress)
        t1 = time.perf_counter()
        L = solve_renewal(U, V, progress) if solve else np.empty(0)
        return L, U, V, dict(info, renewal_seconds=time.perf_counter() - t1)
    info.update(head_max_radius=float(rho.max()), head_reference_radius=r_ref)
    head = nodes.subset(mask)
    UR, VR = kernels(nodes.subset(~mask), beta, g, T, progress)
    UH, VH = kernels(head, beta, g, T)
    with np.errstate(over="ignore", invalid="ignore"):
        U, V = UR + UH, VR + VH
    t1 = time.perf_counter()
    L = solve_renewal(UR, VR, progress, head=HeadStepper(head, beta, g)) if solve else np.empty(0)
    return L, U, V, dict(info, renewal_seconds=time.perf_counter() - t1)
