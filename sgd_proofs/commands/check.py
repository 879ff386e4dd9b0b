"""``sgd-proofs check``: validate certificates with the independent, standard-library checker."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..options import add_output_options

HELP = "validate certificates with the independent checker (exit 0 iff all valid)"
DESCRIPTION = """\
Re-verify certificates without trusting the generator: this runs the standalone checker (the same as
`python3 -S -m checker PATH ...`), which uses only Python's standard library (fractions), recomputes
hashes, re-derives the derivation's identities, recomputes Bernstein coefficients and interval bounds.
With no PATH, checks every *.json certificate in certificates/. Exit 0 iff every certificate is valid,
1 if one is invalid, 2 on unusable input (a PATH that does not exist, no certificates found, a file that
is not a certificate at all, an unusable --claim file).

With --regenerate: rebuild every certificate in a temporary directory and diff it against the committed
ones (PATH: the committed directory, default certificates/); exit 1 on any drift, 2 if PATH is not a
directory. Progress of the rebuild goes to stderr (--quiet: none); --json prints {"current", "committed",
"drift", "not_rerun"}.

exit codes: 0 every certificate valid (or current), 1 one is invalid (or drifts), 2 unusable input.
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="certificate files or directories")
    p.add_argument("--claim", action="append", default=[], metavar="FILE",
                   help="a user claim file (TOML) that certificates of that claim are bound to; repeatable")
    add_output_options(p, json_help="machine-readable JSON output on stdout",
                       quiet_help="print only failures (and no progress)")
    p.add_argument(
        "--regenerate", action="store_true",
        help="rebuild every certificate in a temporary directory and diff it against the committed ones",
    )


def run(args: argparse.Namespace) -> int:
    if args.regenerate:
        from audit.regression import regression_diff
        from proofs.progress import messages

        if len(args.paths) > 1 or args.claim:
            print("error: --regenerate takes at most one PATH (the committed directory) and no --claim",
                  file=sys.stderr)
            return 2
        committed = Path(args.paths[0]) if args.paths else Path("certificates")
        if not committed.is_dir():
            print(f"error: committed certificate directory {committed} not found", file=sys.stderr)
            return 2
        notes: list[str] = []
        drift = regression_diff(committed, messages("[check --regenerate]", quiet=args.quiet or args.json), notes)
        for line in notes:  # always: these verdicts were not re-run, so not compared
            print(f"[check --regenerate] note: {line}", file=sys.stderr)
        if args.json:
            print(json.dumps({"current": not drift, "committed": str(committed), "drift": drift,
                              "not_rerun": notes}, indent=1))
            return 1 if drift else 0
        for d in drift:
            print(f"DRIFT {d}")
        if not args.quiet:
            print(("certificates are current" + (" (except verdicts not re-run, see the note above)" if notes else ""))
                  if not drift else f"{len(drift)} drifting field(s)")
        return 1 if drift else 0
    from checker.cli import run as check

    return check(args.paths, claims=args.claim, as_json=args.json, quiet=args.quiet)
