"""Backends z3, cvc5, QEPCAD B: prove true claims, refute perturbed ones with exact counterexamples."""

from __future__ import annotations

import os
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import semialgebraic as checker
from checker.poly import add, evaluate, parse
from checker.solver_inputs import smt_constraints
from proofs.claim import Claim, Constraint
from proofs.registry import get
from proofs.solvers import Verdict, cvc5_backend, find_witness, is_counterexample, qepcad_backend, z3_backend
from proofs.solvers.formula import QClaim
from proofs.solvers.smtlib import claim_script

QEPCAD_MISSING = qepcad_backend.binary() is None
REQUIRE = os.environ.get("SGD_PROOFS_REQUIRE_QEPCAD") == "1"
needs_qepcad = pytest.mark.skipif(QEPCAD_MISSING and not REQUIRE,
                                  reason="qepcad not installed (Debian package 'qepcad'); CI requires it")
SMT = [z3_backend, cvc5_backend]


def _replace(claim: Claim, **kw) -> Claim:
    fields = {f: getattr(claim, f) for f in ("name", "statement", "source", "variables", "assume", "show")}
    fields.update(kw)
    return Claim(**fields)


def perturbed() -> dict[str, Claim]:
    """False variants of Lemma 1.3: coefficient changed, domain widened, strict/non-strict flipped."""
    l13 = get("lemma1.3")
    vs = list(l13.variables)
    # coefficient changed: R1 - 2 (constant term 1 -> -1) is negative near z = 0
    shifted = Constraint(add(l13.show.poly, parse("2", vs), -1), ">=")
    # domain widened: a < 2(b+1) + 1/10 instead of a < 2(b+1)
    wide = list(l13.assume)
    wide[3] = Constraint(add(wide[3].poly, parse("1/10", vs)), ">")
    # strict <-> non-strict: closed domain with the strict goal R1 > 0 (R1 = 0 at a=0, b=-1, z=1)
    closed = tuple(Constraint(c.poly, ">=") for c in l13.assume)
    return {
        "coefficient": _replace(l13, name="coef", show=shifted),
        "widened": _replace(l13, name="wide", assume=tuple(wide)),
        "strictness": _replace(l13, name="strict", assume=closed, show=Constraint(l13.show.poly, ">")),
    }


@pytest.mark.parametrize("backend", SMT, ids=["z3", "cvc5"])
@pytest.mark.parametrize("name", ["lemma1.1", "lemma1.3", "appH.if.real_ge1"])
def test_smt_proves_registered_claims(backend, name):
    v = backend.decide(get(name), 30)
    assert v.status == "proved", v.detail


@pytest.mark.parametrize("backend", SMT, ids=["z3", "cvc5"])
@pytest.mark.parametrize("kind", ["coefficient", "widened", "strictness"])
def test_smt_refutes_perturbed_with_exact_counterexample(backend, kind):
    claim = perturbed()[kind]
    v = backend.decide(claim, 30)
    assert v.status == "refuted", v.detail
    assert v.counterexample is not None and all(isinstance(q, Fraction) for q in v.counterexample)
    # independent re-check with the checker's own evaluator
    assert all(checker.holds((c.poly, c.rel), v.counterexample) for c in claim.assume)
    assert evaluate(claim.show.poly, v.counterexample) < (0 if claim.show.rel == ">=" else 1)
    assert not checker.holds((claim.show.poly, claim.show.rel), v.counterexample)


@needs_qepcad
@pytest.mark.parametrize("name", ["lemma1.1", "lemma1.3"])
def test_qepcad_proves(name):
    v = qepcad_backend.decide(get(name), 60)
    assert v.status == "proved", v.detail
    assert v.extra["inputs"]["qepcad"].startswith(f"[{name}]")


@needs_qepcad
@pytest.mark.parametrize("kind", ["coefficient", "widened", "strictness"])
def test_qepcad_refutes_perturbed(kind):
    v = qepcad_backend.decide(perturbed()[kind], 60)
    assert v.status == "refuted", v.detail
    assert v.counterexample is None  # QEPCAD gives no witness: never an unverified point


@needs_qepcad
def test_qepcad_quantified_equivalence_both_directions():
    v = qepcad_backend.decide(get("appH.equivalence"), 60)
    assert v.status == "proved", v.detail
    # a wrong target (region with a < 2(1+b) replaced by a < 1+b) must be refuted
    q = get("appH.equivalence")
    vs = q.all_variables()
    wrong = list(q.target)
    terms = [[[0, 1, 0, 0], "1"], [[1, 0, 0, 0], "-1"], [[0, 0, 0, 0], "1"]]  # 1 + b - a
    wrong[4] = ["atom", ">", {"vars": vs, "terms": terms}]
    bad = QClaim(q.name, q.statement, q.source, q.variables, q.bound, q.matrix, wrong)
    assert qepcad_backend.decide(bad, 60).status == "refuted"


def test_qepcad_absent_is_skipped_or_error(monkeypatch):
    monkeypatch.setattr(qepcad_backend, "binary", lambda: None)
    monkeypatch.delenv("SGD_PROOFS_REQUIRE_QEPCAD", raising=False)
    v = qepcad_backend.decide(get("lemma1.3"), 5)
    assert v.status == "skipped" and "not installed" in v.detail
    monkeypatch.setenv("SGD_PROOFS_REQUIRE_QEPCAD", "1")
    assert qepcad_backend.decide(get("lemma1.3"), 5).status == "error"


def test_qepcad_failures_give_unknown(monkeypatch):
    monkeypatch.setattr(qepcad_backend, "binary", lambda: "/bin/true")
    monkeypatch.setattr(qepcad_backend, "run", lambda text, t: ("failure", "Prime list exausted"))
    v = qepcad_backend.decide(get("lemma1.3"), 5)
    assert v.status == "unknown" and "Prime list" in v.detail
    monkeypatch.setattr(qepcad_backend, "run", lambda text, t: ("timeout", ""))
    assert qepcad_backend.decide(get("lemma1.3"), 5).status == "unknown"


def _hard() -> Claim:
    vs = ["x", "y", "z", "u", "v", "w"]
    goal = ("x**2*y**4 + x**4*y**2 - 3*x**2*y**2*z**2 + z**6 + u**3*v**3*w - u*v*w**4 + 7/3*x*u*v*w*y "
            "- z**3*u**3")
    return Claim("hard", "", "", tuple(vs), (Constraint(parse("x*x+y*y+z*z+u*u+v*v+w*w-4", vs), "<"),),
                 Constraint(parse(goal, vs), ">="))


@pytest.mark.parametrize("backend", SMT, ids=["z3", "cvc5"])
def test_timeout_gives_unknown(backend):
    v = backend.decide(_hard(), 0.001)
    assert v.status == "unknown"


@pytest.mark.parametrize("backend", SMT, ids=["z3", "cvc5"])
def test_irrational_model_is_never_reported_as_a_point(backend):
    vs = ["a", "b"]
    claim = Claim("irr", "", "", tuple(vs), (Constraint(parse("a**2 - 2", vs), "="),),
                  Constraint(parse("b", vs), ">"))
    v = backend.decide(claim, 10)
    assert v.status == "refuted" and v.counterexample is None and "solver only" in v.detail


def test_find_witness_pins_coordinates_for_thin_sets():
    """The counterexample set {a = 0, b = -1, z = 1} is a point: rounding a perturbed model cannot hit it."""
    claim = perturbed()["strictness"]
    approx = [Fraction(1, 10**9), Fraction(-1) + Fraction(1, 10**9), Fraction(1)]
    calls = []

    def resolve(fixed):
        calls.append(dict(fixed))
        pt = [Fraction(0), Fraction(-1), Fraction(1)]
        return pt if all(pt[i] == q for i, q in fixed.items()) else None

    w = find_witness(claim, approx, resolve)
    assert w == [0, -1, 1] and is_counterexample(claim, w)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(-5, 5), st.integers(0, 3), st.integers(0, 3),
                          st.fractions(max_denominator=20)), min_size=1, max_size=6),
       st.sampled_from([">", ">=", "<", "<=", "=", "!="]))
def test_smtlib_text_parses_back_to_the_claim(terms, rel):
    vs = ["p", "q"]
    poly = {}
    for _, e1, e2, c in terms:
        if c:
            poly[(e1, e2)] = c
    claim = Claim("h", "", "", tuple(vs), (Constraint(poly, rel),), Constraint(poly, ">"))
    back = smt_constraints(claim_script(claim), vs)
    assert back == [(poly, rel), (poly, "<=")]


def test_verdict_status_is_validated():
    with pytest.raises(ValueError):
        Verdict("maybe")
