"""Fuzzing the trusted checker's polynomial parser ``checker.poly.parse``.

Contract tested: on any input ``parse`` returns a polynomial or raises ``PolyError`` (never another
exception), never evaluates code (``eval``/``exec``/``compile``/``__import__`` are booby-trapped while it
runs), rejects everything outside the grammar (integers, names, ``+ - * / ** ^ ( )``, integer exponents
≤ 64, division by non-zero constants), and agrees with sympy's expansion on random polynomials and random
expression trees.
"""

from __future__ import annotations

import builtins
import contextlib
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.poly import MAX_EXPONENT, PolyError, parse

VARS = ["a", "b", "g", "z"]
SYMS = sp.symbols(VARS)


@contextlib.contextmanager
def no_code_execution():
    """Make eval/exec/compile/__import__ raise while the parser runs."""
    saved = {k: getattr(builtins, k) for k in ("eval", "exec", "compile", "__import__")}

    def trap(*_a, **_k):
        raise AssertionError("the parser tried to evaluate or import code")

    try:
        for k in saved:
            setattr(builtins, k, trap)
        yield
    finally:
        for k, v in saved.items():
            setattr(builtins, k, v)


def safe_parse(text: str, variables=VARS, defines=None):
    """Parse with code execution trapped; return the polynomial or the PolyError raised."""
    with no_code_execution():
        try:
            return parse(text, variables, defines)
        except PolyError as exc:
            return exc


def sympy_poly(expr: sp.Expr) -> dict:
    P = sp.Poly(sp.expand(expr), *SYMS, domain="QQ")
    return {m: Fraction(int(c.p), int(c.q)) for m, c in P.terms() if c != 0}


# ---------------------------------------------------------------- hostile inputs

HOSTILE = [
    "__import__('os')",
    "__import__('os').system('true')",
    "().__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "a.__class__",
    "1 if 1 else 2",
    "lambda: 1",
    "lambda a: a",
    "[a]",
    "{a}",
    "{}",
    "a;b",
    "a,b",
    "'a'",
    '"a"',
    "a==b",
    "a<b",
    "a @ b",
    "a % b",
    "a // b",
    "a & b",
    "a | b",
    "~a",
    "not a",
    "a and b",
    "a**-1",
    "a**b",
    "a**(1/2)",
    "a**1.5",
    "a**(2)",
    "1.5*a",
    "1e3",
    "0x10",
    "1_000",
    "a**" + str(MAX_EXPONENT + 1),
    "a**99999999999999999999",
    "(a",
    "a)",
    "()",
    "",
    "   ",
    "+",
    "a +",
    "* a",
    "a b",
    "2a",
    "a**2**3",
    "x",
    "alpha",
    "α",
    "ａ",  # fullwidth a
    "a\u200b",
    "a\x00",
    "a/0",
    "a/(b-b)",
    "a/b",
    "a/(1+b)",
    "exec",
    "eval('1')",
    "open('/etc/passwd')",
    "a.real",
    "a[0]",
    "a\\\nb",
    "#a",
    "a # comment",
    "(" * 150 + "a" + ")" * 150,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_rejected_without_evaluation(text):
    assert isinstance(safe_parse(text), PolyError)


@pytest.mark.parametrize("text", [None, 3, b"a", ["a"], {"a": 1}])
def test_non_string_is_rejected(text):
    assert isinstance(safe_parse(text), PolyError)


def test_boundaries_accepted():
    assert safe_parse("a**" + str(MAX_EXPONENT)) == {(MAX_EXPONENT, 0, 0, 0): Fraction(1)}
    assert safe_parse("(" * 90 + "a" + ")" * 90) == {(1, 0, 0, 0): Fraction(1)}
    assert safe_parse("a^2") == safe_parse("a**2")
    assert safe_parse("  a  ") == {(1, 0, 0, 0): Fraction(1)}
    assert safe_parse("a - a") == {}
    assert safe_parse("-a**2") == {(2, 0, 0, 0): Fraction(-1)}  # Python precedence: -(a**2)
    assert safe_parse("(-a)**2") == {(2, 0, 0, 0): Fraction(1)}
    assert safe_parse("1/3*a/2") == {(1, 0, 0, 0): Fraction(1, 6)}
    assert safe_parse("2/4") == {(0, 0, 0, 0): Fraction(1, 2)}


def test_defines():
    d = {"S": safe_parse("a + b")}
    assert safe_parse("S**2 - a**2 - b**2", defines=d) == {(1, 1, 0, 0): Fraction(2)}
    assert isinstance(safe_parse("T", defines=d), PolyError)


def test_long_sign_chain_parses_without_recursion():
    """Unary signs are consumed iteratively: no RecursionError, and the sign is right."""
    assert safe_parse("-" * 3000 + "a") == {(1, 0, 0, 0): Fraction(1)}
    assert safe_parse("-" * 3001 + "a") == {(1, 0, 0, 0): Fraction(-1)}


def test_huge_integer_literal_raises_polyerror_or_parses():
    r = safe_parse("9" * 5000 + "*a")
    assert isinstance(r, PolyError) or r == {
        (1, 0, 0, 0): Fraction(int("9" * 4000) * 10**1000 + int("9" * 1000))
    }


def test_non_ascii_digits_rejected():
    assert isinstance(safe_parse("\u0663*a"), PolyError)


# ---------------------------------------------------------------- random text never crashes

ALPHABET = st.sampled_from(list("abgz019+-*/^()_. xα,;'[]{}=<>%@!~&|\\\n\t") + ["**", "__import__", "lambda"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_random_token_soup_never_crashes(text):
    r = safe_parse(text)
    assert isinstance(r, (dict, PolyError))
    if isinstance(r, dict):  # anything accepted must be a valid polynomial that sympy agrees with
        assert all(isinstance(c, Fraction) and c != 0 for c in r.values())
        assert r == sympy_poly(sp.sympify(text.replace("^", "**"), locals=dict(zip(VARS, SYMS, strict=True))))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_random_unicode_never_crashes(text):
    assert isinstance(safe_parse(text), (dict, PolyError))


# ---------------------------------------------------------------- agreement with sympy

monomials = st.tuples(*[st.integers(0, 4)] * 4)
coeffs = st.fractions(min_value=-50, max_value=50, max_denominator=12).filter(lambda c: c != 0)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(st.dictionaries(monomials, coeffs, max_size=12), st.sampled_from(["sstr", "str", "expanded-by-hand"]))
def test_round_trip_random_polynomials(poly, style):
    expr = sp.Add(
        *[
            sp.Rational(c.numerator, c.denominator) * sp.Mul(*[s**e for s, e in zip(SYMS, m, strict=True)])
            for m, c in poly.items()
        ]
    )
    if style == "sstr":
        text = sp.sstr(expr, order="lex")
    elif style == "str":
        text = str(expr)
    else:  # our own rendering: (p/q)*a^2*b with ^ and redundant parentheses
        parts = []
        for m, c in poly.items():
            mono = "*".join(f"{v}^{e}" if e > 1 else v for v, e in zip(VARS, m, strict=True) if e)
            parts.append(f"({c.numerator}/{c.denominator})" + (f"*({mono})" if mono else ""))
        text = " + ".join(parts) or "0"
    assert safe_parse(text) == poly


def _tree():
    leaf = st.one_of(st.sampled_from(VARS), st.integers(0, 9).map(str))
    return st.recursive(
        leaf,
        lambda t: st.one_of(
            st.tuples(t, st.sampled_from([" + ", " - ", "*"]), t).map(lambda x: f"({x[0]}{x[1]}{x[2]})"),
            # a chained power a**2**3 is outside the grammar (rejected), so a compound base is bracketed
            st.tuples(t, st.integers(0, 3)).map(
                lambda x: f"{x[0]}**{x[1]}" if x[0].isalnum() else f"({x[0]})**{x[1]}"
            ),
            t.map(lambda x: f"-{x}"),
            st.tuples(t, st.integers(1, 7)).map(lambda x: f"{x[0]}/{x[1]}"),
        ),
        max_leaves=12,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tree())
def test_random_expression_trees_agree_with_sympy(text):
    expected = sympy_poly(sp.sympify(text, locals=dict(zip(VARS, SYMS, strict=True))))
    assert safe_parse(text) == expected
