"""Issue 12: the Coq export — deterministic, statements equal to the specification, compiled by coqc, and
tampering with a Bernstein coefficient, a bound of the region or a coefficient of the polynomial makes
coqc fail. Without coqc the compile tests skip, unless SGD_PROOFS_REQUIRE_COQ=1 (CI), then they fail."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from checker import coq as coqcheck
from checker.spec import specifications
from proofs.coq.export import export

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "certificates" / "coq"
TAMPERED = "claim_lemma1_3_strict.v"


def _coqc() -> str:
    exe = shutil.which("coqc")
    if exe is None:
        if os.environ.get("SGD_PROOFS_REQUIRE_COQ") == "1":
            pytest.fail("coqc not found but SGD_PROOFS_REQUIRE_COQ=1 (apt-get install coq libcoq-interval)")
        pytest.skip("coqc not installed (apt-get install coq); set SGD_PROOFS_REQUIRE_COQ=1 to require it")
    return exe


def _compile(d: Path, name: str) -> subprocess.CompletedProcess:
    return subprocess.run([_coqc(), "-Q", ".", "SgdProofs", name], cwd=d, capture_output=True, text=True,
                          timeout=600)


def _order() -> list[str]:
    return [ln for ln in (COMMITTED / "_CoqProject").read_text().splitlines()[1:] if ln]


def test_export_is_deterministic_and_committed(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    export(ROOT / "certificates", a)
    export(ROOT / "certificates", b)
    files = sorted(p.name for p in a.iterdir())
    assert files == sorted(p.name for p in b.iterdir()) == sorted(p.name for p in COMMITTED.iterdir())
    for f in files:
        assert (a / f).read_bytes() == (b / f).read_bytes() == (COMMITTED / f).read_bytes(), f


def test_exported_claims_cover_lemma1_and_appH():
    names = set(_order())
    for f in ("claim_lemma1_1.v", "claim_lemma1_3.v", "claim_lemma1_3_strict.v", "claim_appH_onlyif_real_1.v",
              "claim_appH_onlyif_complex_1.v", "claim_appH_if_real_ge1.v", "claim_appH_if.v",
              "claim_sharp_R1_widen_b_upper.v"):
        assert f in names


def test_every_statement_is_its_specification():
    res = coqcheck.check_dir(COMMITTED)
    assert len(res) == len(_order())
    assert [r for r in res if r[1]] == []


@pytest.mark.parametrize("old,new,why", [
    ("    - z + 1 > 0 ->\n", "    - z + 2 > 0 ->\n", "differs from the specification"),
    ("+ 2 * b * z + 1.\n", "+ 2 * b * z + 2.\n", "differs from the specification"),
    ("Theorem claim_lemma1_3_strict : statement.", "Theorem claim_lemma1_3_strict : True.", "the theorem must be"),
    ("Qed.\n\nTheorem", "Admitted.\n\nTheorem", "contains Admitted"),
])
def test_checker_rejects_a_tampered_statement(tmp_path, old, new, why):
    src = (COMMITTED / TAMPERED).read_text()
    assert src.count(old) == 1
    (tmp_path / TAMPERED).write_text(src.replace(old, new))
    assert why in coqcheck.check_file(tmp_path / TAMPERED, specifications())


def test_checker_cli_coq(tmp_path):
    from checker.cli import main

    assert main(["--coq", str(COMMITTED), "--quiet"]) == 0
    assert main(["--coq", str(tmp_path)]) == 2
    shutil.copy(COMMITTED / TAMPERED, tmp_path / TAMPERED)
    (tmp_path / TAMPERED).write_text((tmp_path / TAMPERED).read_text().replace("- z + 1 > 0", "- z + 3/2 > 0"))
    assert main(["--coq", str(tmp_path)]) == 1


@pytest.mark.slow
def test_coqc_compiles_every_exported_proof(tmp_path):
    _coqc()
    d = tmp_path / "coq"
    shutil.copytree(COMMITTED, d)
    for f in _order():
        t0 = time.perf_counter()
        r = _compile(d, f)
        assert r.returncode == 0, f"{f}: {r.stdout}{r.stderr}"
        print(f"{f}: {time.perf_counter() - t0:.1f} s")


def _bump_first_coefficient(src: str) -> str:
    m = re.search(r"Definition leaf \([^)]*\) : list R := \[\n  (\d+(?:/\d+)?) \*", src)
    assert m
    c = m.group(1)
    bumped = f"{int(c.split('/')[0]) + 1}" + (f"/{c.split('/')[1]}" if "/" in c else "")
    return src[:m.start(1)] + bumped + src[m.end(1):]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["bernstein coefficient", "region bound", "polynomial coefficient"])
def test_tampered_copy_fails_coqc(tmp_path, kind):
    _coqc()
    for f in ("BernsteinFacts.v", TAMPERED):
        shutil.copy(COMMITTED / f, tmp_path / f)
    assert _compile(tmp_path, "BernsteinFacts.v").returncode == 0
    src = (tmp_path / TAMPERED).read_text()
    if kind == "bernstein coefficient":
        bad = _bump_first_coefficient(src)
    elif kind == "region bound":
        bad = src.replace("    - z + 1 > 0 ->\n", "    - z + 2 > 0 ->\n")
    else:
        bad = src.replace("+ 2 * b * z + 1.\n", "+ 2 * b * z + 2.\n")
    assert bad != src
    assert _compile(tmp_path, TAMPERED).returncode == 0  # the untampered copy compiles
    (tmp_path / TAMPERED).write_text(bad)
    r = _compile(tmp_path, TAMPERED)
    assert r.returncode != 0, f"coqc accepted a file with a tampered {kind}"
    assert "Error" in r.stdout + r.stderr


def test_cli_export_json_and_bad_out(tmp_path, capsys):
    import json

    from sgd_proofs.cli import main

    assert main(["export", "coq", "--out", str(tmp_path / "x"), "--certificates", str(ROOT / "certificates"),
                 "--json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["written"] == _order() and "claim_appH_if.v" in rec["written"]
    assert not any(s.startswith("appH.if:") for s in rec["skipped"])
    (tmp_path / "f").write_text("")
    assert main(["export", "coq", "--out", str(tmp_path / "f"), "--certificates", str(ROOT / "certificates")]) == 2
    assert "not a directory" in capsys.readouterr().err


@pytest.mark.slow
def test_audit_names_coq_as_a_method():
    from audit import assess
    from audit.records import check_dir, load_records

    certs = ROOT / "certificates"
    res = assess.assess(load_records(certs, check_dir(certs)))
    for key in ("Lemma 1.1", "Lemma 1.3", "App. H"):
        a = res[key]
        assert a.status == "proved"
        assert any("proved in Coq" in m for m in a.methods), (key, a.methods)
        assert any(o.coq for o in a.outcomes)
    app_h = " ".join(res["App. H"].methods)
    assert "proved in Coq" in app_h and "not exported" not in app_h, app_h


SCRIPTED = "claim_appH_if.v"


@pytest.mark.parametrize("kind,old,new", [
    ("region bound", "    - b + 1 > 0 ->\n", "    - b + 2 > 0 ->\n"),
    ("goal constant", "  - x^2 - y^2 + 1.\n", "  - x^2 - y^2 + 1/2.\n"),
    ("equality constraint", "    a * y - b * y + 2 * x * y - y = 0 ->\n", "    a * y - b * y + x * y - y = 0 ->\n"),
])
def test_tampered_scripted_proof_fails_coqc(tmp_path, kind, old, new):
    """appH.if: the proof was written for the claim (its certificate holds solver verdicts only); a changed
    statement — a weaker region, a stronger goal, another constraint — makes coqc reject the same proof."""
    _coqc()
    src = (COMMITTED / SCRIPTED).read_text()
    assert src.count(old) == 1
    (tmp_path / SCRIPTED).write_text(src)
    assert _compile(tmp_path, SCRIPTED).returncode == 0
    (tmp_path / SCRIPTED).write_text(src.replace(old, new))
    r = _compile(tmp_path, SCRIPTED)
    assert r.returncode != 0, f"coqc accepted {SCRIPTED} with a tampered {kind}"
    assert "Error" in r.stdout + r.stderr
    assert coqcheck.check_file(tmp_path / SCRIPTED, specifications())  # and the checker names the change


def test_a_script_for_another_theorem_is_refused(tmp_path):
    import json

    from proofs.coq.export import ExportError, scripted_file

    claim = json.loads((ROOT / "certificates" / "appH.if.json").read_text())["content"]["claim"]
    with pytest.raises(ExportError, match="must start with `Theorem claim_appH_if : statement.`"):
        scripted_file("appH.if", claim, "Theorem other : True.\nProof. exact I. Qed.\n")
