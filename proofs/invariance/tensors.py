"""Exact fixed spaces of the tensor action of O(d) and SO(d) on 4-tensors (paper App. D.4, eq. 88-89).

A 4-tensor on ``R^d`` is a vector of length ``d⁴`` indexed by ``(i, j, k, l)`` in lexicographic order.
A group element ``g`` acts by ``(g·T)_ijkl = Σ g_ia g_jb g_kc g_ld T_abcd`` (the matrix ``g⊗g⊗g⊗g``); a
Lie-algebra element ``X`` by the derivation ``X⊗I⊗I⊗I + I⊗X⊗I⊗I + I⊗I⊗X⊗I + I⊗I⊗I⊗X``. The fixed
space of a generator list is the kernel of the stacked matrix of ``g⊗⁴ − I`` (group elements) and
``dρ(X)`` (Lie elements), computed exactly over the integers with python-flint (rows of the Cayley
generators are scaled by ``5⁴`` to clear denominators). Why the generators decide invariance under the
whole group is argued in :mod:`proofs.invariance`.

Examples
--------
>>> [fixed_space("O(d)", "lie", d)["dim"] for d in (2, 3, 4)]
[3, 3, 3]
>>> [fixed_space("SO(d)", "lie", d)["dim"] for d in (2, 3, 4)]
[6, 3, 4]
>>> cayley(2, 0, 1)
[[Fraction(-3, 5), Fraction(-4, 5)], [Fraction(4, 5), Fraction(-3, 5)]]
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import flint

Mat = list[list[Fraction]]
Tensor = dict[tuple[int, int, int, int], Fraction]  # sparse: index tuple -> non-zero entry

ORDER = 4
#: slot permutations: (σT)_t = T_(t_σ0, t_σ1, t_σ2, t_σ3)
SWAP_IJ, SWAP_KL, EXCHANGE = (1, 0, 2, 3), (0, 1, 3, 2), (2, 3, 0, 1)
#: the symmetries of the noise tensor (8) used in the proof of Prop. 9 (eq. 86)
NOISE_SYMMETRIES = (SWAP_IJ, SWAP_KL)


def tuples(d: int) -> list[tuple[int, ...]]:
    """All index tuples in lexicographic (= flattening) order.

    >>> tuples(2)[:3]
    [(0, 0, 0, 0), (0, 0, 0, 1), (0, 0, 1, 0)]
    """
    return list(itertools.product(range(d), repeat=ORDER))


def index(t: tuple[int, ...], d: int) -> int:
    """Position of ``t`` in the flattening: ``((t0 d + t1) d + t2) d + t3``.

    >>> index((1, 0, 1, 1), 2)
    11
    """
    i = 0
    for x in t:
        i = i * d + x
    return i


def _fq(rows: list[list[Fraction]]) -> flint.fmpq_mat:
    """An exact flint matrix from rows of Fractions."""
    return flint.fmpq_mat([[flint.fmpq(x.numerator, x.denominator) for x in r] for r in rows])


def _eye(d: int) -> Mat:
    return [[Fraction(int(i == j)) for j in range(d)] for i in range(d)]


def so_basis(d: int, a: int, b: int) -> Mat:
    """``L_ab = E_ab − E_ba``, an element of the basis of so(d)."""
    m = [[Fraction(0)] * d for _ in range(d)]
    m[a][b], m[b][a] = Fraction(1), Fraction(-1)
    return m


def reflection(d: int, a: int) -> Mat:
    """``R_a = I − 2 E_aa`` (determinant −1)."""
    m = _eye(d)
    m[a][a] = Fraction(-1)
    return m


def matmul(x: Mat, y: Mat) -> Mat:
    return [[sum((x[i][k] * y[k][j] for k in range(len(y))), Fraction(0)) for j in range(len(y[0]))]
            for i in range(len(x))]


def cayley(d: int, a: int, b: int) -> Mat:
    """``(I − A)(I + A)^{-1}`` for the antisymmetric integer matrix ``A = 2(E_ab − E_ba)`` (flint inverse)."""
    A = [[2 * x for x in row] for row in so_basis(d, a, b)]
    eye = _eye(d)
    plus = _fq([[eye[i][j] + A[i][j] for j in range(d)] for i in range(d)])
    minus = _fq([[eye[i][j] - A[i][j] for j in range(d)] for i in range(d)])
    q = minus * plus.inv()
    return [[Fraction(int(q[i, j].p), int(q[i, j].q)) for j in range(d)] for i in range(d)]


def generators(group: str, route: str, d: int) -> list[dict]:
    """The generator list of ``group`` (``"O(d)"``/``"SO(d)"``) by ``route`` (``"lie"``/``"cayley"``).

    Each is ``{"name", "action": "lie"|"group", "matrix"}``. O(d): the SO(d) part and every coordinate
    reflection ``R_a``; SO(d): the SO(d) part and ``R_0 R_a`` (``a ≥ 1``, determinant +1).

    >>> [g["name"] for g in generators("O(d)", "cayley", 2)]
    ['Q01', 'R0', 'R1']
    """
    pairs = [(a, b) for a in range(d) for b in range(a + 1, d)]
    if route == "lie":
        gens = [{"name": f"L{a}{b}", "action": "lie", "matrix": so_basis(d, a, b)} for a, b in pairs]
    elif route == "cayley":
        gens = [{"name": f"Q{a}{b}", "action": "group", "matrix": cayley(d, a, b)} for a, b in pairs]
    else:
        raise ValueError(f"unknown route {route!r}")
    if group == "O(d)":
        gens += [{"name": f"R{a}", "action": "group", "matrix": reflection(d, a)} for a in range(d)]
    elif group == "SO(d)":
        gens += [{"name": f"R0R{a}", "action": "group", "matrix": matmul(reflection(d, 0), reflection(d, a))}
                 for a in range(1, d)]
    else:
        raise ValueError(f"unknown group {group!r}")
    return gens


def _rows(gen: dict, d: int) -> list[dict[int, int]]:
    """Integer rows of ``dρ(X)`` or of ``N (g⊗⁴ − I)`` with ``N`` the common denominator of ``g⊗⁴``."""
    g, out = gen["matrix"], []
    den = math.lcm(*(x.denominator for row in g for x in row)) ** ORDER
    for t in tuples(d):
        row: dict[int, Fraction] = {}
        if gen["action"] == "lie":
            for pos in range(ORDER):
                for m in range(d):
                    if g[t[pos]][m]:
                        s = (*t[:pos], m, *t[pos + 1:])
                        row[index(s, d)] = row.get(index(s, d), Fraction(0)) + g[t[pos]][m]
        else:
            for s in itertools.product(*[[m for m in range(d) if g[x][m]] for x in t]):
                row[index(s, d)] = math.prod((g[x][m] for x, m in zip(t, s, strict=True)), start=Fraction(1))
            row[index(t, d)] = row.get(index(t, d), Fraction(0)) - 1
        out.append({j: int(v * den) for j, v in row.items() if v})
    return out


def stacked(gens: list[dict], d: int) -> flint.fmpz_mat:
    """The stacked integer matrix whose kernel is the fixed space of ``gens``."""
    return _matrix([r for g in gens for r in _rows(g, d)], list(range(d**ORDER)))


def _matrix(rows: list[dict[int, int]], cols: list[int]) -> flint.fmpz_mat:
    pos = {c: i for i, c in enumerate(cols)}
    rows = [r for r in rows if any(j in pos for j in r)] or [{}]
    m = flint.fmpz_mat(len(rows), len(cols))
    for i, r in enumerate(rows):
        for j, v in r.items():
            if j in pos:
                m[i, pos[j]] = v
    return m


def canonical_basis(vectors: list[list[Fraction]]) -> list[list[Fraction]]:
    """The reduced row echelon form of the span (a unique basis of the subspace), zero rows dropped."""
    if not vectors:
        return []
    r, rank = _fq(vectors).rref()
    return [[Fraction(int(r[i, j].p), int(r[i, j].q)) for j in range(r.ncols())] for i in range(rank)]


def fixed_space(group: str, route: str, d: int, *, prime: int | None = None) -> dict:
    """``{"gens", "rows", "rank", "dim", "basis"}``: the exact fixed space of the generator list.

    ``rank`` is the rank over Z of the whole stacked matrix. The kernel is computed on the columns left
    after the rows that are multiples of one unit vector (the diagonal reflection rows): such a row forces
    that coordinate of every kernel vector to vanish. ``prime``: also return ``rank_mod_p``.
    """
    gens = generators(group, route, d)
    rows = [r for g in gens for r in _rows(g, d)]
    n = d**ORDER
    zero = {j for r in rows if len(r) == 1 for j in r}
    cols = [c for c in range(n) if c not in zero]
    sub = _matrix(rows, cols)
    x, nullity = sub.nullspace()
    kernel = [[Fraction(0)] * n for _ in range(nullity)]
    for c in range(nullity):
        for i, col in enumerate(cols):
            kernel[c][col] = Fraction(int(x[i, c]))
    basis = canonical_basis(kernel)
    rank = _matrix(rows, list(range(n))).rank()
    if rank + len(basis) != n or rank != len(zero) + sub.rank():
        raise ArithmeticError(f"rank {rank} + nullity {len(basis)} != {n}")
    out = {"gens": gens, "rows": len(rows), "rank": rank, "dim": len(basis), "basis": basis}
    if prime:
        out["rank_mod_p"] = len(zero) + flint.nmod_mat(sub, prime).rank()
    return out


def dense(t: Tensor, d: int) -> list[Fraction]:
    v = [Fraction(0)] * d**ORDER
    for s, x in t.items():
        v[index(s, d)] = x
    return v


def sparse(v: list[Fraction], d: int) -> Tensor:
    return {s: v[index(s, d)] for s in tuples(d) if v[index(s, d)]}


def pairing(d: int, p: tuple[tuple[int, int], tuple[int, int]]) -> Tensor:
    """The δ-pairing ``δ_{t_p0 t_p1} δ_{t_q0 t_q1}`` for the slot pairs ``p``."""
    (a, b), (c, e) = p
    return {t: Fraction(1) for t in tuples(d) if t[a] == t[b] and t[c] == t[e]}


PAIRINGS = (((0, 1), (2, 3)), ((0, 2), (1, 3)), ((0, 3), (1, 2)))  # δ_ij δ_kl, δ_ik δ_jl, δ_il δ_jk


def perm_sign(p: tuple[int, ...]) -> int:
    """Sign of a sequence of indices (0 if one repeats): the Levi-Civita symbol.

    >>> perm_sign((1, 0, 2)), perm_sign((0, 0, 1))
    (-1, 0)
    """
    if len(set(p)) < len(p):
        return 0
    return (-1) ** sum(1 for i in range(len(p)) for j in range(i + 1, len(p)) if p[i] > p[j])


def weyl(group: str, d: int) -> list[Tensor]:
    """Weyl's spanning set of the invariant 4-tensors (first fundamental theorem).

    O(d): the three δ-pairings. SO(d): also every product of one ``ε`` (on ``d`` of the four slots)
    with δ's pairing the other slots, which exists only for ``d = 2`` (six) and ``d = 4`` (``ε_ijkl``).
    """
    out = [pairing(d, p) for p in PAIRINGS]
    if group == "SO(d)" and d <= ORDER and (ORDER - d) % 2 == 0:
        for eps in itertools.combinations(range(ORDER), d):
            rest = [s for s in range(ORDER) if s not in eps]
            ten: Tensor = {}
            for t in tuples(d):
                if all(t[rest[i]] == t[rest[i + 1]] for i in range(0, len(rest), 2)):
                    e = perm_sign(tuple(t[s] for s in eps))
                    if e:
                        ten[t] = Fraction(e)
            out.append(ten)
    return out


def permute(v: list[Fraction], sigma: tuple[int, ...], d: int) -> list[Fraction]:
    """``(σT)_t = T_(t_σ0, …, t_σ3)``."""
    return [v[index(tuple(t[s] for s in sigma), d)] for t in tuples(d)]


def symmetric_subspace(basis: list[list[Fraction]], sigmas: tuple, d: int) -> list[list[Fraction]]:
    """Canonical basis of ``{T ∈ span(basis) : σT = T for every σ in sigmas}`` (exact linear algebra)."""
    k = len(basis)
    if not k:
        return []
    # unknown coefficients c: Σ_m c_m (σ B_m − B_m) = 0, one equation per σ and coordinate
    eqs = []
    for sigma in sigmas:
        diffs = [[x - y for x, y in zip(permute(b, sigma, d), b, strict=True)] for b in basis]
        eqs += [[diffs[m][j] for m in range(k)] for j in range(d**ORDER)]
    eqs = [e for e in eqs if any(e)] or [[Fraction(0)] * k]
    m = _fq(eqs)
    r, rank = m.rref()
    pivots, free = [], []
    for i in range(rank):
        pivots.append(next(j for j in range(k) if r[i, j] != 0))
    free = [j for j in range(k) if j not in pivots]
    sols = []
    for f in free:
        c = [Fraction(0)] * k
        c[f] = Fraction(1)
        for i, p in enumerate(pivots):
            c[p] = -Fraction(int(r[i, f].p), int(r[i, f].q))
        sols.append([sum((c[m] * basis[m][j] for m in range(k)), Fraction(0)) for j in range(d**ORDER)])
    return canonical_basis(sols)


# ---- the noise of an orthogonally invariant feature distribution (Sec. 3 item 3, the Gaussian case) ----

def gaussian_moments(n: int) -> list[Fraction]:
    """``E[g^k]`` for a standard normal ``g``, ``k ≤ n``, by Stein's recursion ``E g^k = (k−1) E g^(k−2)``.

    >>> gaussian_moments(4)
    [Fraction(1, 1), Fraction(0, 1), Fraction(1, 1), Fraction(0, 1), Fraction(3, 1)]
    """
    m = [Fraction(1), Fraction(0)]
    while len(m) <= n:
        m.append((len(m) - 1) * m[-2])
    return m[: n + 1]


#: distribution -> (1-D moments of independent coordinates, scale factors E[s²], E[s⁴] of x = s·y)
DISTRIBUTIONS = {
    "gaussian": ("gaussian", Fraction(1), Fraction(1)),
    "gaussian_scale_mixture": ("gaussian", Fraction(1), Fraction(5, 4)),  # s² = 1/2 or 3/2, equally likely
    "rademacher": ("rademacher", Fraction(1), Fraction(1)),  # control: not O(d)-invariant
}


def moment_tensor(dist: str, d: int) -> tuple[Tensor, Fraction]:
    """``(E[x_i x_j x_k x_l], s)`` with ``E[x xᵀ] = s I``, for ``x = s·y``, ``y`` with independent coordinates."""
    base, s2, s4 = DISTRIBUTIONS[dist]
    m = gaussian_moments(ORDER) if base == "gaussian" else [Fraction(int(k % 2 == 0)) for k in range(ORDER + 1)]
    ten = {t: s4 * math.prod((m[t.count(c)] for c in range(d)), start=Fraction(1)) for t in tuples(d)}
    return {t: x for t, x in ten.items() if x}, s2 * m[2]


def se_parameters(ten: Tensor, s: Fraction, d: int) -> tuple[Fraction, Fraction] | None:
    """``(τ₁, τ₂)`` with ``E[x xᵀ C x xᵀ] − HCH = τ₁ H Tr(HC) − τ₂ HCH`` for every symmetric ``C`` (``H = sI``).

    The identity is linear in ``C``; it is imposed on the basis ``E_pq + E_qp`` and solved exactly.
    ``None`` if no ``(τ₁, τ₂)`` satisfies it (the noise is not of the strong SE form (81)).
    """
    eqs = []  # rows (coef τ₁, coef τ₂, rhs)
    for p in range(d):
        for q in range(p, d):
            c = [[Fraction(int({i, j} == {p, q})) for j in range(d)] for i in range(d)]
            tr = sum(c[i][i] for i in range(d))
            for a in range(d):
                for b in range(d):
                    lhs = sum((ten.get((a, b, k, l), 0) * c[k][l] for k in range(d) for l in range(d)), Fraction(0))
                    lhs -= s * s * c[a][b]
                    eqs.append([s * s * tr * int(a == b), -s * s * c[a][b], lhs])
    m = _fq(eqs)
    r, rank = m.rref()
    if any(r[i, 0] == 0 and r[i, 1] == 0 and r[i, 2] != 0 for i in range(rank)) or rank != 2:
        return None
    return tuple(Fraction(int(r[i, 2].p), int(r[i, 2].q)) for i in range(2))  # type: ignore[return-value]
