"""Check an exact box-cover certificate of ``∀x ∈ D: p(x) > 0`` (or ``≥ 0``). Standard library only.

Why a valid certificate implies the claim:

1. *Substitution.* Each bound ``lo_i ⊲ x_i ⊲ hi_i`` is re-derived from the assumption the proof cites
   (linear in ``x_i`` with a constant coefficient, all other variables earlier in the order); ``φ`` is
   rebuilt as ``x_i = lo_i + (hi_i − lo_i) t_i`` and must equal the recorded one. Every point of ``D`` is
   then ``φ(t)`` for some ``t ∈ [0,1]^n`` off the faces marked open, and a face may be marked open only if
   its bound is strict. So ``q = ±p∘φ ≥ 0`` (``> 0``) on the allowed part of the box implies the claim.
2. *Polynomial.* ``q`` (sign from the goal's relation) is recomputed and must equal the recorded one; it is
   scaled to integer coefficients (a positive factor: only signs matter below).
3. *Cover.* The tree is a preorder string: a digit ``i`` halves the current box along axis ``i`` (left half
   first), any other token is a leaf — the leaves tile ``[0,1]^n`` by construction.
4. *Leaves.* ``+``/``b``: the Bernstein coefficients of ``q`` on the leaf (exact integer Taylor shift, then
   ``C(d,k) b_k = Σ_{j≤k} C(d−j,k−j) a_j``) are all ``≥ 0``; for a strict goal every face of the leaf
   (lo/hi/interior per axis) not on an open face of the unit box holds a coefficient ``> 0`` indexed 0 on
   lo-axes and ``d`` on hi-axes — on the face's relative interior those basis functions are ``> 0`` and the
   others vanish, and the relative interiors partition the allowed part of the leaf. ``i``: the centred
   Taylor form ``q(m + r s) = Σ c_k s^k`` on ``s ∈ [−1,1]^n`` gives ``q ≥ c_0 + Σ_{k≠0 even} min(c_k, 0) −
   Σ_{k odd} |c_k|`` (``s^k ∈ [0,1]`` for even ``k``, ``[−1,1]`` otherwise), exact in integers; it must be
   ``> 0`` (``≥ 0`` for a non-strict goal).

A Bernstein certificate uses ``+`` leaves, an interval certificate ``i`` and ``b`` leaves.
"""

from __future__ import annotations

from itertools import product
from math import comb, lcm, prod

from . import poly as P
from .errors import CertificateError
from .spec import _constraint

LEAVES = {"bernstein": "+", "intervals": "ib"}


def goal(claim: dict) -> tuple[list[str], list[tuple[P.Poly, str]], P.Poly, bool]:
    """Variables, assumptions, the goal normalised to ``p > 0`` / ``p ≥ 0``, and whether it is strict."""
    vs = [str(v) for v in claim["variables"]]
    assume, (p, rel) = [_constraint(c, vs) for c in claim["assume"]], _constraint(claim["show"], vs)
    if any(r not in (">", ">=", "<", "<=") for _, r in assume + [(p, rel)]):
        raise CertificateError("an exact box cover needs inequalities only")
    return vs, assume, (p if rel in (">", ">=") else P.scale(p, -1)), rel in (">", "<")


def _bound(p: P.Poly, rel: str, j: int, n: int, earlier: set[int]) -> tuple[str, P.Poly, bool]:
    unit = tuple(int(i == j) for i in range(n))
    coef = p.get(unit)
    if not coef or any(m[j] and m != unit for m in p) or any(m[i] for m in p for i in range(n)
                                                             if i != j and i not in earlier):
        raise CertificateError(f"cited assumption is not a bound on variable {j} over earlier variables")
    side = "lower" if (rel in (">", ">=")) == (coef > 0) else "upper"
    return side, {m: -c / coef for m, c in p.items() if m != unit}, rel in (">", "<")


def boxmap(claim: dict, bm: dict) -> tuple[list[P.Poly], list[tuple[bool, bool]], list[str]]:
    """Step 1: re-derive ``φ`` from the cited assumptions; return ``φ`` (claim order), open flags, box vars."""
    vs, assume, _, _ = goal(claim)
    n, order, tv = len(vs), [str(v) for v in bm["order"]], [str(v) for v in bm["box_vars"]]
    if sorted(order) != sorted(vs) or len(set(tv)) != n or len(bm["bounds"]) != n:
        raise CertificateError("box order is not a permutation of the claim variables")
    images: list = [P.var(i, n) for i in range(n)]
    opens = []
    for i, (v, rec) in enumerate(zip(order, bm["bounds"], strict=True)):
        j, earlier, ends = vs.index(v), {vs.index(u) for u in order[:i]}, []
        for side in ("lower", "upper"):
            k, op = rec[side]["assume"], rec[side]["open"]
            if not (type(k) is int and 0 <= k < len(assume)):
                raise CertificateError(f"{v}: cited assumption {k!r} does not exist")
            got, value, strict = _bound(*assume[k], j, n, earlier)
            if got != side or not isinstance(op, bool) or (op and not strict):
                raise CertificateError(f"{v}: assumption {k} is not a {'strict ' * op}{side} bound")
            ends.append(P.subs(value, images, n))
        images[j] = P.add(ends[0], P.mul(P.add(ends[1], ends[0], -1), P.var(i, n)))
        opens.append((rec["lower"]["open"], rec["upper"]["open"]))
    for v, img in zip(vs, images, strict=True):
        rec, rv = P.from_record(bm["substitution"][v])
        if rv != tv or rec != img:
            raise CertificateError(f"recorded substitution for {v} differs from the one its bounds determine")
    return images, opens, tv


def prepare(claim: dict, proof: dict) -> tuple[P.Poly, tuple[int, ...], list[tuple[bool, bool]], bool]:
    """Steps 1–2: ``q = ±p∘φ`` on the unit box, its degree per axis, the open flags, strictness."""
    vs, _, p, strict = goal(claim)
    images, opens, tv = boxmap(claim, proof["boxmap"])
    q = P.subs(p, images, len(vs))
    if P.from_record(proof["goal_on_box"]) != (q, tv):
        raise CertificateError("recorded goal polynomial on the box differs from the composed goal")
    return q, tuple(max((m[i] for m in q), default=0) for i in range(len(vs))), opens, strict


def _axes(q: P.Poly, deg: tuple[int, ...], f) -> P.Poly:
    """Apply the 1-D coefficient map ``f(axis, [a_0..a_d])`` along every axis in turn."""
    for i, d in enumerate(deg):
        rows: dict = {}
        for m, c in q.items():
            rows.setdefault(m[:i] + m[i + 1:], [0] * (d + 1))[m[i]] = c
        q = {r[:i] + (k,) + r[i:]: v for r, a in rows.items() for k, v in enumerate(f(i, a)) if v}
    return q


def _shift1(a: list[int], num: int, e: int) -> list[int]:
    """Coefficients of ``2^{ed} q((num + s)/2^e)`` in ``s``: an exact integer Taylor shift."""
    d = len(a) - 1
    c = [x << (e * (d - j)) for j, x in enumerate(a)]
    for i in range(d):
        for j in range(d - 1, i - 1, -1):
            c[j] += num * c[j + 1]
    return c


def on_box(q: P.Poly, deg: tuple[int, ...], box: list[tuple[int, int]], centred: bool) -> P.Poly:
    """Positive multiples of ``q(lo + w s)`` on the dyadic box (``s ∈ [0,1]^n``), or of ``q(m + r s)`` about its
    centre (``s ∈ [−1,1]^n``), with integer coefficients."""
    scale = lcm(*(c.denominator for c in q.values()))
    q = {m: int(c * scale) for m, c in q.items()}
    return _axes(q, deg, lambda i, a: _shift1(a, 2 * box[i][0] + 1, box[i][1] + 1) if centred else _shift1(a, *box[i]))


def bernstein(q: P.Poly, deg: tuple[int, ...]) -> P.Poly:
    """Positive multiples of the Bernstein coefficients on ``[0,1]^n`` (index ↦ value; absent = 0): per axis
    ``C(d,k) b_k = Σ_{j≤k} C(d−j,k−j) a_j``, scaled by ``lcm_k C(d,k)`` to stay integer."""
    def one(i: int, a: list[int]) -> list[int]:
        d = len(a) - 1
        m = lcm(*(comb(d, k) for k in range(d + 1)))
        return [sum(comb(d - j, k - j) * a[j] for j in range(k + 1)) * (m // comb(d, k)) for k in range(d + 1)]

    return _axes(q, deg, one)


def bernstein_failure(b: P.Poly, deg: tuple[int, ...], box: list, opens: list, strict: bool) -> str | None:
    """Why the Bernstein leaf criterion fails on ``box`` (None when it holds)."""
    if any(v < 0 for v in b.values()):
        return "a Bernstein coefficient is negative"
    if not strict or len(b) == prod(d + 1 for d in deg):
        return None
    for fc in product("lhm", repeat=len(deg)):
        if any((f == "l" and num == 0 and op[0]) or (f == "h" and num + 1 == 1 << e and op[1])
               for f, (num, e), op in zip(fc, box, opens, strict=True)):
            continue  # lies on an excluded face of the domain
        if not any(all(f == "m" or k == (d if f == "h" else 0) for f, k, d in zip(fc, i, deg, strict=True)) for i in b):
            return f"face {''.join(fc)} has no positive coefficient"
    return None


def interval_lower(q: P.Poly, deg: tuple[int, ...], box: list[tuple[int, int]]) -> int:
    """The centred Taylor-form lower bound of ``q`` on a dyadic box."""
    c = on_box(q, deg, box, True)
    return c.get((0,) * len(box), 0) + sum(min(v, 0) if all(k % 2 == 0 for k in m) else -abs(v)
                                                   for m, v in c.items() if any(m))


def walk(tree: str, n: int):
    """Yield ``(token, box)`` in preorder; raise unless the string is exactly one bisection tree."""
    stack = [[(0, 0)] * n]
    for tok in tree:
        if not stack:
            raise CertificateError("tree has tokens after the cover is complete")
        box = stack.pop()
        yield tok, box
        if tok.isdigit() and (ax := int(tok)) >= n:
            raise CertificateError(f"split axis {tok} out of range")
        if tok.isdigit():
            stack += [box[:ax] + [(2 * box[ax][0] + k, box[ax][1] + 1)] + box[ax + 1:] for k in (1, 0)]
    if stack:
        raise CertificateError("tree ends before the leaves cover the box")


def check_cover(claim: dict, proof: dict) -> str:
    """Validate a ``bernstein`` or ``intervals`` proof object of ``claim``; return a summary."""
    method = proof["method"]
    q, deg, opens, strict = prepare(claim, proof)
    count = dict.fromkeys(LEAVES[method], 0)
    for tok, box in walk(proof["tree"], len(deg)):
        if tok.isdigit():
            continue
        if tok not in count:
            raise CertificateError(f"leaf {box}: unknown leaf token {tok!r} for {method}")
        if tok == "i":
            e = interval_lower(q, deg, box)
            why = None if e > 0 or (e == 0 and not strict) else "interval lower bound does not show the sign"
        else:
            why = bernstein_failure(bernstein(on_box(q, deg, box, False), deg), deg, box, opens, strict)
        if why:
            raise CertificateError(f"leaf {box}: {why}")
        count[tok] += 1
    return f"{method} certificate valid ({sum(count.values())} leaves {count}, degrees {list(deg)})"
