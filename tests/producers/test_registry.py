"""The claim registry: polynomials from ``symbolic``, well-formed claims, z3 agrees with ``expect``."""

from __future__ import annotations

import sympy as sp

from checker.poly import add, from_record
from proofs.claim import Claim
from proofs.registry import Argued, char_coefficients, claims, get
from proofs.solvers import z3_backend
from proofs.solvers.formula import QClaim
from symbolic.closed_forms import noiseless_char_poly
from symbolic.generating import generating_terms
from symbolic.polyconv import to_poly
from symbolic.update_rule import a, b, g


def test_lemma_polynomials_are_the_derived_ones():
    t = generating_terms()
    assert get("lemma1.1").show.poly == to_poly(t.S, ["a", "b", "g", "z"])
    assert get("lemma1.3").show.poly == to_poly(t.R1, ["a", "b", "z"])
    assert g not in t.R1.free_symbols
    assert get("lemma1.3").variables == ("a", "b", "z")
    assert get("lemma1.1").show.rel == ">" and get("lemma1.3").show.rel == ">="
    assert get("lemma1.3.strict").show.rel == ">"


def test_lemma1_domain():
    l11 = get("lemma1.1")
    rels = sorted(c.rel for c in l11.assume)
    assert rels == [">", ">", ">", ">", ">", ">", ">=", ">="]  # open a, b, z; closed 0 <= g <= 1
    assert len(get("lemma1.3").assume) == 6


def test_lemma1_2_is_argued_not_proved():
    c = get("lemma1.2")
    assert isinstance(c, Argued) and c.depends_on == ("lemma1.1",) and c.expect == "argued"


def test_char_poly_from_symbolic():
    p, q = char_coefficients()
    assert sp.expand(p - (1 + b - a)) == 0 and sp.expand(q - b) == 0
    assert noiseless_char_poly().free_symbols >= {a, b}


def test_argued_identities_hold_exactly():
    for c in claims():
        if isinstance(c, Argued):
            for ident in c.record()["identities"]:
                lhs, _ = from_record(ident["lhs"])
                rhs, _ = from_record(ident["rhs"])
                assert add(lhs, rhs, -1) == {}, ident["label"]


def test_names_unique_and_dependencies_exist():
    names = [c.name for c in claims()]
    assert len(names) == len(set(names))
    for c in claims():
        for d in getattr(c, "depends_on", ()):
            assert d in names


def test_extra_exact_methods_are_known_exact_methods():
    """``exact_also`` names exact methods beyond the defaults (a typo would silently run nothing more)."""
    from proofs.semialgebraic import EXACT, EXACT_METHODS

    extra = {c.name: c.exact_also for c in claims() if isinstance(c, Claim) and c.exact_also}
    assert extra, "no claim is given to an extra exact method (sharp.S.g_nonneg is given to sos)"
    for name, ms in extra.items():
        assert set(ms) <= set(EXACT_METHODS) - set(EXACT) and len(set(ms)) == len(ms), name
    assert "sos" in get("sharp.S.g_nonneg").exact_also


def test_quantified_claims_are_well_formed():
    q = get("appH.equivalence")
    assert isinstance(q, QClaim) and q.variables == ("a", "b") and [v for _, v in q.bound] == ["x", "y"]
    assert isinstance(get("sharp.S.g_threshold"), QClaim)


def test_every_universal_claim_decided_by_z3_as_expected():
    """Each claim can fail: the sharpness probes are refuted, the theorems proved."""
    seen = {"proved": 0, "refuted": 0}
    for c in claims():
        if isinstance(c, Claim):
            v = z3_backend.decide(c, 30)
            assert v.status == c.expect, (c.name, v.detail)
            seen[v.status] += 1
            if v.status == "refuted":
                assert v.counterexample is not None, c.name
    assert seen["proved"] >= 10 and seen["refuted"] >= 6
