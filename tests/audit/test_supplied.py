"""Formulas supplied as data (statements/*.toml) compared exactly with the reconstructions."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.supplied import RECONSTRUCTIONS, SuppliedError, check_dir, compare, load
from sgd_proofs.cli import main

ROOT = Path(__file__).resolve().parents[2]

EQ30 = """\
statement = "Eq. 30"
quantity = "eq30.characteristic"
variables = ["s1", "s2", "W", "M0", "nu", "gamma"]
assumptions = ["s1 > 0", "s2 > 0", "W > 0", "M0 > 0", "nu > 1", "gamma > 0"]
formula = "{formula}"
relation = "positive-multiple"
"""
ALPHA = """\
statement = "Prop. 12"
quantity = "prop12.alpha_star_noise"
variables = ["s1", "nu", "gamma"]
formula = "{formula}"
denominator = "{den}"
relation = "equal"
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def test_shipped_statement_agrees():
    rows = check_dir(ROOT / "statements")
    assert [r["verdict"] for r in rows] == ["agrees"] and rows[0]["statement"] == "Eq. 30"


@pytest.mark.parametrize("formula,verdict", [
    ("nu*s1*W - (nu - 1)*s2*M0", "agrees"),
    ("3*nu*s1*W*s1 - 3*(nu - 1)*s2*M0*s1", "agrees"),  # times 3 s1 > 0
    ("-nu*s1*W + (nu - 1)*s2*M0", "disagrees"),  # opposite sign
    ("nu*s1*W - (nu + 1)*s2*M0", "disagrees"),  # a different characteristic: a witness point has opposite signs
    ("s1*W - s2*M0", "disagrees"),
    ("(nu*s1*W - (nu - 1)*s2*M0)*(s1**2 - s1*s2 + s2**2)", "undecided"),  # positive, but not by the test
])
def test_eq30_positive_multiple(tmp_path, formula, verdict):
    assert compare(load(write(tmp_path, "e.toml", EQ30.format(formula=formula))))["verdict"] == verdict


@pytest.mark.parametrize("formula,den,verdict", [
    ("2*nu - 2", "3*nu*gamma*s1 - gamma*s1", "agrees"),
    ("2*nu - 2", "3*nu*gamma*s1", "disagrees"),
    ("4*nu - 4", "6*nu*gamma*s1 - 2*gamma*s1", "agrees"),
])
def test_alpha_star_equal(tmp_path, formula, den, verdict):
    assert compare(load(write(tmp_path, "a.toml", ALPHA.format(formula=formula, den=den))))["verdict"] == verdict


@pytest.mark.parametrize("text,reason", [
    ("statement = 'Eq. 30'\n", "missing field 'quantity'"),
    (EQ30.replace("eq30.characteristic", "eq99"), "has no reconstruction"),
    (EQ30.replace('"Eq. 30"', '"Prop. 12"'), "belongs to 'Eq. 30'"),
    (EQ30.format(formula="__import__('os').system('true')"), "formula:"),
    (EQ30.format(formula="s1/W"), "formula:"),
    (EQ30.format(formula="x + 1"), "formula:"),
    (EQ30.replace('"nu > 1"', '"nu >= 1"').format(formula="s1"), "assumption 'nu >= 1'"),
    ("this is = = not toml", "not valid TOML"),
    (EQ30.format(formula="s1") + "colour = 'red'\n", "unknown field"),
    (EQ30.replace('"positive-multiple"', '"roughly"').format(formula="s1"), "relation must be"),
])
def test_malformed_files_are_refused(tmp_path, text, reason):
    with pytest.raises(SuppliedError, match=reason):
        load(write(tmp_path, "bad.toml", text))


def test_every_reconstruction_evaluates():
    for key, rec in RECONSTRUCTIONS.items():
        names = {x.name for x in rec.expr().free_symbols}
        assert names <= set(rec.variables), key


def test_audit_cli_refuses_a_malformed_statement(tmp_path, capsys):
    d = tmp_path / "st"
    d.mkdir()
    write(d, "bad.toml", "statement = 1\n")
    assert main(["audit", "--out", str(tmp_path / "out"), "--statements", str(d), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "bad.toml" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()  # refused before any work


def test_deeply_nested_file_is_refused(tmp_path):
    """Regression (fuzzer): tomllib recurses per nesting level; 100000 brackets must be an input error."""
    with pytest.raises(SuppliedError, match="nested too deeply"):
        load(write(tmp_path, "deep.toml", "x = " + "[" * 100000 + "]" * 100000 + "\n"))
