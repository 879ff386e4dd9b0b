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
    """Numerics certificates (``kind = numerics``) of one ``family`` (``content.family``).

    Families (``proofs.numerics.certify``): ``theorem2`` and ``divergence`` (type ``constant``: a
    closed-form value at >= 25 digits and independent routes with their digits of agreement), ``prop3``
    and ``prop4`` (type ``comparisons``). ``phases``: Theorem 2 phases that must each have a certificate.
    ``min_digits``: what the family's main route (the checker's ``FAMILY_MAIN``) must reach at every
    point. ``quantity``: ``"main"`` is the certified value / the comparisons; another name (e.g.
    ``"t_star"``) is a quantity recorded in closed form only, reported and never counted as confirmed.
    ``select``: for comparisons, only those whose description contains one of these texts. ``scope``: what
    exactly these certificates establish of the statement (shown with the digits).
    """

    family: str
    phases: tuple[str, ...] = ()
    min_digits: int = 0
    quantity: str = "main"
    select: tuple[str, ...] = ()
    scope: str = ""


@dataclass(frozen=True)
class AllOf:
    """A statement that is the conjunction of other registered statements: the weakest part decides."""

    parts: tuple[str, ...]


@dataclass(frozen=True)
class Argued:
    """An argument (the paper's, recorded with its dependencies on other statements)."""

    depends_on: tuple[str, ...]
    argument: str


Evidence = Decided | Exact | Derived | Numerics | Argued | AllOf


@dataclass(frozen=True)
class Statement:
    key: str
    kind: str  # Proposition, Theorem, Lemma, Equation, Appendix
    where: str
    summary: str
    evidence: tuple[Evidence, ...] = ()
    not_covered: str = ""  # why, when no evidence applies
    reconstructed: bool = False  # the formula was lost in the text copy and re-derived
    caveat: str = ""  # the part of the statement the evidence does NOT establish (always reported)


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
            Numerics(
                "prop3",
                scope="SE trajectories of the infinite power law at alpha_crit (1 -+ delta) on each side of "
                "the boundary U~(1) = 1: convergent below, divergent above at the rate r^-t of U~(r) = 1",
            ),
        ),
        caveat="The numerical check covers one spectrum (nu = 2, kappa = 0.8, gamma = 0.5, tau = 0) at three "
        "momenta; the immediate (sum lambda^2 = inf) and eventual (sum lambda = inf) divergence cases rest on "
        "the paper's argument only.",
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
        (AllOf(("Eq. 22", "Eq. 23")),),
        reconstructed=True,
        caveat="The explicit estimate of eq. 23 was lost in the text copy: only the tightness itself is checked.",
    ),
    Statement(
        "Eq. 22",
        "Equation",
        "Sec. 5 (Prop. 4)",
        "alpha_eff < 2/(gamma lambda_crit) whenever U~(1) < 1.",
        (
            Argued(
                ("Eq. 21",),
                "App. E.2 (eq. 124): every denominator of eq. 21 is positive and below 2 + g alpha_eff lambda_k, "
                "so U~(1) > sum_k lambda_k/(2/(gamma alpha_eff) + tau lambda_k); that sum decreases in its "
                "first argument and equals 1 at lambda_crit, hence U~(1) < 1 forces 2/(gamma alpha_eff) > "
                "lambda_crit.",
            ),
            Numerics(
                "prop4",
                select=("< 2/(gamma lambda_crit)",),
                scope="the critical alpha_eff (root of U~(1) = 1) lies below the bound at every momentum",
            ),
        ),
        reconstructed=True,
    ),
    Statement(
        "Eq. 23",
        "Equation",
        "Sec. 5 (Prop. 4); proof App. E.2 (eqs. 126-131)",
        "The bound (22) is tight as beta -> 1 at fixed alpha_eff: an explicit estimate of the gap between "
        "U~(1) < 1 and (22).",
        (
            Numerics(
                "prop4",
                select=("tight", "increases"),
                scope="the relative gap between the critical alpha_eff and 2/(gamma lambda_crit) shrinks as "
                "beta -> 1 (gaps listed) and the extrapolation of the critical alpha_eff to beta = 1 agrees "
                "with the bound",
            ),
        ),
        reconstructed=True,
        caveat="Its explicit form (eq. 131) was lost in the text copy and has not been re-derived: the "
        "qualitative tightness is checked, the estimate itself is not covered.",
    ),
    Statement(
        "Eq. 24",
        "Equation",
        "Sec. 5; App. E.4 (Prop. 10)",
        "If U~(1) > 1: L_t ~ C r^{-t}, U~(r) = 1, C = V~(r)/(r U~'(r)).",
        (
            Numerics(
                "divergence",
                min_digits=8,
                scope="C_div = V~(r)/(r U~'(r)) against the residue of L~ at its pole r (contour integral) and "
                "against L_t r^t of SE trajectories; r against both",
            ),
        ),
        reconstructed=True,
    ),
    Statement(
        "Theorem 2",
        "Theorem",
        "Sec. 6; proof App. E.3",
        "Power laws (25), U~(1) < 1: sum_{s<=t} L_s has the power asymptotics of eq. 26; signal-dominated "
        "phase zeta < 2 - 1/nu (L ~ t^-zeta), noise-dominated zeta > 2 - 1/nu (L ~ t^-(2-1/nu)).",
        (
            Numerics(
                "theorem2",
                phases=("signal-dominated", "noise-dominated"),
                min_digits=10,
                scope="the phase, the exponent and the leading constant at every point of both phases",
            ),
        ),
        reconstructed=True,
        caveat="Checked at fixed parameter points (not for all parameters); the boundary zeta = 2 - 1/nu "
        "(logarithmic corrections) is not covered.",
    ),
    Statement(
        "Eq. 26",
        "Equation",
        "Sec. 6 (Theorem 2)",
        "Cumulative loss asymptotics with explicit constants (Tauberian form).",
        (
            Numerics(
                "theorem2",
                phases=("signal-dominated", "noise-dominated"),
                min_digits=10,
                scope="the singular coefficient of L~(z) at z -> 1 (generating-function route) equals the closed "
                "form; by the Tauberian theorem (App. E.3) this is the cumulative asymptotics of eq. 26",
            ),
        ),
        reconstructed=True,
    ),
    Statement(
        "Eq. 28a",
        "Equation",
        "Sec. 6",
        "Signal-dominated: L_t ~ C_signal t^-zeta, C_signal = Q Gamma(zeta+1)/(2 (2 alpha_eff "
        "Lambda)^zeta (1 - U~(1))).",
        (
            Numerics(
                "theorem2",
                phases=("signal-dominated",),
                min_digits=10,
                scope="C_signal against the singular coefficient of L~ at z -> 1, and the termwise L_t t^zeta "
                "and exponent against SE trajectories",
            ),
        ),
        reconstructed=True,
    ),
    Statement(
        "Eq. 28b",
        "Equation",
        "Sec. 6",
        "Noise-dominated: L_t ~ C_noise t^-(2-1/nu), C_noise = V~(1) c_U/(1 - U~(1))^2.",
        (
            Numerics(
                "theorem2",
                phases=("noise-dominated",),
                min_digits=10,
                scope="C_noise against the singular coefficient of L~ at z -> 1, and the termwise L_t "
                "t^(2-1/nu) and exponent against SE trajectories",
            ),
        ),
        reconstructed=True,
    ),
    Statement(
        "Eq. 29",
        "Equation",
        "Sec. 6",
        "Transition time t* = (C_signal/C_noise)^{1/(zeta - 2 + 1/nu)} in the noise-dominated phase.",
        (
            Argued(
                ("Eq. 28a", "Eq. 28b"),
                "t* is defined by equating the signal term C_signal t^-zeta and the noise term C_noise "
                "t^-(2-1/nu) of the late-time loss (Sec. 6).",
            ),
            Numerics("theorem2", phases=("noise-dominated",), quantity="t_star"),
        ),
        reconstructed=True,
        caveat="In the noise phase only the leading (noise) constant is confirmed; neither the subleading "
        "signal term nor the crossover time t* is checked numerically.",
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
        (AllOf(("Lemma 1.1", "Lemma 1.2", "Lemma 1.3")),),
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
        (
            Numerics(
                "divergence",
                min_digits=8,
                scope="the termwise statement L_t r^t -> C: SE trajectories (time-domain route) and the "
                "residue of L~ at r (contour route) agree with the closed form",
            ),
        ),
        reconstructed=True,
        caveat="Checked at two divergent parameter points (not for all parameters).",
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
    caveat: str = ""


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


#: short names of the numerics routes (``content.routes[].route``); unknown kinds are shown verbatim
ROUTE_NAMES = {
    "generating_function": "generating-function route (singular coefficient of L~ = V~/(1-U~) as z -> 1)",
    "time_domain": "time-domain route (SE engine trajectory, extrapolation in t)",
    "contour_residue": "contour route (residue of L~ at its pole r by the trapezoidal rule)",
    "partial_sum": "double-precision partial sum + integral tail",
    "beta_to_one_extrapolation": "extrapolation of the critical alpha_eff to beta = 1",
}
CONFIRMED = {"confirmed", "verified"}
MAX_SHOWN = 6  # comparisons listed in a detail


def _short(x: object, digits: int = 6) -> str:
    """A recorded decimal string shortened for display (the certificate keeps every digit)."""
    try:
        return f"{float(str(x)):.{digits}g}"
    except ValueError:
        return str(x)


def _sig(x: object) -> int:
    """Significant digits of a recorded decimal string (a large number if it is not one)."""
    from checker.numerics import significant_digits

    return significant_digits(x) if isinstance(x, str) and x else 10**6


def _span(vals: list[int]) -> str:
    return f"{min(vals)}" if min(vals) == max(vals) else f"{min(vals)}-{max(vals)}"


def _point(r: CertRecord) -> str:
    pt = r.content.get("point")
    return str(pt.get("name", r.name)) if isinstance(pt, dict) else r.name


def _failures(c: dict) -> str:
    """Which routes miss their threshold and which comparisons fail, from the recorded content."""
    bad = [
        f"{x.get('route')} {x.get('agree_digits')} < {x.get('required_digits')} digits"
        for x in c.get("routes", []) or []
        if isinstance(x, dict) and not (x.get("agree_digits", 0) >= x.get("required_digits", 0))
    ]
    bad += [
        f"comparison '{x.get('what')}' fails"
        for x in c.get("comparisons", []) or []
        if isinstance(x, dict) and not x.get("holds")
    ]
    return "; ".join(bad) or f"status {c.get('status')!r}"


def _constant_outcome(ev: Numerics, hits: list[CertRecord]) -> Outcome:
    """Type ``constant``: closed form vs independent routes, the digits of each route over the points."""
    from checker.numerics import FAMILY_MAIN

    main_kind = FAMILY_MAIN.get(ev.family, ("", 0))[0]
    by_kind: dict[str, list[tuple[str, int]]] = {}
    expo: list[int] = []
    for r in hits:
        for x in r.content.get("routes", []):
            # a value recorded to n digits cannot show more than n agreeing digits (rounding may make it equal)
            d = min(int(x.get("agree_digits", 0)), _sig(x.get("value")))
            by_kind.setdefault(str(x.get("route")), []).append((_point(r), d))
            if "exponent_agree_digits" in x:
                expo.append(min(int(x["exponent_agree_digits"]), _sig(x.get("exponent_estimate"))))
    files = [r.file for r in hits]
    lacking = [_point(r) for r in hits if not any(x.get("route") == main_kind for x in r.content.get("routes", []))]
    if main_kind and lacking:
        return Outcome("not covered", "numerics", f"no {main_kind} route at {', '.join(lacking)}", files)
    main = [d for _, d in by_kind.get(main_kind, [])]
    if main and min(main) < ev.min_digits:
        worst = min(by_kind[main_kind], key=lambda t: t[1])
        return Outcome(
            "not covered",
            "numerics",
            f"{main_kind} route agrees to only {worst[1]} digits at {worst[0]} (< {ev.min_digits} required)",
            files,
            str(worst[1]),
        )
    dps = sorted({int(r.content.get("precision_dps", 0)) for r in hits})
    names = sorted({str(r.content.get("value", {}).get("name", "value")) for r in hits})
    phases = sorted({str(r.content["phase"]) for r in hits if r.content.get("phase")})
    parts = []
    for kind in [main_kind] + sorted(k for k in by_kind if k != main_kind):
        if kind not in by_kind:
            continue
        pts = by_kind[kind]
        extra = f"; exponent to {_span(expo)} digits" if kind == "time_domain" and expo else ""
        parts.append(
            f"{kind}: {_span([d for _, d in pts])} digits ("
            + ", ".join(f"{n} {d}" for n, d in pts)
            + f"{extra})"
        )
    detail = (
        f"{'/'.join(names)} in closed form ({'/'.join(map(str, dps))} digits) vs independent routes at "
        f"{len(hits)} point(s)" + (f" [{', '.join(phases)}]" if phases else "") + ": " + "; ".join(parts)
    )
    if ev.scope:
        detail += f". Confirms: {ev.scope}"
    method = "closed form (mpmath) vs " + " and ".join(ROUTE_NAMES.get(k, k) for k in [main_kind] if k)
    others = [ROUTE_NAMES.get(k, k) for k in sorted(by_kind) if k != main_kind]
    if others:
        method += "; also " + ", ".join(others)
    return Outcome("confirmed numerically", method, detail, files, str(min(main)) if main else "")


def _stability_row(x: dict) -> str:
    """One momentum of the Prop. 3 certificate: both sides of the boundary U~(1) = 1."""
    lo, hi = x.get("below", {}) or {}, x.get("above", {}) or {}
    return (
        f"beta={x.get('beta')}, alpha_crit={_short(x.get('alpha_crit'))}: below U~(1)={_short(lo.get('U1'), 4)}, "
        f"L_T/L_0={_short(lo.get('L_T_over_L_0'), 3)} at T={lo.get('T')}; above U~(1)={_short(hi.get('U1'), 4)}, "
        f"L_T/L_0={_short(hi.get('L_T_over_L_0'), 3)} at T={hi.get('T')}, growth ratio "
        f"{hi.get('growth_ratio')} vs r={hi.get('r')}"
    )


def _comparisons_outcome(ev: Numerics, hits: list[CertRecord]) -> Outcome:
    """Type ``comparisons``: the recorded inequalities (optionally those matching ``select``) and routes."""
    comps = [
        x
        for r in hits
        for x in r.content.get("comparisons", [])
        if isinstance(x, dict) and (not ev.select or any(t in str(x.get("what")) for t in ev.select))
    ]
    files = [r.file for r in hits]
    if not comps:
        return Outcome("not covered", "numerics", f"no recorded comparison matching {ev.select!r}", files)
    show = "; ".join(
        f"{x.get('what')}: {_short(x.get('lhs'))} {x.get('rel')} {_short(x.get('rhs'))}" for x in comps[:MAX_SHOWN]
    )
    if len(comps) > MAX_SHOWN:
        show += f"; ... ({len(comps) - MAX_SHOWN} more, all hold)"
    rows = [x for r in hits for x in r.content.get("rows", []) or [] if isinstance(x, dict)]
    if rows and not ev.select:  # Prop. 3: one line per momentum instead of the comparison list
        show = "; ".join(_stability_row(x) for x in rows)
    gaps = [x for r in hits for x in r.content.get("alpha_eff_crit", []) or [] if isinstance(x, dict)]
    if gaps and any("tight" in t for t in ev.select):
        show += ". Relative gap (bound - critical alpha_eff)/bound: " + ", ".join(
            f"beta={x.get('beta')}: {_short(x.get('relative_gap'), 3)}" for x in gaps
        )
    routes = [x for r in hits for x in r.content.get("routes", []) if isinstance(x, dict)]
    rt = "; ".join(
        f"{x.get('quantity', x.get('route'))} by {ROUTE_NAMES.get(str(x.get('route')), x.get('route'))}: "
        f"{min(int(x.get('agree_digits', 0)), _sig(x.get('value')))} digits" for x in routes
    )
    dps = sorted({int(r.content.get("precision_dps", 0)) for r in hits})
    detail = f"{len(comps)} recorded comparison(s) hold ({'/'.join(map(str, dps))}-digit values): {show}"
    if rt:
        detail += f". Routes: {rt}"
    if ev.scope:
        detail += f". Confirms: {ev.scope}"
    methods = sorted({str(r.content.get("method")) for r in hits if r.content.get("method")})
    method = "; ".join(methods) or "closed forms at high precision (mpmath, Euler-Maclaurin sums), recorded comparisons"
    return Outcome("confirmed numerically", method, detail, files)


def _numerics(ev: Numerics, recs: dict[str, CertRecord]) -> Outcome:
    """Confirmed numerically iff every certificate of the family (and phases) is valid and confirmed."""
    family = [r for _, r in sorted(recs.items()) if r.kind == "numerics" and r.content.get("family") == ev.family]
    # a certificate failing the checker cannot be trusted about its own phase: it degrades the whole family
    bad = [r for r in family if not r.valid]
    if bad:
        return Outcome(
            "check failed", "numerics", "; ".join(f"{r.file}: {r.check_detail}" for r in bad), [r.file for r in bad]
        )
    hits = [r for r in family if not ev.phases or r.content.get("phase") in ev.phases]
    what = ev.family + (f" ({', '.join(ev.phases)})" if ev.phases else "")
    if not hits:
        return Outcome("not covered", "numerics", f"no numerics certificate of family {what}")
    missing = [ph for ph in ev.phases if not any(r.content.get("phase") == ph for r in hits)]
    files = [r.file for r in hits]
    if missing:
        return Outcome("not covered", "numerics", f"no numerics certificate for the {', '.join(missing)} phase", files)
    failing = [r for r in hits if r.content.get("status") not in CONFIRMED]
    if failing:
        return Outcome(
            "refuted",
            "numerics",
            "the independent routes disagree with the closed form: "
            + "; ".join(f"{r.file}: {_failures(r.content)}" for r in failing),
            [r.file for r in failing],
        )
    if ev.quantity != "main":
        vals = [
            (_point(r), r.content.get("quantities", {}).get(ev.quantity, {}).get("value"))
            for r in hits
        ]
        vals = [(n, v) for n, v in vals if v is not None]
        if not vals:
            return Outcome("not covered", "numerics", f"{ev.quantity} is not recorded", files)
        return Outcome(
            "not covered",
            "closed form only",
            f"{ev.quantity} is computed in closed form at {len(vals)} point(s) ("
            + ", ".join(f"{n}: {_short(v, 8)}" for n, v in vals)
            + ") but no independent route checks it",
            files,
        )
    if all(r.content.get("type") == "constant" for r in hits):
        return _constant_outcome(ev, hits)
    return _comparisons_outcome(ev, hits)


#: for a conjunction the weakest part decides (a failure anywhere first)
WEAKEST_FIRST = ["refuted", "check failed", "not covered", "confirmed numerically", "argued by hand", "proved"]


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
            elif isinstance(ev, AllOf):
                deps.extend(ev.parts)
                parts = {d: resolve(d, (*stack, key)) for d in ev.parts}
                weakest = min((a.status for a in parts.values()), key=WEAKEST_FIRST.index)
                txt = ", ".join(f"{d}: {a.status}" for d, a in parts.items())
                outcomes.append(
                    Outcome(
                        weakest,
                        f"conjunction of {', '.join(ev.parts)}",
                        f"the weakest part decides [{txt}]",
                        sorted({c for a in parts.values() for c in a.certs}),
                    )
                )
        if not outcomes:
            status, detail = "not covered", st.not_covered
        else:
            status = min((o.status for o in outcomes), key=STATUS_ORDER.index)
            detail = "; ".join(o.detail for o in outcomes if o.status == status)
        methods = [o.method for o in outcomes if o.status in GOOD]
        certs = sorted({c for o in outcomes for c in o.certs})
        out[key] = Assessment(key, status, methods, detail, outcomes, deps, certs, st.caveat)
        return out[key]

    for s in STATEMENTS:
        resolve(s.key)
    return {s.key: out[s.key] for s in STATEMENTS}  # registry (paper) order
