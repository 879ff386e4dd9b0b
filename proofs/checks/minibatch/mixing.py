"""Paper Prop. 7 (App. D.1): bounds on the mixing part of the noise's spectral component.

With ``H`` and ``C`` fixed, the features are parametrised by the SVD of the Jacobian, ``ψ_i = √N J_i``,
``J = U diag(s) Vᵀ`` (``U``, ``V`` rational orthogonal: Cayley transforms or a Householder reflection,
``proofs.checks.minibatch.rational``). The mixing part of the noise along the eigenvector ``v_k`` of
``H`` is ``D_k = v_kᵀ [(1/N) Σ_i ψ_iψ_iᵀ C ψ_iψ_iᵀ] v_k``. Statement (eq. 66, reconstructed):

    0 ≤ D_k ≤ N λ_k Tr(HC)   for every k,

and the endpoints of eq. 67 are attained: ``D_k = N λ_k² C_kk`` for orthogonal features (``U = I``) and
``D_{k0} = λ_{k0} Tr(HC)`` when column ``k0`` of ``U`` is uniform (``(1, …, 1)/√N``). Exact rationals;
the bound factors are parameters so that a perturbed statement can be shown to fail.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from flint import fmpq, fmpq_mat

from .noise import hessian
from .rational import cayley_orthogonal, column, frac, householder_to_uniform, mat, outer, to_fractions, trace


def prop7_instance(n: int, mode: str, seed: int, k0: int = 0) -> dict:
    """Features ``ψ_i = √N Jᵢ`` from ``J = U diag(s) Vᵀ`` (the paper's SVD parametrisation, App. D.1).

    ``mode``: ``random`` (Cayley ``U``), ``identity`` (``U = I``: orthogonal features, one endpoint of
    eq. 67) or ``uniform`` (column ``k0`` of ``U`` uniform: the other endpoint).
    """
    rng = random.Random(seed)
    if mode == "random":
        u = cayley_orthogonal(n, rng)
    elif mode == "identity":
        u = fmpq_mat(n, n)
        for i in range(n):
            u[i, i] = 1
    else:
        u = householder_to_uniform(n, k0)
    v = cayley_orthogonal(n, rng)
    s = [Fraction(rng.randint(1, 9), rng.randint(1, 4)) for _ in range(n)]
    bm = fmpq_mat([[fmpq(rng.randint(-3, 3), rng.randint(1, 2)) for _ in range(n)] for _ in range(n)])
    c = bm * bm.transpose()
    return {
        "N": n,
        "mode": mode,
        "k0": k0,
        "U": [[str(x) for x in r] for r in to_fractions(u)],
        "V": [[str(x) for x in r] for r in to_fractions(v)],
        "s": [str(x) for x in s],
        "C": [[str(x) for x in r] for r in to_fractions(c)],
    }


def prop7_quantities(inst: dict) -> dict:
    """``D_k = e_kᵀ [(1/N) Σ_i ψ_iψ_iᵀ C ψ_iψ_iᵀ] e_k``, ``λ_k``, ``Tr(HC)``, ``C_kk = e_kᵀ C e_k``."""
    n = inst["N"]
    u = mat([[Fraction(x) for x in r] for r in inst["U"]])
    v = mat([[Fraction(x) for x in r] for r in inst["V"]])
    c = mat([[Fraction(x) for x in r] for r in inst["C"]])
    s = [Fraction(x) for x in inst["s"]]
    sm = fmpq_mat(n, n)
    for i in range(n):
        sm[i, i] = fmpq(s[i].numerator, s[i].denominator)
    r = math.isqrt(n)
    jac = u * sm * v.transpose()
    feats = to_fractions(jac * r)
    h = hessian(feats)
    mix = fmpq_mat(n, n)
    for i in range(n):
        o = outer(column(feats, i))
        mix += o * c * o
    mix = mix * fmpq(1, n)
    trhc = trace(h * c)
    out = {"trHC": frac(trhc), "lambda": [], "D": [], "Ckk": []}
    for k in range(n):
        e = fmpq_mat([[v[i, k]] for i in range(n)])
        out["lambda"].append(frac((e.transpose() * h * e)[0, 0]))
        out["D"].append(frac((e.transpose() * mix * e)[0, 0]))
        out["Ckk"].append(frac((e.transpose() * c * e)[0, 0]))
    out["orthogonal"] = u * u.transpose() == fmpq_mat(
        [[int(i == j) for j in range(n)] for i in range(n)]
    ) and (v * v.transpose() == fmpq_mat([[int(i == j) for j in range(n)] for i in range(n)]))
    return out


def check_prop7(
    inst: dict,
    lower_factor: Fraction = Fraction(0),
    upper_factor: Fraction | None = None,
    endpoint_factor: Fraction | None = None,
) -> dict:
    """Eq. 66 (reconstructed): ``0 ≤ D_k ≤ N λ_k Tr(HC)`` for every k; eq. 67's endpoints:
    ``D_k = N λ_k² C_kk`` when ``U = I`` and ``D_{k0} = λ_{k0} Tr(HC)`` when column ``k0`` of ``U`` is
    uniform. The bound factors are parameters so that a perturbed statement can be shown to fail.
    """
    n = inst["N"]
    q = prop7_quantities(inst)
    upper = Fraction(n) if upper_factor is None else upper_factor
    endpoint = Fraction(n) if endpoint_factor is None else endpoint_factor
    bounds = all(
        lower_factor * lam * q["trHC"] <= d <= upper * lam * q["trHC"]
        for lam, d in zip(q["lambda"], q["D"], strict=True)
    )
    if inst["mode"] == "identity":
        attained = all(
            d == endpoint * lam * lam * ckk for lam, d, ckk in zip(q["lambda"], q["D"], q["Ckk"], strict=True)
        )
    elif inst["mode"] == "uniform":
        k0 = inst["k0"]
        attained = q["D"][k0] == q["lambda"][k0] * q["trHC"]
    else:
        attained = True
    return {
        "holds": bool(q["orthogonal"] and bounds and attained),
        "bounds": bounds,
        "endpoint": attained,
        "trHC": str(q["trHC"]),
        "D": [str(x) for x in q["D"]],
        "lambda": [str(x) for x in q["lambda"]],
    }
