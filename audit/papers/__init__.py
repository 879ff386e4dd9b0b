"""The audited papers: one module per paper, each defining ``PAPER`` (an :class:`audit.evidence.Paper`).

Adding a paper is adding a module here; adding a statement is one entry of that module's statements.
Neither touches the assessment (:mod:`audit.assess`) nor the command line.
"""

from __future__ import annotations

import importlib
import pkgutil

from audit.evidence import Paper

#: the paper ``sgd-proofs audit`` assesses
DEFAULT = "vky2023"


def names() -> list[str]:
    """Keys of every paper module in this package."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def load(key: str = DEFAULT) -> Paper:
    """The :class:`Paper` of module ``audit.papers.<key>``."""
    if key not in names():
        raise KeyError(f"no paper module audit.papers.{key} (have: {', '.join(names())})")
    paper = importlib.import_module(f"{__name__}.{key}").PAPER
    if paper.key != key:
        raise ValueError(f"audit.papers.{key} defines the paper {paper.key!r}")
    return paper
