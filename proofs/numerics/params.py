"""Parameter validation: one function per assumption set, messages that name the assumption that fails.

Every numerical result rests on a set of assumptions of the paper; each function below checks one set,
in a fixed order, and raises :class:`ParameterError` for the first one that fails. The clauses:

* *noiseless stability* (App. H): ``-1 < β < 1`` and ``0 < αλ_max < 2(1+β)`` — both heavy-ball roots
  of every direction in the open unit disk;
* *noise factor*: ``γ ≥ 0`` (``γ = (N−b)/((N−1)b)`` or ``1/b``, Prop. 1) for the SE recursion, ``γ > 0``
  where the noise drives the result (Theorem 2, eq. 24);
* *power-law problem* (eq. 25): ``κ > 0`` (``Σ_{l≥k} λ_lC_l(0) = Qk^{−κ} → 0``), ``Λ > 0``, ``Q > 0``;
  ``Σλ_k² < ∞`` needs ``ν > 1/2`` (otherwise immediate divergence, Prop. 3) and ``Σλ_k < ∞`` —
  ``Ũ(1)`` finite — needs ``ν > 1`` (otherwise eventual divergence, Prop. 3);
* *Lemma 1* (App. E.2): ``0 ≤ g = γτ ≤ 1``, under which ``S > 0`` and ``zŨ(z)`` increases; Sections 5-6
  assume ``τ ≥ 0``.

Assumption sets: :func:`se_recursion` (the SE moment recursion stepped by the engine: any ``τ``, every
direction noiselessly stable), :func:`power_law` and :func:`explicit_spectrum` (the spectrum it is stepped
on), :func:`theorem2` (Theorem 2 / eqs. 26-29: ``ν > 1``; ``Ũ(1) < 1`` is checked by the caller, which
computes it) and :func:`divergence` (eq. 24 / Prop. 10: ``ν > 1/2``; ``Ũ(1) > 1`` by the caller).
Values may be floats or mpmath numbers; they are compared, never rounded.
"""

from __future__ import annotations

import math


class ParameterError(ValueError):
    """A parameter violates an assumption of the result being computed (the CLI turns it into exit code 2)."""


def _show(x: object) -> str:
    if type(x).__module__.startswith("mpmath"):
        import mpmath

        return mpmath.nstr(x, 15)
    return f"{x:g}" if isinstance(x, float) else str(x)


def _fail(assumption: str, why: str) -> None:
    raise ParameterError(f"{why} [{assumption}]")


def _finite(**values: object) -> None:
    for name, v in values.items():
        if not math.isfinite(v):
            _fail("finite parameters", f"{name} = {v} is not a finite number")


def _momentum(beta) -> None:
    if not -1 < beta < 1:
        _fail("noiseless stability, App. H",
              f"beta = {_show(beta)} outside -1 < beta < 1: the heavy-ball iteration diverges")


def _region(alpha, beta, lam_max) -> None:
    a_max = alpha * lam_max
    if not 0 < a_max < 2 * (1 + beta):
        _fail("noiseless stability, App. H",
              f"a = alpha*lambda_max = {_show(a_max)} outside the noiseless region "
              f"0 < a < 2(1+beta) = {_show(2 * (1 + beta))}")


def _kappa(kappa) -> None:
    if not kappa > 0:
        _fail("power-law problem, eq. 25",
              f"kappa = {_show(kappa)} <= 0: the initial condition needs sum_(l>=k) lambda_l C_l(0) = "
              "Q k^-kappa -> 0 (kappa > 0)")


def _scales(Lambda, Q) -> None:
    if not Lambda > 0:
        _fail("power-law problem, eq. 25", f"Lambda = {_show(Lambda)} <= 0: eigenvalues must be positive")
    if not Q > 0:
        _fail("power-law problem, eq. 25", f"Q = {_show(Q)} <= 0: the initial loss scale must be positive")


def _summable_squares(nu) -> None:
    if not nu > 0.5:
        _fail("sum lambda_k^2 < inf, Prop. 3",
              f"nu = {_show(nu)} <= 1/2: sum lambda_k^2 = inf (immediate divergence)")


def _summable(nu, result: str) -> None:
    if not nu > 1:
        _fail("sum lambda_k < inf, Prop. 3",
              f"nu = {_show(nu)} <= 1: sum lambda_k = inf, so U(1) = inf (eventual divergence); {result} "
              "needs nu > 1")


def se_recursion(alpha: float, beta: float, gamma: float, tau: float, lam_max: float, T: int) -> None:
    """The SE moment recursion over ``T`` steps with every direction noiselessly stable (any ``τ``)."""
    _finite(alpha=alpha, beta=beta, gamma=gamma, tau=tau, lambda_max=lam_max)
    _momentum(beta)
    if gamma < 0:
        _fail("noise factor", f"gamma = {_show(gamma)} < 0: gamma is a noise variance factor (1/batch size), >= 0")
    _region(alpha, beta, lam_max)
    if int(T) != T or T <= 0:
        _fail("time horizon", f"T = {T}: the number of steps must be a positive integer")


def power_law(nu: float, kappa: float, N: int | None, Lambda: float, Q: float) -> None:
    """The power-law spectrum of eq. 25 with ``k = 1..N`` (``N = None``: all ``k ≥ 1``)."""
    _finite(nu=nu, kappa=kappa)
    _kappa(kappa)
    if N is None:
        _summable(nu, "the infinite spectrum (N = infinity)")
    else:
        if int(N) != N or N < 1:
            _fail("spectrum size", f"N = {N}: the number of eigen-directions must be a positive integer")
        if not nu > 0:
            _fail("power-law problem, eq. 25", f"nu = {_show(nu)} <= 0: lambda_k = Lambda k^-nu must decrease")
    _scales(Lambda, Q)


def explicit_spectrum(lams, lamC0) -> None:
    """An explicit finite spectrum: eigenvalues ``λ_k > 0`` and products ``λ_kC_k(0) ≥ 0``."""
    import numpy as np

    lams, lamC0 = np.asarray(lams, dtype=float), np.asarray(lamC0, dtype=float)
    if lams.ndim != 1 or lams.shape != lamC0.shape or len(lams) == 0:
        _fail("explicit spectrum", "the spectrum needs two equally long, non-empty columns lambda, lambda*C0")
    if not (np.all(np.isfinite(lams)) and np.all(np.isfinite(lamC0))):
        _fail("explicit spectrum", "the spectrum contains non-finite values")
    if np.any(lams <= 0):
        _fail("explicit spectrum", "every eigenvalue lambda must be > 0")
    if np.any(lamC0 < 0):
        _fail("explicit spectrum", "every lambda*C0 must be >= 0 (C0 = E[dw^2] >= 0)")


def _noise_driven(nu, kappa, Lambda, Q, alpha, beta, gamma, tau, result: str, need_summable: bool) -> None:
    _kappa(kappa)
    if need_summable:
        _summable(nu, result)
    _summable_squares(nu)
    _scales(Lambda, Q)
    _momentum(beta)
    _region(alpha, beta, Lambda)
    if not gamma > 0:
        _fail("noise factor", f"gamma = {_show(gamma)} must be > 0 (gamma = 1/batch size)")
    g = gamma * tau
    if not 0 <= g <= 1:
        _fail("Lemma 1, App. E.2", f"g = gamma*tau = {_show(g)} outside 0 <= gamma*tau <= 1 (Sections 5-6 "
              "assume tau >= 0)")


def theorem2(nu, kappa, Lambda, Q, alpha, beta, gamma, tau) -> None:
    """Theorem 2 (power laws, ``Ũ(1) < 1`` checked by the caller): ``ν > 1`` and the common clauses."""
    _noise_driven(nu, kappa, Lambda, Q, alpha, beta, gamma, tau, "Theorem 2", need_summable=True)


def divergence(nu, kappa, Lambda, Q, alpha, beta, gamma, tau) -> None:
    """Eq. 24 / Prop. 10 (``Ũ(1) > 1`` checked by the caller): ``ν > 1/2`` and the common clauses."""
    _noise_driven(nu, kappa, Lambda, Q, alpha, beta, gamma, tau, "eq. 24", need_summable=False)
