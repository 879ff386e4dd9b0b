"""The fast SE trajectory engine against the naive recursion, explicit definitions and analytic tails."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofs.numerics import engine
from proofs.numerics.engine.hybrid import unstable_nodes
from proofs.numerics.engine.kernels import kernels, kernels_at
from proofs.numerics.engine.nodes import Rule, gauss_jacobi01, gregory_sample_weights, power_law_nodes, spectrum_nodes
from proofs.numerics.engine.renewal import solve_renewal
from proofs.numerics.moments import jury_inside, moment_matrices, noiseless_radii, power_law_spectrum, spectral_radii
from proofs.numerics.naive import naive_loss
from proofs.numerics.params import ParameterError

# (alpha, beta, gamma, tau): convergent, negative momentum with tau < 0, oscillating modes, divergent
POINTS = [(1.0, 0.5, 0.3, 1.0), (0.7, -0.6, 0.5, -1.0), (1.5, 0.9, 0.05, 0.0), (1.0, 0.5, 1.0, 1.0)]


def _rel(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.max(np.abs(x - y) / np.abs(y)))


def _envelope(y: np.ndarray, w: int = 3) -> np.ndarray:
    """``max |y_s|`` over ``|s − t| ≤ w``: the scale of an oscillating sequence near its sign changes."""
    a = np.abs(y)
    out = a.copy()
    for j in range(1, w + 1):
        out[j:] = np.maximum(out[j:], a[:-j])
        out[:-j] = np.maximum(out[:-j], a[j:])
    return out


# ---------------------------------------------------------------- the operator and the kernels


def test_operator_is_the_symbolic_one() -> None:
    """Spot values of the lambdified operator equal the sympy matrix (exact rationals)."""
    import sympy as sp

    from symbolic.update_rule import a, b, g, moment_operator

    A = moment_operator()
    R = sp.Rational
    for av, bv, gv in [(R(1, 3), R(-1, 2), R(2, 7)), (2, R(9, 10), -1)]:
        exact = np.array(A.subs({a: av, b: bv, g: gv}).evalf(20).tolist(), dtype=float)
        got = moment_matrices(np.array([float(av)]), float(bv), float(gv))[0]
        assert np.allclose(got, exact, rtol=1e-15, atol=1e-15)


def test_kernels_match_their_definition() -> None:
    """Blocked kernels = U_t = γα²Σλ²[A^{t−1}1]_C, V_t = ½ΣλC0[A^t e1]_C by explicit per-step powers."""
    lams, lamC0 = power_law_spectrum(1.3, 0.7, 40)
    alpha, beta, gamma, tau = 1.2, 0.8, 0.4, 1.0
    T = 300  # block length 32: several blocks, last one partial
    nodes = spectrum_nodes(lams, lamC0, alpha, gamma)
    U, V = kernels(nodes, beta, gamma * tau, T)
    A = moment_matrices(alpha * lams, beta, gamma * tau)
    xu = np.ones((len(lams), 3))
    xv = np.zeros((len(lams), 3))
    xv[:, 0] = 1
    assert U[0] == 0
    for t in range(T):
        assert V[t] == pytest.approx(0.5 * lamC0 @ xv[:, 0], rel=1e-12)
        if t >= 1:
            assert U[t] == pytest.approx(gamma * alpha**2 * (lams**2) @ xu[:, 0], rel=1e-12)
            xu = np.einsum("nij,nj->ni", A, xu)
        xv = np.einsum("nij,nj->ni", A, xv)


def test_kernels_generate_u_and_v() -> None:
    """Σ_t U_t z^t = zγα²Σλ²u(λ,z) and Σ_t V_t z^t = ½ΣλC0 v(λ,z) with u, v from ``symbolic``."""
    import sympy as sp

    from symbolic.generating import generating_terms
    from symbolic.update_rule import a, b, g, z

    gt = generating_terms()
    u = sp.lambdify((a, b, g, z), gt.u_num / gt.S, "numpy")
    v = sp.lambdify((a, b, g, z), gt.v_num / gt.S, "numpy")
    lams, lamC0 = power_law_spectrum(1.6, 1.1, 25)
    alpha, beta, gamma, tau = 0.9, 0.3, 0.7, 0.5
    U, V = kernels(spectrum_nodes(lams, lamC0, alpha, gamma), beta, gamma * tau, 400)
    zz = 0.8
    powers = zz ** np.arange(400)
    Ug = zz * gamma * alpha**2 * np.sum(lams**2 * u(alpha * lams, beta, gamma * tau, zz))
    Vg = 0.5 * np.sum(lamC0 * v(alpha * lams, beta, gamma * tau, zz))
    assert U @ powers == pytest.approx(Ug, rel=1e-12)
    assert V @ powers == pytest.approx(Vg, rel=1e-12)


def test_blocked_kernels_equal_matrix_powers() -> None:
    lams, lamC0 = power_law_spectrum(1.5, 0.8, 500)
    nodes = spectrum_nodes(lams, lamC0, 1.0, 0.3)
    U, V = kernels(nodes, 0.5, 0.3, 5000)
    ts = np.array([1, 2, 17, 255, 256, 257, 1000, 4999])
    Ua, Va = kernels_at(nodes, 0.5, 0.3, ts)
    assert _rel(U[ts], Ua) < 1e-12 and _rel(V[ts], Va) < 1e-12


# ---------------------------------------------------------------- renewal and engine vs naive


def test_renewal_blocks_equal_textbook_sum() -> None:
    rng = np.random.default_rng(1)
    T = 700
    U = rng.random(T) * 2 / T
    U[0] = 123.0  # U_0 must be ignored
    V = rng.random(T) + 0.1
    L = solve_renewal(U, V, block=64, chunk=100)
    ref = np.empty(T)
    for t in range(T):
        ref[t] = V[t] + sum(U[t - s] * ref[s] for s in range(t))
    assert _rel(L, ref) < 1e-13


@pytest.mark.parametrize("point", POINTS)
def test_engine_equals_naive_recursion(point: tuple) -> None:
    alpha, beta, gamma, tau = point
    lams, lamC0 = power_law_spectrum(1.5, 0.8, 200)
    T = 1500
    Ln = naive_loss(lams, lamC0, alpha, beta, gamma, tau, T)
    Lf = engine.spectrum_loss(lams, lamC0, alpha, beta, gamma, tau, T)
    assert _rel(Lf, Ln) < 1e-11


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.floats(0.01, 1.0), st.floats(0.0, 1.0)), min_size=1, max_size=12),
       st.floats(-0.9, 0.9), st.floats(0.0, 0.5), st.floats(-1.0, 1.0), st.floats(0.05, 0.95))
def test_engine_equals_naive_random_spectra(spec, beta, gamma, tau, frac) -> None:
    lams = np.array([s[0] for s in spec])
    lamC0 = np.array([s[1] for s in spec]) + 1e-3
    alpha = frac * 2 * (1 + beta) / lams.max()
    T = 200
    Ln = naive_loss(lams, lamC0, alpha, beta, gamma, tau, T)
    Lf = engine.spectrum_loss(lams, lamC0, alpha, beta, gamma, tau, T)
    # relative to the local envelope: with complex modes L_t oscillates, and near its sign changes the
    # two summation orders differ by rounding of the neighbouring magnitude; absolute floor: the engine
    # flushes kernel values below kernels._TINY = 1e-280 to zero (denormals would slow the products)
    assert np.all(np.abs(Lf - Ln) <= 1e-10 * _envelope(Ln) + 1e-270)


def test_divergent_case_grows_and_convergent_decays() -> None:
    """Ũ(1) > 1 ⇒ L_t ~ C r^{−t} with Ũ(r) = 1 (eq. 24); Ũ(1) < 1 ⇒ L_t decays.

    Ũ(z) = zγα²Σλ²u(λ, z) with u from ``symbolic`` — independent of the engine's time stepping.
    """
    import sympy as sp

    from symbolic.generating import generating_terms
    from symbolic.update_rule import a, b, g, z

    gt = generating_terms()
    u = sp.lambdify((a, b, g, z), gt.u_num / gt.S, "numpy")
    lams, lamC0 = power_law_spectrum(1.5, 0.8, 300)
    alpha, beta, tau = 1.0, 0.5, 1.0

    def Ut(zz: float, gamma: float) -> float:
        return zz * gamma * alpha**2 * float(np.sum(lams**2 * u(alpha * lams, beta, gamma * tau, zz)))

    for gamma, diverges in ((1.0, True), (0.3, False)):
        assert (Ut(1.0, gamma) > 1) == diverges
        L = engine.spectrum_loss(lams, lamC0, alpha, beta, gamma, tau, 1500)
        assert np.all(np.isfinite(L))
        if diverges:
            lo, hi = 0.0, 1.0  # Ũ is increasing on (0, 1) (Lemma 1.3): bisect Ũ(r) = 1
            for _ in range(60):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if Ut(mid, gamma) < 1 else (lo, mid)
            assert L[-1] > 1e6 * L[0] and np.all(np.diff(L[200:]) > 0)
            assert L[-2] / L[-1] == pytest.approx(lo, rel=1e-8)
        else:
            assert L[-1] < 0.05 * L[0]
            assert np.all(np.diff(L[1000:]) < 0)
    # overflow is reported as +inf, not nan
    L = engine.spectrum_loss(lams, lamC0, alpha, beta, 1.0, tau, 20000)
    assert np.isposinf(L[-1]) and not np.any(np.isnan(L))


# ---------------------------------------------------------------- unstable kernels: the stepped head


def _pure_kernel_loss(lams, lamC0, alpha, beta, gamma, tau, T) -> np.ndarray:
    """The renewal route over ALL directions (the engine before the stepped head existed)."""
    nodes = spectrum_nodes(lams, lamC0, alpha, gamma)
    return solve_renewal(*kernels(nodes, beta, gamma * tau, T))


def _rel_ok(x: np.ndarray, y: np.ndarray, tol: float) -> bool:
    with np.errstate(invalid="ignore", over="ignore"):
        return bool(np.all(np.abs(x - y) <= tol * np.abs(y)))


def test_h3_reproducer_unstable_direction() -> None:
    """H3's case: N = 1000, a_1 = 1.5, β = 0.5, g = 1 — A_1 has an eigenvalue ≈ −2.36; loss grows to 1e26."""
    lams, lamC0 = power_law_spectrum(2.0, 0.8, 1000)
    alpha, beta, gamma, tau, T = 1.5, 0.5, 1.0, 1.0, 200
    rho = spectral_radii(alpha * lams[:2], beta, gamma * tau)
    assert rho[0] > 2.3 and rho[1] < 1
    Ln = naive_loss(lams, lamC0, alpha, beta, gamma, tau, T)
    tr = engine.spectrum_trajectory(lams, lamC0, alpha, beta, gamma, tau, T)
    assert tr.info["head_stepped"] == 1 and tr.info["head_max_radius"] == pytest.approx(rho[0], rel=1e-12)
    assert Ln[-1] > 1e25
    assert _rel(tr.loss, Ln) < 1e-10
    # the pure kernel route fails here (H3: L_100 = -1.2e21 instead of 1.1e13), so the check can fail
    assert not _rel_ok(_pure_kernel_loss(lams, lamC0, alpha, beta, gamma, tau, T), Ln, 1e-3)
    # the returned kernels are still the full ones and grow like rho^t
    assert abs(tr.V[150] / tr.V[149]) == pytest.approx(rho[0], rel=1e-6)


def test_unstable_direction_negative_tau() -> None:
    """τ < 0: g = −1, b = 0.5 ⇒ A(a) has an eigenvalue > 1 for a > 2(1−b²)/((1−b)+|g|(1+b)) = 0.75.

    With τ < 0 the direction's own closed loop A(a, b, γ(τ−1)) is unstable too: the loss really grows
    (to 1e260 at t = 700), faster than the kernels, so here the pure kernel route happens to survive; the
    direction is stepped all the same and the engine must follow the growth.
    """
    lams, lamC0 = power_law_spectrum(1.5, 0.8, 300)
    alpha, beta, gamma, tau, T = 1.2, 0.5, 0.5, -2.0, 700
    rho = spectral_radii(alpha * lams[:2], beta, gamma * tau)
    assert rho[0] > 1.5 and rho[1] < 1
    Ln = naive_loss(lams, lamC0, alpha, beta, gamma, tau, T)
    tr = engine.spectrum_trajectory(lams, lamC0, alpha, beta, gamma, tau, T)
    assert tr.info["head_stepped"] == 1
    assert np.all(np.isfinite(Ln)) and Ln[-1] > 1e250
    assert _rel(tr.loss, Ln) < 1e-10


def test_stable_kernel_decaying_slower_than_the_loss() -> None:
    """ρ(A) = 0.965 < 1 but, with τ = 1, one direction's loss decays like the noiseless 0.5^t: stepped too."""
    lams, lamC0 = np.array([1.0]), np.array([1.0])
    alpha, beta, gamma, tau, T = 1.1, 0.5, 1.0, 1.0, 300
    assert 0.96 < spectral_radii(np.array([alpha]), beta, gamma * tau)[0] < 0.97
    Ln = naive_loss(lams, lamC0, alpha, beta, gamma, tau, T)
    tr = engine.spectrum_trajectory(lams, lamC0, alpha, beta, gamma, tau, T)
    assert tr.info["head_stepped"] == 1
    assert Ln[-1] < 1e-80
    # the loss oscillates (complex modes), so pointwise near-zeros limit the relative agreement; the
    # pure kernel route is off by 1e70 at t = 299
    assert np.max(np.abs(tr.loss - Ln) / _envelope(Ln)) < 1e-12
    assert not _rel_ok(_pure_kernel_loss(lams, lamC0, alpha, beta, gamma, tau, T), Ln, 1e-3)


def test_many_unstable_directions_einsum_path() -> None:
    """More than 32 stepped nodes (the einsum branch of the head stepper)."""
    rng = np.random.default_rng(7)
    lams = np.concatenate([np.linspace(0.8, 1.0, 40), 0.01 * rng.random(60)])
    lamC0 = rng.random(100) + 0.1
    alpha, beta, gamma, tau, T = 1.5, 0.5, 0.02, 50.0, 300
    Ln = naive_loss(lams, lamC0, alpha, beta, gamma, tau, T)
    tr = engine.spectrum_trajectory(lams, lamC0, alpha, beta, gamma, tau, T)
    assert tr.info["head_stepped"] >= 40
    assert _rel(tr.loss, Ln) < 1e-10


def test_compressed_power_law_with_unstable_head_converges() -> None:
    """ν = 3, a_1 = 1.2, β = 0.5, g = 1: ρ(A_1) = 1.43 > 1 yet Ũ(1) < 1 and L_t → 0 (old route: inf)."""
    nu, kappa, alpha, beta, gamma, tau = 3.0, 1.5, 1.2, 0.5, 1.0, 1.0
    N, T = 20000, 2000
    lams, lamC0 = power_law_spectrum(nu, kappa, N)
    Ln = naive_loss(lams, lamC0, alpha, beta, gamma, tau, T)
    tr = engine.power_law_trajectory(nu, kappa, alpha, beta, gamma, tau, T, N)
    assert tr.info["method"] != "exact" and tr.info["head_stepped"] == 1
    assert Ln[-1] < 0.1 * Ln[0]
    assert _rel(tr.loss, Ln) < 1e-11
    # N = ∞: the error estimate leaves the stepped node out and stays meaningful
    tr = engine.power_law_trajectory(nu, kappa, alpha, beta, gamma, tau, T, None, error_estimate=True)
    assert tr.info["head_stepped"] == 1 and tr.info["kernel_rel_error_estimate"] < 1e-11
    assert np.all(np.isfinite(tr.loss)) and tr.loss[-1] < 0.1 * tr.loss[0]


@pytest.mark.parametrize("point", POINTS)
def test_no_stepped_head_gives_the_pure_kernel_output(point: tuple) -> None:
    """Without unstable nodes the engine is bit-for-bit the pure kernel route."""
    alpha, beta, gamma, tau = point
    lams, lamC0 = power_law_spectrum(1.5, 0.8, 200)
    tr = engine.spectrum_trajectory(lams, lamC0, alpha, beta, gamma, tau, 1500)
    assert tr.info["head_stepped"] == 0
    assert np.array_equal(tr.loss, _pure_kernel_loss(lams, lamC0, alpha, beta, gamma, tau, 1500))
    nodes = power_law_nodes(1.5, 0.8, alpha, beta, gamma, 3000, None)
    tp = engine.power_law_trajectory(1.5, 0.8, alpha, beta, gamma, tau, 3000, None)
    assert tp.info["head_stepped"] == 0
    assert np.array_equal(tp.loss, solve_renewal(*kernels(nodes, beta, gamma * tau, 3000)))


def test_jury_and_noiseless_radii_against_eigenvalues() -> None:
    """Random (a, b, g) in the noiseless region, g ∈ [−3, 3] (the lambdified entries broadcast over b, g)."""
    rng = np.random.default_rng(3)
    n = 20000
    b = rng.uniform(-0.95, 0.95, n)
    a = rng.uniform(0, 1, n) * 2 * (1 + b)
    g = rng.uniform(-3, 3, n)
    rho = np.abs(np.linalg.eigvals(moment_matrices(a, b, g))).max(axis=1)
    for r in (1.0, 0.9, 0.6):
        inside = jury_inside(a, b, g, r)
        assert np.all(rho[inside] < r * (1 + 1e-9))  # a "stable" verdict is reliable
        clear = rho < r * (1 - 1e-6)
        assert np.mean(inside[clear]) > 0.999  # and the screen lets almost every clear case through
        assert 0.05 < np.mean(rho > r) < 0.95  # both outcomes occur
    rho0 = np.abs(np.linalg.eigvals(moment_matrices(a, b, 0.0))).max(axis=1)
    assert np.allclose(noiseless_radii(a, b), rho0, rtol=1e-7, atol=0)


def test_unstable_nodes_equals_brute_force() -> None:
    lams, lamC0 = power_law_spectrum(1.2, 0.8, 3000)
    for alpha, beta, gamma, tau in [(1.5, 0.5, 1.0, 1.0), (1.2, 0.5, 0.5, -2.0), (2.5, 0.3, 0.5, 1.0),
                                    (1.0, 0.5, 0.3, 1.0), (1.5, 0.5, 0.0, 1.0)]:
        nodes = spectrum_nodes(lams, lamC0, alpha, gamma)
        T = 1000
        mask, _, r_ref = unstable_nodes(nodes, beta, gamma * tau, T)
        if gamma == 0:  # no renewal coupling, nothing to cancel
            assert not mask.any()
            continue
        rho = spectral_radii(nodes.a, beta, gamma * tau)
        assert r_ref == pytest.approx(noiseless_radii(nodes.a, beta).max(), rel=0, abs=1e-15)
        assert np.array_equal(mask, rho > r_ref * math.exp(1e-3 / T))
        assert mask.sum() < 20  # only a handful of the largest eigenvalues


# ---------------------------------------------------------------- compressed power-law spectra


def test_gregory_weights_are_exact_on_polynomials() -> None:
    """Σ_{k=K}^{N} F(k) = ∫_K^{N+1} F + G(K) − G(N+1) exactly for a polynomial of degree ≤ M."""
    M = 12
    c = gregory_sample_weights(M)
    coeffs = np.array([0.3, -1.1, 0.7, 2.0, -0.05, 0.01, 1e-3])
    F = np.polynomial.Polynomial(coeffs)
    K, N = 7, 40
    exact = sum(F(k) for k in range(K, N + 1))
    integ = F.integ()
    approx = integ(N + 1) - integ(K) + c @ F(K + np.arange(M + 1)) - c @ F(N + 1 + np.arange(M + 1))
    assert approx == pytest.approx(exact, rel=1e-12)
    # the leading Gregory coefficients 1/2, −1/12, 1/24, −19/720 are reproduced (order 3 weights)
    c3 = gregory_sample_weights(3)
    assert c3 @ [1, 0, 0, 0] == pytest.approx(1 / 2 + 1 / 12 + 1 / 24 + 19 / 720)


def test_gauss_jacobi_moments() -> None:
    for p in (-0.9, -0.3, 0.0, 1 / 3, 2.5):
        y, w = gauss_jacobi01(16, p)
        for j in range(32):
            assert w @ y**j == pytest.approx(1 / (p + j + 1), rel=1e-12)


@pytest.mark.parametrize("case", [
    (1.5, 0.8, 1.0, 0.5, 0.3, 1.0),
    (2.0, 1.5, 0.7, -0.6, 0.5, -1.0),
    (1.2, 0.3, 1.5, 0.9, 0.05, 0.0),
])
def test_compressed_finite_power_law_equals_exact_sum(case: tuple) -> None:
    nu, kappa, alpha, beta, gamma, tau = case
    N, T = 30000, 1000
    lams, lamC0 = power_law_spectrum(nu, kappa, N)
    Ue, Ve = kernels(spectrum_nodes(lams, lamC0, alpha, gamma), beta, gamma * tau, T)
    nodes = power_law_nodes(nu, kappa, alpha, beta, gamma, T, N)
    assert nodes.info["method"] != "exact" and nodes.info["nodes"] < N / 10
    Uf, Vf = kernels(nodes, beta, gamma * tau, T)
    assert _rel(Uf[1:], Ue[1:]) < 1e-11
    assert _rel(Vf, Ve) < 1e-11


def test_perturbed_tail_rule_is_detected() -> None:
    """The comparison above can fail: a Gregory order too low or a wrong weight breaks it."""
    nu, kappa, alpha, beta, gamma, tau = 1.5, 0.8, 1.0, 0.5, 0.3, 1.0
    N, T = 30000, 300
    lams, lamC0 = power_law_spectrum(nu, kappa, N)
    Ue, Ve = kernels(spectrum_nodes(lams, lamC0, alpha, gamma), beta, gamma * tau, T)
    crude = power_law_nodes(nu, kappa, alpha, beta, gamma, T, N, rule=Rule(gregory_order=0))
    Uc, Vc = kernels(crude, beta, gamma * tau, T)
    assert _rel(Vc, Ve) > 1e-9
    good = power_law_nodes(nu, kappa, alpha, beta, gamma, T, N)
    K = good.info["K"]
    good.wV[K - 1] *= 1.001  # the Gregory sample F(K): its weight matters at the 1e-6 level of F(K)
    Ug, Vg = kernels(good, beta, gamma * tau, T)
    assert _rel(Vg, Ve) > 1e-11


def _taylor_tail(nu, kappa, alpha, beta, g, gamma, N, ts):
    """Σ_{k>N} of the kernel summands to first order in a_k (Hurwitz zeta), second order negligible.

    φ(a, t) = [A(a)^t e]_C ≈ φ(0, t) + a ∂_aφ(0, t); the derivative by a complex step (A is polynomial in a).
    """
    h = 1e-30
    from proofs.numerics.moments import _operator_entries

    A0 = moment_matrices(np.array([0.0]), beta, g)[0]
    # complex-step operator: entries evaluated at a = i h through the lambdified sympy entries
    Ah = np.array([[complex(f(1j * h, beta, g)) for f in row] for row in _operator_entries()])

    def zeta(s: float) -> float:  # Hurwitz zeta at 30 digits, without touching the global precision
        with mpmath.workdps(30):
            return float(mpmath.zeta(s, N + 1))

    # d_m: k^{-κ} − (k+1)^{-κ} = Σ_m d_m k^{-κ-m}
    d, dm = [], kappa
    for m in range(1, 12):
        d.append(dm)
        dm *= -(kappa + m) / (m + 1)
    sig0 = float((N + 1) ** -kappa)
    sig1 = sum(dj * zeta(kappa + j + 1 + nu) for j, dj in enumerate(d))
    Ut, Vt = [], []
    for t in ts:
        pu0 = np.linalg.matrix_power(A0, t - 1) @ np.ones(3)
        pu1 = (np.linalg.matrix_power(Ah, t - 1) @ np.ones(3)).imag / h
        pv0 = np.linalg.matrix_power(A0, t)[:, 0]
        pv1 = np.linalg.matrix_power(Ah, t)[:, 0].imag / h
        Ut.append(gamma * alpha**2 * (pu0[0] * zeta(2 * nu) + pu1[0] * alpha * zeta(3 * nu)))
        Vt.append(0.5 * (pv0[0] * sig0 + pv1[0] * alpha * sig1))
    return np.array(Ut), np.array(Vt)


@pytest.mark.parametrize("case", [(1.5, 0.8, 1.0, 0.5, 0.3, 1.0), (2.5, 2.0, 0.6, -0.4, 1.0, -1.0)])
def test_infinite_spectrum_equals_finite_sum_plus_analytic_tail(case: tuple) -> None:
    """N = ∞ engine kernels = exact sum over k ≤ 50000 + Hurwitz-zeta tail Σ_{k>50000} (first order in a)."""
    nu, kappa, alpha, beta, gamma, tau = case
    N, T = 50000, 120
    lams, lamC0 = power_law_spectrum(nu, kappa, N)
    Ue, Ve = kernels(spectrum_nodes(lams, lamC0, alpha, gamma), beta, gamma * tau, T)
    ts = np.arange(1, T)
    Ut, Vt = _taylor_tail(nu, kappa, alpha, beta, gamma * tau, gamma, N, ts)
    inf_nodes = power_law_nodes(nu, kappa, alpha, beta, gamma, T, None)
    Ui, Vi = kernels(inf_nodes, beta, gamma * tau, T)
    assert _rel(Ui[1:], Ue[1:] + Ut) < 1e-12
    assert _rel(Vi[1:], Ve[1:] + Vt) < 1e-12
    # and the tail matters at this accuracy: without it the comparison fails
    assert _rel(Vi[1:], Ve[1:]) > 1e-9
    assert Vi[0] == pytest.approx(0.5, rel=1e-14)  # L_0 = Q/2 for N = ∞


def test_infinite_power_law_long_run_error_estimate_and_decay() -> None:
    tr = engine.power_law_trajectory(1.5, 0.8, 1.0, 0.5, 0.3, 1.0, 20000, None, error_estimate=True)
    assert tr.info["kernel_rel_error_estimate"] < 1e-11
    L = tr.loss
    assert np.all(np.isfinite(L)) and np.all(L > 0) and np.all(np.diff(L[100:]) < 0)
    # signal-dominated phase: local exponent of L_t tends to ζ = κ/ν
    slope = -math.log(L[19999] / L[9999]) / math.log(2)
    assert abs(slope - 0.8 / 1.5) < 0.05


def test_parameter_errors() -> None:
    with pytest.raises(ParameterError, match="beta"):
        engine.power_law_loss(1.5, 0.8, 1.0, 1.0, 0.3, 1.0, 10)
    with pytest.raises(ParameterError, match="noiseless"):
        engine.power_law_loss(1.5, 0.8, 3.1, 0.5, 0.3, 1.0, 10)
    with pytest.raises(ParameterError, match="kappa"):
        engine.power_law_loss(1.5, -0.1, 1.0, 0.5, 0.3, 1.0, 10)
    with pytest.raises(ParameterError, match="nu"):
        engine.power_law_loss(1.0, 0.8, 1.0, 0.5, 0.3, 1.0, 10)
    engine.power_law_loss(1.0, 0.8, 1.0, 0.5, 0.3, 1.0, 10, N=100)  # finite N: ν ≤ 1 is allowed
    with pytest.raises(ParameterError, match="T"):
        engine.power_law_loss(1.5, 0.8, 1.0, 0.5, 0.3, 1.0, 0)
