"""Closed forms of proofs.numerics: sums against exact/brute-force values, phases, Prop. 3/4, assumptions."""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest

from proofs.numerics.constants import (
    critical_alpha_eff,
    divergence,
    lambda_crit,
    prop4_bound,
    scaling_rates,
    theorem2,
)
from proofs.numerics.powerlaw import (
    AssumptionError,
    Finite,
    Params,
    PowerLaw,
    U_tilde,
    V_tilde,
    euler_maclaurin,
)

PAR = Params.of("0.5", "0.5", "0.5", "1")


def test_euler_maclaurin_zeta_and_telescoping_sum() -> None:
    with mp.workdps(34):
        v, err = euler_maclaurin(lambda k: k ** mp.mpf("-1.5"), 60, 12)
        assert abs(v - mp.zeta(mp.mpf("1.5"))) < mp.mpf("1e-31")
        assert err < mp.mpf("1e-28")
        # Σ_k Q(k^−κ − (k+1)^−κ) = Q exactly (telescoping), κ small: slow k^{−1.3} tail
        spec = PowerLaw.of("2", "0.3", Q="1.7")
        s, e = spec.spectral_sum(lambda lam, w: w)
        assert abs(s - mp.mpf("1.7")) < mp.mpf("1e-30")


def test_euler_maclaurin_on_a_slow_tail() -> None:
    """k^{-1.1}: a tail too slow for plain partial sums; EM still gives 26+ digits."""
    with mp.workdps(30):
        ours, _ = euler_maclaurin(lambda k: k ** mp.mpf("-1.1"), 60, 12)
        assert abs(ours - mp.zeta(mp.mpf("1.1"))) < mp.mpf("1e-26")


def test_U1_equals_eq21_and_brute_force() -> None:
    """Ũ(1) from symbolic's u agrees with eq. 21 summed independently, and with a float partial sum + tail."""
    spec = PowerLaw.of("2", "0.8")
    with mp.workdps(30):
        U1, err = U_tilde(spec, PAR, mp.mpf(0))
        aeff, g = PAR.alpha_eff, PAR.g
        eq21, _ = euler_maclaurin(
            lambda k: PAR.gamma * aeff * spec.lam(k) / (2 - PAR.alpha * spec.lam(k) / (1 + PAR.beta)
                                                        + g * aeff * spec.lam(k)), 80, 14)
        assert abs(U1 - eq21) < mp.mpf("1e-27")
        assert err < mp.mpf("1e-27")
    k = np.arange(1, 2_000_001, dtype=float)
    lam = k**-2.0
    a, ae = 0.5, 1.0
    terms = 0.5 * ae * lam / (2 - a * lam / 1.5 + 0.5 * ae * lam)
    tail = 0.5 * ae / 2 * (1 / 2_000_000)  # Σ_{k>K} λ_k/4 ≈ K^{-1}/4
    assert abs(float(U1) - (terms.sum() + tail)) < 1e-11


def test_V1_against_finite_brute_force() -> None:
    """Ṽ(1) of the infinite power law vs a float sum to K = 1e6 plus its (small) tail bound."""
    spec = PowerLaw.of("2", "3.3")
    with mp.workdps(30):
        V1, _ = V_tilde(spec, PAR, mp.mpf(0))
        K = 200
        ks = [mp.mpf(k) for k in range(1, K + 1)]
        fin = Finite([spec.lam(k) for k in ks], [spec.weight(k) for k in ks])
        Vfin, _ = V_tilde(fin, PAR, mp.mpf(0))
        # tail: v(a,1) ≈ (1-b)/(2a) for small a, w_k ≈ κ k^{-κ-1}: Σ_{k>K} ≈ ½ κ/(2 α_eff) K^{ν-κ}/(κ-ν)
        tail = mp.mpf("3.3") / (4 * PAR.alpha_eff) * mp.power(K, mp.mpf(2) - mp.mpf("3.3")) / mp.mpf("1.3")
        assert abs(V1 - Vfin - tail) < tail * mp.mpf("0.05")


def test_scaling_rates_from_symbolic() -> None:
    r = scaling_rates()
    with mp.workdps(20):
        for b in (mp.mpf("-0.3"), mp.mpf("0.5")):
            assert abs(r["v"][0](b) - 1) < 1e-15 and abs(r["v"][1](b) - 2 / (1 - b)) < 1e-15
            assert abs(r["u"][0](b) - 1 / (1 - b) ** 2) < 1e-15 and abs(r["u"][1](b) - 2 / (1 - b)) < 1e-15


def test_phase_switch_at_zeta_equals_two_minus_one_over_nu() -> None:
    with mp.workdps(30):
        below = theorem2(PowerLaw.of("2", "2.95"), PAR)
        above = theorem2(PowerLaw.of("2", "3.05"), PAR)
        assert below.phase == "signal-dominated" and below.exponent == mp.mpf("2.95") / 2
        assert above.phase == "noise-dominated" and above.exponent == mp.mpf("1.5")
        # near the boundary both constants exist and t* moves out as the exponents merge
        assert below.t_star is not None and above.t_star is not None
        with pytest.raises(AssumptionError, match="phase boundary"):
            theorem2(PowerLaw.of("2", "3"), PAR)


@pytest.mark.parametrize(
    "spec, par, needle",
    [
        (PowerLaw.of("1", "1"), PAR, "nu"),
        (PowerLaw.of("2", "0"), PAR, "kappa"),
        (PowerLaw.of("2", "1"), Params.of("3.5", "0.5", "0.5", "1"), "noiseless region"),
        (PowerLaw.of("2", "1"), Params.of("0.5", "-1", "0.5", "1"), "beta"),
        (PowerLaw.of("2", "1"), Params.of("0.5", "0.5", "0.5", "-1"), "gamma\\*tau"),  # g < 0: Lemma 1.1 fails
        (PowerLaw.of("2", "1"), Params.of("0.5", "0.5", "-0.1", "1"), "gamma = -0.1 < 0"),
        (PowerLaw.of("2", "0.8"), Params.of("0.3", "0.9", "0.5", "0"), "U\\(1\\)"),
    ],
)
def test_theorem2_assumptions(spec, par, needle) -> None:
    with mp.workdps(30), pytest.raises(AssumptionError, match=needle):
        theorem2(spec, par)


def test_divergence_needs_U1_above_one() -> None:
    with mp.workdps(30), pytest.raises(AssumptionError, match="U\\(1\\)"):
        divergence(PowerLaw.of("2", "0.8"), PAR)


def test_divergence_root_and_constant_consistency() -> None:
    spec, par = PowerLaw.of("2", "0.8"), Params.of("0.3", "0.9", "0.5", "0")
    with mp.workdps(30):
        d = divergence(spec, par)
        assert 0 < d.r < 1 and d.U1 > 1
        assert abs(U_tilde(spec, par, 1 - d.r)[0] - 1) < mp.mpf("1e-27")
        # a perturbed root is not a root
        assert abs(U_tilde(spec, par, 1 - d.r * (1 + mp.mpf("1e-6")))[0] - 1) > mp.mpf("1e-8")


@pytest.mark.slow
def test_prop4_bound_holds_and_tightens() -> None:
    spec = PowerLaw.of("2", "0.8")
    with mp.workdps(30):
        lc, _ = lambda_crit(spec, 1)
        assert abs(mp.fsum(spec.lam(k) / (lc + spec.lam(k)) for k in range(1, 20001)) - 1) < 1e-3
        bound = prop4_bound(spec, "0.5", 1)
        crit = [critical_alpha_eff(spec, b, "0.5", 1) for b in ("0", "0.9", "0.99")]
        assert all(c < bound for c in crit)
        assert crit[0] < crit[1] < crit[2]
        assert (bound - crit[2]) / bound < mp.mpf("0.01")
        # τ = 0: λ_crit = Σλ_k = ζ_R(ν) exactly
        assert abs(lambda_crit(spec, 0)[0] - mp.zeta(2)) < mp.mpf("1e-27")
