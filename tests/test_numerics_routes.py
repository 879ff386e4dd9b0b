"""Independent routes on cases with known answers, and their power to refute a wrong constant."""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
import sympy as sp

from checker.numerics import agree_digits
from proofs.numerics import engine
from proofs.numerics.constants import theorem2
from proofs.numerics.powerlaw import Finite, Params, PowerLaw
from proofs.numerics.routes import (
    contour_residue,
    fit_singular,
    gf_ladder,
    gf_theorem2,
    leading_factor,
    time_fit,
    time_ladder,
    time_theorem2,
)


@pytest.mark.parametrize("x", ["0.4", "1.3", "1", "2"])
def test_fit_singular_recovers_polylog_singularity(x: str) -> None:
    """Σ t^{-x} z^t = Li_x(z): the singular coefficient at z = 1 is Γ(1−x) (or the log coefficient)."""
    with mp.workdps(40):
        x = mp.mpf(x)
        integer = x == int(x)
        basis = [(m, 0) for m in range(6)]
        if integer:
            basis += [(x - 1 + m, 1) for m in range(6)]
        else:
            basis += [(x - 1 + m, 0) for m in range(6)]
        basis = sorted([b for b in basis if b[0] <= x + 3], key=lambda p: (p[0], p[1]))
        target = (x - 1, 1 if integer else 0)
        fit = fit_singular(lambda e: mp.polylog(x, 1 - e), basis, target, "1e-3", "0.3")
        assert abs(fit["coefficient"] / leading_factor(x) - 1) < mp.mpf("1e-10")


def test_ladder_contains_the_expected_exponents() -> None:
    spec = PowerLaw.of("2", "0.8")  # ζ = 0.4: ζ−1 = −0.6, 1 − 1/ν = 0.5, ζ−1+1/ν = −0.1
    es = [e for e, _ in gf_ladder(spec, mp.mpf(1))]
    for want in ("-0.6", "-0.1", "0", "0.4", "0.5", "0.9", "1"):
        assert any(abs(e - mp.mpf(want)) < 1e-12 for e in es), want
    # ζ + j/ν integer → logarithmic terms
    assert any(ell == 1 for _, ell in gf_ladder(PowerLaw.of("2", "1"), mp.mpf(1)))
    assert [float(d) for d in time_ladder(spec, mp.mpf("0.4"))][:3] == pytest.approx([0.5, 1.0, 1.1])


def test_time_fit_on_synthetic_sequence() -> None:
    t = np.arange(1, 40001, dtype=float)
    L = np.concatenate([[1.0], 0.7 * t**-0.4 * (1 + 0.3 * t**-0.5 - 0.2 * t**-1.1)])
    assert abs(time_fit(L, 0.4, [0.5, 1.0, 1.1], 500, 40000) - 0.7) < 1e-9


@pytest.mark.slow
def test_both_routes_on_noiseless_gd_closed_form() -> None:
    """γ = 0, β = 0: L_t = ½ Σ w_k (1−αλ_k)^{2t}, whose constant Q Γ(ζ+1)/(2(2αΛ)^ζ) is classical."""
    spec, par = PowerLaw.of("2", "0.8"), Params.of("0.5", "0", "0", "0")
    with mp.workdps(34):
        known = mp.gamma(mp.mpf("1.4")) / (2 * (2 * mp.mpf("0.5")) ** mp.mpf("0.4"))
        gf = gf_theorem2(spec, par, mp.mpf("0.4"))
        assert agree_digits(mp.nstr(known, 30), mp.nstr(gf["value"], 30), 30) >= 12
    td = time_theorem2(spec, par, mp.mpf("0.4"), T=20000)
    assert abs(td["value"] / float(known) - 1) < 1e-5
    assert abs(td["exponent"] - 0.4) < 1e-3


@pytest.mark.slow
def test_gf_route_confirms_C_noise_and_refutes_the_factor_two() -> None:
    """Noise phase: the route agrees with Ṽ(1)c_U/(1−Ũ(1))² (Ṽ with its ½) and refutes 2× that value."""
    spec, par = PowerLaw.of("2", "3.3"), Params.of("0.5", "0.5", "0.5", "1")
    with mp.workdps(34):
        th = theorem2(spec, par)
        gf = gf_theorem2(spec, par, th.exponent)
        C, num = mp.nstr(th.C_noise, 30), mp.nstr(gf["value"], 30)
        assert agree_digits(C, num, 30) >= 12
        assert agree_digits(mp.nstr(2 * th.C_noise, 30), num, 30) == 0
        assert agree_digits(mp.nstr(th.C_signal, 30), num, 30) == 0  # the other phase's constant


def _one_direction_exact(alpha, beta, gamma, tau):
    """Single eigenvalue λ = 1, λC(0) = 1: L̃ = ½ v_num / (S − zγα² u_num) exactly (sympy)."""
    from symbolic.generating import generating_terms
    from symbolic.update_rule import a, b, g, z

    t = generating_terms()
    sub = {a: sp.Rational(alpha), b: sp.Rational(beta), g: sp.Rational(gamma) * sp.Rational(tau)}
    D = sp.Poly(sp.expand((t.S - z * sp.Rational(gamma) * sp.Rational(alpha) ** 2 * t.u_num).subs(sub)), z)
    N = sp.expand(t.v_num.subs(sub) / 2)
    roots = [complex(r) for r in sp.Poly(D, z).nroots(n=40)]
    r = min(x.real for x in roots if abs(x.imag) < 1e-30 and x.real > 0)
    r = sp.Float(r, 40)
    r = sp.nsolve(D.as_expr(), z, r, prec=40)
    C = -N.subs(z, r) / (sp.diff(D.as_expr(), z).subs(z, r) * r)
    return mp.mpf(str(r)), mp.mpf(str(sp.N(C, 40)))


def test_divergence_routes_on_exact_single_direction() -> None:
    """A one-eigenvalue problem has a rational L̃: exact pole and residue vs contour and time routes."""
    alpha, beta, gamma, tau = "1/2", "0", "4", "0"
    with mp.workdps(34):
        r, C = _one_direction_exact(alpha, beta, gamma, tau)
        spec = Finite([mp.mpf(1)], [mp.mpf(1)])
        par = Params.of("0.5", "0", "4", "0")
        ct = contour_residue(spec, par, r + mp.mpf("1e-4"), (1 - r) / 4)
        assert abs(ct["r"] / r - 1) < mp.mpf("1e-15")
        assert abs(ct["value"] / C - 1) < mp.mpf("1e-12")
    T = 300
    L = engine.spectrum_loss(np.array([1.0]), np.array([1.0]), 0.5, 0.0, 4.0, 0.0, T)
    assert abs(L[T - 1] * float(r) ** (T - 1) / float(C) - 1) < 1e-9
    assert abs(L[T - 2] / L[T - 1] / float(r) - 1) < 1e-12
