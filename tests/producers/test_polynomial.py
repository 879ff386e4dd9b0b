"""The producers' polynomial module: parser against sympy on random trees, records, limits, rejections."""

from __future__ import annotations

import json
from fractions import Fraction
from math import comb, prod
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from proofs import bernstein as B
from symbolic import polynomial as P
from symbolic.polyconv import to_poly
from symbolic.targets import TARGETS, VARIABLES

VS = ["a", "b", "z"]
SYMS = sp.symbols(VS)
ROOT = Path(__file__).resolve().parents[2]


def trees(depth: int = 4):
    """(text, sympy expression) pairs built side by side — sympy never sees the text."""
    leaf = st.one_of(
        st.integers(0, 40).map(lambda n: (str(n), sp.Integer(n))),
        st.sampled_from(range(3)).map(lambda i: (VS[i], SYMS[i])),
    )

    def extend(children):
        binop = st.tuples(children, st.sampled_from(["+", "-", "*"]), children).map(
            lambda t: (f"({t[0][0]}) {t[1]} ({t[2][0]})",
                       {"+": t[0][1] + t[2][1], "-": t[0][1] - t[2][1], "*": t[0][1] * t[2][1]}[t[1]]))
        power = st.tuples(children, st.integers(0, 3), st.sampled_from(["**", "^"])).map(
            lambda t: (f"({t[0][0]}){t[2]}{t[1]}", t[0][1] ** t[1]))
        div = st.tuples(children, st.integers(1, 9)).map(lambda t: (f"({t[0][0]})/{t[1]}", t[0][1] / t[1]))
        neg = children.map(lambda c: (f"-({c[0]})", -c[1]))
        return st.one_of(binop, power, div, neg)

    return st.recursive(leaf, extend, max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(trees())
def test_parse_equals_sympy_expansion(pair) -> None:
    text, expr = pair
    assert P.parse(text, VS) == to_poly(expr, VS)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(trees(), st.lists(st.fractions(max_denominator=7), min_size=3, max_size=3))
def test_evaluate_and_degree_bound(pair, point) -> None:
    text, expr = pair
    p = P.parse(text, VS)
    assert P.evaluate(p, point) == sp.Rational(expr.subs(dict(zip(SYMS, [sp.Rational(q.numerator, q.denominator)
                                                                          for q in point], strict=True))))
    assert P.degree_bound(text, {v: 1 for v in VS}) >= P.degree(p)


def test_precedence_and_signs() -> None:
    a = {(1, 0, 0): Fraction(1)}
    assert P.parse("-a^2", VS) == {(2, 0, 0): Fraction(-1)}
    assert P.parse("2*a^2 + 1", VS) == {(2, 0, 0): Fraction(2), (0, 0, 0): Fraction(1)}
    assert P.parse("a - - - b", VS) == {(1, 0, 0): Fraction(1), (0, 1, 0): Fraction(-1)}
    assert P.parse("7*a/14", VS) == {(1, 0, 0): Fraction(1, 2)}
    assert P.parse("a\n+\tb - b", VS) == a
    assert P.parse("+".join(["a"] * 9000), VS) == {(1, 0, 0): Fraction(9000)}  # deep tree, no recursion error
    assert P.parse("-" * 9001 + "a", VS) == {(1, 0, 0): Fraction(-1)}
    assert P.parse("R + a", VS, {"R": a}) == {(1, 0, 0): Fraction(2)}
    lam = ["lambda", "if"]  # Python keywords are ordinary names of the grammar
    assert P.parse("lambda*if", lam) == {(1, 1): Fraction(1)}


REJECT = {
    "0x10": "unexpected token", "1e3": "decimal number", "1_000": "unexpected token", "2a": "unexpected token",
    "1.5": "decimal number", "a.b": "unexpected character", "__import__('os')": "unexpected character",
    "a,b": "unexpected character", "λ": "unexpected character", "a**(2)": "exponent must be",
    "a**-1": "exponent must be", "a**2**2": "exponent must be", "a/b": "division only",
    "a^65": "total degree 65 exceeds the limit 64",
    "a/(1-1)": "division only", "q": "unknown name", "True": "unknown name", "a b": "malformed",
    "(a": "malformed", "": "empty", "a//2": "unsupported", "(" * 101 + "a" + ")" * 101: "nested too deeply",
    "9" * 401: "coefficient with 401 digits exceeds the limit 400", "007": "no leading zero",
    "a" * 20001: "longer than 20000",
    "(a+b+z+1)**64": "terms exceed the limit 20000",
    "(((2*a)**64)**64)**64": "total degree 262144 exceeds the limit 64",
}


@pytest.mark.parametrize("text", [pytest.param(t, marks=pytest.mark.slow) if "**64" in t else t
                                  for t in sorted(REJECT)])
def test_rejections(text) -> None:
    with pytest.raises(P.PolyError, match=REJECT[text]):
        P.parse(text, VS)


def test_record_round_trip_is_byte_identical_on_committed_certificate() -> None:
    content = json.loads((ROOT / "certificates" / "derivation.json").read_text())["content"]
    for key in ("S", "R1", "u_num", "v_num"):
        rec = content[key]
        p, vs = P.from_record(rec)
        assert json.dumps(P.to_record(p, vs), sort_keys=True) == json.dumps(rec, sort_keys=True)
        assert p == P.parse(TARGETS[key], list(VARIABLES))  # the printed target equals the derived record


@pytest.mark.parametrize("bad", [
    {"vars": ["a"], "terms": [[[1], "0"]]}, {"vars": ["a"], "terms": [[[1], "1"], [[1], "2"]]},
    {"vars": ["a"], "terms": [[[1, 0], "1"]]}, {"vars": ["a"], "terms": [[[1], 1]]},
    {"vars": ["a"], "terms": [[[1], "1/0"]]}, {"vars": ["a"], "terms": [[[-1], "1"]]},
    {"vars": ["a"]}, {"vars": ["a"], "terms": [[[True], "1"]]},
])
def test_from_record_is_strict(bad) -> None:
    with pytest.raises(P.PolyError):
        P.from_record(bad)


# -------------------------------------------------------------- the producers' Bernstein tensor algebra


def _bern_eval(shape, c, t):
    """Σ_k c_k Π_i C(d_i, k_i) t_i^{k_i} (1 − t_i)^{d_i − k_i} (row-major ``c``)."""
    total = Fraction(0)
    for idx in range(len(c)):
        ks, rest = [], idx
        for d1 in reversed(shape):
            ks.append(rest % d1)
            rest //= d1
        ks.reverse()
        total += c[idx] * prod(comb(d1 - 1, k) * x**k * (1 - x) ** (d1 - 1 - k)
                               for d1, k, x in zip(shape, ks, t, strict=True))
    return total


def _mono_eval(shape, flat, t):
    total = Fraction(0)
    for idx, v in enumerate(flat):
        rest, val = idx, Fraction(v)
        for i in reversed(range(len(shape))):
            val *= t[i] ** (rest % shape[i])
            rest //= shape[i]
        total += val
    return total


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=3).flatmap(
    lambda shape: st.tuples(st.just(tuple(shape)), st.lists(st.integers(-9, 9), min_size=prod(shape),
                                                              max_size=prod(shape)),
                            st.lists(st.tuples(st.integers(0, 3), st.integers(0, 7)), min_size=len(shape),
                                     max_size=len(shape)))))
def test_bernstein_coefficients_represent_the_polynomial(args) -> None:
    shape, flat, raw_box = args
    box = [(num % (1 << e), e) for e, num in raw_box]
    pts = [[Fraction(k + 1, 7 + i) for i in range(len(shape))] for k in range(3)]
    c = B.on_box(shape, flat, box)
    # on the box, the Bernstein form at s equals q at lo + s·width, up to one positive constant
    ratios = set()
    for s in pts:
        x = [Fraction(num, 1 << e) + si / (1 << e) for (num, e), si in zip(box, s, strict=True)]
        q, b = _mono_eval(shape, flat, x), _bern_eval(shape, c, s)
        assert (q == 0) == (b == 0)
        if q:
            ratios.add(b / q)
    assert len(ratios) <= 1 and all(r > 0 for r in ratios)
    axis = 0
    left, right = B.split(shape, B.to_bernstein(shape, flat), axis)
    whole = B.to_bernstein(shape, flat)
    for s in pts:
        half = [s[0] / 2] + s[1:]
        # left half at s is the whole at s/2 (times 2^d); right half at s is the whole at (1+s)/2
        assert _bern_eval(shape, left, s) == 2 ** (shape[0] - 1) * _bern_eval(shape, whole, half)
        assert _bern_eval(shape, right, s) == 2 ** (shape[0] - 1) * _bern_eval(shape, whole,
                                                                             [(1 + s[0]) / 2] + s[1:])


def test_leaf_criterion() -> None:
    shape = (3,)  # degree 2 on one axis
    whole = [(0, 0)]
    assert B.leaf_failure(shape, [1, 0, 1], whole, [(False, False)], strict=False) is None
    assert B.leaf_failure(shape, [1, -1, 5], whole, [(False, False)], strict=False) == \
        "a Bernstein coefficient is negative"
    assert B.leaf_failure(shape, [0, 1, 1], whole, [(False, False)], strict=True) == \
        "face l has no positive coefficient"  # q(0) = 0 on a closed face
    assert B.leaf_failure(shape, [0, 1, 1], whole, [(True, False)], strict=True) is None  # open face
    assert B.leaf_failure(shape, [0, 1, 1], [(1, 1)], [(True, False)], strict=True) == \
        "face l has no positive coefficient"  # interior box: its lower face is in the domain
