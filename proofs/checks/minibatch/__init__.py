"""The exact mini-batch noise covariance and the paper's statements about it (Props. 1, 2, 7).

The setting — a finite data set, the batch Hessian ``M_B`` and the exact noise
``Σ(C) = E_B[(M_B − H) C (M_B − H)]`` against paper eq. 5 — is stated in ``noise``.

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
