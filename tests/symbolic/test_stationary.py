"""Exact stationary covariance of heavy-ball SGD with additive noise (symbolic/stationary.py, issue 13 item 2):
the Lyapunov solution against a second route (iterating the second-moment recursion), and the closed forms
of Liu, Ziyin and Ueda (ICML 2021) checked exactly on rational instances — where they hold, where they
do not (Cor. 1 needs [C, K] = 0), and that a perturbed form is refuted."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symbolic import stationary as S

q = st.fractions(min_value=F(1, 10), max_value=F(3), max_denominator=12)


@st.composite
def instance(draw, commuting: bool = False):
    """``(K, C, λ, μ)``: K ≻ 0 and C ⪰ 0 rational 2×2 (diagonal pair if ``commuting``), (λ, μ) stable."""
    a, c = draw(q), draw(q)
    b = F(0) if commuting else draw(st.fractions(min_value=F(-1), max_value=F(1), max_denominator=8))
    if a * c - b * b <= 0:
        b = F(0) if commuting else F(a * c).limit_denominator(8) / (4 * max(a, c))
    K = S.matrix([[a, b], [b, c]])
    if commuting:
        C = S.matrix([[draw(q), 0], [0, draw(q)]])
    else:
        x, y = draw(q), draw(q)
        r = draw(st.fractions(min_value=F(-1), max_value=F(1), max_denominator=8)) * min(x, y)
        C = S.matrix([[x, r], [r, y]])
    mu = draw(st.fractions(min_value=F(0), max_value=F(9, 10), max_denominator=10))
    t = draw(st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20))
    lam = t * 2 * (1 + mu) / (a + c)  # λ k_max < λ Tr K ≤ 2(1 + μ) t: inside the heavy-ball stability region
    return K, C, lam, mu


def test_transition_is_the_block_form_of_the_update() -> None:
    """Second route for T and B: the block matrices written by hand from the update rule."""
    K, lam, mu = S.matrix([[2, 1], [1, 3]]), F(1, 5), F(1, 2)
    T, B = S.transition(K, lam, mu)
    I2 = S.identity(2)
    top = [r1 + r2 for r1, r2 in zip(S.mat_add((1, I2), (-lam, K)), S.mat_add((-lam * mu, I2)), strict=True)]
    bottom = [r1 + r2 for r1, r2 in zip(K, S.mat_add((mu, I2)), strict=True)]
    assert T == top + bottom
    assert B == S.mat_add((-lam, I2)) + I2


def test_lyapunov_solution_is_the_limit_of_the_second_moment_recursion() -> None:
    """Second route for P: iterate P ← T P Tᵀ + B C Bᵀ from 0 in floating point; it converges to the exact P."""
    K, C, lam, mu = S.matrix([[2, 1], [1, 1]]), S.matrix([[1, F(1, 2)], [F(1, 2), 3]]), F(1, 4), F(1, 2)
    r = S.stationary(K, C, lam, mu)
    assert r["stable"] is True
    T, B = np.array(r["T"], dtype=float), np.array(r["B"], dtype=float)
    Q, P = B @ np.array(C, dtype=float) @ B.T, np.zeros((4, 4))
    for _ in range(3000):
        P = T @ P @ T.T + Q
    assert np.allclose(P, np.array(r["P"], dtype=float), rtol=1e-10, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(instance())
def test_eq6_and_eq7_hold_exactly_even_for_non_commuting_K_and_C(inst) -> None:
    K, C, lam, mu = inst
    r = S.stationary(K, C, lam, mu)
    assert r["stable"] is True
    assert S.is_zero(S.eq7_residual(K, C, r["Sigma"], lam, mu))
    r0 = S.stationary(K, C, lam, 0) if lam * (K[0][0] + K[1][1]) < 2 else None
    if r0 is not None:
        assert S.is_zero(S.eq6_residual(K, C, r0["Sigma"], lam))
    assert S.training_loss(K, r["Sigma"]) == S.thm5_loss(K, C, lam, mu)  # Thm 5, exactly


@settings(max_examples=20, deadline=None)
@given(instance(commuting=True))
def test_cor1_holds_when_C_and_K_commute(inst) -> None:
    K, C, lam, mu = inst
    assert S.commute(K, C)
    assert S.stationary(K, C, lam, mu)["Sigma"] == S.cor1_sigma(K, C, lam, mu)


def test_cor1_fails_without_commuting_exact_witness() -> None:
    K, C, lam, mu = S.matrix([[2, 1], [1, 1]]), S.matrix([[1, 0], [0, 3]]), F(1, 4), F(1, 2)
    assert not S.commute(K, C)
    exact, closed = S.stationary(K, C, lam, mu)["Sigma"], S.cor1_sigma(K, C, lam, mu)
    assert exact != closed
    assert closed[0][1] != closed[1][0]  # not even symmetric: the formula needs [C, K] = 0


def test_thm4_holds_exactly() -> None:
    for K in (S.matrix([[2, 0], [0, 1]]), S.matrix([[2, 1], [1, 1]])):
        sigma2, a, lam = F(2), F(1, 3), F(1, 4)
        C = S.mat_add((sigma2, S.identity(2)), (a, K))
        assert S.stationary(K, C, lam, 0)["Sigma"] == S.thm4_sigma(K, sigma2, a, lam)


def test_a_perturbed_eq7_is_refuted() -> None:
    """Every method must be able to fail: eq. 7 with (1+μ²) replaced by (1+μ) leaves a non-zero residual."""
    K, C, lam, mu = S.matrix([[2, 1], [1, 1]]), S.matrix([[1, 0], [0, 3]]), F(1, 4), F(1, 2)
    sig = S.stationary(K, C, lam, mu)["Sigma"]
    wrong = S.mat_add((1, S.eq7_residual(K, C, sig, lam, mu)),
                      ((mu**2 - mu) / (1 - mu**2) * lam**2, S.mat_mul(S.mat_mul(K, sig), K)))
    assert not S.is_zero(wrong)
    assert S.training_loss(K, sig) != S.thm5_loss(K, C, lam, mu) * F(101, 100)


def test_scalar_closed_form_symbolically() -> None:
    """d = 1: the symbolic Lyapunov solution equals Cor. 1 as a rational function (cross-multiplied)."""
    s = S.scalar_sigma()
    assert S.same_rational_function(s, S.cor1_scalar())
    assert not S.same_rational_function(s, S.cor1_scalar() * (1 + S.mu_))
    k, lam, mu = S.k_, S.lam_, S.mu_
    assert S.same_rational_function(s.subs(mu, 0), S.c_ * lam / (k * (2 - lam * k)))  # eq. 8 at μ = 0
    assert sp.denom(sp.together(s)).free_symbols <= {k, lam, mu}


@pytest.mark.parametrize("k, lam, mu, stable", [
    (1, F(1), F(0), True), (1, F(199, 100), F(0), True), (1, F(201, 100), F(0), False),
    (2, F(1), F(1, 2), True), (2, F(3, 2) - F(1, 100), F(1, 2), True), (2, F(3, 2) + F(1, 100), F(1, 2), False),
    (1, F(1, 2), F(-1, 2), True), (1, F(1, 2), F(11, 10), False)])
def test_stability_is_the_heavy_ball_region(k, lam, mu, stable) -> None:
    """With additive noise the chain is stable iff |μ| < 1 and 0 < λk < 2(1+μ) for every eigenvalue k of K:
    the ICML paper's necessary condition λ k* ≤ 2(1+μ) is also sufficient here (decided exactly, Schur–Cohn–Jury)."""
    K = S.matrix([[k, 0], [0, F(1, 10)]])
    assert S.is_stable(S.transition(K, lam, mu)[0]) is stable


def test_schur_cohn_against_numpy_roots() -> None:
    """Second route for the stability decision: numpy's eigenvalues, away from the unit circle."""
    rng, seen = np.random.default_rng(1), set()
    for _ in range(200):
        T = [[F(int(x), 12) for x in row] for row in rng.integers(-8, 9, size=(3, 3))]
        rho = max(abs(np.linalg.eigvals(np.array(T, dtype=float))))
        if abs(rho - 1) > 1e-6:
            assert S.is_stable(T) is bool(rho < 1), (T, rho)
            seen.add(bool(rho < 1))
    assert seen == {True, False}


# ------------------------------------------------------------------------------------ mini-batch noise


def test_iclr_thm2_matches_the_exact_stationary_moments_when_commuting() -> None:
    """Ziyin et al. (ICLR 2022) Thm 2 against the exact solution with their Lemma 1 noise (re-derived by
    Isserlis): equal exactly, and their finiteness condition is the exact stability of the moment recursion."""
    A = S.matrix([[2, 0], [0, 1]])
    for lam, mu, batch in [(F(1, 4), F(0), 1), (F(1, 4), F(1, 2), 2), (F(1, 2), F(0), 4), (F(1, 5), F(-1, 3), 3)]:
        Lam = S.mat_add((lam, S.identity(2)))
        r = S.stationary_minibatch(A, Lam, mu, F(1), batch)
        assert r["stable"] is True and S.iclr_thm2_condition(A, Lam, mu, batch) is True
        assert r["Sigma"] == S.iclr_thm2_sigma(A, Lam, mu, F(1), batch)


@pytest.mark.parametrize("lam", [F(k, 20) for k in range(1, 30)])
@pytest.mark.parametrize("mu, batch", [(F(0), 1), (F(1, 2), 1), (F(1, 2), 4), (F(9, 10), 2)])
def test_iclr_condition_is_the_exact_divergence_threshold(lam, mu, batch) -> None:
    A = S.matrix([[2, 0], [0, 1]])
    Lam = S.mat_add((lam, S.identity(2)))
    r = S.stationary_minibatch(A, Lam, mu, F(1), batch)
    assert r["stable"] is S.iclr_thm2_condition(A, Lam, mu, batch)


def test_iclr_thm2_needs_commuting_preconditioner() -> None:
    """With Λ not commuting with A the closed form is not the stationary covariance (exact witness)."""
    A, Lam = S.matrix([[2, 0], [0, 1]]), S.matrix([[F(1, 4), F(1, 10)], [F(1, 10), F(1, 5)]])
    assert not S.commute(A, Lam)
    r = S.stationary_minibatch(A, Lam, F(0), F(1), 2)
    assert r["stable"] is True and r["Sigma"] != S.iclr_thm2_sigma(A, Lam, F(0), F(1), 2)


def test_iclr_condition_is_eq21_at_tau_minus_one() -> None:
    """The mapping: their Tr[ΛAG⁻¹]/S term (Λ = αI, μ = β, 1/S = γ) is this project's eq. 21 term of Ũ(1),
    derived from the generating functions, at τ = −1 (Gaussian features) — identical rational functions."""
    from symbolic.closed_forms import U1_term_derived
    from symbolic.update_rule import tau

    derived = U1_term_derived().subs(tau, -1)
    assert S.same_rational_function(S.iclr_condition_term(), derived)
    assert not S.same_rational_function(S.iclr_condition_term(), U1_term_derived().subs(tau, 1))


def test_additive_noise_stability_is_app_h_per_eigenvalue() -> None:
    """The chain's characteristic polynomial is the product, over K's eigenvalues k, of this project's App. H
    polynomial (``symbolic.closed_forms.noiseless_char_poly``) at a = λk, b = μ — for a diagonal K exactly
    (with the eigenvalues), and for a non-diagonal symmetric K as ``det(z²I − z((1+μ)I − λK) + μI)``. So the
    stability region is ``appH.equivalence`` (decided by QEPCAD B and z3): −1 < μ < 1 and 0 < λk < 2(1+μ)."""
    from symbolic.closed_forms import noiseless_char_poly
    from symbolic.update_rule import a, b

    z = sp.Symbol("z")
    mu_sym = next(s for s in noiseless_char_poly().free_symbols if s.name == "mu")
    f = noiseless_char_poly().subs(mu_sym, z)
    lam, mu = F(1, 3), F(2, 5)
    for K in (S.matrix([[2, 0], [0, F(1, 2)]]), S.matrix([[2, 1], [1, 1]])):
        cp = S.charpoly(S.transition(K, lam, mu)[0])
        ours = sp.Poly(list(reversed([sp.Rational(c.numerator, c.denominator) for c in cp])), z)
        Km = sp.Matrix([[sp.Rational(x.numerator, x.denominator) for x in r] for r in K])
        lr, mr = sp.Rational(lam.numerator, lam.denominator), sp.Rational(mu.numerator, mu.denominator)
        block = sp.Poly(sp.expand((z**2 * sp.eye(2) - z * ((1 + mr) * sp.eye(2) - lr * Km) + mr * sp.eye(2)).det()), z)
        assert ours == block
        if Km.is_diagonal():
            prod = sp.expand(sp.Mul(*[f.subs({a: lr * Km[i, i], b: mr}) for i in range(2)]))
            assert ours == sp.Poly(prod, z)
