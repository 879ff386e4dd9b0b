"""``sgd-proofs theorem2`` / ``divergence``: JSON keys, agreement, bad parameters exit 2; Prop. 3 switch."""

from __future__ import annotations

import json

import mpmath as mp
import numpy as np
import pytest

from proofs.numerics import engine
from proofs.numerics.constants import critical_alpha_eff, divergence
from proofs.numerics.powerlaw import Params, PowerLaw
from sgd_proofs import cli

T2_KEYS = {"phase", "exponent", "U1", "V1", "C_signal", "C_noise", "c_U", "C", "t_star", "numeric_C",
           "agree_digits", "normalisation"}
DIV_KEYS = {"U1", "r", "C_div", "numeric_C_div", "agree_digits"}


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    rc = cli.main(argv)
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.mark.slow
def test_theorem2_json(capsys) -> None:
    rc, out, _ = _run(["theorem2", "--nu", "2", "--kappa", "0.8", "--alpha", "0.5", "--beta", "0.5",
                       "--gamma", "0.5", "--tau", "1", "--no-time-route", "--json"], capsys)
    assert rc == 0
    d = json.loads(out)
    assert T2_KEYS <= set(d)
    assert d["phase"] == "signal-dominated" and d["C"] == d["C_signal"] and d["V1"] is None
    assert d["agree_digits"] >= 10
    assert len(d["C"].replace(".", "").lstrip("0")) >= 30  # all computed digits
    assert "1/2 sum_k lambda_k C_k(t)" in d["normalisation"]


@pytest.mark.slow
def test_divergence_json(capsys) -> None:
    rc, out, _ = _run(["divergence", "--nu", "2", "--kappa", "0.8", "--alpha", "0.3", "--beta", "0.9",
                       "--gamma", "0.5", "--tau", "0", "--no-time-route", "--json"], capsys)
    assert rc == 0
    d = json.loads(out)
    assert DIV_KEYS <= set(d)
    assert d["agree_digits"] >= 8 and 0 < float(d["r"]) < 1 and float(d["U1"]) > 1


@pytest.mark.parametrize(
    "cmd, args, needle",
    [
        ("theorem2", ["--nu", "1", "--kappa", "1", "--alpha", "0.5", "--beta", "0.5"], "nu"),
        ("theorem2", ["--nu", "2", "--kappa", "-1", "--alpha", "0.5", "--beta", "0.5"], "kappa"),
        ("theorem2", ["--nu", "2", "--kappa", "1", "--alpha", "3.5", "--beta", "0.5"], "noiseless region"),
        ("theorem2", ["--nu", "2", "--kappa", "1", "--alpha", "0.5", "--beta", "1.2"], "beta"),
        ("theorem2", ["--nu", "2", "--kappa", "0.8", "--alpha", "0.3", "--beta", "0.9"], "U(1)"),
        ("theorem2", ["--nu", "2", "--kappa", "3", "--alpha", "0.5", "--beta", "0.5"], "phase boundary"),
        ("theorem2", ["--nu", "two", "--kappa", "3", "--alpha", "0.5", "--beta", "0.5"], "decimal"),
        ("divergence", ["--nu", "2", "--kappa", "0.8", "--alpha", "0.5", "--beta", "0.5"], "U(1)"),
        ("divergence", ["--nu", "0.5", "--kappa", "0.8", "--alpha", "0.5", "--beta", "0.5"], "nu"),
    ],
)
def test_bad_parameters_exit_2(cmd, args, needle, capsys) -> None:
    tau = "0" if "0.9" in args else "1"
    rc, out, err = _run([cmd, *args, "--gamma", "0.5", "--tau", tau, "--json"], capsys)
    assert rc == 2
    assert needle in err and "Traceback" not in err and out == ""


@pytest.mark.slow
def test_human_output_states_normalisation(capsys) -> None:
    rc, out, _ = _run(["theorem2", "--nu", "2", "--kappa", "2", "--alpha", "0.5", "--beta", "0.5",
                       "--gamma", "0.5", "--tau", "1", "--no-time-route"], capsys)
    assert rc == 0 and "normalisation:" in out and "numeric_C" in out


@pytest.mark.slow
def test_prop3_trajectories_switch_across_U1_equal_one() -> None:
    """At β = 0.5 (τ = 0): below α_c the SE loss decays, above it grows like r^{-t} (Prop. 3, eq. 24)."""
    spec = PowerLaw.of("2", "0.8")
    with mp.workdps(20):
        ac = critical_alpha_eff(spec, "0.5", "0.5", "0") * mp.mpf("0.5")
        r = divergence(spec, Params.of(ac * mp.mpf("1.1"), "0.5", "0.5", "0")).r
    below = engine.power_law_loss(2.0, 0.8, float(ac) * 0.9, 0.5, 0.5, 0.0, 5000)
    above = engine.power_law_loss(2.0, 0.8, float(ac) * 1.1, 0.5, 0.5, 0.0, 5000)
    assert below[-1] < below[len(below) // 2] < below[0]
    assert above[-1] > above[len(above) // 2] > above[0]
    assert abs(above[-2] / above[-1] / float(r) - 1) < 1e-6
    assert np.all(np.isfinite(above))


T2 = ["theorem2", "--nu", "2", "--kappa", "0.8", "--alpha", "0.5", "--beta", "0.5"]


def test_theorem2_gamma_0_is_the_signal_term_alone(capsys) -> None:
    """Full batch (gamma = 0): U = 0, c_U = 0, C_noise = 0, C = C_signal = c_V, t* undefined."""
    rc, out, err = _run([*T2, "--gamma", "0", "--tau", "1", "--no-time-route", "--json", "--quiet"], capsys)
    assert rc == 0, err
    d = json.loads(out)
    assert err == ""  # --quiet: no progress
    assert d["phase"] == "signal-dominated" and d["C"] == d["C_signal"]
    assert float(d["U1"]) == 0 and float(d["c_U"]) == 0 and float(d["C_noise"]) == 0 and d["t_star"] is None
    assert d["agree_digits"] >= 10
    # zeta = 2 - 1/nu (kappa = 3, nu = 2) is the phase boundary only when there is a noise term
    rc, out, err = _run(["theorem2", "--nu", "2", "--kappa", "3", "--alpha", "0.5", "--beta", "0.5", "--gamma", "0",
                         "--tau", "-1", "--no-time-route", "--json", "--quiet"], capsys)
    assert rc == 0, err
    d = json.loads(out)
    assert d["exponent"].startswith("1.5000") and float(d["C_noise"]) == 0 and d["agree_digits"] >= 10


def test_theorem2_gamma_tau_above_1_is_covered_and_confirmed(capsys) -> None:
    """g = gamma*tau = 1.5 > 1: Lemma 1.1 holds for every g >= 0; both independent routes agree."""
    rc, out, err = _run([*T2, "--gamma", "0.5", "--tau", "3", "--json", "--quiet"], capsys)
    assert rc == 0, err
    d = json.loads(out)
    assert float(d["U1"]) < 1 and d["phase"] == "signal-dominated"
    assert d["agree_digits"] >= 10 and d["time_domain_agree_digits"] >= 4


@pytest.mark.parametrize("cmd, change, needles", [
    ("theorem2", ["--gamma", "-0.1", "--tau", "1"], ["gamma = -0.1 < 0", "[noise factor]"]),
    ("theorem2", ["--gamma", "0.5", "--tau", "-1"], ["gamma*tau = -0.5 < 0", "Lemma 1.1"]),
    ("theorem2", ["--gamma", "0.5", "--tau", "1", "--beta", "1"],
     ["beta = 1.0 outside -1 < beta < 1", "noiseless stability"]),
    ("theorem2", ["--gamma", "0.5", "--tau", "1", "--nu", "1"], ["nu = 1.0 <= 1", "Theorem 2 needs nu > 1", "Prop. 3"]),
    ("theorem2", ["--gamma", "2", "--tau", "1", "--alpha", "0.6"], ["U(1) =", ">= 1", "divergence"]),
    ("divergence", ["--gamma", "0", "--tau", "1"], ["without noise", "[noise factor]"]),
    ("divergence", ["--gamma", "0.5", "--tau", "-2"], ["gamma*tau = -1.0 < 0", "Lemma 1.1"]),
])
def test_violated_hypothesis_is_named(cmd, change, needles, capsys) -> None:
    base = [a if a != "theorem2" else cmd for a in T2]
    rc, out, err = _run([*base, *change, "--json"], capsys)
    assert rc == 2 and out == "" and "Traceback" not in err
    for n in needles:
        assert n in err, err
