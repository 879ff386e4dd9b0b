"""LaTeX out (issue 18): the derivation as a standalone document, the audit as a reproducibility appendix.

``derivation_document()`` prints the exact derived objects — the moment operator ``A(a, b, g)``, the
noise vector, ``S``, the numerators of ``u`` and ``v`` and ``R1`` — with sympy's ``latex()`` printer, one
``align*`` block per object; a long polynomial is split between its terms over several lines of the
block, so the page never overflows. ``appendix_document()`` turns an audit (its ``audit.json`` document
and the certificate directory) into a self-contained appendix: one ``longtable`` row per numbered
statement (status, methods, certificate files and the SHA-256 of each file's bytes), the package, solver
and library versions, and the commands that regenerate it. Every string that comes from data passes
through :func:`escape`. Both documents are deterministic (no dates, no timings) and compile alone with
``pdflatex`` from Debian's TeX Live (``texlive-latex-base`` and ``texlive-latex-recommended``).
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import shlex
import shutil
import subprocess
from pathlib import Path

#: LaTeX's special characters in text mode, and what prints them
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}

#: non-ASCII characters the data uses (solver details, summaries), as LaTeX; anything else prints as [U+XXXX]
_UNICODE = {
    **{c: rf"\ensuremath{{\{n}}}" for c, n in zip(
        "αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΦΨΩ",
        ["alpha", "beta", "gamma", "delta", "varepsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
         "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "varphi", "chi", "psi", "omega", "Gamma",
         "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega"], strict=True)},
    "∧": r"\ensuremath{\wedge}", "∨": r"\ensuremath{\vee}", "¬": r"\ensuremath{\neg}",
    "≤": r"\ensuremath{\le}", "≥": r"\ensuremath{\ge}", "≠": r"\ensuremath{\ne}", "≈": r"\ensuremath{\approx}",
    "∼": r"\ensuremath{\sim}", "→": r"\ensuremath{\to}", "←": r"\ensuremath{\leftarrow}",
    "↔": r"\ensuremath{\leftrightarrow}", "⟺": r"\ensuremath{\Leftrightarrow}", "⇔": r"\ensuremath{\Leftrightarrow}",
    "⟹": r"\ensuremath{\Rightarrow}", "⇒": r"\ensuremath{\Rightarrow}", "∈": r"\ensuremath{\in}",
    "∀": r"\ensuremath{\forall}", "∃": r"\ensuremath{\exists}", "∞": r"\ensuremath{\infty}",
    "∑": r"\ensuremath{\sum}", "Σ": r"\ensuremath{\Sigma}", "∏": r"\ensuremath{\prod}", "∇": r"\ensuremath{\nabla}",
    "∂": r"\ensuremath{\partial}", "√": r"\ensuremath{\surd}", "±": r"\ensuremath{\pm}", "∓": r"\ensuremath{\mp}",
    "×": r"\ensuremath{\times}", "·": r"\ensuremath{\cdot}", "⋅": r"\ensuremath{\cdot}", "∘": r"\ensuremath{\circ}",
    "−": r"\ensuremath{-}", "⁻": r"\ensuremath{^{-}}", "⁺": r"\ensuremath{^{+}}", "½": r"\ensuremath{\tfrac12}",
    "⊂": r"\ensuremath{\subset}", "⊆": r"\ensuremath{\subseteq}", "∪": r"\ensuremath{\cup}", "∩": r"\ensuremath{\cap}",
    "ℝ": r"\ensuremath{\mathbf{R}}", "ℚ": r"\ensuremath{\mathbf{Q}}", "ℤ": r"\ensuremath{\mathbf{Z}}",
    "∅": r"\ensuremath{\emptyset}", "〈": r"\ensuremath{\langle}", "〉": r"\ensuremath{\rangle}",
    "⟨": r"\ensuremath{\langle}", "⟩": r"\ensuremath{\rangle}", "‖": r"\ensuremath{\|}",
    **{c: rf"\ensuremath{{^{{{i}}}}}" for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")},
    **{c: rf"\ensuremath{{_{{{i}}}}}" for i, c in enumerate("₀₁₂₃₄₅₆₇₈₉")},
    "—": "---", "–": "--", "…": r"\ldots{}", "‘": "`", "’": "'", "“": "``", "”": "''", "′": "'",
    "\u00a0": "~", "°": r"\ensuremath{^\circ}", "é": r"\'e", "è": r"\`e", "ö": r"\"o", "ü": r"\"u", "ä": r"\"a",
}


def escape(text: object) -> str:
    """``text`` as LaTeX text-mode material that prints it literally (special characters escaped; every
    whitespace character a space; characters outside ASCII as LaTeX, or ``[U+XXXX]`` if unknown)."""
    out = []
    for c in str(text):
        if c in _SPECIAL:
            out.append(_SPECIAL[c])
        elif c in _UNICODE:
            out.append(_UNICODE[c])
        elif c.isspace():
            out.append(" ")
        elif " " <= c <= "~":
            out.append(c)
        else:
            out.append(f"[U+{ord(c):04X}]")
    return "".join(out)


def cell(text: object) -> str:
    """``text`` escaped, with break points (no hyphen) after ``/``, ``_``, ``^`` and ``=``: long formulas in
    a narrow table column wrap instead of running over its edge."""
    return re.sub(r"(/|\\_|\\textasciicircum\{\}|=)", r"\1\\discretionary{}{}{}", escape(text))


def tt(text: object) -> str:
    """``text`` in typewriter type, escaped, breakable after ``/``, ``.``, ``_`` and ``-``."""
    s = escape(text)
    s = re.sub(r"(/|\.|\\_|-)", r"\1\\allowbreak{}", s)
    return r"\texttt{" + s + "}"


PREAMBLE = r"""\documentclass[%s]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{lmodern}
\usepackage[a4paper,margin=%s]{geometry}
\usepackage{amsmath,amssymb}
%s\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6em}
\begin{document}
"""


# ---------------------------------------------------------------------------------------------- derivation


def _terms_latex(expr) -> list[str]:
    """The terms of ``expr`` in sympy's printing order, each as ``latex()`` prints it (sign included)."""
    import sympy as sp

    return [sp.latex(t) for t in (expr.as_ordered_terms() if isinstance(expr, sp.Add) else [expr])]


def _width(tex: str) -> float:
    """A rough printed width of a LaTeX formula, in characters: a command prints about one character, a
    superscript about half of its length, a binary ``+``/``-`` about two (its spacing)."""
    sup = sum(len(m) for m in re.findall(r"\^\{([^{}]*)\}", tex))
    plain = re.sub(r"\^\{[^{}]*\}", "", tex)
    plain = re.sub(r"\\[a-zA-Z]+", "x", plain)
    ops = len(re.findall(r" [+-] ", plain))
    return len(re.sub(r"[{}\s]", "", plain)) + 0.6 * sup + ops


def split_lines(expr, width: float = 48) -> list[str]:
    """``expr`` (a sum) printed with ``latex()`` and split between its terms into lines of at most about
    ``width`` printed characters; every line but the first starts with its sign (``+`` or ``-``).

    The joined lines are exactly ``latex(expr)`` up to spacing: each term is printed by sympy."""
    lines: list[str] = []
    cur = ""
    for i, t in enumerate(_terms_latex(expr)):
        neg = t.startswith("-")
        body = t[1:].lstrip() if neg else t
        piece = (("- " if neg else "") + body) if i == 0 else (("- " if neg else "+ ") + body)
        if cur and _width(cur + piece) > width:
            lines.append(cur.rstrip())
            cur = ""
        cur += piece + " "
    if cur:
        lines.append(cur.rstrip())
    return lines


def _align(lhs: str, expr, width: float = 48) -> str:
    """One ``align*`` block ``lhs = expr``, the polynomial split over as many lines as it needs."""
    lines = split_lines(expr, width)
    body = [rf"  {lhs} &= {lines[0]}"]
    body += [rf"  &\quad {{}}{ln}" for ln in lines[1:]]
    return "\\begin{align*}\n" + " \\\\\n".join(body) + "\n\\end{align*}\n"


def _matrix(m) -> str:
    import sympy as sp

    return sp.latex(m, mat_str="pmatrix", mat_delim="")


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sgd-proofs")
    except PackageNotFoundError:
        return "unknown (not installed)"


def derivation_document() -> str:
    """The standalone LaTeX document of the derivation (deterministic: byte-identical on every run)."""
    import sympy as sp

    from symbolic.generating import generating_terms
    from symbolic.normalisation import GENERIC
    from symbolic.update_rule import noise_vector

    t = generating_terms()
    n = noise_vector()
    common = sp.factor(n[0]) if all(sp.simplify(x - n[0]) == 0 for x in n) else None
    p = [PREAMBLE % ("11pt", "2.2cm", "")]
    p.append(r"\section*{Mini-batch SGD with momentum: the moment operator, $S$, $u$, $v$ and $R_1$}" + "\n")
    p.append(
        f"Derived exactly (sympy) by {tt('sgd-proofs derive --latex')} from the heavy-ball update and the "
        "Spectrally Expressible noise model; each polynomial below is compared exactly with the one printed in "
        "M.~Velikanov, D.~Kuznedelev, D.~Yarotsky, \\emph{A view of mini-batch SGD via generating functions} "
        f"(ICLR 2023). Package version: {tt(_package_version())}.\n\n"
    )
    p.append(
        r"\textbf{Normalisation.} Heavy-ball SGD $w_{t+1} = w_t + v_{t+1}$, "
        r"$v_{t+1} = -\alpha\nabla L_B(w_t) + \beta v_t$ (paper eq.~1), $v_0 = 0$. In the eigen-direction $k$ "
        r"of the Hessian $H$ (eigenvalue $\lambda_k$) the second moments are $C = \mathbb{E}\,\Delta w^2$, "
        r"$J = \mathbb{E}\,\Delta w\, v$, $P = \mathbb{E}\, v^2$; the loss is "
        r"$L_t = \tfrac12 \sum_k \lambda_k C_k(t)$. The noise is Spectrally Expressible (paper eq.~7 with "
        r"$\tau_1 = 1$, $\tau_2 = \tau$): "
        r"$\mathbb{E}\,\xi_k^2 = \gamma\bigl(\lambda_k \operatorname{Tr}(HC) - \tau \lambda_k^2 C_k\bigr)$. "
        r"The reduced variables are $a = \alpha\lambda$ (learning rate times eigenvalue), $b = \beta$ "
        r"(momentum) and $g = \gamma\tau$ (noise strength times $\tau$). Then" + "\n"
        r"\[ (C, J, P)^{\top}_{t+1} = A(a, b, g)\, (C, J, P)^{\top}_t + \operatorname{Tr}(HC_t)\, n, \]" + "\n"
        r"with $n$ the noise vector below; $S = \det(I - zA)$, and $u$, $v$ are the $C$-components of "
        r"$(I - zA)^{-1}(1,1,1)^{\top}$ and $(I - zA)^{-1}(1,0,0)^{\top}$, so $u = u_{\mathrm{num}}/S$ and "
        r"$v = v_{\mathrm{num}}/S$; $R_1$ is the numerator of $\frac{d}{dz}\bigl(z u\bigr) = R_1 / S^2$. "
        r"The generating function of the loss is $\tilde L(z) = \tilde V(z)/(1 - \tilde U(z))$ with "
        r"$\tilde U = z\gamma\alpha^2 \sum_k \lambda_k^2 u(\lambda_k, z)$ and "
        r"$\tilde V = \tfrac12 \sum_k \lambda_k C_k(0)\, v(\lambda_k, z)$." + "\n\n"
        "The normalisation as the derivation certificate records it:\n\\begin{quote}\\small\n" + escape(GENERIC)
        + "\n\\end{quote}\n"
    )
    p.append(r"\subsection*{The moment operator $A(a, b, g)$ on $(C, J, P)$}" + "\n")
    p.append("\\begin{align*}\n  A(a, b, g) &= " + _matrix(t.A) + "\n\\end{align*}\n")
    p.append(r"\subsection*{The noise vector $n$ (the factor of $\operatorname{Tr}(HC_t)$)}" + "\n")
    if common is not None:
        p.append("\\begin{align*}\n  n &= " + _matrix(n) + " = " + sp.latex(common)
                 + r" \begin{pmatrix}1\\1\\1\end{pmatrix}" + "\n\\end{align*}\n")
    else:
        p.append("\\begin{align*}\n  n &= " + _matrix(n) + "\n\\end{align*}\n")
    for title, lhs, expr in (
        (r"The characteristic polynomial $S = \det(I - zA)$", "S(a, b, g, z)", t.S),
        (r"The numerator of $u$", r"u_{\mathrm{num}}(a, b, g, z)", t.u_num),
        (r"The numerator of $v$", r"v_{\mathrm{num}}(a, b, g, z)", t.v_num),
        (r"The numerator $R_1 = (z u_{\mathrm{num}})' S - z u_{\mathrm{num}} S'$ of $\frac{d}{dz}(z u)$",
         "R_1(" + ", ".join(sorted(str(s) for s in t.R1.free_symbols)) + ")", t.R1),
    ):
        p.append(rf"\subsection*{{{title}}}" + "\n")
        p.append(_align(lhs, sp.expand(expr)))
    p.append("\\end{document}\n")
    return "".join(p)


# ---------------------------------------------------------------------------------------------- appendix


def sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _tool(cmd: list[str], pattern: str) -> str:
    exe = shutil.which(cmd[0])
    if exe is None:
        return "not installed"
    try:
        out = subprocess.run([exe, *cmd[1:]], input="", capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    m = re.search(pattern, out.stdout + out.stderr)
    return m.group(1) if m else "unknown"


def versions() -> list[tuple[str, str]]:
    """(name, version) of the package and every solver and library the certificates can come from."""
    from importlib.metadata import PackageNotFoundError, version

    from proofs.solvers import cvc5_backend, qepcad_backend, z3_backend

    rows = [("sgd-proofs", _package_version()), ("Python", f"{platform.python_implementation()} "
                                                           f"{platform.python_version()}")]
    for pkg in ("sympy", "mpmath", "python-flint", "numpy", "matplotlib"):
        try:
            rows.append((pkg, version(pkg)))
        except PackageNotFoundError:
            rows.append((pkg, "not installed"))
    rows.append(("z3", z3_backend.version()))
    rows.append(("cvc5", cvc5_backend.version()))
    rows.append(("QEPCAD B", qepcad_backend.version()))
    rows.append(("Coq (coqc)", _tool(["coqc", "--version"], r"version ([0-9][^\s]*)")))
    return rows


def audit_commands(argv: list[str], out: Path, latex_dir: Path) -> list[str]:
    """The shell commands that regenerate the audit and this appendix, and re-check it independently."""
    q = shlex.quote
    certs = out / "certificates"
    return [
        "python3 -m venv .venv && . .venv/bin/activate && pip install -e . -c constraints.txt",
        " ".join(q(a) for a in ["sgd-proofs", *argv]),
        f"python3 -S -m checker {q(str(certs))}",
        f"sha256sum {q(str(certs))}/*.json",
        f"cd {q(str(latex_dir))} && pdflatex -interaction=nonstopmode -halt-on-error appendix.tex",
    ]


def _cert_cell(names: list[str], certdir: Path) -> str:
    if not names:
        return r"\emph{none}"
    parts = []
    for f in names:
        path = certdir / f
        h = sha256_file(path) if path.is_file() else None
        parts.append(tt(f) + r"\newline" + (r"{\scriptsize\sha{" + h + "}}" if h else r"\emph{file missing}"))
    return r"\newline ".join(parts)


def appendix_document(data: dict, certdir: Path, commands: list[str],
                      tool_versions: list[tuple[str, str]]) -> str:
    """The reproducibility appendix of an audit: ``data`` is its ``audit.json`` document, ``certdir`` the
    directory holding the certificate files it names (hashed here, byte for byte)."""
    p = [PREAMBLE % ("10pt", "1.2cm", "\\usepackage{longtable}\n\\usepackage{array}\n\\setlength{\\tabcolsep}{4pt}\n"
                                "\\newcommand{\\sha}[1]{\\texttt{#1}}\n"
                                "\\newcommand{\\status}[1]{\\textbf{#1}}\n"
                                "\\newcommand{\\statement}[1]{\\textbf{#1}}\n"
                                "\\newcommand{\\reconstructed}{\\emph{reconstructed}}\n")]
    p.append(r"\section*{Reproducibility appendix: a computer-assisted audit}" + "\n")
    papers = [x for x in data.get("papers", []) if isinstance(x, dict)]
    if len(papers) > 1:
        p.append("Papers:\n\\begin{itemize}\n" + "".join(
            f"\\item {escape(x.get('citation', ''))} (\\texttt{{{escape(x.get('key', ''))}}}: "
            + escape(", ".join(f"{v} {k}" for k, v in x.get("summary", {}).items())) + ")\n" for x in papers)
            + "\\end{itemize}\n\n")
    else:
        p.append(f"Paper: {escape(data.get('paper', ''))}\n\n")
    p.append(
        f"Every numbered statement of the {'papers' if len(papers) > 1 else 'paper'} was assessed by "
        "\\texttt{sgd-proofs audit} from certificates "
        "that a standalone, standard-library-only checker re-validated. \\emph{Proved}: decided in general "
        "(decision procedures, exact certificates); \\emph{confirmed numerically}: holds at the recorded "
        "parameter points to the stated digits; \\emph{argued by hand}: the argument is recorded and its "
        "dependencies are checked; \\emph{not covered}: no certificate. Statements marked "
        "\\emph{reconstructed} have a formula that was lost in the text copy of the paper and was "
        "re-derived from the update rule. The SHA-256 of each certificate is that of the file's bytes "
        "(\\texttt{sha256sum}).\n\n"
    )
    summary = data.get("summary", {})
    p.append(
        f"Result: \\textbf{{{'PASS' if data.get('ok') else 'FAIL'}}}; "
        + escape(", ".join(f"{v} {k}" for k, v in summary.items())) + ".\n\n"
    )
    if data.get("normalisation"):
        p.append(f"\\textbf{{Normalisation.}} {escape(data['normalisation'])}\n\n")
    p.append(
        "\\subsection*{Statements}\n"
        "{\\small\n"
        "\\begin{longtable}{|>{\\raggedright\\arraybackslash}p{2.4cm}|>{\\raggedright\\arraybackslash}p{2.0cm}|"
        ">{\\raggedright\\arraybackslash}p{4.2cm}|>{\\raggedright\\arraybackslash}p{8.5cm}|}\n"
        "\\hline\n\\textbf{statement} & \\textbf{status} & \\textbf{methods} & "
        "\\textbf{certificate files and SHA-256} \\\\ \\hline\n\\endfirsthead\n"
        "\\hline\n\\textbf{statement} & \\textbf{status} & \\textbf{methods} & "
        "\\textbf{certificate files and SHA-256} \\\\ \\hline\n\\endhead\n"
        "\\hline \\multicolumn{4}{r}{\\emph{continued on the next page}} \\\\\n\\endfoot\n"
        "\\hline\n\\endlastfoot\n"
    )
    titles = {x.get("key"): x.get("title") or x.get("key") for x in papers}
    current = None
    for s in data.get("statements", []):
        if len(papers) > 1 and s.get("paper") != current:  # one group of rows per paper
            current = s.get("paper")
            p.append("\\multicolumn{4}{|>{\\raggedright\\arraybackslash}p{\\dimexpr 17.1cm+24pt\\relax}|}{\\textbf{"
                     + cell(titles.get(current, current or "")) + "}} \\\\\n\\hline\n")
        key = r"\statement{" + cell(s["key"]) + "}"
        if s.get("reconstructed"):
            key += r"\newline\reconstructed{}"
        if s.get("where"):
            key += r"\newline{\footnotesize " + cell(s["where"]) + "}"
        methods = cell("; ".join(s.get("methods", []))) or "--"
        p.append(f"% statement {escape(s['key'])}\n")
        p.append(f"{key} & \\status{{{escape(s['status'])}}} & {methods} & "
                 f"{_cert_cell(list(s.get('certificates', [])), certdir)} \\\\\n")
        note = cell(s.get("summary", ""))
        if s.get("caveat"):
            note += r" \emph{Not established:} " + cell(s["caveat"])
        if s.get("depends_on"):
            note += r" \emph{Depends on:} " + cell(", ".join(s["depends_on"])) + "."
        if note:
            p.append("\\multicolumn{4}{|>{\\raggedright\\arraybackslash}p{\\dimexpr 17.1cm+24pt\\relax}|}"
                     "{\\footnotesize " + note + "} \\\\\n")
        p.append("\\hline\n")
    p.append("\\end{longtable}\n}\n")
    for title, key in (("Regressions", "regressions"), ("Certificates failing the checker", "failed_checks")):
        if data.get(key):
            p.append(f"\\subsection*{{{title}}}\n\\begin{{itemize}}\n"
                     + "".join(f"\\item {escape(x)}\n" for x in data[key]) + "\\end{itemize}\n")
    p.append("\\subsection*{Software}\n\\begin{tabular}{ll}\n")
    p.append("".join(f"{escape(n)} & {tt(v)} \\\\\n" for n, v in tool_versions))
    if data.get("machine"):
        p.append(f"machine (audit.json) & {tt(data['machine'])} \\\\\n")
    p.append("\\end{tabular}\n\n")
    p.append(
        "\\subsection*{Regenerating this appendix}\n"
        "From a checkout of the source at the version above (the commands run from its root, where the audit "
        "was run): install it with the pinned solver and library versions of \\texttt{constraints.txt}, run "
        "the audit (it writes this file), re-check the certificates with the standard-library checker, "
        "compare their hashes with the table, and compile this file.\n"
        "\\begin{flushleft}\\begin{enumerate}\n" + "".join(f"\\item {tt(c)}\n" for c in commands)
        + "\\end{enumerate}\\end{flushleft}\n"
    )
    p.append("\\end{document}\n")
    return "".join(p)


# ---------------------------------------------------------------------------------------------- writing


def write_text(path: Path, text: str) -> str | None:
    """Write ``text`` to ``path`` atomically; ``None`` on success, else why not (for an ``error:`` line)."""
    from proofs.outputs import atomic_write

    path = Path(path)
    if path.is_dir():
        return "is a directory"
    if not path.parent.is_dir():
        return f"directory {path.parent} does not exist"
    try:
        atomic_write(path, text)
    except OSError as exc:
        return f"cannot write: {exc.strerror or exc}"
    return None


def latex_dir_problem(d: Path) -> str | None:
    """Why ``d`` cannot receive the appendix (checked before the audit runs), or ``None``."""
    d = Path(d)
    if d.exists() and not d.is_dir():
        return "exists and is not a directory"
    probe = d
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir():
        return f"{probe} is not a directory"
    if not os.access(probe, os.W_OK | os.X_OK):
        return f"{probe} is not writable"
    return None


def audit_argv(args) -> list[str]:
    """The ``sgd-proofs audit`` arguments that reproduce the run described by ``args``."""
    argv = ["audit", "--out", str(args.out)]
    if getattr(args, "paper", "all") != "all":
        argv += ["--paper", str(args.paper)]
    for opt, val in (("--committed", args.committed), ("--statements", args.statements)):
        if val is not None:
            argv += [opt, str(val)]
    argv += ["--fresh"] * bool(args.fresh) + ["--no-figures"] * bool(args.no_figures)
    return argv + ["--latex", str(args.latex)]


def write_appendix(data: dict, certdir: Path, args) -> Path:
    """Write ``args.latex/appendix.tex`` for the audit (``args``: the parsed ``sgd-proofs audit`` options)
    whose ``audit.json`` document is ``data``; ``OSError`` if it cannot be written."""
    latex_dir = Path(args.latex)
    latex_dir.mkdir(parents=True, exist_ok=True)
    tex = appendix_document(data, certdir, audit_commands(audit_argv(args), Path(args.out), latex_dir), versions())
    err = write_text(latex_dir / "appendix.tex", tex)
    if err:
        raise OSError(err)
    return latex_dir / "appendix.tex"
