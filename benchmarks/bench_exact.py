"""Generation and check time of the exact certificates (Bernstein, arb intervals) for Lemma 1.

Run: ``python benchmarks/bench_exact.py [--repeat N]``. Prints a markdown table; each time is the median
of N runs (wall clock, ``time.perf_counter``). "replay" is the producer's own re-run of the serialised
proof object (``replay``), on the proof object kept in memory; the independent checker is timed on
whole certificate files by ``bench_semialgebraic.py``.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

from proofs import bernstein, intervals, registry

CLAIMS = ["lemma1.1", "lemma1.3", "lemma1.3.strict"]
METHODS = [("bernstein", bernstein.certify, bernstein.replay),
           ("intervals", intervals.certify, intervals.replay)]


def _median(f, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}, "
          f"median of {args.repeat}")
    print("| claim | method | status | generate (s) | replay (s) | certificate |")
    print("|---|---|---|---|---|---|")
    for name in CLAIMS:
        claim = registry.get(name)
        for label, certify, check in METHODS:
            tg, res = _median(lambda certify=certify, claim=claim: certify(claim), args.repeat)
            tc, _ = _median(lambda check=check, res=res, claim=claim: check(claim, res.proof), args.repeat)
            print(f"| {name} | {label} | {res.status} | {tg:.4f} | {tc:.4f} | {res.detail} |")


if __name__ == "__main__":
    main()
