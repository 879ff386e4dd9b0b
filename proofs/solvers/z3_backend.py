"""z3 (nlsat: complete for quantifier-free nonlinear real arithmetic; nlqsat for quantified claims)."""

from __future__ import annotations

import time
from fractions import Fraction

from . import Verdict, find_witness, fmt_point
from .smtlib import claim_script, qclaim_script


def version() -> str:
    try:
        import z3
    except ImportError:
        return "not installed"
    return z3.get_version_string()


def _value(val) -> Fraction:
    import z3

    if z3.is_rational_value(val):
        return Fraction(val.numerator_as_long(), val.denominator_as_long())
    if z3.is_algebraic_value(val):
        r = val.approx(40)
        return Fraction(r.numerator_as_long(), r.denominator_as_long())
    raise ValueError(f"unexpected model value {val}")


def _solve(assertions, logic: str, timeout_s: float, extra=()):
    import z3

    s = z3.SolverFor(logic)
    s.set("timeout", max(1, int(timeout_s * 1000)))
    s.add(*assertions, *extra)
    return s, s.check()


def decide(claim, timeout_s: float = 60.0) -> Verdict:
    try:
        import z3
    except ImportError:
        return Verdict("skipped", version="not installed", detail="z3-solver is not installed")
    from .formula import QClaim

    t0 = time.perf_counter()
    quantified = isinstance(claim, QClaim)
    text = qclaim_script(claim) if quantified else claim_script(claim)
    assertions = z3.parse_smt2_string(text)
    s, r = _solve(assertions, "NRA" if quantified else "QF_NRA", timeout_s)
    dt = time.perf_counter() - t0
    if r == z3.unsat:
        return Verdict("proved", dt, version(), detail="z3: assumptions ∧ ¬goal is unsat")
    if r == z3.unknown:
        return Verdict("unknown", dt, version(), detail=f"z3: unknown ({s.reason_unknown()})")
    if quantified:
        return Verdict("refuted", dt, version(), detail="z3: sat (equivalence fails for some free values; "
                       "no exact witness for quantified claims)")
    names = list(claim.variables)
    model = s.model()
    syms = [z3.Real(v) for v in names]
    approx = [_value(model.eval(x, model_completion=True)) for x in syms]

    def resolve(fixed: dict[int, Fraction]) -> list[Fraction] | None:
        pins = [syms[i] == z3.RealVal(str(q)) for i, q in fixed.items()]
        s2, r2 = _solve(assertions, "QF_NRA", timeout_s, pins)
        if r2 != z3.sat:
            return None
        return [_value(s2.model().eval(x, model_completion=True)) for x in syms]

    w = find_witness(claim, approx, resolve)
    dt = time.perf_counter() - t0
    if w is None:
        shown = fmt_point(names, [x.limit_denominator(10**6) for x in approx])
        return Verdict("refuted", dt, version(), None, "z3: sat, but the model is irrational and no "
                       f"rational point near it verified (approx {shown}); refuted by solver only")
    return Verdict("refuted", dt, version(), w,
                   f"z3: counterexample {fmt_point(names, w)} (exactly verified)")
