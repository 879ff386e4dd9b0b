"""Outer ring (issue 12): the statement of each exported Coq proof is the specified claim.

``sgd-proofs export coq`` writes one ``.v`` file per semi-algebraic claim with an exact certificate. Coq
checks the proof; this module checks *what* it proves: it regenerates, from the checker's own
specification (``checker/papers/*.toml``, polynomials re-derived by ``derive.py``), the exact text of the
statement block (``Definition goal`` and ``Definition statement``) and compares it with the file's block
character for character. It also requires the theorem to be ``Theorem claim_<name> : statement.`` and the
files to contain no ``Axiom``, ``Admitted``, ``admit``, ``Parameter`` or ``Hypothesis``. It never runs Coq
and no verdict of the kernel depends on it.
"""

from __future__ import annotations

import json
import re
import sys
from fractions import Fraction
from pathlib import Path

from .spec import canon, specifications

BEGIN, END = "(* BEGIN STATEMENT *)", "(* END STATEMENT *)"
_FORBIDDEN = re.compile(r"\b(Axiom|Axioms|Admitted|admit|Parameter|Parameters|Hypothesis|Hypotheses|Conjecture)\b")


def _num(c: Fraction) -> str:
    return str(c.numerator) if c.denominator == 1 else f"{c.numerator}/{c.denominator}"


def text(p: dict, vs: tuple[str, ...]) -> str:
    """Coq text of a polynomial: terms in decreasing exponent order, ``c * x^k * ...``."""
    out = []
    for m in sorted(p, reverse=True):
        c = Fraction(p[m])
        mono = " * ".join(v if e == 1 else f"{v}^{e}" for v, e in zip(vs, m, strict=True) if e)
        mag = _num(abs(c))
        body = mono if mono and abs(c) == 1 else (f"{mag} * {mono}" if mono else mag)
        out.append(("- " if c < 0 else ("+ " if out else "")) + body)
    return " ".join(out) if out else "0"


def ident(name: str) -> str:
    return "claim_" + "".join(ch if ch.isalnum() else "_" for ch in name)


def _rel(rel: str) -> str:
    return {"!=": "<>"}.get(rel, rel)


def expected(spec) -> str:
    """The statement block the specification determines."""
    vs, args = spec.variables, " ".join(spec.variables)
    hyps = []
    for p, r in spec.assume:
        rel, items = canon(p, r)
        hyps.append(f"{text(dict(items), vs)} {_rel(rel)} 0")
    grel, gitems = canon(*spec.show)
    body = f"forall {args} : R,\n    " + " ->\n    ".join(hyps + [f"goal {args} {_rel(grel)} 0"])
    thm = f"~ ({body})" if spec.expect == "refuted" else body
    return (f"{BEGIN}\n(* {spec.name} *)\nDefinition goal ({args} : R) : R :=\n  {text(dict(gitems), vs)}.\n\n"
            f"Definition statement : Prop :=\n  {thm}.\n{END}\n")


def check_file(path: Path, specs: dict) -> str:
    """'' if the file's statement is its claim's specification, else the reason."""
    try:
        src = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return f"unreadable ({e})"
    if _FORBIDDEN.search(src):
        return f"contains {_FORBIDDEN.search(src).group(0)}"
    if path.name == "BernsteinFacts.v":
        return "" if BEGIN not in src else "the library must not hold a statement block"
    if src.count(BEGIN) != 1 or src.count(END) != 1:
        return "no single statement block"
    block = src[src.index(BEGIN):src.index(END) + len(END)] + "\n"
    m = re.match(r"\(\* BEGIN STATEMENT \*\)\n\(\* (\S+) \*\)\n", block)
    spec = specs.get(m.group(1)) if m else None
    if spec is None or spec.form != "universal":
        return f"names no universal claim of the specification ({m.group(1) if m else 'no name line'})"
    if path.name != ident(spec.name) + ".v":
        return f"file name should be {ident(spec.name)}.v for claim {spec.name}"
    want = expected(spec)
    if block != want:
        got, exp = block.splitlines(), want.splitlines()
        i = next((k for k, (a, b) in enumerate(zip(got, exp, strict=False)) if a != b), min(len(got), len(exp)))
        return (f"statement differs from the specification of {spec.name} at line {i + 1} of the block: "
                f"{got[i] if i < len(got) else '<end>'!r} vs {exp[i] if i < len(exp) else '<end>'!r}")
    if src.count(f"\nTheorem {ident(spec.name)} : statement.\n") != 1 or src.count("\nTheorem ") != 1:
        return f"the theorem must be exactly `Theorem {ident(spec.name)} : statement.`"
    return ""


def check_dir(directory: Path) -> list[tuple[str, str]]:
    """(file name, '' or reason) for every ``.v`` file of the directory."""
    specs = specifications()
    return [(p.name, check_file(p, specs)) for p in sorted(Path(directory).glob("*.v"))]


def run(directory: str, *, as_json: bool = False, quiet: bool = False) -> int:
    """``python3 -S -m checker --coq DIR``: 0 every statement is its specification, 1 some is not, 2 no files."""
    d = Path(directory)
    if not d.is_dir() or not any(d.glob("*.v")):
        print(f"error: --coq {directory}: not a directory of .v files", file=sys.stderr)
        return 2
    try:
        res = check_dir(d)
    except (OSError, ValueError) as e:
        print(f"error: --coq {directory}: {e}", file=sys.stderr)
        return 2
    bad = [(f, r) for f, r in res if r]
    if as_json:
        print(json.dumps({"coq": [{"file": f, "ok": not r, "reason": r} for f, r in res],
                          "valid": len(res) - len(bad), "total": len(res)}, indent=1))
    else:
        for f, r in res:
            if r or not quiet:
                print(f"FAIL {d / f}: {r}" if r else f"OK   {d / f}: statement is the specification")
        print(f"{len(res) - len(bad)}/{len(res)} Coq statements match the specification "
              "(the proofs themselves are checked by coqc)")
    return 1 if bad else 0
