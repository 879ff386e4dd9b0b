"""Options shared by the subcommands: integer counts written like ``1e5``, ``--quiet``/``--json``, exit codes.

``count`` is an argparse ``type``: it accepts an integral value written as an integer (``100000``,
``100_000``) or as a float literal (``1e5``, ``1.0e5``, ``2.5e3``) and refuses everything else —
fractions (``1.5``), values below the minimum (``0``, ``-3``), ``nan``, ``inf`` and values beyond
the double range (``1e400``) — with a message that names the rule. argparse reports the option and
exits with code 2 (bad input).
"""

from __future__ import annotations

import argparse
import math
import re
from decimal import Decimal, InvalidOperation

#: the exit-code paragraph every command's help ends with
EXIT_CODES = "exit codes: 0 success or proved, 1 refuted or a check failed, 2 bad input, 3 unknown."

_NUMBER = re.compile(r"[+-]?(\d[\d_]*)?(\.\d*)?([eE][+-]?\d+)?")


def parse_count(text: str, minimum: int = 1) -> int:
    """The integer written as ``text`` (``"100000"``, ``"1e5"``, ``"1.0e5"``, ``"100_000"``); ``ValueError``
    with the rule if it is not an integer ``>= minimum``."""
    rule = ("a positive integer, e.g. 100000 or 1e5" if minimum == 1
            else f"an integer >= {minimum}, e.g. {max(minimum, 100)} or 1e2")
    s = text.strip()
    if not s or not _NUMBER.fullmatch(s) or not any(c.isdigit() for c in s) or "__" in s or "_." in s \
            or s.endswith("_"):
        raise ValueError(f"{text!r} is not a number: expected {rule}")
    try:
        d = Decimal(s.replace("_", ""))
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number: expected {rule}") from None
    if not d.is_finite() or abs(d) > Decimal("1.7976931348623157e308"):
        raise ValueError(f"{text!r} is infinite or beyond the double-precision range: expected {rule}")
    if d != d.to_integral_value():
        raise ValueError(f"{text!r} is not an integer: expected {rule}")
    n = int(d)
    if n < minimum:
        raise ValueError(f"{text!r} is below {minimum}: expected {rule}")
    return n


def count(text: str) -> int:
    """argparse type: a positive integer count (``1e5`` accepted)."""
    try:
        return parse_count(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def count_at_least(minimum: int):
    """argparse type: an integer ``>= minimum`` (``1e2`` style accepted)."""

    def parse(text: str) -> int:
        try:
            return parse_count(text, minimum)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = f"integer >= {minimum}"  # argparse's fallback wording
    return parse


def finite_float(text: str) -> float:
    """argparse type: a finite real number (``nan``/``inf`` refused)."""
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(x):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return x


def add_output_options(p: argparse.ArgumentParser, json_help: str = "machine-readable JSON output on stdout",
                       quiet_help: str = "no progress or status on stderr; only errors") -> None:
    """``--json`` and ``--quiet`` with the wording every command shares."""
    p.add_argument("--json", action="store_true", help=json_help)
    p.add_argument("--quiet", action="store_true", help=quiet_help)
