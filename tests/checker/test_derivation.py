"""The derivation certificate and its checker can fail: mutations, tampering, determinism, isolation.

* a sign flip of any term of the moment operator changes the paper targets (S already) and is
  rejected by the checker's re-derivation from the update rule;
* ``sgd-proofs derive --json``, parsed by the checker's parser, equals the paper's printed S and R1
  (and the notebook's u/v numerators), and its operator equals the checker's independent re-derivation;
* ``sgd-proofs regenerate --only derivation`` twice gives byte-identical ``derivation.json``;
* tampering any single coefficient (or exponent, or dropping a term) of any polynomial in the certificate
  is rejected — both when the file hash is left stale and when the attacker re-hashes the content;
* the checker runs with none of sympy, flint, mpmath, numpy, z3, cvc5, symbolic, proofs imported.
"""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from checker import derivation, derive, paper
from checker.core import CertificateError, check_file
from checker.poly import add, const, det3, diff, from_record, mul, parse
from symbolic.polynomial import to_record

BIN = Path(sys.executable).parent
SGD = str(BIN / "sgd-proofs")
VARS = ["a", "b", "g", "z"]
POLY_FIELDS = ["S", "u_num", "v_num", "R1"] + [f"moment_operator.{i}.{j}" for i in range(3) for j in range(3)]


def _run(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, Path]:
    """Two independent ``regenerate --only derivation`` runs in fresh processes."""
    dirs = []
    for k in range(2):
        out = tmp_path_factory.mktemp(f"regen{k}")
        res = _run([SGD, "regenerate", "--out", str(out), "--only", "derivation", "--quiet"])
        assert res.returncode == 0, res.stdout + res.stderr
        dirs.append(out)
    return dirs[0] / "derivation.json", dirs[1] / "derivation.json"


@pytest.fixture(scope="module")
def cert(generated) -> dict:
    return json.loads(generated[0].read_text())


def rehash(c: dict) -> dict:
    """What an attacker would do: recompute the hash over the modified content (canonical JSON)."""
    body = {k: c[k] for k in ("format", "kind", "name", "content")}
    canon = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    c["sha256"] = hashlib.sha256(canon.encode()).hexdigest()
    return c


def field(content: dict, name: str) -> dict:
    if name.startswith("moment_operator."):
        _, i, j = name.split(".")
        return content["moment_operator"][int(i)][int(j)]
    return content[name]


def check_dict(c: dict, tmp_path: Path) -> str:
    p = tmp_path / "derivation.json"
    p.write_text(json.dumps(c, sort_keys=True, indent=1))
    return check_file(p)


# ---------------------------------------------------------------- determinism and the untampered file


def test_regenerate_is_byte_identical(generated):
    assert generated[0].read_bytes() == generated[1].read_bytes()


def test_generated_certificate_checks(generated):
    assert "paper targets match" in check_file(generated[0])


def test_committed_certificate_checks_and_matches_regeneration(generated):
    committed = Path(__file__).resolve().parents[2] / "certificates" / "derivation.json"
    assert check_file(committed)
    assert committed.read_bytes() == generated[0].read_bytes()


def test_cli_check_exit_codes(generated, tmp_path):
    ok = _run([SGD, "check", str(generated[0])])
    assert ok.returncode == 0, ok.stdout + ok.stderr
    c = json.loads(generated[0].read_text())
    c["content"]["S"]["terms"][0][1] = str(Fraction(c["content"]["S"]["terms"][0][1]) + 1)
    bad = tmp_path / "derivation.json"
    bad.write_text(json.dumps(rehash(c)))
    res = _run([SGD, "check", str(bad)])
    assert res.returncode == 1
    assert "FAIL" in res.stdout and "S differs" in res.stdout
    assert "Traceback" not in res.stderr


# ---------------------------------------------------------------- tampering


def _coefficient_sites(cert: dict) -> list[tuple[str, int]]:
    return [(name, k) for name in POLY_FIELDS for k in range(len(field(cert["content"], name)["terms"]))]


def test_every_polynomial_field_is_nonempty(cert):
    assert all(field(cert["content"], name)["terms"] for name in POLY_FIELDS)
    assert len(_coefficient_sites(cert)) > 40


@pytest.mark.parametrize("rehashed", [False, True], ids=["stale-hash", "rehashed"])
@pytest.mark.parametrize("how", ["coef+1", "coef-negated", "coef*1/2", "exponent+1", "drop-term", "add-term"])
def test_any_single_tampering_is_rejected(cert, tmp_path, how, rehashed):
    """Every coefficient site of every polynomial field, one modification at a time."""
    sites = _coefficient_sites(cert)
    for name, k in sites:
        c = copy.deepcopy(cert)
        terms = field(c["content"], name)["terms"]
        m, coef = terms[k]
        if how == "coef+1":
            terms[k][1] = str(Fraction(coef) + 1) if Fraction(coef) != -1 else "2"
        elif how == "coef-negated":
            terms[k][1] = str(-Fraction(coef))
        elif how == "coef*1/2":
            terms[k][1] = str(Fraction(coef) / 2)
        elif how == "exponent+1":
            m = list(m)
            m[k % len(m)] += 1  # may collide with another term: then it is malformed, also rejected
            terms[k][0] = m
        elif how == "drop-term":
            del terms[k]
        elif how == "add-term":
            if k:
                continue
            terms.append([[7, 0, 0, 0], "1"])
        if rehashed:
            rehash(c)
        with pytest.raises(CertificateError) as exc:
            check_dict(c, tmp_path)
        if rehashed:  # the field's own comparison with its re-derivation (or a malformed record) rejects it
            field_name = name.split(".")[0]
            assert (str(exc.value).startswith(f"{field_name} differs from")
                    or "malformed polynomial record: repeated monomial" in str(exc.value)), (name, k, how, exc.value)
        else:
            assert "sha256" in str(exc.value), (name, k, how)


@pytest.mark.parametrize("key", ["normalisation", "identities_checked_by_generator", "variables"])
def test_tampering_non_polynomial_fields_breaks_the_hash(cert, tmp_path, key):
    c = copy.deepcopy(cert)
    c["content"][key] = "tampered"
    with pytest.raises(CertificateError, match="sha256"):
        check_dict(c, tmp_path)


def test_rehashed_wrong_noise_vector_is_rejected(cert, tmp_path):
    c = copy.deepcopy(cert)
    c["content"]["noise_vector"] = ["2*alpha**2*gamma*lambda"] * 3
    with pytest.raises(CertificateError, match="noise_vector differs from the SE noise"):
        check_dict(rehash(c), tmp_path)


# ---------------------------------------------------------------- operator mutations


def _targets_of(A: list[list[dict]]) -> dict[str, dict]:
    """S, u/v numerators and R1 of an operator, recomputed here with the checker's polynomial arithmetic."""
    n = 4
    z = {(0, 0, 0, 1): Fraction(1)}
    M = [[add(const(int(i == j), n), mul(z, A[i][j]), -1) for j in range(3)] for i in range(3)]

    def minor(r, c):
        rows, cols = [i for i in range(3) if i != r], [j for j in range(3) if j != c]
        d = add(
            mul(M[rows[0]][cols[0]], M[rows[1]][cols[1]]), mul(M[rows[0]][cols[1]], M[rows[1]][cols[0]]), -1
        )
        return d if (r + c) % 2 == 0 else {m: -x for m, x in d.items()}

    adj0 = [minor(j, 0) for j in range(3)]
    S = det3(M, n)
    u = add(add(adj0[0], adj0[1]), adj0[2])
    zu = mul(z, u)
    return {"S": S, "u_num": u, "v_num": adj0[0], "R1": add(mul(diff(zu, 3), S), mul(zu, diff(S, 3)), -1)}


def _operator_from_symbolic() -> list[list[dict]]:
    from symbolic.generating import generating_terms
    from symbolic.polyconv import to_poly

    A = generating_terms().A
    return [[to_poly(A[i, j], VARS) for j in range(3)] for i in range(3)]


def test_unmutated_operator_reproduces_paper_targets():
    t = _targets_of(_operator_from_symbolic())
    for key in ("S", "u_num", "v_num", "R1"):
        assert t[key] == parse(paper.TARGETS[key], VARS)


def _term_flips():
    A = _operator_from_symbolic()
    return [(i, j, m) for i in range(3) for j in range(3) for m in sorted(A[i][j])]


@pytest.mark.parametrize("site", _term_flips(), ids=lambda s: f"A{s[0]}{s[1]}-{''.join(map(str, s[2]))}")
def test_sign_flip_in_operator_is_detected(cert, tmp_path, monkeypatch, site):
    """Flip the sign of one term of one operator entry: S no longer equals the paper's S, and the
    checker (certificate re-hashed, all dependent polynomials recomputed consistently) rejects it."""
    i, j, m = site
    A = _operator_from_symbolic()
    A[i][j][m] = -A[i][j][m]
    t = _targets_of(A)
    assert t["S"] != parse(paper.PAPER_S, VARS)
    c = copy.deepcopy(cert)
    c["content"]["moment_operator"][i][j] = to_record(A[i][j], VARS)
    for key in ("S", "u_num", "v_num", "R1"):
        c["content"][key] = to_record(t[key], VARS)
    with pytest.raises(CertificateError, match="moment_operator differs"):
        check_dict(rehash(c), tmp_path)
    # even with the operator check bypassed, the paper comparison rejects the consistent mutant
    monkeypatch.setattr(derivation, "operator", lambda: A)
    monkeypatch.setattr(derivation, "polys", lambda: t)
    with pytest.raises(CertificateError, match="paper"):
        derivation.check(c["content"], tmp_path)


# ---------------------------------------------------------------- derive --json


@pytest.fixture(scope="module")
def derived_json() -> dict:
    res = _run([SGD, "derive", "--json"])
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_derive_json_keys(derived_json):
    assert set(derived_json) >= {
        "moment_operator",
        "noise_vector",
        "S",
        "R1",
        "u_numerator",
        "v_numerator",
        "normalisation",
    }


def test_derive_json_equals_paper(derived_json):
    assert parse(derived_json["S"], VARS) == parse(paper.PAPER_S, VARS)
    assert parse(derived_json["R1"], VARS) == parse(paper.PAPER_R1, VARS)
    assert parse(derived_json["u_numerator"], VARS) == parse(paper.NOTEBOOK_U_NUM, VARS)
    assert parse(derived_json["v_numerator"], VARS) == parse(paper.NOTEBOOK_V_NUM, VARS)


def test_derive_json_operator_equals_independent_rederivation(derived_json, cert):
    A = [[parse(derived_json["moment_operator"][i][j], VARS) for j in range(3)] for i in range(3)]
    assert A == derive.operator()
    assert A == [
        [from_record(cert["content"]["moment_operator"][i][j])[0] for j in range(3)] for i in range(3)
    ]
    assert parse(derived_json["S"], VARS) == from_record(cert["content"]["S"])[0]


def test_derive_json_noise_vector(derived_json):
    """Each component is γα²λ (SE with τ₁ = 1, the x̂ = αξ noise enters Δw' and v' alike)."""
    nv = ["alpha", "gamma", "lambda"]
    expected = parse("gamma*alpha**2*lambda", nv)
    assert [parse(e, nv) for e in derived_json["noise_vector"]] == [expected] * 3


# ---------------------------------------------------------------- checker isolation

FORBIDDEN = ["sympy", "flint", "mpmath", "numpy", "z3", "cvc5", "symbolic", "proofs"]


def test_checker_imports_no_heavy_or_generator_modules(generated):
    code = (
        "import sys, json\n"
        "from checker.core import check_file\n"
        "import checker.poly, checker.paper, checker.derivation\n"
        f"print(check_file({str(generated[0])!r}))\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(json.dumps(bad))\n"
    )
    res = _run([sys.executable, "-c", code])
    assert res.returncode == 0, res.stderr
    lines = res.stdout.strip().splitlines()
    assert "paper targets match" in lines[0]
    assert json.loads(lines[-1]) == []


def test_cli_check_imports_no_heavy_modules(generated):
    """The ``check`` command path (CLI module included) stays standard-library only."""
    code = (
        "import sys, json\n"
        "from sgd_proofs import cli\n"
        f"rc = cli.main(['check', '--quiet', {str(generated[0])!r}])\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(json.dumps({'rc': rc, 'bad': bad}))\n"
    )
    res = _run([sys.executable, "-c", code])
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["rc"] == 0
    # the CLI imports every command module at start-up; those must import heavy packages lazily. The one
    # exception is proofs.blas (standard library only: os, platform, ctypes), which `import sgd_proofs` runs
    # first so that numpy's OpenBLAS kernel is pinned before anything loads numpy
    bad = [m for m in out["bad"] if m not in ("proofs", "proofs.blas")]
    assert bad == [], f"imported by `sgd-proofs check`: {bad}"


# ---------------------------------------------------------------- robustness of check_file on hostile files


@pytest.mark.parametrize(
    "text,reason",
    [
        ("", "cannot read it as JSON"),
        ("[]", "not a certificate of format sgd-proofs-certificate/1"),
        ("null", "not a certificate of format sgd-proofs-certificate/1"),
        ('{"format": "sgd-proofs-certificate/1"}', r"missing fields: \['content', 'kind', 'name', 'sha256'\]"),
        ('{"format": "sgd-proofs-certificate/1", "kind": "derivation", "name": "x", "content": {}, '
         '"sha256": "0"}', "sha256 does not match the content"),
    ],
)
def test_check_file_rejects_garbage_cleanly(tmp_path, text, reason):
    p = tmp_path / "x.json"
    p.write_text(text)
    with pytest.raises(CertificateError, match=reason):
        check_file(p)


def _hashed(content: dict, kind: str = "derivation") -> dict:
    return rehash(
        {"format": "sgd-proofs-certificate/1", "kind": kind, "name": "derivation", "content": content}
    )


@pytest.mark.parametrize("content,reason", [
    ({}, "malformed derivation content: KeyError: 'moment_operator'"),
    ({"moment_operator": "x"}, "moment_operator must be a 3x3 matrix"),
    ({"moment_operator": [[{"vars": VARS}]]}, "moment_operator must be a 3x3 matrix"),
])
def test_check_file_rejects_malformed_content(tmp_path, content, reason):
    with pytest.raises(CertificateError, match=reason):
        check_dict(_hashed(content), tmp_path)


@pytest.mark.parametrize(
    "text,reason",
    [
        ('{"format": "sgd-proofs-certificate/1", "kind": "derivation", "name": "x", "content": {"S": NaN}, '
         '"sha256": "0"}', "cannot read it as JSON: ValueError"),
        ("KIND_LIST", "kind and name must be strings and content an object"),
    ],
)
def test_check_file_hostile_json(tmp_path, text, reason):
    if text == "KIND_LIST":
        text = json.dumps(_hashed({}, kind=["derivation"]))
    p = tmp_path / "x.json"
    p.write_text(text)
    with pytest.raises(CertificateError, match=reason):
        check_file(p)
