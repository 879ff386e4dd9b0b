"""Monte-Carlo test: real mini-batch heavy-ball SGD vs the SE moment recursion (paper Prop. 2).

Problem (translation-invariant, 1-D torus). Grid ``x_i = i/N``, ``i = 0..N−1``, ``N = 16``. Let
``e_k = N^{-1/2} (exp(2πi k j/N))_j`` be the Fourier basis and ``λ_k = Λ (1 + min(k, N−k))^{-2}`` (real,
even in k). ``H = Σ_k λ_k e_k e_k^*`` is a real symmetric circulant matrix, and the feature of the grid
point ``x_i`` is ``φ_i = √N H^{1/2} δ_i`` (the i-th translate of one vector). The kernel
``K(x_i − x_j) = ⟨φ_i, φ_j⟩ = N H_ij`` is circulant and positive definite: translation invariant.

Normalisation. Model ``f_w(x) = ⟨w, φ(x)⟩``, realizable target ``y_i = ⟨w*, φ_i⟩``, squared loss
``L(w) = (1/2N) Σ_i (f_w(x_i) − y_i)² = ½ Δw^T H Δw`` with ``Δw = w − w*`` and
``H = (1/N) Σ_i φ_i φ_i^T`` — so in the basis e_k, ``L = ½ Σ_k λ_k |e_k^* Δw|²``: the project's
normalisation with ``C_k = E|e_k^* Δw|²`` (complex basis; J_k = E Re(conj(Δw_k) v_k)). The mini-batch
gradient is ``∇L_B(w) = (1/b) Σ_{i∈B} φ_i (f_w(x_i) − y_i)`` and the update is paper eq. 1,
``v_{t+1} = −α ∇L_B(w_t) + β v_t, w_{t+1} = w_t + v_{t+1}``, ``v_0 = 0``.

Why SE is exact here (Prop. 2, τ = 1). With ``g_i = φ_i r_i`` (``r_i = ⟨Δw, φ_i⟩``), the batch-mean
noise has covariance ``γ [ (1/N) Σ_i g_i g_i^T − ∇L ∇L^T ]`` with ``γ = 1/b`` for b indices drawn
independently and uniformly *with replacement*, and ``γ = (N − b)/((N − 1) b)`` for b distinct
indices *without replacement* (finite-population correction). Since ``|e_k^* φ_i|² = λ_k`` for every i,
``E|e_k^* ξ|² = γ (λ_k (1/N) Σ_i E r_i² − λ_k² C_k) = γ (λ_k Tr(HC) − λ_k² C_k)``: eq. 7 with
``τ₁ = τ₂ = 1``, whatever the off-diagonal moments are. The per-mode (C, J, P) recursion is therefore
exact for the expectations, and ``E L_t = ½ Σ_k λ_k C_k(t)`` is computed from ``symbolic``'s operator
and noise vector (double precision, relative rounding error ~1e-14, negligible next to the sampling error).

Statistics. R independent runs (one seeded numpy Generator, runs vectorised along a batch axis). For each
t the sample mean of L_t is compared with the exact expectation in units of its standard error (sample
standard deviation / √R). Pass criterion: ``max_t |z_t| < 5`` over t = 1..30 (and per-mode C_k at three
times); under the null hypothesis one |z| > 5 has probability ≈ 6e-7 per comparison. Power: the same
data must give ``max |z| > 10`` for the recursion with τ = 0, τ = −1, τ = 2, the wrong γ, or any single
operator entry with flipped sign.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from symbolic.generating import generating_terms
from symbolic.polyconv import to_poly
from symbolic.update_rule import noise_vector

N = 16
T = 30
R = 40000
Z_PASS = 5.0
Z_POWER = 10.0


def spectrum(Lam: float = 1.0) -> np.ndarray:
    k = np.arange(N)
    return Lam / (1.0 + np.minimum(k, N - k)) ** 2


def fourier() -> np.ndarray:
    """Rows are e_k^* (unitary DFT)."""
    k = np.arange(N)
    return np.exp(-2j * np.pi * np.outer(k, k) / N) / np.sqrt(N)


def features(lam: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(H, Φ)`` with rows ``φ_i = √N H^{1/2} δ_i``; checks (1/N) Φ^T Φ = H and translation invariance."""
    F = fourier()
    H = (F.conj().T @ np.diag(lam) @ F).real
    Phi = np.sqrt(N) * (F.conj().T @ np.diag(np.sqrt(lam)) @ F).real
    assert np.allclose(Phi.T @ Phi / N, H, atol=1e-13)
    assert np.allclose(np.roll(Phi[0], 3), Phi[3], atol=1e-13)  # φ_i are translates
    assert np.allclose(np.abs(F @ Phi.T) ** 2, lam[:, None], atol=1e-12)  # |e_k^* φ_i|² = λ_k
    return H, Phi


@cache
def _polys():
    t = generating_terms()
    A = [[to_poly(t.A[i, j], ["a", "b", "g"]) for j in range(3)] for i in range(3)]
    n = [to_poly(e, ["alpha", "gamma", "lambda"]) for e in noise_vector()]
    return A, n


def _peval(p: dict, xs: list) -> np.ndarray:
    total = 0.0
    for m, c in p.items():
        term = float(c)
        for x, e in zip(xs, m, strict=True):
            term = term * x**e
        total = total + term
    return total


def se_expectation(lam, C0, alpha, beta, gamma, tau, flip: tuple[int, int] | None = None):
    """``E L_t`` (t = 0..T) and ``C_k(t)`` from the SE recursion with symbolic's operator and noise."""
    Ap, npoly = _polys()
    a = alpha * lam
    ones = np.ones_like(lam)
    A = np.array(
        [[_peval(Ap[i][j], [a, beta * ones, gamma * tau * ones]) * ones for j in range(3)] for i in range(3)]
    )  # 3×3×N
    if flip is not None:
        A[flip] = -A[flip]
    n = np.array([_peval(p, [alpha * ones, gamma * ones, lam]) for p in npoly])  # 3×N
    M = np.array([C0, 0 * C0, 0 * C0])
    losses, Cs = [], []
    for _ in range(T + 1):
        tr = float(lam @ M[0])
        losses.append(tr / 2)
        Cs.append(M[0].copy())
        M = np.einsum("ijk,jk->ik", A, M) + n * tr
    return np.array(losses), np.array(Cs)


def simulate(Phi, F, dw0, alpha, beta, b, replace, seed):
    """R independent runs of mini-batch heavy-ball SGD; returns losses (R×(T+1)) and |e_k^*Δw|² at all t."""
    rng = np.random.default_rng(seed)
    dw = np.tile(dw0, (R, 1))
    v = np.zeros_like(dw)
    losses, modes = [], []
    for _ in range(T + 1):
        r = dw @ Phi.T  # residuals f_w(x_i) − y_i, R×N
        losses.append((r**2).sum(axis=1) / (2 * N))
        modes.append(np.abs(dw @ F.T) ** 2)
        if replace:
            B = rng.integers(0, N, size=(R, b))
        else:
            B = rng.random((R, N)).argsort(axis=1)[:, :b]
        rb = np.take_along_axis(r, B, axis=1)
        grad = np.einsum("rb,rbn->rn", rb, Phi[B]) / b
        v = -alpha * grad + beta * v
        dw = dw + v
    return np.array(losses).T, np.array(modes).transpose(1, 0, 2)


def zscores(samples: np.ndarray, expected: np.ndarray) -> np.ndarray:
    mean = samples.mean(axis=0)
    se = samples.std(axis=0, ddof=1) / np.sqrt(samples.shape[0])
    return (mean - expected) / se


CASES = {
    # name: (alpha, beta, b, replace)
    "with-replacement b=2 beta=0.5": (1.0, 0.5, 2, True),
    "without-replacement b=3 beta=-0.5": (0.7, -0.5, 3, False),
}


@pytest.fixture(scope="module", params=list(CASES))
def run(request):
    alpha, beta, b, replace = CASES[request.param]
    gamma = 1.0 / b if replace else (N - b) / ((N - 1) * b)
    lam = spectrum()
    F = fourier()
    _, Phi = features(lam)
    dw0 = np.random.default_rng(12345).standard_normal(N)
    C0 = np.abs(F @ dw0) ** 2
    L, modes = simulate(Phi, F, dw0, alpha, beta, b, replace, seed=2024 + b)
    return {
        "lam": lam,
        "C0": C0,
        "alpha": alpha,
        "beta": beta,
        "gamma": gamma,
        "b": b,
        "L": L,
        "modes": modes,
        "replace": replace,
    }


def test_sgd_matches_se_recursion(run):
    lam, C0 = run["lam"], run["C0"]
    EL, EC = se_expectation(lam, C0, run["alpha"], run["beta"], run["gamma"], 1.0)
    assert np.allclose(run["L"][:, 0], EL[0], rtol=1e-12)  # t = 0 is deterministic
    z = zscores(run["L"][:, 1:], EL[1:])
    assert np.max(np.abs(z)) < Z_PASS, f"max |z| = {np.max(np.abs(z)):.2f}"
    # per Fourier mode, at three times
    for t in (5, 15, 30):
        zk = zscores(run["modes"][:, t, :], EC[t])
        assert np.max(np.abs(zk)) < Z_PASS, f"t={t}: max |z| over modes = {np.max(np.abs(zk)):.2f}"
    # not vacuous: the noise moves the loss by many standard errors away from the noiseless trajectory
    EL0, _ = se_expectation(lam, C0, run["alpha"], run["beta"], 0.0, 1.0)
    assert np.max(np.abs(zscores(run["L"][:, 1:], EL0[1:]))) > Z_POWER


@pytest.mark.parametrize("tau", [0.0, -1.0, 2.0])
def test_wrong_tau_is_rejected(run, tau):
    EL, _ = se_expectation(run["lam"], run["C0"], run["alpha"], run["beta"], run["gamma"], tau)
    assert np.max(np.abs(zscores(run["L"][:, 1:], EL[1:]))) > Z_POWER


def test_wrong_gamma_is_rejected(run):
    """With replacement the finite-population γ is wrong, and vice versa."""
    b = run["b"]
    wrong = (N - b) / ((N - 1) * b) if run["replace"] else 1.0 / b
    EL, _ = se_expectation(run["lam"], run["C0"], run["alpha"], run["beta"], wrong, 1.0)
    assert np.max(np.abs(zscores(run["L"][:, 1:], EL[1:]))) > Z_POWER


@pytest.mark.parametrize("entry", [(i, j) for i in range(3) for j in range(3)])
def test_flipped_operator_entry_is_rejected(run, entry):
    EL, _ = se_expectation(run["lam"], run["C0"], run["alpha"], run["beta"], run["gamma"], 1.0, flip=entry)
    z = zscores(run["L"][:, 1:], EL[1:])
    assert not np.all(np.isfinite(z)) or np.max(np.abs(z)) > Z_POWER
