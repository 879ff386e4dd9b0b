"""Resource limits (issue 19, item 1): huge counts and precisions are refused before anything is allocated."""

from __future__ import annotations

import contextlib
import io
import time
import tracemalloc

import numpy as np
import pytest

from sgd_proofs import limits
from sgd_proofs.cli import main

T2 = ["theorem2", "--nu", "2", "--kappa", "0.8", "--alpha", "0.5", "--beta", "0.5", "--gamma", "0.5", "--tau", "1"]
DIV = ["divergence", "--nu", "2", "--kappa", "0.8", "--alpha", "0.3", "--beta", "0.9", "--gamma", "0.5", "--tau", "0"]
SIM = ["simulate", "--alpha", "1", "--beta", "0.5", "--gamma", "0.3", "--tau", "1"]
PL = ["--nu", "1.5", "--kappa", "0.8"]


def run(argv: list[str]) -> tuple[int, str, str, float, int]:
    """``(exit code, stdout, stderr, seconds, peak traced allocation in bytes)`` of ``main(argv)`` in-process."""
    out, err = io.StringIO(), io.StringIO()
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = main(argv)
            except SystemExit as exc:
                rc = exc.code
    finally:
        dt = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return rc, out.getvalue(), err.getvalue(), dt, peak


def sparse_npy(path, rows: int) -> None:
    """A valid .npy file of shape (rows, 2) whose data are a hole (nothing is written or allocated)."""
    with path.open("wb") as fh:
        np.lib.format.write_array_header_1_0(fh, {"descr": "<f8", "fortran_order": False, "shape": (rows, 2)})
        fh.truncate(fh.tell() + 16 * rows)


def refused(argv, param: str):
    rc, out, err, dt, peak = run(argv)
    assert rc == 2, (rc, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err  # one line, no traceback
    assert param in lines[0] and "above" in lines[0] and "refused before allocating" in lines[0], err
    assert dt < 1.0, f"{argv}: refusal took {dt:.2f} s"
    assert peak < 20 * 10**6, f"{argv}: allocated {peak / 1e6:.1f} MB before refusing"
    return lines[0]


def test_theorem2_huge_dps_refused(tmp_path):
    msg = refused([*T2, "--dps", "100000"], "--dps 100000")
    assert "--allow-long" in msg and "years" in msg and "--max-memory" in msg


def test_divergence_huge_dps_refused():
    msg = refused([*DIV, "--dps", "1e5"], "--dps 100000")
    assert "time on a 2-core machine" in msg


def test_simulate_huge_T_refused(tmp_path):
    msg = refused([*SIM, *PL, "--T", "1000000000000", "--out", str(tmp_path / "L.npy")], "--T 1000000000000")
    assert "TB of memory" in msg and "--max-memory" in msg
    assert not (tmp_path / "L.npy").exists()


def test_simulate_naive_huge_N_refused(tmp_path):
    msg = refused([*SIM, *PL, "--N", "1000000000", "--method", "naive", "--T", "100",
                   "--out", str(tmp_path / "L.npy")], "--N 1000000000")
    assert "280 GB" in msg  # 280 B per direction


def test_simulate_exact_huge_N_refused(tmp_path):
    refused([*SIM, *PL, "--N", "1e9", "--method", "exact", "--T", "100", "--out", str(tmp_path / "L.npy")],
            "--N 1000000000")


def test_spectrum_3e6_directions_long_T_refused(tmp_path):
    spec = tmp_path / "big.npy"
    sparse_npy(spec, 3_000_000)
    msg = refused([*SIM, "--spectrum", str(spec), "--T", "1000000000", "--out", str(tmp_path / "L.npy")],
                  "--T 1000000000")
    assert "big.npy (3000000 rows)" in msg  # the spectrum's share is named too
    # with a moderate T the N*T kernel work alone is too long: the spectrum is the parameter named
    msg = refused([*SIM, "--spectrum", str(spec), "--T", "1e5", "--out", str(tmp_path / "L.npy")],
                  "--spectrum big.npy (3000000 rows) with --T 100000")
    assert "kernels" in msg


def test_csv_spectrum_rows_counted_without_parsing(tmp_path):
    spec = tmp_path / "s.csv"
    spec.write_text("lambda,lamC0\n" + "1,0.5\n0.5,0.25\n" * 50_000)
    rows, nbytes = limits.spectrum_rows(spec)
    assert rows == 100_002 and nbytes == spec.stat().st_size
    refused([*SIM, "--spectrum", str(spec), "--T", "3e6", "--out", str(tmp_path / "L.npy")], "with --T 3000000")


def test_head_of_beta_near_one_is_estimated_not_allocated(tmp_path):
    # beta -> 1 makes the exact head K = (alpha Lambda / a_osc)^(1/nu) astronomically large
    refused(["simulate", "--alpha", "0.5", "--beta", "0.99999999", "--gamma", "0.3", "--tau", "1", "--nu", "1.01",
             "--kappa", "0.8", "--T", "1000", "--out", str(tmp_path / "L.npy")], "--beta/--alpha/--nu")


def test_N_beyond_exact_doubles_refused(tmp_path):
    rc, _, err, _, _ = run([*SIM, *PL, "--N", "1e17", "--T", "10", "--out", str(tmp_path / "L.npy")])
    assert rc == 2 and "2^53" in err and "--N" in err


def test_max_memory_is_a_limit_and_a_raise(tmp_path):
    out = str(tmp_path / "L.npy")
    argv = [*SIM, *PL, "--T", "2e6", "--out", out]  # ~420 MB, ~4 min: over 10 min? no; over 100M: yes
    msg = refused([*argv, "--max-memory", "100M"], "--T 2000000")
    assert "the --max-memory limit" in msg
    # raising the limit passes the memory gate (the time limit still applies: 2e6 steps fit in 10 min)
    limits.check(limits.simulate_estimate(2_000_000, "fast"), max_memory=8 * limits.GB, available=None)
    with pytest.raises(limits.LimitError, match="the --max-memory limit"):
        limits.check(limits.simulate_estimate(2_000_000, "fast"), max_memory=100 * limits.MB, available=None)


def test_free_memory_bounds_every_limit():
    est = limits.simulate_estimate(10**7, "fast")  # ~1.5 GB
    with pytest.raises(limits.LimitError, match=r"free memory \(MemAvailable\)"):
        limits.check(est, max_memory=64 * limits.GB, allow_long=True, available=10**9)
    limits.check(est, max_memory=64 * limits.GB, allow_long=True, available=None)  # unknown: the limit only


def test_allow_long_passes_the_time_gate_for_a_modest_overrun():
    est = limits.precision_estimate("theorem2", 200, time_route=True)  # ~15 min: over 10 min, under 7 days
    assert limits.DEFAULT_MAX_SECONDS < est.seconds < limits.LONG_MAX_SECONDS
    with pytest.raises(limits.LimitError, match="--allow-long"):
        limits.check(est, available=None)
    limits.check(est, allow_long=True, available=None)
    far = limits.precision_estimate("theorem2", 5000, time_route=False)
    with pytest.raises(limits.LimitError, match="maximum even with --allow-long"):
        limits.check(far, allow_long=True, max_memory=10**15, available=None)


def test_allow_long_on_the_command_line_starts_the_run(tmp_path, monkeypatch):
    # --dps 200 is refused without --allow-long; with it the gate passes and the computation starts
    # (stopped at its first step here, so that the test does not run for 15 minutes)
    msg = refused([*T2, "--dps", "200"], "--dps 200")
    assert "allow up to 7 days with --allow-long" in msg

    import proofs.numerics.certify as certify

    started = []

    def stop(*a, **k):
        started.append(k.get("dps"))
        raise ValueError("stopped by the test after the gate")

    monkeypatch.setattr(certify, "theorem2_report", stop)
    rc, _, err, _, _ = run([*T2, "--dps", "200", "--allow-long"])
    assert started == [200] and rc == 2 and "stopped by the test" in err
    assert "estimated 15 min" in err or "estimated 16 min" in err or "estimated" in err


def test_estimates_follow_the_algorithms():
    # renewal O(T^2) time, O(T) memory; naive O(N T); precision ~dps^4
    a, b = limits.simulate_estimate(10**5, "fast"), limits.simulate_estimate(10**6, "fast")
    assert 20 < b.seconds / a.seconds < 110
    c, d = limits.simulate_estimate(10**7, "fast"), limits.simulate_estimate(10**8, "fast")
    assert d.memory - c.memory == pytest.approx(144 * 9 * 10**7, rel=0.05)  # O(T): ~18 doubles per step
    n1, n2 = (limits.simulate_estimate(100, "naive", N=n) for n in (10**5, 10**6))
    assert 9 < (n2.memory - limits.BASE_MEMORY) / (n1.memory - limits.BASE_MEMORY) < 11
    p1, p2 = (limits.precision_estimate("theorem2", d, False) for d in (60, 120))
    assert 10 < (p2.seconds - 1) / (p1.seconds - 1) < 16  # measured 151 s / 10.5 s


@pytest.mark.parametrize("text,value", [("8G", 8 * 10**9), ("512M", 512 * 10**6), ("2GiB", 2 * 2**30),
                                        ("1.5GB", 1.5e9), ("1000", 1000), ("64k", 64000)])
def test_parse_size(text, value):
    assert limits.parse_size(text) == value


@pytest.mark.parametrize("text", ["", "G", "-1G", "8X", "nan", "inf", "1e400", "0", "8 G G", "iB"])
def test_parse_size_rejects(text):
    with pytest.raises(ValueError, match="memory size"):
        limits.parse_size(text)


def test_bad_max_memory_is_exit_2(tmp_path):
    rc, _, err, _, _ = run([*T2, "--max-memory", "lots"])
    assert rc == 2 and "--max-memory" in err and "memory size" in err


def test_mem_available_reads_meminfo():
    free = limits.mem_available()
    assert free is None or free > 0


def test_documented_commands_still_run(tmp_path):
    out = tmp_path / "L.npy"
    rc, so, err, dt, _ = run([*SIM, *PL, "--T", "1e4", "--out", str(out), "--quiet"])
    assert rc == 0 and out.exists() and len(np.load(out)) == 10_000
    rc, so, err, _, _ = run([*T2, "--json", "--quiet", "--no-time-route"])
    assert rc == 0 and '"C"' in so


@pytest.mark.parametrize("cmd", ["simulate", "theorem2", "divergence"])
def test_help_documents_the_limits(cmd, capsys):
    with pytest.raises(SystemExit):
        main([cmd, "--help"])
    text = capsys.readouterr().out
    assert "--max-memory" in text and "--allow-long" in text and "docs/limits.md" in text
