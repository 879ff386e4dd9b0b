"""``sgd-proofs divergence``: exponential divergence rate r and constant C_div (eq. 24), confirmed."""

from __future__ import annotations

import argparse
import json

from .theorem2 import add_arguments as _t2_arguments
from .theorem2 import compute

HELP = "exponential divergence L_t ~ C_div r^-t for U(1) > 1 (eq. 24), confirmed by a contour residue"
DESCRIPTION = """\
For U(1) > 1 the loss generating function L(z) = V/(1-U) has a simple pole at r in (0,1), U(r) = 1, and
L_t ~ C_div r^-t with C_div = V(r) / (r U'(r)). Prints U(1), r, C_div, and numeric_C_div from the
independent contour route (trapezoidal rule for the residue of L on a circle around the pole) with the
digits of agreement. Same power-law problem and options as `theorem2`. Normalisation:
L_t = 1/2 sum_k lambda_k C_k(t).

Hypotheses (a violated one is named, exit 2): kappa > 0, Lambda > 0, Q > 0; nu > 1/2 (sum lambda_k^2 finite);
-1 < beta < 1 and 0 < alpha*Lambda < 2(1+beta) (noiseless stability, App. H); gamma > 0 (without noise U = 0);
gamma*tau >= 0 (Lemma 1.1: S > 0, so U increases on [0, 1) and r is unique; no upper bound on gamma*tau);
U(1) > 1 (otherwise see `sgd-proofs theorem2`).

Limits (docs/limits.md): time ~ dps^4, about twice theorem2's (dps 30 ~3 s, 60 ~20 s); a run estimated beyond
10 min (dps > ~140) is refused with exit 2 unless --allow-long (up to 7 days).

example:
  sgd-proofs divergence --nu 2 --kappa 0.8 --alpha 0.3 --beta 0.9 --gamma 0.5 --tau 0 --json

exit codes: 0 computed, 2 bad input (a hypothesis fails or a value is not a number).
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    _t2_arguments(p)


def run(args: argparse.Namespace) -> int:
    import mpmath as mp

    from ..api import divergence

    res = compute(args, divergence, "[divergence] root r of U(r) = 1 and C_div ...")
    if res is None:
        return 2
    out = res.to_dict()
    NORMALISATION, C, num, td_note = out["normalisation"], out["C_div"], out["numeric_C_div"], out["time_domain_note"]
    td = out["time_domain_C_div"]
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"normalisation: {NORMALISATION}")
    print(f"U(1) = {out['U1']} > 1: L_t ~ C_div r^-t")
    print(f"  r             = {out['r']}   (U(r) = 1; divergence time scale 1/log(1/r) = "
          f"{mp.nstr(-1 / mp.log(mp.mpf(out['r'])), 10)})")
    print(f"  C_div         = {C}")
    print(f"  numeric_C_div = {num}  (contour residue, error ~ {out['numeric_C_div_error']}; agrees to "
          f"{out['agree_digits']} digits)")
    if td_note:
        print(f"  {td_note}")
    if td is not None:
        print(f"  time-domain route: C_div ~ {out['time_domain_C_div']} ({out['time_domain_agree_digits']} digits)")
    return 0
