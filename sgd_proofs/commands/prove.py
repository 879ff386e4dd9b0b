"""``sgd-proofs prove CLAIM.toml [--out CERT.json]``: decide a user's semi-algebraic claim with every backend.

The file (TOML, read with ``tomllib``) states ``∀ variables: (∧ assume) ⇒ show``::

    name = "lemma 1.3"
    variables = ["a", "b", "z"]
    assume = ["-1 < b", "b < 1", "0 < a", "a < 2*(b+1)", "0 < z", "z < 1"]
    show = "R1 >= 0"
    [define]
    R1 = "-2*a**2*b*z**2 + ..."

Each relation is ``lhs REL rhs`` with exactly one of ``< <= > >= == !=``; both sides are polynomials
(integers, rationals ``p/q``, ``+ - * / ** ^ ( )``, non-negative integer exponents up to 64, division
only by a non-zero constant, names from ``variables`` and ``define``), read by the producers' parser
``symbolic.polynomial.parse`` — never ``eval``/sympify. A ``define`` may use the variables and the
names defined before it. Exit 0 proved, 1 refuted (or backends disagree), 3 unknown, 2 bad input. A
refutation reports exact rational coordinates verified by exact evaluation.

Normal form of the claim (what the certificate records and a checker must rebuild from the file):
variable order = the order of ``variables``; the defined names are substituted (expanded exactly);
every relation ``lhs REL rhs`` becomes the constraint ``lhs − rhs REL' 0`` with the polynomial
``lhs − rhs`` expanded over Q and ``REL'`` = ``REL`` for ``< <= > >= !=`` and ``=`` for ``==``
(never flipped: ``1 < a`` is ``1 − a < 0``); ``assume`` keeps the file's order; the claim's
``statement`` is the assumptions joined by ``" and "`` followed by ``" => "`` and ``show`` (just
``show`` without assumptions), its ``source`` ``"user claim file <basename>"``, ``depends_on`` empty.

With ``--out CERT.json`` the result is written as a semi-algebraic certificate of the same format as
the paper's (``kind = "semialgebraic"``, ``form = "universal"``; claim record, every backend's verdict,
``status``, ``methods``, exact proof objects, solver inputs beside it as ``<stem>/<stem>.smt2``,
``.qepcad``, ``.red``, ``<stem>`` the output file's name without ``.json``), named by the claim's
``name``, with ``expect`` = the status obtained, ``origin =
"user"`` and ``claim_file = {"sha256": <SHA-256 of the TOML bytes>, "name": <basename>}``. Only a
``proved`` or ``refuted`` claim gets a certificate.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from math import comb
from pathlib import Path

HELP = "decide a user claim (TOML) with z3, cvc5, QEPCAD B, Bernstein and arb; exact counterexamples"
DESCRIPTION = __doc__.split("\n\n", 1)[1] if __doc__ else HELP
METHODS = ("z3", "cvc5", "qepcad", "bernstein", "intervals")
KEYS = {"name", "variables", "assume", "show", "define"}
MAX_DEGREE = 200
MAX_VARIABLES = 12
_REL = re.compile(r"<=|>=|==|!=|<|>|=")
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


class BadInput(ValueError):
    """The claim file is malformed: reported on stderr with exit code 2."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("claim", metavar="CLAIM.toml", help="claim file")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--out", metavar="CERT.json", default=None,
                   help="write a semi-algebraic certificate of the result (solver inputs beside it)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="time limit per backend (s)")
    p.add_argument("--methods", nargs="+", default=list(METHODS), metavar="M",
                   help=f"backends to run (default: all of {', '.join(METHODS)}); commas allowed")


# Producer modules are imported inside the functions below: the CLI imports every command module at
# start-up, and ``sgd-proofs check`` must stay standard-library only.
def _poly(text: object, variables: list[str], defines: dict, degrees: dict[str, int], where: str):
    from symbolic.polynomial import MAX_TERMS, PolyError, degree_bound, parse

    if not isinstance(text, str):
        raise BadInput(f"{where}: expected a string, got {type(text).__name__}")
    try:
        deg = degree_bound(text, degrees)
    except PolyError as exc:
        raise BadInput(f"{where}: {exc}") from exc
    if deg > MAX_DEGREE or comb(len(variables) + deg, len(variables)) > MAX_TERMS:
        raise BadInput(f"{where}: polynomial too large (total degree up to {deg} in {len(variables)} "
                       "variables; "
                       f"limits: degree {MAX_DEGREE}, {MAX_TERMS} possible monomials)")
    try:
        return parse(text, variables, defines), deg
    except PolyError as exc:
        raise BadInput(f"{where}: {exc}") from exc


def relation(text: object, variables: list[str], defines: dict, degrees: dict[str, int], where: str):
    """``lhs REL rhs`` → ``Constraint(lhs − rhs, rel)`` (normal form: module docstring)."""
    from proofs.claim import Constraint
    from symbolic.polynomial import sub


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
    return Constraint(sub(lhs, rhs), {"==": "="}.get(rels[0], rels[0]))


def load_claim(path: Path):
    """Read and validate a claim file; raise :class:`BadInput` with a clear reason."""
    import tomllib

    from proofs.claim import Claim

    try:
        data = tomllib.loads(Path(path).read_bytes().decode("utf-8"))
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


def run_methods(claim, methods: list[str], timeout_s: float) -> tuple[dict, dict]:
    """``({method: Verdict}, {method: proof object or None})`` for the chosen backends."""
    from proofs.semialgebraic import SOLVERS, run_exact
    from proofs.solvers import Verdict

    verdicts: dict[str, Verdict] = {}
    proofs: dict[str, dict | None] = {}
    for m in methods:
        try:
            if m in SOLVERS:
                verdicts[m] = SOLVERS[m].decide(claim, timeout_s)
            else:
                verdicts[m], proofs[m] = run_exact(m, claim, timeout_s)
        except Exception as exc:  # a crashing backend is reported, never hidden
            verdicts[m] = Verdict("error", detail=f"{m} crashed: {type(exc).__name__}: {exc}")
    return verdicts, proofs


def summarise(claim, verdicts: dict) -> dict:
    """Aggregate the verdicts; pick one exactly verified counterexample."""
    from proofs.semialgebraic import overall
    from proofs.solvers import is_counterexample

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


def decide(claim, methods: list[str], timeout_s: float) -> dict:
    """Run the chosen backends and summarise them (the ``--json`` output)."""
    return summarise(claim, run_methods(claim, methods, timeout_s)[0])


def write_certificate(claim, claim_path: Path, verdicts: dict, proofs: dict, out: Path) -> Path:
    """The user claim's semi-algebraic certificate at ``out`` (format: module docstring)."""
    import hashlib

    from proofs import certio
    from proofs.semialgebraic import certificate_content, overall, universal_inputs

    out = Path(out)
    status, _ = overall(verdicts)
    stem = out.name[:-len(".json")] if out.name.endswith(".json") else out.name
    inputs = universal_inputs(claim, out.parent, stem, verdicts.get("qepcad"))
    content = certificate_content(claim, "universal", status, verdicts, proofs, inputs)
    content["origin"] = "user"
    content["claim_file"] = {"sha256": hashlib.sha256(Path(claim_path).read_bytes()).hexdigest(),
                             "name": Path(claim_path).name}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(certio.dumps(certio.build("semialgebraic", claim.name, content)))
    return out


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
    verdicts, proofs = run_methods(claim, methods, args.timeout)
    res = summarise(claim, verdicts)
    code = {"proved": 0, "refuted": 1, "disagreement": 1}.get(res["status"], 3)
    if args.out is not None:
        if res["status"] in ("proved", "refuted"):
            path = write_certificate(claim, Path(args.claim), verdicts, proofs, Path(args.out))
            print(f"certificate written: {path}", file=sys.stderr)
        else:
            print(f"no certificate written: the claim is {res['status']}", file=sys.stderr)
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
