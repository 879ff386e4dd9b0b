"""Outer ring: readable polynomial text, for messages. No verdict uses it."""

from __future__ import annotations

from .poly import Poly


def to_text(p: Poly, variables: list[str]) -> str:
    """Readable claim-grammar text of ``p`` (for messages; ``parse(to_text(p, vs), vs) == p``)."""
    terms = []
    for m, c in sorted(p.items(), reverse=True):
        mono = "*".join(f"{v}**{e}" if e > 1 else v for v, e in zip(variables, m, strict=True) if e)
        body = f"{abs(c)}*{mono}" if mono and abs(c) != 1 else mono or str(abs(c))
        terms.append(("- " if c < 0 else "+ ") + body)
    return " ".join(terms).removeprefix("+ ") if terms else "0"


def show(c: tuple, variables: list[str]) -> str:
    """``poly rel 0`` as readable text."""
    return f"{to_text(c[0], variables)} {c[1]} 0"
