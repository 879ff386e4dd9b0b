"""Exact Bernstein certificates for ``∀x ∈ D: p(x) > 0`` (or ``≥ 0``) on a box-mappable domain ``D``.

Method: map ``[0,1]^n`` onto ``D`` by the triangular substitution of ``proofs.boxmap`` (open faces for
strict bounds), compose ``q = ±p∘φ`` exactly (python-flint ``fmpq_mpoly``), expand ``q`` in the tensor
Bernstein basis of degree ``deg_t q`` with exact integers, and bisect (breadth first) until every leaf
satisfies the leaf criterion (:func:`leaf_failure`): all coefficients ``≥ 0``, and for a strict goal a
positive coefficient on every face of the leaf not lying on an open face of the unit box.

Exact tensor arithmetic (this module's own, on python-flint ``fmpz_mat``): a coefficient tensor of
shape ``(d_1+1, …, d_n+1)`` is a flat row-major list of integers; each step is an integer matrix applied
along one axis, and every step multiplies the whole tensor by a positive constant at most (only signs,
and comparisons within one tensor, are ever used):

* monomial → Bernstein on ``[0,1]``: ``b_k = Σ_{j≤k} C(k,j)/C(d,j) a_j``, scaled by ``lcm_j C(d,j)``;
* halving (de Casteljau): left ``2^{d−k} Σ_{j≤k} C(k,j) b_j``, right ``2^k Σ_{j≥k} C(d−k,j−k) b_j``
  (both ``2^d`` times the coefficients on the halves);
* a dyadic box ``[num/2^e, (num+1)/2^e]``: Taylor shift, the coefficients of
  ``2^{ed} p((num + s)/2^e)`` in ``s`` (``Σ_{j≥k} C(j,k) num^{j−k} 2^{e(d−j)} a_j``), then the above.

Refutation: Bernstein vertex coefficients are the values of ``q`` at the box corners; a corner off the
open faces with the wrong sign is mapped back by ``φ`` and re-verified by exact evaluation of every
assumption and of the goal in the original variables. Box/depth/time limits give ``unknown``.

Proof object (re-checked by the independent certificate checker; :func:`replay` re-runs it here)::

    {"method": "bernstein",
     "boxmap": {"order", "box_vars", "bounds", "substitution"},   # see proofs.boxmap.BoxMap.record
     "goal_on_box": <polynomial record of q in box_vars>,          # sign-normalised: prove q > 0 / q ≥ 0
     "tree": "<preorder bisection string>"}                        # digit i = halve axis i, "+" = leaf
"""

from __future__ import annotations

import time
from collections import deque
from fractions import Fraction
from functools import lru_cache
from itertools import product
from math import comb, lcm, prod

import flint

from proofs.boxmap import BoxMap, as_bound, find_boxmap, goal_holds, holds_all
from proofs.claim import Claim
from proofs.exact_result import ExactResult
from symbolic.polynomial import Poly, to_record

Box = list[tuple[int, int]]  # per axis (num, e): the dyadic interval [num/2^e, (num+1)/2^e]
MAX_TENSOR = 2_000_000  # coefficients of the dense tensor (beyond: the method does not apply)
MAX_VARIABLES = 10
FAST_REASONS = 8  # from this many variables on, look for a missing bound before trying n! orders


class TooLarge(ValueError):
    """The composed goal's dense tensor is beyond :data:`MAX_TENSOR`."""


# ------------------------------------------------------------------------------------- tensor algebra

def along_axis(shape: tuple[int, ...], flat: list, axis: int, fiber_map) -> list:
    """Apply ``fiber_map`` (list → list of the same length) to every fibre of the tensor along ``axis``."""
    d, stride = shape[axis], prod(shape[axis + 1:])
    out = list(flat)
    for base in range(0, len(flat), d * stride):
        for off in range(base, base + stride):
            out[off:off + d * stride:stride] = fiber_map(flat[off:off + d * stride:stride])
    return out


def _matrix_along(shape: tuple[int, ...], flat: list[int], axis: int, mat: flint.fmpz_mat) -> list[int]:
    """``mat`` (an integer ``d × d`` matrix) applied along ``axis``: one ``fmpz_mat`` product."""
    d, stride = shape[axis], prod(shape[axis + 1:])
    outer = len(flat) // (d * stride)
    cols = outer * stride
    x = flint.fmpz_mat(d, cols, [v for k in range(d) for o in range(outer)
                                 for v in flat[(o * d + k) * stride:(o * d + k + 1) * stride]])
    y = [int(v) for v in (mat * x).entries()]
    out = [0] * len(flat)
    for k in range(d):
        row = y[k * cols:(k + 1) * cols]
        for o in range(outer):
            out[(o * d + k) * stride:(o * d + k + 1) * stride] = row[o * stride:(o + 1) * stride]
    return out


@lru_cache(maxsize=256)
def _to_bernstein_matrix(d1: int) -> flint.fmpz_mat:
    d = d1 - 1
    m = lcm(*(comb(d, j) for j in range(d1)))
    return flint.fmpz_mat(d1, d1, [comb(k, j) * (m // comb(d, j)) if j <= k else 0
                                   for k in range(d1) for j in range(d1)])


@lru_cache(maxsize=256)
def _halving_matrices(d1: int) -> tuple[flint.fmpz_mat, flint.fmpz_mat]:
    d = d1 - 1
    left = [comb(k, j) << (d - k) if j <= k else 0 for k in range(d1) for j in range(d1)]
    right = [comb(d - k, j - k) << k if j >= k else 0 for k in range(d1) for j in range(d1)]
    return flint.fmpz_mat(d1, d1, left), flint.fmpz_mat(d1, d1, right)


@lru_cache(maxsize=4096)
def _shift_matrix(d1: int, num: int, e: int) -> flint.fmpz_mat:
    d = d1 - 1
    return flint.fmpz_mat(d1, d1, [(comb(j, k) * num ** (j - k)) << (e * (d - j)) if j >= k else 0
                                   for k in range(d1) for j in range(d1)])


def to_bernstein(shape: tuple[int, ...], flat: list[int]) -> list[int]:
    """Bernstein coefficients on ``[0,1]^n`` (positively scaled) of the integer monomial tensor ``flat``."""
    for axis, d1 in enumerate(shape):
        flat = _matrix_along(shape, flat, axis, _to_bernstein_matrix(d1))
    return flat


def split(shape: tuple[int, ...], c: list[int], axis: int) -> tuple[list[int], list[int]]:
    """Bernstein coefficients (positively scaled) of the two halves of the box along ``axis``."""
    left, right = _halving_matrices(shape[axis])
    return _matrix_along(shape, c, axis, left), _matrix_along(shape, c, axis, right)


def taylor_shift(shape: tuple[int, ...], flat: list[int], box: Box) -> list[int]:
    """Monomial coefficients in ``s ∈ [0,1]^n`` of ``flat`` on the dyadic ``box`` (positively scaled)."""
    for axis, (num, e) in enumerate(box):
        flat = _matrix_along(shape, flat, axis, _shift_matrix(shape[axis], num, e))
    return flat


def on_box(shape: tuple[int, ...], flat: list[int], box: Box) -> list[int]:
    """Bernstein coefficients (positively scaled) of the monomial tensor ``flat`` on a dyadic box."""
    return to_bernstein(shape, taylor_shift(shape, flat, box))


def _face_support(shape: tuple[int, ...], c: list[int]) -> set[tuple[tuple[bool, bool], ...]]:
    """Per positive coefficient and axis: (index is 0, index is d) — the faces its basis function sees."""
    strides = [prod(shape[i + 1:]) for i in range(len(shape))]
    return {tuple(((i // s) % d == 0, (i // s) % d == d - 1) for s, d in zip(strides, shape, strict=True))
            for i, v in enumerate(c) if v > 0}


def leaf_failure(shape: tuple[int, ...], c: list[int], box: Box, opens: list, strict: bool) -> str | None:
    """Why the leaf criterion fails on ``box`` (``None`` when it holds).

    Non-strict goal: every coefficient ``≥ 0``. Strict goal: besides, every face of the leaf (per axis
    lower end, upper end or interior) that does not lie on an open face of the unit box carries a
    positive coefficient whose index is 0 on its lower-end axes and ``d`` on its upper-end axes: on the
    relative interior of that face this basis function is positive and the others are ``≥ 0``, and the
    relative interiors of the faces partition the leaf.
    """
    if any(v < 0 for v in c):
        return "a Bernstein coefficient is negative"
    if not strict or all(v > 0 for v in c):
        return None
    support = _face_support(shape, c)
    choices = []
    for (num, e), (open_lo, open_hi) in zip(box, opens, strict=True):
        axis_faces = ["m"]
        if not (num == 0 and open_lo):
            axis_faces.append("l")
        if not (num + 1 == 1 << e and open_hi):
            axis_faces.append("h")
        choices.append(axis_faces)
    for face in product(*choices):
        if not any(all(f == "m" or (f == "l" and lo) or (f == "h" and hi)
                       for f, (lo, hi) in zip(face, sig, strict=True)) for sig in support):
            return f"face {''.join(face)} has no positive coefficient"
    return None


def walk(tree: str, n: int):
    """Yield ``(token, box)`` of a preorder bisection string; raise ``ValueError`` unless it is one tree."""
    stack: list[Box] = [[(0, 0)] * n]
    for pos, tok in enumerate(tree):
        if not stack:
            raise ValueError(f"tree has tokens after the cover is complete (position {pos})")
        box = stack.pop()
        yield tok, box
        if tok.isdigit():
            axis = int(tok)
            if axis >= n:
                raise ValueError(f"split axis {tok} out of range")
            num, e = box[axis]
            stack += [box[:axis] + [(2 * num + 1, e + 1)] + box[axis + 1:],
                      box[:axis] + [(2 * num, e + 1)] + box[axis + 1:]]
    if stack:
        raise ValueError("tree ends before the leaves cover the box")


class BoxGoal:
    """The claim's goal on the unit box: ``q = ±p∘φ`` as exact polynomial and integer monomial tensor."""

    def __init__(self, claim: Claim, bm: BoxMap) -> None:
        self.claim, self.bm = claim, bm
        self.strict = claim.show.rel in (">", "<")
        sign = 1 if claim.show.rel in (">", ">=") else -1
        cx = flint.fmpq_mpoly_ctx.get(tuple(claim.variables), "lex")
        ct = flint.fmpq_mpoly_ctx.get(tuple(bm.box_vars), "lex")

        def to_flint(p: Poly, ctx):
            return ctx.from_dict({m: flint.fmpq(c.numerator, c.denominator) for m, c in p.items()})

        pf = to_flint({m: sign * c for m, c in claim.show.poly.items()}, cx)
        qf = pf.compose(*[to_flint(img, ct) for img in bm.images], ctx=ct) if pf.to_dict() else pf
        self.q: Poly = {tuple(int(e) for e in m): Fraction(int(c.p), int(c.q))
                        for m, c in qf.to_dict().items() if c != 0}
        n = len(bm.order)
        self.shape = tuple(max((m[i] for m in self.q), default=0) + 1 for i in range(n))
        if prod(self.shape) > MAX_TENSOR:
            raise TooLarge(f"the dense Bernstein tensor would have {prod(self.shape)} coefficients "
                           f"(limit {MAX_TENSOR}; degrees {[d - 1 for d in self.shape]})")
        scale = lcm(*(c.denominator for c in self.q.values())) if self.q else 1
        self.flat = [0] * prod(self.shape)
        for m, c in self.q.items():
            self.flat[sum(e * prod(self.shape[i + 1:]) for i, e in enumerate(m))] = int(c * scale)

    def record(self) -> dict:
        return to_record(self.q, self.bm.box_vars)

    def counterexample(self, t: list[Fraction]) -> dict[str, Fraction] | None:
        """``φ(t)`` if it satisfies every assumption exactly and violates the goal exactly."""
        x = self.bm.to_original(t)
        return x if holds_all(self.claim, x) and not goal_holds(self.claim, x) else None


def _missing_bound(claim: Claim) -> str | None:
    """A variable without any lower or upper bound (then no variable order is box-mappable).

    ``find_boxmap`` tries all ``n!`` orders; with many variables this necessary condition answers
    first. Applied only from :data:`FAST_REASONS` variables on, so smaller claims keep their reasons.
    """
    n = len(claim.variables)
    if any(c.rel in ("=", "!=") for c in claim.assume):
        return None  # find_boxmap answers this at once
    for j, v in enumerate(claim.variables):
        sides = {b[0] for c in claim.assume if (b := as_bound(c, j, n)) is not None}
        for side in ("lower", "upper"):
            if side not in sides:
                return f"domain is not a triangular box image: variable {v} has no {side} bound"
    return None


def prepare(claim: Claim) -> BoxGoal | str:
    """Box map + composed goal, or the reason the method does not apply."""
    if claim.show.rel not in (">", ">=", "<", "<="):
        return f"goal relation {claim.show.rel!r} is not an inequality"
    if len(claim.variables) > MAX_VARIABLES:
        return f"more than {MAX_VARIABLES} variables"
    if len(claim.variables) >= FAST_REASONS and (why := _missing_bound(claim)):
        return why
    bm = find_boxmap(claim)
    if isinstance(bm, str):
        return bm
    try:
        return BoxGoal(claim, bm)
    except TooLarge as exc:
        return str(exc)


def corner_counterexample(bg: BoxGoal, c: list[int], box: Box) -> dict[str, Fraction] | None:
    """Vertex coefficients are ``q`` at the corners (times a positive constant): check their signs."""
    opens, shape = bg.bm.open_faces, bg.shape
    strides = [prod(shape[i + 1:]) for i in range(len(shape))]
    for corner in product((0, 1), repeat=len(shape)):
        v = c[sum(s * (d - 1) * k for s, d, k in zip(strides, shape, corner, strict=True))]
        if v > 0 or (v == 0 and not bg.strict):
            continue
        t = [Fraction(num + k, 1 << e) for (num, e), k in zip(box, corner, strict=True)]
        if any((ti == 0 and op[0]) or (ti == 1 and op[1]) for ti, op in zip(t, opens, strict=True)):
            continue
        x = bg.counterexample(t)
        if x is not None:
            return x
    return None


def choose_axis(shape: tuple[int, ...], c: list[int]) -> int:
    """Axis with the largest jump between neighbouring Bernstein coefficients (ties: lowest axis)."""
    best, best_axis = -1, 0
    for axis, d in enumerate(shape):
        if d == 1:
            continue
        s = prod(shape[axis + 1:])
        jump = max(abs(c[i + s] - c[i]) for i in range(len(c) - s) if (i // s) % d != d - 1)
        if jump > best:
            best, best_axis = jump, axis
    return best_axis


def preorder(children: dict[int, tuple[int, int, int]], leaf: dict[int, str] | None = None) -> str:
    """Serialise a bisection tree (``children[id] = (axis, left, right)``) as a preorder string."""
    out, stack = [], [0]
    while stack:
        k = stack.pop()
        if k in children:
            axis, left, right = children[k]
            out.append(str(axis))
            stack += [right, left]
        else:
            out.append(leaf[k] if leaf else "+")
    return "".join(out)


def certify(claim: Claim, timeout_s: float | None = None, max_boxes: int = 20000,
            max_depth: int = 60) -> ExactResult:
    """Prove, refute or give up on ``claim`` with a Bernstein certificate (format: module docstring)."""
    start = time.perf_counter()
    bg = prepare(claim)
    if isinstance(bg, str):
        return ExactResult("unknown", detail=f"Bernstein method not applicable: {bg}")
    n = len(bg.shape)
    nodes: list[tuple[Box, list[int]]] = [([(0, 0)] * n, to_bernstein(bg.shape, bg.flat))]
    children: dict[int, tuple[int, int, int]] = {}
    queue, depth = deque([0]), 0
    while queue:
        if timeout_s is not None and time.perf_counter() - start > timeout_s:
            return ExactResult("unknown", detail=f"timeout after {len(nodes)} boxes",
                               stats={"boxes": len(nodes)})
        k = queue.popleft()
        box, c = nodes[k]
        cex = corner_counterexample(bg, c, box)
        if cex is not None:
            return ExactResult("refuted", counterexample=cex, detail="goal fails at a box corner (exact)",
                               stats={"boxes": len(nodes)})
        if leaf_failure(bg.shape, c, box, bg.bm.open_faces, bg.strict) is None:
            nodes[k] = (box, [])  # free memory; leaf
            continue
        depth = max(depth, sum(e for _, e in box) + 1)
        if depth > max_depth or len(nodes) + 2 > max_boxes:
            return ExactResult("unknown", stats={"boxes": len(nodes), "depth": depth},
                               detail=f"no certificate within {max_boxes} boxes / depth {max_depth}")
        axis = choose_axis(bg.shape, c)
        left, right = split(bg.shape, c, axis)
        num, e = box[axis]
        children[k] = (axis, len(nodes), len(nodes) + 1)
        for half, cc in ((0, left), (1, right)):
            queue.append(len(nodes))
            nodes.append((box[:axis] + [(2 * num + half, e + 1)] + box[axis + 1:], cc))
        nodes[k] = (box, [])
    proof = {"method": "bernstein", "boxmap": bg.bm.record(), "goal_on_box": bg.record(),
             "tree": preorder(children)}
    leaves = len(nodes) - len(children)
    return ExactResult("proved", proof=proof, detail=f"Bernstein certificate: {leaves} leaves, depth {depth}",
                       stats={"boxes": len(nodes), "leaves": leaves, "depth": depth,
                              "degrees": [d - 1 for d in bg.shape]})


def replay_goal(claim: Claim, proof: dict) -> BoxGoal:
    """The claim's box map and composed goal, which must be exactly the ones the proof object records."""
    bg = prepare(claim)
    if isinstance(bg, str):
        raise ValueError(f"the method does not apply to the claim: {bg}")
    if proof.get("boxmap") != bg.bm.record() or proof.get("goal_on_box") != bg.record():
        raise ValueError("the recorded box map or goal polynomial differs from the claim's")
    return bg


def replay(claim: Claim, proof: dict) -> str:
    """Re-run a Bernstein proof object from its serialised form with this module's code; a summary.

    The producer's own check before a proof object is written (every leaf of the recorded tree
    re-evaluated from the root coefficients); the certificate checker re-validates it independently.
    Raises ``ValueError`` naming the first failing leaf.
    """
    if proof.get("method") != "bernstein":
        raise ValueError("not a Bernstein proof object")
    bg = replay_goal(claim, proof)
    stack, leaves = [to_bernstein(bg.shape, bg.flat)], 0
    for tok, box in walk(proof["tree"], len(bg.shape)):
        c = stack.pop()
        if tok.isdigit():
            left, right = split(bg.shape, c, int(tok))
            stack += [right, left]
            continue
        why = leaf_failure(bg.shape, c, box, bg.bm.open_faces, bg.strict) if tok == "+" else f"token {tok!r}"
        if why:
            raise ValueError(f"leaf {box}: {why}")
        leaves += 1
    return f"Bernstein certificate valid: {leaves} leaves, degrees {[d - 1 for d in bg.shape]}"
