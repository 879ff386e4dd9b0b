"""`sgd-proofs audit`: the three outputs, every numbered statement, statuses computed (never hard-coded).

Only the fast producers (derivation, exact checks) and one figure run here; the full audit is
benchmarked in docs/benchmarks.md.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from proofs import paper_claims as pc
from proofs.audit import figures, runner
from sgd_proofs.cli import main

FAST = ["symbolic.certificate", "proofs.checks.certify"]


@pytest.fixture
def fast(monkeypatch):
    monkeypatch.setattr(runner, "producers", lambda: list(FAST))
    monkeypatch.setattr(figures, "FIGURES", [figures.phase_diagram])


@pytest.fixture(scope="module")
def committed(tmp_path_factory) -> Path:
    """A 'committed' certificate directory made by the fast producers."""
    import importlib

    d = tmp_path_factory.mktemp("committed")
    for m in FAST:
        importlib.import_module(m).produce(d)
    return d


def audit(out: Path, committed: Path | None, *extra: str) -> int:
    return main(["audit", "--out", str(out), "--committed", str(committed or "none"), "--quiet", *extra])


def test_audit_writes_three_files_with_every_statement(fast, committed: Path, tmp_path: Path) -> None:
    out = tmp_path / "rep"
    assert audit(out, committed) == 0
    html = (out / "report.html").read_text()
    md = (out / "report.md").read_text()
    data = json.loads((out / "audit.json").read_text())
    assert "data:image/png;base64," in html and "<style>" in html
    assert "http://" not in html and "https://" not in html  # nothing fetched: opens offline
    for key in pc.keys():
        assert f"<b>{key}</b>" in html and f"| {key} |" in md
    for label in ["Prop. 1", "Prop. 12", "Theorem 1", "Theorem 3", "Lemma 2", "Eq. 16", "Eq. 28a", "Eq. 28b",
                  "Eq. 30", "App. H"]:
        assert label in pc.keys()
    st = {s["key"]: s["status"] for s in data["statements"]}
    assert st["Prop. 2"] == "confirmed numerically" and st["Eq. 21"] == "proved"
    assert st["Theorem 1"] == "not covered"
    # semi-algebraic certificates were not produced here: Lemma 1.1 cannot be proved
    assert st["Lemma 1.1"] == "not covered" and st["Lemma 1.2"] == "not covered"


def test_statuses_come_from_certificates(committed: Path, tmp_path: Path) -> None:
    assert all(a.status == "not covered" for a in pc.assess({}).values())
    verdicts = runner.check_dir(committed, runner._quiet)
    good = pc.assess(pc.load_records(committed, verdicts))
    assert good["Prop. 7"].status == "confirmed numerically" and good["Eqs. 17-20"].status == "proved"
    # a failing check on one file degrades exactly the statements resting on it
    verdicts2 = dict(verdicts, **{"check.prop7.json": (False, "tampered")})
    bad = pc.assess(pc.load_records(committed, verdicts2))
    assert bad["Prop. 7"].status == "check failed" and bad["Prop. 2"].status == "confirmed numerically"
    # an argued statement degrades when its dependency is missing
    d = tmp_path / "c"
    shutil.copytree(committed, d)
    (d / "check.prop1.json").unlink()
    st = pc.assess(pc.load_records(d, runner.check_dir(d, runner._quiet)))
    assert st["Prop. 1"].status == "not covered" and st["Prop. 6"].status == "not covered"


def test_tampered_certificate_fails_the_audit(fast, committed: Path, tmp_path: Path) -> None:
    out = tmp_path / "rep"
    assert audit(out, committed) == 0
    f = out / "certificates" / "check.eq21.json"
    f.write_text(f.read_text().replace('"holds": true', '"holds": false'))  # hash no longer matches
    assert audit(out, committed) == 1  # sources unchanged: the tampered file is reused, and caught
    st = {s["key"]: s["status"] for s in json.loads((out / "audit.json").read_text())["statements"]}
    assert st["Eq. 21"] == "check failed"
    assert audit(out, committed, "--fresh") == 0  # regenerated: clean again


def test_regression_is_detected(monkeypatch, fast, committed: Path, tmp_path: Path) -> None:
    monkeypatch.setattr(runner, "producers", lambda: ["symbolic.certificate"])  # exact checks vanish
    out = tmp_path / "rep"
    assert audit(out, committed, "--no-figures") == 1
    data = json.loads((out / "audit.json").read_text())
    assert "Eq. 21" in data["regressions"]
    assert any("check.eq21" in d for d in data["drift_from_committed"])


def test_bad_input_exit_2(tmp_path: Path) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    assert main(["audit", "--out", str(f), "--quiet"]) == 2
    missing = str(tmp_path / "nope")
    assert main(["audit", "--out", str(tmp_path / "o"), "--committed", missing, "--quiet"]) == 2


def test_regression_diff_names_claim_and_field(committed: Path, tmp_path: Path) -> None:
    from proofs.audit.regression import diff_dirs

    d = tmp_path / "c"
    shutil.copytree(committed, d)
    cert = json.loads((d / "check.prop7.json").read_text())
    cert["content"]["instances"][0]["s"][0] = "99"
    (d / "check.prop7.json").write_text(json.dumps(cert))
    msgs = diff_dirs(committed, d)
    assert len(msgs) == 1 and msgs[0].startswith("check.prop7: content.instances[0].s[0]")
