"""The problem set of the ``sgd-proofs prove`` benchmark (``benchmarks/prove_problems/``), cheaply checked.

Every claim file parses and is a box-constrained ``p >= bound``; every ``NAME.false.toml`` has an exact rational
counterexample in ``NAME.false.witness`` (so the false claims are honestly false); every ``NAME.true.toml`` and
``NAME.tight.toml`` holds at 200 deterministic pseudo-random rational points of its box (exact evaluation) — a
sanity check, not a proof; the benchmark itself (``benchmarks/bench_prove.py``) asks the provers.
"""

from __future__ import annotations

import random
import zlib
from fractions import Fraction
from pathlib import Path

import pytest

from proofs.solvers import holds, is_counterexample
from sgd_proofs.commands.prove import load_claim
from symbolic.polynomial import degree, evaluate, sub

ROOT = Path(__file__).resolve().parents[2] / "benchmarks" / "prove_problems"
FILES = sorted(ROOT.glob("*.toml"))
KINDS = ("true", "false", "tight")


def _split(path: Path) -> tuple[str, str]:
    name, kind, ext = path.name.rsplit(".", 2)
    assert ext == "toml" and kind in KINDS, path.name
    return name, kind


def _box(claim) -> list[tuple[Fraction, Fraction]]:
    """The box of a claim whose assumptions are all ``c*x + d REL 0`` bounds on single variables."""
    n = len(claim.variables)
    lo: list[Fraction | None] = [None] * n
    hi: list[Fraction | None] = [None] * n
    for con in claim.assume:
        assert con.rel in ("<=", ">="), con
        assert degree(con.poly) == 1, con
        linear = [(m, c) for m, c in con.poly.items() if sum(m)]
        assert len(linear) == 1, f"not a bound on one variable: {con}"
        mono, c = linear[0]
        i = mono.index(1)
        bound = -con.poly.get((0,) * n, Fraction(0)) / c  # c*x + d REL 0  <=>  x REL' -d/c
        upper = (con.rel == "<=") == (c > 0)
        if upper:
            hi[i] = bound if hi[i] is None else min(hi[i], bound)
        else:
            lo[i] = bound if lo[i] is None else max(lo[i], bound)
    assert None not in lo and None not in hi, f"{claim.name}: a variable is not bounded on both sides"
    assert all(a < b for a, b in zip(lo, hi, strict=True))
    return list(zip(lo, hi, strict=True))


def _witness(path: Path, variables) -> list[Fraction]:
    text = path.read_text().strip()
    assert "\n" not in text, f"{path.name}: one line expected"
    pairs = [item.split("=") for item in text.split(",")]
    assert [k.strip() for k, _ in pairs] == list(variables), f"{path.name}: coordinates {pairs}"
    return [Fraction(v.strip()) for _, v in pairs]


def test_problem_set_is_complete():
    names: dict[str, set[str]] = {}
    for f in FILES:
        name, kind = _split(f)
        names.setdefault(name, set()).add(kind)
    assert len(names) >= 15
    for name, kinds in names.items():
        assert {"true", "false"} <= kinds, name
        assert (ROOT / f"{name}.false.witness").is_file(), name
    assert sum("tight" in k for k in names.values()) >= 2
    assert {p.name.rsplit(".", 2)[0] for p in ROOT.glob("*.witness")} <= set(names)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_claim_file_parses_as_a_box_bound(path):
    name, kind = _split(path)
    claim = load_claim(path)
    assert claim.name == f"{name}.{kind}"
    assert 1 <= len(claim.variables) <= 12 and claim.show.rel == ">="
    _box(claim)


def _pair(name: str):
    return load_claim(ROOT / f"{name}.true.toml"), load_claim(ROOT / f"{name}.false.toml")


@pytest.mark.parametrize("name", sorted({_split(f)[0] for f in FILES}))
def test_false_claim_has_an_exact_counterexample(name):
    true, false = _pair(name)
    assert true.variables == false.variables and true.assume == false.assume
    gap = sub(true.show.poly, false.show.poly)  # (p - lo) - (p - hi) = hi - lo: same p, higher bound
    n = len(true.variables)
    assert set(gap) == {(0,) * n} and gap[(0,) * n] > 0, name
    point = _witness(ROOT / f"{name}.false.witness", false.variables)
    assert is_counterexample(false, point), name
    assert all(holds(c, point) for c in true.assume)
    tight = ROOT / f"{name}.tight.toml"
    if tight.exists():  # the tight bound is attained: p = 0 at the witness (a zero of p)
        t = load_claim(tight)
        assert t.assume == true.assume and evaluate(t.show.poly, point) == 0


@pytest.mark.parametrize("path", [f for f in FILES if _split(f)[1] != "false"], ids=lambda p: p.name)
def test_true_claim_holds_at_random_points(path):
    claim = load_claim(path)
    box = _box(claim)
    rng = random.Random(zlib.crc32(path.name.encode()))
    for _ in range(200):
        point = [a + (b - a) * Fraction(rng.randrange(10**6 + 1), 10**6) for a, b in box]
        assert all(holds(c, point) for c in claim.assume)
        assert not is_counterexample(claim, point), (path.name, point)
