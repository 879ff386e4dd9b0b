"""A small, safe reader of SMT-LIB2 problems (``QF_NRA``, ``QF_LRA``) as the project's :class:`~proofs.claim.Claim`.

Mapping. The file declares real constants ``x1 … xk``, asserts ``A1, …, An`` and asks ``(check-sat)``.
Every assertion must be a conjunction of atoms; the top-level conjunctions (``and``) of all assertions are
flattened into one list of atoms ``B1, …, Bm`` (file order; ``true`` atoms dropped). Then

    unsat  ⇔  ∀x: ¬(B1 ∧ … ∧ Bm)  ⇔  ∀x: (B1 ∧ … ∧ B(m−1)) ⇒ ¬Bm

so the claim has ``assume = (B1, …, B(m−1))`` and ``show = ¬Bm`` (the relation negated with
``proofs.claim.NEGATION``: ``>`` ↔ ``<=``, ``>=`` ↔ ``<``, ``=`` ↔ ``!=``). The claim is *proved* exactly
when the SMT problem is ``unsat``, and *refuted* — a counterexample is a model of every assertion — exactly
when it is ``sat``; ``unknown`` stays unknown. (When every atom is ``true`` the problem is trivially sat:
``show`` is then the false constraint ``0 != 0``; ``false`` is the atom ``0 != 0``.)

Normal form (the same as a TOML claim file's, ``sgd_proofs.commands.prove``): variables in declaration
order; ``define-fun`` and ``let`` names substituted (expanded exactly over Q); each atom ``(REL a b)``
becomes ``Constraint(a − b, REL)`` with ``REL`` among ``< <= > >= = !=`` (``distinct`` is ``!=``, never
flipped: ``(< 1 a)`` is ``1 − a < 0``); ``(not atom)`` negates the relation; chained ``(< a b c)`` is
``(< a b) ∧ (< b c)``, ``(distinct a b c)`` the pairwise ``!=``. The claim's ``name`` is the file stem,
``source`` ``"user SMT-LIB2 file <basename>"``, ``statement`` the assumed atoms' SMT text joined by
``" and "``, then ``" => "`` and the negated last atom ``(not Bm)`` (atoms inside a ``let`` keep it around
them).

Accepted language (anything else is a :class:`~sgd_proofs.commands.prove.BadInput` naming the construct,
its ``line:column`` and what is supported):

* commands: ``set-logic`` (``QF_NRA`` or ``QF_LRA``; optional), ``set-info`` (``:status`` is reported,
  the rest ignored), ``set-option``, ``get-info``, ``get-option``, ``echo`` (ignored),
  ``declare-fun NAME () Real``, ``declare-const NAME Real``, ``define-fun NAME () Real TERM``,
  ``assert``, exactly one ``check-sat``; after it ``get-model``, ``get-value``, ``get-assignment``,
  ``get-unsat-core``, ``get-proof`` (ignored; refused before it) and ``exit`` (the commands after it are
  ignored);
* terms: numerals ``3``, decimals ``2.5`` (exact: 5/2), declared and defined names, ``(+ t …)``,
  ``(- t)``, ``(- a b …)``, ``(* t …)``, ``(/ t c …)`` with non-zero constant divisors,
  ``(let ((n t) …) body)`` (parallel binding, by substitution), ``(! t :named …)`` annotations;
* formulas: ``(< a b …)``, ``<=``, ``>``, ``>=``, ``(= a b …)`` over Real terms, ``(distinct a b …)``,
  ``(not atom)``, ``(and …)`` (nested ``and`` flatten), ``true``, ``false``, ``let``, ``!``;
* lexical: ``;`` comments, ``|quoted symbols|`` (``|x|`` is ``x``), string literals (in ``set-info``).

A declared constant becomes a claim variable, so its name must be an identifier
(``[A-Za-z_][A-Za-z_0-9]*``); ``define-fun`` and ``let`` names may be any SMT-LIB symbol. Refused, each
with its own message: ``or``, ``=>``, ``xor``, ``ite``, ``(not (and …))`` and ``(not (< a b c))``
(disjunctions), quantifiers, ``Int``/``Bool`` and other sorts, functions with arguments, arrays,
``to_real``/``to_int``/``div``/``mod``/``abs``, ``push``/``pop``, several or no ``check-sat``,
``check-sat-assuming``, indexed and qualified identifiers, hexadecimal/binary literals.

Limits — those of claim files: at most 12 variables; every polynomial (each ``define-fun``, ``let``
binding, term, atom's ``a − b``) and every sub-expression while expanding it obeys
``symbolic.polynomial.RULE`` (total degree <= 64, at most 20000 terms, coefficients of at most 400 digits;
a product's degree is the sum of its factors' and is checked before multiplying, so ``(* x x … x)`` with
150 factors is "total degree 150 exceeds the limit 64"). Resource guards: a file of at most
:data:`MAX_FILE` characters, parentheses nested at most :data:`MAX_NESTING` deep, at most
:data:`MAX_ATOMS` atoms, at most :data:`MAX_WORK` elementary term operations while expanding.

Nothing is evaluated by Python (no ``eval``, no sympify, no third-party parser): a tokenizer, an
iterative parser (depth-limited, so deep nesting is a clean error) and an evaluator over the
depth-limited tree that builds exact polynomials with ``symbolic.polynomial``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from sgd_proofs.commands.prove import MAX_VARIABLES, BadInput

if TYPE_CHECKING:  # the producer modules are imported when used, as in sgd_proofs.commands.prove
    from proofs.claim import Claim

MAX_FILE = 1_000_000  # characters (and bytes, read from a file)
MAX_NESTING = 100  # parentheses, like a claim file's polynomial text
MAX_ATOMS = 10_000
TEXT_LIMIT = 1000  # characters of an atom's text kept for the statement and the info dict
MAX_WORK = 3_000_000  # term pairs multiplied + terms added/scaled (a few seconds of expansion)
LOGICS = ("QF_NRA", "QF_LRA")
SUPPORTED = ("supported: declare-fun NAME () Real, declare-const NAME Real, define-fun NAME () Real TERM, "
             "assert, one check-sat; see docs/claim-files.md, SMT-LIB2 input")
TERMS = "Real terms are numerals, decimals, declared/defined names, + - * and / by a non-zero constant, let"
FORMULAS = "an assertion is a conjunction (and) of atoms < <= > >= = distinct, (not atom), true, false"
CONJUNCTION = "a claim is a conjunction of atoms"
RELATIONS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "="}
_IDENT = re.compile(r"[A-Za-z_][A-Za-z_0-9]*", re.ASCII)
_SYMBOL_CHARS = r"A-Za-z0-9~!@$%^&*_\-+=<>.?/"
_TOKEN = re.compile(
    r"(?P<ws>[ \t\r\n]+)|(?P<comment>;[^\n]*)|(?P<open>\()|(?P<close>\))"
    r'|(?P<string>"(?:[^"]|"")*")|(?P<quoted>\|[^|\\]*\|)'
    rf"|(?P<keyword>:[{_SYMBOL_CHARS}]+)|(?P<hex>#x[0-9A-Fa-f]+)|(?P<bin>#b[01]+)"
    r"|(?P<decimal>[0-9]+\.[0-9]+)|(?P<numeral>[0-9]+)"
    rf"|(?P<symbol>[A-Za-z~!@$%^&*_\-+=<>.?/][{_SYMBOL_CHARS}]*)", re.ASCII)
_AFTER_NUMBER = re.compile(rf"[{_SYMBOL_CHARS}]", re.ASCII)
# SMT-LIB's reserved words and the core/real theory symbols: never a declared, defined or let-bound name
BUILTIN = frozenset(
    "! _ as BINARY DECIMAL exists forall HEXADECIMAL let match NUMERAL par STRING true false not and or xor "
    "=> = distinct ite + - * / < <= > >= div mod abs to_real to_int is_int".split())
_PREDICATES = {"<", "<=", ">", ">=", "=", "distinct"}
_CONNECTIVES = {"and", "or", "not", "=>", "xor", "ite", "forall", "exists", "match", "true", "false"}
_UNSUPPORTED_FORMULA = {
    "or": f"disjunction (or) is not supported: {CONJUNCTION}",
    "=>": f"implication (=>) is not supported: {CONJUNCTION}",
    "xor": f"exclusive or (xor) is not supported: {CONJUNCTION}",
    "ite": f"if-then-else (ite) is not supported: {CONJUNCTION}",
    "forall": "quantifier (forall) is not supported: the logics are quantifier-free (QF_NRA, QF_LRA)",
    "exists": "quantifier (exists) is not supported: the logics are quantifier-free (QF_NRA, QF_LRA)",
    "match": "match is not supported (no datatypes)",
}
_UNSUPPORTED_TERM = {
    "ite": f"if-then-else (ite) is not supported in a term: {TERMS}",
    "to_real": f"to_real is not supported (no Int sort): {TERMS}",
    "to_int": f"to_int is not supported (no Int sort): {TERMS}",
    "is_int": f"is_int is not supported (no Int sort): {TERMS}",
    "div": f"integer division (div) is not supported (no Int sort): {TERMS}",
    "mod": f"mod is not supported (no Int sort): {TERMS}",
    "abs": f"abs is not supported (write the two cases as separate problems): {TERMS}",
    "^": f"^ is not SMT-LIB (write a power as a product (* x x x)): {TERMS}",
    "**": f"** is not SMT-LIB (write a power as a product (* x x x)): {TERMS}",
    "select": f"arrays (select) are not supported: {TERMS}",
    "store": f"arrays (store) are not supported: {TERMS}",
}
_UNSUPPORTED_COMMAND = {
    "push": "push is not supported (one problem per file, no incremental scripts)",
    "pop": "pop is not supported (one problem per file, no incremental scripts)",
    "reset": "reset is not supported (one problem per file)",
    "reset-assertions": "reset-assertions is not supported (one problem per file)",
    "check-sat-assuming": "check-sat-assuming is not supported: assert the assumptions and use (check-sat)",
    "define-fun-rec": "recursive functions (define-fun-rec) are not supported",
    "define-funs-rec": "recursive functions (define-funs-rec) are not supported",
    "declare-sort": "declare-sort is not supported (the only sort is Real)",
    "define-sort": "define-sort is not supported (the only sort is Real)",
    "declare-datatype": "datatypes are not supported (the only sort is Real)",
    "declare-datatypes": "datatypes are not supported (the only sort is Real)",
}
_IGNORED = {"set-option", "get-info", "get-option", "echo"}
_IGNORED_AFTER_CHECK = {"get-model", "get-value", "get-assignment", "get-unsat-core", "get-unsat-assumptions",
                        "get-proof", "get-assertions"} | _IGNORED | {"set-info"}


# ----------------------------------------------------------------------------------------- syntax

class Leaf:
    """A token other than a parenthesis: ``kind`` is symbol, numeral, decimal, string, keyword, hex, bin."""

    __slots__ = ("kind", "value", "line", "col", "quoted")

    def __init__(self, kind: str, value: str, line: int, col: int, quoted: bool = False) -> None:
        self.kind, self.value, self.line, self.col, self.quoted = kind, value, line, col, quoted

    def __repr__(self) -> str:
        return f"Leaf({self.kind!r}, {self.value!r}, {self.line}, {self.col})"


class Node(list):
    """A parenthesised list of :class:`Leaf` and :class:`Node`, with its position."""

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line, self.col = line, col


class _Reader:
    def __init__(self, text: str, path: str | Path) -> None:
        self.text, self.path = text, str(path)

    def error(self, at, message: str) -> BadInput:
        line, col = (at.line, at.col) if at is not None else (None, None)
        where = f"{self.path}:{line}:{col}" if line is not None else self.path
        return BadInput(f"{where}: {message}")

    def parse(self) -> list:
        """The file's top-level s-expressions (iterative; depth at most :data:`MAX_NESTING`)."""
        text, pos, line, line_start = self.text, 0, 1, 0
        top: list = []
        stack: list[Node] = []
        for m in _TOKEN.finditer(text):
            kind, start = m.lastgroup, m.start()
            if start != pos:  # a character no token begins with
                break
            pos = m.end()
            if kind == "ws" or kind == "comment":
                if kind == "ws" and "\n" in m.group():
                    value = m.group()
                    line += value.count("\n")
                    line_start = start + value.rindex("\n") + 1
                continue
            col = start - line_start + 1
            if kind == "open":
                if len(stack) >= MAX_NESTING:
                    raise self.error(Leaf("", "", line, col),
                                     f"nested too deeply (more than {MAX_NESTING} levels of parentheses)")
                stack.append(Node(line, col))
                continue
            if kind == "close":
                if not stack:
                    raise self.error(Leaf("", "", line, col), "unbalanced ')' (no matching '(')")
                node = stack.pop()
                (stack[-1] if stack else top).append(node)
                continue
            value = m.group()
            leaf = Leaf(kind, value, line, col)
            if kind == "numeral" or kind == "decimal":
                self.number(leaf, pos)
            elif kind == "quoted":
                leaf.kind, leaf.value, leaf.quoted = "symbol", value[1:-1], True
            if not stack:
                raise self.error(leaf, f"{_show(leaf)} outside a command: a command is written (command …) "
                                 f"({SUPPORTED})")
            stack[-1].append(leaf)
            if (kind == "string" or kind == "quoted") and "\n" in value:
                line += value.count("\n")
                line_start = start + value.rindex("\n") + 1
        if pos < len(text):
            self.bad_character(pos, Leaf("", "", line, pos - line_start + 1))
        if stack:
            raise self.error(stack[-1], "unbalanced '(' (missing ')' before the end of the file)")
        return top

    def number(self, leaf: Leaf, end: int) -> None:
        text, value = self.text, leaf.value
        if end < len(text) and _AFTER_NUMBER.match(text, end):
            tail = value + re.match(rf"[{_SYMBOL_CHARS}]*", text[end:end + 40], re.ASCII).group()
            raise self.error(leaf, f"malformed number {tail[:40]!r} (numerals are 0 or 1..9 digits*, decimals "
                             "digits.digits; no exponents 1e3, no 2x)")
        whole = value.split(".")[0]
        if len(whole) > 1 and whole[0] == "0":
            what = "numeral" if leaf.kind == "numeral" else "decimal"
            raise self.error(leaf, f"{what} {value[:20]!r}: no leading zero (SMT-LIB {what}s)")

    def bad_character(self, pos: int, here: Leaf):
        ch = self.text[pos]
        if ch == '"':
            raise self.error(here, "unterminated string literal")
        if ch == "|":
            end = self.text.find("|", pos + 1)
            raise self.error(here, "unterminated quoted symbol |…|" if end < 0 else
                             "a quoted symbol |…| may not contain a backslash")
        if ch == "#":
            raise self.error(here, "malformed literal after '#' (and #x/#b literals are not supported)")
        raise self.error(here, f"unexpected character {ch!r} (SMT-LIB2 text: ( ) symbols numerals decimals "
                         "strings |quoted symbols| :keywords ; comments)")


def _render(x, limit: int = 10**9) -> str:
    """SMT-LIB text of a leaf or node (single spaces; iterative), cut after about ``limit`` characters."""
    out: list[str] = []
    size = 0
    stack: list = [x]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            piece = item
        elif isinstance(item, Leaf):
            piece = _leaf_text(item)
        else:
            out.append("(")
            size += 1
            stack.append(")")
            for child in reversed(item):
                stack.append(child)
                stack.append(" ")
            if item:
                stack.pop()  # no space after "("
            continue
        out.append(piece)
        size += len(piece)
        if size > limit:
            return "".join(out)[:limit] + " …"
    return "".join(out)


def _leaf_text(leaf: Leaf) -> str:
    if leaf.kind == "symbol" and (leaf.quoted and not re.fullmatch(rf"[A-Za-z~!@$%^&*_\-+=<>.?/]"
                                                                    rf"[{_SYMBOL_CHARS}]*", leaf.value)):
        return f"|{leaf.value}|"
    return leaf.value


def _show(x) -> str:
    """A short quotation of ``x`` for a message."""
    return _render(x, 60) if isinstance(x, Node) else repr(_leaf_text(x)[:60])


def _head(node: Node) -> str | None:
    return node[0].value if node and isinstance(node[0], Leaf) and node[0].kind == "symbol" else None


def _is_formula(x) -> bool:
    """``x`` is visibly Bool: a relation, a connective other than ``ite`` (which may be a Real term), ``true``,
    ``false``."""
    if isinstance(x, Leaf):
        return x.kind == "symbol" and x.value in ("true", "false")
    head = _head(x)
    return head is not None and head != "ite" and (head in _PREDICATES or head in _CONNECTIVES)


# ------------------------------------------------------------------------------------------ meaning

@dataclass
class _Atom:
    constraint: object  # proofs.claim.Constraint
    text: str
    negated_text: str | None  # the text of the atom's negation when it is itself a (not …)
    at: object
    assertion: int = 0


class _Evaluator:
    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.variables: list[str] = []
        self.declared: dict[str, int] = {}  # name -> line (variables and defines share one namespace)
        self.defines: dict = {}
        self.work = 0
        self.atoms = 0  # atoms made by relations so far (the MAX_ATOMS guard)
        self.cache: dict = {}  # (variable, number of variables) -> its polynomial (never mutated)

    # ---- helpers
    def error(self, at, message: str) -> BadInput:
        return self.reader.error(at, message)

    def spend(self, amount: int, at) -> None:
        self.work += amount
        if self.work > MAX_WORK:
            raise self.error(at, f"the file is too expensive to expand (more than {MAX_WORK} elementary term "
                             "operations; a resource guard beyond the limit rule)")

    def count(self, atoms: int, at) -> None:
        self.atoms += atoms
        if self.atoms > MAX_ATOMS:
            raise self.error(at, f"more than {MAX_ATOMS} atoms (a resource guard)")

    def checked(self, p, at):
        from symbolic.polynomial import LimitError, check_limits

        try:
            return check_limits(p)
        except LimitError as exc:
            raise self.error(at, f"{_show(at)}: {exc}") from None

    def symbol(self, x, what: str) -> str:
        if not (isinstance(x, Leaf) and x.kind == "symbol"):
            raise self.error(x, f"expected a symbol as {what}, got {_show(x)}")
        return x.value

    def fresh_name(self, x, what: str) -> str:
        name = self.symbol(x, what)
        if name in BUILTIN:
            raise self.error(x, f"{name!r} is a reserved word or built-in symbol of SMT-LIB and cannot be "
                             f"used as {what}")
        return name

    def sort(self, x, what: str) -> None:
        if isinstance(x, Leaf) and x.kind == "symbol" and x.value == "Real":
            return
        text = _show(x)
        if isinstance(x, Node) and _head(x) == "Array":
            raise self.error(x, f"arrays ({text}) are not supported: {what} must be of sort Real")
        if isinstance(x, Leaf) and x.value in ("Int", "Bool"):
            raise self.error(x, f"sort {x.value} is not supported: {what} must be of sort Real "
                             "(logics QF_NRA, QF_LRA)")
        raise self.error(x, f"sort {text} is not supported: {what} must be of sort Real")

    # ---- terms
    def term(self, x, env: dict):
        """The polynomial of the Real term ``x`` (``env``: let-bound names)."""
        from symbolic.polynomial import MAX_COEFF_DIGITS, MAX_DEGREE, LimitError, const, degree, mul, scale, variable

        n = len(self.variables)
        if isinstance(x, Leaf):
            if x.kind == "numeral":
                if len(x.value) > MAX_COEFF_DIGITS:
                    raise self.error(x, f"{_show(x)}: {LimitError('coefficient', len(x.value))}")
                return const(int(x.value), n)
            if x.kind == "decimal":
                if len(x.value) > 1000:
                    raise self.error(x, f"{_show(x)}: {LimitError('coefficient', len(x.value))}")
                return self.checked(const(Fraction(x.value), n), x)
            if x.kind == "symbol":
                name = x.value
                if name in env:
                    return env[name]
                if name in self.defines:
                    return self.defines[name]
                if name in self.declared:
                    key = (name, n)
                    if key not in self.cache:
                        self.cache[key] = variable(self.variables.index(name), n)
                    return self.cache[key]
                if name in ("true", "false"):
                    raise self.error(x, f"expected a Real term, got the Bool constant {name} ({TERMS})")
                if re.fullmatch(r"-[0-9]+(\.[0-9]+)?", name):
                    raise self.error(x, f"unknown name {name!r}: a negative number is written (- {name[1:]})")
                names = list(env) + list(self.declared)
                known = ", ".join(names[:20]) + (", …" if len(names) > 20 else "") or "none"
                raise self.error(x, f"unknown name {name!r} (declared and defined names: {known})")
            what = {"string": "a string literal", "keyword": "a keyword", "hex": "a hexadecimal literal",
                    "bin": "a binary literal"}[x.kind]
            raise self.error(x, f"{what} {_show(x)} is not supported in a term ({TERMS})")
        if not x:
            raise self.error(x, f"empty application () ({TERMS})")
        head = _head(x)
        if head is None:
            if isinstance(x[0], Node) and _head(x[0]) in ("_", "as"):
                raise self.error(x, f"indexed or qualified identifiers ({_head(x[0])} …) are not supported "
                                 f"({TERMS})")
            raise self.error(x, f"{_show(x)}: expected an operator symbol after '(' ({TERMS})")
        args = x[1:]
        if head == "let":
            return self.let(x, env, self.term)[0]
        if head == "!":
            return self.term(self.annotated(x), env)
        if head in _UNSUPPORTED_TERM:
            raise self.error(x, _UNSUPPORTED_TERM[head])
        if head in _PREDICATES or head in _CONNECTIVES:
            raise self.error(x, f"expected a Real term, got a formula {_show(x)} (Bool terms are not "
                             f"supported inside terms; {TERMS})")
        if head in ("+", "-", "*", "/"):
            if not args:
                raise self.error(x, f"({head}) needs at least one argument")
            if head == "/" and len(args) < 2:
                raise self.error(x, "(/ t c …) needs a dividend and at least one divisor")
            values = [self.term(a, env) for a in args]
            if head == "+":
                return self.checked(self.sum(values, [1] * len(values), x), x)
            if head == "-":
                if len(values) == 1:
                    self.spend(len(values[0]), x)
                    return scale(values[0], -1)
                return self.checked(self.sum(values, [1] + [-1] * (len(values) - 1), x), x)
            if head == "*":
                if all(values):
                    total = sum(degree(v) for v in values)
                    if total > MAX_DEGREE:
                        raise self.error(x, f"{_show(x)}: {LimitError('degree', total)}")
                out = values[0]
                for v in values[1:]:
                    self.spend(len(out) * len(v), x)
                    try:
                        out = mul(out, v)
                    except LimitError as exc:
                        raise self.error(x, f"{_show(x)}: {exc}") from None
                    out = self.checked(out, x)
                return out
            out = values[0]
            for a, v in zip(args[1:], values[1:], strict=True):
                if any(any(m) for m in v):
                    raise self.error(a, f"division only by a non-zero constant: {_show(a)} is not a constant "
                                     "(to divide by a variable, multiply both sides by it where its sign "
                                     "is known)")
                if not v:
                    raise self.error(a, f"division by zero: {_show(a)} is 0")
                self.spend(len(out), x)
                out = self.checked(scale(out, 1 / v[(0,) * n]), x)
            return out
        if head in self.declared:
            raise self.error(x, f"{head!r} is a constant, not a function: functions with arguments are not "
                             f"supported ({TERMS})")
        if head in env:
            raise self.error(x, f"{head!r} is a let-bound term, not a function ({TERMS})")
        raise self.error(x, f"unknown function {head!r}: uninterpreted functions and functions other than "
                         f"+ - * / are not supported ({TERMS})")

    def sum(self, values: list, signs: list[int], at):
        """``Σ sign·value`` accumulated in place (a partial sum beyond the term limit is refused)."""
        from symbolic.polynomial import MAX_TERMS, LimitError

        out = dict(values[0]) if signs[0] == 1 else {m: -c for m, c in values[0].items()}
        self.spend(len(out), at)
        for v, sign in zip(values[1:], signs[1:], strict=True):
            self.spend(len(v), at)
            for m, c in v.items():
                s = out.pop(m, 0) + c if sign == 1 else out.pop(m, 0) - c
                if s:
                    out[m] = s
            if len(out) > MAX_TERMS:
                raise self.error(at, f"{_show(at)}: {LimitError('terms', len(out))}")
        return out

    def annotated(self, x: Node):
        """``(! t :attr value …)`` → ``t``."""
        if len(x) < 2:
            raise self.error(x, "(! term :attribute …) needs a term")
        return x[1]

    def let(self, x: Node, env: dict, body):
        """``(let ((n t) …) body)``: the bindings evaluated in the outer scope, then ``body``."""
        if len(x) != 3 or not isinstance(x[1], Node) or not x[1]:
            raise self.error(x, "let is written (let ((name term) …) body)")
        inner = dict(env)
        seen: set[str] = set()
        for b in x[1]:
            if not (isinstance(b, Node) and len(b) == 2):
                raise self.error(b, f"let binding {_show(b)}: expected (name term)")
            name = self.fresh_name(b[0], "a let-bound name")
            if name in seen:
                raise self.error(b[0], f"let binds {name!r} twice")
            seen.add(name)
            if _is_formula(b[1]):
                raise self.error(b[1], f"let binding {name!r} to a formula is not supported (let binds Real "
                                 f"terms; {FORMULAS})")
            inner[name] = self.term(b[1], env)
        return body(x[2], inner), _render(x[1], TEXT_LIMIT)

    # ---- formulas
    def formula(self, x, env: dict) -> list[_Atom]:
        """The atoms of the conjunction ``x``."""
        from proofs.claim import Constraint

        if isinstance(x, Leaf):
            if x.kind == "symbol" and x.value == "true":
                return []
            if x.kind == "symbol" and x.value == "false":
                self.count(1, x)
                return [_Atom(Constraint({}, "!="), "false", None, x)]
            if x.kind == "symbol" and (x.value in env or x.value in self.declared):
                raise self.error(x, f"expected a formula, got the Real term {_show(x)} ({FORMULAS})")
            if x.kind == "symbol" and x.value not in BUILTIN:
                raise self.error(x, f"unknown Boolean name {_show(x)}: Bool constants are not supported "
                                 f"({FORMULAS})")
            raise self.error(x, f"expected a formula, got {_show(x)} ({FORMULAS})")
        head = _head(x)
        if head is None:
            return [self.term(x, env)]  # raises the term error (empty, indexed, no operator)
        args = x[1:]
        if head == "and":
            return [a for arg in args for a in self.formula(arg, env)]
        if head == "let":
            atoms, bindings = self.let(x, env, self.formula)
            for a in atoms:
                a.text = f"(let {bindings} {a.text})"
                if a.negated_text is not None:
                    a.negated_text = f"(let {bindings} {a.negated_text})"
            return atoms
        if head == "!":
            return self.formula(self.annotated(x), env)
        if head == "not":
            if len(args) != 1:
                raise self.error(x, "not takes one argument")
            inner = self.formula(args[0], env)
            if not inner:
                self.count(1, x)
                return [_Atom(Constraint({}, "!="), _render(x, TEXT_LIMIT), _render(args[0], TEXT_LIMIT), x)]
            if len(inner) > 1:
                raise self.error(x, f"negation of a conjunction of {len(inner)} atoms {_show(x)} is a disjunction, "
                                 f"which is not supported: {CONJUNCTION}")
            a = inner[0]
            return [_Atom(a.constraint.negated(), a.negated_text or f"(not {a.text})", a.text, x)]
        if head in _PREDICATES:
            return self.relation(x, head, env)
        if head in _UNSUPPORTED_FORMULA:
            raise self.error(x, _UNSUPPORTED_FORMULA[head])
        if head in ("+", "-", "*", "/") or head in env or head in self.declared:
            raise self.error(x, f"expected a formula, got the Real term {_show(x)} ({FORMULAS})")
        raise self.error(x, f"unknown predicate {head!r}: uninterpreted predicates are not supported "
                         f"({FORMULAS})")

    def relation(self, x: Node, head: str, env: dict) -> list[_Atom]:
        from proofs.claim import Constraint

        args = x[1:]
        if len(args) < 2:
            raise self.error(x, f"({head} …) needs at least two arguments")
        for a in args:
            if _is_formula(a):
                what = "equality of formulas (= between Bool terms)" if head == "=" else \
                    f"{head} between formulas"
                raise self.error(a, f"{what} is not supported: {CONJUNCTION} over Real terms")
        k = len(args)
        self.count(k * (k - 1) // 2 if head == "distinct" else k - 1, x)
        values = [self.term(a, env) for a in args]
        rel = "!=" if head == "distinct" else RELATIONS[head]
        if head == "distinct":
            pairs = [(i, j) for i in range(k) for j in range(i + 1, k)]
        else:
            pairs = [(i, i + 1) for i in range(k - 1)]
        texts = [_render(a, TEXT_LIMIT // 2) for a in args] if k > 2 else None
        atoms = []
        for i, j in pairs:
            diff = self.checked(self.sum([values[i], values[j]], [1, -1], x), x)
            text = _render(x, TEXT_LIMIT) if texts is None else f"({head} {texts[i]} {texts[j]})"
            atoms.append(_Atom(Constraint(diff, rel), text, None, x))
        return atoms


def load_smt2_text(text: str, path: str | Path) -> tuple[Claim, dict]:
    """The :class:`~proofs.claim.Claim` of an SMT-LIB2 problem, and an info dict.

    ``path`` names the file in messages, in the claim's ``source`` and (its stem) its ``name``. The info
    dict: ``logic`` (the ``set-logic`` value or ``None``), ``status`` (``(set-info :status …)`` or
    ``None``), ``assertions`` (number of ``assert`` commands), ``atoms`` (number of atoms after flattening),
    ``negated`` (``{"assertion": k, "line": l, "text": t}``: the 1-based assert, its line and the atom that
    became the negated goal), ``ignored`` (the ignored commands, in order). Raises
    :class:`~sgd_proofs.commands.prove.BadInput` (message ``PATH:LINE:COL: …``) on anything else.
    """
    from proofs.claim import Claim, Constraint

    if not isinstance(text, str):
        raise BadInput(f"{path}: expected the file's text, got {type(text).__name__}")
    if len(text) > MAX_FILE:
        raise BadInput(f"{path}: the file has {len(text)} characters, more than the limit {MAX_FILE}")
    reader = _Reader(text, path)
    ev = _Evaluator(reader)
    info: dict = {"logic": None, "status": None, "assertions": 0, "atoms": 0, "negated": None, "ignored": []}
    atoms: list[_Atom] = []
    checked_at = None
    last_assert = None
    try:
        commands = reader.parse()
        for cmd in commands:
            head = _head(cmd)
            if head is None:
                raise ev.error(cmd, f"expected a command (a symbol) after '(', got {_show(cmd)} ({SUPPORTED})")
            args = cmd[1:]
            if checked_at is not None and head not in _IGNORED_AFTER_CHECK and head != "exit":
                if head == "check-sat":
                    raise ev.error(cmd, f"a second check-sat (the first at line {checked_at.line}) is not "
                                   "supported: one problem per file")
                raise ev.error(cmd, f"{head} after check-sat (line {checked_at.line}) is not supported: one "
                               "problem per file, assertions before the check-sat")
            if head == "exit":
                break
            if head in _IGNORED or head in _IGNORED_AFTER_CHECK and checked_at is not None:
                info["ignored"].append(head)
            elif head in _IGNORED_AFTER_CHECK - {"set-info"}:
                raise ev.error(cmd, f"{head} before check-sat is not supported (only after the check-sat, "
                               "where it is ignored)")
            elif head == "set-logic":
                if len(args) != 1 or not (isinstance(args[0], Leaf) and args[0].kind == "symbol"):
                    raise ev.error(cmd, "set-logic is written (set-logic QF_NRA)")
                if info["logic"] is not None:
                    raise ev.error(cmd, "a second set-logic is not supported")
                if args[0].value not in LOGICS:
                    raise ev.error(args[0], f"logic {args[0].value} is not supported (supported: "
                                   f"{', '.join(LOGICS)}: quantifier-free real arithmetic)")
                info["logic"] = args[0].value
            elif head == "set-info":
                if not args or not (isinstance(args[0], Leaf) and args[0].kind == "keyword"):
                    raise ev.error(cmd, "set-info is written (set-info :keyword value)")
                if args[0].value == ":status":
                    if len(args) != 2 or not isinstance(args[1], Leaf) \
                            or args[1].value not in ("sat", "unsat", "unknown"):
                        raise ev.error(cmd, "(set-info :status …) takes sat, unsat or unknown")
                    info["status"] = args[1].value
                else:
                    info["ignored"].append(head)
            elif head in ("declare-fun", "declare-const"):
                declare_fun = head == "declare-fun"
                if declare_fun and len(args) == 3 and isinstance(args[1], Node) and args[1]:
                    raise ev.error(cmd, f"a function with arguments {_show(cmd)} is not supported "
                                   "(uninterpreted functions): declare real constants (declare-fun NAME () Real)")
                if not (declare_fun and len(args) == 3 and isinstance(args[1], Node) or
                        not declare_fun and len(args) == 2):
                    raise ev.error(cmd, f"{head} is written " + ("(declare-fun NAME () Real)" if declare_fun
                                                                  else "(declare-const NAME Real)"))
                name = ev.fresh_name(args[0], "a constant's name")
                ev.sort(args[-1], f"constant {name!r}")
                if name in ev.declared:
                    raise ev.error(args[0], f"{name!r} is already declared (line {ev.declared[name]})")
                if not _IDENT.fullmatch(name):
                    raise ev.error(args[0], f"constant {_leaf_text(args[0])}: a declared constant becomes a "
                                   "claim variable and must be an identifier (letters, digits, _; not starting "
                                   "with a digit); rename it (define-fun and let names may be any symbol)")
                if len(ev.variables) >= MAX_VARIABLES:
                    raise ev.error(args[0], f"more than {MAX_VARIABLES} declared constants (a claim has 1 to "
                                   f"{MAX_VARIABLES} variables)")
                ev.variables.append(name)  # a new last variable: earlier polynomials get a zero exponent
                ev.defines = {k: _pad(p, len(ev.variables)) for k, p in ev.defines.items()}
                ev.declared[name] = args[0].line
            elif head == "define-fun":
                if len(args) != 4:
                    raise ev.error(cmd, "define-fun is written (define-fun NAME () Real TERM)")
                name = ev.fresh_name(args[0], "a defined name")
                if not isinstance(args[1], Node):
                    raise ev.error(args[1], "define-fun is written (define-fun NAME () Real TERM)")
                if args[1]:
                    raise ev.error(args[1], f"define-fun {name!r} with arguments (a function) is not supported: "
                                   "define-fun NAME () Real TERM names a polynomial")
                if isinstance(args[2], Leaf) and args[2].value == "Bool":
                    raise ev.error(args[2], f"define-fun {name!r} of sort Bool (a named formula) is not "
                                   "supported: define-fun NAME () Real TERM names a polynomial")
                ev.sort(args[2], f"defined name {name!r}")
                if name in ev.declared:
                    raise ev.error(args[0], f"{name!r} is already declared (line {ev.declared[name]})")
                ev.defines[name] = ev.term(args[3], {})
                ev.declared[name] = args[0].line
            elif head == "assert":
                if len(args) != 1:
                    raise ev.error(cmd, "assert takes one formula: (assert F)")
                info["assertions"] += 1
                last_assert = cmd
                new = ev.formula(args[0], {})
                for a in new:
                    a.assertion = info["assertions"]
                atoms += new
            elif head == "check-sat":
                if args:
                    raise ev.error(cmd, "check-sat takes no arguments (check-sat-assuming is not supported)")
                checked_at = cmd
            elif head in _UNSUPPORTED_COMMAND:
                raise ev.error(cmd, _UNSUPPORTED_COMMAND[head])
            else:
                raise ev.error(cmd, f"command {head!r} is not supported ({SUPPORTED})")
    except RecursionError:  # not expected (the tree is at most MAX_NESTING deep): a clean error regardless
        raise BadInput(f"{path}: nested too deeply to read") from None
    if last_assert is None:
        raise BadInput(f"{path}: no assertion: a problem asserts at least one formula (assert F) before "
                       "(check-sat)")
    if checked_at is None:
        raise BadInput(f"{path}: no (check-sat): a problem ends with exactly one (check-sat) after its "
                       "assertions")
    if not ev.variables:
        raise BadInput(f"{path}: no declared constant: declare the real variables with (declare-fun NAME () "
                       f"Real) (a claim has 1 to {MAX_VARIABLES} variables)")
    n_atoms = len(atoms)
    for a in atoms:  # constants declared after an assertion: pad its polynomials to every variable
        a.constraint = Constraint(_pad(a.constraint.poly, len(ev.variables)), a.constraint.rel)
    if atoms:
        goal = atoms.pop()
        show = goal.constraint.negated()
        negated = {"assertion": goal.assertion, "line": goal.at.line, "text": goal.text}
        show_text = goal.negated_text or f"(not {goal.text})"
    else:  # every atom is true: the problem is sat, the claim "false" is refuted
        show = Constraint({}, "!=")
        negated = {"assertion": info["assertions"], "line": last_assert.line, "text": "true"}
        show_text = "false"
    info.update(atoms=n_atoms, negated=negated)
    statement = " and ".join(_cut(a.text) for a in atoms) + f" => {_cut(show_text)}" if atoms else _cut(show_text)
    stem = Path(str(path)).stem or "claim"
    claim = Claim(name=stem[:200], statement=statement, source=f"user SMT-LIB2 file {Path(str(path)).name}",
                  variables=tuple(ev.variables), assume=tuple(a.constraint for a in atoms), show=show)
    return claim, info


def _pad(p, n: int):
    """``p`` over ``n`` variables (the missing last exponents 0)."""
    return {m + (0,) * (n - len(m)): c for m, c in p.items()}


def _cut(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit // 2 - 2] + " … " + text[-(limit // 2 - 2):]


def load_smt2(path: Path) -> tuple[Claim, dict]:
    """Read an SMT-LIB2 file (at most :data:`MAX_FILE` bytes, UTF-8) with :func:`load_smt2_text`."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE + 1)
    except FileNotFoundError as exc:
        raise BadInput(f"cannot read {path}: no such file") from exc
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc}") from exc
    if len(raw) > MAX_FILE:
        raise BadInput(f"{path}: the file is larger than the limit of {MAX_FILE} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"cannot read {path}: not UTF-8 text ({exc})") from exc
    return load_smt2_text(text, path)


def claim_toml(claim: Claim) -> str:
    """The claim file (TOML) stating exactly ``claim``: each constraint written as ``P REL 0`` with ``P`` its
    expanded polynomial, so the claim-file reader rebuilds the same normal form. A certificate of an SMT-LIB2
    claim binds to this translation (the checker reads claim files, not SMT-LIB2)."""
    import json

    from symbolic.polynomial import to_text

    vs = list(claim.variables)
    rel = {"=": "=="}

    def text(c) -> str:
        return f"{to_text(c.poly, vs)} {rel.get(c.rel, c.rel)} 0"

    q = json.dumps
    lines = [f"# translated from {claim.source}; statement: {claim.statement}"[:2000].replace("\n", " "),
             f"name = {q(claim.name)}", f"variables = [{', '.join(q(v) for v in vs)}]"]
    if claim.assume:
        lines.append(f"assume = [{', '.join(q(text(c)) for c in claim.assume)}]")
    lines.append(f"show = {q(text(claim.show))}")
    return "\n".join(lines) + "\n"
