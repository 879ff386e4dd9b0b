"""The three related papers (issue 13): assessed from the committed certificates, statuses computed.

Each related paper has at least six assessed statements; every "refuted" names its exact witness or
counterexample; a tampered certificate turns its statement into "check failed"; the moments producer is
deterministic and its certificates are the committed ones.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from audit import assess, papers
from audit.records import check_dir, load_records
from proofs import certio
from proofs.related import certify

ROOT = Path(__file__).resolve().parents[2]
CERTS = ROOT / "certificates"
RELATED = ("ziyin2021", "patel2017", "liu2018")


@pytest.fixture(scope="module")
def recs():
    return load_records(CERTS, check_dir(CERTS))


@pytest.mark.parametrize("key", RELATED)
def test_each_related_paper_has_six_assessed_statements(recs, key: str) -> None:
    res = assess.assess(recs, papers.load(key))
    assessed = [k for k, a in res.items() if a.status != "not covered"]
    assert len(assessed) >= 6, res
    for k, a in res.items():
        assert a.status != "check failed", (k, a.detail)
        if a.status == "refuted":
            assert "exact witness" in a.detail or "exact counterexample" in a.detail, (k, a.detail)
        if a.status == "not covered":
            assert papers.load(key).statement(k).not_covered, k  # a reason is given


def test_statuses_of_the_findings(recs) -> None:
    """The findings docs/findings.md reports, as the audit computes them."""
    z = assess.assess(recs, papers.load("ziyin2021"))
    assert z["ICML Thm 1"].status == z["ICML Thm 2"].status == "confirmed numerically"
    assert z["ICLR Thm 2 = eq. 21"].status == "proved"
    assert z["ICLR Prop 7 (tail index)"].status == "refuted"
    assert z["ICLR Prop 7 (second moment)"].status == "confirmed numerically"
    assert z["ICLR Thm 6"].status == "refuted"
    p = assess.assess(recs, papers.load("patel2017"))
    assert p["Patel: criterion, commuting A_i"].status == "confirmed numerically"
    assert p["Patel: criterion for non-commuting A_i"].status == "refuted"
    li = assess.assess(recs, papers.load("liu2018"))
    assert li["Liu: momentum hurts near optima"].status == "refuted"
    assert "mu = " in li["Liu: momentum hurts near optima"].detail
    assert li["Liu: where momentum hurts"].status == li["Liu: momentum helps escape saddles"].status == "proved"


def test_statement_keys_are_unique_across_papers() -> None:
    seen: dict[str, str] = {}
    for key in papers.names():
        for k in papers.load(key).keys():
            assert k not in seen, f"{k!r} in {seen.get(k)} and {key}"
            seen[k] = key


def _copy(d: Path, prefix: str) -> None:
    d.mkdir()
    for f in CERTS.glob(f"{prefix}*.json"):
        shutil.copy(f, d / f.name)


def _tamper(path: Path, edit) -> None:
    cert = json.loads(path.read_text())
    edit(cert["content"])
    path.write_text(certio.dumps(certio.build(cert["kind"], cert["name"], cert["content"])))


def test_tampered_certificate_makes_the_statement_check_failed(tmp_path: Path) -> None:
    d = tmp_path / "c"
    _copy(d, "ziyin.")

    def edit(c):  # the recorded stationary covariance of one instance, rehashed: only the ring can tell
        c["instances"][0]["result"]["sigma"][0][0] = "1/2"

    _tamper(d / "ziyin.eq6.json", edit)
    res = assess.assess(load_records(d, check_dir(d)), papers.load("ziyin2021"))
    assert res["ICML Thm 1"].status == "check failed"
    assert res["ICML Thm 2"].status == "confirmed numerically"


def test_forged_refutation_is_rejected(tmp_path: Path) -> None:
    """A certificate claiming that a true statement fails (holds false, a witness) is rejected."""
    d = tmp_path / "c"
    _copy(d, "liu.")

    def edit(c):
        c["holds"], c["witness"] = False, 0
        c["instances"][0]["result"]["holds"] = False

    _tamper(d / "liu.stationary_error.json", edit)
    res = assess.assess(load_records(d, check_dir(d)), papers.load("liu2018"))
    assert res["Liu: stationary error"].status == "check failed"


def test_moments_producer_is_deterministic_and_committed(tmp_path: Path) -> None:
    certify.produce(tmp_path)
    for cl in certify.CLAIMS:
        assert (tmp_path / f"{cl.name}.json").read_bytes() == (CERTS / f"{cl.name}.json").read_bytes(), cl.name
