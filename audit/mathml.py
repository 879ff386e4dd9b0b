"""The project's formula text as presentation MathML, for ``report.html`` (issue 18).

The statements, caveats and the normalisation write mathematics in ASCII inside prose:
``L_t = 1/2 sum_k lambda_k C_k(t)``, ``alpha_eff = alpha/(1-beta)``, ``lambda_k = Lambda k^-nu``,
``U~(1) <= 1``, ``(I - zA)^{-1}``, ``tau1``, ``alpha*``. :func:`prose` finds the formula spans in such a
text and writes each as an inline ``<math>`` element (MathML Core, rendered natively by browsers; no script,
stylesheet or font), the rest as escaped text. :func:`formula` renders a text that is all formula, and
:func:`expression` a claim-grammar expression (``2*a*b - (nu - 1)*s2``) through sympy's presentation
printer (parsed from the syntax tree, never evaluated).

The reading rules, in short: Greek names (``alpha``, ``Lambda``), functions (``sum``, ``int``, ``det``,
``Tr``, ``sign``), scripts (``_``, ``^``, ``{...}``), an adjacent ``~`` (a tilde accent: ``U~`` is Ũ) and
relations (``=``, ``<=``, ``->``, a spaced ``~``) make a span mathematical; English words end it; single
letters, numbers and brackets join a span but never start one on their own (so ``eq. 4`` and ``(8)``
stay text); a comma outside brackets ends a span. The ASCII source is kept in the ``alttext`` attribute.
"""

from __future__ import annotations

import ast
import html
import re
from dataclasses import dataclass

__all__ = ["expression", "formula", "prose"]

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "eps": "ε", "epsilon": "ε", "zeta": "ζ", "eta": "η",
    "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ",
    "sigma": "σ", "tau": "τ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ",
    "Psi": "Ψ", "Omega": "Ω",
}
BIG = {"sum": "∑", "int": "∫", "prod": "∏"}
SYMBOL = {"inf": "∞", "grad": "∇", "sqrt": "√"}
NAMES = {"det", "adj", "sin", "cos", "exp", "log", "Tr", "sign", "SO", "diag", "lim"}
#: subscripts written as words (upright), not as products of indices
WORD_SUB = {"eff", "max", "min", "crit", "signal", "noise", "num", "opt", "fit", "fixed"}
OPS = {
    "<=>": "⇔", "<=": "≤", ">=": "≥", "==": "=", "!=": "≠", "->": "→", "=>": "⇒", "+-": "±", "-+": "∓", "..": "…",
    "-": "−", "'": "′", "~": "∼", "*": "·",
}
STRONG_OPS = {"=", "<", ">", "<=", ">=", "<=>", "==", "!=", "->", "=>", "+", "/", "^", "_", "~", "+-", "-+", "**",
              "≤", "≥", "−", "∈", "→", "⇔", "≠", "≈", "∼", "±", "×", "·"}
UNICODE_OPS = "≤≥−∈∞·×→⇔≠≈∼±"
TOKEN = re.compile(
    r"(?P<ws>\s+)"
    r"|(?P<code>\d+x\d+\b|[A-Za-z_]\w*(?:\.\w+)+)"
    r"|(?P<num>\d+(?:\.\d+)?(?:e[-+]?\d+)?)"
    r"|(?P<word>[A-Za-z][A-Za-z0-9]*)"
    r"|(?P<op><=>|<=|>=|==|!=|->|=>|\+-|-\+|\*\*|\.\.|[=<>+\-*/^_~'|])"
    r"|(?P<open>[(\[{])|(?P<close>[)\]}])"
    r"|(?P<punct>[,;:.?!])"
    r"|(?P<greek>[\u0391-\u03a9\u03b1-\u03c9])"
    rf"|(?P<uop>[{UNICODE_OPS}])"
    r"|(?P<other>.)",
    re.S,
)
PAIR = {"(": ")", "[": "]", "{": "}"}
VOWELS = set("aeiouyAEIOUY")
#: words without vowels that are still English, not products of variables
NOT_PRODUCTS = {"vs", "cf", "st", "nd", "rd", "th", "pp", "ms", "z3"}  # z3: the solver


@dataclass
class Tok:
    kind: str
    text: str
    start: int
    end: int
    role: str = ""  # "prose", "strong", "weak" (words, numbers, brackets), "" for whitespace/punctuation


def _lex(text: str) -> list[Tok]:
    toks = [Tok(m.lastgroup or "other", m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    out: list[Tok] = []
    for t in toks:  # noise_near_boundary, generating_function: names of things, not a subscripted variable
        if out and out[-1].kind == "code" and t.kind in ("word", "num", "op") and _adjacent(out[-1], t) and (
                t.text == "_" or out[-1].text.endswith("_")):
            out[-1] = Tok("code", out[-1].text + t.text, out[-1].start, t.end)
        elif (t.kind == "word" and sum(c.islower() for c in t.text) > 1 and not _math_base(t.text) and t.end < len(text)
              and text[t.end] == "_" and re.match(r"_[A-Za-z0-9]", text[t.end:])):
            out.append(Tok("code", t.text, t.start, t.end))
        else:
            out.append(t)
    return out


def _math_base(w: str) -> bool:
    return w in GREEK or w in BIG or w in SYMBOL or w in NAMES or _dword(w) or _greek_digits(w)


def _adjacent(a: Tok | None, b: Tok | None) -> bool:
    return a is not None and b is not None and a.end == b.start


def _dword(w: str) -> bool:
    """``dbeta``, ``dlog``, ``dC``: a differential ``d`` before a Greek name, ``log`` or a capital."""
    rest = w[1:]
    return w.startswith("d") and (rest in GREEK or rest == "log" or (len(rest) == 1 and rest.isupper()))


def _greek_digits(w: str) -> bool:
    m = re.fullmatch(r"([A-Za-z]+)(\d+)", w)
    return bool(m) and m.group(1) in GREEK


def _script_arg(toks: list[Tok], i: int) -> bool:
    """Is token ``i`` the argument of an adjacent ``_`` or ``^`` (possibly signed: ``t^-exponent``)?"""
    j = i - 1
    if j >= 0 and toks[j].text in ("-", "+") and _adjacent(toks[j], toks[i]):
        j -= 1
    return j >= 0 and toks[j].text in ("_", "^") and _adjacent(toks[j], toks[j + 1])


def _classify(toks: list[Tok]) -> None:
    n = len(toks)
    for i, t in enumerate(toks):
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < n else None
        if t.kind in ("ws", "punct"):
            t.role = ""
        elif t.kind in ("code", "other"):
            t.role = "prose"
        elif t.kind in ("num", "open", "close"):
            t.role = "weak"
        elif t.kind in ("greek", "uop"):
            t.role = "strong"
        elif t.kind == "op":
            t.role = "strong" if t.text in STRONG_OPS or (t.text == "*" and _adjacent(prev, t)) else "weak"
            if t.text == "~" and not _adjacent(prev, t):
                t.role = "strong"
            if t.text == "'" and prev is not None and prev.role == "prose" and _adjacent(prev, t):
                t.role = "prose"  # the project's, authors'
        else:  # a word
            w = t.text
            scripted = nxt is not None and _adjacent(t, nxt) and nxt.text in ("_", "^", "~", "**")
            if _math_base(w):
                t.role = "strong"
            elif w in NOT_PRODUCTS:
                t.role = "prose"
            elif re.fullmatch(r"[A-Za-z]\d*", w):
                t.role = "strong" if scripted else "weak"
            elif scripted:
                t.role = "prose" if nxt.text == "_" and w.islower() and len(w) > 1 else "strong"  # moment_operator
            elif w.isupper():  # SE, SGD: prose; HC in Tr(HC): a product
                t.role = "weak" if (prev is not None and prev.text == "(" and _adjacent(prev, t)) else "prose"
            elif not (set(w) & VOWELS) or re.search(r"[a-z][A-Z]", w):
                t.role = "weak"  # bz, cx, zA: products of single letters
            elif prev is not None and _adjacent(prev, t) and (prev.kind == "num" or prev.text in ("+", "*", "/")):
                t.role = "weak"  # 2abz, 1+bz
            else:
                t.role = "prose"
        if t.kind == "word" and t.role == "prose" and _script_arg(toks, i):
            t.role = "weak"  # alpha_eff, C_signal, t^-exponent: a script is never prose
    # 4-tensor, heavy-ball, C-components, rank-one: a hyphen joined to an English word is prose
    for i, t in enumerate(toks):
        if t.text == "-" and i + 1 < n and _adjacent(t, toks[i + 1]) and toks[i + 1].role == "prose" and i:
            prev = toks[i - 1]
            if _adjacent(prev, t) and prev.kind in ("num", "word", "close"):
                t.role = "prose"
                if prev.kind != "close":
                    prev.role = "prose"
        if t.text == "'" and t.role == "prose" and i + 1 < n and _adjacent(t, toks[i + 1]):
            toks[i + 1].role = "prose"


def _runs(toks: list[Tok]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of the formula spans."""
    out: list[tuple[int, int]] = []
    cur: list[int] = []
    depth = 0

    def flush() -> None:
        nonlocal cur, depth
        if cur:
            out.extend(_trim(toks, cur[0], cur[-1] + 1))
        cur, depth = [], 0

    for i, t in enumerate(toks):
        if t.role == "prose" or (t.kind == "punct" and (t.text != "," or depth <= 0)):
            flush()
            continue
        if t.kind == "open":
            depth += 1
        elif t.kind == "close":
            depth -= 1
        cur.append(i)
    flush()
    return out


def _match(toks: list[Tok], i: int, j: int) -> dict[int, int]:
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for k in range(i, j):
        if toks[k].kind == "open":
            stack.append(k)
        elif toks[k].kind == "close" and stack and PAIR[toks[stack[-1]].text] == toks[k].text:
            pairs[stack.pop()] = k
    return pairs


def _trim(toks: list[Tok], i: int, j: int) -> list[tuple[int, int]]:
    """The formula spans in the candidate run [i, j): edges trimmed, split at a bracket it does not close
    ("tau2 = -1 (tau = -1 in ..." gives two spans), and kept only if mathematical."""
    while True:
        i0, j0 = i, j
        while i < j and (toks[i].kind in ("ws", "punct") or (toks[i].text in ("-", "+", "*", "/", "=") and not (
                i + 1 < j and _adjacent(toks[i], toks[i + 1])))):
            i += 1
        while i < j and toks[j - 1].kind in ("ws", "punct"):
            j -= 1
        if i >= j:
            return []
        pairs = _match(toks, i, j)
        closed = set(pairs.values())
        if toks[i].kind == "close" or (toks[i].kind == "open" and i not in pairs):
            i += 1
        elif toks[j - 1].kind == "open" or (toks[j - 1].kind == "close" and j - 1 not in closed):
            j -= 1
        elif toks[i].kind == "open" and pairs.get(i) == j - 1:
            i, j = i + 1, j - 1  # (U(r) = 1): the brackets stay text
        elif (j - i > 4 and toks[i].text == "(" and toks[i + 1].kind == "num" and pairs.get(i) == i + 2
              and toks[i + 3].kind == "ws"):
            i += 3  # an enumeration "(1) ..."
        elif toks[i].kind == "num" and _reference(toks, i):
            i += 1  # "by Lemma 1.3 z U~(z) increases": the number belongs to the reference
        if (i, j) == (i0, j0):
            break
    pairs = _match(toks, i, j)
    closed = set(pairs.values())
    loose = [k for k in range(i, j) if toks[k].kind in ("open", "close") and k not in pairs and k not in closed]
    if loose:
        return _trim(toks, i, loose[0]) + _trim(toks, loose[0] + 1, j)
    body = [t for t in toks[i:j] if t.kind != "ws"]
    if any(t.role == "strong" for t in body) and any(t.kind in ("word", "num", "greek") for t in body):
        return [(i, j)]
    if len(body) == 1 and body[0].text in ("<=>", "=>", "->", "<=", ">="):
        return [(i, j)]  # "spectral expressibility <=> SE form (7)": the relation alone
    if (len(body) == 1 and body[0].kind == "word" and re.fullmatch(r"[B-HJ-Zb-z]\d*", body[0].text)
            and _isolated(toks, i, j)):
        return [(i, j)]  # a variable named in prose: "u and v are ...", "the radius r"
    return []


REFERENCES = {"Lemma", "Lemmas", "Prop", "Props", "Theorem", "Theorems", "eq", "eqs", "Eq", "Eqs", "Sec", "App",
              "remark", "remarks", "step", "steps", "Fig"}


def _reference(toks: list[Tok], i: int) -> bool:
    """Is the number at ``i`` the number of a reference (``Lemma 1.3``, ``eq. 21``)?"""
    k = i - 1
    while k >= 0 and toks[k].kind == "ws":
        k -= 1
    if k >= 0 and toks[k].text == ".":
        k -= 1
    return k >= 0 and toks[k].text in REFERENCES


def _isolated(toks: list[Tok], i: int, j: int) -> bool:
    before = toks[i - 1] if i else None
    after = toks[j] if j < len(toks) else None
    if before is not None and before.kind != "ws":
        return False
    if after is None or after.kind == "ws" or after.text in (",", ";", ":"):
        return True
    return after.text == "." and (j + 1 >= len(toks) or toks[j + 1].kind == "ws")


# ------------------------------------------------------------------ MathML from a token span


def _e(s: str) -> str:
    return html.escape(s, quote=False)


def _mi(s: str, normal: bool = False) -> str:
    return f"<mi mathvariant='normal'>{_e(s)}</mi>" if normal and len(s) == 1 else f"<mi>{_e(s)}</mi>"


def _mo(s: str) -> str:
    if s in "()[]{}|/":  # fences and the solidus: upright, unstretched and tight, as in running text
        return f"<mo stretchy='false' lspace='0' rspace='0'>{_e(s)}</mo>"
    return f"<mo>{_e(s)}</mo>"


def _mn(s: str) -> str:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)e([-+]?)(\d+)", s)
    if not m:
        return f"<mn>{s}</mn>"
    sign = "−" if m.group(2) == "-" else ""
    pow10 = f"<msup><mn>10</mn><mrow>{_mo(sign) if sign else ''}<mn>{m.group(3)}</mn></mrow></msup>"
    return pow10 if m.group(1) == "1" else f"<mn>{m.group(1)}</mn><mo>×</mo>{pow10}"


def _row(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else "<mrow>" + "".join(parts) + "</mrow>"


def _word(w: str, sub: bool = False) -> str:
    if w in GREEK:
        return _mi(GREEK[w], normal=w[0].isupper())
    if w in BIG:
        return _mo(BIG[w])
    if w in SYMBOL:
        return _mi(SYMBOL[w], normal=True)
    if w in NAMES:
        return _mi(w, normal=True)
    m = re.fullmatch(r"([A-Za-z]+?)(\d+)", w)
    if m and (m.group(1) in GREEK or len(m.group(1)) == 1):
        return f"<msub>{_word(m.group(1))}<mn>{m.group(2)}</mn></msub>"  # tau1, s1, M0
    if len(w) > 1 and _dword(w):
        return "<mrow><mi>d</mi>" + _word(w[1:]) + "</mrow>"
    if len(w) == 1:
        return _mi(w)
    if sub and (w in WORD_SUB or (len(w) >= 3 and set(w) & VOWELS)):
        return _mi(w)  # alpha_eff, C_signal: a word, upright
    return _row([_mi(c) if c.isalpha() else f"<mn>{c}</mn>" for c in w])  # products: bz, zA; indices: ijkl


class _Parser:
    def __init__(self, toks: list[Tok]) -> None:
        self.t = [t for t in toks if t.kind != "ws"]
        self.src = toks
        self.i = 0

    def peek(self, k: int = 0) -> Tok | None:
        return self.t[self.i + k] if self.i + k < len(self.t) else None

    def seq(self, close: str | None = None) -> list[str]:
        out: list[str] = []
        while (t := self.peek()) is not None:
            if close is not None and t.kind == "close" and t.text == close:
                break
            out.append(self.item())
        return out

    def group(self, keep: bool) -> str:
        t = self.t[self.i]
        self.i += 1
        inner = self.seq(PAIR[t.text])
        closing = self.peek()
        if closing is not None and closing.kind == "close":
            self.i += 1
            if keep:
                return "<mrow>" + _mo(t.text) + "".join(inner) + _mo(closing.text) + "</mrow>"
            return _row(inner or ["<mrow></mrow>"])
        return "<mrow>" + (_mo(t.text) if keep else "") + "".join(inner) + "</mrow>"

    def primary(self) -> str:
        t = self.t[self.i]
        if t.kind == "open":
            return self.group(keep=t.text != "{")
        self.i += 1
        if t.kind == "word":
            nxt = self.peek()
            real = t.text == "R" and nxt is not None and nxt.text == "^" and _adjacent(t, nxt)  # R^d: the reals
            out = _mi("ℝ") if real else _word(t.text)
            if t.text in NAMES and nxt is not None and not _adjacent(t, nxt):
                out += "<mspace width='0.17em'></mspace>"
            return out
        if t.kind == "num":
            return _mn(t.text)
        if t.kind == "greek":
            return _mi(t.text, normal=t.text.isupper())
        if t.kind == "uop":
            return _mi(t.text) if t.text == "∞" else _mo(t.text)
        if t.kind == "op":
            prev = self.t[self.i - 2] if self.i >= 2 else None
            nxt = self.peek()
            if t.text == "*" and _adjacent(prev, t) and _adjacent(t, nxt):
                return "<mo>&#x2062;</mo>"  # 2*a*b: invisible times
            if (t.text in ("-", "+") and nxt is not None and _adjacent(t, nxt) and nxt.kind != "close"
                    and (prev is None or prev.kind in ("op", "open", "uop") or not _adjacent(prev, t))):
                return "<mrow>" + _mo(OPS.get(t.text, t.text)) + self.item() + "</mrow>"  # a sign: -1, -beta
            return _mo(OPS.get(t.text, t.text))
        return _mo(t.text)

    def script(self, sup: bool) -> str:
        t = self.peek()
        if t is None:
            return "<mrow></mrow>"
        if t.kind == "op" and t.text in ("-", "+"):  # k^-nu, t^-(2-1/nu)
            self.i += 1
            nxt = self.peek()
            rest = self.primary() if nxt is not None and _adjacent(t, nxt) else ""
            return "<mrow>" + _mo(OPS.get(t.text, t.text)) + rest + "</mrow>"
        if t.kind == "open":
            return self.group(keep=False)
        if t.kind == "word" and not sup:
            self.i += 1
            return _word(t.text, sub=True)
        if t.kind == "op" and t.text == "*":
            self.i += 1
            return _mo("*")
        return self.primary()

    def item(self) -> str:
        t = self.peek()
        assert t is not None
        if t.kind == "close":  # unmatched
            self.i += 1
            return _mo(t.text)
        base = self.primary()
        last = self.t[self.i - 1]
        sub = sup = None
        while (n := self.peek()) is not None and _adjacent(last, n) and n.kind == "op":
            if n.text == "~":
                base = f"<mover accent='true'>{base}<mo>\u02dc</mo></mover>"  # Ũ: a small tilde over
            elif n.text == "'":
                base = f"<msup>{base}<mo>′</mo></msup>"
            elif n.text == "*" and not (self.peek(1) is not None and _adjacent(n, self.peek(1))
                                        and self.peek(1).kind in ("word", "num", "open", "greek")):
                sup = (sup or "") + _mo("*")  # alpha*, t*
            elif n.text == "_" and sub is None:
                self.i += 1
                sub = self.script(sup=False)
                last = self.t[self.i - 1]
                continue
            elif n.text in ("^", "**") and sup is None:
                self.i += 1
                sup = self.script(sup=True)
                last = self.t[self.i - 1]
                continue
            else:
                break
            self.i += 1
            last = n
        if sub is not None and sup is not None:
            return f"<msubsup>{base}{sub}{sup}</msubsup>"
        if sub is not None:
            return f"<msub>{base}{sub}</msub>"
        if sup is not None:
            return f"<msup>{base}{_row([sup]) if not sup.startswith('<mrow') else sup}</msup>"
        return base


def _math(toks: list[Tok], source: str) -> str:
    body = _Parser(toks).seq()
    inner = "".join(body).replace("<mn>1</mn>" + _mo("/") + "<mn>2</mn>", "<mfrac><mn>1</mn><mn>2</mn></mfrac>")
    return f"<math alttext='{html.escape(source)}'><mrow>{inner}</mrow></math>"


def prose(text: str) -> str:
    """Escaped HTML of ``text`` with every formula span written as an inline ``<math>`` element."""
    toks = _lex(text)
    _classify(toks)
    out: list[str] = []
    pos = 0
    for i, j in _runs(toks):
        a, b = toks[i].start, toks[j - 1].end
        out.append(html.escape(text[pos:a]))
        out.append(_math(toks[i:j], text[a:b]))
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


def formula(text: str) -> str:
    """``text``, all of it a formula, as one ``<math>`` element."""
    toks = _lex(text)
    _classify(toks)
    return _math(toks, text)


# ------------------------------------------------------------------ claim-grammar expressions via sympy

_BINOP = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow"}


def _sympy(node: ast.expr):
    import sympy as sp

    if isinstance(node, ast.Expression):
        return _sympy(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return sp.Integer(node.value)
    if isinstance(node, ast.Name):
        return sp.Symbol(node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        x = _sympy(node.operand)
        return -x if isinstance(node.op, ast.USub) else x
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOP:
        a, b = _sympy(node.left), _sympy(node.right)
        op = _BINOP[type(node.op)]
        if op == "pow" and not (b.is_Integer and abs(int(b)) <= 64):
            raise ValueError("exponents are small integers in the claim grammar")
        # sympy's automatic evaluation only: factors stay factors, nothing is expanded
        return {"add": a + b, "sub": a - b, "mul": a * b, "div": a / b, "pow": a**b}[op]
    raise ValueError(f"not a claim-grammar expression: {ast.dump(node)[:60]}")


def _numeric_entities(s: str) -> str:
    """sympy writes ``&InvisibleTimes;``; numeric references keep the markup well-formed XML as well."""
    def repl(m: re.Match) -> str:
        ch = html.unescape(m.group(0))
        return m.group(0) if len(ch) != 1 or m.group(1) in ("amp", "lt", "gt", "quot") else f"&#x{ord(ch):x};"

    return re.sub(r"&([A-Za-z]+);", repl, s)


def expression(text: str) -> str:
    """A claim-grammar expression (``+ - * / **``, integers, names) as ``<math>`` via sympy's presentation
    printer; a text that is not one falls back to :func:`formula`."""
    from sympy.printing.mathml import mathml

    try:
        expr = _sympy(ast.parse(text.strip(), mode="eval"))
        body = mathml(expr, printer="presentation")
    except (SyntaxError, ValueError, TypeError, RecursionError):
        return formula(text)
    body = _numeric_entities(body).replace("<mo>-</mo>", "<mo>−</mo>")
    for fence in "()":
        body = body.replace(f"<mo>{fence}</mo>", _mo(fence))
    return f"<math alttext='{html.escape(text)}'>{body}</math>"
