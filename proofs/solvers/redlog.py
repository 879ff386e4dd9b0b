"""Redlog (REDUCE) input text, in the form of the paper's listings — written beside the certificate only.

REDUCE is not available here, so nothing is run: the file lets a reader rerun the paper's own method.
A universal claim becomes ``rlqe ex({vars}, assume and not goal)`` (expected ``false`` when it holds);
a quantified claim ``∀free: (Q bound: matrix) ⟺ target`` becomes ``rlqe all({free}, … equiv …)``.
"""

from __future__ import annotations

from proofs.claim import Claim, Constraint
from symbolic.polynomial import Poly

_REL = {">": ">", ">=": ">=", "<": "<", "<=": "<=", "=": "=", "!=": "<>"}


def poly_text(p: Poly, variables: list[str]) -> str:
    if not p:
        return "0"
    parts = []
    for m, c in sorted(p.items(), reverse=True):
        mono = "*".join(v if e == 1 else f"{v}**{e}" for v, e in zip(variables, m, strict=True) if e)
        coef = str(abs(c)) if c.denominator == 1 else f"({abs(c.numerator)}/{c.denominator})"
        body = mono if (abs(c) == 1 and mono) else (f"{coef}*{mono}" if mono else coef)
        parts.append(("- " if c < 0 else "+ ") + body)
    text = " ".join(parts)
    return text[2:] if text.startswith("+ ") else text


def atom_text(c: Constraint, variables: list[str]) -> str:
    return f"{poly_text(c.poly, variables)} {_REL[c.rel]} 0"


def formula_text(f: list, variables: list[str]) -> str:
    from .formula import atom_constraint

    op = f[0]
    if op == "atom":
        return atom_text(atom_constraint(f, variables), variables)
    if op in ("and", "or"):
        return "(" + f" {op} ".join(formula_text(g, variables) for g in f[1:]) + ")"
    if op == "not":
        return f"(not {formula_text(f[1], variables)})"
    if op == "implies":
        return f"({formula_text(f[1], variables)} impl {formula_text(f[2], variables)})"
    raise ValueError(f"unknown formula operator {op!r}")


def claim_text(claim: Claim) -> str:
    vs = list(claim.variables)
    body = " and ".join([atom_text(c, vs) for c in claim.assume] + [f"not ({atom_text(claim.show, vs)})"])
    return (f"% sgd-proofs claim {claim.name}: {claim.statement}\n"
            "% expected answer: false (the claim holds)\n"
            f"rlset R$\nphi := ex({{{', '.join(vs)}}}, {body})$\nrlqe phi;\nend;\n")


def qclaim_text(q) -> str:
    allv = q.all_variables()
    inner = formula_text(q.matrix, allv)
    for quant, v in reversed(q.bound):
        inner = f"{'all' if quant == 'A' else 'ex'}({v}, {inner})"
    body = f"({inner}) equiv {formula_text(q.target, allv)}"
    return (f"% sgd-proofs claim {q.name}: {q.statement}\n% expected answer: true (the equivalence holds)\n"
            f"rlset R$\nphi := all({{{', '.join(q.variables)}}}, {body})$\nrlqe phi;\nend;\n")
