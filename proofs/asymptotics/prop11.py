"""Prop. 11 (paper App. E.4, formula 171 — lost in the text copy, **reconstructed** here): ``1 − r`` as ``α → 0``.

Setting. Power law ``λ_k = Λ k^{−ν}`` with ``1/2 < ν < 1`` ("eventual divergence": ``Σλ_k = ∞``, so
``Ũ(1) = ∞``, but ``Σλ_k² < ∞``, so the loss is finite at every step); the convergence radius ``r < 1`` of
``L̃ = Ṽ/(1 − Ũ)`` solves ``Ũ(r) = 1`` (paper eq. 164) and ``L_t ≈ C r^{−t}`` (Prop. 10). The paper assumes
"for simplicity" two parameters away (symbols lost; from the prose and from E.4's later use, β = 0 and
τ = 0); the derivation below (:func:`derive`) holds for every ``−1 < β < 1`` and ``0 ≤ g = γτ ≤ 1``.

Result (reconstructed, this project's normalisation, ``α_eff = α/(1 − β)``, ``p = 1/ν − 1 ∈ (0, 1)``):

    Ũ(1 − ε) = A ε^{−p} + U_reg(α) + O(ε),       A = (γ I/4) (2 α_eff Λ)^{1/ν},
    I = ∫_0^∞ s^{−ν}/(1 + s^ν) ds = π / (ν sin(π(1/ν − 1))),
    U_reg(α) = γ α_eff [ Λ ζ(ν)/2 − Σ_k c α λ_k² / (2 (2 + c α λ_k)) ],   c = ((1+β)(1+g) − 2)/(1 − β²),

(``U_reg`` is the ζ-regularised value of eq. 21's ``Ũ(1)``), hence

    1 − r = ε_0 (1 + c₁ α + O(α²)),   ε_0 = (γ I/4)^{ν/(1−ν)} (2 α_eff Λ)^{1/(1−ν)},
    c₁ = γ Λ ζ(ν) ν / (2 (1 − β)(1 − ν))      (ζ(ν) < 0: the ratio tends to 1 from below),

and, to relative order ``O(α^{1/(1−ν)})``, ``1 − r = ε_0 (1 − U_reg(α))^{−1/p}``. The leading term does not
depend on τ; the first correction is linear in α.

Numerics (:func:`solve`): ``Ũ`` from :mod:`proofs.numerics.powerlaw` (head summed exactly, tail by
Euler–Maclaurin with a stated remainder; ``mpmath.nsum`` is not used), a chord (Newton) iteration from the refined
prediction, the root bracketed by the sign of ``Ũ − 1`` at ``ε(1 ± δ)`` beyond ``Ũ``'s error bound. The
ratios ``(1 − r)/ε_0`` at ``α = 10^{−2} … 10^{−8}`` are extrapolated to ``α = 0`` by polynomial (Richardson)
extrapolation in α, which the derivation justifies: for ν = 3/4 all correction exponents are integers.
"""

from __future__ import annotations

import time
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import mpmath as mp

from proofs import certio
from proofs.numerics.digits import agree_digits
from proofs.numerics.powerlaw import Params, PowerLaw, U_tilde, U_tilde_prime

NAME = "prop11.small_alpha"
KIND = "asymptotics"
DPS = 45
DIGITS = 38  # significant digits recorded (the numerical error is ~1e-40 relative)

#: main table: the paper's simplification (β = 0, τ = 0), ν = 3/4 (integer correction exponents)
MAIN = {"nu": "0.75", "Lambda": "1", "gamma": "1", "beta": "0", "tau": "0"}
MAIN_ALPHAS = ("1e-2", "1e-3", "1e-4", "1e-5", "1e-6", "1e-7", "1e-8")
#: second table: the general case β ≠ 0, τ > 0, γ ≠ 1, Λ ≠ 1, another ν
SECOND = {"nu": "0.6", "Lambda": "2", "gamma": "0.5", "beta": "0.5", "tau": "1"}
SECOND_ALPHAS = ("1e-3", "1e-4", "1e-5", "1e-6", "1e-7")
#: correction exponents of (1 - r)/eps_0 in alpha (derivation step 6: powers of alpha from U_reg, of
#: eps ~ alpha^(1/(1-nu)) and products); nu = 3/4: all integers; nu = 3/5: 1, 2, 5/2, 3, 7/2, ...
MAIN_EXPONENTS = ("1", "2", "3", "4", "5", "6")
SECOND_EXPONENTS = ("1", "2", "5/2", "3")

STATEMENT = (
    "Prop. 11 (App. E.4, formula 171; reconstructed — the formula is lost in the text copy): for "
    "lambda_k = Lambda k^-nu with 1/2 < nu < 1 (eventual divergence: U(1) = inf, sum lambda_k^2 < inf), the "
    "convergence radius r < 1 of the loss generating function, U(r) = 1, satisfies, as alpha -> 0 at fixed "
    "beta, gamma, tau, 1 - r = (gamma I/4)^(nu/(1-nu)) (2 alpha_eff Lambda)^(1/(1-nu)) (1 + c1 alpha + "
    "O(alpha^2)), I = pi/(nu sin(pi(1/nu - 1))), alpha_eff = alpha/(1-beta), c1 = gamma Lambda zeta(nu) nu / "
    "(2 (1-beta)(1-nu)); the paper states it for beta = 0, tau = 0."
)
NORMALISATION = (
    "L_t = 1/2 sum_k lambda_k C_k(t); U(z) = z gamma alpha^2 sum_k lambda_k^2 u(alpha lambda_k, beta, g, z), "
    "u = u_num/S with S, u_num re-derived in symbolic/ (model.md sec. 2), g = gamma tau; SE noise with "
    "tau1 = 1, tau2 = tau; eps = 1 - r; alpha_eff = alpha/(1-beta)."
)
ASSUMPTIONS = [
    "lambda_k = Lambda k^-nu exactly, k = 1, 2, ..., with 1/2 < nu < 1 (model.md eq. 25 with nu < 1)",
    "-1 < beta < 1, 0 <= g = gamma tau <= 1 (Lemma 1), alpha -> 0 at fixed beta, gamma, tau, Lambda, nu",
    "the paper's Prop. 11 assumes two parameters away for simplicity (symbols lost; read as beta = 0, "
    "tau = 0): the main table is that case, the second table is beta = 1/2, tau = 1, gamma = 1/2",
    "r does not depend on C_k(0) (only U enters U(r) = 1)",
]


# --------------------------------------------------------------------------------------------------
# the derivation (sympy, exact where it is an identity; the Mellin integral by quadrature)


def derive() -> list[dict]:
    """Re-derive the asymptotics step by step; every step is checked here and the checks are recorded.

    Raises ``AssertionError`` if a step fails. Returns ``[{"step", "claim", "check"}]`` (deterministic text).
    """
    import sympy as sp

    from symbolic.generating import generating_terms
    from symbolic.update_rule import a, b, g, z

    e, x, lam, ae, gam, Lam, nu, K, s, al = sp.symbols("epsilon x lambda alpha_eff gamma Lambda nu K s alpha",
                                                      positive=True)
    t = generating_terms()
    steps: list[dict] = []

    # 1. exact split of S at z = 1 - eps: no cancellation at z -> 1
    split = (e * (1 - b * z) * (1 - b**2 * z) + 2 * a * z * (1 + b) * (1 - b * z)
             + a**2 * z * (b * g * z + b * z + g - 1))
    assert sp.expand((t.S - split).subs(z, 1 - e)) == 0
    assert sp.expand(t.u_num - (1 + b * z)) == 0
    steps.append({"step": "1", "claim": "S(a,b,g,z) = eps(1-bz)(1-b^2 z) + 2az(1+b)(1-bz) + a^2 z(bgz+bz+g-1), "
                  "z = 1-eps; u_num = 1 + bz",
                  "check": "sympy: expanded difference with the re-derived S (symbolic.generating) is 0"})

    # 2. leading kernel: linear part of S in (a, eps)
    P = sp.Poly(sp.expand(t.S.subs(z, 1 - e)), a, e)
    lin = sum(c * a**i * e**j for (i, j), c in P.terms() if i + j == 1)
    assert P.coeff_monomial(1) == 0
    assert sp.expand(lin - (1 - b**2) * ((1 - b) * e + 2 * a)) == 0
    u0 = (1 + b) / ((1 - b**2) * ((1 - b) * e + 2 * a))
    assert sp.cancel(u0 - 1 / ((1 - b)**2 * (e + 2 * a / (1 - b)))) == 0
    steps.append({"step": "2", "claim": "S = (1-b^2)((1-b) eps + 2a) + O(a^2 + eps^2 + a eps), so "
                  "u = 1/((1-b)^2 (eps + 2 a/(1-b))) (1 + O(a + eps)); g enters only at second order",
                  "check": "sympy: the degree-1 part of S(a, 1-eps) in (a, eps) and the constant term 0"})

    # 3. per-term leading part of U
    term = gam * (ae * (1 - b))**2 * lam**2 * u0.subs(a, ae * (1 - b) * lam)
    assert sp.cancel(term - gam * ae**2 * lam**2 / (e + 2 * ae * lam)) == 0
    steps.append({"step": "3", "claim": "gamma alpha^2 lambda^2 u ~ gamma alpha_eff^2 lambda^2/(eps + 2 alpha_eff "
                  "lambda), alpha = alpha_eff (1-b)",
                  "check": "sympy: cancel(difference) = 0"})

    # 4. scaling k = K s, K^nu = 2 alpha_eff Lambda/eps: lambda = eps x/(2 alpha_eff), x = s^-nu
    lead = gam * ae**2 * lam**2 / (e + 2 * ae * lam)
    h_x = x**2 / (1 + x)  # h(s) = s^-nu/(1 + s^nu) written in x = s^-nu
    assert sp.cancel(lead.subs(lam, e * x / (2 * ae)) - gam * e / 4 * h_x) == 0
    assert sp.simplify(h_x.subs(x, s**-nu) - s**-nu / (1 + s**nu)) == 0
    steps.append({"step": "4", "claim": "with K = (2 alpha_eff Lambda/eps)^(1/nu), the k-th leading term is "
                  "(gamma eps/4) h(k/K), h(s) = s^-nu/(1+s^nu)",
                  "check": "sympy: cancel(difference) = 0 after lambda = eps x/(2 alpha_eff), x = s^-nu"})

    # 5. Mellin asymptotics of sum_k h(k/K): K I + zeta(nu) K^nu - zeta(0) + O(K^-nu)
    small = sp.series(h_x.subs(x, 1 / s), s, 0, 2).removeO()  # h in powers of y = s^nu (s stands for y here)
    assert sp.expand(small - (1 / s - 1 + s)) == 0
    with mp.workdps(30):
        for nv in ("0.55", "0.6", "0.75", "0.9"):
            n = mp.mpf(nv)
            qq = 1 / n - 1  # s = w^(1/nu); [1, inf) folded onto [0, 1] by w -> 1/w, then w = e^-u
            q = mp.quad(lambda u, qq=qq: (mp.exp(-qq * u) + mp.exp((qq - 1) * u)) / (1 + mp.exp(-u)),
                        [0, mp.inf]) / n
            closed = mp.pi / (n * mp.sin(mp.pi * (1 / n - 1)))
            assert abs(q / closed - 1) < mp.mpf("1e-25"), (nv, q, closed)
    steps.append({"step": "5", "claim": "h(s) = s^-nu - 1 + s^nu - ... at s -> 0, so (Mellin / generalised "
                  "Euler-Maclaurin, no log terms as 1/nu is not an integer) sum_k h(k/K) = K I + zeta(nu) K^nu + "
                  "1/2 + O(K^-nu), I = int_0^inf h = (1/nu) B(1/nu - 1, 2 - 1/nu) = pi/(nu sin(pi(1/nu - 1)))",
                  "check": "sympy series of h; I by tanh-sinh quadrature against the closed form at nu = 0.55, "
                  "0.6, 0.75, 0.9 (|rel| < 1e-25)"})

    # 6. U(1-eps) = A eps^-p + U_reg + O(eps); exact z = 1 terms give U_reg beyond first order
    cc = ((1 + b) * (1 + g) - 2) / (1 - b**2)
    at1 = gam * (ae * (1 - b))**2 * lam**2 * t.u_num.subs(z, 1) / t.S.subs(z, 1).subs(a, ae * (1 - b) * lam)
    assert sp.cancel(at1 - gam * ae * lam / (2 + cc * ae * (1 - b) * lam)) == 0
    eq21 = gam * ae * lam / (2 - ae * (1 - b) * lam / (1 + b) + g * ae * lam)
    assert sp.cancel(at1 - eq21) == 0
    steps.append({"step": "6", "claim": "(gamma eps/4) zeta(nu) K^nu = gamma alpha_eff Lambda zeta(nu)/2 is the "
                  "zeta-regularised sum of the z = 1 terms' leading part gamma alpha_eff lambda_k/2; the exact z = 1 "
                  "term is gamma alpha_eff lambda/(2 + c a), c = ((1+b)(1+g)-2)/(1-b^2) (= eq. 21's term), whose "
                  "excess over gamma alpha_eff lambda/2 is O(lambda^2), summable; terms of order eps^m alpha^j "
                  "(m >= 1) and the K-integral of the O(eps) kernel corrections are relatively O(eps). Hence "
                  "U(1-eps) = A eps^-p + U_reg(alpha) + O(eps), A = (gamma I/4)(2 alpha_eff Lambda)^(1/nu), "
                  "p = 1/nu - 1, U_reg = gamma alpha_eff (Lambda zeta(nu)/2 - "
                  "sum_k c alpha lambda_k^2/(2(2 + c alpha lambda_k)))",
                  "check": "sympy: exact z = 1 term equals gamma alpha_eff lambda/(2 + c a) and eq. 21's term; the "
                  "O(eps) remainder is tested numerically (fitted exponent 1/(1-nu) of the refined ratio)"})

    # 7. solve A eps^-p = 1 - U_reg: eps = (A/(1 - U_reg))^(1/p)
    II, B, zt = sp.symbols("I B zeta_nu", positive=True)
    p = 1 / nu - 1
    A = gam * II / 4 * (2 * ae * Lam)**(1 / nu)
    eps0 = (gam * II / 4)**(nu / (1 - nu)) * (2 * ae * Lam)**(1 / (1 - nu))
    for nv in (sp.Rational(3, 4), sp.Rational(3, 5), sp.Rational(5, 8)):
        vals = {nu: nv, gam: sp.Rational(1, 2), II: sp.Rational(7, 3), ae: sp.Rational(1, 1000), Lam: 2}
        lhs = (A**(1 / p)).subs(vals)
        assert abs(sp.N(lhs - eps0.subs(vals), 40)) < sp.Float("1e-35") * abs(sp.N(lhs, 40))
    ser = sp.series((1 - B * al)**(-1 / p), al, 0, 2).removeO()
    c1 = sp.simplify(ser.coeff(al, 1).subs(B, gam * Lam * zt / (2 * (1 - b))))
    assert sp.simplify(c1 - gam * Lam * zt * nu / (2 * (1 - b) * (1 - nu))) == 0
    steps.append({"step": "7", "claim": "U = 1 gives eps = (A/(1 - U_reg))^(1/p); leading eps_0 = A^(1/p) = "
                  "(gamma I/4)^(nu/(1-nu)) (2 alpha_eff Lambda)^(1/(1-nu)); with U_reg = B alpha + O(alpha^2), "
                  "B = gamma Lambda zeta(nu)/(2(1-b)): eps/eps_0 = 1 + c1 alpha + O(alpha^2), c1 = B/p = "
                  f"{sp.sstr(c1)} with zeta_nu = zeta(nu); corrections beyond U_reg are O(alpha^(1/(1-nu)))",
                  "check": "sympy series in alpha; A^(1/p) = eps_0 at three rational nu to 35 digits"})
    return steps


# --------------------------------------------------------------------------------------------------
# closed forms and numerics (mpmath at the current precision)


def _p(d: dict) -> tuple[PowerLaw, Params]:
    return PowerLaw.of(d["nu"], "1", d["Lambda"]), Params.of("0", d["beta"], d["gamma"], d["tau"])


def closed_form(nu, Lam, gam, beta, alpha, I_factor=1, exponent_shift=0):
    """``ε_0 = (γI/4)^{ν/(1−ν)} (2 α_eff Λ)^{1/(1−ν)}``; ``I_factor``/``exponent_shift`` perturb it (tests)."""
    I = mp.pi / (nu * mp.sin(mp.pi * (1 / nu - 1))) * I_factor
    ae = alpha / (1 - beta)
    return (gam * I / 4)**(nu / (1 - nu)) * (2 * ae * Lam)**(1 / (1 - nu) + exponent_shift)


def first_correction(nu, Lam, gam, beta):
    """``c₁ = γ Λ ζ(ν) ν / (2 (1 − β)(1 − ν))``."""
    return gam * Lam * mp.zeta(nu) * nu / (2 * (1 - beta) * (1 - nu))


def U_reg(spec: PowerLaw, par: Params) -> tuple:
    """``γ α_eff [Λ ζ(ν)/2 − Σ_k cαλ_k²/(2(2 + cαλ_k))]`` and its error estimate (Euler–Maclaurin)."""
    b, g = par.beta, par.g
    c = ((1 + b) * (1 + g) - 2) / (1 - b * b)
    s, err = spec.spectral_sum(lambda lam, w: c * par.alpha * lam * lam / (2 * (2 + c * par.alpha * lam)),
                               weighted=False)
    ae = par.alpha_eff
    return par.gamma * ae * (spec.Lambda * mp.zeta(spec.nu) / 2 - s), par.gamma * ae * err


def refined(spec: PowerLaw, par: Params) -> tuple:
    """``ε_0 (1 − U_reg)^{−1/p}`` (relative error ``O(α^{1/(1−ν)})``) and ``U_reg``."""
    nu = spec.nu
    e0 = closed_form(nu, spec.Lambda, par.gamma, par.beta, par.alpha)
    ur, _ = U_reg(spec, par)
    return e0 * (1 - ur)**(-1 / (1 / nu - 1)), ur


def solve(spec: PowerLaw, par: Params, eps_start) -> dict:
    """``ε = 1 − r`` with ``Ũ(1 − ε) = 1``: Newton, then a sign bracket ``[ε(1−δ), ε(1+δ)]``."""
    eps = eps_start
    dU, _ = U_tilde_prime(spec, par, eps)  # chord method: U' once (the start is already close)
    U, eU = U_tilde(spec, par, eps)
    for _ in range(30):
        step = (U - 1) / dU
        eps += step
        U, eU = U_tilde(spec, par, eps)
        if abs(step) < eps * mp.mpf(10)**(-(mp.mp.dps - 6)):
            break
    else:  # pragma: no cover - from the refined prediction the chord iteration converges in a few steps
        raise ArithmeticError("chord iteration did not converge")
    err = (abs(U - 1) + eU) / dU + abs(step)
    delta = max(mp.mpf(10)**(-(mp.mp.dps - 8)), 4 * err / eps)
    U_hi, e_hi = U_tilde(spec, par, eps * (1 + delta))  # larger eps: smaller U
    U_lo, e_lo = U_tilde(spec, par, eps * (1 - delta))
    bracketed = bool(U_hi + e_hi < 1 < U_lo - e_lo)
    assert bracketed, "root not bracketed"
    return {"eps": eps, "err": err, "residual": U - 1, "U_err": eU, "bracket_rel": delta, "bracketed": bracketed}


def dstr(x, n: int = DIGITS) -> str:
    """Deterministic decimal string with ``n`` significant digits."""
    return mp.nstr(mp.mpf(x), n, min_fixed=1, max_fixed=0)


def richardson(alphas: list[str], values: list[str], exps: list[str], prec: int = 90) -> list[Decimal]:
    """Extrapolation to ``α = 0``: for ``m = 1 … len(exps)``, the ``L`` with ``v_i = L + Σ_{j<m} c_j α_i^{e_j}``
    through the last ``m + 1`` rows (Gaussian elimination in ``decimal`` at ``prec`` digits, from the recorded
    strings, so that the checker can redo it with the standard library)."""
    out = []
    with localcontext() as ctx:
        ctx.prec = prec
        E = [Decimal(Fraction(e).numerator) / Decimal(Fraction(e).denominator) for e in exps]
        for m in range(1, len(E) + 1):
            rows = range(len(alphas) - m - 1, len(alphas))
            M = [[Decimal(1)] + [Decimal(alphas[i]) ** E[j] for j in range(m)] + [Decimal(values[i])] for i in rows]
            n = m + 1
            for c in range(n):
                piv = max(range(c, n), key=lambda r: abs(M[r][c]))
                M[c], M[piv] = M[piv], M[c]
                for r in range(n):
                    if r != c:
                        f = M[r][c] / M[c][c]
                        M[r] = [x - f * y for x, y in zip(M[r], M[c], strict=True)]
            out.append(M[0][n] / M[0][0])
    return out


def one_minus(x: str) -> str:
    """``1 − x`` exactly, as a decimal string (so that ``r + (1 − r) = 1`` holds exactly in the record)."""
    with localcontext() as ctx:
        ctx.prec = 400
        return str(Decimal(1) - Decimal(x))


def dec_str(q: Decimal, n: int = DIGITS) -> str:
    with mp.workdps(n + 10):
        return dstr(mp.mpf(str(q)), n)


def exponents(alphas: list, devs: list) -> list[str]:
    """Local exponents ``log(|d_i|/|d_{i+1}|)/log(α_i/α_{i+1})`` of deviations ``d``."""
    out = []
    for i in range(len(alphas) - 1):
        num = mp.log(abs(mp.mpf(devs[i])) / abs(mp.mpf(devs[i + 1])))
        out.append(mp.nstr(num / mp.log(mp.mpf(alphas[i]) / mp.mpf(alphas[i + 1])), 12))
    return out


def table(d: dict, alphas: tuple, exps: tuple) -> dict:
    spec, base = _p(d)
    nu = spec.nu
    c1 = first_correction(nu, spec.Lambda, base.gamma, base.beta)
    rows, ratios, dev1, devr = [], [], [], []
    for al in alphas:
        par = Params.of(al, d["beta"], d["gamma"], d["tau"])
        e0 = closed_form(nu, spec.Lambda, par.gamma, par.beta, par.alpha)
        eref, ur = refined(spec, par)
        sol = solve(spec, par, eref)
        eps = sol["eps"]
        rho = eps / e0
        rows.append({
            "alpha": al,
            "r": one_minus(dstr(eps)),
            "one_minus_r": dstr(eps),
            "one_minus_r_error": mp.nstr(sol["err"], 3),
            "bracket_rel": mp.nstr(sol["bracket_rel"], 3),
            "residual_U_minus_1": mp.nstr(sol["residual"], 3),
            "U_error": mp.nstr(sol["U_err"], 3),
            "closed_form": dstr(e0),
            "ratio": dstr(rho),
            "ratio_minus_1_over_alpha": dstr((rho - 1) / par.alpha, 30),
            "ratio_first_order": dstr(eps / (e0 * (1 + c1 * par.alpha))),
            "U_reg": dstr(ur, 30),
            "refined": dstr(eref),
            "ratio_refined": dstr(eps / eref),
        })
        ratios.append(rho)
        dev1.append(eps / (e0 * (1 + c1 * par.alpha)) - 1)
        devr.append(eps / eref - 1)
    rich = richardson(alphas, [r["ratio"] for r in rows], exps)
    exps_c1 = tuple(str(Fraction(e) - 1) for e in exps[1:])
    rich_c1 = richardson(alphas, [r["ratio_minus_1_over_alpha"] for r in rows], exps_c1)
    limit = dec_str(rich[-1])
    c1_lim = dec_str(rich_c1[-1], 30)
    return {
        "params": dict(d),
        "alpha_eff_over_alpha": dstr(1 / (1 - base.beta), 20),
        "p": dstr(1 / nu - 1, 30),
        "I": dstr(mp.pi / (nu * mp.sin(mp.pi * (1 / nu - 1)))),
        "zeta_nu": dstr(mp.zeta(nu)),
        "c1": dstr(c1, 30),
        "rows": rows,
        "exponent_ratio": {"predicted": "1", "local": exponents(alphas, [r - 1 for r in ratios])},
        "exponent_first_order": {"predicted": "2", "local": exponents(alphas, dev1)},
        "exponent_refined": {"predicted": dstr(1 / (1 - nu), 12), "local": exponents(alphas, devr)},
        "richardson_ratio": {"method": "extrapolation to alpha = 0: ratio = L + sum_j c_j alpha^e_j through the "
                             "last m+1 rows, m = 1..len(exponents), decimal at 90 digits from the recorded strings",
                             "exponents": list(exps),
                             "by_m": [dec_str(q, 30) for q in rich], "limit": limit,
                             "error_estimate": dec_str(abs(rich[-1] - rich[-2]), 3),
                             "agree_digits_with_1": agree_digits("1", limit, 40)},
        "richardson_c1": {"exponents": list(exps_c1), "by_m": [dec_str(q, 25) for q in rich_c1], "limit": c1_lim,
                          "agree_digits_with_c1": agree_digits(dstr(c1, 30), c1_lim, 30)},
    }


def tail_check(d: dict, alpha: str) -> dict:
    """``Ũ`` at the root recomputed with a 3× longer exact head and more Euler–Maclaurin terms."""
    spec, _ = _p(d)
    par = Params.of(alpha, d["beta"], d["gamma"], d["tau"])
    eref, _ = refined(spec, par)
    U1, e1 = U_tilde(spec, par, eref)
    from proofs.numerics.powerlaw import Kernel, em_parameters
    N, p = em_parameters()
    K = Kernel(par.beta, par.g, eref)
    c = (1 - eref) * par.gamma * par.alpha**2
    kstar = mp.power(eref / (2 * par.alpha_eff) / spec.Lambda, -1 / spec.nu)
    from proofs.numerics.powerlaw import euler_maclaurin
    s2, e2 = euler_maclaurin(lambda k: spec.lam(k)**2 * K.u(par.alpha * spec.lam(k)), 3 * N, p + 4, kstar)
    U2 = c * s2
    diff = abs(U1 - U2)
    assert diff <= 10 * (e1 + c * e2) + mp.mpf(10)**(-(mp.mp.dps - 3)), (U1, U2, e1, e2)
    return {"alpha": alpha, "params": dict(d), "eps": dstr(eref, 20), "head_terms": [N, 3 * N], "em_terms": [p, p + 4],
            "U_default": dstr(U1), "U_longer_head": dstr(U2), "difference": mp.nstr(diff, 3),
            "stated_error": mp.nstr(e1, 3),
            "method": "head summed exactly, tail by Euler-Maclaurin (tanh-sinh integral in log k, finite-difference "
                      "derivatives), remainder bounded by the last term; mpmath.nsum not used"}


def content() -> dict:
    with mp.workdps(DPS):
        steps = derive()
        main = table(MAIN, MAIN_ALPHAS, MAIN_EXPONENTS)
        second = table(SECOND, SECOND_ALPHAS, SECOND_EXPONENTS)
        tails = tail_check(MAIN, "1e-4")
    holds = (main["richardson_ratio"]["agree_digits_with_1"] >= 20
             and main["richardson_c1"]["agree_digits_with_c1"] >= 10
             and second["richardson_ratio"]["agree_digits_with_1"] >= 8)
    return {
        "claim": "Prop. 11",
        "name": NAME,
        "reconstructed": True,
        "source": "App. E.4, 'Eventual divergence phase with small alpha', Prop. 11, eq. 171 (formula lost in the "
                  "text copy); definition of r: eq. 164 / Prop. 10",
        "statement": STATEMENT,
        "normalisation": NORMALISATION,
        "assumptions": ASSUMPTIONS,
        "formula": {
            "leading": "1 - r ~ eps_0 = (gamma I/4)^(nu/(1-nu)) * (2 alpha_eff Lambda)^(1/(1-nu)), "
                       "I = pi/(nu sin(pi (1/nu - 1))), alpha_eff = alpha/(1-beta)",
            "first_correction": "(1 - r)/eps_0 = 1 + c1 alpha + O(alpha^2), "
                                "c1 = gamma Lambda zeta(nu) nu/(2 (1-beta)(1-nu))",
            "refined": "1 - r = eps_0 (1 - U_reg)^(-1/p) (1 + O(alpha^(1/(1-nu)))), p = 1/nu - 1, "
                       "U_reg = gamma alpha_eff (Lambda zeta(nu)/2 - sum_k c alpha lambda_k^2/(2 (2 + c alpha "
                       "lambda_k))), "
                       "c = ((1+beta)(1+g) - 2)/(1-beta^2)",
            "beta0_tau0": "1 - r ~ (gamma I/4)^(nu/(1-nu)) (2 alpha Lambda)^(1/(1-nu))",
        },
        "derivation": steps,
        "precision_dps": DPS,
        "digits_recorded": DIGITS,
        "tables": {"main": main, "second": second},
        "tail_check": tails,
        "method": "r: chord (Newton, U' at the start) iteration on U(1-eps) = 1 from the refined prediction, U by "
                  "proofs.numerics.powerlaw.U_tilde "
                  "(exact head + Euler-Maclaurin tail with remainder estimate), root bracketed by the sign of U - 1 "
                  "at eps(1 -+ bracket_rel) beyond U's error; one_minus_r_error = (|U-1| + U_error)/U' + last step",
        "holds": holds,
        "status": "confirmed" if holds else "disagreement",
    }


def produce(outdir: Path, recorded: tuple = ()) -> list[dict]:  # recorded: unused (no optional backend)
    """Write ``prop11.small_alpha.json`` into ``outdir``; one row per certificate."""
    t0 = time.perf_counter()
    c = content()
    path = certio.write(outdir, KIND, NAME, c)
    m = c["tables"]["main"]
    return [{
        "claim": NAME,
        "status": c["status"],
        "file": path.name,
        "seconds": round(time.perf_counter() - t0, 3),
        "detail": (f"(1-r)/closed form -> {m['richardson_ratio']['limit'][:22]} "
                   f"({m['richardson_ratio']['agree_digits_with_1']} digits), alpha = 1e-2..1e-8"),
    }]
