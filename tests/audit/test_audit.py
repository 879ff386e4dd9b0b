"""`sgd-proofs audit`: the three outputs, every numbered statement, statuses computed (never hard-coded).

Only the fast producers (derivation, exact checks) and one figure run here; the full audit is
benchmarked in docs/benchmarks.md.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from audit import assess, figures, papers, records, runner
from audit.records import check_dir, load_records
from audit.status import Assessment, Outcome
from sgd_proofs.cli import main

PAPER = papers.load()

#: the fast producers: the derivation and the exact checks (no solvers, no high-precision numerics)
FAST = [m for m in runner.producers() if "semialgebraic" not in m and "numerics" not in m]


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


@pytest.fixture(scope="module")
def verdicts(committed: Path) -> dict[str, tuple[bool, str]]:
    """The checker's verdicts on the 'committed' directory (checked once per module)."""
    return check_dir(committed)


def audit(out: Path, committed: Path | None, *extra: str) -> int:
    return main(["audit", "--out", str(out), "--committed", str(committed or "none"), "--quiet", *extra])


@pytest.mark.slow
def test_audit_writes_three_files_with_every_statement(fast, committed: Path, tmp_path: Path) -> None:
    out = tmp_path / "rep"
    assert audit(out, committed) == 0
    html = (out / "report.html").read_text()
    md = (out / "report.md").read_text()
    data = json.loads((out / "audit.json").read_text())
    assert (out / ".gitignore").read_text().splitlines()[-1] == "*"  # output is never committed by accident
    assert "data:image/png;base64," in html and "<style>" in html
    assert "http://" not in html and "https://" not in html  # nothing fetched: opens offline
    for s_ in PAPER.statements:
        label = f"{s_.key} (reconstructed)" if s_.reconstructed else s_.key  # reconstructed formulas are labelled
        assert f"<b>{s_.key}</b>" in html and f"| {label} |" in md
    for label in ["Prop. 1", "Prop. 12", "Theorem 1", "Theorem 3", "Lemma 2", "Eq. 16", "Eq. 28a", "Eq. 28b",
                  "Eq. 30", "App. H"]:
        assert label in PAPER.keys()
    st = {s["key"]: s["status"] for s in data["statements"]}
    assert st["Prop. 2"] == "confirmed numerically" and st["Eq. 21"] == "proved"
    # Theorem 1 rests on Theorem 3 -> Prop. 9 -> Eqs. 88-89 (the exact invariance certificate) and Prop. 8
    assert st["Eqs. 88-89"] == "proved" and st["Theorem 1"] == "argued by hand"
    # semi-algebraic certificates were not produced here: Lemma 1.1 cannot be proved
    assert st["Lemma 1.1"] == "not covered" and st["Lemma 1.2"] == "not covered"


@pytest.mark.slow
def test_statuses_come_from_certificates(committed: Path, verdicts: dict, tmp_path: Path) -> None:
    assert all(a.status == "not covered" for a in assess.assess({}).values())
    good = assess.assess(load_records(committed, verdicts))
    assert good["Prop. 7"].status == "confirmed numerically" and good["Eqs. 17-20"].status == "proved"
    # a failing check on one file degrades exactly the statements resting on it
    verdicts2 = dict(verdicts, **{"check.prop7.json": (False, "tampered")})
    bad = assess.assess(load_records(committed, verdicts2))
    assert bad["Prop. 7"].status == "check failed" and bad["Prop. 2"].status == "confirmed numerically"
    # an argued statement degrades when its dependency is missing
    d = tmp_path / "c"
    shutil.copytree(committed, d)
    (d / "check.prop1.json").unlink()
    st = assess.assess(load_records(d, {f: v for f, v in verdicts.items() if f != "check.prop1.json"}))
    assert st["Prop. 1"].status == "not covered" and st["Prop. 6"].status == "not covered"


@pytest.mark.slow
def test_tampered_certificate_fails_the_audit(fast, committed: Path, tmp_path: Path) -> None:
    out = tmp_path / "rep"
    assert audit(out, committed) == 0
    f = out / "certificates" / "check.eq21.json"
    f.write_text(f.read_text().replace('"holds": true', '"holds": false'))  # hash no longer matches
    assert audit(out, committed) == 1  # sources unchanged: the tampered file is reused, and caught
    st = {s["key"]: s["status"] for s in json.loads((out / "audit.json").read_text())["statements"]}
    assert st["Eq. 21"] == "check failed"
    assert audit(out, committed, "--fresh") == 0  # regenerated: clean again


@pytest.mark.slow
def test_regression_is_detected(monkeypatch, fast, committed: Path, tmp_path: Path) -> None:
    monkeypatch.setattr(runner, "producers", lambda: [m for m in FAST if "checks" not in m])  # exact checks vanish
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
    from audit.regression import diff_dirs

    d = tmp_path / "c"
    shutil.copytree(committed, d)
    cert = json.loads((d / "check.prop7.json").read_text())
    cert["content"]["instances"][0]["s"][0] = "99"
    (d / "check.prop7.json").write_text(json.dumps(cert))
    msgs = diff_dirs(committed, d)
    assert len(msgs) == 1 and msgs[0].startswith("check.prop7: content.instances[0].s[0]")


# ------------------------------------------------------------------ numerics-backed statements


@pytest.fixture(scope="module")
def numerics_certs(tmp_path_factory) -> Path:
    """One real Theorem 2 certificate per phase (generating-function route only, to stay fast)."""
    from proofs import certio
    from proofs.numerics import certify, points

    d = tmp_path_factory.mktemp("numerics")
    for name in ("signal_zeta1", "noise_nu2"):
        p = points.THEOREM2[name]
        content = certify.theorem2_content(name, p, certify.theorem2_report(p, time_route=False))
        certio.write(d, "numerics", content["claim"], content)
    return d


def _assess(d: Path) -> dict[str, Assessment]:
    return assess.assess(load_records(d, check_dir(d)))


@pytest.mark.slow
def test_numerics_statements_from_real_certificates(numerics_certs: Path, tmp_path: Path) -> None:
    from proofs import certio
    from proofs.numerics.digits import agree_digits

    st = _assess(numerics_certs)
    for key in ("Theorem 2", "Eq. 26", "Eq. 28a", "Eq. 28b"):
        assert st[key].status == "confirmed numerically", (key, st[key].detail)
        digits = [o.digits for o in st[key].outcomes if o.status == "confirmed numerically"]
        assert digits and int(digits[0]) >= 10  # the generating-function route's agreement
    assert "generating_function" in st["Eq. 28a"].detail and "signal_zeta1" in st["Eq. 28a"].detail
    # t* (and the noise phase's subleading term) is checked only by the subleading certificate (SE trajectories,
    # checker.subleading): without it Eq. 29 is not covered, and says which certificate is missing
    assert st["Eq. 29"].status == "not covered" and "eq29.subleading.json missing" in st["Eq. 29"].detail
    # no divergence/prop3/prop4 certificates here: those statements are not covered, not faked
    assert st["Eq. 24"].status == "not covered" and st["Prop. 10"].status == "not covered"
    assert st["Prop. 4"].status == "not covered" and st["Eq. 23"].status == "not covered"
    assert st["Eq. 22"].status == "not covered"  # its argument rests on Eq. 21, whose certificate is absent

    # a certificate failing the independent checker degrades every statement of its family (its own
    # recorded phase cannot be trusted), and nothing else
    d = tmp_path / "tampered"
    shutil.copytree(numerics_certs, d)
    f = d / "theorem2_noise_nu2.json"
    f.write_text(f.read_text().replace('"phase": "noise-dominated"', '"phase": "signal-dominated"'))
    bad = _assess(d)
    for key in ("Theorem 2", "Eq. 26", "Eq. 28a", "Eq. 28b"):
        assert bad[key].status == "check failed" and "theorem2_noise_nu2.json" in bad[key].detail

    # a missing phase: Theorem 2 (both phases) is not covered, Eq. 28a is still confirmed
    d2 = tmp_path / "missing"
    shutil.copytree(numerics_certs, d2)
    (d2 / "theorem2_noise_nu2.json").unlink()
    miss = _assess(d2)
    assert miss["Theorem 2"].status == "not covered" and "noise-dominated" in miss["Theorem 2"].detail
    assert miss["Eq. 28a"].status == "confirmed numerically" and miss["Eq. 28b"].status == "not covered"

    # a validly signed certificate whose route disagrees with the closed form refutes the constant
    d3 = tmp_path / "disagree"
    shutil.copytree(numerics_certs, d3)
    cert = json.loads((d3 / "theorem2_signal_zeta1.json").read_text())
    c = cert["content"]
    route = c["routes"][0]
    route["value"] = str(1.001 * float(c["value"]["value"]))  # 3 digits, 10 required
    route["agree_digits"] = agree_digits(c["value"]["value"], route["value"], c["precision_dps"])
    c["status"] = "disagreement"
    certio.write(d3, "numerics", c["claim"], c)
    dis = _assess(d3)
    assert records.check_one(d3 / "theorem2_signal_zeta1.json")[0]  # the checker accepts the record ...
    assert dis["Eq. 28a"].status == "refuted" and "generating_function 3 < 10" in dis["Eq. 28a"].detail
    assert dis["Eq. 28b"].status == "confirmed numerically"  # ... and only the signal statements fall


# ------------------------------------------------------------------ verdicts come from the checker only


def test_a_rejected_certificate_is_never_proved_or_confirmed(committed: Path, verdicts: dict) -> None:
    """Reject each accepted certificate in turn: no statement citing it stays proved or confirmed."""
    assert verdicts and all(ok for ok, _ in verdicts.values())
    good = assess.assess(load_records(committed, verdicts))
    for f in sorted(verdicts):
        st = assess.assess(load_records(committed, dict(verdicts, **{f: (False, "rejected")})))
        for key, a in st.items():
            if f in a.certs:
                assert a.status not in ("proved", "confirmed numerically"), (f, key, a.status)
            if f in good[key].certs and good[key].status in ("proved", "confirmed numerically"):
                assert a.status == "check failed", (f, key, a.status)


def test_bind_demotes_outcomes_without_accepted_certificates() -> None:
    o = Outcome("proved", "m", "d", ["x.json"])
    assert assess.bind(o, {"x.json"}) is o
    assert assess.bind(o, set()).status == "check failed"
    assert assess.bind(Outcome("confirmed numerically", "m", "d", []), {"x.json"}).status == "not covered"
    argued = Outcome("argued by hand", "m", "d", [])
    assert assess.bind(argued, set()) is argued


def test_a_name_claimed_by_two_files_is_rejected(committed: Path, verdicts: dict, tmp_path: Path) -> None:
    d = tmp_path / "c"
    shutil.copytree(committed, d)
    shutil.copy(d / "check.eq21.json", d / "copy-of-eq21.json")
    both = dict(verdicts, **{"copy-of-eq21.json": records.check_one(d / "copy-of-eq21.json")})
    assert both["copy-of-eq21.json"][0] and both["check.eq21.json"][0]  # both files are valid ...
    recs = load_records(d, both)
    assert not recs["check.eq21"].valid and "claimed by" in recs["check.eq21"].check_detail
    assert assess.assess(recs)["Eq. 21"].status == "check failed"  # ... but which one is meant is not


def test_papers_are_modules_and_statements_data() -> None:
    assert papers.DEFAULT in papers.names()
    assert PAPER.key == papers.DEFAULT and len(set(PAPER.keys())) == len(PAPER.keys())
    with pytest.raises(KeyError):
        papers.load("no-such-paper")
    # every dependency of an argument or conjunction names a statement of the same paper
    for s in PAPER.statements:
        for ev in s.evidence:
            for dep in getattr(ev, "depends_on", ()) + getattr(ev, "parts", ()):
                assert dep in PAPER.keys(), (s.key, dep)


def test_fingerprints_cover_shared_sources_not_the_audit() -> None:
    mods = runner.producers()
    files = {str(f.relative_to(runner.ROOT)) for f in runner.source_files("proofs.checks.certify", mods)}
    assert "checker/core.py" in files and "symbolic/update_rule.py" in files
    assert "proofs/checks/certify.py" in files
    assert not any(f.startswith("audit/") for f in files)
    assert not any(f.startswith("proofs/numerics/") for f in files)  # another producer's package


def test_runner_imports_importlib_util_itself() -> None:
    """A fresh interpreter that has not imported ``importlib.util`` elsewhere can fingerprint."""
    import subprocess
    import sys

    code = ("import sys; from audit import runner; mods = runner.producers(); "
            "print(len(runner.fingerprint(mods[0], mods)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=runner.ROOT)
    assert out.returncode == 0 and out.stdout.strip() == "64", out.stderr
