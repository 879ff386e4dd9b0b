"""``sgd-proofs check``: validate certificates with the independent, standard-library checker."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "validate certificates with the independent checker (exit 0 iff all valid)"
DESCRIPTION = """\
Re-verify certificates without trusting the generator: this runs the standalone checker (the same as
`python3 -S -m checker PATH ...`), which uses only Python's standard library (fractions), recomputes
hashes, re-derives the derivation's identities, recomputes Bernstein coefficients and interval bounds.
With no PATH, checks every *.json certificate in certificates/. Exit 0 iff every certificate is valid,
1 if one is invalid, 2 on unusable input (a PATH that does not exist, no certificates found, a file that
is not a certificate at all, an unusable --claim file).

With --regenerate: rebuild every certificate in a temporary directory and diff it against the committed
ones (PATH: the committed directory, default certificates/); exit 1 on any drift.
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="certificate files or directories")
    p.add_argument("--claim", action="append", default=[], metavar="FILE",
                   help="a user claim file (TOML) that certificates of that claim are bound to; repeatable")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--quiet", action="store_true", help="print only failures")
    p.add_argument(
        "--regenerate", action="store_true",
        help="rebuild every certificate in a temporary directory and diff it against the committed ones",
    )


def run(args: argparse.Namespace) -> int:
    if args.regenerate:
        from audit.regression import regression_diff

        committed = Path(args.paths[0]) if args.paths else Path("certificates")
        drift = regression_diff(committed)
        for d in drift:
            print(f"DRIFT {d}")
        if not args.quiet:
            print("certificates are current" if not drift else f"{len(drift)} drifting field(s)")
        return 1 if drift else 0
    from checker.cli import run as check

    return check(args.paths, claims=args.claim, as_json=args.json, quiet=args.quiet)
