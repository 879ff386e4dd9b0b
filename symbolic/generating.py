"""Rational terms of the generating functions (paper eqs. 16–20, App. E.1).

Solving the moment recursion ``M(t+1) = A M(t) + γα²λ Tr(HC_t) (1,1,1)`` in ``z`` gives
``L̃ = Ṽ / (1 − Ũ)`` (eq. 16) with

    Ũ(z) = z γ α² Σ_k λ_k² u(λ_k, z),      Ṽ(z) = ½ Σ_k λ_k C_k(0) v(λ_k, z),

where ``u`` and ``v`` are the first (``C``) components of ``(I − zA)⁻¹(1,1,1)`` and
``(I − zA)⁻¹(1,0,0)``. Both are rational with the common denominator ``S = det(I − zA)``; the
numerators are the first row of the adjugate applied to the two vectors (Cramer's rule, exact).
``R1`` is the numerator of ``d/dz (z u)`` over ``S²`` (Lemma 1.3, eqs. 120–121).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from .update_rule import a, b, g, moment_operator, z


@dataclass(frozen=True)
class GeneratingTerms:
    """Exact polynomials in ``(a, b, g, z)``: ``u = u_num/S``, ``v = v_num/S``, ``(zu)' = R1/S²``."""

    A: sp.Matrix
    S: sp.Expr
    u_num: sp.Expr
    v_num: sp.Expr
    R1: sp.Expr


def _expand_poly(e: sp.Expr) -> sp.Expr:
    return sp.Poly(sp.expand(e), a, b, g, z).as_expr()


@lru_cache(maxsize=1)
def generating_terms() -> GeneratingTerms:
    """Derive ``S``, the u- and v-numerators and ``R1`` from the moment operator."""
    A = moment_operator()
    M = sp.eye(3) - z * A
    S = _expand_poly(M.det(method="berkowitz"))
    adj = M.adjugate(method="berkowitz")
    u_num = _expand_poly((adj * sp.Matrix([1, 1, 1]))[0])
    v_num = _expand_poly((adj * sp.Matrix([1, 0, 0]))[0])
    # d/dz (z u_num / S) = [ (z u_num)' S − z u_num S' ] / S²
    R1 = _expand_poly(sp.diff(z * u_num, z) * S - z * u_num * sp.diff(S, z))
    # the fraction R1/S² is already reduced: S is irreducible over Q and does not divide R1
    if sp.gcd(R1, S) != 1:
        raise AssertionError("R1 and S share a factor: d/dz(z u) is not in lowest terms")
    return GeneratingTerms(A=A, S=S, u_num=u_num, v_num=v_num, R1=R1)


def u_term() -> sp.Expr:
    """``u(a, b, g, z) = u_num / S``."""
    t = generating_terms()
    return t.u_num / t.S


def v_term() -> sp.Expr:
    """``v(a, b, g, z) = v_num / S``."""
    t = generating_terms()
    return t.v_num / t.S
