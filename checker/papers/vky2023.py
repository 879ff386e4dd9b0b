"""Specification: the semi-algebraic claims of Velikanov, Kuznedelev, Yarotsky, *A view of mini-batch SGD
via generating functions* (ICLR 2023), and this project's sharpness probes of them.

This file is the statement a referee reads: the regions are written as the paper states them, and every
polynomial is re-derived by ``checker.derive`` from the heavy-ball update rule — ``S = det(I − zA)`` and
``R1`` (Lemma 1, App. E, the Redlog listings), the noiseless characteristic polynomial
``f = μ² − (1+b−a)μ + b`` (App. H). Nothing here is read from a certificate.

* Lemma 1.1: ``S > 0`` on ``−1<b<1, 0<a<2(b+1), 0≤g≤1, 0<z<1``; Lemma 1.3: ``R1 ≥ 0`` on the (a, b, z)
  region (and the strict version); Lemma 1.2 is an argument depending on Lemma 1.1.
* App. H: both roots of ``f`` in the open unit disk ⟺ ``−1<b<1, 0<a<2(1+b)``, as one quantified statement
  and as a decomposition: (⇐) via ``f(x+iy) = 0 ⇒ x²+y² < 1`` and no real root of modulus ≥ 1
  (``w² f(±1/w) > 0`` for ``0 < w ≤ 1``); (⇒) in root coordinates — real roots ``m1, m2 ∈ (−1,1)`` or a
  conjugate pair ``x ± i√(s−x²)`` with ``x² < s < 1`` — each bound of the region as a universal claim.
  The root parametrisations ``(a, b)(m1, m2)``, ``(a, b)(x, s)`` are checked below against ``f``.
* Sharpness probes (not stated in the paper; ``expect`` says whether each is true or false on purpose).
"""

from __future__ import annotations

from ..derive import CHAR_VARS, VARS, char_poly, polys
from ..poly import Poly, add, const, mul, parse, scale, subs, var
from ..spec import Spec, relation

L1 = "Lemma 1 (App. E, eqs. 118-121; Redlog listings)"
H = "App. H (noiseless convergence of heavy ball)"
SHARP = "sharpness probe (not stated in the paper)"
REGION = ["-1 < b", "b < 1", "0 < a", "a < 2*(b + 1)"]
CLOSED = ["-1 <= b", "b <= 1", "0 <= a", "a <= 2*(b + 1)"]
ZOPEN, GUNIT = ["0 < z", "z < 1"], ["0 <= g", "g <= 1"]


def over(p: Poly, src: list[str], dst: list[str], **fixed: Poly) -> Poly:
    """``p`` moved from variables ``src`` to ``dst`` (variables not in ``dst`` replaced by ``fixed``)."""
    n = len(dst)
    return subs(p, [fixed[v] if v in fixed else var(dst.index(v), n) for v in src], n)


S = polys()["S"]
R1 = over(polys()["R1"], VARS, ["a", "b", "z"], g=const(0, 3))
if over(R1, ["a", "b", "z"], VARS) != polys()["R1"]:
    raise AssertionError("R1 depends on g")
F = char_poly()
DEFS4 = {"S": S}
DEFS3 = {"R1": R1, "S_gaussian": over(S, VARS, ["a", "b", "z"], g=const(-1, 3)),
         "dS_dg": over({m[:2] + m[3:] + (0,): c for m, c in S.items() if m[2] == 1}, ["a", "b", "z", "g"],
                       ["a", "b", "z"], g=const(0, 3))}


def universal(name: str, statement: str, source: str, vs: str, assume: list[str], show: str,
              defines: dict, expect: str = "proved") -> Spec:
    v = vs.split()
    return Spec(name, "universal", statement, source, tuple(v), tuple(relation(t, v, defines) for t in assume),
                relation(show, v, defines), expect)


def _re_im() -> dict[str, Poly]:
    """Real and imaginary parts of ``f(x + iy)`` over (a, b, x, y): substitute, then reduce ``i² = −1``."""
    w = ["a", "b", "x", "y", "i"]
    val = subs(F, [var(0, 5), var(1, 5), parse("x + i*y", w)], 5)
    parts: dict[str, Poly] = {"re": {}, "im": {}}
    for m, c in val.items():
        key = "im" if m[4] % 2 else "re"
        parts[key] = add(parts[key], {m[:4]: c * (-1) ** (m[4] // 2)})
    return parts


def _reversed(sign: int) -> Poly:
    """``w² f(sign/w)`` over (a, b, w) (``f`` has degree 2 in μ)."""
    if any(m[2] > 2 for m in F):
        raise AssertionError("f is not quadratic")
    return {(m[0], m[1], 2 - m[2]): c * sign ** m[2] for m, c in F.items()}


def _roots(a: str, b: str, rvs: list[str], factored: str) -> list[Poly]:
    """Images of (a, b) in root coordinates; checks ``f(a, b, μ) = factored`` exactly."""
    w = rvs + ["mu"]
    images = [parse(a, w), parse(b, w), var(len(rvs), len(w))]
    if subs(F, images, len(w)) != parse(factored, w):
        raise AssertionError(f"root parametrisation a = {a}, b = {b} does not factor f as {factored}")
    return images


REAL = _roots("(1 - m1)*(1 - m2)", "m1*m2", ["m1", "m2"], "(mu - m1)*(mu - m2)")
CPLX = _roots("1 + s - 2*x", "s", ["x", "s"], "(mu - x)**2 + (s - x**2)")
RI = _re_im()


def _region_in(images: list[Poly], rvs: list[str]) -> list[tuple[Poly, str]]:
    """The four region bounds ``expr > 0`` composed with the root parametrisation."""
    n = len(rvs) + 1
    out = []
    for text in REGION:
        p, rel = relation(text, ["a", "b"], {})
        q = subs(p if rel == ">" else scale(p, -1), images[:2], n)
        if any(m[-1] for m in q):
            raise AssertionError("region bound depends on mu")
        out.append(({m[:-1]: c for m, c in q.items()}, rel))
    return out


def _app_h() -> list[Spec]:
    out = [universal("appH.if", "region => every complex root x+iy of f has x^2+y^2 < 1", H, "a b x y",
                     REGION + ["re == 0", "im == 0"], "x**2 + y**2 < 1", RI)]
    for name, sign, txt in (("appH.if.real_ge1", 1, "no real root mu >= 1"),
                            ("appH.if.real_le_minus1", -1, "no real root mu <= -1")):
        out.append(universal(name, f"region, 0<w<=1 => w^2 f({sign:+d}/w) > 0 ({txt})", H, "a b w",
                             REGION + ["0 < w", "w <= 1"], "rev > 0", {"rev": _reversed(sign)}))
    labels = ["b > -1", "b < 1", "a > 0", "a < 2(b+1)"]
    real, cplx = _region_in(REAL, ["m1", "m2"]), _region_in(CPLX, ["x", "s"])
    for i in range(4):
        out.append(universal(f"appH.onlyif.real.{i + 1}", f"real roots m1, m2 in (-1,1) => {labels[i]}", H,
                             "m1 m2", ["-1 < m1", "m1 < 1", "-1 < m2", "m2 < 1"], "e > 0", {"e": real[i][0]}))
        out.append(universal(f"appH.onlyif.complex.{i + 1}",
                             f"complex roots x +- i sqrt(s-x^2), |root|^2 = s < 1 => {labels[i]}", H, "x s",
                             ["-1 < x", "x < 1", "x**2 < s", "s < 1"], "e > 0", {"e": cplx[i][0]}))
    fa = over(F, CHAR_VARS, ["mu", "a", "b", "x", "y"])
    p, q = parse("1 + b - a", ["mu", "a", "b", "x", "y"]), parse("b", ["mu", "a", "b", "x", "y"])
    w5 = ["mu", "a", "b", "x", "y"]
    ids = (
        (over(subs(F, REAL, 3), ["m1", "m2", "mu"], ["mu", "m1", "m2"]), parse("(mu-m1)*(mu-m2)", ["mu", "m1", "m2"]),
         ("mu", "m1", "m2")),
        (over(subs(F, CPLX, 3), ["x", "s", "mu"], ["mu", "x", "s"]), parse("(mu-x)**2+(s-x**2)", ["mu", "x", "s"]),
         ("mu", "x", "s")),
        (over(F, CHAR_VARS, ["a", "b"], mu=const(1, 2)), parse("a", ["a", "b"]), ("a", "b")),
        (over(F, CHAR_VARS, ["a", "b"], mu=const(-1, 2)), parse("2 + 2*b - a", ["a", "b"]), ("a", "b")),
        (fa, parse("(mu-x)**2 + y**2 - (x**2+y**2-q) - (p-2*x)*mu", w5, {"p": p, "q": q}), tuple(w5)),
    )
    members = tuple(s.name for s in out)
    out.append(Spec("appH.decomposition", "argued",
                    "both roots of mu^2-(1+b-a)mu+b in the open unit disk <=> -1<b<1 and 0<a<2(1+b) "
                    "(decomposition into the universal claims appH.if*, appH.onlyif.*)", H,
                    expect="argued", depends_on=members, identities=ids))
    ve = ["a", "b", "x", "y"]

    def atom(text: str, defs: dict) -> list:
        c, r = relation(text, ve, defs)
        return ["atom", r, c]

    out.append(Spec("appH.equivalence", "quantified",
                    "for all a, b: [for all x, y: f(x+iy) = 0 => x^2+y^2 < 1] <=> -1<b<1 and 0<a<2(1+b)", H,
                    ("a", "b"), bound=(("A", "x"), ("A", "y")),
                    matrix=["implies", ["and", atom("re == 0", RI), atom("im == 0", RI)], atom("x**2 + y**2 < 1", {})],
                    target=["and", *[atom(t, {}) for t in REGION]]))
    return out


def _sharp() -> list[Spec]:
    u4, u3 = "a b g z", "a b z"
    out = [
        universal("sharp.S.g_nonneg", "S > 0 on the Lemma 1.1 region for every g >= 0 (no upper bound on g)", SHARP,
                  u4, REGION + ["0 <= g"] + ZOPEN, "S > 0", DEFS4),
        universal("sharp.S.g_neg_small", "S > 0 for -1/1000 <= g < 0 (false: fails for slightly negative g)", SHARP,
                  u4, REGION + ["-1/1000 <= g", "g < 0"] + ZOPEN, "S > 0", DEFS4, "refuted"),
        universal("sharp.S.gaussian", "S > 0 at g = -1 (Gaussian features; false)", SHARP, u3, REGION + ZOPEN,
                  "S_gaussian > 0", DEFS3, "refuted"),
        universal("sharp.S.z_closed", "S > 0 also at z = 1 (0 < z <= 1), 0 <= g <= 1", SHARP, u4,
                  REGION + GUNIT + ["0 < z", "z <= 1"], "S > 0", DEFS4),
        universal("sharp.S.closed", "S > 0 on the closed region, 0 <= g <= 1 (false)", SHARP, u4,
                  CLOSED + GUNIT + ["0 <= z", "z <= 1"], "S > 0", DEFS4, "refuted"),
        universal("sharp.R1.closed", "R1 >= 0 on the closed region -1<=b<=1, 0<=a<=2(b+1), 0<=z<=1", SHARP, u3,
                  CLOSED + ["0 <= z", "z <= 1"], "R1 >= 0", DEFS3),
        universal("sharp.R1.strict_closed", "R1 > 0 on the closed region (false)", SHARP, u3,
                  CLOSED + ["0 <= z", "z <= 1"], "R1 > 0", DEFS3, "refuted"),
        universal("sharp.R1.z_closed", "R1 > 0 on the open (a, b) region with 0 < z <= 1", SHARP, u3,
                  REGION + ["0 < z", "z <= 1"], "R1 > 0", DEFS3),
        universal("sharp.S.g_slope", "the slope dS/dg is > 0 on the open (a,b,z) region", SHARP, u3,
                  REGION + ZOPEN, "dS_dg > 0", DEFS3),
        Spec("sharp.S.g_nonneg.exact", "argued", "S > 0 for every g >= 0 (S is affine and increasing in g)", SHARP,
             expect="argued", depends_on=("lemma1.1", "sharp.S.g_slope"),
             identities=((S, add(over(S, VARS, VARS, g=const(0, 4)), mul(var(2, 4), over(DEFS3["dS_dg"], ["a", "b", "z"],
                                                                                             VARS))), tuple(VARS)),)),
    ]
    widen = [("a_upper", "a < 2(b+1) + 1/10", REGION[:3] + ["a < 2*(b + 1) + 1/10"] + ZOPEN),
             ("a_lower", "a > -1/10", REGION[:2] + ["a > -1/10", REGION[3]] + ZOPEN),
             ("b_upper", "b < 11/10", [REGION[0], "b < 11/10"] + REGION[2:] + ZOPEN),
             ("z_upper", "z < 11/10", REGION + ["0 < z", "z < 11/10"])]
    for key, txt, dom in widen:
        out.append(universal(f"sharp.R1.widen_{key}", f"R1 >= 0 with the region widened to {txt} (false)", SHARP,
                             u3, dom, "R1 >= 0", DEFS3, "refuted"))
    vg = ["g", "a", "b", "z"]
    sg = over(S, VARS, vg)

    def atom(text: str) -> list:
        c, r = relation(text, vg, {"S": sg})
        return ["atom", r, c]

    out.append(Spec("sharp.S.g_threshold", "quantified",
                    "for all g: [S > 0 on the whole Lemma 1.1 (a,b,z) region] <=> g >= 0", SHARP, ("g",),
                    bound=(("A", "a"), ("A", "b"), ("A", "z")),
                    matrix=["implies", ["and", *[atom(t) for t in REGION + ZOPEN]], atom("S > 0")],
                    target=["and", atom("g >= 0")]))
    return out


CLAIMS = (
    universal("lemma1.1", "S(a,b,g,z) > 0 for -1<b<1, 0<a<2(b+1), 0<=g<=1, 0<z<1", L1 + ", Lemma 1.1", "a b g z",
              REGION + GUNIT + ZOPEN, "S > 0", DEFS4),
    Spec("lemma1.2", "argued", "U~(z) and V~(z) are analytic in a neighbourhood of [0, 1) (an argument from Lemma 1.1)",
         L1 + ", Lemma 1.2", expect="argued", depends_on=("lemma1.1",)),
    universal("lemma1.3", "R1(a,b,z) >= 0 for -1<b<1, 0<a<2(b+1), 0<z<1 (z*u increasing in z)", L1 + ", Lemma 1.3",
              "a b z", REGION + ZOPEN, "R1 >= 0", DEFS3),
    universal("lemma1.3.strict", "R1 > 0 (strict) on the open Lemma 1.3 region", L1 + ", Lemma 1.3", "a b z",
              REGION + ZOPEN, "R1 > 0", DEFS3),
    *_app_h(),
    *_sharp(),
)
