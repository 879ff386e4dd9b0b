"""``sgd-proofs prove CLAIM.toml [--out CERT.json]``: decide a user's semi-algebraic claim with every backend.

The file (TOML, read with ``tomllib``) states ``∀ variables: (∧ assume) ⇒ show``::

    name = "lemma 1.3"
    variables = ["a", "b", "z"]
    assume = ["-1 < b", "b < 1", "0 < a", "a < 2*(b+1)", "0 < z", "z < 1"]
    show = "R1 >= 0"
    [define]
    R1 = "-2*a**2*b*z**2 + ..."

Each relation is ``lhs REL rhs`` with exactly one REL of ``< <= > >= == !=`` (no ``=>``, ``and``,
``or``: an implication is ``assume`` ⇒ ``show``); both sides are polynomials: integers, rationals
``p/q``, names from ``variables`` and ``define``, ``+ - * / ( )``, ``**`` or ``^`` with a non-negative
integer exponent, division only by a non-zero constant (no decimals ``1.0``/``1e-3``, no unicode
``≤ ≥ ≠ −``), read by the producers' parser ``symbolic.polynomial.parse`` — never ``eval``/sympify. A
``define`` may use the variables and the names defined before it.

Limits — one rule, applied to the expanded polynomials (defines substituted), the same however they
are written: every define, every side of a relation, every relation's lhs − rhs, and every
sub-expression while expanding them has total degree <= 64 (so a variable's exponent <= 64), at most 20000 terms,
and coefficients p/q whose p and q have at most 400 digits; at most 12 variables. So ``x**150``,
``(x**10)**15``, ``x**100*x**50`` and a product of 150 ``x`` are all refused with "total degree 150
exceeds the limit 64". Every rejection names the entry and its text, exits 2. Grammar, examples of
every accepted and rejected form with their messages: docs/claim-files.md.

How it decides (``proofs.portfolio``): every backend runs concurrently, each in its own process group,
under one deadline ``--timeout S`` for the whole command (``--backend-timeout S`` limits each backend;
``--jobs N`` how many run at once; they start in priority order, z3 and Bernstein first, and the others run
niced, so that on a machine with fewer cores than backends the usually fastest are not slowed): a
counterexample search (``proofs.search``: box vertices, face centres,
seeded sampling and local minimisation of the goal's slack; candidates rounded to rationals and verified
by exact evaluation — a false claim is typically refuted in milliseconds), z3, cvc5, QEPCAD B, Bernstein,
arb intervals, and sums of squares (``proofs.sos``: an exact Positivstellensatz identity proposed by an
SDP and rounded to rationals — the exact proof that also works off a box). The command answers once the
answer is established — a verified counterexample, or an exact certificate (Bernstein, intervals, sum of
squares) and a decision procedure (z3, cvc5, QEPCAD B) that both prove the claim (or one kind, when no
backend of the other kind can still answer) — and reports the backends it stopped or never started as
"not needed: <why>"; a backend still running at the deadline is "unknown (timeout)". ``--all`` runs
every backend to its end (as the paper's own certificates do; then the certificate does not depend on
which backend finished first). ``--smt-output`` prints only ``unsat`` (proved: the assumptions and the
negated goal have no common point), ``sat`` (refuted) or ``unknown``.

Exit 0 proved, 1 refuted (or backends disagree), 3 unknown, 2 bad input. A refutation prints exact
rational coordinates verified by exact evaluation. A method that does not apply to the claim (e.g.
Bernstein/intervals on an unbounded domain or a != goal) is shown as "n/a  not applicable: <reason>",
never as a timeout. ``--smt2 DIR``, ``--qepcad DIR``, ``--redlog DIR`` write the solver inputs
(``DIR/<claim file stem>.smt2`` / ``.qepcad`` / ``.red``); ``--quiet`` prints nothing but errors (and,
with ``--json``, the JSON result).

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
from pathlib import Path

HELP = ("decide a user claim (TOML or SMT-LIB2) with a counterexample search, z3, cvc5, QEPCAD B, Bernstein, "
        "arb and sums of squares, concurrently; exact counterexamples and proofs")
DESCRIPTION = __doc__.split("\n\n", 1)[1] if __doc__ else HELP
METHODS = ("search", "z3", "cvc5", "qepcad", "bernstein", "intervals", "sos")
KEYS = {"name", "variables", "assume", "show", "define"}
MAX_VARIABLES = 12
_REL = re.compile(r"<=|>=|==|!=|<|>|=")
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
RELATION_FORM = "a relation is lhs REL rhs with REL one of < <= > >= == !="
_UNICODE = {"≤": "<=", "≥": ">=", "≠": "!=", "⩽": "<=", "⩾": ">=", "＜": "<", "＞": ">", "＝": "=="}
_LOGIC = re.compile(r"<=>|<->|=>|->|⇒|→|⟹|↔|⇔|&&|\|\||[&|∧∨¬]|(?<![A-Za-z_0-9])(and|or|not|implies|iff)"
                    r"(?![A-Za-z_0-9])")


class BadInput(ValueError):
    """The claim file is malformed: reported on stderr with exit code 2."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("claim", metavar="CLAIM.toml", help="claim file: TOML, or SMT-LIB2 (.smt2, QF_NRA); format: "
                   "docs/claim-files.md")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--out", metavar="CERT.json", default=None,
                   help="write a semi-algebraic certificate of the result (solver inputs beside it)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="time limit for the whole command (s); a backend still running then is 'unknown (timeout)'")
    p.add_argument("--backend-timeout", type=float, default=None, metavar="S",
                   help="time limit of each backend (s; default: --timeout)")
    p.add_argument("--all", action="store_true", dest="run_all",
                   help="run every backend to its end (default: stop once the answer is established: a verified "
                        "counterexample, or an exact certificate and a decision procedure that agree)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="backends run at once, each in its own process (default: all)")
    p.add_argument("--methods", nargs="+", default=list(METHODS), metavar="M",
                   help=f"backends to run (default: all of {', '.join(METHODS)}); commas allowed")
    p.add_argument("--smt-output", action="store_true",
                   help="print only the SMT-LIB answer: unsat (the claim is proved), sat (refuted), unknown")
    p.add_argument("--smt2", metavar="DIR", default=None, help="write the SMT-LIB2 input to DIR/<stem>.smt2")
    p.add_argument("--qepcad", metavar="DIR", default=None,
                   help="write the QEPCAD B input to DIR/<stem>.qepcad")
    p.add_argument("--redlog", metavar="DIR", default=None, help="write the Redlog input to DIR/<stem>.red")
    p.add_argument("--quiet", action="store_true",
                   help="print nothing but errors (and the JSON with --json); the exit code tells the verdict")


def _quote(text: str, limit: int = 80) -> str:
    """``text`` for a message: JSON-style quotes, shortened in the middle when long."""
    if len(text) > limit:
        text = text[:limit // 2 - 2] + " … " + text[-(limit // 2 - 2):]
    return json.dumps(text, ensure_ascii=False)


# Producer modules are imported inside the functions below: the CLI imports every command module at
# start-up, and ``sgd-proofs check`` must stay standard-library only.
def _poly(text: object, variables: list[str], defines: dict, degrees: dict | None, where: str):
    """``(polynomial, degree)`` of ``text``; :class:`BadInput` naming ``where`` on any failure."""
    from symbolic.polynomial import PolyError, degree, parse

    if not isinstance(text, str):
        raise BadInput(f"{where}: expected a string, got {type(text).__name__}")
    try:
        p = parse(text, variables, defines)
    except PolyError as exc:
        raise BadInput(f"{where}: {exc}") from None
    except (RecursionError, MemoryError):
        raise BadInput(f"{where}: expression nested too deeply") from None
    return p, degree(p)


def relation(text: object, variables: list[str], defines: dict, degrees: dict | None = None,
             where: str = "relation"):
    """``lhs REL rhs`` → ``Constraint(lhs − rhs, rel)`` (normal form: module docstring)."""
    from proofs.claim import Constraint
    from symbolic.polynomial import LimitError, check_limits, sub

    if not isinstance(text, str):
        raise BadInput(f"{where}: expected a string like \"0 < a\", got {type(text).__name__}")
    where = f"{where} {_quote(text)}"
    for ch, ascii_rel in _UNICODE.items():
        if ch in text:
            raise BadInput(f"{where}: write {ascii_rel!r} instead of {ch!r} ({RELATION_FORM})")
    logic = next((m for m in _LOGIC.finditer(text)
                  if m.group(1) is None or m.group(1) not in variables and m.group(1) not in defines), None)
    if logic is not None:
        raise BadInput(f"{where}: {logic.group(0)!r} is not allowed in a relation: {RELATION_FORM}, one per "
                       "entry; write a conjunction as several assume entries and an implication as "
                       "assume = [...] with show = \"...\"")
    rels = _REL.findall(text)
    if not rels:
        raise BadInput(f"{where}: no relation ({RELATION_FORM})")
    if len(rels) > 1:
        raise BadInput(f"{where}: exactly one relation per entry ({RELATION_FORM}); write 0 <= a <= 1 as "
                       "two entries \"0 <= a\", \"a <= 1\"")
    if rels[0] == "=":
        raise BadInput(f"{where}: use '==' for equality ({RELATION_FORM})")
    lhs_text, rhs_text = _REL.split(text)
    lhs, _ = _poly(lhs_text, variables, defines, degrees, where + " (left side)")
    rhs, _ = _poly(rhs_text, variables, defines, degrees, where + " (right side)")
    try:
        diff = check_limits(sub(lhs, rhs))
    except LimitError as exc:
        raise BadInput(f"{where} (lhs - rhs): {exc}") from None
    return Constraint(diff, {"==": "="}.get(rels[0], rels[0]))


def _strings(value: object, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        got = type(value).__name__ if not isinstance(value, list) else \
            next(type(v).__name__ for v in value if not isinstance(v, str))
        raise BadInput(f"{what} must be a list of strings (got {got})")
    return value


def load_claim(path: Path):
    """Read and validate a claim file; raise :class:`BadInput` with a clear reason."""
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except FileNotFoundError as exc:
        raise BadInput(f"cannot read {path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read {path}: {exc}") from exc
    return load_claim_text(text, path)


def load_claim_text(text: str, path: str | Path):
    """Read and validate the text of a claim file (``path`` names it in messages and in the claim's
    ``source``); raise :class:`BadInput` with a clear reason."""
    import tomllib

    from proofs.claim import Claim

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path}: invalid TOML: {exc}") from exc
    except RecursionError:  # tomllib recurses once per nesting level
        raise BadInput(f"{path}: nested too deeply to parse (a claim file is a flat table)") from None
    unknown = set(data) - KEYS
    if unknown:
        raise BadInput(f"unknown keys {sorted(unknown)} (allowed: {', '.join(sorted(KEYS))})")
    for key in ("name", "variables", "show"):
        if key not in data:
            raise BadInput(f"missing key {key!r} (required: name, variables, show; optional: assume, define)")
    name = data["name"]
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        raise BadInput("name must be a non-empty string (at most 200 characters)")
    variables = _strings(data["variables"], "variables")
    if not variables or len(variables) > MAX_VARIABLES:
        raise BadInput(f"variables must list 1 to {MAX_VARIABLES} names (got {len(variables)})")
    bad = next((v for v in variables if not _NAME.fullmatch(v)), None)
    if bad is not None:
        raise BadInput(f"variable {_quote(bad)} is not an identifier (letters, digits, _; not starting "
                       "with a digit)")
    dup = next((v for v in variables if variables.count(v) > 1), None)
    if dup is not None:
        raise BadInput(f"repeated variable name {dup!r}")
    defines: dict = {}
    raw_defines = data.get("define", {})
    if not isinstance(raw_defines, dict):
        raise BadInput("[define] must be a table of name = \"polynomial\"")
    for dname, text in raw_defines.items():
        if not _NAME.fullmatch(dname):
            raise BadInput(f"define {_quote(dname)}: not an identifier")
        if dname in variables:
            raise BadInput(f"define {dname}: the name clashes with a variable")
        where = f"define {dname}" + (f" {_quote(text)}" if isinstance(text, str) else "")
        defines[dname], _ = _poly(text, variables, defines, None, where)
    assume = _strings(data.get("assume", []), "assume")
    cons = tuple(relation(t, variables, defines, None, f"assume[{i}]") for i, t in enumerate(assume))
    if not isinstance(data["show"], str):
        raise BadInput(f"show must be a string like \"a > 0\" (got {type(data['show']).__name__})")
    show = relation(data["show"], variables, defines, None, "show")
    statement = " and ".join(assume) + f" => {data['show']}" if assume else str(data["show"])
    return Claim(name=name, statement=statement, source=f"user claim file {Path(path).name}",
                 variables=tuple(variables), assume=cons, show=show)


def run_methods(claim, methods: list[str], timeout_s: float) -> tuple[dict, dict]:
    """``({method: Verdict}, {method: proof object or None})``: the chosen backends one after another, in this
    process, each to its own limit (``proofs.portfolio.decide`` runs them concurrently under a deadline)."""
    from proofs.portfolio import run_one

    verdicts: dict = {}
    proofs: dict = {}
    for m in methods:
        verdicts[m], proofs[m] = run_one(claim, m, timeout_s)
    return verdicts, proofs


def not_applicable(detail: str) -> str | None:
    """The reason when a verdict's detail says the method does not apply to the claim, else ``None``."""
    m = re.search(r"not applicable:?\s*(.*)", detail or "")
    return (m.group(1) or "not applicable") if m else None


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
    backends = {}
    for m, v in verdicts.items():
        b = {"status": v.status, "seconds": round(v.seconds, 4), "version": v.version, "detail": v.detail}
        reason = not_applicable(v.detail) if v.status in ("unknown", "skipped") else None
        if reason is not None:
            b["not_applicable"] = reason
        elif v.status == "skipped" and (m_needed := re.search(r"not needed:\s*(.*)", v.detail or "")):
            b["not_needed"] = m_needed.group(1)
        backends[m] = b
    return {
        "name": claim.name,
        "status": status,
        "methods": answered,
        "counterexample": None if witness is None else {v: str(q) for v, q in zip(claim.variables, witness,
                                                                                  strict=True)},
        "counterexample_from": source,
        "counterexample_verified": witness is not None,
        "backends": backends,
    }


def find_witness(claim, res: dict, tried: list[str], timeout_s: float) -> None:
    """A refutation without an exact point (QEPCAD B gives none): look for one with the other point-giving
    backends not yet run, and record it in ``res`` (the verdicts, and so any certificate, are unchanged)."""
    from fractions import Fraction

    from proofs.solvers import is_counterexample

    for m in ("search", "z3", "cvc5", "bernstein", "intervals"):
        if m in tried:
            continue
        v = run_methods(claim, [m], min(timeout_s, 30.0))[0][m]
        if v.status == "refuted" and v.counterexample is not None \
                and is_counterexample(claim, [Fraction(q) for q in v.counterexample]):
            res["counterexample"] = {k: str(q) for k, q in zip(claim.variables, v.counterexample, strict=True)}
            res["counterexample_from"] = f"{m} (witness search after the refutation)"
            res["counterexample_verified"] = True
            return


def atomic_write(path: Path, text: str) -> None:
    from proofs.outputs import atomic_write as write

    write(path, text)


def write_inputs(claim, stem: str, verdicts: dict, dirs: dict[str, str | None]) -> list[Path]:
    """``--smt2/--qepcad/--redlog DIR``: the solver inputs as ``DIR/<stem>.smt2`` / ``.qepcad`` / ``.red``.

    The same texts as a certificate's side files (``proofs.semialgebraic.universal_inputs``): QEPCAD B's
    is the one it ran (with its chosen variable order) when it ran, else the claim's own order.
    """
    from proofs.solvers import qepcad_backend, redlog, smtlib

    written = []
    for key, ext in (("smt2", "smt2"), ("qepcad", "qepcad"), ("redlog", "red")):
        if dirs.get(key) is None:
            continue
        if key == "smt2":
            text = smtlib.claim_script(claim)
        elif key == "redlog":
            text = redlog.claim_text(claim)
        else:
            q = verdicts.get("qepcad")
            text = (q.extra.get("inputs", {}).get("qepcad") if q is not None else None) \
                or qepcad_backend.claim_input(claim, list(claim.variables))
        path = Path(dirs[key]) / f"{stem}.{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
        written.append(path)
    return written


def decide(claim, methods: list[str], timeout_s: float) -> dict:
    """Run the chosen backends and summarise them (the ``--json`` output)."""
    return summarise(claim, run_methods(claim, methods, timeout_s)[0])


def write_certificate(claim, claim_path: Path, verdicts: dict, proofs: dict, out: Path,
                      translated_from: dict | None = None) -> Path:
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
    if translated_from is not None:  # the user's file was SMT-LIB2; claim_path is its claim-file translation
        content["claim_file"]["translated_from"] = translated_from
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, certio.dumps(certio.build("semialgebraic", claim.name, content)))  # never half-written
    return out


def run(args: argparse.Namespace) -> int:
    quiet = getattr(args, "quiet", False)
    methods = [m for item in args.methods for m in item.split(",") if m]
    bad = [m for m in methods if m not in METHODS]
    if bad or not methods:
        print(f"error: unknown method(s) {bad}; choose from {', '.join(METHODS)}", file=sys.stderr)
        return 2
    from ..api import InputError, prove

    try:  # the API reads, checks the options and decides (sgd_proofs.api.prove): this command prints
        result = prove(Path(args.claim), methods=methods, timeout=args.timeout,
                       backend_timeout=getattr(args, "backend_timeout", None),
                       run_all=getattr(args, "run_all", False), jobs=getattr(args, "jobs", None), out=args.out)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    res = {k: v for k, v in result.to_dict().items() if k != "certificate"}
    res["methods"] = list(res["methods"])
    claim, verdicts = result._claim, result._verdicts
    code = {"proved": 0, "refuted": 1, "disagreement": 1}.get(res["status"], 3)
    dirs = {k: getattr(args, k, None) for k in ("smt2", "qepcad", "redlog")}
    try:
        for path in write_inputs(claim, Path(args.claim).stem, verdicts, dirs):
            if not quiet:
                print(f"solver input written: {path}", file=sys.stderr)
    except OSError as exc:
        print(f"error: cannot write a solver input: {exc}", file=sys.stderr)
        return 2
    if args.out is not None and not quiet:
        if result.certificate is not None:
            print(f"certificate written: {result.certificate}", file=sys.stderr)
        else:
            print(f"no certificate written: the claim is {res['status']}", file=sys.stderr)
    if res["status"] == "disagreement":
        print(f"{claim.name}: BACKENDS DISAGREE ({', '.join(res['methods'])}) — a bug in a backend",
              file=sys.stderr)
    if getattr(args, "smt_output", False):  # SMT-LIB's answer to "is (assume ∧ ¬show) satisfiable?"
        print({"proved": "unsat", "refuted": "sat"}.get(res["status"], "unknown"))
        return code
    if args.json:  # --json --quiet: the JSON still goes to stdout (--quiet silences the human output only)
        print(json.dumps(res, indent=1, sort_keys=True))
        return code
    if quiet:
        return code
    for m, b in res["backends"].items():
        if "not_applicable" in b:
            print(f"  {m:<10} {'n/a':<8} {b['seconds']:8.3f}s  not applicable: {b['not_applicable']}")
        elif "not_needed" in b:
            print(f"  {m:<10} {'-':<8} {b['seconds']:8.3f}s  not needed: {b['not_needed']}")
        else:
            print(f"  {m:<10} {b['status']:<8} {b['seconds']:8.3f}s  {b['detail']}")
    if res["status"] == "proved":
        print(f"{claim.name}: PROVED by {', '.join(res['methods'])}")
    elif res["status"] == "refuted":
        print(f"{claim.name}: REFUTED by {', '.join(res['methods'])}")
        if res["counterexample"]:
            pt = ", ".join(f"{k} = {v}" for k, v in res["counterexample"].items())
            print(f"counterexample (exact, verified by exact evaluation): {pt}")
            if res["counterexample_from"] not in res["methods"]:
                print(f"  (point found by {res['counterexample_from']})")
        else:
            print("no rational counterexample found (refuted by a decision procedure only; no backend "
                  "that gives points found one)")
    elif res["status"] == "unknown":
        why = []
        for m, b in res["backends"].items():
            if "not_applicable" in b:
                why.append(f"{m} not applicable")
            elif b["status"] == "error":
                why.append(f"{m} failed")
            elif b["status"] == "unknown":
                why.append(f"{m} gave no answer within its time limit or its limits")
            else:
                why.append(f"{m} {b['status']}")
        print(f"{claim.name}: UNKNOWN ({'; '.join(why)})")
    return code
