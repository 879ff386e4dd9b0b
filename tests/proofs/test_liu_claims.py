"""Liu, Chen, Zhou, Zhao (2018), reconstructed (``proofs/papers/liu2018.py``, ``checker/papers/liu2018.toml``):
the polynomials are the derived ones, z3 decides every claim as expected, perturbed claims are refuted, the
committed certificates are reproduced byte for byte and accepted, and tampered ones are rejected."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from checker.core import CertificateError, check_file
from checker.spec import bind, specifications
from proofs import certio, registry, semialgebraic
from proofs.claim import Claim
from proofs.papers import liu2018
from proofs.papers.liu2018 import EFFECTIVE_GAP, FIXED_GAP, SADDLE_POLY, a, c, mu, p, x
from proofs.registry import constraint, get
from proofs.solvers import is_counterexample, z3_backend

CERTS = Path(__file__).resolve().parents[2] / "certificates"
TENTH = sp.Rational(1, 10)
EXPECTED = {
    "liu.fixed_step.denominator": "proved",
    "liu.fixed_step.hurts": "refuted",
    "liu.fixed_step.region": "proved",
    "liu.fixed_step.helps": "proved",
    "liu.effective_step.denominator": "proved",
    "liu.effective_step.helps": "proved",
    "liu.escape.faster": "proved",
    "liu.escape.diffusion_overestimates": "proved",
}


# ------------------------------------------------------------------------- the polynomials, exactly

def _stationary_variance() -> sp.Expr:
    """E theta^2 of theta' = (1+mu-a) theta - mu theta_prev - eta xi in the stationary state (a = eta k)."""
    eta, k, s2, P, Q = sp.symbols("eta k s2 P Q")
    A = 1 + mu - a
    sol = sp.solve([sp.Eq(P, A**2 * P + mu**2 * P - 2 * A * mu * Q + eta**2 * s2),  # E theta'^2
                    sp.Eq(Q, A * P - mu * Q)], [P, Q], dict=True)  # E theta' theta
    assert len(sol) == 1
    return sol[0][P].subs(a, eta * k)


def test_stationary_variance_from_the_update_rule():
    eta, k, s2 = sp.symbols("eta k s2")
    E = _stationary_variance()
    assert sp.simplify(E - eta * s2 * (1 + mu) / ((1 - mu) * k * (2 * (1 + mu) - eta * k))) == 0
    ratio = sp.simplify(E / E.subs(mu, 0)).subs(eta, a / k)
    assert sp.simplify(ratio - (1 + mu) * (2 - a) / ((1 - mu) * (2 * (1 + mu) - a))) == 0
    # fixed effective step e = eta/(1-mu): a = p (1-mu), and E(0) at the same effective step (eta = e)
    e = sp.Symbol("e")
    eff = sp.simplify(E.subs(eta, e * (1 - mu)) / E.subs(mu, 0).subs(eta, e)).subs(e, p / k)
    assert sp.simplify(eff - (1 + mu) * (2 - p) / (2 * (1 + mu) - p * (1 - mu))) == 0


def test_expansion_identities():
    assert sp.expand(FIXED_GAP - 2 * mu * (1 + mu - a)) == 0
    assert sp.expand(EFFECTIVE_GAP - 2 * p * mu) == 0
    f = SADDLE_POLY
    assert sp.expand(f.subs(x, 1) + c) == 0  # f(1) = -c < 0: a root x > 1 exists and is the largest
    assert sp.expand(f.subs(x, 1 + c) + mu * c) == 0  # f(1+c) = -mu c < 0: r > 1 + c
    assert sp.cancel((1 - mu) ** 2 * f.subs(x, 1 + c / (1 - mu)) - mu * c**2) == 0  # f(1+c/(1-mu)) > 0
    assert sp.expand(x * (x - 1 - c) - (mu * (x - 1) + f)) == 0  # on f = 0: x (x-1-c) = mu (x-1) > 0


def test_registry_polynomials_are_the_written_ones():
    VA = ["mu", "a"]
    assert get("liu.fixed_step.hurts").show == constraint(2 * mu * (1 + mu - a), ">=", VA)
    assert get("liu.fixed_step.region").show == constraint(2 * mu * (1 + mu - a), ">", VA)
    assert get("liu.fixed_step.helps").show == constraint(2 * mu * (1 + mu - a), "<", VA)
    assert get("liu.effective_step.helps").show == constraint(2 * p * mu, ">", ["mu", "p"])


def test_registry_matches_the_specification():
    specs = specifications()
    ours = [cl for cl in registry.claims() if cl.name.startswith("liu.")]
    assert [cl.name for cl in ours] == list(EXPECTED) == [cl.name for cl in liu2018.claims()]
    assert [n for n in specs if n.startswith("liu.")] == list(EXPECTED)
    for cl in ours:
        bind(cl.record(), specs[cl.name])  # raises on any difference
        assert specs[cl.name].expect == cl.expect == EXPECTED[cl.name]
        assert (specs[cl.name].statement, specs[cl.name].source) == (cl.statement, cl.source)


def test_registry_appends_paper_modules_and_refuses_duplicates(monkeypatch):
    names = [cl.name for cl in registry.claims()]
    assert "proofs.papers.liu2018" in registry.paper_modules()
    assert names[: len(registry._own_claims())] == [cl.name for cl in registry._own_claims()]
    assert names[-len(EXPECTED):] == list(EXPECTED)
    monkeypatch.setattr(registry, "paper_modules", lambda: ["proofs.papers.liu2018"] * 2)
    with pytest.raises(AssertionError, match="duplicate claim names"):
        registry.claims.__wrapped__()


def test_coq_export_leaves_the_new_paper_out():
    from proofs.coq.export import plan

    files, skipped = plan(CERTS)
    assert not [f for f in files if f.startswith("claim_liu")]
    assert sum(s.startswith("liu.") and "liu2018.toml" in s for s in skipped) == len(EXPECTED)


# ------------------------------------------------------------------------------------ decided by z3

@pytest.mark.parametrize("name", list(EXPECTED))
def test_decided_by_z3_as_expected(name):
    cl = get(name)
    v = z3_backend.decide(cl, 30)
    assert v.status == EXPECTED[name], v.detail
    if v.status == "refuted":
        assert v.counterexample is not None and is_counterexample(cl, v.counterexample)


def test_the_stated_counterexample_refutes_hurts():
    cl = get("liu.fixed_step.hurts")
    assert is_counterexample(cl, [Fraction(1, 4), Fraction(3, 2)])  # (mu, a): 2 mu (1+mu-a) = -1/8
    assert not is_counterexample(cl, [Fraction(1, 4), Fraction(1, 2)])  # a < 1 + mu: momentum does hurt


def _perturbed(name: str, assume: list, **kw) -> Claim:
    cl = get(name)
    vs = list(cl.variables)
    return replace(cl, assume=tuple(constraint(e, r, vs) for e, r in assume), expect="refuted", **kw)


@pytest.mark.parametrize("name, assume", [
    # the exact region widened by 1/10: a in (1+mu, 1+mu+1/10) is where momentum helps
    ("liu.fixed_step.region", [(mu, ">"), (1 - mu, ">"), (a, ">"), (2 - a, ">"), (1 + mu + TENTH - a, ">")]),
    ("liu.fixed_step.helps", [(mu, ">"), (1 - mu, ">"), (a - 1 - mu + TENTH, ">"), (2 - a, ">")]),
    ("liu.effective_step.helps", [(mu + sp.Rational(1, 2), ">"), (1 - mu, ">"), (p, ">"), (2 - p, ">")]),
    # the smaller root (0 < x < 1) does not grow
    ("liu.escape.faster", [(mu, ">"), (1 - mu, ">"), (c, ">"), (SADDLE_POLY, "="), (x, ">")]),
])
def test_perturbed_claims_refuted(name, assume):
    bad = _perturbed(name, assume)
    _refuted(bad)
    assert z3_backend.decide(get(name), 30).status == "proved"  # the unperturbed claim is


def test_diffusion_bound_is_sharp_for_small_c():
    """r < 1 + (9/10) c/(1-mu) is false: as c -> 0, r = 1 + c/(1-mu) + O(c^2)."""
    cl = get("liu.escape.diffusion_overestimates")
    _refuted(replace(cl, show=constraint(1 - mu + sp.Rational(9, 10) * c - x * (1 - mu), ">", list(cl.variables)),
                     expect="refuted"))


def _refuted(bad: Claim) -> None:
    v = z3_backend.decide(bad, 30)
    assert v.status == "refuted" and v.counterexample is not None, v.detail
    assert is_counterexample(bad, v.counterexample)


# ------------------------------------------------------------- certificates: reproduced and checked

@pytest.fixture(scope="module")
def certdir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("liu")
    for name, want in EXPECTED.items():
        row = semialgebraic.produce_one(get(name), out, recorded=[CERTS])
        assert row["status"] == ("refuted-as-expected" if want == "refuted" else "proved"), row
    return out


def test_produced_certificates_are_the_committed_ones(certdir):
    for name in EXPECTED:
        assert (certdir / f"{name}.json").read_bytes() == (CERTS / f"{name}.json").read_bytes(), name
        for f in sorted((certdir / name).iterdir()):
            assert f.read_bytes() == (CERTS / name / f.name).read_bytes(), f.name


@pytest.mark.parametrize("name", list(EXPECTED))
def test_checker_accepts_the_committed_certificates(name):
    detail = check_file(CERTS / f"{name}.json")
    if EXPECTED[name] == "refuted":
        assert "refuted by" in detail and "false on purpose, as specified" in detail
    else:
        assert "proved" in detail


def test_checker_cli_accepts_the_committed_certificates(capsys):
    from checker.cli import run

    assert run([str(CERTS / f"{n}.json") for n in EXPECTED]) == 0
    assert f"{len(EXPECTED)}/{len(EXPECTED)} certificates valid" in capsys.readouterr().out


def _rewrite(d: Path, name: str, fn) -> Path:
    """A mutated certificate with a VALID hash, so the semantic checks must catch it."""
    content = json.loads((d / f"{name}.json").read_text())["content"]
    fn(content)
    return certio.write(d, "semialgebraic", name, content)


@pytest.fixture
def work(tmp_path) -> Path:
    d = tmp_path / "c"
    d.mkdir()
    for name in EXPECTED:
        shutil.copy(CERTS / f"{name}.json", d)
        shutil.copytree(CERTS / name, d / name)
    return d


@pytest.mark.parametrize("name", ["liu.fixed_step.region", "liu.escape.faster", "liu.fixed_step.hurts"])
def test_tampered_goal_rejected(work, name):
    def flip(content):
        terms = content["claim"]["show"]["poly"]["terms"]
        terms[0][1] = str(-Fraction(terms[0][1]))
    with pytest.raises(CertificateError, match="differs from the specification"):
        check_file(_rewrite(work, name, flip))


def test_tampered_goal_relation_rejected(work):
    def weaken(content):  # ">" to ">=": a weaker goal than the specification's
        content["claim"]["show"]["rel"] = ">="
    with pytest.raises(CertificateError, match="differs from the specification"):
        check_file(_rewrite(work, "liu.effective_step.helps", weaken))


def test_dropped_assumption_rejected(work):
    def drop(content):  # the hypothesis x > 1 (which root) dropped
        content["claim"]["assume"] = content["claim"]["assume"][:-1]
    with pytest.raises(CertificateError, match="structure differs|differs from the specification"):
        check_file(_rewrite(work, "liu.escape.diffusion_overestimates", drop))


def test_refuted_claim_stated_proved_rejected(work):
    def claim_proved(content):  # the false claim presented as proved: no verdict supports it
        content["status"], content["methods"] = "proved", ["z3"]
    with pytest.raises(CertificateError, match="does not follow from the verdicts"):
        check_file(_rewrite(work, "liu.fixed_step.hurts", claim_proved))
