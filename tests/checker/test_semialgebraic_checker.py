"""The standard-library checker accepts the produced certificates and rejects every mutation."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

from checker.core import CertificateError, check_file
from proofs import certio, semialgebraic
from proofs.registry import get

NAMES = ["lemma1.1", "lemma1.2", "lemma1.3", "sharp.R1.widen_a_upper", "appH.equivalence"]


@pytest.fixture(scope="module")
def certdir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("certs")
    old = dict(semialgebraic.QUANTIFIED_TIMEOUT)
    semialgebraic.QUANTIFIED_TIMEOUT["cvc5"] = 1.0  # cvc5 answers unknown on quantified NRA anyway
    try:
        rows = {n: semialgebraic.produce_one(get(n), out) for n in NAMES}
    finally:
        semialgebraic.QUANTIFIED_TIMEOUT.update(old)
    assert rows["lemma1.1"]["status"] == "proved"
    assert rows["lemma1.2"]["status"] == "argued"
    assert rows["sharp.R1.widen_a_upper"]["status"] == "refuted-as-expected"
    return out


@pytest.fixture
def work(certdir, tmp_path) -> Path:
    d = tmp_path / "c"
    shutil.copytree(certdir, d)
    return d


def load(d: Path, name: str) -> dict:
    return json.loads((d / f"{name}.json").read_text())


def rewrite(d: Path, name: str, content: dict) -> Path:
    """Write a mutated certificate with a VALID hash, so the semantic checks must catch it."""
    return certio.write(d, "semialgebraic", name, content)


def test_all_valid(certdir):
    for n in NAMES:
        summary = check_file(certdir / f"{n}.json")
        assert summary.startswith(n)
    assert "exact certificate(s) checked: bernstein" in check_file(certdir / "lemma1.1.json")
    assert "not re-run" in check_file(certdir / "lemma1.1.json")
    assert "argued (not machine-proved)" in check_file(certdir / "lemma1.2.json")


def test_deterministic(certdir, tmp_path):
    row = semialgebraic.produce_one(get("lemma1.3"), tmp_path)
    assert (tmp_path / "lemma1.3.json").read_bytes() == (certdir / "lemma1.3.json").read_bytes()
    assert row["backends"]["z3"]["version"]


def mutate(d: Path, name: str, fn, reason: str) -> None:
    """Tamper with the content, re-hash, and require the rejection to give ``reason`` (a regular expression)."""
    c = load(d, name)["content"]
    c2 = copy.deepcopy(c)
    fn(c2)
    assert c2 != c
    rewrite(d, name, c2)
    with pytest.raises(CertificateError, match=reason):
        check_file(d / f"{name}.json")


def _flip_verdict(c):
    c["verdicts"]["z3"]["status"] = "refuted"


def _coef_show(c):
    t = c["claim"]["show"]["poly"]["terms"]
    t[0][1] = str(int(t[0][1]) + 1)


def _coef_assume(c):
    c["claim"]["assume"][3]["poly"]["terms"][0][1] = "3"


def _strictness(c):
    c["claim"]["show"]["rel"] = ">" if c["claim"]["show"]["rel"] == ">=" else ">="


def _drop_box(c):
    tree = c["proofs"]["intervals"]["tree"]
    c["proofs"]["intervals"]["tree"] = tree[:-1]


def _substitution(c):
    bm = c["proofs"]["bernstein"]["boxmap"]
    bm["order"] = list(reversed(bm["order"]))


def _drop_proof(c):
    del c["proofs"]["bernstein"]


def _status(c):
    c["status"] = "unknown"
    c["methods"] = []


def _expect(c):
    c["expect"] = "refuted"


BINDING = r"differs from the specification's"


@pytest.mark.parametrize("fn,reason", [
    (_flip_verdict, r"backends disagree: \['bernstein', 'cvc5', 'intervals', 'qepcad'\] proved, \['z3'\] refuted"),
    (_coef_show, BINDING), (_coef_assume, BINDING), (_strictness, BINDING),
    (_drop_box, "tree ends before the leaves cover the box"),
    (_substitution, "cited assumption is not a bound on variable 3 over earlier variables"),
    (_drop_proof, "bernstein: verdict 'proved' does not match its proof object"),
    (_status, "stated status 'unknown' by \\[\\] does not follow from the verdicts"),
    (_expect, r"status 'proved' \(certificate expects 'refuted'\), but the specification expects 'proved'"),
])
def test_universal_proved_mutations_rejected(work, fn, reason):
    mutate(work, "lemma1.1", fn, reason)


def _move_cex(c):
    pt = c["verdicts"]["z3"]["counterexample"]
    pt[2] = "1"  # z = 1 is outside 0 < z < 1


def _cex_inside(c):
    c["verdicts"]["z3"]["counterexample"] = ["1", "0", "1/2"]  # R1 > 0 there


def _proved_claim(c):
    for v in c["verdicts"].values():
        if v["status"] == "refuted":
            v["status"] = "proved"
            v.pop("counterexample", None)
    c["status"] = "proved"
    c["methods"] = sorted(k for k, v in c["verdicts"].items() if v["status"] == "proved")


def _no_witness(c):
    for v in c["verdicts"].values():
        if "counterexample" in v:
            v["counterexample"] = None


@pytest.mark.parametrize("fn,reason", [
    (_move_cex, "z3: the recorded counterexample is not one"),
    (_cex_inside, "z3: the recorded counterexample is not one"),
    (_proved_claim, r"status 'proved' \(certificate expects 'refuted'\), but the specification expects 'refuted'"),
    (_no_witness, "expected refuted, but no exactly verified counterexample"),
    (_coef_assume, BINDING),
])
def test_refutation_mutations_rejected(work, fn, reason):
    mutate(work, "sharp.R1.widen_a_upper", fn, reason)


def test_side_file_dropped_or_changed(work):
    smt = work / "lemma1.3" / "lemma1.3.smt2"
    text = smt.read_text()
    smt.write_text(text.replace("(assert", "(assert (> 1 0))\n(assert", 1))
    with pytest.raises(CertificateError, match="sha256"):
        check_file(work / "lemma1.3.json")
    smt.unlink()
    with pytest.raises(CertificateError, match="missing"):
        check_file(work / "lemma1.3.json")


def test_side_file_must_match_claim(work):
    """A re-hashed side file that asserts a different polynomial is caught by parsing it back."""
    name = "lemma1.3"
    c = load(work, name)["content"]
    smt = work / name / f"{name}.smt2"
    smt.write_text(smt.read_text().replace("(* (- 1) b) 1)", "(* (- 1) b) 2)"))
    c["inputs"]["smtlib"] = certio.sidecar(work, f"{name}/{name}.smt2", smt.read_text())
    rewrite(work, name, c)
    with pytest.raises(CertificateError, match="SMT-LIB"):
        check_file(work / f"{name}.json")


def test_unhashed_tamper_rejected(work):
    p = work / "lemma1.3.json"
    p.write_text(p.read_text().replace('"proved"', '"unknown"', 1))
    with pytest.raises(CertificateError, match="sha256 does not match the content"):
        check_file(p)


def test_argued_mutations(work):
    original = load(work, "lemma1.2")["content"]
    mutate(work, "lemma1.2", lambda c: c.__setitem__("status", "proved"),
           "an argued claim must have status and expect 'argued' and no machine methods")
    rewrite(work, "lemma1.2", original)
    mutate(work, "lemma1.2", lambda c: c["claim"]["depends_on"].append("no.such.claim"),
           r"dependencies \['lemma1.1', 'no.such.claim'\] differ from the specification's \['lemma1.1'\]")
    rewrite(work, "lemma1.2", original)
    check_file(work / "lemma1.2.json")
    (work / "lemma1.1.json").unlink()
    with pytest.raises(CertificateError, match="dependency"):
        check_file(work / "lemma1.2.json")


def test_argued_identity_mutation(work, tmp_path):
    semialgebraic.produce_one(get("appH.decomposition"), tmp_path)

    def fn(c):
        c["claim"]["identities"][2]["rhs"]["terms"][0][1] = "2"

    c = load(tmp_path, "appH.decomposition")["content"]
    fn(c)
    rewrite(tmp_path, "appH.decomposition", c)
    with pytest.raises(CertificateError, match="identities"):
        check_file(tmp_path / "appH.decomposition.json")


def _target_bound(c):
    c["claim"]["target"][1][2]["terms"][0][0] = [0, 0, 1, 0]  # uses x


@pytest.mark.parametrize("fn,reason", [
    (_target_bound, r"target\[0\]: x \+ 1 > 0 differs from the specification's - b - 1 < 0"),
    (_flip_verdict, r"backends disagree: \['qepcad'\] proved, \['z3'\] refuted"),
    (_status, "stated status 'unknown' by \\[\\] does not follow from the verdicts"),
    (lambda c: c.__setitem__("proofs", {"bernstein": {}}), "a quantified claim has no exact proof objects"),
])
def test_quantified_mutations(work, fn, reason):
    mutate(work, "appH.equivalence", fn, reason)
