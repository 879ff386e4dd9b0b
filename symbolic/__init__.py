"""Exact symbolic derivation of the generating-function analysis of SGD with momentum.

Public API::

    moment_operator()     3×3 operator A_λ(a, b, g) on (C, J, P)          (paper eq. 11)
    noise_vector()        rank-one noise term γα²λ (1, 1, 1) · Tr(HC)     (paper eq. 7)
    generating_terms()    S, u/v numerators, R1                            (paper eqs. 18–21, 120)
"""

from .generating import GeneratingTerms, generating_terms, u_term, v_term
from .update_rule import moment_operator, moment_recursion, noise_vector, update_map

__all__ = [
    "GeneratingTerms",
    "generating_terms",
    "moment_operator",
    "moment_recursion",
    "noise_vector",
    "u_term",
    "update_map",
    "v_term",
]
