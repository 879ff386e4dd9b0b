"""``sgd-proofs export coq``: write the semi-algebraic proofs as Coq files (issue 12)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

HELP = "export the semi-algebraic certificates as Coq proofs (export coq --out DIR)"
DESCRIPTION = """\
Write, for every semi-algebraic claim with an exact certificate (single-leaf Bernstein proofs of the
proved claims, exact counterexamples of the refuted ones), one Coq file: the statement over R with the
polynomial written out, and its proof (inverse substitution into the unit box, the identity by ring, the
sign from BernsteinFacts.v). Also writes BernsteinFacts.v and _CoqProject; compile with
`cd DIR && coqc -Q . SgdProofs FILE.v` for each file of _CoqProject in order (Coq 8.16 or later).

exit codes: 0 written, 2 bad input (unknown target, --out not a directory, no certificates).
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("target", choices=["coq"], help="what to export (only coq)")
    p.add_argument("--out", required=True, help="output directory (created if missing)")
    p.add_argument("--certificates", default="certificates", help="certificate directory (default: certificates)")
    p.add_argument("--json", action="store_true", help="print {written: [...], skipped: [...]} as JSON")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")


def run(args: argparse.Namespace) -> int:
    from proofs.coq.export import export

    out, certs = Path(args.out), Path(args.certificates)
    try:
        return _run(args, out, certs, export)
    except ValueError as e:  # e.g. a NUL byte or an unencodable character in a path
        print(f"error: unusable path ({e})", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, out: Path, certs: Path, export) -> int:
    if out.exists() and not out.is_dir():
        print(f"error: --out {out} exists and is not a directory", file=sys.stderr)
        return 2
    if not certs.is_dir() or not any(certs.glob("*.json")):
        print(f"error: --certificates {certs}: not a directory of certificates", file=sys.stderr)
        return 2
    try:
        written, skipped = export(certs, out)
    except OSError as e:
        print(f"error: --out {out}: cannot write ({e.strerror or e})", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"written": written, "skipped": skipped}, indent=2))
    elif not args.quiet:
        for f in written:
            print(f"wrote {out / f}")
        for s in skipped:
            print(f"skipped {s}")
        if shutil.which("coqc") is None:
            print("note: coqc not found on PATH (apt-get install coq); the files were written but not compiled",
                  file=sys.stderr)
    return 0
