"""Interval certificates (``proofs/intervals.py``: arb branch and bound + exact Bernstein fallback).

Lemma 1.1 and 1.3 are proved with most boxes closed by intervals and checked; perturbed claims are
refuted with exactly verified counterexamples; a cover without the exact fallback near the boundary
zeros is never reported as proved; tampered proofs are rejected; the interval bound is sound.
"""

from __future__ import annotations

import copy
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bernstein import CLOSED4, OPEN4, V4, S, _claim, _verify_counterexample

from checker import CertificateError
from checker.boxcover import check_cover as check_intervals
from checker.boxcover import interval_lower
from checker.poly import evaluate
from proofs import intervals, registry


@pytest.fixture(scope="module")
def lemma11() -> tuple:
    claim = registry.get("lemma1.1")
    return claim, intervals.certify(claim)


@pytest.mark.parametrize("name", ["lemma1.3", "lemma1.3.strict"])
def test_lemma13_proved_and_checked(name: str) -> None:
    claim = registry.get(name)
    res = intervals.certify(claim)
    assert res.status == "proved", res.detail
    assert res.stats["interval_leaves"] > res.stats["bernstein_leaves"] > 0
    assert "valid" in check_intervals(claim.record(), res.proof)


def test_lemma11_proved_and_checked(lemma11) -> None:
    claim, res = lemma11
    assert res.status == "proved", res.detail
    assert res.stats["interval_leaves"] > res.stats["bernstein_leaves"] > 0
    assert set(res.proof["tree"]) >= {"i", "b"}
    assert "valid" in check_intervals(claim.record(), res.proof)


@pytest.mark.slow
def test_intervals_alone_never_prove_open_domain_with_boundary_zeros() -> None:
    """Without the exact fallback every box touching S = 0 at (a=0, z=1) fails: must end 'unknown'."""
    claim = registry.get("lemma1.3")
    res = intervals.certify(claim, boundary_depth=10**6, fallback_depth=10**6, max_boxes=1500)
    assert res.status == "unknown" and res.proof is None
    assert intervals.certify(claim, timeout_s=0).status == "unknown"


@pytest.mark.parametrize("assume,show,rel", [
    (OPEN4, "S - 1/100", ">"),                                   # coefficient changed
    (OPEN4[:3] + ["a < 2*(b+1)+1/10"] + OPEN4[4:], "S", ">"),    # domain widened
    (CLOSED4, "S", ">"),                                         # strict ↔ non-strict on the closed domain
])
def test_perturbed_claims_refuted(assume: list[str], show: str, rel: str) -> None:
    claim = _claim(V4, assume, show, rel, {"S": S})
    res = intervals.certify(claim, timeout_s=60)
    assert res.status == "refuted", res.detail
    _verify_counterexample(claim, res.counterexample)


def test_checker_rejects_tampered_proofs(lemma11) -> None:
    claim, res = lemma11
    proof, tree = res.proof, res.proof["tree"]
    sign = "interval lower bound does not show the sign"
    cases = {  # label: (tampered proof, the reason the check it names gives)
        "drop a box": ({**proof, "tree": tree.replace("i", "", 1)}, sign),
        "leaf at the root": ({**proof, "tree": "i"}, sign),
        "interval leaf replaces a Bernstein leaf": ({**proof, "tree": tree.replace("b", "i")}, sign),
        "unknown token": ({**proof, "tree": tree.replace("i", "x", 1)}, "unknown leaf token 'x' for intervals"),
        "claimed as Bernstein proof": ({**proof, "method": "bernstein"}, "unknown leaf token 'i' for bernstein"),
    }
    sub = copy.deepcopy(proof)
    sub["boxmap"]["substitution"]["a"]["terms"][0][1] = "3"
    cases["shrink the domain (a = 3 t1 t2)"] = (sub, "recorded substitution for a differs")
    coef = copy.deepcopy(proof)
    coef["goal_on_box"]["terms"][0][1] = str(-Fraction(coef["goal_on_box"]["terms"][0][1]))
    cases["flip a coefficient"] = (coef, "recorded goal polynomial on the box differs from the composed goal")
    for label, (p, reason) in cases.items():
        with pytest.raises(CertificateError, match=reason):
            check_intervals(claim.record(), p)
            pytest.fail(f"accepted: {label}")
    widened = _claim(V4, OPEN4[:3] + ["a < 2*(b+1)+1/10"] + OPEN4[4:], "S", ">", {"S": S})
    with pytest.raises(CertificateError, match="recorded substitution for a differs"):
        check_intervals(widened.record(), proof)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 15), st.fractions(0, 1)), min_size=2, max_size=2),
       st.lists(st.lists(st.integers(-20, 20), min_size=3, max_size=3), min_size=3, max_size=3))
def test_interval_bound_is_sound(axes, coeffs) -> None:
    """For a random integer polynomial on a random dyadic box: E / 2^{Σ(e+1)d} ≤ q at a random point."""
    flat = [c for row in coeffs for c in row]
    box = [(n % (1 << e), e) for e, n, _ in axes]
    q = {(i, j): Fraction(flat[3 * i + j]) for i in range(3) for j in range(3) if flat[3 * i + j]}
    t = [Fraction(n, 1 << e) + s / (1 << e) for (n, e), (_, _, s) in zip(box, axes, strict=True)]
    scale = 2 ** sum((e + 1) * 2 for _, e in box)
    assert Fraction(interval_lower(q, (2, 2), box), scale) <= evaluate(q, t)
