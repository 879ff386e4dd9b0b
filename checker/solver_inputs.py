"""Outer ring: the solver input files beside a ``semialgebraic`` certificate state the claim.

Not part of any verdict (no solver is re-run here): this only re-validates the record that lets a user
rerun z3/cvc5 on their own. The SMT-LIB side file must assert exactly ``assume ∧ ¬show`` of the claim;
its terms are parsed back into polynomials and compared exactly.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

from . import poly as P
from .errors import CertificateError
from .spec import RELS, _constraint

NEG = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "!=", "!=": "="}


def _sexprs(text: str) -> list:
    text = "\n".join(line.split(";", 1)[0] for line in text.splitlines())
    stack: list[list] = [[]]
    for t in re.findall(r"\(|\)|[^\s()]+", text):
        if t == "(":
            stack.append([])
        elif t == ")":
            if len(stack) < 2:
                raise CertificateError("SMT-LIB side file: unbalanced parentheses")
            done = stack.pop()
            stack[-1].append(done)
        else:
            stack[-1].append(t)
    if len(stack) != 1:
        raise CertificateError("SMT-LIB side file: unbalanced parentheses")
    return stack[0]


def _smt_poly(e, variables: list[str]) -> P.Poly:
    n = len(variables)
    if isinstance(e, str):
        if e in variables:
            return P.var(variables.index(e), n)
        if re.fullmatch(r"\d+", e):
            return P.const(int(e), n)
        raise CertificateError(f"SMT-LIB side file: unexpected token {e!r}")
    op, args = e[0], [_smt_poly(x, variables) for x in e[1:]]
    if op == "+":
        out: P.Poly = {}
        for x in args:
            out = P.add(out, x)
        return out
    if op == "*":
        out = P.const(1, n)
        for x in args:
            out = P.mul(out, x)
        return out
    if op == "-" and len(args) == 1:
        return P.scale(args[0], -1)
    if op == "/" and len(args) == 2 and set(args[1]) <= {(0,) * n} and args[1]:
        return P.scale(args[0], Fraction(1) / args[1][(0,) * n])
    raise CertificateError(f"SMT-LIB side file: unsupported term {op!r}")


def smt_constraints(text: str, variables: list[str]) -> list[tuple[P.Poly, str]]:
    """The asserted ``poly rel 0`` atoms of a QF_NRA side file, in order."""
    out, declared = [], []
    for cmd in _sexprs(text):
        if cmd and cmd[0] == "declare-fun":
            declared.append(cmd[1])
        elif cmd and cmd[0] == "assert":
            f = cmd[1]
            rel, body = ("!=", f[1]) if f[0] == "not" and f[1][0] == "=" else (f[0], f)
            if rel not in RELS or body[2] != "0":
                raise CertificateError(f"SMT-LIB side file: unexpected assertion {f}")
            out.append((_smt_poly(body[1], variables), rel))
    if declared != variables:
        raise CertificateError(f"SMT-LIB side file declares {declared}, claim has {variables}")
    return out


def check(content: dict, base: Path) -> None:
    """Raise unless the recorded SMT-LIB input of a universal claim asserts exactly ``assume ∧ ¬show``."""
    if content.get("form") != "universal":
        return
    claim, inputs = content["claim"], content["inputs"]
    vs = [str(v) for v in claim["variables"]]
    if set(inputs) != {"smtlib", "qepcad", "redlog"}:
        raise CertificateError(f"solver inputs {sorted(inputs)}; expected smtlib, qepcad, redlog")
    show = _constraint(claim["show"], vs)
    want = [_constraint(c, vs) for c in claim["assume"]] + [(show[0], NEG[show[1]])]
    if smt_constraints((base / inputs["smtlib"]["path"]).read_text(), vs) != want:
        raise CertificateError("SMT-LIB side file does not assert exactly assume ∧ ¬show of the claim")
