"""Issue 18 item 3, LaTeX out: ``derive --latex FILE`` and ``audit --latex DIR`` (``sgd_proofs/latex.py``).

The derivation document holds every derived object as sympy prints it, is byte-identical on two runs,
compiles with pdflatex without an overfull line, and its first page (pdftoppm) is not blank. The audit
appendix compiles too; its rows are audit.json's statements (count, order, statuses, the reconstructed
ones marked) and its SHA-256 values are the hashes of the certificate files' bytes. Every string from data
is escaped: a statement whose text holds all of LaTeX's special characters still compiles and prints them.
Without pdflatex/pdftoppm the compile tests skip, unless SGD_PROOFS_REQUIRE_LATEX=1 (CI): then they fail.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sympy as sp

from sgd_proofs import latex
from sgd_proofs.cli import main

#: the audit producers run here: the derivation and the exact checks (seconds, not minutes)
SMALL = ("derivation_certificate", "checks", "sums", "coq", "invariance")
SPECIALS = "_ % & # $ { } ~ ^ \\"


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        if os.environ.get("SGD_PROOFS_REQUIRE_LATEX") == "1":
            pytest.fail(f"{name} not found but SGD_PROOFS_REQUIRE_LATEX=1 "
                        "(apt-get install texlive-latex-base texlive-latex-recommended poppler-utils)")
        pytest.skip(f"{name} not installed (texlive-latex-base, poppler-utils); set SGD_PROOFS_REQUIRE_LATEX=1 "
                    "to require it")
    return exe


def _compile(tex: Path) -> str:
    """pdflatex ``tex`` in its directory (twice for longtable's widths); returns the log; fails on error."""
    exe = _tool("pdflatex")
    for _ in range(2):
        r = subprocess.run([exe, "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=tex.parent,
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, f"pdflatex failed on {tex}:\n{r.stdout[-3000:]}"
    assert tex.with_suffix(".pdf").is_file()
    return tex.with_suffix(".log").read_text(errors="replace")


def _first_page_not_blank(pdf: Path, threshold: float = 0.01) -> float:
    """Render page 1 at 50 dpi; the fraction of non-white pixels must exceed ``threshold``."""
    import matplotlib.image

    prefix = pdf.parent / "page"
    subprocess.run([_tool("pdftoppm"), "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(prefix)],
                   check=True, timeout=120)
    (png,) = pdf.parent.glob("page*.png")
    img = matplotlib.image.imread(str(png))
    ink = float((img[..., :3].min(axis=2) < 0.9).mean())
    assert ink > threshold, f"first page of {pdf.name} looks blank: {ink:.4f} of the pixels are not white"
    return ink


def _pdf_text(pdf: Path) -> str:
    exe = _tool("pdftotext")
    return subprocess.run([exe, str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120).stdout


# ---------------------------------------------------------------------------------------------- derive


def test_escape_every_special_character() -> None:
    assert latex.escape(SPECIALS) == (r"\_ \% \& \# \$ \{ \} \textasciitilde{} \textasciicircum{} "
                                      r"\textbackslash{}")
    assert latex.escape("a\tb\nc") == "a b c"
    assert latex.escape("λ ≤ 1 ∧ x") == r"\ensuremath{\lambda} \ensuremath{\le} 1 \ensuremath{\wedge} x"
    assert latex.escape("\U0001f600") == "[U+1F600]"  # unknown: printed as its code point, never raw


def test_split_lines_is_the_sympy_printing_split_between_terms() -> None:
    from symbolic.generating import generating_terms

    t = generating_terms()
    for e in (t.S, t.R1, t.u_num, t.v_num):
        lines = latex.split_lines(e)
        assert "".join(lines).replace(" ", "") == sp.latex(e).replace(" ", "")
        assert all(ln.startswith(("+ ", "- ")) for ln in lines[1:])
    assert len(latex.split_lines(t.S)) >= 2  # the long one is split


def test_derive_latex_has_every_object_and_is_deterministic(tmp_path: Path, capsys) -> None:
    from symbolic.generating import generating_terms
    from symbolic.normalisation import GENERIC
    from symbolic.update_rule import noise_vector

    a, b = tmp_path / "a.tex", tmp_path / "b.tex"
    assert main(["derive", "--quiet", "--latex", str(a)]) == 0
    assert main(["derive", "--latex", str(b)]) == 0
    assert f"wrote {b}" in capsys.readouterr().out
    assert a.read_bytes() == b.read_bytes()  # byte-identical: no date, no timing
    tex = a.read_text()
    assert main(["derive", "--latex", "-"]) == 0
    assert capsys.readouterr().out == tex  # '-' is stdout, the document only
    t = generating_terms()
    assert tex.startswith(r"\documentclass") and tex.rstrip().endswith(r"\end{document}")
    assert tex.count(r"\begin{align*}") == 6  # A, n, S, u, v, R1: one block each
    assert sp.latex(t.A, mat_str="pmatrix", mat_delim="") in tex
    assert sp.latex(noise_vector(), mat_str="pmatrix", mat_delim="") in tex
    for e in (t.S, t.u_num, t.v_num, t.R1):
        for ln in latex.split_lines(e):
            assert ln in tex
    assert latex.escape(GENERIC) in tex
    assert r"$a = \alpha\lambda$" in tex and r"$b = \beta$" in tex and r"$g = \gamma\tau$" in tex


def test_derive_latex_compiles_and_renders(tmp_path: Path) -> None:
    f = tmp_path / "derivation.tex"
    assert main(["derive", "--quiet", "--latex", str(f)]) == 0
    log = _compile(f)
    assert "Overfull \\hbox" not in log  # the long polynomials are split: nothing runs off the page
    _first_page_not_blank(f.with_suffix(".pdf"), threshold=0.02)
    text = _pdf_text(f.with_suffix(".pdf"))
    assert "moment operator" in text and "Normalisation" in text


def test_derive_latex_bad_file_exit_2(tmp_path: Path, capsys) -> None:
    for bad in (tmp_path, tmp_path / "missing" / "x.tex"):
        assert main(["derive", "--latex", str(bad)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: --latex") and "Traceback" not in err
    assert main(["derive", "--json", "--latex", "-"]) == 2
    assert capsys.readouterr().err.startswith("error: ")


# ---------------------------------------------------------------------------------------------- audit


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> tuple[Path, Path, float]:
    """One audit by the fast producers with --latex (the output dir, the LaTeX dir, seconds)."""
    import time

    from audit import runner

    small = [m for m in runner.producers() if m.split(".")[1] in SMALL]
    d = tmp_path_factory.mktemp("audit")
    out, tex = d / "rep", d / "latex"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(runner, "producers", lambda: list(small))
        t0 = time.perf_counter()
        rc = main(["audit", "--out", str(out), "--committed", "none", "--statements", "none", "--no-figures",
                   "--quiet", "--latex", str(tex)])
        dt = time.perf_counter() - t0
    assert rc == 0
    return out, tex, dt


@pytest.mark.slow
def test_audit_appendix_rows_are_the_statements(audited) -> None:
    out, d, _ = audited
    data = json.loads((out / "audit.json").read_text())
    tex = (d / "appendix.tex").read_text()
    stm = data["statements"]
    assert re.findall(r"^% statement (.*)$", tex, re.M) == [latex.escape(s["key"]) for s in stm]
    assert re.findall(r"\\status\{([^}]*)\}", tex) == [s["status"] for s in stm]
    assert tex.count(r"\reconstructed{}") == sum(bool(s["reconstructed"]) for s in stm)
    certs = [c for s in stm for c in s["certificates"]]
    assert certs, "the fast producers certify some statements"
    hashes = [hashlib.sha256((out / "certificates" / c).read_bytes()).hexdigest() for c in certs]
    assert re.findall(r"\\sha\{([0-9a-f]{64})\}", tex) == hashes
    for name, ver in latex.versions():
        assert latex.escape(name) in tex and latex.tt(ver) in tex
    assert r"\begin{longtable}" in tex
    assert latex.tt(f"sgd-proofs audit --out {out} --committed none --statements none --no-figures "
                    f"--latex {d}") in tex  # the command that regenerates it


@pytest.mark.slow
def test_audit_appendix_compiles_and_shows_the_hashes(audited) -> None:
    out, d, _ = audited
    log = _compile(d / "appendix.tex")
    assert "Overfull \\hbox" not in log
    _first_page_not_blank(d / "appendix.pdf")
    text = re.sub(r"\s", "", _pdf_text(d / "appendix.pdf"))
    data = json.loads((out / "audit.json").read_text())
    for c in (c for s in data["statements"] for c in s["certificates"]):
        assert hashlib.sha256((out / "certificates" / c).read_bytes()).hexdigest() in text


def test_appendix_escapes_special_characters_and_compiles(tmp_path: Path) -> None:
    certdir = tmp_path / "certs"
    certdir.mkdir()
    name = "odd_name#1%.json"
    (certdir / name).write_text('{"x": 1}\n')
    nasty = f"a statement with {SPECIALS} and λ ≤ 1 ∧ z"
    data = {
        "ok": False, "paper": "P & Q's paper, 100% {sure}", "normalisation": "L_t = 1/2 sum_k lambda_k C_k(t)",
        "summary": {"proved": 1, "not covered": 1}, "machine": "x86_64 #1",
        "statements": [
            {"key": "Eq. #1_a", "where": "Sec. $3$ ~ App. ^H", "summary": nasty, "reconstructed": True,
             "status": "proved", "methods": ["z3 & cvc5", "50% \\approx"], "certificates": [name],
             "caveat": "only {b} < 1", "depends_on": ["Prop. 1_x"]},
            {"key": "Prop. 2", "where": "", "summary": "", "reconstructed": False, "status": "not covered",
             "methods": [], "certificates": []},
        ],
        "regressions": ["Lemma_1 & co"], "failed_checks": [],
    }
    tex = latex.appendix_document(data, certdir, ["sgd-proofs audit --out 'a b' --latex x_y"],
                                  [("tool_x", "1.0 #beta"), ("z3", "4.12 ~ 50%")])
    assert nasty not in tex and latex.cell(nasty) in tex
    f = tmp_path / "appendix.tex"
    f.write_text(tex)
    _compile(f)
    text = _pdf_text(f.with_suffix(".pdf"))
    assert "with _ % & # $ { } ~ ^ \\ and" in re.sub(r"\s+", " ", text)  # printed literally
    assert hashlib.sha256((certdir / name).read_bytes()).hexdigest() in re.sub(r"\s", "", text)


def test_audit_latex_bad_dir_exit_2_before_the_audit(tmp_path: Path, capsys) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    for bad in (f, f / "sub"):
        assert main(["audit", "--out", str(tmp_path / "rep"), "--committed", "none", "--latex", str(bad)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: --latex") and "Traceback" not in err
    assert not (tmp_path / "rep").exists()  # refused before anything ran
    if os.geteuid() != 0:  # root may write anywhere
        ro = tmp_path / "ro"
        ro.mkdir(mode=0o500)
        assert main(["audit", "--out", str(tmp_path / "rep"), "--committed", "none", "--latex",
                     str(ro / "tex")]) == 2
        assert "not writable" in capsys.readouterr().err
