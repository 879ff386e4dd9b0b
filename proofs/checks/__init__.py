"""Cheap exact checks of paper statements that the semi-algebraic and numerics layers do not cover.

* ``minibatch`` — the exact mini-batch noise covariance by enumerating every batch (paper Prop. 1,
  eq. 5), its spectral expressibility on translation-invariant torus grids (Prop. 2) and the range of
  its spectral components (Prop. 7), all in exact rational arithmetic (python-flint ``fmpq_mat``);
* ``series`` — the generating-function identity ``L̃ = Ṽ/(1 − Ũ)`` (eq. 16) and eq. 21, exactly;
* ``certify`` — writes one ``exact`` certificate per check, re-verified by the independent
  standard-library certificate checker;
* ``montecarlo`` — a real mini-batch SGD simulation on a torus grid problem against the SE moment
  recursion (figures only: statistical, not a proof).
"""
