"""One parameter validator: each assumption set names the assumption that fails, for floats and mpf alike."""

from __future__ import annotations

import mpmath as mp
import pytest

from proofs.numerics import engine, params
from proofs.numerics.constants import validate
from proofs.numerics.powerlaw import AssumptionError, Params, PowerLaw

GOOD = dict(nu=2, kappa=1, Lambda=1, Q=1, alpha=0.5, beta=0.5, gamma=0.5, tau=1)


@pytest.mark.parametrize("change, tag", [
    ({"kappa": 0}, "[power-law problem, eq. 25]"),
    ({"nu": 1}, "[sum lambda_k < inf, Prop. 3]"),
    ({"Lambda": 0}, "[power-law problem, eq. 25]"),
    ({"beta": -1}, "[noiseless stability, App. H]"),
    ({"alpha": 3.5}, "[noiseless stability, App. H]"),
    ({"gamma": -0.1}, "[noise factor]"),
    ({"tau": -1}, "[Lemma 1.1, App. E.2]"),
])
def test_theorem2_names_the_failing_assumption(change: dict, tag: str) -> None:
    params.theorem2(**GOOD)
    bad = dict(GOOD, **change)
    with pytest.raises(params.ParameterError) as exc:
        params.theorem2(**bad)
    assert str(exc.value).endswith(tag)
    # the same rule and message through the closed forms' entry point (mpf values)
    with mp.workdps(30), pytest.raises(AssumptionError) as exc2:
        validate(PowerLaw.of(*(str(bad[k]) for k in ("nu", "kappa", "Lambda", "Q"))),
                 Params.of(*(str(bad[k]) for k in ("alpha", "beta", "gamma", "tau"))))
    assert str(exc2.value).endswith(tag)


def test_divergence_needs_only_square_summable_spectra() -> None:
    params.divergence(**dict(GOOD, nu=0.75))  # 1/2 < nu <= 1: eventual divergence is covered
    with pytest.raises(params.ParameterError, match=r"immediate divergence\) \[sum lambda_k\^2"):
        params.divergence(**dict(GOOD, nu=0.5))
    with pytest.raises(params.ParameterError, match="sum lambda_k < inf"):
        params.theorem2(**dict(GOOD, nu=0.75))


def test_se_recursion_allows_any_tau_but_not_unstable_directions() -> None:
    params.se_recursion(1.0, 0.5, 0.3, -2.0, 1.0, 10)  # tau < 0 is simulated (Theorem 2 would refuse it)
    params.se_recursion(1.0, 0.5, 0.0, 1.0, 1.0, 10)  # gamma = 0: noiseless
    for args, tag in [((1.0, 0.5, -0.1, 1.0, 1.0, 10), "[noise factor]"),
                      ((3.1, 0.5, 0.3, 1.0, 1.0, 10), "[noiseless stability, App. H]"),
                      ((1.0, 0.5, 0.3, 1.0, 1.0, 2.5), "[time horizon]"),
                      ((float("nan"), 0.5, 0.3, 1.0, 1.0, 10), "[finite parameters]")]:
        with pytest.raises(params.ParameterError) as exc:
            params.se_recursion(*args)
        assert str(exc.value).endswith(tag)
    assert engine.ParameterError is params.ParameterError  # the engine raises the validator's error


def test_power_law_and_explicit_spectrum() -> None:
    params.power_law(1.0, 0.8, 100, 1.0, 1.0)  # finite N: nu <= 1 is a valid spectrum
    with pytest.raises(params.ParameterError, match="infinite spectrum"):
        params.power_law(1.0, 0.8, None, 1.0, 1.0)
    with pytest.raises(params.ParameterError, match="spectrum size"):
        params.power_law(1.5, 0.8, 0, 1.0, 1.0)
    with pytest.raises(params.ParameterError, match="eigenvalue"):
        params.explicit_spectrum([1.0, -0.5], [0.1, 0.1])
    with pytest.raises(params.ParameterError, match="lambda\\*C0"):
        params.explicit_spectrum([1.0, 0.5], [0.1, -0.1])


def test_theorem2_needs_no_upper_bound_on_gamma_tau_and_allows_gamma_0() -> None:
    """Lemma 1.1 holds for every g = gamma*tau >= 0 (sharp.S.g_nonneg); gamma = 0 is full batch (no noise)."""
    for change in ({"tau": 3}, {"gamma": 0}, {"gamma": 0, "tau": -1}, {"gamma": 2, "tau": 5}):
        params.theorem2(**dict(GOOD, **change))
    params.divergence(**dict(GOOD, tau=3))
    with pytest.raises(params.ParameterError, match=r"gamma = 0 <= 0: without noise .*\[noise factor\]"):
        params.divergence(**dict(GOOD, gamma=0))
    with pytest.raises(params.ParameterError, match=r"g = gamma\*tau = -0.5 < 0: eq. 24 needs S > 0"):
        params.divergence(**dict(GOOD, tau=-1))
