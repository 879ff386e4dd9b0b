"""``sgd-proofs prove``: one input-limit rule, messages that say what is allowed, no tracebacks,
solver inputs on request, exact points for refutations, "not applicable" never shown as a timeout."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proofs.solvers import Verdict, qepcad_backend
from sgd_proofs.cli import main
from sgd_proofs.commands import prove
from symbolic import polynomial as P

ROOT = Path(__file__).resolve().parents[2]
RULE_TEXT = "(limits: after expansion, each polynomial and each of its sub-expressions has total degree"


def claim(tmp_path: Path, show: str, assume: list[str] | None = None, variables=("x", "y"),
          define: dict[str, str] | None = None, name: str = "t", extra: str = "") -> Path:
    lines = [f"name = {json.dumps(name)}", f"variables = {json.dumps(list(variables))}",
             f"assume = {json.dumps(['0 <= x', 'x <= 1'] if assume is None else assume, ensure_ascii=False)}",
             f"show = {json.dumps(show, ensure_ascii=False)}", extra]
    if define:
        lines.append("[define]")
        lines += [f"{k} = {json.dumps(v)}" for k, v in define.items()]
    path = tmp_path / f"{name}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(capsys, path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["prove", str(path), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def refused(tmp_path, capsys, **kw) -> str:
    code, out, err = run(capsys, claim(tmp_path, **kw), "--methods", "z3")
    assert code == 2, (kw, out, err)
    assert err.startswith("error: ") and "Traceback" not in err and out == ""
    return err


# ------------------------------------------------------------------------------------------ one rule

DEGREE_150 = ["x**150", "x^150", "(x**10)**15", "x**100*x**50", "*".join(["x"] * 150), "(x*x)**75",
              "P**15", "x**150 + 0*y"]


@pytest.mark.parametrize("text", DEGREE_150)
def test_every_writing_of_a_degree_150_polynomial_gets_the_same_message(tmp_path, capsys, text):
    err = refused(tmp_path, capsys, show=f"{text} > 0", define={"P": "x**10"})
    assert f'show "{text[:36]}' in err  # the offending entry and its text
    assert "total degree 150 exceeds the limit 64 " + RULE_TEXT in err


@pytest.mark.parametrize("text", ["x**64", "(x**8)**8", "x**32*x**32", "*".join(["x"] * 64)])
def test_every_writing_at_the_degree_limit_is_accepted(text):
    assert P.parse(text, ["x"]) == {(64,): Fraction(1)}


def test_the_limit_applies_to_defines_and_to_lhs_minus_rhs(tmp_path, capsys):
    err = refused(tmp_path, capsys, show="P > 0", define={"P": "(x**10)**7"})
    assert 'define P "(x**10)**7": total degree 70 exceeds the limit 64' in err
    big = "9" * 400
    err = refused(tmp_path, capsys, show=f"{big} > -{big}")  # each side is fine, lhs - rhs has 401 digits
    assert "(lhs - rhs): a coefficient with 401 digits exceeds the limit 400 " + RULE_TEXT in err


@pytest.mark.parametrize("text", ["1" + "0" * 500, "10**500", "x*10**500", "(10*x)**500", "1/10**500",
                                  "(1/10)**500", "x/" + "1" + "0" * 500])
def test_every_writing_of_a_huge_coefficient_gets_the_coefficient_message(tmp_path, capsys, text):
    err = refused(tmp_path, capsys, show=f"{text} > 0")
    assert "digits exceeds the limit 400 " + RULE_TEXT in err or "total degree 500 exceeds" in err
    if "x" not in text:
        assert "a coefficient with 501 digits exceeds the limit 400" in err


def test_a_power_of_a_constant_is_held_to_the_coefficient_rule(tmp_path, capsys):
    """``2**100`` is the 31-digit literal it denotes (accepted, by prove and the checker alike); ``2**1400``
    has 422 digits and gets the coefficient message, not a separate exponent rule."""
    from checker.poly import parse as checker_parse

    assert P.parse("2**100*x", ["x"]) == P.parse("1267650600228229401496703205376*x", ["x"])
    assert checker_parse("2**100*x", ["x"]) == {(1,): 2**100}
    err = refused(tmp_path, capsys, show="2**1400 > 0")
    assert "a coefficient with 422 digits exceeds the limit 400" in err


def test_terms_limit_is_the_same_rule(tmp_path, capsys):
    err = refused(tmp_path, capsys, show="(x+y+1)**200 > 0")
    assert "total degree 200 exceeds the limit 64" in err
    with pytest.raises(P.LimitError, match="terms exceed the limit 20000"):
        P.parse("(a+b+c+d+1)**60", ["a", "b", "c", "d"])


def test_help_and_docs_state_the_rule_with_the_constants(capsys):
    with pytest.raises(SystemExit):
        main(["prove", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "docs/claim-files.md" in text
    assert (f"total degree <= {P.MAX_DEGREE} (so a variable's exponent <= {P.MAX_DEGREE}), "
            f"at most {P.MAX_TERMS} terms, "
            f"and coefficients p/q whose p and q have at most {P.MAX_COEFF_DIGITS} digits; at most "
            f"{prove.MAX_VARIABLES} variables") in text
    doc = " ".join((ROOT / "docs" / "claim-files.md").read_text(encoding="utf-8").split())
    assert f"total degree ≤ {P.MAX_DEGREE}" in doc and f"{P.MAX_COEFF_DIGITS} digits" in doc
    assert f"at most {P.MAX_TERMS} terms" in doc and f"at most {prove.MAX_VARIABLES} variables" in doc


def test_the_checkers_constants_admit_everything_prove_admits():
    from checker import poly as C

    assert C.MAX_EXPONENT >= P.MAX_DEGREE and C.MAX_LITERAL_DIGITS >= P.MAX_COEFF_DIGITS
    assert C.MAX_TERMS >= P.MAX_TERMS and C.MAX_TEXT >= P.MAX_TEXT
    assert C.MAX_BITS >= P.MAX_DEGREE * (10 ** P.MAX_COEFF_DIGITS).bit_length()  # its power() guard


# --------------------------------------------------------------------------- messages say what is allowed

ALLOWED_REL = "REL one of < <= > >= == !="
MESSAGES = {
    "x => 0": ["'=>' is not allowed in a relation", ALLOWED_REL, "assume = [...] with show"],
    "x > 0 -> y > 0": ["'->' is not allowed", ALLOWED_REL],
    "x > 0 and y > 0": ["'and' is not allowed", "several assume entries"],
    "x > 0 or y > 0": ["'or' is not allowed", ALLOWED_REL],
    "x ≤ 1": ["write '<=' instead of '≤'", ALLOWED_REL],
    "x ≥ 1": ["write '>=' instead of '≥'"],
    "x ≠ 1": ["write '!=' instead of '≠'"],
    "x − 1 > 0": ["unexpected character '−'", "write - for minus"],
    "1.0*x > 0": ["decimal number '1.0'", "written e.g. 1, 1/2, 1/1000"],
    "x > 0.5": ["decimal number '0.5'", "1/2"],
    "x > 1e-3": ["decimal number '1e-3'", "1/1000"],
    "x × y > 0": ["write * for times"],
    "x/y > 0": ["division only by a non-zero constant", "rationals are written p/q"],
    "x**-1 > 0": ["exponent must be a non-negative integer literal"],
    "x**(1/2) > 0": ["exponent must be a non-negative integer literal"],
    "q > 0": ["unknown name 'q' (allowed: x, y)"],
    "0 <= x <= 1": ["exactly one relation per entry", "two entries"],
    "x = 1": ["use '==' for equality"],
    "x": ["no relation", ALLOWED_REL],
    "x > (1": ["malformed expression"],
    "sin(x) > 0": ["unsupported syntax"],
}


@pytest.mark.parametrize("show", sorted(MESSAGES))
def test_messages_say_what_is_allowed(tmp_path, capsys, show):
    err = refused(tmp_path, capsys, show=show)
    assert f"show {json.dumps(show, ensure_ascii=False)}" in err
    for part in MESSAGES[show]:
        assert part in err, (show, err)


def test_caret_is_a_power():
    assert P.parse("x^2 + x**2", ["x"]) == {(2,): Fraction(2)}


def test_names_that_are_words_may_be_variables(tmp_path, capsys):
    path = claim(tmp_path, show="or*or + and*and >= 0", assume=["0 <= or", "or <= 1", "0 <= and", "and <= 1"],
                 variables=("or", "and"))
    assert run(capsys, path, "--methods", "bernstein")[0] == 0


STRUCTURE = {
    "empty variables": ('name = "t"\nvariables = []\nshow = "1 > 0"\n', "variables must list 1 to 12 names"),
    "duplicate variable": ('name = "t"\nvariables = ["x", "x"]\nshow = "x > 0"\n', "repeated variable name 'x'"),
    "variable not identifier": ('name = "t"\nvariables = ["2x"]\nshow = "1 > 0"\n', "is not an identifier"),
    "too many variables": ('name = "t"\nvariables = [' + ", ".join(f'"v{i}"' for i in range(13))
                           + ']\nshow = "v0 > 0"\n', "1 to 12 names (got 13)"),
    "variables not strings": ('name = "t"\nvariables = [1]\nshow = "1 > 0"\n', "list of strings (got int)"),
    "variables a string": ('name = "t"\nvariables = "x"\nshow = "x > 0"\n', "list of strings (got str)"),
    "unknown key": ('name = "t"\nvariables = ["x"]\nshow = "x > 0"\nshwo = "x > 1"\n', "unknown keys ['shwo']"),
    "missing show": ('name = "t"\nvariables = ["x"]\n', "missing key 'show'"),
    "show not a string": ('name = "t"\nvariables = ["x"]\nshow = 3\n', "show must be a string"),
    "show a list": ('name = "t"\nvariables = ["x"]\nshow = ["x > 0"]\n', "show must be a string"),
    "assume not a list": ('name = "t"\nvariables = ["x"]\nassume = "x > 0"\nshow = "x > 0"\n',
                          "assume must be a list of strings"),
    "assume numbers": ('name = "t"\nvariables = ["x"]\nassume = [1]\nshow = "x > 0"\n', "assume must be a list"),
    "define clash": ('name = "t"\nvariables = ["x"]\nshow = "x > 0"\n[define]\nx = "1"\n', "clashes with a variable"),
    "define not string": ('name = "t"\nvariables = ["x"]\nshow = "x > 0"\n[define]\nP = 1\n', "expected a string"),
    "define later name": ('name = "t"\nvariables = ["x"]\nshow = "P > 0"\n[define]\nP = "Q"\nQ = "x"\n',
                          "unknown name 'Q'"),
    "define a table": ('name = "t"\nvariables = ["x"]\nshow = "x > 0"\ndefine = 3\n', "[define] must be a table"),
    "name empty": ('name = ""\nvariables = ["x"]\nshow = "x > 0"\n', "name must be a non-empty string"),
    "invalid toml": ('name = \n', "invalid TOML"),
    "not utf-8": (b'name = "\xff"\n', "cannot read"),
    "deep nesting": ('name = "t"\nvariables = ["x"]\nshow = "' + "(" * 200 + "x" + ")" * 200 + ' > 0"\n',
                     "nested too deeply"),
    "long text": ('name = "t"\nvariables = ["x"]\nshow = "' + "x+" * 12000 + 'x > 0"\n', "longer than 20000"),
}


@pytest.mark.parametrize("case", sorted(STRUCTURE))
def test_malformed_files_exit_2_with_a_message_and_no_traceback(tmp_path, capsys, case):
    text, expected = STRUCTURE[case]
    path = tmp_path / "c.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    code, out, err = run(capsys, path, "--methods", "z3")
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err and out == "", (case, err)
    assert expected in err, (case, err)


PIECES = st.sampled_from(["x", "y", "1", "2/3", "+", "-", "*", "/", "**", "^", "(", ")", " ", "<", "<=", "==",
                          "!=", "=>", ">", "=", "0", "1.5", "≤", "−", "and", "q", "9" * 30, "64", "**65",
                          "'", '"', "\\", "\n", ",", "[", "]"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(show=st.lists(PIECES, max_size=12).map("".join), assume=st.lists(st.lists(PIECES, max_size=6).map("".join),
                                                                         max_size=3))
def test_any_relation_text_gives_an_exit_code_never_an_exception(tmp_path, capsys, show, assume):
    path = claim(tmp_path, show=show, assume=["0 <= x", "x <= 1", "0 <= y", "y <= 1", *assume])
    code, out, err = run(capsys, path, "--methods", "bernstein", "--timeout", "2")
    assert code in (0, 1, 2, 3) and "Traceback" not in err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200) | st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
def test_any_file_gives_an_exit_code_never_an_exception(tmp_path, capsys, text):
    path = tmp_path / "junk.toml"
    path.write_text('name = "t"\nvariables = ["x"]\n' + text, encoding="utf-8", errors="surrogatepass")
    code, out, err = run(capsys, path, "--methods", "bernstein", "--timeout", "2")
    assert code in (0, 1, 2, 3) and "Traceback" not in err


# ------------------------------------------------------------------- solver inputs, quiet, points, n/a

def test_solver_inputs_are_written_on_request(tmp_path, capsys):
    path = claim(tmp_path, show="x*y + 1 > 0", assume=["0 <= x", "x <= 1", "0 <= y", "y <= 1"], name="inp")
    code, out, err = run(capsys, path, "--methods", "bernstein", "--smt2", str(tmp_path / "s"),
                         "--qepcad", str(tmp_path / "q"), "--redlog", str(tmp_path / "r"))
    assert code == 0
    smt = (tmp_path / "s" / "inp.smt2").read_text()
    assert "(check-sat)" in smt and "declare-" in smt
    assert (tmp_path / "q" / "inp.qepcad").read_text().strip()
    assert (tmp_path / "r" / "inp.red").read_text().strip()
    assert "solver input written" in err


def test_quiet_prints_nothing_and_the_exit_code_tells(tmp_path, capsys):
    good = claim(tmp_path, show="x + 1 > 0", name="good", variables=("x",))
    assert run(capsys, good, "--methods", "bernstein", "--quiet") == (0, "", "")
    bad = claim(tmp_path, show="x - 1/2 > 0", name="bad", variables=("x",))
    code, out, err = run(capsys, bad, "--methods", "bernstein", "--quiet", "--json")
    assert (code, err) == (1, "") and json.loads(out)["status"] == "refuted"  # --quiet never silences the JSON
    assert run(capsys, bad, "--methods", "bernstein", "--quiet") == (1, "", "")
    code, out, err = run(capsys, claim(tmp_path, show="x => 0", name="err"), "--quiet")
    assert code == 2 and out == "" and err.startswith("error: ")


@pytest.mark.parametrize("method", ["bernstein", "intervals", "z3"])
def test_a_refutation_prints_its_exact_point(tmp_path, capsys, method):
    path = claim(tmp_path, show="x < 1", assume=["0 <= x", "x <= 1", "0 <= y", "y <= 1"])  # fails at the corner x = 1
    code, out, err = run(capsys, path, "--methods", method)
    assert code == 1 and "counterexample (exact, verified by exact evaluation): x = 1, y = " in out
    code, out, err = run(capsys, path, "--methods", method, "--json")
    res = json.loads(out)
    assert res["counterexample"]["x"] == "1" and res["counterexample_verified"]


def test_a_refutation_without_a_point_gets_one_by_a_witness_search(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(qepcad_backend, "decide",
                        lambda c, t: Verdict("refuted", detail="qepcad: TRUE; QEPCAD gives no witness"))
    path = claim(tmp_path, show="x < 1", assume=["0 <= x", "x <= 1", "0 <= y", "y <= 1"])
    code, out, err = run(capsys, path, "--methods", "qepcad")
    assert code == 1 and "counterexample (exact, verified by exact evaluation): x = 1" in out
    assert "witness search" in out


@pytest.mark.skipif(shutil.which("qepcad") is None, reason="QEPCAD B not installed")
def test_a_real_qepcad_refutation_prints_a_point(tmp_path, capsys):
    path = claim(tmp_path, show="x < 1", assume=["0 <= x", "x <= 1", "0 <= y", "y <= 1"])
    code, out, err = run(capsys, path, "--methods", "qepcad")
    assert code == 1 and "counterexample (exact, verified by exact evaluation): x = 1" in out


@pytest.mark.parametrize("show,assume", [("x**2 >= 0", []), ("x != 2", ["0 <= x", "x <= 1"]),
                                         ("x >= 0", ["x == 0"])])
def test_not_applicable_is_never_called_a_timeout(tmp_path, capsys, show, assume):
    path = claim(tmp_path, show=show, assume=assume, variables=("x",))
    code, out, err = run(capsys, path, "--methods", "bernstein", "intervals")
    assert code == 3
    assert out.count("not applicable: ") == 2 and "n/a" in out
    assert "time" not in out.lower() and "within" not in out
    res = json.loads(run(capsys, path, "--methods", "bernstein", "intervals", "--json")[1])
    for m in ("bernstein", "intervals"):
        assert res["backends"][m]["not_applicable"] and "time" not in res["backends"][m]["detail"]


def test_many_unbounded_variables_are_not_applicable_at_once(tmp_path, capsys):
    vs = [f"v{i}" for i in range(10)]
    path = claim(tmp_path, show="v0**2 + v1**2 >= 0", assume=["0 <= v0", "v0 <= 1"], variables=vs)
    code, out, err = run(capsys, path, "--methods", "bernstein", "intervals", "--timeout", "5")
    assert code == 3 and "not applicable: domain is not a triangular box image: variable v1 has no lower" in out


# --------------------------------------------------------------- a limit-sized claim passes the checker

def test_a_claim_at_the_limits_gets_a_certificate_the_checker_accepts(tmp_path, capsys):
    c = "9" * P.MAX_COEFF_DIGITS
    path = claim(tmp_path, name="at the limits", variables=("x", "y"),
                 assume=["0 <= x", "x <= 1", "0 <= y", "y <= 1"],
                 define={"P": "*".join(["x"] * 32), "Q": "(y**4)**8"},
                 show=f"{c}*P*Q + 1/{c} > 0")
    claim_poly = P.parse(f"{c}*P*Q + 1/{c}", ["x", "y"],
                         {"P": P.parse("x**32", ["x", "y"]), "Q": P.parse("y**32", ["x", "y"])})
    assert P.degree(claim_poly) == P.MAX_DEGREE
    assert max(len(str(v.numerator)) for v in claim_poly.values()) == P.MAX_COEFF_DIGITS
    out = tmp_path / "cert.json"
    code, _, err = run(capsys, path, "--methods", "z3", "bernstein", "--out", str(out), "--timeout", "60")
    assert code == 0, err
    cert = json.loads(out.read_text())
    assert "bernstein" in cert["content"]["proofs"]
    checked = subprocess.run([sys.executable, "-S", "-m", "checker", "--claim", str(path), str(out)],
                             capture_output=True, text=True, cwd=ROOT)
    assert checked.returncode == 0, checked.stdout + checked.stderr
