"""``sgd-proofs prove FILE.smt2`` (issue 17 item 4): SMT-LIB2 files decided like claim files, answered in
SMT-LIB style with ``--smt-output``, and certified against their claim-file translation."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sgd_proofs.cli import main
from symbolic.polynomial import parse, to_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "docs" / "examples" / "smt2").glob("*.smt2"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_are_answered_as_their_status_says(path, capsys):
    want = re.search(r"\(set-info :status (\w+)\)", path.read_text()).group(1)
    code = main(["prove", str(path), "--smt-output"])
    assert capsys.readouterr().out == f"{want}\n"
    assert code == {"unsat": 0, "sat": 1}[want]


def test_certificate_binds_to_the_translation_and_the_checker_accepts_it(tmp_path, capsys):
    src = ROOT / "docs" / "examples" / "smt2" / "lemma-1-3.smt2"
    out = tmp_path / "l13.json"
    assert main(["prove", str(src), "--out", str(out), "--quiet"]) == 0
    toml = tmp_path / "l13.toml"
    cert = json.loads(out.read_text())
    cf = cert["content"]["claim_file"]
    assert cf["name"] == "l13.toml" and cf["sha256"] == hashlib.sha256(toml.read_bytes()).hexdigest()
    assert cf["translated_from"] == {"name": "lemma-1-3.smt2", "format": "SMT-LIB2",
                                     "sha256": hashlib.sha256(src.read_bytes()).hexdigest()}
    run = subprocess.run([sys.executable, "-S", "-m", "checker", "--claim", str(toml), str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and "proved" in run.stdout, run.stdout + run.stderr
    # a translation that states something else (the goal weakened) no longer binds the certificate
    text = toml.read_text()
    assert '>= 0"' in text
    toml.write_text(text.replace('>= 0"', '>= -1"'))
    run = subprocess.run([sys.executable, "-S", "-m", "checker", "--claim", str(toml), str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode != 0


def test_refuted_smt_file_gets_a_model_that_satisfies_every_assertion(tmp_path, capsys):
    f = tmp_path / "p.smt2"
    f.write_text("(set-logic QF_NRA)\n(declare-const x Real)\n(declare-const y Real)\n"
                 "(assert (and (< 0 x) (< x 1)))\n(assert (> (* x y) 2.5))\n(check-sat)\n")
    assert main(["prove", str(f), "--json"]) == 1
    res = json.loads(capsys.readouterr().out)
    x, y = (Fraction(res["counterexample"][v]) for v in ("x", "y"))
    assert 0 < x < 1 and x * y > Fraction(5, 2)


@pytest.mark.parametrize("text, message", [
    ("(declare-const x Real)\n(assert (or (> x 0) (< x 0)))\n(check-sat)\n", "disjunction (or) is not supported"),
    ("(declare-const n Int)\n(assert (> n 0))\n(check-sat)\n", "sort Int is not supported"),
    ("(declare-const x Real)\n(assert (> x 0))\n", "no (check-sat)"),
])
def test_unsupported_smt_exits_2_naming_the_construct(tmp_path, capsys, text, message):
    f = tmp_path / "bad.smt2"
    f.write_text(text)
    assert main(["prove", str(f)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


_mono = st.tuples(st.integers(0, 3), st.integers(0, 3))
_coef = st.fractions(min_value=-20, max_value=20, max_denominator=12).filter(bool)


@given(st.dictionaries(_mono, _coef, max_size=6))
def test_to_text_is_read_back_exactly(p):
    assert parse(to_text(p, ["x", "y"]), ["x", "y"]) == p
