"""The power-law problem (paper eq. 25) and high-precision spectral sums.

Problem. ``λ_k = Λ k^{−ν}`` and ``λ_k C_k(0) = Q (k^{−κ} − (k+1)^{−κ})``, ``k ≥ 1`` (so that
``Σ_{l≥k} λ_l C_l(0) = Q k^{−κ}`` exactly), ``ζ = κ/ν``; hyper-parameters ``α, β, γ, τ``, reduced per
direction to ``a = αλ, b = β, g = γτ``. The generating functions (paper eq. 16, this project's
normalisation ``L_t = ½ Σ_k λ_k C_k(t)``) are

    Ũ(z) = z γ α² Σ_k λ_k² u(αλ_k, β, g, z),    Ũ′(z) = γ α² Σ_k λ_k² R1/S²,
    Ṽ(z) = ½ Σ_k λ_k C_k(0) v(αλ_k, β, g, z),   L̃(z) = Ṽ(z) / (1 − Ũ(z)),

with ``u = u_num/S``, ``v = v_num/S`` and ``R1`` taken from ``symbolic.generating.generating_terms()``
(never retyped): each polynomial is split once into coefficients of powers of ``a`` that are
lambdified in ``(b, g, z)``; a spectral sum then costs a few multiplications per term.

Sums over k (``spectral_sum``): head ``Σ_{k<N} f(k)`` exactly, tail by Euler–Maclaurin

    Σ_{k≥N} f(k) = ∫_N^∞ f + f(N)/2 − Σ_{j=1}^{p} B_{2j}/(2j)! f^{(2j−1)}(N) + R_p,

the integral by tanh-sinh quadrature in ``x = log(k/N)`` (break points around the cross-over
``k*`` where ``αλ_k ≈ 1 − z``), the derivatives by mpmath's high-precision finite differences
(``mpmath.diffs``). Error bound: ``|R_p| ≤ 2ζ(2p)/(2π)^{2p} ∫_N^∞ |f^{(2p)}|``, which equals the size of the
last included Euler–Maclaurin term (up to the factor ``ζ(2p) ≈ 1``) whenever ``f^{(2p)}`` keeps one sign
on ``[N, ∞)`` — true for the power-law tails here beyond the cross-over. The stated error is that
term plus the quadrature's own estimate. ``mpmath.nsum`` (Richardson/Shanks) is deliberately not used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import mpmath as mp

#: Euler–Maclaurin head length and number of correction terms: the remainder is ≈
#: 2 (2p)! / (2πN)^{2p} relative to f(N)·N, i.e. ≈ 1e-40 for (N, p) = (60, 12); both grow with the
#: working precision (``em_parameters``).
EM_HEAD = 60
EM_TERMS = 12


def em_parameters() -> tuple[int, int]:
    """``(N, p)`` for the current precision: remainder ``≲ 10^{−dps−5}`` up to ``dps ≈ 150``."""
    dps = mp.mp.dps
    return max(EM_HEAD, 2 * dps), max(EM_TERMS, dps // 3)


def _PARSE_DPS() -> int:
    return max(mp.mp.dps + 20, 60)


class AssumptionError(ValueError):
    """Parameters violate an assumption of the claim being computed (CLI: exit 2)."""


@lru_cache(maxsize=1)
def _coefficient_functions() -> dict[str, list[list[Callable]]]:
    """``{name: c}`` with ``poly(a, z = 1 − e) = Σ_i a^i Σ_j c[i][j](b, g) e^j`` for S, u_num, v_num, R1.

    Expanding in ``e = 1 − z`` rather than ``z`` avoids the cancellation ``S(0, b, g, z) ∝ (1 − z)``
    that would cost ``log10(1/e)`` digits near ``z = 1``.
    """
    import sympy as sp

    from symbolic.generating import generating_terms
    from symbolic.update_rule import a, b, g, z

    e = sp.Symbol("e")
    t = generating_terms()
    out: dict[str, list[list[Callable]]] = {}
    for name, expr in (("S", t.S), ("u_num", t.u_num), ("v_num", t.v_num), ("R1", t.R1)):
        P = sp.Poly(sp.expand(expr.subs(z, 1 - e)), a, e)
        da, de = P.degree(a), P.degree(e)
        table = [[sp.lambdify((b, g), P.coeff_monomial(a**i * e**j), "mpmath") for j in range(de + 1)]
                 for i in range(da + 1)]
        out[name] = table
    return out


class Kernel:
    """``u, v, (zu)′`` at fixed ``(b, g, z = 1 − eps)`` as cheap functions of ``a`` (eps real or complex)."""

    def __init__(self, b, g, eps) -> None:
        cf = _coefficient_functions()
        self.eps = eps
        self._c = {
            name: [mp.fsum(c(b, g) * eps**j for j, c in enumerate(row)) for row in table]
            for name, table in cf.items()
        }

    @staticmethod
    def _horner(cs: list, a):
        acc = cs[-1]
        for c in reversed(cs[:-1]):
            acc = acc * a + c
        return acc

    def S(self, a):
        return self._horner(self._c["S"], a)

    def u(self, a):
        return self._horner(self._c["u_num"], a) / self.S(a)

    def v(self, a):
        return self._horner(self._c["v_num"], a) / self.S(a)

    def dzu(self, a):
        """``d/dz (z u) = R1/S²`` (R1 from ``symbolic``; its g-dependence cancels)."""
        s = self.S(a)
        return self._horner(self._c["R1"], a) / (s * s)


@dataclass(frozen=True)
class Params:
    """Hyper-parameters ``α, β, γ, τ`` (mpf). ``α_eff = α/(1−β)``, ``g = γτ``."""

    alpha: mp.mpf
    beta: mp.mpf
    gamma: mp.mpf
    tau: mp.mpf

    @property
    def alpha_eff(self):
        return self.alpha / (1 - self.beta)

    @property
    def g(self):
        return self.gamma * self.tau

    @staticmethod
    def of(alpha, beta, gamma, tau) -> Params:
        """From decimal strings (or numbers), converted at ``≥ 60`` digits so that e.g. "0.8" is not a float."""
        with mp.workdps(_PARSE_DPS()):
            return Params(mp.mpf(alpha), mp.mpf(beta), mp.mpf(gamma), mp.mpf(tau))


class Spectrum:
    """A spectrum with initial weights ``w_k = λ_k C_k(0)``; subclasses define ``spectral_sum``."""

    lam_max: mp.mpf

    def spectral_sum(self, F: Callable, cross=None) -> tuple:
        """``(Σ_k F(λ_k, w_k), error estimate)``; ``cross`` = a λ-scale where F changes shape;
        ``weighted=False`` passes ``w = None`` (F does not need the initial weights)."""
        raise NotImplementedError


@dataclass(frozen=True)
class PowerLaw(Spectrum):
    """``λ_k = Λ k^{−ν}``, ``w_k = λ_k C_k(0) = Q (k^{−κ} − (k+1)^{−κ})``, k = 1, 2, …"""

    nu: mp.mpf
    kappa: mp.mpf
    Lambda: mp.mpf = mp.mpf(1)
    Q: mp.mpf = mp.mpf(1)

    @staticmethod
    def of(nu, kappa, Lambda=1, Q=1) -> PowerLaw:
        """From decimal strings, converted at ``≥ 60`` digits (see ``Params.of``)."""
        with mp.workdps(_PARSE_DPS()):
            return PowerLaw(mp.mpf(nu), mp.mpf(kappa), mp.mpf(Lambda), mp.mpf(Q))

    @property
    def zeta(self):
        return self.kappa / self.nu

    @property
    def lam_max(self):
        return self.Lambda

    def lam(self, k):
        return self.Lambda * mp.power(k, -self.nu)

    def weight(self, k):
        """``Q (k^{−κ} − (k+1)^{−κ})``, the difference taken with ``log2 k + 16`` extra bits (no loss);
        beyond ``k = 2^256`` the two-term expansion (relative error < 2^−500)."""
        m = mp.mag(k)
        if m > 256:  # Qκk^{−κ−1}(1 − (κ+1)/(2k) + O(k^{−2})): relative error < 2^{−500}
            return self.Q * self.kappa * mp.power(k, -self.kappa - 1) * (1 - (self.kappa + 1) / (2 * k))
        with mp.extraprec(max(m, 0) + 16):
            return self.Q * (mp.power(k, -self.kappa) - mp.power(k + 1, -self.kappa))

    def spectral_sum(self, F: Callable, cross=None, head: int | None = None, terms: int | None = None,
                     weighted: bool = True) -> tuple:
        def f(k):
            return F(self.lam(k), self.weight(k) if weighted else None)

        N0, p0 = em_parameters()
        head, terms = head or N0, terms or p0
        kstar = None
        if cross is not None and cross != 0:
            kstar = mp.power(abs(cross) / self.Lambda, -1 / self.nu)
        return euler_maclaurin(f, head, terms, kstar)


@dataclass(frozen=True)
class Finite(Spectrum):
    """Finitely many eigenvalues ``lams`` with weights ``ws = λ_k C_k(0)`` (tests, exact cases)."""

    lams: Sequence
    ws: Sequence

    @property
    def lam_max(self):
        return max(self.lams)

    def spectral_sum(self, F: Callable, cross=None, weighted: bool = True, **_: object) -> tuple:
        return mp.fsum(F(lam, w) for lam, w in zip(self.lams, self.ws, strict=True)), mp.mpf(0)


def euler_maclaurin(f: Callable, N: int, p: int, kstar=None) -> tuple:
    """``(Σ_{k≥1} f(k), error estimate)`` — head exactly, tail by Euler–Maclaurin (module docstring)."""
    Nm = mp.mpf(N)
    head = mp.fsum(f(mp.mpf(k)) for k in range(1, N))
    pts = [mp.mpf(0)]
    if kstar is not None and kstar > 2 * N:
        xs = mp.log(kstar / Nm)
        pts += [x for x in (xs - 4, xs, xs + 4) if x > pts[-1] + 1]
    pts += [pts[-1] + 16, mp.inf]

    def g(x):
        k = Nm * mp.exp(x)
        return f(k) * k

    integral, qerr = mp.quad(g, pts, error=True)
    d = mp.diffs(f, Nm, 2 * p - 1)
    d = list(d)
    corr = [mp.bernoulli(2 * j) / mp.factorial(2 * j) * d[2 * j - 1] for j in range(1, p + 1)]
    total = head + integral + d[0] / 2 - mp.fsum(corr)
    err = abs(corr[-1]) + abs(qerr)
    return total, err


# --------------------------------------------------------------------------------------------------
# generating functions; the argument is ``eps = 1 − z`` (exact near z = 1; may be complex)


def U_tilde(spec: Spectrum, par: Params, eps) -> tuple:
    """``Ũ(z) = z γ α² Σ λ² u(αλ, β, g, z)`` at ``z = 1 − eps`` and its error estimate."""
    K = Kernel(par.beta, par.g, eps)
    c = (1 - eps) * par.gamma * par.alpha**2
    s, e = spec.spectral_sum(lambda lam, w: lam * lam * K.u(par.alpha * lam), cross=_cross(par, eps),
                               weighted=False)
    return c * s, abs(c) * e


def U_tilde_prime(spec: Spectrum, par: Params, eps) -> tuple:
    """``Ũ′(z) = γ α² Σ λ² R1/S²`` at ``z = 1 − eps``."""
    K = Kernel(par.beta, par.g, eps)
    c = par.gamma * par.alpha**2
    s, e = spec.spectral_sum(lambda lam, w: lam * lam * K.dzu(par.alpha * lam), cross=_cross(par, eps),
                               weighted=False)
    return c * s, abs(c) * e


def V_tilde(spec: Spectrum, par: Params, eps) -> tuple:
    """``Ṽ(z) = ½ Σ λ_k C_k(0) v(αλ_k, β, g, z)`` at ``z = 1 − eps``."""
    K = Kernel(par.beta, par.g, eps)
    s, e = spec.spectral_sum(lambda lam, w: w * K.v(par.alpha * lam), cross=_cross(par, eps))
    return s / 2, e / 2


def _cross(par: Params, eps):
    """λ-scale of the cross-over ``2α_eff λ ≈ 1 − z`` (None away from z = 1)."""
    if eps == 0 or abs(eps) > mp.mpf("0.1"):
        return None
    return abs(eps) / (2 * par.alpha_eff)
