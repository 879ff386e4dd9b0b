"""The moments ring (``checker.moments``) accepts the committed certificates and rejects doctored ones.

Every tampered certificate below has its sha256 rebuilt (``proofs.certio.build``), so the hash check passes
and only the ring's own recomputation, statement, coverage and hypothesis checks can catch it; each test
matches the ring's reason. The property-based tests compare the ring with the producer's independent
implementation (``symbolic.related``: python-flint, sympy) on random rational instances.
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import moments as M
from checker.core import verify
from checker.errors import CertificateError
from proofs import certio
from proofs.related.certify import _threshold_points
from symbolic import related as R

ROOT = Path(__file__).resolve().parents[2]
CERTS = ROOT / "certificates"
PROBES = {
    "ziyin.cor1.noncommuting", "ziyin.cor6.empirical_fisher", "ziyin.iclr.thm2.noncommuting",
    "ziyin.iclr.prop7.order4", "ziyin.iclr.thm6", "patel.criterion.noncommuting", "patel.momentum.nondiagonal",
}
HYP = settings(max_examples=25, deadline=None, derandomize=True)


def _content(name: str) -> dict:
    cert = json.loads((CERTS / f"{name}.json").read_text(encoding="utf-8"))
    assert cert["kind"] == "moments" and cert["name"] == name
    return copy.deepcopy(cert["content"])


def _write(tmp: Path, name: str, content: dict) -> Path:
    path = tmp / f"{name}.json"
    path.write_text(certio.dumps(certio.build("moments", name, content)), encoding="utf-8")
    return path


def _rejected(tmp: Path, name: str, content: dict, reason: str) -> None:
    with pytest.raises(CertificateError, match=reason):
        verify(_write(tmp, name, content))


def _producer(name: str, data: dict) -> dict:
    return {k: R.record(v) for k, v in R.FUNCTIONS[name](data).items()}


def _ring(name: str, data: dict) -> dict:
    return {k: M._show(v) for k, v in M.CLAIMS[name].fn(data).items()}


def _instance(name: str, data: dict) -> dict:
    """An instance with its result computed the producer's way (what a forger would write)."""
    return {"data": data, "result": _producer(name, data)}


# ------------------------------------------------------------------------------ 1. committed certificates

def test_every_claim_has_a_committed_certificate():
    kinds = {p.stem for p in CERTS.glob("*.json")
             if json.loads(p.read_text(encoding="utf-8")).get("kind") == "moments"}
    assert kinds == set(M.CLAIMS)
    assert PROBES <= set(M.CLAIMS)
    assert set(R.FUNCTIONS) == set(M.CLAIMS)


@pytest.mark.parametrize("name", sorted(M.CLAIMS))
def test_committed_certificate_accepted(name):
    v = verify(CERTS / f"{name}.json")
    content = _content(name)
    assert (v.name, v.kind, v.status) == (name, "moments", "recomputed")
    assert "recomputed" in v.detail
    first_fail = next((j for j, x in enumerate(content["instances"]) if not x["result"]["holds"]), None)
    if name in PROBES:
        assert content["holds"] is False
        assert isinstance(content["witness"], int) and content["witness"] == first_fail
        assert f"fails at instance {content['witness']}" in v.detail
    else:
        assert content["holds"] is True and content["witness"] is None and first_fail is None
        assert "holds on every instance" in v.detail


# ---------------------------------------------------------------------------------------------- 2. tampering

def test_rebuilt_untampered_certificate_accepted(tmp_path):
    """The rebuild itself is sound: an unchanged content with a rebuilt hash passes (so each rejection
    below is the ring's, not the file's)."""
    for name in ("liu.stationary_error", "patel.criterion.noncommuting"):
        assert verify(_write(tmp_path, name, _content(name))).status == "recomputed"


def test_changed_sigma_entry(tmp_path):
    c = _content("ziyin.cor1")
    sig = c["instances"][0]["result"]["sigma"]
    sig[0][0] = str(Fraction(sig[0][0]) + Fraction(1, 1000))
    _rejected(tmp_path, "ziyin.cor1", c, "instance 0: recomputed")


def test_flipped_holds(tmp_path):
    c = _content("liu.stationary_error")
    c["holds"] = False
    _rejected(tmp_path, "liu.stationary_error", c, "recomputed holds = True")
    c = _content("patel.criterion.noncommuting")
    c["holds"] = True
    _rejected(tmp_path, "patel.criterion.noncommuting", c, "recomputed holds = False")


def test_wrong_witness(tmp_path):
    c = _content("patel.criterion.noncommuting")
    assert c["witness"] == 1
    c["witness"] = 0
    _rejected(tmp_path, "patel.criterion.noncommuting", c, "witness = 1")
    c = _content("liu.stationary_error")
    c["witness"] = 0
    _rejected(tmp_path, "liu.stationary_error", c, "witness = None")


def test_changed_statement(tmp_path):
    c = _content("liu.stationary_error")
    c["statement"] = c["statement"].replace("(1+mu)/", "(1+2mu)/")
    _rejected(tmp_path, "liu.stationary_error", c, "statement or paper differs")
    c = _content("liu.stationary_error")
    c["paper"] = "ziyin2021"
    _rejected(tmp_path, "liu.stationary_error", c, "statement or paper differs")


def test_reconstructed_flipped(tmp_path):
    c = _content("liu.stationary_error")
    assert c["reconstructed"] is True
    c["reconstructed"] = False
    _rejected(tmp_path, "liu.stationary_error", c, "reconstructed must be True")
    c = _content("ziyin.cor1")
    c["reconstructed"] = True
    _rejected(tmp_path, "ziyin.cor1", c, "reconstructed must be False")


def test_eq6_without_noncommuting_instance(tmp_path):
    c = _content("ziyin.eq6")
    kept = [x for x in c["instances"] if M._kc(x["data"])]
    assert 0 < len(kept) < len(c["instances"])
    extra = {"K": [["2", "0"], ["0", "1"]], "C": [["5", "0"], ["0", "1"]], "lam": "1/2"}  # commuting
    c["instances"] = kept + [_instance("ziyin.eq6", extra)]
    assert len(c["instances"]) >= M.CLAIMS["ziyin.eq6"].min_instances
    assert all(x["result"]["holds"] for x in c["instances"])  # holds/witness stay consistent
    _rejected(tmp_path, "ziyin.eq6", c, r"no instance with \[K, C\] != 0")


def test_cor1_with_noncommuting_instance(tmp_path):
    c = _content("ziyin.cor1")
    bad = {"K": [["2", "1"], ["1", "1"]], "C": [["1", "0"], ["0", "3"]], "lam": "1/4", "mu": "1/2"}
    assert not M._kc(bad)
    c["instances"].append(_instance("ziyin.cor1", bad))
    c["holds"] = all(x["result"]["holds"] for x in c["instances"])
    c["witness"] = next((j for j, x in enumerate(c["instances"]) if not x["result"]["holds"]), None)
    _rejected(tmp_path, "ziyin.cor1", c, r"every instance must have \[K, C\] = 0")


def test_sec45_only_stable_instances(tmp_path):
    c = _content("ziyin.sec45")
    c["instances"] = [x for x in c["instances"] if x["result"]["stable"]]
    assert len(c["instances"]) >= M.CLAIMS["ziyin.sec45"].min_instances
    _rejected(tmp_path, "ziyin.sec45", c, "both sides")


def test_sec45_only_unstable_instances(tmp_path):
    c = _content("ziyin.sec45")
    c["instances"] = [x for x in c["instances"] if not x["result"]["stable"]]
    _rejected(tmp_path, "ziyin.sec45", c, "both sides")


def test_too_few_instances(tmp_path):
    c = _content("liu.stationary_error")
    c["instances"] = c["instances"][:2]
    _rejected(tmp_path, "liu.stationary_error", c, "at least 3 instance")


def test_unknown_claim(tmp_path):
    c = _content("liu.stationary_error")
    c["claim"] = "liu.stationary_error.v2"
    _rejected(tmp_path, "liu.stationary_error.v2", c, "this ring knows only")


def test_float_number(tmp_path):
    c = _content("liu.stationary_error")
    assert c["instances"][0]["data"]["eta"] == "1/2"
    c["instances"][0]["data"]["eta"] = 0.5
    _rejected(tmp_path, "liu.stationary_error", c, "a number must be a string")
    c = _content("ziyin.cor1")
    c["instances"][0]["data"]["lam"] = 0.5
    _rejected(tmp_path, "ziyin.cor1", c, "a number must be a string")


def test_changed_data(tmp_path):
    c = _content("liu.stationary_error")
    c["instances"][1]["data"]["k"] = "3"
    _rejected(tmp_path, "liu.stationary_error", c, "instance 1: recomputed")
    c = _content("ziyin.sec45")
    c["instances"][0]["data"]["lam"] = "6/5"  # crosses the boundary: recorded stable = True no longer matches
    _rejected(tmp_path, "ziyin.sec45", c, "instance 0: recomputed")


# ----------------------------------------------------------------------------------------------- 3. forgery

def test_forged_cor1_noncommuting_holds(tmp_path):
    c = _content("ziyin.cor1.noncommuting")
    assert c["holds"] is False and c["witness"] == 0
    c["holds"], c["witness"] = True, None
    c["instances"][0]["result"]["holds"] = True
    _rejected(tmp_path, "ziyin.cor1.noncommuting", c, "instance 0: recomputed")


def test_forged_cor1_noncommuting_sigma_equals_formula(tmp_path):
    """Also make the recorded sigma the formula's (so the record looks self-consistent): still rejected."""
    c = _content("ziyin.cor1.noncommuting")
    r = c["instances"][0]["result"]
    c["holds"], c["witness"] = True, None
    r["holds"], r["sigma"] = True, r["formula"]
    _rejected(tmp_path, "ziyin.cor1.noncommuting", c, "instance 0: recomputed")


# -------------------------------------------------------------------------------------- 4. property-based

_small = st.builds(Fraction, st.integers(-3, 3), st.integers(1, 3))
_pos = st.builds(Fraction, st.integers(1, 4), st.integers(1, 3))


def _gram(m: list[list[Fraction]], shift: Fraction = Fraction(0)) -> list[list[Fraction]]:
    return [[sum((m[i][k] * m[j][k] for k in range(2)), Fraction(0)) + shift * (i == j) for j in range(2)]
            for i in range(2)]


_m22 = st.lists(st.lists(_small, min_size=2, max_size=2), min_size=2, max_size=2)
_spd = st.builds(_gram, _m22, _pos)  # M Mᵀ + t I, t > 0: symmetric positive definite
_psd = st.builds(_gram, _m22)  # N Nᵀ: positive semidefinite
_mu = st.builds(Fraction, st.integers(-5, 8), st.just(12))  # mu in (-1/2, 3/4)
_frac = st.builds(Fraction, st.integers(1, 4), st.just(4))  # in (0, 1]


def _s(m: list[list[Fraction]]) -> list[list[str]]:
    return [[str(v) for v in r] for r in m]


def _data(K, C, f, mu, with_mu=True) -> dict:
    lam = (1 + mu) / (K[0][0] + K[1][1]) * f  # lam * k_max <= lam tr K <= 1 + mu < 2(1 + mu)
    d = {"K": _s(K), "C": _s(C), "lam": str(lam)}
    if with_mu:
        d["mu"] = str(mu)
    return d


def _agree_and_hold(name: str, data: dict) -> None:
    ring, prod = _ring(name, data), _producer(name, data)
    assert ring == prod
    assert ring["stable"] is True and ring["holds"] is True


@HYP
@given(_spd, _psd, _frac)
def test_eq6_random(K, C, f):
    _agree_and_hold("ziyin.eq6", _data(K, C, f, Fraction(0), with_mu=False))


@HYP
@given(_spd, _psd, _frac, _mu)
def test_eq7_random(K, C, f, mu):
    _agree_and_hold("ziyin.eq7", _data(K, C, f, mu))


@HYP
@given(_spd, _psd, _frac, _mu)
def test_thm5_random(K, C, f, mu):
    _agree_and_hold("ziyin.thm5", _data(K, C, f, mu))


@HYP
@given(_spd, _pos, st.builds(Fraction, st.integers(0, 3), st.integers(1, 3)), _frac, _mu)
def test_cor1_commuting_random(K, p, q, f, mu):
    C = [[p * (i == j) + q * K[i][j] for j in range(2)] for i in range(2)]  # C = pI + qK commutes with K
    data = _data(K, C, f, mu)
    assert M._kc(data)
    _agree_and_hold("ziyin.cor1", data)


@HYP
@given(_spd, _psd, _frac, _mu)
def test_cor1_noncommuting_random_agree(K, C, f, mu):
    data = _data(K, C, f, mu)
    ring = _ring("ziyin.cor1.noncommuting", data)
    assert ring == _producer("ziyin.cor1.noncommuting", data)
    if M._kc(data):
        assert ring["holds"] is True


# ------------------------------------------------------------------------------ 5. records are not constant

def test_thm5_loss_depends_on_C():
    data = {"K": [["2", "1"], ["1", "1"]], "C": [["1", "0"], ["0", "3"]], "lam": "1/4", "mu": "1/2"}
    base = _ring("ziyin.thm5", data)
    for C in ([["2", "0"], ["0", "3"]], [["1", "1/2"], ["1/2", "3"]], [["0", "0"], ["0", "0"]]):
        other = _ring("ziyin.thm5", {**data, "C": C})
        assert other["loss"] is not None and other["loss"] != base["loss"]
        assert other["holds"] is True and other["loss"] == other["formula"]
        assert other == _producer("ziyin.thm5", {**data, "C": C})


def test_patel_criterion_flips_at_threshold():
    pts = _threshold_points()
    assert len(pts) == 6
    for below, above in zip(pts[::2], pts[1::2], strict=True):
        assert Fraction(above["alpha"]) - Fraction(below["alpha"]) == Fraction(2, 100)
        lo, hi = _ring("patel.criterion.commuting", below), _ring("patel.criterion.commuting", above)
        assert (lo["criterion"], lo["stable"], lo["holds"], lo["commuting"]) == (True, True, True, True)
        assert (hi["criterion"], hi["stable"], hi["holds"], hi["commuting"]) == (False, False, True, True)
        assert lo == _producer("patel.criterion.commuting", below)
        assert hi == _producer("patel.criterion.commuting", above)
