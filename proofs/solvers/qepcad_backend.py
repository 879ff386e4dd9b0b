"""QEPCAD B (partial cylindrical algebraic decomposition): quantifier elimination, a decision procedure.

A universal claim is decided as the closed formula ``(E x₁)…(E xₙ)[assume ∧ ¬show]``: ``FALSE``
means proved, ``TRUE`` refuted (QEPCAD gives no witness). The projection order matters a lot —
some orders abort with "Prime list exhausted" or run for minutes — so several orders are tried,
highest-degree variables first (QEPCAD projects the last variable first).

A quantified claim ``∀free: (Q bound: matrix) ⟺ target`` is decided in two QE calls: stage 1
eliminates the bound variables with the free ones left free, giving a quantifier-free formula φ;
stage 2 decides the closed formula ``(A free)[φ ⟺ target]`` — both directions at once.

Absent binary: ``skipped`` with a clear message, unless ``SGD_PROOFS_REQUIRE_QEPCAD=1`` (CI), then
``error``.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import re
import shutil
import subprocess
import time

from proofs.claim import Claim, Constraint
from symbolic.polynomial import Poly

from . import Verdict

MEMORY = "+N20000000"
_REL = {">": ">", ">=": ">=", "<": "<", "<=": "<=", "=": "=", "!=": "/="}


def binary() -> str | None:
    """The ``qepcad`` on ``PATH`` (only there: a user hides it by taking it off ``PATH``)."""
    return shutil.which("qepcad")


def required() -> bool:
    return os.environ.get("SGD_PROOFS_REQUIRE_QEPCAD") == "1"


@functools.lru_cache(maxsize=1)
def version() -> str:
    exe = binary()
    if not exe:
        return "not installed"
    try:
        out = subprocess.run([exe], input="", capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    m = re.search(r"Version (B [0-9.]+)", out)
    return f"QEPCAD {m.group(1)}" if m else "unknown"


def poly_text(p: Poly, variables: list[str]) -> str:
    """Integer-coefficient text (scaled by the positive lcm of the denominators) with juxtaposition."""
    if not p:
        return "0"
    den = math.lcm(*(c.denominator for c in p.values()))
    parts = []
    for m, c in sorted(p.items(), reverse=True):
        k = int(c * den)
        mono = " ".join(v if e == 1 else f"{v}^{e}" for v, e in zip(variables, m, strict=True) if e)
        body = (str(abs(k)) if abs(k) != 1 or not mono else "") + (" " if abs(k) != 1 and mono else "") + mono
        parts.append(("- " if k < 0 else "+ ") + body)
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
        sep = " /\\ " if op == "and" else " \\/ "
        return "[ " + sep.join(formula_text(g, variables) for g in f[1:]) + " ]"
    if op == "not":
        return f"~[ {formula_text(f[1], variables)} ]"
    if op == "implies":
        return f"[ {formula_text(f[1], variables)} ==> {formula_text(f[2], variables)} ]"
    raise ValueError(f"unknown formula operator {op!r}")


def _input(name: str, order: list[str], nfree: int, quants: list[str], body: str) -> str:
    prefix = "".join(f"({q} {v})" for q, v in zip(quants, order[nfree:], strict=True))
    return f"[{name}]\n({','.join(order)})\n{nfree}\n{prefix}[ {body} ].\nfinish\n"


def claim_input(claim: Claim, order: list[str]) -> str:
    """``(E order)[assume ∧ ¬show]`` with atoms written over the claim's own variable list."""
    vs = list(claim.variables)
    atoms = [atom_text(c, vs) for c in claim.assume] + [atom_text(claim.show.negated(), vs)]
    return _input(claim.name, order, 0, ["E"] * len(order), " /\\ ".join(atoms))


def candidate_orders(blocks: list[list[str]], degree: dict[str, int], limit: int = 8) -> list[list[str]]:
    """Orders respecting the quantifier blocks; within a block highest degree first (projected last).

    The heuristic order comes first, then the others by their distance from it.
    """
    def perms(block: list[str]) -> list[list[str]]:
        first = sorted(block, key=lambda v: (-degree.get(v, 0), block.index(v)))
        rest = [list(p) for p in itertools.permutations(block) if list(p) != first]
        return [first, *rest]

    def dist(order: list[str], ref: list[str]) -> int:
        return sum(abs(i - ref.index(v)) for i, v in enumerate(order))

    options = [perms(bl) for bl in blocks]
    ref = [v for opt in options for v in opt[0]]
    combos = [[v for part in combo for v in part] for combo in itertools.product(*options)]
    combos.sort(key=lambda o: dist(o, ref))
    return combos[:limit]


def _degrees(polys: list[Poly], variables: list[str]) -> dict[str, int]:
    return {v: max((m[i] for p in polys for m in p), default=0) for i, v in enumerate(variables)}


def _formula_polys(f: list, variables: list[str]) -> list[Poly]:
    from .formula import atom_constraint

    if f[0] == "atom":
        return [atom_constraint(f, variables).poly]
    return [p for g in f[1:] for p in _formula_polys(g, variables)]


def run(text: str, timeout_s: float) -> tuple[str, str]:
    """Run QEPCAD on one input: ("formula", qf-text) | ("failure", reason) | ("timeout", "")."""
    try:
        out = subprocess.run([binary(), MEMORY], input=text, capture_output=True, text=True,
                             timeout=max(1.0, timeout_s)).stdout
    except subprocess.TimeoutExpired:
        return "timeout", ""
    m = re.search(r"An equivalent quantifier-free formula:\s*\n(.*?)\n\s*\n", out, re.S)
    if m:
        return "formula", " ".join(m.group(1).split())
    fail = re.search(r"Reason for the failure:\s*(.*)", out)
    return "failure", (fail.group(1).strip() if fail else "no formula in output")


def _try_orders(inputs: list[tuple[list[str], str]],
                timeout_s: float) -> tuple[list[str], str, str, list[str]]:
    """First order that answers within the budget: (order, input, formula, log of failed orders)."""
    deadline = time.perf_counter() + timeout_s
    log = []
    per_try = max(5.0, timeout_s / 3)
    for order, text in inputs:
        left = deadline - time.perf_counter()
        if left <= 0.5:
            break
        kind, res = run(text, min(per_try, left))
        if kind == "formula":
            return order, text, res, log
        log.append(f"order ({','.join(order)}): {kind} {res}".strip())
    return [], "", "", log


def decide(claim, timeout_s: float = 60.0) -> Verdict:
    if binary() is None:
        if required():
            return Verdict("error", detail="qepcad not found but SGD_PROOFS_REQUIRE_QEPCAD=1")
        return Verdict("skipped", version="not installed",
                       detail="qepcad not installed (Debian package 'qepcad'); QEPCAD B backend skipped")
    from .formula import QClaim

    t0 = time.perf_counter()
    ver = version()
    if isinstance(claim, QClaim):
        return _decide_quantified(claim, timeout_s, t0, ver)
    vs = list(claim.variables)
    polys = [c.poly for c in claim.assume] + [claim.show.poly]
    inputs = [(o, claim_input(claim, o)) for o in candidate_orders([vs], _degrees(polys, vs))]
    order, text, res, log = _try_orders(inputs, timeout_s)
    dt = time.perf_counter() - t0
    if not order:
        return Verdict("unknown", dt, ver, detail="qepcad: no variable order answered: " + "; ".join(log))
    extra = {"order": order, "inputs": {"qepcad": text}}
    if res == "FALSE":
        return Verdict("proved", dt, ver, detail=f"qepcad: (E {','.join(order)})[assume ∧ ¬goal] = FALSE",
                       extra=extra)
    if res == "TRUE":
        return Verdict("refuted", dt, ver, detail="qepcad: assume ∧ ¬goal is satisfiable (TRUE); "
                       "QEPCAD gives no witness", extra=extra)
    return Verdict("error", dt, ver, detail=f"qepcad: unexpected answer {res!r}", extra=extra)


def _decide_quantified(q, timeout_s: float, t0: float, ver: str) -> Verdict:
    allv = q.all_variables()
    free = list(q.variables)
    quants = [qq for qq, _ in q.bound]
    body = formula_text(q.matrix, allv)
    blocks: list[list[str]] = [free]
    for i, (qq, v) in enumerate(q.bound):
        if i and q.bound[i - 1][0] == qq:
            blocks[-1].append(v)
        else:
            blocks.append([v])
    nfree = len(free)
    degree = _degrees(_formula_polys(q.matrix, allv) + _formula_polys(q.target, allv), allv)
    inputs = [(o, _input(q.name + " stage 1", o, nfree, quants, body))
              for o in candidate_orders(blocks, degree)]
    order1, text1, phi, log = _try_orders(inputs, timeout_s / 2)
    if not order1:
        return Verdict("unknown", time.perf_counter() - t0, ver,
                       detail="qepcad stage 1 failed: " + "; ".join(log))
    target = formula_text(q.target, allv)
    if phi == "TRUE":
        body2 = target
    elif phi == "FALSE":
        body2 = f"~[ {target} ]"
    else:
        body2 = f"[ {phi} ] <==> [ {target} ]"
    inputs2 = [(o, _input(q.name + " stage 2", o, 0, ["A"] * nfree, body2))
               for o in candidate_orders([free], degree)]
    left = timeout_s - (time.perf_counter() - t0)
    order2, text2, res, log2 = _try_orders(inputs2, max(left, 1.0))
    dt = time.perf_counter() - t0
    extra = {"order": order1, "stage1_formula": phi, "inputs": {"qepcad_stage1": text1}}
    if not order2:
        return Verdict("unknown", dt, ver, detail=f"qepcad stage 1 gave {phi!r}; stage 2 failed: "
                       + "; ".join(log2), extra=extra)
    extra["inputs"]["qepcad_stage2"] = text2
    if res == "TRUE":
        return Verdict("proved", dt, ver, detail=f"qepcad: QE of the quantified side gives {phi!r}, "
                       "equivalent to the target for all free values (TRUE)", extra=extra)
    if res == "FALSE":
        return Verdict("refuted", dt, ver, detail=f"qepcad: QE of the quantified side gives {phi!r}, "
                       "NOT equivalent to the target (FALSE)", extra=extra)
    return Verdict("error", dt, ver, detail=f"qepcad: unexpected stage-2 answer {res!r}", extra=extra)
