"""``sgd-proofs audit``: combine the producers' certificates with the independent checker's verdicts.

The audit sits above both the producers (``symbolic``, ``proofs``) and the standalone ``checker``: it
regenerates stale certificates, takes every verdict from the checker, and assesses each numbered
statement of a paper.

* ``papers`` — the audited papers, one module each (statements as data);
* ``evidence`` — the vocabulary: statements and the kinds of evidence;
* ``records`` — certificate files and the checker's verdict on each;
* ``assess``, ``numerics``, ``status`` — how a statement's status is computed from accepted certificates;
* ``runner`` — staleness by source fingerprints, checking, assessment of current and committed certificates;
* ``figures`` — the report's figures, drawn from the project's own computations;
* ``report`` — ``report.html`` (self-contained), ``report.md``, ``audit.json``;
* ``regression`` — ``regression_diff(committed_dir)`` for ``sgd-proofs check --regenerate``.
"""
