"""``sgd-proofs momentum``: does momentum help at the optimal learning rate? (Prop. 5/12, eq. 30, reconstructed)."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation

from ..options import add_output_options

HELP = "sign of the momentum effect at the optimal learning rate (Prop. 5/12, eq. 30 reconstructed)"
DESCRIPTION = """\
Power law lambda_k = Lambda k^-nu with initial weights lambda_k C_k(0) of a FAMILY (telescoping: Q(k^-kappa -
(k+1)^-kappa), the project's default; pure: Q kappa k^(-kappa-1); delayed: telescoping from k = 10 on), SE
noise gamma = 1/batch, tau. Fixes alpha at the optimum alpha* of Theorem 2's leading constant C(alpha, 0) and
reports the sign of dC/dbeta there (Prop. 12, reconstructed):
  signal-dominated (zeta < 2 - 1/nu): always negative -- positive momentum helps;
  noise-dominated (zeta > 2 - 1/nu) at g = gamma*tau = 1: the sign of the characteristic (eq. 30, reconstructed)
    X = s1 W - ((nu-1)/nu) s2 M0,  s1 = sum lambda_k, s2 = sum lambda_k^2, W = sum lambda_k C_k(0), M0 = sum C_k(0),
    alpha* = 2(nu-1)/((3nu-1) gamma s1), dlog C/dbeta = alpha* X/(s1 M0): X > 0 means negative momentum helps.
For g != 1 in the noise phase no closed form is claimed; the sign is computed from Theorem 2's constants.
Also prints the finite-difference derivative of the Theorem 2 constant (independent of the characteristic),
and the numerically optimal beta at alpha* with its loss constant. Normalisation: L_t = 1/2 sum lambda_k C_k(t).

Hypotheses (a violated one is named, exit 2): nu > 1, kappa > 0, batch >= 1 (or gamma >= 0), tau >= 0,
zeta != 2 - 1/nu; the noise phase needs kappa > nu (M0 finite), implied by zeta > 2 - 1/nu.

example:
  sgd-proofs momentum --nu 2 --kappa 5 --batch 1 --json

exit codes: 0 computed, 2 bad input (a hypothesis fails or a value is not a number).
"""

MAX_DPS = 50


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--nu", required=True, help="eigenvalue exponent nu (> 1)")
    p.add_argument("--kappa", required=True, help="target exponent kappa (> 0)")
    p.add_argument("--batch", default=None, help="batch size b >= 1: gamma = 1/b (default 1; or give --gamma)")
    p.add_argument("--gamma", default=None, help="noise strength gamma >= 0 (instead of --batch)")
    p.add_argument("--tau", default="1", help="SE parameter tau >= 0 (default 1)")
    p.add_argument("--family", default="telescoping", choices=("telescoping", "pure", "delayed"),
                   help="initial-weight family (default telescoping)")
    p.add_argument("--Lambda", default="1", help="eigenvalue scale Lambda (default 1)")
    p.add_argument("--Q", default="1", help="target scale Q (default 1)")
    p.add_argument("--dps", default="20", help=f"working precision in digits (15..{MAX_DPS}, default 20)")
    add_output_options(p, quiet_help="no progress on stderr (errors are still printed)")


def _num(name: str, val: str) -> Decimal:
    try:
        d = Decimal(str(val))
    except InvalidOperation:
        raise ValueError(f"--{name} {val!r} is not a decimal number") from None
    if not d.is_finite():
        raise ValueError(f"--{name} must be finite, got {val!r}")
    return d


def _inputs(args: argparse.Namespace) -> dict:
    v = {k: _num(k, getattr(args, k)) for k in ("nu", "kappa", "tau", "Lambda", "Q")}
    if args.batch is not None and args.gamma is not None:
        raise ValueError("give --batch or --gamma, not both")
    if args.gamma is not None:
        gamma = _num("gamma", args.gamma)
        if gamma < 0:
            raise ValueError("--gamma must be >= 0 (gamma = 1/batch)")
    else:
        batch = _num("batch", args.batch if args.batch is not None else "1")
        if batch < 1 or batch != batch.to_integral_value():
            raise ValueError(f"--batch must be an integer >= 1, got {args.batch!r}")
        gamma = 1 / batch
    dps = _num("dps", args.dps)
    if dps != dps.to_integral_value() or not 15 <= dps <= MAX_DPS:
        raise ValueError(f"--dps must be an integer in 15..{MAX_DPS} (each step costs ~dps^2), got {args.dps!r}")
    if not v["nu"] > 1:
        raise ValueError("--nu must be > 1 (sum lambda_k finite: Theorem 2)")
    for k in ("kappa", "Lambda", "Q"):
        if not v[k] > 0:
            raise ValueError(f"--{k} must be > 0")
    if v["tau"] < 0:
        raise ValueError("--tau must be >= 0 (Prop. 12 assumes tau >= 0)")
    if v["nu"] > 50 or v["kappa"] > 200:
        raise ValueError("--nu <= 50 and --kappa <= 200 (beyond, the spectral sums underflow at this precision)")
    return {**{k: str(x) for k, x in v.items()}, "gamma": str(gamma), "dps": int(dps)}


def compute(p: dict, quiet: bool = True) -> dict:
    import mpmath as mp

    from proofs.momentum import numeric as N
    from proofs.progress import note

    with mp.workdps(p["dps"]):
        spec = N.spectrum(p["nu"], p["kappa"], p["family"], p["Lambda"], p["Q"])
        gamma, tau = mp.mpf(p["gamma"]), mp.mpf(p["tau"])
        zeta, eta = spec.zeta, 2 - 1 / spec.nu
        if zeta == eta:
            raise N.AssumptionError("zeta = 2 - 1/nu: the phase boundary is not covered by Theorem 2's constants")
        phase = "signal-dominated" if zeta < eta or gamma == 0 else "noise-dominated"
        g = gamma * tau
        # every key is always present (README's key list); null where the closed form does not apply
        out = {"phase": phase, "g": mp.nstr(g, 15), "family": p["family"], "characteristic": None,
               "characteristic_applies": False, "characteristic_reason": None, "moments": None,
               "dlogC_dbeta_predicted": None}
        tol = mp.mpf(10) ** (-(p["dps"] // 2))
        if gamma == 0:
            raise N.AssumptionError("gamma = 0 (full batch): no noise, C = c_V(alpha_eff) decreases in alpha up to "
                                    "the stability edge -- no interior optimal alpha")
        if phase == "noise-dominated" and g == 1:
            c = N.characteristic(spec, gamma)
            a_star = c["alpha_star"]
            out.update({
                "characteristic": mp.nstr(c["X"], p["dps"]), "characteristic_applies": True,
                "moments": {k: mp.nstr(c[k], p["dps"]) for k in ("s1", "s2", "W", "M0")},
                "alpha_star": mp.nstr(a_star, p["dps"]), "alpha_star_source": "closed form (g = 1)",
                "dlogC_dbeta_predicted": mp.nstr(c["dlogC_dbeta"], p["dps"]),
                "predicted_sign": "negative momentum helps" if c["X"] > 0 else "positive momentum helps",
            })
        else:
            if not quiet:
                note("[momentum] optimal alpha at beta = 0 (bisection on the Theorem 2 constant) ...")
            a_star = N.optimal_alpha(spec, gamma, tau, tol=tol)
            out.update({"alpha_star": mp.nstr(a_star, p["dps"]),
                        "alpha_star_source": "numerical minimum of C(alpha, 0)",
                        "predicted_sign": "positive momentum helps" if phase == "signal-dominated" else None})
            if phase == "noise-dominated":
                out["characteristic_reason"] = ("eq. 30 (reconstructed) is derived for g = gamma*tau = 1 only; "
                                                "the sign below is computed from Theorem 2's constants")
            else:
                out["characteristic_reason"] = ("eq. 30 (reconstructed) concerns the noise-dominated phase; in the "
                                                "signal-dominated phase dC/dbeta < 0 (positive momentum helps)")
        if not quiet:
            note("[momentum] Theorem 2 derivatives by central differences ...")
        d = N.theorem2_derivatives(spec, a_star, gamma, tau)
        if not quiet:
            note("[momentum] optimal beta at alpha* ...")
        ob = N.optimal_beta(spec, a_star, gamma, tau, tol=tol)
        out.update({
            "C_at_alpha_star": mp.nstr(d["C"], p["dps"]),
            "dlogC_dbeta_theorem2": mp.nstr(d["dlogC_dbeta"], 15),
            "alpha_dlogC_dalpha_theorem2": mp.nstr(d["alpha_dlogC_dalpha"], 3),
            "computed_sign": "negative momentum helps" if d["dlogC_dbeta"] > 0 else "positive momentum helps",
            "beta_opt": mp.nstr(ob["beta"], 10),
            "C_at_beta_opt": mp.nstr(ob["C"], p["dps"]),
            "dps": p["dps"],
        })
        return out


def run(args: argparse.Namespace) -> int:
    from proofs.numerics.powerlaw import AssumptionError
    from symbolic.normalisation import POWER_LAW as NORMALISATION

    quiet = getattr(args, "quiet", False)
    try:
        p = _inputs(args)
        p["family"] = args.family
        out = compute(p, quiet=quiet)
    except (AssumptionError, ValueError, ZeroDivisionError, OverflowError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out["normalisation"] = NORMALISATION
    out["reconstructed"] = "Prop. 12 / eq. 30: the paper's formulas were lost; re-derived (proofs.momentum)"
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"normalisation: {NORMALISATION}")
    print(f"phase: {out['phase']}   g = gamma*tau = {out['g']}   family: {out['family']}")
    if out["characteristic_applies"]:
        print(f"  characteristic X (eq. 30, reconstructed) = {out['characteristic']}")
    elif out.get("characteristic_reason"):
        print(f"  characteristic: not applicable ({out['characteristic_reason']})")
    for key in ("alpha_star", "C_at_alpha_star", "dlogC_dbeta_theorem2", "beta_opt", "C_at_beta_opt"):
        print(f"  {key:22s} = {out[key]}")
    predicted = out["predicted_sign"] or "no closed-form prediction (noise phase with g != 1)"
    print(f"  predicted: {predicted};  computed from Theorem 2: {out['computed_sign']}")
    return 0
