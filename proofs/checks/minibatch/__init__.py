"""The exact mini-batch noise covariance and the paper's statements about it (Props. 1, 2, 7).

Setting (paper Sec. 2, App. B–D). A finite data set of ``N`` feature vectors ``ψ_i ∈ Q^p``, loss
``L(w) = (1/2N) Σ_i (⟨ψ_i, w⟩ − y_i)²``, Hessian ``H = (1/N) Σ_i ψ_i ψ_iᵀ``. A batch ``B`` of size
``b`` gives the stochastic Hessian ``M_B = (1/b) Σ_{i∈B} ψ_i ψ_iᵀ`` and the gradient ``M_B Δw``.
The gradient noise is ``(M_B − H) Δw``, so one step adds to the second moment ``C = E[Δw Δwᵀ]``

    Σ(C) = E_B[(M_B − H) C (M_B − H)]                      (definition; batches enumerated exactly)

Paper eq. 5 (Prop. 1, App. C eq. 56): ``Σ(C) = γ((1/N) Σ_i ψ_i ψ_iᵀ C ψ_i ψ_iᵀ − H C H)`` with
``γ = (N − b)/((N − 1) b)`` for batches drawn without replacement and ``γ = 1/b`` for i.i.d. draws.

Every identity below is linear in ``C``; it is checked on a basis of the symmetric matrices (hence
for every ``C``) or, equivalently, as a matrix identity of the dual linear functional
``C ↦ Tr(P Σ(C)) = Tr(G_P C)`` with ``G_P = E_B[(M_B − H) P (M_B − H)]``. Exact rationals throughout
(python-flint ``fmpq_mat``); the certificate checker redoes everything with ``fractions``.

Modules: ``noise`` (the exact noise by enumerating every batch, eq. 5 and Prop. 1), ``torus`` (the
translation-invariant torus grid, its Fourier projectors and Prop. 2), ``mixing`` (Prop. 7), ``rational``
(exact rational and rational orthogonal matrices). The names below are the checks' public interface.
"""

from __future__ import annotations

from .mixing import check_prop7, prop7_instance, prop7_quantities
from .noise import (
    batches,
    check_prop1,
    gamma,
    hessian,
    noise_dual,
    noise_eq5,
    parse_features,
    prop1_instance,
    symmetric_basis,
)
from .rational import cayley_orthogonal, householder_to_uniform, mat, to_fractions
from .torus import check_prop2, fourier_pair_projectors, mixed_features, prop2_instance, torus_features

__all__ = [
    "batches", "cayley_orthogonal", "check_prop1", "check_prop2", "check_prop7", "fourier_pair_projectors",
    "gamma", "hessian", "householder_to_uniform", "mat", "mixed_features", "noise_dual", "noise_eq5",
    "parse_features", "prop1_instance", "prop2_instance", "prop7_instance", "prop7_quantities",
    "symmetric_basis", "to_fractions", "torus_features",
]
