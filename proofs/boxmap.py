"""A recorded rational substitution mapping the unit box ``[0,1]^n`` onto a claim's domain.

The domain must be *triangular*: in some order ``x_1, …, x_n`` of the claim's variables every
assumption is a bound ``lo_i(x_<i) ⊲ x_i`` or ``x_i ⊲ hi_i(x_<i)`` (``⊲`` is ``<`` or ``≤``), i.e. a
polynomial that is linear in its last variable with a constant coefficient. Then

    x_i = lo_i(x_<i) + (hi_i(x_<i) − lo_i(x_<i)) · t_i,        t ∈ [0,1]^n,

composed recursively, is a polynomial map ``φ`` (Lemma 1: ``b = 2t₁ − 1``, ``a = 4t₁t₂``, ``g = t₃``,
``z = t₄``). Each box axis carries two flags: the face ``t_i = 0`` is *open* (excluded) when the lower
bound is strict, ``t_i = 1`` when the upper one is.

Why this covers the domain: for ``x`` in the domain, ``t_i = (x_i − lo_i)/(hi_i − lo_i)`` lies in
``[0,1]``, in ``(0, …`` when the lower bound is strict and ``…, 1)`` when the upper one is, so ``x = φ(t)``
with ``t`` off every open face. Degenerate fibres (``hi_i = lo_i``, e.g. ``b → −1`` makes the
``a``-interval ``(0, 2(b+1))`` collapse) need no special case: with a strict bound they hold no domain
point, with two non-strict bounds the single point ``x_i = lo_i`` is ``t_i = 0``, a closed face. For
Lemma 1 the collapse happens only on ``t₁ = 0`` (``b = −1``), an open face. Where ``hi_i < lo_i`` the
map leaves the domain; that only makes the statement proved on the box stronger, and refutations are
always re-verified in the original coordinates.

Assumptions not of this form (equalities, ``≠``, a variable without a lower or an upper bound, two
non-constant bounds on one side, non-linear bounds) make ``find_boxmap`` return a reason string.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import permutations

from proofs.claim import Claim, Constraint
from symbolic.polynomial import Poly, add, const, evaluate, mul, to_record


@dataclass(frozen=True)
class Bound:
    """``value`` (polynomial in the claim variables, only earlier ones) from assumption ``assume``."""

    assume: int
    value: Poly
    open: bool


@dataclass(frozen=True)
class BoxMap:
    """Triangular substitution ``x = φ(t)``; axis ``i`` of the box belongs to ``order[i]``."""

    variables: tuple[str, ...]
    order: tuple[str, ...]
    lower: tuple[Bound, ...]
    upper: tuple[Bound, ...]
    images: tuple[Poly, ...]  # φ for each claim variable (claim order), polynomials in box_vars

    @property
    def box_vars(self) -> list[str]:
        return [f"t{i + 1}" for i in range(len(self.order))]

    @property
    def open_faces(self) -> list[tuple[bool, bool]]:
        """Per box axis: (face t=0 excluded, face t=1 excluded)."""
        return [(lo.open, hi.open) for lo, hi in zip(self.lower, self.upper, strict=True)]

    def to_original(self, t: list[Fraction]) -> dict[str, Fraction]:
        return {v: evaluate(p, t) for v, p in zip(self.variables, self.images, strict=True)}

    def record(self) -> dict:
        """``{"order", "box_vars", "bounds": [{"var", "lower": {"assume", "open"}, "upper": …}],
        "substitution": {var: polynomial record in box_vars}}`` — the checker re-derives each bound
        from the cited assumption and rebuilds φ itself."""
        bv = self.box_vars
        return {
            "order": list(self.order),
            "box_vars": bv,
            "bounds": [{"var": v, "lower": {"assume": lo.assume, "open": lo.open},
                        "upper": {"assume": hi.assume, "open": hi.open}}
                       for v, lo, hi in zip(self.order, self.lower, self.upper, strict=True)],
            "substitution": {v: to_record(p, bv) for v, p in zip(self.variables, self.images, strict=True)},
        }


def as_bound(c: Constraint, j: int, n: int) -> tuple[str, Poly, bool] | None:
    """If ``c`` is linear in variable ``j`` with a constant coefficient, return (side, value, strict)."""
    unit = tuple(1 if i == j else 0 for i in range(n))
    if c.rel not in (">", ">=", "<", "<=") or any(m[j] and m != unit for m in c.poly):
        return None
    coef = c.poly.get(unit)
    if not coef:
        return None
    value = {m: -v / coef for m, v in c.poly.items() if m != unit}
    greater = (c.rel in (">", ">=")) == (coef > 0)  # x_j > value  or  x_j < value
    return ("lower" if greater else "upper"), value, c.rel in (">", "<")


def _tightest(cands: list[tuple[int, Poly, bool]], side: str) -> Bound | str:
    """Several bounds on one side: allowed when all are constants (the tightest one is used)."""
    if len(cands) == 1:
        return Bound(*cands[0])
    if any(any(any(m) for m in p) for _, p, _ in cands):
        return "two bounds on one side, not all constant"
    sign = 1 if side == "lower" else -1
    return Bound(*max(cands, key=lambda c: (sign * next(iter(c[1].values()), Fraction(0)), c[2])))


def _try_order(claim: Claim, perm: tuple[int, ...]) -> BoxMap | str:
    n = len(claim.variables)
    pos = {v: k for k, v in enumerate(perm)}
    cands: dict[tuple[int, str], list] = {(j, s): [] for j in range(n) for s in ("lower", "upper")}
    for k, c in enumerate(claim.assume):
        used = {i for m in c.poly for i in range(n) if m[i]}
        if not used:
            if _holds(c, [Fraction(0)] * n):
                continue
            return f"assumption {k} is a false constant inequality"
        j = max(used, key=lambda i: pos[i])
        b = as_bound(c, j, n)
        if b is None:
            return (f"assumption {k} ({c.rel}) is not a bound linear in {claim.variables[j]} with a constant "
                    f"coefficient in the order {[claim.variables[i] for i in perm]}")
        cands[(j, b[0])].append((k, b[1], b[2]))
    lower, upper = [], []
    for j in perm:
        for side, out in (("lower", lower), ("upper", upper)):
            if not cands[(j, side)]:
                return f"variable {claim.variables[j]} has no {side} bound"
            bd = _tightest(cands[(j, side)], side)
            if isinstance(bd, str):
                return f"variable {claim.variables[j]}: {bd}"
            out.append(bd)
    # compose phi: x_{perm[i]} = lo + (hi - lo) t_i, lo/hi evaluated at the earlier images
    images: list[Poly | None] = [None] * n
    for i, j in enumerate(perm):
        tvar = {tuple(1 if q == i else 0 for q in range(n)): Fraction(1)}
        lo = compose(lower[i].value, images, n)
        hi = compose(upper[i].value, images, n)
        images[j] = add(lo, mul(add(hi, lo, -1), tvar))
    return BoxMap(tuple(claim.variables), tuple(claim.variables[j] for j in perm), tuple(lower),
                  tuple(upper), tuple(images))  # type: ignore[arg-type]


def _holds(c: Constraint, x: list[Fraction]) -> bool:
    v = evaluate(c.poly, x)
    return {">": v > 0, ">=": v >= 0, "<": v < 0, "<=": v <= 0, "=": v == 0, "!=": v != 0}[c.rel]


def compose(p: Poly, images: list, n_out: int) -> Poly:
    """``p(images)``; unused variables may have image ``None`` (exact, standard-library polynomials)."""
    out: Poly = {}
    cache: dict[tuple[int, int], Poly] = {}
    for m, c in p.items():
        term = const(c, n_out)
        for i, e in enumerate(m):
            if e:
                if (i, e) not in cache:
                    cache[(i, e)] = const(1, n_out)
                    for _ in range(e):
                        cache[(i, e)] = mul(cache[(i, e)], images[i])
                term = mul(term, cache[(i, e)])
        out = add(out, term)
    return out


def find_boxmap(claim: Claim) -> BoxMap | str:
    """The first variable order (claim order first) in which the assumptions are triangular bounds."""
    if any(c.rel in ("=", "!=") for c in claim.assume):
        return "equality or disequality assumptions are not box-mappable"
    n = len(claim.variables)
    first_reason = None
    for perm in permutations(range(n)):
        res = _try_order(claim, perm)
        if isinstance(res, BoxMap):
            return res
        first_reason = first_reason or res
    return f"domain is not a triangular box image: {first_reason}"


def holds_all(claim: Claim, point: dict[str, Fraction]) -> bool:
    """Exact check that ``point`` satisfies every assumption."""
    x = [Fraction(point[v]) for v in claim.variables]
    return all(_holds(c, x) for c in claim.assume)


def goal_holds(claim: Claim, point: dict[str, Fraction]) -> bool:
    return _holds(claim.show, [Fraction(point[v]) for v in claim.variables])
