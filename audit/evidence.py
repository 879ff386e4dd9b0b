"""The vocabulary of a paper audit: a numbered statement of a paper and the evidence that can establish it.

A :class:`Statement` is data — the paper's label, where it is, a one-line summary in this project's
normalisation, the *evidence* that can establish it, and what the evidence does not establish. A paper is
one module of :mod:`audit.papers` holding a tuple of statements; :mod:`audit.assess` turns the evidence
into a status at audit time, from certificates the independent checker has accepted.

Evidence kinds:

* :class:`Decided` — semi-algebraic certificates (``kind = semialgebraic``: z3, cvc5, QEPCAD B verdicts,
  Bernstein and arb-interval proof objects);
* :class:`Exact` — an ``exact`` certificate (identities in exact rational arithmetic), ``general`` if it
  proves an identity for all parameters rather than on instances;
* :class:`Derived` — identities re-checked from the derivation certificate (``derivation.json``);
* :class:`Numerics` — numerics certificates of one family (closed forms vs independent routes);
* :class:`Invariance` — the ``invariance`` certificate (exact fixed spaces of O(d) on 4-tensors for the
  finitely many dimensions it lists, re-proved by the checker's outer ring ``checker.invariance``);
* :class:`Ring` — a certificate of an outer-ring kind (``momentum``, ``asymptotics``, ``sums``) whose ring
  re-derives exact facts or re-verifies enclosures and recomputes records; the evidence says which status
  its acceptance supports;
* :class:`Argued` — a recorded argument whose force rests on other statements;
* :class:`AllOf` — a conjunction of other statements (the weakest part decides).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decided:
    """Semi-algebraic certificates (``kind = semialgebraic``); all must be decided as expected.

    ``coq``: the claims whose Coq proofs (``certificates/coq/``, issue 12) back the statement (default:
    ``certs``); the method "proved in Coq" is named when their statements match the specification."""

    certs: tuple[str, ...]
    coq: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exact:
    """An ``exact`` certificate; ``general`` if it proves an identity for all parameters."""

    cert: str
    general: bool = False


@dataclass(frozen=True)
class Derived:
    """The derivation certificate: the statement is one of its re-checked identities."""

    identities: tuple[str, ...]


@dataclass(frozen=True)
class Numerics:
    """Numerics certificates (``kind = numerics``) of one ``family`` (``content.family``).

    Families: ``theorem2`` and ``divergence`` (type ``constant``: a closed-form value at >= 25 digits and
    independent routes with their digits of agreement), ``prop3`` and ``prop4`` (type ``comparisons``).
    ``phases``: Theorem 2 phases that must each have a certificate. ``route``: the independent route
    (``content.routes[].route``) that decides a ``constant`` family; ``min_digits``: what it must reach
    at every point. ``quantity``: ``"main"`` is the certified value / the comparisons; another name (e.g.
    ``"t_star"``) is a quantity recorded in closed form only, reported and never counted as confirmed.
    ``select``: for comparisons, only those whose description contains one of these texts. ``scope``:
    what exactly these certificates establish of the statement (shown with the digits).
    """

    family: str
    phases: tuple[str, ...] = ()
    route: str = ""
    min_digits: int = 0
    quantity: str = "main"
    select: tuple[str, ...] = ()
    scope: str = ""


@dataclass(frozen=True)
class Invariance:
    """The ``invariance`` certificate ``cert``: proved for the dimensions it lists (``content.dimensions``).

    ``scope``: what it establishes of the statement (shown with the dimensions); the rest of the statement,
    e.g. all dimensions by Weyl's theorem, belongs in the statement's caveat.
    """

    cert: str
    scope: str = ""


@dataclass(frozen=True)
class Ring:
    """A certificate ``cert`` checked by an outer ring of the checker (its kind's module in ``checker``).

    ``status``: what it establishes when the checker accepts it and it holds — ``"proved"`` only where the
    ring itself re-derives the fact exactly or re-verifies a rigorous enclosure, else
    ``"confirmed numerically"``. ``method``: how (shown in the report); ``scope``: what exactly, for which
    parameters (the rest belongs in the statement's caveat).
    """

    cert: str
    status: str
    method: str
    scope: str = ""

    def __post_init__(self) -> None:
        if self.status not in ("proved", "confirmed numerically"):
            raise ValueError(f"Ring evidence supports 'proved' or 'confirmed numerically', not {self.status!r}")


@dataclass(frozen=True)
class AllOf:
    """A statement that is the conjunction of other registered statements: the weakest part decides."""

    parts: tuple[str, ...]


@dataclass(frozen=True)
class Argued:
    """An argument (the paper's, recorded with its dependencies on other statements)."""

    depends_on: tuple[str, ...]
    argument: str


Evidence = Decided | Exact | Derived | Numerics | Invariance | Ring | Argued | AllOf


@dataclass(frozen=True)
class Statement:
    key: str
    kind: str  # Proposition, Theorem, Lemma, Equation, Appendix
    where: str
    summary: str
    evidence: tuple[Evidence, ...] = ()
    not_covered: str = ""  # why, when no evidence applies
    reconstructed: bool = False  # the formula was lost in the text copy and re-derived
    caveat: str = ""  # the part of the statement the evidence does NOT establish (always reported)


@dataclass(frozen=True)
class Paper:
    """One audited paper: its citation and its numbered statements, in the paper's order."""

    key: str
    title: str
    citation: str
    statements: tuple[Statement, ...]

    def keys(self) -> list[str]:
        return [s.key for s in self.statements]

    def statement(self, key: str) -> Statement:
        for s in self.statements:
            if s.key == key:
                return s
        raise KeyError(key)
