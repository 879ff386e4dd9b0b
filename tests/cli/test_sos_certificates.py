"""Exact sum-of-squares certificates end to end (issue 17's "done when"): ``sgd-proofs prove --methods sos
--out`` writes a certificate for Motzkin over R², Motzkin and Robinson on boxes containing their zeros
(δ = 0: no box cover can close them), and AM–GM over R²; ``python3 -S -m checker --claim FILE`` validates
each one; the paper's own ``sharp.S.g_nonneg`` (g unbounded) carries a checked ``sos`` proof; and tampering
with one square's weight, one square's coefficient or the multiplier is rejected by the checker for the
exact identity — even with the hash recomputed, so that it is the mathematics, not the hash, that fails."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from proofs import certio
from sgd_proofs.cli import main

ROOT = Path(__file__).resolve().parents[2]

CLAIMS = {
    "motzkin over the plane": (["x", "y"], [], "x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1 >= 0"),
    "motzkin on a box with its zeros": (["x", "y"], ["-2 <= x", "x <= 2", "-3/2 <= y", "y <= 2"],
                                        "x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1 >= 0"),
    "am-gm over the plane": (["x", "y"], [], "x**4 + y**4 >= 2*x**2*y**2"),
    "robinson on a box with its zeros": (["x", "y"], ["-2 <= x", "x <= 2", "-2 <= y", "y <= 2"],
                                         "x**6 + y**6 + 1 - x**4*y**2 - x**2*y**4 - x**4 - x**2 - y**4 - y**2"
                                         " + 3*x**2*y**2 >= 0"),
}


def _toml(name: str, vs: list[str], assume: list[str], show: str) -> str:
    q = lambda xs: "[" + ", ".join(f'"{x}"' for x in xs) + "]"  # noqa: E731
    return f'name = "{name}"\nvariables = {q(vs)}\nassume = {q(assume)}\nshow = "{show}"\n'


def checker(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-S", "-m", "checker", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def certified(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    tmp = tmp_path_factory.mktemp("sos")
    out = {}
    for i, (name, (vs, assume, show)) in enumerate(CLAIMS.items()):
        toml = tmp / f"claim{i}.toml"
        toml.write_text(_toml(name, vs, assume, show))
        cert = tmp / f"claim{i}.json"
        assert main(["prove", str(toml), "--methods", "sos", "--out", str(cert), "--timeout", "120"]) == 0, name
        out[name] = (toml, cert)
    return out


@pytest.mark.parametrize("name", list(CLAIMS))
def test_the_checker_validates_the_sos_certificate(certified, name) -> None:
    toml, cert = certified[name]
    c = json.loads(cert.read_text())["content"]
    assert c["status"] == "proved" and c["methods"] == ["sos"] and c["proofs"]["sos"]["method"] == "sos"
    run = checker("--claim", str(toml), str(cert))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "sos certificate valid" in run.stdout


def test_motzkin_needs_a_non_constant_multiplier(certified) -> None:
    """Motzkin's polynomial is not itself a sum of squares: over R² the certificate multiplies it by m ≠ const."""
    proof = json.loads(certified["motzkin over the plane"][1].read_text())["content"]["proofs"]["sos"]
    assert {tuple(e) for _, q in proof["multiplier"] for e, _ in q["terms"]} - {(0, 0)}


def _tampered(cert: Path, edit, where: Path) -> Path:
    doc = copy.deepcopy(json.loads(cert.read_text()))
    edit(doc["content"]["proofs"]["sos"])
    doc["sha256"] = certio.certificate_hash(doc)  # a forger recomputes the hash: it must not help
    out = cert.parent / f"tampered-{where.name}-{cert.name}"  # beside the original: its side files resolve
    out.write_text(certio.dumps(doc))
    return out


def _first_square(proof: dict) -> list:
    """The first square with a non-zero weight (changing it must change the sum)."""
    return next(sq for t in proof["terms"] for sq in t["squares"] if Fraction(sq[0]) != 0)


def _bump_weight(proof: dict) -> None:
    sq = _first_square(proof)
    sq[0] = str(Fraction(sq[0]) + 1)


def _bump_coefficient(proof: dict) -> None:
    term = _first_square(proof)[1]["terms"][0]
    term[1] = "7/3" if term[1] != "7/3" else "5/3"


def _bump_multiplier(proof: dict) -> None:
    w = proof["multiplier"][0]
    w[0] = "3" if w[0] != "3" else "5"


@pytest.mark.parametrize("edit", [_bump_weight, _bump_coefficient, _bump_multiplier],
                         ids=["square weight", "square coefficient", "multiplier"])
@pytest.mark.parametrize("name", ["motzkin over the plane", "motzkin on a box with its zeros"])
def test_tampering_is_rejected_by_the_exact_identity(certified, tmp_path, name, edit) -> None:
    toml, cert = certified[name]
    bad = _tampered(cert, edit, tmp_path)
    run = checker("--claim", str(toml), str(bad))
    assert run.returncode != 0, run.stdout
    assert "differs from the certificate's sum" in run.stdout + run.stderr


def test_a_certificate_for_another_claim_is_rejected(certified, tmp_path) -> None:
    """The sos proof of Motzkin on the box is not accepted for a wider box (the statement is the claim file's)."""
    toml, cert = certified["motzkin on a box with its zeros"]
    other = tmp_path / "wider.toml"
    other.write_text(toml.read_text().replace('"x <= 2"', '"x <= 3"'))
    run = checker("--claim", str(other), str(cert))
    assert run.returncode != 0


def test_sharp_s_g_nonneg_has_a_checked_sos_certificate() -> None:
    """The paper's claim with g unbounded (no box cover applies): the committed certificate holds an exact
    sos proof, and the checker validates it against its own specification of the claim."""
    path = ROOT / "certificates" / "sharp.S.g_nonneg.json"
    c = json.loads(path.read_text())["content"]
    assert c["status"] == "proved" and "sos" in c["methods"] and c["proofs"]["sos"]["method"] == "sos"
    assert c["verdicts"]["bernstein"]["status"] == c["verdicts"]["intervals"]["status"] == "unknown"
    run = checker(str(path))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "sos certificate valid" in run.stdout
