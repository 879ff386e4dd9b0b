"""Exact multivariate polynomials over Q for the producers (derivation, proofs, CLI).

This is the producers' own implementation; the certificate checker has a separate one and the two
share no code, so a bug in one is caught by the other.

Representation: a :data:`Poly` is a ``dict`` mapping exponent tuples (one entry per variable, in a
fixed variable order) to non-zero ``Fraction`` coefficients; the zero polynomial is ``{}``.

Record (the JSON form inside certificates)::

    {"vars": ["a", "b"], "terms": [[[2, 0], "3/4"], [[0, 1], "-1"], ...]}

terms sorted by exponent tuple, lexicographically *descending*, each coefficient ``str(Fraction)``
(``"p"`` or ``"p/q"``, ``q > 1``, lowest terms) — so equal polynomials have byte-identical records.

Text (claim files and the paper's printed polynomials): integers, names, ``+ - * / ( )``, ``**`` or
``^`` for powers with a non-negative integer literal exponent, division only by a non-zero constant
(so rationals are written ``p/q``).

Size limits — ONE rule (:data:`RULE`, :func:`check_limits`), the same for every way of writing a
polynomial: the expanded polynomial, and every sub-expression of it as it is expanded, has total
degree at most :data:`MAX_DEGREE`, at most :data:`MAX_TERMS` terms, and coefficients ``p/q`` whose
``|p|`` and ``q`` have at most :data:`MAX_COEFF_DIGITS` decimal digits (so a variable's exponent is at most
:data:`MAX_DEGREE`, and ``x**150``, ``(x**10)**15``, ``x**100*x**50`` and ``x*x*…*x`` are refused
alike, with the message :class:`LimitError` gives). Text length and nesting depth are resource guards
(:data:`MAX_TEXT`, :data:`MAX_NESTING`). :func:`parse` lets Python's own parser
(``ast.parse(…, mode="eval")``) build the expression tree and then walks it with an explicit stack,
accepting only a whitelist of node types (``BinOp`` with ``Add Sub Mult Div Pow``, ``UnaryOp`` with
``USub UAdd``, ``Constant`` int, ``Name``); nothing is ever evaluated by Python (no ``eval``, no
``sympify``). Before parsing, the text is screened character by character, so the accepted language
is the grammar above and nothing of Python beyond it (no ``0x10``, ``1_000``, ``1e3``, floats, calls,
attributes, comparisons or keywords).
"""

from __future__ import annotations

import ast
import re
import sys
from fractions import Fraction

Poly = dict[tuple[int, ...], Fraction]

MAX_DEGREE = 64  # total degree (so also every exponent): the checker's MAX_EXPONENT
MAX_COEFF_DIGITS = 400  # decimal digits of a coefficient's numerator and denominator
MAX_TERMS = 20000
MAX_TEXT = 20000
MAX_NESTING = 100
MAX_CONST_EXPONENT = 9999  # the checker's guard on an exponent literal (only 0**k, (±1)**k can reach it)
MAX_EXPONENT = MAX_DEGREE  # former names, kept for callers
MAX_LITERAL_DIGITS = MAX_COEFF_DIGITS
RULE = (f"limits: after expansion, each polynomial and each of its sub-expressions has total degree <= "
        f"{MAX_DEGREE} (so a variable's exponent <= {MAX_DEGREE}), at most {MAX_TERMS} terms, and coefficients p/q "
        f"with at most {MAX_COEFF_DIGITS} digits in p and q (docs/claim-files.md)")
_COEFF_BOUND = 10 ** MAX_COEFF_DIGITS

_ALLOWED = re.compile(r"[0-9A-Za-z_ \t\r\n+\-*/()^]*", re.ASCII)
_WORD = re.compile(r"[0-9A-Za-z_]+", re.ASCII)
_IDENT = re.compile(r"[A-Za-z_][A-Za-z_0-9]*", re.ASCII)
_SIGNS = re.compile(r"[+-](?: ?[+-])+")
_COEFF = re.compile(r"-?[0-9]+(/[0-9]+)?", re.ASCII)
_DECIMAL = re.compile(r"(?<![A-Za-z_0-9])(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|"
                      r"(?<![A-Za-z_0-9])[0-9]+[eE][+-]?[0-9]+(?![A-Za-z_0-9])", re.ASCII)
_RELATION_HINT = "a relation belongs in assume/show, written lhs REL rhs with REL one of < <= > >= == !="
_HINTS = {"−": "write - for minus", "–": "write - for minus", "×": "write * for times",
          "·": "write * for times", "÷": "write / for division", "²": "write **2 or ^2",
          "³": "write **3 or ^3", "≤": "write <=; " + _RELATION_HINT, "≥": "write >=; " + _RELATION_HINT,
          "≠": "write !=; " + _RELATION_HINT, "<": _RELATION_HINT, ">": _RELATION_HINT,
          "=": _RELATION_HINT, "!": _RELATION_HINT, ".": "numbers are exact: write 1/2, not 0.5",
          ",": "one polynomial per entry; no function calls"}


class PolyError(ValueError):
    """Malformed polynomial text or record, or a polynomial beyond the size limits."""


class LimitError(PolyError):
    """A polynomial (or a sub-expression while expanding it) beyond the one size rule :data:`RULE`.

    ``kind`` is ``"degree"``, ``"terms"``, ``"coefficient"`` or ``"exponent"`` (of a constant),
    ``value`` the offending size.
    """

    def __init__(self, kind: str, value: int) -> None:
        self.kind, self.value = kind, value
        what = {"degree": f"total degree {value} exceeds the limit {MAX_DEGREE}",
                "terms": f"{value} terms exceed the limit {MAX_TERMS}",
                "coefficient": f"a coefficient with {value} digits exceeds the limit {MAX_COEFF_DIGITS}",
                "exponent": f"exponent {value} exceeds the limit {MAX_CONST_EXPONENT}"}[kind]
        super().__init__(f"{what} ({RULE})")


def _digits(c: Fraction) -> int:
    return max(len(str(abs(c.numerator))), len(str(c.denominator)))


def check_limits(p: Poly) -> Poly:
    """``p`` itself if it satisfies :data:`RULE`; otherwise raise :class:`LimitError`."""
    if len(p) > MAX_TERMS:
        raise LimitError("terms", len(p))
    d = degree(p)
    if d > MAX_DEGREE:
        raise LimitError("degree", d)
    for c in p.values():
        if abs(c.numerator) >= _COEFF_BOUND or c.denominator >= _COEFF_BOUND:
            raise LimitError("coefficient", _digits(c))
    return p


# ----------------------------------------------------------------------------------------- arithmetic

def const(c: Fraction | int, n: int) -> Poly:
    """The constant ``c`` in ``n`` variables."""
    return {(0,) * n: Fraction(c)} if c else {}


def variable(i: int, n: int) -> Poly:
    """The ``i``-th of ``n`` variables."""
    return {tuple(int(k == i) for k in range(n)): Fraction(1)}


def scale(p: Poly, c: Fraction | int) -> Poly:
    """``c · p``."""
    return {m: c * v for m, v in p.items()} if c else {}


def add(p: Poly, q: Poly, sign: int = 1) -> Poly:
    """``p + sign · q``."""
    out = dict(p)
    for m, c in q.items():
        s = out.pop(m, 0) + sign * c
        if s:
            out[m] = s
    return out


def sub(p: Poly, q: Poly) -> Poly:
    return add(p, q, -1)


def mul(p: Poly, q: Poly) -> Poly:
    """``p · q`` (refuses products with more than :data:`MAX_TERMS` terms)."""
    if len(p) * len(q) > 50 * MAX_TERMS:  # resource guard (the checker's too): 10^6 term pairs
        raise LimitError("terms", len(p) * len(q))
    acc: dict[tuple[int, ...], Fraction] = {}
    for m1, c1 in p.items():
        for m2, c2 in q.items():
            m = tuple(map(int.__add__, m1, m2))
            acc[m] = acc.get(m, 0) + c1 * c2
    out = {m: c for m, c in acc.items() if c}
    if len(out) > MAX_TERMS:
        raise LimitError("terms", len(out))
    return out


def power(p: Poly, k: int, n: int) -> Poly:
    """``p**k`` by repeated multiplication from the most significant bit.

    Every partial power is held to :data:`RULE` (:func:`check_limits`): a variable's power by its degree,
    a constant's by its coefficient size (``2**100`` is a 31-digit coefficient, allowed; ``10**500`` is
    not). Exponents beyond :data:`MAX_CONST_EXPONENT` (the checker's parsing guard) are refused, which
    the coefficient rule already implies except for the bases 0 and ±1.
    """
    if degree(p) > 0 and degree(p) * k > MAX_DEGREE:
        raise LimitError("degree", degree(p) * k)
    if degree(p) == 0 and k > 1:  # a constant: its size first (10**500 is a 501-digit coefficient)
        c = p[(0,) * n]
        size = max(abs(c.numerator), c.denominator)
        if size > 1 and k * size.bit_length() <= 100_000:
            if size**k >= _COEFF_BOUND:
                raise LimitError("coefficient", len(str(size**k)))
        elif size > 1:  # at least 2^(k·(bits−1)), far beyond the limit: a lower bound on the digits
            raise LimitError("coefficient", k * (size.bit_length() - 1) * 30103 // 100000 + 1)
    if k > MAX_CONST_EXPONENT:
        raise LimitError("exponent", k)
    out = const(1, n)
    for bit in bin(k)[2:] if k else "":
        out = check_limits(mul(out, out))
        if bit == "1":
            out = check_limits(mul(out, p))
    return out


def evaluate(p: Poly, point: list[Fraction]) -> Fraction:
    """Exact value of ``p`` at ``point`` (one coordinate per variable)."""
    xs = [Fraction(x) for x in point]
    total = Fraction(0)
    for m, c in p.items():
        if len(m) != len(xs):
            raise ValueError(f"point has {len(xs)} coordinates, polynomial {len(m)} variables")
        term = c
        for x, e in zip(xs, m, strict=True):
            if e:
                term *= x**e
        total += term
    return total


def degree(p: Poly) -> int:
    """Total degree (``-1`` for the zero polynomial)."""
    return max((sum(m) for m in p), default=-1)


# ---------------------------------------------------------------------------------------------- records

def to_record(p: Poly, variables: list[str]) -> dict:
    """Canonical JSON form (see the module docstring)."""
    return {"vars": list(variables),
            "terms": [[list(m), str(p[m])] for m in sorted(p, reverse=True)]}


def to_text(p: Poly, variables: list[str]) -> str:
    """The polynomial in the claim-file grammar (``3/4*x**2*y - x + 1``), read back exactly by :func:`parse`."""
    out = ""
    for m in sorted(p, reverse=True):
        c = p[m]
        mono = "*".join(v if e == 1 else f"{v}**{e}" for v, e in zip(variables, m, strict=True) if e)
        mag = abs(c)
        body = (f"{mag}*{mono}" if mag != 1 else mono) if mono else f"{mag}"
        out += (" - " if c < 0 else " + ") + body if out else ("-" if c < 0 else "") + body
    return out or "0"


def from_record(rec: dict) -> tuple[Poly, list[str]]:
    """Inverse of :func:`to_record`; strict about the format."""
    if not isinstance(rec, dict) or set(rec) != {"vars", "terms"}:
        raise PolyError("malformed polynomial record: expected exactly the keys 'vars' and 'terms'")
    variables = rec["vars"]
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise PolyError("malformed polynomial record: 'vars' must be a list of names")
    if not isinstance(rec["terms"], list):
        raise PolyError("malformed polynomial record: 'terms' must be a list")
    out: Poly = {}
    for term in rec["terms"]:
        if not (isinstance(term, list) and len(term) == 2 and isinstance(term[0], list)):
            raise PolyError(f"malformed polynomial record: bad term {term!r}")
        exps, coeff = term
        if len(exps) != len(variables) or not all(type(e) is int and e >= 0 for e in exps):
            raise PolyError(f"bad monomial {exps!r}")
        m = tuple(exps)
        if m in out:
            raise PolyError(f"repeated monomial {m}")
        if not isinstance(coeff, str) or not _COEFF.fullmatch(coeff):
            raise PolyError(f"coefficient must be a string 'p' or 'p/q', got {coeff!r}")
        try:
            c = Fraction(coeff)
        except ZeroDivisionError as exc:
            raise PolyError(f"malformed polynomial record: zero denominator in {coeff!r}") from exc
        if not c:
            raise PolyError("zero coefficient recorded")
        out[m] = c
    return out, list(variables)


# ------------------------------------------------------------------------------------------------- text

def _prepare(text: object) -> tuple[ast.expr, dict[str, str]]:
    """Screen ``text`` and parse it with Python's parser; names are replaced by placeholders.

    Returns the expression tree and ``{placeholder: name}`` (placeholders make every identifier of
    the grammar — including Python keywords such as ``lambda`` — an ordinary ``ast.Name``).
    """
    if not isinstance(text, str):
        raise PolyError("polynomial must be a string")
    if len(text) > MAX_TEXT:
        raise PolyError(f"polynomial text longer than {MAX_TEXT} characters")
    decimal = _DECIMAL.search(text)
    if decimal:
        raise PolyError(f"decimal number {decimal.group(0)!r}: numbers are exact integers or rationals, "
                        "written e.g. 1, 1/2, 1/1000 (not 1.0, 0.5, 1e-3)")
    if not _ALLOWED.fullmatch(text):
        pos = next(i for i, ch in enumerate(text) if not _ALLOWED.fullmatch(ch))
        hint = _HINTS.get(text[pos], "allowed: integers, names, + - * / ** ^ ( ) and spaces")
        raise PolyError(f"unexpected character {text[pos]!r} at position {pos} ({hint})")
    if not text.strip():
        raise PolyError("empty polynomial")
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth > MAX_NESTING:
            raise PolyError("expression nested too deeply")
    names: dict[str, str] = {}
    placeholder: dict[str, str] = {}

    def word(m: re.Match) -> str:
        w = m.group(0)
        if w[0].isdigit():
            if not w.isdigit():
                raise PolyError(f"unexpected token {w!r} (a number must be followed by an operator)")
            if len(w) > MAX_COEFF_DIGITS:  # a literal is a coefficient (and Python caps int literals)
                raise LimitError("coefficient", len(w))
            if w[0] == "0" and len(w) > 1:
                raise PolyError(f"integer literal {w[:12]!r}: no leading zero")
            return w  # the grammar, like Python and the checker, refuses leading zeros
        if w not in placeholder:
            placeholder[w] = f"_{len(placeholder)}"
            names[placeholder[w]] = w
        return placeholder[w]

    rewritten = _WORD.sub(word, text).replace("^", "**")
    rewritten = " ".join(rewritten.split())  # newlines and tabs are plain white space here
    if re.search(r"\*\*\s*(?![0-9])", rewritten):
        raise PolyError("exponent must be a non-negative integer literal")
    # a run of signs is one (binary or unary) sign followed by unary ones: keep the first, fold the rest
    rewritten = _SIGNS.sub(lambda m: m.group(0)[0] + "-" * (m.group(0)[1:].count("-") % 2), rewritten)
    limit = sys.getrecursionlimit()
    try:  # a long flat sum is a deep left-leaning tree for ast.parse (built recursively in C)
        sys.setrecursionlimit(max(limit, 4 * MAX_TEXT))
        tree = ast.parse(rewritten, mode="eval")
    except SyntaxError as exc:
        raise PolyError(f"malformed expression: {exc.msg}") from None
    except (RecursionError, MemoryError):
        raise PolyError("expression nested too deeply") from None
    finally:
        sys.setrecursionlimit(limit)
    return tree.body, names


_BINARY = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)
_UNARY = (ast.USub, ast.UAdd)


def _nodes_postorder(root: ast.expr) -> list[ast.expr]:
    """Whitelisted nodes of the tree, children before parents (iteratively: chains can be long)."""
    order, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.BinOp) and isinstance(node.op, _BINARY):
            stack += [node.left, node.right]
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, _UNARY):
            stack.append(node.operand)
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            pass
        elif isinstance(node, ast.Name):
            pass
        else:
            what = type(getattr(node, "op", node)).__name__
            raise PolyError(f"unsupported syntax ({'a function call' if what == 'Call' else what}; allowed: "
                            "integers, names, + - * / ** ^ and parentheses)")
        order.append(node)
    order.reverse()
    return order


def _exponent(node: ast.BinOp) -> int:
    e = node.right
    if not (isinstance(e, ast.Constant) and type(e.value) is int):
        raise PolyError("exponent must be a non-negative integer literal")
    return e.value


def parse(text: str, variables: list[str], defines: dict[str, Poly] | None = None) -> Poly:
    """The polynomial written in ``text``; names must be in ``variables`` or ``defines``.

    Raises :class:`LimitError` when the result or a sub-expression breaks :data:`RULE`; a degree is
    reported as the degree of the whole text (:func:`degree_bound`), so that ``x**150``,
    ``(x**10)**15``, ``x**100*x**50`` and ``x*x*…*x`` get the same message.
    """
    try:
        return _parse(text, variables, defines or {})
    except LimitError as exc:
        if exc.kind != "degree":
            raise
        try:
            whole = degree_bound(text, {**{v: 1 for v in variables},
                                        **{k: max(degree(p), 0) for k, p in (defines or {}).items()}})
        except PolyError:
            raise exc from None
        raise LimitError("degree", max(whole, exc.value)) from None


def _parse(text: str, variables: list[str], defines: dict[str, Poly]) -> Poly:
    root, names = _prepare(text)
    n = len(variables)
    index = {v: i for i, v in enumerate(variables)}
    value: dict[int, Poly] = {}
    for node in _nodes_postorder(root):
        if isinstance(node, ast.Constant):
            out = const(node.value, n)
        elif isinstance(node, ast.Name):
            name = names[node.id]
            if name in index:
                out = variable(index[name], n)
            elif name in defines:
                out = dict(defines[name])
            else:
                raise PolyError(f"unknown name {name!r} (allowed: {', '.join(list(variables) + list(defines))})")
        elif isinstance(node, ast.UnaryOp):
            out = value.pop(id(node.operand))
            out = scale(out, -1) if isinstance(node.op, ast.USub) else out
        elif isinstance(node.op, ast.Pow):
            k = _exponent(node)
            value.pop(id(node.right), None)
            out = power(value.pop(id(node.left)), k, n)
        else:
            left, right = value.pop(id(node.left)), value.pop(id(node.right))
            if isinstance(node.op, ast.Add):
                out = add(left, right)
            elif isinstance(node.op, ast.Sub):
                out = sub(left, right)
            elif isinstance(node.op, ast.Mult):
                out = mul(left, right)
            else:
                if not right or any(any(m) for m in right):
                    raise PolyError("division only by a non-zero constant (rationals are written p/q; "
                                    "to divide by a variable, multiply both sides by it where its sign is known)")
                out = scale(left, 1 / right[(0,) * n])
        value[id(node)] = check_limits(out)
    return value[id(root)]


def degree_bound(text: str, degrees: dict[str, int]) -> int:
    """An upper bound on the total degree of ``text`` without expanding it.

    ``degrees`` gives the degree of each name (variables 1, defined names their own bound); unknown
    names count 0 (``parse`` reports them). Raises :class:`PolyError` on malformed text.
    """
    root, names = _prepare(text)
    deg: dict[int, int] = {}
    for node in _nodes_postorder(root):
        if isinstance(node, ast.Constant):
            d = 0
        elif isinstance(node, ast.Name):
            d = degrees.get(names[node.id], 0)
        elif isinstance(node, ast.UnaryOp):
            d = deg[id(node.operand)]
        elif isinstance(node.op, ast.Pow):
            d = deg[id(node.left)] * _exponent(node)
        elif isinstance(node.op, ast.Mult):
            d = deg[id(node.left)] + deg[id(node.right)]
        elif isinstance(node.op, ast.Div):
            d = deg[id(node.left)]
        else:
            d = max(deg[id(node.left)], deg[id(node.right)])
        deg[id(node)] = d
    return deg[id(root)]
