"""Check a ``sos`` proof object: an exact sum-of-squares (Positivstellensatz) identity. Standard library only.

The claim is ``∀x: (∧ assume) ⇒ show`` with ``show`` = ``p rel 0``. With ``G = goal_sign · p`` the goal reads
``G ≥ 0`` (``rel`` ``>=``, or ``<=`` with sign −1) or ``G > 0`` (``>``, or ``<`` with sign −1). For an inequality
assumption ``g_j`` is its polynomial with the sign that makes it ``g_j ≥ 0`` (``> 0`` if strict); ``h_j`` is the
polynomial of an equality assumption. The proof object gives, all exact rationals,

* ``multiplier``: ``m = Σ d q²`` (every ``d ≥ 0``) with some ``q`` a non-zero constant and its ``d > 0``;
* ``terms``: ``σ_T = Σ d q²`` (``d ≥ 0``) for products ``Π_{j∈T} g_j`` of inequality assumptions (``T`` may be empty);
* ``ideal``: any polynomial ``λ_j`` for equality assumptions ``h_j``;
* ``positive``: ``ε ≥ 0`` and a product ``Π_{j∈P} g_j`` of *strict* assumptions (``P`` may be empty),

and this module expands ``m·G − Σ_T σ_T Π_{j∈T} g_j − Σ λ_j h_j − ε Π_{j∈P} g_j`` exactly and requires the zero
polynomial. Why that proves the claim: at a point satisfying the assumptions every ``g_j ≥ 0`` (``> 0`` if
strict), ``h_j = 0`` and squares are ``≥ 0``, so ``m·G ≥ ε Π_{j∈P} g_j ≥ 0``, and ``> 0`` when ``ε > 0``; since
``m ≥ d·q² > 0`` everywhere, ``G ≥ 0``, and ``G > 0`` when ``ε > 0`` — which a strict goal requires.
"""

from __future__ import annotations

from fractions import Fraction

from . import poly as P
from .errors import CertificateError
from .spec import _constraint

SIGNS = {(1, ">="): False, (-1, "<="): False, (1, ">"): True, (-1, "<"): True}  # (sign, rel) → goal strict
INEQ = (">", ">=", "<", "<=")


def _squares(items: list, vs: list[str]) -> tuple[P.Poly, bool]:
    """``Σ d q²`` and whether some term is a positive constant ``d q²`` (so the sum is > 0 everywhere)."""
    total, positive = {}, False
    for d, rec in items:
        q, qvs = P.from_record(rec)
        if not isinstance(d, str) or not P._COEFF.fullmatch(d) or Fraction(d) < 0 or qvs != vs:
            raise CertificateError(f"a square's weight must be a string p/q >= 0 over {vs} (got {d!r} over {qvs})")
        total = P.add(total, P.scale(P.mul(q, q), Fraction(d)))
        positive |= Fraction(d) > 0 and bool(q) and not any(any(m) for m in q)
    return total, positive


def _product(js: list, cons: list, n: int, strict: bool = False) -> P.Poly:
    """``Π g_j`` over inequality assumptions (each signed so that ``g_j ≥ 0``), strict ones only if ``strict``."""
    out = P.const(1, n)
    for j in js:
        if type(j) is not int or not 0 <= j < len(cons) or cons[j][1] not in ((">", "<") if strict else INEQ):
            raise CertificateError(f"assumption index {j!r}: not a{' strict' if strict else 'n'} inequality assumption")
        out = P.mul(out, P.scale(cons[j][0], 1 if cons[j][1] in (">", ">=") else -1))
    return out


def check_sos(claim: dict, proof: dict) -> str:
    """Validate a ``sos`` proof object of the claim record; return a summary."""
    vs, n = list(claim["variables"]), len(claim["variables"])
    cons = [_constraint(c, vs) for c in claim["assume"]]
    goal, rel = _constraint(claim["show"], vs)
    if (proof["goal_sign"], rel) not in SIGNS or type(proof["goal_sign"]) is not int:
        raise CertificateError(f"goal_sign {proof['goal_sign']!r} does not turn the goal {rel!r} into G >= 0 or G > 0")
    m, m_positive = _squares(proof["multiplier"], vs)
    if not m_positive:
        raise CertificateError("the multiplier is not shown positive (no positive constant square)")
    rest, count = P.mul(m, P.scale(goal, proof["goal_sign"])), 0
    for t in proof["terms"]:
        s, _ = _squares(t["squares"], vs)
        rest, count = P.add(rest, P.mul(s, _product(t["assume"], cons, n)), -1), count + len(t["squares"])
    for t in proof.get("ideal", []):
        j = t["assume"]
        if type(j) is not int or not 0 <= j < len(cons) or cons[j][1] != "=":
            raise CertificateError(f"ideal term on assumption {j!r}: not an equality assumption")
        lam, lvs = P.from_record(t["poly"])
        if lvs != vs:
            raise CertificateError(f"ideal multiplier over {lvs}, expected {vs}")
        rest = P.add(rest, P.mul(lam, cons[j][0]), -1)
    pos = proof.get("positive") or {"assume": [], "coef": "0"}
    eps = Fraction(pos["coef"]) if isinstance(pos["coef"], str) and P._COEFF.fullmatch(pos["coef"]) else -1
    if eps < 0 or (SIGNS[(proof["goal_sign"], rel)] and eps == 0):
        raise CertificateError(f"positive term {pos['coef']!r}: must be >= 0, and > 0 for a strict goal")
    rest = P.add(rest, P.scale(_product(pos["assume"], cons, n, strict=True), eps), -1)
    if rest:
        raise CertificateError(f"m·goal differs from the certificate's sum by {len(rest)} non-zero terms (exact)")
    return (f"sos certificate valid (m·goal = Σ σ·Π g + ε·Π g exactly: {len(proof['terms'])} terms, {count} squares, "
            f"ε = {eps})")
