"""Outer ring for ``asymptotics`` certificates: Prop. 11 (App. E.4, formula 171, reconstructed), ``1 − r`` as α → 0.

Standard library only. **What is checked is fixed here, not by the certificate**: the name
``prop11.small_alpha``, the two parameter sets and their α grids, the correction exponents, the formula

    1 − r ≈ ε_0 = (γ I/4)^{ν/(1−ν)} (2 α_eff Λ)^{1/(1−ν)},   I = π/(ν sin(π(1/ν − 1))),  α_eff = α/(1 − β),
    (1 − r)/ε_0 = 1 + c₁ α + O(α²),   c₁ = γ Λ ζ(ν) ν / (2 (1 − β)(1 − ν)),

and the thresholds. What is recomputed:

* ``ε_0`` and ``c₁`` with :mod:`decimal` at 50 digits (π and sin by series, ζ(ν) by Euler–Maclaurin with
  exact Bernoulli numbers), compared with the record to 30 (``ε_0``) and 25 (``c₁``) digits;
* every ratio ``(1 − r)/ε_0`` from the recorded ``1 − r`` and the checker's ``ε_0``; ``r + (1 − r) = 1`` exactly;
* ``Ũ(1 − ε) = 1`` at **every** recorded ``ε = 1 − r``, re-solved independently in double precision: the
  checker's own kernel ``u = (1 + βz)/S`` with ``S`` split as ``ε(1−βz)(1−β²z) + 2az(1+β)(1−βz) +
  a²z(βgz + βz + g − 1)`` (no cancellation at z → 1; the split is verified here exactly against the paper's
  printed ``S`` on a grid of rational points), head summed, tail by Euler–Maclaurin with a Gauss–Legendre
  integral in ``log k``; ``|Ũ − 1| ≤ 1e-10`` pins ``1 − r`` to about ``3·10^{-10}`` relative. The
  remaining recorded digits are checked for consistency only (ratios, extrapolation), not re-solved;
* the extrapolation of the ratios to α = 0 (own Gaussian elimination in :mod:`decimal`) and its digits of
  agreement with 1, the extrapolated ``c₁``, and the local exponents of ``ratio − 1`` (→ 1) and of the
  first-order residual (→ 2).

Verdict word: ``recomputed`` (double-precision re-solve plus decimal recomputation; not a proof of the
asymptotic statement, which rests on the derivation recorded in the certificate).
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from fractions import Fraction
from itertools import product

from .errors import CertificateError

NAME = "prop11.small_alpha"
CLAIM = "Prop. 11"
TABLES = {
    "main": ({"nu": "0.75", "Lambda": "1", "gamma": "1", "beta": "0", "tau": "0"},
             ("1e-2", "1e-3", "1e-4", "1e-5", "1e-6", "1e-7", "1e-8"), ("1", "2", "3", "4", "5", "6")),
    "second": ({"nu": "0.6", "Lambda": "2", "gamma": "0.5", "beta": "0.5", "tau": "1"},
               ("1e-3", "1e-4", "1e-5", "1e-6", "1e-7"), ("1", "2", "5/2", "3")),
}
#: minimum digits of agreement of the extrapolated ratio with 1 and of the extrapolated c1 with c1
MIN_LIMIT_DIGITS = {"main": 20, "second": 12}
MIN_C1_DIGITS = {"main": 20, "second": 8}
MIN_DPS = 40
RESIDUAL_TOL = 1e-10
PREC = 50

#: the paper's printed S (model.md sec. 2), as {(i_a, i_b, i_g, i_z): coefficient}
S_PRINTED = {(2, 1, 1, 2): 1, (2, 1, 0, 2): 1, (2, 0, 1, 1): 1, (2, 0, 0, 1): -1, (1, 2, 0, 2): -2, (1, 1, 0, 2): -2,
             (1, 1, 0, 1): 2, (1, 0, 0, 1): 2, (0, 3, 0, 3): -1, (0, 3, 0, 2): 1, (0, 2, 0, 2): 1, (0, 2, 0, 1): -1,
             (0, 1, 0, 2): 1, (0, 1, 0, 1): -1, (0, 0, 0, 1): -1, (0, 0, 0, 0): 1}


def _fail(msg: str) -> None:
    raise CertificateError(f"{NAME}: {msg}")


# ---- decimal special functions ------------------------------------------------------------------


def _pi() -> Decimal:
    """π by the Python ``decimal`` documentation's series, at the current precision."""
    with localcontext() as ctx:
        ctx.prec += 2
        three = Decimal(3)
        lasts, t, s, n, na, d, da = 0, three, 3, 1, 0, 0, 24
        while s != lasts:
            lasts = s
            n, na = n + na, na + 8
            d, da = d + da, da + 32
            t = (t * n) / d
            s += t
    return +s


def _sin(x: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec += 2
        i, lasts, s, fact, num, sign = 1, 0, x, 1, x, 1
        while s != lasts:
            lasts = s
            i += 2
            fact *= i * (i - 1)
            num *= x * x
            sign *= -1
            s += num / fact * sign
    return +s


def _bernoulli(n: int) -> list[Fraction]:
    """B_0 … B_n (B_1 = −1/2) by the standard recurrence."""
    B = [Fraction(1)]
    for m in range(1, n + 1):
        B.append(-sum(math.comb(m + 1, k) * B[k] for k in range(m)) / (m + 1))
    return B


def _zeta(s: Decimal, N: int = 40, terms: int = 20) -> Decimal:
    """ζ(s), s ≠ 1 (any real s > −1): Euler–Maclaurin, ``Σ_{k<N} k^{-s} + N^{1-s}/(s-1) + N^{-s}/2 +
    Σ_j B_{2j}/(2j)! s(s+1)…(s+2j−2) N^{−s−2j+1}``; remainder ~ 2(2j)!/(2πN)^{2j} < 1e-60 here."""
    B = _bernoulli(2 * terms)
    Nd = Decimal(N)
    tot = sum(Decimal(k) ** (-s) for k in range(1, N)) + Nd ** (1 - s) / (s - 1) + Nd ** (-s) / 2
    rising = s
    for j in range(1, terms + 1):
        b = B[2 * j] / math.factorial(2 * j)
        tot += Decimal(b.numerator) / Decimal(b.denominator) * rising * Nd ** (-s - 2 * j + 1)
        rising *= (s + 2 * j - 1) * (s + 2 * j)
    return tot


def closed_form(params: dict, alpha: str) -> Decimal:
    """ε_0 = (γI/4)^{ν/(1−ν)} (2 α_eff Λ)^{1/(1−ν)} at ``PREC`` digits."""
    with localcontext() as ctx:
        ctx.prec = PREC + 10
        nu, Lam, gam, beta = (Decimal(params[k]) for k in ("nu", "Lambda", "gamma", "beta"))
        I = _pi() / (nu * _sin(_pi() * (1 / nu - 1)))
        ae = Decimal(alpha) / (1 - beta)
        return (gam * I / 4) ** (nu / (1 - nu)) * (2 * ae * Lam) ** (1 / (1 - nu))


def first_correction(params: dict) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = PREC + 10
        nu, Lam, gam, beta = (Decimal(params[k]) for k in ("nu", "Lambda", "gamma", "beta"))
        return gam * Lam * _zeta(nu) * nu / (2 * (1 - beta) * (1 - nu))


def digits(x, y, cap: int = 40) -> int:
    """⌊−log10(|x − y|/|x|)⌋ clipped to [0, cap], exactly from the decimals."""
    a, b = Fraction(str(x)), Fraction(str(y))
    if a == b:
        return cap
    if a == 0:
        return 0
    rel, d = abs(a - b) / abs(a), 0
    while d < cap and rel * 10 ** (d + 1) <= 1:
        d += 1
    return d


def extrapolate(alphas, values, exps, prec: int = 90) -> list[Decimal]:
    """L with v_i = L + Σ_{j<m} c_j α_i^{e_j} through the last m+1 points, m = 1 … len(exps)."""
    out = []
    with localcontext() as ctx:
        ctx.prec = prec
        E = [Decimal(Fraction(e).numerator) / Decimal(Fraction(e).denominator) for e in exps]
        for m in range(1, len(E) + 1):
            idx = list(range(len(alphas) - m - 1, len(alphas)))
            M = [[Decimal(1)] + [Decimal(alphas[i]) ** E[j] for j in range(m)] + [Decimal(values[i])] for i in idx]
            n = m + 1
            for c in range(n):  # Gauss-Jordan with partial pivoting
                p = max(range(c, n), key=lambda r, c=c: abs(M[r][c]))
                M[c], M[p] = M[p], M[c]
                for r in range(n):
                    if r != c:
                        f = M[r][c] / M[c][c]
                        M[r] = [x - f * y for x, y in zip(M[r], M[c], strict=True)]
            out.append(M[0][n] / M[0][0])
    return out


# ---- the double-precision re-solve of U(1 - eps) = 1 ----------------------------------------------


def _S_split(a, b, g, e):
    z = 1 - e
    return (e * (1 - b * z) * (1 - b * b * z) + 2 * a * z * (1 + b) * (1 - b * z)
            + a * a * z * (b * g * z + b * z + g - 1))


def split_identity_holds() -> bool:
    """The split of S equals the printed S: exact check on a 6^4 grid of rationals (degree ≤ 3 per variable,
    so agreement on 6 values per variable proves the polynomial identity)."""
    pts = [Fraction(k, 7) - 1 for k in range(6)]
    for a, b, g, z in product(pts, repeat=4):
        printed = sum(c * a**i * b**j * g**k * z**m for (i, j, k, m), c in S_PRINTED.items())
        if printed != _S_split(a, b, g, 1 - z):
            return False
    return True


def _gauss_legendre(n: int = 12) -> list[tuple[float, float]]:
    nodes = []
    for i in range(1, n + 1):
        x = math.cos(math.pi * (i - 0.25) / (n + 0.5))
        for _ in range(100):
            p0, p1 = 1.0, x
            for k in range(2, n + 1):
                p0, p1 = p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k
            dp = n * (x * p1 - p0) / (x * x - 1)
            dx = p1 / dp
            x -= dx
            if abs(dx) < 1e-16:
                break
        nodes.append((x, 2 / ((1 - x * x) * dp * dp)))
    return nodes


def U_tilde(params: dict, alpha: str, eps: str, N: int = 400) -> float:
    """Ũ(1 − ε) = zγα² Σ_k λ_k² u(αλ_k, β, g, z), λ_k = Λk^{−ν}, in double precision (module docstring)."""
    nu, Lam, gam, b, tau = (float(params[k]) for k in ("nu", "Lambda", "gamma", "beta", "tau"))
    al, e = float(alpha), float(eps)
    g, z = gam * tau, 1 - e

    def f(k: float) -> float:
        lam = Lam * k ** (-nu)
        a = al * lam
        return lam * lam * (1 + b * z) / _S_split(a, b, g, e)

    head = math.fsum(f(float(k)) for k in range(1, N))
    h = 0.5
    em = f(N) / 2 - (f(N + h) - f(N - h)) / (2 * h) / 12
    ae = al / (1 - b)
    xstar = max(0.0, math.log((2 * ae * Lam / e) ** (1 / nu) / N))
    X = xstar + 40 / (2 * nu - 1) + 40  # beyond: a/eps < e^-40 and the rest is summed in closed form
    panels = int(math.ceil(X / 0.5))
    gl = _gauss_legendre()
    parts = []
    for j in range(panels):
        x0 = j * 0.5
        for t, w in gl:
            x = x0 + 0.25 * (t + 1)
            k = N * math.exp(x)
            parts.append(0.25 * w * f(k) * k)
    kend = N * math.exp(panels * 0.5)
    tail = Lam**2 * kend ** (1 - 2 * nu) / (2 * nu - 1) * (1 + b * z) / (e * (1 - b * z) * (1 - b * b * z))
    return z * gam * al * al * (head + em + math.fsum(parts) + tail)


# ---- the check --------------------------------------------------------------------------------------


def check(content: dict, base, name: str) -> str:
    if name != NAME or content.get("name") != NAME:
        _fail(f"unknown asymptotics certificate {name!r} (expected {NAME!r})")
    if content.get("claim") != CLAIM or content.get("reconstructed") is not True:
        _fail("claim must be 'Prop. 11', labelled reconstructed")
    for key in ("statement", "normalisation", "source", "method"):
        if not isinstance(content.get(key), str) or not content[key]:
            _fail(f"{key} must be a non-empty string")
    if not isinstance(content.get("derivation"), list) or len(content["derivation"]) < 5:
        _fail("the derivation steps are missing")
    dps = content.get("precision_dps")
    if not isinstance(dps, int) or dps < MIN_DPS:
        _fail(f"precision_dps must be an integer >= {MIN_DPS}")
    if not split_identity_holds():  # pragma: no cover - a property of this file's constants
        _fail("checker's split of S differs from the printed S")
    tables = content.get("tables")
    if not isinstance(tables, dict) or set(tables) != set(TABLES):
        _fail(f"tables must be exactly {sorted(TABLES)}")
    worst = 0.0
    summary = []
    for label, (params, alphas, exps) in TABLES.items():
        T = tables[label]
        if T.get("params") != params:
            _fail(f"table {label}: parameters {T.get('params')} are not the specified {params}")
        rows = T.get("rows")
        if not isinstance(rows, list) or [r.get("alpha") for r in rows] != list(alphas):
            _fail(f"table {label}: the alpha grid must be {list(alphas)} in this order")
        if T.get("richardson_ratio", {}).get("exponents") != list(exps):
            _fail(f"table {label}: extrapolation exponents must be {list(exps)}")
        c1 = first_correction(params)
        if digits(c1, T["c1"]) < 25:
            _fail(f"table {label}: c1 {T['c1']} differs from the formula's {c1:.30g}")
        ratios, dev1 = [], []
        for r in rows:
            al = r["alpha"]
            if Fraction(r["r"]) + Fraction(r["one_minus_r"]) != 1:
                _fail(f"table {label}, alpha {al}: r + (1 - r) != 1")
            e0 = closed_form(params, al)
            if digits(e0, r["closed_form"]) < 30:
                _fail(f"table {label}, alpha {al}: closed form {r['closed_form']} differs from {e0:.35g}")
            with localcontext() as ctx:
                ctx.prec = PREC
                rho = Decimal(r["one_minus_r"]) / e0
                d1 = rho / (1 + c1 * Decimal(al)) - 1
            if digits(rho, r["ratio"]) < 30:
                _fail(f"table {label}, alpha {al}: ratio {r['ratio']} is not (1 - r)/closed form = {rho:.35g}")
            ratios.append(rho)
            dev1.append(d1)
            res = abs(U_tilde(params, al, r["one_minus_r"]) - 1)
            worst = max(worst, res)
            if not res <= RESIDUAL_TOL:
                _fail(f"table {label}, alpha {al}: U(r) - 1 = {res:.3g} (recomputed in double precision), "
                      f"not <= {RESIDUAL_TOL}: r does not solve U(r) = 1")
        # local exponents at the smallest alphas
        a1, a2 = float(alphas[-2]), float(alphas[-1])
        ex_ratio = math.log(abs(float(ratios[-2] - 1)) / abs(float(ratios[-1] - 1))) / math.log(a1 / a2)
        ex_first = math.log(abs(float(dev1[-2])) / abs(float(dev1[-1]))) / math.log(a1 / a2)
        if abs(ex_ratio - 1) > 0.01:
            _fail(f"table {label}: ratio - 1 scales like alpha^{ex_ratio:.4f}, not alpha^1")
        if abs(ex_first - 2) > 0.1:
            _fail(f"table {label}: the first-order residual scales like alpha^{ex_first:.4f}, not alpha^2")
        if (c1 < 0) != (ratios[-1] < 1):
            _fail(f"table {label}: the sign of ratio - 1 contradicts c1")
        # extrapolation to alpha = 0 from the recorded ratios
        rec = T["richardson_ratio"]
        lim = extrapolate(alphas, [r["ratio"] for r in rows], exps)[-1]
        if digits(lim, rec["limit"]) < 25:
            _fail(f"table {label}: extrapolated limit {rec['limit']} is not the recomputed {lim:.35g}")
        dl = digits(1, lim)
        if rec.get("agree_digits_with_1") != digits(1, Fraction(rec["limit"])):
            _fail(f"table {label}: agree_digits_with_1 is not the recomputed {digits(1, Fraction(rec['limit']))}")
        if dl < MIN_LIMIT_DIGITS[label]:
            _fail(f"table {label}: the extrapolated ratio agrees with 1 to only {dl} digits "
                  f"(< {MIN_LIMIT_DIGITS[label]}): the formula is not confirmed")
        exps_c1 = [str(Fraction(e) - 1) for e in exps[1:]]
        c1_vals = [r["ratio_minus_1_over_alpha"] for r in rows]
        for r, rho in zip(rows, ratios, strict=True):
            with localcontext() as ctx:
                ctx.prec = PREC
                if digits((rho - 1) / Decimal(r["alpha"]), r["ratio_minus_1_over_alpha"]) < 20:
                    _fail(f"table {label}, alpha {r['alpha']}: ratio_minus_1_over_alpha inconsistent")
        c1_lim = extrapolate(alphas, c1_vals, exps_c1)[-1]
        dc = digits(c1, c1_lim)
        if dc < MIN_C1_DIGITS[label]:
            _fail(f"table {label}: extrapolated (ratio - 1)/alpha = {c1_lim:.20g} agrees with c1 = {c1:.20g} "
                  f"to only {dc} digits")
        summary.append(f"{label}: ratio -> 1 to {dl} digits, c1 to {dc}")
    if content.get("holds") is not True or content.get("status") != "confirmed":
        _fail("status must be confirmed (holds = true) when every check passes")
    return (f"{NAME}: (1-r)/[(gamma I/4)^(nu/(1-nu)) (2 alpha_eff Lambda)^(1/(1-nu))] recomputed at "
            f"{sum(len(t[1]) for t in TABLES.values())} alphas; U(r) = 1 re-solved in double "
            f"(max |U-1| = {worst:.1e}); " + "; ".join(summary))
