"""Check an exact Bernstein certificate of ``∀x ∈ D: p(x) > 0`` (or ``≥ 0``). Standard library only.

1. *Substitution.* Each bound ``lo_i ⊲ x_i ⊲ hi_i`` is re-derived from the assumption the proof
   cites (linear in ``x_i`` with constant coefficient, other variables earlier in the order); ``φ`` is
   rebuilt as ``x_i = lo_i + (hi_i − lo_i) t_i`` and must equal the recorded one. Then every domain
   point is ``φ(t)`` for some ``t ∈ [0,1]^n`` off the faces marked open, and a face may be marked open
   only if its bound is strict — so the box statement implies the claim (see ``proofs/boxmap.py``).
2. *Polynomial.* ``q = ±p∘φ`` (sign from the goal relation) is recomputed, must equal the recorded one,
   and is scaled to integer coefficients (a positive factor; only signs matter below).
3. *Cover.* The tree is a preorder string: a digit ``i`` halves the current box along axis ``i`` (left
   half first), ``+`` is a leaf — so the leaves tile ``[0,1]^n`` by construction. Bernstein coefficients
   of the root come from ``C(d,k) b_k = Σ_{j≤k} C(d−j,k−j) a_j``; halving uses integer de Casteljau.
4. *Leaf.* All coefficients ``≥ 0`` ⇒ ``q ≥ 0`` on the leaf. For strict goals, every face of the leaf
   (lo/hi/interior per axis, ``3^n`` faces) not lying on an open face of the unit box must hold a
   coefficient ``> 0`` with index 0 on lo-axes and ``d`` on hi-axes: on the face's relative interior
   those basis functions are ``> 0`` and the rest vanish, and these relative interiors partition the
   allowed part of the leaf.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product
from math import comb, lcm, prod

from . import poly as P
from .core import CertificateError

Box = list[tuple[int, int]]  # per axis (num, e): the interval [num/2^e, (num+1)/2^e]


def goal(claim: dict) -> tuple[list[str], list[tuple[P.Poly, str]], P.Poly, bool]:
    """Variables, assumptions, the goal ``p`` normalised to ``p > 0`` / ``p ≥ 0``, strictness."""
    vs = [str(v) for v in claim["variables"]]

    def load(c: dict) -> tuple[P.Poly, str]:
        p, pv = P.from_record(c["poly"])
        if pv != vs or c["rel"] not in (">", ">=", "<", "<="):
            raise CertificateError(f"constraint over {pv}, relation {c['rel']!r}: not an inequality in {vs}")
        return p, c["rel"]

    assume = [load(c) for c in claim["assume"]]
    p, rel = load(claim["show"])
    return vs, assume, (p if rel in (">", ">=") else {m: -c for m, c in p.items()}), rel in (">", "<")


def _bound(p: P.Poly, rel: str, j: int, n: int, earlier: set[int]) -> tuple[str, P.Poly, bool]:
    unit = tuple(int(i == j) for i in range(n))
    coef = p.get(unit)
    if not coef or any(m[j] and m != unit for m in p) or any(m[i] for m in p for i in range(n)
                                                             if i != j and i not in earlier):
        raise CertificateError(f"cited assumption is not a bound on variable {j} over earlier variables")
    side = "lower" if (rel in (">", ">=")) == (coef > 0) else "upper"
    return side, {m: -c / coef for m, c in p.items() if m != unit}, rel in (">", "<")


def check_boxmap(claim: dict, bm: dict) -> tuple[list[P.Poly], list[tuple[bool, bool]], list[str]]:
    """Re-derive φ from the cited assumptions; return φ (claim order), open flags per axis, box vars."""
    vs, assume, _, _ = goal(claim)
    n, order, tv = len(vs), [str(v) for v in bm["order"]], [str(v) for v in bm["box_vars"]]
    if sorted(order) != sorted(vs) or len(set(tv)) != n or len(bm["bounds"]) != n:
        raise CertificateError("box order is not a permutation of the claim variables")
    images: list = [None] * n
    opens = []
    for i, (v, rec) in enumerate(zip(order, bm["bounds"], strict=True)):
        j, earlier, ends = vs.index(v), {vs.index(u) for u in order[:i]}, []
        if rec["var"] != v:
            raise CertificateError(f"bound {i} is for {rec['var']}, expected {v}")
        for side in ("lower", "upper"):
            k = rec[side]["assume"]
            if not (isinstance(k, int) and 0 <= k < len(assume)):
                raise CertificateError(f"{v}: cited assumption {k!r} does not exist")
            got, value, strict = _bound(*assume[k], j, n, earlier)
            op = rec[side]["open"]
            if got != side or not isinstance(op, bool) or (op and not strict):
                raise CertificateError(f"{v}: assumption {k} is not a {'strict ' * op}{side} bound")
            ends.append(_compose(value, images, n))
        t = {tuple(int(q == i) for q in range(n)): P.Fraction(1)}
        images[j] = P.add(ends[0], P.mul(P.add(ends[1], ends[0], -1), t))
        opens.append((rec["lower"]["open"], rec["upper"]["open"]))
    for v, img in zip(vs, images, strict=True):
        rec, rv = P.from_record(bm["substitution"][v])
        if rv != tv or rec != img:
            raise CertificateError(f"recorded substitution for {v} differs from the one its bounds determine")
    return images, opens, tv


def _compose(p: P.Poly, images: list, n: int) -> P.Poly:
    out: P.Poly = {}
    for m, c in p.items():
        term = P.const(c, n)
        for i, e in enumerate(m):
            term = P.mul(term, P.power(images[i], e, n)) if e else term
        out = P.add(out, term)
    return out


def prepare(claim: dict, proof: dict) -> tuple[tuple[int, ...], list[int], list[tuple[bool, bool]], bool]:
    """Steps 1–2: integer monomial tensor (shape = degrees + 1) of ``q``, open flags, strictness."""
    vs, _, p, strict = goal(claim)
    images, opens, tv = check_boxmap(claim, proof["boxmap"])
    q = _compose(p, images, len(vs))
    rec, rv = P.from_record(proof["goal_on_box"])
    if rv != tv or rec != q:
        raise CertificateError("recorded goal polynomial on the box differs from the composed goal")
    shape = tuple(max((m[i] for m in q), default=0) + 1 for i in range(len(vs)))
    scale = lcm(*(c.denominator for c in q.values())) if q else 1
    flat = [0] * prod(shape)
    for m, c in q.items():
        flat[sum(e * prod(shape[i + 1:]) for i, e in enumerate(m))] = int(c * scale)
    return shape, flat, opens, strict


@lru_cache(maxsize=64)
def _fibers(shape: tuple[int, ...], axis: int) -> list[list[int]]:
    s, d1 = prod(shape[axis + 1:]), shape[axis]
    return [[b + o + k * s for k in range(d1)] for b in range(0, prod(shape), d1 * s) for o in range(s)]


def _per_axis(shape: tuple[int, ...], flat: list[int], axis: int, f) -> list[list[int]]:
    outs: list[list[int]] = []
    for idx in _fibers(shape, axis):
        for o, vals in enumerate(f([flat[i] for i in idx])):
            if o == len(outs):
                outs.append([0] * len(flat))
            for i, v in zip(idx, vals, strict=True):
                outs[o][i] = v
    return outs


def _bern1(a: list[int]) -> tuple[list[int]]:
    d = len(a) - 1
    m = lcm(*(comb(d, k) for k in range(d + 1)))
    return ([sum(comb(d - j, k - j) * a[j] for j in range(k + 1)) * (m // comb(d, k)) for k in range(d + 1)],)


def _split1(b: list[int]) -> tuple[list[int], list[int]]:
    d, rows = len(b) - 1, [b]
    for _ in range(d):
        rows.append([x + y for x, y in zip(rows[-1], rows[-1][1:], strict=False)])
    return [rows[k][0] << (d - k) for k in range(d + 1)], [rows[d - k][k] << k for k in range(d + 1)]


def _shift1(a: list[int], num: int, e: int) -> tuple[list[int]]:
    """Coefficients of ``2^{ed} q((num + s)/2^e)`` in ``s`` (exact Taylor shift)."""
    d = len(a) - 1
    c = [x << (e * (d - j)) for j, x in enumerate(a)]
    for i in range(d):
        for j in range(d - 1, i - 1, -1):
            c[j] += num * c[j + 1]
    return (c,)


def to_bernstein(shape: tuple[int, ...], flat: list[int]) -> list[int]:
    for axis in range(len(shape)):
        (flat,) = _per_axis(shape, flat, axis, _bern1)
    return flat


def split(shape: tuple[int, ...], flat: list[int], axis: int) -> tuple[list[int], list[int]]:
    left, right = _per_axis(shape, flat, axis, _split1)
    return left, right


def on_box(shape: tuple[int, ...], flat: list[int], box: Box) -> list[int]:
    """Bernstein coefficients (positively scaled) of the monomial tensor ``flat`` on a dyadic box."""
    for axis, (num, e) in enumerate(box):
        (flat,) = _per_axis(shape, flat, axis, lambda a, num=num, e=e: _shift1(a, num, e))
    return to_bernstein(shape, flat)


@lru_cache(maxsize=64)
def _patterns(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Per flat index and axis: 0 index 0, 1 index d, 2 in between, 3 both (d = 0)."""
    return [tuple(3 if s == 1 else 0 if k == 0 else 1 if k == s - 1 else 2
                  for k, s in zip(ix, shape, strict=True)) for ix in product(*(range(s) for s in shape))]


def leaf_failure(shape: tuple[int, ...], c: list[int], box: Box, opens: list, strict: bool) -> str | None:
    """Why the leaf criterion fails on ``box`` (None when it holds)."""
    if min(c) < 0:
        return "a Bernstein coefficient is negative"
    if not strict or min(c) > 0:
        return None
    pats = {pt for pt, v in zip(_patterns(shape), c, strict=True) if v > 0}
    for face in product("lhm", repeat=len(shape)):
        if any((f == "l" and num == 0 and op[0]) or (f == "h" and num + 1 == 1 << e and op[1])
               for f, (num, e), op in zip(face, box, opens, strict=True)):
            continue  # lies on an excluded face of the domain
        if not any(all(f == "m" or pt in (3, "lh".index(f)) for f, pt in zip(face, pat, strict=True))
                   for pat in pats):
            return f"face {''.join(face)} has no positive coefficient"
    return None


def walk(tree: str, n: int):
    """Yield ``(token, box)`` in preorder; raise unless the string is exactly one bisection tree."""
    if not isinstance(tree, str):
        raise CertificateError("tree must be a string")
    stack: list[Box] = [[(0, 0)] * n]
    pos = 0
    while stack:
        if pos >= len(tree):
            raise CertificateError("tree ends before the leaves cover the box")
        box, tok = stack.pop(), tree[pos]
        pos += 1
        if tok.isdigit() and int(tok) >= n:
            raise CertificateError(f"split axis {tok} out of range")
        yield tok, box
        if tok.isdigit():
            ax = int(tok)
            num, e = box[ax]
            stack.append(box[:ax] + [(2 * num + 1, e + 1)] + box[ax + 1:])
            stack.append(box[:ax] + [(2 * num, e + 1)] + box[ax + 1:])
    if pos != len(tree):
        raise CertificateError("tree has tokens after the cover is complete")


def check_bernstein(claim_record: dict, proof: dict) -> str:
    """Validate a Bernstein proof object (format: ``proofs/bernstein.py``); return a summary."""
    if proof.get("method") != "bernstein":
        raise CertificateError("not a Bernstein proof object")
    shape, flat, opens, strict = prepare(claim_record, proof)
    stack, leaves = [to_bernstein(shape, flat)], 0
    for tok, box in walk(proof["tree"], len(shape)):
        c = stack.pop()
        if tok.isdigit():
            left, right = split(shape, c, int(tok))
            stack += [right, left]
        else:
            leaves += 1
            why = leaf_failure(shape, c, box, opens, strict) if tok == "+" else f"unknown leaf token {tok!r}"
            if why:
                raise CertificateError(f"leaf {box}: {why}")
    return f"Bernstein certificate valid: {leaves} leaves, degrees {[d - 1 for d in shape]}"
