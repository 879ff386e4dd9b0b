"""Checker for numerics certificates (``kind = "numerics"``). Standard library only.

A numerics certificate records high-precision values as decimal strings; the checker cannot redo the
sums (no mpmath here) but re-derives everything that follows from the recorded strings:

* structure, ``precision_dps ≥ 30``, every number a finite decimal string;
* ``type = "constant"``: the closed-form value carries ``≥ 25`` significant digits and an error
  estimate ``≤ 10^−25 |value|``; for every independent route the recorded ``agree_digits`` equals
  ``⌊−log10(|x − y|/|x|)⌋`` (capped at the precision) recomputed with ``Decimal``; each route's
  ``required_digits`` is at least the minimum for its kind, and the family's main route is present
  (Theorem 2: generating function ≥ 10 digits; divergence: contour residue ≥ 8 digits);
* Theorem 2: the phase and the exponent follow exactly (``Fraction``) from the recorded ν and κ;
* every recorded comparison ``lhs rel rhs`` holds (``Decimal``);
* the status follows: ``confirmed``/``verified`` iff every route meets its threshold and every
  comparison holds, otherwise ``disagreement``/``refuted``;
* routes' ``r_agree_digits`` / ``exponent_agree_digits`` are recomputed from the recorded strings.

Then the ring *recomputes the records* from its own specification (``checker.recompute``: double
precision, head + Euler–Maclaurin tail, error bounds in its docstring), taking nothing from the
certificate but the parameters ν, κ, Λ, Q, α, β, γ, τ (and δ, the β list):

* Theorem 2: Ũ(1), Ṽ(1), c_U, c_V, C_signal, C_noise, t*, the main constant, the comparison Ũ(1) < 1 and
  the scaling limits ``(P_f, ρ_f)`` (the recorded expressions in b, evaluated exactly);
* divergence: Ũ(1), r (Ũ(r) = 1), Ṽ(r), Ũ′(r), C_div and the comparisons Ũ(1) > 1, r < 1;
* Prop. 3: each β's α_crit (Ũ(1) = 1), α_crit(1 ∓ δ), Ũ(1) and r there, and every comparison except the
  trajectory ones (``L_T`` of the SE engine to T = 20000: recorded observations, not recomputed);
* Prop. 4: λ_crit, 2/(γλ_crit), α_eff,crit(β), the relative gaps, the β → 1 extrapolation, every comparison.

A recorded value must agree with the recomputation to ``REL_TOL = 1e-8`` relative (plus half a unit of
its last recorded digit); the recomputation's own error bound must be ``≤ 1e-10`` relative. Every
recorded quantity must be one the specification knows. This is a recomputation in a second precision and
code base — evidence against a wrong or doctored record, not a proof of the digits beyond 1e-8.
"""

from __future__ import annotations

import ast
import math
import re
from decimal import Decimal, InvalidOperation, localcontext
from fractions import Fraction
from pathlib import Path

from . import recompute as R
from .errors import CertificateError

MIN_DPS = 30
MIN_SIGNIFICANT = 25
#: minimum number of agreeing digits a route may demand of itself
MIN_REQUIRED = {"generating_function": 10, "contour_residue": 8, "time_domain": 1, "partial_sum": 6,
                "beta_to_one_extrapolation": 2}
#: the route each family must contain, with the least number of digits it must demand
FAMILY_MAIN = {"theorem2": ("generating_function", 10), "divergence": ("contour_residue", 8)}
RELATIONS = {"<": lambda x, y: x < y, "<=": lambda x, y: x <= y, ">": lambda x, y: x > y,
             ">=": lambda x, y: x >= y}


def dec(s: object, what: str) -> Decimal:
    """A finite ``Decimal`` from a decimal string (not a float)."""
    if not isinstance(s, str):
        raise CertificateError(f"{what}: expected a decimal string, got {type(s).__name__}")
    try:
        d = Decimal(s)
    except InvalidOperation as exc:
        raise CertificateError(f"{what}: not a decimal number: {s!r}") from exc
    if not d.is_finite():
        raise CertificateError(f"{what}: not finite: {s!r}")
    return d


def significant_digits(s: str) -> int:
    mant = s.strip().lstrip("+-").lower().split("e")[0].replace(".", "").lstrip("0")
    return len(mant)


def agree_digits(x: str, y: str, cap: int) -> int:
    """``⌊−log10(|x − y|/|x|)⌋`` clipped to ``[0, cap]``, exactly from the decimal strings."""
    a, b = dec(x, "value"), dec(y, "value")
    with localcontext() as ctx:
        ctx.prec = max(80, cap + 40)
        if a == b:
            return cap
        if a == 0:
            return 0
        rel = abs(a - b) / abs(a)
        d = math.floor(-rel.log10())
    return max(0, min(cap, d))


def _check_route(r: dict, main_value: str, dps: int) -> bool:
    kind = r["route"]
    if kind not in MIN_REQUIRED:
        raise CertificateError(f"unknown route kind {kind!r}")
    for key in ("value", "error"):
        dec(r[key], f"route {kind} {key}")
    if dec(r["error"], "error") < 0:
        raise CertificateError(f"route {kind}: negative error estimate")
    if not isinstance(r.get("method"), str) or not r["method"]:
        raise CertificateError(f"route {kind}: method not stated")
    req = r["required_digits"]
    if not isinstance(req, int) or req < MIN_REQUIRED[kind]:
        raise CertificateError(f"route {kind}: required_digits {req!r} below the minimum {MIN_REQUIRED[kind]}")
    got = agree_digits(main_value, r["value"], dps)
    if r["agree_digits"] != got:
        raise CertificateError(f"route {kind}: recorded agree_digits {r['agree_digits']} but the recorded "
                               f"values agree to {got} digits")
    return got >= req


def _check_comparisons(comps: list) -> bool:
    ok = True
    for c in comps:
        if c["rel"] not in RELATIONS:
            raise CertificateError(f"unknown relation {c['rel']!r}")
        holds = RELATIONS[c["rel"]](dec(c["lhs"], c["what"]), dec(c["rhs"], c["what"]))
        if bool(c["holds"]) != holds:
            raise CertificateError(f"comparison {c['what']!r}: recorded holds={c['holds']} but it is {holds}")
        ok &= holds
    return ok


def _frac(s: str) -> Fraction:
    return Fraction(dec(s, "parameter"))


def _check_theorem2_phase(content: dict, dps: int) -> None:
    p = content["point"]["params"]
    nu, kappa = _frac(p["nu"]), _frac(p["kappa"])
    zeta, eta = kappa / nu, 2 - 1 / nu
    phase = "signal-dominated" if zeta < eta else "noise-dominated" if zeta > eta else "boundary"
    if content["phase"] != phase:
        raise CertificateError(f"phase {content['phase']!r} does not follow from nu, kappa (expected {phase})")
    expo = min(zeta, eta)
    rec = _frac(content["exponent"])
    if abs(rec - expo) > Fraction(1, 10 ** (dps - 3)):
        raise CertificateError(f"exponent {content['exponent']} differs from min(kappa/nu, 2 - 1/nu) = {expo}")


def check(content: dict, base: Path) -> str:
    dps = content["precision_dps"]
    if not isinstance(dps, int) or dps < MIN_DPS:
        raise CertificateError(f"precision_dps = {dps!r} < {MIN_DPS}")
    for key in ("claim", "statement", "source", "normalisation"):
        if not isinstance(content.get(key), str) or not content[key]:
            raise CertificateError(f"missing {key}")
    typ = content["type"]
    comps_ok = _check_comparisons(content.get("comparisons", []))
    if typ == "constant":
        val = content["value"]
        v, e = dec(val["value"], "value"), dec(val["error"], "value error")
        if significant_digits(val["value"]) < MIN_SIGNIFICANT:
            raise CertificateError(f"value {val['value']} has fewer than {MIN_SIGNIFICANT} significant digits")
        if not (0 <= e <= abs(v) * Decimal(10) ** -MIN_SIGNIFICANT):
            raise CertificateError(f"error estimate {val['error']} does not give {MIN_SIGNIFICANT} correct digits")
        routes = content["routes"]
        if not routes:
            raise CertificateError("no independent route")
        oks = [_check_route(r, val["value"], dps) for r in routes]
        fam = content["family"]
        if fam in FAMILY_MAIN:
            kind, least = FAMILY_MAIN[fam]
            if not any(r["route"] == kind and r["required_digits"] >= least for r in routes):
                raise CertificateError(f"{fam} certificate lacks a {kind} route demanding >= {least} digits")
        if fam == "theorem2":
            _check_theorem2_phase(content, dps)
        expected = "confirmed" if all(oks) and comps_ok else "disagreement"
        summary = ", ".join(f"{r['route']} {r['agree_digits']} digits" for r in routes)
    elif typ == "comparisons":
        if not content.get("comparisons"):
            raise CertificateError("no comparisons recorded")
        oks = [_check_route(r, r["reference"], dps) for r in content.get("routes", [])]
        for r in content.get("routes", []):
            dec(r["reference"], "route reference")
        expected = "verified" if comps_ok and all(oks) else "refuted"
        summary = f"{len(content['comparisons'])} comparisons hold" if comps_ok else "a comparison fails"
    else:
        raise CertificateError(f"unknown numerics type {typ!r}")
    if content["status"] != expected:
        raise CertificateError(f"status {content['status']!r} does not follow from the thresholds ({expected})")
    _check_side_digits(content, dps)
    spec = SPECS.get(content.get("family"))
    if spec is None:
        raise CertificateError(f"no recomputation specification for family {content.get('family')!r}")
    names = spec(content)
    routes = ", ".join(f"{r['route']} {r['agree_digits']}" for r in content.get("routes", []))
    routes = f"; routes {routes} digits as recorded" if routes else ""
    extra = f"; {summary}" if typ == "comparisons" else ""
    return (f"{content['claim']}: {expected} ({len(names)} recorded values recomputed independently to "
            f"{REL_TOL:.0e}{routes}{extra})")


# --------------------------------------------------------------------------------------------------
# the specification: recompute every recorded number (checker.recompute)

#: relative agreement demanded of each recorded value, and the largest error the recomputation may have
REL_TOL = 1e-8
MAX_ERR = 1e-10


def _check_side_digits(content: dict, dps: int) -> None:
    """``r_agree_digits`` and ``exponent_agree_digits`` of the routes follow from the recorded strings."""
    for r in content.get("routes", []):
        if "r_agree_digits" in r:
            got = agree_digits(content["quantities"]["r"]["value"], r["r"], dps)
            if r["r_agree_digits"] != got:
                raise CertificateError(f"route {r['route']}: recorded r_agree_digits {r['r_agree_digits']} but "
                                       f"the recorded r values agree to {got} digits")
        if "exponent_agree_digits" in r:
            got = agree_digits(content["exponent"], r["exponent_estimate"], dps)
            if r["exponent_agree_digits"] != got:
                raise CertificateError(f"route {r['route']}: recorded exponent_agree_digits "
                                       f"{r['exponent_agree_digits']} but the recorded exponents agree to {got}")


def _recompute(fn, *args):
    try:
        return fn(*args)
    except (ValueError, ZeroDivisionError, OverflowError) as exc:
        raise CertificateError(f"independent recomputation failed: {exc}") from exc


def _agree(what: str, recorded: object, approx: tuple[float, float], done: list) -> None:
    """``recorded`` (a decimal string) agrees with ``approx = (value, error bound)`` to ``REL_TOL``."""
    val, err = approx
    if not (math.isfinite(val) and math.isfinite(err)) or err > MAX_ERR * abs(val):
        raise CertificateError(f"{what}: the independent recomputation is not accurate enough (value {val!r}, "
                               f"error bound {err:.2e} > {MAX_ERR:.0e} relative)")
    x = dec(recorded, what)
    with localcontext() as ctx:
        ctx.prec = 40
        v = Decimal(val)
        half_ulp = Decimal(5) * Decimal(10) ** (x.as_tuple().exponent - 1)
        diff = abs(x - v)
        if diff > Decimal(REL_TOL) * abs(v) + half_ulp:
            rel = diff / abs(v) if v else Decimal("Infinity")
            raise CertificateError(f"{what}: recorded {recorded} but the independent recomputation gives {val!r} "
                                   f"(relative difference {float(rel):.2e} > tolerance {REL_TOL:.0e})")
    done.append(what)


def _exact(what: str, recorded: object, value: Fraction, done: list) -> None:
    if Fraction(dec(recorded, what)) != value:
        raise CertificateError(f"{what}: recorded {recorded} but it must be exactly {value}")
    done.append(what)


def _problem(params: dict, **kw) -> R.Problem:
    for key, s in params.items():
        dec(s, f"parameter {key}")
    return _recompute(R.Problem, params, *(kw.get(k) for k in ("alpha", "beta")))


def _comparisons(content: dict, expected: list, done: list) -> None:
    """The recorded comparisons are exactly ``expected``: ``(what pattern, lhs, rel, rhs)`` with ``lhs``/``rhs``
    an ``(value, error)`` to recompute, a ``Fraction`` to match exactly, a string to match verbatim, or
    ``None`` (a recorded observation that is not recomputed; the relation itself was checked)."""
    comps = content.get("comparisons", [])
    if len(comps) != len(expected):
        raise CertificateError(f"{len(comps)} comparisons recorded, the specification has {len(expected)}")
    for c, (pat, lhs, rel, rhs) in zip(comps, expected, strict=True):
        if not re.fullmatch(pat, c["what"]) or c["rel"] != rel:
            raise CertificateError(f"comparison {c['what']!r} {c['rel']}: the specification expects "
                                   f"/{pat}/ {rel} here")
        for side, want in (("lhs", lhs), ("rhs", rhs)):
            what = f"comparison {c['what']!r} {side}"
            if isinstance(want, tuple):
                _agree(what, c[side], want, done)
            elif isinstance(want, Fraction):
                _exact(what, c[side], want, done)
            elif isinstance(want, str) and c[side] != want:
                raise CertificateError(f"{what}: recorded {c[side]} but it must be {want}")


def _quantities(rec: dict, got: dict, known: set, done: list) -> None:
    unknown = set(rec) - known
    if unknown:
        raise CertificateError(f"recorded quantities {sorted(unknown)} are not in the specification "
                               "(nothing unrecomputable is accepted)")
    for name, q in rec.items():
        if name not in got:
            raise CertificateError(f"quantity {name} is recorded but undefined at these parameters")
        _agree(f"quantity {name}", q["value"], got[name], done)


def _expr_in_b(text: str, b: Fraction) -> Fraction:
    """Evaluate a recorded rational expression in ``b`` exactly (numbers, b, + − * /, integer **)."""
    def ev(n: ast.AST) -> Fraction:
        if isinstance(n, ast.Expression):
            return ev(n.body)
        if isinstance(n, ast.Constant) and isinstance(n.value, int) and not isinstance(n.value, bool):
            return Fraction(n.value)
        if isinstance(n, ast.Name) and n.id == "b":
            return b
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub | ast.UAdd):
            x = ev(n.operand)
            return -x if isinstance(n.op, ast.USub) else x
        if isinstance(n, ast.BinOp):
            x = ev(n.left)
            if isinstance(n.op, ast.Pow):
                if not (isinstance(n.right, ast.Constant) and isinstance(n.right.value, int)):
                    raise CertificateError(f"{text!r}: only integer powers")
                return x ** n.right.value
            y = ev(n.right)
            ops = {ast.Add: lambda: x + y, ast.Sub: lambda: x - y, ast.Mult: lambda: x * y, ast.Div: lambda: x / y}
            if type(n.op) in ops:
                return ops[type(n.op)]()
        raise CertificateError(f"{text!r}: not a rational expression in b")

    if not isinstance(text, str) or len(text) > 200:
        raise CertificateError("scaling limit: expected a short expression string")
    try:
        return ev(ast.parse(text, mode="eval"))
    except (SyntaxError, ZeroDivisionError) as exc:
        raise CertificateError(f"scaling limit {text!r}: {exc}") from exc


def _scaling_limits(content: dict, pr: R.Problem, done: list) -> None:
    """The recorded ``P_f(b)``, ``ρ_f(b)`` equal the derived scaling limits at the certificate's b and at
    b ∈ {0, 1/3, −1/2, 7/10} (rational functions of low degree: a spot check, plus the exact value used)."""
    rec = content["scaling_limits"]
    if set(rec) != {"u", "v"}:
        raise CertificateError("scaling_limits: expected exactly u and v")
    for b in (pr.beta_q, Fraction(0), Fraction(1, 3), Fraction(-1, 2), Fraction(7, 10)):
        m = _recompute(R._model, b, pr.g_q)
        for f in ("u", "v"):
            P, rho = _recompute(m.scaling, f)
            if _expr_in_b(rec[f]["P"], b) != P or _expr_in_b(rec[f]["rho"], b) != rho:
                raise CertificateError(f"scaling_limits {f}: recorded P = {rec[f]['P']}, rho = {rec[f]['rho']} but "
                                       f"the derivation gives P = {P}, rho = {rho} at b = {b}")
    done.append("scaling_limits")


def _spec_theorem2(content: dict) -> list:
    done: list = []
    pr = _problem(content["point"]["params"])
    got = _recompute(R.theorem2, pr)
    name = content["value"]["name"]
    want = "C_signal" if content["phase"] == "signal-dominated" else "C_noise"
    if name != want:
        raise CertificateError(f"main value is {name!r} but the {content['phase']} phase's constant is {want}")
    if name not in got:
        raise CertificateError(f"{name} is undefined at these parameters")
    _agree(f"value {name}", content["value"]["value"], got[name], done)
    _quantities(content["quantities"], got, {"U1", "V1", "c_U", "c_V", "C_signal", "C_noise", "t_star"}, done)
    for need in ("U1", name):
        if need not in content["quantities"]:
            raise CertificateError(f"quantity {need} not recorded")
    _comparisons(content, [(re.escape("Theorem 2 needs U(1) < 1"), got["U1"], "<", Fraction(1))], done)
    _scaling_limits(content, pr, done)
    return done


def _spec_divergence(content: dict) -> list:
    done: list = []
    pr = _problem(content["point"]["params"])
    got = _recompute(R.divergence, pr)
    if content["value"]["name"] != "C_div":
        raise CertificateError(f"main value is {content['value']['name']!r}, expected C_div")
    _agree("value C_div", content["value"]["value"], got["C_div"], done)
    _quantities(content["quantities"], got, {"U1", "r", "V_r", "U_prime_r"}, done)
    for need in ("r", "V_r", "U_prime_r") + (("U1",) if "U1" in got else ()):
        if need not in content["quantities"]:
            raise CertificateError(f"quantity {need} not recorded")
    comps = [(re.escape("root r in (0, 1)"), got["r"], "<", Fraction(1))]
    if "U1" in got:
        comps.insert(0, (re.escape("eq. 24 needs U(1) > 1"), got["U1"], ">", Fraction(1)))
    _comparisons(content, comps, done)
    return done


def _betas(content: dict) -> list[str]:
    betas = content["point"]["betas"]
    if not betas or not all(isinstance(b, str) for b in betas):
        raise CertificateError("point.betas: expected a non-empty list of decimal strings")
    for b in betas:
        dec(b, "beta")
    return betas


def _spec_prop3(content: dict) -> list:
    done: list = []
    params = dict(content["point"]["params"])
    delta = Fraction(dec(params.pop("delta"), "delta"))
    betas = _betas(content)
    rows = content["rows"]
    if [r["beta"] for r in rows] != betas:
        raise CertificateError("rows do not follow point.betas")
    comps: list = []
    for row, b in zip(rows, betas, strict=True):
        base = _problem(params, alpha="0", beta=b)
        ac = _recompute(R.critical_alpha, base)
        _agree(f"beta={b}: alpha_crit", row["alpha_crit"], ac, done)
        bq = Fraction(dec(b, "beta"))
        for side, fac in (("below", 1 - delta), ("above", 1 + delta)):
            s = row[side]
            _agree(f"beta={b}: {side}.alpha", s["alpha"], (ac[0] * float(fac), ac[1] * float(fac)), done)
            pr = _problem(params, alpha=s["alpha"], beta=b)
            _recompute(pr.validate)
            U1 = _recompute(pr.U, Fraction(0))
            _agree(f"beta={b}: {side}.U1", s["U1"], U1, done)
            al = f"beta={re.escape(b)}: alpha=[-+0-9.e]+ " + re.escape(f"({side}) inside the noiseless region")
            comps.append((al, (pr.alpha * pr.Lambda, 4 * R.EPS * pr.alpha * pr.Lambda), "<", 2 * (1 + bq)))
            if side == "below":
                comps.append((f"beta={re.escape(b)}: " + re.escape("U(1) < 1 below"), U1, "<", Fraction(1)))
                comps.append((f"beta={re.escape(b)}: " + re.escape("L_T < L_(T/2) < L_0 below (converges)"),
                              None, "<", None))
            else:
                r = _recompute(R.root_r, pr)
                _agree(f"beta={b}: above.r", s["r"], r, done)
                comps.append((f"beta={re.escape(b)}: " + re.escape("U(1) > 1 above"), U1, ">", Fraction(1)))
                comps.append((f"beta={re.escape(b)}: " + re.escape("L_T > L_0 above (diverges)"), None, ">", None))
                ad = agree_digits(s["r"], s["growth_ratio"], 9)
                comps.append((f"beta={re.escape(b)}: " + re.escape("growth ratio L_(T-2)/L_(T-1) matches r to >= 4 "
                                                                   "digits"), str(ad), ">=", Fraction(4)))
    _comparisons(content, comps, done)
    return done


def _spec_prop4(content: dict) -> list:
    done: list = []
    params = content["point"]["params"]
    betas = _betas(content)
    pr = _problem(params, alpha="0", beta="0")
    lc = _recompute(R.lambda_crit, pr)
    _agree("lambda_crit", content["lambda_crit"]["value"], lc, done)
    bound = (2 / (pr.gamma * lc[0]), 2 / (pr.gamma * lc[0]) * (_rel(lc) + 4 * R.EPS))
    _agree("bound 2/(gamma lambda_crit)", content["bound"], bound, done)
    rows = content["alpha_eff_crit"]
    if [r["beta"] for r in rows] != betas:
        raise CertificateError("alpha_eff_crit rows do not follow point.betas")
    crit = []
    for row in rows:
        q = _problem(params, alpha="0", beta=row["beta"])
        ac, e = _recompute(R.critical_alpha, q)
        ae = (ac / (1 - q.beta), e / (1 - q.beta) + 4 * R.EPS * ac / (1 - q.beta))
        crit.append(ae)
        _agree(f"beta={row['beta']}: alpha_eff_crit", row["value"], ae, done)
        gap = (bound[0] - ae[0]) / bound[0]
        _agree(f"beta={row['beta']}: relative_gap", row["relative_gap"],
               (gap, (bound[1] + ae[1]) / bound[0] + abs(gap) * _rel(bound)), done)
    comps: list = []
    for b, ae in zip(betas, crit, strict=True):
        comps.append((f"beta={re.escape(b)}: " + re.escape("alpha_eff,crit < 2/(gamma lambda_crit)"), ae, "<", bound))
    for i in range(len(betas) - 1):
        b1, b2, x1, x2 = betas[i], betas[i + 1], crit[i], crit[i + 1]
        comps.append((re.escape(f"alpha_eff,crit increases from beta={b1} to beta={b2}"), x1, "<", x2))
    gap = (bound[0] - crit[-1][0]) / bound[0]
    comps.append((re.escape(f"relative gap at beta={betas[-1]} below 1e-2 (tight as beta -> 1)"),
                  (gap, (bound[1] + crit[-1][1]) / bound[0] + abs(gap) * _rel(bound)), "<", Fraction(1, 100)))
    _comparisons(content, comps, done)
    routes = {r["route"]: r for r in content["routes"]}
    if set(routes) != {"partial_sum", "beta_to_one_extrapolation"} or len(content["routes"]) != 2:
        raise CertificateError("prop4 routes: expected partial_sum and beta_to_one_extrapolation")
    ps, ex = routes["partial_sum"], routes["beta_to_one_extrapolation"]
    if ps["quantity"] != "lambda_crit" or ps["reference"] != content["lambda_crit"]["value"]:
        raise CertificateError("partial_sum route: reference must be the recorded lambda_crit")
    if ex["quantity"] != "2/(gamma lambda_crit)" or ex["reference"] != content["bound"]:
        raise CertificateError("beta_to_one_extrapolation route: reference must be the recorded bound")
    if len(betas) < 2:
        raise CertificateError("the extrapolation needs two betas")
    e1, e2 = 1 - float(Fraction(dec(betas[-2], "beta"))), 1 - float(Fraction(dec(betas[-1], "beta")))
    (a1, d1), (a2, d2) = crit[-2], crit[-1]
    extrap = (a2 * e1 - a1 * e2) / (e1 - e2)
    _agree("beta_to_one_extrapolation value", ex["value"],
           (extrap, (d2 * e1 + d1 * e2) / abs(e1 - e2) + 8 * R.EPS * abs(extrap)), done)
    return done


def _rel(x: tuple[float, float]) -> float:
    return x[1] / abs(x[0])


SPECS = {"theorem2": _spec_theorem2, "divergence": _spec_divergence, "prop3": _spec_prop3,
         "prop4": _spec_prop4}
