"""Stationary second moments of heavy-ball SGD on a quadratic, in matrix form, exactly (issue 13 item 2).

Setting of Liu, Ziyin and Ueda (ICML 2021, "Noise and fluctuation of finite learning rate SGD", their
eq. 5): loss ``½ wᵀKw``, learning rate ``λ``, momentum ``μ``, additive gradient noise ``η`` with mean zero,
covariance ``C``, independent of the past::

    g_t = K w_{t−1} + η_{t−1},    m_t = μ m_{t−1} + g_t,    w_t = w_{t−1} − λ m_t.

Mapping to this project's eq. 1 (``v' = −α(λ_k Δw + ξ) + β v``, ``Δw' = Δw + v'``): ``α = λ``, ``β = μ``,
``v_t = w_t − w_{t−1} = −λ m_t``, ``ξ = η``, and the Hessian's eigenvalue ``λ_k`` is an eigenvalue of ``K``.

Nothing below is transcribed. The state ``x = (w, m)`` evolves linearly, ``x_t = T x_{t−1} + B η_{t−1}``;
:func:`transition` reads the columns of ``T`` and ``B`` off :func:`update` (the update rule above, applied
to unit vectors). The stationary covariance ``P = E[x xᵀ]`` then solves the discrete Lyapunov equation
``P = T P Tᵀ + B C Bᵀ``, which :func:`stationary` solves exactly over Q (python-flint ``fmpq_mat``) for
rational ``K, C, λ, μ`` and checks by substituting back; it is the stationary covariance when every
eigenvalue of ``T`` lies inside the unit disc, which :func:`is_stable` decides exactly (Schur–Cohn–Jury on
the characteristic polynomial of ``T``). ``Σ = E[w wᵀ]`` is the top-left block.

The paper's closed forms are *targets* compared with that exact solution (residuals computed exactly):
:func:`eq6_residual` (their Thm 1, ``μ = 0``), :func:`eq7_residual` (Thm 2), :func:`cor1_sigma` (Cor 1,
``[C, K] = 0``). The scalar case is solved symbolically by :func:`scalar_sigma`.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import flint
import sympy as sp

Matrix = list[list[Fraction]]


def _q(x) -> Fraction:
    return x if isinstance(x, Fraction) else Fraction(x)


def matrix(rows: Sequence[Sequence]) -> Matrix:
    """A square or rectangular matrix of exact rationals (ints, Fractions or ``"p/q"`` strings)."""
    out = [[Fraction(x) for x in r] for r in rows]
    if not out or any(len(r) != len(out[0]) for r in out):
        raise ValueError("a matrix needs equal-length, non-empty rows")
    return out


def _fm(m: Matrix) -> flint.fmpq_mat:
    return flint.fmpq_mat(len(m), len(m[0]), [flint.fmpq(x.numerator, x.denominator) for r in m for x in r])


def _from_fm(m: flint.fmpq_mat) -> Matrix:
    return [[Fraction(int(m[i, j].p), int(m[i, j].q)) for j in range(m.ncols())] for i in range(m.nrows())]


def mat_mul(x: Matrix, y: Matrix) -> Matrix:
    return [[sum((x[i][k] * y[k][j] for k in range(len(y))), Fraction(0)) for j in range(len(y[0]))]
            for i in range(len(x))]


def mat_add(*terms: tuple[Fraction | int, Matrix]) -> Matrix:
    """``Σ c·M`` over ``(c, M)`` pairs."""
    n, m = len(terms[0][1]), len(terms[0][1][0])
    return [[sum((Fraction(c) * M[i][j] for c, M in terms), Fraction(0)) for j in range(m)] for i in range(n)]


def transpose(x: Matrix) -> Matrix:
    return [list(r) for r in zip(*x, strict=True)]


def identity(d: int) -> Matrix:
    return [[Fraction(int(i == j)) for j in range(d)] for i in range(d)]


def is_zero(x: Matrix) -> bool:
    return all(v == 0 for r in x for v in r)


def commute(x: Matrix, y: Matrix) -> bool:
    return is_zero(mat_add((1, mat_mul(x, y)), (-1, mat_mul(y, x))))


# ------------------------------------------------------------------------------------------ the update rule


def update(K: Matrix, Lam: Matrix, mu: Fraction, w: list[Fraction], m: list[Fraction],
           eta: list[Fraction]) -> list[Fraction]:
    """One step of the update rule (module docstring) with learning rate ``Λ`` (``λI`` for plain SGD, a
    matrix for a preconditioner): ``(w_t, m_t)`` concatenated, from ``(w_{t−1}, m_{t−1})`` and ``η``."""
    d = len(K)
    m_new = [mu * m[i] + sum((K[i][j] * w[j] for j in range(d)), Fraction(0)) + eta[i] for i in range(d)]
    w_new = [w[i] - sum((Lam[i][j] * m_new[j] for j in range(d)), Fraction(0)) for i in range(d)]
    return w_new + m_new


def transition_pre(K: Matrix, Lam: Matrix, mu) -> tuple[Matrix, Matrix]:
    """``(T, B)`` with ``x_t = T x_{t−1} + B η``, ``x = (w, m)``: the update applied to unit vectors."""
    mu, d = _q(mu), len(K)
    zero = [Fraction(0)] * d
    unit = lambda i: [Fraction(int(j == i)) for j in range(d)]  # noqa: E731
    cols_t = [update(K, Lam, mu, unit(i) if i < d else zero, unit(i - d) if i >= d else zero, zero)
              for i in range(2 * d)]
    return transpose(cols_t), transpose([update(K, Lam, mu, zero, zero, unit(i)) for i in range(d)])


def transition(K: Matrix, lam, mu) -> tuple[Matrix, Matrix]:
    """:func:`transition_pre` with the scalar learning rate ``Λ = λI``."""
    return transition_pre(K, mat_add((_q(lam), identity(len(K)))), mu)


# ------------------------------------------------------------------------------------------ exact solution


def _solve_moments(M: Matrix, Q: Matrix) -> Matrix | None:
    """``P`` with ``vec P = M vec P + vec Q`` (row-major ``vec``) exactly over Q; ``None`` if ``I − M`` is
    singular (no unique stationary second moments)."""
    n = len(Q)
    A = _fm(mat_add((1, identity(n * n)), (-1, M)))
    if A.rank() < n * n:
        return None
    v = _from_fm(A.solve(_fm([[x] for r in Q for x in r])))
    return [[v[i * n + j][0] for j in range(n)] for i in range(n)]


def lyapunov(T: Matrix, Q: Matrix) -> Matrix:
    """The exact solution ``P`` of ``P = T P Tᵀ + Q``; ``ValueError`` if it is not unique (an eigenvalue
    product of ``T`` equals 1)."""
    n = len(T)  # no state-dependent noise: the operator P ↦ T P Tᵀ alone
    P = _solve_moments(moment_operator(T, identity(n), lambda _: [[Fraction(0)] * n for _ in range(n)]), Q)
    if P is None:
        raise ValueError("I − T⊗T is singular: the Lyapunov equation has no unique solution")
    if not is_zero(mat_add((1, P), (-1, mat_mul(mat_mul(T, P), transpose(T))), (-1, Q))):
        raise AssertionError("the Lyapunov solution does not satisfy its equation (exact)")
    return P


def charpoly(T: Matrix) -> list[Fraction]:
    """Coefficients ``[a_0, …, a_n]`` of ``det(z I − T)`` (exact, python-flint)."""
    cp = _fm(T).charpoly()
    return [Fraction(int(c.p), int(c.q)) for c in cp.coeffs()]


def is_stable(T: Matrix) -> bool:
    """Whether every eigenvalue of ``T`` lies strictly inside the unit disc, decided exactly by the
    Schur–Cohn–Jury recursion on the characteristic polynomial ``p = a_0 + … + a_n zⁿ``: all zeros inside iff
    ``|a_0| < |a_n|`` and the same holds for ``q = (a_n p − a_0 p*)/z`` (``p*`` the reversed polynomial,
    degree ``n − 1``), down to a non-zero constant (Rouché on the unit circle, where ``|p*| = |p|``)."""
    p = charpoly(T)
    while len(p) > 1:
        a0, an = p[0], p[-1]
        if abs(a0) >= abs(an):
            return False
        rev = p[::-1]
        r = [an * x - a0 * y for x, y in zip(p, rev, strict=True)]  # r(0) = 0: divide by z
        lead = an * an - a0 * a0  # > 0: r's leading coefficient; dividing by it keeps the zeros and the
        p = [x / lead for x in r[1:]]  # coefficients small (without it their size doubles every step)
    return p[0] != 0


def stationary(K: Matrix, C: Matrix, lam, mu) -> dict:
    """Exact stationary second moments: ``{"P": E[xxᵀ], "Sigma": E[wwᵀ], "T": T, "B": B, "stable": …}``."""
    d = len(K)
    T, B = transition(K, lam, mu)
    Q = mat_mul(mat_mul(B, C), transpose(B))
    P = lyapunov(T, Q)
    return {"P": P, "Sigma": [r[:d] for r in P[:d]], "T": T, "B": B, "stable": is_stable(T)}


# ------------------------------------------------------------------------------------------ the paper's forms


def eq6_residual(K: Matrix, C: Matrix, S: Matrix, lam) -> Matrix:
    """Their Thm 1 (``μ = 0``): ``ΣK + KΣ − λ KΣK − λ C`` (zero iff eq. 6 holds)."""
    lam = _q(lam)
    return mat_add((1, mat_mul(S, K)), (1, mat_mul(K, S)), (-lam, mat_mul(mat_mul(K, S), K)), (-lam, C))


def eq7_residual(K: Matrix, C: Matrix, S: Matrix, lam, mu) -> Matrix:
    """Their Thm 2: ``−(1+μ²)/(1−μ²) λ² KΣK + μ/(1−μ²) λ² (K²Σ + ΣK²) + (1−μ) λ (KΣ + ΣK) − λ² C``."""
    lam, mu = _q(lam), _q(mu)
    K2 = mat_mul(K, K)
    return mat_add((-(1 + mu**2) / (1 - mu**2) * lam**2, mat_mul(mat_mul(K, S), K)),
                   (mu / (1 - mu**2) * lam**2, mat_mul(K2, S)), (mu / (1 - mu**2) * lam**2, mat_mul(S, K2)),
                   ((1 - mu) * lam, mat_mul(K, S)), ((1 - mu) * lam, mat_mul(S, K)), (-lam**2, C))


def inverse(x: Matrix) -> Matrix:
    return _from_fm(_fm(x).inv())


def cor1_sigma(K: Matrix, C: Matrix, lam, mu) -> Matrix:
    """Their Cor 1 (``[C, K] = 0``): ``Σ = [λK/(1+μ) · (2I − λK/(1+μ))]⁻¹ · λ²C/(1−μ²)``."""
    lam, mu, d = _q(lam), _q(mu), len(K)
    A = mat_add((lam / (1 + mu), K))
    M = mat_mul(A, mat_add((2, identity(d)), (-1, A)))
    return mat_mul(inverse(M), mat_add((lam**2 / (1 - mu**2), C)))


# ------------------------------------------------------------------------------------------ scalar, symbolic

k_, c_, lam_, mu_ = sp.symbols("k c lambda mu")


def scalar_sigma() -> sp.Expr:
    """``E[w²]`` of the one-dimensional chain, solved symbolically from the update map (``k``, ``c``, ``λ``,
    ``μ`` symbols): the Lyapunov equation in the three unknowns ``E w², E wm, E m²``."""
    w, m, e = sp.symbols("w m eta")
    m_new = mu_ * m + k_ * w + e
    w_new = w - lam_ * m_new
    Pww, Pwm, Pmm = sp.symbols("P_ww P_wm P_mm")
    moment = {(2, 0, 0): Pww, (1, 1, 0): Pwm, (0, 2, 0): Pmm, (0, 0, 2): c_, (1, 0, 1): 0, (0, 1, 1): 0}

    def expect(expr: sp.Expr) -> sp.Expr:
        poly = sp.Poly(sp.expand(expr), w, m, e)
        return sum((coef * moment[mon] for mon, coef in poly.terms()), sp.Integer(0))

    eqs = [sp.Eq(Pww, expect(w_new**2)), sp.Eq(Pwm, expect(w_new * m_new)), sp.Eq(Pmm, expect(m_new**2))]
    sol = sp.solve(eqs, [Pww, Pwm, Pmm], dict=True)
    if len(sol) != 1:
        raise AssertionError("the scalar Lyapunov system has no unique solution")
    return sp.factor(sol[0][Pww])


def cor1_scalar() -> sp.Expr:
    """Cor 1 with ``d = 1``: ``λ²c/(1−μ²) / (λk/(1+μ) · (2 − λk/(1+μ)))``."""
    A = lam_ * k_ / (1 + mu_)
    return lam_**2 * c_ / (1 - mu_**2) / (A * (2 - A))


def same_rational_function(x: sp.Expr, y: sp.Expr) -> bool:
    """``x == y`` as rational functions, decided by cross-multiplying and expanding (no ``simplify``)."""
    nx, dx = sp.fraction(sp.together(x))
    ny, dy = sp.fraction(sp.together(y))
    return sp.expand(nx * dy - ny * dx) == 0


def trace(x: Matrix) -> Fraction:
    return sum((x[i][i] for i in range(len(x))), Fraction(0))


def training_loss(K: Matrix, S: Matrix) -> Fraction:
    """``E[½ wᵀKw] = ½ Tr(KΣ)``."""
    return trace(mat_mul(K, S)) / 2


def thm5_loss(K: Matrix, C: Matrix, lam, mu) -> Fraction:
    """Their Thm 5: ``λ/(4(1−μ)) · Tr[(I − λK/(2(1+μ)))⁻¹ C]``."""
    lam, mu, d = _q(lam), _q(mu), len(K)
    M = mat_add((1, identity(d)), (-lam / (2 * (1 + mu)), K))
    return lam / (4 * (1 - mu)) * trace(mat_mul(inverse(M), C))


def thm4_sigma(K: Matrix, sigma2, a, lam) -> Matrix:
    """Their Thm 4 (``C = σ²I + aK``, ``μ = 0``): ``Σ = λ(σ²I + aK)[K(2I − λK)]⁻¹``."""
    lam, d = _q(lam), len(K)
    C = mat_add((sigma2, identity(d)), (a, K))
    return mat_mul(mat_add((lam, C)), inverse(mat_mul(K, mat_add((2, identity(d)), (-lam, K)))))


# ------------------------------------------------------------------------------------------ mini-batch noise
#
# Ziyin, Liu, Mori, Ueda (ICLR 2022, "Strength of minibatch noise in SGD"): linear regression with Gaussian
# features x ~ N(0, A), label noise of variance σ², batch size S; with w the deviation from the teacher the
# mini-batch gradient is (1/S) Σ_i x_i (x_iᵀ w − ε_i), whose covariance given w is, by Isserlis' theorem,
# (A w wᵀ A + (wᵀ A w) A + σ² A)/S. Averaged over the stationary law this is their Lemma 1,
# C(Σ) = (AΣA + Tr[AΣ] A + σ² A)/S — state-dependent: the stationary second moments solve the *affine*
# equation P = T P Tᵀ + B C(Σ) Bᵀ, still linear in P, solved exactly below. A matrix learning rate Λ
# (their preconditioner; plain SGD is Λ = λI) enters the update as w_t = w_{t−1} − Λ m_t.


def minibatch_noise(A: Matrix, S_: Matrix, sigma2, batch) -> Matrix:
    """Their Lemma 1 (re-derived above): ``(AΣA + Tr[AΣ] A + σ² A)/S``."""
    batch = _q(batch)
    ASA = mat_mul(mat_mul(A, S_), A)
    return mat_add((1 / batch, ASA), (trace(mat_mul(A, S_)) / batch, A), (_q(sigma2) / batch, A))


def moment_operator(T: Matrix, B: Matrix, noise_linear) -> Matrix:
    """The matrix (on ``vec P``, row-major) of ``P ↦ T P Tᵀ + B N(P_ww) Bᵀ``, ``N`` linear: applied to the
    unit matrices ``E_kl``."""
    n, d = len(T), len(B[0])
    cols = []
    for k in range(n):
        for l_ in range(n):
            E = [[Fraction(int(i == k and j == l_)) for j in range(n)] for i in range(n)]
            out = mat_add((1, mat_mul(mat_mul(T, E), transpose(T))),
                          (1, mat_mul(mat_mul(B, noise_linear([r[:d] for r in E[:d]])), transpose(B))))
            cols.append([x for r in out for x in r])
    return transpose(cols)


def stationary_minibatch(A: Matrix, Lam: Matrix, mu, sigma2, batch) -> dict:
    """Exact stationary moments with the state-dependent noise of Lemma 1: ``P = M vec P + vec(B σ²A/S Bᵀ)``
    with ``M`` the moment operator; ``stable`` says whether ``M`` (the second-moment recursion) has every
    eigenvalue inside the unit disc — the exact divergence threshold of the second moments."""
    d = len(A)
    T, B = transition_pre(A, Lam, mu)
    zero = [[Fraction(0)] * d for _ in range(d)]
    M = moment_operator(T, B, lambda Sw: minibatch_noise(A, Sw, 0, batch))
    Q = mat_mul(mat_mul(B, minibatch_noise(A, zero, sigma2, batch)), transpose(B))
    out = {"T": T, "B": B, "M": M, "stable": is_stable(M)}
    if (P := _solve_moments(M, Q)) is None:
        out.update(P=None, Sigma=None)
        return out
    Sw = [r[:d] for r in P[:d]]
    C = minibatch_noise(A, Sw, sigma2, batch)
    resid = mat_add((1, P), (-1, mat_mul(mat_mul(T, P), transpose(T))), (-1, mat_mul(mat_mul(B, C), transpose(B))))
    if not is_zero(resid):
        raise AssertionError("the stationary moments do not satisfy their equation (exact)")
    out.update(P=P, Sigma=Sw)
    return out


def iclr_thm2_sigma(A: Matrix, Lam: Matrix, mu, sigma2, batch) -> Matrix:
    """Their Thm 2 (``[Λ, A] = 0``): ``Σ = (σ²/S)(1 + κ_μ/S) Λ G_μ⁻¹``, ``G_μ = 2(1−μ)I −
    ((1−μ)/(1+μ) + 1/S) ΛA``, ``κ_μ = Tr[ΛAG_μ⁻¹] / (1 − Tr[ΛAG_μ⁻¹]/S)``."""
    mu, s2, S_, d = _q(mu), _q(sigma2), _q(batch), len(A)
    G = mat_add((2 * (1 - mu), identity(d)), (-((1 - mu) / (1 + mu) + 1 / S_), mat_mul(Lam, A)))
    Gi = inverse(G)
    t = trace(mat_mul(mat_mul(Lam, A), Gi))
    kappa = t / (1 - t / S_)
    return mat_add((s2 / S_ * (1 + kappa / S_), mat_mul(Lam, Gi)))


def positive_definite(x: Matrix) -> bool:
    """``x`` symmetric positive definite, by its leading principal minors (exact, python-flint)."""
    return x == transpose(x) and all(_fm([r[:k] for r in x[:k]]).det() > 0 for k in range(1, len(x) + 1))


def iclr_thm2_condition(A: Matrix, Lam: Matrix, mu, batch) -> bool:
    """Their finiteness condition: ``G_μ ≻ 0`` and ``Tr[ΛAG_μ⁻¹] < S`` (G_μ's definiteness by its leading
    principal minors, exactly)."""
    mu, S_, d = _q(mu), _q(batch), len(A)
    G = mat_add((2 * (1 - mu), identity(d)), (-((1 - mu) / (1 + mu) + 1 / S_), mat_mul(Lam, A)))
    if not positive_definite(mat_add((Fraction(1, 2), G), (Fraction(1, 2), transpose(G)))):
        return False
    return trace(mat_mul(mat_mul(Lam, A), inverse(G))) < S_



def iclr_condition_term() -> sp.Expr:
    """One eigenvalue's term of their condition ``Tr[ΛAG_μ⁻¹]/S < 1`` for ``Λ = αI`` (``A``'s eigenvalue
    ``λ``, ``μ = β``, ``1/S = γ``), in this project's symbols (``symbolic.update_rule``): the mapping to
    eq. 21's ``Ũ(1)`` at ``τ = −1`` (Gaussian features) is checked by cross-multiplication in the tests."""
    from .update_rule import alpha, beta, gamma, lam

    G = 2 * (1 - beta) - ((1 - beta) / (1 + beta) + gamma) * alpha * lam
    return gamma * alpha * lam / G
