"""``sgd-proofs``: regenerate, check and audit the computer-assisted proofs of the SGD paper.

Each subcommand lives in ``sgd_proofs.commands.<name>`` and exposes ``HELP``, ``DESCRIPTION``,
``add_arguments(parser)`` and ``run(args) -> int``. Exit codes: 0 success/proved, 1 refuted or
check failed, 2 bad input, 3 unknown.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .options import EXIT_CODES

COMMANDS = [
    "derive",
    "regenerate",
    "check",
    "prove",
    "theorem2",
    "divergence",
    "simulate",
    "momentum",
    "audit",
    "export",
]

EPILOG = """\
typical tasks:
  sgd-proofs regenerate                 rebuild every certificate in certificates/ and print the claim table
  sgd-proofs check                      re-validate all certificates with the independent checker
  sgd-proofs check --regenerate         rebuild in a temp dir and report any drift from certificates/
  sgd-proofs audit --out report         audit every numbered statement: report.html, report.md, audit.json
  sgd-proofs derive --json              the derived operator, S, R1 and u/v numerators as JSON
  sgd-proofs prove claim.toml           decide your own polynomial claim (z3, cvc5, QEPCAD B, Bernstein, arb)
  sgd-proofs theorem2 --nu 2 --kappa 0.8 --alpha 0.5 --beta 0.5 --gamma 0.5 --tau 1 --json
                                        Theorem 2 constants, confirmed by an independent route
  sgd-proofs divergence --nu 2 --kappa 0.8 --alpha 0.3 --beta 0.9 --gamma 0.5 --tau 0 --json
                                        eq. 24: rate r and constant of exponential divergence
  sgd-proofs momentum --nu 2 --kappa 5 --batch 1 --json
                                        does momentum help at the optimal learning rate (Prop. 12, eq. 30)
  sgd-proofs simulate --nu 1.5 --kappa 0.8 --alpha 1 --beta 0.5 --gamma 0.3 --tau 1 --T 100000 --out L.npy
                                        SE loss trajectory (infinite power law unless --N is given)

normalisation: L_t = 1/2 sum_k lambda_k C_k(t); heavy ball v' = -alpha grad L_B + beta v, w' = w + v';
SE noise E xi_k^2 = gamma (lambda_k Tr(HC) - tau lambda_k^2 C_k); a = alpha lambda, b = beta, g = gamma tau.

exit codes (every command): 0 success or proved, 1 refuted or a check failed, 2 bad input, 3 unknown.
Counts such as --T accept 100000, 100_000 or 1e5. --json: machine-readable output on stdout; --quiet: no
progress (progress goes to stderr: a bar on a terminal, plain lines in a log or a pipe).
Run `sgd-proofs COMMAND --help` for each command's options.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sgd-proofs",
        description=(
            "Computer-assisted proofs and exact symbolic verification for mini-batch SGD with momentum "
            "on quadratic models (Velikanov, Kuznedelev, Yarotsky, ICLR 2023)."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    try:
        from importlib.metadata import version

        ver = version("sgd-proofs")
    except Exception:  # not installed (a source checkout on sys.path): say so rather than guess
        ver = "unknown (not installed)"
    parser.add_argument("--version", action="version", version=f"sgd-proofs {ver}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        mod = importlib.import_module(f"sgd_proofs.commands.{name.replace('-', '_')}")
        description = getattr(mod, "DESCRIPTION", mod.HELP)
        p = sub.add_parser(
            name, help=mod.HELP, description=description,
            # every command's help states the exit codes: its own paragraph, or the common one
            epilog=None if "exit code" in description.lower() else EXIT_CODES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `sgd-proofs ... --json | head`: the reader left; no traceback
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the interpreter's final flush must not fail
        return 141


if __name__ == "__main__":
    sys.exit(main())
