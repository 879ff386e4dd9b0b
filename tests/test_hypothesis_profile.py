"""The whole suite runs with tests/conftest.py's Hypothesis profile: no test module may replace it at import
(tests/cli/test_fuzz.py once did, and every property test ran with its 20 examples)."""

from __future__ import annotations

import os

from hypothesis import settings


def test_the_session_profile_is_the_conftest_profile():
    name = os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
    want = settings.get_profile(name)
    assert settings.default.max_examples == want.max_examples
    assert settings.default.suppress_health_check == want.suppress_health_check
