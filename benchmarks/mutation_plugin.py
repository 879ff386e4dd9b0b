"""pytest plugin for the code mutation run only (``benchmarks/mutation.sh``, loaded by ``[tool.mutmut]``).

mutmut forks every mutant's test run from a process that has already run the suite once, so the checker's
per-process caches (``checker.core._paper_specs``, ``checker.derive.polys``) arrive warm: a mutant of the
specification reader or of the derivation would never run, and would be reported as surviving. Within one run,
too, only the first test would reach the cached code, so mutmut's coverage statistics would name only that test.
Clearing every ``functools`` cache of a ``checker`` module before each test makes every test recompute them.
"""

from __future__ import annotations

import functools
import sys


def pytest_runtest_setup(item) -> None:
    for name, module in list(sys.modules.items()):
        if name == "checker" or name.startswith("checker."):
            for value in vars(module).values():
                if isinstance(value, functools._lru_cache_wrapper):
                    value.cache_clear()
