"""Producer of the semi-algebraic certificates: every registered claim through every backend.

For each claim of ``proofs.registry`` this runs the decision procedures (z3, cvc5, QEPCAD B) and the
exact certificate methods (``proofs.bernstein``, ``proofs.intervals``), writes the solver inputs
(SMT-LIB2, QEPCAD B, Redlog) as side files and ONE certificate ``<claim>.json`` holding the claim, each
backend's verdict (with exactly verified counterexamples) and the exact proof objects. Timings and
tool versions go only into the returned per-claim dicts (provenance.json).

Status of a universal claim: ``disagreement`` if one backend proved and another refuted (a loud
failure); ``refuted`` if some backend refuted; ``proved`` if an exact certificate checked or a
decision procedure answered ``unsat``/``FALSE``; otherwise ``unknown``. Sharpness probes carry
``expect = "refuted"``: their refutation is the expected outcome (returned as ``refuted-as-expected``).

Evidence is never degraded. A backend that is absent on this machine (QEPCAD B is optional for users)
answers ``skipped``/"not installed". Before writing a certificate that would hold less than an earlier
one, the producer looks for the earlier certificate of the same claim in the ``recorded`` directories
(the output directory first): if its checksum is intact, its claim record and form equal the claim's
and the absent backend's side files (its inputs) still match their recorded SHA-256, the backend's
verdict record and inputs are kept verbatim, so the regenerated file is byte-identical to the earlier
one. The returned row says which verdicts were kept as recorded rather than re-run (``"recorded"``),
and which could not be kept (``"not_rerun"``); the checker reports every solver verdict as recorded
anyway, so nothing a verdict of the checker depends on changes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from proofs import certio

from . import bernstein, intervals, sos
from .claim import Claim
from .registry import Argued, claims
from .solvers import Verdict, cvc5_backend, is_counterexample, qepcad_backend, redlog, smtlib, z3_backend
from .solvers.formula import QClaim

SOLVERS = {"z3": z3_backend, "cvc5": cvc5_backend, "qepcad": qepcad_backend}
EXACT = {"bernstein": bernstein, "intervals": intervals}  # run for every paper claim
EXACT_METHODS = {**EXACT, "sos": sos}  # every exact method a claim may be given to (``sgd-proofs prove``)
TIMEOUT = {"z3": 60.0, "cvc5": 60.0, "qepcad": 120.0, "bernstein": 60.0, "intervals": 60.0, "sos": 300.0}
QUANTIFIED_TIMEOUT = {"z3": 60.0, "cvc5": 5.0, "qepcad": 120.0}  # cvc5 is incomplete on quantified NRA
DECISION = ("z3", "cvc5", "qepcad")


def _stable_detail(v: Verdict) -> str:
    """Verdict detail for the certificate: nothing time-dependent (timeouts vary run to run)."""
    if v.status in ("unknown", "error") and ("timeout" in v.detail.lower() or "time" in v.detail.lower()):
        return "no answer within the time limit"
    return v.detail


def _verdict_record(v: Verdict) -> dict:
    if "record" in v.extra:  # a verdict kept from an earlier certificate: verbatim
        return dict(v.extra["record"])
    rec = {"status": v.status, "detail": _stable_detail(v)}
    if v.status == "refuted":
        rec["counterexample"] = None if v.counterexample is None else [str(q) for q in v.counterexample]
    if "order" in v.extra:
        rec["variable_order"] = list(v.extra["order"])
    if "stage1_formula" in v.extra:
        rec["stage1_formula"] = v.extra["stage1_formula"]
    return rec


def run_exact(method: str, claim: Claim, timeout_s: float) -> tuple[Verdict, dict | None]:
    """Run an exact method (``proofs.bernstein``, ``proofs.intervals``, ``proofs.sos``) and replay its proof object.

    A proved verdict is recorded only after the method's ``replay`` has re-run the serialised proof
    object; the certificate checker re-validates it independently later.
    """
    mod = EXACT_METHODS[method]
    t0 = time.perf_counter()
    res = mod.certify(claim, timeout_s)
    dt = time.perf_counter() - t0
    if res.status == "proved":
        if res.proof is None:
            return Verdict("error", dt, detail=f"{method}: proved without a proof object"), None
        try:
            summary = mod.replay(claim, res.proof)
        except ValueError as exc:  # a proof object that does not replay is an error, not a proof
            return Verdict("error", dt, detail=f"{method}: own proof object does not replay: {exc}"), None
        return Verdict("proved", dt, detail=f"{method}: {summary}"), res.proof
    if res.status == "refuted":
        pt = None
        if res.counterexample is not None:
            pt = [Fraction(res.counterexample[v]) for v in claim.variables]
            if not is_counterexample(claim, pt):
                return Verdict("error", dt, detail=f"{method}: counterexample does not verify exactly"), None
        return Verdict("refuted", dt, counterexample=pt, detail=f"{method}: {res.detail}"), None
    return Verdict("unknown", dt, detail=f"{method}: {res.detail}"), None


def overall(verdicts: dict[str, Verdict]) -> tuple[str, list[str]]:
    """(status, methods that answered) from the backends' verdicts."""
    proved = sorted(k for k, v in verdicts.items() if v.status == "proved")
    refuted = sorted(k for k, v in verdicts.items() if v.status == "refuted")
    if proved and refuted:
        return "disagreement", proved + refuted
    if refuted:
        return "refuted", refuted
    if proved:
        return "proved", proved
    return "unknown", []


def _outcome(status: str, expect: str) -> str:
    if status == "disagreement":
        return "disagreement"
    if status == expect:
        return "refuted-as-expected" if status == "refuted" else status
    if status == "unknown":
        return "unknown"
    return "failed"  # proved a probe expected false, or refuted a theorem


def _absent(v: Verdict) -> bool:
    return v.status == "skipped" and v.version == "not installed"


def _earlier(name: str, record: dict, form: str, dirs: Sequence[Path]) -> tuple[dict | None, Path | None, str]:
    """The content of the first intact earlier certificate of this claim in ``dirs``, its directory, and
    otherwise why none could be used."""
    why = "no earlier certificate of this claim"
    for d in dirs:
        path = Path(d) / f"{name}.json"
        if not path.is_file():
            continue
        try:
            cert = json.loads(path.read_text())
            intact = (isinstance(cert, dict) and cert.get("kind") == "semialgebraic"
                      and cert.get("sha256") == certio.certificate_hash(cert))
        except (ValueError, KeyError, TypeError, OSError):
            intact = False
        if not intact:
            why = f"{path} is not an intact certificate"
        elif cert["content"].get("claim") != record or cert["content"].get("form") != form:
            why = f"{path} states a different claim (the claim has changed since)"
        else:
            return cert["content"], Path(d), ""
    return None, None, why


def _keep_recorded(claim, form: str, verdicts: dict[str, Verdict], dirs: Sequence[Path]) -> dict[str, str]:
    """Replace each absent backend's ``skipped`` verdict by its recorded verdict and inputs from an earlier
    certificate (see the module docstring). Returns, per absent backend, where its verdict came from or
    why it was not kept."""
    notes: dict[str, str] = {}
    absent = [k for k, v in verdicts.items() if _absent(v)]
    if not absent:
        return notes
    content, where, why = _earlier(claim.name, claim.record(), form, dirs)
    for k in absent:
        rec = (content or {}).get("verdicts", {}).get(k)
        if content is None or not isinstance(rec, dict) or rec.get("status") in (None, "skipped"):
            notes[k] = f"not re-run ({verdicts[k].detail}); no recorded verdict: " + (why or "none recorded")
            continue
        texts, ok = {}, True
        for key, sc in content.get("inputs", {}).items():
            if key.startswith(k):
                f = where / sc["path"]
                text = f.read_text() if f.is_file() else None
                if text is None or certio.sidecar_hash(text) != sc["sha256"]:
                    ok = False
                    break
                texts[key] = text
        if not ok:
            notes[k] = f"not re-run ({verdicts[k].detail}); recorded input missing or changed in {where}"
            continue
        pt = rec.get("counterexample")
        verdicts[k] = Verdict(rec["status"], version="recorded", detail=rec.get("detail", ""),
                              counterexample=None if pt is None else [Fraction(x) for x in pt],
                              extra={"record": rec, "inputs": texts})
        notes[k] = f"recorded ({where / (claim.name + '.json')}), not re-run: {k} is not installed"
    return notes


def _produce_universal(claim: Claim, outdir: Path, dirs: Sequence[Path] = ()) -> dict:
    verdicts: dict[str, Verdict] = {}
    proofs: dict[str, dict | None] = {}
    for name, mod in SOLVERS.items():
        try:
            verdicts[name] = mod.decide(claim, TIMEOUT[name])
        except Exception as exc:  # a crashing backend is recorded, never hidden
            verdicts[name] = Verdict("error", detail=f"{name} crashed: {type(exc).__name__}: {exc}")
    for method in (*EXACT, *claim.exact_also):
        try:
            verdicts[method], proofs[method] = run_exact(method, claim, TIMEOUT[method])
        except Exception as exc:
            verdicts[method], proofs[method] = Verdict("error", detail=f"{method} crashed: {exc}"), None
    notes = _keep_recorded(claim, "universal", verdicts, dirs)
    inputs = universal_inputs(claim, outdir, claim.name, verdicts.get("qepcad"))
    return _finish(claim, "universal", verdicts, proofs, inputs, outdir, notes)


def universal_inputs(claim: Claim, outdir: Path, stem: str, qepcad: Verdict | None = None) -> dict:
    """Write the solver inputs of a universal claim as ``<stem>/<stem>.{smt2,qepcad,red}``; their records.

    The QEPCAD B input is the one the backend ran (with its chosen variable order) when it ran,
    otherwise the input for the claim's own variable order.
    """
    base = f"{stem}/{stem}"
    qtext = (qepcad.extra.get("inputs", {}).get("qepcad") if qepcad is not None else None) \
        or qepcad_backend.claim_input(claim, list(claim.variables))
    return {
        "smtlib": certio.sidecar(outdir, f"{base}.smt2", smtlib.claim_script(claim)),
        "qepcad": certio.sidecar(outdir, f"{base}.qepcad", qtext),
        "redlog": certio.sidecar(outdir, f"{base}.red", redlog.claim_text(claim)),
    }


def _produce_quantified(q: QClaim, outdir: Path, dirs: Sequence[Path] = ()) -> dict:
    verdicts: dict[str, Verdict] = {}
    for name, mod in SOLVERS.items():
        try:
            verdicts[name] = mod.decide(q, QUANTIFIED_TIMEOUT[name])
        except Exception as exc:
            verdicts[name] = Verdict("error", detail=f"{name} crashed: {type(exc).__name__}: {exc}")
    for method in EXACT:
        verdicts[method] = Verdict("skipped", detail=f"{method}: not applicable to a quantified equivalence")
    notes = _keep_recorded(q, "quantified", verdicts, dirs)
    base = f"{q.name}/{q.name}"
    inputs = {
        "smtlib": certio.sidecar(outdir, f"{base}.smt2", smtlib.qclaim_script(q)),
        "redlog": certio.sidecar(outdir, f"{base}.red", redlog.qclaim_text(q)),
    }
    for key, text in sorted(verdicts["qepcad"].extra.get("inputs", {}).items()):
        inputs[key] = certio.sidecar(outdir, f"{base}.{key}", text)
    return _finish(q, "quantified", verdicts, {}, inputs, outdir, notes)


def certificate_content(claim, form: str, expect: str, verdicts: dict[str, Verdict], proofs: dict,
                        inputs: dict) -> dict:
    """The hashed content of a semi-algebraic certificate (format shared by paper and user claims)."""
    status, methods = overall(verdicts)
    return {
        "form": form,
        "claim": claim.record(),
        "expect": expect,
        "notes": claim.notes,
        "status": status,
        "methods": methods,
        "verdicts": {k: _verdict_record(v) for k, v in sorted(verdicts.items())},
        "proofs": {k: v for k, v in sorted(proofs.items()) if v is not None},
        "inputs": inputs,
    }


def _finish(claim, form: str, verdicts: dict[str, Verdict], proofs: dict, inputs: dict, outdir: Path,
            notes: dict[str, str] | None = None) -> dict:
    status, methods = overall(verdicts)
    content = certificate_content(claim, form, claim.expect, verdicts, proofs, inputs)
    path = certio.write(outdir, "semialgebraic", claim.name, content)
    outcome = _outcome(status, claim.expect)
    detail = f"{status} by {', '.join(methods)}" if methods else "no backend answered"
    if status == "disagreement":
        detail = "BACKENDS DISAGREE: " + "; ".join(f"{k}: {v.status} ({v.detail})"
                                                   for k, v in verdicts.items())
    elif outcome == "failed":
        detail = f"expected {claim.expect}, got {status} ({', '.join(methods)})"
    row = {
        "claim": claim.name,
        "status": outcome,
        "file": path.name,
        "seconds": round(sum(v.seconds for v in verdicts.values()), 3),
        "detail": detail,
        "backends": {k: {"status": v.status, "seconds": round(v.seconds, 4), "version": v.version,
                         "detail": v.detail} for k, v in sorted(verdicts.items())},
    }
    for k, note in sorted((notes or {}).items()):
        row.setdefault("recorded" if verdicts[k].version == "recorded" else "not_rerun", {})[k] = note
    return row


def _produce_argued(c: Argued, outdir: Path) -> dict:
    content = {"form": "argued", "claim": c.record(), "expect": "argued", "status": "argued", "methods": []}
    path = certio.write(outdir, "semialgebraic", c.name, content)
    return {"claim": c.name, "status": "argued", "file": path.name, "seconds": 0.0,
            "detail": f"argued from {', '.join(c.depends_on)}"}


def produce_one(claim, outdir: Path, recorded: Sequence[Path] = ()) -> dict:
    """One claim's certificate into ``outdir``; verdicts of absent backends are kept from an earlier
    certificate in ``outdir`` or else in ``recorded`` (in that order)."""
    dirs = [Path(outdir)] + [Path(d) for d in recorded if Path(d).resolve() != Path(outdir).resolve()]
    if isinstance(claim, Argued):
        return _produce_argued(claim, outdir)
    if isinstance(claim, QClaim):
        return _produce_quantified(claim, outdir, dirs)
    return _produce_universal(claim, outdir, dirs)


def produce(outdir: Path, recorded: Sequence[Path] = ()) -> list[dict]:
    outdir = Path(outdir)
    return [produce_one(c, outdir, recorded) for c in claims()]
