"""Outputs are atomic, all-or-nothing and single-writer (``proofs.outputs``, ``sgd-proofs regenerate``).

* a file is never half-written: a failing write (``ENOSPC``) leaves the old file and no temporary;
* ``regenerate`` into a directory completes or leaves the previous certificates byte-identical — under
  a full disk (a patched writer raising ``ENOSPC`` after k files, every k) and under ``SIGKILL`` at
  random instants (fixed seed): afterwards the checker accepts every file and nothing is truncated;
* an interrupted swap is repaired at the next run; a second writer is refused while the first runs.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.core import check_file
from proofs import certio, outputs
from sgd_proofs.cli import main

ROOT = Path(__file__).resolve().parents[2]
FAST = ["--only", "checks"]  # the fastest producer (5 exact instance checks, under a second)


def _snapshot(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()
            and p.name != "provenance.json"}


def _all_valid(d: Path) -> None:
    files = sorted(d.glob("*.json"))
    assert files
    for f in files:
        if f.name == "provenance.json":
            json.loads(f.read_text())  # complete JSON, not truncated
            continue
        check_file(f)  # raises CertificateError on anything wrong


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """An output directory holding a complete earlier generation (the fast producers' certificates)."""
    out = tmp_path / "certs"
    assert main(["regenerate", *FAST, "--out", str(out), "--quiet"]) == 0
    return out


def test_atomic_write_failure_keeps_the_old_file(tmp_path, monkeypatch):
    f = tmp_path / "a.json"
    outputs.atomic_write(f, "old\n")

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs.os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        outputs.atomic_write(f, "new and longer\n")
    assert f.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]  # no temporary left behind


def test_staged_body_failure_leaves_the_directory_untouched(seeded):
    before = _snapshot(seeded)
    with pytest.raises(RuntimeError, match="boom"), outputs.staged(seeded) as stage:
        (stage / "check.prop1.json").unlink()
        (stage / "new.json").write_text("{}")
        raise RuntimeError("boom")
    assert _snapshot(seeded) == before
    assert not list(seeded.parent.glob(".certs.staging-*"))


def test_an_interrupted_swap_is_repaired(seeded):
    before = _snapshot(seeded)
    os.rename(seeded, seeded.parent / ".certs.previous")  # killed between the two renames
    outputs.recover(seeded)
    assert _snapshot(seeded) == before


@pytest.mark.parametrize("k", [0, 3, pytest.param(1, marks=pytest.mark.slow), pytest.param(4, marks=pytest.mark.slow)])
def test_regenerate_on_a_full_disk_leaves_the_previous_generation(seeded, monkeypatch, capsys, k):
    """Certificate write k (of 5) fails with ENOSPC: exit 1, a message, the directory as it was."""
    before = _snapshot(seeded)
    real = certio.atomic_write
    count = {"n": 0}

    def filling(path, data):
        if count["n"] >= k:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        count["n"] += 1
        real(path, data)

    monkeypatch.setattr(certio, "atomic_write", filling)
    assert main(["regenerate", *FAST, "--out", str(seeded), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "left exactly as it was" in err
    assert _snapshot(seeded) == before
    _all_valid(seeded)
    assert not list(seeded.parent.glob(".certs.staging-*"))


def test_a_second_writer_is_refused(seeded, capsys):
    with outputs.locked(seeded):
        assert main(["regenerate", *FAST, "--out", str(seeded), "--quiet"]) == 2
    assert "being written by another sgd-proofs run" in capsys.readouterr().err
    assert main(["regenerate", *FAST, "--out", str(seeded), "--quiet"]) == 0  # released


@pytest.mark.slow
def test_regenerate_killed_at_random_instants_leaves_a_complete_generation(seeded):
    """SIGKILL at 8 instants (seed 20261202) during a regeneration: every time the directory is a complete,
    valid generation (the same files, each accepted by the checker), and the next run cleans up."""
    before = _snapshot(seeded)
    rng = random.Random(20261202)
    cmd = [sys.executable, "-m", "sgd_proofs", "regenerate", *FAST, "--out", str(seeded), "--quiet"]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True)
    full = time.perf_counter() - t0
    for _ in range(8):
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, full))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not seeded.exists():  # killed between the two renames: the next run puts it back
            outputs.recover(seeded)
        assert _snapshot(seeded) == before  # deterministic producers: a complete generation is identical
        _all_valid(seeded)
    subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True)
    assert not list(seeded.parent.glob(".certs.staging-*")) and not (seeded.parent / ".certs.previous").exists()
    assert _snapshot(seeded) == before


def test_audit_refuses_a_directory_being_written(tmp_path, capsys):
    out = tmp_path / "rep"
    with outputs.locked(out):
        assert main(["audit", "--out", str(out), "--committed", "none", "--quiet", "--no-figures"]) == 2
    assert "being written by another sgd-proofs run" in capsys.readouterr().err


def test_prove_out_is_atomic(tmp_path, monkeypatch, capsys):
    claim = tmp_path / "c.toml"
    claim.write_text('name = "c"\nvariables = ["x"]\nassume = ["0 < x"]\nshow = "x**2 + x > 0"\n')
    out = tmp_path / "c.json"
    out.write_text("earlier\n")
    monkeypatch.setattr(outputs.os, "fsync", lambda _fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    rc = main(["prove", str(claim), "--out", str(out), "--quiet", "--methods", "z3"])
    assert rc == 2 and "full" in capsys.readouterr().err
    assert out.read_text() == "earlier\n"
    shutil.rmtree(tmp_path / "c", ignore_errors=True)
