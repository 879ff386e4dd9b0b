"""The derivation certificate: every derived polynomial as exact coefficients, and the identities.

The derivation itself lives in ``symbolic`` (paper eqs. 1, 7, 11, 18–21); this module only records
it. Before writing, the generator verifies (exactly, by expansion) each identity the checker will
re-verify, plus the closed forms of ``symbolic.closed_forms``; a mismatch with the paper's printed
polynomials (``symbolic.targets``, App. E.2) is an error, not a warning.
"""

from __future__ import annotations

from pathlib import Path

import sympy as sp

from symbolic import closed_forms as cf
from symbolic.generating import generating_terms
from symbolic.normalisation import GENERIC
from symbolic.polyconv import record, to_poly, to_text
from symbolic.polynomial import parse
from symbolic.targets import TARGETS
from symbolic.update_rule import g, noise_vector

from . import certio

VARS = ["a", "b", "g", "z"]


class DerivationMismatch(AssertionError):
    """The derivation disagrees with a printed target or with one of its own identities."""


def verify_targets() -> list[str]:
    """Compare S, R1, u/v numerators with the paper's printed polynomials; raise on mismatch."""
    t = generating_terms()
    derived = {"S": t.S, "R1": t.R1, "u_num": t.u_num, "v_num": t.v_num}
    checked = []
    for key, expr in derived.items():
        if to_poly(expr, VARS) != parse(TARGETS[key], VARS):
            raise DerivationMismatch(f"derived {key} differs from the paper's printed polynomial")
        checked.append(f"{key} == paper {key}")
    return checked


def verify_closed_forms() -> list[str]:
    """Exact identities among the closed forms (each one a zero test after expansion)."""
    t = generating_terms()
    a, b, z = sp.symbols("a b z")
    checks = {
        "S(a=0) == (1-z)(1-b z)(1-b^2 z)":
            sp.expand(t.S.subs(a, 0) - (1 - z) * (1 - b * z) * (1 - b**2 * z)),
        "gamma alpha^2 lambda^2 u(lambda,1) == eq. 21 term":
            sp.cancel(cf.U1_term_derived() - cf.U1_term_eq21()),
        "S(g=0) == (1-z mu1^2)(1-z mu1 mu2)(1-z mu2^2)":
            sp.expand(t.S.subs(g, 0) - cf.S_noiseless_from_roots()),
    }
    M = sp.eye(3) - z * t.A
    row = M.adjugate()[0, :]
    resolvent = [sp.expand((row * M)[0, c] - (t.S if c == 0 else 0)) for c in range(3)]
    resolvent += [sp.expand(row[0] + row[1] + row[2] - t.u_num), sp.expand(row[0] - t.v_num)]
    checks["adj(I - z A)[0,:] (I - z A) == S e_0, u_num, v_num its (1,1,1), (1,0,0) components"] = sum(
        abs(r) for r in resolvent)
    for name, residue in checks.items():
        if residue != 0:
            raise DerivationMismatch(f"closed-form identity fails: {name}")
    return list(checks)


def content() -> dict:
    t = generating_terms()
    identities = verify_targets() + verify_closed_forms()
    return {
        "variables": VARS,
        "normalisation": GENERIC,
        "moment_operator": [[record(t.A[i, j], VARS) for j in range(3)] for i in range(3)],
        "noise_vector": [to_text(e) for e in noise_vector()],
        "S": record(t.S, VARS),
        "u_num": record(t.u_num, VARS),
        "v_num": record(t.v_num, VARS),
        "R1": record(t.R1, VARS),
        "identities_checked_by_generator": identities,
        "identities_for_checker": [
            "moment_operator == re-derivation from the heavy-ball update",
            "S == det(I - z A)",
            "u_num == adj(I - z A)[0,:] (1,1,1)",
            "v_num == adj(I - z A)[0,:] (1,0,0)",
            "R1 == (z u_num)' S - z u_num S'",
            "S, R1, u_num, v_num == paper's printed polynomials",
            "adj(I - z A)[0,:] (I - z A) == S e_0 (per direction: S C~ = v_num C_0 + z c L~ u_num)",
        ],
    }


def produce(outdir: Path, recorded: tuple = ()) -> list[dict]:  # recorded: unused (no optional backend)
    path = certio.write(outdir, "derivation", "derivation", content())
    return [{"claim": "derivation", "status": "verified", "file": path.name}]
