"""Numerics evidence: closed forms at high precision against independent routes, recorded in certificates.

A numerics certificate (``kind = numerics``) of a *family* records either one ``constant`` — a
closed-form value (Theorem 2's ``C_signal``/``C_noise`` of eqs. 28a/28b, eq. 24's ``C_div = V~(r)/(r
U~'(r))``) at >= 25 digits with independent routes (the singular coefficient of ``L~ = V~/(1 - U~)`` at
``z -> 1``, the residue of ``L~`` at its pole ``r``, ``L_t`` of SE trajectories) and their digits of
agreement — or ``comparisons``: recorded inequalities between high-precision values (Prop. 3's switch
at ``U~(1) = 1``, Prop. 4's bound ``alpha_eff < 2/(gamma lambda_crit)`` and its tightness as
``beta -> 1``, eqs. 22-23).

A family is *confirmed numerically* iff every certificate of it the statement needs (all phases) is
accepted by the independent checker, records agreement, and the statement's deciding route reaches its
digits at every point. A rejected certificate degrades the whole family: its recorded phase cannot be
trusted. Digits shown are capped by the digits actually recorded.
"""

from __future__ import annotations

from audit.evidence import Numerics
from audit.records import CertRecord
from audit.status import Outcome

#: short names of the numerics routes (``content.routes[].route``); unknown kinds are shown verbatim
ROUTE_NAMES = {
    "generating_function": "generating-function route (singular coefficient of L~ = V~/(1-U~) as z -> 1)",
    "time_domain": "time-domain route (SE engine trajectory, extrapolation in t)",
    "contour_residue": "contour route (residue of L~ at its pole r by the trapezoidal rule)",
    "partial_sum": "double-precision partial sum + integral tail",
    "beta_to_one_extrapolation": "extrapolation of the critical alpha_eff to beta = 1",
}
CONFIRMED = {"confirmed", "verified"}
MAX_SHOWN = 6  # comparisons listed in a detail


def _short(x: object, digits: int = 6) -> str:
    """A recorded decimal string shortened for display (the certificate keeps every digit)."""
    try:
        return f"{float(str(x)):.{digits}g}"
    except ValueError:
        return str(x)


def _sig(x: object) -> int:
    """Significant digits of a recorded decimal string (a large number if it is not one)."""
    if not (isinstance(x, str) and x):
        return 10**6
    return len(x.strip().lstrip("+-").lower().split("e")[0].replace(".", "").lstrip("0"))


def _span(vals: list[int]) -> str:
    return f"{min(vals)}" if min(vals) == max(vals) else f"{min(vals)}-{max(vals)}"


def _point(r: CertRecord) -> str:
    pt = r.content.get("point")
    return str(pt.get("name", r.name)) if isinstance(pt, dict) else r.name


def _failures(c: dict) -> str:
    """Which routes miss their threshold and which comparisons fail, from the recorded content."""
    bad = [
        f"{x.get('route')} {x.get('agree_digits')} < {x.get('required_digits')} digits"
        for x in c.get("routes", []) or []
        if isinstance(x, dict) and not (x.get("agree_digits", 0) >= x.get("required_digits", 0))
    ]
    bad += [
        f"comparison '{x.get('what')}' fails"
        for x in c.get("comparisons", []) or []
        if isinstance(x, dict) and not x.get("holds")
    ]
    return "; ".join(bad) or f"status {c.get('status')!r}"


def _constant_outcome(ev: Numerics, hits: list[CertRecord]) -> Outcome:
    """Type ``constant``: closed form vs independent routes, the digits of each route over the points."""
    main_kind = ev.route
    by_kind: dict[str, list[tuple[str, int]]] = {}
    expo: list[int] = []
    for r in hits:
        for x in r.content.get("routes", []):
            # a value recorded to n digits cannot show more than n agreeing digits (rounding may make it equal)
            d = min(int(x.get("agree_digits", 0)), _sig(x.get("value")))
            by_kind.setdefault(str(x.get("route")), []).append((_point(r), d))
            if "exponent_agree_digits" in x:
                expo.append(min(int(x["exponent_agree_digits"]), _sig(x.get("exponent_estimate"))))
    files = [r.file for r in hits]
    lacking = [_point(r) for r in hits if not any(x.get("route") == main_kind for x in r.content.get("routes", []))]
    if main_kind and lacking:
        return Outcome("not covered", "numerics", f"no {main_kind} route at {', '.join(lacking)}", files)
    main = [d for _, d in by_kind.get(main_kind, [])]
    if main and min(main) < ev.min_digits:
        worst = min(by_kind[main_kind], key=lambda t: t[1])
        return Outcome(
            "not covered",
            "numerics",
            f"{main_kind} route agrees to only {worst[1]} digits at {worst[0]} (< {ev.min_digits} required)",
            files,
            str(worst[1]),
        )
    dps = sorted({int(r.content.get("precision_dps", 0)) for r in hits})
    names = sorted({str(r.content.get("value", {}).get("name", "value")) for r in hits})
    phases = sorted({str(r.content["phase"]) for r in hits if r.content.get("phase")})
    parts = []
    for kind in [main_kind] + sorted(k for k in by_kind if k != main_kind):
        if kind not in by_kind:
            continue
        pts = by_kind[kind]
        extra = f"; exponent to {_span(expo)} digits" if kind == "time_domain" and expo else ""
        parts.append(
            f"{kind}: {_span([d for _, d in pts])} digits ("
            + ", ".join(f"{n} {d}" for n, d in pts)
            + f"{extra})"
        )
    detail = (
        f"{'/'.join(names)} in closed form ({'/'.join(map(str, dps))} digits) vs independent routes at "
        f"{len(hits)} point(s)" + (f" [{', '.join(phases)}]" if phases else "") + ": " + "; ".join(parts)
    )
    if ev.scope:
        detail += f". Confirms: {ev.scope}"
    method = "closed form (mpmath) vs " + " and ".join(ROUTE_NAMES.get(k, k) for k in [main_kind] if k)
    others = [ROUTE_NAMES.get(k, k) for k in sorted(by_kind) if k != main_kind]
    if others:
        method += "; also " + ", ".join(others)
    return Outcome("confirmed numerically", method, detail, files, str(min(main)) if main else "")


def _stability_row(x: dict) -> str:
    """One momentum of the Prop. 3 certificate: both sides of the boundary U~(1) = 1."""
    lo, hi = x.get("below", {}) or {}, x.get("above", {}) or {}
    return (
        f"beta={x.get('beta')}, alpha_crit={_short(x.get('alpha_crit'))}: below U~(1)={_short(lo.get('U1'), 4)}, "
        f"L_T/L_0={_short(lo.get('L_T_over_L_0'), 3)} at T={lo.get('T')}; above U~(1)={_short(hi.get('U1'), 4)}, "
        f"L_T/L_0={_short(hi.get('L_T_over_L_0'), 3)} at T={hi.get('T')}, growth ratio "
        f"{hi.get('growth_ratio')} vs r={hi.get('r')}"
    )


def _comparisons_outcome(ev: Numerics, hits: list[CertRecord]) -> Outcome:
    """Type ``comparisons``: the recorded inequalities (optionally those matching ``select``) and routes."""
    comps = [
        x
        for r in hits
        for x in r.content.get("comparisons", [])
        if isinstance(x, dict) and (not ev.select or any(t in str(x.get("what")) for t in ev.select))
    ]
    files = [r.file for r in hits]
    if not comps:
        return Outcome("not covered", "numerics", f"no recorded comparison matching {ev.select!r}", files)
    show = "; ".join(
        f"{x.get('what')}: {_short(x.get('lhs'))} {x.get('rel')} {_short(x.get('rhs'))}" for x in comps[:MAX_SHOWN]
    )
    if len(comps) > MAX_SHOWN:
        show += f"; ... ({len(comps) - MAX_SHOWN} more, all hold)"
    rows = [x for r in hits for x in r.content.get("rows", []) or [] if isinstance(x, dict)]
    if rows and not ev.select:  # Prop. 3: one line per momentum instead of the comparison list
        show = "; ".join(_stability_row(x) for x in rows)
    gaps = [x for r in hits for x in r.content.get("alpha_eff_crit", []) or [] if isinstance(x, dict)]
    if gaps and any("tight" in t for t in ev.select):
        show += ". Relative gap (bound - critical alpha_eff)/bound: " + ", ".join(
            f"beta={x.get('beta')}: {_short(x.get('relative_gap'), 3)}" for x in gaps
        )
    routes = [x for r in hits for x in r.content.get("routes", []) if isinstance(x, dict)]
    rt = "; ".join(
        f"{x.get('quantity', x.get('route'))} by {ROUTE_NAMES.get(str(x.get('route')), x.get('route'))}: "
        f"{min(int(x.get('agree_digits', 0)), _sig(x.get('value')))} digits" for x in routes
    )
    dps = sorted({int(r.content.get("precision_dps", 0)) for r in hits})
    detail = f"{len(comps)} recorded comparison(s) hold ({'/'.join(map(str, dps))}-digit values): {show}"
    if rt:
        detail += f". Routes: {rt}"
    if ev.scope:
        detail += f". Confirms: {ev.scope}"
    methods = sorted({str(r.content.get("method")) for r in hits if r.content.get("method")})
    method = "; ".join(methods) or "closed forms at high precision (mpmath, Euler-Maclaurin sums), recorded comparisons"
    return Outcome("confirmed numerically", method, detail, files)


def assess_numerics(ev: Numerics, recs: dict[str, CertRecord]) -> Outcome:
    """Confirmed numerically iff every certificate of the family (and phases) is accepted and confirmed."""
    family = [r for _, r in sorted(recs.items()) if r.kind == "numerics" and r.content.get("family") == ev.family]
    # a certificate failing the checker cannot be trusted about its own phase: it degrades the whole family
    bad = [r for r in family if not r.valid]
    if bad:
        return Outcome(
            "check failed", "numerics", "; ".join(f"{r.file}: {r.check_detail}" for r in bad), [r.file for r in bad]
        )
    hits = [r for r in family if not ev.phases or r.content.get("phase") in ev.phases]
    what = ev.family + (f" ({', '.join(ev.phases)})" if ev.phases else "")
    if not hits:
        return Outcome("not covered", "numerics", f"no numerics certificate of family {what}")
    missing = [ph for ph in ev.phases if not any(r.content.get("phase") == ph for r in hits)]
    files = [r.file for r in hits]
    if missing:
        return Outcome("not covered", "numerics", f"no numerics certificate for the {', '.join(missing)} phase", files)
    failing = [r for r in hits if r.content.get("status") not in CONFIRMED]
    if failing:
        return Outcome(
            "refuted",
            "numerics",
            "the independent routes disagree with the closed form: "
            + "; ".join(f"{r.file}: {_failures(r.content)}" for r in failing),
            [r.file for r in failing],
        )
    if ev.quantity != "main":
        vals = [
            (_point(r), r.content.get("quantities", {}).get(ev.quantity, {}).get("value"))
            for r in hits
        ]
        vals = [(n, v) for n, v in vals if v is not None]
        if not vals:
            return Outcome("not covered", "numerics", f"{ev.quantity} is not recorded", files)
        return Outcome(
            "not covered",
            "closed form only",
            f"{ev.quantity} is computed in closed form at {len(vals)} point(s) ("
            + ", ".join(f"{n}: {_short(v, 8)}" for n, v in vals)
            + ") but no independent route checks it",
            files,
        )
    if all(r.content.get("type") == "constant" for r in hits):
        return _constant_outcome(ev, hits)
    return _comparisons_outcome(ev, hits)
