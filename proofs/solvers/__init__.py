"""Decision-procedure backends for semi-algebraic claims: z3, cvc5, QEPCAD B (+ SMT-LIB/Redlog text).

Every backend exposes ``decide(claim, timeout_s) -> Verdict``. A ``refuted`` verdict carries an
exact rational counterexample (a point satisfying every assumption and violating the goal, checked
here by exact evaluation with ``symbolic.polynomial.evaluate``) or, when the solver's model is
irrational and no nearby rational point verifies, ``counterexample=None`` and a detail saying so.
A timeout or an incomplete answer is ``unknown`` — never ``proved``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from proofs.claim import Claim, Constraint
from symbolic.polynomial import evaluate

STATUSES = ("proved", "refuted", "unknown", "skipped", "error")
BACKENDS = ("z3", "cvc5", "qepcad")


@dataclass
class Verdict:
    status: str
    seconds: float = 0.0
    version: str = ""
    counterexample: list[Fraction] | None = None
    detail: str = ""
    extra: dict = field(default_factory=dict)  # deterministic solver output worth recording

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown verdict status {self.status!r}")


def holds(c: Constraint, point: list[Fraction]) -> bool:
    """Exact truth of ``poly rel 0`` at a rational point."""
    v = evaluate(c.poly, point)
    return {">": v > 0, ">=": v >= 0, "<": v < 0, "<=": v <= 0, "=": v == 0, "!=": v != 0}[c.rel]


def is_counterexample(claim: Claim, point: list[Fraction]) -> bool:
    """All assumptions hold and the goal fails — decided by exact rational evaluation."""
    return all(holds(c, point) for c in claim.assume) and not holds(claim.show, point)


def rational_candidates(approx: list[Fraction]) -> list[list[Fraction]]:
    """The point itself, then roundings to dyadic and small-denominator rationals (coarse to fine)."""
    out = [list(approx)]
    for k in (2, 4, 8, 12, 16, 24, 32, 48, 64):
        out.append([Fraction(round(x * 2**k), 2**k) for x in approx])
    for d in (10, 100, 1000, 10**6, 10**12):
        out.append([x.limit_denominator(d) for x in approx])
    return out


def find_witness(
    claim: Claim,
    approx: list[Fraction],
    resolve: Callable[[dict[int, Fraction]], list[Fraction] | None] | None = None,
) -> list[Fraction] | None:
    """An exactly verified rational counterexample near a solver model, or ``None``.

    First tries roundings of ``approx``. If the model is irrational and no rounding verifies (the
    counterexample set may be thin), fixes the variables one at a time to rational values and asks
    ``resolve(fixed)`` — the solver re-run with those values pinned — for the remaining coordinates.
    """
    for cand in rational_candidates(approx):
        if is_counterexample(claim, cand):
            return cand
    if resolve is None:
        return None
    fixed: dict[int, Fraction] = {}
    current = list(approx)
    for i in range(len(approx)):
        for cand in rational_candidates([current[i]])[1:]:
            trial = resolve({**fixed, i: cand[0]})
            if trial is not None:
                fixed[i] = cand[0]
                current = trial
                break
        else:
            return None
        for cand in rational_candidates(current):
            if is_counterexample(claim, cand):
                return cand
    return None


def fmt_point(variables: tuple[str, ...] | list[str], point: list[Fraction]) -> str:
    return ", ".join(f"{v}={x}" for v, x in zip(variables, point, strict=True))
