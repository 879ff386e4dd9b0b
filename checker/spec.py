"""What a certificate must prove: specifications, and the exact comparison that binds a certificate to one.

The checker never takes *what was proved* from the certificate. A statement comes from

* a paper module in ``checker/papers/`` (``CLAIMS``: the paper's claims, their polynomials re-derived by
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
from dataclasses import dataclass, field
from pathlib import Path

from . import poly as P
from .derive import CHAR_VARS, VARS, char_poly, polys
from .errors import CertificateError

_REL = re.compile(r"<=|>=|==|!=|<|>|=")
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
RELS = (">", ">=", "<", "<=", "=", "!=")
DERIVED = {"f": lambda: (CHAR_VARS, char_poly()), **{k: lambda k=k: (VARS, polys()[k]) for k in ("S", "R1", "u_num", "v_num")}}


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
    matrix: list = field(default_factory=list)
    target: list = field(default_factory=list)


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


def _show(c: tuple, vs: list[str]) -> str:
    return f"{P.to_text(c[0], vs)} {c[1]} 0"


def _formula(f, vs: list[str], g, where: str) -> None:
    if not isinstance(f, list) or not f or not isinstance(g, list) or f[0] != g[0] or len(f) != len(g):
        raise CertificateError(f"{where}: formula structure differs from the specification")
    if f[0] == "atom":
        c, s = _constraint({"rel": f[1], "poly": f[2]}, vs), (g[2], g[1])
        if canon(*c) != canon(*s):
            raise CertificateError(f"{where}: atom {_show(c, vs)} differs from the specification's {_show(s, vs)}")
    else:
        for i, (x, y) in enumerate(zip(f[1:], g[1:], strict=True)):
            _formula(x, vs, y, f"{where}.{f[0]}[{i}]")


def bind(claim: dict, spec: Spec) -> None:
    """Raise unless the certificate's claim record states exactly ``spec`` (canonical constraints)."""
    name = spec.name
    if claim.get("name") != name:
        raise CertificateError(f"claim record is named {claim.get('name')!r}, the specification {name!r}")
    vs = [str(v) for v in claim.get("variables", [])]
    if vs != list(spec.variables):
        raise CertificateError(f"{name}: variables {vs} differ from the specification's {list(spec.variables)}")
    if list(claim.get("depends_on", [])) != list(spec.depends_on):
        raise CertificateError(f"{name}: dependencies {claim.get('depends_on')} differ from the specification's "
                               f"{list(spec.depends_on)}")
    if spec.form == "universal":
        got = [_constraint(c, vs) for c in claim["assume"]]
        if len(got) != len(spec.assume):
            raise CertificateError(f"{name}: {len(got)} hypotheses, the specification has {len(spec.assume)} "
                                   "(a hypothesis added or dropped)")
        for i, (c, s) in enumerate(zip(got, spec.assume, strict=True)):
            if canon(*c) != canon(*s):
                raise CertificateError(f"{name}: hypothesis {i} is {_show(c, vs)}, the specification says {_show(s, vs)}")
        c = _constraint(claim["show"], vs)
        if canon(*c) != canon(*spec.show):
            raise CertificateError(f"{name}: goal {_show(c, vs)} differs from the specification's {_show(spec.show, vs)}")
    elif spec.form == "quantified":
        allv = vs + [str(v) for _, v in spec.bound]
        if [list(q) for q in claim["bound"]] != [list(q) for q in spec.bound]:
            raise CertificateError(f"{name}: quantifier prefix {claim['bound']} differs from the specification's")
        _formula(claim["matrix"], allv, spec.matrix, f"{name}: matrix")
        _formula(claim["target"], allv, spec.target, f"{name}: target")
    elif spec.form == "argued":
        ids = claim["identities"]
        if len(ids) != len(spec.identities):
            raise CertificateError(f"{name}: {len(ids)} identities, the specification has {len(spec.identities)}")
        for i, (rec, (lhs, rhs, ivs)) in enumerate(zip(ids, spec.identities, strict=True)):
            if P.from_record(rec["lhs"]) != (lhs, list(ivs)) or P.from_record(rec["rhs"]) != (rhs, list(ivs)):
                raise CertificateError(f"{name}: identity {i} differs from the specification's")


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
    return Spec(c["name"], form, c.get("statement", f"the claim of {origin}"), c.get("source", origin), tuple(vs),
                tuple(relation(t, vs, defs) for t in c.get("assume", [])),
                relation(c["show"], vs, defs) if form == "universal" else None,
                None if user else c.get("expect", "proved"), tuple(c.get("depends_on", [])), ids,
                tuple(tuple(q) for q in c.get("bound", [])), _tree(c.get("matrix", []), allv, defs) if form ==
                "quantified" else [], _tree(c.get("target", []), allv, defs) if form == "quantified" else [])


def paper_specs() -> dict[str, Spec]:
    """Every claim of every paper specification ``checker/papers/*.toml``."""
    out: dict[str, Spec] = {}
    for path in sorted((Path(__file__).parent / "papers").glob("*.toml")):
        for c in tomllib.loads(path.read_text(encoding="utf-8"))["claim"]:
            s = load(c, f"checker/papers/{path.name}")
            if s.name in out:
                raise CertificateError(f"claim {s.name!r} specified twice")
            out[s.name] = s
    return out


def claim_file(path: Path) -> Spec:
    """The statement of a user claim file (the grammar of ``sgd-proofs prove``); raises ``ValueError``."""
    return load(tomllib.loads(Path(path).read_text(encoding="utf-8")), f"user claim file {Path(path).name}", True)
