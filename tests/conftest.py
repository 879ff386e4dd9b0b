"""Test configuration shared by the whole suite: Hypothesis profiles.

``HYPOTHESIS_PROFILE`` selects one; without it, ``ci`` when the ``CI`` environment variable is set,
``dev`` otherwise. Tests that fix ``max_examples`` in their own ``@settings`` keep it.

* ``dev`` — quick local runs: 50 examples, no deadline (the machine is shared, timings vary);
* ``ci`` — 200 examples, derandomized (the same examples on every run, so a failure reproduces), no
  deadline, the failing example's blob printed.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
