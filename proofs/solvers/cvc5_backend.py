"""cvc5 with cylindrical algebraic coverings (option ``nl-cov``: complete for QF_NRA).

Without ``nl-cov`` cvc5 falls back to incremental linearisation and runs for minutes on Lemma 1.
Quantified claims use cvc5's quantifier instantiation, which is incomplete: ``unknown`` is common.
"""

from __future__ import annotations

import time
from fractions import Fraction

from . import Verdict, find_witness, fmt_point
from .smtlib import claim_script, qclaim_script


def version() -> str:
    try:
        import cvc5
    except ImportError:
        return "not installed"
    return getattr(cvc5, "__version__", "unknown")


def _fraction(term) -> Fraction:
    if term.isRealValue():
        return Fraction(term.getRealValue())
    if term.isRealAlgebraicNumber():
        lo = _fraction(term.getRealAlgebraicNumberLowerBound())
        hi = _fraction(term.getRealAlgebraicNumberUpperBound())
        return (lo + hi) / 2
    raise ValueError(f"unexpected cvc5 model value {term}")


def _run(text: str, timeout_s: float, quantified: bool, pins: dict[str, Fraction] | None = None):
    """Parse ``text`` into a fresh solver, optionally pin variables, check. Returns (result, values)."""
    import cvc5

    tm = cvc5.TermManager()
    s = cvc5.Solver(tm)
    s.setOption("produce-models", "true")
    s.setOption("tlimit-per", str(max(1, int(timeout_s * 1000))))
    if not quantified:
        s.setOption("nl-cov", "true")
    sm = cvc5.SymbolManager(tm)
    parser = cvc5.InputParser(s, sm)
    body = "\n".join(line for line in text.splitlines()
                     if not line.startswith(("(check-sat", "(get-model", "(set-option :produce-models")))
    parser.setIncrementalStringInput(cvc5.InputLanguage.SMT_LIB_2_6, "claim")
    parser.appendIncrementalStringInput(body + "\n")
    while True:
        cmd = parser.nextCommand()
        if cmd.isNull():
            break
        cmd.invoke(s, sm)
    terms = {str(t): t for t in sm.getDeclaredTerms()}
    for v, q in (pins or {}).items():
        val = tm.mkReal(q.numerator, q.denominator)
        s.assertFormula(tm.mkTerm(cvc5.Kind.EQUAL, terms[v], val))
    r = s.checkSat()
    values = None
    if r.isSat() and not quantified:
        values = {v: _fraction(s.getValue(t)) for v, t in terms.items()}
    return r, values


def decide(claim, timeout_s: float = 60.0) -> Verdict:
    try:
        import cvc5  # noqa: F401
    except ImportError:
        return Verdict("skipped", version="not installed", detail="cvc5 is not installed")
    from .formula import QClaim

    t0 = time.perf_counter()
    quantified = isinstance(claim, QClaim)
    text = qclaim_script(claim) if quantified else claim_script(claim)
    r, values = _run(text, timeout_s, quantified)
    dt = time.perf_counter() - t0
    if r.isUnsat():
        return Verdict("proved", dt, version(), detail="cvc5 (nl-cov): assumptions ∧ ¬goal is unsat")
    if r.isUnknown():
        return Verdict("unknown", dt, version(), detail=f"cvc5: unknown ({r.getUnknownExplanation()})")
    if quantified:
        return Verdict("refuted", dt, version(), detail="cvc5: sat (equivalence fails for some free values; "
                       "no exact witness for quantified claims)")
    names = list(claim.variables)
    approx = [values.get(v, Fraction(0)) for v in names]

    def resolve(fixed: dict[int, Fraction]) -> list[Fraction] | None:
        r2, vals = _run(text, timeout_s, False, {names[i]: q for i, q in fixed.items()})
        return [vals.get(v, Fraction(0)) for v in names] if r2.isSat() else None

    w = find_witness(claim, approx, resolve)
    dt = time.perf_counter() - t0
    if w is None:
        shown = fmt_point(names, [x.limit_denominator(10**6) for x in approx])
        return Verdict("refuted", dt, version(), None, "cvc5: sat, but the model is irrational and no "
                       f"rational point near it verified (approx {shown}); refuted by solver only")
    return Verdict("refuted", dt, version(), w,
                   f"cvc5: counterexample {fmt_point(names, w)} (exactly verified)")
