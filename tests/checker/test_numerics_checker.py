"""The numerics checker accepts real certificates and rejects tampered ones."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from checker.core import CertificateError, check_file
from checker.numerics import agree_digits
from proofs import certio
from proofs.numerics import points
from proofs.numerics.certify import prop4_content, theorem2_content, theorem2_report


@pytest.fixture(scope="module")
def t2_content() -> dict:
    p = points.THEOREM2["signal_zeta1"]
    return theorem2_content("signal_zeta1", p, theorem2_report(p))


def _write(tmp: Path, content: dict, name: str = "c") -> Path:
    return certio.write(tmp, "numerics", name, content)


def test_agree_digits_exact() -> None:
    assert agree_digits("1.2345", "1.2346", 30) == 4
    assert agree_digits("1", "1.001", 30) == 3
    assert agree_digits("1", "1.0000", 30) == 30
    assert agree_digits("2", "1", 30) == 0


def test_real_certificate_passes(tmp_path: Path, t2_content: dict) -> None:
    assert t2_content["status"] == "confirmed"
    assert "confirmed" in check_file(_write(tmp_path, t2_content))


def test_changed_value_breaks_agree_digits(tmp_path: Path, t2_content: dict) -> None:
    c = copy.deepcopy(t2_content)
    v = c["routes"][0]["value"]
    c["routes"][0]["value"] = v[:8] + ("1" if v[8] != "1" else "2") + v[9:]
    with pytest.raises(CertificateError, match="agree_digits"):
        check_file(_write(tmp_path, c))


def test_changed_hash_rejected(tmp_path: Path, t2_content: dict) -> None:
    path = _write(tmp_path, t2_content)
    cert = json.loads(path.read_text())
    cert["content"]["value"]["value"] = cert["content"]["value"]["value"][:-1] + "7"
    path.write_text(json.dumps(cert))
    with pytest.raises(CertificateError, match="sha256"):
        check_file(path)


def test_low_precision_rejected(tmp_path: Path, t2_content: dict) -> None:
    c = copy.deepcopy(t2_content)
    c["precision_dps"] = 29
    with pytest.raises(CertificateError, match="precision_dps"):
        check_file(_write(tmp_path, c))


def test_status_must_follow_thresholds(tmp_path: Path, t2_content: dict) -> None:
    c = copy.deepcopy(t2_content)
    c["routes"][0]["required_digits"] = 40  # above what the values show
    with pytest.raises(CertificateError, match="status"):
        check_file(_write(tmp_path, c))
    c["status"] = "disagreement"
    assert "disagreement" in check_file(_write(tmp_path, c))
    c2 = copy.deepcopy(t2_content)
    c2["routes"][0]["required_digits"] = 3  # below the Theorem 2 minimum of 10
    with pytest.raises(CertificateError, match="minimum"):
        check_file(_write(tmp_path, c2))


def test_phase_and_float_values_rejected(tmp_path: Path, t2_content: dict) -> None:
    c = copy.deepcopy(t2_content)
    c["phase"] = "noise-dominated"
    with pytest.raises(CertificateError, match="phase"):
        check_file(_write(tmp_path, c))
    c = copy.deepcopy(t2_content)
    c["value"]["value"] = float(c["value"]["value"])
    with pytest.raises(CertificateError, match="decimal string"):
        check_file(_write(tmp_path, c))
    c = copy.deepcopy(t2_content)
    c["value"]["value"] = c["value"]["value"][:12]  # too few significant digits
    with pytest.raises(CertificateError, match="significant"):
        check_file(_write(tmp_path, c))


@pytest.mark.slow
def test_prop4_comparisons_checked(tmp_path: Path) -> None:
    content, _ = prop4_content()
    assert "verified" in check_file(_write(tmp_path, content, "p4"))
    c = copy.deepcopy(content)
    c["comparisons"][0]["lhs"] = "1000"  # α_eff,crit above the bound: the recorded 'holds' is now false
    with pytest.raises(CertificateError, match="comparison"):
        check_file(_write(tmp_path, c, "p4"))
    c["comparisons"][0]["holds"] = False
    with pytest.raises(CertificateError, match="status"):
        check_file(_write(tmp_path, c, "p4"))
