"""Conversion from sympy expressions to the exact dictionary polynomials of ``symbolic.polynomial``."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from .polynomial import Poly, to_record


def to_poly(expr: sp.Expr, variables: list[str]) -> Poly:
    """Exact ``{exponents: Fraction}`` of a polynomial expression (raises if not polynomial)."""
    syms = [sp.Symbol(v) for v in variables]
    P = sp.Poly(sp.expand(expr), *syms, domain="QQ")
    return {m: Fraction(int(c.numerator), int(c.denominator)) for m, c in P.terms() if c != 0}


def record(expr: sp.Expr, variables: list[str]) -> dict:
    return to_record(to_poly(expr, variables), variables)


def to_text(expr: sp.Expr) -> str:
    """Python-syntax polynomial string (``**`` for powers), deterministic term order."""
    return sp.sstr(sp.expand(expr), order="lex")
