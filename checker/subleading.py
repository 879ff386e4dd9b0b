"""Outer ring for ``subleading`` certificates: the noise-phase subleading term and t* (paper Sec. 6, eqs. 28b, 29).

Standard library only. **What is checked is fixed here, not by the certificate**: the name
``eq29.subleading``, the five noise-dominated parameter points, ``T``, the fits (models, windows, numbers of
correction terms) and the thresholds

    |C_signal,fixed/C_signal − 1| ≤ 1e-3,   |C_signal,free/C_signal − 1| ≤ 1e-2,   |t*_free/t* − 1| ≤ 5e-2.

The statement: in the noise-dominated phase ``ζ > η = 2 − 1/ν``, ``L_t = C_noise t^{−η} + C_signal t^{−ζ} +
o(t^{−ζ})`` with the closed-form ``C_signal = c_V/(1 − Ũ(1))`` of eq. 28a, and ``t* = (C_signal/C_noise)^{1/(ζ−η)}``.
What is recomputed:

* ``C_noise``, ``C_signal``, ``t*`` in double precision by :mod:`checker.recompute` from the parameters alone
  (recorded values must agree to 1e-8 relative), and that the point is in the noise phase with ``Ũ(1) < 1``;
* the ladder of correction exponents, exactly in rationals from ν and κ (the singular exponents
  ``m + n s`` and ``ζ − 1 + j/ν + m + n s`` of ``L̃(1 − ε)``, ``s = 1 − 1/ν``; ``δ = e − s + m'``);
* every least-squares fit, from the recorded samples ``(t, L_t)``: the checker's own columns ``t^{−δ}`` in
  float, then the normal equations solved **exactly** in ``Fraction`` (so the only difference to the producer's
  SVD solve is the sensitivity of the fit to one-ulp changes of its data); recorded coefficients must agree to
  1e-6 relative;
* the values, the error estimates (largest change over the alternative fits) and the relative deviations
  from the checker's own closed forms, the thresholds and the ``holds`` flags;
* the recorded crossing bracket: ``L_t t^η/C_noise − 2`` changes sign between ``t`` and ``t + 1``;
* the second, high-precision route (generating function: coefficients of ``ε^{η−1}`` and ``ε^{ζ−1}`` of
  ``L̃(1 − ε)`` fitted over the Mellin ladder by the producer at 34 digits): its values are recorded, the ring
  recomputes their digits of agreement with the closed forms exactly (``Decimal``) and requires
  ``C_noise, C_signal ≥ 10``, ``t* ≥ 8`` digits.

Not recomputed: the SE trajectories (recorded observations of ``proofs.numerics.engine``, double precision),
the generating-function sums (high precision; recorded), and that the recorded crossing is the first one.
Verdict word: ``recomputed`` (a numerical confirmation, not a proof).
"""

from __future__ import annotations

import math
from fractions import Fraction

from . import recompute as R
from .errors import CertificateError
from .numerics import agree_digits, significant_digits

NAME = "eq29.subleading"
T = 100_000
POINTS = {
    "noise_nu2": dict(nu="2", kappa="3.3", alpha="0.5", beta="0.5", gamma="0.5", tau="1"),
    "noise_near_boundary": dict(nu="1.5", kappa="2.1", alpha="0.5", beta="0.3", gamma="0.5", tau="1"),
    "noise_negative_momentum": dict(nu="2", kappa="3.3", alpha="0.4", beta="-0.3", gamma="1", tau="0.5"),
    "subleading_nu2_kappa3.6": dict(nu="2", kappa="3.6", alpha="0.5", beta="0.5", gamma="0.5", tau="1"),
    "subleading_nu3_kappa6.3": dict(nu="3", kappa="6.3", alpha="0.5", beta="0.5", gamma="0.5", tau="1"),
}
N_FIXED, N_FREE = 5, 6
#: (model, window w: fit on t >= T // w, number of corrections); the first of each model is the main fit
FITS = [("fixed", 16, N_FIXED), ("fixed", 16, N_FIXED - 1), ("fixed", 64, N_FIXED),
        ("free", 16, N_FREE), ("free", 16, N_FREE - 1), ("free", 64, N_FREE)]
MAX_REL = {"C_signal_fixed": Fraction(1, 1000), "C_signal_free": Fraction(1, 100), "t_star_free": Fraction(1, 20)}
#: digits the (recorded, high-precision) generating-function route must reach, recomputed from the strings
MIN_GF_DIGITS = {"C_noise": 10, "C_signal": 10, "t_star": 8}
GF_DPS = 30
MIN_SAMPLES = 200
REL_TOL = 1e-8  # closed forms: record vs recomputation
FIT_TOL = 1e-6  # fitted coefficients: record vs exact re-solve
DELTA_MAX = Fraction(3)


def _fail(msg: str) -> None:
    raise CertificateError(f"{NAME}: {msg}")


def ladder(nu: Fraction, kappa: Fraction) -> list[Fraction]:
    """Correction exponents ``0 < δ ≤ 3`` of ``L_t t^η``; refuses logarithmic cases (``ζ + j/ν`` integer)."""
    s, zeta = 1 - 1 / nu, kappa / nu
    top = DELTA_MAX + s
    for j in range(int(top * nu) + 3):
        if (zeta + Fraction(j) / nu).denominator == 1:
            _fail(f"zeta + {j}/nu is an integer (logarithmic terms): not a point this ring covers")
    es = set()
    for n in range(int(top / s) + 3):
        for m in range(int(top) + 3):
            es.add(m + n * s)
            for j in range(int(top * nu) + 3):
                es.add(zeta - 1 + Fraction(j) / nu + m + n * s)
    ds = {e - s + m for e in es if e.denominator != 1 and e <= top for m in range(int(DELTA_MAX) + 2)}
    return sorted(d for d in ds if 0 < d <= DELTA_MAX)


def _float(x: object, what: str) -> float:
    if not isinstance(x, str):
        _fail(f"{what}: expected a decimal string, got {type(x).__name__}")
    try:
        v = float(Fraction(x))
    except (ValueError, ZeroDivisionError):
        _fail(f"{what}: not a finite decimal {x!r}")
    if not math.isfinite(v):
        _fail(f"{what}: not finite")
    return v


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol * max(abs(a), abs(b))


def lstsq_exact(ts: list[float], y: list[float], exps: list[Fraction]) -> list[Fraction]:
    """Least squares for ``y = c_0 + Σ c_i t^{−δ_i}``: float columns, normal equations solved exactly."""
    rows = [[Fraction(1)] + [Fraction(t ** -float(d)) for d in exps] for t in ts]
    yy = [Fraction(v) for v in y]
    n = len(exps) + 1
    M = [[sum(r[i] * r[j] for r in rows) for j in range(n)] + [sum(r[i] * v for r, v in zip(rows, yy, strict=True))]
         for i in range(n)]
    for c in range(n):  # Gauss-Jordan, exact
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            _fail("singular least-squares system")
        M[c], M[p] = M[p], M[c]
        piv = M[c][c]
        M[c] = [x / piv for x in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [x - f * y_ for x, y_ in zip(M[r], M[c], strict=True)]
    return [M[i][n] for i in range(n)]


def _point(rec: dict, name: str, want: dict) -> tuple[bool, dict]:
    where = f"point {name}"
    params = {"Lambda": "1", "Q": "1", **want}
    if rec.get("params") != params or rec.get("T") != T:
        _fail(f"{where}: parameters or T differ from the ring's table")
    nu, kappa = Fraction(want["nu"]), Fraction(want["kappa"])
    zeta, eta = kappa / nu, 2 - 1 / nu
    gap = zeta - eta
    if not gap > 0:
        _fail(f"{where}: not in the noise-dominated phase")
    for key, val in (("zeta", zeta), ("eta", eta), ("zeta_minus_eta", gap)):
        if Fraction(str(rec.get(key))) != val:
            _fail(f"{where}: recorded {key} {rec.get(key)!r} is not {val}")
    ds = ladder(nu, kappa)
    if ds[0] != gap:
        _fail(f"{where}: zeta - eta is not the first correction exponent")
    shifted = [d - gap for d in ds if d > gap]
    exps = rec.get("exponents", {})
    want_ladder, want_shifted = [str(d) for d in ds[:N_FREE]], [str(d) for d in shifted[:N_FIXED]]
    if exps.get("ladder") != want_ladder or exps.get("shifted") != want_shifted:
        _fail(f"{where}: recorded correction exponents differ from the ring's ladder {want_ladder}")
    th = R.theorem2(R.Problem(params))
    if not th["U1"][0] < 1:
        _fail(f"{where}: U(1) >= 1")
    own = {k: th[k] for k in ("C_noise", "C_signal", "t_star")}
    for k, (v, err) in own.items():
        if err > 1e-10 * abs(v):
            _fail(f"{where}: recomputed {k} error bound {err:.1e} too large")
        if not _close(_float(rec["closed_form"][k], f"{where}: {k}"), v, REL_TOL):
            _fail(f"{where}: closed form {k} = {rec['closed_form'][k]} differs from the recomputation {v!r}")
    smp = rec.get("samples", {})
    ts, Ls = smp.get("t"), smp.get("L")
    if not (isinstance(ts, list) and isinstance(Ls, list) and len(ts) == len(Ls) >= MIN_SAMPLES):
        _fail(f"{where}: fewer than {MIN_SAMPLES} samples")
    ints = all(isinstance(t, int) and not isinstance(t, bool) for t in ts)
    if not ints or any(b <= a for a, b in zip(ts, ts[1:], strict=False)):
        _fail(f"{where}: sample times must be strictly increasing integers")
    if ts[0] < T // 64 or ts[-1] > T - 1 or ts[-1] < T - 2:
        _fail(f"{where}: samples do not span [T/64, T)")
    L = [_float(x, f"{where}: L") for x in Ls]
    if any(not x > 0 for x in L):
        _fail(f"{where}: non-positive loss sample")
    Cn = _float(rec["closed_form"]["C_noise"], "C_noise")
    zf, ef = float(zeta), float(eta)
    fits = rec.get("fits")
    if not isinstance(fits, list) or [(f.get("model"), f.get("window"), f.get("n_corr")) for f in fits] != FITS:
        _fail(f"{where}: the fits are not the ring's {FITS}")
    got: dict[str, list] = {"fixed": [], "free": []}
    for f in fits:
        model, w, n = f["model"], f["window"], f["n_corr"]
        sel = [i for i, t in enumerate(ts) if t >= T // w]
        if f.get("t_lo") != ts[sel[0]]:
            _fail(f"{where}: fit window start {f.get('t_lo')} is not the first sample >= T/{w}")
        tt = [float(ts[i]) for i in sel]
        if model == "fixed":
            y = [t**zf * (L[i] - Cn * t**-ef) for t, i in zip(tt, sel, strict=True)]
            sol = lstsq_exact(tt, y, shifted[:n])
            coef = [float(sol[0])]
        else:
            y = [L[i] * t**ef for t, i in zip(tt, sel, strict=True)]
            sol = lstsq_exact(tt, y, ds[:n])
            coef = [float(sol[0]), float(sol[1])]
        rc = f.get("coefficients")
        if not isinstance(rc, list) or len(rc) != len(coef):
            _fail(f"{where}: {model} fit coefficients malformed")
        for j, (a, b) in enumerate(zip(rc, coef, strict=True)):
            if not _close(_float(a, "coefficient"), b, FIT_TOL):
                _fail(f"{where}: {model} fit (window T/{w}, {n} corrections) coefficient {j} = {a} differs from the "
                      f"exact re-solve {b!r}")
        got[model].append(coef)
    fixed = [c[0] for c in got["fixed"]]
    free_n = [c[0] for c in got["free"]]
    free_s = [c[1] for c in got["free"]]
    tfit = [(s / n) ** (1 / float(gap)) for n, s in zip(free_n, free_s, strict=True)]
    vals = {"C_signal_fixed": (fixed, own["C_signal"][0]), "C_noise_free": (free_n, own["C_noise"][0]),
            "C_signal_free": (free_s, own["C_signal"][0]), "t_star_free": (tfit, own["t_star"][0])}
    res = rec.get("results", {})
    if set(res) != set(vals):
        _fail(f"{where}: results must be exactly {sorted(vals)}")
    devs = {}
    for k, (xs, ref) in vals.items():
        r = res[k]
        err = max(abs(x - xs[0]) for x in xs[1:])
        dev = (xs[0] - ref) / ref
        if not _close(_float(r["value"], k), xs[0], FIT_TOL):
            _fail(f"{where}: {k} value {r['value']} differs from the recomputed {xs[0]!r}")
        if abs(_float(r["error"], k) - err) > FIT_TOL * abs(xs[0]) + 1e-3 * err:
            _fail(f"{where}: {k} error estimate {r['error']} differs from the recomputed {err!r}")
        if abs(_float(r["rel_dev"], k) - dev) > 1e-6:
            _fail(f"{where}: {k} relative deviation {r['rel_dev']} differs from the recomputed {dev!r}")
        devs[k] = dev
    gf = rec.get("generating_function")
    if not isinstance(gf, dict) or not set(MIN_GF_DIGITS) <= set(gf):
        _fail(f"{where}: generating_function must record {sorted(MIN_GF_DIGITS)}")
    gf_digits = {}
    for k, need in MIN_GF_DIGITS.items():
        g, ref = gf[k], rec["closed_form"][k]
        if g.get("required_digits") != need:
            _fail(f"{where}: generating_function {k} requires {g.get('required_digits')} digits, the ring {need}")
        if significant_digits(g["value"]) < 25:
            _fail(f"{where}: generating_function {k} value has fewer than 25 significant digits")
        d = agree_digits(ref, g["value"], GF_DPS)
        if g.get("agree_digits") != d:
            _fail(f"{where}: generating_function {k} agree_digits {g.get('agree_digits')} != recomputed {d}")
        gf_digits[k] = d
    holds = all(abs(devs[k]) <= MAX_REL[k] for k in MAX_REL) and all(
        gf_digits[k] >= MIN_GF_DIGITS[k] for k in MIN_GF_DIGITS)
    if rec.get("holds") is not holds:
        _fail(f"{where}: holds = {rec.get('holds')!r}, the thresholds give {holds}")
    cr = rec.get("crossing")
    if cr is not None:
        t0 = cr.get("t")
        if not isinstance(t0, int) or t0 < 10 or t0 >= T - 1:
            _fail(f"{where}: crossing time malformed")
        r0 = _float(cr["L_t"], "L_t") * t0**ef / Cn - 2
        r1 = _float(cr["L_t+1"], "L_t+1") * (t0 + 1) ** ef / Cn - 2
        if r0 * r1 > 0:
            _fail(f"{where}: L_t t^eta/C_noise - 2 does not change sign between t = {t0} and {t0 + 1}")
        if not _close(_float(cr["ratio_to_t_star"], "ratio"), t0 / own["t_star"][0], 1e-8):
            _fail(f"{where}: crossing ratio to t* is not t/t*")
    return holds, {**devs, "gf": gf_digits, "crossing": None if cr is None else t0 / own["t_star"][0]}


def check(content: dict, base, name: str) -> str:
    if name != NAME or content.get("claim") != NAME:
        _fail(f"certificate {name!r} / claim {content.get('claim')!r}: this ring checks only {NAME}")
    pts = content.get("points")
    if not isinstance(pts, list) or [p.get("name") for p in pts] != list(POINTS):
        _fail(f"the points must be exactly {list(POINTS)}")
    if content.get("thresholds") != {k: str(v) for k, v in MAX_REL.items()}:
        _fail("recorded thresholds differ from the ring's")
    out = {n: _point(p, n, POINTS[n]) for n, p in zip(POINTS, pts, strict=True)}
    holds = all(h for h, _ in out.values())
    if content.get("holds") is not holds:
        _fail(f"holds = {content.get('holds')!r}, the points give {holds}")
    worst = {k: max(abs(d[k]) for _, d in out.values()) for k in ("C_signal_fixed", "C_signal_free", "t_star_free")}
    cross = ", ".join(f"{n} {d['crossing']:.2g}" for n, (_, d) in out.items() if d["crossing"] is not None)
    gfd = {k: min(d["gf"][k] for _, d in out.values()) for k in MIN_GF_DIGITS}
    return (f"{NAME}: {len(out)} noise-phase points, closed forms recomputed, ladder derived exactly, "
            f"{len(FITS) * len(out)} fits re-solved exactly from the recorded samples: C_signal (C_noise fixed) "
            f"rel. dev. <= {worst['C_signal_fixed']:.1e}, free fit C_signal <= {worst['C_signal_free']:.1e}, "
            f"t* <= {worst['t_star_free']:.1e}; generating-function route (recorded, digits recomputed): C_noise "
            f">= {gfd['C_noise']}, C_signal >= {gfd['C_signal']}, t* >= {gfd['t_star']} digits; direct crossing "
            f"L t^eta = 2 C_noise at t/t* = {cross} "
            f"(observation); {'holds' if holds else 'FAILS'} (trajectories recorded, not re-run)")
