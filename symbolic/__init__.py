"""Exact symbolic derivation of the generating-function analysis of SGD with momentum.

Public API::

    moment_operator()     3×3 operator A_λ(a, b, g) on (C, J, P)          (paper eq. 11)
    noise_vector()        rank-one noise term γα²λ (1, 1, 1) · Tr(HC)     (paper eq. 7)
    generating_terms()    S, u/v numerators, R1                            (paper eqs. 18–21, 120)

The sympy-based names are loaded on first use (PEP 562), so the light submodules
(``symbolic.polynomial``, ``symbolic.targets``, ``symbolic.normalisation``) can be imported — e.g.
by the command-line interface — without importing sympy.
"""

from __future__ import annotations

import importlib

_LAZY = {
    "GeneratingTerms": "generating", "generating_terms": "generating", "u_term": "generating",
    "v_term": "generating", "moment_operator": "update_rule", "moment_recursion": "update_rule",
    "noise_vector": "update_rule", "update_map": "update_rule",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
