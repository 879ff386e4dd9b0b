"""Prop. 4 (eqs. 22-23) per direction: the registry claims are decided, perturbed ones refuted, and the
checker rejects tampered certificates."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import sympy as sp

from checker.core import CertificateError, check_file
from proofs import certio, semialgebraic
from proofs.registry import constraint, get
from proofs.solvers import z3_backend
from symbolic.generating import generating_terms
from symbolic.update_rule import a, b, g, z

DECIDED = ["prop4.eq21_denominator", "prop4.bound_denominator", "prop4.term_gap", "prop4.h_decreasing",
           "prop4.gap_bound"]
ARGUED = ["prop4.eq22", "prop4.eq23"]
CERTS = Path(__file__).resolve().parents[2] / "certificates"


@pytest.fixture(scope="module")
def certdir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("p4")
    rows = {n: semialgebraic.produce_one(get(n), out) for n in DECIDED + ARGUED}
    for n in DECIDED:
        assert rows[n]["status"] == "proved", rows[n]
    for n in ARGUED:
        assert rows[n]["status"] == "argued"
    return out


def test_terms_are_the_derived_ones():
    """The eq. 21 term gamma a^2 u_num(1)/S(1) equals gamma p/D with p = a/(1-b) (eq. 21's closed form)."""
    t = generating_terms()
    term = a**2 * t.u_num.subs(z, 1) / t.S.subs(z, 1)
    p = a / (1 - b)
    assert sp.simplify(term - p / (2 - a / (1 + b) + g * p)) == 0
    assert get("prop4.term_gap").show.poly == constraint(a**3 * (1 - b), ">", ["a", "b", "g"]).poly


@pytest.mark.slow
def test_certificates_valid_and_recorded(certdir):
    for n in DECIDED:
        assert "proved" in check_file(certdir / f"{n}.json")
        assert (CERTS / f"{n}.json").read_bytes() == (certdir / f"{n}.json").read_bytes(), n
    for n in ARGUED:
        assert "argued (not machine-proved)" in check_file(certdir / f"{n}.json")
        assert (CERTS / f"{n}.json").read_bytes() == (certdir / f"{n}.json").read_bytes(), n


@pytest.mark.parametrize("name, assume", [
    ("prop4.term_gap", [(b + 1, ">"), (sp.Rational(11, 10) - b, ">"), (a, ">"), (2 * (b + 1) - a, ">"), (g, ">=")]),
    ("prop4.eq21_denominator", [(b + 1, ">"), (1 - b, ">"), (a, ">"), (2 * (b + 1) - a, ">"), (g + 1, ">=")]),
    ("prop4.gap_bound", [(b + 1, ">"), (1 - b, ">"), (a, ">"), (2 * (b + 1) - a, ">"), (g, ">=")]),
])
def test_perturbed_claims_refuted(name, assume):
    """Widening beta past 1, allowing g = gamma tau < 0, or dropping a <= 1+b makes the claims false."""
    c = get(name)
    vs = list(c.variables)
    bad = replace(c, assume=tuple(constraint(e, r, vs) for e, r in assume), expect="refuted")
    v = z3_backend.decide(bad, 30)
    assert v.status == "refuted" and v.counterexample is not None


def test_h_decreasing_perturbed_refuted():
    c = get("prop4.h_decreasing")
    l, t, x1, x2 = sp.symbols("l t x1 x2")
    vs = list(c.variables)
    bad = replace(c, assume=tuple(constraint(e, r, vs) for e, r in [(l, ">"), (t + 1, ">="), (x1, ">"),
                                                                      (x2 - x1, ">")]))
    assert z3_backend.decide(bad, 30).status == "refuted"  # tau < 0: a denominator can vanish or flip


def _rewrite(d: Path, name: str, fn) -> Path:
    content = json.loads((d / f"{name}.json").read_text())["content"]
    fn(content)
    return certio.write(d, "semialgebraic", name, content)


@pytest.mark.slow
def test_tampered_show_rejected(certdir, tmp_path):
    d = tmp_path / "c"
    shutil.copytree(certdir, d)

    def flip(c):
        c["claim"]["show"]["poly"]["terms"][0][1] = str(-int(c["claim"]["show"]["poly"]["terms"][0][1]))
    with pytest.raises(CertificateError, match="differs from the specification"):
        check_file(_rewrite(d, "prop4.term_gap", flip))


@pytest.mark.slow
def test_tampered_assumption_rejected(certdir, tmp_path):
    d = tmp_path / "c"
    shutil.copytree(certdir, d)

    def drop(c):
        c["claim"]["assume"] = c["claim"]["assume"][:-1]
    with pytest.raises(CertificateError, match="structure differs|differs from the specification"):
        check_file(_rewrite(d, "prop4.gap_bound", drop))


@pytest.mark.slow
def test_tampered_argued_identity_rejected(certdir, tmp_path):
    d = tmp_path / "c"
    shutil.copytree(certdir, d)

    def bad(c):
        c["claim"]["identities"][2]["rhs"]["terms"][0][1] = "2"
    with pytest.raises(CertificateError, match="identit"):
        check_file(_rewrite(d, "prop4.eq22", bad))


@pytest.mark.slow
def test_hash_tamper_rejected(certdir, tmp_path):
    d = tmp_path / "c"
    shutil.copytree(certdir, d)
    f = d / "prop4.h_decreasing.json"
    f.write_text(f.read_text().replace('"proved"', '"refuted"', 1))
    with pytest.raises(CertificateError, match="^sha256 does not match the content"):
        check_file(f)
