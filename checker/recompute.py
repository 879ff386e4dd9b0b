"""Independent double-precision recomputation of the numerics certificates' quantities. Stdlib only.

This module is the checker's own *specification* of every recorded number; it shares no code with the
producer (``proofs/numerics``, mpmath) and takes nothing from a certificate but its parameters.

Model (the project's normalisation, paper eqs. 1, 7). ``S = det(I − zA)``, ``u_num``, ``v_num`` and ``R1``
(Lemma 1.3, App. E) are ``checker.derive``'s exact derivation from the update rule, specialised to exact
polynomials in ``a, z`` at the certificate's ``b, g``; ``Model.verify`` checks them, as an exact polynomial
identity at those ``b, g``, against the paper's printed polynomials (``checker.paper``).
Power law: ``λ_k = Λk^{−ν}``, ``w_k = λ_kC_k(0) = Q(k^{−κ} − (k+1)^{−κ})``, k ≥ 1, and

    Ũ(z) = zγα² Σ λ_k² u_num/S,   Ũ′(z) = γα² Σ λ_k² R1/S²,   Ṽ(z) = ½ Σ w_k v_num/S.

Ũ(1) is also summed in the closed form of eq. 21, ``γ Σ α_eff λ/(2 − αλ/(1+β) + gα_eff λ)``; both sums must
agree to ``1e-12`` (``theorem2``).

Sums (``power_sum``). Each summand is ``λ^p N(αλ)/D(αλ)`` or ``w_k N(αλ)/D(αλ)`` with polynomials
``N, D`` in ``a`` whose float coefficients are Horner values in ``e = 1 − z`` of exact coefficients
(expanding in ``e`` avoids the cancellation ``S(0, b, g, z) = (1 − z)(1 − bz)(1 − b²z)``; at ``z = 1`` the
exact factor ``a`` of ``S`` is divided out before any rounding).

* head ``k < K`` (K = 500 unless the tail series needs more): every term in float, ``math.fsum``;
  rounding bound ``16 ε Σ|terms|``;
* tail ``k ≥ K``: ``N/D = a^{−m₀} Σ_m q_m a^m`` (exact power-series division, converging for
  ``|a| < min|root of D̃|``; K is doubled until the ratio estimate ``ρ = max |q_{m+1}a_K/q_m|`` over the
  computed terms is ≤ 1/4) and ``w_k = Q Σ_{j≥1} ω_j k^{−κ−j}``, ``ω_j = −binom(−κ, j)`` (converges for
  k > 1); so the tail is ``Σ c_i Σ_{k≥K} k^{−s_i}`` and each ``Σ_{k≥K} k^{−s}`` (``s > 1``) is

      K^{1−s}/(s−1) + K^{−s}/2 + Σ_{j=1}^{6} B_{2j}/(2j)! (s)_{2j−1} K^{−s−2j+1} + R,

  with ``|R| ≤`` the first omitted (j = 7) term, because ``x^{−s}`` is completely monotone. Series
  truncated when a term falls below ``1e-18`` of the running total; truncation bound
  ``|last term| ρ/(1 − ρ)`` (the coefficients of a rational function are asymptotically geometric:
  an estimate, not a proof).

The stated error of a sum is the sum of these bounds, relative ``≲ 1e-14`` at every recorded point.
Derived quantities (ratios, powers, roots of ``Ũ(r) = 1``, of ``Ũ(1)(α) = 1`` and of
``Σ λ_k/(x + τλ_k) = 1``) carry first-order propagated bounds plus the root finder's last step. The
numerics checker demands ``error ≤ 1e-10·|value|`` of every recomputation and agreement of each recorded
value to ``1e-8`` relative: a recomputation, in a different precision and code, of what was recorded —
not a proof.
"""

from __future__ import annotations

import math
from fractions import Fraction

from .derive import VARS, polys
from .paper import TARGETS
from .poly import const, parse, subs, var

EPS = 2.0**-52
HEAD = 500
EM_BERNOULLI = [Fraction(1, 6), Fraction(-1, 30), Fraction(1, 42), Fraction(-1, 30), Fraction(5, 66),
                Fraction(-691, 2730), Fraction(7, 6)]  # B_2 … B_14
_EM = [float(B / math.factorial(2 * j + 2)) for j, B in enumerate(EM_BERNOULLI)]

# --------------------------------------------------------------------------------------------------
# exact polynomials in (a, z) at fixed b, g: dict {(i, j): Fraction} for a^i z^j


def _at(p: dict, b: Fraction, g: Fraction) -> dict:
    """A polynomial over ``derive.VARS = (a, b, g, z)`` with ``b, g`` fixed: a polynomial in ``(a, z)``."""
    return subs(p, [var(0, 2), const(b, 2), const(g, 2), var(1, 2)], 2)


class Model:
    """S, u_num, v_num, R1 at fixed ``b, g`` (exact): ``checker.derive``'s derivation from the update rule."""

    def __init__(self, b: Fraction, g: Fraction) -> None:
        self.b, self.g = b, g
        derived = polys()
        self.S, self.u_num, self.v_num, self.R1 = (_at(derived[k], b, g) for k in ("S", "u_num", "v_num", "R1"))
        self._e: dict = {}

    def verify(self) -> None:
        """Derived == the paper's printed polynomial (``checker.paper``) at this ``b, g``, as an exact
        polynomial identity in ``a, z``. Raises ``ValueError``."""
        for name in ("S", "u_num", "v_num", "R1"):
            if getattr(self, name) != _at(parse(TARGETS[name], VARS), self.b, self.g):
                raise ValueError(f"derived {name} differs from the paper's printed polynomial at "
                                 f"b={self.b}, g={self.g}")

    def scaling(self, f: str) -> tuple[Fraction, Fraction]:
        """``(P_f, ρ_f)`` with ``f(a, z) ≈ P_f/((1 − z) + ρ_f a)`` as ``a, 1 − z → 0`` (f = "u" or "v"):
        ``S = S_e e + S_a a + O(2)`` and ``f_num → f_num(0, 1)``, so ``P = f_num(0,1)/S_e``, ``ρ = S_a/S_e``."""
        self.in_a("S", Fraction(0))
        self.in_a(f + "_num", Fraction(0))
        S, N = self._e["S"], self._e[f + "_num"]
        if S[0][0] != 0 or not S[0][1]:
            raise ValueError("S(0, b, g, z) does not vanish simply at z = 1")
        return N[0][0] / S[0][1], S[1][0] / S[0][1]

    def in_a(self, name: str, e) -> list[float]:
        """Float coefficients (powers of a) of polynomial ``name`` at ``z = 1 − e``; ``e`` a Fraction 0 or
        a float. Coefficients are exact polynomials in e (z = 1 − e expanded exactly), Horner in e."""
        key = name
        if key not in self._e:
            p = getattr(self, name)
            out: dict = {}
            for (i, j), c in p.items():  # z^j = Σ_l binom(j, l) (−e)^l
                for l in range(j + 1):
                    out[(i, l)] = out.get((i, l), 0) + c * math.comb(j, l) * (-1) ** l
            da = max(i for i, _ in out) + 1
            de = max(l for _, l in out) + 1
            self._e[key] = [[out.get((i, l), Fraction(0)) for l in range(de)] for i in range(da)]
        table = self._e[key]
        if e == 0:
            return [float(row[0]) if row[0] else 0.0 for row in table]
        res = []
        for row in table:
            acc = 0.0
            for c in reversed(row):
                acc = acc * e + float(c)
            res.append(acc)
        return res


# --------------------------------------------------------------------------------------------------
# sums over the power-law spectrum


def zeta_tail(s: float, K: int) -> tuple[float, float]:
    """``Σ_{k≥K} (k/K)^{−s}`` (s > 1) by Euler–Maclaurin with 6 Bernoulli terms; error ≤ the 7th term
    (plus rounding). Scaled by ``K^s`` so that no power over- or underflows."""
    if not s > 1:
        raise ValueError(f"divergent tail sum: exponent {s} <= 1")
    Kf = float(K)
    t = Kf / (s - 1) + 0.5
    rising, power = s, 1.0 / Kf  # (s)_{2j−1} and K^{1−2j}
    err = 0.0
    for j in range(7):
        term = _EM[j] * rising * power
        if j == 6:
            err = abs(term)
        else:
            t += term
        rising *= (s + 2 * j + 1) * (s + 2 * j + 2)
        power /= Kf * Kf
    return t, err + 4 * EPS * abs(t)


def _series_div(num: list[float], den: list[float], n: int) -> list[float]:
    q = []
    for m in range(n):
        acc = num[m] if m < len(num) else 0.0
        for j in range(1, min(m, len(den) - 1) + 1):
            acc -= den[j] * q[m - j]
        q.append(acc / den[0])
    return q


def _horner(cs: list[float], x: float) -> float:
    acc = 0.0
    for c in reversed(cs):
        acc = acc * x + c
    return acc


def _weight_coeffs(kappa: float, K: int) -> tuple[list[float], float]:
    """``ω̂_j = ω_j K^{−j}`` with ``1 − (1 + 1/k)^{−κ} = Σ_{j≥1} ω_j k^{−j}``, ``ω_j = −binom(−κ, j)``,
    truncated where ``|ω̂_j| < 1e-19 ω̂_1``; remainder bound ``|ω̂_J|`` times the geometric factor
    ``(1 + κ/J)/K``-ratio (``|ω_{j+1}/ω_j| = (κ + j)/(j + 1)``)."""
    om, c, j = [], 1.0, 0
    while True:
        j += 1
        c *= (kappa + j - 1) / j / K  # |ω̂_j| = κ(κ+1)…(κ+j−1)/j! K^{−j}
        om.append(c if j % 2 else -c)
        ratio = (kappa + j) / (j + 1) / K
        if c < 1e-19 * om[0] and ratio < 0.5:
            return om, c * ratio / (1 - ratio)
        if j > 80:
            raise ValueError("weight expansion does not converge")


def _weight(k: int, kappa: float, Q: float) -> float:
    """``Q (k^{−κ} − (k+1)^{−κ}) = −Q k^{−κ} expm1(−κ log1p(1/k))`` (no cancellation)."""
    return -Q * k ** -kappa * math.expm1(-kappa * math.log1p(1.0 / k))


class PowerLaw:
    def __init__(self, nu: float, kappa: float, Lambda: float, Q: float) -> None:
        self.nu, self.kappa, self.Lambda, self.Q = nu, kappa, Lambda, Q
        self._lams: dict = {}

    def lams(self, K: int) -> list[float]:
        if K not in self._lams:
            self._lams[K] = [self.Lambda * k ** -self.nu for k in range(1, K)]
        return self._lams[K]

    def power_sum(self, alpha: float, num: list[float], den: list[float], p: int = 0,
                  weighted: bool = False) -> tuple[float, float]:
        """``Σ_{k≥1} λ_k^p N(αλ_k)/D(αλ_k)`` (``weighted``: ``w_k N/D`` instead), with its error bound.

        ``D``'s leading exact zeros (``D = a^{m₀} D̃``) are divided out before any rounding. With
        ``a_K = αλ_K`` and ``t = a/a_K = (k/K)^{−ν}``: ``N/D̃ = Σ_m q̂_m t^m`` (``q̂_m = q_m a_K^m``)."""
        m0 = 0
        while m0 < len(den) and den[m0] == 0.0:
            m0 += 1
        if m0 == len(den):
            raise ValueError("zero denominator")
        D = den[m0:]
        if all(c == 0.0 for c in num):
            return 0.0, 0.0
        K = HEAD
        while True:
            aK = alpha * self.Lambda * float(K) ** -self.nu
            qh = _series_div([c * aK**i for i, c in enumerate(num)], [c * aK**i for i, c in enumerate(D)], 40)
            if all(math.isfinite(x) for x in qh):
                nz = [m for m in range(20, 39) if qh[m] != 0]
                rho = max((abs(qh[m + 1] / qh[m]) for m in nz), default=0.0)
                if rho <= 0.25:
                    break
            if K > 2**20:
                raise ValueError("tail series does not converge")
            K *= 2
        lams = self.lams(K)
        amp = alpha ** -m0
        if weighted:
            terms = [_weight(k, self.kappa, self.Q) * amp * lam ** -m0 * _horner(num, alpha * lam)
                     / _horner(D, alpha * lam) for k, lam in enumerate(lams, 1)]
        else:
            terms = [lam ** (p - m0) * amp * _horner(num, alpha * lam) / _horner(D, alpha * lam) for lam in lams]
        head = math.fsum(terms)
        err = 16 * EPS * math.fsum(abs(t) for t in terms)
        Kf = float(K)
        if weighted:  # w_k a^{−m0} = Q K^{−κ} a_K^{−m0} Σ_j ω̂_j (k/K)^{−κ−j+νm0}
            om, om_err = _weight_coeffs(self.kappa, K)
            pre = self.Q * Kf ** -self.kappa * aK ** -m0
        else:  # λ^p a^{−m0} = α^{−m0} λ_K^{p−m0} (k/K)^{−ν(p−m0)}
            pre = amp * (self.Lambda * Kf ** -self.nu) ** (p - m0)
        tail_terms: list[float] = []
        last = 0.0
        for m in range(40):
            if qh[m] == 0:
                if not any(qh[m:]):
                    break
                tail_terms.append(0.0)
                continue
            if weighted:
                base = self.nu * (m - m0) + self.kappa
                inner = []
                for j, w in enumerate(om, 1):
                    zt, ze = zeta_tail(base + j, K)
                    inner.append(w * zt)
                    err += abs(pre * qh[m] * w) * ze
                err += abs(pre * qh[m]) * om_err * zeta_tail(base + 1, K)[0]
                t = pre * qh[m] * math.fsum(inner)
            else:
                zt, ze = zeta_tail(self.nu * (p - m0 + m), K)
                t = pre * qh[m] * zt
                err += abs(pre * qh[m]) * ze
            tail_terms.append(t)
            last = t
            if m > 1 and abs(t) < 1e-18 * abs(math.fsum(tail_terms)):
                break
        else:
            raise ValueError("tail series truncated before convergence")
        tail = math.fsum(tail_terms)
        err += abs(last) * rho / (1 - rho) + 16 * EPS * math.fsum(abs(t) for t in tail_terms)
        return head + tail, err


# --------------------------------------------------------------------------------------------------
# the quantities


class Problem:
    """Power law + hyper-parameters (floats from the recorded decimal strings; b, g also exact)."""

    def __init__(self, p: dict, alpha=None, beta=None) -> None:
        def num(key: str, default: str | None = None) -> Fraction:
            s = p.get(key, default)
            if s is None:
                raise KeyError(key)
            return Fraction(s)

        self.nu_q, self.kappa_q = num("nu"), num("kappa")
        self.Lambda_q, self.Q_q = num("Lambda", "1"), num("Q", "1")
        self.alpha_q = Fraction(alpha) if alpha is not None else num("alpha")
        self.beta_q = Fraction(beta) if beta is not None else num("beta")
        self.gamma_q, self.tau_q = num("gamma"), num("tau")
        self.g_q = self.gamma_q * self.tau_q
        self.nu, self.kappa = float(self.nu_q), float(self.kappa_q)
        self.Lambda, self.Q = float(self.Lambda_q), float(self.Q_q)
        self.alpha, self.beta, self.gamma, self.tau = (float(x) for x in (self.alpha_q, self.beta_q,
                                                                         self.gamma_q, self.tau_q))
        self.g = float(self.g_q)
        self.alpha_eff = self.alpha / (1 - self.beta)
        self.spec = PowerLaw(self.nu, self.kappa, self.Lambda, self.Q)
        self._model: Model | None = None

    def with_alpha(self, alpha: float) -> Problem:
        q = object.__new__(Problem)
        q.__dict__.update(self.__dict__)
        q.alpha, q.alpha_eff, q.alpha_q = alpha, alpha / (1 - self.beta), None
        return q

    def validate(self, need_nu_gt_1: bool = True) -> None:
        """The assumptions under which the recorded formulas are claimed (paper Theorem 2, eq. 24, Props. 3-4)."""
        if not self.kappa_q > 0 or not self.Lambda_q > 0 or not self.Q_q > 0:
            raise ValueError("kappa, Lambda, Q must be > 0")
        if need_nu_gt_1 and not self.nu_q > 1:
            raise ValueError(f"nu = {self.nu_q} <= 1: sum lambda_k diverges")
        if not self.nu_q * 2 > 1:
            raise ValueError(f"nu = {self.nu_q} <= 1/2")
        if not -1 < self.beta_q < 1:
            raise ValueError(f"beta = {self.beta_q} outside (-1, 1)")
        if self.alpha_q is not None and not 0 < self.alpha_q * self.Lambda_q < 2 * (1 + self.beta_q):
            raise ValueError("alpha Lambda outside the noiseless region (0, 2(1+beta))")
        if not self.gamma_q > 0 or not 0 <= self.g_q <= 1:
            raise ValueError("need gamma > 0 and 0 <= gamma tau <= 1")

    @property
    def model(self) -> Model:
        if self._model is None:
            self._model = _model(self.beta_q, self.g_q)
        return self._model

    # generating functions at z = 1 − e (e = Fraction(0) exactly at z = 1, else a float)
    def U(self, e) -> tuple[float, float]:
        m = self.model
        z = 1.0 - float(e)
        s, err = self.spec.power_sum(self.alpha, m.in_a("u_num", e), m.in_a("S", e), p=2)
        c = z * self.gamma * self.alpha**2
        return c * s, abs(c) * err + 2 * EPS * abs(c * s)

    def U_prime(self, e) -> tuple[float, float]:
        m = self.model
        S = m.in_a("S", e)
        S2 = [sum(S[i] * S[n - i] for i in range(len(S)) if 0 <= n - i < len(S)) for n in range(2 * len(S) - 1)]
        if e == 0:  # exact zero constant term of S at z = 1 → S² starts at a²
            S2[0] = 0.0
            S2[1] = 0.0
        s, err = self.spec.power_sum(self.alpha, m.in_a("R1", e), S2, p=2)
        c = self.gamma * self.alpha**2
        return c * s, abs(c) * err + 2 * EPS * abs(c * s)

    def V(self, e) -> tuple[float, float]:
        m = self.model
        s, err = self.spec.power_sum(self.alpha, m.in_a("v_num", e), m.in_a("S", e), weighted=True)
        return s / 2, err / 2 + EPS * abs(s)

    def U1_eq21(self) -> tuple[float, float]:
        """Eq. 21: ``γ Σ α_eff λ/(2 − αλ/(1+β) + g α_eff λ)`` = ``γ α_eff Σ λ/(d0 + d1 λ)``."""
        d1 = -self.alpha / (1 + self.beta) + self.g * self.alpha_eff
        s, err = self.spec.power_sum(1.0, [0.0, 1.0], [2.0, d1], p=0)
        c = self.gamma * self.alpha_eff
        return c * s, abs(c) * err + 2 * EPS * abs(c * s)


_MODELS: dict = {}


def _model(b: Fraction, g: Fraction) -> Model:
    if (b, g) not in _MODELS:
        m = Model(b, g)
        m.verify()
        _MODELS[(b, g)] = m
    return _MODELS[(b, g)]


def _rel(e: float, x: float) -> float:
    return e / abs(x) if x else math.inf


def theorem2(pr: Problem) -> dict[str, tuple[float, float]]:
    """Ũ(1) (two ways), Ṽ(1) if κ > ν, c_U, c_V, C_signal, C_noise, t* — each ``(value, error bound)``."""
    pr.validate()
    out: dict[str, tuple[float, float]] = {}
    U1, eU = pr.U(Fraction(0))
    U21, e21 = pr.U1_eq21()
    if abs(U1 - U21) > 1e-12 * abs(U1) + eU + e21:
        raise ValueError(f"U(1) from u_num/S ({U1!r}) and from eq. 21 ({U21!r}) disagree")
    out["U1"] = (U1, eU)
    nu, zeta = pr.nu, pr.kappa / pr.nu
    eta = 2 - 1 / nu
    ae = pr.alpha_eff
    c_U = pr.gamma / nu * ae**2 * math.gamma(eta) * pr.Lambda ** (1 / nu) * (2 * ae) ** (1 / nu - 2)
    c_V = pr.Q * math.gamma(zeta + 1) / (2 * (2 * ae * pr.Lambda) ** zeta)
    # the same constants from the derived scaling limits u ≈ P_u/(e + ρ_u a), v ≈ P_v/(e + ρ_v a) and
    # the counting measures (module docstring of proofs/numerics/constants.py restated):
    # c_V = ½ P_v Q ζ Λ^{−ζ} Γ(ζ) (ρ_v α)^{−ζ},  c_U = γα² P_u ν^{−1} Λ^{1/ν} Γ(η) (ρ_u α)^{−η}
    (Pu, ru), (Pv, rv) = (tuple(float(x) for x in pr.model.scaling(f)) for f in ("u", "v"))
    c_V2 = Pv * pr.Q * zeta * pr.Lambda ** -zeta * math.gamma(zeta) * (rv * pr.alpha) ** -zeta / 2
    c_U2 = pr.gamma * pr.alpha**2 * Pu / nu * pr.Lambda ** (1 / nu) * math.gamma(eta) * (ru * pr.alpha) ** -eta
    for name, x, y in (("c_U", c_U, c_U2), ("c_V", c_V, c_V2)):
        if abs(x - y) > 1e-13 * abs(x):
            raise ValueError(f"{name}: closed form {x!r} differs from the scaling-limit form {y!r}")
    out["c_U"] = (c_U, 64 * EPS * abs(c_U))
    out["c_V"] = (c_V, 64 * EPS * abs(c_V))
    if not U1 < 1:
        return out
    om = 1 - U1
    Cs = c_V / om
    out["C_signal"] = (Cs, abs(Cs) * (64 * EPS + eU / om))
    if pr.kappa_q > pr.nu_q:
        V1, eV = pr.V(Fraction(0))
        out["V1"] = (V1, eV)
        Cn = V1 * c_U / om**2
        rn = 64 * EPS + _rel(eV, V1) + 2 * eU / om
        out["C_noise"] = (Cn, abs(Cn) * rn)
        if zeta != eta:
            x = 1 / (zeta - eta)
            ts = (Cs / Cn) ** x
            out["t_star"] = (ts, abs(ts) * abs(x) * (rn + 64 * EPS + eU / om))
    return out


def _bisect_newton(h, dh, lo: float, hi: float) -> tuple[float, float]:
    """Root of an increasing ``h`` on ``[lo, hi]`` (``h(lo) < 0 < h(hi)``): bisection to 1e-3 relative, then
    Newton (``dh``) or secant steps kept inside the bracket (a bisection step whenever one would leave it);
    stops when a step is below ``1e-14`` relative. Returns ``(x, |last step| + rounding)``."""
    hlo, hhi = h(lo), h(hi)
    if not (hlo < 0 < hhi):
        raise ValueError("no sign change: the root is not bracketed")
    while hi - lo > 1e-3 * max(abs(hi), abs(lo)):
        mid = 0.5 * (lo + hi)
        hm = h(mid)
        if hm < 0:
            lo, hlo = mid, hm
        else:
            hi, hhi = mid, hm
    x = lo - hlo * (hi - lo) / (hhi - hlo)
    xprev, hprev = (lo, hlo) if abs(hlo) < abs(hhi) else (hi, hhi)
    step = hi - lo
    for _ in range(60):
        hx = h(x)
        if hx == 0:
            return x, 4 * EPS * abs(x)
        if hx < 0:
            lo = x
        else:
            hi = x
        if dh is not None:
            d = dh(x)
        else:
            d = (hx - hprev) / (x - xprev) if x != xprev else 0.0
        new = x - hx / d if d > 0 else 0.5 * (lo + hi)
        if not lo < new < hi:
            new = 0.5 * (lo + hi)
        step = abs(new - x)
        xprev, hprev, x = x, hx, new
        if step <= 1e-14 * abs(x):
            break
    else:
        raise ValueError("root finder did not converge")
    return x, step + 4 * EPS * abs(x)


def divergence(pr: Problem) -> dict[str, tuple[float, float]]:
    """Eq. 24: Ũ(1) (if ν > 1), ``r`` with ``Ũ(r) = 1``, Ṽ(r), Ũ′(r), ``C = Ṽ(r)/(r Ũ′(r))``."""
    pr.validate(need_nu_gt_1=False)
    out: dict[str, tuple[float, float]] = {}
    if pr.nu_q > 1:
        out["U1"] = pr.U(Fraction(0))
        if not out["U1"][0] > 1:
            raise ValueError(f"U(1) = {out['U1'][0]!r} <= 1: no root r in (0, 1)")
    r, er = root_r(pr)
    e = 1.0 - r
    Vr, eV = pr.V(e)
    dU, eD = pr.U_prime(e)
    er += eU_at(pr, e) / dU
    C = Vr / (r * dU)
    out["r"] = (r, er)
    out["V_r"] = (Vr, eV + abs(pr.V(e)[0] - pr.V(1.0 - (r + er))[0]))
    out["U_prime_r"] = (dU, eD + abs(dU - pr.U_prime(1.0 - (r + er))[0]))
    out["C_div"] = (C, abs(C) * (_rel(out["V_r"][1], Vr) + _rel(out["U_prime_r"][1], dU) + er / r + 8 * EPS))
    return out


def eU_at(pr: Problem, e: float) -> float:
    return pr.U(e)[1]


def root_r(pr: Problem) -> tuple[float, float]:
    """``r ∈ (0, 1)`` with ``Ũ(r) = 1``, solved in ``e = 1 − r`` (Ũ increases in z: Lemma 1.3)."""
    def h(x: float) -> float:  # x = r
        return pr.U(1.0 - x)[0] - 1 if x < 1 else pr.U(Fraction(0))[0] - 1

    def dh(x: float) -> float:
        return pr.U_prime(1.0 - x)[0]

    hi = 1.0 if pr.nu_q > 1 else 1 - 1e-12
    return _bisect_newton(h, dh, 1e-9, hi)


def critical_alpha(pr: Problem) -> tuple[float, float]:
    """α with Ũ(1) = 1 at the problem's β (eq. 21 form; increasing in α); ``ValueError`` if Ũ(1) < 1 up to
    the noiseless limit ``αΛ = 2(1+β)`` (no root bracketed)."""
    top = 2 * (1 + pr.beta) / pr.Lambda * (1 - 1e-12)

    def h(al: float) -> float:
        return pr.with_alpha(al).U1_eq21()[0] - 1

    x, step = _bisect_newton(h, None, top * 1e-6, top)
    # error: |δŨ| / (dŨ/dα), dŨ/dα by a centred difference
    d = 1e-6 * x
    slope = (h(x + d) - h(x - d)) / (2 * d)
    return x, step + pr.with_alpha(x).U1_eq21()[1] / abs(slope)


def lambda_crit(pr: Problem) -> tuple[float, float]:
    """Prop. 4: ``x`` with ``Σ λ_k/(x + τλ_k) = 1`` (``Σ λ_k`` if τ = 0)."""
    sp = pr.spec
    total, et = sp.power_sum(1.0, [1.0], [1.0], p=1)
    if pr.tau == 0:
        return total, et
    tau = pr.tau

    def h(x: float) -> float:  # decreasing in x → return its negative
        return 1 - sp.power_sum(1.0, [0.0, 1.0], [x, tau], p=0)[0]

    lo = total / 2
    while h(lo) >= 0:
        lo /= 2
    x, step = _bisect_newton(h, None, lo, total)
    dx = 1e-6 * x
    slope = (h(x + dx) - h(x - dx)) / (2 * dx)
    return x, step + sp.power_sum(1.0, [0.0, 1.0], [x, tau], p=0)[1] / abs(slope)
