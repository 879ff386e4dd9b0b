"""``sgd-proofs prove CLAIM.toml --out CERT.json``: a user-claim certificate in the paper's format."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

from proofs import certio
from sgd_proofs.cli import main
from symbolic.polynomial import evaluate, from_record

ROOT = Path(__file__).resolve().parents[2]

CLAIM = """name = "{name}"
variables = ["x", "y"]
assume = ["0 < x", "x < 1", "{ylo} <= y", "y < 1"]
show = "x*y + 1 >= {rhs}"
"""


def write_claim(tmp: Path, name: str, ylo: str, rhs: str) -> Path:
    p = tmp / "my claim.toml"
    p.write_text(CLAIM.format(name=name, ylo=ylo, rhs=rhs))
    return p


def load(path: Path) -> dict:
    cert = json.loads(path.read_text())
    assert cert["sha256"] == certio.certificate_hash(cert)
    return cert


def side_files_match(cert: dict, where: Path) -> None:
    stem = "out"
    assert sorted(cert["content"]["inputs"]) == ["qepcad", "redlog", "smtlib"]
    for key, ext in (("smtlib", "smt2"), ("qepcad", "qepcad"), ("redlog", "red")):
        rec = cert["content"]["inputs"][key]
        assert rec["path"] == f"{stem}/{stem}.{ext}"
        assert hashlib.sha256((where / rec["path"]).read_bytes()).hexdigest() == rec["sha256"]


def test_true_claim_gets_a_proved_certificate(tmp_path, capsys) -> None:
    toml = write_claim(tmp_path, "xy positive", "0", "1")
    out = tmp_path / "certs" / "out.json"
    assert main(["prove", str(toml), "--out", str(out), "--all"]) == 0
    cert = load(out)
    c = cert["content"]
    assert (cert["kind"], cert["name"], c["form"], c["origin"]) == ("semialgebraic", "xy positive", "universal", "user")
    assert c["claim_file"] == {"sha256": hashlib.sha256(toml.read_bytes()).hexdigest(), "name": "my claim.toml"}
    assert c["status"] == c["expect"] == "proved"
    assert set(c["verdicts"]) == {"search", "z3", "cvc5", "qepcad", "bernstein", "intervals", "sos"}
    assert "bernstein" in c["methods"] and "bernstein" in c["proofs"] and "intervals" in c["proofs"]
    rec = c["claim"]
    assert set(rec) == {"name", "statement", "source", "variables", "assume", "show", "depends_on"}
    assert rec["variables"] == ["x", "y"] and rec["depends_on"] == []
    assert rec["source"] == "user claim file my claim.toml"
    # normal form: lhs − rhs REL 0, relation kept; "0 <= y" is 0 − y <= 0, "x*y + 1 >= 1" is x*y >= 0
    rels = [a["rel"] for a in rec["assume"]]
    assert rels == ["<", "<", "<=", "<"]
    p_ylo, vs = from_record(rec["assume"][2]["poly"])
    assert vs == ["x", "y"] and p_ylo == {(0, 1): Fraction(-1)}
    show, _ = from_record(rec["show"]["poly"])
    assert show == {(1, 1): Fraction(1)} and rec["show"]["rel"] == ">="
    side_files_match(cert, out.parent)
    # the independent checker binds the certificate to the claim file (its command line only)
    run = subprocess.run([sys.executable, "-S", "-m", "checker", "--claim", str(toml), str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def test_false_claim_gets_a_refuted_certificate_with_exact_counterexamples(tmp_path) -> None:
    toml = write_claim(tmp_path, "xy large", "-1", "1")  # y may be negative: x*y + 1 >= 1 fails
    out = tmp_path / "out.json"
    assert main(["prove", str(toml), "--out", str(out), "--methods", "z3,bernstein"]) == 1
    c = load(out)["content"]
    assert c["status"] == c["expect"] == "refuted" and set(c["verdicts"]) == {"z3", "bernstein"}
    assert c["proofs"] == {}
    show, _ = from_record(c["claim"]["show"]["poly"])
    witnesses = [v["counterexample"] for v in c["verdicts"].values() if v.get("counterexample")]
    assert witnesses
    for w in witnesses:
        pt = [Fraction(q) for q in w]
        assert 0 < pt[0] < 1 and -1 <= pt[1] < 1 and evaluate(show, pt) < 0
    side_files_match(load(out), tmp_path)
    run = subprocess.run([sys.executable, "-S", "-m", "checker", "--claim", str(toml), str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def test_checker_refuses_certificate_for_another_claim(tmp_path) -> None:
    toml = write_claim(tmp_path, "xy positive", "0", "1")
    out = tmp_path / "out.json"
    assert main(["prove", str(toml), "--out", str(out), "--methods", "bernstein"]) == 0
    other = tmp_path / "other.toml"
    text = toml.read_text()
    other.write_text(text.replace('"x < 1"', '"x < 2"'))
    run = subprocess.run([sys.executable, "-S", "-m", "checker", "--claim", str(other), str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode != 0


def test_unknown_claim_writes_no_certificate(tmp_path, monkeypatch, capsys) -> None:
    from proofs.solvers import Verdict, z3_backend

    monkeypatch.setattr(z3_backend, "decide", lambda c, t: Verdict("unknown", detail="z3: unknown"))
    toml = write_claim(tmp_path, "xy positive", "0", "1")
    out = tmp_path / "out.json"
    assert main(["prove", str(toml), "--out", str(out), "--methods", "z3"]) == 3
    assert not out.exists() and "no certificate written" in capsys.readouterr().err
