"""Re-derive, from the heavy-ball update rule, every polynomial the paper's claims are about.

Heavy ball (paper eq. 1) in one eigen-direction, reduced variables ``a = αλ``, ``b = β``, ``g = γτ``,
noise ``x̂ = αξ`` entering both ``Δw`` and ``v`` with coefficient −1:

    Δw' = (1−a)Δw + b v − x̂,    v' = −aΔw + b v − x̂,    E x̂ = 0,
    E x̂² = γα²λ·Tr(HC) − g a² C    (SE noise, paper eq. 7, τ₁ = 1, τ₂ = τ).

Taking second moments of ``(Δw, v)`` gives ``(C, J, P)' = A (C, J, P) + γα²λ Tr(HC)·(1, 1, 1)``: the
cross terms with ``x̂`` vanish and ``E x̂²`` contributes ``−g a²`` to the ``C`` column of every row.
From ``A``: ``S = det(I − zA)``; the ``C``-components of ``(I − zA)⁻¹(1,1,1)`` and ``(I − zA)⁻¹(1,0,0)``
are ``u_num/S`` and ``v_num/S`` (Cramer: the first row of the adjugate); ``R1 = (z u_num)′S − z u_num S′``
is the numerator of ``d/dz (z u)`` (paper Lemma 1.3). The noiseless map ``M = [[1−a, b], [−a, b]]`` has
characteristic polynomial ``f = det(μI − M)`` (paper App. H).

Examples:
    >>> from checker.poly import parse
    >>> polys()["u_num"] == parse("1 + b*z", VARS)
    True
    >>> char_poly() == parse("mu**2 - (1 + b - a)*mu + b", CHAR_VARS)
    True
"""

from __future__ import annotations

from functools import lru_cache

from .poly import Poly, add, const, det3, diff, mul, scale, var

VARS = ["a", "b", "g", "z"]
CHAR_VARS = ["a", "b", "mu"]
N = len(VARS)


def operator() -> list[list[Poly]]:
    """The 3×3 second-moment operator ``A(a, b, g)`` acting on ``(C, J, P)``."""
    a, b, g, one = var(0, N), var(1, N), var(2, N), const(1, N)
    dw, v = [add(one, a, -1), b, const(-1, N)], [scale(a, -1), b, const(-1, N)]  # over (Δw, v, x̂)
    noise_c = scale(mul(g, mul(a, a)), -1)

    def moment(p: list[Poly], q: list[Poly]) -> list[Poly]:
        return [add(mul(p[0], q[0]), mul(mul(p[2], q[2]), noise_c)), add(mul(p[0], q[1]), mul(p[1], q[0])),
                mul(p[1], q[1])]

    return [moment(dw, dw), moment(dw, v), moment(v, v)]


def generating(A: list[list[Poly]]) -> dict[str, Poly]:
    """``S``, ``u_num``, ``v_num``, ``R1`` from an operator ``A`` (see the module docstring)."""
    z = var(3, N)
    M = [[add(const(int(i == j), N), mul(z, A[i][j]), -1) for j in range(3)] for i in range(3)]

    def cofactor(r: int, c: int) -> Poly:
        (r0, r1), (c0, c1) = [i for i in range(3) if i != r], [j for j in range(3) if j != c]
        return scale(add(mul(M[r0][c0], M[r1][c1]), mul(M[r0][c1], M[r1][c0]), -1), (-1) ** (r + c))

    S = det3(M, N)
    adj0 = [cofactor(j, 0) for j in range(3)]
    u_num = add(add(adj0[0], adj0[1]), adj0[2])
    zu = mul(z, u_num)
    return {"S": S, "u_num": u_num, "v_num": adj0[0], "R1": add(mul(diff(zu, 3), S), mul(zu, diff(S, 3)), -1)}


@lru_cache(maxsize=1)
def polys() -> dict[str, Poly]:
    """``S``, ``u_num``, ``v_num``, ``R1`` in ``VARS``, derived from the update rule (cached: never mutate)."""
    return generating(operator())


def char_poly() -> Poly:
    """``f = det(μI − M)`` over ``CHAR_VARS``, ``M`` the noiseless heavy-ball map."""
    a, b, mu, one = var(0, 3), var(1, 3), var(2, 3), const(1, 3)
    m00, m01, m10, m11 = add(one, a, -1), b, scale(a, -1), b
    return add(mul(add(mu, m00, -1), add(mu, m11, -1)), mul(m01, m10), -1)
