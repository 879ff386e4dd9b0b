"""The effect of momentum at the optimal learning rate (paper Prop. 5, eq. 30, Prop. 12; reconstructed).

The paper's formulas were lost in the text copy; everything here is re-derived from the update rule
(:mod:`symbolic.generating`) and Theorem 2's constants (:mod:`proofs.numerics.constants`):

* :mod:`proofs.momentum.derive` — exact per-direction facts at ``z = 1`` and the characteristic;
* :mod:`proofs.momentum.numeric` — the characteristic on power-law spectra, checked against
  finite differences of the high-precision Theorem 2 constants, the numerically optimal ``β`` and SE
  trajectories;
* :mod:`proofs.momentum.certify` — the ``momentum`` certificate ``prop12.momentum``.
"""
