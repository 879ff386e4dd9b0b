"""Quantified claims ``∀free: (Q₁y₁ … Q_k y_k: matrix) ⟺ target`` and their formula trees.

Some statements are not of the universal form of ``proofs.claim.Claim``: App. H's stability region
is an *equivalence* whose left side quantifies over the roots, and the exact threshold in ``g`` of
Lemma 1.1 quantifies over the region. Such a claim is a :class:`QClaim`. Quantifier-free formulas
are JSON trees: ``["atom", rel, poly_record]`` (``poly rel 0`` over ``all_variables()``),
``["and", f, …]``, ``["or", f, …]``, ``["not", f]``, ``["implies", f, g]``.
Only decision procedures (QEPCAD B, z3, cvc5) decide them; no exact certificate applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from proofs.claim import RELATIONS, Constraint
from symbolic.polynomial import from_record, to_record


@dataclass(frozen=True)
class QClaim:
    name: str
    statement: str
    source: str
    variables: tuple[str, ...]  # free (outer, universally quantified) variables
    bound: tuple[tuple[str, str], ...]  # (("A" | "E", var), ...) outermost first
    matrix: list  # quantifier-free formula over all_variables()
    target: list  # quantifier-free formula over all_variables(), using only free variables
    depends_on: tuple[str, ...] = ()
    expect: str = "proved"
    notes: str = ""

    def all_variables(self) -> list[str]:
        return list(self.variables) + [v for _, v in self.bound]

    def record(self) -> dict:
        return {
            "name": self.name,
            "statement": self.statement,
            "source": self.source,
            "variables": list(self.variables),
            "bound": [list(x) for x in self.bound],
            "matrix": self.matrix,
            "target": self.target,
            "depends_on": list(self.depends_on),
        }


def atom(c: Constraint, variables: list[str]) -> list:
    return ["atom", c.rel, to_record(c.poly, variables)]


def atom_constraint(f: list, variables: list[str]) -> Constraint:
    p, vs = from_record(f[2])
    if vs != list(variables) or f[1] not in RELATIONS:
        raise ValueError(f"bad atom {f!r}")
    return Constraint(p, f[1])


def conj(cs: list[Constraint], variables: list[str]) -> list:
    return ["and", *[atom(c, variables) for c in cs]]
