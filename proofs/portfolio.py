"""Run a claim's backends concurrently under one deadline, and stop once the answer is established.

``decide(claim, methods, ...)`` starts every backend in its own process — the counterexample search
(``proofs.search``, bounded and deterministic), z3, cvc5, QEPCAD B, Bernstein, arb intervals, sums of
squares (``proofs.sos``); each in a new
process group, so that a solver's own subprocesses are stopped with it — and collects the verdicts as they
arrive. The search runs beside the others, not before them: a false claim is refuted by it in milliseconds,
and a true one does not wait for it.

When the command may stop (default; ``run_all=True`` runs every backend to its end, as the paper's own
certificates do):

* an exactly verified counterexample ends every method's search: the claim is refuted;
* a proof by an exact certificate (Bernstein, intervals or sum of squares, replayed) *and* one by a decision procedure
  (z3, cvc5, QEPCAD B): the claim is proved by two independent kinds of evidence;
* a proof of one kind once no backend of the other kind can still answer (finished, not applicable, not
  chosen): nothing more can be learnt.

Backends stopped for that reason — or never started — are reported honestly as ``skipped`` with the detail
"not needed: …"; a backend still running at the deadline is ``unknown`` ("no answer before the
deadline"). Nothing is reported as proved or refuted that its backend did not answer. A refutation
without a point (QEPCAD B gives none) does not stop the others: they may still give a witness.

``timeout_s`` bounds the whole call (search included); ``backend_timeout_s`` is each backend's own limit
(passed to the backend and enforced by killing its process group a moment after it). ``jobs`` bounds how
many backends run at once (default: all of them). Backends start in the order of their priority tier
(:data:`NICE`; the given order within a tier), one tier every :data:`STAGGER_S` seconds (at once when no
backend is running), and run with that ``nice`` increment, so that on a machine with fewer cores than
backends the usually fastest ones (z3, Bernstein) are not slowed by the others; backends never started
because the answer was established first are reported as not needed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import wait

from proofs.claim import Claim
from proofs.semialgebraic import SOLVERS, run_exact
from proofs.solvers import Verdict, is_counterexample

EXACT = ("bernstein", "intervals", "sos")
DECISION = ("z3", "cvc5", "qepcad")
GRACE_S = 2.0  # a backend's own time limit, plus this, then its process group is killed
# Scheduling priority (``os.nice`` increment of the backend's process; lower starts first and gets the CPU
# first). Seven processes share few cores: the backends that answer most claims fastest (z3 and Bernstein, see
# docs/benchmarks.md) are not slowed by the ones that usually answer late or only where the others cannot;
# a niced backend still gets every idle core, so nothing waits once the fast ones are done.
NICE = {"z3": 0, "bernstein": 0, "search": 3, "intervals": 3, "cvc5": 6, "sos": 10, "qepcad": 10}
STAGGER_S = 0.1  # each tier starts this long after the one before (at once when nothing is running), so a claim
                 # the first tier decides within it forks no other process


def run_one(claim: Claim, method: str, timeout_s: float) -> tuple[Verdict, dict | None]:
    """One backend in this process: ``(verdict, proof object or None)``; a crash is an ``error`` verdict."""
    t0 = time.perf_counter()
    try:
        if method == "search":
            from proofs.search import search

            return search(claim), None
        if method in SOLVERS:
            return SOLVERS[method].decide(claim, timeout_s), None
        return run_exact(method, claim, timeout_s)
    except Exception as exc:  # a crashing backend is reported, never hidden
        return Verdict("error", time.perf_counter() - t0,
                       detail=f"{method} crashed: {type(exc).__name__}: {exc}"), None


def _child(conn, claim: Claim, method: str, timeout_s: float) -> None:
    try:
        os.setpgrp()  # the backend and whatever it starts (qepcad) form one group, killed together
    except OSError:
        pass
    try:
        os.nice(NICE.get(method, 0))
    except OSError:
        pass
    try:
        conn.send(run_one(claim, method, timeout_s))
    except Exception as exc:  # e.g. an unpicklable verdict: still an answer
        conn.send((Verdict("error", detail=f"{method}: result could not be returned: {exc}"), None))
    finally:
        conn.close()


def _kill(*procs) -> None:
    """Stop the processes' groups: SIGTERM to all, up to 0.5 s for them to end, then SIGKILL to the rest."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        alive = [p for p in procs if p.is_alive()]
        if not alive:
            break
        for proc in alive:
            try:
                os.killpg(proc.pid, sig)
            except (ProcessLookupError, PermissionError, OSError):
                proc.terminate() if sig == signal.SIGTERM else proc.kill()
        end = time.monotonic() + 0.5
        for proc in alive:
            proc.join(max(0.0, end - time.monotonic()))
    for proc in procs:
        proc.join(0.1)


def _witness(claim: Claim, v: Verdict) -> bool:
    return v.status == "refuted" and v.counterexample is not None and is_counterexample(claim, v.counterexample)


def stop_reason(claim: Claim, verdicts: dict[str, Verdict], pending: Sequence[str]) -> str | None:
    """Why the remaining backends are not needed, or ``None`` while they are (the rule: module docstring)."""
    for m, v in verdicts.items():
        if _witness(claim, v):
            return f"{m} found a counterexample, verified by exact evaluation"
    exact = sorted(m for m, v in verdicts.items() if m in EXACT and v.status == "proved")
    decision = sorted(m for m, v in verdicts.items() if m in DECISION and v.status == "proved")
    if any(v.status == "refuted" for v in verdicts.values()):
        return None  # a refutation without a point: let the others look for one (or disagree)
    if exact and decision:
        return f"proved by an exact certificate ({exact[0]}) and a decision procedure ({decision[0]})"
    if exact and not any(m in DECISION for m in pending):
        return f"proved by an exact certificate ({exact[0]}); no decision procedure still running"
    if decision and not any(m in EXACT for m in pending):
        return f"proved by a decision procedure ({decision[0]}); no exact method still running"
    return None


def decide(claim: Claim, methods: Sequence[str], *, timeout_s: float = 60.0,
           backend_timeout_s: float | None = None, run_all: bool = False, jobs: int | None = None,
           on_verdict: Callable[[str, Verdict], None] | None = None) -> tuple[dict, dict, str | None]:
    """``({method: Verdict}, {method: proof object or None}, why the others were stopped or None)``.

    Verdicts are returned in the order of ``methods``.
    """
    start = time.monotonic()
    deadline = start + timeout_s
    per = min(timeout_s, backend_timeout_s) if backend_timeout_s else timeout_s
    verdicts: dict[str, Verdict] = {}
    proofs: dict[str, dict | None] = {}
    reason: str | None = None

    def record(m: str, v: Verdict, proof: dict | None) -> None:
        verdicts[m], proofs[m] = v, proof
        if on_verdict is not None:
            on_verdict(m, v)

    if methods:
        reason = _concurrent(claim, list(methods), deadline, per, run_all, jobs or len(methods), verdicts, record)
    for m in methods:
        if m not in verdicts:
            verdicts[m] = Verdict("skipped", detail=f"{m}: not needed: {reason}")
            proofs[m] = None
    return {m: verdicts[m] for m in methods}, {m: proofs.get(m) for m in methods}, reason


def _concurrent(claim, methods, deadline, per, run_all, jobs, verdicts, record) -> str | None:
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    waiting = sorted(methods, key=lambda m: NICE.get(m, 0))  # stable: the given order within a tier
    tiers = sorted({NICE.get(m, 0) for m in methods})
    start = time.monotonic()

    def due_at(m: str) -> float:  # a tier starts STAGGER_S after the one before (or once nothing runs)
        return start + STAGGER_S * tiers.index(NICE.get(m, 0))

    running: dict = {}  # conn -> (method, process, started)
    reason = None
    try:
        while waiting or running:
            now = time.monotonic()
            while waiting and len(running) < jobs and now < deadline and (not running or now >= due_at(waiting[0])):
                m = waiting.pop(0)
                budget = max(0.1, min(per, deadline - now))
                recv, send = ctx.Pipe(duplex=False)
                p = ctx.Process(target=_child, args=(send, claim, m, budget), daemon=True)
                p.start()
                send.close()
                running[recv] = (m, p, now, budget)
            if not running:
                break
            limit = min([deadline] + [s + b + GRACE_S for _, _, s, b in running.values()]
                        + [due_at(m) for m in waiting[:1] if len(running) < jobs])  # a full pool waits for an answer
            ready = wait(list(running), timeout=max(0.0, limit - time.monotonic()))
            for conn in ready:
                m, p, started, _ = running.pop(conn)
                try:
                    v, proof = conn.recv()
                except (EOFError, OSError):
                    p.join(1.0)
                    v, proof = Verdict("error", time.monotonic() - started,
                                       detail=f"{m}: the backend's process ended without an answer "
                                              f"(exit code {p.exitcode})"), None
                conn.close()
                p.join(1.0)
                record(m, v, proof)
            now = time.monotonic()
            for conn, (m, p, started, budget) in list(running.items()):
                if now >= deadline or now >= started + budget + GRACE_S:
                    running.pop(conn)
                    _kill(p)
                    conn.close()
                    record(m, Verdict("unknown", now - started,
                                      detail=f"{m}: unknown (no answer before the deadline: timeout "
                                             f"after {budget:g} s)"), None)
            if now >= deadline:
                for m in waiting:
                    record(m, Verdict("unknown", 0.0, detail=f"{m}: unknown (not started before the deadline: "
                                                             "timeout)"), None)
                waiting = []
            if not run_all and reason is None:
                reason = stop_reason(claim, verdicts, waiting + [m for m, *_ in running.values()])
                if reason is not None:
                    break
    finally:
        _kill(*(p for _m, p, _s, _b in running.values()))
        for conn in running:
            conn.close()
    return reason
