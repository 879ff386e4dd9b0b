"""Eq. 29 / eq. 28b: the noise-phase subleading coefficient and t* from SE trajectories (proofs.numerics.subleading),
re-checked by the outer ring checker.subleading."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import mpmath as mp
import pytest

from checker import subleading as ring
from checker.errors import CertificateError
from proofs.numerics import subleading as sub
from proofs.numerics.powerlaw import PowerLaw
from proofs.numerics.routes import time_ladder

CERT = Path(__file__).resolve().parents[2] / "certificates" / "eq29.subleading.json"


def test_ladder_exact_matches_routes_and_ring():
    for p in sub.POINTS.values():
        nu, kappa = Fraction(p["nu"]), Fraction(p["kappa"])
        ds = sub.ladder(nu, kappa)
        assert ds == ring.ladder(nu, kappa)
        ref = [Fraction(mp.nstr(d, 20)) for d in time_ladder(PowerLaw.of(p["nu"], p["kappa"]), 2 - 1 / mp.mpf(p["nu"]))]
        assert len(ds) == len(ref) and all(abs(a - b) < Fraction(1, 10**12) for a, b in zip(ds, ref, strict=True))
        assert ds[0] == kappa / nu - (2 - 1 / nu)  # the signal term is the first correction in the noise phase
    assert ring.POINTS == sub.POINTS and ring.MAX_REL == sub.MAX_REL


def test_ladder_refuses_logarithmic_points():
    with pytest.raises(ValueError, match="logarithmic"):
        sub.ladder(Fraction(3), Fraction(6))  # zeta = 2: an integer
    with pytest.raises(CertificateError, match="logarithmic"):
        ring.ladder(Fraction(3), Fraction(6))


def test_exact_lstsq_recovers_a_known_model():
    ts = [float(t) for t in range(100, 5000, 37)]
    exps = [Fraction(1, 2), Fraction(17, 20)]
    y = [0.75 + 3.0 * t ** -0.5 - 2.0 * t ** -0.85 for t in ts]
    c = ring.lstsq_exact(ts, y, exps)
    assert abs(float(c[0]) - 0.75) < 1e-12 and abs(float(c[1]) - 3.0) < 1e-9


def test_perturbed_constant_is_refuted(monkeypatch):
    """A C_signal off by the factor 2 (the notebooks' normalisation slip) fails the trajectory check."""
    real = sub.theorem2

    def doubled(spec, par):
        th = real(spec, par)
        return replace(th, C_signal=2 * th.C_signal, t_star=(2 * th.C_signal / th.C_noise) ** (1 / (th.zeta - th.eta)))
    monkeypatch.setattr(sub, "theorem2", doubled)
    rec = sub.point("subleading_nu2_kappa3.6", sub.POINTS["subleading_nu2_kappa3.6"])
    assert rec["holds"] is False
    assert abs(float(rec["results"]["C_signal_fixed"]["rel_dev"]) + 0.5) < 1e-3


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sub")
    rows = sub.produce(out)
    assert rows[0]["status"] == "confirmed"
    return out / "eq29.subleading.json"


@pytest.mark.slow
def test_certificate_deterministic_and_recorded(produced):
    assert produced.read_bytes() == CERT.read_bytes()


@pytest.mark.slow
def test_ring_accepts(produced):
    cert = json.loads(produced.read_text())
    assert cert["kind"] == "subleading"
    summary = ring.check(cert["content"], produced.parent, cert["name"])
    assert "holds" in summary and "30 fits re-solved" in summary
    for p in cert["content"]["points"]:
        assert abs(float(p["results"]["C_signal_fixed"]["rel_dev"])) < 1e-3
        g = p["generating_function"]
        assert g["C_signal"]["agree_digits"] >= 14 and g["t_star"]["agree_digits"] >= 12


def _mutants():
    def sample(c):
        c["points"][0]["samples"]["L"][-1] = repr(float(c["points"][0]["samples"]["L"][-1]) * 1.001)

    def coef(c):
        f = c["points"][1]["fits"][0]
        f["coefficients"][0] = repr(float(f["coefficients"][0]) * 1.01)

    def value(c):
        r = c["points"][2]["results"]["C_signal_fixed"]
        r["value"] = repr(float(r["value"]) * 1.0001)

    def holds(c):
        c["points"][3]["holds"] = False

    def drop(c):
        del c["points"][4]

    def threshold(c):
        c["thresholds"]["C_signal_fixed"] = "1/2"

    def closed(c):
        c["points"][0]["closed_form"]["C_signal"] = str(2 * float(c["points"][0]["closed_form"]["C_signal"]))

    def exponents(c):
        c["points"][0]["exponents"]["shifted"][0] = "2/5"

    def window(c):
        c["points"][0]["fits"][0]["window"] = 64

    def crossing(c):
        c["points"][0]["crossing"]["t"] += 40

    def params(c):
        c["points"][0]["params"]["kappa"] = "3.4"

    def gf_digits(c):
        c["points"][1]["generating_function"]["C_signal"]["agree_digits"] += 1

    def gf_value(c):
        g = c["points"][2]["generating_function"]["C_signal"]
        g["value"] = g["value"][:12] + ("1" if g["value"][12] != "1" else "2") + g["value"][13:]

    def gf_required(c):
        c["points"][0]["generating_function"]["t_star"]["required_digits"] = 2

    return [(gf_digits, "agree_digits"), (gf_value, "agree_digits"), (gf_required, "requires 2 digits"),
            (sample, "differs from the exact re-solve"), (coef, "differs from the exact re-solve"),
            (value, "value .* differs from the recomputed"), (holds, "holds = False"),
            (drop, "points must be exactly"), (threshold, "thresholds differ"),
            (closed, "closed form C_signal"), (exponents, "correction exponents differ"),
            (window, "fits are not the ring's"), (crossing, "does not change sign"),
            (params, "parameters or T differ")]


@pytest.mark.slow
@pytest.mark.parametrize("fn, reason", _mutants(), ids=lambda x: getattr(x, "__name__", ""))
def test_tampered_certificate_rejected(produced, fn, reason):
    cert = json.loads(produced.read_text())
    content = copy.deepcopy(cert["content"])
    fn(content)
    with pytest.raises(CertificateError, match=reason):
        ring.check(content, produced.parent, cert["name"])


def test_wrong_name_rejected():
    with pytest.raises(CertificateError, match="this ring checks only"):
        ring.check({"claim": "other"}, None, "other")
