"""The invariant 4-tensors (paper App. D.4, Prop. 9 eqs. 88-89, SE family 80): producer, checker, forgeries.

Every forgery is re-hashed with ``proofs.certio.certificate_hash`` so that only the mathematics can reject
it, and each rejection names the failed check.
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path

import pytest

from checker import CertificateError, check_file
from checker import invariance as ring
from proofs import certio
from proofs.invariance import certify
from proofs.invariance import tensors as tn

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


def entry(content: dict, d: int, group: str = "O(d)", route: str = "lie") -> dict:
    return next(f for f in content["fixed_spaces"] if (f["d"], f["group"], f["route"]) == (d, group, route))


# ---- producer ----

def test_dimensions_per_d() -> None:
    for d in (2, 3, 4):
        assert tn.fixed_space("O(d)", "lie", d)["dim"] == 3
        assert tn.fixed_space("O(d)", "cayley", d)["dim"] == 3
    assert [tn.fixed_space("SO(d)", "lie", d)["dim"] for d in (2, 3, 4)] == [6, 3, 4]


def test_so2_has_an_extra_symmetric_invariant_killed_by_the_reflection_or_the_pair_exchange() -> None:
    so2 = tn.fixed_space("SO(d)", "lie", 2)["basis"]
    assert len(tn.symmetric_subspace(so2, tn.NOISE_SYMMETRIES, 2)) == 3
    assert len(tn.symmetric_subspace(so2, (*tn.NOISE_SYMMETRIES, tn.EXCHANGE), 2)) == 2
    o2 = tn.fixed_space("O(d)", "lie", 2)["basis"]
    assert len(tn.symmetric_subspace(o2, tn.NOISE_SYMMETRIES, 2)) == 2


def test_reflections_alone_do_not_decide_invariance() -> None:
    """A method that can fail: without the so(d) generators the fixed space is much larger."""
    gens = [g for g in tn.generators("O(d)", "lie", 3) if g["action"] == "group"]
    assert tn.stacked(gens, 3).rank() < 3**4 - 3
    assert ring._rank_mod_p([g for g in ring._generators("O(d)", "lie", 3) if g[1] == "group"], 3, 78) < 78


def test_gaussian_features_give_tau_minus_one_and_rademacher_is_not_se() -> None:
    for d in (2, 3):
        assert tn.se_parameters(*tn.moment_tensor("gaussian", d), d) == (1, -1)
        assert tn.se_parameters(*tn.moment_tensor("gaussian_scale_mixture", d), d) == (Fraction(5, 4), Fraction(-3, 2))
        assert tn.se_parameters(*tn.moment_tensor("rademacher", d), d) is None
        assert ring._se_fit(*ring._moments("rademacher", d), d) is None


def test_certificate_is_deterministic_and_current(tmp_path: Path) -> None:
    rows = certify.produce(tmp_path)
    assert rows[0]["status"] == "verified"
    assert (tmp_path / COMMITTED.name).read_bytes() == COMMITTED.read_bytes()


# ---- checker ----

def test_checker_accepts_with_an_outer_ring_verdict() -> None:
    detail = check_file(COMMITTED)
    assert "recomputed by the outer ring checker.invariance" in detail and "SO(d) dims 6, 3, 4, 3" in detail


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda c: entry(c, 2)["basis"][0][0].__setitem__(1, "2"), "not the reduced echelon basis"),
        (lambda c: entry(c, 3).__setitem__("rank", 77), "recorded rank 77"),
        (lambda c: entry(c, 2).__setitem__("rank_mod_p", 12), "rank mod p 12"),
        (lambda c: entry(c, 2)["generators"].pop(0), "generators differ from the specification"),
        (lambda c: entry(c, 2, "O(d)", "cayley")["generators"][0]["matrix"][0].__setitem__(0, "3/5"),
         "generators differ from the specification"),
        (lambda c: c.__setitem__("dimensions", [2, 3, 4, 6]), "dimensions"),
        (lambda c: c.__setitem__("fixed_spaces", [f for f in c["fixed_spaces"] if f["d"] != 4]), "not the specified"),
        (lambda c: entry(c, 2).__setitem__("dim", 2), "dimension 2"),
        (lambda c: entry(c, 2)["noise_symmetric"].__setitem__("dim", 3), "noise-symmetric part"),
        (lambda c: c["features"][0]["se"].__setitem__("tau2", "1"), "gaussian: recorded"),
        (lambda c: c["features"][2].__setitem__("invariant", True), "rademacher: recorded"),
        (lambda c: c["controls"][0].__setitem__("invariant", True), "eq. 5 control"),
        (lambda c: c.__setitem__("holds", False), "holds is not true"),
        (lambda c: c.__setitem__("prime", 5), "prime 5"),
        (lambda c: c.__setitem__("order", 3), "order 3"),
    ],
)
def test_forgeries_are_rejected(cert: dict, tmp_path: Path, edit, reason: str) -> None:
    with pytest.raises(CertificateError, match=reason):
        check_file(forge(cert, tmp_path, edit))


def test_a_basis_vector_that_is_not_fixed_is_rejected(cert: dict, tmp_path: Path, monkeypatch) -> None:
    """Even when the basis matches the expected tensors, the exact kernel check runs (perturbed Weyl set)."""
    real = ring._weyl

    def bad(group, d):
        out = real(group, d)
        out[0] = list(out[0])
        out[0][1] += 1  # δ_ij δ_kl with a spurious entry at (0,0,0,1): not invariant
        return out

    monkeypatch.setattr(ring, "_weyl", bad)

    def edit(c):
        f = entry(c, 2)
        f["basis"] = [[[list(t), str(x)] for t, x in tn.sparse(v, 2).items()]
                      for v in ring._rref(bad("O(d)", 2))]

    with pytest.raises(CertificateError, match="is not fixed by generator"):
        check_file(forge(cert, tmp_path, edit))


def test_a_certificate_of_another_claim_is_rejected(cert: dict, tmp_path: Path) -> None:
    c = copy.deepcopy(cert)
    c["name"] = "prop9.other"
    c["sha256"] = certio.certificate_hash(c)
    path = tmp_path / "prop9.other.json"
    path.write_text(certio.dumps(c))
    with pytest.raises(CertificateError, match="no specification for invariance claim"):
        check_file(path)
