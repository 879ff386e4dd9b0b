"""``sgd-proofs``: regenerate, check and audit the computer-assisted proofs of the SGD paper.

Each subcommand lives in ``sgd_proofs.commands.<name>`` and exposes ``HELP``, ``DESCRIPTION``,
``add_arguments(parser)`` and ``run(args) -> int``. Exit codes: 0 success/proved, 1 refuted or
check failed, 2 bad input, 3 unknown.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = [
    "derive",
    "regenerate",
    "check",
    "prove",
    "theorem2",
    "divergence",
    "simulate",
    "audit",
]

EPILOG = """\
typical tasks:
  sgd-proofs regenerate              rebuild every certificate in certificates/ and print the claim table
  sgd-proofs check                   re-validate all certificates with the independent checker
  sgd-proofs derive --json           the derived operator, S, R1 and u/v numerators as JSON

exit codes: 0 success or proved, 1 refuted or a check failed, 2 bad input, 3 unknown.
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        modname = f"sgd_proofs.commands.{name.replace('-', '_')}"
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:  # tests/test_cli.py requires every command to import
            if exc.name != modname:
                raise
            continue
        p = sub.add_parser(
            name, help=mod.HELP, description=getattr(mod, "DESCRIPTION", mod.HELP),
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


if __name__ == "__main__":
    sys.exit(main())
