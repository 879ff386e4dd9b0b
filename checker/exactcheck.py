"""Checker for ``exact`` certificates (``proofs.checks``): recompute everything with ``fractions``.

Standard library only. The generator used python-flint matrices and multiplied every batch's
``(M_B − H) X (M_B − H)`` out; this checker instead uses the batch multiplicities ``n_i(B)``:

    E_B[M_B X M_B] = (1/b²) Σ_{i,j} E_B[n_i n_j] (ψ_iᵀ X ψ_j) ψ_i ψ_jᵀ,
    E_B[M_B] = (1/b) Σ_i E_B[n_i] ψ_iψ_iᵀ

with ``E_B[n_i n_j]`` counted over all batches — a different computation of the same definition.
Every recorded field is recomputed and compared, never echoed: prop1's flags, γ and batch count; prop2's
per-mode rank, eigenvalue and verdict, ``complete`` and γ; prop7's ``Tr(HC)``, ``λ_k``, ``D_k``, ``bounds`` and
``endpoint``; eq16's operator (against the one ``checker.derive`` derives from the update rule), first
losses and number of terms compared; eq21's ``u_num_at_z1``, ``eq21_denominator`` and the identity itself
(from eq. 21's printed per-term form). Every negative control must fail. This outer ring recomputes
records; the paper's polynomials are targets from ``checker.paper``.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from pathlib import Path

from .derivation import record_poly
from .derive import VARS, operator, polys
from .errors import CertificateError
from .paper import TARGETS
from .poly import add, evaluate, mul, parse

Mat = list[list[Fraction]]


def _m(rows: list[list[str]]) -> Mat:
    return [[Fraction(x) for x in r] for r in rows]


def _mul(x: Mat, y: Mat) -> Mat:
    yt = list(zip(*y, strict=True))
    return [[sum((a * b for a, b in zip(r, c, strict=True)), Fraction(0)) for c in yt] for r in x]


def _lin(*terms: tuple[Fraction, Mat]) -> Mat:
    n, m = len(terms[0][1]), len(terms[0][1][0])
    return [[sum((c * t[i][j] for c, t in terms), Fraction(0)) for j in range(m)] for i in range(n)]


def _t(x: Mat) -> Mat:
    return [list(r) for r in zip(*x, strict=True)]


def _eye(n: int) -> Mat:
    return [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]


def _tr(x: Mat) -> Fraction:
    return sum((x[i][i] for i in range(len(x))), Fraction(0))


def _quad(u: list[Fraction], x: Mat, v: list[Fraction]) -> Fraction:
    return sum(
        (u[i] * x[i][j] * v[j] for i in range(len(u)) for j in range(len(v)) if u[i] and v[j]), Fraction(0)
    )


def _dot(u: list[Fraction], v: list[Fraction]) -> Fraction:
    return sum((x * y for x, y in zip(u, v, strict=True)), Fraction(0))


def _gamma(n: int, b: int, sampling: str) -> Fraction:
    return Fraction(n - b, (n - 1) * b) if sampling == "without_replacement" else Fraction(1, b)


def _weights(n: int, b: int, sampling: str) -> tuple[list[Fraction], list[list[Fraction]]]:
    """``E_B[n_i]`` and ``E_B[n_i n_j]`` over all equally likely batches."""
    if sampling == "without_replacement":
        batches = list(itertools.combinations(range(n), b))
    elif sampling == "with_replacement":
        batches = list(itertools.product(range(n), repeat=b))
    else:
        raise CertificateError(f"unknown sampling {sampling!r}")
    e1 = [Fraction(0)] * n
    e2 = [[Fraction(0)] * n for _ in range(n)]
    for bt in batches:
        cnt = [0] * n
        for i in bt:
            cnt[i] += 1
        for i in range(n):
            if cnt[i]:
                e1[i] += cnt[i]
                for j in range(n):
                    if cnt[j]:
                        e2[i][j] += cnt[i] * cnt[j]
    k = len(batches)
    return [x / k for x in e1], [[x / k for x in r] for r in e2], k


class _Problem:
    def __init__(self, feats: Mat, b: int, sampling: str) -> None:
        self.f, self.n, self.p, self.b = feats, len(feats), len(feats[0]), b
        self.e1, self.e2, self.batches = _weights(self.n, b, sampling)
        self.gamma = _gamma(self.n, b, sampling)
        self.h = [
            [sum((f[i] * f[j] for f in feats), Fraction(0)) / self.n for j in range(self.p)]
            for i in range(self.p)
        ]

    def mean_mb(self) -> Mat:
        return [
            [
                sum((self.e1[k] * f[i] * f[j] for k, f in enumerate(self.f)), Fraction(0)) / self.b
                for j in range(self.p)
            ]
            for i in range(self.p)
        ]

    def noise(self, x: Mat) -> Mat:
        """``E_B[(M_B − H) X (M_B − H)] = E_B[M_B X M_B] − H X H`` (uses ``E_B[M_B] = H``)."""
        out = [[Fraction(0)] * self.p for _ in range(self.p)]
        for i, fi in enumerate(self.f):
            for j, fj in enumerate(self.f):
                w = self.e2[i][j]
                if not w:
                    continue
                c = w * _quad(fi, x, fj) / (self.b * self.b)
                if c:
                    for r in range(self.p):
                        if fi[r]:
                            cr = c * fi[r]
                            row = out[r]
                            for s in range(self.p):
                                if fj[s]:
                                    row[s] += cr * fj[s]
        return _lin((Fraction(1), out), (Fraction(-1), _mul(_mul(self.h, x), self.h)))

    def eq5(self, x: Mat) -> Mat:
        mix = [[Fraction(0)] * self.p for _ in range(self.p)]
        for f in self.f:
            c = _quad(f, x, f) / self.n
            for r in range(self.p):
                for s in range(self.p):
                    mix[r][s] += c * f[r] * f[s]
        return _lin((self.gamma, mix), (-self.gamma, _mul(_mul(self.h, x), self.h)))


def _sym_basis(p: int):
    for i in range(p):
        for j in range(i, p):
            e = [[Fraction(0)] * p for _ in range(p)]
            e[i][j] = e[j][i] = Fraction(1)
            yield e


def _prop1(inst: dict) -> dict:
    pr = _Problem(_m(inst["features"]), inst["b"], inst["sampling"])
    p = pr.p
    alpha, beta = Fraction(inst["alpha"]), Fraction(inst["beta"])
    unbiased = pr.mean_mb() == pr.h
    eq5 = all(pr.noise(x) == pr.eq5(x) for x in _sym_basis(p))
    # eq. 4 with momentum. T_B = K - alpha [[M_B, 0], [M_B, 0]] with K = [[I, beta I], [0, beta I]], so
    # E[T_B Z T_B^T] = K Z K^T - alpha(E[Mb] Z K^T + K Z E[Mb]^T) + alpha^2 E[Mb Z Mb^T], where
    # Mb Z Mb^T has all four blocks equal to M_B C M_B; expectations from the batch multiplicities.
    # Claimed (eqs. 4-5): = Tbar Z Tbar^T + alpha^2 [[S, S], [S, S]], S = eq. 5 noise of C.
    eye = _eye(p)
    mb = pr.mean_mb()

    def blk(m11: Mat, m12: Mat, m21: Mat, m22: Mat) -> Mat:
        return [m11[i] + m12[i] for i in range(p)] + [m21[i] + m22[i] for i in range(p)]

    zero = [[Fraction(0)] * p for _ in range(p)]
    K = blk(eye, _lin((beta, eye)), zero, _lin((beta, eye)))
    EM = blk(mb, zero, mb, zero)
    tbar = blk(
        _lin((Fraction(1), eye), (-alpha, pr.h)), _lin((beta, eye)), _lin((-alpha, pr.h)), _lin((beta, eye))
    )
    ok4 = True
    for zb in _sym_basis(2 * p):
        c = [r[:p] for r in zb[:p]]
        mcm = _lin((Fraction(1), pr.noise(c)), (Fraction(1), _mul(_mul(pr.h, c), pr.h)))  # E[M_B C M_B]
        lhs = _lin(
            (Fraction(1), _mul(_mul(K, zb), _t(K))),
            (-alpha, _mul(_mul(EM, zb), _t(K))),
            (-alpha, _mul(_mul(K, zb), _t(EM))),
            (alpha * alpha, blk(mcm, mcm, mcm, mcm)),
        )
        s5 = pr.eq5(c)
        rhs = _lin((Fraction(1), _mul(_mul(tbar, zb), _t(tbar))), (alpha * alpha, blk(s5, s5, s5, s5)))
        ok4 = ok4 and lhs == rhs
    return {"unbiased": unbiased, "eq5_all_symmetric_C": eq5, "moment_map_eq4": ok4, "gamma": str(pr.gamma),
            "batches": pr.batches}


_COS = {
    1: [Fraction(1)],
    2: [Fraction(1), Fraction(-1)],
    3: [Fraction(1), Fraction(-1, 2), Fraction(-1, 2)],
    4: [Fraction(1), Fraction(0), Fraction(-1), Fraction(0)],
    6: [Fraction(1), Fraction(1, 2), Fraction(-1, 2), Fraction(-1), Fraction(-1, 2), Fraction(1, 2)],
}


def _torus(shape: tuple[int, ...], phi: list[Fraction]) -> tuple[list[tuple[int, ...]], Mat]:
    pts = list(itertools.product(*[range(n) for n in shape]))
    idx = {x: k for k, x in enumerate(pts)}
    feats = [[phi[idx[tuple((x[j] - i[j]) % shape[j] for j in range(len(shape)))]] for x in pts] for i in pts]
    return pts, feats


def _projectors(shape: tuple[int, ...], pts: list[tuple[int, ...]]) -> list[tuple[tuple[int, ...], Mat]]:
    lcm = math.lcm(*shape)
    if lcm not in _COS:
        raise CertificateError(f"grid {shape} has irrational Fourier cosines")
    n, seen, out = len(pts), set(), []
    for k in pts:
        if k in seen:
            continue
        pair = sorted({k, tuple((-k[j]) % shape[j] for j in range(len(shape)))})
        seen.update(pair)
        P = [
            [
                sum(
                    (
                        _COS[lcm][
                            sum(kk[j] * (x[j] - y[j]) * (lcm // shape[j]) for j in range(len(shape))) % lcm
                        ]
                        for kk in pair
                    ),
                    Fraction(0),
                )
                / n
                for y in pts
            ]
            for x in pts
        ]
        out.append((pair[0], P))
    return out


def _prop2(inst: dict, feats: Mat | None = None) -> dict:
    """Every recorded field of a Prop. 2 result: per Fourier pair ``k``, its rank, eigenvalue and whether
    ``E_B[(M_B − H) P (M_B − H)] = γ(λ r H − λ² P)``; ``complete`` = the projectors sum to I; ``gamma``."""
    shape = tuple(inst["shape"])
    pts, ti = _torus(shape, [Fraction(x) for x in inst["phi"]])
    pr = _Problem(feats if feats is not None else ti, inst["b"], inst["sampling"])
    n = pr.n
    total = [[Fraction(0)] * n for _ in range(n)]
    ok = True
    modes = []
    for k, P in _projectors(shape, pts):
        total = _lin((Fraction(1), total), (Fraction(1), P))
        rank = _tr(P)
        if rank.denominator != 1 or rank <= 0:
            raise CertificateError("Fourier projector with non-integer trace")
        lam = _tr(_mul(P, pr.h)) / rank
        if _mul(P, P) != P or _t(P) != P:
            raise CertificateError("Fourier matrix is not an orthogonal projector")
        eigen = _mul(P, pr.h) == _lin((lam, P))
        lhs = pr.noise(P)
        rhs = _lin((pr.gamma * lam * rank, pr.h), (-pr.gamma * lam * lam, P))
        mode_ok = eigen and lhs == rhs
        ok = ok and mode_ok
        modes.append({"holds": mode_ok, "k": list(k), "lambda": str(lam), "rank": int(rank)})
    complete = total == _eye(n)
    return {"holds": ok and complete, "complete": complete, "gamma": str(pr.gamma), "modes": modes}


def _prop7(inst: dict, lower: Fraction = Fraction(0), endpoint: Fraction | None = None) -> dict:
    """Every recorded field of a Prop. 7 result: ``trHC``, each ``λ_k`` and ``D_k``, ``bounds`` (eq. 66),
    ``endpoint`` (eq. 67's attained endpoint for the ``identity``/``uniform`` modes) and ``holds``."""
    n = inst["N"]
    U, V, C = _m(inst["U"]), _m(inst["V"]), _m(inst["C"])
    s = [Fraction(x) for x in inst["s"]]
    if _mul(U, _t(U)) != _eye(n) or _mul(V, _t(V)) != _eye(n):
        raise CertificateError("U or V is not orthogonal")
    r = math.isqrt(n)
    if r * r != n:
        raise CertificateError("N must be a perfect square")
    J = _mul([[U[i][k] * s[k] for k in range(n)] for i in range(n)], _t(V))
    feats = [[r * x for x in row] for row in J]
    pr_h = [[sum((f[i] * f[j] for f in feats), Fraction(0)) / n for j in range(n)] for i in range(n)]
    trhc = _tr(_mul(pr_h, C))
    endpoint = Fraction(n) if endpoint is None else endpoint
    bounds = attained = True
    lams, ds = [], []
    for k in range(n):
        e = [V[i][k] for i in range(n)]
        lam = _quad(e, pr_h, e)
        if lam != s[k] * s[k]:
            raise CertificateError("V does not diagonalise H")
        d = sum((_dot(e, f) ** 2 * _quad(f, C, f) for f in feats), Fraction(0)) / n
        lams.append(str(lam))
        ds.append(str(d))
        bounds = bounds and lower * lam * trhc <= d <= n * lam * trhc
        if inst["mode"] == "identity":
            attained = attained and d == endpoint * lam * lam * _quad(e, C, e)
        elif inst["mode"] == "uniform" and k == inst["k0"]:
            attained = attained and d == lam * trhc
    return {"holds": bounds and attained, "bounds": bounds, "endpoint": attained, "trHC": str(trhc), "D": ds,
            "lambda": lams}


def _series(num: list[Fraction], den: list[Fraction], order: int) -> list[Fraction]:
    out: list[Fraction] = []
    for t in range(order + 1):
        acc = num[t] if t < len(num) else Fraction(0)
        for j in range(1, min(t, len(den) - 1) + 1):
            acc -= den[j] * out[t - j]
        out.append(acc / den[0])
    return out


def _coeffs_z(p: dict, a: Fraction, b: Fraction, g: Fraction) -> list[Fraction]:
    out = [Fraction(0)] * (max((m[3] for m in p), default=0) + 1)
    for m, c in p.items():
        out[m[3]] += c * a ** m[0] * b ** m[1] * g ** m[2]
    return out


def _eq16(content: dict) -> bool:
    P = {k: record_poly(content["polynomials"][k]) for k in ("S", "u_num", "v_num")}
    for k in P:
        if P[k] != parse(TARGETS[k], VARS):
            raise CertificateError(f"recorded {k} is not the paper's printed polynomial")
    A = [[record_poly(content["operator"][i][j]) for j in range(3)] for i in range(3)]
    if A != operator():
        raise CertificateError("recorded operator is not the SE moment operator derived from the update rule")
    if polys()["S"] != P["S"]:  # det(I - zA) of the derived (= recorded) operator
        raise CertificateError("recorded S is not det(I - zA) of the recorded operator")
    ok = True
    for idx, (inst, res) in enumerate(zip(content["instances"], content["results"], strict=True)):
        lams = [Fraction(x) for x in inst["lambda"]]
        al, be, ga, ta = (Fraction(inst[k]) for k in ("alpha", "beta", "gamma", "tau"))
        T = inst["T"]
        # moment recursion
        ops = [
            [[evaluate(A[i][j], [al * lam, be, ga * ta, Fraction(0)]) for j in range(3)] for i in range(3)]
            for lam in lams
        ]
        x = [[Fraction(c), Fraction(0), Fraction(0)] for c in inst["C0"]]
        rec = []
        for _ in range(T + 1):
            tr = sum((lam * xk[0] for lam, xk in zip(lams, x, strict=True)), Fraction(0))
            rec.append(tr / 2)
            x = [
                [
                    sum((op[i][j] * xk[j] for j in range(3)), Fraction(0)) + ga * al * al * lam * tr
                    for i in range(3)
                ]
                for op, xk, lam in zip(ops, x, lams, strict=True)
            ]
        # generating functions
        U, Vs = [Fraction(0)] * (T + 1), [Fraction(0)] * (T + 1)
        for lam, c0 in zip(lams, inst["C0"], strict=True):
            S = _coeffs_z(P["S"], al * lam, be, ga * ta)
            u = _series(_coeffs_z(P["u_num"], al * lam, be, ga * ta), S, T)
            v = _series(_coeffs_z(P["v_num"], al * lam, be, ga * ta), S, T)
            for t in range(T):
                U[t + 1] += ga * al * al * lam * lam * u[t]
            for t in range(T + 1):
                Vs[t] += lam * Fraction(c0) * v[t] / 2
        gf = _series(Vs, [Fraction(1) - U[0]] + [-y for y in U[1:]], T)
        got = {"holds": gf == rec, "L": [str(x) for x in rec[:6]], "terms_compared": len(rec)}
        if got != res:
            raise CertificateError(f"eq16 instance {idx}: recomputed {got} differs from recorded {res}")
        ok = ok and got["holds"]
    return ok


def _eq21(content: dict) -> bool:
    S, u = record_poly(content["S"]), record_poly(content["u_num"])
    if S != parse(TARGETS["S"], VARS) or u != parse(TARGETS["u_num"], VARS):
        raise CertificateError("recorded S / u_num are not the paper's printed polynomials")

    def at_z1(p: dict) -> dict:
        out: dict = {}
        for m, c in p.items():
            out[m[:3] + (0,)] = out.get(m[:3] + (0,), 0) + c
        return {m: c for m, c in out.items() if c}

    # eq. 21 as printed, per term: γ α_eff λ/(2 − αλ/(1+β) + g α_eff λ); with a = αλ and the fractions
    # cleared by (1 − b)(1 + b): γ a (1 + b)/D21. The claim γ a² u_num(1)/S(1) = γ a (1 + b)/D21 is the
    # polynomial identity a² u_num(1) D21 = a (1 + b) S(1), decided by expansion (S, u_num: paper's).
    d21 = parse("2*(1 - b**2) - a*(1 - b) + g*a*(1 + b)", VARS)
    S1, u1 = at_z1(S), at_z1(u)
    lhs = mul(mul(parse("a**2", VARS), u1), d21)
    rhs = mul(parse("a*(1 + b)", VARS), S1)
    holds = not add(lhs, rhs, -1)
    # the recorded intermediate fields, re-derived
    if parse(content["u_num_at_z1"], VARS) != u1:
        raise CertificateError(f"recorded u_num_at_z1 {content['u_num_at_z1']!r} is not u_num at z = 1")
    den = parse(content["eq21_denominator"], VARS)
    if den != S1:
        raise CertificateError(f"recorded eq21_denominator {content['eq21_denominator']!r} is not S at z = 1")
    if polys()["S"] != S:
        raise CertificateError("recorded S is not det(I - zA) of the operator derived from the update rule")
    return holds


def check(content: dict, base: Path) -> str:
    which = content["check"]
    recorded = content["holds"]
    if which == "prop1":
        got = [_prop1(i) for i in content["instances"]]
        for g, r in zip(got, content["results"], strict=True):
            for key in ("unbiased", "eq5_all_symmetric_C", "moment_map_eq4", "gamma", "batches"):
                if g[key] != r[key]:
                    raise CertificateError(f"prop1: recomputed {key}={g[key]} differs from recorded {r[key]}")
        holds = all(g["unbiased"] and g["eq5_all_symmetric_C"] and g["moment_map_eq4"] for g in got)
        n = len(got)
    elif which == "prop2":
        got = [_prop2(i) for i in content["instances"]]
        for i, (g, r) in enumerate(zip(got, content["results"], strict=True)):
            if g != r:
                raise CertificateError(f"prop2 instance {i}: recomputed {g} differs from recorded {r}")
        for c in content["controls"]:
            Q = _m(c["Q"])
            if _mul(Q, _t(Q)) != _eye(len(Q)):
                raise CertificateError("prop2 control: Q is not orthogonal")
            _, ti = _torus(tuple(c["instance"]["shape"]), [Fraction(x) for x in c["instance"]["phi"]])
            if _prop2(c["instance"], _mul(Q, ti))["holds"] or c["holds"]:
                raise CertificateError("prop2 control (non-translation-invariant data) did not fail")
        holds, n = all(g["holds"] for g in got), len(got)
    elif which == "prop7":
        insts = content["instances"]
        got = [_prop7(i) for i in insts]
        for i, (g, r) in enumerate(zip(got, content["results"], strict=True)):
            if g != r:
                raise CertificateError(f"prop7 instance {i}: recomputed {g} differs from recorded {r}")
        for c in content["controls"]:
            inst = insts[c["instance_index"]]
            res = _prop7(
                inst,
                lower=Fraction(c.get("lower_factor", "0")),
                endpoint=Fraction(c["endpoint_factor"]) if "endpoint_factor" in c else None,
            )
            if res["holds"] or c["holds"]:
                raise CertificateError(f"prop7 control ({c['perturbation']}) did not fail")
        holds, n = all(g["holds"] for g in got), len(got)
    elif which == "eq16":
        holds, n = _eq16(content), len(content["instances"])
    elif which == "eq21":
        holds, n = _eq21(content), 1
    else:
        raise CertificateError(f"unknown exact check {which!r}")
    if holds != recorded:
        raise CertificateError(f"{which}: recomputed verdict {holds} differs from recorded {recorded}")
    verdict = "holds" if holds else "FAILS"
    return f"exact check {which}: {verdict} on {n} instance(s); every recorded field recomputed with fractions"
