"""The kernel's sum-of-squares check (checker/sos.py): hand-made certificates (a known identity for Motzkin's
polynomial as the oracle) are accepted, and every rule that makes the identity a proof is enforced."""

from __future__ import annotations

import copy

import pytest

from checker.errors import CertificateError
from checker.sos import check_sos
from sgd_proofs.commands.prove import load_claim_text
from symbolic.polynomial import parse, to_record


def record(toml: str) -> dict:
    return load_claim_text(toml, "t.toml").record()


def sq(vs, *pairs):
    return [[d, to_record(parse(q, vs), vs)] for d, q in pairs]


XY = ["x", "y"]
MOTZKIN = record('name = "m"\nvariables = ["x", "y"]\nshow = "x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1 >= 0"\n')
MOTZKIN_PROOF = {
    "method": "sos", "goal_sign": 1,
    "multiplier": sq(XY, ("1", "x"), ("1", "y"), ("1", "1")),  # x^2 + y^2 + 1
    "terms": [{"assume": [], "squares": sq(XY, ("1", "x**2*y - y"), ("1", "x*y**2 - x"), ("1", "x**2*y**2 - 1"),
                                            ("1/4", "x*y**3 - x**3*y"), ("3/4", "x*y**3 + x**3*y - 2*x*y"))}],
}
UNIT = record('name = "u"\nvariables = ["x"]\nassume = ["0 < x", "x < 1"]\nshow = "x - x**2 > 0"\n')
UNIT_PROOF = {"method": "sos", "goal_sign": 1, "multiplier": sq(["x"], ("1", "1")), "terms": [],
              "positive": {"assume": [0, 1], "coef": "1"}}


def test_motzkin_over_the_plane_is_accepted():
    assert "sos certificate valid" in check_sos(MOTZKIN, MOTZKIN_PROOF)


def test_strict_goal_on_open_interval_is_accepted():
    assert "ε = 1" in check_sos(UNIT, UNIT_PROOF)


def test_equality_assumption_through_the_ideal():
    c = record('name = "e"\nvariables = ["x", "y"]\nassume = ["x == y"]\nshow = "x*y >= 0"\n')
    # x*y = y^2 + y*(x - y): σ0 = y^2, λ = y on h = x - y
    proof = {"method": "sos", "goal_sign": 1, "multiplier": sq(XY, ("1", "1")),
             "terms": [{"assume": [], "squares": sq(XY, ("1", "y"))}],
             "ideal": [{"assume": 0, "poly": to_record(parse("y", XY), XY)}]}
    assert "sos certificate valid" in check_sos(c, proof)
    proof["ideal"][0]["poly"] = to_record(parse("2*y", XY), XY)
    with pytest.raises(CertificateError, match="differs from the certificate's sum"):
        check_sos(c, proof)


def tampered(proof, edit):
    p = copy.deepcopy(proof)
    edit(p)
    return p


@pytest.mark.parametrize("claim, proof, edit, match", [
    (MOTZKIN, MOTZKIN_PROOF, lambda p: p["terms"][0]["squares"][3].__setitem__(0, "1/3"), "differs from"),
    (MOTZKIN, MOTZKIN_PROOF, lambda p: p["multiplier"].pop(), "multiplier is not shown positive"),
    (MOTZKIN, MOTZKIN_PROOF, lambda p: p["multiplier"][2].__setitem__(0, "2"), "differs from"),
    (MOTZKIN, MOTZKIN_PROOF, lambda p: p["multiplier"][0].__setitem__(0, "-1"), "weight must be a string p/q >= 0"),
    (MOTZKIN, MOTZKIN_PROOF, lambda p: p["multiplier"][0].__setitem__(0, 1), "weight must be a string"),
    (MOTZKIN, MOTZKIN_PROOF, lambda p: p.__setitem__("goal_sign", -1), "goal_sign"),
    (MOTZKIN, MOTZKIN_PROOF, lambda p: p.__setitem__("goal_sign", True), "goal_sign"),
    (MOTZKIN, MOTZKIN_PROOF, lambda p: p["terms"][0]["squares"][0][1].__setitem__("vars", ["y", "x"]), "over"),
    (UNIT, UNIT_PROOF, lambda p: p["positive"].__setitem__("coef", "0"), "> 0 for a strict goal"),
    (UNIT, UNIT_PROOF, lambda p: p.pop("positive"), "> 0 for a strict goal"),
    (UNIT, UNIT_PROOF, lambda p: p["positive"].__setitem__("coef", "-1"), "must be >= 0"),
    (UNIT, UNIT_PROOF, lambda p: p["positive"].__setitem__("assume", [0, 5]), "assumption index 5"),
    (UNIT, UNIT_PROOF, lambda p: p["positive"].__setitem__("assume", [0, True]), "assumption index True"),
    (UNIT, UNIT_PROOF, lambda p: p["positive"].__setitem__("coef", "2"), "differs from"),
])
def test_tampering_is_rejected_for_the_reason_named(claim, proof, edit, match):
    with pytest.raises(CertificateError, match=match):
        check_sos(claim, tampered(proof, edit))


def test_positive_term_needs_strict_assumptions():
    c = record('name = "u"\nvariables = ["x"]\nassume = ["0 <= x", "x < 1"]\nshow = "x - x**2 > 0"\n')
    with pytest.raises(CertificateError, match="not a strict inequality assumption"):
        check_sos(c, UNIT_PROOF)  # x - x^2 > 0 is false at x = 0: the non-strict 0 <= x cannot carry ε


def test_products_only_of_inequalities_and_ideal_only_of_equalities():
    c = record('name = "e"\nvariables = ["x"]\nassume = ["x == 0", "x >= 0"]\nshow = "x >= 0"\n')
    one = sq(["x"], ("1", "1"))
    with pytest.raises(CertificateError, match="not an inequality assumption"):
        check_sos(c, {"method": "sos", "goal_sign": 1, "multiplier": one,
                      "terms": [{"assume": [0], "squares": one}]})
    with pytest.raises(CertificateError, match="not an equality assumption"):
        check_sos(c, {"method": "sos", "goal_sign": 1, "multiplier": one, "terms": [],
                      "ideal": [{"assume": 1, "poly": to_record(parse("1", ["x"]), ["x"])}]})
    assert "valid" in check_sos(c, {"method": "sos", "goal_sign": 1, "multiplier": one,
                                    "terms": [{"assume": [1], "squares": one}]})


def test_a_false_claim_has_no_certificate():
    """x^2 - 1/100 >= 0 fails at 0: the nearest 'identity' (σ0 = x^2, ε term -1/100) is refused."""
    c = record('name = "f"\nvariables = ["x"]\nshow = "x**2 - 1/100 >= 0"\n')
    with pytest.raises(CertificateError):
        check_sos(c, {"method": "sos", "goal_sign": 1, "multiplier": sq(["x"], ("1", "1")),
                      "terms": [{"assume": [], "squares": sq(["x"], ("1", "x"))}],
                      "positive": {"assume": [], "coef": "-1/100"}})
