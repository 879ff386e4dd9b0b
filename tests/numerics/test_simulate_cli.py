"""``sgd-proofs simulate``: bad input exits 2 with a reason, outputs (CSV/NPY/JSON) equal the naive recursion."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from proofs.numerics.moments import power_law_spectrum
from proofs.numerics.naive import naive_loss


def _rel(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.max(np.abs(x - y) / np.abs(y)))


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sgd_proofs.cli", "simulate", *args], capture_output=True,
                          text=True)


BASE = ["--nu", "1.5", "--kappa", "0.8", "--alpha", "1", "--gamma", "0.3", "--tau", "1", "--quiet"]


@pytest.mark.parametrize("bad", [
    ["--beta", "1.0", "--T", "10"],
    ["--beta", "-1.2", "--T", "10"],
    ["--beta", "0.5", "--T", "10", "--alpha", "3.5"],
    ["--beta", "0.5", "--T", "10", "--kappa", "0"],
    ["--beta", "0.5", "--T", "10", "--nu", "0.9"],
    ["--beta", "0.5", "--T", "0"],
    ["--beta", "0.5", "--T", "10", "--N", "0"],
    ["--beta", "0.5", "--T", "10", "--gamma", "-0.1"],
    ["--beta", "0.5", "--T", "ten"],
])
def test_cli_bad_input_exits_2(bad: list[str], tmp_path) -> None:
    out = _cli(*BASE, *bad, "--out", str(tmp_path / "L.csv"))
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and "error" in out.stderr
    assert not (tmp_path / "L.csv").exists()


def test_cli_unknown_extension_and_bad_spectrum(tmp_path) -> None:
    out = _cli(*BASE, "--beta", "0.5", "--T", "10", "--out", str(tmp_path / "L.txt"))
    assert out.returncode == 2 and "extension" in out.stderr
    spec = tmp_path / "s.csv"
    spec.write_text("lambda,lamC0\n1.0,0.5\nx,y\n")
    out = _cli("--spectrum", str(spec), "--alpha", "1", "--beta", "0.5", "--gamma", "0.3", "--tau", "1",
               "--T", "10", "--out", str(tmp_path / "L.csv"))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    spec.write_text("1.0,0.5\n-0.5,0.1\n")
    out = _cli("--spectrum", str(spec), "--alpha", "1", "--beta", "0.5", "--gamma", "0.3", "--tau", "1",
               "--T", "10", "--out", str(tmp_path / "L.csv"))
    assert out.returncode == 2 and "eigenvalue" in out.stderr


@pytest.mark.slow
def test_cli_outputs_and_json(tmp_path) -> None:
    out = _cli(*BASE, "--beta", "0.5", "--T", "300", "--N", "2000", "--out", str(tmp_path / "L.npy"),
               "--json")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    for key in ("T", "N", "final_loss", "seconds", "method", "normalisation"):
        assert key in summary
    L = np.load(tmp_path / "L.npy")
    assert L.shape == (300,) and summary["final_loss"] == L[-1] and summary["N"] == 2000
    lams, lamC0 = power_law_spectrum(1.5, 0.8, 2000)
    assert _rel(L, naive_loss(lams, lamC0, 1.0, 0.5, 0.3, 1.0, 300)) < 1e-11
    # the same spectrum from a CSV file (with a header and a comment) gives the same trajectory
    spec = tmp_path / "spec.csv"
    spec.write_text("# power law nu=1.5 kappa=0.8\nlambda,lambda_C0\n"
                    + "".join(f"{float(x)!r},{float(y)!r}\n" for x, y in zip(lams, lamC0, strict=True)))
    out = _cli("--spectrum", str(spec), "--alpha", "1", "--beta", "0.5", "--gamma", "0.3", "--tau", "1",
               "--T", "300", "--out", str(tmp_path / "L.csv"), "--quiet")
    assert out.returncode == 0, out.stderr
    rows = (tmp_path / "L.csv").read_text().splitlines()
    assert rows[0] == "t,L" and len(rows) == 301
    Lc = np.array([float(r.split(",")[1]) for r in rows[1:]])
    assert _rel(Lc, L) < 1e-12


@pytest.mark.slow
def test_cli_unstable_direction_is_stepped(tmp_path) -> None:
    out = _cli("--nu", "3", "--kappa", "1.5", "--alpha", "1.2", "--beta", "0.5", "--gamma", "1", "--tau", "1",
               "--T", "2000", "--N", "20000", "--quiet", "--json", "--out", str(tmp_path / "L.npy"))
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["head_stepped"] == 1 and summary["head_max_radius"] > 1.4
    assert "warning" not in out.stderr
    lams, lamC0 = power_law_spectrum(3.0, 1.5, 20000)
    assert _rel(np.load(tmp_path / "L.npy"), naive_loss(lams, lamC0, 1.2, 0.5, 1.0, 1.0, 2000)) < 1e-11
    # a divergent run: the warning says where the loss left the double range
    out = _cli("--nu", "3", "--kappa", "1.5", "--alpha", "1.2", "--beta", "0.5", "--gamma", "1", "--tau", "20",
               "--T", "3000", "--quiet", "--out", str(tmp_path / "L.csv"))
    assert out.returncode == 0 and "double-precision range from t = " in out.stderr


def test_cli_infinite_progress_on_stderr(tmp_path) -> None:
    args = [a for a in BASE if a != "--quiet"]
    out = _cli(*args, "--beta", "0.5", "--T", "500", "--out", str(tmp_path / "L.csv"), "--json")
    assert out.returncode == 0, out.stderr
    assert "renewal" in out.stderr and "(100%" in out.stderr
    assert "\r" not in out.stderr  # not a terminal: plain lines, no carriage returns
    summary = json.loads(out.stdout)
    assert summary["N"] == "inf" and summary["kernel_rel_error_estimate"] < 1e-10
