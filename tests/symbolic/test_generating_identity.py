"""Exactness of the generating-function identity ``L̃(z) = Ṽ(z) / (1 − Ũ(z))`` (paper eq. 16).

For a finite spectrum ``λ_1..λ_K`` (K ≤ 4), rational initial moments ``C_k(0)`` (``J_k(0) = P_k(0) = 0``)
and rational ``(α, β, γ, τ)``:

* the *loss sequence* comes from iterating the derived moment recursion (``symbolic``'s operator and
  noise vector) in exact ``Fraction`` arithmetic:
  ``M_k(t+1) = A(αλ_k, β, γτ) M_k(t) + n(α, γ, λ_k) · Tr(HC_t)``, ``L_t = ½ Σ_k λ_k C_k(t)``;
* the *generating function* is assembled from ``symbolic``'s closed forms ``u = u_num/S``,
  ``v = v_num/S`` (power series in z by exact series division, ``S(z=0) = 1``):
  ``Ũ = z γα² Σ_k λ_k² u(λ_k, z)``, ``Ṽ = ½ Σ_k λ_k C_k(0) v(λ_k, z)``, ``L̃ = Ṽ/(1 − Ũ)``;

and the first 31 Taylor coefficients are compared with ``L_0..L_30`` exactly. The identity holds for
any parameters (it is formal in z), so no stability assumption is needed. The power tests at the end
show that a wrong operator entry, a wrong noise vector or a wrong ``Ũ`` prefactor is detected.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.poly import evaluate as poly_eval
from symbolic.generating import generating_terms
from symbolic.polyconv import to_poly
from symbolic.update_rule import noise_vector

T_MAX = 30
Series = list[Fraction]
Matrix = list[list[Fraction]]


@cache
def _operator_polys() -> tuple[tuple[dict, ...], ...]:
    A = generating_terms().A
    return tuple(tuple(to_poly(A[i, j], ["a", "b", "g"]) for j in range(3)) for i in range(3))


@cache
def _noise_polys() -> tuple[dict, ...]:
    return tuple(to_poly(e, ["alpha", "gamma", "lambda"]) for e in noise_vector())


@cache
def _z_polys() -> dict[str, dict]:
    t = generating_terms()
    return {k: to_poly(getattr(t, k), ["a", "b", "g", "z"]) for k in ("S", "u_num", "v_num")}


def operator(av: Fraction, bv: Fraction, gv: Fraction) -> Matrix:
    return [[poly_eval(p, [av, bv, gv]) for p in row] for row in _operator_polys()]


def noise(al: Fraction, ga: Fraction, lv: Fraction) -> list[Fraction]:
    return [poly_eval(p, [al, ga, lv]) for p in _noise_polys()]


def z_coefficients(p: dict, av: Fraction, bv: Fraction, gv: Fraction) -> Series:
    """Coefficients in z of the polynomial ``p(a, b, g, z)`` at fixed rational (a, b, g)."""
    deg = max((m[3] for m in p), default=0)
    out = [Fraction(0)] * (deg + 1)
    for m, c in p.items():
        out[m[3]] += Fraction(c) * av ** m[0] * bv ** m[1] * gv ** m[2]
    return out


def series_div(num: Series, den: Series, n: int) -> Series:
    """First n coefficients of num/den as power series (den[0] ≠ 0)."""
    assert den[0] != 0
    num = num + [Fraction(0)] * n
    q: Series = []
    for t in range(n):
        s = num[t] - sum(q[j] * den[t - j] for j in range(max(0, t - len(den) + 1), t))
        q.append(s / den[0])
    return q


def series_add(p: Series, q: Series, c: Fraction = Fraction(1)) -> Series:
    n = max(len(p), len(q))
    p, q = p + [Fraction(0)] * (n - len(p)), q + [Fraction(0)] * (n - len(q))
    return [x + c * y for x, y in zip(p, q, strict=True)]


def loss_from_recursion(
    lams: list[Fraction],
    C0: list[Fraction],
    al,
    be,
    ga,
    ta,
    T: int = T_MAX,
    op=operator,
    nv=noise,
) -> list[Fraction]:
    """``L_0..L_T`` from the moment recursion, exactly."""
    ops = [op(al * lv, be, ga * ta) for lv in lams]
    ns = [nv(al, ga, lv) for lv in lams]
    M = [[c, Fraction(0), Fraction(0)] for c in C0]
    out = []
    for _ in range(T + 1):
        trHC = sum(lv * m[0] for lv, m in zip(lams, M, strict=True))
        out.append(trHC / 2)
        M = [
            [sum(A[i][j] * m[j] for j in range(3)) + n[i] * trHC for i in range(3)]
            for A, n, m in zip(ops, ns, M, strict=True)
        ]
    return out


def loss_from_generating_function(
    lams: list[Fraction], C0: list[Fraction], al, be, ga, ta, T: int = T_MAX, u_prefactor=None
) -> list[Fraction]:
    """Taylor coefficients ``[z^t] Ṽ/(1 − Ũ)``, t ≤ T, from symbolic's S, u_num, v_num."""
    P = _z_polys()
    n = T + 1
    U: Series = [Fraction(0)] * n
    V: Series = [Fraction(0)] * n
    pref = ga * al**2 if u_prefactor is None else u_prefactor
    for lv, c in zip(lams, C0, strict=True):
        av, gv = al * lv, ga * ta
        S = z_coefficients(P["S"], av, be, gv)
        u = series_div(z_coefficients(P["u_num"], av, be, gv), S, n)
        v = series_div(z_coefficients(P["v_num"], av, be, gv), S, n)
        U = series_add(U, [Fraction(0)] + u[: n - 1], pref * lv**2)  # the factor z shifts by one
        V = series_add(V, v, lv * c / 2)
    one_minus_U = series_add([Fraction(1)], U, Fraction(-1))
    return series_div(V, one_minus_U, n)


fracs = st.fractions
params = st.tuples(
    st.lists(fracs(min_value=Fraction(1, 10), max_value=2, max_denominator=12), min_size=1, max_size=4),
    st.lists(fracs(min_value=0, max_value=2, max_denominator=12), min_size=4, max_size=4),
    fracs(min_value=Fraction(1, 20), max_value=1, max_denominator=20),  # α
    fracs(min_value=Fraction(-19, 20), max_value=Fraction(19, 20), max_denominator=20),  # β
    fracs(min_value=Fraction(1, 20), max_value=1, max_denominator=20),  # γ
    fracs(min_value=-1, max_value=2, max_denominator=6),  # τ
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params)
def test_taylor_coefficients_equal_loss_sequence(p):
    lams, C0, al, be, ga, ta = p
    C0 = C0[: len(lams)]
    rec = loss_from_recursion(lams, C0, al, be, ga, ta)
    gen = loss_from_generating_function(lams, C0, al, be, ga, ta)
    assert rec == gen


def test_identity_on_a_fixed_example_with_nontrivial_values():
    """A fixed spectrum where the loss is not constant and noise matters (guards against vacuous passes)."""
    lams = [Fraction(3, 2), Fraction(1, 2), Fraction(1, 7), Fraction(1, 30)]
    C0 = [Fraction(1), Fraction(2), Fraction(1, 3), Fraction(5)]
    args = (lams, C0, Fraction(1, 2), Fraction(-1, 3), Fraction(1, 2), Fraction(1))
    rec = loss_from_recursion(*args)
    assert len(set(rec)) == T_MAX + 1 and all(x > 0 for x in rec)
    assert rec == loss_from_generating_function(*args)
    # the noise really contributes: without it the loss differs
    noiseless = loss_from_recursion(*args, nv=lambda al, ga, lv: [Fraction(0)] * 3)
    assert noiseless[5] != rec[5]


# ---------------------------------------------------------------- power: wrong ingredients are caught

FIXED = (
    [Fraction(3, 2), Fraction(1, 3), Fraction(1, 11)],
    [Fraction(1), Fraction(1, 2), Fraction(3)],
    Fraction(2, 5),
    Fraction(1, 3),
    Fraction(1, 2),
    Fraction(1),
)


def _mutated_operator(i: int, j: int, delta: Fraction):
    def op(av, bv, gv):
        A = operator(av, bv, gv)
        A[i][j] += delta * (1 + av)  # a perturbation that depends on the parameters
        return A

    return op


def test_each_operator_entry_matters():
    """Perturbing any single entry of the operator in the recursion breaks the identity."""
    gen = loss_from_generating_function(*FIXED)
    for i in range(3):
        for j in range(3):
            rec = loss_from_recursion(*FIXED, op=_mutated_operator(i, j, Fraction(1, 97)))
            assert rec != gen, f"operator entry ({i},{j}) is not tested by the identity"


def test_flipped_sign_of_a_term_breaks_identity():
    """Flip the sign of the J-coefficient 2b(1−a) of C' (a typical transcription slip)."""

    def op(av, bv, gv):
        A = operator(av, bv, gv)
        A[0][1] = -A[0][1]
        return A

    assert loss_from_recursion(*FIXED, op=op) != loss_from_generating_function(*FIXED)


def test_wrong_noise_vector_or_prefactor_breaks_identity():
    gen = loss_from_generating_function(*FIXED)
    for k in range(3):

        def nv(al, ga, lv, k=k):
            n = noise(al, ga, lv)
            n[k] = -n[k]
            return n

        assert loss_from_recursion(*FIXED, nv=nv) != gen, f"noise component {k} untested"
    rec = loss_from_recursion(*FIXED)
    al, ga = FIXED[2], FIXED[4]
    assert loss_from_generating_function(*FIXED, u_prefactor=ga * al) != rec  # γα instead of γα²
    assert loss_from_generating_function(*FIXED, u_prefactor=2 * ga * al**2) != rec


def test_noise_vector_is_gamma_alpha2_lambda():
    """The noise vector is symbolic's; here only its form is pinned to the SE model (τ₁ = 1)."""
    al, ga, lv = sp.symbols("alpha gamma lambda")
    assert [sp.expand(e - ga * al**2 * lv) for e in noise_vector()] == [0, 0, 0]
