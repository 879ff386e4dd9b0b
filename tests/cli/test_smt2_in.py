"""The SMT-LIB2 reader ``sgd_proofs.smt2``: a QF_NRA problem as the project's Claim (unsat ⇔ proved).

Equal meaning gives an identical claim record (against the TOML reader and the project's own SMT-LIB2
writer), exact decimals, ``define-fun``/``let`` substitution, the negation of the last atom, every
unsupported construct named with its line, limits and resource guards, a fuzz test (only ``BadInput``),
and end to end: the examples of docs/examples/smt2 decided by z3 with their ``:status``; a model
checked against the file by z3's own parser.
"""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofs.claim import NEGATION, Claim, Constraint
from proofs.solvers import smtlib
from sgd_proofs import smt2
from sgd_proofs.commands.prove import BadInput, decide, load_claim_text
from sgd_proofs.smt2 import load_smt2, load_smt2_text
from symbolic.polynomial import evaluate, parse

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "smt2"
R1 = ("-2*a**2*b*z**2 + 4*a*b**2*z**2 + 4*a*b*z**2 + b**4*z**4 + 2*b**3*z**3 - 2*b**3*z**2 - 2*b**2*z**2 "
      "- 2*b*z**2 + 2*b*z + 1")
LEMMA_TOML = f"""name = "lemma 1.3"
variables = ["a", "b", "z"]
assume = ["-1 < b", "b < 1", "0 < a", "a < 2*(b+1)", "0 < z", "z < 1"]
show = "R1 >= 0"
[define]
R1 = "{R1}"
"""


def meaning(claim: Claim) -> dict:
    """The claim record without the descriptive fields."""
    return {k: v for k, v in claim.record().items() if k not in ("statement", "source", "name")}


def load(body: str, decls: str = "(declare-fun x () Real)\n(declare-fun y () Real)\n") -> tuple[Claim, dict]:
    return load_smt2_text(f"{decls}{body}\n(check-sat)\n", "t.smt2")


def error(text: str, path: str = "f.smt2") -> str:
    with pytest.raises(BadInput) as exc:
        load_smt2_text(text, path)
    return str(exc.value)


# --------------------------------------------------------------------------- equal meaning, normal form

def test_lemma_1_3_example_equals_the_toml_claim():
    toml = load_claim_text(LEMMA_TOML, "claim.toml")
    claim, info = load_smt2(EXAMPLES / "lemma-1-3.smt2")
    assert meaning(claim) == meaning(toml)
    assert claim.variables == ("a", "b", "z") and claim.name == "lemma-1-3"
    assert claim.source == "user SMT-LIB2 file lemma-1-3.smt2"
    assert claim.statement == ("(< (- 1) b) and (< b 1) and (< 0 a) and (< a (* 2 (+ b 1))) and (< 0 z) and "
                               "(< z 1) => (not (< R1 0))")
    assert info == {"logic": "QF_NRA", "status": "unsat", "assertions": 6, "atoms": 7,
                    "negated": {"assertion": 6, "line": 19, "text": "(< R1 0)"}, "ignored": []}


def test_the_projects_own_smt2_output_reads_back_as_the_same_claim():
    """``proofs.solvers.smtlib.claim_script`` asserts assume ∧ ¬show: reading it gives the claim again."""
    for toml in (LEMMA_TOML, 'name = "n"\nvariables = ["x", "y"]\nassume = ["x != y", "x == 2*y"]\n'
                 'show = "x*y != 1/3"\n', 'name = "e"\nvariables = ["x"]\nshow = "x**2 - 1 == 0"\n'):
        claim = load_claim_text(toml, "c.toml")
        back, info = load_smt2_text(smtlib.claim_script(claim), "c.smt2")
        assert meaning(back) == meaning(claim)
        assert info["status"] == "unknown" and info["ignored"] == ["set-option", "get-model"]


_NAMES = ("a", "b", "z")


@st.composite
def expressions(draw, depth: int = 3) -> tuple[str, str]:
    """A random polynomial expression as (TOML infix text, SMT-LIB2 prefix text)."""
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        kind = draw(st.sampled_from(["var", "int", "rat", "dec"]))
        if kind == "var":
            v = draw(st.sampled_from(_NAMES))
            return v, v
        if kind == "int":
            k = draw(st.integers(-30, 30))
            return f"({k})", (f"(- {-k})" if k < 0 else str(k))
        if kind == "rat":
            p, q = draw(st.integers(0, 50)), draw(st.integers(1, 50))
            return f"({p}/{q})", f"(/ {p} {q})"
        whole, frac = draw(st.integers(0, 99)), draw(st.text("0123456789", min_size=1, max_size=4))
        f = Fraction(f"{whole}.{frac}")
        return f"({f.numerator}/{f.denominator})", f"{whole}.{frac}"
    op = draw(st.sampled_from(["+", "-", "*", "neg", "/", "n-ary"]))
    a, b = draw(expressions(depth - 1)), draw(expressions(depth - 1))
    if op == "neg":
        return f"(-{a[0]})", f"(- {a[1]})"
    if op == "/":
        c = draw(st.integers(1, 9))
        return f"({a[0]} / {c})", f"(/ {a[1]} {c})"
    if op == "n-ary":
        c = draw(expressions(depth - 1))
        sym = draw(st.sampled_from(["+", "*", "-"]))
        return f"({a[0]} {sym} {b[0]} {sym} {c[0]})", f"({sym} {a[1]} {b[1]} {c[1]})"
    return f"({a[0]} {op} {b[0]})", f"({op} {a[1]} {b[1]})"


_TOML_REL = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "==", "!=": "!="}


def _smt_atom(rel: str, lhs: str, rhs: str) -> str:
    return f"(distinct {lhs} {rhs})" if rel == "!=" else f"({rel} {lhs} {rhs})"


@given(st.lists(st.tuples(st.sampled_from(sorted(_TOML_REL)), expressions(), expressions()), min_size=1,
                max_size=4))
def test_random_claims_equal_the_toml_reader(relations):
    """assume = all relations but the last, show = the last; the SMT file asserts ¬show as its last atom."""
    toml_rels = [f"{lhs[0]} {_TOML_REL[rel]} {rhs[0]}" for rel, lhs, rhs in relations]
    toml = (f'name = "r"\nvariables = ["a", "b", "z"]\nassume = {toml_rels[:-1]!r}\n'.replace("'", '"')
            + f'show = "{toml_rels[-1]}"\n')
    expected = load_claim_text(toml, "r.toml")
    *assumed, (rel, lhs, rhs) = relations
    asserts = [f"(assert {_smt_atom(r, a[1], b[1])})" for r, a, b in assumed]
    goal = _smt_atom(NEGATION[rel], lhs[1], rhs[1])  # the negated goal, written directly
    text = "(declare-fun a () Real)(declare-fun b () Real)(declare-const z Real)\n" + "\n".join(asserts)
    claim, _ = load_smt2_text(f"{text}\n(assert {goal})\n(check-sat)\n", "r.smt2")
    assert meaning(claim) == meaning(expected)
    negated, _ = load_smt2_text(f"{text}\n(assert (not {_smt_atom(rel, lhs[1], rhs[1])}))\n(check-sat)", "r.smt2")
    assert meaning(negated) == meaning(expected)


def test_decimals_are_exact():
    claim, _ = load("(assert (< x 2.5))\n(assert (< (* 0.1 x) 1.000))\n(assert (= y 0.333))")
    assert claim.assume[0] == Constraint({(1, 0): Fraction(1), (0, 0): Fraction(-5, 2)}, "<")
    assert claim.assume[1] == Constraint({(1, 0): Fraction(1, 10), (0, 0): Fraction(-1)}, "<")
    assert claim.show == Constraint({(0, 1): Fraction(1), (0, 0): Fraction(-333, 1000)}, "!=")


def test_define_fun_and_let_are_substituted():
    decls = "(declare-fun x () Real)\n(declare-fun y () Real)\n"
    claim, _ = load("(define-fun s () Real (+ x y))\n(define-fun |s 2| () Real (* s s))\n"
                    "(assert (> |s 2| 0))\n(assert (let ((t (- s 1)) (u 2)) (< (* t u) 0)))", decls)
    vs = ["x", "y"]
    assert claim.assume == (Constraint(parse("(x+y)**2", vs), ">"),)
    assert claim.show == Constraint(parse("2*(x+y-1)", vs), ">=")
    # let binds in parallel (the bindings see the outer names) and shadows; nested lets see the inner ones
    claim, _ = load("(assert (let ((x y) (y x)) (let ((x (* 3 x))) (> (- x y) 0))))")
    assert claim.show == Constraint(parse("3*y - x", vs), "<=")
    # a let over a conjunction: each atom keeps the let in its text
    claim, info = load("(assert (let ((d (- x y))) (and (> d 0) (< d 1))))")
    assert claim.statement == "(let ((d (- x y))) (> d 0)) => (not (let ((d (- x y))) (< d 1)))"
    assert info["negated"]["text"] == "(let ((d (- x y))) (< d 1))"


def test_constants_declared_after_a_definition_or_an_assertion():
    claim, _ = load("(declare-fun x () Real)\n(define-fun d () Real (* 2 x))\n(assert (> d 0))\n"
                    "(declare-fun y () Real)\n(assert (< (+ d y) 1))", decls="")
    assert claim.variables == ("x", "y")
    assert claim.assume == (Constraint({(1, 0): Fraction(2)}, ">"),)
    assert claim.show == Constraint({(1, 0): Fraction(2), (0, 1): Fraction(1), (0, 0): Fraction(-1)}, ">=")


@pytest.mark.parametrize(("atom", "rel", "text", "goal"), [
    ("(> x y)", "<=", None, None), ("(>= x y)", "<", None, None), ("(< x y)", ">=", None, None),
    ("(<= x y)", ">", None, None), ("(= x y)", "!=", None, None), ("(distinct x y)", "=", None, None),
    ("(not (> x y))", ">", None, "(> x y)"), ("(not (= x y))", "=", None, "(= x y)"),
    ("(not (distinct x y))", "!=", None, "(distinct x y)"),
    ("(not (not (< x y)))", ">=", "(< x y)", None),  # a double negation is simplified in the texts
    ("(! (< x y) :named goal)", ">=", "(< x y)", None),  # an annotation is dropped
])
def test_the_last_atom_is_negated(atom, rel, text, goal):
    claim, info = load(f"(assert (> x 0))\n(assert {atom})")
    assert claim.show == Constraint({(1, 0): Fraction(1), (0, 1): Fraction(-1)}, rel)
    assert claim.assume == (Constraint({(1, 0): Fraction(1)}, ">"),)
    text = text or atom
    assert info["negated"] == {"assertion": 2, "line": 4, "text": text}
    assert claim.statement == f"(> x 0) => {goal or f'(not {text})'}"


def test_conjunctions_flatten_and_chains_expand():
    claim, info = load("(assert (and (< 0 x 1) (and true (distinct x y 2))))\n(assert (! (and (> y 0)) :named p))")
    rels = [(c.rel, c.poly) for c in claim.assume]
    vs = ["x", "y"]
    assert rels == [("<", parse("-x", vs)), ("<", parse("x - 1", vs)), ("!=", parse("x - y", vs)),
                    ("!=", parse("x - 2", vs)), ("!=", parse("y - 2", vs))]
    assert claim.show == Constraint(parse("y", vs), "<=")
    assert info["atoms"] == 6 and info["assertions"] == 2
    assert claim.statement.startswith("(< 0 x) and (< x 1) and (distinct x y) and (distinct x 2) and ")


def test_true_and_false():
    claim, info = load("(assert true)\n(assert (and))")
    assert claim.assume == () and claim.show == Constraint({}, "!=")  # sat: the claim "false" is refuted
    assert info["negated"] == {"assertion": 2, "line": 4, "text": "true"}
    claim, _ = load("(assert (> x 0))\n(assert false)")
    assert claim.show == Constraint({}, "=")  # unsat: proved
    claim, _ = load("(assert (not true))\n(assert (> x 1))")
    assert claim.assume == (Constraint({}, "!="),)


def test_info_and_lexical_details():
    text = ('; a comment (with parentheses\n(set-info :smt-lib-version 2.6)\n(set-info :source |multi\nline|)\n'
            '(set-info :license "a ""quoted"" string ; not a comment")\n(set-option :produce-models true)\n'
            '(set-logic QF_LRA)\n(declare-fun |x| () Real) ; trailing\n(echo "hi")\n'
            '(assert (< |x| 1))\n(check-sat)\n(get-value (x))\n(get-model)\n(exit)\n(this is ignored)\n')
    claim, info = load_smt2_text(text, Path("dir/my claim.smt2"))
    assert claim.variables == ("x",) and claim.name == "my claim"
    assert claim.source == "user SMT-LIB2 file my claim.smt2"
    assert info == {"logic": "QF_LRA", "status": None, "assertions": 1, "atoms": 1,
                    "negated": {"assertion": 1, "line": 10, "text": "(< x 1)"},
                    "ignored": ["set-info", "set-info", "set-info", "set-option", "echo", "get-value",
                                "get-model"]}


# ------------------------------------------------------------------------------------- refused input

UNSUPPORTED = {
    "or": ("(assert (or (< x 1) (> x 2)))", "disjunction (or) is not supported: a claim is a conjunction of atoms"),
    "implies": ("(assert (=> (< x 1) (> y 2)))", "implication (=>) is not supported"),
    "xor": ("(assert (xor (< x 1) (> y 2)))", "(xor) is not supported"),
    "ite formula": ("(assert (ite (< x 1) (> y 2) (< y 0)))", "if-then-else (ite) is not supported"),
    "ite term": ("(assert (< (ite (< x 1) x y) 0))", "if-then-else (ite) is not supported in a term"),
    "ite term 2": ("(assert (< (+ 1 (ite b x y)) 0))", "if-then-else (ite) is not supported in a term"),
    "not and": ("(assert (not (and (< x 1) (> y 2))))", "is a disjunction, which is not supported"),
    "not chain": ("(assert (not (< x y 1)))", "is a disjunction, which is not supported"),
    "forall": ("(assert (forall ((z Real)) (> (* z z) x)))", "quantifier (forall) is not supported"),
    "exists": ("(assert (exists ((z Real)) (> z x)))", "quantifier (exists) is not supported"),
    "Int sort": ("(declare-fun n () Int)", "sort Int is not supported"),
    "Int const": ("(declare-const n Int)", "sort Int is not supported"),
    "Bool sort": ("(declare-fun p () Bool)", "sort Bool is not supported"),
    "Bool define": ("(define-fun p () Bool (< x 1))", "of sort Bool (a named formula) is not supported"),
    "Bool name": ("(assert p)", "unknown Boolean name 'p': Bool constants are not supported"),
    "function": ("(declare-fun f (Real) Real)", "a function with arguments (declare-fun f (Real) Real) is not "
                 "supported (uninterpreted functions)"),
    "function use": ("(assert (< (f x) 1))", "unknown function 'f': uninterpreted functions"),
    "define with args": ("(define-fun g ((t Real)) Real (* t t))", "with arguments (a function) is not supported"),
    "array": ("(declare-fun m () (Array Real Real))", "arrays ((Array Real Real)) are not supported"),
    "select": ("(assert (< (select m x) 1))", "arrays (select) are not supported"),
    "push": ("(push 1)", "push is not supported"),
    "pop": ("(pop 1)", "pop is not supported"),
    "check-sat-assuming": ("(check-sat-assuming (p))", "check-sat-assuming is not supported"),
    "second check-sat": ("(check-sat)\n(check-sat)", "a second check-sat (the first at line 3) is not supported"),
    "assert after check-sat": ("(check-sat)\n(assert (> x 0))", "assert after check-sat (line 3) is not supported"),
    "logic": ("(set-logic QF_NIA)", "logic QF_NIA is not supported (supported: QF_NRA, QF_LRA"),
    "logic ALL": ("(set-logic ALL)", "logic ALL is not supported"),
    "to_real": ("(assert (< (to_real x) 1))", "to_real is not supported"),
    "div": ("(assert (< (div x 2) 1))", "integer division (div) is not supported"),
    "abs": ("(assert (< (abs x) 1))", "abs is not supported"),
    "power": ("(assert (< (^ x 2) 1))", "^ is not SMT-LIB"),
    "divide by variable": ("(assert (< (/ 1 x) 1))", "division only by a non-zero constant"),
    "divide by zero": ("(assert (< (/ x (- 1 1)) 1))", "division by zero"),
    "bool equality": ("(assert (= (< x 1) (< y 1)))", "equality of formulas (= between Bool terms) is not supported"),
    "let formula": ("(assert (let ((p (< x 1))) p))", "let binding 'p' to a formula is not supported"),
    "indexed": ("(assert (< ((_ to_fp 8 24) x) 1))", "indexed or qualified identifiers (_ …) are not supported"),
    "hex": ("(assert (< x #x1F))", "a hexadecimal literal '#x1F' is not supported"),
    "string term": ('(assert (< x "a"))', "a string literal"),
    "negative literal": ("(assert (< x -3))", "a negative number is written (- 3)"),
    "decimal exponent": ("(assert (< x 1e3))", "malformed number '1e3'"),
    "leading zero": ("(assert (< x 007))", "numeral '007': no leading zero"),
    "unknown name": ("(assert (< q 1))", "unknown name 'q' (declared and defined names: x, y)"),
    "non-identifier": ("(declare-fun x!1 () Real)", "constant x!1: a declared constant becomes a claim variable "
                       "and must be an identifier"),
    "quoted non-identifier": ("(declare-fun |a b| () Real)", "constant |a b|: a declared constant"),
    "redeclared": ("(declare-fun x () Real)", "'x' is already declared (line 1)"),
    "builtin name": ("(declare-fun and () Real)", "'and' is a reserved word or built-in symbol"),
    "unknown command": ("(declare-datatypes () ((C a)))", "datatypes are not supported"),
    "get-model early": ("(get-model)", "get-model before check-sat is not supported"),
    "reset": ("(reset)", "reset is not supported"),
    "term as formula": ("(assert (+ x 1))", "expected a formula, got the Real term (+ x 1)"),
    "formula as term": ("(assert (< (and (< x 1)) 1))", "< between formulas is not supported"),
    "unknown predicate": ("(assert (P x))", "unknown predicate 'P': uninterpreted predicates are not supported"),
    "not a command": ("(assert (< x 1)) x", "'x' outside a command"),
    "bad character": ("(assert (< x 1)) €", "unexpected character '€'"),
    "unbalanced close": ("(assert (< x 1)))", "unbalanced ')'"),
    "unterminated string": ('(echo "abc)', "unterminated string literal"),
    "unterminated quoted symbol": ("(assert (< |x 1))", "unterminated quoted symbol"),
}


@pytest.mark.parametrize("case", sorted(UNSUPPORTED))
def test_every_unsupported_construct_is_named_with_its_line(case):
    construct, expected = UNSUPPORTED[case]
    text = f"(declare-fun x () Real)\n(declare-const y Real)\n{construct}\n(check-sat)\n"
    line = 3 + construct.count("\n")  # the second command of a two-line construct is the one refused
    msg = error(text)
    assert msg.startswith(f"f.smt2:{line}:"), msg
    assert expected in msg, msg
    assert "Traceback" not in msg


def test_unbalanced_open_and_missing_pieces():
    assert error("(declare-fun x () Real)\n(assert (< x 1)\n(check-sat)\n").startswith("f.smt2:2:1: unbalanced '('")
    assert "no assertion" in error("(declare-fun x () Real)\n(check-sat)\n")
    assert "no (check-sat)" in error("(declare-fun x () Real)\n(assert (> x 0))\n")
    assert "no (check-sat)" in error("(declare-fun x () Real)\n(assert (> x 0))\n(exit)\n(check-sat)\n")
    assert "no declared constant" in error("(assert (> 1 0))\n(check-sat)\n")
    assert "no assertion" in error("")
    assert error("(declare-fun x () Real)\n(assert)\n(check-sat)").startswith("f.smt2:2:1: assert takes one formula")


def test_too_many_variables():
    decls = "".join(f"(declare-fun x{i} () Real)\n" for i in range(13))
    msg = error(decls + "(assert (> x0 0))\n(check-sat)\n")
    assert msg.startswith("f.smt2:13:14: more than 12 declared constants")
    twelve = decls.replace("(declare-fun x12 () Real)\n", "")
    assert len(load_smt2_text(twelve + "(assert (> x0 0))\n(check-sat)\n", "f.smt2")[0].variables) == 12


def test_the_limit_rule_of_claim_files():
    decls = "(declare-fun x () Real)\n"
    flat = "(* " + " ".join(["x"] * 150) + ")"
    msg = error(f"{decls}(assert (> {flat} 0))\n(check-sat)")
    assert msg.startswith("f.smt2:2:12: (* x x x") and "total degree 150 exceeds the limit 64" in msg
    ok = "(* " + " ".join(["x"] * 64) + ")"
    assert load_smt2_text(f"{decls}(assert (> {ok} 0))\n(check-sat)", "f.smt2")[0].show.poly == {(64,): 1}
    nested = "x"
    for _ in range(7):
        nested = f"(* {nested} {nested})"  # degree 128, each level a sub-expression
    assert "total degree 128 exceeds the limit 64" in error(f"{decls}(assert (> {nested} 0))\n(check-sat)")
    big = "9" * 401
    assert "a coefficient with 401 digits exceeds the limit 400" in error(f"{decls}(assert (> x {big}))\n(check-sat)")
    nines = "9" * 400
    assert "a coefficient with 401 digits" in error(f"{decls}(assert (> {nines} (- {nines})))\n(check-sat)")
    tiny = "0." + "0" * 400 + "1"
    assert "exceeds the limit 400" in error(f"{decls}(assert (> x {tiny}))\n(check-sat)")
    # a sub-expression beyond the rule is refused although the whole cancels (as in claim files)
    assert "total degree 65" in error(f"{decls}(assert (> (- (* {ok} x) (* {ok} x)) 0))\n(check-sat)")


def test_deep_nesting_and_huge_input_are_refused_cleanly():
    deep = "(assert " + "(- " * 5000 + "x" + ")" * 5001
    assert "nested too deeply (more than 100 levels" in error(f"(declare-fun x () Real)\n{deep}\n(check-sat)")
    assert "nested too deeply" in error("(" * 200_000)
    lets = "x"
    for i in range(120):
        lets = f"(let ((v{i} 1)) {lets})"
    assert "nested too deeply" in error(f"(declare-fun x () Real)\n(assert (> {lets} 0))\n(check-sat)")
    ok = "(- " * 98 + "x" + ")" * 98  # 98 + assert + relation = 100 levels
    load_smt2_text(f"(declare-fun x () Real)\n(assert (> {ok} 0))\n(check-sat)", "f.smt2")
    huge = "(declare-fun x () Real)\n" + "; padding\n" * 100_001 + "(assert (> x 0))\n(check-sat)\n"
    assert error(huge).startswith(f"f.smt2: the file has {len(huge)} characters, more than the limit 1000000")


def test_expensive_expansions_are_refused_in_bounded_time(monkeypatch):
    monkeypatch.setattr(smt2, "MAX_WORK", 300_000)  # the guard itself (3·10^6 is a few seconds of work)
    decls = "".join(f"(declare-fun x{i} () Real)\n" for i in range(12))
    s = "(+ " + " ".join(f"x{i}" for i in range(12)) + " 1)"
    text = decls + f"(define-fun p () Real (* {s} {s} {s}))\n"  # 455 terms
    text += "(assert (> (+ " + " ".join(["(* p p)"] * 200) + ") 0))\n(check-sat)\n"
    start = time.perf_counter()
    msg = error(text)
    assert "too expensive to expand (more than 300000 elementary term operations" in msg
    assert time.perf_counter() - start < 10
    many = decls + "(assert (and " + "(> x0 0) " * (smt2.MAX_ATOMS + 1) + "))\n(check-sat)\n"
    assert "more than 10000 atoms" in error(many)


def test_files_on_disk(tmp_path):
    with pytest.raises(BadInput, match="no such file"):
        load_smt2(tmp_path / "missing.smt2")
    bad = tmp_path / "latin1.smt2"
    bad.write_bytes(b"; caf\xe9\n(declare-fun x () Real)(assert (> x 0))(check-sat)")
    with pytest.raises(BadInput, match="not UTF-8"):
        load_smt2(bad)
    big = tmp_path / "big.smt2"
    big.write_bytes(b" " * (smt2.MAX_FILE + 1))
    with pytest.raises(BadInput, match="larger than the limit"):
        load_smt2(big)


# ----------------------------------------------------------------------------------------------- fuzz

_WORDS = ["assert", "declare-fun", "declare-const", "define-fun", "check-sat", "set-logic", "QF_NRA", "let",
          "and", "or", "not", "distinct", "=", "<", "<=", ">", ">=", "+", "-", "*", "/", "x", "y", "Real", "Int",
          "Bool", "true", "false", "0", "1", "2.5", "007", "|q r|", '"s"', ":status", "sat", "!", ":named",
          "ite", "forall", "exit", "push", "()", "-1", "#x1", "1e3", ";c\n", "x!1", "(", ")"]


@st.composite
def sexprs(draw, depth: int = 4):
    if depth == 0 or draw(st.booleans()):
        return draw(st.sampled_from(_WORDS))
    items = draw(st.lists(sexprs(depth - 1), max_size=5))
    return "(" + " ".join(items) + ")"


def _only_bad_input(text: str) -> None:
    try:
        claim, info = load_smt2_text(text, "fuzz.smt2")
    except BadInput as exc:
        assert str(exc).startswith("fuzz.smt2") or str(exc).startswith("fuzz.smt2:")
    else:
        assert isinstance(claim, Claim) and 1 <= len(claim.variables) <= 12 and info["atoms"] >= 0


@settings(max_examples=300)
@given(st.lists(sexprs(), max_size=8))
def test_fuzz_random_s_expressions_only_raise_bad_input(commands):
    prefix = "(declare-fun x () Real)(declare-fun y () Real)\n"
    _only_bad_input(prefix + "\n".join(commands) + "\n(check-sat)")
    _only_bad_input("\n".join(commands))


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_fuzz_random_bytes_only_raise_bad_input(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.smt2"
    path.write_bytes(data)
    try:
        load_smt2(path)
    except BadInput:
        pass
    _only_bad_input(data.decode("utf-8", errors="replace"))


@given(st.text(max_size=300))
def test_fuzz_random_text_only_raises_bad_input(text):
    _only_bad_input(text)


def test_never_evaluates_python():
    msg = error("(declare-fun x () Real)\n(assert (< (__import__ x) 1))\n(check-sat)")
    assert "unknown function '__import__'" in msg


# ------------------------------------------------------------------------------------------ end to end

def _model_satisfies_the_file(text: str, point: dict[str, str]) -> bool:
    """z3's own SMT-LIB2 parser: every assertion of ``text`` is true at ``point`` (exact rationals)."""
    import z3

    assertions = z3.parse_smt2_string(text)
    subs = []
    for name, value in point.items():
        q = Fraction(value)
        subs.append((z3.Real(name), z3.RealVal(f"{q.numerator}/{q.denominator}")))
    return all(z3.is_true(z3.simplify(z3.substitute(a, *subs))) for a in assertions)


@pytest.mark.parametrize("name", ["lemma-1-3.smt2", "disk-corner.smt2", "am-gm.smt2"])
def test_examples_are_decided_as_their_status(name):
    path = EXAMPLES / name
    claim, info = load_smt2(path)
    res = decide(claim, ["z3"], 30.0)
    assert res["status"] == {"unsat": "proved", "sat": "refuted"}[info["status"]]
    if res["status"] == "refuted":
        point = res["counterexample"]
        assert res["counterexample_verified"]
        assert _model_satisfies_the_file(path.read_text(), point)
        xs = [Fraction(point[v]) for v in claim.variables]
        holds = {">": lambda v: v > 0, ">=": lambda v: v >= 0, "<": lambda v: v < 0, "<=": lambda v: v <= 0,
                 "=": lambda v: v == 0, "!=": lambda v: v != 0}
        assert all(holds[c.rel](evaluate(c.poly, xs)) for c in claim.assume)
        assert not holds[claim.show.rel](evaluate(claim.show.poly, xs))


def test_small_unsat_and_sat_files():
    unsat = ("(set-logic QF_NRA)\n(declare-fun x () Real)\n(declare-fun y () Real)\n"
             "(assert (> x 0))\n(assert (> y 0))\n(assert (< (* x y) 0))\n(check-sat)\n")
    claim, _ = load_smt2_text(unsat, "unsat.smt2")
    assert decide(claim, ["z3"], 10.0)["status"] == "proved"
    sat = ("(set-logic QF_NRA)\n(declare-fun x () Real)\n(declare-fun y () Real)\n"
           "(assert (> x 0.5))\n(assert (distinct y x))\n(assert (= (* x y) 1))\n(check-sat)\n")
    claim, _ = load_smt2_text(sat, "sat.smt2")
    res = decide(claim, ["z3"], 10.0)
    assert res["status"] == "refuted" and res["counterexample_verified"]
    assert _model_satisfies_the_file(sat, res["counterexample"])
    x, y = (Fraction(res["counterexample"][v]) for v in ("x", "y"))
    assert x > Fraction(1, 2) and y != x and x * y == 1
