"""The public Python API of sgd-proofs: the command line's functions, for scripts and notebooks.

Every function takes keyword arguments and returns a frozen dataclass with ``to_json()``, ``to_dict()``,
and ``_repr_html_()`` / ``_repr_latex_()`` so that a result renders as a table in Jupyter. The command
line (``sgd-proofs COMMAND``) is a thin layer over the same functions: ``derive``, ``theorem2``,
``divergence``, ``simulate``, ``prove`` and ``check`` compute here, the commands parse options and print.

Normalisation (every function): ``L_t = 1/2 sum_k lambda_k C_k(t)``; heavy ball ``v' = -alpha grad L_B +
beta v``, ``w' = w + v'``; SE noise ``E xi_k^2 = gamma (lambda_k Tr(HC) - tau lambda_k^2 C_k)``; reduced
variables ``a = alpha lambda``, ``b = beta``, ``g = gamma tau``.

Bad input raises :class:`InputError` (a ``ValueError``) whose message names the parameter and the rule —
the command line prints it and exits 2. A computation estimated beyond the resource limits raises
:class:`InputError` too (``max_memory``/``allow_long`` raise them, as ``--max-memory``/``--allow-long``).

>>> import sgd_proofs
>>> sorted(sgd_proofs.__all__)[:4]
['AuditResult', 'CheckResult', 'Claim', 'Derivation']

Producer modules (sympy, mpmath, the solvers) are imported inside the functions: ``import sgd_proofs``
stays fast and ``sgd-proofs check`` needs only the standard library.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from fractions import Fraction
from pathlib import Path
from typing import Any

from audit import papers as _papers  # the paper registry only (statements as data, standard library)

__all__ = [
    "AuditResult", "CheckResult", "Claim", "Derivation", "DivergenceResult", "HeavyBall", "InputError",
    "PowerLaw", "ProofResult", "SimulationResult", "Spectrum", "Theorem2Result", "audit", "check",
    "check_parameters", "claim",
    "derive", "divergence", "prove", "simulate", "theorem2",
]

Number = int | float | str | Fraction


class InputError(ValueError):
    """Bad input to an API function: the message names what is wrong and the rule (CLI: exit 2)."""


# ------------------------------------------------------------------------------------------ inputs


@dataclass(frozen=True)
class PowerLaw:
    """The power-law problem ``lambda_k = Lambda k^-nu``, ``lambda_k C_k(0) = Q (k^-kappa - (k+1)^-kappa)``,
    ``k = 1..N`` (``N=None``: infinitely many directions).

    >>> PowerLaw(nu=2, kappa=0.8)
    PowerLaw(nu=2, kappa=0.8, Lambda=1, Q=1, N=None)
    """

    nu: Number
    kappa: Number
    Lambda: Number = 1
    Q: Number = 1
    N: int | None = None


@dataclass(frozen=True, eq=False)
class Spectrum:
    """An explicit spectrum for :func:`simulate`: eigenvalues ``lambdas`` and the products
    ``lambda_k C_k(0)`` (``lambda_c0``), one per direction (any sequences; kept as float64 numpy arrays).

    >>> Spectrum(lambdas=(1.0, 0.5), lambda_c0=(0.5, 0.25)).N
    2
    """

    lambdas: Any = field(repr=False)
    lambda_c0: Any = field(repr=False)

    def __post_init__(self) -> None:
        import numpy as np

        try:
            lams, lc0 = (np.asarray(x, dtype=float).reshape(-1) for x in (self.lambdas, self.lambda_c0))
        except (TypeError, ValueError) as exc:
            raise InputError(f"Spectrum: lambdas and lambda_c0 must be sequences of numbers ({exc})") from None
        object.__setattr__(self, "lambdas", lams)
        object.__setattr__(self, "lambda_c0", lc0)
        if len(self.lambdas) != len(self.lambda_c0) or not len(self.lambdas):
            raise InputError(f"Spectrum: lambdas and lambda_c0 must be non-empty and of equal length "
                             f"(got {len(self.lambdas)} and {len(self.lambda_c0)})")

    @property
    def N(self) -> int:
        return len(self.lambdas)


@dataclass(frozen=True)
class HeavyBall:
    """Mini-batch heavy-ball SGD: learning rate ``alpha``, momentum ``beta``, noise ``gamma`` (1/batch size
    for infinite data) and the SE parameter ``tau``. ``beta=0`` is plain SGD; ``gamma=0`` full batch.

    >>> HeavyBall(alpha=0.5, beta=0.5, gamma=0.5, tau=1)
    HeavyBall(alpha=0.5, beta=0.5, gamma=0.5, tau=1)
    """

    alpha: Number
    beta: Number = 0
    gamma: Number = 0
    tau: Number = 0


def _decimal_text(value: Number, name: str) -> str:
    """``value`` as the decimal text the numerics parse (a Fraction is refused unless it is a decimal)."""
    from decimal import Decimal, InvalidOperation, localcontext

    if isinstance(value, bool) or not isinstance(value, int | float | str | Fraction):
        raise InputError(f"{name} must be a number (int, float, decimal string or Fraction), got "
                         f"{type(value).__name__}")
    if isinstance(value, Fraction):
        text = str(value.numerator) if value.denominator == 1 else None
        if text is None:
            with localcontext() as ctx:
                ctx.prec = 200
                d = Decimal(value.numerator) / Decimal(value.denominator)
            if Fraction(d) != value:  # 1/3: no finite decimal expansion
                raise InputError(f"{name} = {value} has no finite decimal expansion: give a decimal string")
            text = str(d)
    else:
        text = repr(value) if isinstance(value, float) else str(value)
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise InputError(f"{name} {text!r} is not a decimal number") from None
    if not d.is_finite():
        raise InputError(f"{name} must be finite (got {text})")
    return text


def check_parameters(problem: PowerLaw, optimiser: HeavyBall) -> dict[str, str]:
    """The parameters of a precision run (:func:`theorem2`, :func:`divergence`) as decimal texts; raises
    :class:`InputError` on a value that is not a finite decimal number (the hypotheses are checked by the run).

    >>> check_parameters(PowerLaw(nu=2, kappa="0.8"), HeavyBall(alpha=0.5))["kappa"]
    '0.8'
    """
    return _params(problem, optimiser)


def _params(problem: PowerLaw, optimiser: HeavyBall) -> dict[str, str]:
    if not isinstance(problem, PowerLaw):
        raise InputError(f"problem must be a PowerLaw, got {type(problem).__name__}")
    if not isinstance(optimiser, HeavyBall):
        raise InputError(f"optimiser must be a HeavyBall, got {type(optimiser).__name__}")
    if problem.N is not None:
        raise InputError("Theorem 2 and eq. 24 are stated for infinitely many directions: PowerLaw(N=None)")
    out = {k: _decimal_text(getattr(problem, k), k) for k in ("nu", "kappa", "Lambda", "Q")}
    out |= {k: _decimal_text(getattr(optimiser, k), k) for k in ("alpha", "beta", "gamma", "tau")}
    return out


# ------------------------------------------------------------------------------------------ results


def _text(value: Any) -> str:
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    return "" if value is None else str(value)


#: LaTeX text-mode escapes for MathJax's ``\text{}`` (one pass: no replacement is escaped again)
_LATEX_ESCAPES = str.maketrans({"\\": r"\textbackslash{}", "_": r"\_", "%": r"\%", "&": r"\&", "#": r"\#",
                                "$": r"\$", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}"})


def _latex_text(value: Any) -> str:
    return _text(value).translate(_LATEX_ESCAPES)


class _Result:
    """Shared rendering of the result dataclasses: JSON, an HTML table, a LaTeX tabular."""

    #: the fields shown in the HTML/LaTeX tables (default: every JSON key)
    _shown: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """The result as plain JSON data (the command line's ``--json`` output)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self) if not f.name.startswith("_")}

    def to_json(self, indent: int | None = 1) -> str:
        """``json.dumps`` of :meth:`to_dict`."""
        return json.dumps(self.to_dict(), indent=indent)

    def _rows(self) -> list[tuple[str, Any]]:
        d = self.to_dict()
        keys = self._shown or tuple(d)
        return [(k, d[k]) for k in keys if k in d]

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(_text(v))}</td></tr>"
                       for k, v in self._rows())
        return f"<table><caption>{type(self).__name__}</caption>{rows}</table>"

    def _repr_latex_(self) -> str:
        rows = " \\\\ ".join(f"\\text{{{_latex_text(k)}}} & \\text{{{_latex_text(v)[:200]}}}"
                             for k, v in self._rows())
        return f"$\\begin{{array}}{{ll}} {rows} \\end{{array}}$"


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Fraction):
        return str(value)
    return value


# ------------------------------------------------------------------------------------------ derive

#: update rules :func:`derive` knows (issue 16 will add other momentum methods)
METHODS = ("heavy_ball",)


@dataclass(frozen=True)
class Derivation(_Result):
    """The exact derivation from the heavy-ball update rule: the 3x3 second-moment operator ``A(a, b, g)`` on
    ``(C, J, P)``, the noise vector, ``S = det(I - zA)``, the u/v numerators and ``R1`` (polynomial texts
    with ``**``; :meth:`sympy` gives sympy expressions, :meth:`_repr_latex_` the LaTeX)."""

    method: str
    moment_operator: tuple[tuple[str, ...], ...]
    noise_vector: tuple[str, ...]
    S: str
    R1: str
    u_numerator: str
    v_numerator: str
    normalisation: str
    equal_to_printed: bool

    _shown = ("method", "S", "R1", "u_numerator", "v_numerator", "equal_to_printed")

    def sympy(self, name: str):
        """The sympy expression of ``name`` (``"S"``, ``"R1"``, ``"u_numerator"``, ``"v_numerator"``), parsed
        without ``eval`` by the project's polynomial reader.

        >>> import sympy
        >>> S = derive().sympy("S")
        >>> sympy.Poly(S, *sympy.symbols("a b g z")).total_degree()
        6
        """
        if name not in ("S", "R1", "u_numerator", "v_numerator"):
            raise InputError(f"unknown object {name!r}: one of S, R1, u_numerator, v_numerator")
        return _parse_expr(getattr(self, name))

    def _repr_latex_(self) -> str:
        import sympy

        rows = [r"A(a,b,g) &= " + sympy.latex(sympy.Matrix(
            [[_parse_expr(e) for e in row] for row in self.moment_operator]))]
        rows += [f"{k} &= {sympy.latex(_parse_expr(getattr(self, key)))}"
                 for k, key in (("S", "S"), (r"u_{\mathrm{num}}", "u_numerator"),
                                (r"v_{\mathrm{num}}", "v_numerator"), ("R_1", "R1"))]
        return "$$\\begin{aligned}" + " \\\\ ".join(rows) + "\\end{aligned}$$"


def _parse_expr(text: str):
    """A sympy expression from a polynomial text in a, b, g, z, read by the project's parser (never ``eval``):
    the exact coefficients and exponents rebuilt term by term."""
    import sympy

    from symbolic.polynomial import parse

    syms = sympy.symbols("a b g z")
    terms = [sympy.Rational(c.numerator, c.denominator) * sympy.Mul(*(x**e for x, e in zip(syms, m, strict=True)))
             for m, c in parse(text, ["a", "b", "g", "z"], {}).items()]
    return sympy.Add(*terms)


def derive(method: str = "heavy_ball") -> Derivation:
    """Derive the moment operator, S, R1 and the u/v numerators exactly from the update rule, and compare each
    polynomial exactly (cross-multiplied, expanded over Q) with the paper's printed one.

    Raises :class:`InputError` for an unknown ``method`` and ``proofs.derivation_certificate.DerivationMismatch``
    if a derived polynomial differs from the printed one.

    >>> d = derive()
    >>> d.S
    'a**2*b*g*z**2 + a**2*b*z**2 + a**2*g*z - a**2*z - 2*a*b**2*z**2 - 2*a*b*z**2 + 2*a*b*z + 2*a*z
     - b**3*z**3 + b**3*z**2 + b**2*z**2 - b**2*z + b*z**2 - b*z - z + 1'
    >>> d.equal_to_printed
    True
    """
    if method not in METHODS:
        raise InputError(f"unknown method {method!r}: derive knows {', '.join(METHODS)}")
    from proofs.derivation_certificate import verify_targets
    from symbolic.generating import generating_terms
    from symbolic.normalisation import GENERIC
    from symbolic.polyconv import to_text
    from symbolic.update_rule import noise_vector

    t = generating_terms()
    verify_targets()  # raises DerivationMismatch on any difference
    return Derivation(
        method=method,
        moment_operator=tuple(tuple(to_text(t.A[i, j]) for j in range(3)) for i in range(3)),
        noise_vector=tuple(to_text(e) for e in noise_vector()),
        S=to_text(t.S), R1=to_text(t.R1), u_numerator=to_text(t.u_num), v_numerator=to_text(t.v_num),
        normalisation=GENERIC, equal_to_printed=True,
    )


# ------------------------------------------------------------------------------------------ theorem 2


@dataclass(frozen=True)
class Theorem2Result(_Result):
    """Theorem 2's late-time constants: ``L_t ~ C t^-exponent`` (decimal strings at ``dps`` digits), with the
    independent generating-function route (``numeric_C``) and the digits of agreement."""

    phase: str
    exponent: str
    U1: str
    V1: str | None
    C_signal: str | None
    C_noise: str | None
    c_U: str | None
    C: str | None
    t_star: str | None
    numeric_C: str
    numeric_C_error: str
    agree_digits: int | None
    time_domain_C: str | None
    time_domain_exponent: str | None
    time_domain_agree_digits: int | None
    time_domain_note: str | None
    normalisation: str

    _shown = ("phase", "exponent", "C", "numeric_C", "agree_digits", "U1", "V1", "t_star")


@dataclass(frozen=True)
class DivergenceResult(_Result):
    """Eq. 24: for ``U(1) > 1``, ``L_t ~ C_div r^-t`` with ``U(r) = 1``, and the independent contour route."""

    U1: str
    r: str
    C_div: str
    numeric_C_div: str
    numeric_C_div_error: str
    numeric_r: str
    agree_digits: int | None
    time_domain_C_div: str | None
    time_domain_agree_digits: int | None
    time_domain_note: str | None
    normalisation: str

    _shown = ("U1", "r", "C_div", "numeric_C_div", "agree_digits")


def _precision_run(command: str, report: Callable, problem: PowerLaw, optimiser: HeavyBall, dps: int,
                   time_route: bool, progress: bool, max_memory: int | None, allow_long: bool) -> dict:
    import mpmath as mp

    from proofs.numerics.powerlaw import AssumptionError

    from . import limits

    if isinstance(dps, bool) or not isinstance(dps, int) or dps < 30:
        raise InputError(f"dps must be an integer >= 30 (got {dps!r})")
    p = _params(problem, optimiser)
    try:
        est = limits.precision_estimate(command, dps, time_route)
        limits.check(est, max_memory, allow_long)
        if progress and est.seconds > limits.ANNOUNCE_SECONDS:
            from proofs.progress import note

            note(f"[{command}] estimated {limits.fmt_seconds(est.seconds)} (an estimate; progress follows)")
        with mp.workdps(dps):
            return report(p, dps=dps, time_route=time_route, progress=progress)
    except (AssumptionError, ValueError, ZeroDivisionError, OverflowError) as exc:
        raise InputError(str(exc)) from None


def _time_route(td: dict | None) -> tuple[dict | None, str | None]:
    import mpmath as mp

    if td is not None and not all(mp.isfinite(v) for k, v in td.items() if k in ("value", "exponent")):
        # the double-precision time-domain route over- or underflowed (e.g. r^-t beyond the double range)
        return None, "time-domain route not available: its double-precision trajectory left the float range"
    return td, None


def theorem2(problem: PowerLaw, optimiser: HeavyBall, *, dps: int = 30, time_route: bool = True,
             progress: bool = False, max_memory: int | None = None, allow_long: bool = False) -> Theorem2Result:
    """Theorem 2's late-time loss constants for a power-law problem, confirmed by the generating-function
    route (and, with ``time_route``, by the SE engine in double precision).

    Hypotheses (a violated one raises :class:`InputError` naming it): ``kappa, Lambda, Q > 0``; ``nu > 1``;
    ``-1 < beta < 1``, ``0 < alpha Lambda < 2(1+beta)``; ``gamma >= 0``, ``gamma tau >= 0``; ``U(1) < 1``.

    >>> r = theorem2(PowerLaw(nu=2, kappa=0.8), HeavyBall(alpha=0.5, beta=0.5, gamma=0.5, tau=1),
    ...              time_route=False)
    >>> r.phase, r.exponent[:6], r.C[:12], r.agree_digits >= 15
    ('signal-dominated', '0.4000', '0.5514508906', True)
    >>> theorem2(PowerLaw(nu=0.5, kappa=0.8), HeavyBall(alpha=0.5, beta=0.5, gamma=0.5, tau=1))
    Traceback (most recent call last):
    ...
    sgd_proofs.api.InputError: nu = 0.5 <= 1: sum lambda_k = inf, so U(1) = inf (eventual divergence);
    Theorem 2 needs nu > 1 [sum lambda_k < inf, Prop. 3]
    """
    from proofs.numerics.certify import fmt, theorem2_report
    from proofs.numerics.digits import agree_digits
    from symbolic.normalisation import POWER_LAW

    rep = _precision_run("theorem2", theorem2_report, problem, optimiser, dps, time_route, progress,
                         max_memory, allow_long)
    th, gf, d = rep["th"], rep["gf"], dps
    td, td_note = _time_route(rep["td"])
    C, num = fmt(th.C, d), fmt(gf["value"], d)
    return Theorem2Result(
        phase=th.phase, exponent=fmt(th.exponent, d), U1=fmt(th.U1, d), V1=fmt(th.V1, d),
        C_signal=fmt(th.C_signal, d), C_noise=fmt(th.C_noise, d), c_U=fmt(th.c_U, d), C=C,
        t_star=fmt(th.t_star, d), numeric_C=num, numeric_C_error=fmt(gf["error"], 3),
        agree_digits=agree_digits(C, num, d),
        time_domain_C=None if td is None else fmt(td["value"], 12),
        time_domain_exponent=None if td is None else fmt(td["exponent"], 10),
        time_domain_agree_digits=None if td is None else agree_digits(C, fmt(td["value"], 12), d),
        time_domain_note=td_note, normalisation=POWER_LAW,
    )


def divergence(problem: PowerLaw, optimiser: HeavyBall, *, dps: int = 30, time_route: bool = True,
               progress: bool = False, max_memory: int | None = None, allow_long: bool = False) -> DivergenceResult:
    """Eq. 24: the rate ``r`` (``U(r) = 1``) and constant ``C_div`` of ``L_t ~ C_div r^-t`` when ``U(1) > 1``,
    confirmed by a contour residue.

    >>> r = divergence(PowerLaw(nu=2, kappa=0.8), HeavyBall(alpha=0.3, beta=0.9, gamma=0.5, tau=0),
    ...                time_route=False)
    >>> float(r.r) < 1, r.agree_digits >= 20
    (True, True)
    """
    import mpmath as mp

    from proofs.numerics.certify import divergence_report, fmt
    from proofs.numerics.digits import agree_digits
    from symbolic.normalisation import POWER_LAW

    rep = _precision_run("divergence", divergence_report, problem, optimiser, dps, time_route, progress,
                         max_memory, allow_long)
    dv, ct, d = rep["dv"], rep["ct"], dps
    td, td_note = _time_route(rep["td"])
    C, num = fmt(dv.C_div, d), fmt(ct["value"], d)
    return DivergenceResult(
        U1=fmt(dv.U1, d) if mp.isfinite(dv.U1) else "inf", r=fmt(dv.r, d), C_div=C, numeric_C_div=num,
        numeric_C_div_error=fmt(ct["error"], 3), numeric_r=fmt(ct["r"], d), agree_digits=agree_digits(C, num, d),
        time_domain_C_div=None if td is None else fmt(td["value"], 12),
        time_domain_agree_digits=None if td is None else agree_digits(C, fmt(td["value"], 12), d),
        time_domain_note=td_note, normalisation=POWER_LAW,
    )


# ------------------------------------------------------------------------------------------ simulate


@dataclass(frozen=True)
class SimulationResult(_Result):
    """The SE loss trajectory ``L_0..L_{T-1}`` (:attr:`loss`, a numpy array) and the run's summary."""

    T: int
    N: int | str
    final_loss: float | str
    seconds: float
    method: str
    normalisation: str
    parameters: dict
    nodes: int | None
    K: int | None
    kernel_rel_error_estimate: float | None
    kernel_note: str | None
    head_stepped: int | None
    head_max_radius: float | None
    loss: Any = field(repr=False, compare=False, default=None)

    _shown = ("T", "N", "final_loss", "method", "seconds", "kernel_rel_error_estimate")

    def to_dict(self) -> dict:
        """The summary (the ``simulate --json`` keys, without ``out``); the trajectory is :attr:`loss`."""
        d = super().to_dict()
        d.pop("loss")
        return d


def simulate(problem: PowerLaw | Spectrum, optimiser: HeavyBall, *, T: int, method: str = "fast",
             progress: Callable | None = None, max_memory: int | None = None,
             allow_long: bool = False, spectrum_name: str | None = None) -> SimulationResult:
    """The SE loss trajectory of mini-batch heavy-ball SGD (renewal engine; ``method="naive"``: the
    per-step moment recursion over every direction; ``"exact"``: one kernel node per direction).

    >>> r = simulate(PowerLaw(nu=1.5, kappa=0.8), HeavyBall(alpha=1, beta=0.5, gamma=0.3, tau=1), T=1000)
    >>> len(r.loss), round(float(r.loss[0]), 12)     # L_0 = Q/2
    (1000, 0.5)
    >>> 0 < r.final_loss < 0.05, r.method
    (True, 'head+gregory+quadrature')
    >>> simulate(Spectrum(lambdas=[1, 0.5], lambda_c0=[0.5, 0.25]), HeavyBall(alpha=3, beta=0.5), T=10)
    Traceback (most recent call last):
    ...
    sgd_proofs.api.InputError: a = alpha*lambda_max = 3 outside the noiseless region 0 < a < 2(1+beta) = 3
    [noiseless stability, App. H]
    """
    import numpy as np

    from proofs.numerics import engine, params
    from proofs.numerics.moments import power_law_spectrum
    from proofs.numerics.naive import naive_loss

    from . import limits

    if not isinstance(optimiser, HeavyBall):
        raise InputError(f"optimiser must be a HeavyBall, got {type(optimiser).__name__}")
    if method not in ("fast", "exact", "naive"):
        raise InputError(f"unknown method {method!r}: fast, exact or naive")
    if isinstance(T, bool) or not isinstance(T, int) or T <= 0:
        raise InputError(f"T = {T!r}: the number of steps must be a positive integer")
    alpha, beta, gamma, tau = (float(_decimal_text(getattr(optimiser, k), k))
                               for k in ("alpha", "beta", "gamma", "tau"))
    power = isinstance(problem, PowerLaw)
    if not power and not isinstance(problem, Spectrum):
        raise InputError(f"problem must be a PowerLaw or a Spectrum, got {type(problem).__name__}")
    info: dict = {}
    try:
        if power:
            nu, kappa, Lambda, Q = (float(_decimal_text(getattr(problem, k), k))
                                    for k in ("nu", "kappa", "Lambda", "Q"))
            N = problem.N
            if method != "fast" and N is None:
                raise InputError(f"method {method!r} needs a finite N")
            params.power_law(nu, kappa, N, Lambda, Q)
            params.se_recursion(alpha, beta, gamma, tau, Lambda, T)
            if N is not None and N > limits.MAX_INDEX:
                raise InputError(f"N = {N} is above 2^53 = {limits.MAX_INDEX}: the direction indices k would no "
                                 "longer be distinct double-precision numbers (N=None for infinitely many)")
            est = limits.simulate_estimate(T, method, N, head=_head(method, alpha, beta, nu, Lambda))
        else:
            lams, lamC0 = problem.lambdas, problem.lambda_c0
            params.explicit_spectrum(lams, lamC0)
            params.se_recursion(alpha, beta, gamma, tau, float(np.max(lams)), T)
            est = limits.simulate_estimate(T, method, spectrum=(spectrum_name or "spectrum", problem.N,
                                                                16 * problem.N))
        limits.check(est, max_memory, allow_long)
        t0 = time.perf_counter()
        if power and method == "fast":
            tr = engine.power_law_trajectory(nu, kappa, alpha, beta, gamma, tau, T, N, Lambda, Q, progress,
                                             error_estimate=True)
            L, info = tr.loss, tr.info
        else:
            if power:
                lams, lamC0 = power_law_spectrum(nu, kappa, N, Lambda, Q)
            if method == "naive":
                params.explicit_spectrum(lams, lamC0)
                params.se_recursion(alpha, beta, gamma, tau, float(np.max(lams)), T)
                L = naive_loss(lams, lamC0, alpha, beta, gamma, tau, T, progress)
                info = {"method": "naive per-step recursion", "N": len(lams), "T": T}
            else:
                tr = engine.spectrum_trajectory(lams, lamC0, alpha, beta, gamma, tau, T, progress)
                L, info = tr.loss, tr.info
    except InputError:
        raise
    except (params.ParameterError, ValueError, OSError) as exc:
        raise InputError(str(exc)) from None
    seconds = time.perf_counter() - t0
    final = float(L[-1])
    Nout = info.get("N", "inf")
    if power:
        norm = engine.NORMALISATION
        pars = {"alpha": alpha, "beta": beta, "gamma": gamma, "tau": tau, "nu": nu, "kappa": kappa,
                "Lambda": Lambda, "Q": Q}
    else:
        norm = _spectrum_normalisation(spectrum_name or "given as arrays (api.Spectrum)", Nout)
        pars = {"alpha": alpha, "beta": beta, "gamma": gamma, "tau": tau,
                "spectrum": spectrum_name or "api.Spectrum"}
    ks = _kernel_summary(info)
    return SimulationResult(T=T, N=Nout, final_loss=final if math.isfinite(final) else str(final),
                            seconds=round(seconds, 3), method=info.get("method", method), normalisation=norm,
                            parameters=pars, loss=L, **ks)


def _head(method: str, alpha: float, beta: float, nu: float, Lambda: float) -> int:
    """``K`` of ``proofs.numerics.engine.nodes.choose_head`` (exact head of the compressed power law), computed
    in logarithms so that a huge head (``beta`` near 1) is estimated instead of overflowing."""
    K = 256
    if method == "fast" and beta > 0:
        a_osc = (1 - math.sqrt(beta)) ** 2 / 4
        if a_osc <= 0:
            return 2**62
        logK = (math.log(alpha * Lambda) - math.log(a_osc)) / nu
        K = max(K, 2**62 if logK > 43 else math.ceil(math.exp(logK)))
    return K


def _spectrum_normalisation(source: str, N: int | str) -> str:
    """The ``normalisation`` text of a run on an explicit spectrum: the shared model, then the spectrum."""
    from symbolic.normalisation import GENERIC

    where = f"the file {source}" if not source.startswith("given") else "arrays"
    return (f"{GENERIC} Spectrum from {where}: its N = {N} rows give lambda_k and lambda_k C_k(0) "
            "(k = 1..N) as they are; no power law (nu, kappa, Lambda, Q do not enter).")


def _kernel_summary(info: dict) -> dict:
    """``nodes``, ``K``, ``kernel_rel_error_estimate``, ``kernel_note``, ``head_stepped``, ``head_max_radius``:
    always present, with a note where a value is not the compressed rule's.

    The compressed power law reports its head ``K`` and the a-posteriori estimate against the refined rule.
    Exact kernels (a spectrum, ``method="exact"``, or a power law with ``N < 4K``) have one node per
    direction: every direction is in the exact head (``K = N``) and there is no quadrature, so the
    discretisation error is 0 by construction (what ``engine.kernel_error_estimate`` returns for exact
    nodes). The naive recursion has no kernels at all: those keys are null.
    """
    stepped = info.get("head_stepped")
    out = {"nodes": info.get("nodes"), "K": info.get("K"),
           "kernel_rel_error_estimate": info.get("kernel_rel_error_estimate"), "kernel_note": None,
           "head_stepped": stepped, "head_max_radius": info.get("head_max_radius") if stepped else None}
    if info.get("method") == "exact":
        out["K"] = info.get("K", info["N"])
        out["kernel_rel_error_estimate"] = info.get("kernel_rel_error_estimate", 0.0)
        out["kernel_note"] = (f"exact kernels: one node per direction, all N = {info['N']} directions summed "
                              "exactly (K = N, no compressed tail), so there is no discretisation error (0 by "
                              "construction, not sampled); only floating-point rounding remains")
    elif "nodes" not in info:
        out["kernel_note"] = ("naive per-step recursion over every direction: no renewal kernels, so nodes, K, "
                              "kernel_rel_error_estimate, head_stepped and head_max_radius do not apply (null)")
    return out


# ------------------------------------------------------------------------------------------ prove


@dataclass(frozen=True)
class Claim:
    """A semi-algebraic claim ``forall variables: (and assume) => show``, in the claim-file grammar
    (docs/claim-files.md): polynomial relations over Q, never evaluated (read by the project's parser).

    Build one with :func:`claim`; :meth:`toml` gives the equivalent claim file."""

    name: str
    variables: tuple[str, ...]
    show: str
    assume: tuple[str, ...] = ()
    define: tuple[tuple[str, str], ...] = ()

    def toml(self) -> str:
        """The claim file (TOML) of this claim.

        >>> print(claim("unit", variables=["x"], assume=["0 < x"], show="x**2 + x > 0").toml())
        name = "unit"
        variables = ["x"]
        assume = ["0 < x"]
        show = "x**2 + x > 0"
        <BLANKLINE>
        """
        q = json.dumps  # a JSON string is a valid TOML basic string
        lines = [f"name = {q(self.name)}", f"variables = [{', '.join(q(v) for v in self.variables)}]"]
        if self.assume:
            lines.append(f"assume = [{', '.join(q(a) for a in self.assume)}]")
        lines.append(f"show = {q(self.show)}")
        if self.define:
            lines.append("[define]")
            lines += [f"{k} = {q(v)}" for k, v in self.define]
        return "\n".join(lines) + "\n"


def claim(name: str, *, variables: Sequence[str], show: str, assume: Sequence[str] = (),
          define: Mapping[str, str] | None = None) -> Claim:
    """A :class:`Claim` from strings, validated at once by the claim-file reader (bad input: :class:`InputError`).

    >>> c = claim("unit", variables=["x"], assume=["0 < x"], show="x**2 + x > 0")
    >>> c.variables
    ('x',)
    >>> claim("bad", variables=["x"], show="x => 0")
    Traceback (most recent call last):
    ...
    sgd_proofs.api.InputError: show "x => 0": '=>' is not allowed in a relation: ...
    """
    c = Claim(name=name, variables=tuple(variables), show=show, assume=tuple(assume),
              define=tuple((define or {}).items()))
    _load(c)
    return c


def _load(c: Claim | str | Path):
    """``(proofs.claim.Claim, claim file bytes, file name)`` of a claim object or a claim-file path."""
    from .commands.prove import BadInput, load_claim, load_claim_text

    try:
        if isinstance(c, Claim):
            text = c.toml()
            return load_claim_text(text, "api claim"), text.encode(), f"{_stem(c.name)}.toml"
        if isinstance(c, str | Path):
            path = Path(c)
            if path.suffix.lower() in (".smt2", ".smt"):
                from .smt2 import load_smt2

                return load_smt2(path)[0], path.read_bytes(), path.name
            return load_claim(path), path.read_bytes(), path.name
    except BadInput as exc:
        raise InputError(str(exc)) from None
    except RecursionError:
        raise InputError("expression nested too deeply") from None
    raise InputError(f"claim must be a Claim (api.claim(...)) or a claim-file path, got {type(c).__name__}")


def _translate(c, path: Path) -> Path:
    """Write the claim-file (TOML) translation of an SMT-LIB2 claim at ``path``, after checking that the
    claim-file reader rebuilds exactly the same claim from it."""
    from .commands.prove import load_claim_text
    from .smt2 import claim_toml

    text = claim_toml(c)
    again = load_claim_text(text, path.name).record()
    if {k: v for k, v in again.items() if k not in ("statement", "source")} != \
            {k: v for k, v in c.record().items() if k not in ("statement", "source")}:
        raise InputError(f"internal error: the claim-file translation of {c.name!r} states a different claim")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _stem(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)[:80] or "claim"


@dataclass(frozen=True)
class ProofResult(_Result):
    """The verdict on a claim: ``status`` is ``proved``, ``refuted``, ``unknown`` or ``disagreement``;
    ``methods`` the backends that answered; an exact, verified counterexample when refuted; ``certificate``
    the path written (with ``out=``), which :func:`check` re-validates."""

    name: str
    status: str
    methods: tuple[str, ...]
    counterexample: dict | None
    counterexample_from: str | None
    counterexample_verified: bool
    backends: dict
    certificate: str | None = None
    _verdicts: Any = field(default=None, repr=False, compare=False)
    _claim: Any = field(default=None, repr=False, compare=False)

    _shown = ("name", "status", "methods", "counterexample", "certificate")


#: every backend :func:`prove` knows
MAX_PROVE_TIMEOUT = 7 * 24 * 3600.0  # a week: beyond it a typo, not a plan
PROVE_METHODS = ("search", "z3", "cvc5", "qepcad", "bernstein", "intervals", "sos")


def prove(claim: Claim | str | Path, *, methods: Sequence[str] = PROVE_METHODS, timeout: float = 60.0,
          backend_timeout: float | None = None, run_all: bool = False, jobs: int | None = None,
          out: str | Path | None = None) -> ProofResult:
    """Decide a semi-algebraic claim: a counterexample search first, then z3, cvc5, QEPCAD B, Bernstein and
    arb intervals concurrently (each in its own process) under one deadline ``timeout`` (s) for the whole
    call; ``backend_timeout`` limits each backend (default: ``timeout``). By default the call returns once
    the answer is established — an exactly verified counterexample, or an exact certificate and a decision
    procedure that agree — and reports the backends it stopped as not needed; ``run_all=True`` runs every
    backend to its end. ``jobs`` bounds how many run at once (default: all).
    ``claim``: a :class:`Claim` (see :func:`claim`) or the path of a claim file (TOML, docs/claim-files.md,
    or SMT-LIB2 ``.smt2``). With ``out``, a proved or refuted claim gets a certificate there (bound to the
    claim file's SHA-256).

    >>> r = prove(claim("unit", variables=["x"], assume=["0 < x"], show="x**2 + x > 0"), methods=["z3", "cvc5"],
    ...           run_all=True)
    >>> r.status, sorted(r.methods)
    ('proved', ['cvc5', 'z3'])
    >>> r = prove(claim("wrong", variables=["x"], assume=["-1 < x", "x < 1"], show="x**2 > 0"))
    >>> r.status, r.counterexample, r.counterexample_verified
    ('refuted', {'x': '0'}, True)
    >>> r.backends[r.counterexample_from]["status"]
    'refuted'
    """
    from proofs.portfolio import decide

    from .commands.prove import find_witness, summarise, write_certificate

    bad = [m for m in methods if m not in PROVE_METHODS]
    if bad or not methods or isinstance(methods, str):
        raise InputError(f"unknown method(s) {bad or methods!r}; choose from {', '.join(PROVE_METHODS)}")
    if len(set(methods)) != len(methods):
        raise InputError(f"a method is named twice in {list(methods)!r}")
    for label, value in (("timeout", timeout), ("backend_timeout", backend_timeout)):
        if value is None and label == "backend_timeout":
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= MAX_PROVE_TIMEOUT:
            raise InputError(f"{label} must be a number of seconds in (0, {MAX_PROVE_TIMEOUT:g}] (got {value!r})")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= 64):
        raise InputError(f"jobs must be an integer from 1 to 64 (got {jobs!r})")
    c, raw, fname = _load(claim)
    verdicts, proofs, _stopped = decide(c, list(methods), timeout_s=float(timeout),
                                        backend_timeout_s=None if backend_timeout is None else float(backend_timeout),
                                        run_all=bool(run_all), jobs=jobs)
    res = summarise(c, verdicts)
    if res["status"] == "refuted" and not res["counterexample"]:
        find_witness(c, res, list(methods), float(backend_timeout or timeout))
    cert = None
    if out is not None and res["status"] in ("proved", "refuted"):
        outp = Path(out)
        translated = None
        if isinstance(claim, Claim):  # the certificate binds to a claim file: write it beside the certificate
            claim_path = outp.with_suffix(".toml")
            claim_path.parent.mkdir(parents=True, exist_ok=True)
            claim_path.write_bytes(raw)
        elif fname.lower().endswith((".smt2", ".smt")):  # bound to its claim-file translation, written beside
            translated = {"name": fname, "sha256": hashlib.sha256(raw).hexdigest(), "format": "SMT-LIB2"}
            claim_path = _translate(c, outp.with_suffix(".toml"))
        else:
            claim_path = Path(claim)
        try:
            cert = str(write_certificate(c, claim_path, verdicts, proofs, outp, translated_from=translated))
        except OSError as exc:
            raise InputError(f"cannot write the certificate {out}: {exc.strerror or exc} "
                             "(nothing was written over it)") from None
    return ProofResult(name=res["name"], status=res["status"], methods=tuple(res["methods"]),
                       counterexample=res["counterexample"], counterexample_from=res["counterexample_from"],
                       counterexample_verified=res["counterexample_verified"], backends=res["backends"],
                       certificate=cert, _verdicts=verdicts, _claim=c)


# ------------------------------------------------------------------------------------------ check


@dataclass(frozen=True)
class CheckResult(_Result):
    """The independent checker's verdicts: ``valid`` iff every certificate is valid; one row per file with
    ``file``, ``valid``, ``name``, ``status`` (what the certificate establishes) and ``detail``."""

    valid: bool
    results: tuple[dict, ...]

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{'OK' if r['valid'] else 'FAIL'}</td><td>{html.escape(str(r.get('name', '')))}</td>"
            f"<td>{html.escape(str(r['status']))}</td><td>{html.escape(str(r['detail']))[:300]}</td></tr>"
            for r in self.results)
        return (f"<table><caption>CheckResult: {sum(r['valid'] for r in self.results)}/{len(self.results)} "
                f"valid</caption><tr><th></th><th>name</th><th>status</th><th>detail</th></tr>{rows}</table>")


def check(*paths: str | Path, claims: Sequence[str | Path] = ()) -> CheckResult:
    """Re-validate certificates with the standalone, standard-library checker (``python3 -S -m checker``):
    hashes, the statement bound to the checker's own specification (or to the user's claim files
    ``claims``), and the exact proof objects. No path: every certificate in ``certificates/``.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> c = claim("unit", variables=["x"], assume=["0 < x"], show="x**2 + x > 0")
    >>> cert = prove(c, methods=["z3", "bernstein"], out=f"{d}/unit.json").certificate
    >>> check(cert, claims=[f"{d}/unit.toml"]).valid
    True
    >>> check(cert).results[0]["detail"][:60]   # without its claim file the statement is not bound
    "no specification for claim 'unit': not a claim of any paper "
    """
    from checker.cli import collect, verify_all
    from checker.core import Context
    from checker.spec import claim_file

    try:
        specs = {}
        for cpath in claims:
            s = claim_file(Path(cpath))
            specs[s.name] = s
        ctx = Context(specs)
    except RecursionError:
        raise InputError("unusable claim file: nested too deeply to parse") from None
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise InputError(f"unusable claim file: {type(exc).__name__}: {exc}") from None
    try:
        files = collect([str(p) for p in paths])
    except FileNotFoundError as exc:
        raise InputError(f"no such file or directory: {exc}") from None
    if not files:
        raise InputError("no certificates found")
    results = verify_all(files, ctx)
    return CheckResult(valid=all(r["valid"] for r in results), results=tuple(results))


# ------------------------------------------------------------------------------------------ audit


@dataclass(frozen=True)
class AuditResult(_Result):
    """The audit of papers: one assessment per numbered statement (``statements``: number → status, methods
    and the key of its paper), the counts per status (``counts``: over every paper; ``paper_counts``: per
    paper), regressions against the committed record and failed checks, and the report files written
    (``report.html``, ``report.md``, ``audit.json``). ``paper``: what was asked for (a paper key or ``"all"``);
    ``papers``: the keys of the papers assessed, in the report's order."""

    paper: str
    regenerated: bool
    ok: bool
    counts: dict
    statements: dict
    regressions: tuple[str, ...]
    failed_checks: tuple[str, ...]
    out: str
    papers: tuple[str, ...] = ()
    paper_counts: dict = field(default_factory=dict)

    _shown = ("paper", "papers", "regenerated", "ok", "counts", "regressions", "failed_checks", "out")

    def _repr_html_(self) -> str:
        groups = list(self.papers) or sorted({v.get("paper", "") for v in self.statements.values()})
        rows = ""
        for key in groups:
            if len(groups) > 1:
                rows += f"<tr><th colspan='3' style='text-align:left'>{html.escape(key)}</th></tr>"
            rows += "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v['status'])}</td>"
                            f"<td>{html.escape('; '.join(v['methods']))}</td></tr>"
                            for k, v in self.statements.items() if v.get("paper", key) == key)
        counts = html.escape(", ".join(f"{v} {k}" for k, v in self.counts.items()))
        return (f"<table><caption>Audit of {html.escape(', '.join(self.papers) or self.paper)}: {counts}</caption>"
                f"<tr><th>statement</th><th>status</th><th>methods</th></tr>{rows}</table>")


def _paper_keys() -> tuple[str, ...]:
    """Every paper module of ``audit/papers/``: the default paper first, then the others by key."""
    names = _papers.names()
    return tuple([k for k in (_papers.DEFAULT,) if k in names] + sorted(k for k in names if k != _papers.DEFAULT))


#: papers :func:`audit` knows (``audit/papers/<name>.py``); ``paper="all"`` audits every one
PAPERS = _paper_keys()


def audit(*, paper: str = "all", out: str | Path = "audit-report", committed: str | Path | None = "certificates",
          fresh: bool = False, figures: bool = True, regenerate: bool = True,
          progress: Callable[[str], None] | None = None) -> AuditResult:
    """Audit every numbered statement of ``paper`` (a key of :data:`PAPERS`, or ``"all"``: every paper, the
    default one first): regenerate (or reuse cached) certificates into
    ``out/certificates``, check them with the independent checker, assess each statement, and write
    ``report.html``, ``report.md`` and ``audit.json`` into ``out``. ``committed``: the published record to
    compare with (regressions and drift; the default ``certificates`` only if that directory exists);
    ``None``: compare with nothing.

    ``regenerate=False`` audits the published record as it is: ``committed`` is copied to ``out/certificates``
    and checked and assessed there, nothing is regenerated (seconds instead of minutes; the report's producer
    table is then empty and nothing is compared).

    The example audits the committed record of a source checkout (run from its root); a full audit
    regenerates every certificate (minutes the first time, cached afterwards), and is not run here.

    >>> import tempfile
    >>> res = audit(out=tempfile.mkdtemp(), committed="certificates", regenerate=False, figures=False)
    >>> res.ok, res.statements["Lemma 1.1"]["status"]
    (True, 'proved')
    >>> res = audit(out="audit-report", figures=False)          # doctest: +SKIP
    """
    known = _paper_keys()  # read now: a paper module added since the import counts
    if paper != "all" and paper not in known:
        raise InputError(f"unknown paper {paper!r}: audit knows {', '.join(known)} (or 'all')")
    from audit import report, runner

    try:
        chosen, _ = runner.select_papers(None if paper == "all" else [paper])
    except ValueError as exc:  # two papers share a statement key
        raise InputError(str(exc)) from None
    from audit.figures import all_figures
    from proofs.outputs import Busy, locked

    outp = Path(out)
    if outp.exists() and not outp.is_dir():
        raise InputError(f"out {outp} exists and is not a directory")
    if committed is None or (committed == "certificates" and not Path("certificates").is_dir()):
        comm = None
    else:
        comm = Path(committed)
        if not comm.is_dir():
            raise InputError(f"committed certificate directory {comm} not found")
    if not regenerate and comm is None:
        raise InputError("regenerate=False audits a published record: give committed=DIR")
    say = progress or (lambda _msg: None)
    try:
        with locked(outp):
            if not regenerate:
                import shutil

                shutil.copytree(comm, outp / "certificates", dirs_exist_ok=True)
            res = runner.run(outp, comm if regenerate else None, fresh=fresh, progress=say,
                             regenerate_certificates=regenerate, papers=[p.key for p in chosen])
            figs = all_figures(say) if figures else []
            report.write_all(res, figs, outp)
    except Busy as exc:
        raise InputError(str(exc)) from None
    of = report.paper_of(res)
    statements = {k: {"status": a.status, "methods": list(a.methods), "paper": of.get(k)}
                  for k, a in res.assessments.items()}
    return AuditResult(paper=paper, regenerated=regenerate, ok=res.ok, counts=report.summary_counts(res),
                       statements=statements, regressions=tuple(res.regressions),
                       failed_checks=tuple(res.failed_checks), out=str(outp),
                       papers=tuple(p.key for p in res.papers),
                       paper_counts={p.key: report.summary_counts(res, p.key) for p in res.papers})
