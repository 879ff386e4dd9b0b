"""Property tests: the closed forms of ``symbolic`` against direct exact computations.

Every comparison is exact (``Fraction``), except where noted (eigenvalues of the noiseless 2×2 map,
compared in double precision with a stated tolerance). The reference computations do not use
sympy's determinant, adjugate, series or solver: ``(I − zA)x = e`` is solved by Fraction Gaussian
elimination, ``det(I − zA)`` is the product of the pivots (times the permutation sign), and
``d/dz (z u)`` uses ``d/dz (I − zA)⁻¹ = (I − zA)⁻¹ A (I − zA)⁻¹`` (two more linear solves).
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from checker.poly import evaluate as poly_eval
from symbolic import closed_forms as cf
from symbolic.generating import generating_terms
from symbolic.polyconv import to_poly
from symbolic.update_rule import a, alpha, b, beta, g, gamma, lam, tau, z

VARS = ["a", "b", "g", "z"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rationals(lo: Fraction | int = -3, hi: Fraction | int = 3, den: int = 40) -> st.SearchStrategy[Fraction]:
    return st.fractions(min_value=lo, max_value=hi, max_denominator=den)


# ---------------------------------------------------------------- exact reference computations


@cache
def _poly_of(expr: sp.Expr, variables: tuple[str, ...]) -> dict:
    return to_poly(expr, list(variables))


@cache
def _ratfun(expr: sp.Expr, variables: tuple[str, ...]) -> tuple[dict, dict]:
    num, den = sp.fraction(sp.together(expr))
    return to_poly(num, list(variables)), to_poly(den, list(variables))


def rat_eval(expr: sp.Expr, variables: tuple[str, ...], point: list[Fraction]) -> Fraction:
    """Exact value of a rational expression at a rational point (num/den evaluated as Fractions)."""
    num, den = _ratfun(expr, variables)
    d = poly_eval(den, point)
    assume(d != 0)
    return poly_eval(num, point) / d


def operator_at(av: Fraction, bv: Fraction, gv: Fraction) -> list[list[Fraction]]:
    A = generating_terms().A
    return [[poly_eval(_poly_of(A[i, j], ("a", "b", "g")), [av, bv, gv]) for j in range(3)] for i in range(3)]


def solve_with_det(M: list[list[Fraction]], rhs: list[Fraction]) -> tuple[list[Fraction] | None, Fraction]:
    """Gaussian elimination with row pivoting over Q: ``(x, det M)``; ``x`` is None when singular."""
    n = len(M)
    aug = [list(M[i]) + [rhs[i]] for i in range(n)]
    det = Fraction(1)
    for col in range(n):
        piv = next((r for r in range(col, n) if aug[r][col] != 0), None)
        if piv is None:
            return None, Fraction(0)
        if piv != col:
            aug[col], aug[piv] = aug[piv], aug[col]
            det = -det
        det *= aug[col][col]
        for r in range(col + 1, n):
            f = aug[r][col] / aug[col][col]
            if f:
                aug[r] = [x - f * y for x, y in zip(aug[r], aug[col], strict=True)]
    x = [Fraction(0)] * n
    for i in reversed(range(n)):
        x[i] = (aug[i][n] - sum(aug[i][j] * x[j] for j in range(i + 1, n))) / aug[i][i]
    return x, det


def resolvent_matrix(av, bv, gv, zv) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    A = operator_at(av, bv, gv)
    M = [[Fraction(int(i == j)) - zv * A[i][j] for j in range(3)] for i in range(3)]
    return A, M


def S_u_v_direct(av, bv, gv, zv) -> tuple[Fraction, Fraction, Fraction]:
    _, M = resolvent_matrix(av, bv, gv, zv)
    xu, det = solve_with_det(M, [Fraction(1)] * 3)
    assume(xu is not None)
    xv, _ = solve_with_det(M, [Fraction(1), Fraction(0), Fraction(0)])
    return det, xu[0], xv[0]


def terms_at(av, bv, gv, zv) -> dict[str, Fraction]:
    t = generating_terms()
    pt = [av, bv, gv, zv]
    return {k: poly_eval(_poly_of(getattr(t, k), tuple(VARS)), pt) for k in ("S", "u_num", "v_num", "R1")}


# ---------------------------------------------------------------- generating terms


@SETTINGS
@given(rationals(), rationals(-2, 2), rationals(-2, 2), rationals(-2, 2))
def test_S_u_v_equal_direct_linear_solves(av, bv, gv, zv):
    """``S = det(I − zA)``, ``u = [(I − zA)⁻¹(1,1,1)]₀ = u_num/S``, ``v = [(I − zA)⁻¹(1,0,0)]₀ = v_num/S``."""
    det, u, v = S_u_v_direct(av, bv, gv, zv)
    t = terms_at(av, bv, gv, zv)
    assert t["S"] == det
    assert t["u_num"] == u * det
    assert t["v_num"] == v * det


@SETTINGS
@given(rationals(), rationals(-2, 2), rationals(-2, 2), rationals(-2, 2))
def test_R1_is_derivative_of_z_u(av, bv, gv, zv):
    """``R1/S² = d/dz (z u)`` with ``u' = [(I − zA)⁻¹ A (I − zA)⁻¹ (1,1,1)]₀`` (exact, no symbolic diff)."""
    A, M = resolvent_matrix(av, bv, gv, zv)
    x, det = solve_with_det(M, [Fraction(1)] * 3)
    assume(x is not None)
    Ax = [sum(A[i][j] * x[j] for j in range(3)) for i in range(3)]
    dx, _ = solve_with_det(M, Ax)
    d_zu = x[0] + zv * dx[0]
    t = terms_at(av, bv, gv, zv)
    assert t["R1"] == d_zu * det**2


@SETTINGS
@given(rationals(), rationals(-2, 2), rationals(-2, 2), rationals(-2, 2), rationals(1, 3, 10))
def test_R1_does_not_depend_on_g(av, bv, g1, zv, shift):
    """The model's remark "g cancels in R1", checked on the direct derivative at two values of g."""
    vals = []
    for gv in (g1, g1 + shift):
        A, M = resolvent_matrix(av, bv, gv, zv)
        x, det = solve_with_det(M, [Fraction(1)] * 3)
        assume(x is not None)
        dx, _ = solve_with_det(M, [sum(A[i][j] * x[j] for j in range(3)) for i in range(3)])
        vals.append((x[0] + zv * dx[0]) * det**2)
    assert vals[0] == vals[1]


def test_moment_operator_matches_one_step_of_explicit_second_moments():
    """Independent of symbolic's moment bookkeeping: one exact step of the update rule
    ``v' = −α(λΔw + ξ) + βv, Δw' = Δw + v'`` averaged over a two-point distribution of (Δw, v) and an
    independent noise ξ with E ξ = 0, E ξ² = γ(λ T − τ λ² C) (paper eq. 7)."""
    av, bv, gv = Fraction(3, 7), Fraction(-2, 5), Fraction(5, 3)
    al, lv, ga = Fraction(3, 14), Fraction(2), Fraction(1, 2)  # a = αλ = 3/7, γτ = g → τ = 10/3
    ta = gv / ga
    assert al * lv == av
    # a two-point distribution of (Δw, v); ξ is independent of it with E ξ = 0
    states = [(Fraction(2), Fraction(-1)), (Fraction(-1, 3), Fraction(5, 4))]
    C = sum(s[0] ** 2 for s in states) / 2
    J = sum(s[0] * s[1] for s in states) / 2
    P = sum(s[1] ** 2 for s in states) / 2
    T = Fraction(40)  # Tr(HC): the other directions are not simulated
    var = ga * (lv * T - ta * lv**2 * C)
    assert var > 0
    # ξ = ±sqrt(var) is irrational in general; use E[ξ²] = var directly, E[ξ] = 0 for the cross terms
    sums = [Fraction(0)] * 3
    for dw, v in states:
        mean_v = -al * lv * dw + bv * v  # v' = mean_v − α ξ
        mean_w = dw + mean_v  # Δw' = mean_w − α ξ
        sums[0] += mean_w**2 + al**2 * var
        sums[1] += mean_w * mean_v + al**2 * var
        sums[2] += mean_v**2 + al**2 * var
    step = [s / 2 for s in sums]
    A = operator_at(av, bv, gv)
    noise = ga * al**2 * lv * T
    pred = [A[i][0] * C + A[i][1] * J + A[i][2] * P + noise for i in range(3)]
    assert pred == step


# ---------------------------------------------------------------- closed forms


@SETTINGS
@given(rationals(-2, 2), rationals(-2, 2), rationals())
def test_S_at_lambda_zero(bv, zv, gv):
    """``S(a=0)`` (factored form) equals the direct determinant and vanishes at z = 1, 1/b, 1/b²."""
    f = cf.S_at_lambda_zero()
    assert f.free_symbols <= {b, z}
    _, M = resolvent_matrix(Fraction(0), bv, gv, zv)
    _, det = solve_with_det(M, [Fraction(1)] * 3)
    assert rat_eval(f, ("b", "z"), [bv, zv]) == det
    assert len(sp.Mul.make_args(f)) >= 3  # a product: it is factored
    roots = [Fraction(1)] + ([1 / bv, 1 / bv**2] if bv else [])
    for r in roots:
        _, M = resolvent_matrix(Fraction(0), bv, gv, r)
        assert solve_with_det(M, [Fraction(1)] * 3)[1] == 0


@pytest.mark.slow
@SETTINGS
@given(rationals(), rationals(-2, 2), rationals(-2, 2))
def test_u_v_at_one(av, bv, gv):
    _, u, v = S_u_v_direct(av, bv, gv, Fraction(1))
    assert rat_eval(cf.u_at_one(), ("a", "b", "g"), [av, bv, gv]) == u
    assert rat_eval(cf.v_at_one(), ("a", "b", "g"), [av, bv, gv]) == v


@SETTINGS
@given(
    rationals(1, 3),
    rationals(Fraction(-9, 10), Fraction(9, 10), 20),
    rationals(1, 4),
    rationals(1, 2, 20),
    rationals(-1, 2),
)
@pytest.mark.slow
def test_U1_term_eq21(al, be, lv, ga, ta):
    """One eigenvalue's term of ``Ũ(1) = γα²λ² u(λ,1)``: direct solve = derived = eq. 21."""
    assume(be != 1)
    _, u, _ = S_u_v_direct(al * lv, be, ga * ta, Fraction(1))
    direct = ga * al**2 * lv**2 * u
    names = ("alpha", "beta", "lambda", "gamma", "tau")
    pt = [al, be, lv, ga, ta]
    assert rat_eval(cf.U1_term_derived(), names, pt) == direct
    assert rat_eval(cf.U1_term_eq21(), names, pt) == direct
    aeff = al / (1 - be)  # eq. 21 retyped here, as an independent statement
    assert direct == ga * aeff * lv / (2 - al * lv / (1 + be) + ga * ta * aeff * lv)


def test_U1_symbols():
    assert cf.U1_term_derived().free_symbols == {alpha, beta, lam, gamma, tau}


@pytest.mark.slow
@SETTINGS
@given(rationals(-3, 5), rationals(-2, 2))
@example(Fraction(1, 4), Fraction(1, 4))  # a double root (found by CI): numpy is accurate to sqrt(eps) there
def test_noiseless_roots_are_the_eigenvalues(av, bv):
    """Roots of the derived characteristic polynomial = eigenvalues of ``[[1−a, b], [−a, b]]``:
    exactly through trace and determinant (radicals expanded exactly), and numerically vs numpy.

    At an exact double root (discriminant ``(1 − a + b)² − 4b = 0``) the matrix is defective and a backward
    stable eigensolver moves each eigenvalue by up to ``sqrt(eps·|A|)`` (≈ 1e-8), so the numerical comparison
    there allows 1e-6; elsewhere 1e-9 as before."""
    sub = {a: sp.Rational(av.numerator, av.denominator), b: sp.Rational(bv.numerator, bv.denominator)}
    r1, r2 = [r.subs(sub) for r in cf.noiseless_roots()]
    assert sp.expand(r1 + r2) == 1 - sub[a] + sub[b]
    assert sp.expand(r1 * r2) == sub[b]
    ev = np.sort_complex(np.linalg.eigvals(np.array([[1 - float(av), float(bv)], [-float(av), float(bv)]])))
    ours = np.sort_complex(np.array([complex(r1), complex(r2)]))
    double = (1 - av + bv) ** 2 == 4 * bv
    assert np.allclose(ev, ours, rtol=1e-9, atol=1e-6 if double else 1e-9)


@SETTINGS
@given(rationals(-3, 5), rationals(-2, 2), rationals(-2, 2))
def test_noiseless_S_factorisation_numerically(av, bv, zv):
    """``S(g=0) = Π(1 − z μ_i μ_j)`` over the pairs i ≤ j, with μ from numpy (double precision, rtol 1e-9)."""
    mus = np.linalg.eigvals(np.array([[1 - float(av), float(bv)], [-float(av), float(bv)]]))
    prod = (1 - float(zv) * mus[0] ** 2) * (1 - float(zv) * mus[0] * mus[1]) * (1 - float(zv) * mus[1] ** 2)
    S0 = float(terms_at(av, bv, Fraction(0), zv)["S"])
    assert abs(prod - S0) <= 1e-9 * (1 + abs(S0) + abs(prod))


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(rationals(-3, 6, 30), rationals(-3, 3, 30))
def test_noiseless_convergence_region(av, bv):
    """App. H: both roots in the open unit disk iff −1 < b < 1 and 0 < a < 2(1+b) (numerically, with
    points within 1e-6 of the boundary |μ|max = 1 skipped)."""
    mus = np.linalg.eigvals(np.array([[1 - float(av), float(bv)], [-float(av), float(bv)]]))
    rho = max(abs(mus))
    assume(abs(rho - 1) > 1e-6)
    assert (rho < 1) == (-1 < bv < 1 and 0 < av < 2 * (1 + bv))


def _scaled(which: str, Av, bv, gv, Ev, sv) -> Fraction:
    """``s · f(sA, b, g, 1 − sE)`` for f = u or v, by exact linear solve."""
    _, u, v = S_u_v_direct(sv * Av, bv, gv, 1 - sv * Ev)
    return sv * (u if which == "u" else v)


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(["u", "v"]),
    rationals(1, 3, 10),
    rationals(Fraction(-9, 10), Fraction(9, 10), 20),
    rationals(0, 1, 10),
    rationals(1, 3, 10),
)
def test_scaling_expansion(which, Av, bv, gv, Ev):
    """``s f(sA, b, g, 1−sE) = c₀ + c₁ s + O(s²)``: the remainder over s² is bounded and converges
    (ratio of the remainders at s and s/10 times 100 within 1 %), so both c₀ and c₁ are right."""
    assume(bv != 1 and bv != -1)
    c = cf.scaling_expansion(which)
    names = ("A", "b", "g", "E")
    subs_syms = (cf.A_, b, g, cf.E_)
    cs = []
    for ck in c[:2]:
        e = ck.subs(dict(zip(subs_syms, sp.symbols(names), strict=True)))
        cs.append(rat_eval(e, names, [Av, bv, gv, Ev]))
    rem = []
    for sv in (Fraction(1, 10**6), Fraction(1, 10**7)):
        rem.append((_scaled(which, Av, bv, gv, Ev, sv) - cs[0] - cs[1] * sv) / sv**2)
    assert abs(rem[0]) < 10**6  # O(s²), with a generous constant for parameters in these ranges
    assert abs(rem[0] - rem[1]) <= Fraction(1, 100) * (1 + abs(rem[1]))


@settings(max_examples=40, deadline=None)
@given(
    rationals(1, 3, 10),
    rationals(Fraction(-9, 10), Fraction(9, 10), 20),
    rationals(0, 1, 10),
    rationals(1, 3, 10),
)
def test_scaling_leading_terms_docstring(Av, bv, gv, Ev):
    """Leading terms stated in ``closed_forms``: v ≈ 1/(s(E + 2A/(1−b))), u ≈ 1/(s(1−b)²(E + 2A/(1−b)))."""
    assume(bv != 1 and bv != -1)
    names = ("A", "b", "g", "E")
    subs = dict(zip((cf.A_, b, g, cf.E_), sp.symbols(names), strict=True))
    cu = rat_eval(cf.scaling_expansion("u")[0].subs(subs), names, [Av, bv, gv, Ev])
    cv = rat_eval(cf.scaling_expansion("v")[0].subs(subs), names, [Av, bv, gv, Ev])
    assert cv == 1 / (Ev + 2 * Av / (1 - bv))
    assert cu == 1 / ((1 - bv) ** 2 * (Ev + 2 * Av / (1 - bv)))
