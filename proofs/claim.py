"""A semi-algebraic claim as data: ``∀x ∈ R^n: (∧ assumptions) ⇒ goal``.

Every constraint is ``poly rel 0`` with ``poly`` an exact rational polynomial (dict form and record of
``symbolic.polynomial``) and ``rel`` one of ``> >= < <= = !=``. The claim holds iff the set
``{x : assumptions ∧ ¬goal}`` is empty — the form the paper's Redlog listings decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from symbolic.polynomial import Poly, from_record, to_record

RELATIONS = (">", ">=", "<", "<=", "=", "!=")
NEGATION = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "!=", "!=": "="}


@dataclass(frozen=True)
class Constraint:
    """``poly rel 0``."""

    poly: Poly
    rel: str

    def __post_init__(self) -> None:
        if self.rel not in RELATIONS:
            raise ValueError(f"unknown relation {self.rel!r}")

    def negated(self) -> Constraint:
        return Constraint(self.poly, NEGATION[self.rel])

    def record(self, variables: list[str]) -> dict:
        return {"poly": to_record(self.poly, variables), "rel": self.rel}

    @staticmethod
    def from_record(rec: dict, variables: list[str]) -> Constraint:
        p, vs = from_record(rec["poly"])
        if vs != variables:
            raise ValueError(f"constraint over {vs}, expected {variables}")
        return Constraint(p, rec["rel"])


@dataclass(frozen=True)
class Claim:
    """One registry entry: statement, source, assumptions, goal, dependencies, expected outcome."""

    name: str
    statement: str
    source: str
    variables: tuple[str, ...]
    assume: tuple[Constraint, ...]
    show: Constraint
    depends_on: tuple[str, ...] = ()
    expect: str = "proved"  # "proved" for theorems, "refuted" for sharpness probes expected false
    notes: str = ""
    extra: dict = field(default_factory=dict)
    # exact methods this claim is also given to, beyond the ones every universal claim gets (Bernstein,
    # intervals): e.g. ("sos",) where a variable is unbounded and no box cover can apply
    exact_also: tuple[str, ...] = ()

    def record(self) -> dict:
        vs = list(self.variables)
        return {
            "name": self.name,
            "statement": self.statement,
            "source": self.source,
            "variables": vs,
            "assume": [c.record(vs) for c in self.assume],
            "show": self.show.record(vs),
            "depends_on": list(self.depends_on),
        }
