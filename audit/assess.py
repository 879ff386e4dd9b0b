"""How the audit decides the status of a paper statement from certificates the checker accepted.

For each piece of evidence of a statement (:mod:`audit.evidence`) an :class:`~audit.status.Outcome`
is computed from the certificate records (:mod:`audit.records`: content plus the independent checker's
verdict); the statement's status is the strongest-first minimum over its outcomes (a refutation or a
rejected certificate anywhere wins), dependencies of arguments and conjunctions resolved in order.

* semi-algebraic (:class:`Decided`): proved iff every certificate is accepted, no backend refutes and
  at least one decides it — solver verdicts are recorded answers, proof objects (Bernstein, arb
  interval covers) are re-verified by the checker, and the method list says which;
* exact (:class:`Exact`): proved if the certificate proves a polynomial identity for all parameters,
  confirmed (exact rational arithmetic on instances) otherwise; refuted if the exact check fails;
* derivation (:class:`Derived`): proved iff the derivation certificate re-checks the named identities;
* numerics (:class:`Numerics`): :mod:`audit.numerics`;
* invariance (:class:`Invariance`): proved for the dimensions the certificate lists iff the checker
  accepted it (it re-proves each fixed space exactly: a rank lower bound mod p and exact kernel vectors)
  and it holds; refuted if it records that the computation does not give the expected space;
* outer-ring certificates (:class:`Ring`: momentum, asymptotics, sums): the status the evidence names iff
  the checker accepted the certificate and it holds; refuted if it records that the statement fails;
* an argument (:class:`Argued`) holds iff every dependency is proved, argued or confirmed; a
  conjunction (:class:`AllOf`) takes the weakest status of its parts.

Binding to the checker. Certificates are looked up by name, but an outcome can only be "proved" or
"confirmed numerically" if every certificate it cites was accepted by the checker, and it cites at
least one: :func:`bind` enforces this on every outcome, whatever the evidence logic above computed.
"""

from __future__ import annotations

from pathlib import Path

from audit import papers
from audit.evidence import AllOf, Argued, Decided, Derived, Exact, Invariance, Numerics, Paper, Ring
from audit.numerics import assess_numerics
from audit.records import CertRecord, semialgebraic_verdicts
from audit.status import CERTIFIED, GOOD, STATUS_ORDER, WEAKEST_FIRST, Assessment, Outcome
from checker import coq as coqcheck
from checker.spec import specifications


def _decided(ev: Decided, recs: dict[str, CertRecord]) -> Outcome:
    """Proved iff every certificate is valid, no backend refutes, and at least one decides it.

    Solver verdicts (z3, cvc5, QEPCAD B) are recorded answers; proof objects under ``content.proofs``
    (Bernstein, interval covers) are re-verified by the stdlib checker — the method list says which.
    """
    methods: set[str] = set()
    for name in ev.certs:
        r = recs.get(name)
        if r is None:
            return Outcome("not covered", "semi-algebraic", f"certificate {name}.json missing", [])
        if not r.valid:
            return Outcome("check failed", "semi-algebraic", f"{r.file}: {r.check_detail}", [r.file])
        low = {k: v.lower() for k, v in semialgebraic_verdicts(r.content).items()}
        proved = sorted(k for k, v in low.items() if v.startswith("proved"))
        refuted = sorted(k for k, v in low.items() if v.startswith("refut"))
        if refuted and proved:
            return Outcome(
                "check failed",
                "semi-algebraic",
                f"{name}: backends disagree (proved: {proved}, refuted: {refuted})",
                [r.file],
            )
        if refuted:
            return Outcome("refuted", "semi-algebraic", f"{name}: refuted by {', '.join(refuted)}"
                           f"{_counterexample(r.content, refuted)}", [r.file])
        if not proved:
            return Outcome(
                "not covered",
                "semi-algebraic",
                f"{name}: no backend decided it ({low or 'no verdicts'})",
                [r.file],
            )
        checked = (
            set(r.content.get("proofs", {}) or {}) if isinstance(r.content.get("proofs"), dict) else set()
        )
        methods.update(
            f"{k} (exact certificate, re-checked)" if k in checked else f"{k} (recorded verdict)"
            for k in proved
        )
    files = [recs[n].file for n in ev.certs]
    coq, missing = _coq_files(ev, recs)
    if coq:
        methods.add("proved in Coq" + (f" ({len(coq)} of {len(coq) + len(missing)} parts; not exported: "
                                       f"{', '.join(missing)})" if missing else ""))
    return Outcome("proved", ", ".join(sorted(methods)), "decided by " + ", ".join(sorted(methods)), files,
                   coq=coq)


def _coq_files(ev: Decided, recs: dict[str, CertRecord]) -> tuple[list[str], list[str]]:
    """The Coq proofs of ``ev`` beside its certificates (``coq/claim_<name>.v``) whose statement block is
    exactly the specification (``checker.coq``; coqc itself runs in CI, ``tests/coq``), and the missing ones."""
    base = Path(recs[ev.certs[0]].directory or ".") / "coq"
    found, missing, specs = [], [], specifications()
    for name in ev.coq or ev.certs:
        f = base / f"{coqcheck.ident(name)}.v"
        if f.is_file() and not coqcheck.check_file(f, specs):
            found.append(str(f))
        else:
            missing.append(name)
    return found, missing


def _exact(ev: Exact, recs: dict[str, CertRecord]) -> Outcome:
    r = recs.get(ev.cert)
    if r is None:
        return Outcome("not covered", "exact check", f"certificate {ev.cert}.json missing")
    if not r.valid:
        return Outcome("check failed", "exact check", f"{r.file}: {r.check_detail}", [r.file])
    if not r.content.get("holds"):
        return Outcome(
            "refuted",
            "exact check",
            f"{r.file}: the exact check fails ({r.content.get('statement', '')})",
            [r.file],
        )
    n = len(r.content.get("instances", [])) or 1
    if ev.general:
        return Outcome("proved", "exact polynomial identity", r.check_detail, [r.file], "exact")
    return Outcome(
        "confirmed numerically",
        f"exact rational arithmetic on {n} instance(s)",
        f"{r.content.get('method', '')}; {r.check_detail}",
        [r.file],
        "exact",
    )


def _derived(ev: Derived, recs: dict[str, CertRecord]) -> Outcome:
    r = recs.get("derivation")
    if r is None:
        return Outcome("not covered", "exact derivation", "derivation.json missing")
    if not r.valid:
        return Outcome("check failed", "exact derivation", f"{r.file}: {r.check_detail}", [r.file])
    listed = r.content.get("identities_for_checker", [])
    missing = [i for i in ev.identities if not any(i in x for x in listed)]
    if missing:
        return Outcome(
            "not covered", "exact derivation", f"derivation.json does not re-check {missing}", [r.file]
        )
    return Outcome(
        "proved", "exact symbolic derivation (re-checked)", "; ".join(ev.identities), [r.file], "exact"
    )


def _invariance(ev: Invariance, recs: dict[str, CertRecord]) -> Outcome:
    r = recs.get(ev.cert)
    if r is None:
        return Outcome("not covered", "exact invariant theory", f"certificate {ev.cert}.json missing")
    if not r.valid:
        return Outcome("check failed", "exact invariant theory", f"{r.file}: {r.check_detail}", [r.file])
    if r.content.get("holds") is not True:
        return Outcome("refuted", "exact invariant theory", f"{r.file}: the computation does not give the "
                       "expected fixed space", [r.file])
    dims = ", ".join(str(d) for d in r.content.get("dimensions", []))
    return Outcome(
        "proved",
        f"exact fixed-space computation for d = {dims} (re-checked by the outer ring checker.invariance)",
        f"{ev.scope} [d = {dims}]; {r.check_detail}",
        [r.file],
        "exact",
    )


def _ring(ev: Ring, recs: dict[str, CertRecord]) -> Outcome:
    r = recs.get(ev.cert)
    if r is None:
        return Outcome("not covered", ev.method, f"certificate {ev.cert}.json missing")
    if not r.valid:
        return Outcome("check failed", ev.method, f"{r.file}: {r.check_detail}", [r.file])
    if r.content.get("holds") is not True:
        return Outcome("refuted", ev.method, f"{r.file}: the certificate records that the statement fails"
                       f"{_witness(r.content)}", [r.file])
    return Outcome(ev.status, ev.method, f"{ev.scope}; {r.check_detail}" if ev.scope else r.check_detail,
                   [r.file], "exact" if ev.status == "proved" else "")


def _witness(content: dict) -> str:
    """The exact witness a refuting certificate records (a ``moments`` instance, re-checked by the ring)."""
    w, inst = content.get("witness"), content.get("instances")
    if isinstance(w, int) and not isinstance(w, bool) and isinstance(inst, list) and 0 <= w < len(inst):
        x = inst[w]
        data = x.get("data") if isinstance(x, dict) else None
        res = x.get("result") if isinstance(x, dict) else None
        shown = {k: v for k, v in (res or {}).items() if k != "holds" and not isinstance(v, list)}
        return f"; exact witness (instance {w}): {data}" + (f", recomputed {shown}" if shown else "")
    return ""


def _counterexample(content: dict, backends: list[str]) -> str:
    """The exactly verified counterexample of the first refuting backend that records one."""
    v = content.get("verdicts")
    names = content.get("claim", {}).get("variables", []) if isinstance(content.get("claim"), dict) else []
    for b in backends:
        x = v.get(b) if isinstance(v, dict) else None
        cex = x.get("counterexample") if isinstance(x, dict) else None
        if isinstance(cex, list) and cex:
            pairs = zip(names, cex, strict=False)
            pts = ", ".join(f"{n} = {c}" for n, c in pairs) if names else ", ".join(map(str, cex))
            return f"; exact counterexample ({b}): {pts}"
    return ""


def bind(o: Outcome, accepted: set[str]) -> Outcome:
    """``o`` unless it is proved/confirmed without resting only on files the checker accepted."""
    if o.status not in CERTIFIED:
        return o
    if not o.certs:
        return Outcome("not covered", o.method, f"{o.detail} [cites no certificate the checker accepted]")
    rejected = [c for c in o.certs if c not in accepted]
    if rejected:
        return Outcome("check failed", o.method, f"not accepted by the checker: {', '.join(rejected)}", o.certs)
    return o


def _argued(ev: Argued, dep: dict[str, str]) -> Outcome:
    weak = {d: s for d, s in dep.items() if s not in GOOD}
    txt = ", ".join(f"{d}: {s}" for d, s in dep.items())
    if weak:
        return Outcome("not covered", "argued by hand", f"{ev.argument} Dependencies not established: {txt}")
    return Outcome("argued by hand", "argued by hand", f"{ev.argument} [{txt}]")


def _all_of(ev: AllOf, parts: dict[str, Assessment]) -> Outcome:
    weakest = min((a.status for a in parts.values()), key=WEAKEST_FIRST.index)
    txt = ", ".join(f"{d}: {a.status}" for d, a in parts.items())
    return Outcome(
        weakest,
        f"conjunction of {', '.join(ev.parts)}",
        f"the weakest part decides [{txt}]",
        sorted({c for a in parts.values() for c in a.certs}),
    )


def assess(recs: dict[str, CertRecord], paper: Paper | None = None) -> dict[str, Assessment]:
    """Status of every statement of ``paper`` (default: :data:`audit.papers.DEFAULT`), in the paper's order."""
    paper = paper or papers.load()
    accepted = {r.file for r in recs.values() if r.valid}
    by_key = {s.key: s for s in paper.statements}
    out: dict[str, Assessment] = {}

    def resolve(key: str, stack: tuple[str, ...] = ()) -> Assessment:
        if key in out:
            return out[key]
        if key in stack:
            raise ValueError(f"dependency cycle through {key}")
        st = by_key[key]
        outcomes: list[Outcome] = []
        deps: list[str] = []
        for ev in st.evidence:
            if isinstance(ev, Decided):
                o = _decided(ev, recs)
            elif isinstance(ev, Exact):
                o = _exact(ev, recs)
            elif isinstance(ev, Derived):
                o = _derived(ev, recs)
            elif isinstance(ev, Numerics):
                o = assess_numerics(ev, recs)
            elif isinstance(ev, Invariance):
                o = _invariance(ev, recs)
            elif isinstance(ev, Ring):
                o = _ring(ev, recs)
            elif isinstance(ev, Argued):
                deps.extend(ev.depends_on)
                o = _argued(ev, {d: resolve(d, (*stack, key)).status for d in ev.depends_on})
            elif isinstance(ev, AllOf):
                deps.extend(ev.parts)
                o = _all_of(ev, {d: resolve(d, (*stack, key)) for d in ev.parts})
            else:
                raise TypeError(f"{key}: unknown evidence {ev!r}")
            outcomes.append(bind(o, accepted))
        if not outcomes:
            status, detail = "not covered", st.not_covered
        else:
            status = min((o.status for o in outcomes), key=STATUS_ORDER.index)
            detail = "; ".join(o.detail for o in outcomes if o.status == status)
        methods = [o.method for o in outcomes if o.status in GOOD]
        certs = sorted({c for o in outcomes for c in o.certs})
        out[key] = Assessment(key, status, methods, detail, outcomes, deps, certs, st.caveat)
        return out[key]

    for s in paper.statements:
        resolve(s.key)
    return {s.key: out[s.key] for s in paper.statements}
