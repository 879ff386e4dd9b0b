"""Outer ring for ``invariance`` certificates: the O(d)-invariant 4-tensors (paper App. D.4, Prop. 9).

Standard library only. **What is proved is fixed here, not by the certificate** (the specification is
these constants, because adding it to ``checker/papers/vky2023.toml`` would need kernel lines):
the name ``prop9.invariant_tensors``, the dimensions ``d = 2, 3, 4, 5``, tensor order 4, the prime, the
generator rules, and the expected conclusions:

* O(d), both routes: the fixed space is the span of Weyl's δ-pairings ``δ_ij δ_kl, δ_ik δ_jl, δ_il δ_jk``
  (dimension 3); its part symmetric in ``(i,j)`` and in ``(k,l)`` (the symmetries of the noise tensor,
  eq. 86) is the span of ``δ_ij δ_kl`` and ``δ_ik δ_jl + δ_il δ_jk``, i.e. the SE family (80)
  ``(τ₁/N²) δ_ij δ_kl + ((1 − τ₂)/(2N²))(δ_ik δ_jl + δ_il δ_jk)`` (reconstructed), an affine bijection
  of ``(τ₁, τ₂) ∈ R²`` onto that plane;
* SO(d): the span of Weyl's tensors with at most one ``ε`` (dimension 6, 3, 4, 3 for d = 2 … 5);
* features: the fourth moment of an O(d)-invariant distribution (Gaussian, a Gaussian scale mixture)
  lies in the fixed space and gives SE noise (81) with ``τ₁ = c₁/s²``, ``τ₂ = 1 − (c₂ + c₃)/s²`` from its
  coordinates ``c``; Rademacher features (not invariant) do not; nor does the finite-data tensor
  ``δ_ijkl/N`` of eq. (5).

Generator rules (the group-theoretic argument is in ``proofs/invariance/__init__.py`` and the
certificate's ``argument``): route ``lie`` uses ``L_ab = E_ab − E_ba`` acting as derivations; route
``cayley`` uses ``Q_ab = (I − A)(I + A)^{-1}``, ``A = 2(E_ab − E_ba)`` (computed here by exact
Gauss–Jordan); O(d) adds every reflection ``R_a = I − 2E_aa``, SO(d) adds ``R_0 R_a``.

Why acceptance implies the conclusion. For each fixed space: the recorded basis must equal the reduced
echelon basis of the checker's own Weyl tensors (``k`` independent vectors) and each is verified to be
fixed by every generator by exact integer multiplication, so the fixed space has dimension ``≥ k``;
the rank of the stacked matrix (``g⊗⁴ − I`` scaled to integers, and the derivations), recomputed here
modulo ``PRIME`` by sparse elimination, is ``d⁴ − k``, and rank over Q ≥ rank mod p, so the fixed
space has dimension ``≤ k``. Hence it *is* the span of Weyl's tensors. Every other recorded number is
recomputed from that basis with ``fractions``. The verdict is ``recomputed``: an exact proof for these
finite dimensions, but checked by this outer ring, not by the 500-line kernel.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from pathlib import Path

from .errors import CertificateError

NAME = "prop9.invariant_tensors"
DIMENSIONS = (2, 3, 4, 5)
ORDER = 4
PRIME = 2**31 - 1
ROUTES = (("O(d)", "lie"), ("O(d)", "cayley"), ("SO(d)", "lie"))
PAIRINGS = (((0, 1), (2, 3)), ((0, 2), (1, 3)), ((0, 3), (1, 2)))
NOISE_SYMMETRIES = ((1, 0, 2, 3), (0, 1, 3, 2))
EXCHANGE = (2, 3, 0, 1)
#: feature distributions x = s·y, y with independent coordinates: (1-D moment rule, E[s²], E[s⁴], invariant?)
DISTRIBUTIONS = {
    "gaussian": ("gaussian", Fraction(1), Fraction(1), True),
    "gaussian_scale_mixture": ("gaussian", Fraction(1), Fraction(5, 4), True),  # s² ∈ {1/2, 3/2}
    "rademacher": ("rademacher", Fraction(1), Fraction(1), False),
}
Vec = list[Fraction]


def _tuples(d: int) -> list[tuple[int, ...]]:
    return list(itertools.product(range(d), repeat=ORDER))


def _ix(t: tuple[int, ...], d: int) -> int:
    return sum(x * d ** (ORDER - 1 - p) for p, x in enumerate(t))


def _eye(d: int) -> list[Vec]:
    return [[Fraction(int(i == j)) for j in range(d)] for i in range(d)]


def _inverse(m: list[Vec]) -> list[Vec]:
    """Gauss–Jordan over Q (the matrices here are invertible)."""
    d = len(m)
    a = [list(r) + e for r, e in zip(m, _eye(d), strict=True)]
    for c in range(d):
        p = next(r for r in range(c, d) if a[r][c])
        a[c], a[p] = a[p], a[c]
        a[c] = [x / a[c][c] for x in a[c]]
        for r in range(d):
            if r != c and a[r][c]:
                a[r] = [x - a[r][c] * y for x, y in zip(a[r], a[c], strict=True)]
    return [r[d:] for r in a]


def _generators(group: str, route: str, d: int) -> list[tuple[str, str, list[Vec]]]:
    """``(name, action, matrix)`` by the specified rule."""
    out = []
    for a, b in itertools.combinations(range(d), 2):
        el = [[Fraction(int((i, j) == (a, b)) - int((i, j) == (b, a))) for j in range(d)] for i in range(d)]
        if route == "lie":
            out.append((f"L{a}{b}", "lie", el))
        else:
            eye = _eye(d)
            plus = [[eye[i][j] + 2 * el[i][j] for j in range(d)] for i in range(d)]
            inv = _inverse(plus)
            minus = [[eye[i][j] - 2 * el[i][j] for j in range(d)] for i in range(d)]
            q = [[sum((minus[i][k] * inv[k][j] for k in range(d)), Fraction(0)) for j in range(d)] for i in range(d)]
            out.append((f"Q{a}{b}", "group", q))
    refl = [[[Fraction(-1 if i == j == a else int(i == j)) for j in range(d)] for i in range(d)] for a in range(d)]
    if group == "O(d)":
        out += [(f"R{a}", "group", refl[a]) for a in range(d)]
    else:
        out += [(f"R0R{a}", "group", [[refl[0][i][j] * refl[a][j][j] for j in range(d)] for i in range(d)])
                for a in range(1, d)]
    return out


def _act(name_action_matrix: tuple, v: Vec, d: int) -> Vec:
    """``dρ(X) v`` (lie) or ``(g⊗⁴ − I) v`` (group), exactly; zero iff ``v`` is fixed."""
    _, action, g = name_action_matrix
    out = [Fraction(0)] * len(v)
    if action == "lie":
        for t in _tuples(d):
            i = _ix(t, d)
            for pos in range(ORDER):
                for m in range(d):
                    if g[t[pos]][m]:
                        out[i] += g[t[pos]][m] * v[_ix((*t[:pos], m, *t[pos + 1:]), d)]
        return out
    w = list(v)
    for pos in range(ORDER):  # one mode product per slot
        step = d ** (ORDER - 1 - pos)
        w = [sum((g[t[pos]][m] * w[_ix(t, d) + (m - t[pos]) * step] for m in range(d) if g[t[pos]][m]), Fraction(0))
             for t in _tuples(d)]
    return [x - y for x, y in zip(w, v, strict=True)]


def _rows(gen: tuple, d: int):
    """Integer rows (dicts) of the stacked matrix for one generator, scaled to clear denominators."""
    _, action, g = gen
    den = math.lcm(*(x.denominator for r in g for x in r)) ** ORDER
    for t in _tuples(d):
        row: dict[int, Fraction] = {}
        if action == "lie":
            for pos in range(ORDER):
                for m in range(d):
                    if g[t[pos]][m]:
                        j = _ix((*t[:pos], m, *t[pos + 1:]), d)
                        row[j] = row.get(j, Fraction(0)) + g[t[pos]][m]
        else:
            for s in itertools.product(*[[m for m in range(d) if g[x][m]] for x in t]):
                row[_ix(s, d)] = math.prod((g[x][m] for x, m in zip(t, s, strict=True)), start=Fraction(1))
            row[_ix(t, d)] = row.get(_ix(t, d), Fraction(0)) - 1
        yield {j: int(x * den) % PRIME for j, x in row.items() if int(x * den) % PRIME}


def _rank_mod_p(gens: list[tuple], d: int, target: int) -> int:
    """Rank modulo ``PRIME`` of the stacked matrix by sparse elimination (diagonal generators first),
    stopping once ``target`` is reached."""
    diagonal = [g for g in gens if all(not x for i, r in enumerate(g[2]) for j, x in enumerate(r) if i != j)]
    pivots: dict[int, dict[int, int]] = {}
    for gen in diagonal + [g for g in gens if g not in diagonal]:
        for row in _rows(gen, d):
            while row:
                c = min(row)
                if c not in pivots:
                    inv = pow(row[c], -1, PRIME)
                    pivots[c] = {j: x * inv % PRIME for j, x in row.items()}
                    break
                f, piv = row[c], pivots[c]
                for j, x in piv.items():
                    y = (row.get(j, 0) - f * x) % PRIME
                    if y:
                        row[j] = y
                    else:
                        row.pop(j, None)
            if len(pivots) >= target:
                return len(pivots)
    return len(pivots)


def _rref(vectors: list[Vec]) -> list[Vec]:
    """Reduced row echelon basis of the span over Q (unique), zero rows dropped."""
    rows, r = [list(v) for v in vectors], 0
    for c in range(len(rows[0]) if rows else 0):
        p = next((i for i in range(r, len(rows)) if rows[i][c]), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        rows[r] = [x / rows[r][c] for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c]:
                rows[i] = [x - rows[i][c] * y for x, y in zip(rows[i], rows[r], strict=True)]
        r += 1
    return rows[:r]


def _pairing(d: int, p: tuple) -> Vec:
    (a, b), (c, e) = p
    return [Fraction(int(t[a] == t[b] and t[c] == t[e])) for t in _tuples(d)]


def _sign(p: tuple[int, ...]) -> int:
    if len(set(p)) < len(p):
        return 0
    return (-1) ** sum(1 for i, j in itertools.combinations(range(len(p)), 2) if p[i] > p[j])


def _weyl(group: str, d: int) -> list[Vec]:
    """Weyl's isotropic tensors: δ-pairings; for SO(d) also one ε (on d slots) times δ's on the rest."""
    out = [_pairing(d, p) for p in PAIRINGS]
    if group == "SO(d)" and d <= ORDER and (ORDER - d) % 2 == 0:
        for eps in itertools.combinations(range(ORDER), d):
            rest = [s for s in range(ORDER) if s not in eps]
            out.append([Fraction(_sign(tuple(t[s] for s in eps)) * int(all(t[rest[i]] == t[rest[i + 1]]
                        for i in range(0, len(rest), 2)))) for t in _tuples(d)])
    return out


def _symmetric(basis: list[Vec], sigmas: tuple, d: int) -> list[Vec]:
    """Reduced basis of the σ-symmetric part of span(basis): ``{Σ c_m B_m : Σ c_m (σB_m − B_m) = 0}``."""
    k, ts = len(basis), _tuples(d)
    eqs = []
    for sg in sigmas:
        diff = [[b[_ix(tuple(t[s] for s in sg), d)] - b[_ix(t, d)] for t in ts] for b in basis]
        eqs += [[diff[m][j] for m in range(k)] for j in range(len(ts))]
    red = _rref([e for e in eqs if any(e)]) if any(any(e) for e in eqs) else []
    piv = [next(j for j in range(k) if r[j]) for r in red]
    sols = []
    for f in (j for j in range(k) if j not in piv):
        c = [Fraction(int(j == f)) for j in range(k)]
        for r, p in zip(red, piv, strict=True):
            c[p] = -r[f]
        sols.append([sum((c[m] * basis[m][j] for m in range(k)), Fraction(0)) for j in range(len(ts))])
    return _rref(sols) if sols else []


def _vec(rec: list, d: int) -> Vec:
    v = [Fraction(0)] * d**ORDER
    for t, x in rec:
        if len(t) != ORDER or not all(isinstance(i, int) and 0 <= i < d for i in t):
            raise CertificateError(f"basis entry index {t} is not a 4-index in range for d = {d}")
        v[_ix(tuple(t), d)] = Fraction(x)
    return v


def _same_space(recorded: dict, expected: list[Vec], d: int, what: str) -> None:
    got = [_vec(v, d) for v in recorded["basis"]]
    if recorded["dim"] != len(expected) or got != expected:
        raise CertificateError(f"{what}: recorded dimension {recorded['dim']} / basis differ from the recomputed "
                               f"reduced basis (dimension {len(expected)})")


def _fixed(rec: dict, group: str, route: str, d: int) -> tuple[list[Vec], int]:
    where = f"d={d} {group} ({route})"
    gens = _generators(group, route, d)
    got = [(g["name"], g["action"], [[Fraction(x) for x in r] for r in g["matrix"]]) for g in rec["generators"]]
    if got != gens:
        raise CertificateError(f"{where}: the generators differ from the specification "
                               f"({[g[0] for g in got]} vs {[g[0] for g in gens]})")
    n = d**ORDER
    if rec["columns"] != n or rec["rows"] != n * len(gens):
        raise CertificateError(f"{where}: matrix size {rec['rows']}x{rec['columns']} is not {n * len(gens)}x{n}")
    weyl = _rref(_weyl(group, d))
    k = len(weyl)
    if group == "O(d)" and k != 3:
        raise CertificateError(f"{where}: Weyl's δ-pairings are not independent")
    basis = [_vec(v, d) for v in rec["basis"]]
    if basis != weyl:
        raise CertificateError(f"{where}: the basis is not the reduced echelon basis of Weyl's isotropic tensors")
    for m, v in enumerate(basis):
        for g in gens:
            if any(_act(g, v, d)):
                raise CertificateError(f"{where}: basis vector {m} is not fixed by generator {g[0]}")
    r = _rank_mod_p(gens, d, n - k)
    if r < n - k:
        raise CertificateError(f"{where}: rank mod p is {r} < {n - k}: the fixed space may exceed Weyl's span")
    if rec["rank_mod_p"] != r or rec["rank"] != n - k or rec["dim"] != k:
        raise CertificateError(f"{where}: recorded rank {rec['rank']} / rank mod p {rec['rank_mod_p']} / dimension "
                               f"{rec['dim']}, but recomputed rank {n - k} (mod p {r}) and dimension {k}")
    _same_space(rec["noise_symmetric"], _symmetric(basis, NOISE_SYMMETRIES, d), d, f"{where} noise-symmetric part")
    _same_space(rec["noise_symmetric_exchange"], _symmetric(basis, (*NOISE_SYMMETRIES, EXCHANGE), d), d,
                f"{where} noise-symmetric part with pair exchange")
    return basis, k


def _moments(dist: str, d: int) -> tuple[Vec, Fraction]:
    rule, s2, s4, _ = DISTRIBUTIONS[dist]
    m = [Fraction(1), Fraction(0)]
    for k in range(2, ORDER + 1):  # Gaussian: Stein's recursion E g^k = (k-1) E g^(k-2); Rademacher: k even
        m.append((k - 1) * m[k - 2] if rule == "gaussian" else Fraction(int(k % 2 == 0)))
    return [s4 * math.prod((m[t.count(c)] for c in range(d)), start=Fraction(1)) for t in _tuples(d)], s2 * m[2]


def _se_fit(v: Vec, s: Fraction, d: int) -> tuple[Fraction, Fraction] | None:
    """``(τ₁, τ₂)`` with ``M:C − s²C = s²(τ₁ Tr(C) I − τ₂ C)`` for all symmetric C, else None.

    τ₂ from ``C = E_01 + E_10`` (entry 01), τ₁ from ``C = E_00`` (entry 11); then every basis C is checked.
    """
    def noise(c: list[Vec]) -> list[Vec]:
        return [[sum((v[_ix((a, b, k, l), d)] * c[k][l] for k in range(d) for l in range(d)), Fraction(0))
                 - s * s * c[a][b] for b in range(d)] for a in range(d)]

    def unit(p: int, q: int) -> list[Vec]:
        return [[Fraction(int({i, j} == {p, q})) for j in range(d)] for i in range(d)]

    tau2 = -noise(unit(0, 1))[0][1] / (s * s)
    tau1 = noise(unit(0, 0))[1][1] / (s * s)
    for p in range(d):
        for q in range(p, d):
            c = unit(p, q)
            tr = sum(c[i][i] for i in range(d))
            want = [[s * s * (tau1 * tr * int(a == b) - tau2 * c[a][b]) for b in range(d)] for a in range(d)]
            if noise(c) != want:
                return None
    return tau1, tau2


def check(content: dict, base: Path, name: str = NAME) -> str:
    """Recompute an ``invariance`` certificate; return the one-line summary or raise ``CertificateError``."""
    if name != NAME:
        raise CertificateError(f"no specification for invariance claim {name!r} (the specified one is {NAME!r})")
    if content.get("order") != ORDER or content.get("dimensions") != list(DIMENSIONS):
        raise CertificateError(f"the certificate is about order {content.get('order')} and dimensions "
                               f"{content.get('dimensions')}, the specification about order {ORDER} and "
                               f"{list(DIMENSIONS)}")
    if content.get("prime") != PRIME:
        raise CertificateError(f"prime {content.get('prime')} is not the specification's {PRIME}")
    fixed = content["fixed_spaces"]
    keys = [(f["d"], f["group"], f["route"]) for f in fixed]
    want = [(d, g, r) for d in DIMENSIONS for g, r in ROUTES]
    if keys != want:
        raise CertificateError(f"fixed spaces {keys} are not the specified {want}")
    dims, o_basis = {}, {}
    for f, (d, g, r) in zip(fixed, want, strict=True):
        basis, k = _fixed(f, g, r, d)
        dims[(d, g, r)] = k
        if g == "O(d)":
            o_basis[d] = basis
            sym = _symmetric(basis, NOISE_SYMMETRIES, d)
            b_c = [x + y for x, y in zip(_pairing(d, PAIRINGS[1]), _pairing(d, PAIRINGS[2]), strict=True)]
            if sym != _rref([_pairing(d, PAIRINGS[0]), b_c]):
                raise CertificateError(f"d={d} {g} ({r}): the noise-symmetric fixed space is not the SE family (80)")
    se = [(x["d"], x["equals_noise_symmetric_fixed_space"]) for x in content["se_family"]]
    if se != [(d, True) for d in DIMENSIONS]:
        raise CertificateError(f"se_family records {se}, recomputed {[(d, True) for d in DIMENSIONS]}")
    feats = content["features"]
    if [(x["d"], x["distribution"]) for x in feats] != [(d, n) for d in DIMENSIONS for n in DISTRIBUTIONS]:
        raise CertificateError("features are not the specified distributions and dimensions")
    for x in feats:
        d, name = x["d"], x["distribution"]
        v, s = _moments(name, d)
        inv = _rref([*o_basis[d], v]) == o_basis[d]
        fit = _se_fit(v, s, d)
        if inv:  # coordinates on the δ-pairings: τ₁ = c₁/s², τ₂ = 1 − (c₂ + c₃)/s²
            c = [v[_ix(t, d)] for t in ((0, 0, 1, 1), (0, 1, 0, 1), (0, 1, 1, 0))]
            if fit != (c[0] / s**2, 1 - (c[1] + c[2]) / s**2):
                raise CertificateError(f"d={d} {name}: SE parameters disagree with the invariant coordinates")
        if inv != DISTRIBUTIONS[name][3]:
            raise CertificateError(f"d={d} {name}: invariance recomputed as {inv}, the specification says otherwise")
        rec = None if x["se"] is None else (Fraction(x["se"]["tau1"]), Fraction(x["se"]["tau2"]))
        if x["invariant"] != inv or Fraction(x["s"]) != s or rec != fit:
            raise CertificateError(f"d={d} {name}: recorded invariant={x['invariant']}, s={x['s']}, se={x['se']}; "
                                   f"recomputed {inv}, {s}, {fit}")
        if name == "gaussian" and fit != (1, -1):
            raise CertificateError(f"d={d}: Gaussian features give {fit}, not tau1 = 1, tau2 = -1")
    ctl = content["controls"]
    if [c["d"] for c in ctl] != list(DIMENSIONS):
        raise CertificateError("controls are not one per specified dimension")
    for c in ctl:
        d = c["d"]
        v = [Fraction(int(len(set(t)) == 1), d) for t in _tuples(d)]
        inv = _rref([*o_basis[d], v]) == o_basis[d]
        if inv or c["invariant"] is not False:
            raise CertificateError(f"d={d}: the eq. 5 control must be recomputed as not invariant (recorded "
                                   f"{c['invariant']}, recomputed {inv})")
    if content.get("holds") is not True:
        raise CertificateError("holds is not true: the certificate does not claim the specified statement")
    so = ", ".join(str(dims[(d, "SO(d)", "lie")]) for d in DIMENSIONS)
    return (f"invariant 4-tensors recomputed by the outer ring checker.invariance (exact: rank mod p lower bound "
            f"+ exact kernel vectors) for d = {', '.join(map(str, DIMENSIONS))}: O(d)-fixed space = span of the 3 "
            f"delta-pairings by both routes (Lie algebra, Cayley transforms), noise-symmetric part = SE family (80) "
            f"(dim 2); SO(d) dims {so}; Gaussian features tau1 = 1, tau2 = -1")
