"""``sgd-proofs theorem2``: Theorem 2's late-time loss constants for a power-law problem, confirmed."""

from __future__ import annotations

import argparse
import json
import sys

from .. import limits
from ..options import add_output_options, count_at_least

HELP = "late-time loss constants of Theorem 2 (power law), confirmed by the generating-function route"
DESCRIPTION = """\
Power-law problem lambda_k = Lambda k^-nu, lambda_k C_k(0) = Q (k^-kappa - (k+1)^-kappa), k >= 1, heavy-ball
SGD (alpha, beta) with SE noise (gamma, tau). Prints U(1), V(1), the phase (zeta = kappa/nu vs 2 - 1/nu),
the exponent, C_signal, C_noise, c_U, the leading constant C of L_t ~ C t^-exponent, the transition time
t* (eq. 29), and numeric_C from the independent generating-function route (L(z) = V/(1-U) near z = 1,
singular coefficient extracted over the Mellin exponent ladder) with the digits of agreement.
Normalisation: L_t = 1/2 sum_k lambda_k C_k(t).

Hypotheses (a violated one is named, exit 2): kappa > 0, Lambda > 0, Q > 0; nu > 1 (U(1) finite); -1 < beta < 1
and 0 < alpha*Lambda < 2(1+beta) (noiseless stability, App. H); gamma >= 0 (gamma = 0: full batch, no noise:
C = C_signal, C_noise = 0, t* undefined); gamma*tau >= 0 (Lemma 1.1: S > 0, proved for every gamma*tau >= 0 --
no upper bound on gamma*tau); U(1) < 1 (otherwise see `sgd-proofs divergence`); zeta != 2 - 1/nu when gamma > 0.

Limits (docs/limits.md): the time grows like dps^3-dps^4 (measured on a 2-core machine: dps 30 ~2 s, 60 ~11 s,
120 ~2.5 min; estimate 0.27 (dps/30)^3 + 0.52 (dps/30)^4 s, twice that for divergence). A run estimated
beyond 10 min (dps > ~170) is refused with exit 2 unless --allow-long (up to 7 days, dps <= ~970); memory is
small (below 1 GB) but bounded by --max-memory too.

example:
  sgd-proofs theorem2 --nu 2 --kappa 0.8 --alpha 0.5 --beta 0.5 --gamma 0.5 --tau 1 --json

exit codes: 0 computed, 2 bad input (a hypothesis fails or a value is not a number).
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    for name, hlp in (("--nu", "eigenvalue exponent nu (> 1)"), ("--kappa", "target exponent kappa (> 0)"),
                      ("--alpha", "learning rate alpha"), ("--beta", "momentum beta"),
                      ("--gamma", "noise strength gamma (1/batch size)"), ("--tau", "SE parameter tau")):
        p.add_argument(name, required=True, help=hlp)
    p.add_argument("--Lambda", default="1", help="eigenvalue scale Lambda (default 1)")
    p.add_argument("--Q", default="1", help="target scale Q (default 1)")
    p.add_argument("--dps", type=count_at_least(30), default=30,
                   help="working precision in decimal digits (default 30, >= 30)")
    p.add_argument("--no-time-route", action="store_true", help="skip the (double precision) time-domain route")
    add_output_options(p, quiet_help="no progress on stderr (errors are still printed)")
    limits.add_limit_options(p)


def params_of(args: argparse.Namespace) -> dict:
    from decimal import Decimal, InvalidOperation

    out = {}
    for key in ("nu", "kappa", "alpha", "beta", "gamma", "tau", "Lambda", "Q"):
        val = getattr(args, key)
        try:
            d = Decimal(val)
        except InvalidOperation:
            raise ValueError(f"--{key} {val!r} is not a decimal number") from None
        if not d.is_finite():
            raise ValueError(f"--{key} must be finite")
        out[key] = val
    return out


def compute_report(args: argparse.Namespace, report, message: str, command: str = "theorem2") -> dict | None:
    """Validate the parameters, estimate the cost (``sgd_proofs.limits``) and run ``report`` at ``--dps``;
    on bad input or a refused limit print why and return None."""
    import mpmath as mp

    from proofs.numerics.powerlaw import AssumptionError
    from proofs.progress import note

    if args.dps < 30:
        print("error: --dps must be >= 30", file=sys.stderr)
        return None
    quiet = getattr(args, "quiet", False)
    try:
        p = params_of(args)
        limits.gate(limits.precision_estimate(command, args.dps, not args.no_time_route), args)
        if not quiet:
            note(message)
        with mp.workdps(args.dps):
            return report(p, dps=args.dps, time_route=not args.no_time_route, progress=not quiet)
    except (AssumptionError, ValueError, ZeroDivisionError, OverflowError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    import mpmath as mp

    from proofs.numerics.certify import fmt, theorem2_report
    from proofs.numerics.digits import agree_digits
    from symbolic.normalisation import POWER_LAW as NORMALISATION

    rep = compute_report(args, theorem2_report, "[theorem2] closed forms (Euler-Maclaurin sums) ...")
    if rep is None:
        return 2
    th, gf, td, d = rep["th"], rep["gf"], rep["td"], args.dps
    td_note = None
    if td is not None and not all(mp.isfinite(v) for k, v in td.items() if k in ("value", "exponent")):
        # the double-precision time-domain route over- or underflowed (e.g. r^-t beyond the double range)
        td, td_note = None, "time-domain route not available: its double-precision trajectory left the float range"
    C = fmt(th.C, d)
    num = fmt(gf["value"], d)
    out = {
        "phase": th.phase,
        "exponent": fmt(th.exponent, d),
        "U1": fmt(th.U1, d),
        "V1": fmt(th.V1, d),
        "C_signal": fmt(th.C_signal, d),
        "C_noise": fmt(th.C_noise, d),
        "c_U": fmt(th.c_U, d),
        "C": C,
        "t_star": fmt(th.t_star, d),
        "numeric_C": num,
        "numeric_C_error": fmt(gf["error"], 3),
        "agree_digits": agree_digits(C, num, d),
        "time_domain_C": None if td is None else fmt(td["value"], 12),
        "time_domain_exponent": None if td is None else fmt(td["exponent"], 10),
        "time_domain_agree_digits": None if td is None else agree_digits(C, fmt(td["value"], 12), d),
        "time_domain_note": td_note,
        "normalisation": NORMALISATION,
    }
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"normalisation: {NORMALISATION}")
    print(f"phase: {out['phase']}   L_t ~ C t^-{out['exponent']}   (zeta = kappa/nu = {mp.nstr(th.zeta, 12)}, "
          f"2 - 1/nu = {mp.nstr(th.eta, 12)})")
    undefined = ("undefined (gamma = 0: no noise term)" if th.c_U == 0
                 else "undefined (V(1) = inf: kappa <= nu)")
    for key in ("U1", "V1", "c_U", "C_signal", "C_noise", "t_star", "C"):
        val = out[key]
        if val is None:
            val = "undefined (V(1) = inf: kappa <= nu)" if key == "V1" else undefined
        print(f"  {key:9s} = {val}")
    print(f"  numeric_C = {num}  (generating-function route, error ~ {out['numeric_C_error']}; "
          f"agrees to {out['agree_digits']} digits)")
    if td_note:
        print(f"  {td_note}")
    if td is not None:
        print(f"  time-domain route: C ~ {out['time_domain_C']} ({out['time_domain_agree_digits']} digits), "
              f"exponent ~ {out['time_domain_exponent']}")
    return 0
