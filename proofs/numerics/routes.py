"""Independent confirmation routes: none of them evaluates the constant's closed-form formula.

**Generating-function route (Theorem 2).** ``L̃(1 − ε) = Ṽ/(1 − Ũ)``, each sum taken over all k
(``powerlaw``), is evaluated on a geometric grid ``ε_i = ε_max q^i`` and fitted exactly (square
linear solve at high precision) by the basis ``{ε^e (log ε)^ℓ}`` of its singular expansion. The exponent
ladder is derived by the Mellin transform of the harmonic sums (not fitted):

* ``Ṽ(1−ε) = ½ Σ_k w_k v(αλ_k, ε)``; the small-(a, ε) expansion ``v = Σ_i ε^{i−1} c_i(a/ε)`` (c_i homogeneous)
  meets the Dirichlet series ``Σ_k w_k k^{s} = −Σ_{j≥1} binom(−κ, j) ζ_R(κ + j − s)`` whose poles are at
  ``s = κ + j``, ``j ≥ 0``: singular terms ``ε^{ζ − 1 + j/ν + i}``, plus analytic ``ε^m``; where
  ``ζ + j/ν`` is an integer the two poles merge and give ``ε^e log ε``;
* ``Ũ(1−ε)``: the weights ``λ_k² = Λ² k^{−2ν}`` have the Dirichlet series ``Λ^{2−s}ζ_R(2ν − νs)`` with the
  single pole ``s = 2 − 1/ν``: terms ``ε^{1 − 1/ν + i}`` plus analytic ``ε^m``;
* ``L̃ = Ṽ Σ_n Ũ^n``: exponents ``m + n(1 − 1/ν)`` and ``ζ − 1 + j/ν + m + n(1 − 1/ν)`` (m, n, j ≥ 0).

The leading term ``C t^{−x}`` of ``L_t`` corresponds to ``C Γ(1 − x) ε^{x−1}`` (``Li_x`` asymptotics; for
integer ``x = n``: ``−(−1)^{n−1}/(n−1)! · ε^{n−1} log ε``), so ``numeric_C = coefficient / Γ(1 − x)``.
Error estimate: the difference to a second fit on the smaller ε of the grid with the ladder cut one
step lower.

**Time-domain route.** ``L_t`` from the SE trajectory engine (``engine.power_law_trajectory``, renewal
``L_t = V_t + Σ U_{t−s} L_s``, double precision); ``L_t t^x = C + Σ_δ d_δ t^{−δ}`` with the correction
exponents ``δ = e − (x − 1) + m`` from the same ladder (each ``ε^e`` gives ``t^{−e−1}(1 + O(1/t))``),
fitted by least squares on log-spaced ``t ∈ [T/64, T)``; the exponent from the same fit of the local
slope ``−d log L/d log t``.

**Divergence.** Residue of ``L̃`` at its pole by the trapezoidal rule on a circle (centre and radius
chosen from a coarse bracket, not from the root): ``Res = ∮L̃ dz/2πi``, ``r = ∮ z L̃ dz / ∮ L̃ dz``,
``C_div = −Res/r`` (``L̃ ≈ C/(1 − z/r)``); geometric convergence, error from the half-size rule. Time
domain: ``r = lim L_t/L_{t+1}``, ``C_div = lim L_t r^t``.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath as mp
import numpy as np

from .powerlaw import Params, PowerLaw, U_tilde, V_tilde

COLLIDE = mp.mpf("1e-12")


def gf_ladder(spec: PowerLaw, e_max, singular_only: bool = False) -> list[tuple]:
    """Basis ``[(e, ℓ)]`` of ``L̃(1 − ε)`` near ε = 0 with ``e ≤ e_max`` (module docstring)."""
    nu, zeta = spec.nu, spec.zeta
    s = 1 - 1 / nu
    jmax = int(mp.ceil((e_max + 2) * nu)) + 1
    logs = set()
    for j in range(jmax + 1):
        x = zeta + mp.mpf(j) / nu
        if abs(x - mp.nint(x)) < COLLIDE:
            logs.add(int(mp.nint(x)) - 1)
    out: list[tuple] = []

    def add(e, ell):
        if e > e_max + COLLIDE:
            return
        for f, l2 in out:
            if abs(f - e) < COLLIDE and l2 == ell:
                return
        out.append((e, ell))

    nmax = int(mp.ceil((e_max + 2) / s)) + 1
    mmax = int(mp.ceil(e_max + 2)) + 1
    for n in range(nmax + 1):
        for m in range(mmax + 1):
            add(m + n * s, 0)
            for j in range(jmax + 1):
                add(zeta - 1 + mp.mpf(j) / nu + m + n * s, 0)
            for c in logs:
                add(c + m + n * s, 1)
    out.sort(key=lambda p: (p[0], p[1]))
    if singular_only:
        out = [p for p in out if p[1] == 1 or abs(p[0] - mp.nint(p[0])) > COLLIDE]
    return out


def leading_factor(x) -> mp.mpf:
    """Coefficient of the leading singular basis term of ``Σ_t t^{−x} z^t`` at ``z = 1 − ε``."""
    if abs(x - mp.nint(x)) < COLLIDE:
        n = int(mp.nint(x))
        return -((-1) ** (n - 1)) / mp.factorial(n - 1)
    return mp.gamma(1 - x)


def target_basis(spec: PowerLaw, x) -> tuple:
    e = x - 1
    return (e, 1) if abs(x - mp.nint(x)) < COLLIDE else (e, 0)


def _basis_value(eps, e, ell):
    v = mp.power(eps, e)
    return v * mp.log(eps) if ell else v


def fit_singular(F: Callable, basis: list[tuple], target: tuple, eps_max, q, progress=None) -> dict:
    """Solve ``F(ε_i) = Σ_j c_j ε_i^{e_j} (log ε_i)^{ℓ_j}`` on ``ε_i = ε_max q^i`` (i < len(basis)) for the
    coefficient of ``target``; second fit (one basis element fewer, smallest ε) for the error estimate."""
    M = len(basis)
    eps = [mp.mpf(eps_max) * mp.mpf(q) ** i for i in range(M)]
    vals = []
    for i, e in enumerate(eps):
        vals.append(F(e))
        if progress:
            progress(i + 1, M)
    j = next(i for i, (e, ell) in enumerate(basis) if abs(e - target[0]) < COLLIDE and ell == target[1])

    def solve(pts, vs, bs):
        A = mp.matrix([[_basis_value(p, e, ell) for (e, ell) in bs] for p in pts])
        return mp.lu_solve(A, mp.matrix(vs))

    c = solve(eps, vals, basis)
    sub = basis[:-1]
    c2 = solve(eps[1:], vals[1:], sub)
    return {"coefficient": c[j], "error": abs(c[j] - c2[j]), "eps": eps, "n": M}


def gf_theorem2(spec: PowerLaw, par: Params, x, eps_max="1e-4", q="0.3", span="2.5", progress=None) -> dict:
    """Generating-function route to the leading constant ``C`` of ``L_t ≈ C t^{−x}``."""
    tgt = target_basis(spec, x)
    basis = gf_ladder(spec, tgt[0] + mp.mpf(span))
    basis = [b for b in basis if b[0] >= min(tgt[0], 0) - COLLIDE]

    def F(eps):
        U, _ = U_tilde(spec, par, eps)
        V, _ = V_tilde(spec, par, eps)
        return V / (1 - U)

    fit = fit_singular(F, basis, tgt, eps_max, q, progress)
    lf = leading_factor(x)
    return {
        "value": fit["coefficient"] / lf,
        "error": fit["error"] / abs(lf),
        "points": fit["n"],
        "eps_range": (fit["eps"][-1], fit["eps"][0]),
        "basis": basis,
        "method": (
            f"L(1-eps) = V/(1-U) summed over all k (head + Euler-Maclaurin), at {fit['n']} points "
            f"eps = {eps_max}*{q}^i; exact solve for the coefficients of eps^e (log eps)^l over the Mellin "
            f"ladder e in {{m + n(1-1/nu), zeta-1+j/nu+m+n(1-1/nu)}} up to e = x-1+{span}; "
            "C = coefficient / Gamma(1-x); error = change when the top ladder term is dropped"
        ),
    }


def time_ladder(spec: PowerLaw, x, delta_max=3.0) -> list:
    """Correction exponents ``δ`` of ``L_t t^x = C + Σ d_δ t^{−δ}`` up to ``delta_max`` (module docstring)."""
    basis = gf_ladder(spec, x - 1 + mp.mpf(delta_max), singular_only=True)
    out: list = []
    for e, _ell in basis:
        for m in range(int(delta_max) + 2):
            d = e - (x - 1) + m
            if COLLIDE < d <= delta_max and all(abs(d - o) > mp.mpf("1e-6") for o in out):
                out.append(d)
    return sorted(out)


def time_fit(L: np.ndarray, x: float, deltas: list, t_lo: int, t_hi: int, npts: int = 200) -> float:
    """Least-squares ``C`` from ``L_t t^x = C + Σ d_δ t^{−δ}`` on log-spaced integer ``t ∈ [t_lo, t_hi)``."""
    ts = np.unique(np.geomspace(t_lo, t_hi - 1, npts).astype(int))
    y = L[ts] * ts.astype(float) ** x
    A = np.column_stack([np.ones(len(ts))] + [ts.astype(float) ** (-float(d)) for d in deltas])
    scale = np.abs(A).max(axis=0)
    sol, *_ = np.linalg.lstsq(A / scale, y, rcond=None)
    return float(sol[0] / scale[0])


def time_theorem2(spec: PowerLaw, par: Params, x, T: int = 50000, n_corr: int = 5) -> dict:
    """Time-domain route: ``C`` and the exponent from the engine's ``L_t`` (double precision)."""
    from . import engine

    tr = engine.power_law_trajectory(float(spec.nu), float(spec.kappa), float(par.alpha), float(par.beta),
                                     float(par.gamma), float(par.tau), T, None, float(spec.Lambda),
                                     float(spec.Q))
    L = tr.loss
    deltas = time_ladder(spec, x)
    ds = [float(d) for d in deltas[:n_corr]]
    ds2 = [float(d) for d in deltas[: max(n_corr - 1, 0)]]
    xf = float(x)
    C1 = time_fit(L, xf, ds, T // 64, T)
    C2 = time_fit(L, xf, ds2, T // 16, T)
    # local slope −d log L / d log t at log-spaced t, extrapolated with the same correction exponents
    ts = np.unique(np.geomspace(T // 64, T - 2, 200).astype(int))
    slope = -(np.log(L[ts + 1]) - np.log(L[ts - 1])) / (np.log(ts + 1.0) - np.log(ts - 1.0))
    A = np.column_stack([np.ones(len(ts))] + [ts.astype(float) ** (-d) for d in ds])
    sol, *_ = np.linalg.lstsq(A, slope, rcond=None)
    return {
        "value": C1,
        "error": abs(C1 - C2),
        "exponent": float(sol[0]),
        "raw": float(L[T - 1] * (T - 1) ** xf),
        "T": T,
        "deltas": ds,
        "method": (
            f"SE trajectory engine (renewal L_t = V_t + sum U_(t-s) L_s, double precision) to T = {T}; "
            f"least squares for L_t t^x = C + sum_d c_d t^-d, t in [T/64, T), d = first {len(ds)} of the "
            "ladder exponents; exponent = extrapolated local slope -dlogL/dlogt; error = change vs. "
            "one correction fewer on [T/16, T)"
        ),
    }


# --------------------------------------------------------------------------------------------------
# divergence


def contour_residue(spec, par: Params, centre, radius, M: int = 32, progress=None) -> dict:
    """Pole of ``L̃`` inside ``|z − centre| = radius``: ``r`` and ``C_div`` from trapezoidal contour sums.

    Uses ``L̃(z̄) = conj L̃(z)`` (real coefficients): ``M/2 + 1`` evaluations. Error from the rule with
    ``M/2`` nodes (every other node)."""
    centre, radius = mp.mpf(centre), mp.mpf(radius)
    half = M // 2
    vals = {}
    for j in range(half + 1):
        zj = centre + radius * mp.expjpi(mp.mpf(2 * j) / M)
        U, _ = U_tilde(spec, par, 1 - zj)
        V, _ = V_tilde(spec, par, 1 - zj)
        vals[j] = (zj, V / (1 - U))
        if progress:
            progress(j + 1, half + 1)
    for j in range(half + 1, M):
        zc, Lc = vals[M - j]
        vals[j] = (mp.conj(zc), mp.conj(Lc))

    def moments(step):
        s0 = s1 = mp.mpc(0)
        n = 0
        for j in range(0, M, step):
            zj, Lj = vals[j]
            w = zj - centre  # dz/(2πi) = (z − c) dθ/(2π)
            s0 += Lj * w
            s1 += zj * Lj * w
            n += 1
        return s0 / n, s1 / n

    s0, s1 = moments(1)
    h0, h1 = moments(2)
    r, r2 = (s1 / s0).real, (h1 / h0).real
    C, C2 = (-s0 / (s1 / s0)).real, (-h0 / (h1 / h0)).real
    return {"r": r, "r_error": abs(r - r2), "value": C, "error": abs(C - C2), "M": M,
            "method": (f"trapezoidal rule with {M} nodes on |z - {mp.nstr(centre, 6)}| = {mp.nstr(radius, 6)} "
                       "(conjugate symmetry: M/2+1 evaluations of L = V/(1-U) summed over all k); "
                       "Res = mean (z-c) L, r = mean z(z-c)L / Res, C_div = -Res/r; error = change vs. M/2 nodes")}


def time_divergence(spec: PowerLaw, par: Params, T: int) -> dict:
    """Time route: ``r = L_{T−2}/L_{T−1}`` and ``C_div = L_t r^t`` from the engine's loss (double precision)."""
    from . import engine

    tr = engine.power_law_trajectory(float(spec.nu), float(spec.kappa), float(par.alpha), float(par.beta),
                                     float(par.gamma), float(par.tau), T, None, float(spec.Lambda),
                                     float(spec.Q))
    L = tr.loss
    r1 = L[T - 2] / L[T - 1]
    r2 = L[T // 2 - 2] / L[T // 2 - 1]
    C1 = L[T - 1] * r1 ** (T - 1)
    C2 = L[T // 2 - 1] * r2 ** (T // 2 - 1)
    return {"r": float(r1), "value": float(C1), "error": float(abs(C1 - C2)), "T": T,
            "method": (f"SE trajectory engine (renewal, double precision) to T = {T}: r = L_(T-2)/L_(T-1), "
                       "C_div = L_(T-1) r^(T-1); error = change vs. T/2")}


def coarse_root(spec, par: Params) -> mp.mpf:
    """A 4-digit bracket midpoint of ``Ũ(z) = 1`` at 15 digits (only to centre the contour)."""
    with mp.workdps(15):
        lo, hi = mp.mpf(0), mp.mpf(1)
        for _ in range(14):
            mid = (lo + hi) / 2
            if U_tilde(spec, par, 1 - mid)[0] < 1:
                lo = mid
            else:
                hi = mid
        return (lo + hi) / 2
