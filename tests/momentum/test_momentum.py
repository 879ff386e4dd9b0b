"""Prop. 12 / eq. 30 (reconstructed): derivation, independent numerics, checker ring, forgeries, CLI.

Forgeries are re-hashed (``proofs.certio.certificate_hash``), so only the mathematics can reject them, and
each rejection is matched against the reason the check it names gives.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import mpmath as mp
import pytest
import sympy as sp

from checker import CertificateError, check_file
from checker import momentum as ring
from proofs import certio
from proofs.momentum import certify, derive
from proofs.momentum import numeric as N
from sgd_proofs.cli import main

COMMITTED = Path(__file__).resolve().parents[2] / "certificates" / f"{certify.NAME}.json"


@pytest.fixture(scope="module")
def cert() -> dict:
    return json.loads(COMMITTED.read_text())


def forge(cert: dict, tmp_path: Path, edit) -> Path:
    c = copy.deepcopy(cert)
    edit(c["content"])
    c["sha256"] = certio.certificate_hash(c)
    path = tmp_path / f"{c['name']}.json"
    path.write_text(certio.dumps(c))
    return path


def test_derivation_checks_all_hold():
    rep = derive.report()
    assert set(rep["checks"]) == set(ring.CHECKS)
    assert all(rep["checks"].values()), rep["checks"]


def test_identical_is_exact_and_can_fail():
    x = derive.x
    assert derive.identical((x**2 - 1) / (x - 1), x + 1)
    assert not derive.identical((x**2 - 1) / (x - 1), x + 1 + sp.Rational(1, 10**30))


def test_perturbed_characteristic_is_refuted_by_theorem2():
    """The Theorem 2 route separates the characteristic from a 1 % perturbation of its second term."""
    with mp.workdps(20):
        spec = N.spectrum("2", "5")
        c = N.characteristic(spec)
        d = N.theorem2_derivatives(spec, c["alpha_star"], 1, 1)
        assert abs(d["dlogC_dbeta"] / c["dlogC_dbeta"] - 1) < 1e-9
        nu = spec.nu
        X_bad = c["s1"] * c["W"] - mp.mpf("1.01") * (nu - 1) / nu * c["s2"] * c["M0"]
        bad = c["alpha_star"] * X_bad / (c["s1"] * c["M0"])
        assert abs(d["dlogC_dbeta"] / bad - 1) > 1e-3
        # a wrong alpha* (the exponent 1/nu of c_U dropped) is not stationary
        a_bad = 2 * (nu - 1) / ((3 * nu - 2) * c["s1"])
        assert abs(N.theorem2_derivatives(spec, a_bad, 1, 1)["alpha_dlogC_dalpha"]) > 1e-3


def test_both_signs_of_the_characteristic_occur(cert):
    signs = {mp.mpf(p["X"]) > 0 for p in cert["content"]["noise_points"]}
    assert signs == {True, False}


def test_committed_certificate_accepted():
    assert "momentum" in check_file(COMMITTED)


def test_ring_rederives_the_exact_facts():
    facts = ring.exact_facts()
    assert all(facts.values()) and len(facts) == 10


def test_ring_catches_a_wrong_update_rule(monkeypatch):
    """A perturbed v numerator (as if the operator were wrong) makes the per-direction facts fail."""
    from checker.poly import add, var

    good = ring.polys()
    bad = dict(good)
    bad["v_num"] = add(good["v_num"], var(1, 4))
    monkeypatch.setattr(ring, "polys", lambda: bad)
    facts = ring.exact_facts()
    assert not facts["T_V"] or not facts["dT_V"]
    assert facts["T_U"]


FORGERIES = [
    ("X", lambda c: c["noise_points"][0].__setitem__("X", "0.9"), r"recorded X .* is not the recomputed"),
    ("moment", lambda c: c["noise_points"][1]["moments"].__setitem__("M0", "1.5"), r"moment M0: recorded"),
    ("fd", lambda c: c["noise_points"][2].__setitem__("dlogC_dbeta_theorem2", "0.2"),
     r"Theorem 2 derivative agrees to"),
    ("beta_opt", lambda c: c["noise_points"][4].__setitem__("beta_opt", "-0.1"), r"are not consistent"),
    ("stationary", lambda c: c["noise_points"][3].__setitem__("alpha_dlogC_dalpha_theorem2", "1e-3"),
     r"alpha\* is not stationary"),
    ("signal sign", lambda c: c["signal_points"][1].__setitem__("dlogC_dbeta_theorem2", "0.1"),
     r"positive momentum does not help"),
    ("signal alpha*", lambda c: c["signal_points"][0].__setitem__("alpha_star_closed_form", "0.52"),
     r"signal point .*alpha\*: recorded"),
    ("points", lambda c: c["noise_points"].pop(), r"noise points .* are not the checker's own"),
    ("trajectory", lambda c: c["trajectories"][1]["L_T"].__setitem__("+delta", "1e-13"),
     r"ratio_simulated is not"),
    ("holds", lambda c: c.__setitem__("holds", False), r"recomputed verdict True differs"),
    ("derivation", lambda c: c["derivation"]["checks"].__setitem__("dT_U", False),
     r"derivation check dT_U: recomputed True"),
    ("label", lambda c: c.__setitem__("reconstructed", False), r"must be labelled reconstructed"),
]


@pytest.mark.parametrize("label,edit,reason", FORGERIES, ids=[f[0] for f in FORGERIES])
def test_forgeries_rejected(cert, tmp_path, label, edit, reason):
    with pytest.raises(CertificateError, match=reason):
        check_file(forge(cert, tmp_path, edit))


def test_someone_elses_certificate_rejected(cert, tmp_path):
    c = copy.deepcopy(cert)
    c["name"] = "prop12.other"
    c["sha256"] = certio.certificate_hash(c)
    path = tmp_path / "prop12.other.json"
    path.write_text(certio.dumps(c))
    with pytest.raises(CertificateError, match="checks only prop12.momentum"):
        check_file(path)


def test_cli_momentum_json(capsys):
    assert main(["momentum", "--nu", "2", "--kappa", "5", "--json", "--quiet"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["phase"] == "noise-dominated" and out["characteristic_applies"]
    assert out["predicted_sign"] == out["computed_sign"] == "negative momentum helps"
    assert mp.mpf(out["beta_opt"]) < 0
    assert abs(mp.mpf(out["dlogC_dbeta_theorem2"]) / mp.mpf(out["dlogC_dbeta_predicted"]) - 1) < 1e-9


@pytest.mark.parametrize("argv,msg", [
    (["--nu", "0.9", "--kappa", "2"], "--nu must be > 1"),
    (["--nu", "2", "--kappa", "3"], "phase boundary"),
    (["--nu", "2", "--kappa", "nan"], "must be finite"),
    (["--nu", "2", "--kappa", "5", "--batch", "0"], "--batch must be an integer >= 1"),
    (["--nu", "2", "--kappa", "5", "--batch", "2", "--gamma", "1"], "not both"),
    (["--nu", "2", "--kappa", "5", "--dps", "100000"], "--dps must be an integer in 15..50"),
    (["--nu", "2", "--kappa", "5", "--tau", "-1"], "--tau must be >= 0"),
])
def test_cli_momentum_bad_input(capsys, argv, msg):
    assert main(["momentum", *argv, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert msg in err and "Traceback" not in err


@pytest.mark.slow
def test_producer_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    certify.produce(a)
    certify.produce(b)
    assert (a / "prop12.momentum.json").read_bytes() == (b / "prop12.momentum.json").read_bytes()
    assert (a / "prop12.momentum.json").read_bytes() == COMMITTED.read_bytes()
