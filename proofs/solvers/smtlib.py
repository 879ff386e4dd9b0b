"""SMT-LIB2 text for semi-algebraic claims (logic ``QF_NRA``, or ``NRA`` for quantified claims).

A universal claim ``∀x: (∧ assume) ⇒ show`` is decided by asking for a model of
``assume ∧ ¬show``: ``unsat`` means proved, a model is a candidate counterexample. A quantified claim
(``proofs.solvers.formula.QClaim``: ``∀free: (Q bound: matrix) ⟺ target``) is decided by asserting
the negation of the equivalence for some value of the free variables. The same text is fed to z3 and
cvc5 and written beside the certificate, so anyone can rerun it with their own solver.
"""

from __future__ import annotations

from fractions import Fraction

from proofs.claim import Claim, Constraint
from symbolic.polynomial import Poly

_SMT_REL = {">": ">", ">=": ">=", "<": "<", "<=": "<=", "=": "="}


def number(c: Fraction) -> str:
    """An exact rational constant, e.g. ``(- (/ 3 4))``."""
    c = Fraction(c)
    mag = str(abs(c.numerator)) if c.denominator == 1 else f"(/ {abs(c.numerator)} {c.denominator})"
    return f"(- {mag})" if c < 0 else mag


def poly_term(p: Poly, variables: list[str]) -> str:
    """Sum of monomials; powers written as repeated products (portable across solvers)."""
    if not p:
        return "0"
    terms = []
    for m, c in sorted(p.items(), reverse=True):
        factors = [v for v, e in zip(variables, m, strict=True) for _ in range(e)]
        if not factors:
            terms.append(number(c))
        elif c == 1:
            terms.append(factors[0] if len(factors) == 1 else f"(* {' '.join(factors)})")
        else:
            terms.append(f"(* {number(c)} {' '.join(factors)})")
    return terms[0] if len(terms) == 1 else f"(+ {' '.join(terms)})"


def atom(c: Constraint, variables: list[str]) -> str:
    lhs = poly_term(c.poly, variables)
    if c.rel == "!=":
        return f"(not (= {lhs} 0))"
    return f"({_SMT_REL[c.rel]} {lhs} 0)"


def formula(f: list, variables: list[str]) -> str:
    """Render a quantifier-free formula tree of ``proofs.solvers.formula``."""
    from .formula import atom_constraint

    op = f[0]
    if op == "atom":
        return atom(atom_constraint(f, variables), variables)
    if op in ("and", "or"):
        return f"({op} {' '.join(formula(g, variables) for g in f[1:])})"
    if op == "not":
        return f"(not {formula(f[1], variables)})"
    if op == "implies":
        return f"(=> {formula(f[1], variables)} {formula(f[2], variables)})"
    raise ValueError(f"unknown formula operator {op!r}")


def _header(name: str, logic: str, statement: str) -> list[str]:
    lines = [f"; sgd-proofs claim {name}: {statement}".replace("\n", " ")]
    lines += ["(set-info :status unknown)", f"(set-logic {logic})", "(set-option :produce-models true)"]
    return lines


def claim_script(claim: Claim) -> str:
    """``assume ∧ ¬show``: unsat ⇔ the claim holds."""
    vs = list(claim.variables)
    lines = _header(claim.name, "QF_NRA", "unsat <=> " + claim.statement)
    lines += [f"(declare-fun {v} () Real)" for v in vs]
    lines += [f"(assert {atom(c, vs)})" for c in claim.assume]
    lines.append(f"(assert {atom(claim.show.negated(), vs)}) ; negated goal")
    lines += ["(check-sat)", "(get-model)", ""]
    return "\n".join(lines)


def qclaim_script(q) -> str:
    """``∃free: ¬((Q bound: matrix) ⟺ target)``: unsat ⇔ the equivalence holds for all free values."""
    vs = q.all_variables()
    lines = _header(q.name, "NRA", "unsat <=> " + q.statement)
    lines += [f"(declare-fun {v} () Real)" for v in q.variables]
    inner = formula(q.matrix, vs)
    for quant, v in reversed(q.bound):
        kw = "forall" if quant == "A" else "exists"
        inner = f"({kw} (({v} Real)) {inner})"
    lines.append(f"(assert (not (= {inner} {formula(q.target, vs)})))")
    lines += ["(check-sat)", ""]
    return "\n".join(lines)
