"""Check an interval certificate of ``∀x ∈ D: p(x) > 0`` (or ``≥ 0``). Standard library only.

Substitution, composed goal ``q`` and the bisection tree are checked as for Bernstein certificates
(``checker.bernstein``). Leaves: ``b`` — the exact Bernstein criterion on that box; ``i`` — the
interval (centred Taylor form) bound, re-evaluated exactly: on the box with midpoint ``m`` and
half-widths ``r``, ``q(m + r s) = Σ c_k s^k`` with ``s ∈ [−1,1]^n``, so ``s^k ∈ [0,1]`` when every
exponent is even and ``[−1,1]`` otherwise, and ``q ≥ E := c_0 + Σ_{k≠0, even} min(c_k, 0) −
Σ_{k odd} |c_k|``. The ``c_k`` are exact integers (dyadic boxes, positive scaling), so the interval
bound needs no rounding at all; the leaf holds if ``E > 0`` (``E ≥ 0`` for a non-strict goal).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from .bernstein import _per_axis, _shift1, leaf_failure, on_box, prepare, walk
from .core import CertificateError


@lru_cache(maxsize=16)
def _even(shape: tuple[int, ...]) -> list[bool]:
    return [all(k % 2 == 0 for k in ix) for ix in product(*(range(s) for s in shape))]


def interval_lower(shape: tuple[int, ...], flat: list[int], box: list[tuple[int, int]]) -> int:
    """``E`` (times a positive constant) of the centred Taylor form of ``q`` on a dyadic box."""
    for axis, (num, e) in enumerate(box):
        (flat,) = _per_axis(shape, flat, axis, lambda a, num=num, e=e: _shift1(a, 2 * num + 1, e + 1))
    even = _even(shape)
    return flat[0] + sum(min(c, 0) if ev else -abs(c) for c, ev in zip(flat[1:], even[1:], strict=True))


def check_intervals(claim_record: dict, proof: dict) -> str:
    """Validate an interval proof object (format: ``proofs/intervals.py``); return a summary."""
    if proof.get("method") != "intervals":
        raise CertificateError("not an interval proof object")
    shape, flat, opens, strict = prepare(claim_record, proof)
    count = {"i": 0, "b": 0}
    for tok, box in walk(proof["tree"], len(shape)):
        if tok == "i":
            e = interval_lower(shape, flat, box)
            why = None if e > 0 or (e == 0 and not strict) else "interval lower bound does not show the sign"
        elif tok == "b":
            why = leaf_failure(shape, on_box(shape, flat, box), box, opens, strict)
        elif tok.isdigit():
            continue
        else:
            why = f"unknown leaf token {tok!r}"
        if why:
            raise CertificateError(f"leaf {box}: {why}")
        count[tok] += 1
    return f"interval certificate valid: {count['i']} interval boxes, {count['b']} Bernstein boxes"
