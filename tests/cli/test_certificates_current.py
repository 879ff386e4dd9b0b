"""The committed certificates are the project's published record: they must be current.

Rebuilds every certificate in a temporary directory (all producers, as ``sgd-proofs check
--regenerate`` does) and requires the hashed content and side files to be byte-identical to
``certificates/``. On drift the failure names each claim and the first JSON fields that differ.
Without QEPCAD B the regeneration keeps the recorded QEPCAD verdicts (evidence is never degraded), so
this test then checks everything else; CI installs QEPCAD B and sets SGD_PROOFS_REQUIRE_QEPCAD=1, so
there every verdict is re-run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.regression import regression_diff

COMMITTED = Path(__file__).resolve().parents[2] / "certificates"


@pytest.mark.slow
def test_committed_certificates_are_current() -> None:
    drift = regression_diff(COMMITTED)
    assert not drift, (
        "certificates/ is stale — rerun `sgd-proofs regenerate` and commit the result.\n"
        + "\n".join(f"  {d}" for d in drift)
    )
