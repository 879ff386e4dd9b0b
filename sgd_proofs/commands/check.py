"""``sgd-proofs check``: validate certificates with the independent, standard-library checker."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "validate certificates with the independent checker (exit 0 iff all valid)"
DESCRIPTION = """\
Re-verify certificates without trusting the generator: the checker uses only Python's standard
library (fractions), recomputes hashes, re-derives the derivation's identities, recomputes Bernstein
coefficients and interval bounds. With no PATH, checks every *.json certificate in certificates/.
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="certificate files or directories")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--quiet", action="store_true", help="print only failures")
    p.add_argument(
        "--regenerate", action="store_true",
        help="rebuild every certificate in a temporary directory and diff it against the committed ones",
    )


def collect(paths: list[str]) -> list[Path]:
    """Certificate files named by ``paths``; a directory contributes its top-level ``*.json``
    (side files live in sub-directories; ``provenance.json`` holds timings and is not a certificate)."""
    files: list[Path] = []
    for p in [Path(x) for x in (paths or ["certificates"])]:
        if p.is_dir():
            files.extend(sorted(q for q in p.glob("*.json") if q.name != "provenance.json"))
        elif p.exists():
            files.append(p)
        else:
            raise FileNotFoundError(str(p))
    return files


def run(args: argparse.Namespace) -> int:
    from checker.core import CertificateError, check_file

    if args.regenerate:
        from proofs.audit.regression import regression_diff

        committed = Path(args.paths[0]) if args.paths else Path("certificates")
        drift = regression_diff(committed)
        for d in drift:
            print(f"DRIFT {d}")
        if not args.quiet:
            print("certificates are current" if not drift else f"{len(drift)} drifting field(s)")
        return 1 if drift else 0
    try:
        files = collect(args.paths)
    except FileNotFoundError as exc:
        print(f"error: no such file or directory: {exc}", file=sys.stderr)
        return 2
    if not files:
        print("error: no certificates found", file=sys.stderr)
        return 2
    results = []
    for f in files:
        try:
            results.append({"file": str(f), "valid": True, "detail": check_file(f)})
        except CertificateError as exc:
            results.append({"file": str(f), "valid": False, "detail": str(exc)})
    ok = all(r["valid"] for r in results)
    if args.json:
        print(json.dumps({"valid": ok, "results": results}, indent=1))
    else:
        for r in results:
            if not r["valid"] or not args.quiet:
                print(f"{'OK  ' if r['valid'] else 'FAIL'} {r['file']}: {r['detail']}")
        print(f"{sum(r['valid'] for r in results)}/{len(results)} certificates valid")
    return 0 if ok else 1
