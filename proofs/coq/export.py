"""Write one Coq file per semi-algebraic claim with an exact certificate (issue 12).

Proved claims with a single-leaf Bernstein certificate: the statement in plain real arithmetic, the
inverse substitution into the unit box (``BernsteinFacts.box_*``), the identity goal∘φ = Σ c_I Π bf
closed by ``ring``, and the sign of the Bernstein form from ``BernsteinFacts.sum_nonneg`` /
``sum_pos`` with the face rule (a case split on every closed face). Refuted claims: the exact
counterexample and the goal's exact value there, closed by ``field`` and ``lra``. Proved claims whose
certificate holds solver verdicts only (no exact certificate, e.g. ``appH.if`` with its equality
constraints) are exported when a proof script for them is in ``scripts/claim_<name>.v``: the statement
block is still generated from the certificate (and matched to the specification by ``checker --coq``), the
script only supplies the proof, which Coq's kernel checks like any other.
Deterministic: the text depends only on the certificates.

Scope: the export covers the claims it was written for — those of Velikanov et al. (specified in
``checker/papers/vky2023.toml``) and user claims. Claims specified by any other paper specification
(``checker/papers/*.toml``, the per-paper registries ``proofs/papers/``) are skipped with a note, so adding
a paper changes neither the committed ``certificates/coq`` nor its compile tests; exporting a further
paper is a decision of its own (add its specification file to :data:`COQ_PAPERS`).
"""

from __future__ import annotations

import json
import tomllib
from fractions import Fraction
from math import comb
from pathlib import Path

LIBRARY = Path(__file__).with_name("BernsteinFacts.v")
#: the paper specifications whose claims are exported (see the module docstring)
COQ_PAPERS = ("vky2023.toml",)
SPECS = Path(__file__).resolve().parents[2] / "checker" / "papers"
SCRIPTS = Path(__file__).with_name("scripts")
BEGIN, END = "(* BEGIN STATEMENT *)", "(* END STATEMENT *)"


class ExportError(Exception):
    """A certificate that cannot be exported (reported, never a traceback)."""


def _poly(rec: dict) -> tuple[dict, list[str]]:
    return {tuple(m): Fraction(c) for m, c in rec["terms"] if Fraction(c)}, list(rec["vars"])


def canon(p: dict, rel: str) -> tuple[dict, str]:
    """``p rel 0`` with rel in > >= = <> (same normal form as checker.spec.canon)."""
    if rel in ("<", "<="):
        p, rel = {m: -c for m, c in p.items()}, rel.replace("<", ">")
    if rel in ("=", "!=") and p and p[max(p)] < 0:
        p = {m: -c for m, c in p.items()}
    return p, {"!=": "<>"}.get(rel, rel)


def num(c: Fraction) -> str:
    return str(c.numerator) if c.denominator == 1 else f"{c.numerator}/{c.denominator}"


def text(p: dict, vs: list[str]) -> str:
    """Coq text of a polynomial over Q: terms in decreasing exponent order, ``c * x^k * ...``."""
    out = []
    for m in sorted(p, reverse=True):
        c = p[m]
        mono = " * ".join(v if e == 1 else f"{v}^{e}" for v, e in zip(vs, m, strict=True) if e)
        mag = num(abs(c))
        body = mono if mono and abs(c) == 1 else (f"{mag} * {mono}" if mono else mag)
        out.append(("- " if c < 0 else ("+ " if out else "")) + body)
    return " ".join(out).replace("+ - ", "- ") if out else "0"


def ident(name: str) -> str:
    return "claim_" + "".join(ch if ch.isalnum() else "_" for ch in name)


def statement(name: str, vs: list[str], assume: list[tuple[dict, str]], show: tuple[dict, str], refuted: bool) -> str:
    """The statement block: the goal polynomial written out and the theorem over R."""
    hyps = [f"{text(p, vs)} {r} 0" for p, r in (canon(*a) for a in assume)]
    gp, grel = canon(*show)
    args = " ".join(vs)
    body = f"forall {args} : R,\n    " + " ->\n    ".join(hyps + [f"goal {args} {grel} 0"])
    thm = f"~ ({body})" if refuted else body
    return (f"{BEGIN}\n(* {name} *)\nDefinition goal ({args} : R) : R :=\n  {text(gp, vs)}.\n\n"
            f"Definition statement : Prop :=\n  {thm}.\n{END}\n")


def _bernstein(q: dict, deg: tuple[int, ...]) -> dict:
    """Exact Bernstein coefficients b_I of q on [0,1]^n (index ↦ value)."""
    for i, d in enumerate(deg):
        rows: dict = {}
        for m, c in q.items():
            rows.setdefault(m[:i] + m[i + 1:], [Fraction(0)] * (d + 1))[m[i]] += c
        q = {}
        for r, a in rows.items():
            for k in range(d + 1):
                v = sum((Fraction(comb(k, j), comb(d, j)) * a[j] for j in range(k + 1)), Fraction(0))
                if v:
                    q[r[:i] + (k,) + r[i:]] = v
    return q


def _bound_text(p: dict, j: int, vs: list[str]) -> tuple[str, str]:
    """A constraint ``p rel 0`` linear in variable j: (side, bound text in the other variables)."""
    coef = p[tuple(int(i == j) for i in range(len(vs)))]
    rest = {m: -c / coef for m, c in p.items() if not m[j]}
    return ("lower" if coef > 0 else "upper"), text(rest, vs)


def _parts(claim: dict) -> tuple[list[str], list[tuple[dict, str]], tuple[dict, str]]:
    """Variables, assumptions ``(poly, rel)`` and goal ``(poly, rel)`` of a certificate's claim record."""
    return (list(claim["variables"]), [(_poly(a["poly"])[0], a["rel"]) for a in claim["assume"]],
            (_poly(claim["show"]["poly"])[0], claim["show"]["rel"]))


def proved_file(name: str, claim: dict, bern: dict) -> str:
    if bern.get("tree") != "+":
        raise ExportError(f"{name}: subdivided Bernstein certificate (not exported)")
    vs, pairs, show = _parts(claim)
    assume, rels = [p for p, _ in pairs], [r for _, r in pairs]
    gp, grel = canon(*show)
    strict = grel == ">"
    bm = bern["boxmap"]
    tv = list(bm["box_vars"])
    q, qv = _poly(bern["goal_on_box"])
    if qv != tv:
        raise ExportError(f"{name}: goal_on_box variables differ from the box variables")
    n = len(tv)
    deg = tuple(max((m[i] for m in q), default=0) for i in range(n))
    b = _bernstein(q, deg)
    if any(v < 0 for v in b.values()):
        raise ExportError(f"{name}: a Bernstein coefficient is negative")
    coeffs = sorted(b.items())
    terms = []
    for idx, c in coeffs:
        c = c * prod_comb(deg, idx)
        factors = " * ".join(f"bf {t} {k} {d - k}" for t, k, d in zip(tv, idx, deg, strict=True))
        terms.append(f"{num(c)} * {factors}")
    # inverse substitution, in box order
    lines, eqs, opens = [], [], []
    hnames = [f"H{i}" for i in range(len(assume))]
    for i, (v, rec) in enumerate(zip(bm["order"], bm["bounds"], strict=True)):
        j = vs.index(v)
        lo_k, hi_k = rec["lower"]["assume"], rec["upper"]["assume"]
        cp = [canon(assume[k], rels[k]) for k in (lo_k, hi_k)]
        (s1, lo), (s2, hi) = (_bound_text(p, j, vs) for p, _ in cp)
        if (s1, s2) != ("lower", "upper"):
            raise ExportError(f"{name}: box bounds of {v} are not a lower and an upper bound")
        ol, oh = rec["lower"]["open"], rec["upper"]["open"]
        opens.append((ol, oh))
        lem = "box_" + ("o" if ol else "c") + ("o" if oh else "c")
        t = tv[i]
        lines.append(f"  destruct ({lem} ({lo}) ({hi}) {v}) as [{t} [L{t} [U{t} E{t}]]]; [lra | lra |].")
        eqs.append(f"{v} = ({lo}) + (({hi}) - ({lo})) * {t}")
    tl = " ".join(tv)
    vl = " ".join(vs)
    out = ["Require Import Reals Lra List.", "Import ListNotations.", "From SgdProofs Require Import BernsteinFacts.",
           "Open Scope R_scope.", "", statement(name, vs, list(zip(assume, rels, strict=True)), show, False)]
    out.append(f"(* The Bernstein form of the goal on the unit box (degrees {deg}), coefficients times binomials. *)")
    out.append(f"Definition leaf ({tl} : R) : list R := [\n  " + ";\n  ".join(terms) + "].\n")
    eq_hyps = " -> ".join(f"({e})" for e in eqs)
    rev = " ".join(reversed([str(v) for v in bm["order"]]))
    out.append(f"Lemma leaf_identity : forall {vl} {tl} : R,\n  {eq_hyps} ->\n  goal {vl} = sumR (leaf {tl}).")
    out.append(f"Proof.\n  intros {vl} {tl} {' '.join('E' + t for t in tv)}.\n  subst {rev}.\n"
               f"  unfold goal, leaf; cbn [sumR]; unfold bf; ring.\nQed.\n")
    proof = [f"Theorem {ident(name)} : statement.", "Proof.", f"  unfold statement; intros {vl} {' '.join(hnames)}."]
    proof += lines
    proof.append(f"  pose proof (leaf_identity {vl} {tl} {' '.join('E' + t for t in tv)}) as Hid.")
    if not strict:
        proof.append(f"  assert (HB : 0 <= sumR (leaf {tl})) by (apply sum_nonneg; unfold leaf; bern_nonneg).")
        proof.append("  lra.\nQed.")
    else:
        closed = [(i, o) for i, o in enumerate(opens) if not (o[0] and o[1])]
        cases = [[]]
        for i, (ol, oh) in closed:
            t = tv[i]
            if not ol:
                proof.append(f"  destruct (face_lo {t} ltac:(lra)) as [F{t}l | F{t}l];")
            if not oh:
                proof.append(f"  destruct (face_hi {t} ltac:(lra)) as [F{t}h | F{t}h];")
            new = []
            for c in cases:
                lo_opts = ["l", "m"] if not ol else ["m"]
                hi_opts = ["h", "m"] if not oh else ["m"]
                for a_ in lo_opts:
                    for h_ in hi_opts:
                        new.append(c + [(i, a_, h_)])
            cases = new
        proof.append("  [ " + " | ".join(_case(c, coeffs, deg, n, tl, name) for c in cases) + " ].")
        if not closed:
            proof[-1] = "  " + _case([], coeffs, deg, n, tl, name) + "."
        proof.append("Qed.")
    out.append("\n".join(proof) + "\n")
    return "\n".join(out)


def prod_comb(deg, idx) -> int:
    r = 1
    for d, k in zip(deg, idx, strict=True):
        r *= comb(d, k)
    return r


def _case(case, coeffs, deg, n, tl, name) -> str:
    face = ["m"] * n
    for i, lo, hi in case:
        if lo == "l" and hi == "h":
            return "lra"
        face[i] = "l" if lo == "l" else ("h" if hi == "h" else "m")
    pos = next((p for p, (idx, _) in enumerate(coeffs)
                if all(f == "m" or k == (d if f == "h" else 0) for f, k, d in zip(face, idx, deg, strict=True))), None)
    if pos is None:
        raise ExportError(f"{name}: face {''.join(face)} has no positive Bernstein coefficient")
    return (f"assert (HB : 0 < sumR (leaf {tl})) by (apply sum_pos; unfold leaf; [bern_nonneg | "
            f"do {pos} apply Exists_cons_tl; apply Exists_cons_hd; bern_pos_term]); lra")


def refuted_file(name: str, claim: dict, point: list[str]) -> str:
    vs, assume, show = _parts(claim)
    x = [Fraction(v) for v in point]

    def ev(p):
        return sum((c * prod_pow(x, m) for m, c in p.items()), Fraction(0))

    ok = {">": lambda v: v > 0, ">=": lambda v: v >= 0, "<": lambda v: v < 0, "<=": lambda v: v <= 0,
          "=": lambda v: v == 0, "!=": lambda v: v != 0}
    if not all(ok[r](ev(p)) for p, r in assume) or ok[show[1]](ev(show[0])):
        raise ExportError(f"{name}: the recorded counterexample does not refute the claim exactly")
    gp, _ = canon(*show)
    pt = " ".join(f"({num(v)})" for v in x)
    val = ev(gp)
    return "\n".join([
        "Require Import Reals Lra.", "Open Scope R_scope.", "",
        statement(name, vs, assume, show, True),
        f"(* The exact counterexample ({', '.join(num(v) for v in x)}): goal = {num(val)}. *)",
        f"Lemma goal_at_point : goal {pt} = {num(val)}.",
        "Proof. unfold goal; field. Qed.", "",
        f"Theorem {ident(name)} : statement.",
        "Proof.",
        "  unfold statement; intro H.",
        "  assert (HG := goal_at_point).",
        f"  assert (Hc := H {pt}).",
        "  assert (HF : " + f"goal {pt} {canon(*show)[1]} 0) by (apply Hc; lra).",
        "  lra.", "Qed.", ""])


def scripted_file(name: str, claim: dict, script: str) -> str:
    """A proved claim without an exact certificate: the generated statement and a proof written for it."""
    vs, assume, show = _parts(claim)
    if not script.startswith(f"Theorem {ident(name)} : statement.\n") or BEGIN in script:
        raise ExportError(f"{name}: its proof script must start with `Theorem {ident(name)} : statement.`")
    return "\n".join([
        "Require Import Reals Lra Psatz.", "Open Scope R_scope.", "",
        statement(name, vs, assume, show, False),
        f"(* Proof written for this claim (its certificate holds solver verdicts only): proofs/coq/scripts/"
        f"{ident(name)}.v. *)", script])


def prod_pow(x, m) -> Fraction:
    r = Fraction(1)
    for v, e in zip(x, m, strict=True):
        r *= v ** e
    return r


def not_exported() -> dict[str, str]:
    """``{claim name: specification file}`` of the claims of papers outside :data:`COQ_PAPERS`."""
    return {c["name"]: p.name for p in sorted(SPECS.glob("*.toml")) if p.name not in COQ_PAPERS
            for c in tomllib.loads(p.read_text("utf-8")).get("claim", [])}


def plan(certdir: Path) -> tuple[dict[str, str], list[str]]:
    """``{file name: text}`` for every exportable certificate in certdir, and the notes on the skipped ones."""
    files, skipped, others = {}, [], not_exported()
    for path in sorted(certdir.glob("*.json")):
        try:
            d = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(d, dict) or d.get("kind") != "semialgebraic":
            continue
        c = d["content"]
        name = c["claim"]["name"]
        if name in others:
            skipped.append(f"{name}: a claim of checker/papers/{others[name]}, outside the Coq export "
                           f"(it covers {', '.join(COQ_PAPERS)} and user claims)")
            continue
        if c.get("form") != "universal":
            skipped.append(f"{name}: {c.get('form')} claim (no exact certificate to export)")
            continue
        try:
            if c["status"] == "proved" and "bernstein" in c.get("proofs", {}):
                files[ident(name) + ".v"] = proved_file(name, c["claim"], c["proofs"]["bernstein"])
            elif c["status"] == "proved" and (script := SCRIPTS / (ident(name) + ".v")).is_file():
                files[ident(name) + ".v"] = scripted_file(name, c["claim"], script.read_text("utf-8"))
            elif c["status"] == "refuted":
                pts = [v["counterexample"] for _, v in sorted(c["verdicts"].items()) if v.get("counterexample")]
                if not pts:
                    raise ExportError(f"{name}: refuted without an exact counterexample")
                files[ident(name) + ".v"] = refuted_file(name, c["claim"], pts[0])
            else:
                skipped.append(f"{name}: {c['status']} without an exact Bernstein certificate (solver verdicts only)")
        except ExportError as e:
            skipped.append(str(e))
    return files, skipped


def export(certdir: Path, outdir: Path) -> tuple[list[str], list[str]]:
    """Write the .v files, BernsteinFacts.v and _CoqProject into outdir; return (written names, skipped notes)."""
    files, skipped = plan(certdir)
    outdir.mkdir(parents=True, exist_ok=True)
    files = {"BernsteinFacts.v": LIBRARY.read_text("utf-8"), **files}
    for fname, body in files.items():
        (outdir / fname).write_text(body, "utf-8")
    names = ["BernsteinFacts.v"] + sorted(f for f in files if f != "BernsteinFacts.v")
    (outdir / "_CoqProject").write_text("-Q . SgdProofs\n" + "".join(f"{f}\n" for f in names), "utf-8")
    return names, skipped
