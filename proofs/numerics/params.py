"""Parameter validation: one function per assumption set, messages that name the assumption that fails.

Every numerical result rests on a set of assumptions of the paper; each function below checks one set,
in a fixed order, and raises :class:`ParameterError` for the first one that fails. The clauses:

* *noiseless stability* (App. H): ``-1 < β < 1`` and ``0 < αλ_max < 2(1+β)`` — both heavy-ball roots
  of every direction in the open unit disk;
* *noise factor*: ``γ ≥ 0`` (``γ = (N−b)/((N−1)b)`` or ``1/b``, Prop. 1): a variance factor. ``γ = 0`` is
  full-batch (noiseless) descent: ``Ũ ≡ 0`` and Theorem 2 reduces to its signal term. Eq. 24 needs ``γ > 0``
  (without noise ``Ũ ≡ 0`` has no root ``Ũ(r) = 1``);
* *power-law problem* (eq. 25): ``κ > 0`` (``Σ_{l≥k} λ_lC_l(0) = Qk^{−κ} → 0``), ``Λ > 0``, ``Q > 0``;
  ``Σλ_k² < ∞`` needs ``ν > 1/2`` (otherwise immediate divergence, Prop. 3) and ``Σλ_k < ∞`` —
  ``Ũ(1)`` finite — needs ``ν > 1`` (otherwise eventual divergence, Prop. 3);
* *Lemma 1.1* (App. E.2): ``g = γτ ≥ 0``, under which ``S > 0`` on the whole noiseless region for
  ``0 < z < 1`` (``lemma1.1`` for ``0 ≤ g ≤ 1``; ``sharp.S.g_nonneg``: every ``g ≥ 0`` — the paper's bound
  ``g ≤ 1`` is not needed), so that ``u, v`` and ``Ũ, Ṽ`` are analytic on ``[0, 1)`` (Lemma 1.2). For every
  ``g < 0`` the positivity fails somewhere in the region (``sharp.S.g_threshold``), so ``γτ < 0`` is refused
  by the generating-function results (the SE recursion itself is simulated for any ``τ``).

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


def _gamma(gamma, result: str, strict: bool) -> None:
    if strict and not gamma > 0:
        _fail("noise factor", f"gamma = {_show(gamma)} <= 0: without noise U(z) = 0, so U(r) = 1 has no root and "
              f"there is no exponential divergence; {result} needs gamma > 0")
    if not gamma >= 0:
        _fail("noise factor", f"gamma = {_show(gamma)} < 0: gamma is a noise variance factor (1/batch size), >= 0")


def _lemma11(gamma, tau, result: str) -> None:
    g = gamma * tau
    if not g >= 0:
        _fail("Lemma 1.1, App. E.2",
              f"g = gamma*tau = {_show(g)} < 0: {result} needs S > 0 (Lemma 1.1: U, V analytic on [0, 1)), which "
              "is proved for every g >= 0 and fails somewhere in the noiseless region for every g < 0 "
              "(sharp.S.g_threshold); tau < 0 is covered by `sgd-proofs simulate`")


def _common(nu, kappa, Lambda, Q, alpha, beta, result: str, need_summable: bool) -> None:
    _kappa(kappa)
    if need_summable:
        _summable(nu, result)
    _summable_squares(nu)
    _scales(Lambda, Q)
    _momentum(beta)
    _region(alpha, beta, Lambda)


def theorem2(nu, kappa, Lambda, Q, alpha, beta, gamma, tau) -> None:
    """Theorem 2 (power laws, ``Ũ(1) < 1`` checked by the caller): ``ν > 1``, noiseless stability, ``γ ≥ 0``
    (``γ = 0``: the signal term alone) and ``γτ ≥ 0`` (Lemma 1.1; no upper bound on ``γτ``)."""
    _common(nu, kappa, Lambda, Q, alpha, beta, "Theorem 2", need_summable=True)
    _gamma(gamma, "Theorem 2", strict=False)
    _lemma11(gamma, tau, "Theorem 2")


def divergence(nu, kappa, Lambda, Q, alpha, beta, gamma, tau) -> None:
    """Eq. 24 / Prop. 10 (``Ũ(1) > 1`` checked by the caller): ``ν > 1/2``, noiseless stability, ``γ > 0`` and
    ``γτ ≥ 0`` (Lemma 1.1, so that ``Ũ`` increases on ``[0, 1)`` and its root ``r`` is unique)."""
    _common(nu, kappa, Lambda, Q, alpha, beta, "eq. 24", need_summable=False)
    _gamma(gamma, "eq. 24", strict=True)
    _lemma11(gamma, tau, "eq. 24")
