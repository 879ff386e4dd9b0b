"""The momentum effect on power-law spectra, by routes independent of :mod:`proofs.momentum.derive`.

* ``characteristic``: eq. 30 (reconstructed) ``X = s₁W − ((ν−1)/ν) s₂M₀`` and ``α* = 2(ν−1)/((3ν−1)γs₁)``
  from the spectral moments (zeta values and an Euler–Maclaurin sum with its error estimate);
* ``theorem2_derivatives``: ``∂_α log C`` and ``∂_β log C`` at ``(α*, 0)`` by central differences of the
  Theorem 2 constant computed with the full kernels ``u, v`` at general ``β`` (``proofs.numerics.constants``,
  no per-term reduction, no ``g = 1`` simplification); step ``h``, error ``O(h²)`` plus the sums' error;
* ``optimal_beta``: the minimiser of ``C(α*, β)`` over ``β`` (root of the central-difference derivative);
* ``trajectory_ratio``: SE trajectories (``proofs.numerics.engine``) at ``α*`` and several ``β``.

Two exact spectrum families satisfy the power laws (25): ``telescoping`` (the project's default,
``λ_kC_k(0) = Q(k^{−κ} − (k+1)^{−κ})``) and ``pure`` (``λ_kC_k(0) = Qκ k^{−κ−1}``, whose tail sum is
``Q k^{−κ}(1 + O(1/k))``) and ``delayed`` (telescoping from ``k = K0 = 10`` on, zero before: the
initial error sits in small eigenvalues). They share ``λ_k = Λk^{−ν}``. On the first two the
characteristic is positive on the whole noise phase scanned; on ``delayed`` it is negative.
"""

from __future__ import annotations

from dataclasses import dataclass

import mpmath as mp
import numpy as np

from proofs.numerics.constants import critical_alpha_eff, theorem2
from proofs.numerics.engine import power_law_loss, spectrum_loss
from proofs.numerics.powerlaw import AssumptionError, Params, PowerLaw

FAMILIES = ("telescoping", "pure", "delayed")
#: the ``delayed`` family: telescoping weights from ``k = K0`` on, none before (the initial error sits in the
#: small eigenvalues; still the power laws (25) asymptotically)
K0 = 10


@dataclass(frozen=True)
class PurePowerLaw(PowerLaw):
    """``λ_k = Λ k^{−ν}``, ``w_k = λ_k C_k(0) = Q κ k^{−κ−1}`` (tail ``Σ_{l≥k} w_l ~ Q k^{−κ}``)."""

    def weight(self, k):
        return self.Q * self.kappa * mp.power(k, -self.kappa - 1)


@dataclass(frozen=True)
class DelayedPowerLaw(PowerLaw):
    """``λ_k = Λ k^{−ν}``, ``w_k = Q(k^{−κ} − (k+1)^{−κ})`` for ``k ≥ K0``, ``w_k = 0`` below (tail exactly
    ``Q k^{−κ}`` for ``k ≥ K0``). ``K0`` is below the Euler–Maclaurin head, so the sum stays exact there."""

    def weight(self, k):
        return PowerLaw.weight(self, k) if k >= K0 else mp.mpf(0)


def spectrum(nu, kappa, family: str = "telescoping", Lambda=1, Q=1) -> PowerLaw:
    if family not in FAMILIES:
        raise AssumptionError(f"unknown spectrum family {family!r}; use one of {', '.join(FAMILIES)}")
    base = PowerLaw.of(nu, kappa, Lambda, Q)
    cls = {"telescoping": PowerLaw, "pure": PurePowerLaw, "delayed": DelayedPowerLaw}[family]
    return cls(base.nu, base.kappa, base.Lambda, base.Q)


def finite_weights(spec: PowerLaw, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The first ``n`` directions of ``spec`` in double precision (for SE trajectories of any family)."""
    ks = [mp.mpf(k) for k in range(1, n + 1)]
    return (np.array([float(spec.lam(k)) for k in ks]), np.array([float(spec.weight(k)) for k in ks]))


def moments(spec: PowerLaw) -> dict:
    """``s₁ = Σλ_k``, ``s₂ = Σλ_k²`` (zeta values), ``W = Σ w_k`` and ``M₀ = Σ w_k/λ_k`` (Euler–Maclaurin)
    with error estimates; ``M₀`` is finite iff ``κ > ν``."""
    if not spec.kappa > spec.nu:
        raise AssumptionError("kappa <= nu: M0 = sum_k C_k(0) diverges (the noise phase needs kappa > 2nu - 1)")
    s1 = spec.Lambda * mp.zeta(spec.nu)
    s2 = spec.Lambda**2 * mp.zeta(2 * spec.nu)
    W, eW = spec.spectral_sum(lambda lam, w: w)
    M0, eM = spec.spectral_sum(lambda lam, w: w / lam)
    return {"s1": s1, "s2": s2, "W": W, "W_err": eW, "M0": M0, "M0_err": eM}


def characteristic(spec: PowerLaw, gamma=1) -> dict:
    """Eq. 30 (reconstructed, ``g = γτ = 1``): ``X``, ``α*``, and the predicted ``∂_β log C_noise`` at ``(α*, 0)``."""
    m = moments(spec)
    nu = spec.nu
    X = m["s1"] * m["W"] - (nu - 1) / nu * m["s2"] * m["M0"]
    a_star = 2 * (nu - 1) / ((3 * nu - 1) * mp.mpf(gamma) * m["s1"])
    d = a_star * X / (m["s1"] * m["M0"])
    err = abs(a_star) * ((abs(m["W_err"]) * m["s1"] + abs(m["M0_err"]) * m["s2"]) / (m["s1"] * m["M0"])
                         + abs(X) * abs(m["M0_err"]) / (m["s1"] * m["M0"] ** 2))
    return {**m, "X": X, "alpha_star": a_star, "dlogC_dbeta": d, "dlogC_dbeta_err": err}


def loss_constant(spec: PowerLaw, alpha, beta, gamma, tau) -> mp.mpf:
    """Theorem 2's leading constant ``C`` (either phase); ``+inf`` outside the convergent region."""
    try:
        return theorem2(spec, Params(mp.mpf(alpha), mp.mpf(beta), mp.mpf(gamma), mp.mpf(tau))).C
    except AssumptionError:
        return mp.inf


def theorem2_derivatives(spec: PowerLaw, alpha, gamma, tau, h=None) -> dict:
    """``α ∂_α log C`` and ``∂_β log C`` at ``(α, β = 0)`` by central differences of Theorem 2's constant."""
    h = mp.mpf(h) if h is not None else mp.power(10, -(mp.mp.dps // 3))
    C0 = loss_constant(spec, alpha, 0, gamma, tau)
    db = (loss_constant(spec, alpha, h, gamma, tau) - loss_constant(spec, alpha, -h, gamma, tau)) / (2 * h * C0)
    da = (loss_constant(spec, alpha * (1 + h), 0, gamma, tau)
          - loss_constant(spec, alpha * (1 - h), 0, gamma, tau)) / (2 * h * C0)
    return {"C": C0, "dlogC_dbeta": db, "alpha_dlogC_dalpha": da, "step": h,
            "truncation": h * h}  # central differences: error O(h²) relative (smooth in α, β)


def _root(f, lo, hi, tol):
    """Bisection for a sign change of ``f`` on ``[lo, hi]`` (robust where ``f`` is expensive and smooth)."""
    flo = f(lo)
    while hi - lo > tol:
        mid = (lo + hi) / 2
        fm = f(mid)
        if (fm > 0) == (flo > 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return (lo + hi) / 2


def _dlog(spec, gamma, tau, which: str, h):
    def f(val, fixed):
        al, be = (val, fixed) if which == "alpha" else (fixed, val)
        cp = loss_constant(spec, al + h if which == "alpha" else al, be + h if which == "beta" else be, gamma, tau)
        cm = loss_constant(spec, al - h if which == "alpha" else al, be - h if which == "beta" else be, gamma, tau)
        return cp - cm
    return f


def optimal_alpha(spec: PowerLaw, gamma, tau, tol=None) -> mp.mpf:
    """``α*``: the minimiser of ``C(α, 0)`` on ``(0, α_crit)`` (Prop. 12 I.1 and II.1: unique)."""
    tol = tol or mp.power(10, -(mp.mp.dps // 2))
    hi = critical_alpha_eff(spec, mp.mpf(0), mp.mpf(gamma), mp.mpf(tau))
    hi = min(hi, 2 / spec.lam_max)  # noiseless stability of the top direction, a < 2 at beta = 0
    h = tol / 10
    d = _dlog(spec, gamma, tau, "alpha", h)
    return _root(lambda al: d(al, mp.mpf(0)), hi * mp.mpf("1e-6"), hi * (1 - mp.mpf("1e-6")), tol)


def optimal_beta(spec: PowerLaw, alpha, gamma, tau, tol=None) -> dict:
    """The minimiser of ``C(α, β)`` over ``β`` at fixed ``α`` (bracketed by the convergence region)."""
    tol = tol or mp.power(10, -(mp.mp.dps // 2))
    h = tol / 10
    d = _dlog(spec, gamma, tau, "beta", h)

    def f(be):
        v = d(be, mp.mpf(alpha))
        return mp.mpf(1) if not mp.isfinite(v) else v  # outside the region C = inf: treat as increasing

    # bracket: walk out from beta = 0 while C stays finite (the convergence region is an interval in beta)
    def edge(sign):
        be, step = mp.mpf(0), mp.mpf("0.05")
        while abs(be + sign * step) < mp.mpf("0.99"):
            if not mp.isfinite(loss_constant(spec, alpha, be + sign * step, gamma, tau)):
                if step < mp.mpf("1e-4"):
                    break
                step /= 4
                continue
            be += sign * step
        return be

    lo, hi = edge(-1), edge(1)
    lo_b, hi_b = lo + mp.mpf("1e-3"), hi - mp.mpf("1e-3")
    if f(lo_b) > 0 or f(hi_b) < 0:
        raise AssumptionError("no interior minimum of C over beta in the convergence region")
    be = _root(f, lo_b, hi_b, tol)
    return {"beta": be, "C": loss_constant(spec, alpha, be, gamma, tau), "bracket": (lo_b, hi_b)}


def trajectory_losses(spec: PowerLaw, alpha, betas, gamma, tau, T: int, n: int = 20000) -> dict:
    """``L_T`` of SE trajectories for each ``β``: the infinite telescoping power law by the compressed
    engine, any other family on its first ``n`` directions (``proofs.numerics.engine``, double precision)."""
    out = {}
    for be in betas:
        if type(spec) is PowerLaw:
            L = power_law_loss(float(spec.nu), float(spec.kappa), float(alpha), float(be), float(gamma), float(tau),
                               T, Lambda=float(spec.Lambda), Q=float(spec.Q))
        else:
            lams, ws = finite_weights(spec, n)
            L = spectrum_loss(lams, ws, float(alpha), float(be), float(gamma), float(tau), T)
        out[be] = float(L[-1])
    return out
