"""``sgd-proofs regenerate``: rebuild every certificate and print the table of claims."""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from pathlib import Path

HELP = "rebuild all certificates (default: ./certificates) and print the claim table"
DESCRIPTION = """\
Run every certificate producer (derivation, semi-algebraic claims, numerics) and write the
certificates as deterministic JSON into --out. Timings and tool versions go to provenance.json,
which is not part of any hashed content. Exit 1 if any producer fails.
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="certificates", help="output directory (default: certificates)")
    p.add_argument("--only", action="append", default=[],
                   help="run only producers whose module name contains this text")
    p.add_argument("--json", action="store_true", help="print the claim table as JSON")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("sympy", "mpmath", "python-flint", "z3-solver", "cvc5", "numpy"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def run(args: argparse.Namespace) -> int:
    from proofs.producers import PRODUCERS

    unmatched = [s for s in args.only if not any(s in m for m in PRODUCERS)]
    if unmatched:
        print(f"error: --only {', '.join(unmatched)} matches no producer (producers: {', '.join(PRODUCERS)})",
              file=sys.stderr)
        return 2
    outdir = Path(args.out)
    outdir.mkdir(parents=True, exist_ok=True)
    rows, failed = [], False
    for modname in PRODUCERS:
        if args.only and not any(s in modname for s in args.only):
            continue
        if not args.quiet:
            print(f"[regenerate] {modname} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            results = importlib.import_module(modname).produce(outdir)
        except Exception as exc:  # a failing producer is reported, never hidden
            failed = True
            results = [{"claim": modname, "status": "error", "detail": f"{type(exc).__name__}: {exc}"}]
        dt = time.perf_counter() - t0
        for r in results:
            r.setdefault("seconds", round(dt / max(len(results), 1), 3))
            if r.get("status") in ("error", "failed", "refuted", "disagreement"):
                failed = True
        rows.extend(results)
    provenance = {"versions": _versions(), "claims": rows}
    (outdir / "provenance.json").write_text(json.dumps(provenance, indent=1, sort_keys=True) + "\n")
    if args.json:
        print(json.dumps(rows, indent=1))
    elif not args.quiet:
        w = max([len(r["claim"]) for r in rows] + [5])
        print(f"{'claim':<{w}}  {'status':<22} {'time/s':>8}  file")
        for r in rows:
            print(f"{r['claim']:<{w}}  {r['status']:<22} {r['seconds']:>8.3f}  {r.get('file', '')}")
            if r.get("detail"):
                print(f"{'':<{w}}  {r['detail']}")
    return 1 if failed else 0
