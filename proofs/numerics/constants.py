"""Closed forms for the power-law problem: Ũ(1), Ṽ(1), Theorem 2's constants, t*, λ_crit, r, C_div.

Derivation of Theorem 2's constants (this project's normalisation, ``L_t = ½ Σ λ_k C_k(t)``).
``symbolic.closed_forms.scaling_expansion`` gives the leading term of ``s·f(sA, b, g, 1 − sE)``;
its reciprocal is linear, ``1/c₀ = (E + ρ A)/P``, so near ``z = 1`` and for small ``a = αλ``

    f(a, z) ≈ P_f / ((1 − z) + ρ_f a),   i.e. the time-domain kernel  P_f e^{−ρ_f a t},

with ``(P_v, ρ_v) = (1, 2/(1−β))`` and ``(P_u, ρ_u) = (1/(1−β)², 2/(1−β))`` (checked at run time).
With the counting measures ``Σ_{λ_k ≤ λ} λ_k C_k(0) = Q (λ/Λ)^ζ`` and ``#{k: λ_k ≥ λ} = (Λ/λ)^{1/ν}`` and
``∫_0^∞ λ^{s−1} e^{−cλt} dλ = Γ(s)(ct)^{−s}``:

    V_t ≈ ½ P_v Q ζ Λ^{−ζ} Γ(ζ) (ρ_v α t)^{−ζ}            = c_V t^{−ζ},   c_V = Q Γ(ζ+1) / (2 (2α_eff Λ)^ζ)
    U_t ≈ γα² P_u (1/ν) Λ^{1/ν} Γ(η) (ρ_u α t)^{−η}        = c_U t^{−η},   η = 2 − 1/ν,
          c_U = (γ/ν) α_eff² Γ(2 − 1/ν) Λ^{1/ν} (2α_eff)^{1/ν − 2}.

The renewal equation ``L = V + U * L`` (``L̃ = Ṽ/(1 − Ũ)``) with sub-exponential ``U, V`` gives
``L_t ≈ V_t/(1 − Ũ(1)) + U_t Ṽ(1)/(1 − Ũ(1))²``: the signal phase ``ζ < η`` has
``C_signal = c_V/(1 − Ũ(1))``, the noise phase ``ζ > η`` has ``C_noise = Ṽ(1) c_U/(1 − Ũ(1))²``
(``Ṽ(1)`` with the factor ½ of this normalisation; it is finite iff ``κ > ν``, which holds in the
noise phase). ``t*`` (eq. 29) equates the two terms: ``t* = (C_signal/C_noise)^{1/(ζ − η)}``.
Full batch, ``γ = 0``: ``Ũ ≡ 0``, ``c_U = 0``, ``L_t = V_t`` — the signal term for every ``ζ`` (also
``ζ ≥ η``), ``C = C_signal = c_V``, ``C_noise = 0``, ``t*`` undefined.

Prop. 4: ``λ_crit`` solves ``Σ λ_k/(λ_crit + τλ_k) = 1``; bound ``α_eff < 2/(γ λ_crit)``.
Eq. 24 / Prop. 10: for ``Ũ(1) > 1``, ``r ∈ (0,1)`` solves ``Ũ(r) = 1`` (Ũ increases: ``R1 ≥ 0``, Lemma 1.3)
and ``L̃ ≈ Ṽ(r)/(Ũ′(r)(r − z))``, so ``L_t ≈ C_div r^{−t}``, ``C_div = Ṽ(r)/(r Ũ′(r))``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import mpmath as mp

from . import params
from .powerlaw import AssumptionError, Params, PowerLaw, U_tilde, U_tilde_prime, V_tilde


@lru_cache(maxsize=1)
def scaling_rates() -> dict[str, tuple]:
    """``{f: (P_f, ρ_f)}`` as mpmath callables of ``b``, from ``symbolic.closed_forms.scaling_expansion``.

    Raises ``AssertionError`` if ``1/c₀`` is not of the form ``(E + ρA)/P`` (then the formulas above
    would not apply)."""
    import sympy as sp

    from symbolic.closed_forms import A_, E_, scaling_expansion
    from symbolic.update_rule import b

    out = {}
    for f in ("u", "v"):
        c0 = scaling_expansion(f)[0]
        inv = sp.cancel(1 / c0)
        dE, dA = sp.diff(inv, E_), sp.diff(inv, A_)
        if sp.cancel(inv - dE * E_ - dA * A_) != 0 or dE.free_symbols - {b} or dA.free_symbols - {b}:
            raise AssertionError(f"scaling limit of {f} is not P/(E + rho A): {c0}")
        P, rho = sp.cancel(1 / dE), sp.cancel(dA / dE)
        out[f] = (sp.lambdify(b, P, "mpmath"), sp.lambdify(b, rho, "mpmath"), str(P), str(rho))
    return out


@dataclass
class Theorem2:
    """All Theorem 2 quantities (mpf; ``None`` where undefined) with error estimates."""

    phase: str
    exponent: mp.mpf
    zeta: mp.mpf
    eta: mp.mpf
    U1: mp.mpf
    U1_err: mp.mpf
    V1: mp.mpf | None
    V1_err: mp.mpf | None
    c_V: mp.mpf
    c_U: mp.mpf
    C_signal: mp.mpf
    C_noise: mp.mpf | None
    C: mp.mpf
    C_err: mp.mpf
    t_star: mp.mpf | None
    rates: dict


def validate(spec: PowerLaw, par: Params, need: str = "convergent") -> None:
    """Raise ``AssumptionError`` naming the first violated assumption (``proofs.numerics.params``).

    ``need``: "convergent" (Theorem 2: ν > 1, Ũ(1) < 1 checked by the caller), "divergent" (eq. 24: ν > 1/2,
    Ũ(1) > 1 checked by the caller)."""
    check = params.theorem2 if need == "convergent" else params.divergence
    try:
        check(spec.nu, spec.kappa, spec.Lambda, spec.Q, par.alpha, par.beta, par.gamma, par.tau)
    except params.ParameterError as exc:
        raise AssumptionError(str(exc)) from None


def theorem2(spec: PowerLaw, par: Params) -> Theorem2:
    """Closed-form Theorem 2 constants (module docstring); raises ``AssumptionError`` if not applicable."""
    validate(spec, par, "convergent")
    zeta, eta = spec.zeta, 2 - 1 / spec.nu
    noiseless = par.gamma == 0  # full batch: U = 0, c_U = 0, the loss is the signal term alone
    if zeta == eta and not noiseless:
        raise AssumptionError("zeta = 2 - 1/nu exactly: the phase boundary (logarithmic corrections) is not "
                              "covered by Theorem 2's constants")
    U1, eU = U_tilde(spec, par, mp.mpf(0))
    if not U1 < 1:
        raise AssumptionError(f"U(1) = {mp.nstr(U1, 15)} >= 1: Theorem 2 needs U(1) < 1 (Prop. 3); "
                              "use `sgd-proofs divergence`")
    rates = scaling_rates()
    Pv, rv = rates["v"][0](par.beta), rates["v"][1](par.beta)
    Pu, ru = rates["u"][0](par.beta), rates["u"][1](par.beta)
    al, Lam, Q = par.alpha, spec.Lambda, spec.Q
    c_V = Pv * Q * zeta * mp.gamma(zeta) * (rv * al * Lam) ** (-zeta) / 2
    c_U = par.gamma * al**2 * Pu * mp.power(Lam, 1 / spec.nu) * mp.gamma(eta) * (ru * al) ** (-eta) / spec.nu
    C_signal = c_V / (1 - U1)
    V1 = eV = C_noise = t_star = None
    if spec.kappa > spec.nu:
        V1, eV = V_tilde(spec, par, mp.mpf(0))
    if noiseless:
        C_noise = mp.mpf(0)  # no noise term (whatever V(1)); t* undefined: the noise term never takes over
    elif V1 is not None:
        C_noise = V1 * c_U / (1 - U1) ** 2
        t_star = (C_signal / C_noise) ** (1 / (zeta - eta))
    if zeta < eta or noiseless:
        phase, expo, C = "signal-dominated", zeta, C_signal
        C_err = C * eU / (1 - U1)
    else:
        phase, expo, C = "noise-dominated", eta, C_noise
        C_err = C * (eV / V1 + 2 * eU / (1 - U1))
    return Theorem2(phase, expo, zeta, eta, U1, eU, V1, eV, c_V, c_U, C_signal, C_noise, C, C_err, t_star,
                    {f: rates[f][2:] for f in rates})


# --------------------------------------------------------------------------------------------------
# root finding: bisection at low precision, then Newton at full precision


def _bisect(h, lo, hi, rel=None):
    """Root of a sign-changing ``h`` on ``[lo, hi]`` (``h(lo) > 0 > h(hi)`` or reverse), at 20 digits."""
    rel = mp.mpf("1e-8") if rel is None else rel
    with mp.workdps(20):
        hlo = h(lo)
        while abs(hi - lo) > rel * abs(hi):
            mid = (lo + hi) / 2
            hm = h(mid)
            if (hm > 0) == (hlo > 0):
                lo, hlo = mid, hm
            else:
                hi = mid
    return (lo + hi) / 2


def _newton(h, dh, x, tol_digits: int):
    """Newton iteration until the step is below ``10^-tol_digits`` relative; returns ``(x, |last step|)``."""
    step = mp.mpf(1)
    for _ in range(40):
        step = h(x) / dh(x)
        x -= step
        if abs(step) <= abs(x) * mp.mpf(10) ** (-tol_digits):
            break
    return x, abs(step)


def lambda_crit(spec: PowerLaw, tau) -> tuple:
    """``λ_crit``: root of ``Σ_k λ_k/(λ_crit + τλ_k) = 1`` (Prop. 4); returns ``(value, error estimate)``."""
    tau = mp.mpf(tau)

    def h(x):
        return spec.spectral_sum(lambda lam, w: lam / (x + tau * lam), weighted=False)[0] - 1

    def dh(x):
        return -spec.spectral_sum(lambda lam, w: lam / (x + tau * lam) ** 2, weighted=False)[0]

    hi = spec.spectral_sum(lambda lam, w: lam, weighted=False)[0]  # h(Σλ) ≤ 0
    if tau == 0:
        return hi, mp.eps * hi
    lo = hi / 2
    while h(lo) <= 0:
        lo /= 2
    x0 = _bisect(h, lo, hi)
    x, step = _newton(h, dh, x0, mp.mp.dps - 2)
    return x, step + mp.eps * x


def prop4_bound(spec: PowerLaw, gamma, tau):
    """Eq. 22: ``Ũ(1) < 1 ⇒ α_eff < 2/(γ λ_crit)``; returns the bound."""
    lc, _ = lambda_crit(spec, tau)
    return 2 / (mp.mpf(gamma) * lc)


def U1_of(spec: PowerLaw, alpha_eff, beta, gamma, tau):
    """``Ũ(1)`` at ``α = α_eff (1 − β)``."""
    beta = mp.mpf(beta)
    return U_tilde(spec, Params.of(mp.mpf(alpha_eff) * (1 - beta), beta, gamma, tau), mp.mpf(0))[0]


def critical_alpha_eff(spec: PowerLaw, beta, gamma, tau):
    """The ``α_eff`` with ``Ũ(1) = 1`` at fixed ``β`` (Ũ(1) increases with α_eff); ``None`` if Ũ(1) < 1 up to
    the noiseless limit ``α Λ = 2(1+β)``."""
    beta = mp.mpf(beta)
    top = 2 * (1 + beta) / ((1 - beta) * spec.Lambda) * (1 - mp.mpf("1e-12"))

    def h(x):
        return U1_of(spec, x, beta, gamma, tau) - 1

    if h(top) <= 0:
        return None
    x0 = _bisect(h, top * mp.mpf("1e-6"), top, rel=mp.mpf("1e-9"))

    def dh(x):
        d = mp.mpf("1e-12")
        return (h(x * (1 + d)) - h(x * (1 - d))) / (2 * d * x)

    x, _ = _newton(h, dh, x0, mp.mp.dps // 2)
    return x


@dataclass
class Divergence:
    U1: mp.mpf
    r: mp.mpf
    r_err: mp.mpf
    Vr: mp.mpf
    dUr: mp.mpf
    C_div: mp.mpf
    C_err: mp.mpf


def divergence(spec: PowerLaw, par: Params) -> Divergence:
    """Eq. 24 / Prop. 10: ``r`` with ``Ũ(r) = 1`` and ``C_div = Ṽ(r)/(r Ũ′(r))``."""
    validate(spec, par, "divergent")
    if spec.nu > 1:
        U1, _ = U_tilde(spec, par, mp.mpf(0))
    else:
        U1 = mp.inf
    if not U1 > 1:
        raise AssumptionError(f"U(1) = {mp.nstr(U1, 15)} <= 1: no exponential divergence (eq. 24 needs U(1) > 1)")

    def h(z):
        return U_tilde(spec, par, 1 - z)[0] - 1

    def dh(z):
        return U_tilde_prime(spec, par, 1 - z)[0]

    z0 = _bisect(lambda z: -h(z), mp.mpf(0), mp.mpf(1) if spec.nu > 1 else 1 - mp.mpf("1e-12"))
    r, step = _newton(h, dh, z0, mp.mp.dps - 2)
    Vr, eV = V_tilde(spec, par, 1 - r)
    dU, eD = U_tilde_prime(spec, par, 1 - r)
    C = Vr / (r * dU)
    return Divergence(U1, r, step, Vr, dU, C, abs(C) * (eV / abs(Vr) + eD / abs(dU) + step / r))
