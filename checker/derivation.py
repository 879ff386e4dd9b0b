"""Re-check the derivation certificate from the update rule, with exact rational arithmetic.

Independently of the generator this module
1. re-derives the moment operator ``A`` from the heavy-ball update in reduced variables
   (``x̂ = αξ`` with ``E x̂² = γα²λ·Tr(HC) − g a² C``, paper eqs. 1, 7) and compares it with the record;
2. recomputes ``S = det(I − zA)``, the u/v numerators (first row of the adjugate applied to
   ``(1,1,1)`` and ``(1,0,0)``) and ``R1 = (z u_num)′ S − z u_num S′``;
3. compares ``S``, ``R1`` and the numerators with the paper's printed polynomials.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from . import paper
from .core import CertificateError
from .poly import Poly, add, const, det3, diff, from_record, mul, parse

VARS = ["a", "b", "g", "z"]
N = len(VARS)


def _var(name: str) -> Poly:
    m = [0] * N
    m[VARS.index(name)] = 1
    return {tuple(m): Fraction(1)}


def rederive_operator() -> list[list[Poly]]:
    """Second moments of ``Δw' = (1−a)Δw + b v − x̂``, ``v' = −aΔw + b v − x̂``."""
    a, b, g, one = _var("a"), _var("b"), _var("g"), const(1, N)
    # linear forms over the basis (Δw, v, x̂)
    dw = [add(one, a, -1), b, const(-1, N)]
    v = [{m: -c for m, c in a.items()}, b, const(-1, N)]
    noise_c = {m: -c for m, c in mul(g, mul(a, a)).items()}  # E x̂² contributes −g a² to the C column

    def second_moment(p: list[Poly], q: list[Poly]) -> list[Poly]:
        C = add(mul(p[0], q[0]), mul(p[2], mul(q[2], noise_c)))
        J = add(mul(p[0], q[1]), mul(p[1], q[0]))
        P = mul(p[1], q[1])
        return [C, J, P]  # cross terms with x̂ vanish: E[x̂ Δw] = E[x̂ v] = 0

    return [second_moment(dw, dw), second_moment(dw, v), second_moment(v, v)]


def _poly(rec: dict) -> Poly:
    p, variables = from_record(rec)
    if variables != VARS:
        raise CertificateError(f"polynomial over {variables}, expected {VARS}")
    return p


def check(content: dict, base: Path) -> str:
    rows = content["moment_operator"]
    if not (isinstance(rows, list) and len(rows) == 3 and all(isinstance(r, list) and len(r) == 3 for r in rows)):
        raise CertificateError("moment_operator must be a 3x3 matrix")
    A = [[_poly(rows[i][j]) for j in range(3)] for i in range(3)]
    if A != rederive_operator():
        raise CertificateError("moment_operator differs from the operator re-derived from the update rule")
    z = _var("z")
    M = [[add(const(int(i == j), N), mul(z, A[i][j]), -1) for j in range(3)] for i in range(3)]

    def cofactor(r: int, c: int) -> Poly:
        rows, cols = [i for i in range(3) if i != r], [j for j in range(3) if j != c]
        (r0, r1), (c0, c1) = rows, cols
        d = add(mul(M[r0][c0], M[r1][c1]), mul(M[r0][c1], M[r1][c0]), -1)
        return d if (r + c) % 2 == 0 else {m: -k for m, k in d.items()}

    adj_row0 = [cofactor(j, 0) for j in range(3)]  # adj[0][j] = cofactor(j, 0)
    S = det3(M, N)
    u_num = add(add(adj_row0[0], adj_row0[1]), adj_row0[2])
    v_num = adj_row0[0]
    zi = VARS.index("z")
    zu = mul(z, u_num)
    R1 = add(mul(diff(zu, zi), S), mul(zu, diff(S, zi)), -1)
    noise = content["noise_vector"]
    expected_noise = parse("alpha**2*gamma*lambda", ["alpha", "gamma", "lambda"])
    if not (isinstance(noise, list) and len(noise) == 3):
        raise CertificateError("noise_vector must have three components")
    for comp in noise:
        if parse(comp, ["alpha", "gamma", "lambda"]) != expected_noise:
            raise CertificateError("noise_vector differs from the SE noise gamma*alpha**2*lambda*(1,1,1)")
    recomputed = {"S": S, "u_num": u_num, "v_num": v_num, "R1": R1}
    for key, value in recomputed.items():
        if _poly(content[key]) != value:
            raise CertificateError(f"{key} differs from its recomputation from the recorded operator")
        if parse(paper.TARGETS[key], VARS) != value:
            raise CertificateError(f"{key} differs from the paper's printed polynomial")
    return f"derivation: operator, S, u/v numerators and R1 re-derived; {len(recomputed)} paper targets match"
