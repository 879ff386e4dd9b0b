"""Tests written to kill surviving code mutants of the trusted kernel (issue 19, ``benchmarks/mutation.sh``).

Each test names the mutants it kills; the survivors that are equivalent (no test can tell them apart) are
listed with the reason in ``checker/README.md`` ("Mutation testing").
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import random
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import pytest

from checker import boxcover as K
from checker import poly as P
from checker.semialgebraic import _universal, check, holds
from checker.spec import _constraint, bind, canon, claim_file, specifications

T = P.var(0, 1)
ONE = P.const(1, 1)


def _leaf(q: P.Poly, opens: tuple[bool, bool], strict: bool = True) -> str | None:
    """The Bernstein leaf criterion on the whole unit interval for ``q(t)``."""
    deg = (max(m[0] for m in q),)
    return K.bernstein_failure(K.bernstein(K.on_box(q, deg, [(0, 0)], False), deg), deg, [(0, 0)], [opens], strict)


@pytest.mark.parametrize("rel,expected", [
    (">", (False, False, True)), (">=", (False, True, True)), ("<", (True, False, False)),
    ("<=", (True, True, False)), ("=", (False, True, False)), ("!=", (True, False, True)),
])
def test_holds_every_relation_at_negative_zero_positive(rel, expected):
    """Counterexamples are evaluated with every relation, on both sides of 0 and at 0 itself
    (kills ``semialgebraic.holds`` mutants 11-24: ``>=`` → ``>``, ``<`` → ``<= ``, ``0`` → ``1``, a renamed key)."""
    got = tuple(holds((P.const(v, 1), rel), [Fraction(0)]) for v in (-1, 0, 1))
    assert got == expected


def test_strict_goal_zero_on_an_open_face_is_proved():
    """``t > 0`` on ``0 < t ≤ 1``: the only zero coefficient sits on the excluded face (kills the face loop
    running over other letters than ``l``/``h``/``m``, e.g. ``"XXlhmXX"``)."""
    assert _leaf(T, (True, False)) is None


def test_strict_goal_zero_on_a_closed_lower_face_is_rejected():
    """``t > 0`` on ``0 ≤ t ≤ 1`` is false at 0 (kills: the face check skipped when a coefficient vanishes,
    ``len(b) != …``; every ``l`` face treated as excluded, ``f == "l" or …``)."""
    assert _leaf(T, (False, False)) == "face l has no positive coefficient"
    assert _leaf(T, (False, False), strict=False) is None  # t ≥ 0 holds


def test_strict_goal_square_zero_at_a_closed_corner_is_rejected():
    """``t² > 0`` on ``0 ≤ t ≤ 1``: one non-zero Bernstein coefficient of three (kills ``prod(d - 1 …)``, where
    one coefficient would pass for a full set)."""
    assert _leaf(P.mul(T, T), (False, False)) == "face l has no positive coefficient"


@pytest.mark.parametrize("opens", [(False, False), (True, False)])
def test_strict_goal_zero_at_a_closed_upper_face_is_rejected(opens):
    """``1 − t > 0`` on ``0 ≤ t ≤ 1`` and on ``0 < t ≤ 1`` is false at 1 (kills the faces renamed ``"LHM"``, which
    ask only for the lower corner, and ``… and num == 0 or op[0]``, which skips every face of an axis whose lower
    face is open)."""
    assert _leaf(P.add(ONE, T, -1), opens) == "face h has no positive coefficient"


def test_interval_bound_of_a_square_with_a_zero():
    """``(2t − 1)² = 4t² − 4t + 1`` vanishes at ``t = 1/2``: the centred form is ``s²`` and its lower bound must not
    exceed 0 (kills ``min(v, 1)`` for the even terms)."""
    q = P.mul(P.add(P.scale(T, 2), ONE, -1), P.add(P.scale(T, 2), ONE, -1))
    assert K.interval_lower(q, (2,), [(0, 0)]) <= 0


def test_interval_and_bernstein_bounds_are_sound_on_random_polynomials():
    """Whenever a leaf criterion says ``q > 0`` on a dyadic box, ``q`` is positive at a grid of points of the box."""
    rng = random.Random(19)
    n, x, y = 2, P.var(0, 2), P.var(1, 2)
    monos = [P.const(1, n), x, y, P.mul(x, x), P.mul(x, y), P.mul(y, y), P.mul(P.mul(x, x), y)]
    positive = 0
    for _ in range(300):
        q: P.Poly = {}
        for m in monos:
            q = P.add(q, P.scale(m, Fraction(rng.randint(-6, 6), rng.randint(1, 3))))
        if not q:
            continue
        deg = tuple(max((m[i] for m in q), default=0) for i in range(n))
        box = [(rng.randrange(1 << e), e) for e in (rng.randint(0, 2), rng.randint(0, 2))]
        ok_i = K.interval_lower(q, deg, box) > 0
        ok_b = K.bernstein_failure(K.bernstein(K.on_box(q, deg, box, False), deg), deg, box, [(False, False)] * n,
                                   True) is None
        if ok_i or ok_b:
            positive += 1
            for i in range(5):
                for j in range(5):
                    pt = [Fraction(num, 1 << e) + Fraction(k, 4 << e) for (num, e), k in zip(box, (i, j), strict=True)]
                    assert P.evaluate(q, pt) > 0, (q, box, pt, ok_i, ok_b)
    assert positive > 20  # the property was exercised


def test_leaf_messages_are_exact():
    """The rejection reasons are the documented sentences, not only fragments of them (kills text mutants of
    ``bernstein_failure`` and ``walk`` that a ``match=`` fragment would still find, and ``'XXXX'.join(fc)``)."""
    assert _leaf(P.add(P.mul(T, T), ONE, -1), (False, False)) == "a Bernstein coefficient is negative"
    x = P.var(0, 2)
    b = K.bernstein(K.on_box(x, (1, 0), [(0, 0), (0, 0)], False), (1, 0))
    assert K.bernstein_failure(b, (1, 0), [(0, 0), (0, 0)], [(False, False)] * 2, True) == \
        "face ll has no positive coefficient"
    for tree, n, reason in (("0+++", 1, "tree has tokens after the cover is complete"),
                            ("0+", 1, "tree ends before the leaves cover the box")):
        with pytest.raises(K.CertificateError) as exc:
            list(K.walk(tree, n))
        assert str(exc.value) == reason


@pytest.mark.parametrize("n", [1, 2, 4])
def test_split_axis_equal_to_the_dimension_is_out_of_range(n):
    """Axis ``n`` does not exist in ``n`` variables: refused by name, not by an index error further on
    (kills ``>= n`` → ``> n``)."""
    with pytest.raises(K.CertificateError, match=f"^split axis {n} out of range$"):
        list(K.walk(f"{n}++", n))


# ------------------------------------------------------------------ goals stated with < and <=, bound coefficients
def _cert(assume: list[str], show: str, rel: str):
    from proofs import bernstein  # the producer makes the proof object; the kernel checks it
    from tests.checker.test_bernstein import _claim
    claim = _claim(["x"], assume, show, rel)
    res = bernstein.certify(claim)
    assert res.status == "proved", res.detail
    return claim, res.proof


def test_goal_stated_below_zero_is_negated():
    """``−x − 1 < 0`` on ``[0, 1]``: the goal is turned into ``x + 1 > 0`` (kills the ``<``/``<=`` branch of
    ``boxcover.goal`` left out, ``scale(p, +1)``, ``scale(p, -2)``, a dropped argument)."""
    claim, proof = _cert(["x >= 0", "x <= 1"], "-x - 1", "<")
    assert K.check_cover(claim.record(), proof).startswith("bernstein certificate valid")


@pytest.mark.parametrize("show,strict_rel,weak_rel", [("1 - x", ">", ">="), ("x - 1", "<", "<=")])
def test_strict_goal_uses_the_proof_of_the_weak_one(show, strict_rel, weak_rel):
    """``1 − x ≥ 0`` on ``[0, 1]`` is proved; its proof does not prove ``1 − x > 0`` (false at 1), nor ``x − 1 ≤ 0``
    versus ``x − 1 < 0`` (kills the strictness of ``>`` or ``<`` dropped in ``boxcover.goal``)."""
    weak, proof = _cert(["x >= 0", "x <= 1"], show, weak_rel)
    K.check_cover(weak.record(), proof)
    strict = dataclasses.replace(weak, show=dataclasses.replace(weak.show, rel=strict_rel))
    with pytest.raises(K.CertificateError, match="^leaf .*: face h has no positive coefficient$"):
        K.check_cover(strict.record(), proof)


def test_equality_goal_is_refused_by_name():
    """(kills the message of ``goal`` replaced by ``None`` or upper case)."""
    claim, proof = _cert(["x >= 0", "x <= 1"], "x + 1", ">")
    eq = dataclasses.replace(claim, show=dataclasses.replace(claim.show, rel="="))
    with pytest.raises(K.CertificateError) as exc:
        K.check_cover(eq.record(), proof)
    assert str(exc.value) == "an exact box cover needs inequalities only"


def test_bound_with_a_coefficient_other_than_one():
    """``2x ≤ 1`` gives ``x ≤ 1/2``: the bound divides by the coefficient (kills ``-c * coef``)."""
    claim, proof = _cert(["x >= 0", "2*x <= 1"], "1 - x", ">")
    assert K.check_cover(claim.record(), proof).startswith("bernstein certificate valid")


def test_box_order_checked_on_its_own():
    """A box order that is not a permutation of the variables, all else well formed, is refused by name (kills
    ``sorted(order) != sorted(vs) and …`` in ``boxmap``)."""
    claim, proof = _cert(["x >= 0", "x <= 1"], "x + 1", ">")
    bad = copy.deepcopy(proof)
    bad["boxmap"]["order"] = ["y"]
    with pytest.raises(K.CertificateError, match="^box order is not a permutation of the claim variables$"):
        K.check_cover(claim.record(), bad)


def test_repeated_box_variables_refused_on_their_own():
    """Box variables ``t1, t1`` with every record renamed to match and the right number of bounds are refused by
    name (kills ``len(set(tv)) != n and len(bounds) != n`` in ``boxmap``: there the repeated names alone pass)."""
    from proofs import bernstein
    from tests.checker.test_bernstein import _claim
    claim = _claim(["x", "y"], ["x >= 0", "x <= 1", "y >= 0", "y <= 1"], "x + y + 1", ">")
    res = bernstein.certify(claim)
    assert res.status == "proved", res.detail
    bad = copy.deepcopy(res.proof)
    tv = [str(v) for v in bad["boxmap"]["box_vars"]]
    assert len(tv) == 2
    bad["boxmap"]["box_vars"] = [tv[0], tv[0]]

    def rename(obj):
        if isinstance(obj, dict):
            if obj.get("vars") == tv:
                obj["vars"] = [tv[0], tv[0]]
            for v in obj.values():
                rename(v)
        elif isinstance(obj, list):
            for v in obj:
                rename(v)
    rename(bad)
    with pytest.raises(K.CertificateError, match="^box order is not a permutation of the claim variables$"):
        K.check_cover(claim.record(), bad)


# ------------------------------------------------- second run (2026-12-03): interval leaves, cited bounds, counts
def _as_intervals(proof: dict, tree: str) -> dict:
    """The same box map and goal on the box, checked as an interval cover with the given tree."""
    bad = copy.deepcopy(proof)
    bad["method"], bad["tree"] = "intervals", tree
    return bad


def test_interval_leaf_of_exactly_zero_does_not_prove_a_strict_goal():
    """``x > 0`` on ``0 < x ≤ 1``: the centred interval bound on the one leaf is exactly 0, which shows ``≥ 0`` only
    (kills ``e > 0`` → ``e >= 0`` and ``e == 0 and not strict`` → ``e == 0 and strict`` in ``check_cover``: the
    "interval bound of exactly 0 accepted for a strict goal" bug of issue 19; and the message replaced)."""
    claim, proof = _cert(["x > 0", "x <= 1"], "x", ">")  # Bernstein proves it (the zero sits on the open face)
    with pytest.raises(K.CertificateError, match=r"^leaf \[\(0, 0\)\]: interval lower bound does not show the sign$"):
        K.check_cover(claim.record(), _as_intervals(proof, "i"))


def test_interval_leaf_of_exactly_zero_proves_a_weak_goal():
    """``x ≥ 0`` on ``[0, 1]``: bound exactly 0 suffices (kills ``e == 0`` → ``e == 1``)."""
    claim, proof = _cert(["x >= 0", "x <= 1"], "x", ">=")
    assert K.check_cover(claim.record(), _as_intervals(proof, "i")) == \
        "intervals certificate valid (1 leaves {'i': 1, 'b': 0}, degrees [1])"


def test_negative_interval_bound_does_not_prove_a_weak_goal():
    """``x² ≥ 0`` on ``[0, 1]`` is true, but the centred form ``1/4 + s/2 + s²/4`` has lower bound
    ``−1/4``: one interval leaf must not be accepted (kills ``e == 0 or not strict`` and ``e != 0 and not strict``)."""
    claim, proof = _cert(["x >= 0", "x <= 1"], "x*x", ">=")
    with pytest.raises(K.CertificateError, match="^leaf .*: interval lower bound does not show the sign$"):
        K.check_cover(claim.record(), _as_intervals(proof, "i"))


def test_interval_bound_of_one_proves_a_strict_goal():
    """The constant goal ``1 > 0`` has scaled interval bound exactly 1 (kills ``e > 0`` → ``e > 1``)."""
    claim, proof = _cert(["x >= 0", "x <= 1"], "1 + 0*x", ">")
    assert K.interval_lower(*K.prepare(claim.record(), proof)[:2], [(0, 0)]) == 1
    assert K.check_cover(claim.record(), _as_intervals(proof, "i")).startswith("intervals certificate valid")


def test_the_summary_counts_every_leaf():
    """Two interval leaves and one Bernstein leaf are counted as such (kills the leaf counter started at 1, set to 1,
    decremented, or incremented by 2)."""
    claim, proof = _cert(["x >= 0", "x <= 1"], "x + 1", ">")
    assert K.check_cover(claim.record(), _as_intervals(proof, "00iib")) == \
        "intervals certificate valid (3 leaves {'i': 2, 'b': 1}, degrees [1])"


def test_zero_goal_on_the_box_has_degree_zero():
    """``x − x ≥ 0``: the goal on the box is the zero polynomial; its degrees are 0 (kills ``default=0`` → ``None``,
    dropped, or ``1`` in ``prepare``), and as a strict goal it is rejected."""
    claim, proof = _cert(["x >= 0", "x <= 1"], "x - x", ">=")
    assert K.prepare(claim.record(), proof)[:2] == ({}, (0,))
    assert K.check_cover(claim.record(), proof) == "bernstein certificate valid (1 leaves {'+': 1}, degrees [0])"


def _rebound(proof: dict, side: str, **change) -> dict:
    bad = copy.deepcopy(proof)
    bad["boxmap"]["bounds"][0][side].update(change)
    return bad


@pytest.mark.parametrize("k", [True, 2, -1, 1.0, "1"])
def test_cited_assumption_must_be_an_existing_index(k):
    """``True`` (a bool, not an int) and ``2`` (= the number of assumptions) cite nothing (kills
    ``type(k) is int or …``, ``k <= len(assume)``, and the message replaced by None)."""
    claim, proof = _cert(["x >= 0", "x <= 1"], "x + 1", ">")
    with pytest.raises(K.CertificateError, match=rf"^x: cited assumption {k!r} does not exist$"):
        K.check_cover(claim.record(), _rebound(proof, "upper", assume=k))


def test_a_lower_bound_cited_as_the_upper_one_is_refused_by_name():
    """The upper end citing ``x ≥ 0`` (a lower bound), open flag a proper bool: refused as not an upper bound (kills
    ``got != side or …`` → ``got != side and …``, where the wrong side passes whenever the flag is a bool)."""
    claim, proof = _cert(["x >= 0", "x <= 1"], "x + 1", ">")
    with pytest.raises(K.CertificateError, match="^x: assumption 0 is not a upper bound$"):
        K.check_cover(claim.record(), _rebound(proof, "upper", assume=0))


def test_goal_on_the_box_mismatch_message_is_exact():
    """(kills the message of ``prepare`` changed: a ``match=`` fragment would still find it)."""
    claim, proof = _cert(["x >= 0", "x <= 1"], "x + 1", ">")
    bad = copy.deepcopy(proof)
    bad["goal_on_box"]["terms"][0][1] = str(Fraction(bad["goal_on_box"]["terms"][0][1]) + 1)
    with pytest.raises(K.CertificateError) as exc:
        K.check_cover(claim.record(), bad)
    assert str(exc.value) == "recorded goal polynomial on the box differs from the composed goal"


def _committed(name: str) -> dict:
    return json.loads((Path(__file__).resolve().parents[2] / "certificates" / f"{name}.json").read_text())["content"]


def test_every_verified_counterexample_is_counted():
    """``sharp.R1.widen_b_upper`` records four exact counterexamples, one per solver; all four are evaluated and
    counted (kills ``witnesses += 1`` → ``= 1`` / ``-= 1`` in ``semialgebraic._universal``)."""
    content = _committed("sharp.R1.widen_b_upper")
    assert sum(1 for v in content["verdicts"].values() if v.get("counterexample")) == 4
    assert _universal(content, specifications()["sharp.R1.widen_b_upper"]).endswith(
        "; 4 exact counterexample(s) verified (false on purpose, as specified)")


def test_a_certificate_without_proof_objects_is_checked_as_solver_only():
    """No ``proofs`` key is the same as no proof object (kills ``content.get("proofs", {})`` → ``None`` / no default,
    which crash on ``set(None)``)."""
    content = _committed("appH.if")
    assert content["proofs"] == {}
    spec = specifications()["appH.if"]
    want = _universal(content, spec)
    assert want.startswith("proved — decision procedures")
    del content["proofs"]
    assert _universal(content, spec) == want


def test_a_user_claim_file_allows_only_the_prove_keys(tmp_path):
    """``expect`` is a key of the papers' specifications, not of a user's claim: refused, naming the file (kills
    ``claim_file`` loading with ``user`` False / None / dropped, and the origin replaced by None)."""
    f = tmp_path / "mine.toml"
    f.write_text('name = "c"\nvariables = ["x"]\nassume = ["0 < x"]\nshow = "x > 0"\nexpect = "refuted"\n')
    with pytest.raises(ValueError, match=r"^claim 'c' in user claim file mine\.toml: keys must be among \["):
        claim_file(f)
    f.write_text('name = "c"\nvariables = ["x"]\nassume = ["0 < x"]\nshow = "x > 0"\n')
    assert claim_file(f).expect is None


def test_a_user_claim_file_is_read_as_utf8_whatever_the_locale(tmp_path):
    """A claim named ``R₁ ≥ 0`` read under the C locale with UTF-8 mode and locale coercion off (kills
    ``read_text(encoding=None)`` in ``claim_file``, which then decodes as ASCII)."""
    f = tmp_path / "mine.toml"
    f.write_text('name = "R₁ ≥ 0"\nvariables = ["x"]\nassume = ["0 < x"]\nshow = "x > 0"\n', encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0",
           "PYTHONIOENCODING": "utf-8"}
    r = subprocess.run([sys.executable, "-X", "utf8=0", "-c",
                        "import sys; from checker.spec import claim_file; print(claim_file(sys.argv[1]).name)", str(f)],
                       capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "R₁ ≥ 0"


def test_the_verdict_summaries_are_exact():
    """The summary sentences a user reads, whole (kills text, join and condition mutants of ``_universal``'s summary:
    ``how`` replaced, the witness branch forced either way, the ``as specified`` suffix dropped or forced, the
    separators changed, and the witness count incremented by 2)."""
    specs = specifications()
    assert _universal(_committed("sharp.R1.widen_b_upper"), specs["sharp.R1.widen_b_upper"]) == (
        "refuted by bernstein, cvc5, intervals, qepcad, z3; 4 exact counterexample(s) verified "
        "(false on purpose, as specified)")
    bare = _committed("sharp.R1.widen_b_upper")
    for v in bare["verdicts"].values():
        v.pop("counterexample", None)
    user = dataclasses.replace(specs["sharp.R1.widen_b_upper"], expect=None)
    assert _universal(bare, user) == (
        "refuted by bernstein, cvc5, intervals, qepcad, z3; no rational witness (recorded solver)")
    assert _universal(_committed("lemma1.3"), specs["lemma1.3"]) == (
        "proved — exact certificate(s) checked: bernstein certificate valid (1 leaves {'+': 1}, degrees [4, 2, 4]); "
        "intervals certificate valid (17 leaves {'i': 15, 'b': 2}, degrees [4, 2, 4]); decision procedures cvc5, "
        "qepcad, z3 answered (recorded; not re-run by the checker)")


def test_an_exact_method_without_a_verdict_is_no_proof():
    """``appH.if`` with its (unknown) ``bernstein`` and ``intervals`` verdicts removed is still proved by the solvers
    (kills ``verdicts.get(m, {})`` → ``None`` / no default, which crash on the missing method)."""
    content = _committed("appH.if")
    spec = specifications()["appH.if"]
    want = _universal(content, spec)
    for m in ("bernstein", "intervals"):
        assert content["verdicts"].pop(m)["status"] == "unknown"
    assert _universal(content, spec) == want


def test_a_proof_object_filed_under_another_method_is_refused():
    """The ``bernstein`` proof object of ``lemma1.3`` relabelled ``"method": "intervals"`` (everything else intact)
    is refused as not matching its verdict (kills ``proofs.get(m, …)`` → ``proofs.get(None, …)``, which never reads
    the recorded method)."""
    content = _committed("lemma1.3")
    content["proofs"]["bernstein"]["method"] = "intervals"
    with pytest.raises(K.CertificateError,
                       match=r"^bernstein: verdict 'proved' does not match its proof object \(or an unknown method\)$"):
        _universal(content, specifications()["lemma1.3"])


def _all_unknown(name: str) -> dict:
    content = _committed(name)
    for v in content["verdicts"].values():
        v["status"] = "unknown"
        v.pop("counterexample", None)
    content["status"], content["methods"], content["proofs"] = "unknown", [], {}
    return content


def test_no_method_deciding_is_unknown():
    """Every verdict unknown: the status is ``unknown`` and the summary says so, whole (kills the ``unknown`` branch of
    ``_status`` forced to ``proved`` or renamed, and the ``unknown`` summary of ``_universal`` forced or changed)."""
    spec = dataclasses.replace(specifications()["appH.if"], expect=None)
    assert _universal(_all_unknown("appH.if"), spec) == "unknown: no method decided the claim"


def test_the_stated_methods_must_follow_from_the_verdicts():
    """The right status with a wrong method list is refused (kills ``status != … or methods != …`` → ``and``)."""
    content = _committed("appH.if")
    assert content["status"] == "proved" and content["methods"] == ["cvc5", "qepcad", "z3"]
    content["methods"] = ["cvc5", "z3"]
    with pytest.raises(K.CertificateError, match=r"^stated status 'proved' by \['cvc5', 'z3'\] does not follow from "
                                                 r"the verdicts \(proved by \['cvc5', 'qepcad', 'z3'\]\)$"):
        _universal(content, specifications()["appH.if"])


def test_canonical_form_flips_equalities_only():
    """``−x = 0`` and ``x = 0`` (and ``≠``) are one constraint; ``−x > 0`` and ``x > 0`` are not — otherwise a
    certificate stating the negated inequality would bind to the specification (kills ``spec.canon`` mutants
    ``… and p or …``, ``… or p and …``, ``rel not in …``, and the relations renamed)."""
    x = P.var(0, 1)
    mx = P.scale(x, -1)
    for rel in ("=", "!="):
        assert canon(mx, rel) == canon(x, rel) == (rel, (((1,), Fraction(1)),))
    for rel in (">", ">="):
        assert canon(mx, rel) == (rel, (((1,), Fraction(-1)),)) != canon(x, rel)
    assert canon(mx, "<") == canon(x, ">")  # −x < 0 is x > 0
    half = P.scale(x, Fraction(1, 2))  # a leading coefficient in (0, 1) is already positive (kills ``< 0`` → ``< 1``)
    assert canon(half, "=") == canon(P.scale(half, -1), "=") == ("=", (((1,), Fraction(1, 2)),))


def _bind_quantified(change) -> None:
    claim = _committed("sharp.S.g_threshold")["claim"]
    bind(claim, specifications()["sharp.S.g_threshold"])  # intact: binds
    change(claim)
    bind(claim, specifications()["sharp.S.g_threshold"])


def test_a_formula_node_of_another_kind_is_refused():
    """The matrix ``implies`` relabelled ``or`` (same arity): refused as a different structure (kills
    ``not f or f[0] != g[0]`` → ``not f and f[0] != g[0]`` in ``spec._formula``, where the label is never compared)."""
    def relabel(claim):
        assert claim["matrix"][0] == "implies" and len(claim["matrix"]) == 3
        claim["matrix"][0] = "or"
    with pytest.raises(K.CertificateError, match=r"^sharp\.S\.g_threshold: matrix: structure differs from the "
                                                 r"specification \(a hypothesis added or dropped\?\)$"):
        _bind_quantified(relabel)


@pytest.mark.parametrize("node", [5, {"0": "implies"}, "implies"])
def test_a_formula_that_is_not_a_list_is_refused_by_name(node):
    """A matrix that is a number, an object or a string is refused as a structure, not by a ``TypeError`` or
    ``KeyError`` further on (kills ``not isinstance(f, list) or not f`` → ``… and …``)."""
    def replace(claim):
        claim["matrix"] = node
    with pytest.raises(K.CertificateError, match=r"^sharp\.S\.g_threshold: matrix: structure differs"):
        _bind_quantified(replace)


@pytest.mark.parametrize("rec,why", [
    ({"poly": {"vars": ["y"], "terms": [[[1], "1"]]}, "rel": ">"}, "constraint over ['y'] with relation '>'"),
    ({"poly": {"vars": ["x"], "terms": [[[1], "1"]]}, "rel": "=>"}, "constraint over ['x'] with relation '=>'"),
])
def test_a_constraint_over_other_variables_or_with_another_relation_is_refused(rec, why):
    """Either fault alone is refused, with the documented message whole (kills ``vs != … or rel not in RELS`` →
    ``and``, the message replaced by None, and the ``rel`` key renamed in the message)."""
    with pytest.raises(K.CertificateError) as exc:
        _constraint(rec, ["x"])
    assert str(exc.value) == f"{why}; expected one over ['x']"


def test_binding_messages_are_exact():
    """What a user reads when a certificate's claim is not the specified one, whole (kills the keys ``name`` and
    ``quantifiers`` renamed in ``spec.bind``'s messages and the universal formula's ``where`` replaced by None)."""
    specs = specifications()
    claim = _committed("appH.if")["claim"]
    other = copy.deepcopy(claim)
    other["name"] = "appH.iff"
    with pytest.raises(K.CertificateError) as exc:
        bind(other, specs["appH.if"])
    assert str(exc.value) == "appH.if: name appH.iff differ from the specification's appH.if"
    other = copy.deepcopy(claim)
    other["assume"][0]["rel"] = ">="
    with pytest.raises(K.CertificateError) as exc:
        bind(other, specs["appH.if"])
    assert str(exc.value).startswith("appH.if: (hypotheses => goal)[0][0]: ")
    q = _committed("sharp.S.g_threshold")["claim"]
    q["bound"] = []
    with pytest.raises(K.CertificateError) as exc:
        bind(q, specs["sharp.S.g_threshold"])
    assert str(exc.value).startswith("sharp.S.g_threshold: quantifiers [] differ from the specification's [[")


def test_a_claim_record_without_dependencies_has_none():
    """No ``depends_on`` key is an empty dependency list (kills ``claim.get("depends_on", [])`` → ``None`` / no
    default, which crash in ``list(None)``)."""
    claim = _committed("appH.if")["claim"]
    assert claim.pop("depends_on") == []
    bind(claim, specifications()["appH.if"])


def test_a_certificate_of_no_specified_claim_is_refused_by_name():
    """(kills the claim's name, and the sentence, changed in ``semialgebraic.check``'s message)."""
    content = _committed("appH.if")
    content["claim"]["name"] = "appH.if2"
    with pytest.raises(K.CertificateError) as exc:
        _check(content, {})
    assert str(exc.value) == ("no specification for claim 'appH.if2': not a claim of any paper in checker/papers "
                              "(a user claim is checked with --claim FILE)")


def _check(content: dict, specs: dict | None = None):
    specs = specifications() if specs is None else specs
    return check(content, None, SimpleNamespace(specs=specs, dependency=lambda d, b: "proved"))


def test_a_false_identity_of_an_argued_claim_is_refused():
    """``appH.decomposition`` with one of its five specified identities made false (``rhs + 1``) is refused; intact,
    all five are verified (kills ``P.add(lhs, rhs, -1)`` with an argument replaced by None or dropped: the identity
    check of the argued ring was never shown to fail)."""
    specs = specifications()
    content, spec = _committed("appH.decomposition"), specs["appH.decomposition"]
    assert "5 exact identities verified" in _check(content)[1]
    lhs, rhs, iv = spec.identities[2]
    bad = dataclasses.replace(spec, identities=spec.identities[:2] + ((lhs, P.add(rhs, P.const(1, len(iv))), iv),)
                              + spec.identities[3:])
    rec = content["claim"]["identities"][2]["rhs"]  # the certificate states the same (false) identity, so it binds
    assert rec["terms"] == [[[1, 0], "1"]] and rec["vars"] == ["a", "b"]
    rec["terms"].append([[0, 0], "1"])
    with pytest.raises(K.CertificateError) as exc:
        _check(content, {**specs, "appH.decomposition": bad})
    assert str(exc.value) == "appH.decomposition: an identity of the specification fails"


@pytest.mark.parametrize("change", [{"methods": ["z3"]}, {"status": "proved"}, {"expect": "proved"}])
def test_an_argued_claim_with_machine_methods_or_another_status_is_refused(change):
    """Each fault alone (kills ``… or methods or …`` → ``… and …``, the ``methods`` key renamed, the message
    changed)."""
    content = _committed("appH.decomposition")
    content.update(change)
    with pytest.raises(K.CertificateError) as exc:
        _check(content)
    assert str(exc.value) == "an argued claim must have status and expect 'argued' and no machine methods"


def test_a_certificate_of_another_form_is_refused_by_name():
    """(kills the message of the form check replaced or reading another key)."""
    content = _committed("appH.if")
    content["form"] = "argued"
    with pytest.raises(K.CertificateError) as exc:
        _check(content)
    assert str(exc.value) == "appH.if: form 'argued', the specification's is 'universal'"


def test_quantified_summaries_are_exact():
    """Decided and undecided quantified claims, whole (kills ``join(methods) or 'nobody'`` → ``and``, the separator
    and the word ``nobody`` changed)."""
    specs = specifications()
    assert _check(_committed("sharp.S.g_threshold"))[1].startswith(
        "sharp.S.g_threshold [sharpness probe (not stated in the paper)]: proved by qepcad, z3 (quantified: decision "
        "procedures only, recorded). Statement: ")
    undecided = _all_unknown("sharp.S.g_threshold")
    loose = dataclasses.replace(specs["sharp.S.g_threshold"], expect=None)
    assert _check(undecided, {**specs, "sharp.S.g_threshold": loose})[1].startswith(
        "sharp.S.g_threshold [sharpness probe (not stated in the paper)]: unknown by nobody (quantified: decision "
        "procedures only, recorded). Statement: ")


def test_an_argued_claim_accepts_argued_dependencies_and_names_the_others():
    """A dependency that is itself argued is accepted; one that is unknown is refused by name, and the summary lists
    the dependencies (kills ``("proved", "argued")`` with ``argued`` renamed, the message replaced, the separator)."""
    specs = specifications()
    content = _committed("appH.decomposition")
    deps = specs["appH.decomposition"].depends_on
    status, detail = check(content, None, SimpleNamespace(specs=specs, dependency=lambda d, b: "argued"))
    assert status == "argued" and f"from {', '.join(deps)}, each checked; 5 exact identities verified." in detail
    with pytest.raises(K.CertificateError) as exc:
        check(content, None,
              SimpleNamespace(specs=specs, dependency=lambda d, b: "unknown" if d == deps[0] else "proved"))
    assert str(exc.value) == f"appH.decomposition: dependencies not proved: [({deps[0]!r}, 'unknown')]"


def test_the_status_word_of_an_unknown_claim_has_no_colon():
    """``unknown: no method decided the claim`` gives the status ``unknown`` (kills ``rstrip(":")`` → ``rstrip(None)``
    or ``lstrip``)."""
    specs = specifications()
    loose = dataclasses.replace(specs["appH.if"], expect=None)
    assert _check(_all_unknown("appH.if"), {**specs, "appH.if": loose})[0] == "unknown"


@pytest.mark.parametrize("terms,why", [
    ([[[1], "1"]], "bad monomial [1]"),                 # one exponent for two variables
    ([[[-1, 0], "1"]], "bad monomial [-1, 0]"),         # a negative exponent
    ([[[1, 0], "0"]], "coefficient must be a non-zero string 'p' or 'p/q', got '0'"),
    ([[[1, 0], "x"]], "coefficient must be a non-zero string 'p' or 'p/q', got 'x'"),
    ([[[1, 0], 1]], "coefficient must be a non-zero string 'p' or 'p/q', got 1"),
])
def test_polynomial_records_are_refused_by_name(terms, why):
    """Each fault alone, with the documented message (kills ``poly.from_record``'s ``… or len(m) != …`` → ``and``,
    ``type(e) is int and e >= 0`` → ``or``, the coefficient tests joined with ``and``, the messages replaced)."""
    with pytest.raises(P.PolyError) as exc:
        P.from_record({"vars": ["a", "b"], "terms": terms})
    assert str(exc.value) == f"malformed polynomial record: {why}"


# ------------------------------------------------------------------------------------------------ third run
# (2026-12-03: spec, poly, derive in full)


def test_derived_define_applies_its_derivative() -> None:
    """Kills ``spec.x__derived__mutmut_4``, ``_5`` (the ``diff`` key ignored): the specification of
    ``sharp.S.g_slope`` is dS/dg = a^2 z (1 + b z) > 0, computed here by hand."""
    from checker.spec import _derived

    show = specifications()["sharp.S.g_slope"].show
    assert show == (P.parse("a**2*z*(1 + b*z)", ["a", "b", "z"]), ">")
    assert _derived({"derived": "S", "diff": "g"}, ["a", "b", "g", "z"], {}) \
        != _derived({"derived": "S"}, ["a", "b", "g", "z"], {})


def test_derived_define_refuses_an_unknown_key_alone() -> None:
    """Kills ``spec.x__derived__mutmut_33`` (``or`` → ``and``): an unknown key is refused even when every
    substituted variable is a source variable."""
    from checker.spec import _derived

    with pytest.raises(P.PolyError, match="unknown key"):
        _derived({"derived": "S", "bogus": 1}, ["a", "b", "g", "z"], {})
    with pytest.raises(P.PolyError, match="unknown key"):
        _derived({"derived": "S", "subs": {"q": "0"}}, ["a", "b", "g", "z"], {})


def test_derived_define_may_substitute_every_source_variable() -> None:
    """Kills ``spec.x__derived__mutmut_48`` (``<=`` → ``<``): substituting all of a, b, g, z is allowed; S at
    (1, 1/2, 0, 1/3) is 115/108 (by hand: 1 − z − b z + ... evaluated exactly)."""
    from checker.spec import _derived

    got = _derived({"derived": "S", "subs": {"a": "1", "b": "1/2", "g": "0", "z": "1/3"}}, ["x"], {})
    S = _derived({"derived": "S"}, ["a", "b", "g", "z"], {})
    assert got == {(0,): P.evaluate(S, [Fraction(1), Fraction(1, 2), Fraction(0), Fraction(1, 3)])} \
        == {(0,): Fraction(115, 108)}


def test_derived_define_names_a_variable_it_cannot_place() -> None:
    """Kills ``spec.x__derived__mutmut_51``, ``_55``, ``_56``, ``_57``: S needs g, which is neither a claim
    variable nor substituted — refused with a PolyError that names the derived polynomial and the variable."""
    from checker.spec import _derived

    with pytest.raises(P.PolyError, match=r"derived S: variables \['g'\] are neither claim variables"):
        _derived({"derived": "S"}, ["a", "b", "z"], {})


def test_derived_define_substitutes_earlier_defines() -> None:
    """Kills ``spec.x__derived__mutmut_63``, ``_66`` (the defines not passed to the substitution's parser)."""
    from checker.spec import _derived

    vs = ["a", "b", "z"]
    via_define = _derived({"derived": "S", "subs": {"g": "G"}}, vs, {"G": P.parse("a*b", vs)})
    assert via_define == _derived({"derived": "S", "subs": {"g": "a*b"}}, vs, {})


def test_derived_define_homogenises() -> None:
    """Kills ``spec.x__derived__mutmut_75``, ``_79``, ``_80`` (the ``homogenize`` key ignored): homogenising S
    in z by t gives H with H(a, b, g, z, t) = t^3 S(a, b, g, z/t) (S has degree 3 in z), checked at points."""
    from checker.spec import _derived

    vs = ["a", "b", "g", "z", "t"]
    H = _derived({"derived": "S", "homogenize": ["z", "t"]}, vs, {})
    S = _derived({"derived": "S"}, vs[:4], {})
    rng = random.Random(5)
    for _ in range(5):
        a, b, g, z, t = (Fraction(rng.randint(-9, 9), rng.randint(1, 9)) for _ in range(5))
        if t == 0:
            continue
        assert P.evaluate(H, [a, b, g, z, t]) == t**3 * P.evaluate(S, [a, b, g, z / t])
    assert {m[3] + m[4] for m in H} == {3}  # every monomial has degree 3 in (z, t)


def test_derived_define_of_the_zero_polynomial() -> None:
    """Kills ``spec.x__derived__mutmut_86`` (``max`` without ``default``): R1 does not depend on g, so its
    g-derivative is the zero polynomial, which is a valid define (not a crash)."""
    from checker.spec import _derived

    assert _derived({"derived": "R1", "diff": "g"}, ["a", "b", "g", "z"], {}) == {}


def test_derived_define_real_and_imaginary_parts() -> None:
    """Kills ``spec.x__derived__mutmut_140`` (the power of I read from the previous variable's exponent): Re
    and Im of f(a, b, x + i(y + 1)) checked against Gaussian-rational arithmetic at random points. (With the
    paper's ``x + I*y`` the powers of I and y always agree, so that mutant survives on it.)"""
    from checker.spec import _derived

    vs = ["a", "b", "x", "y"]
    re = _derived({"derived": "f", "subs": {"mu": "x + I*(y + 1)"}, "part": "re"}, vs, {})
    im = _derived({"derived": "f", "subs": {"mu": "x + I*(y + 1)"}, "part": "im"}, vs, {})
    f = _derived({"derived": "f"}, ["a", "b", "mu"], {})

    def cmul(p, q):
        return (p[0] * q[0] - p[1] * q[1], p[0] * q[1] + p[1] * q[0])

    rng = random.Random(11)
    for _ in range(6):
        a, b, x, y = (Fraction(rng.randint(-9, 9), rng.randint(1, 5)) for _ in range(4))
        total = (Fraction(0), Fraction(0))
        for (ea, eb, em), c in f.items():
            w = (c * a**ea * b**eb, Fraction(0))
            for _ in range(em):
                w = cmul(w, (x, y + 1))
            total = (total[0] + w[0], total[1] + w[1])
        assert (P.evaluate(re, [a, b, x, y]), P.evaluate(im, [a, b, x, y])) == total


def test_an_identity_may_have_no_defines() -> None:
    """Kills ``spec.x__identity__mutmut_11``, ``_13`` (no ``define`` table → ``None`` instead of ``{}``)."""
    from checker.spec import _identity

    lhs, rhs, vs = _identity({"variables": ["x", "y"], "lhs": "(x + y)**2", "rhs": "x**2 + 2*x*y + y**2"})
    assert lhs == rhs and vs == ("x", "y")


def test_a_claim_specified_in_two_paper_files_is_refused(tmp_path, monkeypatch) -> None:
    """Kills ``spec.x_specifications__mutmut_25`` (the message): two paper files specifying one claim name."""
    import checker.spec as spec_module

    (tmp_path / "papers").mkdir()
    claim = '[[claim]]\nname = "twice"\nsource = "s"\nstatement = "x > 0"\nvariables = ["x"]\nassume = ["0 < x"]\n' \
            'show = "x > 0"\n'
    for f in ("a.toml", "b.toml"):
        (tmp_path / "papers" / f).write_text(claim)
    monkeypatch.setattr(spec_module, "__file__", str(tmp_path / "spec.py"))
    with pytest.raises(P.PolyError, match="claim 'twice' specified twice"):
        specifications()


def test_paper_specifications_are_ascii() -> None:
    """Why ``spec.x_specifications__mutmut_19`` (``read_text(None)``: the locale's encoding) is equivalent:
    the paper files are ASCII, which every locale encoding reads alike. This keeps them so."""
    for f in (Path(__file__).resolve().parents[2] / "checker" / "papers").glob("*.toml"):
        f.read_bytes().decode("ascii")


# ---------------------------------------------------------------------------------------------- fourth run
# (2026-12-03, the rest of spec.py: relation and load)


@pytest.mark.parametrize("text", ["0 < x < 1", "x = 1", "x + 1", 1, None])
def test_relation_needs_exactly_one_relation_and_double_equals(text) -> None:
    """Kills ``spec.x_relation__mutmut_3`` (a non-string read as text: a TypeError, not a clean refusal),
    ``_5`` (``or`` → ``and``: a chain ``0 < x < 1`` or a single ``=`` accepted), ``_10`` (``"="`` no longer
    refused) and ``_11`` (the message)."""
    from checker.spec import relation

    with pytest.raises(P.PolyError, match="expected exactly one relation of < <= > >= == != \\(use == for equality\\)"):
        relation(text, ["x"], {})


def test_an_unknown_form_is_refused() -> None:
    """Kills ``spec.x_load__mutmut_50`` (``or`` → ``and``: a claim of form ``"bogus"`` read as a specification)."""
    from checker.spec import load

    with pytest.raises(P.PolyError, match="keys must be among"):
        load({"name": "c", "form": "bogus", "variables": ["x"], "show": "x > 0"}, "test", False)


def test_the_statement_is_the_specified_one_or_the_claim_file_relations() -> None:
    """Kills ``spec.x_load__mutmut_99``, ``_123`` to ``_126``, ``_128`` to ``_131``, ``_133`` to ``_138``: the
    statement printed on an OK line is the specification's ``statement``, or for a claim file the relations
    joined by " and " and "=>"."""
    from checker.spec import load

    user = load({"name": "c", "variables": ["x"], "assume": ["0 < x", "x < 1"], "show": "x - x**2 > 0"},
                "user claim file c.toml", True)
    assert user.statement == "0 < x and x < 1 => x - x**2 > 0"
    bare = load({"name": "b", "variables": ["x"], "show": "x**2 + 1 > 0"}, "user claim file b.toml", True)
    assert bare.statement == " => x**2 + 1 > 0"  # no assumptions (``_131``, ``_133``: no default list)
    paper = load({"name": "p", "variables": ["x"], "assume": ["0 < x"], "show": "x > 0", "statement": "given",
                  "source": "s"}, "paper", False)
    assert paper.statement == "given"


# ---------------------------------------------------------------------------------------------- fifth run
# (2026-12-04, checker/sos.py in full and the first part of checker/poly.py: power, subs, evaluate)

from checker.errors import CertificateError  # noqa: E402
from checker.sos import check_sos  # noqa: E402
from sgd_proofs.commands.prove import load_claim_text  # noqa: E402
from symbolic.polynomial import parse as _sparse  # noqa: E402
from symbolic.polynomial import to_record as _srec  # noqa: E402


def _claim_record(vs: list[str], assume: list[str], show: str) -> dict:
    q = lambda xs: "[" + ", ".join(f'"{x}"' for x in xs) + "]"  # noqa: E731
    return load_claim_text(f'name = "c"\nvariables = {q(vs)}\nassume = {q(assume)}\nshow = "{show}"\n',
                           "c.toml").record()


def _sq(vs: list[str], *pairs: tuple) -> list:
    return [[d, _srec(_sparse(p, vs), vs)] for d, p in pairs]


def test_sos_accepts_zero_weights_and_a_constant_square_anywhere_in_the_multiplier() -> None:
    """Kills ``sos.x__squares__mutmut_12`` (weight ``0`` refused: a zero square is harmless) and ``_30``
    (``|=`` → ``=``: only the last square could show the multiplier positive)."""
    c = _claim_record(["x", "y"], [], "x**2 + y**2 - 2*x*y >= 0")
    proof = {"method": "sos", "goal_sign": 1, "multiplier": _sq(["x", "y"], ("1", "1"), ("0", "x")),
             "terms": [{"assume": [], "squares": _sq(["x", "y"], ("1", "x - y"), ("0", "x*y"))}]}
    assert check_sos(c, proof) == ("sos certificate valid (m·goal = Σ σ·Π g + ε·Π g exactly: 1 terms, 2 squares, "
                                   "ε = 0)")  # and kills check_sos _52/_83 (the square count)


def test_sos_multiplier_with_a_zero_constant_square_is_not_shown_positive() -> None:
    """Kills ``sos.x__squares__mutmut_35`` (``d > 0`` → ``d >= 0``: m = 0·1² + x² is not positive at 0) and
    ``check_sos _39`` (the message, anchored)."""
    c = _claim_record(["x"], [], "x**2 >= 0")
    proof = {"method": "sos", "goal_sign": 1, "multiplier": _sq(["x"], ("0", "1"), ("1", "x")),
             "terms": [{"assume": [], "squares": _sq(["x"], ("1", "x**2"))}]}  # x²·x² = (x²)²: identity holds
    with pytest.raises(CertificateError, match=r"^the multiplier is not shown positive \(no positive constant"):
        check_sos(c, proof)


def test_sos_products_sign_each_assumption_by_its_relation() -> None:
    """``x > 0`` is g = x, ``x < 1`` is g = −(x − 1): ε·x·(1 − x) = x − x². Kills ``sos.x__product__mutmut_20``
    (a strict ``>`` refused), ``_40`` / ``_46`` (every g taken with sign +1) and ``_44`` (``>`` taken with −1)."""
    c = _claim_record(["x"], ["x > 0", "x < 1"], "x - x**2 > 0")
    proof = {"method": "sos", "goal_sign": 1, "multiplier": _sq(["x"], ("1", "1")), "terms": [],
             "positive": {"assume": [0, 1], "coef": "1"}}
    assert "ε = 1" in check_sos(c, proof)
    non_strict = {"method": "sos", "goal_sign": 1, "multiplier": _sq(["x"], ("1", "1")), "positive": None,
                  "terms": [{"assume": [0, 1], "squares": _sq(["x"], ("1", "1"))}]}
    c2 = _claim_record(["x"], ["x >= 0", "x <= 1"], "x - x**2 >= 0")
    assert "1 terms, 1 squares" in check_sos(c2, non_strict)


@pytest.mark.parametrize("where", ["positive", "terms", "ideal"])
def test_sos_index_one_past_the_end_is_a_clean_refusal(where) -> None:
    """Kills ``sos.x__product__mutmut_15`` and ``check_sos _100`` (``j <= len``: an IndexError, not a refusal)."""
    c = _claim_record(["x"], ["x > 0", "x < 1"], "x - x**2 > 0")
    proof = {"method": "sos", "goal_sign": 1, "multiplier": _sq(["x"], ("1", "1")), "terms": [],
             "positive": {"assume": [0, 1], "coef": "1"}}
    if where == "positive":
        proof["positive"]["assume"] = [0, 2]
    elif where == "terms":
        proof["terms"] = [{"assume": [2], "squares": _sq(["x"], ("0", "1"))}]
    else:
        proof["ideal"] = [{"assume": 2, "poly": _srec(_sparse("0", ["x"]), ["x"])}]
    with pytest.raises(CertificateError, match=r"assumption index 2|ideal term on assumption 2"):
        check_sos(c, proof)


def test_sos_ideal_index_must_be_an_int_and_its_multiplier_over_the_claim_variables() -> None:
    """Kills ``check_sos _94`` (``or`` → ``and``: the index ``True`` read as 1) and ``_110`` (the message)."""
    c = _claim_record(["x", "y"], ["x*y >= 0", "x == y"], "x*y >= 0")
    ok = {"method": "sos", "goal_sign": 1, "multiplier": _sq(["x", "y"], ("1", "1")), "terms": [],
          "ideal": [{"assume": 1, "poly": _srec(_sparse("y", ["x", "y"]), ["x", "y"])}]}
    ok["terms"] = [{"assume": [], "squares": _sq(["x", "y"], ("1", "y"))}]  # x*y = y² + y·(x − y)
    assert "valid" in check_sos(c, ok)
    bad = copy.deepcopy(ok)
    bad["ideal"][0]["assume"] = True
    with pytest.raises(CertificateError, match="ideal term on assumption True"):
        check_sos(c, bad)
    bad = copy.deepcopy(ok)
    bad["ideal"][0]["poly"] = _srec(_sparse("y", ["y", "x"]), ["y", "x"])
    with pytest.raises(CertificateError, match=r"^ideal multiplier over \['y', 'x'\], expected \['x', 'y'\]"):
        check_sos(c, bad)


@pytest.mark.parametrize("coef", [1, "1.0", " 1", True])
def test_sos_positive_coefficient_must_be_a_canonical_string(coef) -> None:
    """Kills ``check_sos _137`` (any value read as a number), ``_141`` (``and`` → ``or``: ``"1.0"`` accepted) and
    ``_145`` (a non-string read as ε = +1). (``_146``, −1 → −2, is equivalent: both refuse the same way.)"""
    c = _claim_record(["x"], ["x > 0", "x < 1"], "x - x**2 > 0")
    proof = {"method": "sos", "goal_sign": 1, "multiplier": _sq(["x"], ("1", "1")), "terms": [],
             "positive": {"assume": [0, 1], "coef": coef}}
    with pytest.raises(CertificateError, match="^positive term .*must be >= 0"):
        check_sos(c, proof)


def test_power_limits_are_strict_and_the_zero_polynomial_has_every_power() -> None:
    """Kills ``poly.x_power__mutmut_11`` / ``_21`` (defaults 1: the zero polynomial to a large power refused),
    ``_12`` (``or`` → ``and``: each limit alone no longer refuses), ``_14`` / ``_22`` (``>`` → ``>=``: the
    limits themselves refused)."""
    n, big = 1, max(P.MAX_BITS, 100 * P.MAX_EXPONENT) + 1
    assert P.power({}, big, n) == {}
    x10, k = {(10,): Fraction(1)}, 100 * P.MAX_EXPONENT // 10  # 1-bit coefficient: k <= MAX_BITS
    assert k <= P.MAX_BITS
    assert P.power(x10, k, n) == {(10 * k,): Fraction(1)}  # degree exactly at the limit
    with pytest.raises(P.PolyError, match="^power too large$"):  # and kills _26 / _27 (the message)
        P.power(x10, k + 1, n)  # the degree limit alone
    c = {(0,): Fraction(2 ** (P.MAX_BITS // 2 - 1))}  # bit length MAX_BITS/2: squaring is at the bit limit
    assert P.power(c, 2, n) == {(0,): Fraction(2 ** (P.MAX_BITS - 2))}
    with pytest.raises(P.PolyError, match="power too large"):
        P.power({(0,): Fraction(2 ** (P.MAX_BITS // 2))}, 2, n)  # the bit limit alone


def test_evaluate_and_subs_refuse_mismatched_lengths_and_return_fractions() -> None:
    """Kills ``poly.x_evaluate__mutmut_10`` / ``_13`` / ``_14`` and ``x_subs__mutmut_21`` / ``_24`` / ``_25``
    (``strict=True`` dropped: a point or image list of the wrong length silently truncated) and
    ``x_evaluate__mutmut_4`` (the empty sum an ``int``, not a ``Fraction``)."""
    p = {(1, 1): Fraction(1)}
    with pytest.raises(ValueError):
        P.evaluate(p, [Fraction(2)])
    with pytest.raises(ValueError):
        P.subs(p, [{(1,): Fraction(1)}], 1)
    assert type(P.evaluate({}, [Fraction(1), Fraction(2)])) is Fraction


def test_mul_term_limit_is_strict_and_monomials_must_match() -> None:
    """Kills ``poly.x_mul__mutmut_2`` (``>`` → ``>=``: a product of exactly 50·MAX_TERMS term pairs refused),
    ``_4`` (51·MAX_TERMS: one more pair accepted), ``_5`` (the message), ``_12`` / ``_15`` (``strict=True``
    dropped: monomials of different lengths silently truncated). (``x_power__mutmut_39``, ``k > 1`` → ``k >= 1``,
    is equivalent: for ``k = 1`` it computes ``p^0 = 1`` first and returns ``1·1·p`` all the same.)"""
    side = int((50 * P.MAX_TERMS) ** 0.5)
    assert side * side == 50 * P.MAX_TERMS
    p = {(i,): Fraction(1) for i in range(side)}
    assert len(P.mul(p, p)) == 2 * side - 1  # exactly at the limit: computed
    with pytest.raises(P.PolyError, match=r"^polynomial product too large \(more than 20000 terms expected\)$"):
        P.mul(p, {**p, (side,): Fraction(1)})
    with pytest.raises(ValueError):
        P.mul({(1,): Fraction(1)}, {(1, 1): Fraction(1)})


def test_a_product_of_exactly_max_terms_terms_is_kept() -> None:
    """Kills ``poly.x_mul__mutmut_25`` (``>`` → ``>=``: a product with exactly MAX_TERMS terms refused)."""
    p = {(i, 0): Fraction(1) for i in range(200)}
    q = {(0, j): Fraction(1) for j in range(P.MAX_TERMS // 200)}
    assert len(P.mul(p, q)) == P.MAX_TERMS
    with pytest.raises(P.PolyError, match=r"^polynomial has more than 20000 terms$"):
        P.mul({**p, (200, 0): Fraction(1)}, q)


def test_parse_text_limit_and_messages() -> None:
    """Kills ``poly.x_parse__mutmut_3`` (``>`` → ``>=``: a text of exactly MAX_TEXT characters refused), ``_4``
    and ``_15`` (the messages), ``_16`` (``lstrip`` → ``rstrip``: the offending character misreported when
    blanks precede it)."""
    at_limit = "x" + " " * (P.MAX_TEXT - 1)
    assert P.parse(at_limit, ["x"]) == {(1,): Fraction(1)}
    with pytest.raises(P.PolyError, match=r"^polynomial must be a string of at most 20000 characters$"):
        P.parse(at_limit + " ", ["x"])
    with pytest.raises(P.PolyError, match=r"^unexpected character '\$' at position \d+$"):
        P.parse("x +   $x", ["x"])  # and kills _17 (two characters quoted)
    with pytest.raises(P.PolyError, match=r"^unexpected end of expression$"):  # kills _40, _41, _42
        P.parse("x +", ["x"])
