"""``sgd-proofs audit``: regenerate stale certificates, re-check all, assess every paper statement, report.

* ``runner`` — staleness by source fingerprints, the independent checker on every file, assessment
  of the current and the committed certificates, regressions;
* ``figures`` — the four figures, drawn from the project's own computations;
* ``report`` — ``report.html`` (self-contained), ``report.md``, ``audit.json``;
* ``regression`` — ``regression_diff(committed_dir)`` for ``sgd-proofs check --regenerate``.
"""
