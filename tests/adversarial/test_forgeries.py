"""Forged certificates, each re-hashed: every one is rejected by ``python3 -S -m checker`` and none is
reported proved or confirmed. Each test names the check that must catch it (the message is matched), so a
forgery rejected for an unrelated reason (a hash, a parse error) does not count."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from forgery_kit import CERTS, load, write

from checker import CertificateError, Context, claim_file, verify

ROOT = CERTS.parent


def poly(terms: dict, vs: list[str]) -> dict:
    return {"vars": vs, "terms": [[list(m), str(c)] for m, c in sorted(terms.items(), reverse=True)]}


def forge_goal_1_gt_0(c):
    vs = c["content"]["claim"]["variables"]
    c["content"]["claim"]["show"] = {"rel": ">", "poly": poly({(0,) * len(vs): 1}, vs)}


def forge_add_hypothesis(c):
    vs = c["content"]["claim"]["variables"]
    a_minus_1 = poly({(1,) + (0,) * (len(vs) - 1): 1, (0,) * len(vs): -1}, vs)
    c["content"]["claim"]["assume"].append({"rel": ">", "poly": a_minus_1})


def forge_drop_hypothesis(c):
    c["content"]["claim"]["assume"].pop(4)


def forge_widen_bound(c):  # lemma1.3: b < 1 becomes b < 2
    c["content"]["claim"]["assume"][1] = {"rel": ">", "poly": poly({(0, 1, 0): -1, (0, 0, 0): 2}, ["a", "b", "z"])}


def forge_strict_to_nonstrict(c):  # lemma1.1: 0 < z becomes 0 <= z
    c["content"]["claim"]["assume"][6]["rel"] = ">="


def forge_rename_variable(c):
    claim = c["content"]["claim"]
    claim["variables"] = ["a", "b", "g", "w"]
    for rec in claim["assume"] + [claim["show"]]:
        rec["poly"]["vars"] = ["a", "b", "g", "w"]


def forge_other_content_renamed(c):
    other = load("lemma1.3")
    c["content"] = copy.deepcopy(other["content"])
    c["content"]["claim"]["name"] = "lemma1.1"


def forge_other_content(c):
    c["content"] = copy.deepcopy(load("lemma1.3")["content"])


def forge_flip_verdict(c):
    c["content"]["verdicts"]["z3"]["status"] = "refuted"


def forge_relabel_refuted(c):
    content = c["content"]
    for v in content["verdicts"].values():
        v["status"] = "refuted"
    content["status"], content["methods"], content["proofs"] = "refuted", sorted(content["verdicts"]), {}


def forge_move_counterexample(c):  # sharp.S.gaussian: a point inside the region where the goal holds
    for v in c["content"]["verdicts"].values():
        if v.get("counterexample"):
            v["counterexample"] = ["1/2", "0", "1/2"]


def forge_relabel_probe_proved(c):  # sharp.S.gaussian (false on purpose) relabelled proved
    content = c["content"]
    for v in content["verdicts"].values():
        v["status"] = "proved"
        v.pop("counterexample", None)
    content["status"], content["methods"], content["expect"] = "proved", sorted(content["verdicts"]), "proved"
    content["verdicts"] = {k: v for k, v in content["verdicts"].items() if k not in ("bernstein", "intervals")}
    content["methods"] = sorted(content["verdicts"])


def forge_substitution(c):
    sub = c["content"]["proofs"]["bernstein"]["boxmap"]["substitution"]["a"]
    sub["terms"][0][1] = str(Fraction(sub["terms"][0][1]) * 2)


def forge_goal_on_box(c):
    rec = c["content"]["proofs"]["bernstein"]["goal_on_box"]
    rec["terms"][-1][1] = str(Fraction(rec["terms"][-1][1]) + 1)


def forge_cited_assumption(c):
    c["content"]["proofs"]["bernstein"]["boxmap"]["bounds"][0]["upper"]["assume"] = 3


def forge_open_nonstrict(c):  # lemma1.1: g >= 0 is not strict, its face may not be open
    for b in c["content"]["proofs"]["intervals"]["boxmap"]["bounds"]:
        if b["var"] == "g":
            b["lower"]["open"] = True


def forge_truncate_tree(c):
    c["content"]["proofs"]["intervals"]["tree"] = c["content"]["proofs"]["intervals"]["tree"][:-1]


def forge_leaf_token(c):  # lemma1.1: one interval leaf, where the whole box is not certified by one
    c["content"]["proofs"]["intervals"]["tree"] = "i"


def forge_leaf_method(c):  # lemma1.1: a Bernstein-only leaf token in an interval cover
    c["content"]["proofs"]["intervals"]["tree"] = "+"


def forge_derivation_S(c):
    rec = c["content"]["S"]
    rec["terms"][0][1] = str(Fraction(rec["terms"][0][1]) + 1)


def forge_derivation_operator(c):
    rec = c["content"]["moment_operator"][0][0]
    rec["terms"][0][1] = str(Fraction(rec["terms"][0][1]) * 3)


def forge_drop_dependency(c):
    c["content"]["claim"]["depends_on"] = []


def forge_quantified_target(c):  # appH.equivalence: b < 1 becomes b < 2
    c["content"]["claim"]["target"][2][2] = poly({(0, 1, 0, 0): -1, (0, 0, 0, 0): 2}, ["a", "b", "x", "y"])


def forge_threshold_strict(c):  # sharp.S.g_threshold: g >= 0 becomes g > 0
    c["content"]["claim"]["target"][1][1] = ">"


def forge_identity(c):
    rec = c["content"]["claim"]["identities"][0]["rhs"]
    rec["terms"][0][1] = str(Fraction(rec["terms"][0][1]) + 1)


def forge_theorem2_constant(c):  # every route moved consistently by 1e-3 relative
    from decimal import Decimal, localcontext

    content = c["content"]
    with localcontext() as ctx:
        ctx.prec = 80  # exact products: the relative differences between routes are unchanged
        for holder in [content["value"], *content["routes"], content["quantities"]["C_signal"]]:
            holder["value"] = str(Decimal(holder["value"]) * Decimal("1.001"))


def forge_unknown_name(c):
    c["name"] = c["content"]["claim"]["name"] = "lemma1.1.weaker"
    forge_add_hypothesis(c)


def forge_exact_check(c):  # check.prop1: the recorded verdict flipped
    c["content"]["holds"] = not c["content"]["holds"]


FORGERIES = [  # (certificate, forgery, the check that must catch it: a fragment of the message)
    ("lemma1.1", forge_goal_1_gt_0, "differs from the specification"),
    ("lemma1.1", forge_add_hypothesis, "structure differs"),
    ("lemma1.1", forge_drop_hypothesis, "structure differs"),
    ("lemma1.3", forge_widen_bound, "differs from the specification"),
    ("lemma1.1", forge_strict_to_nonstrict, "differs from the specification"),
    ("lemma1.1", forge_rename_variable, "variables ['a', 'b', 'g', 'w'] differ from the specification's"),
    ("lemma1.1", forge_other_content_renamed, "variables ['a', 'b', 'z'] differ from the specification's"),
    ("lemma1.1", forge_other_content, "certificate 'lemma1.1' holds the claim 'lemma1.3'"),
    ("lemma1.1", forge_flip_verdict, "backends disagree"),
    ("lemma1.1", forge_relabel_refuted, "specification expects 'proved'"),
    ("sharp.S.gaussian", forge_move_counterexample, "the recorded counterexample is not one"),
    ("sharp.S.gaussian", forge_relabel_probe_proved, "specification expects 'refuted'"),
    ("lemma1.1", forge_substitution, "recorded substitution for a differs from the one its bounds determine"),
    ("lemma1.1", forge_goal_on_box, "goal polynomial on the box"),
    ("lemma1.1", forge_cited_assumption, "cited assumption is not a bound on variable 1"),
    ("lemma1.1", forge_open_nonstrict, "g: assumption 4 is not a strict lower bound"),
    ("lemma1.1", forge_truncate_tree, "tree ends before the leaves cover the box"),
    ("lemma1.1", forge_leaf_token, "interval lower bound does not show the sign"),
    ("lemma1.1", forge_leaf_method, "unknown leaf token '+' for intervals"),
    ("derivation", forge_derivation_S, "S differs"),
    ("derivation", forge_derivation_operator, "moment_operator differs"),
    ("lemma1.2", forge_drop_dependency, "dependencies [] differ from the specification's ['lemma1.1']"),
    ("appH.decomposition", forge_drop_dependency, "dependencies [] differ from the specification's ['appH.if'"),
    ("appH.equivalence", forge_quantified_target, "differs from the specification"),
    ("sharp.S.g_threshold", forge_threshold_strict, "differs from the specification"),
    ("appH.decomposition", forge_identity, "identities differ"),
    ("sharp.S.g_nonneg.exact", forge_identity, "identities differ"),
    ("theorem2_signal_nu2", forge_theorem2_constant, "value C_signal: recorded"),
    ("check.prop1", forge_exact_check, "prop1: recomputed verdict True differs from recorded False"),
    ("lemma1.1", forge_unknown_name, "no specification"),
]


@pytest.mark.parametrize(("name", "forge", "reason"), FORGERIES, ids=[f"{n}-{f.__name__}" for n, f, _ in FORGERIES])
def test_forgery_rejected_for_its_reason(tmp_path, name, forge, reason):
    shutil.copytree(CERTS, tmp_path / "c")
    cert = load(name)
    forge(cert)
    path = write(tmp_path / "c", cert, name)
    with pytest.raises(CertificateError, match=re.escape(reason)):
        verify(path, Context())


def test_every_forgery_fails_the_standalone_checker(tmp_path):
    """All forgeries at once through ``python3 -S -m checker``: exit 1, no line OK."""
    paths = []
    for i, (name, forge, _) in enumerate(FORGERIES):
        d = tmp_path / f"f{i}"
        shutil.copytree(CERTS, d)
        cert = load(name)
        forge(cert)
        paths.append(str(write(d, cert, name)))
    out = subprocess.run([sys.executable, "-S", "-m", "checker", *paths], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 1, out.stdout + out.stderr
    lines = [x for x in out.stdout.splitlines() if x.startswith(("OK", "FAIL"))]
    assert len(lines) == len(FORGERIES) and all(x.startswith("FAIL") for x in lines), out.stdout


def test_forged_dependency_breaks_the_argued_claim(tmp_path):
    """lemma1.2 itself is untouched; its dependency lemma1.1 beside it is forged."""
    shutil.copytree(CERTS, tmp_path / "c")
    cert = load("lemma1.1")
    forge_goal_1_gt_0(cert)
    write(tmp_path / "c", cert, "lemma1.1")
    with pytest.raises(CertificateError, match="dependency lemma1.1"):
        verify(tmp_path / "c" / "lemma1.2.json", Context())


def test_dependency_file_holding_another_claim_is_rejected(tmp_path):
    """lemma1.1.json replaced by lemma1.3's valid certificate: Lemma 1.2 must not accept it as lemma1.1."""
    shutil.copytree(CERTS, tmp_path / "c")
    shutil.copy(CERTS / "lemma1.3.json", tmp_path / "c" / "lemma1.1.json")
    with pytest.raises(CertificateError, match="not of 'lemma1.1'"):
        verify(tmp_path / "c" / "lemma1.2.json", Context())


def test_edited_solver_input_is_rejected(tmp_path):
    import hashlib

    shutil.copytree(CERTS, tmp_path / "c")
    cert = load("lemma1.3")
    smt = tmp_path / "c" / cert["content"]["inputs"]["smtlib"]["path"]
    text = smt.read_text().replace("(assert (> b 0))", "")
    text = text.replace("(check-sat)", "(assert (> a 1))\n(check-sat)")
    smt.write_text(text)
    cert["content"]["inputs"]["smtlib"]["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    path = write(tmp_path / "c", cert, "lemma1.3")
    with pytest.raises(CertificateError, match="SMT-LIB side file"):
        verify(path, Context())


CLAIM = """name = "my lemma"
variables = ["a", "b", "z"]
assume = ["-1 < b", "b < 1", "0 < a", "a < 2*(b+1)", "0 < z", "z < 1"]
show = "R1 >= 0"
[define]
R1 = "{R1}"
"""


def _user_cert(tmp_path: Path, r1_text: str) -> Path:
    """lemma1.3's certificate as a user claim named "my lemma" (its proof objects prove that statement)."""
    shutil.copytree(CERTS, tmp_path / "c", dirs_exist_ok=True)
    cert = load("lemma1.3")
    cert["name"] = cert["content"]["claim"]["name"] = "my lemma"
    cert["content"]["expect"] = "proved"
    return write(tmp_path / "c", cert, "my-lemma")


R1_TEXT = ("-2*a**2*b*z**2 + 4*a*b**2*z**2 + 4*a*b*z**2 + b**4*z**4 + 2*b**3*z**3 - 2*b**3*z**2 - 2*b**2*z**2 "
           "- 2*b*z**2 + 2*b*z + 1")


def test_user_claim_bound_to_its_claim_file(tmp_path):
    path = _user_cert(tmp_path, R1_TEXT)
    good = tmp_path / "claim.toml"
    good.write_text(CLAIM.format(R1=R1_TEXT))
    spec = claim_file(good)
    assert verify(path, Context({spec.name: spec})).status == "proved"
    with pytest.raises(CertificateError, match="no specification"):
        verify(path, Context())  # without the claim file the checker does not know what it should prove
    bad = tmp_path / "bad.toml"
    bad.write_text(CLAIM.format(R1=R1_TEXT).replace('"b < 1"', '"b < 2"'))
    spec = claim_file(bad)
    with pytest.raises(CertificateError, match="differs from the specification"):
        verify(path, Context({spec.name: spec}))
    out = subprocess.run([sys.executable, "-S", "-m", "checker", "--claim", str(bad), str(path)], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 1 and "FAIL" in out.stdout


def test_claim_file_cannot_take_a_paper_claims_name(tmp_path):
    f = tmp_path / "c.toml"
    f.write_text('name = "lemma1.1"\nvariables = ["a"]\nshow = "a**2 >= 0"\n')
    out = subprocess.run([sys.executable, "-S", "-m", "checker", "--claim", str(f), str(CERTS / "lemma1.1.json")],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 2 and "paper claim" in out.stderr
