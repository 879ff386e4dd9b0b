"""Real mini-batch SGD with momentum on a torus grid problem, against the SE prediction (τ = 1, Prop. 2).

Problem: ``N`` points of the 1-d torus grid ``Z_N``, features ``ψ_i(x) = φ(x − i)`` (translation
invariant), loss ``L(w) = (1/2N) Σ_i ⟨ψ_i, w − w*⟩²``, so ``H = ΦᵀΦ/N`` is circulant. Each run draws
batches of ``b`` distinct points uniformly (without replacement) and iterates paper eq. 1 from
``Δw_0`` (fixed), ``v_0 = 0``. ``R`` independent runs are vectorised; the mean loss and its standard
error are compared with the SE moment recursion for ``γ = (N − b)/((N − 1) b)``, ``τ = 1``:
``x_k(t+1) = A(αλ_k, β, γ) x_k(t) + γα²λ_k Tr(HC_t) (1,1,1)`` per eigen-direction (operator from
``symbolic``), which by Prop. 2 is *exact* for this problem — only sampling error remains.
Statistical, not a proof: used for the audit's figure and its stated tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TorusProblem:
    N: int = 24
    b: int = 3
    alpha: float = 0.6
    beta: float = 0.5
    T: int = 150
    runs: int = 3000
    seed: int = 1


def _setup(p: TorusProblem) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(p.seed)
    x = np.arange(p.N)
    phi = np.exp(-0.5 * (np.minimum(x, p.N - x) / 1.5) ** 2)  # a smooth bump on the torus
    phi /= np.sqrt((phi**2).sum())
    feats = np.stack([np.roll(phi, i) for i in range(p.N)])  # row i = ψ_i
    dw0 = rng.standard_normal(p.N) / np.sqrt(p.N)
    return feats, dw0


def simulate(p: TorusProblem) -> tuple[np.ndarray, np.ndarray]:
    """Mean loss and its standard error over ``runs`` real SGD trajectories, ``t = 0..T``."""
    feats, dw0 = _setup(p)
    rng = np.random.default_rng(p.seed + 1)
    R, N = p.runs, p.N
    dw = np.tile(dw0, (R, 1))
    v = np.zeros_like(dw)
    losses = np.empty((p.T + 1, R))
    for t in range(p.T + 1):
        r = dw @ feats.T  # residuals ψ_iᵀΔw, shape (R, N)
        losses[t] = 0.5 * (r**2).mean(axis=1)
        if t == p.T:
            break
        batch = np.argsort(rng.random((R, N)), axis=1)[:, : p.b]  # b distinct points per run
        rb = np.take_along_axis(r, batch, axis=1)  # (R, b)
        grad = np.einsum("rb,rbn->rn", rb, feats[batch]) / p.b
        v = -p.alpha * grad + p.beta * v
        dw = dw + v
    return losses.mean(axis=1), losses.std(axis=1, ddof=1) / np.sqrt(R)


def se_prediction(p: TorusProblem) -> tuple[np.ndarray, dict]:
    """SE moment recursion (τ = 1) in double precision; operator from ``symbolic``."""
    import sympy as sp

    from symbolic import moment_operator
    from symbolic.update_rule import a, b, g

    feats, dw0 = _setup(p)
    H = feats.T @ feats / p.N
    lam, E = np.linalg.eigh(H)
    C0 = (E.T @ dw0) ** 2
    gamma = (p.N - p.b) / ((p.N - 1) * p.b)
    A = sp.lambdify((a, b, g), moment_operator(), "numpy")
    ops = np.array([np.array(A(p.alpha * lk, p.beta, gamma), dtype=float) for lk in lam])
    x = np.stack([C0, np.zeros_like(C0), np.zeros_like(C0)], axis=1)
    out = np.empty(p.T + 1)
    for t in range(p.T + 1):
        tr = float(lam @ x[:, 0])
        out[t] = tr / 2
        x = np.einsum("kij,kj->ki", ops, x) + (gamma * p.alpha**2 * lam * tr)[:, None]
    return out, {"gamma": gamma, "lambda_max": float(lam.max())}
