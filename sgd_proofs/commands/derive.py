"""``sgd-proofs derive``: print the exact derivation (operator, noise vector, S, R1, u/v numerators)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..options import add_output_options

HELP = "print the derived moment operator, S, R1 and the u/v numerators"
DESCRIPTION = """\
Derive, from the heavy-ball update and the SE noise model, the 3x3 second-moment operator A(a,b,g)
on (C, J, P), the rank-one noise vector, S = det(I - zA), the numerators of u and v, and R1.
Reduced variables: a = alpha*lambda, b = beta, g = gamma*tau. Every polynomial is compared exactly
with the paper's printed one; a mismatch exits 1. --quiet prints nothing on success (the exit code
is the answer).

--latex FILE also writes the same objects as a standalone LaTeX document (sympy's printer, one align*
block per object, the normalisation stated; compiles with pdflatex; byte-identical on every run);
FILE '-' prints it on stdout instead of the human-readable output.

exit codes: 0 derived and equal to the printed polynomials, 1 a mismatch, 2 bad input (usage, an
unwritable --latex FILE).
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--latex", metavar="FILE", default=None,
                   help="also write the derivation as a standalone LaTeX document to FILE ('-': stdout)")
    add_output_options(p, quiet_help="print nothing on success (only a mismatch); the exit code is the answer")


def derive_json() -> dict:
    """The ``--json`` output: :func:`sgd_proofs.api.derive` without its ``method``/``equal_to_printed`` fields
    (a mismatch raises before anything is returned)."""
    from ..api import derive

    d = derive().to_dict()
    return {k: d[k] for k in ("moment_operator", "noise_vector", "S", "R1", "u_numerator", "v_numerator",
                              "normalisation")}


def run(args: argparse.Namespace) -> int:
    from proofs.derivation_certificate import DerivationMismatch

    try:
        out = derive_json()
    except DerivationMismatch as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.latex is not None:
        from ..latex import derivation_document, write_text

        if args.latex == "-" and args.json:
            print("error: --latex - and --json both write to stdout: give --latex a FILE", file=sys.stderr)
            return 2
        tex = derivation_document()
        if args.latex == "-":
            sys.stdout.write(tex)
            return 0
        err = write_text(Path(args.latex), tex)
        if err:
            print(f"error: --latex {args.latex}: {err}", file=sys.stderr)
            return 2
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    if args.quiet:
        return 0
    print("moment operator A(a, b, g) on (C, J, P):")
    for row in out["moment_operator"]:
        print("   [" + ",  ".join(row) + "]")
    print("noise vector (times Tr(HC)):", out["noise_vector"])
    for key in ("S", "u_numerator", "v_numerator", "R1"):
        print(f"{key} = {out[key]}")
    print("all four equal the paper's printed polynomials (exact comparison)")
    print("normalisation:", out["normalisation"])
    if args.latex is not None:
        print(f"wrote {args.latex} (LaTeX)")
    return 0
