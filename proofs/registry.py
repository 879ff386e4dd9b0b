"""The registry of semi-algebraic claims: Lemma 1 (paper App. E, eqs. 118–121), App. H, sharpness probes.

Every polynomial is taken from ``symbolic`` (``generating_terms()`` for ``S`` and ``R1``,
``closed_forms.noiseless_char_poly()`` for App. H) and converted exactly with
``symbolic.polyconv.to_poly``; nothing is retyped. Three kinds of entries:

* :class:`proofs.claim.Claim` — universal ``∀x: (∧ assume) ⇒ show``, decided by z3, cvc5, QEPCAD B
  and certified exactly (Bernstein, arb) where the domain allows;
* :class:`proofs.solvers.formula.QClaim` — ``∀free: (Q bound: matrix) ⟺ target`` (App. H's
  equivalence, the exact threshold in ``g``), decided by quantifier elimination;
* :class:`Argued` — steps that are arguments, not computations (Lemma 1.2, the root
  parametrisation of App. H), with their dependencies and exact polynomial identities that the
  checker re-verifies.

``expect`` is ``"refuted"`` for sharpness probes that are false on purpose: such a claim succeeds
when refuted with an exactly verified counterexample.

Per-paper registries. This module holds the first paper's entries (Velikanov, Kuznedelev, Yarotsky,
ICLR 2023). Every further paper has a module ``proofs/papers/<paperkey>.py`` defining ``claims() -> list``
of entries of the same three kinds (built with :func:`_claim`), and its specification
``checker/papers/<paperkey>.toml``. :func:`claims` returns this module's entries followed by every
``proofs.papers`` module's entries, the modules discovered with ``pkgutil`` and taken in the order of
their names, and raises on a claim name given twice. Adding a paper touches no CLI code and no
producer: every producer that iterates over :func:`claims` picks its claims up.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from proofs.claim import Claim, Constraint
from proofs.solvers.formula import QClaim, atom, conj
from symbolic.closed_forms import mu, noiseless_char_poly
from symbolic.generating import generating_terms
from symbolic.polyconv import to_poly
from symbolic.polynomial import to_record
from symbolic.update_rule import a, b, g, z

x, y, w, m1, m2, s = sp.symbols("x y w m1 m2 s")
SOURCE_L1 = "Lemma 1 (App. E, eqs. 118-121; Redlog listings)"
SOURCE_H = "App. H (noiseless convergence of heavy ball)"
SOURCE_SHARP = "sharpness probe (not stated in the paper)"


@dataclass(frozen=True)
class Argued:
    """A step recorded as an argument: its dependencies and exact identities ``lhs = rhs`` it uses."""

    name: str
    statement: str
    source: str
    argument: str
    depends_on: tuple[str, ...] = ()
    identities: tuple[tuple[str, sp.Expr, sp.Expr, tuple[str, ...]], ...] = ()  # (label, lhs, rhs, vars)
    expect: str = "argued"

    def record(self) -> dict:
        return {
            "name": self.name,
            "statement": self.statement,
            "source": self.source,
            "argument": self.argument,
            "depends_on": list(self.depends_on),
            "identities": [
                {"label": lab, "lhs": to_record(to_poly(lhs, list(vs)), list(vs)),
                 "rhs": to_record(to_poly(rhs, list(vs)), list(vs))}
                for lab, lhs, rhs, vs in self.identities
            ],
        }


def constraint(expr: sp.Expr, rel: str, variables: list[str]) -> Constraint:
    """``expr rel 0`` as an exact constraint (``expr`` a sympy polynomial in ``variables``)."""
    return Constraint(to_poly(expr, variables), rel)


def _cs(pairs: list[tuple[sp.Expr, str]], vs: list[str]) -> tuple[Constraint, ...]:
    return tuple(constraint(e, r, vs) for e, r in pairs)


def region(closed: bool = False) -> list[tuple[sp.Expr, str]]:
    """``−1 < b < 1, 0 < a < 2(b+1)`` as ``expr > 0`` pairs (``>= 0`` on the closure)."""
    r = ">=" if closed else ">"
    return [(b + 1, r), (1 - b, r), (a, r), (2 * (b + 1) - a, r)]


def _claim(name: str, statement: str, source: str, vs: list[str], assume: list[tuple[sp.Expr, str]],
           show: tuple[sp.Expr, str], **kw) -> Claim:
    syms = {str(s) for e, _ in [*assume, show] for s in sp.sympify(e).free_symbols}
    if not syms <= set(vs):
        raise AssertionError(f"{name}: symbols {sorted(syms - set(vs))} not among the variables {vs}")
    return Claim(name=name, statement=statement, source=source, variables=tuple(vs),
                 assume=_cs(assume, vs), show=constraint(show[0], show[1], vs), **kw)


# ---------------------------------------------------------------- App. H: the characteristic polynomial

def char_coefficients() -> tuple[sp.Expr, sp.Expr]:
    """``(p, q)`` with ``f(μ) = μ² − pμ + q`` read off the derived polynomial (p = 1+b−a, q = b)."""
    c2, c1, c0 = sp.Poly(noiseless_char_poly(), mu).all_coeffs()
    if c2 != 1:
        raise AssertionError("characteristic polynomial is not monic")
    return sp.expand(-c1), sp.expand(c0)


def _re_im() -> tuple[sp.Expr, sp.Expr]:
    """Real and imaginary parts of ``f(x + iy)`` for real a, b, x, y (f has real coefficients)."""
    val = sp.expand(noiseless_char_poly().subs(mu, x + sp.I * y))
    im = sp.expand(val.coeff(sp.I))
    re = sp.expand(val - sp.I * im)
    if re.has(sp.I) or im.has(sp.I):
        raise AssertionError("could not split f(x+iy) into real and imaginary parts")
    return re, im


def _ab_from_roots(p_val: sp.Expr, q_val: sp.Expr) -> dict:
    """Solve ``p(a,b) = p_val, q(a,b) = q_val`` for ``(a, b)`` (a linear system)."""
    p, q = char_coefficients()
    sol = sp.solve([p - p_val, q - q_val], [a, b], dict=True)
    if len(sol) != 1:
        raise AssertionError("coefficients do not determine (a, b) uniquely")
    return sol[0]


# ------------------------------------------------------------------------------------ the registry

def paper_modules() -> list[str]:
    """The per-paper registry modules ``proofs.papers.<paperkey>``, sorted by name."""
    import proofs.papers as pkg

    return sorted(f"{pkg.__name__}.{m.name}" for m in pkgutil.iter_modules(pkg.__path__) if not m.ispkg)


@lru_cache(maxsize=1)
def claims() -> tuple:
    """This module's entries (the first paper's), then every ``proofs.papers`` module's, by module name."""
    out = list(_own_claims())
    for modname in paper_modules():
        out.extend(importlib.import_module(modname).claims())
    names = [c.name for c in out]
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        raise AssertionError(f"duplicate claim names: {dups}")
    return tuple(out)


def _own_claims() -> list:
    """The entries of Velikanov et al. (Lemma 1, App. H, sharpness probes, Prop. 4)."""
    t = generating_terms()
    S, R1 = t.S, t.R1
    if g in R1.free_symbols:
        raise AssertionError("R1 depends on g: Lemma 1.3 is stated in (a, b, z)")
    out: list = []
    V4, V3 = ["a", "b", "g", "z"], ["a", "b", "z"]
    zopen = [(z, ">"), (1 - z, ">")]
    gunit = [(g, ">="), (1 - g, ">=")]
    l11 = "S(a,b,g,z) > 0 for -1<b<1, 0<a<2(b+1), 0<=g<=1, 0<z<1"
    out.append(_claim("lemma1.1", l11, SOURCE_L1 + ", Lemma 1.1", V4, region() + gunit + zopen, (S, ">")))
    out.append(Argued(
        "lemma1.2",
        "U~(z) and V~(z) are analytic in a neighbourhood of [0, 1)",
        SOURCE_L1 + ", Lemma 1.2",
        "Each term u(lambda_k, z) = u_num/S and v(lambda_k, z) = v_num/S is rational with denominator S, "
        "which is positive on [0, 1) by lemma1.1 (a = alpha*lambda_k in the region); the series over k "
        "converge locally uniformly there (paper App. E), so the sums are analytic. An argument, not a "
        "computation: recorded as such.",
        depends_on=("lemma1.1",),
    ))
    l13 = "R1(a,b,z) >= 0 for -1<b<1, 0<a<2(b+1), 0<z<1 (z*u increasing in z)"
    out.append(_claim("lemma1.3", l13, SOURCE_L1 + ", Lemma 1.3", V3, region() + zopen, (R1, ">=")))
    out.append(_claim("lemma1.3.strict", "R1 > 0 (strict) on the open Lemma 1.3 region",
                      SOURCE_L1 + ", Lemma 1.3", V3, region() + zopen, (R1, ">")))
    out.extend(_app_h())
    out.extend(_sharpness(S, R1))
    out.extend(_prop4(S, t.u_num))
    return out


def _app_h() -> list:
    p, q = char_coefficients()
    f = noiseless_char_poly()
    re, im = _re_im()
    out: list = []
    reg = region()
    VH = ["a", "b", "x", "y"]
    out.append(_claim(
        "appH.if", "region => every complex root x+iy of mu^2-(1+b-a)mu+b has x^2+y^2 < 1",
        SOURCE_H, VH, reg + [(re, "="), (im, "=")], (1 - x**2 - y**2, ">"),
        notes="Re f(x+iy) = 0 and Im f(x+iy) = 0 (derived from the characteristic polynomial)"))
    VW = ["a", "b", "w"]
    for name, sign, txt in (("appH.if.real_ge1", 1, "no real root mu >= 1"),
                            ("appH.if.real_le_minus1", -1, "no real root mu <= -1")):
        poly = sp.expand(w**2 * f.subs(mu, sign / w))
        out.append(_claim(name, f"region, 0<w<=1 => w^2 f({'+' if sign > 0 else '-'}1/w) > 0 ({txt})",
                          SOURCE_H, VW, reg + [(w, ">"), (1 - w, ">=")], (poly, ">")))
    # (⇒) in root coordinates: f = (mu-m1)(mu-m2), m1, m2 real in (-1,1); or, for a conjugate pair
    # x ± i·sqrt(s − x²) with s = |root|² > x², f = (mu-x)^2 + (s - x^2). The coordinates (x, s) make the
    # disk {|root| < 1} the triangular domain -1 < x < 1, x² < s < 1, which the exact methods map to a box.
    real_sub = _ab_from_roots(m1 + m2, m1 * m2)
    cplx_sub = _ab_from_roots(2 * x, s)
    labels = ["b > -1", "b < 1", "a > 0", "a < 2(b+1)"]
    for i, (e, _) in enumerate(reg):
        out.append(_claim(
            f"appH.onlyif.real.{i + 1}", f"real roots m1, m2 in (-1,1) => {labels[i]}", SOURCE_H,
            ["m1", "m2"],
            [(m1 + 1, ">"), (1 - m1, ">"), (m2 + 1, ">"), (1 - m2, ">")], (sp.expand(e.subs(real_sub)), ">")))
        out.append(_claim(
            f"appH.onlyif.complex.{i + 1}",
            f"complex roots x +- i sqrt(s-x^2), |root|^2 = s < 1 => {labels[i]}", SOURCE_H,
            ["x", "s"], [(x + 1, ">"), (1 - x, ">"), (s - x**2, ">"), (1 - s, ">")],
            (sp.expand(e.subs(cplx_sub)), ">")))
    ids = (
        ("f with (a,b) from real roots = (mu-m1)(mu-m2)", f.subs(real_sub), (mu - m1) * (mu - m2),
         ("mu", "m1", "m2")),
        ("f with (a,b) from complex roots = (mu-x)^2+(s-x^2)", f.subs(cplx_sub), (mu - x) ** 2 + (s - x**2),
         ("mu", "x", "s")),
        ("f(1) = a", f.subs(mu, 1), a, ("a", "b")),
        ("f(-1) = 2+2b-a", f.subs(mu, -1), 2 + 2 * b - a, ("a", "b")),
        ("f = (mu-x)^2+y^2 - (x^2+y^2-q) - (p-2x) mu: |root|^2 = q for a conjugate pair",
         f, (mu - x) ** 2 + y**2 - (x**2 + y**2 - q) - (p - 2 * x) * mu, ("mu", "a", "b", "x", "y")),
    )
    members = [c.name for c in out]
    out.append(Argued(
        "appH.decomposition",
        "both roots of mu^2-(1+b-a)mu+b in the open unit disk <=> -1<b<1 and 0<a<2(1+b)",
        SOURCE_H,
        "A real monic quadratic factors as (mu-m1)(mu-m2) with real m1, m2, or as (mu-x)^2+(s-x^2) with "
        "s > x^2 (conjugate roots x +- i sqrt(s-x^2), |root|^2 = s; both in the open disk iff -1<x<1, s<1); "
        "the identities give (a,b) in terms of the roots. (=>) is then the eight "
        "universal claims appH.onlyif.* over the root coordinates. (<=) real roots: w^2 f(+-1/w) > 0 for "
        "0<w<=1 (appH.if.real_*) excludes real roots of modulus >= 1; conjugate roots: |root|^2 = q = b < 1 "
        "by the last identity. appH.if decides (<=) directly; appH.equivalence decides the whole "
        "equivalence by quantifier elimination.",
        depends_on=tuple(members),
        identities=ids,
    ))
    VE = ["a", "b", "x", "y"]
    matrix = ["implies", conj([constraint(re, "=", VE), constraint(im, "=", VE)], VE),
              atom(constraint(1 - x**2 - y**2, ">", VE), VE)]
    out.append(QClaim(
        name="appH.equivalence",
        statement="for all a, b: [for all x, y: f(x+iy) = 0 => x^2+y^2 < 1] <=> -1<b<1 and 0<a<2(1+b)",
        source=SOURCE_H, variables=("a", "b"), bound=(("A", "x"), ("A", "y")), matrix=matrix,
        target=conj([constraint(e, r, VE) for e, r in reg], VE)))
    return out


def _sharpness(S: sp.Expr, R1: sp.Expr) -> list:
    V4, V3 = ["a", "b", "g", "z"], ["a", "b", "z"]
    zopen = [(z, ">"), (1 - z, ">")]
    ref, prv = {"expect": "refuted"}, {"expect": "proved"}
    eps = sp.Rational(1, 1000)
    out = [
        _claim("sharp.S.g_nonneg", "S > 0 on the Lemma 1.1 region for every g >= 0 (no upper bound on g)",
               SOURCE_SHARP, V4, region() + [(g, ">=")] + zopen, (S, ">"), **prv,
               notes="S is affine in g with slope a^2 z (1+bz) > 0, so g <= 1 is not needed",
               exact_also=("sos",)),
        _claim("sharp.S.g_neg_small", "S > 0 for -1/1000 <= g < 0 (slightly negative g)", SOURCE_SHARP, V4,
               region() + [(g + eps, ">="), (-g, ">")] + zopen, (S, ">"), **ref),
        _claim("sharp.S.gaussian", "S > 0 at g = -1 (Gaussian features tau = -1, batch size 1)", SOURCE_SHARP,
               V3, region() + zopen, (sp.expand(S.subs(g, -1)), ">"), **ref),
        _claim("sharp.S.z_closed", "S > 0 also at z = 1 (0 < z <= 1), 0 <= g <= 1", SOURCE_SHARP, V4,
               region() + [(g, ">="), (1 - g, ">="), (z, ">"), (1 - z, ">=")], (S, ">"), **prv),
        _claim("sharp.S.closed", "S > 0 on the closed region (b, a, z on their boundaries), 0 <= g <= 1",
               SOURCE_SHARP, V4, region(True) + [(g, ">="), (1 - g, ">="), (z, ">="), (1 - z, ">=")],
               (S, ">"), **ref),
        _claim("sharp.R1.closed", "R1 >= 0 on the closed region -1<=b<=1, 0<=a<=2(b+1), 0<=z<=1",
               SOURCE_SHARP, V3, region(True) + [(z, ">="), (1 - z, ">=")], (R1, ">="), **prv),
        _claim("sharp.R1.strict_closed", "R1 > 0 on the closed region", SOURCE_SHARP, V3,
               region(True) + [(z, ">="), (1 - z, ">=")], (R1, ">"), **ref),
        _claim("sharp.R1.z_closed", "R1 > 0 on the open (a, b) region with 0 < z <= 1", SOURCE_SHARP, V3,
               region() + [(z, ">"), (1 - z, ">=")], (R1, ">"), **prv),
    ]
    slope = sp.Poly(S, g).coeff_monomial(g)
    if sp.Poly(S, g).degree() != 1:
        raise AssertionError("S is not affine in g")
    out.append(_claim("sharp.S.g_slope", "the slope dS/dg = a^2 z (1+bz) is > 0 on the open (a,b,z) region",
                      SOURCE_SHARP, V3, region() + zopen, (slope, ">"), **prv))
    out.append(Argued(
        "sharp.S.g_nonneg.exact",
        "S > 0 for every g >= 0 (exact route: S is affine and increasing in g)",
        SOURCE_SHARP,
        "S(a,b,g,z) = S(a,b,0,z) + g * dS/dg (identity below); S(a,b,0,z) > 0 by lemma1.1 at g = 0 and "
        "dS/dg > 0 by sharp.S.g_slope, so S > 0 for all g >= 0: the bound g <= 1 of Lemma 1 is not needed. "
        "Machine-decided directly (unbounded g) by sharp.S.g_nonneg.",
        depends_on=("lemma1.1", "sharp.S.g_slope"),
        identities=(("S = S|_{g=0} + g * dS/dg", S, S.subs(g, 0) + g * slope, ("a", "b", "g", "z")),),
    ))
    tenth = sp.Rational(1, 10)
    bl, bu, al, au = region()
    widen = [
        ("a_upper", "a < 2(b+1) + 1/10", [bl, bu, al, (2 * (b + 1) + tenth - a, ">")] + zopen),
        ("a_lower", "a > -1/10", [bl, bu, (a + tenth, ">"), au] + zopen),
        ("b_upper", "b < 11/10", [bl, (1 + tenth - b, ">"), al, au] + zopen),
        ("z_upper", "z < 11/10", region() + [(z, ">"), (1 + tenth - z, ">")]),
    ]
    for key, txt, dom in widen:
        out.append(_claim(f"sharp.R1.widen_{key}", f"R1 >= 0 with the region widened to {txt}", SOURCE_SHARP,
                          V3, dom, (R1, ">="), **ref))
    VG = ["g", "a", "b", "z"]
    matrix = ["implies", conj([constraint(e, r, VG) for e, r in region() + zopen], VG),
              atom(constraint(S, ">", VG), VG)]
    out.append(QClaim(
        name="sharp.S.g_threshold",
        statement="for all g: [S > 0 on the whole Lemma 1.1 (a,b,z) region] <=> g >= 0",
        source=SOURCE_SHARP, variables=("g",), bound=(("A", "a"), ("A", "b"), ("A", "z")), matrix=matrix,
        target=["and", atom(constraint(g, ">=", VG), VG)]))
    return out


# ------------------------------------------------------- Prop. 4 (eqs. 22-23), per direction at z = 1

SOURCE_P4 = "Prop. 4 (Sec. 5, eqs. 22-23; proof App. E.2, eqs. 124-131)"
l, t_, x1, x2 = sp.symbols("l t x1 x2")


def _prop4(S: sp.Expr, u_num: sp.Expr) -> list:
    """Prop. 4 per direction. The eq. 21 term is ``gamma a^2 u(1)`` with ``u(1) = u_num/S`` at ``z = 1``
    (the derived polynomials); the bound's term ``lambda/(x + tau lambda)`` at ``x = 2/(gamma alpha_eff)``
    is ``gamma p/(2 + g p)`` with ``p = alpha_eff lambda = a/(1-b)``, i.e. ``gamma a/N2``,
    ``N2 = 2(1-b) + g a``. ``g = gamma tau >= 0`` (the paper's Sections 5-6 assume tau >= 0)."""
    S1, u1 = sp.expand(S.subs(z, 1)), sp.expand(u_num.subs(z, 1))
    N2 = 2 * (1 - b) + g * a
    V3 = ["a", "b", "g"]
    dom = region() + [(g, ">=")]
    gap_num = sp.expand(a**2 * u1 * N2 - a * S1)
    out = [
        _claim("prop4.eq21_denominator", "S(a,b,g,1) > 0 on -1<b<1, 0<a<2(b+1), g>=0 (the eq. 21 terms "
               "gamma a^2 u_num(1)/S(1) are finite and positive)", SOURCE_P4, V3, dom, (S1, ">"),
               exact_also=("sos",)),
        _claim("prop4.bound_denominator", "2(1-b) + g a > 0 on the same region (the bound's term "
               "gamma a/(2(1-b) + g a) = lambda/(x + tau lambda) at x = 2/(gamma alpha_eff) is finite)",
               SOURCE_P4, V3, dom, (N2, ">"), exact_also=("sos",)),
        _claim("prop4.term_gap", "a^2 u_num(1) (2(1-b) + g a) - a S(1) > 0: each eq. 21 term exceeds the "
               "bound's term, a^2 u_num(1)/S(1) > a/(2(1-b) + g a)", SOURCE_P4, V3, dom, (gap_num, ">")),
        _claim("prop4.h_decreasing", "l > 0, t >= 0, 0 < x1 < x2 => (l (x2 + t l) - l (x1 + t l)) (x1 + t l) "
               "(x2 + t l) > 0, i.e. l/(x1 + t l) > l/(x2 + t l): h(x) = sum_k lambda_k/(x + tau lambda_k) "
               "strictly decreases termwise", SOURCE_P4, ["l", "t", "x1", "x2"],
               [(l, ">"), (t_, ">="), (x1, ">"), (x2 - x1, ">")],
               (sp.expand((l * (x2 + t_ * l) - l * (x1 + t_ * l)) * (x1 + t_ * l) * (x2 + t_ * l)), ">")),
        _claim("prop4.gap_bound", "a <= 1+b (i.e. alpha_eff lambda (1-b)/(1+b) <= 1) => a^2 S(1) (2(1-b) + "
               "g a) - 2 a^3 (1-b)^2 (1+b) >= 0: the term gap a^3(1-b)/(S(1) N2) is at most a^2/(2(1-b^2)) "
               "= ((1-b)/(1+b)) (alpha_eff lambda)^2/2", SOURCE_P4, V3, dom + [(1 + b - a, ">=")],
               (sp.expand(a**2 * S1 * N2 - 2 * a**3 * (1 - b) ** 2 * (1 + b)), ">=")),
    ]
    ids = (
        ("S(a,b,g,1) = a (2(1-b^2) - a(1-b) + a g (1+b)) = a (1-b^2) D, D = 2 - a/(1+b) + g a/(1-b) the eq. 21 "
         "denominator", S1, a * (2 * (1 - b**2) - a * (1 - b) + a * g * (1 + b)), ("a", "b", "g")),
        ("u_num(1) = 1 + b", u1, 1 + b, ("a", "b", "g")),
        ("a^2 u_num(1) N2 - a S(1) = a^3 (1-b)", gap_num, a**3 * (1 - b), ("a", "b", "g")),
    )
    deps22 = ("prop4.eq21_denominator", "prop4.bound_denominator", "prop4.term_gap", "prop4.h_decreasing")
    out.append(Argued(
        "prop4.eq22",
        "U~(1) < 1 => alpha_eff < 2/(gamma lambda_crit), where sum_k lambda_k/(lambda_crit + tau lambda_k) = 1",
        SOURCE_P4,
        "Per direction (a = alpha lambda_k, p = alpha_eff lambda_k = a/(1-b)) the eq. 21 term is gamma a^2 "
        "u_num(1)/S(1) = gamma p/D (identities) with S(1) > 0 (prop4.eq21_denominator); the term of "
        "h(x) = sum_k lambda_k/(x + tau lambda_k) at x = 2/(gamma alpha_eff) is gamma a/N2, N2 > 0 "
        "(prop4.bound_denominator), and it is strictly smaller (prop4.term_gap). Summing over k (both series "
        "of positive terms converge when sum lambda_k < inf): h(2/(gamma alpha_eff)) < U~(1) < 1 = "
        "h(lambda_crit); h strictly decreases (prop4.h_decreasing, termwise), so 2/(gamma alpha_eff) > "
        "lambda_crit. The summation over an infinite spectrum is argued, not computed.",
        depends_on=deps22, identities=ids,
    ))
    out.append(Argued(
        "prop4.eq23",
        "0 < U~(1) - h(2/(gamma alpha_eff)) <= (gamma/2) ((1-beta)/(1+beta)) alpha_eff^2 sum_k lambda_k^2 once "
        "alpha_eff lambda_max (1-beta)/(1+beta) <= 1; hence the bound (22) is tight as beta -> 1 at fixed "
        "alpha_eff",
        SOURCE_P4,
        "Per direction the gap between the eq. 21 term and the bound's term is gamma a^3(1-b)/(S(1) N2) "
        "(identities of prop4.eq22) and is at most gamma a^2/(2(1-b^2)) = (gamma/2)((1-b)/(1+b)) p^2 when "
        "a <= 1+b (prop4.gap_bound, with S(1), N2 > 0). Summing: U~(1) - h(2/(gamma alpha_eff)) <= (gamma/2) "
        "((1-beta)/(1+beta)) alpha_eff^2 sum lambda_k^2 -> 0 as beta -> 1 at fixed alpha_eff; for alpha_eff "
        "= (1-delta) 2/(gamma lambda_crit), h < 1 strictly, so U~(1) < 1 for beta near 1: the critical "
        "alpha_eff tends to 2/(gamma lambda_crit). A reconstructed estimate (the paper's eq. 131 was lost).",
        depends_on=("prop4.eq21_denominator", "prop4.bound_denominator", "prop4.gap_bound"),
        identities=(ids[2],),
    ))
    return out


def get(name: str):
    for c in claims():
        if c.name == name:
            return c
    raise KeyError(name)
