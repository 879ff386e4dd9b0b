"""Result of an exact certificate method (Bernstein, interval arithmetic): verdict, proof object, witness."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

STATUSES = ("proved", "refuted", "unknown")


@dataclass
class ExactResult:
    """``status`` ∈ {proved, refuted, unknown}.

    ``proof`` is the JSON-ready proof object (only when proved; format documented by the method that
    made it), ``counterexample`` maps each claim variable to an exact ``Fraction`` (only when refuted:
    a point satisfying every assumption and violating the goal, checked by exact evaluation), ``detail``
    a one-line human explanation, ``stats`` counters (boxes, depth, ...) for reports — never certificate
    content.
    """

    status: str
    proof: dict | None = None
    counterexample: dict[str, Fraction] | None = None
    detail: str = ""
    stats: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
