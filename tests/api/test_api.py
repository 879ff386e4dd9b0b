"""The public Python API (``sgd_proofs.api``, re-exported by ``import sgd_proofs``): its doctests, the command
line as a thin layer over it (same JSON), rendering in notebooks, bad input, and a prove → check round trip in
which a perturbed claim is refuted and a tampered certificate rejected."""

from __future__ import annotations

import doctest
import inspect
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import sgd_proofs
from audit import runner
from sgd_proofs import api
from sgd_proofs.cli import main

ROOT = Path(__file__).resolve().parents[2]
#: the fast producers: the derivation and the exact checks (no solvers, no high-precision numerics)
FAST = [m for m in runner.producers() if "semialgebraic" not in m and "numerics" not in m]


def test_doctests_pass() -> None:
    """Every example in the API's docstrings runs and prints what it shows (also: pytest --doctest-modules)."""
    res = doctest.testmod(api, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert res.failed == 0 and res.attempted >= 30, res


def test_every_public_function_has_an_example() -> None:
    for name in api.__all__:
        obj = getattr(api, name)
        assert obj.__doc__, name
        if inspect.isfunction(obj):
            assert ">>>" in obj.__doc__, f"{name} has no runnable example"
    assert set(sgd_proofs.__all__) == set(api.__all__)
    assert sgd_proofs.theorem2 is api.theorem2


def test_import_is_light() -> None:
    """``import sgd_proofs`` loads no producer library (sympy, mpmath, numpy): the CLI's start-up stays fast."""
    code = "import sys, sgd_proofs; print(sorted(m for m in ('sympy', 'mpmath', 'numpy', 'z3') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def _cli_json(argv: list[str], capsys) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_theorem2_is_the_api(capsys) -> None:
    argv = ["theorem2", "--nu", "2", "--kappa", "0.8", "--alpha", "0.5", "--beta", "0.5", "--gamma", "0.5",
            "--tau", "1", "--no-time-route", "--json", "--quiet"]
    res = api.theorem2(api.PowerLaw(nu=2, kappa="0.8"), api.HeavyBall(alpha=0.5, beta=0.5, gamma=0.5, tau=1),
                       time_route=False)
    assert _cli_json(argv, capsys) == res.to_dict()
    assert json.loads(res.to_json()) == res.to_dict()


def test_cli_derive_is_the_api(capsys) -> None:
    d = api.derive()
    cli = _cli_json(["derive", "--json"], capsys)
    assert cli == {k: v for k, v in d.to_dict().items() if k not in ("method", "equal_to_printed")}
    # the sympy view is the same polynomial: its exact coefficients equal the parsed text's
    import sympy

    a, b, g, z = sympy.symbols("a b g z")
    assert sympy.Poly(d.sympy("R1"), a, b, g, z).as_dict() \
        == {k: sympy.Rational(c.numerator, c.denominator) for k, c in _parsed(d.R1).items()}


def _parsed(text: str) -> dict:
    from symbolic.polynomial import parse

    return parse(text, ["a", "b", "g", "z"], {})


def test_cli_simulate_is_the_api(tmp_path: Path, capsys) -> None:
    out = tmp_path / "L.npy"
    cli = _cli_json(["simulate", "--nu", "1.5", "--kappa", "0.8", "--alpha", "1", "--beta", "0.5", "--gamma", "0.3",
                     "--tau", "1", "--T", "500", "--out", str(out), "--json"], capsys)
    res = api.simulate(api.PowerLaw(nu=1.5, kappa=0.8), api.HeavyBall(alpha=1, beta=0.5, gamma=0.3, tau=1), T=500)
    mine = res.to_dict()
    assert {k: v for k, v in cli.items() if k not in ("seconds", "out")} \
        == {k: v for k, v in mine.items() if k != "seconds"}
    import numpy as np

    assert np.array_equal(np.load(out), res.loss)


def test_spectrum_arrays_match_the_file_route(tmp_path: Path, capsys) -> None:
    lams, lc0 = [1.0, 0.5, 0.25], [0.3, 0.2, 0.1]
    f = tmp_path / "s.csv"
    f.write_text("".join(f"{x},{y}\n" for x, y in zip(lams, lc0, strict=True)))
    cli = _cli_json(["simulate", "--spectrum", str(f), "--alpha", "1", "--beta", "0.3", "--gamma", "0.2", "--tau",
                     "1", "--T", "50", "--out", str(tmp_path / "L.npy"), "--json"], capsys)
    res = api.simulate(api.Spectrum(lambdas=lams, lambda_c0=lc0), api.HeavyBall(alpha=1, beta=0.3, gamma=0.2, tau=1),
                       T=50)
    assert res.final_loss == cli["final_loss"] and res.N == cli["N"] == 3
    assert "from arrays" in res.normalisation and f"the file {f}" in cli["normalisation"]


def test_results_render_in_a_notebook() -> None:
    d = api.derive()
    latex = d._repr_latex_()
    assert latex.startswith("$$\\begin{aligned}") and "R_1 &=" in latex and "\\left[\\begin{matrix}" in latex
    html = d._repr_html_()
    assert html.startswith("<table>") and "<th style='text-align:left'>S</th>" in html
    r = api.ProofResult(name="a<b & c", status="proved", methods=("z3",), counterexample=None,
                        counterexample_from=None, counterexample_verified=False, backends={})
    assert "a&lt;b &amp; c" in r._repr_html_()  # escaped
    assert "a<b \\& c" in r._repr_latex_()


@pytest.mark.parametrize(("call", "match"), [
    (lambda: api.theorem2(api.PowerLaw(nu="x", kappa=1), api.HeavyBall(alpha=0.5)), "nu 'x' is not a decimal"),
    (lambda: api.theorem2(api.PowerLaw(nu=True, kappa=1), api.HeavyBall(alpha=0.5)), "nu must be a number"),
    (lambda: api.theorem2(api.PowerLaw(nu=Fraction(1, 3), kappa=1), api.HeavyBall(alpha=0.5)),
     "no finite decimal expansion"),
    (lambda: api.theorem2(api.PowerLaw(nu=2, kappa=1, N=10), api.HeavyBall(alpha=0.5)), "PowerLaw\\(N=None\\)"),
    (lambda: api.theorem2(api.PowerLaw(nu=2, kappa=1), api.HeavyBall(alpha=0.5), dps=10), "dps must be"),
    (lambda: api.theorem2(api.PowerLaw(nu=2, kappa=1), api.HeavyBall(alpha="inf")), "alpha must be finite"),
    (lambda: api.theorem2({"nu": 2}, api.HeavyBall(alpha=0.5)), "problem must be a PowerLaw"),
    (lambda: api.theorem2(api.PowerLaw(nu=2, kappa=1), api.HeavyBall(alpha=0.5), dps=100000), "refused before"),
    (lambda: api.derive(method="nesterov"), "unknown method 'nesterov'"),
    (lambda: api.simulate(api.PowerLaw(nu=2, kappa=1), api.HeavyBall(alpha=0.5), T=0), "positive integer"),
    (lambda: api.simulate(api.PowerLaw(nu=2, kappa=1), api.HeavyBall(alpha=0.5), T=5, method="exact"),
     "needs a finite N"),
    (lambda: api.Spectrum(lambdas=[1, 2], lambda_c0=[1]), "equal length"),
    (lambda: api.prove("no-such-claim.smt2"), "no-such-claim.smt2"),
    (lambda: api.prove(42), "claim must be a Claim"),
    (lambda: api.prove(api.claim("c", variables=["x"], show="x > 0"), methods=["maple"]), "unknown method"),
    (lambda: api.claim("c", variables=["x"], show="y > 0"), "unknown name|not a variable|'y'"),
    (lambda: api.check("/nonexistent/cert.json"), "no such file"),
    (lambda: api.audit(paper="other2024"), "unknown paper"),
])
def test_bad_input_is_an_input_error(call, match: str) -> None:
    with pytest.raises(api.InputError, match=match):
        call()


def test_prove_check_round_trip_refutes_a_perturbed_claim_and_rejects_tampering(tmp_path: Path) -> None:
    good = api.claim("unit", variables=["x"], assume=["0 < x"], show="x**2 + x > 0")
    res = api.prove(good, methods=["z3", "cvc5", "bernstein"], out=tmp_path / "unit.json")
    assert res.status == "proved" and res.certificate is not None
    assert api.check(res.certificate, claims=[tmp_path / "unit.toml"]).valid
    # the perturbed claim (>= -> the strict goal fails at x = 0 once x may be 0) is refuted, exactly
    bad = api.claim("unit0", variables=["x"], assume=["0 <= x"], show="x**2 + x > 0")
    r = api.prove(bad, methods=["z3", "cvc5"])
    assert r.status == "refuted" and r.counterexample == {"x": "0"} and r.counterexample_verified
    # a tampered certificate (verdict flipped, checksum recomputed) is rejected by the checker
    from proofs import certio

    cert = json.loads(Path(res.certificate).read_text())
    content = cert["content"]
    content["claim"]["show"]["rel"] = ">="  # weaken the goal: no longer the claim file's statement
    Path(res.certificate).write_text(certio.dumps(certio.build("semialgebraic", cert["name"], content)))
    chk = api.check(res.certificate, claims=[tmp_path / "unit.toml"])
    assert not chk.valid and chk.results[0]["status"] == "invalid"
    assert "CheckResult: 0/1 valid" in chk._repr_html_()


def test_audit_through_the_api(monkeypatch, tmp_path: Path) -> None:
    """The audit with the fast producers only (derivation, exact checks): statements assessed, report written."""
    monkeypatch.setattr(runner, "producers", lambda: list(FAST))
    res = api.audit(out=tmp_path / "rep", committed=None, figures=False)
    assert (tmp_path / "rep" / "report.html").is_file() and (tmp_path / "rep" / "audit.json").is_file()
    data = json.loads((tmp_path / "rep" / "audit.json").read_text())
    assert {s["key"]: s["status"] for s in data["statements"]} == {k: v["status"] for k, v in res.statements.items()}
    assert res.statements["Eq. 21"]["status"] == "proved"
    assert res.statements["Lemma 1.1"]["status"] == "not covered"  # no solver certificates in this run
    assert "<caption>Audit of vky2023" in res._repr_html_()



def test_audit_of_the_published_record_without_regenerating(tmp_path: Path) -> None:
    res = api.audit(out=tmp_path / "rep", committed=ROOT / "certificates", regenerate=False, figures=False)
    assert not res.regenerated and res.ok and not res.failed_checks
    assert res.statements["Lemma 1.1"]["status"] == "proved"  # the committed solver certificates are there
    assert sorted((tmp_path / "rep" / "certificates").glob("*.json")) != []
    with pytest.raises(api.InputError, match="give committed=DIR"):
        api.audit(out=tmp_path / "rep2", committed=None, regenerate=False)
