"""The audit's figures (matplotlib, Agg), each drawn from the project's own computations.

One module per figure family:

1. ``stability`` — the (α, β) stability region: App. H, the exact boundary ``Ũ(1) = 1`` (Prop. 3) and
   Prop. 4's bound (eqs. 22-23);
2. ``phases`` — the (ν, ζ) phase diagram of Prop. 3 / Theorem 2 with exponents measured on SE trajectories;
3. ``trajectories`` — engine loss curves against Theorem 2's asymptotes (eqs. 28a, 28b, 29) and eq. 24;
4. ``montecarlo`` — real mini-batch SGD on a torus grid vs the SE prediction (Prop. 2).

``common`` holds the figure record, PNG rendering and the normalisation label printed on every figure.
"""

from __future__ import annotations

from collections.abc import Callable

from .common import LABEL, NORMALISATION, POWER_LAW, Figure
from .montecarlo import monte_carlo
from .phases import phase_diagram
from .stability import stability_region
from .trajectories import trajectories

__all__ = ["FIGURES", "LABEL", "NORMALISATION", "POWER_LAW", "Figure", "all_figures", "monte_carlo",
           "phase_diagram", "stability_region", "trajectories"]

FIGURES = [stability_region, phase_diagram, trajectories, monte_carlo]


def all_figures(progress: Callable[[str], None] | None = None) -> list[Figure]:
    out = []
    for fn in FIGURES:
        if progress:
            progress(f"figure {fn.__name__} ...")
        try:
            out.append(fn())
        except Exception as exc:  # a figure failure is shown, not hidden
            out.append(
                Figure(fn.__name__, fn.__name__, f"figure failed: {type(exc).__name__}: {exc}", None, "error")
            )
    return out
