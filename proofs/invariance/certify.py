"""Producer of the ``invariance`` certificate ``prop9.invariant_tensors`` (paper App. D.4, eqs. 80-89).

For ``d = 2, 3, 4, 5`` and three generator lists (O(d) by the Lie algebra, O(d) by Cayley transforms,
SO(d) by the Lie algebra; see :mod:`proofs.invariance`) it records the generators, the stacked
matrix's size and exact rank (python-flint over Z, and modulo the prime ``P``), the fixed space's
canonical (reduced echelon) basis, and its subspaces symmetric under the noise symmetries of eq. (86).
It also records the fourth-moment tensors of two O(d)-invariant feature distributions and one that is
not (the control), with the SE parameters of their mini-batch noise, and the finite-data mini-batch
tensor of eq. (5) as a control that is not invariant. Deterministic: no timings in the content.
"""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

from proofs import certio

from . import tensors as tn

NAME = "prop9.invariant_tensors"
DIMENSIONS = (2, 3, 4, 5)
ROUTES = (("O(d)", "lie"), ("O(d)", "cayley"), ("SO(d)", "lie"))
P = 2**31 - 1  # the prime of the rank lower bound (a Mersenne prime, not 5: the Cayley rows are scaled by 5⁴)

STATEMENT = (
    "Prop. 9 (3)=>(2), eqs. 88-89 and (80), for each d in {2,3,4,5}: the 4-tensors on R^d fixed by every "
    "orthogonal matrix (U⊗U⊗U⊗U)T = T form the 3-dimensional span of delta_ij delta_kl, delta_ik delta_jl, "
    "delta_il delta_jk (Weyl); those also symmetric in (i,j) and in (k,l), as the noise tensor of eq. 8 is, "
    "form the 2-dimensional span of delta_ij delta_kl and delta_ik delta_jl + delta_il delta_jk, which is "
    "the SE family (80) (reconstructed). SO(d) alone fixes 6 (d=2), 3 (d=3), 4 (d=4), 3 (d=5) dimensions. "
    "The fourth moment of an O(d)-invariant feature distribution makes the mini-batch noise exactly SE "
    "(strong form 81) with tau1 = m/s^2, tau2 = 1 - 2m/s^2; Gaussian features give tau1 = 1, tau2 = -1."
)
ARGUMENT = (
    "Finitely many generators decide invariance under the whole group. Lie route: SO(d) is compact and "
    "connected, so T is SO(d)-fixed iff the derivations of the basis L_ab = E_ab - E_ba of so(d) annihilate "
    "it; O(d) = SO(d) u R_0 SO(d) with the reflection R_0 = I - 2E_00. Cayley route: Q_ab = (I-A)(I+A)^-1, "
    "A = 2(E_ab - E_ba), rotates the (a,b) plane by theta with cos(theta) = -3/5, an irrational multiple "
    "of pi (Niven), so the closure of <Q_ab> is the whole rotation group of that plane; the closure of the "
    "generated group contains exp(t L_ab) for a basis of so(d), hence SO(d), and with R_0 it is O(d); a "
    "fixed space equals that of the closure. Extra group elements (every R_a for O(d), R_0 R_a for SO(d)) "
    "do not change the fixed space. The fixed space is the kernel of the stacked integer matrix of "
    "g⊗g⊗g⊗g - I (Cayley rows times 5^4) and the derivations; rank over Q >= rank mod p, so rank mod p = "
    "d^4 - k together with k independent exact kernel vectors proves the fixed space is their span. "
    "What is NOT decided here: the analytic steps of Prop. 9 (86)=>(87)=>(88) (choosing Jacobians of full "
    "rank and arbitrary positive-definite output matrices) and (1)<=>(2) (eqs. 90-92), Theorem 3's "
    "induction over the SGD steps, and d > 5 (Weyl's theorem, argued)."
)
NORMALISATION = (
    "Noise term (8), reconstructed: gamma( sum_ijkl T_ijkl psi_i psi_j^T <psi_k, C psi_l> - H C H ), "
    "H = (1/N) sum_i psi_i psi_i^T, d = N data points, the group acting by Psi -> Psi U; T = delta_ijkl/N "
    "is the exact mini-batch noise (5). SE family (80), reconstructed: T = (tau1/N^2) delta_ij delta_kl + "
    "((1 - tau2)/(2N^2)) (delta_ik delta_jl + delta_il delta_jk), for which the noise is gamma(tau1 H Tr(HC) "
    "- tau2 H C H) (81); the project fixes tau1 = 1, tau = tau2 (rescale gamma by tau1 otherwise). "
    "Features: x in R^d, E[x x^T] = s I, noise gamma(E[x x^T C x x^T] - H C H), gamma = 1/b."
)


def _q(x: Fraction) -> str:
    return str(x)


def _mat(m: tn.Mat) -> list[list[str]]:
    return [[_q(x) for x in r] for r in m]


def _vec(v: list[Fraction], d: int) -> list[list]:
    return [[list(t), _q(x)] for t, x in tn.sparse(v, d).items()]


def _fixed(group: str, route: str, d: int) -> dict:
    f = tn.fixed_space(group, route, d, prime=P)
    weyl = tn.canonical_basis([tn.dense(t, d) for t in tn.weyl(group, d)])
    if f["basis"] != weyl:
        raise ArithmeticError(f"{group}/{route}, d={d}: the fixed space is not the span of Weyl's tensors")
    sym = tn.symmetric_subspace(f["basis"], tn.NOISE_SYMMETRIES, d)
    sym_x = tn.symmetric_subspace(f["basis"], (*tn.NOISE_SYMMETRIES, tn.EXCHANGE), d)
    return {
        "d": d,
        "group": group,
        "route": route,
        "generators": [{"name": g["name"], "action": g["action"], "matrix": _mat(g["matrix"])} for g in f["gens"]],
        "rows": f["rows"],
        "columns": d**tn.ORDER,
        "rank": f["rank"],
        "rank_mod_p": f["rank_mod_p"],
        "dim": f["dim"],
        "basis": [_vec(v, d) for v in f["basis"]],
        "noise_symmetric": {"dim": len(sym), "basis": [_vec(v, d) for v in sym]},
        "noise_symmetric_exchange": {"dim": len(sym_x), "basis": [_vec(v, d) for v in sym_x]},
    }


def _se_family(d: int, sym: list[list[Fraction]]) -> dict:
    """The reconstructed SE family (80) spans exactly the noise-symmetric O(d)-fixed space."""
    a = tn.dense(tn.pairing(d, tn.PAIRINGS[0]), d)
    bc = [x + y for x, y in zip(tn.dense(tn.pairing(d, tn.PAIRINGS[1]), d),
                                tn.dense(tn.pairing(d, tn.PAIRINGS[2]), d), strict=True)]
    return {"d": d, "equals_noise_symmetric_fixed_space": tn.canonical_basis([a, bc]) == sym}


def _feature(dist: str, d: int, o_basis: list[list[Fraction]]) -> dict:
    ten, s = tn.moment_tensor(dist, d)
    v = tn.dense(ten, d)
    invariant = tn.canonical_basis([*o_basis, v]) == o_basis
    se = tn.se_parameters(ten, s, d)
    return {
        "d": d,
        "distribution": dist,
        "s": _q(s),
        "invariant": invariant,
        "se": None if se is None else {"tau1": _q(se[0]), "tau2": _q(se[1])},
    }


def _eq5_control(d: int, o_basis: list[list[Fraction]]) -> dict:
    v = tn.dense({(i, i, i, i): Fraction(1, d) for i in range(d)}, d)
    return {"d": d, "tensor": "delta_ijkl / N (eq. 5)", "invariant": tn.canonical_basis([*o_basis, v]) == o_basis}


def content() -> dict:
    fixed = [_fixed(g, r, d) for d in DIMENSIONS for g, r in ROUTES]
    o_basis = {d: tn.canonical_basis([tn.dense(t, d) for t in tn.weyl("O(d)", d)]) for d in DIMENSIONS}
    se, features, controls = [], [], []
    for d in DIMENSIONS:
        sym = tn.symmetric_subspace(o_basis[d], tn.NOISE_SYMMETRIES, d)
        se.append(_se_family(d, sym))
        features += [_feature(dist, d, o_basis[d]) for dist in tn.DISTRIBUTIONS]
        controls.append(_eq5_control(d, o_basis[d]))
    holds = (
        all(f["rank"] == f["rank_mod_p"] == f["columns"] - f["dim"] for f in fixed)
        and all(f["dim"] == 3 and f["noise_symmetric"]["dim"] == 2 for f in fixed if f["group"] == "O(d)")
        and all(s["equals_noise_symmetric_fixed_space"] for s in se)
        and all(f["invariant"] == (f["distribution"] != "rademacher") for f in features)
        and all(not c["invariant"] for c in controls)
    )
    return {
        "statement": STATEMENT,
        "source": "App. D.4: Prop. 9 (eqs. 80-89), Theorem 3; Sec. 3 item 4, eq. 8, Theorem 1; Weyl (1939)",
        "argument": ARGUMENT,
        "normalisation": NORMALISATION,
        "reconstructed": "eq. 8 and the SE family (80) were lost in the text copy; re-derived (see normalisation)",
        "method": "exact integer kernels (python-flint), rank modulo a prime, reduced echelon bases",
        "order": tn.ORDER,
        "dimensions": list(DIMENSIONS),
        "prime": P,
        "fixed_spaces": fixed,
        "se_family": se,
        "features": features,
        "controls": controls,
        "holds": holds,
    }


def produce(outdir: Path, recorded: tuple = ()) -> list[dict]:  # recorded: unused (no optional backend)
    """Write ``prop9.invariant_tensors.json`` into ``outdir``; one row per certificate."""
    t0 = time.perf_counter()
    c = content()
    path = certio.write(outdir, "invariance", NAME, c)
    return [{
        "claim": NAME,
        "status": "verified" if c["holds"] else "refuted",
        "file": path.name,
        "seconds": round(time.perf_counter() - t0, 3),
        "detail": f"{c['method']}; d = {', '.join(map(str, DIMENSIONS))}",
    }]
