"""Outer ring: check a ``derivation`` certificate against the checker's own re-derivation (``checker.derive``).

The recorded operator must equal the operator re-derived from the update rule, the noise vector the SE
noise ``γα²λ(1,1,1)``, and ``S``, ``u_num``, ``v_num``, ``R1`` both their re-derivation and the paper's
printed polynomials (``checker.paper``). No claim's verdict depends on this record: the specifications use
``checker.derive`` directly.

Per-direction resolvent (paper eq. 16, App. E.1). With ``r = (C_00, C_10, C_20)`` the first row of the adjugate
of ``I − zA`` (cofactors computed here, independently of ``checker.derive``), the ring verifies exactly
``r (I − zA) = S e_0``, ``r·(1,1,1) = u_num`` and ``r·(1,0,0) = v_num``. Hence for the generating function
``X(z)`` of one direction's moments, ``(I − zA) X = M_0 + w (1,1,1)`` (``M_0 = (C_0, 0, 0)``, ``w = z c L~``) gives
``S X_C = v_num C_0 + w u_num`` — the per-direction identity behind ``L~ = V~/(1 − U~)``; the summation over
the directions is linear (argued, not computed here).
"""

from __future__ import annotations

from pathlib import Path

from . import paper
from .derive import VARS, operator, polys
from .errors import CertificateError
from .poly import Poly, add, const, from_record, mul, parse, scale, var


def record_poly(rec: dict) -> Poly:
    """A recorded polynomial, which must be over ``derive.VARS`` = (a, b, g, z)."""
    p, variables = from_record(rec)
    if variables != VARS:
        raise CertificateError(f"polynomial over {variables}, expected {VARS}")
    return p


def check(content: dict, base: Path) -> str:
    """Validate a ``derivation`` certificate against the re-derivation and the paper's listings."""
    rows = content["moment_operator"]
    if not (isinstance(rows, list) and len(rows) == 3 and all(isinstance(r, list) and len(r) == 3 for r in rows)):
        raise CertificateError("moment_operator must be a 3x3 matrix")
    if [[record_poly(rows[i][j]) for j in range(3)] for i in range(3)] != operator():
        raise CertificateError("moment_operator differs from the operator re-derived from the update rule")
    noise, nv = content["noise_vector"], ["alpha", "gamma", "lambda"]
    if not (isinstance(noise, list) and len(noise) == 3) or any(parse(c, nv) != parse("alpha**2*gamma*lambda", nv)
                                                                  for c in noise):
        raise CertificateError("noise_vector differs from the SE noise gamma*alpha**2*lambda*(1,1,1)")
    for key, value in polys().items():
        if record_poly(content[key]) != value:
            raise CertificateError(f"{key} differs from its re-derivation from the update rule")
        if parse(paper.TARGETS[key], VARS) != value:
            raise CertificateError(f"{key} re-derived from the update rule differs from the paper's printed polynomial")
    resolvent_row()
    return ("derivation: operator, S, u/v numerators and R1 re-derived from the update rule; 4 paper targets match; "
            "adj(I - zA)[0,:] (I - zA) = S e_0, u_num and v_num its (1,1,1), (1,0,0) components (eq. 16 per direction)")


def resolvent_row() -> None:
    """Verify ``r (I − zA) = S e_0``, ``r·(1,1,1) = u_num``, ``r·(1,0,0) = v_num`` exactly (module docstring)."""
    n = len(VARS)
    A, P = operator(), polys()
    z = var(VARS.index("z"), n)
    M = [[add(const(int(i == j), n), mul(z, A[i][j]), -1) for j in range(3)] for i in range(3)]

    def cof(i: int, j: int) -> Poly:
        rs, cs = [k for k in range(3) if k != i], [k for k in range(3) if k != j]
        minor = add(mul(M[rs[0]][cs[0]], M[rs[1]][cs[1]]), mul(M[rs[0]][cs[1]], M[rs[1]][cs[0]]), -1)
        return scale(minor, (-1) ** (i + j))

    r = [cof(j, 0) for j in range(3)]  # first row of adj(M) = the cofactors of M's first column
    for c in range(3):
        lhs: Poly = {}
        for j in range(3):
            lhs = add(lhs, mul(r[j], M[j][c]))
        if lhs != (P["S"] if c == 0 else {}):
            raise CertificateError(f"adj(I - zA)[0,:] (I - zA) column {c} differs from S e_0 (resolvent row)")
    if add(add(r[0], r[1]), r[2]) != P["u_num"] or r[0] != P["v_num"]:
        raise CertificateError("u_num, v_num are not the (1,1,1), (1,0,0) components of adj(I - zA)[0,:]")
