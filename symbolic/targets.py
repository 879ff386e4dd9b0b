"""The paper's printed polynomials: *targets* the derivation is compared against, never its source.

``S`` (``det(I − zA)``) and ``R1`` (``(z u_num)' S − z u_num S'``, whose sign gives Lemma 1.3) are the
REDUCE/Redlog listings in the proof of Lemma 1 (paper App. E.2); ``u_num`` and ``v_num`` are the
numerators of ``u = u_num/S`` and ``v = v_num/S`` (paper eqs. 18–21, in the reduced variables
``a = αλ``, ``b = β``, ``g = γτ``), as the authors' computation prints them. Kept as printed text and
parsed only for the comparison.

This is the producers' copy. The certificate checker keeps its own copy of the same text on purpose:
the derivation certificate is accepted only if both copies agree with the derived polynomials.
"""

from __future__ import annotations

#: Variable order of every target polynomial.
VARIABLES = ("a", "b", "g", "z")

PAPER_S = (
    "a**2*b*g*z**2 + a**2*b*z**2 + a**2*g*z - a**2*z - "
    "2*a*b**2*z**2 - 2*a*b*z**2 + 2*a*b*z + 2*a*z - b**3*z**3 + "
    "b**3*z**2 + b**2*z**2 - b**2*z + b*z**2 - b*z - z + 1"
)
PAPER_R1 = (
    "-2*a**2*b*z**2 + 4*a*b**2*z**2 + 4*a*b*z**2 + b**4*z**4 "
    "+ 2*b**3*z**3 - 2*b**3*z**2 - 2*b**2*z**2 - 2*b*z**2 + 2*b*z + 1"
)
PAPER_U_NUM = "1 + b*z"
PAPER_V_NUM = "2*a*b*z + b**3*z**2 - b**2*z - b*z + 1"

TARGETS = {"S": PAPER_S, "R1": PAPER_R1, "u_num": PAPER_U_NUM, "v_num": PAPER_V_NUM}
