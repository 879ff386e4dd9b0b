"""Outer ring for ``moments`` certificates: the related papers' claims about exact second-moment recursions.

Standard library only; it recomputes records. Each claim this ring knows (:data:`CLAIMS`) is the ring's own
statement, about finitely many rational instances the certificate lists: for every instance the ring builds
the state map by applying the paper's update rule to unit vectors, solves the stationary second-moment
equation ``P = T P Tᵀ + B N(P) Bᵀ`` (``N`` the noise covariance, constant or depending on ``P``) exactly
over Q on symmetric matrices, decides stability exactly (Schur–Cohn on the characteristic polynomial,
Faddeev–LeVerrier), evaluates the paper's printed (or reconstructed) formula with its own code, and compares.
Every recorded result is recomputed and must be equal; the recorded ``holds`` and ``witness`` (the first
instance where the claim fails) too. What a claim says, its hypothesis and its minimum coverage (e.g. an
instance where the matrices do not commute) come from this module, never from the certificate.

The papers (their conventions, mapped to this project's heavy ball ``w' = w + v'``, ``v' = −α∇L + βv``):

* Liu, Ziyin, Ueda (ICML 2021) and Ziyin, Liu, Mori, Ueda (ICLR 2022): ``m' = μm + g``, ``w' = w − Λm'``
  (``Λ = λI`` or a preconditioner), ``g = Kw + η``; ``α = λ``, ``β = μ``, ``v = −λm``;
* Patel (2017), reconstructed: mini-batch SGD on ``(1/N) Σ ½wᵀA_iw``, batches enumerated exactly;
  with momentum the heavy ball of this project;
* Liu, Chen, Zhou, Zhao (2018), reconstructed: ``θ' = θ − η∇ + μ(θ − θ_prev)``, state ``(θ, θ_prev)``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from .derive import polys
from .errors import CertificateError
from .exactcheck import _eye, _lin, _mul, _t, _tr
from .poly import add, evaluate, mul, scale, subs, var
from .poly import const as pconst

Mat = list[list[Fraction]]


# ------------------------------------------------------------------------------------------- linear algebra

def _q(x) -> Fraction:
    if isinstance(x, bool) or not isinstance(x, str | int):
        raise CertificateError(f"a number must be a string 'p/q' or an integer, not {x!r}")
    return Fraction(x)


def _mat(x) -> Mat:
    if not isinstance(x, list) or not x or not all(isinstance(r, list) and len(r) == len(x) for r in x):
        raise CertificateError(f"a matrix must be a non-empty square list of rows, not {x!r}")
    return [[_q(v) for v in r] for r in x]


def _show(x) -> object:
    """The record form of a result: Fractions as strings, matrices as lists of rows."""
    if isinstance(x, bool) or x is None:
        return x
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, list):
        return [_show(v) for v in x]
    return x


def _zero(x: Mat) -> bool:
    return all(v == 0 for r in x for v in r)


def _commute(x: Mat, y: Mat) -> bool:
    return _mul(x, y) == _mul(y, x)


def _solve(A: Mat, rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of ``A v = rhs`` (Gauss–Jordan over Q), ``None`` if ``A`` is singular."""
    n = len(A)
    M = [list(r) + [rhs[i]] for i, r in enumerate(A)]
    for c in range(n):
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            return None
        M[c], M[p] = M[p], M[c]
        inv = 1 / M[c][c]
        M[c] = [v * inv for v in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [v - f * w for v, w in zip(M[r], M[c], strict=True)]
    return [M[i][n] for i in range(n)]


def _inv(x: Mat) -> Mat:
    n = len(x)
    cols = [_solve(x, [Fraction(int(i == j)) for i in range(n)]) for j in range(n)]
    if any(c is None for c in cols):
        raise CertificateError("a matrix the formula inverts is singular")
    return _t(cols)


def _pd(x: Mat) -> bool:
    """Symmetric positive definite, by Sylvester's criterion (leading principal minors, exact)."""
    if x != _t(x):
        return False
    for k in range(1, len(x) + 1):
        if _det([r[:k] for r in x[:k]]) <= 0:
            return False
    return True


def _det(x: Mat) -> Fraction:
    M, d, n = [list(r) for r in x], Fraction(1), len(x)
    for c in range(n):
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            return Fraction(0)
        if p != c:
            M[c], M[p], d = M[p], M[c], -d
        d *= M[c][c]
        for r in range(c + 1, n):
            f = M[r][c] / M[c][c]
            M[r] = [v - f * w for v, w in zip(M[r], M[c], strict=True)]
    return d


def _charpoly(x: Mat) -> list[Fraction]:
    """``[c_0, …, c_n]`` of ``det(zI − x)`` by Faddeev–LeVerrier (exact over Q)."""
    n = len(x)
    c = [Fraction(0)] * (n + 1)
    c[n] = Fraction(1)
    Mk = [[Fraction(0)] * n for _ in range(n)]
    for k in range(1, n + 1):
        Mk = _lin((1, _mul(x, Mk)), (c[n - k + 1], _eye(n)))
        c[n - k] = -_tr(_mul(x, Mk)) / k
    return c


def _schur(x: Mat) -> bool:
    """Every eigenvalue strictly inside the unit disc (Schur–Cohn recursion on the characteristic polynomial)."""
    p = _charpoly(x)
    while len(p) > 1:
        a0, an = p[0], p[-1]
        if abs(a0) >= abs(an):
            return False
        p = [(an * u - a0 * v) / (an * an - a0 * a0) for u, v in zip(p, p[::-1], strict=True)][1:]
    return p[0] != 0


# ---------------------------------------------------------------------------- the update rules, stationarity

def _columns(step: Callable[[list[Fraction], list[Fraction]], list[Fraction]], n: int, d: int) -> tuple[Mat, Mat]:
    """``(T, B)`` of the linear update ``x' = T x + B η`` by applying ``step(x, η)`` to unit vectors."""
    e = lambda i, k: [Fraction(int(j == i)) for j in range(k)]  # noqa: E731
    return (_t([step(e(i, n), [Fraction(0)] * d) for i in range(n)]),
            _t([step([Fraction(0)] * n, e(i, d)) for i in range(d)]))


def ziyin_rule(K: Mat, Lam: Mat, mu: Fraction) -> tuple[Mat, Mat]:
    """Their eq. 5 with a matrix learning rate: ``m' = μm + Kw + η``, ``w' = w − Λm'``; state ``(w, m)``."""
    d = len(K)

    def step(x, eta):
        w, m = x[:d], x[d:]
        m2 = [mu * m[i] + sum((K[i][j] * w[j] for j in range(d)), Fraction(0)) + eta[i] for i in range(d)]
        return [w[i] - sum((Lam[i][j] * m2[j] for j in range(d)), Fraction(0)) for i in range(d)] + m2
    return _columns(step, 2 * d, d)


def liu_rule(k: Fraction, eta: Fraction, mu: Fraction) -> tuple[Mat, Mat]:
    """``θ' = θ − η(kθ + ξ) + μ(θ − θ_prev)`` on a 1-d quadratic; state ``(θ, θ_prev)``."""
    return _columns(lambda x, xi: [x[0] - eta * (k * x[0] + xi[0]) + mu * (x[0] - x[1]), x[0]], 2, 1)


def _sym_basis(n: int) -> list[tuple[int, int]]:
    return [(i, j) for i in range(n) for j in range(i, n)]


def _affine(F: Callable[[Mat], Mat], n: int) -> tuple[Mat, list[Fraction]]:
    """The matrix of the linear part and the constant of an affine map ``F`` on symmetric ``n × n`` matrices."""
    basis = _sym_basis(n)
    zero = [[Fraction(0)] * n for _ in range(n)]
    c = F(zero)
    cols = []
    for i, j in basis:
        E = [[Fraction(int((r, s) in ((i, j), (j, i)))) for s in range(n)] for r in range(n)]
        y = F(E)
        cols.append([y[r][s] - c[r][s] for r, s in basis])
    return _t(cols), [c[r][s] for r, s in basis]


def stationary(T: Mat, B: Mat, noise: Callable[[Mat], Mat]) -> tuple[Mat | None, bool]:
    """The exact stationary ``P = T P Tᵀ + B N(P_ww) Bᵀ`` (``None`` if not unique) and whether the
    second-moment recursion is stable (its linear part has spectral radius < 1)."""
    n, d = len(T), len(B[0])
    F = lambda P: _lin((1, _mul(_mul(T, P), _t(T))), (1, _mul(_mul(B, noise([r[:d] for r in P[:d]])), _t(B))))  # noqa: E731
    L, c = _affine(F, n)
    v = _solve(_lin((1, _eye(len(L))), (-1, L)), c)
    stable = _schur(L)
    if v is None:
        return None, stable
    P = [[Fraction(0)] * n for _ in range(n)]
    for (i, j), x in zip(_sym_basis(n), v, strict=True):
        P[i][j] = P[j][i] = x
    if F(P) != P:
        raise CertificateError("internal: the stationary solution does not solve its equation")
    return P, stable


def _w(P: Mat, d: int) -> Mat:
    return [r[:d] for r in P[:d]]


def _ziyin_sigma(K: Mat, Lam: Mat, mu: Fraction, noise: Callable[[Mat], Mat]) -> tuple[Mat | None, bool]:
    T, B = ziyin_rule(K, Lam, mu)
    P, stable = stationary(T, B, noise)
    return (None if P is None else _w(P, len(K))), stable


def _const(C: Mat) -> Callable[[Mat], Mat]:
    return lambda _S: C


def _sc(c: Fraction, d: int) -> Mat:
    return _lin((c, _eye(d)))


# ------------------------------------------------------------------------------------ Ziyin et al.: formulas

def _lemma1(A: Mat, S: Mat, s2: Fraction, batch: Fraction) -> Mat:
    """Covariance of the mini-batch gradient noise for Gaussian features ``x ~ N(0, A)``, label noise ``σ²``,
    ``w ~ (0, Σ)``, from Isserlis' theorem ``E[x_i x_j x_k x_l] = A_ij A_kl + A_ik A_jl + A_il A_jk``:
    ``(E[x xᵀ Σ x xᵀ] − AΣA + σ² A)/S``."""
    d = len(A)
    E4 = [[sum(((A[i][j] * A[k][m] + A[i][k] * A[j][m] + A[i][m] * A[j][k]) * S[j][k]
                for j in range(d) for k in range(d)), Fraction(0)) for m in range(d)] for i in range(d)]
    return _lin((1 / batch, E4), (-1 / batch, _mul(_mul(A, S), A)), (s2 / batch, A))


def _paper_lemma1(A: Mat, S: Mat, s2: Fraction, batch: Fraction) -> Mat:
    return _lin((1 / batch, _mul(_mul(A, S), A)), (_tr(_mul(A, S)) / batch, A), (s2 / batch, A))


def _G(A: Mat, Lam: Mat, mu: Fraction, batch: Fraction) -> Mat:
    return _lin((2 * (1 - mu), _eye(len(A))), (-((1 - mu) / (1 + mu) + 1 / batch), _mul(Lam, A)))


def _pk(i: dict) -> tuple:
    return _mat(i["K"]), _mat(i["C"]), _q(i["lam"]), _q(i.get("mu", "0"))


def _res(stable: bool, S: Mat | None, holds: bool, **kw) -> dict:
    return {"stable": stable, "sigma": S, "holds": holds, **kw}


def eq6(i: dict) -> dict:
    K, C, lam, _ = _pk(i)
    S, st = _ziyin_sigma(K, _sc(lam, len(K)), Fraction(0), _const(C))
    r = S is not None and _zero(_lin((1, _mul(S, K)), (1, _mul(K, S)), (-lam, _mul(_mul(K, S), K)), (-lam, C)))
    return _res(st, S, st and r)


def eq7(i: dict) -> dict:
    K, C, lam, mu = _pk(i)
    S, st = _ziyin_sigma(K, _sc(lam, len(K)), mu, _const(C))
    if S is None:
        return _res(st, S, False)
    K2, f = _mul(K, K), lam * lam / (1 - mu * mu)
    r = _lin((-(1 + mu * mu) * f, _mul(_mul(K, S), K)), (mu * f, _mul(K2, S)), (mu * f, _mul(S, K2)),
             ((1 - mu) * lam, _mul(K, S)), ((1 - mu) * lam, _mul(S, K)), (-lam * lam, C))
    return _res(st, S, st and _zero(r))


def eq9(i: dict) -> dict:
    K, C, Lam, mu = _mat(i["K"]), _mat(i["C"]), _mat(i["Lam"]), _q(i["mu"])
    S, st = _ziyin_sigma(K, Lam, mu, _const(C))
    if S is None:
        return _res(st, S, False)
    LK, KL, f = _mul(Lam, K), _mul(K, Lam), 1 / (1 - mu * mu)
    r = _lin((-(1 + mu * mu) * f, _mul(_mul(LK, S), KL)), (mu * f, _mul(_mul(LK, LK), S)),
             (mu * f, _mul(S, _mul(KL, KL))), (1 - mu, _mul(LK, S)), (1 - mu, _mul(S, KL)),
             (-1, _mul(_mul(Lam, C), Lam)))
    return _res(st, S, st and _zero(r))


def cor1(i: dict) -> dict:
    K, C, lam, mu = _pk(i)
    S, st = _ziyin_sigma(K, _sc(lam, len(K)), mu, _const(C))
    Ks = _lin((lam / (1 + mu), K))
    f = _mul(_inv(_mul(Ks, _lin((2, _eye(len(K))), (-1, Ks)))), _lin((lam * lam / (1 - mu * mu), C)))
    return _res(st, S, st and S == f, formula=f)


def thm4(i: dict) -> dict:
    K, s2, a, lam = _mat(i["K"]), _q(i["sigma2"]), _q(i["a"]), _q(i["lam"])
    d = len(K)
    C = _lin((s2, _eye(d)), (a, K))
    S, st = _ziyin_sigma(K, _sc(lam, d), Fraction(0), _const(C))
    f = _lin((lam, _mul(C, _inv(_mul(K, _lin((2, _eye(d)), (-lam, K)))))))
    return _res(st, S, st and S == f, formula=f)


def thm5(i: dict) -> dict:
    K, C, lam, mu = _pk(i)
    d = len(K)
    S, st = _ziyin_sigma(K, _sc(lam, d), mu, _const(C))
    loss = None if S is None else _tr(_mul(K, S)) / 2
    f = lam / (4 * (1 - mu)) * _tr(_mul(_inv(_lin((1, _eye(d)), (-lam / (2 * (1 + mu)), K))), C))
    return _res(st, S, st and loss == f, loss=loss, formula=f)


def sec45(i: dict) -> dict:
    """Stable iff ``|μ| < 1``, ``λK ≻ 0`` and ``2(1+μ)I − λK ≻ 0`` (every eigenvalue ``0 < λk < 2(1+μ)``)."""
    K, lam, mu = _mat(i["K"]), _q(i["lam"]), _q(i["mu"])
    d = len(K)
    T, _ = ziyin_rule(K, _sc(lam, d), mu)
    st = _schur(T)
    cond = abs(mu) < 1 and _pd(_lin((lam, K))) and _pd(_lin((2 * (1 + mu), _eye(d)), (-lam, K)))
    return {"stable": st, "condition": cond, "holds": st == cond}


def thm7(i: dict) -> dict:
    """The loss from ``w_0 = 0`` (μ = 0) for ``t = 0..t_max`` against their eq. 18."""
    K, C, lam, n = _mat(i["K"]), _mat(i["C"]), _q(i["lam"]), i["t_max"]
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 40:
        raise CertificateError(f"t_max must be an integer in 1..40, not {n!r}")
    d = len(K)
    M = _lin((1, _eye(d)), (-lam, K))
    G = _inv(_lin((1, _eye(d)), (-lam / 2, K)))
    S, Mp, losses, forms = [[Fraction(0)] * d for _ in range(d)], _eye(d), [], []
    for _ in range(n + 1):
        losses.append(_tr(_mul(K, S)) / 2)
        forms.append(lam / 4 * _tr(_mul(_mul(G, _lin((1, _eye(d)), (-1, _mul(Mp, Mp)))), C)))
        S = _lin((1, _mul(_mul(M, S), M)), (lam * lam, C))  # the update rule's second moments, one step
        Mp = _mul(Mp, M)
    return {"losses": losses, "formula": forms, "holds": losses == forms}


def cor5(i: dict) -> dict:
    """Damped Newton ``Λ = λK⁻¹`` with ``C = cK``."""
    K, c, lam, mu = _mat(i["K"]), _q(i["c"]), _q(i["lam"]), _q(i["mu"])
    Ki = _inv(K)
    S, st = _ziyin_sigma(K, _lin((lam, Ki)), mu, _const(_lin((c, K))))
    f = _lin(((1 + mu) / (1 - mu) * lam / (2 * (1 + mu) - lam) * c, Ki))
    return _res(st, S, st and S == f, formula=f)


def _selfconsistent(K: Mat, S0: Mat, Lam: Mat, c: Fraction, mu: Fraction) -> tuple[Mat | None, bool]:
    return _ziyin_sigma(K, Lam, mu, _const(_lin((c, _mul(_mul(K, S0), K)))))


def cor6(i: dict, fisher: Fraction = Fraction(0)) -> dict:
    """Natural gradient ``Λ = λJ⁻¹``, ``C = cKΣK``, ``J = (1 + fisher·c) KΣK`` at the claimed ``Σ``:
    is the claimed ``Σ`` the stationary covariance of the chain it defines (a self-consistent fixed point)?"""
    K, c, lam, mu = _mat(i["K"]), _q(i["c"]), _q(i["lam"]), _q(i["mu"])
    S0 = _lin((lam * ((1 + mu) * c + 1 - mu) / (2 * (1 - mu * mu)), _inv(K)))
    J = _lin((1 + fisher * c, _mul(_mul(K, S0), K)))
    S, st = _selfconsistent(K, S0, _lin((lam, _inv(J))), c, mu)
    return _res(st, S, st and S == S0, formula=S0)


def thm10(i: dict) -> dict:
    """Adam (μ = 0) ``Λ = λ (E[ggᵀ])^{-1/2}``, ``E[ggᵀ] = KΣK + C = (1+c)KΣK``, at the claimed
    ``Σ = λ²(1+c)/4 I``; the square root ``R = λ(1+c)/2 K`` is verified (``R² = E[ggᵀ]``, ``R ≻ 0``)."""
    K, c, lam = _mat(i["K"]), _q(i["c"]), _q(i["lam"])
    d = len(K)
    S0 = _sc(lam * lam * (1 + c) / 4, d)
    R = _lin((lam * (1 + c) / 2, K))
    if _mul(R, R) != _lin((1 + c, _mul(_mul(K, S0), K))) or not _pd(R):
        return _res(False, None, False, formula=S0)
    S, st = _selfconsistent(K, S0, _lin((lam, _inv(R))), c, Fraction(0))
    return _res(st, S, st and S == S0, formula=S0)


def _iclr(i: dict) -> tuple:
    return _mat(i["A"]), _mat(i["Lam"]), _q(i["mu"]), _q(i["sigma2"]), _q(i["S"])


def iclr_lemma1(i: dict) -> dict:
    A, S, s2, b = _mat(i["A"]), _mat(i["Sigma"]), _q(i["sigma2"]), _q(i["S"])
    C, f = _lemma1(A, S, s2, b), _paper_lemma1(A, S, s2, b)
    return {"noise": C, "formula": f, "holds": C == f}


def _iclr_sigma(A, Lam, mu, s2, b):
    return _ziyin_sigma(A, Lam, mu, lambda Sw: _lemma1(A, Sw, s2, b))


def iclr_thm2(i: dict) -> dict:
    A, Lam, mu, s2, b = _iclr(i)
    S, st = _iclr_sigma(A, Lam, mu, s2, b)
    G = _G(A, Lam, mu, b)
    Gi = _inv(G)
    t = _tr(_mul(_mul(Lam, A), Gi))
    kappa = t / (1 - t / b)
    f = _lin((s2 / b * (1 + kappa / b), _mul(Lam, Gi)))
    return _res(st, S, st and S == f, formula=f)


def iclr_condition(i: dict) -> dict:
    A, Lam, mu, _s2, b = _iclr(i)
    _S, st = _iclr_sigma(A, Lam, mu, Fraction(1), b)
    G = _G(A, Lam, mu, b)
    cond = _pd(G) and _tr(_mul(_mul(Lam, A), _inv(G))) < b
    return {"stable": st, "condition": cond, "holds": st == cond}


def iclr_sec64(i: dict) -> dict:
    A, lam, mu, s2, b = _mat(i["A"]), _q(i["lam"]), _q(i["mu"]), _q(i["sigma2"]), _q(i["S"])
    Ai, D = _inv(A), len(A)
    S, st = _iclr_sigma(A, _lin((lam, Ai)), mu, s2, b)
    g = 2 * (1 - mu) - ((1 - mu) / (1 + mu) + 1 / b) * lam
    f = _lin((lam * s2 / (g * b - lam * D), Ai))
    return _res(st, S, st and S == f, formula=f)


def iclr_thm6(i: dict, sign: int = 1) -> dict:
    """Diagonal ``A = diag(a_i)``, ``Λ = λI``, ``μ = 0``: stable iff ``Σ_i 1/(2/(λa_i) − 1 + sign/S) < S`` (every
    term's denominator positive); ``sign = +1`` as their Thm 6 was recovered, ``−1`` is Thm 2's condition at μ = 0."""
    A, lam, b = _mat(i["A"]), _q(i["lam"]), _q(i["S"])
    if any(A[r][c] != 0 for r in range(len(A)) for c in range(len(A)) if r != c) or any(x[k] <= 0 for k, x in
                                                                                      enumerate(A)):
        raise CertificateError("Thm 6 instances have a positive diagonal A")
    _S, st = _iclr_sigma(A, _sc(lam, len(A)), Fraction(0), Fraction(1), b)
    terms = [2 / (lam * A[k][k]) - 1 + sign / b for k in range(len(A))]
    cond = all(t > 0 for t in terms) and sum((1 / t for t in terms), Fraction(0)) < b
    return {"stable": st, "condition": cond, "holds": st == cond}


def _chi2_moment(k: int, S: int) -> Fraction:
    """``E[(χ²_S / S)^k] = S(S+2)…(S+2k−2)/S^k``."""
    out = Fraction(1)
    for j in range(k):
        out *= Fraction(S + 2 * j, S)
    return out


def iclr_prop7(i: dict) -> dict:
    """One dimension, batch ``S``, ``h = (a/S) χ²_S``: the ``2k``-th stationary moment is finite iff
    ``E[(1 − λh)^{2k}] < 1`` (the triangular moment recursion); their tail index ``β = 2S/(aλ) − S`` says
    moments of order ``< β`` are finite. Compared at order ``2k``."""
    a, lam, S, order = _q(i["a"]), _q(i["lam"]), i["S"], i["order"]
    if not (isinstance(S, int) and isinstance(order, int)) or S < 1 or order not in (2, 4, 6, 8):
        raise CertificateError(f"S must be a positive integer and order one of 2, 4, 6, 8: {S!r}, {order!r}")
    x = a * lam
    m = sum((Fraction(_binom(order, j)) * (-x) ** j * _chi2_moment(j, S) for j in range(order + 1)), Fraction(0))
    beta = 2 * S / x - S
    return {"moment_factor": m, "beta": beta, "finite": m < 1, "predicted": beta > order,
            "holds": (m < 1) == (beta > order)}


def _binom(n: int, k: int) -> int:
    out = 1
    for j in range(k):
        out = out * (n - j) // (j + 1)
    return out


def iclr_mapping(_i: dict) -> dict:
    """The ICLR condition's term per eigenvalue, ``γ a/G`` with ``G = 2(1−b) − ((1−b)/(1+b) + γ)a``
    (``a = αλ``, ``b = μ``, ``γ = 1/S``), equals eq. 21's term ``γ a² u_num(1)/S(1)`` at ``g = γτ = −γ``:
    ``a · u_num · (1+b)G = (1+b) · S`` as polynomials in ``(a, b, γ)`` (``checker.derive``'s S and u_num)."""
    p = polys()  # variables a, b, g, z
    n = 4
    a, b, g = var(0, n), var(1, n), var(2, n)
    at = [a, b, scale(g, -1), pconst(1, n)]  # z = 1, g -> -gamma (gamma in slot g)
    S1, u1 = subs(p["S"], at, n), subs(p["u_num"], at, n)
    one = pconst(1, n)
    Gp = add(mul(scale(add(one, b, -1), 2), add(one, b)), mul(add(add(one, b, -1), mul(g, add(one, b))), a), -1)
    lhs, rhs = mul(mul(a, u1), Gp), mul(add(one, b), S1)
    holds = add(lhs, rhs, -1) == {}
    return {"identity": holds, "at": _show(evaluate(lhs, [Fraction(1, 3), Fraction(1, 5), Fraction(1, 7),
                                                          Fraction(1)])), "holds": holds}


# --------------------------------------------------------------------------------------- Patel (reconstructed)

def _batches(N: int, b: int, replacement: bool) -> list[tuple[int, ...]]:
    return list(itertools.product(range(N), repeat=b)) if replacement else list(itertools.combinations(range(N), b))


def _patel(i: dict) -> tuple[list[Mat], int, bool, Fraction, Fraction]:
    As = [_mat(x) for x in i["A"]]
    b, rep = i["b"], i["replacement"]
    if not isinstance(b, int) or not isinstance(rep, bool) or not 1 <= b <= len(As) or len(As) > 6:
        raise CertificateError("Patel instance: b an integer in 1..N, replacement a boolean, N <= 6")
    if any(x != _t(x) for x in As) or len({len(x) for x in As}) != 1:
        raise CertificateError("Patel instance: the A_i must be symmetric and of one size")
    return As, b, rep, _q(i["alpha"]), _q(i.get("beta", "0"))


def _hb(As: list[Mat], B: tuple[int, ...]) -> Mat:
    return _lin(*[(Fraction(1, len(B)), As[j]) for j in B])


def patel_exact(As, b, rep, alpha, beta) -> bool:
    """Second moments of mini-batch heavy ball ``w' = w + v'``, ``v' = −αH_B w + βv`` (β = 0: SGD) converge:
    the averaged map ``P ↦ E_B[T_B P T_Bᵀ]`` on symmetric matrices, spectral radius < 1."""
    d, bs = len(As[0]), _batches(len(As), b, rep)
    Ts = []
    for B in bs:
        H = _hb(As, B)
        top = _lin((1, _eye(d)), (-alpha, H))
        Ts.append([r + [beta * int(i == j) for j in range(d)] for i, r in enumerate(top)] +
                  [[-alpha * v for v in r] + [beta * int(i == j) for j in range(d)] for i, r in enumerate(H)])
    n = 2 * d if beta != 0 else d
    Ts = [[r[:n] for r in T[:n]] for T in Ts]
    L, _ = _affine(lambda P: _lin(*[(Fraction(1, len(Ts)), _mul(_mul(T, P), _t(T))) for T in Ts]), n)
    return _schur(L)


def _Q(As, b, rep, alpha) -> Mat:
    d, bs = len(As[0]), _batches(len(As), b, rep)
    Ms = [_lin((1, _eye(d)), (-alpha, _hb(As, B))) for B in bs]
    return _lin(*[(Fraction(1, len(Ms)), _mul(M, M)) for M in Ms])


def _all_commute(As) -> bool:
    return all(_commute(x, y) for x, y in itertools.combinations(As, 2))


def patel_criterion(i: dict) -> dict:
    """Reconstructed criterion: converges iff ``λ_max(E_B[(I − αH_B)²]) < 1``."""
    As, b, rep, alpha, _ = _patel(i)
    st, Q = patel_exact(As, b, rep, alpha, Fraction(0)), _Q(As, b, rep, alpha)
    crit = _pd(_lin((1, _eye(len(Q))), (-1, Q)))
    return {"stable": st, "criterion": crit, "commuting": _all_commute(As), "holds": st == crit}


def patel_sufficient(i: dict) -> dict:
    r = patel_criterion(i)
    return {**r, "holds": r["stable"] or not r["criterion"]}


def patel_divergence(i: dict) -> dict:
    """``λ_min(E_B[(I − αH_B)²]) > 1`` ⇒ divergence."""
    As, b, rep, alpha, _ = _patel(i)
    st, Q = patel_exact(As, b, rep, alpha, Fraction(0)), _Q(As, b, rep, alpha)
    div = _pd(_lin((1, Q), (-1, _eye(len(Q)))))
    return {"stable": st, "criterion": div, "commuting": _all_commute(As), "holds": not (div and st)}


def patel_full_batch(i: dict) -> dict:
    """``b = N`` without replacement is gradient descent: stable iff ``αH ≻ 0`` and ``2I − αH ≻ 0``."""
    As, b, rep, alpha, _ = _patel(i)
    if rep or b != len(As):
        raise CertificateError("full-batch instance must have b = N without replacement")
    H = _hb(As, tuple(range(len(As))))
    cond = _pd(_lin((alpha, H))) and _pd(_lin((2, _eye(len(H))), (-alpha, H)))
    st = patel_exact(As, b, rep, alpha, Fraction(0))
    return {"stable": st, "condition": cond, "holds": st == cond}


def patel_threshold(i: dict) -> dict:
    """Diagonal ``A_i``: stable iff ``α < 2 E[h_j]/E[h_j²]`` for every coordinate ``j`` (``h_j = (H_B)_jj``)."""
    As, b, rep, alpha, _ = _patel(i)
    d, bs = len(As[0]), _batches(len(As), b, rep)
    if any(x[r][s] != 0 for x in As for r in range(d) for s in range(d) if r != s):
        raise CertificateError("threshold instances have diagonal A_i")
    m1 = [sum((_hb(As, B)[j][j] for B in bs), Fraction(0)) / len(bs) for j in range(d)]
    m2 = [sum((_hb(As, B)[j][j] ** 2 for B in bs), Fraction(0)) / len(bs) for j in range(d)]
    thr = [2 * x / y for x, y in zip(m1, m2, strict=True)]
    st = patel_exact(As, b, rep, alpha, Fraction(0))
    return {"stable": st, "thresholds": thr, "holds": st == (alpha > 0 and all(alpha < t for t in thr))}


def patel_momentum(i: dict) -> dict:
    """Heavy ball, per coordinate (diagonal mean Hessian): eq. 21's condition with one direction, ``a = αE[h]``,
    ``b = β``, ``γ = Var(h)/E[h]²``, ``g = γτ = 0``: the noiseless region and ``γ a² u_num(1)/S(1) < 1``.
    Exact when the ``A_i`` are diagonal; for non-diagonal ``A_i`` it is a per-coordinate prediction only."""
    As, b, rep, alpha, beta = _patel(i)
    d, bs = len(As[0]), _batches(len(As), b, rep)
    p = polys()
    pred = abs(beta) < 1
    for j in range(d):
        h = [_hb(As, B)[j][j] for B in bs]
        m1 = sum(h, Fraction(0)) / len(h)
        var_ = sum((x * x for x in h), Fraction(0)) / len(h) - m1 * m1
        a = alpha * m1
        at = [a, beta, Fraction(0), Fraction(1)]
        S1, u1 = evaluate(p["S"], at), evaluate(p["u_num"], at)
        pred = pred and 0 < a < 2 * (1 + beta) and S1 > 0 and var_ / (m1 * m1) * a * a * u1 < S1
    st = patel_exact(As, b, rep, alpha, beta)
    return {"stable": st, "prediction": pred, "diagonal": all(x[r][s] == 0 for x in As for r in range(d)
                                                               for s in range(d) if r != s),
            "holds": st == pred}


# --------------------------------------------------------------------------------------------- Liu et al.

def _liu(i: dict) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    return _q(i["k"]), _q(i["eta"]), _q(i["mu"]), _q(i["s2"])


def liu_error(i: dict) -> dict:
    """Exact stationary variance ``E = ησ²(1+μ)/((1−μ) k (2(1+μ) − ηk))`` (reconstructed)."""
    k, eta, mu, s2 = _liu(i)
    T, B = liu_rule(k, eta, mu)
    P, st = stationary(T, B, _const([[s2]]))
    f = eta * s2 * (1 + mu) / ((1 - mu) * k * (2 * (1 + mu) - eta * k))
    return {"stable": st, "variance": None if P is None else P[0][0], "formula": f,
            "holds": st and P is not None and P[0][0] == f}


def liu_diffusion(i: dict) -> dict:
    """The diffusion (OU, effective step η/(1−μ)) variance ``ησ²/(2k(1−μ))``: its exact relative error
    ``(E − D)/E = ηk/(2(1+μ))`` — of first order in η."""
    r = liu_error(i)
    k, eta, mu, s2 = _liu(i)
    D = eta * s2 / (2 * k * (1 - mu))
    rel = None if r["variance"] is None else (r["variance"] - D) / r["variance"]
    return {"stable": r["stable"], "variance": r["variance"], "diffusion": D, "relative_error": rel,
            "holds": r["holds"] and rel == eta * k / (2 * (1 + mu))}


# ------------------------------------------------------------------------------------------------- claims

@dataclass(frozen=True)
class Claim:
    statement: str
    fn: Callable[[dict], dict]
    paper: str
    reconstructed: bool = False
    #: coverage rules, evaluated by :func:`requirements` at check time: ``("every", predicate)`` every
    #: instance's data satisfies it, ``("some", predicate)`` at least one does, ``("both", flag)`` the
    #: recomputed ``flag`` is true on one instance and false on another, ``("fires", flag)`` true on one
    require: tuple[tuple[str, str], ...] = ()
    min_instances: int = 3


def _kc(d: dict) -> bool:
    return _commute(_mat(d["K"]), _mat(d["C"]))


def _not_kc(d: dict) -> bool:
    return not _kc(d)


def _not_lam_k(d: dict) -> bool:
    return not _commute(_mat(d["K"]), _mat(d["Lam"]))


def _lam_a(d: dict) -> bool:
    return _commute(_mat(d["A"]), _mat(d["Lam"]))


def _not_lam_a(d: dict) -> bool:
    return not _lam_a(d)


def _commuting_patel(d: dict) -> bool:
    return _all_commute([_mat(x) for x in d["A"]])


def _not_commuting_patel(d: dict) -> bool:
    return not _commuting_patel(d)


def _diagonal_patel(d: dict) -> bool:
    return all(_mat(x)[r][s] == 0 for x in d["A"] for r in range(len(x)) for s in range(len(x)) if r != s)


#: the predicates coverage rules name, with what they say
PREDICATES: dict[str, tuple[Callable[[dict], bool], str]] = {
    "kc": (_kc, "[K, C] = 0"), "not_kc": (_not_kc, "[K, C] != 0"), "not_lam_k": (_not_lam_k, "[Lam, K] != 0"),
    "lam_a": (_lam_a, "[Lam, A] = 0"), "not_lam_a": (_not_lam_a, "[Lam, A] != 0"),
    "commuting": (_commuting_patel, "commuting A_i"), "not_commuting": (_not_commuting_patel, "non-commuting A_i"),
    "diagonal": (_diagonal_patel, "diagonal A_i"),
}


def requirements(cl: Claim, data: list[dict], results: list[dict]) -> str:
    """The first coverage rule of ``cl`` that the instances break, as a message; ``""`` if none."""
    for rule, arg in cl.require:
        if rule in ("every", "some"):
            pred, what = PREDICATES[arg]
            hits = [pred(d) for d in data]
            if rule == "every" and not all(hits):
                return f"every instance must have {what}"
            if rule == "some" and not any(hits):
                return f"no instance with {what}"
        elif rule == "both" and {r[arg] for r in results} != {True, False}:
            return f"instances must lie on both sides ({arg} true and false)"
        elif rule == "fires" and not any(r[arg] is True for r in results):
            return f"no instance where the {arg} fires"
    return ""


Z, P7, PA, LI = "ziyin2021", "ziyin2021", "patel2017", "liu2018"
CLAIMS: dict[str, Claim] = {
    "ziyin.eq6": Claim("mu = 0: the stationary covariance solves Sigma K + K Sigma - lam K Sigma K = lam C (Thm 1, "
                       "eq. 6)", eq6, Z, require=(("some", "not_kc"),)),
    "ziyin.eq7": Claim("momentum: the stationary covariance solves eq. 7 (Thm 2)", eq7, Z,
                       require=(("some", "not_kc"),)),
    "ziyin.eq9": Claim("preconditioner Lam: the stationary covariance solves eq. 9 (Thm 3)", eq9, Z,
                       require=(("some", "not_lam_k"),)),
    "ziyin.cor1": Claim("[C, K] = 0: Sigma = [lam K/(1+mu) (2I - lam K/(1+mu))]^-1 lam^2 C/(1-mu^2) (Cor 1, eq. 8)",
                        cor1, Z, require=(("every", "kc"),)),
    "ziyin.cor1.noncommuting": Claim("probe: eq. 8 without its hypothesis [C, K] = 0", cor1, Z,
                                     require=(("every", "not_kc"),), min_instances=1),
    "ziyin.thm4": Claim("C = sigma^2 I + a K, mu = 0: Sigma = lam (sigma^2 I + a K)[K(2I - lam K)]^-1 (Thm 4, eq. "
                        "10)", thm4, Z),
    "ziyin.thm5": Claim("E[w^T K w/2] = lam/(4(1-mu)) Tr[(I - lam K/(2(1+mu)))^-1 C] (Thm 5, eq. 12)", thm5, Z,
                        require=(("some", "not_kc"),)),
    "ziyin.sec45": Claim("the chain is stable iff |mu| < 1 and 0 < lam k < 2(1+mu) for every eigenvalue k of K "
                         "(Sec. 4.5 states lam k* <= 2(1+mu) as necessary)", sec45, Z, require=(("both", "stable"),)),
    "ziyin.thm7": Claim("mu = 0, w_0 = 0: E[w_t^T K w_t/2] = lam/4 Tr[(I - lam K/2)^-1 (I - (I - lam K)^2t) C] "
                        "(Thm 7, eq. 18)", thm7, Z,
                        require=(("some", "not_kc"),)),
    "ziyin.cor5": Claim("damped Newton Lam = lam K^-1, C = c K: Sigma = (1+mu)/(1-mu) lam/(2(1+mu) - lam) c K^-1 "
                        "(Cor 5, eq. 25)", cor5, Z),
    "ziyin.cor6": Claim("natural gradient Lam = lam J^-1, C = c K Sigma K, J = K Sigma K (reconstructed): Sigma = "
                        "lam((1+mu)c + 1 - mu)/(2(1-mu^2)) K^-1 is self-consistent (Cor 6, eq. 26)", cor6, Z,
                        reconstructed=True),
    "ziyin.cor6.empirical_fisher": Claim("probe: eq. 26 with J = E[g g^T] = (1+c) K Sigma K",
                                         lambda i: cor6(i, Fraction(1)), Z, reconstructed=True, min_instances=1),
    "ziyin.thm10": Claim("Adam, mu = 0, Lam = lam E[g g^T]^-1/2, C = c K Sigma K: Sigma = lam^2 (1+c)/4 I is "
                         "self-consistent (Thm 10, eq. 27)", thm10, Z),
    "ziyin.iclr.lemma1": Claim("Gaussian features: the mini-batch noise covariance is (A Sigma A + Tr[A Sigma] A + "
                               "sigma^2 A)/S (ICLR 2022 Lemma 1, eq. 5)", iclr_lemma1, P7),
    "ziyin.iclr.thm2": Claim("[Lam, A] = 0: Sigma = (sigma^2/S)(1 + kappa/S) Lam G^-1 (ICLR 2022 Thm 2, eq. 6)",
                             iclr_thm2, P7, require=(("every", "lam_a"),)),
    "ziyin.iclr.thm2.noncommuting": Claim("probe: eq. 6 without [Lam, A] = 0", iclr_thm2, P7, min_instances=1,
                                          require=(("every", "not_lam_a"),)),
    "ziyin.iclr.condition": Claim("[Lam, A] = 0: the second moments converge iff G > 0 and Tr[Lam A G^-1] < S (ICLR "
                                  "2022 Thm 2)", iclr_condition, P7, require=(("both", "stable"),), min_instances=6),
    "ziyin.iclr.thm6": Claim("high-dimensional regression (diagonal A, mu = 0): stable iff sum_i 1/(2/(lam a_i) - "
                             "1 + 1/S) < S (ICLR 2022 Thm 6, as recovered)", iclr_thm6, P7,
                             require=(("both", "stable"),), min_instances=4),
    "ziyin.iclr.thm6.minus": Claim("the same with -1/S in place of +1/S (Thm 2's condition at mu = 0)",
                                   lambda i: iclr_thm6(i, -1), P7, require=(("both", "stable"),), min_instances=4),
    "ziyin.iclr.mapping": Claim("per eigenvalue, the ICLR condition term Tr[Lam A G^-1]/S equals eq. 21's U~(1) "
                                "term at tau = -1 (Lam = alpha I, mu = beta, 1/S = gamma): a polynomial identity",
                                iclr_mapping, P7, min_instances=1),
    "ziyin.iclr.prop7.order2": Claim("tail index beta = 2S/(a lam) - S: the second moment is finite iff beta > 2 "
                                     "(ICLR 2022 Prop 7)", iclr_prop7, P7, require=(("both", "finite"),),
                                     min_instances=4),
    "ziyin.iclr.prop7.order4": Claim("probe: the fourth moment is finite iff beta > 4 (what the tail index "
                                     "beta predicts)", iclr_prop7, P7, min_instances=1),
    "ziyin.iclr.sec64": Claim("damped Newton with label noise: Sigma = lam sigma^2/(g S - lam D) A^-1 (ICLR 2022 "
                              "Sec. 6.4)", iclr_sec64, P7),
    "patel.criterion.commuting": Claim("commuting A_i: mini-batch SGD converges in mean square iff lambda_max(E[(I "
                                       "- alpha H_B)^2]) < 1", patel_criterion, PA, reconstructed=True,
                                       require=(("every", "commuting"),), min_instances=6),
    "patel.criterion.sufficient": Claim("any A_i: lambda_max(E[(I - alpha H_B)^2]) < 1 implies mean-square "
                                        "convergence", patel_sufficient, PA, reconstructed=True,
                                        require=(("some", "not_commuting"),)),
    "patel.criterion.noncommuting": Claim("probe: the criterion as 'iff' for non-commuting A_i", patel_criterion, PA,
                                          reconstructed=True, min_instances=1,
                                          require=(("every", "not_commuting"),)),
    "patel.divergence": Claim("any A_i: lambda_min(E[(I - alpha H_B)^2]) > 1 implies divergence", patel_divergence,
                              PA, reconstructed=True, require=(("fires", "criterion"),)),
    "patel.full_batch": Claim("b = N (gradient descent): converges iff 0 < alpha lambda < 2 for every eigenvalue of "
                              "H", patel_full_batch, PA, reconstructed=True, require=(("both", "stable"),)),
    "patel.threshold": Claim("diagonal A_i: converges iff alpha < 2 E[h_j]/E[h_j^2] for every coordinate (the "
                             "batch size enters through E[h_j^2])", patel_threshold, PA, reconstructed=True,
                             require=(("both", "stable"),), min_instances=6),
    "patel.momentum.diagonal": Claim("diagonal A_i, heavy ball: converges iff every coordinate satisfies eq. 21's "
                                     "one-direction condition (gamma = Var h/E[h]^2, tau = 0)", patel_momentum, PA,
                                     reconstructed=True, require=(("every", "diagonal"),), min_instances=6),
    "patel.momentum.nondiagonal": Claim("probe: the per-coordinate condition for non-diagonal A_i (diagonal mean "
                                        "H)", patel_momentum, PA, reconstructed=True, min_instances=1),
    "liu.stationary_error": Claim("heavy ball at a minimum k > 0: Var(theta) = eta s2 (1+mu)/((1-mu) k (2(1+mu) - "
                                  "eta k)) (reconstructed)", liu_error, LI, reconstructed=True),
    "liu.diffusion_error": Claim("the diffusion variance eta s2/(2k(1-mu)) has exact relative error eta k/(2(1+mu)) "
                                 "(first order in eta)", liu_diffusion, LI, reconstructed=True),
}


def check(content: dict, base: Path, name: str) -> str:
    if name not in CLAIMS:
        raise CertificateError(f"moments certificate {name!r}: this ring knows only {sorted(CLAIMS)}")
    cl = CLAIMS[name]
    if content.get("statement") != cl.statement or content.get("paper") != cl.paper:
        raise CertificateError(f"{name}: statement or paper differs from the checker's own ({cl.statement!r})")
    if content.get("reconstructed") is not cl.reconstructed:
        raise CertificateError(f"{name}: reconstructed must be {cl.reconstructed}")
    inst = content["instances"]
    if not isinstance(inst, list) or len(inst) < cl.min_instances:
        raise CertificateError(f"{name}: at least {cl.min_instances} instance(s) needed")
    data = [x["data"] for x in inst]
    results = [{k: _show(v) for k, v in cl.fn(d).items()} for d in data]
    for j, (x, r) in enumerate(zip(inst, results, strict=True)):
        if x["result"] != r:
            raise CertificateError(f"{name}: instance {j}: recomputed {r}, recorded {x['result']}")
    if problem := requirements(cl, data, results):
        raise CertificateError(f"{name}: {problem}")
    holds = all(r["holds"] for r in results)
    witness = next((j for j, r in enumerate(results) if not r["holds"]), None)
    if content.get("holds") is not holds or content.get("witness") != witness:
        raise CertificateError(f"{name}: recomputed holds = {holds}, witness = {witness}; recorded "
                               f"{content.get('holds')}, {content.get('witness')}")
    what = "holds on every instance" if holds else f"fails at instance {witness}: {data[witness]}"
    return (f"moments: {name} recomputed from the update rule in exact rationals on {len(inst)} instance(s): "
            f"{what}")
