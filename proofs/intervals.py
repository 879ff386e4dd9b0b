"""Interval-arithmetic certificates (python-flint ``arb``) with an exact Bernstein fallback at boundary zeros.

After the box map of ``proofs.boxmap`` the goal is ``q(t) > 0`` (or ``≥ 0``) on ``[0,1]^n`` minus the
open faces. Branch and bound over dyadic boxes ``X = Π [l_i, h_i]`` with midpoint ``m`` and half-widths
``r_i``, using the mean-value form (exactly what the checker re-evaluates)

    q(X) ≥ E(X) := q(m) − Σ_i r_i · max(|L_i|, |H_i|),

where ``[L_i, H_i]`` is the natural interval extension of the monomial sum of ``∂q/∂t_i`` on ``X`` — on
``X ⊂ [0,1]^n`` a monomial ranges exactly over ``[Π l^k, Π h^k]``, so ``L_i = Σ_{c>0} c Π l^k + Σ_{c<0}
c Π h^k``. ``arb`` evaluates ``E(X)`` as a ball containing the exact rational value, so "ball > 0"
implies ``E(X) > 0``. A box is closed by intervals (leaf ``i``) when ``E(X) > 0`` (``≥ 0`` for a
non-strict goal).

Boundary zeros: ``S = 0`` at ``a = 0, z = 1`` (open faces) makes ``E(X) ≤ 0`` on every box touching
them, at every depth, so intervals alone never terminate there. A box that touches an open face (or is
deeper than ``fallback_depth``) and fails the interval test is given to the exact Bernstein face
criterion of ``proofs.bernstein`` on that box (leaf ``b``). The cover is always the whole
bisection tree of ``[0,1]^n``; nothing is dropped near the boundary.

Refutation: ``q`` at box midpoints (exactly, when the ball is not positive) and at Bernstein corners,
mapped back by ``φ`` and re-verified in the original variables.

Proof object (re-checked by the independent certificate checker; :func:`replay` re-runs it here)::

    {"method": "intervals", "boxmap": …, "goal_on_box": …,    # as in proofs.bernstein
     "tree": "<preorder string: digit i = halve axis i, 'i' = interval leaf, 'b' = Bernstein leaf>"}
"""

from __future__ import annotations

import time
from collections import deque
from fractions import Fraction
from itertools import product
from math import comb, prod

import flint

from proofs.bernstein import (
    Box,
    BoxGoal,
    along_axis,
    corner_counterexample,
    leaf_failure,
    on_box,
    preorder,
    prepare,
    replay_goal,
    taylor_shift,
    walk,
)
from proofs.claim import Claim
from proofs.exact_result import ExactResult


class _Enclosure:
    """``E(X)`` in arb balls for the integer-scaled ``q`` of a ``BoxGoal``."""

    def __init__(self, bg: BoxGoal) -> None:
        self.shape, self.n = bg.shape, len(bg.shape)
        self.flat = [flint.arb(c) for c in bg.flat]
        self.index = list(product(*(range(d) for d in bg.shape)))

    def __call__(self, box: Box) -> tuple[flint.arb, flint.arb, list[float]]:
        """Balls of ``E(X)`` and of ``q(m)``; per-axis weights ``Σ_{k_i>0} |c_k|`` to choose a split."""
        c = self.flat
        for axis, (num, e) in enumerate(box):
            m, r = flint.arb(flint.fmpq(2 * num + 1, 1 << (e + 1))), flint.arb(flint.fmpq(1, 1 << (e + 1)))
            mp, rp = [m**j for j in range(self.shape[axis])], [r**j for j in range(self.shape[axis])]
            c = along_axis(self.shape, c, axis, lambda a, mp=mp, rp=rp: _taylor1(a, mp, rp))
        lower, weights = c[0], [0.0] * self.n
        for k, ck in zip(self.index[1:], c[1:], strict=True):
            lower += ck.min(flint.arb(0)) if all(x % 2 == 0 for x in k) else -abs(ck)
            for i, x in enumerate(k):
                if x:
                    weights[i] += abs(float(ck.mid()))
        return lower, c[0], weights


def _taylor1(a: list, mp: list, rp: list) -> list:
    """Coefficients of ``Σ_j a_j (m + r s)^j`` in ``s``, given powers ``mp[j] = m^j``, ``rp[k] = r^k``."""
    d = len(a) - 1
    return [sum((a[j] * (comb(j, k) * mp[j - k]) for j in range(k, d + 1)), flint.arb(0)) * rp[k]
            for k in range(d + 1)]


def _boundary_zero_possible(bg: BoxGoal, box: Box) -> bool:
    """Does the box touch an open face of the unit box on which ``q`` may vanish inside the closed box?

    Exact test: ``q > 0`` on that closed face piece if all its Bernstein coefficients are ``> 0``.
    """
    c, strides = None, [prod(bg.shape[i + 1:]) for i in range(len(bg.shape))]
    for axis, ((num, e), (op_lo, op_hi)) in enumerate(zip(box, bg.bm.open_faces, strict=True)):
        for side, touching in ((0, num == 0 and op_lo), (bg.shape[axis] - 1, num + 1 == 1 << e and op_hi)):
            if touching:
                c = on_box(bg.shape, bg.flat, box) if c is None else c
                if any(v <= 0 for i, v in enumerate(c) if (i // strides[axis]) % bg.shape[axis] == side):
                    return True
    return False


def certify(claim: Claim, timeout_s: float | None = None, max_boxes: int = 20000,
            max_depth: int = 60, boundary_depth: int | None = None,
            fallback_depth: int = 24) -> ExactResult:
    """Prove/refute ``claim`` by arb branch and bound + Bernstein fallback (format: module docstring)."""
    start = time.perf_counter()
    bg = prepare(claim)
    if isinstance(bg, str):
        return ExactResult("unknown", detail=f"interval method not applicable: {bg}")
    enc, opens, n = _Enclosure(bg), bg.bm.open_faces, len(bg.shape)
    boundary_depth = n if boundary_depth is None else boundary_depth
    boxes: list[Box] = [[(0, 0)] * n]
    cex = corner_counterexample(bg, on_box(bg.shape, bg.flat, boxes[0]), boxes[0])
    if cex is not None:
        return ExactResult("refuted", counterexample=cex, detail="goal fails at a corner of the box (exact)")
    children: dict[int, tuple[int, int, int]] = {}
    leaf: dict[int, str] = {}
    queue, depth = deque([0]), 0
    while queue:
        if timeout_s is not None and time.perf_counter() - start > timeout_s:
            return ExactResult("unknown", detail=f"timeout after {len(boxes)} boxes",
                               stats={"boxes": len(boxes)})
        k = queue.popleft()
        box = boxes[k]
        lower, qm, weights = enc(box)
        if lower > 0 or (not bg.strict and lower >= 0):
            leaf[k] = "i"
            continue
        if not qm > 0:
            mid = [Fraction(2 * num + 1, 1 << (e + 1)) for num, e in box]
            cex = bg.counterexample(mid)
            if cex is not None:
                return ExactResult("refuted", counterexample=cex, stats={"boxes": len(boxes)},
                                   detail="goal fails at a box midpoint (exact)")
        d = sum(e for _, e in box)
        if d >= fallback_depth or (d >= boundary_depth and _boundary_zero_possible(bg, box)):
            c = on_box(bg.shape, bg.flat, box)
            cex = corner_counterexample(bg, c, box)
            if cex is not None:
                return ExactResult("refuted", counterexample=cex, detail="goal fails at a box corner (exact)",
                                   stats={"boxes": len(boxes)})
            if leaf_failure(bg.shape, c, box, opens, bg.strict) is None:
                leaf[k] = "b"
                continue
        depth = max(depth, d + 1)
        if depth > max_depth or len(boxes) + 2 > max_boxes:
            return ExactResult("unknown", detail=f"no cover within {max_boxes} boxes / depth {max_depth}",
                               stats={"boxes": len(boxes), "depth": depth})
        axis = max(range(n), key=lambda i: (weights[i], -i))
        num, e = box[axis]
        children[k] = (axis, len(boxes), len(boxes) + 1)
        for half in (0, 1):
            queue.append(len(boxes))
            boxes.append(box[:axis] + [(2 * num + half, e + 1)] + box[axis + 1:])
    n_i = sum(v == "i" for v in leaf.values())
    proof = {"method": "intervals", "boxmap": bg.bm.record(), "goal_on_box": bg.record(),
             "tree": preorder(children, leaf=leaf)}
    n_b = len(leaf) - n_i
    return ExactResult("proved", proof=proof,
                       detail=f"interval cover: {n_i} boxes by arb, {n_b} by the Bernstein fallback",
                       stats={"boxes": len(boxes), "interval_leaves": n_i, "bernstein_leaves": n_b,
                              "depth": depth})


def interval_lower(shape: tuple[int, ...], flat: list[int], box: Box) -> int:
    """The centred form ``E`` of the module docstring on ``box``, exactly (times a positive constant).

    ``q(m + r s) = Σ c_k s^k`` with ``s ∈ [−1,1]^n`` are the monomial coefficients of ``q`` on the dyadic
    box ``[(2num+1)/2^{e+1}, …]`` read from its centre, so ``E = c_0 + Σ_{k≠0 even} min(c_k, 0) −
    Σ_{k odd} |c_k|`` in exact integers; it is ``≥`` the arb ball's lower end used by ``certify``.
    """
    c = taylor_shift(shape, flat, [(2 * num + 1, e + 1) for num, e in box])
    index = product(*(range(d) for d in shape))
    next(index)
    return c[0] + sum(min(v, 0) if all(x % 2 == 0 for x in k) else -abs(v) for k, v in zip(index, c[1:],
                                                                                            strict=True))


def replay(claim: Claim, proof: dict) -> str:
    """Re-run an interval proof object from its serialised form with exact integers; a summary.

    The producer's own check before a proof object is written (leaf ``i``: exact ``E`` of
    :func:`interval_lower`; leaf ``b``: the Bernstein criterion on the box); the certificate checker
    re-validates it independently. Raises ``ValueError`` naming the first failing leaf.
    """
    if proof.get("method") != "intervals":
        raise ValueError("not an interval proof object")
    bg = replay_goal(claim, proof)
    count = {"i": 0, "b": 0}
    for tok, box in walk(proof["tree"], len(bg.shape)):
        if tok.isdigit():
            continue
        if tok == "i":
            e = interval_lower(bg.shape, bg.flat, box)
            why = None if e > 0 or (e == 0 and not bg.strict) else "interval lower bound does not show the sign"
        elif tok == "b":
            why = leaf_failure(bg.shape, on_box(bg.shape, bg.flat, box), box, bg.bm.open_faces, bg.strict)
        else:
            why = f"unknown leaf token {tok!r}"
        if why:
            raise ValueError(f"leaf {box}: {why}")
        count[tok] += 1
    return f"interval certificate valid: {count['i']} interval boxes, {count['b']} Bernstein boxes"
