"""Test configuration shared by the whole suite: Hypothesis profiles.

``HYPOTHESIS_PROFILE`` selects one; without it, ``ci`` when the ``CI`` environment variable is set,
``dev`` otherwise. Tests that fix ``max_examples`` in their own ``@settings`` keep it.

* ``dev`` — quick local runs: 50 examples, no deadline (the machine is shared, timings vary);
* ``ci`` — 200 examples, derandomized (the same examples on every run, so a failure reproduces), no
  deadline, the failing example's blob printed.

Every test also runs at the default mpmath precision and leaves it as it found it: a test that sets
``mpmath.mp.dps`` globally would otherwise change the digits of every later in-process computation
(e.g. a regeneration compared byte for byte with the committed certificates).
"""

from __future__ import annotations

import os

import proofs  # noqa: F401 -- first: pins numpy's OpenBLAS kernel before numpy loads (proofs.blas)

# isort: split
import mpmath
import pytest
from hypothesis import settings

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _mpmath_precision():
    prec = mpmath.mp.prec
    yield
    mpmath.mp.prec = prec
