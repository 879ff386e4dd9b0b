"""Benchmark of the SE trajectory engine ): naive per-step recursion vs the fast engine.

Run: ``python benchmarks/bench_engine.py [--skip-naive]``. Prints a markdown section
(machine, date, load) for ``docs/benchmarks.md``. Targets: at ``N = 10⁵, T = 10⁴`` the fast engine is
≥ 20× faster than the naive recursion with max_t |L_fast − L_naive| / L_naive ≤ 1e−10; the infinite
power law runs ``T = 10⁵`` steps in < 30 s.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import time

import numpy as np

from proofs.numerics import engine
from proofs.numerics.naive import moment_matrices, naive_loss, power_law_spectrum

MAIN = dict(nu=1.5, kappa=0.8, alpha=1.0, beta=0.5, gamma=0.3, tau=1.0)  # signal-dominated, U(1) < 1
INFINITE = [
    MAIN,
    dict(nu=2.0, kappa=4.0, alpha=0.5, beta=-0.3, gamma=1.0, tau=1.0),  # noise-dominated (zeta 2 > 1.5)
    dict(nu=1.5, kappa=0.8, alpha=1.0, beta=0.95, gamma=0.02, tau=1.0),  # large momentum: larger head K
]


def _timed(f, *args, **kw):
    t = time.perf_counter()
    out = f(*args, **kw)
    return out, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--skip-naive", action="store_true", help="skip the (slow) naive reference run")
    ap.add_argument("--N", type=int, default=100_000)
    ap.add_argument("--T", type=int, default=10_000)
    ap.add_argument("--T-inf", type=int, default=100_000)
    args = ap.parse_args()

    moment_matrices(np.array([0.1]), 0.0, 0.0)  # warm-up: derive and lambdify the operator once
    load0 = os.getloadavg()
    p = MAIN
    lams, lamC0 = power_law_spectrum(p["nu"], p["kappa"], args.N)
    fast, t_fast = _timed(engine.power_law_trajectory, p["nu"], p["kappa"], p["alpha"], p["beta"],
                          p["gamma"], p["tau"], args.T, args.N, error_estimate=False)
    err_est = engine.kernel_error_estimate(p["nu"], p["kappa"], p["alpha"], p["beta"], p["gamma"], p["tau"],
                                           args.T, args.N)
    exact, t_exact = _timed(engine.spectrum_loss, lams, lamC0, p["alpha"], p["beta"], p["gamma"], p["tau"],
                            args.T)
    rows = [("fast engine (head + Gregory + quadrature tail, renewal)", t_fast, fast.loss,
             f"{fast.info['nodes']} nodes, K = {fast.info['K']}"),
            ("exact-kernel engine (one node per direction, renewal)", t_exact, exact, f"{args.N} nodes")]
    naive = None
    if not args.skip_naive:
        naive, t_naive = _timed(naive_loss, lams, lamC0, p["alpha"], p["beta"], p["gamma"], p["tau"], args.T)
    load1 = os.getloadavg()

    inf_rows = []
    for q in INFINITE:
        tr, t_inf = _timed(engine.power_law_trajectory, q["nu"], q["kappa"], q["alpha"], q["beta"],
                           q["gamma"], q["tau"], args.T_inf, None, error_estimate=True)
        inf_rows.append((q, t_inf, tr))
    load2 = os.getloadavg()

    print("## Numerics: SE trajectory engine\n")
    print(f"Script: `benchmarks/bench_engine.py`. Date {datetime.date.today()}, {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, numpy {np.__version__}. "
          f"Load average (1 min) at start / after N = 10^5 runs / end: {load0[0]:.2f} / {load1[0]:.2f} / "
          f"{load2[0]:.2f} (the machine is shared with other sessions).\n")
    print(f"Power law nu = {p['nu']}, kappa = {p['kappa']}, alpha = {p['alpha']}, beta = {p['beta']}, "
          f"gamma = {p['gamma']}, tau = {p['tau']}, Lambda = Q = 1; N = {args.N}, T = {args.T}. "
          "Agreement = max over t of |L - L_naive| / L_naive.\n")
    print("| method | seconds | speed-up vs naive | agreement with naive | notes |")
    print("|---|---|---|---|---|")
    if naive is not None:
        print("| naive per-step recursion over all N directions (numpy, vectorised over k) "
              f"| {t_naive:.2f} | 1 | - | reference |")
    for name, secs, L, note in rows:
        if naive is not None:
            agree = float(np.max(np.abs(L - naive) / naive))
            print(f"| {name} | {secs:.3f} | {t_naive / secs:.0f}x | {agree:.1e} | {note} |")
        else:
            print(f"| {name} | {secs:.3f} | - | - | {note} |")
    print(f"\nFast-engine kernel discretisation error estimate (rule vs refined rule): {err_est:.1e} "
          "relative.\n")
    print(f"Infinite power law (N = inf), T = {args.T_inf}:\n")
    print("| nu | kappa | alpha | beta | gamma | tau | seconds (total) | kernels s | renewal s | nodes | K "
          "| kernel error est. | L_{T-1} |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for q, secs, tr in inf_rows:
        i = tr.info
        print(f"| {q['nu']} | {q['kappa']} | {q['alpha']} | {q['beta']} | {q['gamma']} | {q['tau']} "
              f"| {secs:.2f} | {i['kernel_seconds']:.2f} | {i['renewal_seconds']:.2f} | {i['nodes']} "
              f"| {i['K']} | {i['kernel_rel_error_estimate']:.1e} | {tr.loss[-1]:.6e} |")


if __name__ == "__main__":
    main()
