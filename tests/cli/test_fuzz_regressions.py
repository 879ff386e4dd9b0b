"""Inputs the fuzzer (tests/cli/test_fuzz.py) found, kept as explicit regression examples."""

from __future__ import annotations

import json

from sgd_proofs.cli import main


def test_divergence_time_route_overflow_is_reported_not_a_traceback(capsys):
    """gamma = 1e5: the double-precision SE trajectory overflows; agree_digits used to raise on 'nan'."""
    argv = ["divergence", "--nu", "2", "--kappa", "3", "--alpha", "0.3", "--beta", "0.9", "--gamma", "1e5",
            "--tau", "1e-10", "--json", "--quiet", "--allow-long"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["time_domain_C_div"] is None and "float range" in out["time_domain_note"]
    assert out["agree_digits"] >= 10  # the closed form and the contour route still agree
