"""Statuses of a paper statement and the records of how they were reached.

Statuses, strongest first::

    refuted                a certificate refutes the statement (counterexample recorded)
    check failed           a certificate the statement rests on is rejected by the independent checker
    proved                 every required certificate is accepted and decides the statement in general
    argued by hand         a recorded argument whose dependencies are all proved/confirmed/argued
    confirmed numerically  accepted numerics certificates (digits, method) or exact checks on instances
    not covered            nothing in the project establishes it (the reason is given)

A status is never stored: :mod:`audit.assess` computes it at audit time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUS_ORDER = ["refuted", "check failed", "proved", "argued by hand", "confirmed numerically", "not covered"]
GOOD = {"proved", "argued by hand", "confirmed numerically"}
#: the statuses that rest on certificates: each needs at least one certificate the checker accepted
CERTIFIED = {"proved", "confirmed numerically"}
#: for a conjunction the weakest part decides (a failure anywhere first)
WEAKEST_FIRST = ["refuted", "check failed", "not covered", "confirmed numerically", "argued by hand", "proved"]


@dataclass
class Outcome:
    """The assessment of one piece of evidence."""

    status: str  # one of STATUS_ORDER
    method: str
    detail: str
    certs: list[str] = field(default_factory=list)  # certificate files it rests on
    digits: str = ""
    coq: list[str] = field(default_factory=list)  # Coq proofs (issue 12) whose statement the checker matched


@dataclass
class Assessment:
    key: str
    status: str
    methods: list[str]
    detail: str
    outcomes: list[Outcome]
    depends_on: list[str]
    certs: list[str]
    caveat: str = ""
