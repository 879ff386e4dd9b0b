"""Counterexample search for a universal claim ``∀x: (∧ assume) ⇒ show``: refute fast, exactly.

A false claim whose counterexamples are interior points is found here in milliseconds, where the exact
methods would bisect until a box corner violates the goal and the decision procedures run to their own
limits. The search only ever *refutes*: a point counts only after exact rational evaluation
(:func:`proofs.solvers.is_counterexample`) shows that it satisfies every assumption and violates the goal;
finding nothing proves nothing (``unknown``).

Plan (fixed, so the same claim gives the same point on the same machine — no time-dependent loop):

1. the claim's *constant box*: each variable's tightest constant bounds among the assumptions that are
   linear bounds on that variable alone (``0 <= x``, ``x < 2``); a side without one is searched at
   several scales (``±1, ±10, ±100``). Other assumptions (``a < 2*(b+1)``, ``x*y <= 1``) are not used to
   build points, only to filter them — in floating point first, then exactly;
2. candidate points: the box centre, face centres, vertices (up to ``2^10`` of them; open bounds nudged
   inward), and :data:`SAMPLES` pseudo-random points (``numpy.random.default_rng(0)``); every polynomial is
   evaluated on all of them at once (numpy, float64);
3. from the :data:`STARTS` points of least goal slack, a local minimisation (scipy L-BFGS-B in the box) of
   the goal's slack plus a quadratic penalty on violated assumptions;
4. each candidate in order (vertices, samples, minimisers; most violating first), rounded to rationals
   coarse to fine (:func:`proofs.solvers.rational_candidates`), is checked exactly; the first that is a
   counterexample is returned.

Floating point only *proposes*; the verdict depends on exact evaluation alone.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction

from proofs.boxmap import as_bound
from proofs.claim import Claim, Constraint
from proofs.solvers import Verdict, is_counterexample, rational_candidates

SAMPLES = 4096  # pseudo-random points of the constant box
STARTS = 8  # local minimisations
MAX_VERTICES_DIM = 10  # all 2^n vertices up to this many variables
MAX_EXACT_CHECKS = 400  # exact rational checks of proposed points
SCALES = (1.0, 10.0, 100.0)  # half-widths searched along an unbounded side
_WORK = 50_000_000  # points × terms × variables of the sampling stage, at most (about a second of numpy)
_CHUNK = 2_000_000  # points × terms evaluated per numpy block (memory bound)


def _constant_box(claim: Claim) -> list[tuple[float | None, bool, float | None, bool]]:
    """Per variable ``(lo, lo_open, hi, hi_open)`` from its constant bounds (``boxmap.as_bound``); ``None``:
    unbounded. Where several bounds apply, the tightest (and the strict one at a tie) is kept."""
    n = len(claim.variables)
    box: list[list] = [[None, False, None, False] for _ in range(n)]
    for c in claim.assume:
        for j in range(n):
            b = as_bound(c, j, n)
            if b is None or any(any(m) for m in b[1]):
                continue
            side, value, strict = b[0], float(b[1].get((0,) * n, Fraction(0))), b[2]
            k = 0 if side == "lower" else 2
            cur = box[j][k]
            if cur is None or (value > cur if k == 0 else value < cur) or (value == cur and strict):
                box[j][k], box[j][k + 1] = value, strict
    return [tuple(b) for b in box]  # type: ignore[misc]


class _Evaluator:
    """All of a claim's polynomials, evaluated on many float points at once."""

    def __init__(self, polys: list[dict]) -> None:
        import numpy as np

        self.np = np
        self.parts = []
        for p in polys:
            items = sorted(p.items())
            exps = np.array([m for m, _ in items], dtype=np.int64).reshape(len(items), -1)
            coef = np.array([float(c) for _, c in items], dtype=np.float64)
            self.parts.append((exps, coef))

    def __call__(self, X):
        """``(number of polynomials, number of points)`` values; ``inf``/``nan`` where float overflows."""
        np = self.np
        X = np.atleast_2d(np.asarray(X, dtype=np.float64))
        out = np.empty((len(self.parts), X.shape[0]))
        with np.errstate(all="ignore"):
            for k, (exps, coef) in enumerate(self.parts):
                if exps.shape[0] == 0:
                    out[k] = 0.0
                    continue
                step = max(1, _CHUNK // max(1, exps.shape[0] * max(1, X.shape[1])))
                for s in range(0, X.shape[0], step):
                    xs = X[s:s + step]
                    terms = np.prod(xs[:, None, :] ** exps[None, :, :], axis=2)
                    out[k, s:s + step] = terms @ coef
        return out


def _slack(rel: str, values, np):
    """How far the goal ``p rel 0`` is from failing: ≤ 0 where it fails (float proposal only)."""
    if rel in (">", ">="):
        return values
    if rel in ("<", "<="):
        return -values
    if rel == "=":
        return -np.abs(values)  # fails wherever p != 0
    return np.abs(values)  # "!=": fails only where p = 0


def _violation(cons: list[Constraint], values, np):
    """Sum of squared violations of the assumptions (0 where all hold), scaled per constraint."""
    total = np.zeros(values.shape[1])
    for c, v in zip(cons, values, strict=True):
        if c.rel in (">", ">="):
            bad = np.minimum(v, 0.0)
        elif c.rel in ("<", "<="):
            bad = np.maximum(v, 0.0)
        elif c.rel == "=":
            bad = v
        else:
            bad = np.where(v == 0.0, 1.0, 0.0)
        total = total + bad * bad
    return np.where(np.isfinite(total), total, np.inf)


def _axis_values(lo, lo_open, hi, hi_open) -> tuple[list[float], float, float]:
    """Representative coordinates of one axis (bounds nudged inward when open) and a sampling range."""
    if lo is not None and hi is not None:
        w = hi - lo
        eps = w * 2.0 ** -20 if w > 0 else 0.0
        a, b = lo + (eps if lo_open else 0.0), hi - (eps if hi_open else 0.0)
        return [a, b], a, b
    if lo is not None:
        eps = max(abs(lo), 1.0) * 2.0 ** -20
        a = lo + (eps if lo_open else 0.0)
        return [a] + [lo + s for s in SCALES], a, lo + SCALES[-1]
    if hi is not None:
        eps = max(abs(hi), 1.0) * 2.0 ** -20
        b = hi - (eps if hi_open else 0.0)
        return [b] + [hi - s for s in SCALES], hi - SCALES[-1], b
    return [0.0] + [s * k for s in SCALES for k in (1.0, -1.0)], -SCALES[-1], SCALES[-1]


def search(claim: Claim, *, samples: int = SAMPLES, starts: int = STARTS) -> Verdict:
    """A verified counterexample (``refuted``) or ``unknown``; never ``proved``.

    BLAS runs single-threaded here (``threadpoolctl``): the arrays are small, and OpenBLAS's threads,
    spinning on a loaded machine, made L-BFGS-B ten times slower. Other numerics keep their threads."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return _search(claim, samples, starts)


def _search(claim: Claim, samples: int, starts: int) -> Verdict:
    import numpy as np

    t0 = time.perf_counter()
    n = len(claim.variables)
    terms = sum(len(c.poly) for c in claim.assume) + len(claim.show.poly)
    samples = min(samples, max(256, _WORK // max(1, terms * n)))  # large claims: fewer points, same plan
    box = _constant_box(claim)
    axes = [_axis_values(*b) for b in box]
    ev = _Evaluator([c.poly for c in claim.assume] + [claim.show.poly])
    lows = np.array([a[1] for a in axes])
    highs = np.array([a[2] for a in axes])

    def merit(X):
        vals = ev(X)
        s = _slack(claim.show.rel, vals[-1], np)
        s = np.where(np.isfinite(s), s, np.inf)
        return s, _violation(list(claim.assume), vals[:-1], np)

    groups: list[tuple[str, object]] = []
    centre = (lows + highs) / 2.0
    faces = []
    for i in range(n):
        for v in (axes[i][0][0], axes[i][0][-1]):
            p = centre.copy()
            p[i] = v
            faces.append(p)
    groups.append(("box centre and face centres", np.array([centre] + faces)))
    if n <= MAX_VERTICES_DIM:
        grids = np.meshgrid(*[np.array(a[0][:3]) for a in axes], indexing="ij")
        verts = np.stack([g.ravel() for g in grids], axis=1)
        groups.append(("box vertices", verts[:4096]))
    rng = np.random.default_rng(0)
    groups.append(("sampling", lows + (highs - lows) * rng.random((samples, n))))

    checks = 0
    best: list[tuple[float, object]] = []
    for label, X in groups:
        s, viol = merit(X)
        order = np.lexsort((s, viol))  # feasible first, then most violating
        for k in order:
            if viol[k] <= 0.0 and s[k] <= 0.0:
                found, used = _exact(claim, X[k], MAX_EXACT_CHECKS - checks)
                checks += used
                if found is not None:
                    return _refuted(claim, found, label, t0)
                if checks >= MAX_EXACT_CHECKS:
                    break
        best += [(float(s[k] + 1e6 * viol[k]), X[k]) for k in order[:starts]]
    best.sort(key=lambda b: b[0])
    res = _minimise(merit, [b[1] for b in best[:starts]], lows, highs, box)
    for x in res:
        found, used = _exact(claim, x, max(0, MAX_EXACT_CHECKS - checks) + 20)
        checks += used
        if found is not None:
            return _refuted(claim, found, "local minimisation of the goal's slack", t0)
    return Verdict("unknown", time.perf_counter() - t0, version=_version(),
                   detail=f"search: no counterexample among {sum(len(X) for _, X in groups)} points and "
                          f"{len(res)} local minimisations ({checks} exact checks); this proves nothing")


def _minimise(merit, starts: list, lows, highs, box) -> list:
    """Local minimisers of slack + penalty from each start (scipy L-BFGS-B within the searched box)."""
    import numpy as np
    from scipy.optimize import minimize

    bounds = [(float(lo), float(hi)) if b[0] is not None and b[2] is not None else
              (float(lo) if b[0] is not None else None, float(hi) if b[2] is not None else None)
              for lo, hi, b in zip(lows, highs, box, strict=True)]

    def f(x):
        s, viol = merit(x[None, :])
        val = float(s[0] + 1e3 * viol[0])
        return val if math.isfinite(val) else 1e300

    out = []
    for x0 in starts:
        try:
            r = minimize(f, np.asarray(x0, dtype=float), method="L-BFGS-B", bounds=bounds,
                         options={"maxiter": 200})
            out.append(r.x)
        except (ValueError, FloatingPointError, OverflowError):
            continue
    return out


def _exact(claim: Claim, x, budget: int) -> tuple[list[Fraction] | None, int]:
    """The first rational rounding of the float point ``x`` that is an exact counterexample."""
    if budget <= 0 or not all(math.isfinite(float(v)) for v in x):
        return None, 0
    used, seen = 0, set()
    cands = rational_candidates([Fraction(float(v)) for v in x])
    for cand in cands[1:] + cands[:1]:  # small denominators first, the float itself last
        key = tuple(cand)
        if key in seen:
            continue
        seen.add(key)
        if used >= budget:
            break
        used += 1
        if is_counterexample(claim, cand):
            return cand, used
    return None, used


def _refuted(claim: Claim, pt: list[Fraction], how: str, t0: float) -> Verdict:
    return Verdict("refuted", time.perf_counter() - t0, version=_version(), counterexample=pt,
                   detail=f"search: counterexample found by {how}, verified by exact rational evaluation")


def _version() -> str:
    import numpy
    import scipy

    return f"numpy {numpy.__version__}, scipy {scipy.__version__}"
