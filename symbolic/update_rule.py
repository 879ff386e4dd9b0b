"""The heavy-ball update on one eigen-direction and the SE noise model (paper eqs. 1, 7).

Per eigen-direction ``k`` with eigenvalue ``λ`` the mini-batch step is (paper eq. 1)

    v'  = -α (λ Δw + ξ) + β v,        Δw' = Δw + v',

where ``ξ`` is the gradient noise: mean zero, uncorrelated with ``(Δw, v)``, with variance given by the
Spectrally Expressible approximation (paper eq. 7, ``τ₁ = 1, τ₂ = τ``)

    E[ξ²] = γ (λ Tr(HC) − τ λ² C).

Taking expectations of the products of the updated pair gives the second-moment recursion of
``(C, J, P) = (E Δw², E Δw v, E v²)``. Nothing below is transcribed: the operator is obtained by
expanding the products of the update map symbolically and replacing each monomial by its moment.
"""

from __future__ import annotations

import sympy as sp

alpha, beta, lam, gamma, tau, z = sp.symbols("alpha beta lambda gamma tau z")
a, b, g = sp.symbols("a b g")
#: Tr(HC) = Σ_k λ_k C_k = 2 L: the only cross-direction coupling of the SE model.
trHC = sp.Symbol("T")
C, J, P = sp.symbols("C J P")
MOMENTS = (C, J, P)

_dw, _v, _xi = sp.symbols("Delta_w v xi")


def update_map() -> tuple[sp.Expr, sp.Expr]:
    """The heavy-ball update (paper eq. 1) on one direction: returns ``(Δw', v')``."""
    v_new = -alpha * (lam * _dw + _xi) + beta * _v
    return _dw + v_new, v_new


def _expectation(expr: sp.Expr, noise_variance: sp.Expr) -> sp.Expr:
    """E[·] of a quadratic form in ``(Δw, v, ξ)``: ξ has mean zero and is uncorrelated with the state."""
    poly = sp.Poly(sp.expand(expr), _dw, _v, _xi)
    moment = {
        (2, 0, 0): C,
        (1, 1, 0): J,
        (0, 2, 0): P,
        (0, 0, 2): noise_variance,
        (1, 0, 1): 0,
        (0, 1, 1): 0,
    }
    out = sp.Integer(0)
    for monom, coeff in poly.terms():
        if monom not in moment:
            raise ValueError(f"not a quadratic form: monomial {monom}")
        out += coeff * moment[monom]
    return sp.expand(out)


def se_noise_variance() -> sp.Expr:
    """SE approximation of the diagonal noise covariance (paper eq. 7 with τ₁ = 1, τ₂ = τ)."""
    return gamma * (lam * trHC - tau * lam**2 * C)


def moment_recursion() -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """``(C', J', P')`` as expressions in ``C, J, P, T = Tr(HC)`` and ``α, β, λ, γ, τ``."""
    dw_new, v_new = update_map()
    sigma = se_noise_variance()
    return (
        _expectation(dw_new * dw_new, sigma),
        _expectation(dw_new * v_new, sigma),
        _expectation(v_new * v_new, sigma),
    )


def reduce_variables(expr: sp.Expr) -> sp.Expr:
    """Substitute ``α = a/λ``, ``β = b``, ``γ = g/τ`` (i.e. ``a = αλ``, ``g = γτ``) and expand."""
    return sp.expand(sp.expand(expr).subs({alpha: a / lam, beta: b, gamma: g / tau}))


def moment_operator_full() -> tuple[sp.Matrix, sp.Matrix]:
    """``(A, n)`` in the raw parameters: ``(C,J,P)' = A (C,J,P) + n · Tr(HC)``."""
    rec = moment_recursion()
    A = sp.Matrix(3, 3, lambda i, j: sp.expand(rec[i]).coeff(MOMENTS[j]))
    n = sp.Matrix(3, 1, lambda i, _: sp.expand(rec[i]).coeff(trHC))
    # the recursion is linear and homogeneous in (C, J, P, T): check nothing is left over
    for i in range(3):
        rest = sp.expand(rec[i] - sum(A[i, j] * MOMENTS[j] for j in range(3)) - n[i] * trHC)
        if rest != 0:
            raise AssertionError(f"moment recursion row {i} is not linear: {rest}")
    return A, n


def moment_operator() -> sp.Matrix:
    """The 3×3 operator ``A_λ(a, b, g)`` on ``(C, J, P)`` (paper eq. 11, per eigenvalue)."""
    A, _ = moment_operator_full()
    red = A.applyfunc(reduce_variables)
    if red.free_symbols - {a, b, g}:
        raise AssertionError(f"operator does not reduce to (a, b, g): {red.free_symbols}")
    return red


def noise_vector() -> sp.Matrix:
    """The rank-one noise term: ``(C,J,P)' ∋ γ α² λ · Tr(HC) · (1, 1, 1)``; returns ``γα²λ (1,1,1)``."""
    _, n = moment_operator_full()
    return n.applyfunc(sp.factor)
