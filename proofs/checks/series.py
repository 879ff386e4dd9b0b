"""Eq. 16 (``L̃ = Ṽ/(1 − Ũ)``) on small rational spectra and eq. 21 (``Ũ(1)``), exactly.

Eq. 16. For a finite spectrum ``λ_k`` with initial moments ``C_k(0)`` (``J = P = 0``), the SE moment
recursion ``x_k(t+1) = A(αλ_k, β, γτ) x_k(t) + γα²λ_k Tr(H C_t) (1, 1, 1)`` gives the loss
``L_t = ½ Σ_k λ_k C_k(t)``. Its generating function must equal ``Ṽ/(1 − Ũ)`` with
``Ũ(z) = zγα² Σ λ_k² u_k(z)``, ``Ṽ(z) = ½ Σ λ_k C_k(0) v_k(z)``, ``u = u_num/S``, ``v = v_num/S`` —
compared coefficient by coefficient as exact fractions for ``t ≤ T``.

Eq. 21. ``γα²λ² u(λ, 1) = γ α_eff λ / (2 − αλ/(1+β) + g α_eff λ)``, ``α_eff = α/(1−β)``: in the
reduced variables a polynomial identity, ``S(a, b, g, 1) = a (2(1 − b²) − a(1 − b) + g a (1 + b))``
after clearing the common factor ``a(1+b)``, decided by expansion.
"""

from __future__ import annotations

import random
from fractions import Fraction

from symbolic.polynomial import Poly, evaluate

VARS = ["a", "b", "g", "z"]

#: Eq. 21's per-term denominator ``2 − αλ/(1+β) + g α_eff λ`` times ``a(1 − b)(1 + b)``, in the reduced variables.
EQ21_DENOMINATOR = "a*(2*(1 - b**2) - a*(1 - b) + g*a*(1 + b))"


def derived_polynomials() -> dict[str, Poly | list[list[Poly]]]:
    """S, u_num, v_num and the operator A from ``symbolic`` (never retyped)."""
    from symbolic import generating_terms, moment_operator
    from symbolic.polyconv import to_poly

    t = generating_terms()
    A = moment_operator()
    return {
        "S": to_poly(t.S, VARS),
        "u_num": to_poly(t.u_num, VARS),
        "v_num": to_poly(t.v_num, VARS),
        "A": [[to_poly(A[i, j], VARS) for j in range(3)] for i in range(3)],
    }


def instance(seed: int, n: int) -> dict:
    rng = random.Random(seed)
    lams = sorted({Fraction(rng.randint(1, 9), rng.randint(2, 9)) for _ in range(n)}, reverse=True)
    return {
        "lambda": [str(x) for x in lams],
        "C0": [str(Fraction(rng.randint(1, 6), rng.randint(1, 5))) for _ in lams],
        "alpha": str(Fraction(rng.randint(1, 4), 5)),
        "beta": str(Fraction(rng.randint(-3, 7), 10)),
        "gamma": str(Fraction(1, rng.randint(1, 4))),
        "tau": str(Fraction(rng.choice([1, 1, -1, 0, 1]))),
        "T": 30,
    }


def loss_by_recursion(inst: dict, A: list[list[Poly]]) -> list[Fraction]:
    lams = [Fraction(x) for x in inst["lambda"]]
    alpha, beta = Fraction(inst["alpha"]), Fraction(inst["beta"])
    gam, tau = Fraction(inst["gamma"]), Fraction(inst["tau"])
    ops = [
        [[evaluate(A[i][j], [alpha * lam, beta, gam * tau, Fraction(0)]) for j in range(3)] for i in range(3)]
        for lam in lams
    ]
    x = [[Fraction(c), Fraction(0), Fraction(0)] for c in inst["C0"]]
    out = []
    for _ in range(inst["T"] + 1):
        trhc = sum(lam * xk[0] for lam, xk in zip(lams, x, strict=True))
        out.append(trhc / 2)
        x = [
            [sum(op[i][j] * xk[j] for j in range(3)) + gam * alpha**2 * lam * trhc for i in range(3)]
            for op, xk, lam in zip(ops, x, lams, strict=True)
        ]
    return out


def _series(num: list[Fraction], den: list[Fraction], order: int) -> list[Fraction]:
    """Power-series coefficients of ``num/den`` up to ``z^order`` (``den[0] ≠ 0``)."""
    out: list[Fraction] = []
    for t in range(order + 1):
        s = num[t] if t < len(num) else Fraction(0)
        s -= sum(den[j] * out[t - j] for j in range(1, min(t, len(den) - 1) + 1))
        out.append(s / den[0])
    return out


def _in_z(p: Poly, a: Fraction, b: Fraction, g: Fraction) -> list[Fraction]:
    deg = max((m[3] for m in p), default=0)
    co = [Fraction(0)] * (deg + 1)
    for m, c in p.items():
        co[m[3]] += c * a ** m[0] * b ** m[1] * g ** m[2]
    return co


def loss_by_generating_function(inst: dict, polys: dict) -> list[Fraction]:
    lams = [Fraction(x) for x in inst["lambda"]]
    alpha, beta = Fraction(inst["alpha"]), Fraction(inst["beta"])
    gam, tau = Fraction(inst["gamma"]), Fraction(inst["tau"])
    order = inst["T"]
    U = [Fraction(0)] * (order + 1)
    V = [Fraction(0)] * (order + 1)
    for lam, c0 in zip(lams, inst["C0"], strict=True):
        a = alpha * lam
        S = _in_z(polys["S"], a, beta, gam * tau)
        u = _series(_in_z(polys["u_num"], a, beta, gam * tau), S, order)
        v = _series(_in_z(polys["v_num"], a, beta, gam * tau), S, order)
        for t in range(order):
            U[t + 1] += gam * alpha**2 * lam**2 * u[t]  # the factor z shifts by one
        for t in range(order + 1):
            V[t] += lam * Fraction(c0) * v[t] / 2
    one_minus_u = [Fraction(1) - U[0]] + [-x for x in U[1:]]
    return _series(V, one_minus_u, order)


def check_eq16(inst: dict, polys: dict) -> dict:
    rec = loss_by_recursion(inst, polys["A"])
    gf = loss_by_generating_function(inst, polys)
    return {"holds": rec == gf, "L": [str(x) for x in rec[:6]], "terms_compared": len(rec)}
