"""Figure: the (α, β) stability region of the Prop. 4 certificate's power law (Prop. 3, Prop. 4, App. H).

Drawn: the noiseless region ``0 < αΛ < 2(1+β)`` (App. H, proved); the exact boundary ``Ũ(1) = 1`` of
Prop. 3 — at each momentum the α with ``Ũ(1) = 1``, ``Ũ(1) = zγα²Σλ²u(αλ, β, γτ, z)`` at ``z = 1`` summed
over all k by ``proofs.numerics.powerlaw.U_tilde`` (exact head + Euler–Maclaurin tail), a secant root
whose sign change is verified — with an independent float64 evaluation of eq. 21 (an identity proved by
``check.eq21``) at those points; and Prop. 4's necessary bound ``α_eff < 2/(γλ_crit)`` (eq. 22) with
``λ_crit`` from ``proofs.numerics.constants.lambda_crit``, which meets the boundary as ``β → 1`` (eq. 23).
"""

from __future__ import annotations

import time

import numpy as np

from .common import NORMALISATION, POWER_LAW, Figure, _failed, _plt, _png


def u1_eq21(alphas: np.ndarray, betas: np.ndarray, gamma: float, tau: float, nu: float, K: int = 4000) -> np.ndarray:
    """Ũ(1) by eq. 21 (an identity proved by ``check.eq21``) in float64, power law with Λ = 1: exact head
    ``k ≤ K`` and the tail ``Σ_{k>K}`` linearised in λ (``∫ + ½ f(K+1)``; relative error ``O(λ_K)``).
    Independent of ``proofs.numerics`` (which sums u(a, b, g, z = 1) by Euler–Maclaurin): a cross-check."""
    lam = np.arange(1, K + 1, dtype=float) ** -nu
    al, be = np.asarray(alphas, float)[:, None], np.asarray(betas, float)[:, None]
    aeff = al / (1 - be)
    head = np.sum(aeff * lam / (2 - al * lam / (1 + be) + gamma * tau * aeff * lam), axis=1)
    tail = (K + 1.0) ** (1 - nu) / (nu - 1) + 0.5 * (K + 1.0) ** -nu
    return gamma * (head + aeff[:, 0] / 2 * tail)


def _float_boundary(betas: np.ndarray, gamma: float, tau: float, nu: float) -> np.ndarray:
    """α with Ũ(1) = 1 by bisection on the float64 eq. 21 (all β at once); the noiseless limit where the
    whole range is stable. Only a starting point for the high-precision root."""
    lo, hi = np.full_like(betas, 1e-9), 2 * (1 + betas) * (1 - 1e-9)
    stable = u1_eq21(hi, betas, gamma, tau, nu) < 1
    for _ in range(45):
        mid = 0.5 * (lo + hi)
        below = u1_eq21(mid, betas, gamma, tau, nu) < 1
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    return np.where(stable, np.nan, 0.5 * (lo + hi))


def exact_boundary(spec, beta: float, gamma: str, tau: str, start: float):
    """The α with ``Ũ(1) = 1`` at momentum ``β``, Ũ(1) from ``proofs.numerics.powerlaw.U_tilde`` (all k:
    exact head + Euler–Maclaurin tail) at the current precision: secant iteration from ``start``, then the
    sign change across ``α(1 ∓ 10⁻¹⁰)`` is verified (raises ``ArithmeticError`` otherwise)."""
    import mpmath as mp

    from proofs.numerics.powerlaw import Params, U_tilde

    b = mp.mpf(str(beta))

    def h(al):
        return U_tilde(spec, Params.of(al, b, gamma, tau), mp.mpf(0))[0] - 1

    a0 = mp.mpf(start)
    root = mp.findroot(h, (a0 * (1 - mp.mpf("1e-7")), a0 * (1 + mp.mpf("1e-7"))), solver="secant",
                       tol=mp.mpf(10) ** (3 - mp.mp.dps))
    d = mp.mpf("1e-10")
    if not (h(root * (1 - d)) < 0 < h(root * (1 + d))):
        raise ArithmeticError(f"no sign change of U~(1) - 1 across alpha = {mp.nstr(root, 12)}")
    return root


#: momenta at which the exact boundary is computed
STABILITY_BETAS = tuple(np.round(np.concatenate([np.linspace(-0.98, 0.9, 32), [0.93, 0.96, 0.98, 0.99]]), 4))


def stability_region() -> Figure:
    t0 = time.perf_counter()
    import mpmath as mp

    from proofs.numerics import points
    from proofs.numerics.constants import lambda_crit
    from proofs.numerics.powerlaw import Params, PowerLaw, U_tilde

    cfg = points.PROP4
    nu, kappa, gamma, tau = (float(cfg[k]) for k in ("nu", "kappa", "gamma", "tau"))
    spec = PowerLaw.of(cfg["nu"], cfg["kappa"])
    betas = np.array(STABILITY_BETAS)
    start = _float_boundary(betas, gamma, tau, nu)
    notes: list[str] = []
    bnd = np.full_like(betas, np.nan)
    with mp.workdps(15):
        for i, be in enumerate(betas):
            try:
                if np.isnan(start[i]):  # stable up to the noiseless limit: confirm with the real U~(1)
                    top = 2 * (1 + be) * (1 - 1e-9)
                    u = U_tilde(spec, Params.of(top, str(be), cfg["gamma"], cfg["tau"]), mp.mpf(0))[0]
                    if not u < 1:
                        raise ArithmeticError(f"U~(1) = {mp.nstr(u, 8)} >= 1 at the noiseless limit")
                    bnd[i] = 2 * (1 + be)
                else:
                    bnd[i] = float(exact_boundary(spec, be, cfg["gamma"], cfg["tau"], start[i]))
            except Exception as exc:  # drawn without this point, and said so
                notes.append(_failed(f"boundary at beta={be:g}", exc))
        try:
            lc = float(lambda_crit(spec, cfg["tau"])[0])
        except Exception as exc:
            lc = None
            notes.append(_failed("lambda_crit", exc))
    ok = np.isfinite(bnd)
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.6, 4.8))
    bb = np.linspace(-0.999, 0.999, 200)
    ax.fill_betweenx(bb, 0, 2 * (1 + bb), color="#dde8f5", label="noiseless region 0 < αΛ < 2(1+β) (App. H)")
    xcheck = ""
    if ok.any():
        ax.fill_betweenx(betas[ok], 0, bnd[ok], color="#8fb8de", label="SGD converges: Ũ(1) < 1 (Prop. 3)")
        ax.plot(bnd[ok], betas[ok], "-", color="#1f4e79", lw=2, label="exact boundary Ũ(1) = 1")
        u = u1_eq21(bnd[ok], betas[ok], gamma, tau, nu)
        inner = bnd[ok] < 2 * (1 + betas[ok]) * (1 - 1e-9)
        if inner.any():
            xcheck = f"{float(np.max(np.abs(u[inner] - 1))):.1e}"
    if lc is not None:
        ax.plot(2 * (1 - bb) / (gamma * lc), bb, "--", color="#c0392b", lw=1.6,
                label=f"Prop. 4 bound α_eff = 2/(γλ_crit), λ_crit = {lc:.6g}")
    ax.set_xlim(0, 4.2)
    ax.set_ylim(-1, 1)
    ax.set_xlabel("learning rate α")
    ax.set_ylabel("momentum β")
    ax.set_title(f"Stability region: ν = {nu:g}, γ = {gamma:g}, τ = {tau:g}")
    ax.legend(loc="lower right", fontsize=7.5)
    viol = ""
    if lc is not None and ok.any():
        bound = 2 * (1 - betas[ok]) / (gamma * lc)
        if np.any(bnd[ok] > bound * (1 + 1e-12)):
            viol = "Prop. 4 bound VIOLATED at some beta"
    cap = (
        f"Power law {POWER_LAW}, ν = {nu:g}, κ = {kappa:g} (the Prop. 4 certificate's problem), γ = {gamma:g}, "
        f"τ = {tau:g}. Light: the noiseless region (App. H, proved). Dark, solid: Ũ(1) < 1 and its boundary — "
        f"at {int(ok.sum())} momenta the α with Ũ(1) = 1, Ũ(1) = zγα²Σλ²u(αλ, β, γτ, z) at z = 1 from "
        "proofs.numerics.powerlaw.U_tilde (all k: exact head + Euler–Maclaurin tail, 15 digits; secant "
        "iteration, sign change verified), joined by straight lines. Independent check: eq. 21 (identity "
        f"proved by check.eq21) summed in float64 at those points gives |Ũ(1) − 1| ≤ {xcheck or 'n/a'}. "
        "Dashed: Prop. 4's necessary "
        "bound α_eff < 2/(γλ_crit) with λ_crit from proofs.numerics.constants.lambda_crit; it lies right of "
        "the boundary and meets it as β → 1 (eqs. 22–23). " + " ".join(notes) + " Normalisation: "
        + NORMALISATION + "."
    )
    note = "; ".join(x for x in [viol, *notes] if x)
    return Figure("stability", "(α, β) stability region", cap, _png(fig), note, time.perf_counter() - t0)
