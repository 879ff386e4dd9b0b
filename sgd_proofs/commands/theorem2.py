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


def problem_of(args: argparse.Namespace):
    """``(api.PowerLaw, api.HeavyBall)`` from the options (decimal texts, checked by the API)."""
    from ..api import HeavyBall, PowerLaw

    return (PowerLaw(nu=args.nu, kappa=args.kappa, Lambda=args.Lambda, Q=args.Q),
            HeavyBall(alpha=args.alpha, beta=args.beta, gamma=args.gamma, tau=args.tau))


def compute(args: argparse.Namespace, function, message: str):
    """``function(problem, optimiser, ...)`` of :mod:`sgd_proofs.api` with the command's options; on bad input or
    a refused limit print why and return None."""
    from proofs.progress import note

    from ..api import InputError, check_parameters

    quiet = getattr(args, "quiet", False)
    try:
        problem, optimiser = problem_of(args)
        check_parameters(problem, optimiser)  # the API checks again: here only to announce after the checks
        limits.gate(limits.precision_estimate(function.__name__, args.dps, not args.no_time_route), args)
        if not quiet:
            note(message)
        return function(problem, optimiser, dps=args.dps, time_route=not args.no_time_route, progress=not quiet,
                        max_memory=getattr(args, "max_memory", None), allow_long=getattr(args, "allow_long", False))
    except (InputError, ValueError) as exc:  # limits.LimitError is a ValueError
        print(f"error: {exc}", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    import mpmath as mp

    from ..api import theorem2

    res = compute(args, theorem2, "[theorem2] closed forms (Euler-Maclaurin sums) ...")
    if res is None:
        return 2
    out = res.to_dict()
    NORMALISATION = out["normalisation"]
    num, td_note = out["numeric_C"], out["time_domain_note"]
    td = out["time_domain_C"]
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"normalisation: {NORMALISATION}")
    with mp.workdps(30):
        nu, kappa = mp.mpf(args.nu), mp.mpf(args.kappa)
        zeta, eta = mp.nstr(kappa / nu, 12), mp.nstr(2 - 1 / nu, 12)
    print(f"phase: {out['phase']}   L_t ~ C t^-{out['exponent']}   (zeta = kappa/nu = {zeta}, 2 - 1/nu = {eta})")
    undefined = ("undefined (gamma = 0: no noise term)" if out["c_U"] is not None and mp.mpf(out["c_U"]) == 0
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
