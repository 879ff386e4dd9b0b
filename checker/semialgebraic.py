"""Check ``semialgebraic`` certificates against their specification (``checker.spec``). Standard library only.

Why a passing certificate means what its verdict says. First ``spec.bind`` shows that the certificate's
claim record states exactly the specified claim, and the specification fixes the expected outcome. Then:

* ``universal`` — ``∀x: (∧ assume) ⇒ show``. *Proved*: each exact proof object is re-checked — Bernstein and
  intervals by ``checker.boxcover``, a sum-of-squares identity by ``checker.sos`` — and each implies the
  claim; a proof recorded only by a decision procedure (z3, cvc5, QEPCAD B) is reported as recorded, since
  no solver is re-run here. *Refuted*: every
  recorded counterexample is evaluated exactly — it satisfies every hypothesis and violates the goal. The
  stated status must follow from the verdicts (one method proving and another refuting is a
  disagreement, rejected) and equal the expected outcome; a probe expected false needs an exact witness.
* ``quantified`` — ``∀free: (Q bound: matrix) ⟺ target``: decided by decision procedures only, so the
  checker binds the formula and checks that the recorded verdicts give the expected outcome.
* ``argued`` — a hand argument: the checker verifies the specification's exact identities and requires
  every specified dependency to have a certificate beside this one that itself passes the checker with
  status proved or argued.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from . import poly as P
from .boxcover import check_cover
from .errors import CertificateError
from .sos import check_sos
from .spec import _constraint, bind

EXACT = ("bernstein", "intervals", "sos")


def holds(c: tuple[P.Poly, str], point: list[Fraction]) -> bool:
    """Whether ``poly rel 0`` holds at the rational point, by exact evaluation."""
    v = P.evaluate(c[0], point)
    return {">": v > 0, ">=": v >= 0, "<": v < 0, "<=": v <= 0, "=": v == 0, "!=": v != 0}[c[1]]


def _status(content: dict, spec) -> tuple[str, list[str], dict]:
    """The status that follows from the recorded verdicts; it must be the stated and the specified one."""
    verdicts = content["verdicts"]
    proved, refuted = ([k for k in sorted(verdicts) if verdicts[k]["status"] == s] for s in ("proved", "refuted"))
    if proved and refuted:
        raise CertificateError(f"backends disagree: {proved} proved, {refuted} refuted")
    status, methods = ("refuted", refuted) if refuted else ("proved", proved) if proved else ("unknown", [])
    if content["status"] != status or content["methods"] != methods:
        raise CertificateError(f"stated status {content['status']!r} by {content['methods']} does not follow from the "
                               f"verdicts ({status} by {methods})")
    if spec.expect is not None and (status != spec.expect or content.get("expect") != spec.expect):
        raise CertificateError(f"{spec.name}: status {status!r} (certificate expects {content.get('expect')!r}), "
                               f"but the specification expects {spec.expect!r}")
    return status, methods, verdicts


def _universal(content: dict, spec) -> str:
    claim, vs = content["claim"], list(spec.variables)
    assume, show = [_constraint(c, vs) for c in claim["assume"]], _constraint(claim["show"], vs)
    status, methods, verdicts = _status(content, spec)
    witnesses, proofs, checked = 0, content.get("proofs", {}), []
    for k, v in verdicts.items():
        if v["status"] == "refuted" and v.get("counterexample") is not None:
            pt = [Fraction(x) for x in v["counterexample"]]
            if len(pt) != len(vs) or not all(holds(c, pt) for c in assume) or holds(show, pt):
                raise CertificateError(f"{k}: the recorded counterexample is not one (exact evaluation)")
            witnesses += 1
    for m in sorted(set(EXACT) | set(proofs)):
        says = verdicts.get(m, {}).get("status")
        if m not in EXACT or (m in proofs) != (says == "proved") or proofs.get(m, {"method": m})["method"] != m:
            raise CertificateError(f"{m}: verdict {says!r} does not match its proof object (or an unknown method)")
        checked += [(check_sos if m == "sos" else check_cover)(claim, proofs[m])] if m in proofs else []
    if status == "refuted":
        if not witnesses and spec.expect == "refuted":
            raise CertificateError(f"{spec.name}: expected refuted, but no exactly verified counterexample")
        how = f"{witnesses} exact counterexample(s) verified" if witnesses else "no rational witness (recorded solver)"
        return f"refuted by {', '.join(methods)}; {how}" + (" (false on purpose, as specified)" if spec.expect else "")
    solvers = sorted(set(methods) - set(EXACT))
    parts = [f"exact certificate(s) checked: {'; '.join(checked)}"] * bool(checked) + [
        f"decision procedures {', '.join(solvers)} answered (recorded; not re-run by the checker)"] * bool(solvers)
    return "proved — " + "; ".join(parts) if status == "proved" else "unknown: no method decided the claim"


def check(content: dict, base: Path, ctx) -> tuple[str, str]:
    """Bind ``content`` to its specification and check it; return ``(status, summary)``."""
    if (spec := ctx.specs.get(content["claim"].get("name"))) is None:
        raise CertificateError(f"no specification for claim {content['claim'].get('name')!r}: not a claim of any "
                               "paper in checker/papers (a user claim is checked with --claim FILE)")
    if content.get("form") != spec.form:
        raise CertificateError(f"{spec.name}: form {content.get('form')!r}, the specification's is {spec.form!r}")
    bind(content["claim"], spec)
    if spec.form == "universal":
        detail = _universal(content, spec)
    elif spec.form == "quantified":
        status, methods, _ = _status(content, spec)
        detail = f"{status} by {', '.join(methods) or 'nobody'} (quantified: decision procedures only, recorded)"
    else:
        if content.get("status") != "argued" or content.get("methods") or content.get("expect") != "argued":
            raise CertificateError("an argued claim must have status and expect 'argued' and no machine methods")
        if any(P.add(lhs, rhs, -1) for lhs, rhs, _ in spec.identities):
            raise CertificateError(f"{spec.name}: an identity of the specification fails")
        if bad := [(d, s) for d in spec.depends_on if (s := ctx.dependency(d, base)) not in ("proved", "argued")]:
            raise CertificateError(f"{spec.name}: dependencies not proved: {bad}")
        detail = (f"argued (not machine-proved) from {', '.join(spec.depends_on)}, each checked; "
                  f"{len(spec.identities)} exact identities verified")
    return detail.split(" ", 1)[0].rstrip(":"), f"{spec.name} [{spec.source}]: {detail}. Statement: {spec.statement}"
