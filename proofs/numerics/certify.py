"""Numerics certificates (``sgd-proofs regenerate``) and the reports behind ``theorem2``/``divergence``.

One certificate per claim and point (``points.py``): the closed-form value (``constants``) at
``DPS`` digits with its error estimate, each independent route (``routes``) with its method, error
estimate and the digits of agreement (``digits.agree_digits``, exactly from the recorded strings;
the certificate checker recomputes them), and the comparisons a claim consists of. Content is
deterministic: decimal strings, no timings (those go to the per-claim result dicts → provenance.json).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import mpmath as mp

from proofs import certio
from symbolic.normalisation import POWER_LAW as NORMALISATION

from . import points
from .constants import (
    critical_alpha_eff,
    divergence,
    lambda_crit,
    theorem2,
)
from .digits import agree_digits, holds
from .powerlaw import Params, PowerLaw, U_tilde
from .routes import coarse_root, contour_residue, gf_theorem2, time_divergence, time_theorem2

DPS = 34
#: digits the time-domain route must confirm (it is double precision with slow power-law corrections)
TIME_REQUIRED = {"theorem2": 2, "divergence": 6}


def fmt(x, dps: int) -> str:
    """All ``dps`` significant digits of an mpf (or a float) as a decimal string."""
    if x is None:
        return None
    if not isinstance(x, mp.mpf):  # floats/ints: convert exactly (binary value), never round an mpf
        with mp.workdps(max(dps, 20) + 10):
            x = mp.mpf(x)
    return mp.nstr(x, dps, strip_zeros=False, min_fixed=-4, max_fixed=12)


def _err(x, e, dps: int):
    """Error estimate plus the rounding floor of the working precision."""
    return abs(e) + abs(x) * mp.mpf(10) ** (3 - dps)


def problem(p: dict) -> tuple[PowerLaw, Params]:
    p = points.full(p)
    return (PowerLaw.of(p["nu"], p["kappa"], p["Lambda"], p["Q"]),
            Params.of(p["alpha"], p["beta"], p["gamma"], p["tau"]))


def _stderr_progress(label: str) -> Callable:
    """``cb(i, n)`` on stderr: a bar on a terminal, plain rate-limited lines otherwise (``proofs.progress``)."""
    from proofs.progress import counter

    return counter(label)


# --------------------------------------------------------------------------------------------------
# reports (shared with the CLI)


def theorem2_report(p: dict, dps: int = DPS, time_route: bool = True, progress: bool = False) -> dict:
    """Closed forms + generating-function route (+ time-domain route) for one Theorem 2 point."""
    spec, par = problem(p)
    with mp.workdps(dps):
        th = theorem2(spec, par)
    with mp.workdps(dps + 6):
        gf = gf_theorem2(spec, par, th.exponent,
                         progress=_stderr_progress("generating-function route: z -> 1 points") if progress
                         else None)
    td = None
    if time_route:
        if progress:
            print("[time-domain route: SE engine to T = 50000]", file=sys.stderr, flush=True)
        td = _engine_or_none(time_theorem2, spec, par, th.exponent, say=progress)
    return {"spec": spec, "par": par, "th": th, "gf": gf, "td": td, "dps": dps}


def divergence_report(p: dict, dps: int = DPS, time_route: bool = True, progress: bool = False) -> dict:
    spec, par = problem(p)
    with mp.workdps(dps):
        dv = divergence(spec, par)
    with mp.workdps(dps + 6):
        c = coarse_root(spec, par)
        ct = contour_residue(spec, par, c, (1 - c) / 4,
                             progress=_stderr_progress("contour route: nodes") if progress else None)
    td = None
    if time_route:
        T = divergence_T(dv.r)
        if progress:
            print(f"[time-domain route: SE engine to T = {T}]", file=sys.stderr, flush=True)
        td = _engine_or_none(time_divergence, spec, par, T, say=progress)
    return {"spec": spec, "par": par, "dv": dv, "ct": ct, "td": td, "dps": dps}


def _engine_or_none(fn, *args, say: bool = True):
    """Run a time-domain route; ``None`` if the engine does not cover the parameters (e.g. ν ≤ 1)."""
    from .engine import ParameterError

    try:
        return fn(*args)
    except ParameterError as exc:
        if say:  # the JSON result says so too (time_domain_C null)
            print(f"[time-domain route skipped: {exc}]", file=sys.stderr)
        return None


def divergence_T(r) -> int:
    """Long enough for ``r^t`` corrections to die (``40/(1−r)``), short of double overflow."""
    return int(max(200, min(600 / (-mp.log(r)), 40 / (1 - r), 60000)))


# --------------------------------------------------------------------------------------------------
# certificates


#: significant digits kept of double-precision results (stable against last-bit differences of BLAS)
FLOAT_DIGITS = 9  # double-precision results: recorded to 9 digits so platform rounding cannot change the bytes


def _route(kind: str, value, error, method: str, main: str, dps: int, required: int, extra=None,
           digits: int | None = None) -> dict:
    v = fmt(value, digits or dps)
    out = {"route": kind, "value": v, "error": fmt(error, 3), "method": method,
           "agree_digits": agree_digits(main, v, dps), "required_digits": required}
    if extra:
        out.update(extra)
    return out


def _cmp(what: str, lhs: str, rel: str, rhs: str) -> dict:
    return {"what": what, "lhs": lhs, "rel": rel, "rhs": rhs, "holds": holds(lhs, rel, rhs)}


def _status(routes: list, comps: list, yes: str = "confirmed", no: str = "disagreement") -> str:
    ok = all(r["agree_digits"] >= r["required_digits"] for r in routes) and all(c["holds"] for c in comps)
    return yes if ok else no


def theorem2_content(name: str, p: dict, rep: dict) -> dict:
    dps, th, gf, td = rep["dps"], rep["th"], rep["gf"], rep["td"]
    const = "C_signal" if th.phase.startswith("signal") else "C_noise"
    main = fmt(th.C, dps)
    routes = [_route("generating_function", gf["value"], gf["error"], gf["method"], main, dps, 10,
                     {"points": gf["points"], "eps_range": [fmt(x, 6) for x in gf["eps_range"]]})]
    if td is not None:
        routes.append(_route("time_domain", td["value"], td["error"], td["method"], main, dps,
                             TIME_REQUIRED["theorem2"],
                             {"exponent_estimate": fmt(td["exponent"], 8),
                              "exponent_agree_digits": agree_digits(fmt(th.exponent, dps),
                                                                    fmt(td["exponent"], 8), dps)},
                             digits=FLOAT_DIGITS))
    comps = [_cmp("Theorem 2 needs U(1) < 1", fmt(th.U1, dps), "<", "1")]
    q = {"U1": {"value": fmt(th.U1, dps), "error": fmt(_err(th.U1, th.U1_err, dps), 3)},
         "c_V": {"value": fmt(th.c_V, dps)}, "c_U": {"value": fmt(th.c_U, dps)},
         "C_signal": {"value": fmt(th.C_signal, dps)}}
    if th.V1 is not None:
        q["V1"] = {"value": fmt(th.V1, dps), "error": fmt(_err(th.V1, th.V1_err, dps), 3)}
        q["C_noise"] = {"value": fmt(th.C_noise, dps)}
        q["t_star"] = {"value": fmt(th.t_star, dps)}
    formula = ("C_signal = Q Gamma(zeta+1) / (2 (2 alpha_eff Lambda)^zeta (1 - U(1)))" if const == "C_signal"
               else "C_noise = V(1) c_U / (1 - U(1))^2, c_U = (gamma/nu) alpha_eff^2 Gamma(2-1/nu) Lambda^(1/nu) "
               "(2 alpha_eff)^(1/nu-2)")
    return {
        "type": "constant", "family": "theorem2", "claim": f"theorem2_{name}",
        "statement": (f"L_t ~ {const} t^-{fmt(th.exponent, 8)} ({th.phase} phase) with the closed form "
                      f"{formula}"),
        "source": "paper Theorem 2, eqs. 26, 28a/28b (constants reconstructed, re-derived in "
                  "proofs/numerics/constants.py)",
        "normalisation": NORMALISATION,
        "point": {"name": name, "params": points.full(p)},
        "precision_dps": dps,
        "phase": th.phase,
        "exponent": fmt(th.exponent, dps),
        "scaling_limits": {f: {"P": th.rates[f][0], "rho": th.rates[f][1]} for f in th.rates},
        "quantities": q,
        "value": {"name": const, "value": main, "error": fmt(_err(th.C, th.C_err, dps), 3),
                  "method": ("U(1), V(1): head k < max(60, 2 dps) exact + Euler-Maclaurin tail "
                             "(max(12, dps//3) Bernoulli terms, tanh-sinh integral); "
                             "error = last EM term + quadrature estimate + rounding")},
        "routes": routes,
        "comparisons": comps,
        "status": _status(routes, comps),
    }


def divergence_content(name: str, p: dict, rep: dict) -> dict:
    dps, dv, ct, td = rep["dps"], rep["dv"], rep["ct"], rep["td"]
    main = fmt(dv.C_div, dps)
    routes = [_route("contour_residue", ct["value"], ct["error"], ct["method"], main, dps, 8,
                     {"r": fmt(ct["r"], dps), "r_agree_digits": agree_digits(fmt(dv.r, dps), fmt(ct["r"], dps), dps)})]
    if td is not None:
        routes.append(_route("time_domain", td["value"], td["error"], td["method"], main, dps,
                             TIME_REQUIRED["divergence"],
                             {"r": fmt(td["r"], FLOAT_DIGITS),
                              "r_agree_digits": agree_digits(fmt(dv.r, dps), fmt(td["r"], FLOAT_DIGITS), dps)},
                             digits=FLOAT_DIGITS))
    comps = [_cmp("eq. 24 needs U(1) > 1", fmt(dv.U1, dps), ">", "1"),
             _cmp("root r in (0, 1)", fmt(dv.r, dps), "<", "1")]
    return {
        "type": "constant", "family": "divergence", "claim": f"divergence_{name}",
        "statement": "U(1) > 1: L_t ~ C_div r^-t with U(r) = 1 and C_div = V(r) / (r U'(r)) (residue of a simple pole)",
        "source": "paper eq. 24, Prop. 10 (constant reconstructed)",
        "normalisation": NORMALISATION,
        "point": {"name": name, "params": points.full(p)},
        "precision_dps": dps,
        "quantities": {"U1": {"value": fmt(dv.U1, dps)},
                       "r": {"value": fmt(dv.r, dps), "error": fmt(_err(dv.r, dv.r_err, dps), 3)},
                       "V_r": {"value": fmt(dv.Vr, dps)}, "U_prime_r": {"value": fmt(dv.dUr, dps)}},
        "value": {"name": "C_div", "value": main, "error": fmt(_err(dv.C_div, dv.C_err, dps), 3),
                  "method": ("r: bisection then Newton with U' = gamma alpha^2 sum lambda^2 R1/S^2; sums: head "
                             "+ Euler-Maclaurin; error = Newton step + sum errors + rounding")},
        "routes": routes,
        "comparisons": comps,
        "status": _status(routes, comps),
    }


def prop3_content(dps: int = 30) -> tuple[dict, str]:
    """Across Ũ(1) = 1 (at fixed β, varying α) the trajectories switch from convergent to divergent."""
    from . import engine

    cfg = points.PROP3
    spec = PowerLaw.of(cfg["nu"], cfg["kappa"])
    delta = mp.mpf(cfg["delta"])
    comps, rows = [], []
    with mp.workdps(dps):
        for b in cfg["betas"]:
            beta = mp.mpf(b)
            ae = critical_alpha_eff(spec, beta, cfg["gamma"], cfg["tau"])
            ac = ae * (1 - beta)
            row = {"beta": b, "alpha_crit": fmt(ac, dps)}
            for side, fac in (("below", 1 - delta), ("above", 1 + delta)):
                al = ac * fac
                par = Params.of(al, beta, cfg["gamma"], cfg["tau"])
                U1 = U_tilde(spec, par, mp.mpf(0))[0]
                comps.append(_cmp(f"beta={b}: alpha={fmt(al, 8)} ({side}) inside the noiseless region",
                                  fmt(al * spec.Lambda, 17), "<", fmt(2 * (1 + beta), 17)))
                if side == "below":
                    T = 20000
                    L = engine.power_law_loss(float(spec.nu), float(spec.kappa), float(al), float(beta),
                                              float(par.gamma), float(par.tau), T)
                    comps.append(_cmp(f"beta={b}: U(1) < 1 below", fmt(U1, dps), "<", "1"))
                    comps.append(_cmp(f"beta={b}: L_T < L_(T/2) < L_0 below (converges)",
                                      fmt(L[T - 1], FLOAT_DIGITS), "<", fmt(min(L[T // 2], L[0]), FLOAT_DIGITS)))
                    row["below"] = {"alpha": fmt(al, dps), "U1": fmt(U1, dps), "T": T,
                                    "L_T_over_L_0": fmt(L[T - 1] / L[0], FLOAT_DIGITS)}
                else:
                    with mp.workdps(20):
                        rr = divergence(spec, par).r
                    T = divergence_T(rr)
                    L = engine.power_law_loss(float(spec.nu), float(spec.kappa), float(al), float(beta),
                                              float(par.gamma), float(par.tau), T)
                    growth = L[T - 2] / L[T - 1]
                    comps.append(_cmp(f"beta={b}: U(1) > 1 above", fmt(U1, dps), ">", "1"))
                    comps.append(_cmp(f"beta={b}: L_T > L_0 above (diverges)", fmt(L[T - 1], FLOAT_DIGITS), ">",
                                      fmt(L[0], FLOAT_DIGITS)))
                    ad = agree_digits(fmt(rr, FLOAT_DIGITS), fmt(growth, FLOAT_DIGITS), FLOAT_DIGITS)
                    comps.append(_cmp(f"beta={b}: growth ratio L_(T-2)/L_(T-1) matches r to >= 4 digits",
                                      str(ad), ">=", "4"))
                    row["above"] = {"alpha": fmt(al, dps), "U1": fmt(U1, dps), "T": T,
                                    "r": fmt(rr, FLOAT_DIGITS), "growth_ratio": fmt(growth, FLOAT_DIGITS),
                                    "L_T_over_L_0": fmt(L[T - 1] / L[0], FLOAT_DIGITS)}
            rows.append(row)
    content = {
        "type": "comparisons", "family": "prop3", "claim": "prop3_stability",
        "statement": ("Crossing U(1) = 1 in the (alpha, beta) plane switches the SE trajectories from convergent "
                      "to divergent (at rate r^-t, U(r) = 1)"),
        "source": "paper eq. 21, Prop. 3",
        "normalisation": NORMALISATION,
        "point": {"name": "prop3", "params": {k: v for k, v in cfg.items() if k != "betas"}, "betas": cfg["betas"]},
        "precision_dps": dps,
        "method": ("alpha_crit: root of U(1) = 1 (bisection + Newton, Euler-Maclaurin sums); trajectories: SE "
                   "engine (renewal, double precision, infinite power law) at alpha_crit (1 -+ delta)"),
        "rows": rows,
        "comparisons": comps,
    }
    content["status"] = _status([], comps, "verified", "refuted")
    return content, f"{len(rows)} momenta"


def prop4_content(dps: int = 30) -> tuple[dict, str]:
    """λ_crit, the bound α_eff < 2/(γλ_crit), and its tightness as β → 1."""
    import numpy as np

    cfg = points.PROP4
    spec = PowerLaw.of(cfg["nu"], cfg["kappa"])
    gamma, tau = mp.mpf(cfg["gamma"]), mp.mpf(cfg["tau"])
    comps = []
    with mp.workdps(dps):
        lc, lc_err = lambda_crit(spec, tau)
        bound = 2 / (gamma * lc)
        crit = [(b, critical_alpha_eff(spec, b, gamma, tau)) for b in cfg["betas"]]
        # route 2 for λ_crit: float partial sum to K = 10^6 + integral tail, by bisection
        nu, K = float(spec.nu), 10**6
        lam = float(spec.Lambda) * np.arange(1, K + 1, dtype=float) ** -nu

        def h(x: float) -> float:
            tail = float(spec.Lambda) * K ** (1 - nu) / ((nu - 1) * x)  # ∫_K^∞ λ/x, λ ≪ x
            return float(np.sum(lam / (x + float(tau) * lam))) + tail - 0.5 * lam[-1] / x - 1

        lo, hi = 1e-6, float(lam.sum()) + 1
        for _ in range(100):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if h(mid) > 0 else (lo, mid)
        # route 3: extrapolate α_eff,crit(β) linearly in (1 − β) from the two β closest to 1
        (b1, a1), (b2, a2) = crit[-2], crit[-1]
        e1, e2 = 1 - mp.mpf(b1), 1 - mp.mpf(b2)
        extrap = (a2 * e1 - a1 * e2) / (e1 - e2)
    for b, ae in crit:
        comps.append(_cmp(f"beta={b}: alpha_eff,crit < 2/(gamma lambda_crit)", fmt(ae, dps), "<", fmt(bound, dps)))
    for (b1, x1), (b2, x2) in zip(crit, crit[1:], strict=False):
        comps.append(_cmp(f"alpha_eff,crit increases from beta={b1} to beta={b2}", fmt(x1, dps), "<", fmt(x2, dps)))
    gaps = [(b, (bound - ae) / bound) for b, ae in crit]
    comps.append(_cmp(f"relative gap at beta={gaps[-1][0]} below 1e-2 (tight as beta -> 1)",
                      fmt(gaps[-1][1], dps), "<", "0.01"))
    main = fmt(lc, dps)
    routes = [
        {"route": "partial_sum", "reference": main, "value": fmt((lo + hi) / 2, FLOAT_DIGITS), "error": "1e-10",
         "method": "double precision: sum_(k<=1e6) lambda_k/(x + tau lambda_k) + integral tail, bisection",
         "agree_digits": agree_digits(main, fmt((lo + hi) / 2, FLOAT_DIGITS), dps), "required_digits": 6,
         "quantity": "lambda_crit"},
        {"route": "beta_to_one_extrapolation", "reference": fmt(bound, dps), "value": fmt(extrap, dps),
         "error": fmt(abs(extrap - crit[-1][1]), 3),
         "method": "alpha_eff,crit(beta) extrapolated linearly in 1-beta from the two beta closest to 1",
         "agree_digits": agree_digits(fmt(bound, dps), fmt(extrap, dps), dps), "required_digits": 2,
         "quantity": "2/(gamma lambda_crit)"},
    ]
    content = {
        "type": "comparisons", "family": "prop4", "claim": "prop4_bound",
        "statement": ("U(1) < 1 implies alpha_eff < 2/(gamma lambda_crit), sum_k lambda_k/(lambda_crit + tau lambda_k) "
                      "= 1; the bound is approached as beta -> 1"),
        "source": "paper Prop. 4, eqs. 22-23",
        "normalisation": NORMALISATION,
        "point": {"name": "prop4", "params": {k: v for k, v in cfg.items() if k != "betas"}, "betas": cfg["betas"]},
        "precision_dps": dps,
        "lambda_crit": {"value": main, "error": fmt(_err(lc, lc_err, dps), 3)},
        "bound": fmt(bound, dps),
        "alpha_eff_crit": [{"beta": b, "value": fmt(ae, dps), "relative_gap": fmt(g, 10)}
                           for (b, ae), (_, g) in zip(crit, gaps, strict=True)],
        "routes": routes,
        "comparisons": comps,
    }
    content["status"] = _status(routes, comps, "verified", "refuted")
    return content, f"lambda_crit = {mp.nstr(lc, 12)}, bound {mp.nstr(bound, 12)}"


def produce(outdir: Path, recorded: tuple = ()) -> list[dict]:  # recorded: unused (no optional backend)
    """Write every numerics certificate into ``outdir``; one result dict per claim.

    The ambient mpmath precision is fixed to mpmath's default (15 digits) for the whole run, so that a
    caller's ``mp.dps`` can never change a certificate's bytes (each computation sets its own precision)."""
    with mp.workdps(15):
        return _produce(outdir)


def _produce(outdir: Path) -> list[dict]:
    results = []

    def emit(content: dict, t0: float, detail: str) -> None:
        path = certio.write(outdir, "numerics", content["claim"], content)
        results.append({"claim": content["claim"], "status": content["status"], "file": path.name,
                        "seconds": round(time.perf_counter() - t0, 3), "detail": detail})

    for name, p in points.THEOREM2.items():
        t0 = time.perf_counter()
        c = theorem2_content(name, p, theorem2_report(p))
        emit(c, t0, "; ".join(f"{r['route']}: {r['agree_digits']} digits" for r in c["routes"]))
    for name, p in points.DIVERGENCE.items():
        t0 = time.perf_counter()
        c = divergence_content(name, p, divergence_report(p))
        emit(c, t0, "; ".join(f"{r['route']}: {r['agree_digits']} digits" for r in c["routes"]))
    for fn in (prop3_content, prop4_content):
        t0 = time.perf_counter()
        c, detail = fn()
        emit(c, t0, detail)
    return results
