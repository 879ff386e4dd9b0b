"""Exact multivariate polynomials over Q for the trusted checker: standard library only.

A polynomial is a ``dict`` mapping exponent tuples (one entry per variable, in a fixed variable
order) to non-zero ``Fraction`` coefficients. ``parse`` reads the restricted text syntax used by
the paper's listings and by user claim files — integers, rationals ``p/q``, names,
``+ - * / ** ( )`` with integer exponents, division only by a constant — by recursive descent,
never ``eval``.
"""

from __future__ import annotations

import re
from fractions import Fraction

Poly = dict[tuple[int, ...], Fraction]

MAX_EXPONENT = 64
MAX_TEXT = 20000
MAX_LITERAL_DIGITS = 400
MAX_TERMS = 20000
MAX_BITS = 100_000
_TOKEN = re.compile(r"[ \t\r\n]*(?:([0-9]+)|([A-Za-z_][A-Za-z_0-9]*)|(\*\*|[-+*/()^]))", re.ASCII)
_COEFF = re.compile(r"-?[0-9]+(/[0-9]+)?", re.ASCII)


class PolyError(ValueError):
    """Malformed polynomial text or record."""


def const(c: Fraction | int, n: int) -> Poly:
    return {(0,) * n: Fraction(c)} if c else {}


def add(p: Poly, q: Poly, sign: int = 1) -> Poly:
    out = dict(p)
    for m, c in q.items():
        s = out.get(m, 0) + sign * c
        if s:
            out[m] = s
        else:
            out.pop(m, None)
    return out


def mul(p: Poly, q: Poly) -> Poly:
    if len(p) * len(q) > 50 * MAX_TERMS:
        raise PolyError(f"polynomial product too large (more than {MAX_TERMS} terms expected)")
    out: Poly = {}
    for m1, c1 in p.items():
        for m2, c2 in q.items():
            m = tuple(x + y for x, y in zip(m1, m2, strict=True))
            s = out.get(m, 0) + c1 * c2
            if s:
                out[m] = s
            else:
                out.pop(m, None)
    if len(out) > MAX_TERMS:
        raise PolyError(f"polynomial has more than {MAX_TERMS} terms")
    return out


def power(p: Poly, k: int, n: int) -> Poly:
    """``p**k`` by repeated squaring (refuses results with more than ``MAX_BITS``-bit coefficients)."""
    bits = max((max(abs(c.numerator), c.denominator).bit_length() for c in p.values()), default=0)
    if bits * k > MAX_BITS or max((sum(m) for m in p), default=0) * k > 100 * MAX_EXPONENT:
        raise PolyError("power too large")
    out, base = const(1, n), p
    while k:
        if k & 1:
            out = mul(out, base)
        k >>= 1
        if k:
            base = mul(base, base)
    return out


def diff(p: Poly, i: int) -> Poly:
    """Partial derivative with respect to variable ``i``."""
    out: Poly = {}
    for m, c in p.items():
        if m[i]:
            mm = list(m)
            mm[i] -= 1
            out[tuple(mm)] = c * m[i]
    return out


def det3(M: list[list[Poly]], n: int) -> Poly:
    """Determinant of a 3×3 matrix of polynomials (cofactor expansion along the first row)."""
    total: Poly = {}
    for j, sign in ((0, 1), (1, -1), (2, 1)):
        c1, c2 = [k for k in range(3) if k != j]
        minor = add(mul(M[1][c1], M[2][c2]), mul(M[1][c2], M[2][c1]), -1)
        total = add(total, mul(M[0][j], minor), sign)
    return total


def evaluate(p: Poly, point: list[Fraction]) -> Fraction:
    total = Fraction(0)
    for m, c in p.items():
        term = c
        for x, e in zip(point, m, strict=True):
            term *= x**e
        total += term
    return total


def parse(text: str, variables: list[str], defines: dict[str, Poly] | None = None) -> Poly:
    """Parse restricted polynomial text; names must be in ``variables`` or ``defines``."""
    if not isinstance(text, str):
        raise PolyError("polynomial must be a string")
    if len(text) > MAX_TEXT:
        raise PolyError(f"polynomial text longer than {MAX_TEXT} characters")
    n, defines = len(variables), defines or {}
    tokens, pos = [], 0
    stripped = text.rstrip()
    while pos < len(stripped):
        m = _TOKEN.match(stripped, pos)
        if not m:
            raise PolyError(f"unexpected character {stripped[pos:].lstrip()[:1]!r} at position {pos}")
        tokens.append(m.group(1) or m.group(2) or ("**" if m.group(3) == "^" else m.group(3)))
        pos = m.end()
    if not tokens:
        raise PolyError("empty polynomial")
    k = 0

    def peek() -> str | None:
        return tokens[k] if k < len(tokens) else None

    def take() -> str:
        nonlocal k
        if k >= len(tokens):
            raise PolyError("unexpected end of expression")
        k += 1
        return tokens[k - 1]

    def expr(depth: int) -> Poly:
        if depth > 100:
            raise PolyError("expression nested too deeply")
        out = term(depth)
        while peek() in ("+", "-"):
            sign = 1 if take() == "+" else -1
            out = add(out, term(depth), sign)
        return out

    def term(depth: int) -> Poly:
        out = unary(depth)
        while peek() in ("*", "/"):
            if take() == "*":
                out = mul(out, unary(depth))
            else:
                d = unary(depth)
                if any(any(m) for m in d) or not d:
                    raise PolyError("division only by a non-zero constant")
                out = {m: c / d[(0,) * n] for m, c in out.items()}
        return out

    def unary(depth: int) -> Poly:
        sign = 1
        while peek() in ("+", "-"):
            sign *= 1 if take() == "+" else -1
        return {m: sign * c for m, c in pw(depth).items()}

    def pw(depth: int) -> Poly:
        base = atom(depth)
        if peek() == "**":
            take()
            e = take()
            if not e.isdigit():
                raise PolyError("exponent must be a non-negative integer literal")
            if len(e) > 3 or int(e) > MAX_EXPONENT:
                raise PolyError(f"exponent {e} exceeds {MAX_EXPONENT}")
            return power(base, int(e), n)
        return base

    def atom(depth: int) -> Poly:
        t = take()
        if t == "(":
            out = expr(depth + 1)
            if take() != ")":
                raise PolyError("expected ')'")
            return out
        if t.isdigit():
            if len(t) > MAX_LITERAL_DIGITS:
                raise PolyError(f"integer literal longer than {MAX_LITERAL_DIGITS} digits")
            return const(int(t), n)
        if t in variables:
            m = [0] * n
            m[variables.index(t)] = 1
            return {tuple(m): Fraction(1)}
        if t in defines:
            return dict(defines[t])
        if t[0].isalpha() or t[0] == "_":
            raise PolyError(f"unknown name {t!r} (allowed: {', '.join(list(variables) + list(defines))})")
        raise PolyError(f"unexpected token {t!r}")

    result = expr(0)
    if k != len(tokens):
        raise PolyError(f"unexpected token {tokens[k]!r}")
    return result


def to_record(p: Poly, variables: list[str]) -> dict:
    """Canonical JSON form: sorted ``[[exponents], "coefficient"]`` terms."""
    terms = [[list(m), str(c)] for m, c in sorted(p.items(), reverse=True)]
    return {"vars": list(variables), "terms": terms}


def from_record(rec: dict) -> tuple[Poly, list[str]]:
    try:
        variables = [str(v) for v in rec["vars"]]
        out: Poly = {}
        for m, c in rec["terms"]:
            if not all(type(e) is int and e >= 0 for e in m) or len(m) != len(variables):
                raise PolyError(f"bad monomial {m!r}")
            m = tuple(m)
            if m in out:
                raise PolyError(f"repeated monomial {m}")
            if not isinstance(c, str) or not _COEFF.fullmatch(c):
                raise PolyError(f"coefficient must be a string 'p' or 'p/q', got {c!r}")
            cf = Fraction(c)
            if cf == 0:
                raise PolyError("zero coefficient recorded")
            out[m] = cf
        return out, variables
    except (KeyError, TypeError, ValueError, ZeroDivisionError) as exc:
        raise PolyError(f"malformed polynomial record: {exc}") from exc
