"""The exact checks of proofs.checks (Props. 1, 2, 7, eqs. 16, 21) can fail, and so can the checker on them.

The checker is reached only through its public entry point ``checker.check_file`` on (re-signed)
certificate files; its internals are tested in tests/checker/.
"""

from __future__ import annotations

import copy
import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from checker import CertificateError, check_file
from proofs import certio
from proofs.checks import certify, series
from proofs.checks import minibatch as mb


@pytest.fixture(scope="module")
def certs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("exact")
    rows = certify.produce(out)
    assert {r["status"] for r in rows} == {"verified"}
    return out


def content(certs: Path, name: str) -> dict:
    return json.loads((certs / f"{name}.json").read_text())["content"]


def resigned(certs: Path, tmp: Path, name: str, content: dict) -> Path:
    """``content`` as a correctly hashed certificate named ``name`` (side files copied): only the
    mathematics can make the checker reject it."""
    for f in certs.iterdir():
        if f.is_dir():
            shutil.copytree(f, tmp / f.name, dirs_exist_ok=True)
    return certio.write(tmp, "exact", name, content)


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n == "check.prop2" else n
                                  for n in certify.CHECKS])
def test_checker_accepts_generated(certs: Path, name: str) -> None:
    assert "holds" in check_file(certs / f"{name}.json")


def test_prop2_holds_on_torus_and_fails_without_translation_invariance() -> None:
    inst = mb.prop2_instance((3, 3), 2, "without_replacement", 5)
    assert mb.check_prop2(inst)["holds"]
    feats = mb.torus_features((3, 3), [Fraction(x) for x in inst["phi"]])
    mixed, _ = mb.mixed_features(feats, 9)
    assert mb.hessian(mixed) == mb.hessian(feats)  # same spectrum and eigenvectors ...
    assert not mb.check_prop2(inst, mixed)["holds"]  # ... but the SE identity fails
    # a single perturbed feature also breaks it
    feats[0][1] += 1
    assert not mb.check_prop2(inst, feats)["holds"]


def test_prop1_eq5_needs_the_right_gamma() -> None:
    inst = mb.prop1_instance(5, 2, 2, "without_replacement", 4)
    feats = mb.parse_features(inst)
    x = next(mb.symmetric_basis(2))
    exact = mb.noise_dual(feats, 2, "without_replacement", x)
    assert exact == mb.noise_eq5(feats, 2, "without_replacement", x)
    # gamma = 1/b (i.i.d. draws) is wrong for sampling without replacement
    assert mb.noise_dual(feats, 2, "without_replacement", x) != mb.noise_eq5(feats, 2, "with_replacement", x)


def test_prop7_fails_when_the_bound_is_perturbed() -> None:
    inst = mb.prop7_instance(4, "identity", 13)
    assert mb.check_prop7(inst)["holds"]
    n = inst["N"]
    assert not mb.check_prop7(inst, endpoint_factor=Fraction(n - 1))["holds"]
    assert not mb.check_prop7(inst, lower_factor=Fraction(1))["holds"]
    rnd = mb.prop7_instance(9, "random", 3)
    q = mb.prop7_quantities(rnd)
    tight = max(d / (lam * q["trHC"]) for d, lam in zip(q["D"], q["lambda"], strict=True))
    assert not mb.check_prop7(rnd, upper_factor=tight * Fraction(99, 100))["holds"]


@pytest.mark.slow
def test_checker_rejects_tampered_content(certs: Path, tmp_path: Path) -> None:
    c = content(certs, "check.prop2")
    bad = copy.deepcopy(c)
    bad["results"][0]["holds"] = False
    with pytest.raises(CertificateError, match=r"^prop2 instance 0: recomputed .* differs from recorded"):
        check_file(resigned(certs, tmp_path, "check.prop2", bad))
    bad = copy.deepcopy(c)
    bad["controls"][0]["Q"][0][0] = str(Fraction(bad["controls"][0]["Q"][0][0]) + 1)
    with pytest.raises(CertificateError, match="^prop2 control: Q is not orthogonal"):
        check_file(resigned(certs, tmp_path, "check.prop2", bad))
    c7 = content(certs, "check.prop7")
    bad = copy.deepcopy(c7)
    bad["instances"][0]["s"][0] = "100"  # a different instance: every recorded field is recomputed from it
    with pytest.raises(CertificateError, match=r"^prop7 instance 0: recomputed .* differs from recorded"):
        check_file(resigned(certs, tmp_path, "check.prop7", bad))
    bad = copy.deepcopy(c7)
    bad["controls"][0]["endpoint_factor"] = str(bad["instances"][bad["controls"][0]["instance_index"]]["N"])
    # the "perturbed" control is now the true statement: must be caught
    with pytest.raises(CertificateError, match=r"^prop7 control \(endpoint .*\) did not fail"):
        check_file(resigned(certs, tmp_path, "check.prop7", bad))
    assert "holds" in check_file(resigned(certs, tmp_path, "check.prop7", c7))  # re-signing alone is harmless


def test_eq16_and_eq21_fail_when_perturbed(certs: Path, tmp_path: Path) -> None:
    c = content(certs, "check.eq16")
    bad = copy.deepcopy(c)
    term = bad["operator"][0][1]["terms"][0]
    term[1] = str(-Fraction(term[1]))  # flip one sign of the moment operator
    with pytest.raises(CertificateError, match="^recorded operator is not the SE moment operator derived from"):
        check_file(resigned(certs, tmp_path, "check.eq16", bad))
    polys = series.derived_polynomials()
    polys["A"][1][0] = {m: -v for m, v in polys["A"][1][0].items()}
    assert not series.check_eq16(series.instance(0, 3), polys)["holds"]
    c21 = content(certs, "check.eq21")
    bad = copy.deepcopy(c21)
    bad["eq21_denominator"] = "a*(2*(1 - b**2) - a*(1 + b) + g*a*(1 + b))"
    with pytest.raises(CertificateError, match=r"^recorded eq21_denominator .* is not S at z = 1"):
        check_file(resigned(certs, tmp_path, "check.eq21", bad))
