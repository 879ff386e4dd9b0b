"""The fixed parameter points of the numerics certificates (``sgd-proofs regenerate``).

Power law ``λ_k = Λk^{−ν}``, ``λ_kC_k(0) = Q(k^{−κ} − (k+1)^{−κ})`` with ``Λ = Q = 1`` throughout; every
value is an exact decimal string. ``ζ = κ/ν``, phase boundary ``ζ = 2 − 1/ν``.

Theorem 2 points (``Ũ(1) < 1``):

* ``signal_nu2``        ν = 2, κ = 0.8: ζ = 0.4 < 1.5, L̃ itself diverges at z = 1 (ζ < 1);
* ``signal_zeta1``      ν = 2, κ = 2: ζ = 1 exactly (integer: ``L̃ ∝ log(1 − z)``, colliding Mellin poles);
* ``signal_near_boundary`` ν = 1.5, κ = 1.8: ζ = 1.2 just below 2 − 1/ν = 4/3, ζ > 1;
* ``signal_U1_near_1``  ν = 2, κ = 0.8, α = 0.92, β = 0.5, τ = 0: Ũ(1) ≈ 0.973 (close to Prop. 3's boundary);
* ``noise_nu2``         ν = 2, κ = 3.3: ζ = 1.65 > 1.5;
* ``noise_near_boundary`` ν = 1.5, κ = 2.1: ζ = 1.4 just above 4/3;
* ``noise_negative_momentum`` ν = 2, κ = 3.3, β = −0.3, γ = 1, τ = 0.5.

Divergence points (``Ũ(1) > 1``; ``g = γτ`` kept small so that every per-direction operator ``A(a,b,g)``
is stable and the time-domain renewal is well conditioned — see ``routes.time_divergence``):

* ``div_momentum``      ν = 2, κ = 0.8, α = 0.3, β = 0.9, γ = 0.5, τ = 0: Ũ(1) ≈ 1.30;
* ``div_near_boundary`` ν = 2, κ = 0.8, α = 0.125, β = 0.95, γ = 0.5, τ = 0: Ũ(1) ≈ 1.05, r ≈ 0.9983.

Stability (Prop. 3) and Prop. 4 use the spectrum ν = 2, κ = 0.8 with γ = 0.5 (τ = 0 for the
trajectories of Prop. 3; τ = 1 for Prop. 4's λ_crit).
"""

from __future__ import annotations

BASE = {"Lambda": "1", "Q": "1"}

THEOREM2 = {
    "signal_nu2": dict(nu="2", kappa="0.8", alpha="0.5", beta="0.5", gamma="0.5", tau="1"),
    "signal_zeta1": dict(nu="2", kappa="2", alpha="0.5", beta="0.5", gamma="0.5", tau="1"),
    "signal_near_boundary": dict(nu="1.5", kappa="1.8", alpha="0.5", beta="0.3", gamma="0.5", tau="1"),
    "signal_U1_near_1": dict(nu="2", kappa="0.8", alpha="0.92", beta="0.5", gamma="0.5", tau="0"),
    "noise_nu2": dict(nu="2", kappa="3.3", alpha="0.5", beta="0.5", gamma="0.5", tau="1"),
    "noise_near_boundary": dict(nu="1.5", kappa="2.1", alpha="0.5", beta="0.3", gamma="0.5", tau="1"),
    "noise_negative_momentum": dict(nu="2", kappa="3.3", alpha="0.4", beta="-0.3", gamma="1", tau="0.5"),
}

DIVERGENCE = {
    "div_momentum": dict(nu="2", kappa="0.8", alpha="0.3", beta="0.9", gamma="0.5", tau="0"),
    "div_near_boundary": dict(nu="2", kappa="0.8", alpha="0.125", beta="0.95", gamma="0.5", tau="0"),
}

#: Prop. 3: the critical α at each β, trajectories at α_c (1 ∓ DELTA).
PROP3 = dict(nu="2", kappa="0.8", gamma="0.5", tau="0", betas=["0", "0.5", "0.9"], delta="0.1")

#: Prop. 4: λ_crit and the critical α_eff(β) approaching 2/(γ λ_crit) as β → 1.
PROP4 = dict(nu="2", kappa="0.8", gamma="0.5", tau="1", betas=["-0.5", "0", "0.5", "0.9", "0.99", "0.999"])


def full(p: dict) -> dict:
    return {**BASE, **p}
