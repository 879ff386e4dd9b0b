"""Issue 17 items 1 and 5: the counterexample search (refute fast, exactly) and the concurrent backends under
one deadline (stop once the answer is established; honest "not needed" / "timeout" verdicts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofs import portfolio
from proofs.search import search
from proofs.solvers import Verdict, cvc5_backend, is_counterexample, z3_backend
from sgd_proofs.cli import main
from sgd_proofs.commands.prove import load_claim_text

ROOT = Path(__file__).resolve().parents[2]
BOX2 = '["-1 <= x", "x <= 1", "-1 <= y", "y <= 1"]'


def claim(show: str, assume: str = BOX2, variables: str = '["x", "y"]', name: str = "c"):
    return load_claim_text(f'name = "{name}"\nvariables = {variables}\nassume = {assume}\nshow = "{show}"\n',
                           "t.toml")


# ------------------------------------------------------------------------------------------ search


@pytest.mark.parametrize("show, assume, variables", [
    # interior minimum of the Motzkin polynomial (0 at |x| = |y| = 1), box [-2, 2]^2: false by 1/100
    ("x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1 >= 1/100", '["-2 <= x", "x <= 2", "-2 <= y", "y <= 2"]',
     '["x", "y"]'),
    # six-hump camel, minimum -1.0316 at (0.0898, -0.7126): false claim >= -1.031
    ("4*x**2 - 21/10*x**4 + x**6/3 + x*y - 4*y**2 + 4*y**4 >= -1031/1000",
     '["-2 <= x", "x <= 2", "-1 <= y", "y <= 1"]', '["x", "y"]'),
    # a thin interior set, a non-box assumption (x*y < z), four variables
    ("(x-1/3)**2 + (y-1/7)**2 + (z-2/5)**2 + (w+1/9)**2 > 1/1000000",
     '["-1<=x","x<=1","-1<=y","y<=1","-1<=z","z<=1","-1<=w","w<=1","x*y < z"]', '["x", "y", "z", "w"]'),
    # open bounds and a triangular domain (the paper's a < 2(b+1)), a goal that fails only inside
    ("a*(2*(b+1) - a) < 1", '["-1 < b", "b < 1", "0 < a", "a < 2*(b+1)"]', '["a", "b"]'),
    # unbounded variables
    ("x**2 - 2*x*y + y**2 + x > 1/3", "[]", '["x", "y"]'),
    # an equality goal fails wherever the polynomial is non-zero
    ("x*y == 0", BOX2, '["x", "y"]'),
])
def test_search_refutes_false_claims_with_a_verified_point(show, assume, variables):
    c = claim(show, assume, variables)
    v = search(c)
    assert v.status == "refuted", v.detail
    assert is_counterexample(c, v.counterexample)  # exact rational evaluation, independently of the search
    assert "verified by exact rational evaluation" in v.detail


@pytest.mark.parametrize("show", ["x**2 + y**2 + 1 > 0", "x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1 >= 0",
                                  "x*y + 1 >= 0"])
def test_search_never_claims_a_true_statement_false(show):
    v = search(claim(show))
    assert v.status == "unknown" and "proves nothing" in v.detail


def test_search_is_deterministic():
    c = claim("4*x**2 - 21/10*x**4 + x**6/3 + x*y - 4*y**2 + 4*y**4 >= -1031/1000",
              '["-2 <= x", "x <= 2", "-1 <= y", "y <= 1"]')
    assert search(c).counterexample == search(c).counterexample


@settings(max_examples=25, deadline=None)
@given(a=st.fractions(-1, 1, max_denominator=50), b=st.fractions(-1, 1, max_denominator=50),
       delta=st.sampled_from([Fraction(1, 100), Fraction(1, 10), Fraction(1)]))
def test_perturbed_true_claim_is_refuted_by_search(a, b, delta):
    """``(x-a)^2 + (y-b)^2 >= 0`` holds; raised by delta it fails on a disc inside the box: found, exactly."""
    p = f"(x - ({a}))**2 + (y - ({b}))**2"
    assert search(claim(f"{p} >= 0")).status == "unknown"
    c = claim(f"{p} >= {delta}")
    v = search(c)
    assert v.status == "refuted" and is_counterexample(c, v.counterexample)


# ------------------------------------------------------------------------------------------ portfolio


def _slow(claim, timeout_s):
    subprocess.run(["sleep", "1000"])  # a solver's own subprocess: must die with the backend's process group
    return Verdict("proved")


def test_deadline_stops_a_hanging_backend_and_its_subprocess(monkeypatch):
    monkeypatch.setattr(z3_backend, "decide", _slow)
    c = claim("x**2 + y**2 + 1 > 0")
    t0 = time.monotonic()
    verdicts, _, _ = portfolio.decide(c, ["z3"], timeout_s=1.5)
    assert time.monotonic() - t0 < 1.5 + portfolio.GRACE_S + 3
    v = verdicts["z3"]
    assert v.status == "unknown" and "timeout" in v.detail and "deadline" in v.detail
    time.sleep(0.2)
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert "sleep 1000" not in ps, "the backend's subprocess outlived the deadline"


def test_a_crashing_or_vanishing_backend_is_an_error_not_a_verdict(monkeypatch):
    def crash(claim, timeout_s):
        raise RuntimeError("boom")

    monkeypatch.setattr(z3_backend, "decide", crash)
    verdicts, _, _ = portfolio.decide(claim("x**2 + 1 > 0"), ["z3"], timeout_s=10)
    assert verdicts["z3"].status == "error" and "boom" in verdicts["z3"].detail
    monkeypatch.setattr(z3_backend, "decide", lambda c, t: os._exit(7))
    verdicts, _, _ = portfolio.decide(claim("x**2 + 1 > 0"), ["z3"], timeout_s=10)
    assert verdicts["z3"].status == "error" and "exit code 7" in verdicts["z3"].detail


def _asleep(claim, timeout_s):
    time.sleep(60)
    return Verdict("unknown")


def test_a_verified_counterexample_ends_every_search(monkeypatch):
    monkeypatch.setattr(z3_backend, "decide", _asleep)  # z3 would answer too; here it cannot before the search
    c = claim("x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1 >= 1/100")
    t0 = time.monotonic()
    verdicts, proofs, reason = portfolio.decide(c, ["search", "z3"], timeout_s=50)
    assert time.monotonic() - t0 < 30, "the sleeping backend was waited for"
    assert verdicts["search"].status == "refuted" and reason.startswith("search found a counterexample")
    assert verdicts["z3"].status == "skipped" and verdicts["z3"].detail == f"z3: not needed: {reason}"
    assert list(verdicts) == ["search", "z3"]


def test_stop_rule():
    c = claim("x**2 + 1 > 0")
    yes, no = Verdict("proved"), Verdict("unknown")
    assert portfolio.stop_reason(c, {"z3": yes}, ["bernstein"]) is None  # an exact method may still answer
    assert "exact certificate (bernstein) and a decision procedure (z3)" in \
        portfolio.stop_reason(c, {"z3": yes, "bernstein": yes}, ["cvc5", "intervals"])
    assert "no exact method still running" in portfolio.stop_reason(c, {"z3": yes, "bernstein": no}, ["cvc5"])
    assert "no decision procedure still running" in portfolio.stop_reason(c, {"intervals": yes}, ["bernstein"])
    # a refutation without a point does not stop the others (they may find a witness, or disagree)
    assert portfolio.stop_reason(c, {"qepcad": Verdict("refuted"), "bernstein": yes}, ["z3"]) is None
    # a "counterexample" that is not one stops nothing
    fake = Verdict("refuted", counterexample=[Fraction(0), Fraction(0)])
    assert portfolio.stop_reason(c, {"search": fake}, ["z3"]) is None


def test_run_all_runs_every_backend_to_its_end():
    c = claim("x**2 + y**2 + 1 > 0")
    verdicts, _, reason = portfolio.decide(c, ["z3", "cvc5", "bernstein", "intervals"], timeout_s=60, run_all=True)
    assert reason is None and all(v.status == "proved" for v in verdicts.values())
    early, _, reason = portfolio.decide(c, ["z3", "cvc5", "bernstein", "intervals"], timeout_s=60, jobs=2)
    assert reason is not None
    assert {v.status for v in early.values()} <= {"proved", "skipped"}
    assert all(v.detail.endswith(f"not needed: {reason}") for v in early.values() if v.status == "skipped")


# ------------------------------------------------------------------------------------------ command


def test_command_refutes_with_search_and_the_checker_accepts_the_certificate(tmp_path, capsys):
    toml = tmp_path / "motzkin plus.toml"
    toml.write_text('name = "motzkin plus"\nvariables = ["x", "y"]\n'
                    'assume = ["-2 <= x", "x <= 2", "-2 <= y", "y <= 2"]\n'
                    'show = "x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1 >= 1/100"\n')
    out = tmp_path / "cert.json"
    assert main(["prove", str(toml), "--json", "--out", str(out), "--methods", "search", "cvc5"]) == 1
    res = json.loads(capsys.readouterr().out)
    who = res["counterexample_from"]
    assert who in res["methods"] and res["status"] == "refuted"
    assert all("not_needed" in b for m, b in res["backends"].items() if m not in res["methods"])
    run = subprocess.run([sys.executable, "-S", "-m", "checker", "--claim", str(toml), str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "exact counterexample(s) verified" in run.stdout
    # the search's point moved off the counterexample set: rejected by exact evaluation
    cert = json.loads(out.read_text())
    cert["content"]["verdicts"][who]["counterexample"] = ["0", "0"]
    from proofs import certio

    cert["sha256"] = certio.certificate_hash(cert)
    out.write_text(json.dumps(cert))
    run = subprocess.run([sys.executable, "-S", "-m", "checker", "--claim", str(toml), str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode != 0 and f"{who}: the recorded counterexample is not one" in run.stdout + run.stderr


@pytest.mark.parametrize("args, message", [
    (["--timeout", "0"], "timeout must be a number of seconds"),
    (["--timeout", "nan"], "timeout must be a number of seconds"),
    (["--timeout", "inf"], "timeout must be a number of seconds"),
    (["--backend-timeout", "-1"], "backend_timeout must be a number of seconds"),
    (["--jobs", "0"], "jobs must be an integer from 1 to 64"),
    (["--methods", "z3,z3"], "a method is named twice"),
])
def test_bad_time_options_exit_2(tmp_path, capsys, args, message):
    toml = tmp_path / "c.toml"
    toml.write_text('name = "c"\nvariables = ["x"]\nshow = "x**2 + 1 > 0"\n')
    assert main(["prove", str(toml), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_smt_output(tmp_path, capsys):
    toml = tmp_path / "c.toml"
    toml.write_text('name = "c"\nvariables = ["x"]\nshow = "x**2 + 1 > 0"\n')
    assert main(["prove", str(toml), "--smt-output", "--methods", "z3"]) == 0
    assert capsys.readouterr().out == "unsat\n"
    toml.write_text('name = "c"\nvariables = ["x"]\nshow = "x**2 > 1"\n')
    assert main(["prove", str(toml), "--smt-output"]) == 1
    assert capsys.readouterr().out == "sat\n"


def test_every_method_has_a_priority_and_runs_at_it(monkeypatch):
    """The scheduling tiers cover every method of ``prove`` (a new backend gets one deliberately); a backend's
    process runs with its tier's ``nice`` increment, and a higher tier starts first (``jobs=1``)."""
    from sgd_proofs.commands.prove import METHODS

    assert set(portfolio.NICE) == set(METHODS)
    assert portfolio.NICE["z3"] == portfolio.NICE["bernstein"] == min(portfolio.NICE.values())
    base = os.nice(0)

    def report(claim, timeout_s):
        return Verdict("unknown", detail=f"nice {os.nice(0)} at {time.monotonic()!r}")

    monkeypatch.setattr(z3_backend, "decide", report)
    monkeypatch.setattr(cvc5_backend, "decide", report)
    verdicts, _, _ = portfolio.decide(claim("x**2 + 1 > 0"), ["cvc5", "z3"], timeout_s=20, jobs=1, run_all=True)
    assert list(verdicts) == ["cvc5", "z3"]  # reported in the order given
    niceness = {m: int(v.detail.split()[1]) for m, v in verdicts.items()}
    assert niceness == {m: min(19, base + portfolio.NICE[m]) for m in ("cvc5", "z3")}
    started = {m: float(v.detail.split()[-1]) for m, v in verdicts.items()}
    assert started["z3"] < started["cvc5"]


def test_later_tiers_start_only_if_needed(monkeypatch):
    """A tier starts STAGGER_S after the one before, or at once when nothing is running: a claim the first tier
    settles forks no other backend (reported as not needed, never started); one it cannot settle does not wait."""
    monkeypatch.setattr(portfolio, "STAGGER_S", 30.0)
    c = claim("x**2 + y**2 + 1 > 0")
    t0 = time.monotonic()
    verdicts, _, reason = portfolio.decide(c, ["sos", "z3", "bernstein"], timeout_s=60)
    assert time.monotonic() - t0 < 20
    assert verdicts["z3"].status == verdicts["bernstein"].status == "proved"
    assert verdicts["sos"].status == "skipped" and verdicts["sos"].detail == f"sos: not needed: {reason}"
    monkeypatch.setattr(z3_backend, "decide", lambda claim, timeout_s: Verdict("unknown", detail="z3: unknown"))
    t0 = time.monotonic()
    verdicts, _, _ = portfolio.decide(c, ["cvc5", "z3"], timeout_s=60)
    assert time.monotonic() - t0 < 20, "the next tier waited although nothing was running"
    assert verdicts["cvc5"].status == "proved"


def test_a_full_pool_waits_without_spinning(monkeypatch):
    """With ``jobs=1`` a later tier that is due cannot start while the pool is full: the parent must block on
    the running backend, not poll in a busy loop (measured as the parent's CPU time while z3 sleeps)."""
    def sleepy(claim, timeout_s):
        time.sleep(1.0)
        return Verdict("unknown", detail="z3: unknown")

    monkeypatch.setattr(z3_backend, "decide", sleepy)
    cpu = time.process_time()
    verdicts, _, _ = portfolio.decide(claim("x**2 + 1 > 0"), ["z3", "bernstein", "cvc5"], timeout_s=30, jobs=1)
    assert verdicts["z3"].status == "unknown"
    assert time.process_time() - cpu < 0.5, "the parent spun while the pool was full"
