"""Generate the claim files of the ``sgd-proofs prove`` benchmark and verify every minimum numerically.

Run (needs numpy and scipy, e.g. a throw-away venv; the project's own modules are pure Python)::

    PYTHONPATH=. /path/to/python-with-scipy benchmarks/prove_problems/make_problems.py [--write]

For every problem in :data:`PROBLEMS` (polynomial text in the claim-file grammar, exact rational box) the
polynomial is read with the project's parser (``symbolic.polynomial.parse``, so the minimised polynomial is
exactly the one in the claim file) and its minimum over the box is found numerically by

* multi-start L-BFGS-B with the box as bounds and the exact gradient, from every box corner (n <= 8), the
  centre and ``400 n`` (at most 3000) seeded uniform random points, and
* an independent dense sample: a grid of 1001 (n = 1), 401^2 (n = 2), 81^3 (n = 3) points, else 200000
  seeded random points, whose best value must not be below the L-BFGS-B minimum (a check that no basin
  was missed; it is reported).

``delta = max(1, |min|)/100``; the true claim's bound is ``min - delta`` rounded down and the false claim's
``min + delta`` rounded up, both to a multiple of ``10^-k`` with ``10^-k <= delta/10``. The false claim's
witness is the L-BFGS-B minimiser rounded to the coarsest decimal grid (``10^-k``, k = 1..12) at which it
is an exact counterexample (``proofs.solvers.is_counterexample``); its exact value is an exact upper bound
on the minimum, reported beside the numerical one. Without ``--write`` nothing is written (a dry run that
prints the table of the README).
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
import textwrap
from fractions import Fraction
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from proofs.solvers import is_counterexample
from sgd_proofs.commands.prove import load_claim_text
from symbolic.polynomial import degree, evaluate, parse

HERE = Path(__file__).resolve().parent

# name, source, variables, box [(lo, hi) as exact rational texts], polynomial text (claim-file grammar);
# optional: note, tight (also write NAME.tight.toml: p >= 0), exact_at / exact_why (where and why the minimum
# is attained exactly; "vertex" is checked by exact_minimum), monotone / exact_why_extra (variables the vertex
# argument covers by a written monotonicity argument instead)
PVS = "NASA PVS library, Bernstein/examples (Muñoz & Narkawicz, JAR 2013)"
R2F = "FPBench / Real2Float (Magron, Constantinides & Donaldson, TOMS 2017)"
FPBERN = "FPBern (Magron, Rocca & Dang, arXiv:1802.04385; ARITH 2017)"
JY = "Jamil & Yang, IJMMNO 2013 (survey of global-optimisation test functions)"
MOTZKIN = "Motzkin 1967 (Reznick 2000 survey)"
ROBINSON = "Robinson 1973 (Reznick 2000 survey)"
CHOI_LAM = "Choi & Lam 1977 (Reznick 2000 survey)"

SHORT = {PVS: "[PVS]", R2F: "[R2F]", FPBERN: "[FPBern]", JY: "[JY]", MOTZKIN: "[Motzkin]",
         ROBINSON: "[Robinson]", CHOI_LAM: "[Choi-Lam]"}  # the README's reference keys
VERTEX = "vertex"
PROBLEMS: list[dict] = [
    dict(name="schwefel", source=PVS, variables=["x1", "x2", "x3"], box=[("-10", "10")] * 3,
         poly="(x1 - x2**2)**2 + (x2 - 1)**2 + (x1 - x3**2)**2 + (x3 - 1)**2",
         exact_at=["1", "1", "1"], exact_why="sum of squares, zero at (1, 1, 1)"),
    dict(name="rd", source=PVS, variables=["x1", "x2", "x3"], box=[("-5", "5")] * 3,
         poly="-x1 + 2*x2 - x3 - 417817267/500000000*x2*(1 + x2)",
         note="reaction diffusion; 0.835634534 written 417817267/500000000",
         exact_at=["5", "-5", "5"], exact_why=VERTEX),
    dict(name="caprasse", source=PVS, variables=["x1", "x2", "x3", "x4"], box=[("-1/2", "1/2")] * 4,
         poly="-x1*x3**3 + 4*x2*x3**2*x4 + 4*x1*x3*x4**2 + 2*x2*x4**3 + 4*x1*x3 + 4*x3**2 - 10*x2*x4"
              " - 10*x4**2 + 2"),
    dict(name="adaptive_lv", source=PVS, variables=["x1", "x2", "x3", "x4"], box=[("-2", "2")] * 4,
         poly="x1*x2**2 + x1*x3**2 + x1*x4**2 - 11/10*x1 + 1", note="adaptive Lotka-Volterra",
         exact_at=["-2", "-2", "-2", "-2"],
         exact_why="linear in x1: x1*(s - 11/10) + 1 with s = x2^2 + x3^2 + x4^2 in [0, 12] is least at x1 = -2, "
                   "s = 12"),
    dict(name="butcher", source=PVS, variables=["x1", "x2", "x3", "x4", "x5", "x6"],
         box=[("-1", "0"), ("-1/10", "9/10"), ("-1/10", "1/2"), ("-1", "-1/10"), ("-1/10", "-1/20"),
              ("-1/10", "-3/100")],
         poly="x6*x2**2 + x5*x3**2 - x1*x4**2 + x4**3 + x4**2 - 1/3*x1 + 4/3*x4",
         exact_at=["0", "9/10", "1/2", "-1", "-1/10", "-1/10"], exact_why=VERTEX, monotone=["x4"],
         exact_why_extra="increasing in x4 (dp/dx4 = 3 x4^2 + 2 (1 - x1) x4 + 4/3 has discriminant "
                         "4 (1 - x1)^2 - 16 <= 0 for x1 in [-1, 0])"),
    dict(name="magnetism", source=PVS, variables=[f"x{i}" for i in range(1, 8)], box=[("-1", "1")] * 7,
         poly="x1**2 + 2*x2**2 + 2*x3**2 + 2*x4**2 + 2*x5**2 + 2*x6**2 + 2*x7**2 - x1",
         exact_at=["1/2", "0", "0", "0", "0", "0", "0"], exact_why="separable, convex in each variable"),
    dict(name="heart", source=PVS, variables=[f"x{i}" for i in range(1, 9)],
         box=[("-1/10", "2/5"), ("2/5", "1"), ("-7/10", "-2/5"), ("-7/10", "2/5"), ("1/10", "1/5"),
              ("-1/10", "1/5"), ("-3/10", "11/10"), ("-11/10", "-3/10")],
         poly="-x1*x6**3 + 3*x1*x6*x7**2 - x3*x7**3 + 3*x3*x7*x6**2 - x2*x5**3 + 3*x2*x5*x8**2 - x4*x8**3"
              " + 3*x4*x8*x5**2 - 9563453/10000000",
         note="heart dipole; 0.9563453 written 9563453/10000000"),
    dict(name="trid4", source=PVS, variables=["x1", "x2", "x3", "x4"], box=[("-16", "16")] * 4,
         poly="(x1 - 1)**2 + (x2 - 1)**2 + (x3 - 1)**2 + (x4 - 1)**2 - x1*x2 - x2*x3 - x3*x4",
         exact_at=["4", "6", "6", "4"], exact_why="convex quadratic, stationary point (4, 6, 6, 4) in the box"),
    dict(name="camel6", source=PVS, variables=["x", "y"], box=[("-5", "5")] * 2,
         poly="4*x**2 - 21/10*x**4 + 1/3*x**6 + x*y - 4*y**2 + 4*y**4",
         note="six-hump camel (Zumkeller's thesis, PVS zumkeller1)"),
    dict(name="rosenbrock", source=PVS, variables=["x", "y"], box=[("-2", "2")] * 2,
         poly="100*(y - x**2)**2 + (1 - x)**2", note="PVS zumkeller2",
         exact_at=["1", "1"], exact_why="sum of squares, zero at (1, 1)"),
    dict(name="beale", source=PVS, variables=["x", "y"], box=[("-10", "10")] * 2,
         poly="(3/2 - x + x*y)**2 + (9/4 - x + x*y**2)**2 + (21/8 - x + x*y**3)**2", note="PVS beale1",
         exact_at=["3", "1/2"], exact_why="sum of squares, zero at (3, 1/2)"),
    dict(name="rigidbody1", source=R2F, variables=["x1", "x2", "x3"], box=[("-15", "15")] * 3,
         poly="-x1*x2 - 2*x2*x3 - x1 - x3", exact_at=["15", "15", "15"], exact_why=VERTEX),
    dict(name="rigidbody2", source=R2F, variables=["x1", "x2", "x3"], box=[("-15", "15")] * 3,
         poly="2*x1*x2*x3 + 3*x3*x3 - x2*x1*x2*x3 + 3*x3*x3 - x2"),
    dict(name="kepler0", source=R2F, variables=[f"x{i}" for i in range(1, 7)], box=[("4", "159/25")] * 6,
         poly="x2*x5 + x3*x6 - x2*x3 - x5*x6 + x1*(-x1 + x2 + x3 - x4 + x5 + x6)",
         note="Flyspeck; 6.36 written 159/25",
         exact_at=["159/25", "4", "4", "159/25", "4", "4"], exact_why=VERTEX),
    dict(name="kepler1", source=R2F, variables=["x1", "x2", "x3", "x4"], box=[("4", "159/25")] * 4,
         poly="x1*x4*(-x1 + x2 + x3 - x4) + x2*(x1 - x2 + x3 + x4) + x3*(x1 + x2 - x3 + x4) - x2*x3*x4"
              " - x1*x3 - x1*x2 - x4", note="Flyspeck",
         exact_at=["159/25", "4", "4", "159/25"], exact_why=VERTEX),
    dict(name="kepler2", source=R2F, variables=[f"x{i}" for i in range(1, 7)], box=[("4", "159/25")] * 6,
         poly="x1*x4*(-x1 + x2 + x3 - x4 + x5 + x6) + x2*x5*(x1 - x2 + x3 + x4 - x5 + x6)"
              " + x3*x6*(x1 + x2 - x3 + x4 + x5 - x6) - x2*x3*x4 - x1*x3*x5 - x1*x2*x6 - x4*x5*x6",
         note="Flyspeck", exact_at=["4", "4", "4", "4", "4", "4"], exact_why=VERTEX),
    dict(name="sine_taylor", source=R2F, variables=["x"],
         box=[("-157079632679/100000000000", "157079632679/100000000000")],
         poly="x - x**3/6 + x**5/120 - x**7/5040", note="box ±1.57079632679"),
    dict(name="sine_order3", source=R2F, variables=["z"], box=[("-2", "2")],
         poly="238732414637843/250000000000000*z - 12900613773279798/100000000000000000*z**3",
         note="0.954929658551372 z - 0.12900613773279798 z^3"),
    dict(name="himmilbeau", source=FPBERN, variables=["x1", "x2"], box=[("-5", "5")] * 2,
         poly="(x1**2 + x2 - 11)**2 + (x1 + x2**2 - 7)**2", note="Himmelblau's function",
         exact_at=["3", "2"], exact_why="sum of squares, zero at (3, 2) and three irrational points"),
    dict(name="goldstein_price", source=JY, variables=["x", "y"], box=[("-2", "2")] * 2,
         poly="(1 + (x + y + 1)**2*(19 - 14*x + 3*x**2 - 14*y + 6*x*y + 3*y**2))"
              "*(30 + (2*x - 3*y)**2*(18 - 32*x + 12*x**2 + 48*y - 36*x*y + 27*y**2))",
         note="Goldstein-Price; the known minimum 3 at (0, -1) is the value found"),
    dict(name="booth", source=JY, variables=["x", "y"], box=[("-10", "10")] * 2,
         poly="(x + 2*y - 7)**2 + (2*x + y - 5)**2", exact_at=["1", "3"], exact_why="sum of squares, zero at (1, 3)"),
    dict(name="matyas", source=JY, variables=["x", "y"], box=[("-10", "10")] * 2,
         poly="13/50*(x**2 + y**2) - 12/25*x*y", note="0.26 and 0.48 written 13/50, 12/25",
         exact_at=["0", "0"], exact_why="positive definite quadratic form"),
    dict(name="motzkin", source=MOTZKIN, variables=["x", "y"], box=[("-2", "2")] * 2,
         poly="x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1", tight=True,
         note="non-negative, not a sum of squares",
         exact_at=["1", "1"], exact_why="non-negative by AM-GM, zeros (±1, ±1)"),
    dict(name="robinson", source=ROBINSON, variables=["x", "y"], box=[("-2", "2")] * 2,
         poly="x**6 + y**6 + 1 - x**4*y**2 - x**2*y**4 - x**4 - x**2 - y**4 - y**2 + 3*x**2*y**2", tight=True,
         note="Robinson's ternary sextic at z = 1; non-negative, not a sum of squares",
         exact_at=["1", "1"], exact_why="Robinson's form is non-negative; zeros (±1, ±1), (±1, 0), (0, ±1)"),
    dict(name="choi_lam", source=CHOI_LAM, variables=["x", "y"], box=[("-2", "2")] * 2,
         poly="x**4*y**2 + y**4 + x**2 - 3*x**2*y**2", tight=True,
         note="the Choi-Lam form S at z = 1; non-negative, not a sum of squares",
         exact_at=["1", "1"], exact_why="non-negative by AM-GM; zeros (0, 0), (±1, ±1)"),
]


def _numeric(poly: dict, n: int):
    exps = np.array(list(poly.keys()), dtype=float).reshape(-1, n)
    coef = np.array([float(c) for c in poly.values()])

    def f(x):
        return float(np.prod(x[None, :] ** exps, axis=1) @ coef)

    def grad(x):
        g = np.empty(n)
        for j in range(n):
            e = exps.copy()
            cj = coef * e[:, j]
            e[:, j] = np.maximum(e[:, j] - 1, 0)
            g[j] = np.prod(x[None, :] ** e, axis=1) @ cj
        return g

    def fbatch(xs):
        out = np.zeros(len(xs))
        for k in range(0, len(xs), 20000):
            chunk = xs[k:k + 20000]
            out[k:k + 20000] = np.prod(chunk[:, None, :] ** exps[None, :, :], axis=2) @ coef
        return out

    return f, grad, fbatch


def minimise(pb: dict) -> dict:
    vs = pb["variables"]
    n = len(vs)
    poly = parse(pb["poly"], vs)
    lo = np.array([float(Fraction(a)) for a, _ in pb["box"]])
    hi = np.array([float(Fraction(b)) for _, b in pb["box"]])
    f, grad, fbatch = _numeric(poly, n)
    rng = np.random.default_rng(20261124)
    starts = [(lo + hi) / 2]
    if n <= 8:
        for k in range(2 ** n):
            starts.append(np.where([(k >> j) & 1 for j in range(n)], hi, lo))
    starts += list(lo + (hi - lo) * rng.random((min(400 * n, 3000), n)))
    best = None
    for x0 in starts:
        r = minimize(f, x0, jac=grad, method="L-BFGS-B", bounds=list(zip(lo, hi, strict=True)),
                     options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 5000})
        if best is None or r.fun < best.fun:
            best = r
    if n <= 3:
        pts = {1: 1001, 2: 401, 3: 81}[n]
        axes = [np.linspace(lo[j], hi[j], pts) for j in range(n)]
        sample = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, n)
        how = f"grid {pts}^{n}"
    else:
        sample = lo + (hi - lo) * rng.random((200000, n))
        how = "200000 random points"
    sampled = float(np.min(fbatch(sample)))
    return {"n": n, "degree": degree(poly), "poly": poly, "min": float(best.fun), "argmin": best.x,
            "starts": len(starts), "sampled": sampled, "sample_how": how}


def exact_minimum(pb: dict, poly: dict, m: float) -> Fraction | None:
    """The exact minimum when the problem states where it is attained (``exact_at``) and why
    (``exact_why``); checked against the numerical minimum. ``exact_why = "vertex"`` is verified here: in
    every variable (but the ``monotone`` ones, argued in ``exact_why_extra``) the polynomial has degree <= 1,
    or degree 2 with an x_i^2 coefficient that is multilinear and <= 0 at every vertex (so <= 0 on the box):
    linear or concave in each variable, so the minimum over the box is the least vertex value."""
    if "exact_at" not in pb:
        return None
    value = evaluate(poly, [Fraction(t) for t in pb["exact_at"]])
    if abs(float(value) - m) > 1e-8 * max(1.0, abs(m)):
        raise SystemExit(f"{pb['name']}: the value {value} at exact_at is not the numerical minimum {m}")
    if pb["exact_why"] == "vertex":
        n = len(pb["variables"])
        box = [(Fraction(a), Fraction(b)) for a, b in pb["box"]]
        vertices = list(itertools.product(*box))
        for i, v in enumerate(pb["variables"]):
            if v in pb.get("monotone", ()) or max(mon[i] for mon in poly) <= 1:
                continue
            if max(mon[i] for mon in poly) > 2:
                raise SystemExit(f"{pb['name']}: degree > 2 in {v}: not covered by the vertex argument")
            coeff = {mon[:i] + (0,) + mon[i + 1:]: c for mon, c in poly.items() if mon[i] == 2}
            if any(e > 1 for mon in coeff for e in mon) or any(evaluate(coeff, list(x)) > 0 for x in vertices):
                raise SystemExit(f"{pb['name']}: not concave in {v}: the vertex argument does not apply")
        least = min(evaluate(poly, list(x)) for x in vertices)
        if least != value or len(vertices) != 2 ** n:
            raise SystemExit(f"{pb['name']}: least vertex value {least} != {value}")
    return value


def bounds(m: float, exact: Fraction | None) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """``(minimum, delta, min - delta rounded down, min + delta rounded up)``, exact. The minimum is the exact
    one when known, else the numerical one rounded to 9 digits relative to ``max(1, |min|)``."""
    if exact is not None:
        mf = exact
    else:
        step = Fraction(10) ** (math.floor(math.log10(max(1.0, abs(m)))) - 9)
        mf = round(Fraction(m) / step) * step
    delta = max(Fraction(1), abs(mf)) / 100
    q = Fraction(10) ** math.ceil(math.log10(10 / delta))
    return mf, delta, math.floor((mf - delta) * q) / q, math.ceil((mf + delta) * q) / q


def describe(pb: dict, mf: Fraction, exact: Fraction | None) -> str:
    if exact is None:
        return f"~ {float(mf):.10g} (numerical: multi-start L-BFGS-B and a dense sample)"
    why = {"vertex": "linear or concave in each variable, least vertex value"}.get(pb["exact_why"], pb["exact_why"])
    if pb.get("exact_why_extra"):
        why += "; " + pb["exact_why_extra"]
    shown = f"{exact}" if exact.denominator == 1 else f"{exact} = {float(exact):.10g}"
    return f"{shown} (exact: {why}; attained at ({', '.join(pb['exact_at'])}))"


def claim_text(pb: dict, kind: str, rhs: Fraction, minimum: str) -> str:
    vs, box = pb["variables"], pb["box"]
    assume = []
    for v, (a, b) in zip(vs, box, strict=True):
        assume += [f"{a} <= {v}", f"{v} <= {b}"]
    box_text = " x ".join(f"[{a}, {b}]" for a, b in box)
    what = {"true": "true (bound below the minimum)", "false": "false (bound above the minimum)",
            "tight": "tight (bound = the minimum, attained in the box)"}[kind]
    head = [pb["name"] + (f" ({pb['note']})" if pb.get("note") else ""), f"source: {pb['source']}",
            f"box: {box_text}", f"minimum over the box: {minimum}",
            "(verified by benchmarks/prove_problems/make_problems.py)", f"this claim is {what}"]
    lines = [
        *(f"# {line}" for h in head for line in textwrap.wrap(h, 110, subsequent_indent="    ")),
        f'name = "{pb["name"]}.{kind}"',
        "variables = [" + ", ".join(f'"{v}"' for v in vs) + "]",
        "assume = [" + ", ".join(f'"{c}"' for c in assume) + "]",
        f'show = "p >= {rhs}"',
        "",
        "[define]",
        f'p = "{pb["poly"]}"',
        "",
    ]
    return "\n".join(lines)


def witness(pb: dict, claim, x: np.ndarray) -> list[Fraction]:
    box = [(Fraction(a), Fraction(b)) for a, b in pb["box"]]
    for k in range(1, 13):
        q = 10 ** k
        pt = [min(max(Fraction(round(float(xi) * q), q), a), b) for xi, (a, b) in zip(x, box, strict=True)]
        if is_counterexample(claim, pt):
            return pt
    raise SystemExit(f"{pb['name']}: no rational witness near the minimiser {x}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="write the claim and witness files")
    ap.add_argument("--only", nargs="*", default=None, help="problem names")
    args = ap.parse_args(argv)
    rows = []
    for pb in PROBLEMS:
        if args.only and pb["name"] not in args.only:
            continue
        r = minimise(pb)
        m = r["min"]
        if r["sampled"] < m - 1e-9 * max(1.0, abs(m)):
            raise SystemExit(f"{pb['name']}: the dense sample found {r['sampled']} below L-BFGS-B's {m}")
        exact = exact_minimum(pb, r["poly"], m)
        mf, delta, lo, hi = bounds(m, exact)
        minimum = describe(pb, mf, exact)
        texts = {"true": claim_text(pb, "true", lo, minimum), "false": claim_text(pb, "false", hi, minimum)}
        if pb.get("tight"):
            texts["tight"] = claim_text(pb, "tight", Fraction(0), minimum)
        false_claim = load_claim_text(texts["false"], f"{pb['name']}.false.toml")
        w = witness(pb, false_claim, r["argmin"])
        upper = evaluate(r["poly"], w)
        wline = ", ".join(f"{v} = {q}" for v, q in zip(pb["variables"], w, strict=True))
        for kind, text in texts.items():
            load_claim_text(text, f"{pb['name']}.{kind}.toml")  # every file parses
        if args.write:
            for kind, text in texts.items():
                (HERE / f"{pb['name']}.{kind}.toml").write_text(text)
            (HERE / f"{pb['name']}.false.witness").write_text(wline + "\n")
        box = " × ".join(f"[{a}, {b}]" for a, b in pb["box"])
        if len(set(pb["box"])) == 1:
            box = f"[{pb['box'][0][0]}, {pb['box'][0][1]}]^{r['n']}" if r["n"] > 1 else box
        shown = (f"{exact}" if exact.denominator == 1 else f"{exact} ≈ {float(exact):.10g}") \
            if exact is not None else f"≈ {float(mf):.10g}"
        why = "exact: " + ("vertex" if pb["exact_why"] == VERTEX else "see file") if exact is not None \
            else "numerical"
        how = f"{why}; L-BFGS-B {m:.10g}; {r['sample_how']} {r['sampled']:.6g}"
        rows.append(f"| {pb['name']}{' (+tight)' if pb.get('tight') else ''} | {r['n']} | {r['degree']} | {box} "
                    f"| {shown} | {how} | {lo} | {hi} | {float(upper):.6g} | {SHORT[pb['source']]} |")
        print(rows[-1], flush=True)
        print(f"    argmin ≈ {np.array2string(r['argmin'], precision=8)}; witness {wline}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
