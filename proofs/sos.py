"""Exact sum-of-squares / Positivstellensatz certificates for ``∀x ∈ R^n: (∧ assume) ⇒ show``.

Method (Peyrl–Parrilo rounding with facial reduction). The goal is ``G ≥ 0`` or ``G > 0`` with
``G = goal_sign · show.poly``. For a fixed multiplier ``m ∈ {1, 1 + Σx_i², (1 + Σx_i²)²}``, a degree
bound ``2d`` and a set of assumption products ``T``, look for

    m · G = Σ_T σ_T · g_T + Σ_j λ_j · h_j + ε · g_P,      g_T = Π_{j∈T} g_j,

with ``σ_T`` sums of squares (``σ_T = w_Tᵀ Q_T w_T``, ``Q_T ⪰ 0``, ``w_T`` a basis of polynomials,
initially monomials: the half Newton polytope of ``m·G`` without assumptions, all monomials of degree
``≤ (2d − deg g_T)/2`` with them), ``λ_j`` free polynomials for the equality assumptions ``h_j = 0``,
and, for a strict goal, ``ε_P ≥ 0`` scalars for candidate products ``P`` of strict assumptions (the
largest one becomes the positive part, the others ordinary terms with a constant square).

0. *Exact facial reduction* (:class:`_Structure`, once per claim): the zeros of ``G`` in the closure of
   the domain and the order to which ``G`` vanishes along lines through them, the unbounded axes of the
   domain and the points where ``G``'s leading coefficient along them vanishes — found by local
   minimisation and rational snapping, each checked exactly. Every certificate must respect them (at a
   zero ``p``: ``σ_T(p) = 0`` wherever ``g_T(p) > 0``), which removes rational directions from the Gram
   bases (``Q = W Q' Wᵀ``) and candidate products ``P``, losing nothing. Without this the Gram matrices
   of a goal with zeros (Motzkin at ``|x| = |y| = 1``, ``x − x²`` at ``x ∈ {0, 1}``) are all singular,
   and no rounding of a singular matrix stays PSD.
1. *Floating point proposes* (Clarabel, an interior-point SDP solver installed with cvxpy, called
   through its own API): maximise ``t`` subject to the coefficient equations and ``Q_T − t·I ⪰ 0``
   for every Gram block (``ε_P ≥ t`` for the scalars), ``t ≤ 1`` after normalising ``m·G``. ``t* < 0``:
   no certificate in this configuration. ``t* > 0``: an interior solution, go to 2.
2. *Rounding*: round every unknown to a rational (denominators ``2^k``, finer on retry), correct it
   exactly onto the affine coefficient equations (:class:`_Affine`: Peyrl–Parrilo's minimum-norm
   projection, or a correction carried by a few pivot unknowns, whose denominators stay small), and
   decompose each rational Gram matrix exactly as ``L D Lᵀ`` (Fractions; every pivot ``≥ 0``, a zero
   pivot only with a zero remaining row), which gives ``σ_T = Σ_k D_k (Σ_i L_ik w_i)²``. A failing
   pivot means the rounding left the cone: retry finer.
3. *Numerical facial reduction* when ``t* ≈ 0`` after 0: the interior-point solution lies near the
   relative interior of the optimal face, so the near-zero eigenvectors of each block span directions
   that every solution annihilates. They are rationalised (reduced row echelon form, small
   denominators), the block's basis is replaced by a rational basis of their orthogonal complement,
   blocks and scalars forced to zero are dropped, and 1 is re-run. A wrong kernel only loses the
   certificate, never soundness: everything is re-checked exactly.

Configurations are tried cheapest first — multipliers ``1``, ``1 + Σx²``, ``(1 + Σx²)²``; products of at
most one, two, then any number of assumptions; degree ``2d`` the least possible, then larger — until one
gives a certificate or ``timeout_s`` runs out. Floating point only proposes: what ends up in the proof
object is exact rationals, and :func:`certify` returns a proof only after :func:`replay` accepted it.
Nothing is ever refuted here (an SDP failure proves nothing): the statuses are ``proved`` and
``unknown``. ``!=`` assumptions are not used (dropping an assumption only strengthens the claim).

Proof object (re-checked by the independent certificate checker; :func:`replay` re-checks it here)::

    {"method": "sos",
     "goal_sign": 1 | -1,              # G = goal_sign · show.poly: +1 for > and >=, −1 for < and <=
     "multiplier": [[d, q], ...],      # m = Σ d q², d a string "p" or "p/q" ≥ 0, q a polynomial record
                                       # over claim.variables; some q a non-zero constant with d > 0
     "terms": [{"assume": [j, ...], "squares": [[d, q], ...]}, ...],
                                       # σ_T · Π_{j∈T} g_j; j distinct indices of inequality assumptions,
                                       # g_j = +poly for > and >=, −poly for < and <=; [] is σ_0
     "ideal": [{"assume": j, "poly": rec}, ...],      # λ_j · h_j, assumption j an equality, h_j = poly
     "positive": {"assume": [j, ...], "coef": "p/q"}  # ε · Π g_j, ε > 0, every j a strict inequality;
    }                                                 # required for a strict goal, absent otherwise

and the exact identity ``m · G = Σ_T σ_T Π_{j∈T} g_j + Σ λ_j h_j + ε Π_{j∈P} g_j`` over Q.

Soundness: at a point ``x`` satisfying every assumption, ``g_j(x) ≥ 0`` (``> 0`` for a strict one),
``h_j(x) = 0`` and every square is ``≥ 0``, so the right-hand side is ``≥ ε Π_{j∈P} g_j(x) ≥ 0``, and
``> 0`` when ``ε > 0`` (every factor of ``P`` strict). ``m(x) ≥ d c² > 0`` for the constant square
``c``, hence ``G(x) ≥ 0`` (``> 0``): the goal holds. The identity is checked by expanding both sides
with the project's exact polynomial arithmetic (``symbolic.polynomial``), nothing else.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, product
from math import ceil, sqrt

from proofs.claim import Claim
from proofs.exact_result import ExactResult
from symbolic.polynomial import (
    Poly,
    PolyError,
    add,
    check_limits,
    const,
    degree,
    from_record,
    mul,
    scale,
    sub,
    to_record,
)

STRICT = (">", "<")
INEQUALITY_SIGN = {">": 1, ">=": 1, "<": -1, "<=": -1}
MAX_BLOCK = 120  # Gram basis size beyond which a configuration is skipped
MAX_UNKNOWNS = 40000  # SDP unknowns beyond which a configuration is skipped
MAX_BLOCKS = 400  # Gram blocks (assumption products) beyond which a configuration is skipped
MAX_EPS = 256  # candidate products for the positive part (fewest factors first)
MAX_FACES = 100  # faces (sets of active inequalities) searched for zeros
ROUNDING_BITS = (8, 16, 24, 32, 44)  # denominators 2^k tried in turn
MAX_DIGITS = 60  # a certificate with larger coefficients is kept only if no rounding gives a smaller one
FACIAL_ROUNDS = 8
ZERO_EIG = 1e-6  # an eigenvalue below ZERO_EIG × (largest eigenvalue) is taken as a kernel direction
_COEFF = re.compile(r"-?[0-9]+(/[0-9]+)?", re.ASCII)


class _Timeout(Exception):
    """The deadline passed."""


# ------------------------------------------------------------------------------------- the claim's data

@dataclass
class _Problem:
    """The claim's goal and assumptions as polynomials (see the module docstring)."""

    variables: list[str]
    goal_sign: int
    strict: bool
    goal: Poly                      # G = goal_sign · show.poly
    ineq: dict[int, Poly]           # assumption index → g_j (≥ 0, > 0 when strict)
    strict_ineq: list[int]
    eq: dict[int, Poly]             # assumption index → h_j (= 0)


def _problem(claim: Claim) -> _Problem | str:
    rel = claim.show.rel
    if rel not in INEQUALITY_SIGN:
        return f"goal relation {rel!r} is not an inequality"
    sign = INEQUALITY_SIGN[rel]
    ineq = {j: scale(c.poly, INEQUALITY_SIGN[c.rel]) for j, c in enumerate(claim.assume) if c.rel in INEQUALITY_SIGN}
    eq = {j: dict(c.poly) for j, c in enumerate(claim.assume) if c.rel == "=" and c.poly}
    return _Problem(list(claim.variables), sign, rel in STRICT, scale(claim.show.poly, sign), ineq,
                    [j for j, c in enumerate(claim.assume) if c.rel in STRICT], eq)


def _product(polys: list[Poly], n: int) -> Poly:
    out = const(1, n)
    for p in polys:
        out = mul(out, p)
    return out


def _multipliers(n: int) -> list[list[tuple[Fraction, Poly]]]:
    """``1``, ``1 + Σx_i²`` and ``(1 + Σx_i²)² = 1 + Σ 2x_i² + (Σx_i²)²`` as weighted squares."""
    one = const(1, n)
    xs = [{tuple(int(k == i) for k in range(n)): Fraction(1)} for i in range(n)]
    sq = {tuple(2 * int(k == i) for k in range(n)): Fraction(1) for i in range(n)}
    return [[(Fraction(1), one)],
            [(Fraction(1), one)] + [(Fraction(1), x) for x in xs],
            [(Fraction(1), one)] + [(Fraction(2), x) for x in xs] + [(Fraction(1), sq)]]


def _weighted_squares(items: list[tuple[Fraction, Poly]]) -> Poly:
    out: Poly = {}
    for d, q in items:
        out = add(out, scale(mul(q, q), d))
    return out


# ------------------------------------------------------------------------------------------- bases

def _monomials(n: int, max_deg: int) -> list[tuple[int, ...]]:
    """All exponent tuples of total degree ``≤ max_deg``, by degree."""
    if max_deg < 0:
        return []
    out = [m for m in product(range(max_deg + 1), repeat=n) if sum(m) <= max_deg]
    return sorted(out, key=lambda m: (sum(m), tuple(-e for e in m)))


def _newton_basis(f: Poly, n: int, extra: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """Monomials ``β`` with ``2β`` in the Newton polytope of ``f`` (and ``extra`` points), pruned.

    Pruning (diagonal consistency): if ``2β`` is not a monomial of ``f`` and not ``β' + β''`` for two
    other basis elements, the diagonal entry ``Q_ββ`` of every Gram matrix is 0, so ``β`` can go.
    """
    import numpy as np
    from scipy.optimize import linprog

    support = sorted(set(f) | set(extra))
    if not support:
        return []
    pts = np.array(support, dtype=float)
    lo = [ceil(min(m[i] for m in support) / 2) for i in range(n)]
    hi = [max(m[i] for m in support) // 2 for i in range(n)]
    dlo, dhi = ceil(min(map(sum, support)) / 2), max(map(sum, support)) // 2
    cands = [b for b in product(*(range(a, c + 1) for a, c in zip(lo, hi, strict=True))) if dlo <= sum(b) <= dhi]
    inside = []
    a_eq = np.vstack([pts.T, np.ones(len(support))])
    for b in cands:
        if tuple(2 * e for e in b) in f:
            inside.append(b)
            continue
        res = linprog(np.zeros(len(support)), A_eq=a_eq, b_eq=np.array([2 * e for e in b] + [1.0]),
                      bounds=(0, None), method="highs")
        if res.status == 0:
            inside.append(b)
    basis = set(inside)
    target = set(f) | set(extra)
    while True:
        sums: dict[tuple[int, ...], int] = {}
        bl = sorted(basis)
        for i, b1 in enumerate(bl):
            for b2 in bl[i + 1:]:
                s = tuple(map(int.__add__, b1, b2))
                sums[s] = sums.get(s, 0) + 1
        drop = {b for b in basis if tuple(2 * e for e in b) not in target and not sums.get(tuple(2 * e for e in b))}
        if not drop:
            break
        basis -= drop
    return sorted(basis, key=lambda m: (sum(m), tuple(-e for e in m)))


# ------------------------------------------------------------------------------------------ blocks

@dataclass
class _Block:
    """``w_Tᵀ Q w_T · weight``: a Gram block (``eps`` = a scalar candidate for the positive term)."""

    assume: tuple[int, ...]
    weight: Poly
    basis: list[Poly]
    eps: bool = False
    products: list[list[Poly]] = field(default_factory=list)  # products[j][i] = w_i w_j weight, i ≤ j

    def prepare(self) -> None:
        wb = [mul(w, self.weight) for w in self.basis]
        self.products = [[mul(self.basis[i], wb[j]) for i in range(j + 1)] for j in range(len(self.basis))]


@dataclass
class _Free:
    """The unknown coefficient of ``x^β`` in ``λ_j``: its column is ``x^β h_j``."""

    assume: int
    monomial: tuple[int, ...]
    column: Poly


def _free_columns(pb: _Problem, two_d: int) -> list[_Free]:
    """``x^β h_j`` for each equality assumption ``j`` and ``deg x^β ≤ 2d − deg h_j``."""
    n = len(pb.variables)
    return [_Free(j, m, mul({m: Fraction(1)}, h)) for j, h in pb.eq.items() for m in _monomials(n, two_d - degree(h))]


# ---------------------------------------------------------------------------------- the SDP (floats)

@dataclass
class _Solution:
    t: float
    grams: list  # per block a numpy (r × r) array, in the scale of the exact m·G
    free: list[float]
    duals: list  # per block the dual (moment) matrix Z_T ⪰ 0 of its cone constraint


def _solve(target: Poly, blocks: list[_Block], free: list[_Free], deadline: float | None) -> _Solution | str:
    """Maximise the eigenvalue margin ``t`` (module docstring, step 1); a reason string on failure."""
    import clarabel
    import numpy as np
    import scipy.sparse as sps

    rows: dict[tuple[int, ...], int] = {m: i for i, m in enumerate(sorted(target))}

    def row(m):
        if m not in rows:
            rows[m] = len(rows)
        return rows[m]

    s = float(max(abs(c) for c in target.values()))
    ri, ci, vals = [], [], []
    col = 1
    offsets = []
    for b in blocks:
        offsets.append(col)
        r = len(b.basis)
        for j in range(r):
            for i in range(j + 1):
                k = col + j * (j + 1) // 2 + i
                f = 1.0 if i == j else sqrt(2)
                for m, c in b.products[j][i].items():
                    ri.append(row(m))
                    ci.append(k)
                    vals.append(f * float(c))
                    if i == j:  # Q = X + t·I: t's column
                        ri.append(rows[m])
                        ci.append(0)
                        vals.append(float(c))
        col += r * (r + 1) // 2
    free_off = col
    for fr in free:
        for m, c in fr.column.items():
            ri.append(row(m))
            ci.append(col)
            vals.append(float(c))
        col += 1
    nvar = col
    if nvar > MAX_UNKNOWNS:
        return f"{nvar} SDP unknowns (limit {MAX_UNKNOWNS})"
    b_eq = np.zeros(len(rows))
    for m, c in target.items():
        b_eq[rows[m]] = float(c) / s
    a_eq = sps.csr_matrix((vals, (ri, ci)), shape=(len(rows), nvar))
    used = np.diff(a_eq.indptr) > 0  # monomials that no unknown produces: dropped (infeasible if in m·G)
    if np.any(b_eq[~used]):
        return "a monomial of m·G is produced by no term"
    a_eq, b_eq = a_eq[used], b_eq[used]
    keep = _independent_rows(a_eq)  # facial reduction makes rows dependent; the KKT solver needs full rank
    a_eq, b_eq = a_eq[keep].tocsc(), b_eq[keep]
    neq = a_eq.shape[0]
    # cones: equalities, t ≤ 1, then each block's X = Q − tI in the PSD (or nonnegative) cone
    parts = [a_eq, sps.csc_matrix(([1.0], ([0], [0])), shape=(1, nvar))]
    rhs = [b_eq, np.ones(1)]
    cones = [clarabel.ZeroConeT(neq), clarabel.NonnegativeConeT(1)]
    for b, off in zip(blocks, offsets, strict=True):
        r = len(b.basis)
        k = r * (r + 1) // 2
        parts.append(sps.csc_matrix((-np.ones(k), (np.arange(k), np.arange(off, off + k))), shape=(k, nvar)))
        rhs.append(np.zeros(k))
        cones.append(clarabel.NonnegativeConeT(1) if r == 1 else clarabel.PSDTriangleConeT(r))
    a = sps.vstack(parts).tocsc()
    q = np.zeros(nvar)
    q[0] = -1.0
    settings = clarabel.DefaultSettings()
    settings.verbose = False
    settings.tol_gap_abs = settings.tol_gap_rel = 1e-10
    settings.tol_feas = 1e-10
    settings.max_iter = 400
    if deadline is not None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Timeout
        settings.time_limit = left
    sol = clarabel.DefaultSolver(sps.csc_matrix((nvar, nvar)), q, a, np.concatenate(rhs), cones, settings).solve()
    status = str(sol.status)
    if deadline is not None and time.monotonic() > deadline:
        raise _Timeout
    if "Infeasible" in status:
        return "SDP infeasible"
    if not ("Solved" in status or "MaxIterations" in status or "InsufficientProgress" in status):
        return f"SDP solver status {status}"
    x, y = np.array(sol.x), np.array(sol.z)
    t = float(x[0])
    grams, duals = [], []
    row0 = neq + 1
    for b, off in zip(blocks, offsets, strict=True):
        r = len(b.basis)
        grams.append((_unsvec(x[off:], r) + t * np.eye(r)) * s)
        duals.append(_unsvec(y[row0:], r))
        row0 += r * (r + 1) // 2
    return _Solution(t, grams, [float(v) * s for v in x[free_off:]], duals)


def _order_key(m: tuple[int, ...]) -> tuple:
    """A graded monomial order (degree, then lexicographically smaller first): the bases list monomials
    in increasing order, so a facially reduced basis polynomial ``x^β − Σ_{γ before β} c x^γ`` leads with
    ``x^β``, and leading monomials multiply."""
    return (sum(m), tuple(-e for e in m))


def _neg_key(m: tuple[int, ...]) -> tuple:
    """Reverses :func:`_order_key` (a max-heap on ``heapq``)."""
    return (-sum(m), m)


def _first_independent(a, order: list[int], rank: int) -> list[int]:
    """The first (numerically) linearly independent columns of the sparse ``a`` in ``order``, at most
    ``rank`` of them (Gram–Schmidt, orthogonalised twice)."""
    import numpy as np

    basis = np.zeros((a.shape[0], max(rank, 1)))
    cols: list[int] = []
    for k in order:
        if len(cols) >= rank:
            break
        v = a[:, k].toarray().ravel()
        norm = np.linalg.norm(v)
        if norm == 0:
            continue
        w = v / norm
        for _ in range(2):
            w = w - basis[:, :len(cols)] @ (basis[:, :len(cols)].T @ w)
        if np.linalg.norm(w) > 1e-8:
            basis[:, len(cols)] = w / np.linalg.norm(w)
            cols.append(k)
    return cols


def _square_rows(a) -> list[int]:
    """For a dense ``a`` of full column rank ``k``: ``k`` rows forming a nonsingular square submatrix
    (the first ``k`` pivots of a column-pivoted QR of ``aᵀ``)."""
    from scipy.linalg import qr

    _, _, piv = qr(a.T, pivoting=True, mode="economic")
    return sorted(int(i) for i in piv[:a.shape[1]])


def _independent_rows(a) -> list[int]:
    """Indices of a maximal set of (numerically) independent rows of the sparse matrix ``a``.

    Pivoted QR of ``A Aᵀ``: its columns ``A a_iᵀ`` are independent exactly when the rows ``a_i`` are.
    """
    import numpy as np
    from scipy.linalg import qr

    gram = (a @ a.T).toarray()
    if not len(gram):
        return []
    _, r, piv = qr(gram, pivoting=True, mode="economic")
    d = np.abs(np.diag(r))
    rank = int(np.sum(d > 1e-10 * d[0])) if d[0] > 0 else 0
    return sorted(int(i) for i in piv[:rank])


def _unsvec(v, r: int):
    """The symmetric ``r × r`` matrix of Clarabel's scaled upper-triangle vector ``v`` (column-major)."""
    import numpy as np

    g = np.zeros((r, r))
    for j in range(r):
        for i in range(j + 1):
            w = v[j * (j + 1) // 2 + i]
            g[i, j] = g[j, i] = w if i == j else w / sqrt(2)
    return g


# ----------------------------------------------------------------------------- exact rounding + LDLᵀ

def _round(v: float, bits: int) -> Fraction:
    return Fraction(round(v * (1 << bits)), 1 << bits)


def _fmpq(c: Fraction):
    import flint

    return flint.fmpq(c.numerator, c.denominator)


class _Affine:
    """The coefficient equations ``Σ_k z_k columns_k = target`` over Q, and two exact corrections of a
    rounded ``z`` onto them (python-flint matrices; floating point only picks independent rows/columns,
    and the result is re-checked exactly).

    * :meth:`orthogonal`: the minimum-norm correction ``δ = Aᵀ y``, ``(A Aᵀ) y = residual`` — each
      monomial's residual spread over the unknowns that produce it (Peyrl–Parrilo; for one Gram block in
      a monomial basis ``A Aᵀ`` is diagonal and the denominators stay small);
    * :meth:`pivot`: only the first linearly independent columns in ``order`` change (free multipliers,
      then diagonal Gram entries, …): ``A_S δ_S = residual``. The minimum-norm correction has the
      denominators of ``det(A Aᵀ)`` (a hundred digits for a few hundred monomials), which the ``LDLᵀ``
      then multiplies by the block size; these sparse, nearly triangular ``A_S`` have small minors.
    """

    def __init__(self, columns: list[Poly], target: Poly, order: list[int]) -> None:
        import scipy.sparse as sps

        self.columns, self.target, self.order = columns, target, order
        mons = sorted({m for p in columns for m in p} | set(target), reverse=True)
        self.index = {m: i for i, m in enumerate(mons)}
        ri, ci, vals = [], [], []
        for k, p in enumerate(columns):
            for m, v in p.items():
                ri.append(self.index[m])
                ci.append(k)
                vals.append(float(v))
        self.sparse = sps.csc_matrix((vals, (ri, ci)), shape=(len(mons), len(columns)))
        self._orth = self._piv = self._full = self._target = self._lead = self._extra = None

    def polish(self, z: list[float]) -> list[float]:
        """``z`` plus the floating-point minimum-norm correction of its residual (LSQR): the solver meets
        the equations to its tolerance only, and a pivot correction would carry that error whole."""
        import numpy as np
        from scipy.sparse.linalg import lsqr

        b = np.zeros(len(self.index))
        for m, c in self.target.items():
            b[self.index[m]] = float(c)
        x = np.array(z, dtype=float)
        for _ in range(2):
            r = b - self.sparse @ x
            if not np.any(r):
                break
            x = x + lsqr(self.sparse, r, atol=1e-15, btol=1e-15, iter_lim=10 * len(b))[0]
        return [float(v) for v in x]

    def _matrix(self, rows: list[int], cols: list[int]):
        import flint

        pos = {r: i for i, r in enumerate(rows)}
        mat = flint.fmpq_mat(len(rows), len(cols))
        for j, k in enumerate(cols):
            for m, v in self.columns[k].items():
                i = pos.get(self.index[m])
                if i is not None:
                    mat[i, j] = _fmpq(v)
        return mat

    def residual(self, z) -> list:
        """``target − A z`` (``z`` an ``fmpq_mat`` column), one ``fmpq`` per monomial."""
        import flint

        if self._full is None:
            self._full = self._matrix(list(range(len(self.index))), list(range(len(self.columns))))
            self._target = flint.fmpq_mat(len(self.index), 1, [0] * len(self.index))
            for m, c in self.target.items():
                self._target[self.index[m], 0] = _fmpq(c)
        return (self._target - self._full * z).entries()

    def _solve(self, z: list[Fraction], mat, rows: list[int], cols: list[int], through) -> list[Fraction] | None:
        """``z + δ`` with ``δ_cols = through(mat⁻¹ · residual_rows)``, if that satisfies every equation."""
        import flint

        zf = flint.fmpq_mat(len(z), 1, [_fmpq(v) for v in z])
        res = self.residual(zf)
        if any(v != 0 for v in res):
            try:
                y = mat.solve(flint.fmpq_mat(len(rows), 1, [res[r] for r in rows]))
            except ZeroDivisionError:  # the numerically chosen rows were dependent after all
                return None
            delta = through(y).entries()
            for k, v in zip(cols, delta, strict=True):
                zf[k, 0] += v
            if any(v != 0 for v in self.residual(zf)):
                return None
        return [Fraction(int(v.p), int(v.q)) for v in zf.entries()]

    def _sweep(self, res: dict) -> tuple[dict[int, Fraction], dict]:
        """Eliminate ``res`` (monomial → value) from its top monomial down with the column leading each
        monomial; returns the column multiples used and what is left on monomials that lead no column."""
        import heapq

        heap = [(_neg_key(m), m) for m in res]
        heapq.heapify(heap)
        queued = set(res)
        delta: dict[int, Fraction] = {}
        left = {}
        while heap:
            _, m = heapq.heappop(heap)
            queued.discard(m)
            v = res.pop(m, 0)
            if not v:
                continue
            k = self._lead.get(m)
            if k is None:
                left[m] = v
                continue
            d = v / self.columns[k][m]
            delta[k] = delta.get(k, 0) + d
            for m2, c in self.columns[k].items():
                if m2 != m:
                    res[m2] = res.get(m2, 0) - d * c
                    if m2 not in queued:
                        queued.add(m2)
                        heapq.heappush(heap, (_neg_key(m2), m2))
        return delta, left

    def triangular(self, z: list[Fraction]) -> list[Fraction] | None:
        """The correction carried by the column *leading* each monomial (its largest in a graded monomial
        order; preferred columns first), back-substituted from the top monomial down — ``A_S`` is
        triangular, its denominators those of the leading coefficients. What is left on monomials that
        lead no column is matched by a few more columns through their own leftovers (a small exact
        system). ``None`` if that fails."""
        import flint

        if self._lead is None:
            self._lead = {}
            for k in self.order:  # preferred columns first
                if self.columns[k]:
                    self._lead.setdefault(max(self.columns[k], key=_order_key), k)
        res: dict[tuple[int, ...], Fraction] = dict(self.target)
        for zk, p in zip(z, self.columns, strict=True):
            if zk:
                for m, v in p.items():
                    res[m] = res.get(m, 0) - zk * v
        delta, left = self._sweep(res)
        if left:
            if self._extra is None:
                self._extra = self._extra_columns()
            if self._extra is None:
                return None
            extra, unled, mat = self._extra
            rhs = flint.fmpq_mat(len(unled), 1, [_fmpq(left.get(m, Fraction(0))) for m in unled])
            if any(m not in unled for m in left):
                return None
            aug = flint.fmpq_mat(len(unled), len(extra) + 1)
            for i in range(len(unled)):
                for j in range(len(extra)):
                    aug[i, j] = mat[i, j]
                aug[i, len(extra)] = rhs[i, 0]
            red, rank = aug.rref()
            col = 0
            for i in range(rank):
                while col <= len(extra) and red[i, col] == 0:
                    col += 1
                if col == len(extra):
                    return None  # not in the span
                c = Fraction(int(red[i, len(extra)].p), int(red[i, len(extra)].q))
                k, dk = extra[col]
                delta[k] = delta.get(k, 0) + c
                for k2, v in dk.items():
                    delta[k2] = delta.get(k2, 0) - c * v
        out = list(z)
        for k, v in delta.items():
            out[k] += v
        return out

    def _extra_columns(self):
        """Columns (in preferred order, not leading) whose leftovers span the leftover space: the numeric
        rank of ``A`` minus the number of leading columns of them, at most."""
        import numpy as np

        need = len(_independent_rows(self.sparse.tocsr())) - len(self._lead)
        if need <= 0:
            return None
        used = set(self._lead.values())
        extra, vecs = [], []
        unled = sorted({m for m in self.index if m not in self._lead}, key=_order_key, reverse=True)
        pos = {m: i for i, m in enumerate(unled)}
        basis = np.zeros((len(unled), 0))
        for k in self.order:
            if k in used or not self.columns[k]:
                continue
            dk, lk = self._sweep(dict(self.columns[k]))
            v = np.zeros(len(unled))
            for m, c in lk.items():
                v[pos[m]] = float(c)
            w = v - basis @ (basis.T @ v) if basis.shape[1] else v
            if np.linalg.norm(w) > 1e-9 * max(1.0, np.linalg.norm(v)):
                basis = np.column_stack([basis, w / np.linalg.norm(w)])
                extra.append((k, dk))
                vecs.append(lk)
                if len(extra) >= need:
                    break
        if not extra:
            return None
        import flint

        mat = flint.fmpq_mat(len(unled), len(extra))
        for j, lk in enumerate(vecs):
            for m, c in lk.items():
                mat[pos[m], j] = _fmpq(c)
        return extra, unled, mat

    def orthogonal(self, z: list[Fraction]) -> list[Fraction] | None:
        if self._orth is None:
            rows = _independent_rows(self.sparse.tocsr())
            a = self._matrix(rows, list(range(len(self.columns))))
            self._orth = (rows, a.transpose(), a * a.transpose()) if rows else None
        if self._orth is None:
            return None
        rows, at, gram = self._orth
        return self._solve(z, gram, rows, list(range(len(self.columns))), lambda y: at * y)

    def pivot(self, z: list[Fraction]) -> list[Fraction] | None:
        if self._piv is None:
            cols = _first_independent(self.sparse, self.order, len(_independent_rows(self.sparse.tocsr())))
            rows = _square_rows(self.sparse[:, cols].toarray()) if cols else []
            self._piv = (cols, rows, self._matrix(rows, cols)) if cols and len(rows) == len(cols) else None
        if self._piv is None:
            return None
        cols, rows, mat = self._piv
        return self._solve(z, mat, rows, cols, lambda y: y)


def _digits(c: Fraction) -> int:
    return max(len(str(abs(c.numerator))), len(str(c.denominator)))


MAX_BITS = 1329  # 400 decimal digits (symbolic.polynomial.MAX_COEFF_DIGITS): a larger LDLᵀ is useless


def _ldl(q: list[list[Fraction]]) -> tuple[list[list[Fraction]], list[Fraction]] | str:
    """``Q = L D Lᵀ`` exactly (``L`` unit lower triangular, ``D ≥ 0``); ``"not psd"`` unless ``Q ⪰ 0``, or
    ``"too big"`` when a pivot outgrows the coefficient limit of the polynomial records.

    Exact arithmetic in python-flint ``fmpq``; a floating-point eigenvalue test first skips matrices that
    are clearly not PSD.
    """
    import flint
    import numpy as np

    n = len(q)
    if n and np.linalg.eigvalsh(np.array([[float(v) for v in row] for row in q]))[0] < -1e-9 * max(
            1.0, max(abs(float(v)) for row in q for v in row)):
        return "not psd"
    a = [[_fmpq(v) for v in row] for row in q]
    low = [[flint.fmpq(int(i == j)) for j in range(n)] for i in range(n)]
    diag = []
    for k in range(n):
        d = a[k][k]
        if d < 0:
            return "not psd"
        if d == 0:
            if any(a[i][k] != 0 for i in range(k + 1, n)):
                return "not psd"
            diag.append(d)
            continue
        if max(d.p.bit_length(), d.q.bit_length()) > MAX_BITS:
            return "too big"
        diag.append(d)
        col = [a[i][k] for i in range(n)]
        for i in range(k + 1, n):
            if col[i] != 0:
                f = col[i] / d
                low[i][k] = f
                for j in range(k + 1, i + 1):
                    if col[j] != 0:
                        a[i][j] -= f * col[j]
                        a[j][i] = a[i][j]
    frac = lambda v: Fraction(int(v.p), int(v.q))  # noqa: E731
    return [[frac(v) for v in row] for row in low], [frac(v) for v in diag]


def _dd_squares(q: list[list[Fraction]]) -> list[tuple[Fraction, list[Fraction]]] | None:
    """``wᵀ Q w`` as weighted squares without the growth of ``LDLᵀ``: ``Q = L̃ L̃ᵀ + E`` with ``L̃`` the
    Cholesky factor of ``Q − (λ_min/2)·I`` rounded to dyadic rationals and ``E`` (exact) diagonally
    dominant, so ``wᵀEw = Σ_{i<j} |E_ij| (w_i ± w_j)² + Σ_i (E_ii − Σ_{j≠i} |E_ij|) w_i²``. Squares as
    ``(d, coefficients over the basis)``; ``None`` if the remainder is not diagonally dominant.
    """
    import numpy as np

    r = len(q)
    qf = np.array([[float(v) for v in row] for row in q])
    lam = float(np.linalg.eigvalsh(qf)[0]) if r else 0.0
    if not lam > 0:
        return None
    try:
        chol = np.linalg.cholesky(qf - lam / 2 * np.eye(r))
    except np.linalg.LinAlgError:
        return None
    base = max(8, int(np.ceil(np.log2(16 * r * max(1.0, float(np.abs(chol).max())) / lam))))
    for bits in (base, base + 8, base + 20):
        low = [[_round(float(chol[i, k]), bits) if k <= i else Fraction(0) for k in range(r)] for i in range(r)]
        e = [[q[i][j] - sum((low[i][k] * low[j][k] for k in range(min(i, j) + 1)), Fraction(0))
              for j in range(r)] for i in range(r)]
        slack = [e[i][i] - sum(abs(e[i][j]) for j in range(r) if j != i) for i in range(r)]
        if min(slack) < 0:
            continue
        out = [(Fraction(1), [low[i][k] for i in range(r)]) for k in range(r)]
        for i in range(r):
            for j in range(i + 1, r):
                if e[i][j]:
                    out.append((abs(e[i][j]), [Fraction(int(t == i) + (int(t == j) if e[i][j] > 0 else -int(t == j)))
                                               for t in range(r)]))
            if slack[i]:
                out.append((slack[i], [Fraction(int(t == i)) for t in range(r)]))
        return out
    return None


def _size(squares: list[tuple[Fraction, list[Fraction]]]) -> int:
    """Decimal digits written for these squares (weights and non-zero coefficients)."""
    return sum(_digits(d) + sum(_digits(c) for c in cs if c) for d, cs in squares)


def _gram_squares(q: list[list[Fraction]]) -> list[tuple[Fraction, list[Fraction]]] | None:
    """``wᵀ Q w = Σ d (c·w)²`` exactly: ``LDLᵀ`` (few squares, but its numbers grow with the block size),
    or :func:`_dd_squares` (about ``r²/2`` squares, small numbers) when that is written in fewer digits
    or ``LDLᵀ`` outgrows the coefficient limit; ``None`` unless ``Q ⪰ 0``."""
    dec = _ldl(q)
    if dec == "not psd":
        return None
    out = None
    if not isinstance(dec, str):
        low, diag = dec
        out = [(d, [low[i][k] for i in range(len(q))]) for k, d in enumerate(diag) if d]
        if max((_digits(v) for d, c in out for v in (d, *c)), default=1) <= MAX_DIGITS:
            return out
    dd = _dd_squares(q)
    if dd is not None and (out is None or _size(dd) < _size(out)):
        return dd
    return out


@dataclass
class _Certificate:
    terms: dict[tuple[int, ...], list[tuple[Fraction, Poly]]]
    free: dict[int, Poly]
    positive: tuple[tuple[int, ...], Fraction] | None

    @property
    def digits(self) -> int:
        """The largest coefficient size (decimal digits of numerator or denominator)."""
        sizes = [_digits(d) for items in self.terms.values() for d, _ in items]
        sizes += [_digits(c) for items in self.terms.values() for _, q in items for c in q.values()]
        sizes += [_digits(c) for p in self.free.values() for c in p.values()]
        return max(sizes, default=1)

    @property
    def size(self) -> int:
        """Decimal digits written in all (weights and coefficients)."""
        return (sum(_digits(d) + sum(_digits(c) for c in q.values()) for items in self.terms.values()
                    for d, q in items) + sum(_digits(c) for p in self.free.values() for c in p.values()))


def _exact(target: Poly, blocks: list[_Block], free: list[_Free], sol: _Solution,
           strict: bool, n: int, deadline: float | None) -> _Certificate | None:
    """Round, project and decompose (module docstring, step 2); ``None`` if no rounding works."""
    columns: list[Poly] = []
    floats: list[float] = []
    rank: list[tuple[int, int]] = []  # preference for carrying the correction: free, diagonal, off-diagonal
    for b, g in zip(blocks, sol.grams, strict=True):
        r = len(b.basis)
        for j in range(r):
            for i in range(j + 1):
                rank.append((1 if i == j else 2, len(columns)))
                columns.append(b.products[j][i] if i == j else scale(b.products[j][i], 2))
                floats.append(float(g[i, j]))
    for fr in free:
        rank.append((0, len(columns)))
        columns.append(fr.column)
    floats += sol.free
    system = _Affine(columns, target, [k for _, k in sorted(rank)])
    floats = system.polish(floats)
    # one Gram block: the minimum-norm correction is Peyrl–Parrilo's (small denominators); several: its
    # denominators are those of det(A Aᵀ), hundreds of digits, so only the pivot correction (see _Affine)
    methods = ((system.orthogonal, system.triangular, system.pivot) if len(blocks) == 1
               else (system.triangular, system.pivot))
    best = None
    for bits in ROUNDING_BITS:
        rounded = [_round(v, bits) for v in floats]
        for correct in methods:
            if deadline is not None and time.monotonic() > deadline:
                raise _Timeout
            z = correct(rounded)
            if z is None:
                continue
            cert = _decompose(blocks, z, free, strict, n)
            if cert is not None and (best is None or cert.size < best.size):
                best = cert
            if best is not None and best.digits <= MAX_DIGITS:
                return best
    return best


def _decompose(blocks: list[_Block], z: list[Fraction], free: list[_Free], strict: bool,
               n: int) -> _Certificate | None:
    terms: dict[tuple[int, ...], list[tuple[Fraction, Poly]]] = {}
    eps: list[tuple[Fraction, tuple[int, ...]]] = []
    pos = 0
    for b in blocks:
        r = len(b.basis)
        q = [[Fraction(0)] * r for _ in range(r)]
        for j in range(r):
            for i in range(j + 1):
                q[i][j] = q[j][i] = z[pos]
                pos += 1
        if b.eps:
            if q[0][0] < 0:
                return None
            if q[0][0] > 0:
                eps.append((q[0][0], b.assume))
            continue
        squares = _gram_squares(q)
        if squares is None:
            return None
        for d, coeffs in squares:
            poly: Poly = {}
            for c, w in zip(coeffs, b.basis, strict=True):
                if c:
                    poly = add(poly, scale(w, c))
            if poly:
                terms.setdefault(b.assume, []).append((d, poly))
    lam: dict[int, Poly] = {}
    for fr, v in zip(free, z[pos:], strict=True):
        if v:
            lam[fr.assume] = add(lam.get(fr.assume, {}), {fr.monomial: v})
    positive = None
    if strict:
        if not eps:
            return None
        eps.sort(key=lambda e: (-e[0], len(e[1])))
        positive = (eps[0][1], eps[0][0])
        for d, t in eps[1:]:
            terms.setdefault(t, []).append((d, const(1, n)))
    else:
        for d, t in eps:
            terms.setdefault(t, []).append((d, const(1, n)))
    return _Certificate(terms, lam, positive)


# ----------------------------------------------------------------------------------- facial reduction

def _rational_rows(vectors, max_den: int = 10000):
    """A rational RREF basis of the span of ``vectors`` (rows), or ``None`` if it is not near-rational."""
    import numpy as np

    m = np.array(vectors, dtype=float)
    k, n = m.shape
    pivots: list[int] = []
    for r in range(k):
        sub_ = np.abs(m[r:, :])
        sub_[:, pivots] = 0
        i, c = np.unravel_index(np.argmax(sub_), sub_.shape)
        if sub_[i, c] < 1e-9:
            return None
        m[[r, r + i]] = m[[r + i, r]]
        m[r] /= m[r, c]
        for i2 in range(k):
            if i2 != r:
                m[i2] -= m[i2, c] * m[r]
        pivots.append(int(c))
    for den in (12, 100, 1000, max_den):  # the simplest rationals that fit
        out = [[Fraction(float(m[r, c])).limit_denominator(den) for c in range(n)] for r in range(k)]
        if all(abs(float(out[r][c]) - m[r, c]) <= 1e-5 * max(1.0, abs(m[r, c])) for r in range(k) for c in range(n)):
            return out, pivots
    return None


def _reduce(blocks: list[_Block], sol: _Solution) -> tuple[list[_Block], int] | None:
    """Blocks with the numerically forced kernel directions removed, and how many were removed."""
    import numpy as np

    eigs = [np.linalg.eigh(g) for g in sol.grams]
    top = max((float(w[-1]) for w, _ in eigs if len(w)), default=0.0)
    if top <= 0:
        return None
    out, removed = [], 0
    for b, (w, v) in zip(blocks, eigs, strict=True):
        small = [i for i in range(len(w)) if w[i] < ZERO_EIG * top]
        if not small:
            out.append(b)
            continue
        if len(small) == len(w):
            removed += len(w)
            continue
        rat = _rational_rows([v[:, i] for i in small])
        if rat is None:  # not a rational subspace (or not accurate enough): keep the block
            out.append(b)
            continue
        removed += len(small)
        out.append(_complement(b, *rat))
    return (out, removed) if removed else None


# ------------------------------------------------------------- exact facial reduction (zeros, rays)

class _OnLine:
    """Polynomials restricted to the line ``base + s·direction``, as python-flint ``fmpq_poly`` in ``s``
    (exact; one cache of monomials per line)."""

    def __init__(self, base: list[Fraction], direction: list[Fraction]) -> None:
        import flint

        self.lin = [flint.fmpq_poly([_fmpq(b), _fmpq(d)]) for b, d in zip(base, direction, strict=True)]
        self.one = flint.fmpq_poly([1])
        self.cache: dict[tuple[int, ...], object] = {}

    def monomial(self, m: tuple[int, ...]):
        if m not in self.cache:
            out = self.one
            for li, e in zip(self.lin, m, strict=True):
                if e:
                    out = out * li**e
            self.cache[m] = out
        return self.cache[m]

    def __call__(self, p: Poly) -> list:
        """Coefficients (ascending powers of ``s``, ``fmpq``), ``[]`` for the zero polynomial."""
        import flint

        out = flint.fmpq_poly([])
        for m, c in p.items():
            out += self.monomial(m) * _fmpq(c)
        return out.coeffs()


def _on_line(p: Poly, base: list[Fraction], direction: list[Fraction]) -> list[Fraction]:
    """Coefficients (ascending powers of ``s``) of ``p(base + s·direction)``; ``[]`` if identically 0."""
    return [Fraction(int(c.p), int(c.q)) for c in _OnLine(base, direction)(p)]


@dataclass
class _Line:
    """``base + s·direction`` for ``s → ∞`` (``local = False``) or ``s → 0⁺`` (``local = True``)."""

    base: list[Fraction]
    direction: list[Fraction]
    local: bool


def _valuation(coeffs: list[Fraction]) -> int | None:
    """The lowest power with a non-zero coefficient (``None`` for the zero polynomial)."""
    return next((k for k, c in enumerate(coeffs) if c), None)


def _line_ok(pb: _Problem, line: _Line) -> bool:
    """Is the line, for all large ``s`` (all small ``s > 0`` if local), in the closure of the domain
    (every ``g_j ≥ 0``, ``h_j = 0``)?"""
    if any(_on_line(h, line.base, line.direction) for h in pb.eq.values()):
        return False
    for g in pb.ineq.values():
        c = _on_line(g, line.base, line.direction)
        if c and (c[_valuation(c)] if line.local else c[-1]) < 0:
            return False
    return True


@dataclass
class _Structure:
    """What every certificate of the claim must respect, found once per claim (exactly checked).

    ``lines``: lines ``base + s·direction`` that lie in the closure of the domain (every ``g_j ≥ 0``,
    ``h_j = 0``) for all large ``s``, or for all small ``s > 0`` (local). Along such a line every term of
    the identity is ``≥ 0`` there, and the terms sum to ``m·G``; so no term has a higher ``s``-degree
    than ``m·G`` (``k = deg_s``), or, locally, a lower order of vanishing at ``s = 0`` (``k = ``
    valuation), since leading (lowest) coefficients of non-negative functions are positive and cannot
    cancel. With ``e`` the degree (valuation) of ``g_T`` on the line (``g_T ≢ 0`` there), each square
    of ``σ_T`` has degree ``≤ ⌊(k − e)/2⌋`` (valuation ``≥ ⌈(k − e)/2⌉``): its coefficient vector is
    orthogonal to the vectors ``c_j`` of the basis' ``s^j``-coefficients for ``j`` outside that range,
    so ``Q_T c_j = 0``; and ``ε_P = 0`` if ``g_P`` has a higher degree (lower valuation) than ``k``. A
    zero ``p`` of ``G`` is the local line of direction 0: ``Q_T v(p) = 0`` wherever ``g_T(p) > 0``.
    Nothing is lost: every certificate satisfies these conditions.

    ``unbounded``: variables ``x_i`` such that from an interior point ``p`` (every ``g_j(p) > 0``, no
    equality assumptions) a ray ``p ± s·e_i`` eventually stays in the domain, so it does from every point
    near ``p``; for a dense open set of those points the degrees along the ray are the generic ones, so
    ``deg_{x_i}`` of every square of ``σ_T`` is at most ``⌊(deg_{x_i}(m·G) − deg_{x_i} g_T)/2⌋`` (an
    identity of polynomials): the monomial bases are restricted accordingly.
    """

    lines: list[_Line]
    unbounded: set[int]


def _allowed(line: _Line, k: int | None, w: list[Fraction]) -> tuple[float, float]:
    """The range ``[lo, hi]`` of ``s``-powers a square of ``σ_T`` may have on the line, given ``k`` for ``m·G``
    (``None``: ``m·G ≡ 0`` there, and so is every term) and ``w`` = ``g_T`` on the line (``≢ 0``)."""
    if k is None:
        return (float("inf"), float("-inf"))
    if line.local:
        return (-(-(k - _valuation(w)) // 2), float("inf"))  # ⌈(k − e)/2⌉
    return (0, (k - (len(w) - 1)) // 2)


def _exact_reduce(blocks: list[_Block], target: Poly, st: _Structure,
                  deadline: float | None = None) -> tuple[list[_Block], int]:
    """Remove from every block the directions that the lines force to zero (exactly; no certificate lost)."""
    kernels: list[list[list[Fraction]]] = [[] for _ in blocks]
    keep = [True] * len(blocks)
    for line in st.lines:
        if deadline is not None and time.monotonic() > deadline:
            raise _Timeout
        on = _OnLine(line.base, line.direction)
        tl = on(target)
        k = (_valuation(tl) if line.local else len(tl) - 1) if tl else None
        for bi, b in enumerate(blocks):
            if not keep[bi]:
                continue
            w = on(b.weight)
            if not w:
                continue
            lo, hi = _allowed(line, k, w)
            if b.eps:  # ε_P g_P: the constant "square" has power 0
                keep[bi] = lo <= 0 <= hi
                continue
            coeffs = [on(v) for v in b.basis]
            for e in range(max(map(len, coeffs), default=0)):
                if lo <= e <= hi:
                    continue
                vec = [c[e] if e < len(c) else 0 for c in coeffs]
                if any(vec):
                    kernels[bi].append(vec)
    out, removed = [], 0
    for b, kern, kp in zip(blocks, kernels, keep, strict=True):
        if not kp:
            removed += 1
            continue
        if not kern:
            out.append(b)
            continue
        rows, pivots = _exact_rref(kern, len(b.basis))
        removed += len(pivots)
        if len(pivots) < len(b.basis):
            out.append(_complement(b, rows, pivots))
    return out, removed


def _exact_rref(vectors: list[list[Fraction]], n: int) -> tuple[list[list[Fraction]], list[int]]:
    import flint

    mat = flint.fmpq_mat(len(vectors), n)
    for i, v in enumerate(vectors):
        for j, x in enumerate(v):
            if x:
                mat[i, j] = _fmpq(x) if isinstance(x, Fraction) else x
    red, rank = mat.rref()
    rows, pivots = [], []
    for i in range(rank):
        row = [Fraction(int(red[i, j].p), int(red[i, j].q)) for j in range(n)]
        pivots.append(next(j for j in range(n) if row[j]))
        rows.append(row)
    return rows, pivots


def _complement(b: _Block, rows: list[list[Fraction]], pivots: list[int]) -> _Block:
    """``b`` with its basis replaced by one of the polynomials whose coefficient vectors (in the old
    basis) are orthogonal to ``rows`` (an RREF with identity columns ``pivots``)."""
    basis = []
    for f in range(len(b.basis)):
        if f in pivots:
            continue
        p = dict(b.basis[f])
        for r, pc in enumerate(pivots):
            if rows[r][f]:
                p = add(p, scale(b.basis[pc], rows[r][f]), -1)
        basis.append(p)
    nb = _Block(b.assume, b.weight, basis, b.eps)
    nb.prepare()
    return nb


def _float_poly(p: Poly):
    import numpy as np

    mons = sorted(p)
    return np.array(mons, dtype=float).reshape(len(mons), -1), np.array([float(p[m]) for m in mons])


def _evalf(fp, x):
    import numpy as np

    e, c = fp
    return float(c @ np.prod(np.power(x, e), axis=1)) if len(c) else 0.0


def _gradf(fp, x):
    """The gradient of a :func:`_float_poly` at ``x``."""
    import numpy as np

    e, c = fp
    out = np.zeros(len(x))
    if not len(c):
        return out
    for i in range(len(x)):
        d = e.copy()
        d[:, i] = np.maximum(d[:, i] - 1, 0)
        out[i] = float((c * e[:, i]) @ np.prod(np.power(x, d), axis=1))
    return out


def _sampling_box(pb: _Problem) -> list[tuple[float, float]]:
    """Per variable the tightest constant bounds among one-variable linear inequalities (±4 without)."""
    n = len(pb.variables)
    lo, hi = [-4.0] * n, [4.0] * n
    for g in pb.ineq.values():
        used = {i for m in g for i in range(n) if m[i]}
        if len(used) != 1 or degree(g) != 1:
            continue
        (i,) = used
        a, c = float(g[tuple(int(k == i) for k in range(n))]), float(g.get((0,) * n, 0))
        if a > 0:  # a x + c ≥ 0: x ≥ −c/a
            lo[i] = max(lo[i], -c / a) if lo[i] != -4.0 else -c / a
        else:
            hi[i] = min(hi[i], -c / a) if hi[i] != 4.0 else -c / a
    for i in range(n):
        if hi[i] == 4.0 and lo[i] > -4.0:
            hi[i] = lo[i] + 4.0
        if lo[i] == -4.0 and hi[i] < 4.0:
            lo[i] = hi[i] - 4.0
    return list(zip(lo, hi, strict=True))


def _snap(x, minimise, exact_ok) -> list[Fraction] | None:
    """A rational point near ``x`` accepted by ``exact_ok``: rounded coarse to fine, or one coordinate at
    a time (the one nearest a simple rational), re-minimising the others after each."""
    import numpy as np

    for den in (4, 16, 64, 256):  # not 1: points spread over the zero set span more kernel
        pt = [Fraction(float(v)).limit_denominator(den) for v in x]
        if exact_ok(pt):
            return pt
    fixed: dict[int, Fraction] = {}
    x = np.array(x, dtype=float)
    n = len(x)
    while len(fixed) < n:
        free = [i for i in range(n) if i not in fixed]
        cand = {i: Fraction(float(x[i])).limit_denominator(16) for i in free}
        i = min(free, key=lambda i: abs(float(cand[i]) - x[i]))
        fixed[i] = cand[i]
        x[i] = float(cand[i])
        x = minimise(x, fixed)
        if x is None:
            return None
    pt = [fixed[i] for i in range(n)]
    return pt if exact_ok(pt) else None


def _zeros_of(goal: Poly, ineq: list[Poly], eqs: list[Poly], box, exact_ok, deadline: float | None,
              starts: int = 40) -> list[list[Fraction]]:
    """Rational zeros of ``goal ≥ 0`` on ``{ineq ≥ 0, eqs = 0}`` accepted by ``exact_ok``: local minimisation
    (SLSQP) of ``goal`` from sampled points, freely and on faces (up to three inequalities active), then
    :func:`_snap`. Heuristic: only what ``exact_ok`` accepts is used."""
    import numpy as np
    from scipy.optimize import minimize

    n = len(box)
    if not goal:
        return []
    fgoal, fineq, feqs = _float_poly(goal), [_float_poly(g) for g in ineq], [_float_poly(h) for h in eqs]
    rng = np.random.default_rng(0)
    pts = np.array([[rng.uniform(a, b) for a, b in box] for _ in range(400)])
    feasible = [x for x in pts if all(_evalf(g, x) >= 0 for g in fineq)]
    if not feasible:
        return []
    gscale = max(abs(float(c)) for c in goal.values())

    def minimise(x0, fixed: dict[int, Fraction] | None = None, active: tuple[int, ...] = ()):
        fixed = fixed or {}
        free = [i for i in range(n) if i not in fixed]
        full = np.array(x0, dtype=float)

        def lift(y):
            z = full.copy()
            z[free] = y
            return z

        if not free:
            return full
        cons = [{"type": "eq" if j in active else "ineq", "fun": (lambda y, g=g: _evalf(g, lift(y))),
                 "jac": (lambda y, g=g: _gradf(g, lift(y))[free])} for j, g in enumerate(fineq)]
        cons += [{"type": "eq", "fun": (lambda y, h=h: _evalf(h, lift(y))),
                  "jac": (lambda y, h=h: _gradf(h, lift(y))[free])} for h in feqs]
        res = minimize(lambda y: _evalf(fgoal, lift(y)), full[free], method="SLSQP", constraints=cons,
                       jac=lambda y: _gradf(fgoal, lift(y))[free], bounds=[box[i] for i in free],
                       options={"maxiter": 60, "ftol": 1e-14})
        z = lift(res.x)
        ok = (abs(_evalf(fgoal, z)) <= 1e-8 * gscale and all(_evalf(g, z) >= -1e-8 for g in fineq)
              and all(abs(_evalf(h, z)) <= 1e-8 for h in feqs))
        return z if ok else None

    order = sorted(range(len(feasible)), key=lambda k: _evalf(fgoal, feasible[k]))
    picks = order[: starts // 2] + [int(k) for k in rng.permutation(order)[: starts // 2]]
    runs = [((), k) for k in picks]
    faces = [a for size in range(1, min(3, n - 1, len(ineq)) + 1) for a in combinations(range(len(ineq)), size)]
    if len(faces) > MAX_FACES:
        faces = [faces[int(i)] for i in sorted(rng.choice(len(faces), MAX_FACES, replace=False))]
    runs += [(a, int(k)) for a in faces for k in rng.integers(len(feasible), size=2)]
    zeros: list[list[Fraction]] = []
    for active, k in runs:
        if deadline is not None and time.monotonic() > deadline:
            raise _Timeout
        x = minimise(feasible[k], active=active)
        pt = None if x is None else _snap(x, lambda y, fixed, a=active: minimise(y, fixed, a), exact_ok)
        if pt is not None and pt not in zeros:
            zeros.append(pt)
    return zeros


def _leading(p: Poly, i: int, sign: int) -> tuple[int, Poly]:
    """``(k, L)``: ``p(x + s·sign·e_i) = L(x) s^k + lower``, ``L`` free of ``x_i``."""
    k = _degree_in(p, i)
    lead = {m[:i] + (0,) + m[i + 1:]: c * sign**k for m, c in p.items() if m[i] == k}
    return k, lead


def _structure(pb: _Problem, deadline: float | None) -> _Structure:
    """Zeros of ``G`` in the closure of the domain and, from each, the axis directions and directions to
    interior points along which ``G`` vanishes to order ≥ 2; the unbounded axes and, along each, the points
    where the leading coefficient of ``G`` vanishes (see :class:`_Structure`)."""
    import numpy as np

    from symbolic.polynomial import evaluate

    n = len(pb.variables)
    box = _sampling_box(pb)
    ineq, eqs = list(pb.ineq.values()), list(pb.eq.values())
    zero = [Fraction(0)] * n

    def at_zero(pt: list[Fraction]) -> bool:
        return not evaluate(pb.goal, pt) and _line_ok(pb, _Line(pt, zero, True))

    zeros = _zeros_of(pb.goal, ineq, eqs, box, at_zero, deadline)
    lines = [_Line(p, zero, True) for p in zeros]
    rng = np.random.default_rng(1)
    interior = []
    for _ in range(400):
        p = [Fraction(float(rng.uniform(a, b))).limit_denominator(8) for a, b in box]
        if all(evaluate(g, p) > 0 for g in ineq):
            interior.append(p)
            if len(interior) == 3:
                break
    axes = [[Fraction(sgn * int(k == i)) for k in range(n)] for i in range(n) for sgn in (1, -1)]
    for p in zeros:
        if deadline is not None and time.monotonic() > deadline:
            raise _Timeout
        others = interior + [q for q in zeros[:20] if q != p]  # towards interior points and other zeros
        for d in axes + [[q - x for q, x in zip(c, p, strict=True)] for c in others]:
            line = _Line(p, d, True)
            val = _valuation(_on_line(pb.goal, p, d))
            if (val is None or val >= 2) and any(d) and _line_ok(pb, line):
                lines.append(line)
    unbounded: set[int] = set()
    for i in range(n) if interior and not pb.eq else ():
        for sgn in (1, -1):
            r = [Fraction(sgn * int(k == i)) for k in range(n)]
            if not _line_ok(pb, _Line(interior[0], r, False)):
                continue
            unbounded.add(i)
            _, lead = _leading(pb.goal, i, sgn)
            cons = [g if _degree_in(g, i) == 0 else _leading(g, i, sgn)[1] for g in ineq]

            def at_infinity(pt: list[Fraction], r=r, lead=lead) -> bool:
                return not evaluate(lead, pt) and _line_ok(pb, _Line(pt, r, False))

            lines += [_Line(p, r, False) for p in _zeros_of(lead, cons, [], box, at_infinity, deadline)]
    return _Structure(lines, unbounded)


# ------------------------------------------------------------------------------------------- search

@dataclass
class _Config:
    multiplier: list[tuple[Fraction, Poly]]
    two_d: int
    level: int  # products of at most this many assumptions


def _degree_in(p: Poly, i: int) -> int:
    return max((m[i] for m in p), default=-1)


def _attempt(pb: _Problem, cfg: _Config, deadline: float | None, st: _Structure) -> tuple[dict | None, str]:
    """One configuration: a proof object (to be replayed), or ``None`` and why not."""
    n = len(pb.variables)
    m = _weighted_squares(cfg.multiplier)
    target = mul(m, pb.goal)

    def caps(w: Poly) -> dict[int, int]:  # per unbounded variable, the largest exponent in σ_T's basis
        return {i: (_degree_in(target, i) - _degree_in(w, i)) // 2 for i in st.unbounded}
    blocks: list[_Block] = []
    idx = sorted(pb.ineq)
    if not idx and not pb.eq:
        extra = [(0,) * n] if pb.strict else []
        basis = _newton_basis(target, n, extra)
        blocks.append(_Block((), const(1, n), [{b: Fraction(1)} for b in basis]))
    else:
        for size in range(0, min(cfg.level, len(idx)) + 1):
            for t in combinations(idx, size):
                w = _product([pb.ineq[j] for j in t], n)
                half = (cfg.two_d - degree(w)) // 2
                if half < 0:
                    continue
                cap = caps(w)
                basis = [{mm: Fraction(1)} for mm in _monomials(n, half) if all(mm[i] <= c for i, c in cap.items())]
                if len(basis) > MAX_BLOCK:
                    return None, f"Gram basis of {len(basis)} monomials (limit {MAX_BLOCK})"
                blocks.append(_Block(t, w, basis))
    if len(blocks) > MAX_BLOCKS:
        return None, f"{len(blocks)} assumption products (limit {MAX_BLOCKS})"
    if pb.strict:
        eps = 0
        for size in range(0, len(pb.strict_ineq) + 1):
            for t in combinations(pb.strict_ineq, size):
                w = _product([pb.ineq[j] for j in t], n)
                if (eps < MAX_EPS and degree(w) <= max(cfg.two_d, degree(target))
                        and min(caps(w).values(), default=0) >= 0):
                    blocks.append(_Block(t, w, [const(1, n)], eps=True))
                    eps += 1
    blocks = [b for b in blocks if b.basis]
    for b in blocks:
        b.prepare()
    blocks, _ = _exact_reduce(blocks, target, st, deadline)
    blocks = [b for b in blocks if b.basis]
    if pb.strict and not any(b.eps for b in blocks):
        return None, "every candidate for the positive part vanishes at a zero of the goal"
    free = _free_columns(pb, cfg.two_d) if pb.eq else []
    why = "no attempt"
    for _ in range(FACIAL_ROUNDS):
        sol = _solve(target, blocks, free, deadline)
        if isinstance(sol, str):
            return None, sol
        if sol.t < -1e-7:
            return None, f"no SOS certificate in this configuration (margin {sol.t:.2e})"
        if sol.t > 1e-9:
            cert = _exact(target, blocks, free, sol, pb.strict, n, deadline)
            if cert is not None:
                return _proof(pb, cfg, cert), "ok"
            why = f"rounding failed (margin {sol.t:.2e})"
        red = _reduce(blocks, sol)
        if red is None:
            return None, (why if sol.t > 1e-9
                          else f"singular Gram matrices without a rational kernel (margin {sol.t:.2e})")
        blocks = [b for b in red[0] if b.basis]
        if not blocks:
            return None, "every Gram block reduced to zero"
    return None, f"no interior solution after {FACIAL_ROUNDS} facial reductions"


def _proof(pb: _Problem, cfg: _Config, cert: _Certificate) -> dict:
    vs = pb.variables
    sq = lambda items: [[str(d), to_record(q, vs)] for d, q in items]  # noqa: E731
    proof = {"method": "sos", "goal_sign": pb.goal_sign, "multiplier": sq(cfg.multiplier),
             "terms": [{"assume": list(t), "squares": sq(items)} for t, items in sorted(cert.terms.items())],
             "ideal": [{"assume": j, "poly": to_record(p, vs)} for j, p in sorted(cert.free.items()) if p]}
    if cert.positive is not None:
        proof["positive"] = {"assume": list(cert.positive[0]), "coef": str(cert.positive[1])}
    return proof


def _configs(pb: _Problem) -> list[_Config]:
    n = len(pb.variables)
    mults = _multipliers(n)
    out = []
    if not pb.ineq and not pb.eq:
        for mult in mults:
            out.append(_Config(mult, degree(mul(_weighted_squares(mult), pb.goal)), 0))
        return out
    deg_g = degree(pb.goal)
    nineq = len(pb.ineq)
    levels = sorted({min(1, nineq), min(2, nineq), nineq})
    for k, mult in enumerate(mults):
        base = deg_g + 2 * k
        base += base % 2
        for extra in (0, 2):
            for level in levels:
                out.append(_Config(mult, base + extra, level))
    return out


def certify(claim: Claim, timeout_s: float | None = None) -> ExactResult:
    """Prove ``claim`` with an SOS/Positivstellensatz certificate, or ``unknown`` (module docstring)."""
    start = time.monotonic()
    deadline = None if timeout_s is None else start + timeout_s
    pb = _problem(claim)
    if isinstance(pb, str):
        return ExactResult("unknown", detail=f"sos method not applicable: {pb}")
    if not pb.goal:  # 0 ≥ 0 holds (m·0 = the empty sum); 0 > 0 is not proved here
        if pb.strict:
            return ExactResult("unknown", detail="goal 0 > 0: no certificate (it fails wherever the "
                                                 "assumptions hold)")
        proof = {"method": "sos", "goal_sign": pb.goal_sign, "multiplier": [["1", to_record(const(1, len(
            pb.variables)), pb.variables)]], "terms": [], "ideal": []}
        return ExactResult("proved", proof=proof, detail=replay(claim, proof), stats={"squares": 0})
    reasons = []
    tried = 0
    try:
        st = _structure(pb, deadline)
    except _Timeout:
        st = _Structure([], set())
    for cfg in _configs(pb):
        if deadline is not None and time.monotonic() > deadline:
            break
        tried += 1
        try:
            proof, why = _attempt(pb, cfg, deadline, st)
        except _Timeout:
            break
        except PolyError as exc:
            proof, why = None, f"size limit: {exc}"
        if proof is None:
            reasons.append(why)
            continue
        try:
            summary = replay(claim, proof)
        except ValueError as exc:  # the producer's own exact check rejected the candidate
            reasons.append(f"candidate rejected by replay: {exc}")
            continue
        elapsed = time.monotonic() - start
        return ExactResult("proved", proof=proof, detail=summary,
                           stats={"seconds": round(elapsed, 3), "configurations": tried,
                                  "degree": cfg.two_d, "level": cfg.level,
                                  "squares": sum(len(t["squares"]) for t in proof["terms"])})
    elapsed = time.monotonic() - start
    timed_out = deadline is not None and time.monotonic() > deadline
    last = reasons[-1] if reasons else "nothing tried"
    detail = (f"timeout after {elapsed:.1f} s ({tried} configurations; last: {last})" if timed_out
              else f"no SOS certificate found ({tried} configurations; last: {last})")
    return ExactResult("unknown", detail=detail, stats={"seconds": round(elapsed, 3), "configurations": tried})


# ------------------------------------------------------------------------------------------- replay

def _coefficient(value, what: str) -> Fraction:
    if not isinstance(value, str) or not _COEFF.fullmatch(value):
        raise ValueError(f"{what}: coefficient must be a string 'p' or 'p/q', got {value!r}")
    try:
        return Fraction(value)
    except ZeroDivisionError:
        raise ValueError(f"{what}: zero denominator in {value!r}") from None


def _poly(rec, variables: list[str], what: str) -> Poly:
    try:
        p, vs = from_record(rec)
        check_limits(p)
    except PolyError as exc:
        raise ValueError(f"{what}: {exc}") from None
    if vs != variables:
        raise ValueError(f"{what}: polynomial over {vs}, expected {variables}")
    return p


def _squares(items, variables: list[str], what: str) -> list[tuple[Fraction, Poly]]:
    if not isinstance(items, list):
        raise ValueError(f"{what}: expected a list of [d, q] pairs")
    out = []
    for k, item in enumerate(items):
        if not (isinstance(item, list) and len(item) == 2):
            raise ValueError(f"{what}[{k}]: expected [d, q]")
        d = _coefficient(item[0], f"{what}[{k}]")
        if d < 0:
            raise ValueError(f"{what}[{k}]: negative weight {d}")
        out.append((d, _poly(item[1], variables, f"{what}[{k}]")))
    return out


def _indices(value, claim: Claim, what: str, allowed: tuple[str, ...]) -> list[int]:
    if not isinstance(value, list) or not all(type(j) is int for j in value):
        raise ValueError(f"{what}: expected a list of assumption indices")
    if len(set(value)) != len(value):
        raise ValueError(f"{what}: repeated assumption index")
    for j in value:
        if not 0 <= j < len(claim.assume):
            raise ValueError(f"{what}: assumption index {j} out of range")
        if claim.assume[j].rel not in allowed:
            raise ValueError(f"{what}: assumption {j} has relation {claim.assume[j].rel!r} "
                             f"(allowed: {' '.join(allowed)})")
    return value


def replay(claim: Claim, proof: dict) -> str:
    """Re-check an SOS proof object exactly (format and soundness: module docstring); a summary.

    Raises ``ValueError`` naming the first thing that does not check.
    """
    if not isinstance(proof, dict) or proof.get("method") != "sos":
        raise ValueError("not an sos proof object")
    keys = set(proof)
    required = {"method", "goal_sign", "multiplier", "terms", "ideal"}
    if not required <= keys or not keys <= required | {"positive"}:
        raise ValueError(f"proof keys {sorted(keys)}: expected {sorted(required)} and optionally 'positive'")
    rel = claim.show.rel
    if rel not in INEQUALITY_SIGN:
        raise ValueError(f"goal relation {rel!r} is not an inequality")
    sign = proof["goal_sign"]
    if type(sign) is not int or sign != INEQUALITY_SIGN[rel]:
        raise ValueError(f"goal_sign {sign!r} does not match the goal relation {rel!r} "
                         f"(expected {INEQUALITY_SIGN[rel]})")
    vs = list(claim.variables)
    n = len(vs)
    mult = _squares(proof["multiplier"], vs, "multiplier")
    if not any(d > 0 and q and degree(q) == 0 for d, q in mult):
        raise ValueError("multiplier has no non-zero constant square with a positive weight")
    goal = scale(claim.show.poly, sign)
    lhs = mul(_weighted_squares(mult), goal)
    rhs: Poly = {}
    ineq = tuple(INEQUALITY_SIGN)
    if not isinstance(proof["terms"], list):
        raise ValueError("terms: expected a list")
    nsq = 0
    for k, term in enumerate(proof["terms"]):
        if not isinstance(term, dict) or set(term) != {"assume", "squares"}:
            raise ValueError(f"terms[{k}]: expected the keys 'assume' and 'squares'")
        idx = _indices(term["assume"], claim, f"terms[{k}].assume", ineq)
        sigma = _weighted_squares(_squares(term["squares"], vs, f"terms[{k}].squares"))
        nsq += len(term["squares"])
        weight = _product([scale(claim.assume[j].poly, INEQUALITY_SIGN[claim.assume[j].rel]) for j in idx], n)
        rhs = add(rhs, mul(sigma, weight))
    if not isinstance(proof["ideal"], list):
        raise ValueError("ideal: expected a list")
    for k, item in enumerate(proof["ideal"]):
        if not isinstance(item, dict) or set(item) != {"assume", "poly"}:
            raise ValueError(f"ideal[{k}]: expected the keys 'assume' and 'poly'")
        j = item["assume"]
        if type(j) is not int or not 0 <= j < len(claim.assume) or claim.assume[j].rel != "=":
            raise ValueError(f"ideal[{k}]: assumption {j!r} is not an equality of the claim")
        rhs = add(rhs, mul(_poly(item["poly"], vs, f"ideal[{k}].poly"), claim.assume[j].poly))
    positive = ""
    if "positive" in proof:
        pos = proof["positive"]
        if not isinstance(pos, dict) or set(pos) != {"assume", "coef"}:
            raise ValueError("positive: expected the keys 'assume' and 'coef'")
        idx = _indices(pos["assume"], claim, "positive.assume", STRICT)
        eps = _coefficient(pos["coef"], "positive.coef")
        if eps <= 0:
            raise ValueError(f"positive.coef {eps} is not > 0")
        weight = _product([scale(claim.assume[j].poly, INEQUALITY_SIGN[claim.assume[j].rel]) for j in idx], n)
        rhs = add(rhs, scale(weight, eps))
        positive = f", positive part {eps}·Π g_j over {idx}"
    elif rel in STRICT:
        raise ValueError("strict goal without a 'positive' part (ε > 0)")
    diff = sub(lhs, rhs)
    if diff:
        worst = max(diff, key=lambda m: (sum(m), m))
        raise ValueError(f"identity m·G = Σ σ_T g_T + Σ λ_j h_j + ε g_P fails: {len(diff)} coefficients differ "
                         f"(e.g. monomial {list(worst)}: {diff[worst]})")
    return (f"SOS certificate valid: multiplier of degree {degree(_weighted_squares(mult))}, "
            f"{len(proof['terms'])} terms, {nsq} squares, {len(proof['ideal'])} ideal multipliers{positive}")
