"""`sgd-proofs audit` audits several papers: every paper module of ``audit/papers/`` (or the one named), each in
its own section of the report, the statement keys unique across them.

A fake second paper is registered by monkeypatching ``audit.papers.names``/``load`` (the tests do not depend on
which real paper modules exist). Nothing is regenerated: the committed exact-check and derivation certificates
are copied into the audit's output (a few seconds of checking).
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import pytest

from audit import papers, report, runner
from audit.evidence import Exact, Paper, Statement
from sgd_proofs import api, latex
from sgd_proofs.cli import main

ROOT = Path(__file__).resolve().parents[2]
FAKE = Paper(
    key="fake2099",
    title="A fake second paper",
    citation="A. Nonymous, A fake second paper, J. Tests 1 (2099).",
    statements=(
        Statement("Fake 1", "Proposition", "Sec. 1", "the identity of Prop. 1, again", (Exact("check.prop1"),)),
        Statement("Fake 2", "Lemma", "Sec. 2", "something nobody certified", not_covered="no certificate yet"),
    ),
)
_NAMES, _LOAD = papers.names, papers.load


def _register(mp: pytest.MonkeyPatch, *extra: Paper) -> None:
    """Make ``extra`` look like modules of ``audit.papers`` (besides the real ones)."""
    fakes = {p.key: p for p in extra}
    mp.setattr(papers, "names", lambda: sorted({*_NAMES(), *fakes}))
    mp.setattr(papers, "load", lambda key=papers.DEFAULT: fakes[key] if key in fakes else _LOAD(key))


def _with_fake() -> list[str]:
    """The paper keys of an audit of every paper once the fake one is registered: the default first."""
    return [papers.DEFAULT, *sorted(k for k in {*_NAMES(), FAKE.key} if k != papers.DEFAULT)]


def _certs(d: Path) -> Path:
    """A small published record: the committed exact checks and the derivation certificate."""
    d.mkdir(parents=True, exist_ok=True)
    for f in [*sorted((ROOT / "certificates").glob("check.*.json")), ROOT / "certificates" / "derivation.json"]:
        shutil.copy(f, d / f.name)
    return d


@pytest.fixture
def fake(monkeypatch) -> None:
    _register(monkeypatch, FAKE)
    monkeypatch.setattr(runner, "producers", lambda: [])  # nothing is regenerated


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> tuple[Path, runner.AuditResult]:
    """The audit of every paper (the real ones and the fake one) over the small record, its reports written."""
    out = tmp_path_factory.mktemp("multi")
    _certs(out / "certificates")
    committed = _certs(tmp_path_factory.mktemp("committed"))
    with pytest.MonkeyPatch.context() as mp:
        _register(mp, FAKE)
        mp.setattr(runner, "producers", lambda: [])
        res = runner.run(out, committed=committed)
        report.write_all(res, [], out)
    return out, res


# ------------------------------------------------------------------ the registry


def test_real_paper_modules_have_disjoint_statement_keys() -> None:
    loaded = [papers.load(k) for k in papers.names()]
    assert papers.DEFAULT in [p.key for p in loaded]
    for a, b in itertools.combinations(loaded, 2):
        assert not set(a.keys()) & set(b.keys()), (a.key, b.key, sorted(set(a.keys()) & set(b.keys())))
    chosen, paper_of = runner.select_papers()  # every real paper, together
    assert [p.key for p in chosen] == runner.paper_keys() and len(paper_of) == sum(len(p.keys()) for p in loaded)


def test_default_paper_first_then_the_others_by_key(monkeypatch) -> None:
    _register(monkeypatch, Paper("zzz0001", "Z", "Z.", ()), Paper("aaa0001", "A", "A.", ()))
    keys = runner.paper_keys()
    assert keys[0] == papers.DEFAULT and keys[1:] == sorted(keys[1:]) and {"aaa0001", "zzz0001"} <= set(keys)
    chosen, paper_of = runner.select_papers(["zzz0001", papers.DEFAULT, "zzz0001"])  # named twice: once
    assert [p.key for p in chosen] == ["zzz0001", papers.DEFAULT]
    assert set(paper_of.values()) == {papers.DEFAULT}
    with pytest.raises(KeyError):
        runner.select_papers(["no-such-paper"])


def test_a_statement_key_in_two_papers_is_refused(monkeypatch, tmp_path: Path, capsys) -> None:
    dup = Paper("dup2099", "Dup", "Dup.", (Statement("Prop. 1", "Proposition", "", "a clash"),))
    _register(monkeypatch, dup)
    monkeypatch.setattr(runner, "producers", lambda: [])
    with pytest.raises(ValueError, match=r"'Prop\. 1'.*vky2023.*dup2099"):
        runner.select_papers()
    with pytest.raises(ValueError, match=r"'Prop\. 1'.*vky2023.*dup2099"):
        runner.run(tmp_path / "o", committed=None)
    assert not (tmp_path / "o").exists()  # refused before anything ran
    runner.select_papers(["dup2099"])  # alone it is fine
    assert main(["audit", "--out", str(tmp_path / "o"), "--committed", "none", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "Prop. 1" in err and "dup2099" in err and "vky2023" in err and "Traceback" not in err
    with pytest.raises(api.InputError, match="dup2099"):
        api.audit(out=tmp_path / "o", committed=None)


# ------------------------------------------------------------------ assessments and reports


def test_assessments_are_the_union_paper_by_paper(audited) -> None:
    _, res = audited
    keys = _with_fake()
    assert [p.key for p in res.papers] == keys
    expected = [k for key in keys for k in (FAKE if key == "fake2099" else papers.load(key)).keys()]
    assert list(res.assessments) == expected and list(res.baseline) == expected
    assert res.paper_of["Fake 1"] == "fake2099" and res.paper_of["Prop. 1"] == papers.DEFAULT
    assert res.assessments["Fake 1"].status == res.assessments["Prop. 1"].status == "confirmed numerically"
    assert res.assessments["Fake 1"].certs == ["check.prop1.json"]
    assert res.assessments["Fake 2"].status == "not covered"
    assert res.assessments["Fake 2"].detail == "no certificate yet"
    assert res.regressions == [] and res.ok


def test_audit_json_names_the_papers(audited) -> None:
    out, res = audited
    data = json.loads((out / "audit.json").read_text())
    entries = {p["key"]: p for p in data["papers"]}
    assert [p["key"] for p in data["papers"]] == [p.key for p in res.papers]
    assert entries["fake2099"] == {"key": "fake2099", "title": FAKE.title, "citation": FAKE.citation,
                                   "summary": {"confirmed numerically": 1, "not covered": 1},
                                   "findings": {"confirmed on exact instances or numerically": ["Fake 1"],
                                                "not covered": ["Fake 2"]}}
    assert data["paper"] == " | ".join(p.citation for p in res.papers) and FAKE.citation in data["paper"]
    assert {s["key"]: s["paper"] for s in data["statements"]} == res.paper_of
    total: dict[str, int] = {}
    for p in data["papers"]:
        for k, v in p["summary"].items():
            total[k] = total.get(k, 0) + v
    assert total == data["summary"]
    fake = [s for s in data["statements"] if s["paper"] == "fake2099"]
    assert [(s["key"], s["status"]) for s in fake] == [("Fake 1", "confirmed numerically"), ("Fake 2", "not covered")]
    assert fake[0]["baseline_status"] == "confirmed numerically"


def test_report_html_has_one_section_per_paper(audited) -> None:
    out, res = audited
    text = (out / "report.html").read_text()
    sections = re.findall(r"<section class='paper' id='paper-([^']*)' data-paper='([^']*)'><h3>([^<]*)</h3>"
                          r"<p class='small citation'>([^<]*)</p><p class='summary'>(.*?)</p>", text)
    assert [(s[0], s[1]) for s in sections] == [(p.key, p.key) for p in res.papers]
    fake = next(s for s in sections if s[0] == "fake2099")
    assert fake[2] == FAKE.title and fake[3] == FAKE.citation
    assert "confirmed numerically</span> 1" in fake[4] and "not covered</span> 1" in fake[4]
    assert "proved</span>" not in fake[4]  # its own counts, not the whole audit's
    options = re.search(r"<select id='f-paper'>(.*?)</select>", text).group(1)
    assert re.findall(r"<option value='([^']*)'>", options) == ["", *(p.key for p in res.papers)]
    assert f"<option value='fake2099'>fake2099: {FAKE.title}</option>" in options
    rows = re.findall(r"<tr id='([^']*)' class='statement' data-status='[^']*' data-paper='([^']*)'>", text)
    assert dict(rows) == res.paper_of and [r[0] for r in rows] == list(res.assessments)
    # each paper's rows sit inside its own section
    for m in re.finditer(r"<section class='paper' id='paper-([^']*)'.*?</section>", text, re.S):
        assert set(re.findall(r"class='statement' data-status='[^']*' data-paper='([^']*)'>", m.group(0))) == {
            m.group(1)}
    assert "<h1>Audit: " in text and "f-count" in text


def test_report_md_has_one_section_per_paper(audited) -> None:
    out, res = audited
    md = (out / "report.md").read_text()
    heads = re.findall(r"^## (.*)$", md, re.M)
    titles = [p.title for p in res.papers]
    assert heads[:len(titles)] == titles
    part = md.split(f"## {FAKE.title}\n", 1)[1].split("\n## ", 1)[0]
    assert FAKE.citation in part and "Statuses: 1 confirmed numerically, 1 not covered." in part
    assert "| Fake 1 | Sec. 1 | **confirmed numerically** |" in part and "| Fake 2 | Sec. 2 | **not covered** |" in part
    assert not re.search(r"^\| Prop\. 1 ", part, re.M) and re.search(r"^\| Prop\. 1 ", md, re.M)


def test_other_claims_are_over_every_assessed_paper(fake, tmp_path: Path) -> None:
    _certs(tmp_path / "o" / "certificates")
    only = runner.run(tmp_path / "o", committed=None, papers=["fake2099"])
    assert [p.key for p in only.papers] == ["fake2099"] and list(only.assessments) == ["Fake 1", "Fake 2"]
    unused = {name for name, *_ in report._other_claims(only)}
    assert "check.prop1" not in unused and "check.eq21" in unused  # eq21: used by vky2023 only
    both = runner.run(tmp_path / "o", committed=None)
    assert "check.eq21" not in {name for name, *_ in report._other_claims(both)}
    assert report.derivations(only) == {}  # no reconstructed statement in the fake paper, none assumed
    data = report.to_json(only, [])
    assert data["paper"] == FAKE.citation and [p["key"] for p in data["papers"]] == ["fake2099"]


def test_latex_appendix_groups_the_statements_per_paper(audited) -> None:
    out, res = audited
    data = json.loads((out / "audit.json").read_text())
    tex = latex.appendix_document(data, out / "certificates", ["sgd-proofs audit"], [("x", "1")])
    assert re.findall(r"^% statement (.*)$", tex, re.M) == [latex.escape(k) for k in res.assessments]
    for p in res.papers:
        assert tex.count(r"\textbf{" + latex.cell(p.title) + "}") == 1
        assert latex.escape(p.citation) in tex
    assert tex.index(latex.cell(FAKE.title)) < tex.index("% statement Fake 1")


# ------------------------------------------------------------------ the command line and the API


def test_cli_paper_must_be_known(fake, tmp_path: Path, capsys) -> None:
    for bad in ("nope", "ALL", ""):
        assert main(["audit", "--paper", bad, "--out", str(tmp_path / "o"), "--committed", "none", "--quiet"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: --paper") and repr(bad) in err and "Traceback" not in err
        assert "vky2023" in err and "fake2099" in err and "all" in err
    assert not (tmp_path / "o").exists()  # refused before anything ran


def test_cli_audits_every_paper_or_the_one_named(fake, tmp_path: Path, capsys) -> None:
    committed = _certs(tmp_path / "committed")
    argv = ["--committed", str(committed), "--statements", "none", "--no-figures"]
    out = tmp_path / "all"
    _certs(out / "certificates")
    assert main(["audit", "--out", str(out), *argv]) == 0
    text = capsys.readouterr().out
    heads = re.findall(r"^== ([^:]*): ", text, re.M)
    assert heads == runner.paper_keys() and heads[0] == papers.DEFAULT
    fake_part = text.split("== fake2099: ", 1)[1].split("\n== ", 1)[0]
    assert fake_part.startswith(f"{FAKE.title} (1 confirmed numerically, 1 not covered)")
    assert re.search(r"^  Fake 1 +confirmed numerically", fake_part, re.M) and "Prop. 1" not in fake_part
    assert re.search(r"^all papers: ", text, re.M)

    one = tmp_path / "one"
    _certs(one / "certificates")
    assert main(["audit", "--paper", "fake2099", "--out", str(one), *argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["key"] for p in data["papers"]] == ["fake2099"] and data["paper"] == FAKE.citation
    assert [s["key"] for s in data["statements"]] == ["Fake 1", "Fake 2"]
    html = (one / "report.html").read_text()
    assert html.count("<section class='paper'") == 1 and f"<h1>Audit: {FAKE.title}</h1>" in html


def test_cli_help_documents_paper(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["audit", "--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    assert "--paper" in text and "sgd-proofs audit --paper vky2023 --out report" in text
    assert "papers" in text


def test_api_audit_paper(fake, tmp_path: Path) -> None:
    with pytest.raises(api.InputError, match=r"unknown paper 'nope'.*vky2023.*fake2099"):
        api.audit(paper="nope", out=tmp_path / "x")
    committed = _certs(tmp_path / "committed")
    res = api.audit(paper="fake2099", out=tmp_path / "one", committed=committed, regenerate=False, figures=False)
    assert res.paper == "fake2099" and res.papers == ("fake2099",)
    assert list(res.statements) == ["Fake 1", "Fake 2"]
    assert res.statements["Fake 1"]["status"] == "confirmed numerically" and res.statements["Fake 1"]["methods"]
    assert res.statements["Fake 2"] == {"status": "not covered", "methods": [], "paper": "fake2099"}
    assert all(v["paper"] == "fake2099" for v in res.statements.values())
    assert res.paper_counts == {"fake2099": {"confirmed numerically": 1, "not covered": 1}}
    every = api.audit(out=tmp_path / "all", committed=committed, regenerate=False, figures=False)
    assert every.paper == "all" and every.papers == tuple(runner.paper_keys())
    assert every.statements["Prop. 1"]["paper"] == papers.DEFAULT and every.statements["Fake 2"]["paper"] == "fake2099"
    assert "<th colspan='3' style='text-align:left'>fake2099</th>" in every._repr_html_()
    assert set(api.PAPERS) <= set(papers.names()) and api.PAPERS[0] == papers.DEFAULT
