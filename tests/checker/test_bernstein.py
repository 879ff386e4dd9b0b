"""Exact Bernstein certificates (``proofs/bernstein.py``) and their stdlib checker.

Lemma 1.1 (S > 0) and 1.3 (R1 ≥ 0, R1 > 0) are proved and checked; perturbed claims (coefficient
changed, domain widened, strict ↔ non-strict) are refuted with counterexamples re-verified here by exact
evaluation; tampered proof objects are rejected; the Bernstein kernels agree with exact evaluation.
"""

from __future__ import annotations

import copy
import dataclasses
from fractions import Fraction
from itertools import product
from math import comb

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import CertificateError
from checker import boxcover as K
from checker.boxcover import check_cover as check_bernstein
from checker.poly import add, evaluate, parse
from proofs import bernstein, registry
from proofs.boxmap import find_boxmap
from proofs.claim import Claim, Constraint


def _claim(vs: list[str], assume: list[str], show: str, rel: str, defines: dict | None = None) -> Claim:
    cons = []
    for s in assume:
        lhs, r, rhs = s.split(" ")
        cons.append(Constraint(add(parse(lhs, vs), parse(rhs, vs), -1), r))
    return Claim(name="t", statement="", source="", variables=tuple(vs), assume=tuple(cons),
                 show=Constraint(parse(show, vs, defines), rel))


def _verify_counterexample(claim: Claim, x: dict) -> None:
    """Independent exact check: every assumption holds and the goal fails at ``x``."""
    pt = [x[v] for v in claim.variables]
    ok = {">": lambda v: v > 0, ">=": lambda v: v >= 0, "<": lambda v: v < 0, "<=": lambda v: v <= 0}
    assert all(ok[c.rel](evaluate(c.poly, pt)) for c in claim.assume)
    assert not ok[claim.show.rel](evaluate(claim.show.poly, pt))


QUAD = "(x - 1/3)**2 + (y - 2/3)**2 - x*y/10 + 1/20"  # > 0 on the square, needs subdivision
L11, L13 = registry.get("lemma1.1"), registry.get("lemma1.3")
S = L11.show.poly
V4 = list(L11.variables)
OPEN4 = ["b > -1", "b < 1", "a > 0", "a < 2*(b+1)", "g >= 0", "g <= 1", "z > 0", "z < 1"]
CLOSED4 = ["b >= -1", "b <= 1", "a >= 0", "a <= 2*(b+1)", "g >= 0", "g <= 1", "z >= 0", "z <= 1"]


@pytest.mark.parametrize("name", ["lemma1.1", "lemma1.3", "lemma1.3.strict"])
def test_lemma1_proved_and_checked(name: str) -> None:
    claim = registry.get(name)
    res = bernstein.certify(claim)
    assert res.status == "proved", res.detail
    assert "valid" in check_bernstein(claim.record(), res.proof)


def test_boxmap_lemma1() -> None:
    bm = find_boxmap(L11)
    assert bm.order == ("b", "a", "g", "z")
    images = dict(zip(bm.variables, bm.images, strict=True))
    assert images["a"] == {(1, 1, 0, 0): 4} and images["b"] == {(1, 0, 0, 0): 2, (0, 0, 0, 0): -1}
    assert bm.open_faces == [(True, True), (True, True), (False, False), (True, True)]


@pytest.mark.parametrize("assume,why", [
    (["b > -1", "b < 1", "a > 0", "z > 0", "z < 1", "g >= 0", "g <= 1"], "no upper bound"),
    (["b > -1", "b < 1", "a > 0", "a*a < 2", "z > 0", "z < 1", "g >= 0", "g <= 1"], "not a bound"),
])
def test_not_box_mappable_is_unknown(assume: list[str], why: str) -> None:
    res = bernstein.certify(_claim(V4, assume, "S", ">", {"S": S}))
    assert res.status == "unknown" and "not applicable" in res.detail


def test_equality_assumption_is_unknown() -> None:
    c = dataclasses.replace(L11, assume=L11.assume + (Constraint(parse("g - 1/2", V4), "="),))
    assert bernstein.certify(c).status == "unknown"


@pytest.mark.parametrize("assume,show,rel", [
    (OPEN4, "S - 1/100", ">"),                                  # coefficient changed (constant 1 → 99/100)
    (OPEN4, "S + a*z/2", ">="),                                 # coefficient of a^2 z changed … via a*z term
    (OPEN4[:3] + ["a < 2*(b+1)+1/10"] + OPEN4[4:], "S", ">"),   # domain widened
    (CLOSED4, "S", ">"),                                        # strict on the closed domain: S(0,b,g,1) = 0
])
def test_perturbed_claims_refuted(assume: list[str], show: str, rel: str) -> None:
    claim = _claim(V4, assume, show, rel, {"S": S})
    res = bernstein.certify(claim, timeout_s=30)
    if show == "S + a*z/2":  # a harmless perturbation stays true: the method must not over-refute
        assert res.status == "proved"
        check_bernstein(claim.record(), res.proof)
        return
    assert res.status == "refuted", res.detail
    _verify_counterexample(claim, res.counterexample)


def test_non_strict_on_closed_domain_proved() -> None:
    claim = _claim(V4, CLOSED4, "S", ">=", {"S": S})
    res = bernstein.certify(claim)
    assert res.status == "proved"
    check_bernstein(claim.record(), res.proof)


def test_subdivision_needed_and_limits() -> None:
    claim = _claim(["x", "y"], ["x > 0", "x < 1", "y >= 0", "y <= 1"], QUAD, ">")
    res = bernstein.certify(claim)
    assert res.status == "proved" and len(res.proof["tree"]) > 1
    check_bernstein(claim.record(), res.proof)
    assert bernstein.certify(claim, max_boxes=2).status == "unknown"
    assert bernstein.certify(claim, timeout_s=0).status == "unknown"


def _tamper_cases(claim: Claim, proof: dict) -> list[tuple[str, dict, dict, str]]:
    """(label, tampered proof, claim record, the reason the check it names gives)."""
    out = []

    def mut(label: str, reason: str, f, rec: dict | None = None) -> None:
        p = copy.deepcopy(proof)
        f(p)
        out.append((label, p, rec or claim.record(), reason))

    def flip(p: dict) -> None:
        p["goal_on_box"]["terms"][0][1] = str(-Fraction(p["goal_on_box"]["terms"][0][1]))

    goal = "recorded goal polynomial on the box differs from the composed goal"
    mut("flip a coefficient sign", goal, flip)
    mut("change a coefficient", goal, lambda p: p["goal_on_box"]["terms"][-1].__setitem__(1, "2"))
    mut("shrink the domain (a = 2 t1 t2)", "recorded substitution for a differs",
        lambda p: p["boxmap"]["substitution"]["a"]["terms"][0].__setitem__(1, "2"))
    mut("change the substitution (z = t4^2)", "recorded substitution for z differs",
        lambda p: p["boxmap"]["substitution"]["z"]["terms"][0][0].__setitem__(3, 2))
    mut("cite the wrong assumption", "cited assumption is not a bound on variable 0",
        lambda p: p["boxmap"]["bounds"][1]["upper"].__setitem__("assume", 1))
    mut("open a closed face", "g: assumption 4 is not a strict lower bound",
        lambda p: p["boxmap"]["bounds"][2]["lower"].__setitem__("open", True))
    mut("swap the order", "cited assumption is not a bound on variable 0",
        lambda p: p["boxmap"].__setitem__("order", ["a", "b", "g", "z"]))
    mut("drop the only box", "tree ends before the leaves cover the box", lambda p: p.__setitem__("tree", ""))
    mut("extra tokens", "tree has tokens after the cover is complete",
        lambda p: p.__setitem__("tree", p["tree"] + "+"))
    mut("split axis out of range", "split axis 7 out of range", lambda p: p.__setitem__("tree", "7++"))
    widened = _claim(V4, OPEN4[:3] + ["a < 2*(b+1)+1/10"] + OPEN4[4:], "S", ">", {"S": S})
    mut("proof reused for a widened domain", "recorded substitution for a differs", lambda p: None, widened.record())
    closed = _claim(V4, CLOSED4, "S", ">", {"S": S})
    mut("proof reused for the closed (false) claim", "b: assumption 0 is not a strict lower bound", lambda p: None,
        closed.record())
    return out


def test_checker_rejects_tampered_proofs() -> None:
    claim = _claim(V4, OPEN4, "S", ">", {"S": S})
    proof = bernstein.certify(claim).proof
    check_bernstein(claim.record(), proof)
    for label, p, rec, reason in _tamper_cases(claim, proof):
        with pytest.raises(CertificateError, match=reason):
            check_bernstein(rec, p)
            pytest.fail(f"accepted: {label}")


def test_checker_rejects_wrong_leaf_and_dropped_box() -> None:
    claim = _claim(["x", "y"], ["x > 0", "x < 1", "y >= 0", "y <= 1"], QUAD, ">")
    proof = bernstein.certify(claim).proof
    tree = proof["tree"]
    negative, short = "a Bernstein coefficient is negative", "tree ends before the leaves cover the box"
    for bad, reason in (("+", negative), (tree[:-1], short), (tree.replace("+", "", 1), short), ("0" + tree, negative)):
        with pytest.raises(CertificateError, match=reason):
            check_bernstein(claim.record(), {**proof, "tree": bad})


def _bern_value(c: dict, deg: tuple[int, ...], s: list[Fraction]) -> Fraction:
    total = Fraction(0)
    for k, v in c.items():
        term = Fraction(v)
        for ki, d, si in zip(k, deg, s, strict=True):
            term *= comb(d, ki) * si**ki * (1 - si) ** (d - ki)
        total += term
    return total


def _proportional(x: list, y: list) -> bool:
    """``x = λ y`` for some ``λ > 0``."""
    i = next(i for i, v in enumerate(y) if v)
    return x[i] * y[i] > 0 and all(a * y[i] == b * x[i] for a, b in zip(x, y, strict=True))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 2)), min_size=2, max_size=2),
       st.lists(st.fractions(0, 1), min_size=4, max_size=4), st.integers(0, 1))
def test_bernstein_kernels_match_exact_evaluation(box, s, axis) -> None:
    """On a random dyadic box the checker's Bernstein form is a positive multiple of ``q`` (checked at two random
    points), and the producer's independent implementation (python-flint matrices, de Casteljau halving) gives a
    positive multiple of the checker's coefficients, on the box and on both halves."""
    bg = bernstein.prepare(L13)
    box = [(n % (1 << e), e) for e, n, _ in box] + [(0, 0)]
    deg = tuple(d - 1 for d in bg.shape)
    c = K.bernstein(K.on_box(bg.q, deg, box, False), deg)
    t = [[Fraction(n, 1 << e) + si / (1 << e) for (n, e), si in zip(box, pt, strict=True)]
         for pt in (s[:3], s[1:])]
    v1, v2 = _bern_value(c, deg, s[:3]), _bern_value(c, deg, s[1:])
    q1, q2 = evaluate(bg.q, t[0]), evaluate(bg.q, t[1])
    assert v1 * q2 == v2 * q1 and v1 * q1 >= 0 and (v1 == 0) == (q1 == 0)
    index = list(product(*(range(d) for d in bg.shape)))
    produced = bernstein.on_box(bg.shape, bg.flat, box)
    assert _proportional(produced, [c.get(k, 0) for k in index])
    num, e = box[axis]
    for half, cc in zip((0, 1), bernstein.split(bg.shape, produced, axis), strict=True):
        sub = box[:axis] + [(2 * num + half, e + 1)] + box[axis + 1:]
        mine = K.bernstein(K.on_box(bg.q, deg, sub, False), deg)
        assert _proportional(cc, [mine.get(k, 0) for k in index])


@settings(max_examples=40, deadline=None)
@given(st.fractions(-1, 1), st.fractions(0, 1), st.fractions(0, 1), st.fractions(0, 1))
def test_proved_claim_consistent_with_exact_evaluation(b, ta, g, z) -> None:
    """Random rational points of the open Lemma 1.1 domain: S > 0 exactly (as the certificate says)."""
    a = 2 * (b + 1) * ta
    if -1 < b < 1 and 0 < a < 2 * (b + 1) and 0 < z < 1:
        assert evaluate(S, [a, b, g, z]) > 0
