"""Tests that kill the mutants of checker/moments.py the first mutation run left alive (issue 19, sixth run).

Each test names the behaviour a surviving mutant broke: a formula that holds algebraically must not count as
the stationary covariance of an unstable chain; a singular moment equation has no stationary solution; the
instance checks reject malformed data with their own message; the exact linear algebra is right on matrices
where a sign, a pivot swap or a zero minor matters.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from checker import moments as M
from checker.errors import CertificateError

K1, C1 = [["2", "1"], ["1", "1"]], [["1", "0"], ["0", "3"]]
KD = [["2", "0"], ["0", "1"]]
DIAG = [[["2", "0"], ["0", "1"]], [["1", "0"], ["0", "3"]]]
DIAG3 = [*DIAG, [["3", "0"], ["0", "2"]]]


def _fn(name: str, data: dict) -> dict:
    return M.CLAIMS[name].fn(data)


# ------------------------------------------------------------------------------ unstable: the formula is void

@pytest.mark.parametrize(("name", "data"), [
    ("ziyin.eq6", dict(K=K1, C=C1, lam="1")),
    ("ziyin.eq7", dict(K=K1, C=C1, lam="3/2", mu="1/4")),
    ("ziyin.eq9", dict(K=K1, C=C1, Lam=[["1", "0"], ["0", "1"]], mu="0")),
    ("ziyin.thm4", dict(K=K1, sigma2="1", a="1", lam="1")),
    ("ziyin.thm5", dict(K=K1, C=C1, lam="3/2", mu="1/4")),
    ("ziyin.cor5", dict(K=K1, c="1/3", lam="3", mu="0")),
    ("ziyin.thm10", dict(K=K1, c="-1/2", lam="1/2")),
    ("ziyin.iclr.sec64", dict(A=K1, lam="3", mu="0", sigma2="1", S="2")),
    ("liu.stationary_error", dict(k="1", eta="4", mu="0", s2="1")),
    ("liu.diffusion_error", dict(k="1", eta="4", mu="0", s2="1")),
])
def test_unstable_chain_never_holds(name: str, data: dict) -> None:
    r = _fn(name, data)
    assert r["stable"] is False and r["holds"] is False, r


@pytest.mark.parametrize(("name", "data"), [
    ("ziyin.eq7", dict(K=KD, C=C1, lam="1", mu="0")),  # eigenvalue 1 - lam k = -1: I - T(x)T singular
    ("ziyin.eq9", dict(K=KD, C=C1, Lam=[["1", "0"], ["0", "1/2"]], mu="0")),
])
def test_singular_moment_equation_has_no_solution(name: str, data: dict) -> None:
    r = _fn(name, data)
    assert r["holds"] is False and r["stable"] is False
    assert r["sigma"] is None


def test_thm10_needs_a_positive_square_root() -> None:
    neg = [["-2", "-1"], ["-1", "-1"]]  # R = lam(1+c)/2 K squares to E[gg^T] but is not positive definite
    assert _fn("ziyin.thm10", dict(K=neg, c="1/3", lam="1/2")) == {
        "stable": False, "sigma": None, "holds": False,
        "formula": [[Fraction(1, 12), Fraction(0)], [Fraction(0), Fraction(1, 12)]]}


# ------------------------------------------------------------------------------------- malformed instances

@pytest.mark.parametrize("t_max", [0, 41, True, "3"])
def test_thm7_t_max_range(t_max) -> None:
    with pytest.raises(CertificateError, match="t_max must be an integer in 1..40"):
        _fn("ziyin.thm7", dict(K=K1, C=C1, lam="1/4", t_max=t_max))


@pytest.mark.parametrize("t_max", [1, 40])
def test_thm7_t_max_bounds_accepted(t_max) -> None:
    assert len(_fn("ziyin.thm7", dict(K=K1, C=C1, lam="1/4", t_max=t_max))["losses"]) == t_max + 1


@pytest.mark.parametrize(("S", "order"), [(0, 2), (1, 3), (1, 7), (1, 9), ("1", 2), (1, "2")])
def test_prop7_instance_checked(S, order) -> None:
    with pytest.raises(CertificateError, match="S must be a positive integer and order one of 2, 4, 6, 8"):
        _fn("ziyin.iclr.prop7.order2", dict(a="1", lam="1/4", S=S, order=order))


@pytest.mark.parametrize("order", [6, 8])
def test_prop7_higher_orders_accepted(order) -> None:
    assert _fn("ziyin.iclr.prop7.order2", dict(a="1", lam="1/4", S=2, order=order))["predicted"] is True


@pytest.mark.parametrize("patch", [dict(b=0), dict(b=3), dict(b=True) | {"b": "1"}, dict(replacement="yes"),
                                   dict(A=[DIAG[0]] * 7, b=1)])
def test_patel_instance_checked(patch) -> None:
    data = dict(A=DIAG, b=1, replacement=True, alpha="1/2") | patch
    msg = r"^Patel instance: b an integer in 1\.\.N, replacement a boolean, N <= 6$"
    with pytest.raises(CertificateError, match=msg):
        _fn("patel.criterion.commuting", data)


def test_patel_six_matrices_accepted_and_beta_defaults_to_zero() -> None:
    r = _fn("patel.criterion.commuting", dict(A=[DIAG[0]] * 6, b=1, replacement=True, alpha="1/2"))
    assert r["stable"] is True
    assert _fn("patel.momentum.diagonal", dict(A=DIAG, b=1, replacement=True, alpha="1/2")) == \
        _fn("patel.momentum.diagonal", dict(A=DIAG, b=1, replacement=True, alpha="1/2", beta="0"))


@pytest.mark.parametrize("A", [[[["2", "1"], ["0", "1"]], DIAG[1]], [DIAG[0], [["1", "0", "0"], ["0", "1", "0"],
                                                                                ["0", "0", "1"]]]])
def test_patel_matrices_symmetric_one_size(A) -> None:
    with pytest.raises(CertificateError, match="^Patel instance: the A_i must be symmetric and of one size$"):
        _fn("patel.criterion.commuting", dict(A=A, b=1, replacement=True, alpha="1/2"))


@pytest.mark.parametrize(("b", "rep"), [(2, True), (1, False)])
def test_full_batch_instance_checked(b, rep) -> None:
    with pytest.raises(CertificateError, match="^full-batch instance must have b = N without replacement$"):
        _fn("patel.full_batch", dict(A=DIAG, b=b, replacement=rep, alpha="1/2"))


def test_threshold_instances_are_diagonal() -> None:
    with pytest.raises(CertificateError, match="^threshold instances have diagonal A_i$"):
        _fn("patel.threshold", dict(A=[K1, KD], b=1, replacement=True, alpha="1/2"))


@pytest.mark.parametrize("A", [K1, [["1", "0"], ["0", "0"]]])
def test_thm6_positive_diagonal(A) -> None:
    with pytest.raises(CertificateError, match="^Thm 6 instances have a positive diagonal A$"):
        _fn("ziyin.iclr.thm6", dict(A=A, lam="1/4", S="2"))


def test_singular_inverse_named() -> None:
    with pytest.raises(CertificateError, match="^a matrix the formula inverts is singular$"):
        M._inv([[Fraction(1), Fraction(2)], [Fraction(2), Fraction(4)]])


# --------------------------------------------------------------------------------- exact linear algebra

def _f(rows) -> list[list[Fraction]]:
    return [[Fraction(x) for x in r] for r in rows]


def test_det_pivots_signs_and_zero_columns() -> None:
    assert M._det(_f([[0, 1], [1, 0]])) == -1  # a row swap flips the sign
    assert M._det(_f([[2, 1], [1, 3]])) == 5
    assert M._det(_f([[0, 2, 1], [3, 0, 1], [1, 1, 0]])) == 5
    assert M._det(_f([[0, 1], [0, 1]])) == 0  # no pivot in the first column


def test_positive_definite_by_minors() -> None:
    assert M._pd(_f([[2, 1], [1, 2]]))
    assert not M._pd(_f([[1, 1], [1, 1]]))  # a zero minor: semidefinite only
    assert not M._pd(_f([[2, 1], [0, 2]]))  # not symmetric
    assert not M._pd(_f([[1, 2], [2, 1]]))


def test_binomial_is_an_exact_integer() -> None:
    assert M._binom(8, 4) == 70 and isinstance(M._binom(8, 4), int)


# ---------------------------------------------------------------------------------- Patel: where it matters

def test_patel_threshold_at_zero_and_at_the_threshold() -> None:
    r0 = _fn("patel.threshold", dict(A=DIAG, b=1, replacement=True, alpha="0"))
    assert r0["stable"] is False and r0["holds"] is True  # alpha = 0: the iterate never moves
    thr = min(_fn("patel.threshold", dict(A=DIAG, b=1, replacement=True, alpha="1/2"))["thresholds"])
    at = _fn("patel.threshold", dict(A=DIAG, b=1, replacement=True, alpha=str(thr)))
    assert at["stable"] is False and at["holds"] is True  # spectral radius exactly 1 at the threshold


def test_divergence_criterion_value_recorded() -> None:
    r = _fn("patel.divergence", dict(A=DIAG, b=1, replacement=True, alpha="13/10"))  # lambda_min(Q) = 1.325
    assert r["criterion"] is True and r["stable"] is False


def _thr(rep: bool) -> Fraction:
    return min(_fn("patel.threshold", dict(A=DIAG3, b=2, replacement=rep, alpha="1/2"))["thresholds"])


def test_sampling_with_and_without_replacement_differ() -> None:
    """Between the two thresholds, sampling with replacement diverges and without replacement converges."""
    lo, hi = _thr(True), _thr(False)
    assert lo < hi
    mid = str((lo + hi) / 2)
    for name in ("patel.divergence", "patel.criterion.commuting"):
        assert _fn(name, dict(A=DIAG3, b=2, replacement=True, alpha=mid))["stable"] is False
        assert _fn(name, dict(A=DIAG3, b=2, replacement=False, alpha=mid))["stable"] is True
    assert _fn("patel.momentum.diagonal", dict(A=DIAG3, b=2, replacement=True, alpha=mid, beta="0"))["stable"] is False
    assert _fn("patel.momentum.diagonal", dict(A=DIAG3, b=2, replacement=False, alpha=mid, beta="0"))["stable"] is True


def test_momentum_changes_stability() -> None:
    """alpha = 3/4 on DIAG: plain SGD converges, heavy ball with beta = 3/4 diverges (the 2d-state operator)."""
    assert M.patel_exact([_f(x) for x in DIAG], 1, True, Fraction(3, 4), Fraction(0)) is True
    assert M.patel_exact([_f(x) for x in DIAG], 1, True, Fraction(3, 4), Fraction(3, 4)) is False


def test_momentum_prediction_needs_beta_below_one() -> None:
    assert _fn("patel.momentum.diagonal", dict(A=DIAG, b=1, replacement=True, alpha="1/4", beta="1"))[
        "prediction"] is False


def test_momentum_prediction_is_strict_on_its_boundary() -> None:
    """At alpha* = 6/7 (beta = 1/2) one coordinate of DIAG sits exactly on gamma a^2 u_num(1) = S(1): the
    prediction is false there, and the chain is not stable (spectral radius 1)."""
    r = _fn("patel.momentum.diagonal", dict(A=DIAG, b=1, replacement=True, alpha="6/7", beta="1/2"))
    assert r == {"stable": False, "prediction": False, "diagonal": True, "holds": True}


def test_momentum_prediction_uses_the_instance_sampling() -> None:
    lo, hi = _thr(True), _thr(False)
    r = _fn("patel.momentum.diagonal", dict(A=DIAG3, b=2, replacement=True, alpha=str((lo + hi) / 2), beta="0"))
    assert r["prediction"] is False and r["holds"] is True


def test_divergence_criterion_uses_the_instance_sampling() -> None:
    r = _fn("patel.divergence", dict(A=DIAG3, b=2, replacement=True, alpha="93/100"))
    assert r["criterion"] is True
    assert _fn("patel.divergence", dict(A=DIAG3, b=2, replacement=False, alpha="93/100"))["criterion"] is False


def test_thm6_condition_terms_and_strict_sum() -> None:
    """A term equal to 1 is allowed (it is positive); a sum equal to S is not (strict)."""
    r = _fn("ziyin.iclr.thm6", dict(A=[["1", "0"], ["0", "1/10"]], lam="4/3", S="2"))
    assert r["condition"] is True
    r = _fn("ziyin.iclr.thm6", dict(A=[["1", "0"], ["0", "1"]], lam="4/3", S="2"))
    assert r["condition"] is False


def test_fires_rule_rejects_and_accepts() -> None:
    cl = M.CLAIMS["patel.divergence"]
    assert M.requirements(cl, [{}, {}], [{"criterion": False}, {"criterion": False}]) == \
        "no instance where the criterion fires"
    assert M.requirements(cl, [{}, {}], [{"criterion": False}, {"criterion": True}]) == ""


def _cert(name: str) -> dict:
    import json
    from pathlib import Path

    return json.loads((Path(__file__).resolve().parents[2] / "certificates" / f"{name}.json").read_text())["content"]


def test_check_messages_name_recorded_and_recomputed_verdicts(tmp_path) -> None:
    c = _cert("liu.stationary_error")
    assert M.check(c, tmp_path, "liu.stationary_error") == (
        "moments: liu.stationary_error recomputed from the update rule in exact rationals on 3 instance(s): "
        "holds on every instance")
    c["holds"], c["witness"] = False, 1
    with pytest.raises(CertificateError, match=r"recomputed holds = True, witness = None; recorded False, 1$"):
        M.check(c, tmp_path, "liu.stationary_error")


def test_thm6_as_recovered_adds_one_over_S() -> None:
    """A = I, lam = 1, S = 1: the terms are 2/(lam a) - 1 + 1/S = 2, their sum 1 is not < S."""
    assert _fn("ziyin.iclr.thm6", dict(A=[["1", "0"], ["0", "1"]], lam="1", S="1"))["condition"] is False
