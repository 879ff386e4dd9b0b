"""Registry of every numbered statement of the paper, and how the audit decides each one's status.

A :class:`Statement` is data: the paper's label, where it is, a one-line summary in this project's
normalisation, and the *evidence* that can establish it. Statuses are never stored: :func:`assess`
computes them at audit time from the certificates in a directory and the independent checker's
verdict on each file. A missing certificate, or one that fails its check, degrades the status.

Statuses, strongest first::

    refuted                a certificate refutes the statement (counterexample recorded)
    check failed           a certificate the statement rests on fails the independent checker
    proved                 every required certificate is valid and decides the statement in general
    argued by hand         a recorded argument whose dependencies are all proved/confirmed/argued
    confirmed numerically  valid numerics certificates (digits, method) or exact checks on instances
    not covered            nothing in the project establishes it (the reason is given)

Evidence kinds: :class:`Decided` (semi-algebraic certificates: z3, cvc5, QEPCAD B, Bernstein, arb),
:class:`Exact` (``exact`` certificates of ``proofs.checks``: general identity or instances),
:class:`Derived` (identities of ``derivation.json``), :class:`Numerics` (numerics certificates),
:class:`Argued` (dependencies on other statements). Adding a paper statement is one entry in
:data:`STATEMENTS`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

STATUS_ORDER = ["refuted", "check failed", "proved", "argued by hand", "confirmed numerically", "not covered"]
GOOD = {"proved", "argued by hand", "confirmed numerically"}


# ------------------------------------------------------------------------------------------ evidence


@dataclass(frozen=True)
class Decided:
    """Semi-algebraic certificates (``kind = semialgebraic``); all must be decided as expected."""

    certs: tuple[str, ...]


@dataclass(frozen=True)
class Exact:
    """An ``exact`` certificate; ``general`` if it proves an identity for all parameters."""

    cert: str
    general: bool = False


@dataclass(frozen=True)
class Derived:
    """The derivation certificate: the statement is one of its re-checked identities."""

    identities: tuple[str, ...]


@dataclass(frozen=True)
class Numerics:
    """Numerics certificates whose name starts with one of ``prefixes``; ``min_digits`` required."""

    prefixes: tuple[str, ...]
    min_digits: int = 8


@dataclass(frozen=True)
class Argued:
    """An argument (the paper's, recorded with its dependencies on other statements)."""

    depends_on: tuple[str, ...]
    argument: str


Evidence = Decided | Exact | Derived | Numerics | Argued


@dataclass(frozen=True)
class Statement:
    key: str
    kind: str  # Proposition, Theorem, Lemma, Equation, Appendix
    where: str
    summary: str
    evidence: tuple[Evidence, ...] = ()
    not_covered: str = ""  # why, when no evidence applies
    reconstructed: bool = False  # the formula was lost in the text copy and re-derived


# ------------------------------------------------------------------------------------------ registry

STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "Prop. 1",
        "Proposition",
        "Sec. 2; proof App. C (Prop. 6, eqs. 55-56)",
        "Second moments of heavy-ball mini-batch SGD evolve linearly (eq. 4) with the noise term of eq. 5: "
        "Sigma(C) = gamma((1/N) sum_i psi_i psi_i^T C psi_i psi_i^T - H C H), gamma = (N-b)/((N-1)b) "
        "(without replacement) or 1/b (i.i.d.).",
        (Exact("check.prop1"),),
        reconstructed=True,
    ),
    Statement(
        "Prop. 2",
        "Proposition",
        "Sec. 3; proof App. D.5",
        "On a regular grid on the torus with a translation-invariant kernel the SE approximation (eq. 7) "
        "is exact with tau1 = tau2 = 1.",
        (Exact("check.prop2"),),
    ),
    Statement(
        "Theorem 1",
        "Theorem",
        "Sec. 3; full version Theorem 3, App. D.4",
        "For noise of the general form (8): spectral expressibility <=> SE form (7) <=> invariance of the "
        "trajectory under orthogonal transformations of the features.",
        not_covered="hand proof via Weyl's theorem on isotropic tensors (Prop. 9); no finite "
        "computation decides it",
    ),
    Statement(
        "Eq. 16",
        "Equation",
        "Sec. 4; App. E.1",
        "L~(z) = V~(z)/(1 - U~(z)) with U~ = z gamma alpha^2 sum_k lambda_k^2 u_k, V~ = 1/2 sum_k "
        "lambda_k C_k(0) v_k.",
        (Exact("check.eq16"),),
    ),
    Statement(
        "Eqs. 17-20",
        "Equation",
        "Sec. 4; App. E.1 (eqs. 115-116)",
        "u and v are the C-components of (I - zA)^{-1}(1,1,1) and (I - zA)^{-1}(1,0,0): rational with "
        "denominator S = det(I - zA), numerators 1+bz and 2abz + b^3z^2 - b^2z - bz + 1.",
        (Derived(("S == det(I - z A)", "u_num == adj", "v_num == adj")),),
    ),
    Statement(
        "Prop. 3",
        "Proposition",
        "Sec. 5; proof App. E.2",
        "For -1<beta<1, 0<alpha lambda_max<2(1+beta), sum lambda_k^2 < inf: the convergence radius "
        "of L~ is 1 "
        "iff U~(1) <= 1 (loss converges for U~(1) < 1, diverges exponentially for U~(1) > 1).",
        (
            Argued(
                ("Lemma 1.1", "Lemma 1.2", "Lemma 1.3", "Eq. 16"),
                "App. E.2: by Lemma 1.2 the only singularity of L~ on [0,1) is a zero of 1 - U~, and by "
                "Lemma 1.3 z U~(z) increases, so such a zero exists iff U~(1) > 1.",
            ),
            Numerics(("prop3",), 1),
        ),
    ),
    Statement(
        "Eq. 21",
        "Equation",
        "Sec. 5",
        "U~(1) = gamma sum_k alpha_eff lambda_k / (2 - alpha lambda_k/(1+beta) + g alpha_eff lambda_k), "
        "alpha_eff = alpha/(1-beta).",
        (Exact("check.eq21", general=True),),
        reconstructed=True,
    ),
    Statement(
        "Prop. 4",
        "Proposition",
        "Sec. 5; proof App. E.2",
        "With lambda_crit solving sum_k lambda_k/(lambda_crit + tau lambda_k) = 1: U~(1) < 1 implies "
        "alpha_eff < 2/(gamma lambda_crit) (eq. 22); tight as beta -> 1 at fixed alpha_eff (eq. 23).",
        (Numerics(("prop4",), 1),),
        reconstructed=True,
    ),
    Statement(
        "Eq. 22",
        "Equation",
        "Sec. 5 (Prop. 4)",
        "alpha_eff < 2/(gamma lambda_crit) whenever U~(1) < 1.",
        (Numerics(("prop4",), 1),),
        reconstructed=True,
    ),
    Statement(
        "Eq. 24",
        "Equation",
        "Sec. 5; App. E.4 (Prop. 10)",
        "If U~(1) > 1: L_t ~ C r^{-t}, U~(r) = 1, C = V~(r)/(r U~'(r)).",
        (Numerics(("divergence",), 8),),
        reconstructed=True,
    ),
    Statement(
        "Theorem 2",
        "Theorem",
        "Sec. 6; proof App. E.3",
        "Power laws (25), U~(1) < 1: sum_{s<=t} L_s has the power asymptotics of eq. 26; signal-dominated "
        "phase zeta < 2 - 1/nu (L ~ t^-zeta), noise-dominated zeta > 2 - 1/nu (L ~ t^-(2-1/nu)).",
        (Numerics(("theorem2",), 10),),
        reconstructed=True,
    ),
    Statement(
        "Eq. 26",
        "Equation",
        "Sec. 6 (Theorem 2)",
        "Cumulative loss asymptotics with explicit constants (Tauberian form).",
        (Numerics(("theorem2",), 10),),
        reconstructed=True,
    ),
    Statement(
        "Eq. 28a",
        "Equation",
        "Sec. 6",
        "Signal-dominated: L_t ~ C_signal t^-zeta, C_signal = Q Gamma(zeta+1)/(2 (2 alpha_eff "
        "Lambda)^zeta (1 - U~(1))).",
        (Numerics(("theorem2.signal", "theorem2_signal", "eq28a"), 10),),
        reconstructed=True,
    ),
    Statement(
        "Eq. 28b",
        "Equation",
        "Sec. 6",
        "Noise-dominated: L_t ~ C_noise t^-(2-1/nu), C_noise = V~(1) c_U/(1 - U~(1))^2.",
        (Numerics(("theorem2.noise", "theorem2_noise", "eq28b"), 10),),
        reconstructed=True,
    ),
    Statement(
        "Eq. 29",
        "Equation",
        "Sec. 6",
        "Transition time t* = (C_signal/C_noise)^{1/(zeta - 2 + 1/nu)} in the noise-dominated phase.",
        (
            Numerics(("eq29", "t_star", "transition"), 1),
            Argued(
                ("Eq. 28a", "Eq. 28b"), "t* is defined by equating the two asymptotes of eqs. 28a and 28b."
            ),
        ),
        reconstructed=True,
    ),
    Statement(
        "Prop. 5",
        "Proposition",
        "Sec. 6 (short version of Prop. 12)",
        "Signal-dominated: positive momentum helps at the optimal learning rate; noise-dominated (batch 1): "
        "the sign of the optimal momentum's effect is that of eq. 30.",
        not_covered="formulas lost in the text copy; the notebook's condition's relation to eq. 30 "
        "is unconfirmed",
    ),
    Statement(
        "Eq. 30",
        "Equation",
        "Sec. 6 (Prop. 5)",
        "The spectral characteristic whose sign decides the benefit of negative momentum.",
        not_covered="the formula was lost in the text copy and has not been re-derived",
    ),
    Statement(
        "Prop. 6",
        "Proposition",
        "App. C",
        "Output-space version of Prop. 1 (eqs. 55-57), for finite and infinite data sets.",
        (
            Argued(
                ("Prop. 1",),
                "App. C eqs. 52-54, 64: output- and parameter-space moments are related by "
                "the Jacobian's SVD; the dynamics are equivalent.",
            ),
        ),
    ),
    Statement(
        "Prop. 7",
        "Proposition",
        "App. D.1",
        "With H and C fixed, the mixing part D_k of the noise's spectral component satisfies 0 <= D_k <= "
        "N lambda_k Tr(HC) (eq. 66) and attains N lambda_k^2 C_kk and lambda_k Tr(HC) (eq. 67) and "
        "all values between.",
        (Exact("check.prop7"),),
        reconstructed=True,
    ),
    Statement(
        "Prop. 8",
        "Proposition",
        "App. D.3",
        "Under SE, the spectral measures of the second moments evolve by a 3x3 operator per eigenvalue "
        "plus a rank-one noise term (eqs. 74-76).",
        (Derived(("moment_operator == re-derivation from the heavy-ball update",)),),
    ),
    Statement(
        "Prop. 9",
        "Proposition",
        "App. D.4",
        "Equivalence of spectral expressibility, SE tensor family (80) and orthogonal invariance "
        "for the isolated noise term.",
        not_covered="hand proof via Weyl's theorem on isotropic tensors",
    ),
    Statement(
        "Theorem 3",
        "Theorem",
        "App. D.4",
        "Full version of Theorem 1.",
        not_covered="hand proof from Prop. 9; no finite computation decides it",
    ),
    Statement(
        "Lemma 1",
        "Lemma",
        "App. E.2",
        "Under the assumptions of Prop. 3 with 0 <= g <= 1: S > 0 on 0 < z < 1; U~, V~ analytic near [0,1); "
        "z U~(z) increasing.",
        (Argued(("Lemma 1.1", "Lemma 1.2", "Lemma 1.3"), "conjunction of its three parts"),),
    ),
    Statement(
        "Lemma 1.1",
        "Lemma",
        "App. E.2 (eqs. 118-119, Redlog listing 1)",
        "S(a,b,g,z) > 0 for -1<b<1, 0<a<2(b+1), 0<=g<=1, 0<z<1.",
        (Decided(("lemma1.1",)),),
    ),
    Statement(
        "Lemma 1.2",
        "Lemma",
        "App. E.2",
        "U~ and V~ are analytic in a neighbourhood of [0, 1).",
        (
            Argued(
                ("Lemma 1.1",),
                "each term is u_num/S or v_num/S with S > 0 on [0,1) (Lemma 1.1); the "
                "series converge locally uniformly.",
            ),
        ),
    ),
    Statement(
        "Lemma 1.3",
        "Lemma",
        "App. E.2 (eqs. 120-123, Redlog listing 2)",
        "R1(a,b,z) >= 0 for -1<b<1, 0<a<2(b+1), 0<z<1, so z u(z) is increasing.",
        (Decided(("lemma1.3",)),),
    ),
    Statement(
        "Lemma 2",
        "Lemma",
        "App. E.3",
        "Asymptotics of sums sum_k f(lambda_k) under power laws (weak convergence of rescaled measures).",
        not_covered="analytic limit argument; its consequences are confirmed numerically via Theorem 2",
    ),
    Statement(
        "Prop. 10",
        "Proposition",
        "App. E.4",
        "If U~(1) > 1 then L_t = (C + o(1)) r^{-t} with C = V~(r)/(r U~'(r)) (eq. 24).",
        (Numerics(("divergence",), 8),),
        reconstructed=True,
    ),
    Statement(
        "Prop. 11",
        "Proposition",
        "App. E.4",
        "Eventual divergence at small alpha: asymptotics of 1 - r.",
        not_covered="the formula (171) was lost in the text copy and has not been re-derived",
    ),
    Statement(
        "Prop. 12",
        "Proposition",
        "App. E.6",
        "Full version of Prop. 5 (optimal momentum in both phases; eq. 202).",
        not_covered="formulas lost in the text copy; not re-derived",
    ),
    Statement(
        "App. H",
        "Appendix",
        "App. H",
        "Noiseless heavy ball converges iff both roots of mu^2 - (1+b-a) mu + b lie in the open "
        "unit disk iff "
        "-1 < b < 1 and 0 < a < 2(1+b).",
        (Decided(("appH.equivalence",)),),
    ),
)


def keys() -> list[str]:
    return [s.key for s in STATEMENTS]


# ------------------------------------------------------------------------------------------ assessment


@dataclass
class CertRecord:
    """One certificate file as the audit saw it: content and the independent checker's verdict."""

    name: str
    file: str
    kind: str
    content: dict
    valid: bool
    check_detail: str


@dataclass
class Outcome:
    """The assessment of one piece of evidence."""

    status: str  # one of STATUS_ORDER
    method: str
    detail: str
    certs: list[str] = field(default_factory=list)
    digits: str = ""


@dataclass
class Assessment:
    key: str
    status: str
    methods: list[str]
    detail: str
    outcomes: list[Outcome]
    depends_on: list[str]
    certs: list[str]


def load_records(certdir: Path, verdicts: dict[str, tuple[bool, str]]) -> dict[str, CertRecord]:
    """Certificates of ``certdir`` keyed by name; ``verdicts[file name] = (valid, checker detail)``."""
    out: dict[str, CertRecord] = {}
    for f in sorted(Path(certdir).glob("*.json")):
        if f.name == "provenance.json":
            continue
        try:
            cert = json.loads(f.read_text())
        except (OSError, ValueError):
            cert = {}
        name = str(cert.get("name", f.stem)) if isinstance(cert, dict) else f.stem
        valid, detail = verdicts.get(f.name, (False, "not checked"))
        out[name] = CertRecord(
            name,
            f.name,
            str(cert.get("kind", "?")) if isinstance(cert, dict) else "?",
            cert.get("content", {}) if isinstance(cert, dict) else {},
            valid,
            detail,
        )
    return out


def semialgebraic_verdicts(content: dict) -> dict[str, str]:
    """``{backend: status}`` from ``content["verdicts"]`` (``{backend: {"status", "detail"}}``)."""
    v = content.get("verdicts")
    if not isinstance(v, dict):
        return {}
    out = {}
    for k, x in v.items():
        if isinstance(x, dict) and isinstance(x.get("status"), str):
            out[str(k)] = x["status"]
        elif isinstance(x, str):
            out[str(k)] = x
    return out


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
            return Outcome("refuted", "semi-algebraic", f"{name}: refuted by {', '.join(refuted)}", [r.file])
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
    return Outcome("proved", ", ".join(sorted(methods)), "decided by " + ", ".join(sorted(methods)), files)


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


def _digits_of(content: dict) -> list[float]:
    out: list[float] = []

    def visit(obj: object) -> None:
        if isinstance(obj, dict):
            for k, v in obj.items():
                if k in (
                    "agree_digits",
                    "digits_agreement",
                    "agreement_digits",
                    "min_agree_digits",
                ) and not isinstance(v, (dict, list)):
                    try:
                        out.append(float(v))
                    except (TypeError, ValueError):
                        pass
                else:
                    visit(v)
        elif isinstance(obj, list):
            for v in obj:
                visit(v)

    visit(content)
    return out


def _failed_flag(content: dict) -> bool:
    for k in ("holds", "confirmed", "passed", "ok"):
        if content.get(k) is False:
            return True
    return str(content.get("status", "")).lower() in ("failed", "refuted", "disagreement")


def _numerics(ev: Numerics, recs: dict[str, CertRecord]) -> Outcome:
    hits = [
        r
        for n, r in sorted(recs.items())
        if r.kind == "numerics" and any(n.startswith(p) for p in ev.prefixes)
    ]
    if not hits:
        return Outcome("not covered", "numerics", f"no numerics certificate named {'/'.join(ev.prefixes)}*")
    bad = [r for r in hits if not r.valid]
    if bad:
        return Outcome(
            "check failed",
            "numerics",
            "; ".join(f"{r.file}: {r.check_detail}" for r in bad),
            [r.file for r in bad],
        )
    failing = [r for r in hits if _failed_flag(r.content)]
    if failing:
        return Outcome(
            "refuted",
            "numerics",
            "certificate records a failed confirmation: " + ", ".join(r.file for r in failing),
            [r.file for r in failing],
        )
    digits = [d for r in hits for d in _digits_of(r.content)]
    low = min(digits) if digits else None
    if low is not None and low < ev.min_digits:
        return Outcome(
            "not covered",
            "numerics",
            f"only {low:g} digits of agreement (< {ev.min_digits} required)",
            [r.file for r in hits],
            f"{low:g}",
        )
    methods = sorted({str(r.content.get("method", "")) for r in hits if r.content.get("method")})
    dig = f"{low:g}" if low is not None else "n/a"
    return Outcome(
        "confirmed numerically",
        "; ".join(methods)[:300] or "high-precision numerics",
        f"{len(hits)} certificate(s); min agreement {dig} digits; "
        + "; ".join(r.check_detail for r in hits)[:400],
        [r.file for r in hits],
        dig,
    )


def assess(recs: dict[str, CertRecord]) -> dict[str, Assessment]:
    """Status of every registered statement from the certificates (dependencies resolved in order)."""
    out: dict[str, Assessment] = {}
    by_key = {s.key: s for s in STATEMENTS}

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
                outcomes.append(_decided(ev, recs))
            elif isinstance(ev, Exact):
                outcomes.append(_exact(ev, recs))
            elif isinstance(ev, Derived):
                outcomes.append(_derived(ev, recs))
            elif isinstance(ev, Numerics):
                outcomes.append(_numerics(ev, recs))
            elif isinstance(ev, Argued):
                deps.extend(ev.depends_on)
                dep = {d: resolve(d, (*stack, key)).status for d in ev.depends_on}
                weak = {d: s for d, s in dep.items() if s not in GOOD}
                txt = ", ".join(f"{d}: {s}" for d, s in dep.items())
                if weak:
                    outcomes.append(
                        Outcome(
                            "not covered",
                            "argued by hand",
                            f"{ev.argument} Dependencies not established: {txt}",
                        )
                    )
                else:
                    outcomes.append(Outcome("argued by hand", "argued by hand", f"{ev.argument} [{txt}]"))
        if not outcomes:
            status, detail = "not covered", st.not_covered
        else:
            status = min((o.status for o in outcomes), key=STATUS_ORDER.index)
            detail = "; ".join(o.detail for o in outcomes if o.status == status)
        methods = [o.method for o in outcomes if o.status in GOOD]
        certs = sorted({c for o in outcomes for c in o.certs})
        out[key] = Assessment(key, status, methods, detail, outcomes, deps, certs)
        return out[key]

    for s in STATEMENTS:
        resolve(s.key)
    return {s.key: out[s.key] for s in STATEMENTS}  # registry (paper) order
