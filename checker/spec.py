"""What a certificate must prove: specifications, and the exact comparison that binds a certificate to one.

The checker never takes *what was proved* from the certificate. A statement comes from

* a paper specification ``checker/papers/*.toml`` (the paper's claims, their polynomials re-derived by
  ``checker.derive`` from the update rule, the regions as the paper states them, the expected outcome), or
* the user's claim file (``--claim FILE``; TOML read with ``tomllib``, relations parsed by
  ``checker.poly.parse`` — never ``eval``).

``bind`` compares a certificate's claim record with the specification exactly. Each constraint is
compared in a canonical form that changes nothing logically — ``p < 0`` ↦ ``−p > 0``, ``p ≤ 0`` ↦ ``−p ≥ 0``,
``p = 0`` / ``p ≠ 0`` with a positive leading coefficient — so a certificate whose goal, hypotheses (added,
dropped, reordered), bounds, variables, dependencies, identities or formula tree differ in any other way
is rejected, with a message saying what differs. After binding, the proof objects are checked against the
certificate's claim record, which binding has shown to state the specification.

Example (a claim-file relation):
    >>> relation("0 < a", ["a"], {})
    ({(1,): Fraction(-1, 1)}, '<')
    >>> canon(*relation("0 < a", ["a"], {})) == canon(*relation("a > 0", ["a"], {}))
    True
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import poly as P
from .derive import CHAR_VARS, VARS, char_poly, polys
from .errors import CertificateError
from .text import show as _show

_REL = re.compile(r"<=|>=|==|!=|<|>|=")
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
RELS = (">", ">=", "<", "<=", "=", "!=")
DERIVED = {"f": lambda: (CHAR_VARS, char_poly()), **{k: lambda k=k: (VARS, polys()[k]) for k in polys()}}


@dataclass(frozen=True)
class Spec:
    """One claim's statement: ``form`` is ``universal``, ``quantified`` or ``argued``; ``expect`` the
    outcome a valid certificate must show (``None``: any decided outcome, for user claims)."""

    name: str
    form: str
    statement: str
    source: str
    variables: tuple[str, ...] = ()
    assume: tuple = ()
    show: tuple | None = None
    expect: str | None = "proved"
    depends_on: tuple[str, ...] = ()
    identities: tuple = ()  # (lhs, rhs, variables)
    bound: tuple = ()
    formula: tuple = ()  # (matrix, target) of a quantified claim


def relation(text: str, variables: list[str], defines: dict) -> tuple[P.Poly, str]:
    """``lhs REL rhs`` (exactly one of ``< <= > >= == !=``) as ``(lhs − rhs, REL)``."""
    rels = _REL.findall(text) if isinstance(text, str) else []
    if len(rels) != 1 or rels[0] == "=":
        raise P.PolyError(f"{text!r}: expected exactly one relation of < <= > >= == != (use == for equality)")
    lhs, rhs = _REL.split(text)
    return P.add(P.parse(lhs, variables, defines), P.parse(rhs, variables, defines), -1), rels[0].replace("==", "=")


def canon(p: P.Poly, rel: str) -> tuple:
    """A logically equivalent normal form of ``p rel 0`` (see the module docstring)."""
    if rel in ("<", "<="):
        p, rel = P.scale(p, -1), rel.replace("<", ">")
    if rel in ("=", "!=") and p and p[max(p)] < 0:
        p = P.scale(p, -1)
    return rel, tuple(sorted(p.items()))


def _constraint(rec: dict, variables: list[str]) -> tuple[P.Poly, str]:
    p, vs = P.from_record(rec["poly"])
    if vs != list(variables) or rec["rel"] not in RELS:
        raise CertificateError(f"constraint over {vs} with relation {rec['rel']!r}; expected one over {variables}")
    return p, rec["rel"]


def _formula(f, vs: list[str], g, where: str) -> None:
    """Compare a certificate's formula tree (atoms ``["atom", rel, record]``) with the specification's."""
    if not isinstance(f, list) or not f or f[0] != g[0] or len(f) != len(g):
        raise CertificateError(f"{where}: structure differs from the specification (a hypothesis added or dropped?)")
    if f[0] == "atom" and canon(*(c := _constraint({"rel": f[1], "poly": f[2]}, vs))) != canon(g[2], g[1]):
        raise CertificateError(f"{where}: {_show(c, vs)} differs from the specification's {_show((g[2], g[1]), vs)}")
    for i, (x, y) in enumerate(zip(f[1:], g[1:], strict=True) if f[0] != "atom" else []):
        _formula(x, vs, y, f"{where}[{i}]")


def bind(claim: dict, spec: Spec) -> None:
    """Raise unless the certificate's claim record states exactly ``spec`` (canonical constraints)."""
    vs, name = [str(v) for v in claim.get("variables", [])], spec.name
    for key, got, want in (("name", claim.get("name"), name), ("variables", vs, list(spec.variables)),
                           ("dependencies", list(claim.get("depends_on", [])), list(spec.depends_on)),
                           ("quantifiers", [list(q) for q in claim.get("bound", [])], [list(q) for q in spec.bound])):
        if got != want:
            raise CertificateError(f"{name}: {key} {got} differ from the specification's {want}")
    allv = vs + [v for _, v in spec.bound]
    if spec.form == "universal":
        _formula(["implies", ["and", *[["atom", c["rel"], c["poly"]] for c in claim["assume"]]],
                  ["atom", claim["show"]["rel"], claim["show"]["poly"]]], vs,
                 ["implies", ["and", *[["atom", r, p] for p, r in spec.assume]], ["atom", spec.show[1], spec.show[0]]],
                 f"{name}: (hypotheses => goal)")
    elif spec.form == "quantified":
        _formula(claim["matrix"], allv, spec.formula[0], f"{name}: matrix")
        _formula(claim["target"], allv, spec.formula[1], f"{name}: target")
    elif [(P.from_record(r["lhs"]), P.from_record(r["rhs"])) for r in claim["identities"]] != \
            [((lhs, list(iv)), (rhs, list(iv))) for lhs, rhs, iv in spec.identities]:
        raise CertificateError(f"{name}: identities differ from the specification's")


# ------------------------------------------------------------------------------------ where specs come from

def _derived(d: dict, vs: list[str], defines: dict) -> P.Poly:
    """A ``derived`` define: a polynomial of ``checker.derive`` → ``diff`` → ``homogenize`` → ``subs`` → ``part``."""
    src, p = DERIVED[d["derived"]]()
    if "diff" in d:
        p = P.diff(p, src.index(d["diff"]))
    ext = vs + ["I"] if "part" in d else vs
    n, sub = len(ext), dict(d.get("subs", {}))
    if set(d) - {"derived", "diff", "homogenize", "subs", "part"} or not set(sub) <= set(src):
        raise P.PolyError(f"derived define {d}: unknown key or substituted variable")
    missing = [v for v in src if v not in sub and v not in ext]
    if missing:
        raise P.PolyError(f"derived {d['derived']}: variables {missing} are neither claim variables nor substituted")
    images = [P.parse(sub[v], ext, defines) if v in sub else P.var(ext.index(v), n) for v in src]
    hv, by = d.get("homogenize", (src[0], None))
    top, out = max((m[src.index(hv)] for m in p), default=0), {}
    for m, c in p.items():
        extra = P.power(P.var(ext.index(by), n), top - m[src.index(hv)], n) if by else P.const(1, n)
        out = P.add(out, P.mul(P.subs({m: c}, images, n), extra))
    if "part" in d:  # reduce I^2 = -1 and keep the real or the imaginary part
        out = {m[:-1]: c * (-1) ** (m[-1] // 2) for m, c in out.items() if m[-1] % 2 == (d["part"] == "im")}
    return out


def _defines(table: dict, vs: list[str]) -> dict[str, P.Poly]:
    out: dict[str, P.Poly] = {}
    for k, text in dict(table).items():
        if not _NAME.fullmatch(k) or k in vs:
            raise P.PolyError(f"define {k!r}: not an identifier or clashes with a variable")
        out[k] = _derived(text, list(vs), out) if isinstance(text, dict) else P.parse(text, list(vs), out)
    return out


def _vars(v: object) -> list[str]:
    if not (isinstance(v, list) and all(isinstance(x, str) and _NAME.fullmatch(x) for x in v)) or len(set(v)) != len(v):
        raise P.PolyError(f"variables must be a list of distinct identifiers, got {v!r}")
    return v


def _identity(d: dict) -> tuple[P.Poly, P.Poly, tuple[str, ...]]:
    iv = _vars(d["variables"])
    defs = _defines(d.get("define", {}), iv)
    return P.parse(d["lhs"], iv, defs), P.parse(d["rhs"], iv, defs), tuple(iv)


def _tree(f, vs: list[str], defs: dict) -> list:
    if isinstance(f, str):
        return ["atom", relation(f, vs, defs)[1], relation(f, vs, defs)[0]]
    return [f[0], *[_tree(g, vs, defs) for g in f[1:]]]


def load(c: dict, origin: str, user: bool = False) -> Spec:
    """One claim table (the grammar of ``checker/papers/*.toml``; a user file allows only the prove keys)."""
    allowed = {"name", "variables", "assume", "show", "define"} | (set() if user else {
        "form", "expect", "source", "statement", "depends_on", "identities", "bound", "matrix", "target"})
    form, vs = c.get("form", "universal"), _vars(c.get("variables", []))
    if set(c) - allowed or not isinstance(c.get("name"), str) or form not in ("universal", "quantified", "argued"):
        raise P.PolyError(f"claim {c.get('name')!r} in {origin}: keys must be among {sorted(allowed)}")
    allv = vs + [str(v) for _, v in c.get("bound", [])]
    defs = _defines(c.get("define", {}), _vars(allv))
    ids = tuple(_identity(d) for d in c.get("identities", []))
    return Spec(c["name"], form, c.get("statement") or f"{' and '.join(c.get('assume', []))} => {c.get('show')}",
                c.get("source", origin), tuple(vs),
                tuple(relation(t, vs, defs) for t in c.get("assume", [])),
                relation(c["show"], vs, defs) if form == "universal" else None,
                None if user else c.get("expect", "proved"), tuple(c.get("depends_on", [])), ids,
                tuple(tuple(q) for q in c.get("bound", [])),
                tuple(_tree(c[k], allv, defs) for k in ("matrix", "target")) if form == "quantified" else ())


def specifications(claims: dict[str, Spec] | None = None, papers: dict[str, Spec] | None = None) -> dict[str, Spec]:
    """Every claim of every paper specification ``checker/papers/*.toml`` (or ``papers``, as loaded before by this
    function), and the user's ``claims``."""
    out: dict[str, Spec] = dict(papers or {})
    for path in [] if papers else sorted((Path(__file__).parent / "papers").glob("*.toml")):
        for s in [load(c, f"checker/papers/{path.name}") for c in tomllib.loads(path.read_text("utf-8"))["claim"]]:
            if s.name in out:
                raise P.PolyError(f"claim {s.name!r} specified twice")
            out[s.name] = s
    for name, s in (claims or {}).items():
        if name in out:
            raise ValueError(f"claim name {name!r} is a paper claim's; choose another name")
        out[name] = s
    return out


def claim_file(path: Path) -> Spec:
    """The statement of a user claim file (the grammar of ``sgd-proofs prove``); raises ``ValueError``."""
    return load(tomllib.loads(Path(path).read_text(encoding="utf-8")), f"user claim file {Path(path).name}", True)
