"""Lemma 2 (App. E.3, power-law sums): rescaled sums against their limit integrals, certified with arb.

See :mod:`proofs.sums.lemma2` for the reconstructed statement, the functions Theorem 2 applies it to,
and the Euler–Maclaurin certification; the stdlib re-check is ``checker/sums.py``.
"""
