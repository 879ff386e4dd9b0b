"""``sgd-proofs simulate``: the loss sequence ``L_0..L_{T−1}`` of the SE dynamics (fast renewal engine)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import limits
from ..options import add_output_options, count

HELP = "simulate the SE loss trajectory L_t for a power-law (finite or infinite) or user spectrum"
DESCRIPTION = """\
Loss trajectory L_0..L_{T-1} of mini-batch heavy-ball SGD in the SE approximation, for the power law
lambda_k = Lambda k^-nu, lambda_k C_k(0) = Q (k^-kappa - (k+1)^-kappa), k = 1..N (N omitted: infinitely
many directions), or for a spectrum file (--spectrum: CSV with columns lambda, lambda*C0, or .npy of
shape (N, 2)). Normalisation: L_t = 1/2 sum_k lambda_k C_k(t), v_0 = 0, noise gamma*(lambda Tr(HC) -
tau lambda^2 C). Engine: renewal equation L_t = V_t + sum_{s<t} U_{t-s} L_s with kernels from a
compressed spectrum (exact head, Gregory + Gauss quadrature tail) -- see proofs/numerics/engine/.
Directions whose 3x3 moment operator has a spectral radius above the loss's reference decay rate (in
particular radius > 1, e.g. large alpha*lambda with gamma*tau > 0, or tau < 0) would be cancelled
catastrophically by the renewal sum; they are stepped directly by the moment recursion instead
(reported as head_stepped).

Output by extension: .csv (columns t, L) or .npy (1-D array). Counts (--T, --N) may be written 100000,
100_000 or 1e5. Progress goes to stderr: a bar on a terminal, a plain line per 10% otherwise; --quiet: none.

Limits (docs/limits.md): before any allocation the run's peak memory and time are estimated -- the
renewal engine needs ~128 B and T^2/2 x 1e-10 s of summation per step (T = 1e5: 13 MB, ~1 s; T = 3.5e6: ~10
min), its kernels ~4 ns per node and step (the power law is compressed to ~500-2500 nodes; a spectrum file
or --method exact has one node per direction); --method naive ~280 B per direction and ~15 ns per
direction and step. Beyond --max-memory (default 4 GB, never beyond the machine's free memory) or beyond 10
min (--allow-long: 7 days) the run is refused with exit 2, naming the parameter. --N <= 2^53 (node
positions k must be distinct doubles).

exit codes: 0 written, 2 bad input (or a resource limit): |beta| >= 1, a = alpha*lambda_max outside 0 < a < 2(1+beta),
kappa <= 0, nu <= 1 with N infinite, T not a positive integer, a missing or malformed spectrum file,
an output path whose directory does not exist or whose extension is not .csv/.npy, ...
"""

EXTENSIONS = (".csv", ".npy")


def add_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("spectrum (power law, or --spectrum FILE)")
    g.add_argument("--nu", type=float, help="eigenvalue decay exponent: lambda_k = Lambda k^-nu")
    g.add_argument("--kappa", type=float,
                   help="initial-condition exponent: sum_{l>=k} lambda_l C_l(0) = Q k^-kappa")
    g.add_argument("--Lambda", type=float, default=None, help="largest eigenvalue Lambda (default 1)")
    g.add_argument("--Q", type=float, default=None,
                   help="initial loss scale Q (default 1; L_0 = Q/2 for N = inf)")
    g.add_argument("--N", type=count, default=None,
                   help="number of eigen-directions (default: infinitely many)")
    g.add_argument("--spectrum", type=Path, help="CSV (lambda, lambda*C0 per line; '#' comments and a header "
                   "line allowed) or .npy array of shape (N, 2) instead of the power law")
    h = p.add_argument_group("optimiser")
    h.add_argument("--alpha", type=float, required=True, help="learning rate alpha")
    h.add_argument("--beta", type=float, required=True, help="momentum beta, |beta| < 1")
    h.add_argument("--gamma", type=float, required=True,
                   help="noise factor gamma (1/batch size for infinite data)")
    h.add_argument("--tau", type=float, required=True, help="SE parameter tau (tau_2; tau_1 = 1)")
    p.add_argument("--T", type=count, required=True, help="number of steps: outputs L_0..L_{T-1} (e.g. 1e5)")
    p.add_argument("--out", type=Path, required=True, help="output file, .csv or .npy")
    p.add_argument("--method", choices=("fast", "exact", "naive"), default="fast",
                   help="fast: compressed tail (power law) / exact kernels (spectrum file); exact: one "
                   "kernel node per direction (finite N); naive: reference per-step recursion over all "
                   "directions")
    add_output_options(p, json_help="print a JSON summary on stdout",
                       quiet_help="no progress and no summary (errors and warnings are still printed)")
    limits.add_limit_options(p)


def _fail(msg: str) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return 2


def read_spectrum(path: Path):
    """``(lambdas, lambda*C0)`` from a CSV or ``.npy`` file; raises ``ValueError`` with a reason."""
    import numpy as np

    if not path.is_file():
        raise ValueError(f"spectrum file {path} does not exist")
    if path.suffix == ".npy":
        arr = np.load(path, allow_pickle=False)
    else:
        rows = []
        for i, line in enumerate(path.read_text().splitlines()):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = [f.strip() for f in line.replace(";", ",").split(",")] if "," in line or ";" in line \
                else line.split()
            try:
                rows.append([float(f) for f in fields])
            except ValueError:
                if rows:  # only the first non-comment line may be a header
                    raise ValueError(f"{path}:{i + 1}: not two numbers: {line!r}") from None
                continue
        arr = np.array(rows, dtype=float)
    if arr.ndim != 2 or arr.shape[1] != 2 or arr.shape[0] == 0:
        raise ValueError(f"{path}: expected N rows of two columns (lambda, lambda*C0), got shape {arr.shape}")
    return arr[:, 0].copy(), arr[:, 1].copy()


def run(args: argparse.Namespace) -> int:
    import numpy as np

    from proofs.numerics import params
    from proofs.progress import staged

    from ..api import _head

    out: Path = args.out
    if out.suffix.lower() not in EXTENSIONS:
        return _fail(f"unknown output extension {out.suffix!r} for {out}: use .csv or .npy")
    if not out.parent.exists():
        return _fail(f"output directory {out.parent} does not exist")
    if args.T <= 0:
        return _fail(f"--T {args.T}: the number of steps must be a positive integer")
    power = args.spectrum is None
    if power:
        missing = [n for n in ("nu", "kappa") if getattr(args, n) is None]
        if missing:
            return _fail("the power-law spectrum needs " + " and ".join("--" + m for m in missing)
                         + " (or give --spectrum FILE)")
        Lambda = 1.0 if args.Lambda is None else args.Lambda
        Q = 1.0 if args.Q is None else args.Q
        if args.method != "fast" and args.N is None:
            return _fail(f"--method {args.method} needs a finite --N")
    else:
        clash = [n for n in ("nu", "kappa", "Lambda", "Q", "N") if getattr(args, n) is not None]
        if clash:
            return _fail("--spectrum replaces the power law: drop " + ", ".join("--" + c for c in clash))

    progress = staged(quiet=args.quiet, powers={"renewal": 1.8})  # O(T^2) sum; measured ETA exponent 1.8
    try:  # cheap validation, then the resource gate: nothing big is allocated before it
        if power:
            params.power_law(args.nu, args.kappa, args.N, Lambda, Q)
            params.se_recursion(args.alpha, args.beta, args.gamma, args.tau, Lambda, args.T)
            if args.N is not None and args.N > limits.MAX_INDEX:
                return _fail(f"--N {args.N} is above 2^53 = {limits.MAX_INDEX}: the direction indices k would no "
                             "longer be distinct double-precision numbers (omit --N for infinitely many)")
            head = _head(args.method, args.alpha, args.beta, args.nu, Lambda)
            est = limits.simulate_estimate(args.T, args.method, args.N, head=head,
                                           csv_out=out.suffix.lower() == ".csv")
        else:
            rows, nbytes = limits.spectrum_rows(args.spectrum)
            est = limits.simulate_estimate(args.T, args.method, spectrum=(args.spectrum.name, rows, nbytes),
                                           csv_out=out.suffix.lower() == ".csv")
        limits.gate(est, args)
    except (params.ParameterError, ValueError, OSError) as exc:
        return _fail(str(exc))
    from ..api import HeavyBall, InputError, PowerLaw, Spectrum, simulate

    try:
        problem = PowerLaw(nu=args.nu, kappa=args.kappa, Lambda=Lambda, Q=Q, N=args.N) if power \
            else Spectrum(*read_spectrum(args.spectrum))
        res = simulate(problem, HeavyBall(alpha=args.alpha, beta=args.beta, gamma=args.gamma, tau=args.tau),
                       T=args.T, method=args.method, progress=progress, max_memory=args.max_memory,
                       allow_long=args.allow_long, spectrum_name=None if power else str(args.spectrum))
    except (InputError, ValueError, OSError) as exc:
        return _fail(str(exc))
    L, seconds = res.loss, res.seconds

    try:
        if out.suffix.lower() == ".npy":
            np.save(out, L)
        else:
            with out.open("w") as fh:
                fh.write("t,L\n")
                for t, v in enumerate(L):
                    fh.write(f"{t},{float(v)!r}\n")
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror or exc}")

    final = float(L[-1])
    summary = res.to_dict()
    summary["out"] = str(out)
    summary = {k: summary[k] for k in ("T", "N", "final_loss", "seconds", "method", "normalisation", "out",
                                       "parameters", "nodes", "K", "kernel_rel_error_estimate", "kernel_note",
                                       "head_stepped", "head_max_radius")}
    bad = np.flatnonzero(~np.isfinite(L))
    if len(bad):
        print(f"warning: L_t exceeds the double-precision range from t = {int(bad[0])} on (written as inf): "
              "the SE dynamics diverge at these parameters", file=sys.stderr)
    if args.json:
        print(json.dumps(summary, indent=1))
    elif not args.quiet:
        print(f"wrote L_0..L_{args.T - 1} to {out}  (N = {summary['N']}, method: {summary['method']}, "
              f"{seconds:.2f} s)")
        print(f"L_0 = {float(L[0])!r}   L_{args.T - 1} = {final!r}")
        if summary["kernel_note"]:
            print(summary["kernel_note"])
        elif summary["kernel_rel_error_estimate"] is not None:
            est = summary["kernel_rel_error_estimate"]
            print(f"kernel discretisation error estimate (relative): {est:.1e}")
        if summary.get("head_stepped"):
            print(f"{summary['head_stepped']} direction(s) with a fast-growing or slowly decaying moment operator "
                  f"(largest spectral radius {summary['head_max_radius']:.4g}) stepped directly by the moment "
                  "recursion instead of the renewal kernels")
    return 0
