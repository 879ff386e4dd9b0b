"""Exact derivation of the momentum effect at the optimal learning rate (Prop. 12, eq. 30; reconstructed).

Setting (this project's normalisation, model.md; Theorem 2's constants as derived in
:mod:`proofs.numerics.constants`):

    C_signal(α, β) = c_V(α_eff) / (1 − Ũ(1)),          c_V = Q Γ(ζ+1) / (2 (2 α_eff Λ)^ζ),
    C_noise(α, β)  = Ṽ(1) c_U(α_eff) / (1 − Ũ(1))²,    c_U = (γ/ν) α_eff² Γ(2−1/ν) Λ^{1/ν} (2α_eff)^{1/ν−2},
    Ũ(1) = γ Σ_k T_U(α λ_k, β, g),   T_U = a² u(a, b, g, 1),
    Ṽ(1) = ½ Σ_k w_k T_V(α λ_k, β, g),  T_V = v(a, b, g, 1),   w_k = λ_k C_k(0).

Prop. 12 fixes ``α`` at its optimum ``α*`` for ``β = 0`` and asks for the sign of ``∂C/∂β`` there. At
``α*`` the ``α``-derivative vanishes, so the ``β``-derivative may be taken at fixed ``α_eff = α/(1−β)``
instead of fixed ``α`` (chain rule: the two differ by ``∂_α C · ∂α/∂β``). At fixed ``α_eff`` the
prefactors ``c_V, c_U`` do not move (checked below from the derived scaling rates), so only the
per-direction terms at ``z = 1`` with ``a = x(1 − b)``, ``x = α_eff λ``, are differentiated in ``b``.

Every formula below is computed from ``symbolic.generating.generating_terms()`` (the update rule) and
compared with its closed form by cross-multiplying and expanding — never by ``simplify``.

Results (all *reconstructed*; the paper's eqs. 30, 202, 205-237 were lost):

* per direction, any ``g``:  ``T_U = x/(2 − (1−g)x)``, ``∂_b T_U = −2x²/(2 − (1−g)x)²`` (< 0),
  ``T_V = 1/(x(2 − (1−g)x))``, ``∂_b T_V = 2(1 − (1−g)x)/(2 − (1−g)x)²``;
* signal phase (``ζ < 2 − 1/ν``, any ``0 ≤ g ≤ 1``): ``∂_β log C_signal = γ Σ ∂_b T_U / (1 − Ũ(1)) < 0``:
  positive momentum always helps (Prop. 12 I.2); ``α ∂_α log C_signal = −ζ + γ Σ x T_U′(x) / (1 − Ũ)``
  is increasing in ``α`` (``T_U′ = 2/(2−(1−g)x)² > 0``, ``(x T_U′)′ = 2(2 + (1−g)x)/(2 − (1−g)x)³ > 0``),
  so ``α*`` is unique (I.1); at ``g = 1``: ``α* = 2ζ / ((1+ζ) γ s₁)`` (remark 3), ``α_crit = 2/(γ s₁)``;
* noise phase (``ζ > 2 − 1/ν``), ``g = γτ = 1`` (batch 1 with τ = 1; the paper's restriction):
  ``α* = 2(ν−1) / ((3ν−1) γ s₁)`` and

      ∂_β log C_noise |_(α*, β=0) = α* · X / (s₁ M₀),
      X = s₁ W − ((ν−1)/ν) s₂ M₀      (the characteristic, eq. 30 reconstructed),

  with ``s₁ = Σ λ_k``, ``s₂ = Σ λ_k²``, ``W = Σ λ_k C_k(0)`` (= 2 L_0), ``M₀ = Σ C_k(0)`` (= ‖Δw_0‖²).
  So negative momentum lowers the loss constant iff ``X > 0``. The first term comes from the signal
  generating function ``Ṽ``, the second from the noise generating function ``Ũ``. The authors' notebook
  condition ``Σλ_k · Σ C_k > ((ν−1)/ν) Σλ_k² · Σ C_k/λ_k`` is ``X > 0`` with its ``C_k`` read as the
  initial loss weights ``λ_k C_k(0)``.
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from symbolic.closed_forms import A_, E_, scaling_expansion
from symbolic.generating import generating_terms
from symbolic.update_rule import a, b, g, z

x = sp.Symbol("x", positive=True)  # α_eff λ
alpha, gam, nu = sp.symbols("alpha gamma nu", positive=True)
s1, s2, W, M0, zeta = sp.symbols("s1 s2 W M0 zeta", positive=True)

#: spectral moments: (weight, power of λ) -> symbol. Σ_k λ_k^p (unweighted) or Σ_k w_k λ_k^p.
MOMENTS = {(False, 1): s1, (False, 2): s2, (True, 0): W, (True, -1): M0}


def identical(p: sp.Expr, q: sp.Expr) -> bool:
    """Exact equality of two rational functions: cross-multiply numerators and denominators, expand."""
    np_, dp = sp.fraction(sp.together(p))
    nq, dq = sp.fraction(sp.together(q))
    return sp.expand(np_ * dq - nq * dp) == 0


@lru_cache(maxsize=1)
def per_term() -> dict[str, sp.Expr]:
    """Per-direction terms at ``z = 1`` with ``a = x(1 − b)``, and their ``b``-derivatives at ``b = 0``."""
    t = generating_terms()
    S1 = t.S.subs(z, 1)
    TU = (a**2 * t.u_num.subs(z, 1) / S1).subs(a, x * (1 - b))
    TV = (t.v_num.subs(z, 1) / S1).subs(a, x * (1 - b))
    return {
        "T_U": sp.cancel(TU.subs(b, 0)),
        "dT_U": sp.cancel(sp.diff(TU, b).subs(b, 0)),
        "T_V": sp.cancel(TV.subs(b, 0)),
        "dT_V": sp.cancel(sp.diff(TV, b).subs(b, 0)),
    }


def closed_forms() -> dict[str, sp.Expr]:
    """The closed forms the derivation is compared with (module docstring)."""
    d = 2 - (1 - g) * x
    return {
        "T_U": x / d,
        "dT_U": -2 * x**2 / d**2,
        "T_V": 1 / (x * d),
        "dT_V": 2 * (1 - (1 - g) * x) / d**2,
        "dx_T_U": 2 / d**2,
        "dx_xdT_U": 2 * (2 + (1 - g) * x) / d**3,
    }


def prefactors_depend_on_alpha_eff_only() -> dict[str, bool]:
    """``c_V`` and ``c_U`` of Theorem 2 depend on ``(α, β)`` only through ``α_eff`` — from the derived
    scaling rates ``(P_f, ρ_f)`` (``symbolic.closed_forms.scaling_expansion``): at ``α = α_eff (1 − b)``
    the ``b``-derivative of ``log(α^{2−η} P_u ρ_u^{−η})`` and of ``log(P_v (ρ_v α)^{−ζ})`` vanish for all ``b``."""
    aeff, eta = sp.symbols("alpha_eff eta", positive=True)
    out = {}
    for f in ("u", "v"):
        inv = sp.cancel(1 / scaling_expansion(f)[0])
        P, rho = sp.cancel(1 / sp.diff(inv, E_)), sp.cancel(sp.diff(inv, A_) / sp.diff(inv, E_))
        al = aeff * (1 - b)
        if f == "u":
            logc = (2 - eta) * sp.log(al) + sp.log(P) - eta * sp.log(rho)
        else:
            logc = sp.log(P) - zeta * sp.log(rho * al)
        out[f"c_{f.upper()}"] = identical(sp.diff(logc, b), sp.Integer(0))
    return out


def _sum(expr: sp.Expr, weighted: bool) -> sp.Expr:
    """``Σ_k expr(x = α λ_k)`` (times ``w_k`` if weighted) for ``expr = c x^p``: ``c α^p`` times a moment."""
    terms = sp.Poly(sp.together(expr * x**2), x).terms()
    if len(terms) != 1:
        raise AssertionError(f"{expr} is not a monomial in x: the spectral sum is not a moment")
    (deg,), c = terms[0]
    p = deg - 2
    key = (weighted, p)
    if key not in MOMENTS:
        raise AssertionError(f"moment {key} not named")
    return c * alpha**p * MOMENTS[key]


@lru_cache(maxsize=1)
def noise_phase() -> dict[str, sp.Expr]:
    """``g = 1``: Ũ(1), ∂_βŨ, Ṽ(1), ∂_βṼ as moments; ``α*``; ``∂_β log C_noise`` at ``α*``; ``X``."""
    t = {k: sp.cancel(v.subs(g, 1)) for k, v in per_term().items()}
    U0, dU = gam * _sum(t["T_U"], False), gam * _sum(t["dT_U"], False)
    V0, dV = _sum(t["T_V"], True) / 2, _sum(t["dT_V"], True) / 2
    # log C_noise(α, 0) = log Ṽ(1) + (1/ν) log α − 2 log(1 − Ũ(1)) + const  (c_U ∝ α_eff^{1/ν})
    dlog_alpha = sp.diff(V0, alpha) / V0 + 1 / (nu * alpha) + 2 * sp.diff(U0, alpha) / (1 - U0)
    roots = sp.solve(sp.together(dlog_alpha).as_numer_denom()[0], alpha)
    if len(roots) != 1:
        raise AssertionError(f"alpha*: expected one stationary point, got {roots}")
    a_star = sp.factor(roots[0])
    dlog_beta = sp.together(dV / V0 + 2 * dU / (1 - U0))
    X = s1 * W - (nu - 1) / nu * s2 * M0
    at_star = dlog_beta.subs(alpha, a_star)
    return {
        "U1": U0, "dU1": dU, "V1": V0, "dV1": dV, "dlog_alpha": sp.together(dlog_alpha),
        "alpha_star": a_star, "dlog_beta": dlog_beta, "dlog_beta_at_star": at_star, "X": X,
        "identity": identical(at_star, a_star * X / (s1 * M0)),
        "one_minus_U_at_star": sp.factor(1 - U0.subs(alpha, a_star)),
    }


@lru_cache(maxsize=1)
def signal_phase_g1() -> dict[str, sp.Expr]:
    """``g = 1``: ``α*`` of ``C_signal = c_V/(1 − Ũ(1))`` at ``β = 0`` (remark 3) and ``α_crit`` (remark 4)."""
    U0 = gam * _sum(sp.cancel(per_term()["T_U"].subs(g, 1)), False)
    dlog_alpha = -zeta / alpha + sp.diff(U0, alpha) / (1 - U0)
    roots = sp.solve(sp.together(dlog_alpha).as_numer_denom()[0], alpha)
    crit = sp.solve(U0 - 1, alpha)
    if len(roots) != 1 or len(crit) != 1:
        raise AssertionError(f"signal phase g=1: roots {roots}, critical {crit}")
    return {"alpha_star": sp.factor(roots[0]), "alpha_crit": sp.factor(crit[0]), "U1": U0}


def report() -> dict:
    """Every derived fact with its comparison verdict (strings for the certificate)."""
    pt, cf = per_term(), closed_forms()
    checks = {k: identical(pt[k], cf[k]) for k in pt}
    checks["dx_T_U"] = identical(sp.diff(pt["T_U"], x), cf["dx_T_U"])
    checks["dx_xdT_U"] = identical(sp.diff(x * sp.diff(pt["T_U"], x), x), cf["dx_xdT_U"])
    checks.update(prefactors_depend_on_alpha_eff_only())
    n, s = noise_phase(), signal_phase_g1()
    checks["noise_identity"] = bool(n["identity"])
    checks["noise_alpha_star_stationary"] = identical(n["dlog_alpha"].subs(alpha, n["alpha_star"]), 0)
    checks["signal_alpha_star_g1"] = identical(s["alpha_star"], 2 * zeta / ((1 + zeta) * gam * s1))
    checks["alpha_crit_g1"] = identical(s["alpha_crit"], 2 / (gam * s1))
    return {
        "per_term_derived": {k: str(v) for k, v in pt.items()},
        "per_term_closed_form": {k: str(v) for k, v in cf.items()},
        "noise_phase_g1": {k: str(v) for k, v in n.items() if k != "identity"},
        "signal_phase_g1": {k: str(v) for k, v in s.items()},
        "checks": checks,
    }
