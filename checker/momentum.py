"""Outer ring for the ``momentum`` certificate ``prop12.momentum`` (Prop. 5, eq. 30, Prop. 12; reconstructed).

Standard library only; verdict word "recomputed". What is *re-proved* here, independently of the producer:

* from ``checker.derive`` (the update rule) with exact polynomials over Q: the per-direction terms at
  ``z = 1``, ``a = x(1−b)``: ``T_U = a²u``, ``T_V = v`` at ``b = 0``, their ``b``-derivatives and the two
  ``x``-derivatives the uniqueness argument uses equal this ring's own closed forms (``FORMS``), by
  cross-multiplying and expanding;
* the noise-phase algebra at ``g = 1``: with ``Ũ = γαs₁/2``, ``∂Ũ = −γα²s₂/2``, ``Ṽ = M₀/(4α)``,
  ``∂Ṽ = W/4`` (the ``g = 1`` forms summed termwise) the closed-form ``α*`` is stationary and
  ``∂_β log C_noise(α*) = α* X/(s₁M₀)``, ``X = s₁W − ((ν−1)/ν)s₂M₀``, as identities of polynomials in
  ``(γ, s₁, s₂, W, M₀, ν)``; the signal-phase ``α* = 2ζ/((1+ζ)γs₁)`` and ``α_crit = 2/(γs₁)`` at ``g = 1``.

What is *recomputed* from records: the parameter points are this ring's own (``NOISE``, ``SIGNAL``,
``TRAJ``); the moments ``s₁, s₂`` (zeta values) and ``W, M₀`` (direct sums with an integral tail) in double
precision; ``X``, ``α*`` and the predicted derivative from the recorded moments with ``decimal``; the digits
of agreement with the recorded Theorem 2 finite differences; the sign relations ``sign X = sign ∂_βC =
−sign β_opt``; the SE trajectory ratios. The Theorem 2 constants themselves are not re-run here.
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

from .derive import polys
from .errors import CertificateError
from .poly import Poly, add, const, diff, mul, power, scale, subs, var

NOISE = (("telescoping", "2", "3.5"), ("telescoping", "2", "8"), ("telescoping", "1.5", "6"), ("pure", "2", "3.5"),
         ("delayed", "2", "3.5"), ("delayed", "2", "8"))
SIGNAL = (("telescoping", "2", "1.5", "1", "1"), ("telescoping", "2", "2", "0.5", "1"),
          ("telescoping", "1.5", "1", "0.5", "0"))
TRAJ = (("telescoping", "2", "8"), ("delayed", "2", "8"))
K0 = 10  # the delayed family's first weighted direction
MIN_DIGITS = 8
CHECKS = ("T_U", "dT_U", "T_V", "dT_V", "dx_T_U", "dx_xdT_U", "c_U", "c_V", "noise_identity",
          "noise_alpha_star_stationary", "signal_alpha_star_g1", "alpha_crit_g1")

# ---------------------------------------------------------------------------------------------- exact part
X3 = 3  # variables (x, b, g)


def _term_polys() -> dict[str, tuple[Poly, Poly]]:
    """``(numerator, denominator)`` of ``T_U = a²u_num/S`` and ``T_V = v_num/S`` at ``z = 1``, ``a = x(1−b)``."""
    x, b, g = var(0, X3), var(1, X3), var(2, X3)
    images = [add(x, mul(x, b), -1), b, g, const(1, X3)]  # a, b, g, z
    p = {k: subs(v, images, X3) for k, v in polys().items()}
    a2 = power(images[0], 2, X3)
    return {"T_U": (mul(a2, p["u_num"]), p["S"]), "T_V": (p["v_num"], p["S"])}


def _at_b0(p: Poly) -> Poly:
    return subs(p, [var(0, X3), const(0, X3), var(2, X3)], X3)


def _same(n1: Poly, d1: Poly, n2: Poly, d2: Poly) -> bool:
    return add(mul(n1, d2), mul(n2, d1), -1) == {}


def exact_facts() -> dict[str, bool]:
    """The per-direction facts (any ``g``) and the ``g = 1`` algebra, each decided by exact expansion."""
    x, g, one = var(0, X3), var(2, X3), const(1, X3)
    d = add(const(2, X3), mul(add(one, g, -1), x), -1)  # 2 − (1−g)x
    out = {}
    for name, (n, den) in _term_polys().items():
        n0, d0 = _at_b0(n), _at_b0(den)
        dn = add(mul(_at_b0(diff(n, 1)), d0), mul(n0, _at_b0(diff(den, 1))), -1)  # (N'D − ND')|_{b=0}, over d0²
        if name == "T_U":
            out["T_U"] = _same(n0, d0, x, d)
            out["dT_U"] = _same(dn, mul(d0, d0), scale(mul(x, x), -2), mul(d, d))
            nx = add(mul(diff(n0, 0), d0), mul(n0, diff(d0, 0)), -1)  # T_U' = nx / d0²
            out["dx_T_U"] = _same(nx, mul(d0, d0), const(2, X3), mul(d, d))
            P, R = mul(x, nx), mul(d0, d0)  # x T_U'
            dP = add(mul(diff(P, 0), R), mul(P, diff(R, 0)), -1)
            out["dx_xdT_U"] = _same(dP, mul(R, R), scale(add(const(2, X3), mul(add(one, g, -1), x)), 2),
                                    power(d, 3, X3))
        else:
            out["T_V"] = _same(n0, d0, one, mul(x, d))
            out["dT_V"] = _same(dn, mul(d0, d0), scale(add(one, mul(add(one, g, -1), x), -1), 2), mul(d, d))
    out.update(_algebra())
    return out


# variables of the g = 1 algebra
G, S1, S2, W, M0, NU, AL = range(7)
N7 = 7


def _v(i: int) -> Poly:
    return var(i, N7)


def _c(q) -> Poly:
    return const(Fraction(q), N7)


def _subs_alpha(p: Poly, P: Poly, Q: Poly) -> Poly:
    """Numerator of ``p(α = P/Q)``: ``Σ c m α^e ↦ c m P^e Q^{d−e}`` with ``d`` the degree in α."""
    d = max((m[AL] for m in p), default=0)
    out: Poly = {}
    for m, c in p.items():
        mono = {m[:AL] + (0,) + m[AL + 1:]: c}
        out = add(out, mul(mono, mul(power(P, m[AL], N7), power(Q, d - m[AL], N7))))
    return out


def _algebra() -> dict[str, bool]:
    g, s1, s2, w, m0, nu, al = (_v(i) for i in range(7))
    one_minus_u = add(_c(1), scale(mul(mul(g, al), s1), Fraction(1, 2)), -1)  # 1 − γαs₁/2
    # noise phase: dlog/dα = −1/α + 1/(να) + γs₁/(1 − U);  times να(1 − U):
    num_a = add(add(scale(mul(nu, one_minus_u), -1), one_minus_u), mul(mul(mul(nu, al), g), s1))
    P = scale(add(nu, _c(1), -1), 2)  # α* = 2(ν−1) / (γ s₁ (3ν−1))
    Q = mul(mul(g, s1), add(scale(nu, 3), _c(1), -1))
    stationary = _subs_alpha(num_a, P, Q) == {}
    # dlog/dβ − α X/(s₁M₀) with X = s₁W − ((ν−1)/ν)s₂M₀, times M₀ (1 − U) ν s₁:
    #   αW·(1−U)νs₁ − γα²s₂·M₀νs₁ − α(s₁Wν − (ν−1)s₂M₀)(1−U)
    t1 = mul(mul(mul(al, w), one_minus_u), mul(nu, s1))
    t2 = mul(mul(mul(g, mul(al, al)), s2), mul(m0, mul(nu, s1)))
    X_nu = add(mul(mul(s1, w), nu), mul(add(nu, _c(1), -1), mul(s2, m0)), -1)
    t3 = mul(mul(al, X_nu), one_minus_u)
    identity = _subs_alpha(add(add(t1, t2, -1), t3, -1), P, Q) == {}
    # signal phase g = 1 (ζ in the slot of ν): dlog/dα = −ζ/α + (γs₁/2)/(1 − U); times α(1 − U):
    zeta = nu
    num_s = add(scale(mul(zeta, one_minus_u), -1), scale(mul(mul(g, s1), al), Fraction(1, 2)))
    Ps, Qs = scale(zeta, 2), mul(mul(add(_c(1), zeta), g), s1)
    crit = _subs_alpha(one_minus_u, _c(2), mul(g, s1)) == {}
    return {"noise_alpha_star_stationary": stationary, "noise_identity": identity,
            "signal_alpha_star_g1": _subs_alpha(num_s, Ps, Qs) == {}, "alpha_crit_g1": crit}


# ----------------------------------------------------------------------------------------- numeric records
def _zeta(s: float) -> float:
    """Riemann zeta in double precision: 100 terms plus three Euler–Maclaurin terms (remainder below
    ``s⋯(s+4)/30240 · 100^{−s−5}`` < 1e-14 relative for s >= 1.5)."""
    n = 100
    head = math.fsum(k**-s for k in range(1, n))
    tail = n ** (1 - s) / (s - 1) + n**-s / 2 + s * n ** (-s - 1) / 12 - s * (s + 1) * (s + 2) * n ** (-s - 3) / 720
    return head + tail


def _weight(family: str, k: int, kappa: float) -> float:
    if family == "pure":
        return kappa * k ** (-kappa - 1)
    if family == "delayed" and k < K0:
        return 0.0
    return k**-kappa - (k + 1) ** -kappa


def _moments(family: str, nu: float, kappa: float, K: int = 200000) -> dict[str, float]:
    """``W = Σ w_k``, ``M₀ = Σ w_k k^ν`` (Λ = 1): direct sum to ``K`` plus the tail ``∫`` of ``κ k^{−κ−1}``."""
    ws = [_weight(family, k, kappa) for k in range(1, K)]
    W = math.fsum(ws) + K**-kappa
    M = math.fsum(w * k**nu for k, w in enumerate(ws, start=1)) + kappa * K ** (nu - kappa) / (kappa - nu)
    return {"s1": _zeta(nu), "s2": _zeta(2 * nu), "W": W, "M0": M}


def _d(s: object, what: str) -> Decimal:
    if not isinstance(s, str):
        raise CertificateError(f"{what}: expected a decimal string, got {type(s).__name__}")
    v = Decimal(s)
    if not v.is_finite():
        raise CertificateError(f"{what}: not a finite number ({s})")
    return v


def _digits(x: Decimal, y: Decimal) -> int:
    if x == y:
        return 99
    return int(math.floor(-math.log10(abs(float((x - y) / y)))))


def _close(got: float, rec: Decimal, rel: float, what: str) -> None:
    if abs(got - float(rec)) > rel * abs(got):
        raise CertificateError(f"{what}: recorded {rec} differs from the recomputed {got:.15g}")


def _noise(p: dict, key: tuple) -> None:
    fam, nu_s, ka_s = key
    nu, ka = float(nu_s), float(ka_s)
    m = p["moments"]
    rec = {k: _d(m[k], f"{key} {k}") for k in ("s1", "s2", "W", "M0")}
    got = _moments(fam, nu, ka)
    for k in rec:
        _close(got[k], rec[k], 1e-9, f"noise point {key}: moment {k}")
    with localcontext() as ctx:
        ctx.prec = 40
        nud = Decimal(nu_s)
        X = rec["s1"] * rec["W"] - (nud - 1) / nud * rec["s2"] * rec["M0"]
        a_star = 2 * (nud - 1) / ((3 * nud - 1) * rec["s1"])
        pred = a_star * X / (rec["s1"] * rec["M0"])
        for what, val in (("X", X), ("alpha_star", a_star), ("dlogC_dbeta_predicted", pred)):
            if _digits(_d(p[what], what), val) < 15:
                raise CertificateError(f"noise point {key}: recorded {what} {p[what]} is not the recomputed {val:.20g}")
        fd = _d(p["dlogC_dbeta_theorem2"], "dlogC_dbeta_theorem2")
        dig = _digits(fd, pred)
    if dig < MIN_DIGITS or not isinstance(p["agreement_digits"], int) or p["agreement_digits"] > dig + 1:
        raise CertificateError(f"noise point {key}: the Theorem 2 derivative agrees to {dig} digits with the "
                               f"characteristic (recorded {p['agreement_digits']}, required {MIN_DIGITS})")
    if abs(_d(p["alpha_dlogC_dalpha_theorem2"], "alpha_dlogC_dalpha")) > Decimal("1e-8"):
        raise CertificateError(f"noise point {key}: alpha* is not stationary for the Theorem 2 constant")
    if p.get("alpha_star_numeric") is not None and _digits(_d(p["alpha_star_numeric"], "alpha*"), a_star) < 8:
        raise CertificateError(f"noise point {key}: the numerically optimal alpha is not the closed-form alpha*")
    beta_opt = _d(p["beta_opt"], "beta_opt")
    if not ((X > 0) == (fd > 0) == (beta_opt < 0)) or X == 0:
        raise CertificateError(f"noise point {key}: sign X = {X:.3g}, dC/dbeta = {fd:.3g} and beta_opt = "
                               f"{beta_opt} are not consistent")
    want = "negative momentum helps" if X > 0 else "positive momentum helps"
    if p["predicted_sign"] != want:
        raise CertificateError(f"noise point {key}: predicted sign {p['predicted_sign']!r}, expected {want!r}")
    if not _d(p["C_at_beta_opt"], "C(beta_opt)") <= _d(p["C_at_alpha_star"], "C(alpha*)"):
        raise CertificateError(f"noise point {key}: C at the optimal beta exceeds C at beta = 0")


def _signal(p: dict, key: tuple) -> None:
    fam, nu_s, ka_s, ga_s, ta_s = key
    if not _d(p["dlogC_dbeta_theorem2"], "dlogC_dbeta") < 0:
        raise CertificateError(f"signal point {key}: dC_signal/dbeta >= 0 at alpha*: positive momentum does not help")
    if abs(_d(p["alpha_dlogC_dalpha_theorem2"], "alpha_dlogC_dalpha")) > Decimal("1e-8"):
        raise CertificateError(f"signal point {key}: the recorded alpha* is not stationary")
    if Fraction(ga_s) * Fraction(ta_s) == 1:
        z = float(ka_s) / float(nu_s)
        closed = 2 * z / ((1 + z) * float(ga_s) * _zeta(float(nu_s)))
        _close(closed, _d(p["alpha_star_closed_form"], "alpha* closed form"), 1e-12, f"signal point {key}: alpha*")
        _close(closed, _d(p["alpha_star_numeric"], "alpha* numeric"), 1e-8, f"signal point {key}: numeric alpha*")


def _trajectory(t: dict, key: tuple) -> None:
    L = {k: float(t["L_T"][k]) for k in ("-delta", "0", "+delta")}
    ratio = L["+delta"] / L["-delta"]
    if abs(ratio - float(t["ratio_simulated"])) > 1e-12:
        raise CertificateError(f"trajectory {key}: ratio_simulated is not L_T(+delta)/L_T(-delta)")
    X = _d(t["X"], "X")
    if (ratio > 1) != (X > 0) or abs(ratio - float(t["ratio_theorem2"])) > 0.02:
        raise CertificateError(f"trajectory {key}: SE ratio {ratio:.6f} vs Theorem 2 {t['ratio_theorem2']} and "
                               f"sign X = {X:.3g} disagree")


def check(content: dict, base: Path, name: str) -> str:
    if name != "prop12.momentum":
        raise CertificateError(f"momentum certificate {name!r}: this ring checks only prop12.momentum")
    if content.get("reconstructed") is not True:
        raise CertificateError("prop12.momentum must be labelled reconstructed (the paper's formulas were lost)")
    facts = exact_facts()
    recorded = content["derivation"]["checks"]
    if set(recorded) != set(CHECKS):
        raise CertificateError(f"derivation checks {sorted(recorded)} are not the expected {sorted(CHECKS)}")
    for k in CHECKS:
        if k in facts and facts[k] is not recorded[k]:
            raise CertificateError(f"derivation check {k}: recomputed {facts[k]}, recorded {recorded[k]}")
    keys = [tuple(p[f] for f in ("family", "nu", "kappa")) for p in content["noise_points"]]
    if tuple(keys) != NOISE:
        raise CertificateError(f"noise points {keys} are not the checker's own {list(NOISE)}")
    skeys = [tuple(p[f] for f in ("family", "nu", "kappa", "gamma", "tau")) for p in content["signal_points"]]
    if tuple(skeys) != SIGNAL:
        raise CertificateError(f"signal points {skeys} are not the checker's own {list(SIGNAL)}")
    tkeys = [tuple(t[f] for f in ("family", "nu", "kappa")) for t in content["trajectories"]]
    if tuple(tkeys) != TRAJ:
        raise CertificateError(f"trajectory points {tkeys} are not the checker's own {list(TRAJ)}")
    for p, k in zip(content["noise_points"], NOISE, strict=True):
        _noise(p, k)
    for p, k in zip(content["signal_points"], SIGNAL, strict=True):
        _signal(p, k)
    for t, k in zip(content["trajectories"], TRAJ, strict=True):
        _trajectory(t, k)
    holds = all(facts.values()) and all(recorded.values())
    if holds is not content["holds"]:
        raise CertificateError(f"prop12.momentum: recomputed verdict {holds} differs from recorded {content['holds']}")
    return (f"momentum: per-direction terms and the g = 1 algebra re-derived exactly from the update rule "
            f"({sum(facts.values())}/{len(facts)} identities; c_U, c_V depend on alpha_eff only: recorded); "
            f"{len(NOISE)} noise, {len(SIGNAL)} signal, "
            f"{len(TRAJ)} trajectory records recomputed (recomputed, not re-run: Theorem 2 constants)")
