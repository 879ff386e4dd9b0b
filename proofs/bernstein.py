"""Exact Bernstein certificates for ``∀x ∈ D: p(x) > 0`` (or ``≥ 0``) on a box-mappable domain ``D``.

Method: map ``[0,1]^n`` onto ``D`` by the triangular substitution of ``proofs.boxmap`` (open faces for
strict bounds), compose ``q = ±p∘φ`` exactly (python-flint ``fmpq_mpoly``), expand ``q`` in the tensor
Bernstein basis of degree ``deg_t q`` with exact integers, and bisect (breadth first) until every leaf
satisfies the criterion of ``checker.bernstein``: all coefficients ``≥ 0``, and for a strict
goal a positive coefficient on every face of the leaf not lying on an open face of the unit box.

Refutation: Bernstein vertex coefficients are the values of ``q`` at the box corners; a corner off the
open faces with the wrong sign is mapped back by ``φ`` and re-verified by exact evaluation of every
assumption and of the goal in the original variables. Box/depth/time limits give ``unknown``.

Proof object (checked by ``checker.bernstein.check_bernstein``)::

    {"method": "bernstein",
     "boxmap": {"order", "box_vars", "bounds", "substitution"},   # see proofs.boxmap.BoxMap.record
     "goal_on_box": <polynomial record of q in box_vars>,          # sign-normalised: prove q > 0 / q ≥ 0
     "tree": "<preorder bisection string>"}                        # digit i = halve axis i, "+" = leaf
"""

from __future__ import annotations

import time
from collections import deque
from fractions import Fraction
from itertools import product
from math import lcm, prod

import flint

from proofs.boxmap import BoxMap, find_boxmap, goal_holds, holds_all
from proofs.claim import Claim
from proofs.exact_result import ExactResult
from checker.bernstein import Box, leaf_failure, split, to_bernstein
from checker.poly import Poly, to_record


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


def prepare(claim: Claim) -> BoxGoal | str:
    """Box map + composed goal, or the reason the method does not apply."""
    if claim.show.rel not in (">", ">=", "<", "<="):
        return f"goal relation {claim.show.rel!r} is not an inequality"
    bm = find_boxmap(claim)
    return bm if isinstance(bm, str) else BoxGoal(claim, bm)


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
    if len(bg.shape) > 10:
        return ExactResult("unknown", detail="more than 10 variables")
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
