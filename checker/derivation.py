"""Outer ring: check a ``derivation`` certificate against the checker's own re-derivation (``checker.derive``).

The recorded operator must equal the operator re-derived from the update rule, the noise vector the SE
noise ``γα²λ(1,1,1)``, and ``S``, ``u_num``, ``v_num``, ``R1`` both their re-derivation and the paper's
printed polynomials (``checker.paper``). No claim's verdict depends on this record: the specifications use
``checker.derive`` directly.
"""

from __future__ import annotations

from pathlib import Path

from . import paper
from .derive import VARS, operator, polys
from .errors import CertificateError
from .poly import Poly, from_record, parse


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
    return "derivation: operator, S, u/v numerators and R1 re-derived from the update rule; 4 paper targets match"
