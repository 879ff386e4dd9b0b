"""Eq. 16 per direction: the derivation ring verifies adj(I - zA)[0,:] (I - zA) = S e_0 and that u_num, v_num
are the (1,1,1), (1,0,0) components; a perturbed S or u/v numerator is rejected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import derivation, derive
from checker.errors import CertificateError
from checker.poly import add, parse

CERT = Path(__file__).resolve().parents[2] / "certificates" / "derivation.json"


def test_committed_certificate_lists_and_passes_the_identity():
    c = json.loads(CERT.read_text())["content"]
    assert any("adj(I - z A)[0,:] (I - z A) == S e_0" in x for x in c["identities_for_checker"])
    assert "S e_0" in derivation.check(c, CERT.parent)


def _patched(monkeypatch, key: str, delta: str) -> None:
    real = dict(derive.polys())
    real[key] = add(real[key], parse(delta, derive.VARS))
    monkeypatch.setattr(derivation, "polys", lambda: real)


@pytest.mark.parametrize("key, delta, reason", [
    ("S", "a*z**2", "differs from S e_0"),
    ("u_num", "z", "u_num, v_num are not"),
    ("v_num", "b*z", "u_num, v_num are not"),
])
def test_perturbed_polynomials_rejected(monkeypatch, key, delta, reason):
    _patched(monkeypatch, key, delta)
    with pytest.raises(CertificateError, match=reason):
        derivation.resolvent_row()


def test_perturbed_operator_rejected_against_the_true_S(monkeypatch):
    """A wrong operator (one entry's sign flipped) no longer has S as its resolvent determinant."""
    A = [[dict(e) for e in row] for row in derive.operator()]
    m = next(iter(A[1][0]))
    A[1][0][m] = -A[1][0][m]
    monkeypatch.setattr(derivation, "operator", lambda: A)
    with pytest.raises(CertificateError, match="differs from S e_0|u_num, v_num are not"):
        derivation.resolvent_row()


def test_tampered_certificate_rejected(tmp_path):
    from checker.core import check_file

    cert = json.loads(CERT.read_text())
    cert["content"]["v_num"]["terms"][0][1] = "7"
    p = tmp_path / "derivation.json"
    p.write_text(json.dumps(cert))
    with pytest.raises(CertificateError, match="sha256|v_num"):
        check_file(p)
