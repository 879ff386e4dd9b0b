"""The mutation run (benchmarks/mutation.sh, ``[tool.mutmut]`` in pyproject.toml) covers every module of the
checker: a new module (as ``checker/sos.py`` was) cannot be left out of it by accident."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_checker_module_is_mutated() -> None:
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    modules = {f"checker/{p.name}" for p in (ROOT / "checker").glob("*.py")} - {"checker/__init__.py",
                                                                                 "checker/__main__.py"}
    listed = set(cfg["only_mutate"])
    assert modules - listed == set(), "checker modules not mutated"
    assert listed - modules == set(), "only_mutate names files that do not exist"
