"""``sgd-proofs prove CLAIM.toml``: decide a user's semi-algebraic claim with every backend.

The file (TOML, read with ``tomllib``) states ``∀ variables: (∧ assume) ⇒ show``::

    name = "lemma 1.3"
    variables = ["a", "b", "z"]
    assume = ["-1 < b", "b < 1", "0 < a", "a < 2*(b+1)", "0 < z", "z < 1"]
    show = "R1 >= 0"
    [define]
    R1 = "-2*a**2*b*z**2 + ..."

Each relation is ``lhs REL rhs`` with exactly one of ``< <= > >= == !=``; both sides are polynomials
read by the checker's recursive-descent parser (``checker.poly.parse``: integers,
rationals, ``+ - * / ** ( )``, names from ``variables`` and ``define``) — never ``eval``/sympify.
Exit 0 proved, 1 refuted (or backends disagree), 3 unknown, 2 bad input. A refutation reports exact
rational coordinates verified by exact evaluation.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from math import comb
from pathlib import Path

from checker.poly import _TOKEN

HELP = "decide a user claim (TOML) with z3, cvc5, QEPCAD B, Bernstein and arb; exact counterexamples"
DESCRIPTION = __doc__.split("\n\n", 1)[1] if __doc__ else HELP
METHODS = ("z3", "cvc5", "qepcad", "bernstein", "intervals")
KEYS = {"name", "variables", "assume", "show", "define"}
MAX_DEGREE = 200
MAX_TERMS = 20_000  # as checker.poly.MAX_TERMS
MAX_VARIABLES = 12
_REL = re.compile(r"<=|>=|==|!=|<|>|=")
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


class BadInput(ValueError):
    """The claim file is malformed: reported on stderr with exit code 2."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("claim", metavar="CLAIM.toml", help="claim file")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="time limit per backend (s)")
    p.add_argument("--methods", nargs="+", default=list(METHODS), metavar="M",
                   help=f"backends to run (default: all of {', '.join(METHODS)}); commas allowed")


def degree_bound(text: str, degrees: dict[str, int]) -> int:
    """Upper bound on the total degree of ``text`` (same grammar as ``poly.parse``), without expanding."""
    tokens = [m.group(1) or m.group(2) or ("**" if m.group(3) == "^" else m.group(3))
              for m in _TOKEN.finditer(text)]
    k = 0

    def peek() -> str | None:
        return tokens[k] if k < len(tokens) else None

    def take() -> str:
        nonlocal k
        if k >= len(tokens):
            raise BadInput("unexpected end of expression")
        k += 1
        return tokens[k - 1]

    def expr(depth: int) -> int:
        if depth > 100:
            raise BadInput("expression nested too deeply")
        d = term(depth)
        while peek() in ("+", "-"):
            take()
            d = max(d, term(depth))
        return d

    def term(depth: int) -> int:
        d = unary(depth)
        while peek() in ("*", "/"):
            op = take()
            r = unary(depth)
            d = d + r if op == "*" else d
        return d

    def unary(depth: int) -> int:
        while peek() in ("+", "-"):
            take()
        base = atom(depth)
        if peek() == "**":
            take()
            e = take()
            return base * int(e) if e.isdigit() and len(e) < 6 else 10**9
        return base

    def atom(depth: int) -> int:
        t = take()
        if t == "(":
            d = expr(depth + 1)
            take()
            return d
        return degrees.get(t, 0)

    return expr(0)


def _poly(text: object, variables: list[str], defines: dict, degrees: dict[str, int], where: str):
    from checker.poly import PolyError, parse

    if not isinstance(text, str):
        raise BadInput(f"{where}: expected a string, got {type(text).__name__}")
    deg = degree_bound(text, degrees)
    if deg > MAX_DEGREE or comb(len(variables) + deg, len(variables)) > MAX_TERMS:
        raise BadInput(f"{where}: polynomial too large (total degree up to {deg} in {len(variables)} "
                       "variables; "
                       f"limits: degree {MAX_DEGREE}, {MAX_TERMS} possible monomials)")
    try:
        return parse(text, variables, defines), deg
    except PolyError as exc:
        raise BadInput(f"{where}: {exc}") from exc


def relation(text: object, variables: list[str], defines: dict, degrees: dict[str, int], where: str):
    """``lhs REL rhs`` → ``Constraint(lhs − rhs, rel)``."""
    from proofs.claim import Constraint
    from checker.poly import add

    if not isinstance(text, str):
        raise BadInput(f"{where}: expected a string like \"0 < a\", got {type(text).__name__}")
    rels = _REL.findall(text)
    if not rels:
        raise BadInput(f"{where}: no relation (< <= > >= == !=) in {text!r}")
    if len(rels) > 1:
        raise BadInput(f"{where}: exactly one relation per entry (chained relations are not supported): "
                       f"{text!r}")
    if rels[0] == "=":
        raise BadInput(f"{where}: use '==' for equality: {text!r}")
    lhs_text, rhs_text = _REL.split(text)
    lhs, _ = _poly(lhs_text, variables, defines, degrees, where + " (left side)")
    rhs, _ = _poly(rhs_text, variables, defines, degrees, where + " (right side)")
    return Constraint(add(lhs, rhs, -1), {"==": "="}.get(rels[0], rels[0]))


def load_claim(path: Path):
    """Read and validate a claim file; raise :class:`BadInput` with a clear reason."""
    import tomllib

    from proofs.claim import Claim

    try:
        data = tomllib.loads(Path(path).read_text())
    except FileNotFoundError as exc:
        raise BadInput(f"cannot read {path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path}: invalid TOML: {exc}") from exc
    unknown = set(data) - KEYS
    if unknown:
        raise BadInput(f"unknown keys {sorted(unknown)} (allowed: {', '.join(sorted(KEYS))})")
    for key in ("name", "variables", "show"):
        if key not in data:
            raise BadInput(f"missing key {key!r}")
    name = data["name"]
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        raise BadInput("name must be a non-empty string (at most 200 characters)")
    variables = data["variables"]
    if (not isinstance(variables, list) or not variables or len(variables) > MAX_VARIABLES
            or not all(isinstance(v, str) and _NAME.fullmatch(v) for v in variables)):
        raise BadInput(f"variables must be a non-empty list of at most {MAX_VARIABLES} identifiers")
    if len(set(variables)) != len(variables):
        raise BadInput("repeated variable name")
    defines, degrees = {}, {v: 1 for v in variables}
    raw_defines = data.get("define", {})
    if not isinstance(raw_defines, dict):
        raise BadInput("[define] must be a table of name = \"polynomial\"")
    for dname, text in raw_defines.items():
        if not _NAME.fullmatch(dname) or dname in variables:
            raise BadInput(f"define {dname!r}: not an identifier or clashes with a variable")
        defines[dname], degrees[dname] = _poly(text, variables, defines, degrees, f"define {dname}")
    assume = data.get("assume", [])
    if not isinstance(assume, list):
        raise BadInput("assume must be a list of strings")
    cons = tuple(relation(t, variables, defines, degrees, f"assume[{i}]") for i, t in enumerate(assume))
    show = relation(data["show"], variables, defines, degrees, "show")
    statement = " and ".join(assume) + f" => {data['show']}" if assume else str(data["show"])
    return Claim(name=name, statement=statement, source=f"user claim file {Path(path).name}",
                 variables=tuple(variables), assume=cons, show=show)


def decide(claim, methods: list[str], timeout_s: float) -> dict:
    """Run the chosen backends; aggregate; pick one exactly verified counterexample."""
    from proofs.semialgebraic import SOLVERS, overall, run_exact
    from proofs.solvers import Verdict, is_counterexample

    verdicts: dict[str, Verdict] = {}
    for m in methods:
        try:
            if m in SOLVERS:
                verdicts[m] = SOLVERS[m].decide(claim, timeout_s)
            else:
                verdicts[m] = run_exact(m, claim, timeout_s)[0]
        except Exception as exc:  # a crashing backend is reported, never hidden
            verdicts[m] = Verdict("error", detail=f"{m} crashed: {type(exc).__name__}: {exc}")
    status, answered = overall(verdicts)
    witness, source = None, None
    for m, v in verdicts.items():
        pt = v.counterexample
        if v.status == "refuted" and pt is not None and is_counterexample(claim, pt):
            witness, source = v.counterexample, m
            break
    return {
        "name": claim.name,
        "status": status,
        "methods": answered,
        "counterexample": None if witness is None else {v: str(q) for v, q in zip(claim.variables, witness,
                                                                                  strict=True)},
        "counterexample_from": source,
        "counterexample_verified": witness is not None,
        "backends": {m: {"status": v.status, "seconds": round(v.seconds, 4), "version": v.version,
                         "detail": v.detail} for m, v in verdicts.items()},
    }


def run(args: argparse.Namespace) -> int:
    methods = [m for item in args.methods for m in item.split(",") if m]
    bad = [m for m in methods if m not in METHODS]
    if bad or not methods:
        print(f"error: unknown method(s) {bad}; choose from {', '.join(METHODS)}", file=sys.stderr)
        return 2
    if not args.timeout > 0:
        print("error: --timeout must be positive", file=sys.stderr)
        return 2
    try:
        claim = load_claim(Path(args.claim))
    except BadInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except RecursionError:
        print("error: expression nested too deeply", file=sys.stderr)
        return 2
    res = decide(claim, methods, args.timeout)
    code = {"proved": 0, "refuted": 1, "disagreement": 1}.get(res["status"], 3)
    if args.json:
        print(json.dumps(res, indent=1, sort_keys=True))
        return code
    for m, b in res["backends"].items():
        print(f"  {m:<10} {b['status']:<8} {b['seconds']:8.3f}s  {b['detail']}")
    if res["status"] == "proved":
        print(f"{claim.name}: PROVED by {', '.join(res['methods'])}")
    elif res["status"] == "refuted":
        print(f"{claim.name}: REFUTED by {', '.join(res['methods'])}")
        if res["counterexample"]:
            pt = ", ".join(f"{k} = {v}" for k, v in res["counterexample"].items())
            print(f"counterexample (exact, verified by exact evaluation): {pt}")
        else:
            print("no rational counterexample verified (refuted by a decision procedure only)")
    elif res["status"] == "disagreement":
        print(f"{claim.name}: BACKENDS DISAGREE ({', '.join(res['methods'])}) — a bug in a backend",
              file=sys.stderr)
    else:
        print(f"{claim.name}: UNKNOWN (no backend answered within {args.timeout:g} s)")
    return code
