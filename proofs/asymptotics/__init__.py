"""Asymptotic statements of the paper re-derived and checked against high-precision numerics.

* :mod:`proofs.asymptotics.prop11` — Prop. 11 (App. E.4, formula 171, reconstructed): the convergence
  radius ``r`` of the loss generating function in the "eventual divergence" phase, ``1 − r`` as ``α → 0``.
"""
