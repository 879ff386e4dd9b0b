"""proofs.sos: exact SOS / Positivstellensatz certificates — what proves, what the replay refuses.

Every proved certificate is re-checked twice: by ``proofs.sos.replay`` (the project's exact polynomial
arithmetic) and here by an independent sympy expansion of the identity
``m·G = Σ σ_T Π g_j + Σ λ_j h_j + ε Π g_j``.
"""

from __future__ import annotations

import copy
import time
from fractions import Fraction

import pytest
import sympy as sp

from proofs import sos
from proofs.claim import Claim
from sgd_proofs.commands.prove import load_claim_text
from symbolic.polynomial import from_record, parse, to_record


def claim(variables: list[str], show: str, assume: tuple[str, ...] = ()) -> Claim:
    vs = ", ".join(f'"{v}"' for v in variables)
    asm = ", ".join(f'"{a}"' for a in assume)
    return load_claim_text(f'name = "t"\nvariables = [{vs}]\nassume = [{asm}]\nshow = "{show}"\n', "t.toml")


def sympy_identity(c: Claim, proof: dict) -> sp.Expr:
    """``m·G − (Σ σ_T g_T + Σ λ h + ε g_P)`` expanded by sympy (0 for a valid certificate)."""
    xs = sp.symbols(list(c.variables))

    def expr(rec) -> sp.Expr:
        p, vs = from_record(rec)
        assert vs == list(c.variables)
        return sum((sp.Rational(v.numerator, v.denominator) * sp.Mul(*[x**e for x, e in zip(xs, m, strict=True)])
                    for m, v in p.items()), sp.Integer(0))

    def poly(p) -> sp.Expr:
        return expr(to_record(p, list(c.variables)))

    def squares(items) -> sp.Expr:
        return sum((sp.Rational(d) * expr(q) ** 2 for d, q in items), sp.Integer(0))

    def g(j: int) -> sp.Expr:
        a = c.assume[j]
        return poly(a.poly) * (1 if a.rel in (">", ">=") else -1)

    lhs = squares(proof["multiplier"]) * proof["goal_sign"] * poly(c.show.poly)
    rhs = sum((squares(t["squares"]) * sp.Mul(*[g(j) for j in t["assume"]]) for t in proof["terms"]),
              sp.Integer(0))
    rhs += sum((expr(i["poly"]) * poly(c.assume[i["assume"]].poly) for i in proof["ideal"]), sp.Integer(0))
    if "positive" in proof:
        rhs += sp.Rational(proof["positive"]["coef"]) * sp.Mul(*[g(j) for j in proof["positive"]["assume"]])
    return sp.expand(lhs - rhs)


def proved(c: Claim, timeout_s: float = 60, oracle: bool = True) -> dict:
    r = sos.certify(c, timeout_s=timeout_s)
    assert r.status == "proved", r.detail
    assert r.detail == sos.replay(c, r.proof)
    if oracle:  # sympy is slow on thousands of squares
        assert sympy_identity(c, r.proof) == 0
    return r.proof


def squares_in(proof: dict) -> int:
    return sum(len(t["squares"]) for t in proof["terms"])


# ----------------------------------------------------------------------------------------- what proves

def test_am_gm_two_variables() -> None:
    proof = proved(claim(["x", "y"], "x**2 + y**2 - 2*x*y >= 0"))
    assert proof["multiplier"] == [["1", {"vars": ["x", "y"], "terms": [[[0, 0], "1"]]}]]
    assert proof["terms"][0]["assume"] == [] and squares_in(proof) == 1  # (x − y)²


def test_am_gm_quartic_and_the_goal_written_with_le() -> None:
    proved(claim(["x", "y"], "x**4 + y**4 >= 2*x**2*y**2"))
    proof = proved(claim(["x", "y"], "2*x*y <= x**2 + y**2"))  # 2xy − x² − y² <= 0: G = −poly
    assert proof["goal_sign"] == -1


def test_am_gm_three_terms() -> None:
    proof = proved(claim(["x", "y", "z"], "x**6 + y**6 + z**6 - 3*x**2*y**2*z**2 >= 0"))
    assert squares_in(proof) <= 10


def test_motzkin_needs_the_multiplier() -> None:
    c = claim(["x", "y"], "x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1 >= 0")
    proof = proved(c)
    m, _ = from_record(proof["multiplier"][0][1])
    assert len(proof["multiplier"]) == 3  # 1 + x² + y²: Motzkin itself is not a sum of squares
    assert "multiplier of degree 2" in sos.replay(c, proof)


def motzkin_oracle() -> tuple[Claim, dict]:
    """The known identity (x²+y²+1)·M = (x²y−y)² + (xy²−x)² + (x²y²−1)² + ¼(xy³−x³y)² + ¾(xy³+x³y−2xy)²."""
    c = claim(["x", "y"], "x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1 >= 0")
    rec = lambda text: to_record(parse(text, ["x", "y"]), ["x", "y"])  # noqa: E731
    proof = {"method": "sos", "goal_sign": 1,
             "multiplier": [["1", rec("1")], ["1", rec("x")], ["1", rec("y")]],
             "terms": [{"assume": [], "squares": [["1", rec("x**2*y - y")], ["1", rec("x*y**2 - x")],
                                                  ["1", rec("x**2*y**2 - 1")], ["1/4", rec("x*y**3 - x**3*y")],
                                                  ["3/4", rec("x*y**3 + x**3*y - 2*x*y")]]}],
             "ideal": []}
    return c, proof


def test_replay_accepts_the_known_motzkin_identity() -> None:
    c, proof = motzkin_oracle()
    assert sos.replay(c, proof) == ("SOS certificate valid: multiplier of degree 2, 1 terms, 5 squares, "
                                    "0 ideal multipliers")
    assert sympy_identity(c, proof) == 0


def test_box_needs_assumption_multipliers() -> None:
    c = claim(["x"], "x - x**2 >= 0", ("0 <= x", "x <= 1"))
    proof = proved(c)
    assert any(t["assume"] for t in proof["terms"])
    assert "positive" not in proof


def test_strict_box_needs_the_positive_part() -> None:
    c = claim(["x"], "x - x**2 > 0", ("0 < x", "x < 1"))
    proof = proved(c)
    assert sorted(proof["positive"]["assume"]) == [0, 1]  # ε·x·(1 − x): x − x² vanishes at both ends
    assert Fraction(proof["positive"]["coef"]) > 0


def test_strict_goal_written_with_lt() -> None:
    proof = proved(claim(["x"], "x**2 < x", ("0 < x", "1 > x")))  # x² − x < 0; 1 − x > 0 is g = +poly
    assert proof["goal_sign"] == -1 and sorted(proof["positive"]["assume"]) == [0, 1]


def test_equality_assumption_gives_an_ideal_multiplier() -> None:
    c = claim(["x", "y"], "x <= 1", ("x**2 + y**2 == 1",))
    proof = proved(c)
    assert proof["ideal"] and proof["ideal"][0]["assume"] == 0


def test_zero_goal() -> None:
    proof = proved(claim(["x"], "x - x >= 0"))
    assert proof["terms"] == []
    assert sos.certify(claim(["x"], "x - x > 0")).status == "unknown"


@pytest.mark.slow
def test_sharp_s_g_nonneg() -> None:
    """S > 0 on −1 < b < 1, 0 < a < 2(b+1), g ≥ 0, 0 < z < 1 (g unbounded): degree 6, products of two
    assumptions, positive part ε·(1−b)·a·(2(b+1)−a)·z·(1−z). About 10 s here; a few hundred squares at most."""
    from proofs.registry import claims

    c = next(c for c in claims() if c.name == "sharp.S.g_nonneg")
    start = time.monotonic()
    proof = proved(c, timeout_s=120)
    assert time.monotonic() - start < 120
    assert c.show.rel == ">" and proof["positive"]["assume"]
    for t in proof["terms"]:  # SOS multipliers of at most two assumptions; longer products get constants
        assert len(t["assume"]) <= 2 or all(from_record(q)[0].keys() <= {(0, 0, 0, 0)} for _, q in t["squares"])
    assert squares_in(proof) < 400


@pytest.mark.slow
def test_lemma_1_3() -> None:
    """R1 ≥ 0 on the closed Lemma 1.3 region (3 variables, degree 8, products of two assumptions): exact
    zeros at the corners reduce the Gram bases; the blocks are written as a rounded factor plus a
    diagonally dominant remainder (thousands of small squares rather than 100-digit LDLᵀ coefficients)."""
    from proofs.registry import claims

    c = next(c for c in claims() if c.name == "lemma1.3")
    proof = proved(c, timeout_s=120, oracle=False)
    assert all(len(t["assume"]) <= 2 for t in proof["terms"])


# ------------------------------------------------------------------------------------- what does not

def test_false_claims_are_never_proved() -> None:
    for c in (claim(["x"], "x**2 - 1/100 >= 0"),
              claim(["x"], "x - x**2 >= 0", ("0 <= x", "x <= 2")),
              claim(["x", "y"], "x**2 + y**2 - 3*x*y >= 0")):
        r = sos.certify(c, timeout_s=30)
        assert r.status == "unknown" and r.proof is None, r.detail
        assert "no SOS certificate" in r.detail or "timeout" in r.detail


@pytest.mark.parametrize("rel", ["==", "!="])
def test_equalities_are_not_applicable(rel: str) -> None:
    r = sos.certify(claim(["x"], f"x**2 {rel} 0"))
    assert r.status == "unknown" and r.detail.startswith("sos method not applicable")


def test_timeout_gives_unknown() -> None:
    r = sos.certify(claim(["x", "y"], "x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1 >= 0"), timeout_s=0)
    assert r.status == "unknown" and "timeout" in r.detail


# ----------------------------------------------------------------------------------- tampered proofs

STRICT = claim(["x", "y"], "x - x**2 > 0", ("0 < x", "x < 1", "0 <= y", "y == 0"))


@pytest.fixture(scope="module")
def strict_proof() -> dict:
    r = sos.certify(STRICT, timeout_s=60)
    assert r.status == "proved", r.detail
    return r.proof


def rejected(c: Claim, proof: dict, match: str = "") -> None:
    with pytest.raises(ValueError, match=match):
        sos.replay(c, proof)


def test_tampered_square_coefficient() -> None:
    c, proof = motzkin_oracle()
    bad = copy.deepcopy(proof)
    bad["terms"][0]["squares"][0][1]["terms"][0][1] = "2"  # x²y − y  →  2x²y − y
    rejected(c, bad, "identity")
    bad = copy.deepcopy(proof)
    bad["terms"][0]["squares"][3][0] = "1/3"  # ¼ → ⅓
    rejected(c, bad, "identity")


def test_tampered_produced_certificate() -> None:
    c = claim(["x", "y", "z"], "x**6 + y**6 + z**6 - 3*x**2*y**2*z**2 >= 0")
    proof = proved(c)
    for k in range(len(proof["terms"][0]["squares"])):
        bad = copy.deepcopy(proof)
        d = Fraction(bad["terms"][0]["squares"][k][0])
        bad["terms"][0]["squares"][k][0] = str(d + Fraction(1, 1000))
        rejected(c, bad, "identity")


def test_tampered_multiplier() -> None:
    c, proof = motzkin_oracle()
    bad = copy.deepcopy(proof)
    bad["multiplier"] = bad["multiplier"][:1]  # m = 1
    rejected(c, bad, "identity")
    bad = copy.deepcopy(proof)
    bad["multiplier"] = bad["multiplier"][1:]  # x² + y²: no positive constant square (m(0) = 0)
    rejected(c, bad, "constant square")
    bad = copy.deepcopy(proof)
    bad["multiplier"][0][0] = "0"
    rejected(c, bad, "constant square")


def test_tampered_goal_sign() -> None:
    c, proof = motzkin_oracle()
    for sign in (-1, True, "1", 2):
        rejected(c, {**proof, "goal_sign": sign}, "goal_sign")


def test_negative_weight() -> None:
    c, proof = motzkin_oracle()
    bad = copy.deepcopy(proof)
    bad["terms"][0]["squares"][0][0] = "-1"
    rejected(c, bad, "negative")
    bad = copy.deepcopy(proof)
    bad["multiplier"][1][0] = "-1/2"
    rejected(c, bad, "negative")


def test_positive_part_must_use_strict_assumptions(strict_proof: dict) -> None:
    assert sos.replay(STRICT, strict_proof).startswith("SOS certificate valid")
    assert sympy_identity(STRICT, strict_proof) == 0
    for j in (2, 3, 4, -1):  # 2: 0 <= y (not strict), 3: an equality, 4 and −1: no such assumption
        bad = copy.deepcopy(strict_proof)
        bad["positive"]["assume"] = [*bad["positive"]["assume"], j]
        rejected(STRICT, bad, "assumption")
    bad = copy.deepcopy(strict_proof)
    bad["positive"]["coef"] = "0"
    rejected(STRICT, bad, "not > 0")
    bad = copy.deepcopy(strict_proof)
    del bad["positive"]
    rejected(STRICT, bad, "strict goal")


def test_terms_and_ideal_indices(strict_proof: dict) -> None:
    zero = to_record({}, ["x", "y"])
    for bad_term in ({"assume": [3], "squares": []},          # an equality is no inequality multiplier
                     {"assume": [0, 0], "squares": []},       # repeated index
                     {"assume": [7], "squares": []}):
        bad = copy.deepcopy(strict_proof)
        bad["terms"].append(bad_term)
        rejected(STRICT, bad, "assumption")
    bad = copy.deepcopy(strict_proof)
    bad["ideal"].append({"assume": 2, "poly": zero})  # 0 <= y is no equality
    rejected(STRICT, bad, "equality")


def test_malformed_objects() -> None:
    c, proof = motzkin_oracle()
    rejected(c, {**proof, "method": "bernstein"}, "not an sos")
    rejected(c, {**proof, "extra": 1}, "keys")
    bad = copy.deepcopy(proof)
    bad["terms"][0]["squares"][0][1] = to_record(parse("x", ["x"]), ["x"])  # wrong variables
    rejected(c, bad, "expected")
    bad = copy.deepcopy(proof)
    bad["terms"][0]["squares"][0][0] = 0.5  # weights are strings p/q
    rejected(c, bad, "string")
