"""The exact mini-batch noise covariance and the paper's statements about it (Props. 1, 2, 7).

Setting (paper Sec. 2, App. B–D). A finite data set of ``N`` feature vectors ``ψ_i ∈ Q^p``, loss
``L(w) = (1/2N) Σ_i (⟨ψ_i, w⟩ − y_i)²``, Hessian ``H = (1/N) Σ_i ψ_i ψ_iᵀ``. A batch ``B`` of size
``b`` gives the stochastic Hessian ``M_B = (1/b) Σ_{i∈B} ψ_i ψ_iᵀ`` and the gradient ``M_B Δw``.
The gradient noise is ``(M_B − H) Δw``, so one step adds to the second moment ``C = E[Δw Δwᵀ]``

    Σ(C) = E_B[(M_B − H) C (M_B − H)]                      (definition; batches enumerated exactly)

Paper eq. 5 (Prop. 1, App. C eq. 56): ``Σ(C) = γ((1/N) Σ_i ψ_i ψ_iᵀ C ψ_i ψ_iᵀ − H C H)`` with
``γ = (N − b)/((N − 1) b)`` for batches drawn without replacement and ``γ = 1/b`` for i.i.d. draws.

Every identity below is linear in ``C``; it is checked on a basis of the symmetric matrices (hence
for every ``C``) or, equivalently, as a matrix identity of the dual linear functional
``C ↦ Tr(P Σ(C)) = Tr(G_P C)`` with ``G_P = E_B[(M_B − H) P (M_B − H)]``. Exact rationals throughout
(python-flint ``fmpq_mat``); the certificate checker redoes everything with ``fractions``.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator
from fractions import Fraction

from flint import fmpq, fmpq_mat

Matrix = fmpq_mat


def mat(rows: list[list[Fraction]]) -> Matrix:
    return fmpq_mat([[fmpq(x.numerator, x.denominator) for x in r] for r in rows])


def to_fractions(m: Matrix) -> list[list[Fraction]]:
    return [[Fraction(int(m[i, j].p), int(m[i, j].q)) for j in range(m.ncols())] for i in range(m.nrows())]


def frac(x: fmpq) -> Fraction:
    return Fraction(int(x.p), int(x.q))


def trace(m: Matrix) -> fmpq:
    t = fmpq(0)
    for i in range(m.nrows()):
        t += m[i, i]
    return t


def outer(v: Matrix) -> Matrix:
    return v * v.transpose()


def column(features: list[list[Fraction]], i: int) -> Matrix:
    return fmpq_mat([[fmpq(x.numerator, x.denominator)] for x in features[i]])


def hessian(features: list[list[Fraction]]) -> Matrix:
    n, p = len(features), len(features[0])
    h = fmpq_mat(p, p)
    for i in range(n):
        h += outer(column(features, i))
    return h * fmpq(1, n)


def gamma(n: int, b: int, sampling: str) -> Fraction:
    """Paper Prop. 1/6: ``(N − b)/((N − 1) b)`` without replacement, ``1/b`` for i.i.d. draws."""
    return Fraction(n - b, (n - 1) * b) if sampling == "without_replacement" else Fraction(1, b)


def batches(n: int, b: int, sampling: str) -> Iterator[tuple[int, ...]]:
    """All batches, equally likely: subsets (without replacement) or ordered tuples (i.i.d.)."""
    if sampling == "without_replacement":
        return itertools.combinations(range(n), b)
    if sampling == "with_replacement":
        return itertools.product(range(n), repeat=b)
    raise ValueError(f"unknown sampling {sampling!r}")


def noise_dual(features: list[list[Fraction]], b: int, sampling: str, x: Matrix) -> Matrix:
    """``E_B[(M_B − H) X (M_B − H)]`` by enumerating every batch (the definition of the noise)."""
    n = len(features)
    h = hessian(features)
    outers = [outer(column(features, i)) for i in range(n)]
    acc, count = fmpq_mat(h.nrows(), h.ncols()), 0
    for batch in batches(n, b, sampling):
        m = fmpq_mat(h.nrows(), h.ncols())
        for i in batch:
            m += outers[i]
        d = m * fmpq(1, b) - h
        acc += d * x * d
        count += 1
    return acc * fmpq(1, count)


def noise_eq5(features: list[list[Fraction]], b: int, sampling: str, x: Matrix) -> Matrix:
    """Paper eq. 5: ``γ((1/N) Σ_i ψ_i ψ_iᵀ X ψ_i ψ_iᵀ − H X H)``."""
    n = len(features)
    h = hessian(features)
    mix = fmpq_mat(h.nrows(), h.ncols())
    for i in range(n):
        o = outer(column(features, i))
        mix += o * x * o
    gm = gamma(n, b, sampling)
    return (mix * fmpq(1, n) - h * x * h) * fmpq(gm.numerator, gm.denominator)


def symmetric_basis(p: int) -> Iterator[Matrix]:
    for i in range(p):
        for j in range(i, p):
            e = fmpq_mat(p, p)
            e[i, j] = 1
            e[j, i] = 1
            yield e


# ---------------------------------------------------------------- Prop. 1 (eqs. 4–5)


def prop1_instance(n: int, p: int, b: int, sampling: str, seed: int) -> dict:
    rng = random.Random(seed)
    feats = [[Fraction(rng.randint(-4, 4), rng.randint(1, 3)) for _ in range(p)] for _ in range(n)]
    return {
        "N": n,
        "p": p,
        "b": b,
        "sampling": sampling,
        "alpha": str(Fraction(rng.randint(1, 5), 7)),
        "beta": str(Fraction(rng.randint(-3, 6), 7)),
        "features": [[str(x) for x in r] for r in feats],
    }


def parse_features(inst: dict) -> list[list[Fraction]]:
    return [[Fraction(x) for x in r] for r in inst["features"]]


def check_prop1(inst: dict) -> dict:
    """Eq. 5 for every symmetric ``X``, ``E_B[M_B] = H``, and the full one-step moment map (eq. 4).

    Eq. 4: with ``T_B = [[I − αM_B, βI], [−αM_B, βI]]`` acting on ``(Δw, v)`` and the joint moment
    ``Z = [[C, J], [Jᵀ, P]]``, ``E_B[T_B Z T_Bᵀ] = T̄ Z T̄ᵀ + α² [[Σ, Σ], [Σ, Σ]]`` with ``Σ = Σ(C)``
    of eq. 5 and ``T̄`` the full-batch map — checked on a basis of the symmetric ``2p × 2p`` matrices.
    """
    feats = parse_features(inst)
    n, p, b, sampling = inst["N"], inst["p"], inst["b"], inst["sampling"]
    alpha, beta = Fraction(inst["alpha"]), Fraction(inst["beta"])
    h = hessian(feats)
    mean = fmpq_mat(p, p)
    count = 0
    for batch in batches(n, b, sampling):
        for i in batch:
            mean += outer(column(feats, i)) * fmpq(1, b)
        count += 1
    unbiased = mean * fmpq(1, count) == h
    eq5 = all(
        noise_dual(feats, b, sampling, x) == noise_eq5(feats, b, sampling, x) for x in symmetric_basis(p)
    )
    # one-step moment map with momentum (eq. 4)
    fa, fb = fmpq(alpha.numerator, alpha.denominator), fmpq(beta.numerator, beta.denominator)
    eye = fmpq_mat(p, p)
    for i in range(p):
        eye[i, i] = 1

    def block(m11: Matrix, m12: Matrix, m21: Matrix, m22: Matrix) -> Matrix:
        out = fmpq_mat(2 * p, 2 * p)
        for i in range(p):
            for j in range(p):
                out[i, j], out[i, p + j] = m11[i, j], m12[i, j]
                out[p + i, j], out[p + i, p + j] = m21[i, j], m22[i, j]
        return out

    outers = [outer(column(feats, i)) for i in range(n)]
    tbar = block(eye - h * fa, eye * fb, -(h * fa), eye * fb)
    moment_ok = True
    for zb in symmetric_basis(2 * p):
        acc = fmpq_mat(2 * p, 2 * p)
        for batch in batches(n, b, sampling):
            m = fmpq_mat(p, p)
            for i in batch:
                m += outers[i]
            m = m * fmpq(1, b)
            t = block(eye - m * fa, eye * fb, -(m * fa), eye * fb)
            acc += t * zb * t.transpose()
        lhs = acc * fmpq(1, count)
        c = fmpq_mat([[zb[i, j] for j in range(p)] for i in range(p)])
        s = noise_eq5(feats, b, sampling, c) * (fa * fa)
        rhs = tbar * zb * tbar.transpose() + block(s, s, s, s)
        moment_ok = moment_ok and lhs == rhs
    return {
        "unbiased": unbiased,
        "eq5_all_symmetric_C": eq5,
        "moment_map_eq4": moment_ok,
        "gamma": str(gamma(n, b, sampling)),
        "batches": count,
    }


# ---------------------------------------------------------------- Prop. 2 (App. D.5)

#: cos(2πm/L) for the L whose cosines are rational (Niven): L ∈ {1, 2, 3, 4, 6}.
RATIONAL_COS = {
    1: [Fraction(1)],
    2: [Fraction(1), Fraction(-1)],
    3: [Fraction(1), Fraction(-1, 2), Fraction(-1, 2)],
    4: [Fraction(1), Fraction(0), Fraction(-1), Fraction(0)],
    6: [Fraction(1), Fraction(1, 2), Fraction(-1, 2), Fraction(-1), Fraction(-1, 2), Fraction(1, 2)],
}


def grid_points(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    return list(itertools.product(*[range(n) for n in shape]))


def torus_features(shape: tuple[int, ...], phi: list[Fraction]) -> list[list[Fraction]]:
    """``ψ_i(x) = φ(x − i)`` on the torus grid: a translation-invariant problem (kernel = φ ⋆ φ)."""
    pts = grid_points(shape)
    index = {x: k for k, x in enumerate(pts)}
    feats = []
    for i in pts:
        feats.append(
            [phi[index[tuple((xj - ij) % n for xj, ij, n in zip(x, i, shape, strict=True))]] for x in pts]
        )
    return feats


def fourier_pair_projectors(shape: tuple[int, ...]) -> list[tuple[tuple[int, ...], list[list[Fraction]]]]:
    """Real orthogonal projectors onto ``span{e_k, e_{−k}}`` (complex Fourier modes), exact.

    ``P(x, y) = (1/N) Σ_{k' ∈ {k, −k}} cos(2π Σ_j k'_j (x_j − y_j)/n_j)``; rational iff the lcm of
    the sides is one of 1, 2, 3, 4, 6.
    """
    lcm = math.lcm(*shape)
    if lcm not in RATIONAL_COS:
        raise ValueError(f"grid {shape}: cosines of 2π/{lcm} are irrational")
    pts = grid_points(shape)
    n = len(pts)
    seen, out = set(), []
    for k in pts:
        if k in seen:
            continue
        mk = tuple((-kj) % nj for kj, nj in zip(k, shape, strict=True))
        pair = sorted({k, mk})
        seen.update(pair)
        rows = []
        for x in pts:
            row = []
            for y in pts:
                s = Fraction(0)
                for kk in pair:
                    m = sum(
                        kj * (xj - yj) * (lcm // nj) for kj, xj, yj, nj in zip(kk, x, y, shape, strict=True)
                    )
                    s += RATIONAL_COS[lcm][m % lcm]
                row.append(s / n)
            rows.append(row)
        out.append((pair[0], rows))
    return out


def prop2_instance(shape: tuple[int, ...], b: int, sampling: str, seed: int) -> dict:
    rng = random.Random(seed)
    n = math.prod(shape)
    phi = [Fraction(rng.randint(-3, 5), rng.randint(1, 2)) for _ in range(n)]
    return {"shape": list(shape), "b": b, "sampling": sampling, "phi": [str(x) for x in phi]}


def check_prop2(inst: dict, features: list[list[Fraction]] | None = None) -> dict:
    """Prop. 2 on one grid: for every Fourier pair projector ``P`` (rank r, ``PH = λP``),

        E_B[(M_B − H) P (M_B − H)] = γ (λ r H − λ² P),

    i.e. ``Tr(P Σ(C)) = γ(λ r Tr(HC) − λ² Tr(PC))`` for every ``C``: the diagonal of the exact noise in
    the Fourier eigenbasis is the SE expression with ``τ₁ = τ₂ = 1``. ``features`` overrides the
    translation-invariant features (used to show the check fails on a perturbed problem).
    """
    shape = tuple(inst["shape"])
    if features is None:
        features = torus_features(shape, [Fraction(x) for x in inst["phi"]])
    n = len(features)
    b, sampling = inst["b"], inst["sampling"]
    h = hessian(features)
    gm = gamma(n, b, sampling)
    fg = fmpq(gm.numerator, gm.denominator)
    projectors = fourier_pair_projectors(shape)
    total = fmpq_mat(n, n)
    rows, ok = [], True
    for k, prows in projectors:
        p = mat(prows)
        total += p
        rank = int(trace(p))  # trace of an orthogonal projector = rank
        lam = trace(p * h) / rank
        is_proj = p * p == p and p.transpose() == p
        eigen = p * h == p * lam
        lhs = noise_dual(features, b, sampling, p)
        rhs = (h * (lam * rank) - p * (lam * lam)) * fg
        holds = bool(is_proj and eigen and lhs == rhs)
        ok = ok and holds
        rows.append({"k": list(k), "rank": rank, "lambda": str(frac(lam)), "holds": holds})
    eye = fmpq_mat(n, n)
    for i in range(n):
        eye[i, i] = 1
    complete = total == eye
    return {"holds": bool(ok and complete), "complete": complete, "gamma": str(gm), "modes": rows}


# ---------------------------------------------------------------- Prop. 7 (App. D.1)


def cayley_orthogonal(n: int, rng: random.Random) -> Matrix:
    """``Q = (I − K)(I + K)⁻¹`` for a random rational skew-symmetric ``K``: exactly orthogonal."""
    k = fmpq_mat(n, n)
    for i in range(n):
        for j in range(i + 1, n):
            v = fmpq(rng.randint(-3, 3), rng.randint(1, 4))
            k[i, j], k[j, i] = v, -v
    eye = fmpq_mat(n, n)
    for i in range(n):
        eye[i, i] = 1
    return (eye - k) * (eye + k).inv()


def householder_to_uniform(n: int, k0: int) -> Matrix:
    """Rational orthogonal ``U`` whose column ``k0`` is ``(1, …, 1)/√N`` (``N`` a perfect square)."""
    r = math.isqrt(n)
    if r * r != n:
        raise ValueError("N must be a perfect square")
    w = fmpq_mat([[fmpq(-1, r) + (1 if i == k0 else 0)] for i in range(n)])
    eye = fmpq_mat(n, n)
    for i in range(n):
        eye[i, i] = 1
    return eye - (w * w.transpose()) * (fmpq(2) / (w.transpose() * w)[0, 0])


def prop7_instance(n: int, mode: str, seed: int, k0: int = 0) -> dict:
    """Features ``ψ_i = √N Jᵢ`` from ``J = U diag(s) Vᵀ`` (the paper's SVD parametrisation, App. D.1).

    ``mode``: ``random`` (Cayley ``U``), ``identity`` (``U = I``: orthogonal features, one endpoint of
    eq. 67) or ``uniform`` (column ``k0`` of ``U`` uniform: the other endpoint).
    """
    rng = random.Random(seed)
    if mode == "random":
        u = cayley_orthogonal(n, rng)
    elif mode == "identity":
        u = fmpq_mat(n, n)
        for i in range(n):
            u[i, i] = 1
    else:
        u = householder_to_uniform(n, k0)
    v = cayley_orthogonal(n, rng)
    s = [Fraction(rng.randint(1, 9), rng.randint(1, 4)) for _ in range(n)]
    bm = fmpq_mat([[fmpq(rng.randint(-3, 3), rng.randint(1, 2)) for _ in range(n)] for _ in range(n)])
    c = bm * bm.transpose()
    return {
        "N": n,
        "mode": mode,
        "k0": k0,
        "U": [[str(x) for x in r] for r in to_fractions(u)],
        "V": [[str(x) for x in r] for r in to_fractions(v)],
        "s": [str(x) for x in s],
        "C": [[str(x) for x in r] for r in to_fractions(c)],
    }


def prop7_quantities(inst: dict) -> dict:
    """``D_k = e_kᵀ [(1/N) Σ_i ψ_iψ_iᵀ C ψ_iψ_iᵀ] e_k``, ``λ_k``, ``Tr(HC)``, ``C_kk = e_kᵀ C e_k``."""
    n = inst["N"]
    u = mat([[Fraction(x) for x in r] for r in inst["U"]])
    v = mat([[Fraction(x) for x in r] for r in inst["V"]])
    c = mat([[Fraction(x) for x in r] for r in inst["C"]])
    s = [Fraction(x) for x in inst["s"]]
    sm = fmpq_mat(n, n)
    for i in range(n):
        sm[i, i] = fmpq(s[i].numerator, s[i].denominator)
    r = math.isqrt(n)
    jac = u * sm * v.transpose()
    feats = to_fractions(jac * r)
    h = hessian(feats)
    mix = fmpq_mat(n, n)
    for i in range(n):
        o = outer(column(feats, i))
        mix += o * c * o
    mix = mix * fmpq(1, n)
    trhc = trace(h * c)
    out = {"trHC": frac(trhc), "lambda": [], "D": [], "Ckk": []}
    for k in range(n):
        e = fmpq_mat([[v[i, k]] for i in range(n)])
        out["lambda"].append(frac((e.transpose() * h * e)[0, 0]))
        out["D"].append(frac((e.transpose() * mix * e)[0, 0]))
        out["Ckk"].append(frac((e.transpose() * c * e)[0, 0]))
    out["orthogonal"] = u * u.transpose() == fmpq_mat(
        [[int(i == j) for j in range(n)] for i in range(n)]
    ) and (v * v.transpose() == fmpq_mat([[int(i == j) for j in range(n)] for i in range(n)]))
    return out


def check_prop7(
    inst: dict,
    lower_factor: Fraction = Fraction(0),
    upper_factor: Fraction | None = None,
    endpoint_factor: Fraction | None = None,
) -> dict:
    """Eq. 66 (reconstructed): ``0 ≤ D_k ≤ N λ_k Tr(HC)`` for every k; eq. 67's endpoints:
    ``D_k = N λ_k² C_kk`` when ``U = I`` and ``D_{k0} = λ_{k0} Tr(HC)`` when column ``k0`` of ``U`` is
    uniform. The bound factors are parameters so that a perturbed statement can be shown to fail.
    """
    n = inst["N"]
    q = prop7_quantities(inst)
    upper = Fraction(n) if upper_factor is None else upper_factor
    endpoint = Fraction(n) if endpoint_factor is None else endpoint_factor
    bounds = all(
        lower_factor * lam * q["trHC"] <= d <= upper * lam * q["trHC"]
        for lam, d in zip(q["lambda"], q["D"], strict=True)
    )
    if inst["mode"] == "identity":
        attained = all(
            d == endpoint * lam * lam * ckk for lam, d, ckk in zip(q["lambda"], q["D"], q["Ckk"], strict=True)
        )
    elif inst["mode"] == "uniform":
        k0 = inst["k0"]
        attained = q["D"][k0] == q["lambda"][k0] * q["trHC"]
    else:
        attained = True
    return {
        "holds": bool(q["orthogonal"] and bounds and attained),
        "bounds": bounds,
        "endpoint": attained,
        "trHC": str(q["trHC"]),
        "D": [str(x) for x in q["D"]],
        "lambda": [str(x) for x in q["lambda"]],
    }


def mixed_features(features: list[list[Fraction]], seed: int) -> tuple[list[list[Fraction]], Matrix]:
    """Rows mixed by a rational orthogonal ``Q`` (Cayley): ``Φ ↦ QΦ`` keeps ``H = ΦᵀΦ/N`` exactly but
    destroys translation invariance of the data — the negative control of Prop. 2."""
    q = cayley_orthogonal(len(features), random.Random(seed))
    return to_fractions(q * mat(features)), q
