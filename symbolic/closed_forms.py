"""Closed forms derived from the generating terms (paper eqs. 18–21, App. H, E.3).

* ``S`` at ``a = 0`` (``λ → 0``) factors as ``(1 − z)(1 − bz)(1 − b²z)``: the three poles
  ``z = 1, 1/b, 1/b²`` that the small-λ terms approach (App. E.3).
* ``u, v`` at ``z = 1``; ``Ũ(1)`` per term, compared with eq. 21
  ``γ α_eff λ / (2 − αλ/(1+β) + g α_eff λ)``, ``α_eff = α/(1−β)``.
* The noiseless (``γ = 0``) first-moment map ``(Δw, v) ↦ ((1−a)Δw + bv, −aΔw + bv)`` has the
  characteristic polynomial ``μ² − (1 + b − a)μ + b`` (App. H); at ``g = 0`` the second-moment
  operator is its symmetric square, so ``S|_{g=0} = (1 − zμ₁²)(1 − zμ₁μ₂)(1 − zμ₂²)``.
* Scaling limits ``a = sA, z = 1 − sE, s → 0`` of ``u`` and ``v`` (Theorem 2, Lemma 2):
  ``v ≈ 1/(s(E + 2A/(1−b)))`` and ``u ≈ 1/(s(1−b)²(E + 2A/(1−b)))``.
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from .generating import generating_terms
from .update_rule import a, alpha, b, beta, g, gamma, lam, tau, z

mu = sp.Symbol("mu")
s, A_, E_ = sp.symbols("s A E", positive=True)


def S_at_lambda_zero() -> sp.Expr:
    """``S(a=0)`` factored over Q."""
    return sp.factor(generating_terms().S.subs(a, 0))


def u_at_one() -> sp.Expr:
    t = generating_terms()
    return sp.cancel(t.u_num.subs(z, 1) / t.S.subs(z, 1))


def v_at_one() -> sp.Expr:
    t = generating_terms()
    return sp.cancel(t.v_num.subs(z, 1) / t.S.subs(z, 1))


def U1_term_derived() -> sp.Expr:
    """One eigenvalue's contribution to ``Ũ(1) = γα² λ² u(λ, 1)`` in the raw parameters."""
    return sp.cancel((gamma * alpha**2 * lam**2 * u_at_one()).subs({a: alpha * lam, b: beta, g: gamma * tau}))


def U1_term_eq21() -> sp.Expr:
    """Eq. 21 as printed in the reconstruction: ``γ α_eff λ / (2 − αλ/(1+β) + γτ α_eff λ)``."""
    aeff = alpha / (1 - beta)
    return gamma * aeff * lam / (2 - alpha * lam / (1 + beta) + gamma * tau * aeff * lam)


def noiseless_char_poly() -> sp.Expr:
    """Characteristic polynomial of the noiseless first-moment map, derived as ``det(μI − M)``."""
    M = sp.Matrix([[1 - a, b], [-a, b]])
    return sp.expand((mu * sp.eye(2) - M).det())


def noiseless_roots() -> list[sp.Expr]:
    return sp.solve(noiseless_char_poly(), mu)


def S_noiseless_from_roots() -> sp.Expr:
    """``(1 − zμ₁²)(1 − zμ₁μ₂)(1 − zμ₂²)`` through the symmetric functions of the roots."""
    e1, e2 = 1 + b - a, b  # μ₁+μ₂, μ₁μ₂ (Vieta from the derived characteristic polynomial)
    if sp.expand(noiseless_char_poly() - (mu**2 - e1 * mu + e2)) != 0:
        raise AssertionError("characteristic polynomial does not have the Vieta form")
    sq_sum = e1**2 - 2 * e2
    return sp.expand((1 - z * e2) * (1 - z * sq_sum + z**2 * e2**2))


@lru_cache(maxsize=4)
def scaling_expansion(which: str, order: int = 2) -> list[sp.Expr]:
    """Coefficients ``c_0, c_1, …`` of ``s·f(sA, b, g, 1 − sE) = c_0 + c_1 s + …`` for f = u or v."""
    t = generating_terms()
    num = {"u": t.u_num, "v": t.v_num}[which]
    scale = {a: s * A_, z: 1 - s * E_}
    # s·num = Σ N_k s^k and S = Σ D_k s^k with N_0 = D_0 = 0 (S vanishes at a = 0, z = 1);
    # dividing the two power series: c_k = (N_{k+1} − Σ_{j<k} c_j D_{k+1−j}) / D_1.
    N = sp.Poly(sp.expand(s * num.subs(scale)), s)
    D = sp.Poly(sp.expand(t.S.subs(scale)), s)
    if N.coeff_monomial(1) != 0 or D.coeff_monomial(1) != 0 or D.coeff_monomial(s) == 0:
        raise AssertionError("unexpected scaling structure of S at a = 0, z = 1")
    c: list[sp.Expr] = []
    for k in range(order):
        acc = N.coeff_monomial(s ** (k + 1)) - sum(c[j] * D.coeff_monomial(s ** (k + 1 - j)) for j in range(k))
        c.append(sp.factor(sp.cancel(acc / D.coeff_monomial(s))))
    return c
