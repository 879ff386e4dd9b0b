"""The paper's printed polynomials: *targets* a derivation is compared against, never its source.

``S`` and ``R1`` are the REDUCE/Redlog listings in the proof of Lemma 1 (paper App. E.2); the u/v
numerators are those of the authors' public notebook. Kept as printed text,
parsed only for comparison. Part of the trusted checker base: standard library only.
"""

from __future__ import annotations

PAPER_S = (
    "a**2*b*g*z**2 + a**2*b*z**2 + a**2*g*z - a**2*z - "
    "2*a*b**2*z**2 - 2*a*b*z**2 + 2*a*b*z + 2*a*z - b**3*z**3 + "
    "b**3*z**2 + b**2*z**2 - b**2*z + b*z**2 - b*z - z + 1"
)
PAPER_R1 = (
    "-2*a**2*b*z**2 + 4*a*b**2*z**2 + 4*a*b*z**2 + b**4*z**4 "
    "+ 2*b**3*z**3 - 2*b**3*z**2 - 2*b**2*z**2 - 2*b*z**2 + 2*b*z + 1"
)
NOTEBOOK_U_NUM = "1 + b*z"
NOTEBOOK_V_NUM = "2*a*b*z + b**3*z**2 - b**2*z - b*z + 1"

TARGETS = {"S": PAPER_S, "R1": PAPER_R1, "u_num": NOTEBOOK_U_NUM, "v_num": NOTEBOOK_V_NUM}
