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
  comparison holds, otherwise ``disagreement``/``refuted``.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation, localcontext
from fractions import Fraction
from pathlib import Path

from .errors import CertificateError

MIN_DPS = 30
MIN_SIGNIFICANT = 25
#: minimum number of agreeing digits a route may demand of itself
MIN_REQUIRED = {"generating_function": 10, "contour_residue": 8, "time_domain": 1, "partial_sum": 6,
                "beta_to_one_extrapolation": 2}
#: the route each family must contain, with its minimal threshold (issue 4's "done when")
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
    return f"{content['claim']}: {expected} ({summary})"
