"""Formulas supplied as data (``statements/*.toml``) and checked against the project's reconstructions.

The paper's text copy lost its formulas; the project re-derives them (``reconstructed``). An author who
has the original can drop it into a TOML file instead of editing Python, and the audit compares it with
the reconstruction exactly:

.. code-block:: toml

    statement = "Eq. 30"                     # the audited statement it belongs to
    quantity = "eq30.characteristic"         # one of RECONSTRUCTIONS (listed below)
    variables = ["s1", "s2", "W", "M0", "nu"]
    assumptions = ["s1 > 0", "s2 > 0", "W > 0", "M0 > 0", "nu > 1"]
    formula = "nu*s1*W - (nu - 1)*s2*M0"     # the claim grammar (docs/claim-files.md): no eval
    denominator = "1"                        # optional; the formula is formula/denominator
    relation = "positive-multiple"           # or "equal"
    source = "authors' notebook"             # free text, reported

Relations. ``equal``: ``formula/denominator`` and the reconstruction are the same rational function
(cross-multiplied and expanded, exact rationals). ``positive-multiple``: their ratio is positive wherever
the assumptions hold — decided by factoring the ratio and requiring each factor, after the shift
``x = c + t`` of every variable bounded by ``x > c``, to be a non-zero polynomial in ``t`` with non-negative
coefficients (positive for all ``t > 0``), an even power, or a positive constant; the
check is sufficient, not necessary, and says so when it cannot decide (``undecided``). This is the relation a
*sign* statement such as eq. 30 needs.

A malformed file is an input error (:class:`SuppliedError`, exit 2), naming the file, the field and the rule.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import sympy as sp

from proofs.momentum import derive as momentum
from symbolic.polyconv import to_poly
from symbolic.polynomial import RULE, PolyError, add, mul, parse


class SuppliedError(ValueError):
    """A statement file that cannot be read (CLI: exit 2)."""


@dataclass(frozen=True)
class Reconstruction:
    statement: str
    variables: tuple[str, ...]
    expr: Callable[[], sp.Expr]
    meaning: str


def _n(key: str) -> Callable[[], sp.Expr]:
    return lambda: momentum.noise_phase()[key]


RECONSTRUCTIONS: dict[str, Reconstruction] = {
    "eq30.characteristic": Reconstruction(
        "Eq. 30", ("s1", "s2", "W", "M0", "nu", "gamma"), _n("dlog_beta_at_star"),
        "dlog C_noise/dbeta at (alpha*, beta = 0), g = 1: eq. 30 is a quantity of the same sign"),
    "prop12.alpha_star_noise": Reconstruction(
        "Prop. 12", ("s1", "nu", "gamma"), _n("alpha_star"),
        "the optimal learning rate at beta = 0 in the noise-dominated phase, g = 1 (II.1)"),
    "prop12.alpha_star_signal": Reconstruction(
        "Prop. 12", ("s1", "zeta", "gamma"), lambda: momentum.signal_phase_g1()["alpha_star"],
        "the optimal learning rate at beta = 0 in the signal-dominated phase, g = 1 (remark 3)"),
    "prop12.alpha_crit": Reconstruction(
        "Prop. 12", ("s1", "gamma"), lambda: momentum.signal_phase_g1()["alpha_crit"],
        "the critical learning rate U(1) = 1 at beta = 0, g = 1 (remark 4)"),
}

FIELDS = {"statement", "quantity", "variables", "assumptions", "formula", "denominator", "relation", "source"}
_BOUND = re.compile(r"^\s*([A-Za-z_][A-Za-z_0-9]*)\s*>\s*(-?[0-9]+(?:/[0-9]+)?)\s*$")


def _fail(path: Path, msg: str) -> SuppliedError:
    return SuppliedError(f"{path}: {msg}")


def load(path: Path) -> dict:
    """Read and validate one statement file (never ``eval``: the formula goes through the claim grammar)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, f"cannot read it: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, f"not valid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses once per nesting level
        raise _fail(path, "nested too deeply to parse (a statement file is a flat table)") from None
    extra = set(data) - FIELDS
    if extra:
        raise _fail(path, f"unknown field(s) {sorted(extra)}; allowed: {sorted(FIELDS)}")
    for key in ("statement", "quantity", "variables", "formula"):
        if key not in data:
            raise _fail(path, f"missing field {key!r}")
    q = data["quantity"]
    if q not in RECONSTRUCTIONS:
        raise _fail(path, f"quantity {q!r} has no reconstruction; known: {', '.join(RECONSTRUCTIONS)}")
    rec = RECONSTRUCTIONS[q]
    if data["statement"] != rec.statement:
        raise _fail(path, f"quantity {q!r} belongs to {rec.statement!r}, not {data['statement']!r}")
    vs = data["variables"]
    if not isinstance(vs, list) or not all(isinstance(v, str) for v in vs) or set(vs) != set(rec.variables):
        raise _fail(path, f"variables must be the list {list(rec.variables)} (in any order), got {vs!r}")
    rel = data.get("relation", "equal")
    if rel not in ("equal", "positive-multiple"):
        raise _fail(path, f"relation must be 'equal' or 'positive-multiple', got {rel!r}")
    bounds: dict[str, Fraction] = {}
    for a in data.get("assumptions", []):
        m = _BOUND.match(a) if isinstance(a, str) else None
        if not m or m.group(1) not in vs:
            raise _fail(path, f"assumption {a!r}: write 'name > c' with a declared variable and a rational c")
        bounds[m.group(1)] = Fraction(m.group(2))
    polys = {}
    for key in ("formula", "denominator"):
        text = data.get(key, "1")
        if not isinstance(text, str):
            raise _fail(path, f"{key} must be a string in the claim grammar")
        try:
            polys[key] = parse(text, list(rec.variables))
        except PolyError as exc:
            raise _fail(path, f"{key}: {exc} ({RULE})") from None
    if not polys["denominator"]:
        raise _fail(path, "denominator is zero")
    return {"path": path, "data": data, "relation": rel, "bounds": bounds, **polys}


def _sym(p: dict, variables: tuple[str, ...]) -> sp.Expr:
    syms = [sp.Symbol(v) for v in variables]
    return sp.Add(*(sp.Rational(c.numerator, c.denominator) * sp.Mul(*(s**e for s, e in zip(syms, m, strict=True)))
                    for m, c in p.items()))


def _positive(factor: sp.Expr, bounds: dict[str, Fraction]) -> bool:
    """Sufficient test: after ``x = c + t_x`` the factor has only non-negative coefficients and is non-zero."""
    free = factor.free_symbols
    if any(s.name not in bounds for s in free):
        return False
    shift = {s: sp.Rational(bounds[s.name].numerator, bounds[s.name].denominator) + sp.Symbol(f"t_{s.name}")
             for s in free}
    P = sp.Poly(sp.expand(factor.subs(shift)), *[sp.Symbol(f"t_{s.name}") for s in free]) if free else None
    if P is None:
        return bool(factor > 0)
    coeffs = P.coeffs()
    return bool(coeffs) and all(c >= 0 for c in coeffs)


def compare(item: dict) -> dict:
    """``agrees`` / ``disagrees`` / ``undecided``, with the reason."""
    data = item["data"]
    rec = RECONSTRUCTIONS[data["quantity"]]
    expr = rec.expr()
    expr = expr.subs({x: sp.Symbol(x.name) for x in expr.free_symbols})  # the derivation's symbols carry assumptions
    if {x.name for x in expr.free_symbols} - set(rec.variables):
        raise AssertionError(f"reconstruction {data['quantity']} has variables beyond {rec.variables}")
    num, den = sp.fraction(sp.together(expr))
    vars_ = list(rec.variables)
    Rn, Rd = to_poly(num, vars_), to_poly(den, vars_)
    Fn, Fd = item["formula"], item["denominator"]
    out = {"file": item["path"].name, "statement": data["statement"], "quantity": data["quantity"],
           "relation": item["relation"], "formula": data["formula"], "denominator": data.get("denominator", "1"),
           "source": data.get("source", ""), "reconstruction": str(sp.factor(expr)), "meaning": rec.meaning}
    if item["relation"] == "equal":
        same = add(mul(Fn, Rd), mul(Rn, Fd), -1) == {}
        return {**out, "verdict": "agrees" if same else "disagrees",
                "detail": "equal as rational functions (cross-multiplied, exact)" if same
                else "formula/denominator - reconstruction is not identically zero"}
    if not Fn:
        return {**out, "verdict": "disagrees", "detail": "the formula is identically zero"}
    ratio = sp.factor(sp.cancel(_sym(Rn, rec.variables) * _sym(Fd, rec.variables)
                                / (_sym(Rd, rec.variables) * _sym(Fn, rec.variables))))
    rn, rd = sp.fraction(ratio)
    c, factors = sp.factor_list(rn * rd)  # same sign as rn/rd
    bad = [f for f, e in factors if e % 2 and not _positive(f, item["bounds"])]
    if c > 0 and not bad:
        return {**out, "verdict": "agrees",
                "detail": f"reconstruction = ({ratio}) x formula, a positive factor under the assumptions"}
    neg_const = c < 0 and all(_positive(f, item["bounds"]) or e % 2 == 0 for f, e in factors)
    if neg_const:
        return {**out, "verdict": "disagrees", "detail": f"reconstruction = ({ratio}) x formula: opposite sign"}
    witness = _negative_point(ratio, rec.variables, item["bounds"])
    if witness is not None:
        return {**out, "verdict": "disagrees",
                "detail": f"reconstruction/formula = {ratio} is negative at {witness} (exact rational evaluation), "
                          "a point satisfying the assumptions: the signs differ there"}
    return {**out, "verdict": "undecided",
            "detail": f"ratio {ratio}: cannot show the factor(s) {', '.join(map(str, bad))} positive, and no point "
                      "with the signs differing was found"}


def _negative_point(ratio: sp.Expr, variables: tuple[str, ...], bounds: dict[str, Fraction]) -> dict | None:
    """A seeded search for a rational point inside the assumptions where ``ratio < 0`` (exact evaluation)."""
    rng = random.Random(0)
    syms = [sp.Symbol(v) for v in variables]
    for _ in range(300):
        pt = {s: sp.Rational(bounds.get(s.name, Fraction(0)).numerator, bounds.get(s.name, Fraction(0)).denominator)
              + sp.Rational(rng.randint(1, 4000), rng.choice((1, 10, 100, 1000))) for s in syms}
        val = ratio.subs(pt)
        if val.is_Rational and val < 0:
            return {s.name: str(v) for s, v in pt.items()}
    return None


def check_dir(d: Path) -> list[dict]:
    """Every ``*.toml`` in ``d``, sorted by name; raises :class:`SuppliedError` on the first malformed one."""
    return [compare(load(p)) for p in sorted(d.glob("*.toml"))]
