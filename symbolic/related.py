"""The related papers' claims evaluated on exact rational instances (issue 13), producer side.

For each claim of ``checker.moments`` (the independent ring that re-checks them) this module computes the
same record by another route: python-flint matrices (:mod:`symbolic.stationary`: the state map read off
the update rule, the stationary moments from the Kronecker form of the moment operator on all ``n²``
entries, stability by Schur–Cohn–Jury on flint's characteristic polynomial), sympy for the Gaussian
fourth moments (derivatives of the moment generating function ``exp(½ tᵀAt)``, not Isserlis' formula) and
the chi-square moments (derivatives of ``(1 − 2t)^{−S/2}``), and the block form of Liu et al.'s state map
written by hand. Records: Fractions, matrices as lists of rows, booleans; :func:`record` turns them into
strings. ``holds`` is whether the paper's formula (or the reconstructed criterion) agrees with the exact
recursion on that instance.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy as sp

from . import stationary as st
from .generating import generating_terms
from .stationary import identity, inverse, is_stable, mat_add, mat_mul, matrix, positive_definite, trace, transpose
from .update_rule import a as a_
from .update_rule import b as b_
from .update_rule import g as g_
from .update_rule import z as z_

Matrix = list[list[Fraction]]


def record(x) -> object:
    if isinstance(x, bool) or x is None:
        return x
    if isinstance(x, Fraction | int):
        return str(Fraction(x))
    if isinstance(x, list | tuple):
        return [record(v) for v in x]
    return x


def _sigma(K: Matrix, Lam: Matrix, mu, C: Matrix | None = None, noise=None) -> tuple[Matrix | None, bool]:
    """Stationary ``Σ`` of the eq. 5 chain with constant noise ``C`` or state-dependent ``noise(Σ)`` (affine)."""
    d = len(K)
    T, B = st.transition_pre(K, Lam, mu)
    zero = [[Fraction(0)] * d for _ in range(d)]
    nz = noise or (lambda _S: C)
    lin = lambda S_: mat_add((1, nz(S_)), (-1, nz(zero)))  # noqa: E731
    M = st.moment_operator(T, B, lin)
    Q = mat_mul(mat_mul(B, nz(zero)), transpose(B))
    P = st._solve_moments(M, Q)
    return (None if P is None else [r[:d] for r in P[:d]]), is_stable(M)


def _m(x) -> Matrix:
    return matrix(x)


def _q(x) -> Fraction:
    return Fraction(x)


def _sc(c, d: int) -> Matrix:
    return mat_add((_q(c), identity(d)))


def _res(stable: bool, S, holds: bool, **kw) -> dict:
    return {"stable": stable, "sigma": S, "holds": bool(holds), **kw}


def _is_zero(x: Matrix) -> bool:
    return st.is_zero(x)


# ------------------------------------------------------------------------------------------- Ziyin et al.

def eq6(i: dict) -> dict:
    K, C, lam = _m(i["K"]), _m(i["C"]), _q(i["lam"])
    S, s = _sigma(K, _sc(lam, len(K)), 0, C)
    return _res(s, S, s and S is not None and _is_zero(st.eq6_residual(K, C, S, lam)))


def eq7(i: dict) -> dict:
    K, C, lam, mu = _m(i["K"]), _m(i["C"]), _q(i["lam"]), _q(i["mu"])
    S, s = _sigma(K, _sc(lam, len(K)), mu, C)
    return _res(s, S, s and S is not None and _is_zero(st.eq7_residual(K, C, S, lam, mu)))


def eq9(i: dict) -> dict:
    K, C, Lam, mu = _m(i["K"]), _m(i["C"]), _m(i["Lam"]), _q(i["mu"])
    S, s = _sigma(K, Lam, mu, C)
    if S is None:
        return _res(s, S, False)
    LK, KL = mat_mul(Lam, K), mat_mul(K, Lam)
    r = mat_add((-(1 + mu**2) / (1 - mu**2), mat_mul(mat_mul(LK, S), KL)),
                (mu / (1 - mu**2), mat_mul(mat_mul(LK, LK), S)), (mu / (1 - mu**2), mat_mul(S, mat_mul(KL, KL))),
                (1 - mu, mat_mul(LK, S)), (1 - mu, mat_mul(S, KL)), (-1, mat_mul(mat_mul(Lam, C), Lam)))
    return _res(s, S, s and _is_zero(r))


def cor1(i: dict) -> dict:
    K, C, lam, mu = _m(i["K"]), _m(i["C"]), _q(i["lam"]), _q(i["mu"])
    S, s = _sigma(K, _sc(lam, len(K)), mu, C)
    f = st.cor1_sigma(K, C, lam, mu)
    return _res(s, S, s and S == f, formula=f)


def thm4(i: dict) -> dict:
    K, s2, a, lam = _m(i["K"]), _q(i["sigma2"]), _q(i["a"]), _q(i["lam"])
    C = mat_add((s2, identity(len(K))), (a, K))
    S, s = _sigma(K, _sc(lam, len(K)), 0, C)
    f = st.thm4_sigma(K, s2, a, lam)
    return _res(s, S, s and S == f, formula=f)


def thm5(i: dict) -> dict:
    K, C, lam, mu = _m(i["K"]), _m(i["C"]), _q(i["lam"]), _q(i["mu"])
    S, s = _sigma(K, _sc(lam, len(K)), mu, C)
    loss = None if S is None else st.training_loss(K, S)
    f = st.thm5_loss(K, C, lam, mu)
    return _res(s, S, s and loss == f, loss=loss, formula=f)


def sec45(i: dict) -> dict:
    K, lam, mu = _m(i["K"]), _q(i["lam"]), _q(i["mu"])
    T, _B = st.transition(K, lam, mu)
    s = is_stable(T)
    d = len(K)
    cond = (abs(mu) < 1 and positive_definite(mat_add((lam, K)))
            and positive_definite(mat_add((2 * (1 + mu), identity(d)), (-lam, K))))
    return {"stable": s, "condition": cond, "holds": s == cond}


def thm7(i: dict) -> dict:
    """The loss along the exact chain from ``w_0 = 0``: ``Σ_t = λ² Σ_{s<t} M^s C M^s`` (``M = I − λK``)."""
    K, C, lam, n = _m(i["K"]), _m(i["C"]), _q(i["lam"]), i["t_max"]
    d = len(K)
    M = mat_add((1, identity(d)), (-lam, K))
    G = inverse(mat_add((1, identity(d)), (-lam / 2, K)))
    losses, forms = [], []
    S, Mp = [[Fraction(0)] * d for _ in range(d)], identity(d)
    for _ in range(n + 1):
        losses.append(trace(mat_mul(K, S)) / 2)
        forms.append(lam / 4 * trace(mat_mul(mat_mul(G, mat_add((1, identity(d)), (-1, mat_mul(Mp, Mp)))), C)))
        S = mat_add((1, S), (lam**2, mat_mul(mat_mul(Mp, C), transpose(Mp))))
        Mp = mat_mul(Mp, M)
    return {"losses": losses, "formula": forms, "holds": losses == forms}


def cor5(i: dict) -> dict:
    K, c, lam, mu = _m(i["K"]), _q(i["c"]), _q(i["lam"]), _q(i["mu"])
    Ki = inverse(K)
    S, s = _sigma(K, mat_add((lam, Ki)), mu, mat_add((c, K)))
    f = mat_add(((1 + mu) / (1 - mu) * lam / (2 * (1 + mu) - lam) * c, Ki))
    return _res(s, S, s and S == f, formula=f)


def cor6(i: dict, fisher: Fraction = Fraction(0)) -> dict:
    K, c, lam, mu = _m(i["K"]), _q(i["c"]), _q(i["lam"]), _q(i["mu"])
    S0 = mat_add((lam * ((1 + mu) * c + 1 - mu) / (2 * (1 - mu**2)), inverse(K)))
    KSK = mat_mul(mat_mul(K, S0), K)
    S, s = _sigma(K, mat_add((lam, inverse(mat_add((1 + fisher * c, KSK))))), mu, mat_add((c, KSK)))
    return _res(s, S, s and S == S0, formula=S0)


def thm10(i: dict) -> dict:
    K, c, lam = _m(i["K"]), _q(i["c"]), _q(i["lam"])
    S0 = _sc(lam**2 * (1 + c) / 4, len(K))
    KSK = mat_mul(mat_mul(K, S0), K)
    R = mat_add((lam * (1 + c) / 2, K))
    if mat_mul(R, R) != mat_add((1 + c, KSK)) or not positive_definite(R):
        return _res(False, None, False, formula=S0)
    S, s = _sigma(K, mat_add((lam, inverse(R))), 0, mat_add((c, KSK)))
    return _res(s, S, s and S == S0, formula=S0)


def gaussian_fourth(A: Matrix, S: Matrix) -> Matrix:
    """``E[x xᵀ S x xᵀ]`` for ``x ~ N(0, A)``: fourth derivatives of ``exp(½ tᵀAt)`` at ``t = 0`` (sympy)."""
    d = len(A)
    t = sp.symbols(f"t0:{d}")
    At = sp.Matrix([[sp.Rational(A[r][c].numerator, A[r][c].denominator) for c in range(d)] for r in range(d)])
    mgf = sp.exp(sp.Rational(1, 2) * (sp.Matrix([t]) * At * sp.Matrix(t))[0, 0])
    at0 = {v: 0 for v in t}

    def m4(i, j, k, l_):
        return Fraction(str(sp.diff(mgf, t[i], t[j], t[k], t[l_]).subs(at0)))

    return [[sum((m4(i, j, k, l_) * S[j][k] for j in range(d) for k in range(d)), Fraction(0)) for l_ in range(d)]
            for i in range(d)]


def _noise(A: Matrix, S: Matrix, s2: Fraction, b: Fraction) -> Matrix:
    """Covariance of the mini-batch gradient ``(1/b) Σ x(xᵀw − ε)`` minus its mean ``Aw``, ``w ~ (0, S)``."""
    return mat_add((1 / b, gaussian_fourth(A, S)), (-1 / b, mat_mul(mat_mul(A, S), A)), (s2 / b, A))


def iclr_lemma1(i: dict) -> dict:
    A, S, s2, b = _m(i["A"]), _m(i["Sigma"]), _q(i["sigma2"]), _q(i["S"])
    C, f = _noise(A, S, s2, b), st.minibatch_noise(A, S, s2, b)
    return {"noise": C, "formula": f, "holds": C == f}


def _iclr_sigma(A, Lam, mu, s2, b):
    return _sigma(A, Lam, mu, noise=lambda S_: st.minibatch_noise(A, S_, s2, b))


def iclr_thm2(i: dict) -> dict:
    A, Lam, mu, s2, b = _m(i["A"]), _m(i["Lam"]), _q(i["mu"]), _q(i["sigma2"]), _q(i["S"])
    S, s = _iclr_sigma(A, Lam, mu, s2, b)
    f = st.iclr_thm2_sigma(A, Lam, mu, s2, b)
    return _res(s, S, s and S == f, formula=f)


def iclr_condition(i: dict) -> dict:
    A, Lam, mu, b = _m(i["A"]), _m(i["Lam"]), _q(i["mu"]), _q(i["S"])
    _S, s = _iclr_sigma(A, Lam, mu, Fraction(1), b)
    cond = st.iclr_thm2_condition(A, Lam, mu, b)
    return {"stable": s, "condition": cond, "holds": s == cond}


def iclr_thm6(i: dict, sign: int = 1) -> dict:
    """Diagonal ``A``, ``Λ = λI``, ``μ = 0``: exact stability against ``Σ_i 1/(2/(λa_i) − 1 + sign/S) < S``."""
    A, lam, b = _m(i["A"]), _q(i["lam"]), _q(i["S"])
    _S, s = _iclr_sigma(A, _sc(lam, len(A)), 0, Fraction(1), b)
    terms = [2 / (lam * A[k][k]) - 1 + Fraction(sign) / b for k in range(len(A))]
    cond = all(t > 0 for t in terms) and sum(1 / t for t in terms) < b
    return {"stable": s, "condition": cond, "holds": s == cond}


def iclr_mapping(_i: dict) -> dict:
    t = generating_terms()
    gam = sp.Symbol("gamma")
    at = {z_: 1, g_: -gam}
    lhs = sp.expand(a_ * t.u_num.subs(at) * (2 * (1 - b_) * (1 + b_) - ((1 - b_) + gam * (1 + b_)) * a_))
    rhs = sp.expand((1 + b_) * t.S.subs(at))
    holds = sp.expand(lhs - rhs) == 0
    val = Fraction(str(lhs.subs({a_: sp.Rational(1, 3), b_: sp.Rational(1, 5), gam: sp.Rational(1, 7)})))
    return {"identity": holds, "at": val, "holds": holds}


def chi2_moment(k: int, S: int) -> Fraction:
    """``E[(χ²_S/S)^k]`` from the moment generating function ``(1 − 2t)^{−S/2}`` (sympy)."""
    t = sp.Symbol("t")
    return Fraction(str(sp.diff((1 - 2 * t) ** sp.Rational(-S, 2), t, k).subs(t, 0) / sp.Integer(S) ** k))


def iclr_prop7(i: dict) -> dict:
    a, lam, S, order = _q(i["a"]), _q(i["lam"]), i["S"], i["order"]
    x = a * lam
    m = sum((Fraction(sp.binomial(order, j)) * (-x) ** j * chi2_moment(j, S) for j in range(order + 1)), Fraction(0))
    beta = 2 * S / x - S
    return {"moment_factor": m, "beta": beta, "finite": m < 1, "predicted": beta > order,
            "holds": (m < 1) == (beta > order)}


def iclr_sec64(i: dict) -> dict:
    A, lam, mu, s2, b = _m(i["A"]), _q(i["lam"]), _q(i["mu"]), _q(i["sigma2"]), _q(i["S"])
    Ai = inverse(A)
    S, s = _iclr_sigma(A, mat_add((lam, Ai)), mu, s2, b)
    g = 2 * (1 - mu) - ((1 - mu) / (1 + mu) + 1 / b) * lam
    f = mat_add((lam * s2 / (g * b - lam * len(A)), Ai))
    return _res(s, S, s and S == f, formula=f)


# ------------------------------------------------------------------------------------------ Patel (2017)

def _batches(N: int, b: int, rep: bool):
    return list(itertools.product(range(N), repeat=b)) if rep else list(itertools.combinations(range(N), b))


def _HB(As, B) -> Matrix:
    return mat_add(*[(Fraction(1, len(B)), As[j]) for j in B])


def _patel(i: dict):
    return [_m(x) for x in i["A"]], i["b"], i["replacement"], _q(i["alpha"]), _q(i.get("beta", "0"))


def patel_stable(As, b, rep, alpha, beta) -> bool:
    """Mean-square stability of mini-batch heavy ball: the batch average of ``T_B ⊗ T_B`` (Kronecker form
    on all entries, flint), ``T_B = [[I − αH_B, βI], [−αH_B, βI]]`` (state ``w`` alone when ``β = 0``)."""
    d, bs = len(As[0]), _batches(len(As), b, rep)
    ops = []
    for B in bs:
        H = _HB(As, B)
        if beta == 0:
            T = mat_add((1, identity(d)), (-alpha, H))
        else:
            top = [r + [beta * int(i == j) for j in range(d)] for i, r in enumerate(mat_add((1, identity(d)),
                                                                                          (-alpha, H)))]
            T = top + [[-alpha * v for v in r] + [beta * int(i == j) for j in range(d)] for i, r in enumerate(H)]
        n = len(T)
        ops.append(st.moment_operator(T, [[Fraction(0)] for _ in range(n)], lambda _S: [[Fraction(0)]]))
    return is_stable(mat_add(*[(Fraction(1, len(ops)), M) for M in ops]))


def _Q(As, b, rep, alpha) -> Matrix:
    d, bs = len(As[0]), _batches(len(As), b, rep)
    Ms = [mat_add((1, identity(d)), (-alpha, _HB(As, B))) for B in bs]
    return mat_add(*[(Fraction(1, len(Ms)), mat_mul(M, M)) for M in Ms])


def _commuting(As) -> bool:
    return all(st.commute(x, y) for x, y in itertools.combinations(As, 2))


def patel_criterion(i: dict) -> dict:
    As, b, rep, alpha, _ = _patel(i)
    s, Q = patel_stable(As, b, rep, alpha, 0), _Q(As, b, rep, alpha)
    crit = positive_definite(mat_add((1, identity(len(Q))), (-1, Q)))
    return {"stable": s, "criterion": crit, "commuting": _commuting(As), "holds": s == crit}


def patel_sufficient(i: dict) -> dict:
    r = patel_criterion(i)
    return {**r, "holds": r["stable"] or not r["criterion"]}


def patel_divergence(i: dict) -> dict:
    As, b, rep, alpha, _ = _patel(i)
    s, Q = patel_stable(As, b, rep, alpha, 0), _Q(As, b, rep, alpha)
    div = positive_definite(mat_add((1, Q), (-1, identity(len(Q)))))
    return {"stable": s, "criterion": div, "commuting": _commuting(As), "holds": not (div and s)}


def patel_full_batch(i: dict) -> dict:
    As, b, rep, alpha, _ = _patel(i)
    H = _HB(As, tuple(range(len(As))))
    cond = positive_definite(mat_add((alpha, H))) and positive_definite(mat_add((2, identity(len(H))), (-alpha, H)))
    s = patel_stable(As, b, rep, alpha, 0)
    return {"stable": s, "condition": cond, "holds": s == cond}


def patel_threshold(i: dict) -> dict:
    As, b, rep, alpha, _ = _patel(i)
    d, bs = len(As[0]), _batches(len(As), b, rep)
    thr = []
    for j in range(d):
        h = [_HB(As, B)[j][j] for B in bs]
        thr.append(2 * sum(h, Fraction(0)) / sum((x * x for x in h), Fraction(0)))
    s = patel_stable(As, b, rep, alpha, 0)
    return {"stable": s, "thresholds": thr, "holds": s == (alpha > 0 and all(alpha < t for t in thr))}


def patel_momentum(i: dict) -> dict:
    """Per coordinate: this project's eq. 21 condition for one direction, from ``generating_terms()``."""
    As, b, rep, alpha, beta = _patel(i)
    d, bs = len(As[0]), _batches(len(As), b, rep)
    t = generating_terms()
    pred = abs(beta) < 1
    for j in range(d):
        h = [_HB(As, B)[j][j] for B in bs]
        m1 = sum(h, Fraction(0)) / len(h)
        var = sum((x * x for x in h), Fraction(0)) / len(h) - m1**2
        a = alpha * m1
        at = {a_: sp.Rational(a.numerator, a.denominator), b_: sp.Rational(beta.numerator, beta.denominator),
              g_: 0, z_: 1}
        S1, u1 = Fraction(str(t.S.subs(at))), Fraction(str(t.u_num.subs(at)))
        pred = pred and 0 < a < 2 * (1 + beta) and S1 > 0 and var / m1**2 * a**2 * u1 < S1
    s = patel_stable(As, b, rep, alpha, beta)
    diag = all(x[r][c] == 0 for x in As for r in range(d) for c in range(d) if r != c)
    return {"stable": s, "prediction": pred, "diagonal": diag, "holds": s == pred}


# ------------------------------------------------------------------------------------------ Liu et al.

def liu_error(i: dict) -> dict:
    """State ``(θ, θ_prev)``, block form by hand: ``T = [[1 − ηk + μ, −μ], [1, 0]]``, ``B = [[−η], [0]]``."""
    k, eta, mu, s2 = (_q(i[x]) for x in ("k", "eta", "mu", "s2"))
    T = [[1 - eta * k + mu, -mu], [Fraction(1), Fraction(0)]]
    B = [[-eta], [Fraction(0)]]
    s = is_stable(T)
    try:
        P = st.lyapunov(T, mat_mul(mat_mul(B, [[s2]]), transpose(B)))
    except ValueError:
        P = None
    f = eta * s2 * (1 + mu) / ((1 - mu) * k * (2 * (1 + mu) - eta * k))
    v = None if P is None else P[0][0]
    return {"stable": s, "variance": v, "formula": f, "holds": s and v == f}


def liu_diffusion(i: dict) -> dict:
    r = liu_error(i)
    k, eta, mu, s2 = (_q(i[x]) for x in ("k", "eta", "mu", "s2"))
    D = eta * s2 / (2 * k * (1 - mu))
    rel = None if r["variance"] is None else (r["variance"] - D) / r["variance"]
    return {"stable": r["stable"], "variance": r["variance"], "diffusion": D, "relative_error": rel,
            "holds": r["holds"] and rel == eta * k / (2 * (1 + mu))}


FUNCTIONS = {
    "ziyin.eq6": eq6, "ziyin.eq7": eq7, "ziyin.eq9": eq9, "ziyin.cor1": cor1, "ziyin.cor1.noncommuting": cor1,
    "ziyin.thm4": thm4, "ziyin.thm5": thm5, "ziyin.sec45": sec45, "ziyin.thm7": thm7, "ziyin.cor5": cor5,
    "ziyin.cor6": cor6, "ziyin.cor6.empirical_fisher": lambda i: cor6(i, Fraction(1)), "ziyin.thm10": thm10,
    "ziyin.iclr.lemma1": iclr_lemma1, "ziyin.iclr.thm2": iclr_thm2, "ziyin.iclr.thm2.noncommuting": iclr_thm2,
    "ziyin.iclr.condition": iclr_condition, "ziyin.iclr.thm6": iclr_thm6,
    "ziyin.iclr.thm6.minus": lambda i: iclr_thm6(i, -1), "ziyin.iclr.mapping": iclr_mapping,
    "ziyin.iclr.prop7.order2": iclr_prop7, "ziyin.iclr.prop7.order4": iclr_prop7, "ziyin.iclr.sec64": iclr_sec64,
    "patel.criterion.commuting": patel_criterion, "patel.criterion.sufficient": patel_sufficient,
    "patel.criterion.noncommuting": patel_criterion, "patel.divergence": patel_divergence,
    "patel.full_batch": patel_full_batch, "patel.threshold": patel_threshold,
    "patel.momentum.diagonal": patel_momentum, "patel.momentum.nondiagonal": patel_momentum,
    "liu.stationary_error": liu_error, "liu.diffusion_error": liu_diffusion,
}
