"""Checker for ``semialgebraic`` certificates (``proofs/semialgebraic.py``). Standard library only.

Three forms:

* ``universal`` — ``∀x: (∧ assume) ⇒ show``. Checks the claim record; that the stated status and
  method list follow from the recorded verdicts (``disagreement`` if one proved and one refuted);
  every recorded counterexample by exact rational evaluation; each exact proof object with
  ``checker.bernstein.check_bernstein`` / ``checker.intervals.check_intervals``; and that the SMT-LIB
  side file asserts exactly ``assume ∧ ¬show`` (its terms are parsed back into polynomials). Solver
  verdicts (z3, cvc5, QEPCAD B) cannot be re-run here: the summary names them as such.
* ``quantified`` — ``∀free: (Q bound: matrix) ⟺ target``: structure and status consistency only
  (decided by decision procedures alone).
* ``argued`` — an argument with dependencies: each exact identity ``lhs = rhs`` is re-verified and
  every dependency must have a certificate beside this one whose status is proved or argued.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

from . import poly as P
from .core import CertificateError

RELS = (">", ">=", "<", "<=", "=", "!=")
NEG = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "!=", "!=": "="}
STATUSES = ("proved", "refuted", "unknown", "skipped", "error")
DECISION = ("z3", "cvc5", "qepcad")
EXACT = ("bernstein", "intervals")


def _constraint(rec: dict, variables: list[str]) -> tuple[P.Poly, str]:
    p, vs = P.from_record(rec["poly"])
    if vs != variables:
        raise CertificateError(f"constraint over {vs}, expected {variables}")
    if rec["rel"] not in RELS:
        raise CertificateError(f"unknown relation {rec['rel']!r}")
    return p, rec["rel"]


def holds(c: tuple[P.Poly, str], point: list[Fraction]) -> bool:
    v = P.evaluate(c[0], point)
    return {">": v > 0, ">=": v >= 0, "<": v < 0, "<=": v <= 0, "=": v == 0, "!=": v != 0}[c[1]]


def overall(statuses: dict[str, str]) -> tuple[str, list[str]]:
    proved = sorted(k for k, s in statuses.items() if s == "proved")
    refuted = sorted(k for k, s in statuses.items() if s == "refuted")
    if proved and refuted:
        return "disagreement", proved + refuted
    if refuted:
        return "refuted", refuted
    if proved:
        return "proved", proved
    return "unknown", []


# ------------------------------------------------------------------ SMT-LIB side file, parsed back

def _sexprs(text: str) -> list:
    text = "\n".join(line.split(";", 1)[0] for line in text.splitlines())
    tokens = re.findall(r"\(|\)|[^\s()]+", text)
    stack: list[list] = [[]]
    for t in tokens:
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
            return {tuple(int(i == variables.index(e)) for i in range(n)): Fraction(1)}
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
        return {m: -c for m, c in args[0].items()}
    if op == "/" and len(args) == 2 and set(args[1]) <= {(0,) * n} and args[1]:
        return {m: c / args[1][(0,) * n] for m, c in args[0].items()}
    raise CertificateError(f"SMT-LIB side file: unsupported term {op!r}")


def smt_constraints(text: str, variables: list[str]) -> list[tuple[P.Poly, str]]:
    """The asserted ``poly rel 0`` atoms of a QF_NRA side file, in order."""
    out, declared = [], []
    for cmd in _sexprs(text):
        if cmd and cmd[0] == "declare-fun":
            declared.append(cmd[1])
        elif cmd and cmd[0] == "assert":
            f = cmd[1]
            if f[0] == "not" and f[1][0] == "=":
                rel, body = "!=", f[1]
            else:
                rel, body = f[0], f
            if rel not in RELS or body[2] != "0":
                raise CertificateError(f"SMT-LIB side file: unexpected assertion {f}")
            out.append((_smt_poly(body[1], variables), rel))
    if declared != variables:
        raise CertificateError(f"SMT-LIB side file declares {declared}, claim has {variables}")
    return out


# ---------------------------------------------------------------------------------------- forms

def _check_verdicts(content: dict) -> tuple[str, list[str], dict]:
    verdicts = content["verdicts"]
    if not isinstance(verdicts, dict) or not verdicts:
        raise CertificateError("no verdicts recorded")
    for k, v in verdicts.items():
        if v["status"] not in STATUSES:
            raise CertificateError(f"{k}: unknown verdict status {v['status']!r}")
    status, methods = overall({k: v["status"] for k, v in verdicts.items()})
    if content["status"] != status:
        raise CertificateError(f"stated status {content['status']!r} does not follow from the verdicts "
                               f"({status})")
    if content["methods"] != methods:
        raise CertificateError(f"stated methods {content['methods']} do not match the verdicts ({methods})")
    if status == "disagreement":
        raise CertificateError("backends disagree: "
                               + ", ".join(f"{k}={verdicts[k]['status']}" for k in methods))
    if content.get("expect") not in ("proved", "refuted"):
        raise CertificateError(f"bad expect {content.get('expect')!r}")
    return status, methods, verdicts


def _universal(content: dict, base: Path) -> str:
    claim = content["claim"]
    name, vs = claim["name"], [str(v) for v in claim["variables"]]
    assume = [_constraint(c, vs) for c in claim["assume"]]
    show = _constraint(claim["show"], vs)
    status, methods, verdicts = _check_verdicts(content)
    witnesses = 0
    for k, v in verdicts.items():
        if v["status"] == "refuted" and v.get("counterexample") is not None:
            pt = [Fraction(x) for x in v["counterexample"]]
            if len(pt) != len(vs):
                raise CertificateError(f"{k}: counterexample has {len(pt)} coordinates, claim has {len(vs)}")
            if not all(holds(c, pt) for c in assume):
                raise CertificateError(f"{k}: counterexample violates an assumption")
            if holds(show, pt):
                raise CertificateError(f"{k}: counterexample satisfies the goal")
            witnesses += 1
    proofs = content.get("proofs", {})
    checked = []
    for method in EXACT:
        has_proof, says = method in proofs, verdicts.get(method, {}).get("status")
        if has_proof != (says == "proved"):
            state = "present" if has_proof else "missing"
            raise CertificateError(f"{method}: verdict {says!r} but proof object {state}")
        if has_proof:
            if method == "bernstein":
                from .bernstein import check_bernstein as chk
            else:
                from .intervals import check_intervals as chk
            checked.append(f"{method} ({chk(claim, proofs[method])})")
    extra = set(proofs) - set(EXACT)
    if extra:
        raise CertificateError(f"unknown proof objects {sorted(extra)}")
    inputs = content["inputs"]
    if set(inputs) != {"smtlib", "qepcad", "redlog"}:
        raise CertificateError(f"solver inputs {sorted(inputs)}; expected smtlib, qepcad, redlog")
    smt = smt_constraints((base / inputs["smtlib"]["path"]).read_text(), vs)
    if smt != assume + [(show[0], NEG[show[1]])]:
        raise CertificateError("SMT-LIB side file does not assert exactly assume ∧ ¬show of the claim")
    if status != content["expect"]:
        raise CertificateError(f"{name}: status {status!r} but the claim is expected {content['expect']!r}")
    if status == "refuted" and not witnesses and content["expect"] == "refuted":
        raise CertificateError(f"{name}: sharpness probe refuted without an exactly verified counterexample")
    if status == "refuted":
        how = (f"{witnesses} exact counterexample(s) re-verified" if witnesses
               else "no rational witness; refuted by decision procedure only (not re-run here)")
        return f"{name}: refuted by {', '.join(methods)}; {how} (expected {content['expect']})"
    solvers = [m for m in methods if m in DECISION]
    parts = [f"exact certificate(s) checked: {'; '.join(checked)}"] if checked else []
    if solvers:
        parts.append(f"decision procedures {', '.join(solvers)} answered (recorded; the checker cannot "
                     "re-run solvers)")
    return f"{name}: proved — " + "; ".join(parts)


def _formula(f, allv: list[str], depth: int = 0) -> set[int]:
    """Validate a formula tree; return the indices of the variables it uses."""
    if depth > 50 or not isinstance(f, list) or not f:
        raise CertificateError("malformed formula")
    if f[0] == "atom":
        p, _ = _constraint({"rel": f[1], "poly": f[2]}, allv)
        return {i for m in p for i, e in enumerate(m) if e}
    if f[0] in ("and", "or") or (f[0] == "not" and len(f) == 2) or (f[0] == "implies" and len(f) == 3):
        return set().union(*[_formula(g, allv, depth + 1) for g in f[1:]])
    raise CertificateError(f"unknown formula operator {f[0]!r}")


def _quantified(content: dict) -> str:
    claim = content["claim"]
    free = [str(v) for v in claim["variables"]]
    bound = claim["bound"]
    if any(q not in ("A", "E") for q, _ in bound):
        raise CertificateError("quantifiers must be A or E")
    allv = free + [str(v) for _, v in bound]
    if len(set(allv)) != len(allv):
        raise CertificateError("repeated variable")
    _formula(claim["matrix"], allv)
    if any(i >= len(free) for i in _formula(claim["target"], allv)):
        raise CertificateError("target uses a bound variable")
    if content.get("proofs"):
        raise CertificateError("a quantified claim has no exact proof objects")
    status, methods, _ = _check_verdicts(content)
    if status != content["expect"]:
        raise CertificateError(f"{claim['name']}: status {status!r} but expected {content['expect']!r}")
    return (f"{claim['name']}: {status} by {', '.join(methods) or 'nobody'} (quantified equivalence: "
            "decision procedures only, not re-run by this checker)")


def _argued(content: dict, base: Path) -> str:
    claim = content["claim"]
    if content.get("status") != "argued" or content.get("methods"):
        raise CertificateError("an argued claim must have status 'argued' and no machine methods")
    for ident in claim["identities"]:
        lhs, v1 = P.from_record(ident["lhs"])
        rhs, v2 = P.from_record(ident["rhs"])
        if v1 != v2 or P.add(lhs, rhs, -1):
            raise CertificateError(f"identity fails: {ident['label']}")
    for dep in claim["depends_on"]:
        path = base / f"{dep}.json"
        if not re.fullmatch(r"[A-Za-z0-9_.\-]+", dep) or not path.is_file():
            raise CertificateError(f"dependency {dep!r} has no certificate beside this one")
        dc = json.loads(path.read_text())
        if dc.get("kind") != "semialgebraic" or dc["content"].get("status") not in ("proved", "argued"):
            raise CertificateError(f"dependency {dep} is not proved")
    return (f"{claim['name']}: argued (not machine-proved) from {', '.join(claim['depends_on'])}; "
            f"{len(claim['identities'])} exact identities re-verified")


def check(content: dict, base: Path) -> str:
    form = content.get("form")
    if form == "universal":
        return _universal(content, base)
    if form == "quantified":
        return _quantified(content)
    if form == "argued":
        return _argued(content, base)
    raise CertificateError(f"unknown semialgebraic form {form!r}")
