"""Evidence is never degraded: without QEPCAD B, regeneration keeps the recorded QEPCAD verdicts and inputs.

QEPCAD B is optional for users. A regeneration on a machine without it must not rewrite a committed
certificate with less than it held: the absent backend's verdict record and its input side files are
kept verbatim from the earlier certificate (output directory first, then ``recorded`` directories),
provided that certificate is intact, states the same claim and its side files still match. Each case
where that is not possible leaves the backend ``skipped`` and says why in the returned row.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from proofs import certio, semialgebraic
from proofs.registry import claims
from proofs.solvers import qepcad_backend

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "certificates"
NAMES = ("lemma1.1", "appH.equivalence")  # a universal and a quantified claim


@pytest.fixture
def no_qepcad(monkeypatch):
    monkeypatch.setattr(qepcad_backend, "binary", lambda: None)
    monkeypatch.delenv("SGD_PROOFS_REQUIRE_QEPCAD", raising=False)


def _claim(name: str):
    return next(c for c in claims() if c.name == name)


def _files(d: Path, name: str) -> dict[str, bytes]:
    out = {f"{name}.json": (d / f"{name}.json").read_bytes()}
    if (d / name).is_dir():
        out.update({f"{name}/{p.name}": p.read_bytes() for p in sorted((d / name).iterdir())})
    return out


def _copy(name: str, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(COMMITTED / f"{name}.json", dest / f"{name}.json")
    shutil.copytree(COMMITTED / name, dest / name)


@pytest.mark.parametrize("name", NAMES)
def test_in_place_without_qepcad_is_byte_identical(no_qepcad, tmp_path, name):
    _copy(name, tmp_path)
    row = semialgebraic.produce_one(_claim(name), tmp_path)
    assert _files(tmp_path, name) == _files(COMMITTED, name)
    assert "qepcad" in row["recorded"] and "not re-run" in row["recorded"]["qepcad"]
    assert "not_rerun" not in row


@pytest.mark.parametrize("name", NAMES)
def test_fresh_dir_keeps_verdicts_from_recorded_dir(no_qepcad, tmp_path, name):
    semialgebraic.produce_one(_claim(name), tmp_path / "out", recorded=(COMMITTED,))
    assert _files(tmp_path / "out", name) == _files(COMMITTED, name)


def test_nothing_recorded_is_skipped_and_said(no_qepcad, tmp_path):
    row = semialgebraic.produce_one(_claim("lemma1.1"), tmp_path)
    content = json.loads((tmp_path / "lemma1.1.json").read_text())["content"]
    assert content["verdicts"]["qepcad"]["status"] == "skipped"
    assert "no earlier certificate" in row["not_rerun"]["qepcad"]


def _rewrite(path: Path, edit, rehash: bool) -> None:
    cert = json.loads(path.read_text())
    edit(cert["content"])
    if rehash:
        cert["sha256"] = certio.certificate_hash(cert)
    path.write_text(certio.dumps(cert))


@pytest.mark.parametrize(
    "tamper, reason",
    [
        (lambda d: _rewrite(d / "lemma1.1.json", lambda c: c.update(notes="x"), rehash=False), "not an intact"),
        (lambda d: _rewrite(d / "lemma1.1.json", lambda c: c["claim"]["assume"].pop(), rehash=True),
         "different claim"),
        (lambda d: (d / "lemma1.1" / "lemma1.1.qepcad").write_text("[edited]\n"), "input missing or changed"),
        (lambda d: _rewrite(d / "lemma1.1.json", lambda c: c["verdicts"]["qepcad"].update(status="skipped"),
                            rehash=True), "no recorded verdict"),
    ],
)
def test_unusable_record_is_not_kept(no_qepcad, tmp_path, tamper, reason):
    _copy("lemma1.1", tmp_path)
    tamper(tmp_path)
    row = semialgebraic.produce_one(_claim("lemma1.1"), tmp_path)
    assert reason in row["not_rerun"]["qepcad"]
    content = json.loads((tmp_path / "lemma1.1.json").read_text())["content"]
    assert content["verdicts"]["qepcad"]["status"] == "skipped"


def _path_without_qepcad(tmp: Path) -> str:
    """PATH with every directory holding ``qepcad`` replaced by a copy of it (symlinks) without it."""
    out = []
    for i, d in enumerate(os.environ.get("PATH", "").split(os.pathsep)):
        if d and (Path(d) / "qepcad").exists():
            shadow = tmp / f"bin{i}"
            shadow.mkdir()
            for p in Path(d).iterdir():
                if p.name != "qepcad":
                    (shadow / p.name).symlink_to(p)
            d = str(shadow)
        out.append(d)
    return os.pathsep.join(out)


@pytest.mark.slow
def test_regenerate_without_qepcad_leaves_certificates_unchanged(tmp_path):
    """The README's main command on a machine without QEPCAD B: every committed file byte-identical."""
    work = tmp_path / "certificates"
    shutil.copytree(COMMITTED, work)
    env = {**os.environ, "PATH": _path_without_qepcad(tmp_path)}
    env.pop("SGD_PROOFS_REQUIRE_QEPCAD", None)
    res = subprocess.run([sys.executable, "-m", "sgd_proofs", "regenerate", "--out", str(work)],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=1800)
    assert res.returncode == 0, res.stderr[-3000:]
    assert "qepcad is not installed: kept the recorded verdict" in res.stderr
    before = {p.relative_to(COMMITTED): p.read_bytes() for p in COMMITTED.rglob("*") if p.is_file()}
    after = {p.relative_to(work): p.read_bytes() for p in work.rglob("*") if p.is_file()}
    after.pop(Path("provenance.json"), None)
    before.pop(Path("provenance.json"), None)
    assert after == before
