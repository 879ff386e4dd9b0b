"""Exact multivariate polynomials over Q, standard library only.

A polynomial is a ``dict`` from exponent tuples (one entry per variable of a fixed, separately kept
variable list) to non-zero ``Fraction`` coefficients; ``{}`` is zero. Equality of dicts is equality of
polynomials, so every identity the checker relies on is decided by exact expansion.

``parse`` reads the claim grammar — integers, rationals ``p/q``, names, ``+ - * / ** ^ ( )``,
non-negative integer exponents, division only by a non-zero constant — by recursive descent, never
``eval``.

Examples:
    >>> p = parse("(a + 1)**2 - 2*a", ["a"])
    >>> p == parse("a^2 + 1", ["a"])
    True
    >>> evaluate(p, [Fraction(1, 2)])
    Fraction(5, 4)
    >>> parse("a/b", ["a", "b"])
    Traceback (most recent call last):
    ...
    checker.poly.PolyError: division only by a non-zero constant
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import reduce
from math import prod

Poly = dict[tuple[int, ...], Fraction]

# limits on input size: exponent, text length, digits of a literal, terms of a polynomial, bits of a power
MAX_EXPONENT, MAX_TEXT, MAX_LITERAL_DIGITS, MAX_TERMS, MAX_BITS = 9999, 20000, 400, 20000, 100_000
_TOKEN = re.compile(r"[ \t\r\n]*(?:([0-9]+)|([A-Za-z_][A-Za-z_0-9]*)|(\*\*|[-+*/()^]))", re.ASCII)
_COEFF = re.compile(r"-?[0-9]+(/[0-9]+)?", re.ASCII)


class PolyError(ValueError):
    """Malformed polynomial text or record."""


def const(c: Fraction | int, n: int) -> Poly:
    """The constant ``c`` in ``n`` variables."""
    return {(0,) * n: Fraction(c)} if c else {}


def var(i: int, n: int) -> Poly:
    """The ``i``-th of ``n`` variables."""
    return {tuple(int(j == i) for j in range(n)): Fraction(1)}


def add(p: Poly, q: Poly, sign: int = 1) -> Poly:
    """``p + sign·q``."""
    out = dict(p)
    for m, c in q.items():
        out[m] = out.get(m, 0) + sign * c
    return {m: c for m, c in out.items() if c}


def scale(p: Poly, c: Fraction | int) -> Poly:
    """``c·p``."""
    return {m: c * k for m, k in p.items()} if c else {}


def mul(p: Poly, q: Poly) -> Poly:
    """``p·q`` (refuses products with more than ``MAX_TERMS`` terms)."""
    if len(p) * len(q) > 50 * MAX_TERMS:
        raise PolyError(f"polynomial product too large (more than {MAX_TERMS} terms expected)")
    out: Poly = {}
    for m1, c1 in p.items():
        for m2, c2 in q.items():
            m = tuple(x + y for x, y in zip(m1, m2, strict=True))
            out[m] = out.get(m, 0) + c1 * c2
    if len(out := {m: c for m, c in out.items() if c}) > MAX_TERMS:
        raise PolyError(f"polynomial has more than {MAX_TERMS} terms")
    return out


def power(p: Poly, k: int, n: int) -> Poly:
    """``p**k`` by repeated squaring (refuses results with more than ``MAX_BITS``-bit coefficients)."""
    bits = max((max(abs(c.numerator), c.denominator).bit_length() for c in p.values()), default=0)
    if bits * k > MAX_BITS or max((sum(m) for m in p), default=0) * k > 100 * MAX_EXPONENT:
        raise PolyError("power too large")
    half = power(p, k // 2, n) if k > 1 else const(1, n)
    return mul(mul(half, half), p) if k % 2 else mul(half, half)


def diff(p: Poly, i: int) -> Poly:
    """Partial derivative with respect to variable ``i``."""
    return {m[:i] + (m[i] - 1,) + m[i + 1:]: c * m[i] for m, c in p.items() if m[i]}


def subs(p: Poly, images: list[Poly], n: int) -> Poly:
    """``p(images)``: variable ``i`` replaced by the polynomial ``images[i]`` in ``n`` new variables."""
    out: Poly = {}
    for m, c in p.items():
        out = add(out, reduce(mul, (power(img, e, n) for img, e in zip(images, m, strict=True) if e), const(c, n)))
    return out


def det3(M: list[list[Poly]], n: int) -> Poly:
    """Determinant of a 3×3 matrix of polynomials (cofactor expansion along the first row)."""
    total: Poly = {}
    for j, sign in ((0, 1), (1, -1), (2, 1)):
        c1, c2 = [k for k in range(3) if k != j]
        total = add(total, mul(M[0][j], add(mul(M[1][c1], M[2][c2]), mul(M[1][c2], M[2][c1]), -1)), sign)
    return total


def evaluate(p: Poly, point: list[Fraction]) -> Fraction:
    """Exact value of ``p`` at a rational point."""
    return sum((c * prod(x**e for x, e in zip(point, m, strict=True)) for m, c in p.items()), Fraction(0))


def parse(text: str, variables: list[str], defines: dict[str, Poly] | None = None) -> Poly:
    """Parse claim-grammar text; names must be in ``variables`` or ``defines``."""
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise PolyError(f"polynomial must be a string of at most {MAX_TEXT} characters")
    n, defines, stripped, tokens, pos = len(variables), defines or {}, text.rstrip(), [], 0
    while pos < len(stripped):
        if not (m := _TOKEN.match(stripped, pos)):
            raise PolyError(f"unexpected character {stripped[pos:].lstrip()[:1]!r} at position {pos}")
        tokens.append(m.group(1) or m.group(2) or ("**" if m.group(3) == "^" else m.group(3)))
        pos = m.end()
    tokens.append(None)  # end marker
    k = 0

    def take(*expect: str) -> str | None:
        nonlocal k
        if expect and tokens[k] not in expect:
            return None
        if tokens[k] is None:
            raise PolyError("unexpected end of expression")
        k += 1
        return tokens[k - 1]

    def expr(depth: int) -> Poly:
        if depth > 100:
            raise PolyError("expression nested too deeply")
        out = term(depth)
        while op := take("+", "-"):
            out = add(out, term(depth), 1 if op == "+" else -1)
        return out

    def term(depth: int) -> Poly:
        out = unary(depth)
        while op := take("*", "/"):
            d = unary(depth)
            if op == "/" and (not d or any(any(m) for m in d)):
                raise PolyError("division only by a non-zero constant")
            out = mul(out, d) if op == "*" else scale(out, 1 / d[(0,) * n])
        return out

    def unary(depth: int) -> Poly:
        sign = 1
        while op := take("+", "-"):
            sign *= 1 if op == "+" else -1
        base = atom(depth)
        if take("**"):
            if not (e := take() or "").isdigit():
                raise PolyError("exponent must be a non-negative integer literal")
            if len(e) > 4 or int(e) > MAX_EXPONENT:
                raise PolyError(f"exponent {e} exceeds {MAX_EXPONENT}")
            base = power(base, int(e), n)
        return scale(base, sign)

    def atom(depth: int) -> Poly:
        t = take()
        if t == "(":
            out = expr(depth + 1)
            if not take(")"):
                raise PolyError("expected ')'")
            return out
        if t.isdigit() and (len(t) > MAX_LITERAL_DIGITS or (t[0] == "0" and len(t) > 1)):
            raise PolyError(f"integer literal {t[:12]!r}: at most {MAX_LITERAL_DIGITS} digits, no leading zero")
        if t.isdigit() or t in variables or t in defines:
            return const(int(t), n) if t.isdigit() else var(variables.index(t), n) if t in variables else defines[t]
        if t[0].isalpha() or t[0] == "_":
            raise PolyError(f"unknown name {t!r} (allowed: {', '.join(list(variables) + list(defines))})")
        raise PolyError(f"unexpected token {t!r}")

    if tokens == [None]:
        raise PolyError("empty polynomial")
    result = expr(0)
    if tokens[k] is not None:
        raise PolyError(f"unexpected token {tokens[k]!r}")
    return result


def from_record(rec: dict) -> tuple[Poly, list[str]]:
    """Read a record ``{"vars", "terms": [[exps], "p/q"]}``; refuses repeated or zero terms, non-string coefficients."""
    try:
        variables, out = [str(v) for v in rec["vars"]], {}
        for m, c in rec["terms"]:
            if not all(type(e) is int and e >= 0 for e in m) or len(m) != len(variables):
                raise PolyError(f"bad monomial {m!r}")
            if tuple(m) in out:
                raise PolyError(f"repeated monomial {tuple(m)}")
            if not isinstance(c, str) or not _COEFF.fullmatch(c) or Fraction(c) == 0:
                raise PolyError(f"coefficient must be a non-zero string 'p' or 'p/q', got {c!r}")
            out[tuple(m)] = Fraction(c)
        return out, variables
    except (KeyError, TypeError, ValueError, ZeroDivisionError) as exc:
        raise PolyError(f"malformed polynomial record: {exc}") from exc
