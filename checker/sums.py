"""Outer ring: Lemma 2 (App. E.3, power-law sums), recomputed with exact rationals (``lemma2.power_law_sums``).

The specification is this module's constants: the two parameter sets, the four functions
``f(x) = x^e (1+cx)^-m`` that Theorem 2 applies Lemma 2 to, the scales ``s`` (``ε = Λ s^-ν``) and the claimed
bounds ``C_L ε^r ≤ |D(ε)| ≤ C_B ε^r`` on ``D = rescaled sum - limit integral``. Nothing of that is read from
the certificate; the certificate's records are compared with it.

The checker's own enclosure of ``D = R (Σ_{k≥1} k^-p f((s/k)^ν)) - I`` uses a different method from the
producer's (arb, Euler–Maclaurin on the whole summand from k = 64 with a Cauchy-estimate remainder):

* the terms ``k < K = 4s`` are summed directly, each rounded outward to ``2^-W`` (``ν = 3/2``: ``√k`` enclosed by
  ``isqrt``; ``f`` is monotone for ``e ∈ {0, m}``, so its endpoint values enclose it);
* for ``k ≥ K``, ``y = c (s/k)^ν ≤ c/4^ν = 1/64``, and ``(1+y)^-m = Σ_{n<N} C(-m,n) y^n + θ C(-m,N) y^N``,
  ``θ ∈ [0, 1]`` (Lagrange), so the tail is a combination of pure power sums ``P(q) = Σ_{k≥K} k^-q``;
* each ``P(q)`` by Euler–Maclaurin for ``k^-q`` (DLMF 2.10.1), exact Bernoulli numbers, remainder at most
  ``2 |B_2L|/(2L)! (q)_{2L-1} K^{1-q-2L}`` (``|B̃_2L| ≤ |B_2L|``, ``g^{(2L)} > 0``);
* ``I = prefactor · c^-b Γ(b)Γ(m-b)/Γ(m)`` with ``Γ(b)Γ(1-b) = π/sin(πb)``, π enclosed by Machin's series,
  ``√3`` by ``isqrt``, rational powers by exact integer roots.
"""

from __future__ import annotations

import math
from fractions import Fraction as F
from pathlib import Path

from .errors import CertificateError

NAME = "lemma2.power_law_sums"
PARAMS = {
    "nu2_kappa1": {"nu": F(2), "kappa": F(1), "Lambda": F(4), "Q": F(1), "c": F(1, 4)},
    "nu3/2_kappa1": {"nu": F(3, 2), "kappa": F(1), "Lambda": F(8), "Q": F(1), "c": F(1, 8)},
}
FUNCTIONS = {"signal_V": (1, 0, 1), "signal_dV": (1, 0, 2), "noise_dU": (2, 2, 2), "noise_U": (2, 1, 1)}
SCALES = (16, 64, 256, 1024)
#: (rate r, C_B, C_L): the claim C_L ε^r ≤ |D(ε)| ≤ C_B ε^r at every scale (C_L = 0: upper bound only)
BOUNDS = {
    ("nu2_kappa1", "signal_V"): (F(1, 2), F(51, 100), F(49, 100)),
    ("nu2_kappa1", "signal_dV"): (F(2), F(1), F(0)),
    ("nu2_kappa1", "noise_dU"): (F(1, 2), F(81, 10), F(79, 10)),
    ("nu2_kappa1", "noise_U"): (F(1, 2), F(21, 10), F(19, 10)),
    ("nu3/2_kappa1", "signal_V"): (F(1, 3), F(3, 2), F(7, 5)),
    ("nu3/2_kappa1", "signal_dV"): (F(4, 3), F(1, 10), F(7, 100)),
    ("nu3/2_kappa1", "noise_dU"): (F(2, 3), F(33), F(31)),
    ("nu3/2_kappa1", "noise_U"): (F(2, 3), F(21, 5), F(19, 5)),
}
#: the derived leading coefficient A_0 of D = A_0 ε^r + o(ε^r) where it is rational (ζ_R(0) = -1/2, ζ_R(-1) = -1/12)
A0_RATIONAL = {
    ("nu2_kappa1", "signal_V"): F(-1, 2),
    ("nu2_kappa1", "noise_dU"): F(-8),
    ("nu2_kappa1", "noise_U"): F(-2),
    ("nu3/2_kappa1", "signal_dV"): F(-1, 12),
    ("nu3/2_kappa1", "noise_dU"): F(-32),
    ("nu3/2_kappa1", "noise_U"): F(-4),
}
W = 160  # bits of the outward rounding of the directly summed terms
N_TAYLOR = 14  # terms of the binomial series of the tail
L_EM = 8  # Euler–Maclaurin order of the power sums


# ---------- exact helpers ----------

def _root(n: int, q: int) -> int:
    r = math.isqrt(n) if q == 2 else round(n ** (1 / q))
    for t in (r - 1, r, r + 1):
        if t >= 0 and t**q == n:
            return t
    raise CertificateError(f"internal: {n} has no integer {q}-th root")


def _pow(x: F, e: F) -> F:
    """``x^e`` for rational ``x > 0`` where it is rational (checked by exact integer roots)."""
    base = F(_root(x.numerator, e.denominator), _root(x.denominator, e.denominator))
    return base**e.numerator


def _bernoulli(n: int) -> list[F]:
    """``B_0 .. B_n`` (Akiyama–Tanigawa; ``B_1 = +1/2``, only even indices are used)."""
    out, a = [], []
    for m in range(n + 1):
        a.append(F(1, m + 1))
        for j in range(m, 0, -1):
            a[j - 1] = j * (a[j - 1] - a[j])
        out.append(a[0])
    return out


BERN = _bernoulli(2 * L_EM)


def _atan_inv(n: int, terms: int) -> tuple[F, F]:
    """``atan(1/n)`` enclosed by consecutive partial sums of its alternating, decreasing series."""
    s, prev = F(0), F(0)
    for j in range(terms + 1):
        prev = s
        s += F((-1) ** j, (2 * j + 1) * n ** (2 * j + 1))
    return min(s, prev), max(s, prev)


def _pi() -> tuple[F, F]:
    a, b = _atan_inv(5, 40), _atan_inv(239, 15)
    return 16 * a[0] - 4 * b[1], 16 * a[1] - 4 * b[0]


def _sqrt3() -> tuple[F, F]:
    r = math.isqrt(3 * 4**W)
    return F(r, 2**W), F(r + 1, 2**W)


def _mul(a: tuple[F, F], b: tuple[F, F]) -> tuple[F, F]:
    p = (a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1])
    return min(p), max(p)


def _inv(a: tuple[F, F]) -> tuple[F, F]:
    if a[0] <= 0 <= a[1]:
        raise CertificateError("internal: division by an interval containing 0")
    return 1 / a[1], 1 / a[0]


def _sin_pi(b: F) -> tuple[F, F]:
    """``sin(πb)`` for ``b`` a multiple of 1/6 (exact values; √3 enclosed)."""
    r = b % 2
    sign = 1 if r < 1 else -1
    r = r % 1
    half = _sqrt3()
    table = {F(0): (F(0), F(0)), F(1, 6): (F(1, 2), F(1, 2)), F(1, 3): (half[0] / 2, half[1] / 2),
             F(1, 2): (F(1), F(1)), F(2, 3): (half[0] / 2, half[1] / 2), F(5, 6): (F(1, 2), F(1, 2))}
    if r not in table:
        raise CertificateError(f"internal: sin(pi*{b}) is not tabulated")
    lo, hi = table[r]
    return (lo, hi) if sign > 0 else (-hi, -lo)


def _rising(q: F, n: int) -> F:
    out = F(1)
    for i in range(n):
        out *= q + i
    return out


def _power_sum(q: F, K: int) -> tuple[F, F]:
    """``Σ_{k≥K} k^-q`` (``q > 1``) by Euler–Maclaurin with an explicit remainder bound."""
    kq = _pow(F(K), -q)
    val = F(K) * kq / (q - 1) + kq / 2
    for j in range(1, L_EM):
        val += BERN[2 * j] / math.factorial(2 * j) * _rising(q, 2 * j - 1) * kq / F(K) ** (2 * j - 1)
    rem = 2 * abs(BERN[2 * L_EM]) / math.factorial(2 * L_EM) * _rising(q, 2 * L_EM - 1) * kq / F(K) ** (2 * L_EM - 1)
    return val - rem, val + rem


# ---------- the recomputation ----------

def _f(x: F, c: F, e: int, m: int) -> F:
    return x**e / (1 + c * x) ** m


def _head(P: dict, e: int, m: int, p: F, s: int, K: int) -> tuple[F, F]:
    """``Σ_{k<K} k^-p f((s/k)^ν)``, each term rounded outward to ``2^-W``."""
    nu, c = P["nu"], P["c"]
    lo = hi = 0
    scale = 2**W
    sig3 = _root(s, 2) ** 3 if nu == F(3, 2) else None
    for k in range(1, K):
        w = _pow(F(k), -p) if p else F(1)
        if nu == 2:
            x = F(s * s, k * k)
            xs = (x, x)
        elif nu == F(3, 2):
            r = math.isqrt(k * 4**W)
            exact = r * r == k * 4**W
            xs = (F(sig3 * 2**W, k * (r if exact else r + 1)), F(sig3 * 2**W, k * r))
        else:
            raise CertificateError(f"internal: nu = {nu} is not supported")
        v = sorted(w * _f(x, c, e, m) for x in xs)  # f is monotone (e in {0, m})
        lo += (v[0] * scale).__floor__()
        hi += (v[1] * scale).__ceil__()
    return F(lo, scale), F(hi, scale)


def _tail(P: dict, e: int, m: int, p: F, s: int, K: int) -> tuple[F, F]:
    """``Σ_{k≥K} k^-p f((s/k)^ν)`` via the binomial series in ``y = c (s/k)^ν`` and pure power sums."""
    nu, c = P["nu"], P["c"]
    lo = hi = F(0)
    for n in range(N_TAYLOR + 1):
        coef = F((-1) ** n * math.comb(m + n - 1, n)) * c**n * _pow(F(s), nu * (e + n))
        ps = _power_sum(p + nu * (e + n), K)
        t = sorted((coef * ps[0], coef * ps[1]))
        if n < N_TAYLOR:
            lo, hi = lo + t[0], hi + t[1]
        else:  # Lagrange remainder: θ·term, θ ∈ [0, 1]
            lo, hi = lo + min(t[0], 0), hi + max(t[1], 0)
    return lo, hi


def _integral(P: dict, part: int, e: int, m: int) -> tuple[F, F]:
    nu, kappa, lam, q, c = P["nu"], P["kappa"], P["Lambda"], P["Q"], P["c"]
    zeta = kappa / nu
    if part == 1:
        b, pref = zeta, q * _pow(lam, -zeta) * zeta
    else:
        b, pref = e - 1 / nu, _pow(lam, 1 / nu) / nu
    gg = _mul(_pi(), _inv(_sin_pi(b)))  # Γ(b)Γ(1-b)
    factor = _rising(1 - b, m - 1) / math.factorial(m - 1)  # Γ(m-b) / (Γ(1-b) Γ(m))
    k = pref * _pow(c, -b) * factor
    return _mul(gg, (k, k))


def recompute(pset: str, fname: str, s: int) -> dict:
    """The checker's own enclosures of ``I``, ``D`` and the rescaled sum at scale ``s``."""
    P = PARAMS[pset]
    part, e, m = FUNCTIONS[fname]
    nu, kappa, lam, q = P["nu"], P["kappa"], P["Lambda"], P["Q"]
    if e not in (0, m):
        raise CertificateError(f"internal: f is not monotone for e = {e}, m = {m}")
    if part == 1:
        R, p = q * kappa * _pow(lam, -kappa / nu) * s**kappa, kappa + 1
    else:
        R, p = _pow(lam, 1 / nu) / s, F(0)
    K = 4 * s
    h, t = _head(P, e, m, p, s, K), _tail(P, e, m, p, s, K)
    total = (R * (h[0] + t[0]), R * (h[1] + t[1]))
    integral = _integral(P, part, e, m)
    D = (total[0] - integral[1], total[1] - integral[0])
    return {"eps": lam * _pow(F(s), -nu), "I": integral, "D": D, "sum": total}


# ---------- the check ----------

def _iv(rec, where: str) -> tuple[F, F]:
    if not (isinstance(rec, list) and len(rec) == 2 and all(isinstance(x, str) for x in rec)):
        raise CertificateError(f"{where}: an enclosure must be two endpoint strings")
    lo, hi = F(rec[0]), F(rec[1])
    if lo > hi:
        raise CertificateError(f"{where}: enclosure [{rec[0]}, {rec[1]}] is empty")
    return lo, hi


def _meet(a: tuple[F, F], b: tuple[F, F]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _check_case(rec: dict, pset: str, fname: str) -> None:
    where = f"{pset}/{fname}"
    P = PARAMS[pset]
    part, e, m = FUNCTIONS[fname]
    rate, cB, cL = BOUNDS[(pset, fname)]
    same_fn = [rec.get(x) for x in ("part", "e", "m")] == [part, e, m]
    if rec.get("params") != {k: str(v) for k, v in P.items()} or not same_fn:
        raise CertificateError(f"{where}: parameters or function differ from the specification")
    if [rec.get("rate"), rec.get("C_B"), rec.get("C_L")] != [str(rate), str(cB), str(cL)]:
        raise CertificateError(f"{where}: the claimed rate/constants {rec.get('rate')}, {rec.get('C_B')}, "
                               f"{rec.get('C_L')} are not the specification's {rate}, {cB}, {cL}")
    rows = rec.get("rows")
    if not isinstance(rows, list) or [r.get("s") for r in rows] != list(SCALES):
        raise CertificateError(f"{where}: the scales are not {list(SCALES)}")
    if (pset, fname) in A0_RATIONAL:
        a0 = _iv(rec.get("predicted_A0"), f"{where} predicted_A0")
        if not a0[0] <= A0_RATIONAL[(pset, fname)] <= a0[1]:
            raise CertificateError(f"{where}: predicted leading coefficient {rec.get('predicted_A0')} does not "
                                   f"contain the derived A_0 = {A0_RATIONAL[(pset, fname)]}")
    for row in rows:
        s = row["s"]
        w = f"{where}, s = {s}"
        own = recompute(pset, fname, s)
        eps_r = _pow(own["eps"], rate)
        B, Lb = cB * eps_r, cL * eps_r
        if [row.get("eps"), row.get("eps_rate"), row.get("bound"), row.get("lower_bound")] != \
                [str(own["eps"]), str(eps_r), str(B), str(Lb)]:
            raise CertificateError(f"{w}: eps / eps^r / bound B(eps) / lower bound differ from the specification "
                                   f"({own['eps']}, {eps_r}, {B}, {Lb})")
        for key in ("K0", "em_order"):
            if not isinstance(row.get(key), int) or row[key] < 2:
                raise CertificateError(f"{w}: {key} must be an integer >= 2")
        if F(row.get("em_remainder_bound", "-1")) < 0:
            raise CertificateError(f"{w}: the Euler-Maclaurin remainder bound must be >= 0")
        ri, rd, rs = (_iv(row.get(k), f"{w} {k}") for k in ("integral", "difference", "rescaled_sum"))
        if not _meet(ri, own["I"]):
            raise CertificateError(f"{w}: the integral enclosure {row['integral']} disagrees with the closed form "
                                   f"[{float(own['I'][0])}, {float(own['I'][1])}]")
        if not _meet(rd, own["D"]):
            raise CertificateError(f"{w}: the difference enclosure {row['difference']} disagrees with the "
                                   f"recomputed [{float(own['D'][0])}, {float(own['D'][1])}]")
        if not _meet(rs, own["sum"]) or not _meet(rs, (ri[0] + rd[0], ri[1] + rd[1])):
            raise CertificateError(f"{w}: the rescaled-sum enclosure {row['rescaled_sum']} disagrees with "
                                   "integral + difference")
        ratio = _iv(row.get("difference_over_eps_rate"), f"{w} difference_over_eps_rate")
        if not _meet(ratio, (rd[0] / eps_r, rd[1] / eps_r)):
            raise CertificateError(f"{w}: difference_over_eps_rate is not difference / eps^r")
        if not (-B <= own["D"][0] and own["D"][1] <= B):
            raise CertificateError(f"{w}: the certified inequality |D| <= B(eps) = {B} fails on recomputation")
        if Lb and not (own["D"][1] <= -Lb or own["D"][0] >= Lb):
            raise CertificateError(f"{w}: the rate's lower bound |D| >= C_L eps^r = {Lb} fails on recomputation")
        if not (-B <= rd[0] and rd[1] <= B):
            raise CertificateError(f"{w}: the recorded enclosure does not prove |D| <= B(eps) = {B}")
        if Lb and not (rd[1] <= -Lb or rd[0] >= Lb):
            raise CertificateError(f"{w}: the recorded enclosure does not prove |D| >= C_L eps^r = {Lb}")


def check(content: dict, base: Path, name: str = NAME) -> str:
    """Recompute a ``sums`` certificate; return the one-line summary or raise ``CertificateError``."""
    if name != NAME:
        raise CertificateError(f"no specification for sums claim {name!r} (the specified one is {NAME!r})")
    if not isinstance(content.get("precision_bits"), int) or content["precision_bits"] < 128:
        raise CertificateError("precision_bits must be an integer >= 128")
    for key in ("statement", "normalisation", "method", "source"):
        if not isinstance(content.get(key), str) or not content[key]:
            raise CertificateError(f"{key} must be a non-empty string")
    cases = content.get("cases")
    want = [(ps, fn) for ps in PARAMS for fn in FUNCTIONS]
    if not isinstance(cases, list) or [(c.get("parameter_set"), c.get("function")) for c in cases] != want:
        raise CertificateError(f"the cases are not the specification's {want}")
    if content.get("holds") is not True:
        raise CertificateError("holds must be true: every case is certified")
    for rec, (ps, fn) in zip(cases, want, strict=True):
        _check_case(rec, ps, fn)
    return (f"Lemma 2: {len(want)} cases x {len(SCALES)} eps, C_L eps^r <= |rescaled sum - integral| <= C_B eps^r "
            "recomputed (direct sums to 4s, binomial tails, power-sum Euler-Maclaurin, exact rationals)")
