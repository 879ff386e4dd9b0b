"""Every backend side by side on the same claims — z3, cvc5, QEPCAD B, Bernstein, arb intervals.

Run: ``python benchmarks/bench_semialgebraic.py [--repeat N]``. Prints a markdown table.
Per claim and backend: the status and the median wall-clock time (``time.perf_counter``) of N runs of
``decide`` (solvers; the QEPCAD B time includes the process start and any failed variable orders) or
``certify`` (exact methods, whose second time is the producer's ``replay`` of the serialised proof
object). Last column per claim: the independent checker (``python3 -S -m checker FILE``, one process,
start-up included) on the whole certificate file (hash, side files, counterexamples, proof objects),
median of N. The same claim object is given to every backend; the
SMT-LIB and QEPCAD B inputs are the side files of the certificate.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from proofs import registry, semialgebraic
from proofs.solvers import cvc5_backend, qepcad_backend, z3_backend
from proofs.solvers.formula import QClaim

CLAIMS = ["lemma1.1", "lemma1.3", "lemma1.3.strict", "appH.if", "appH.if.real_ge1", "appH.onlyif.real.4",
          "sharp.S.g_nonneg", "sharp.S.gaussian", "sharp.R1.strict_closed", "sharp.R1.widen_a_upper",
          "appH.equivalence", "sharp.S.g_threshold"]
SOLVERS = [("z3", z3_backend), ("cvc5", cvc5_backend), ("qepcad", qepcad_backend)]


def _median(f, repeat: int):
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def check_file(path: Path) -> None:
    """The independent checker on one certificate file, through its command line only."""
    subprocess.run([sys.executable, "-S", "-m", "checker", str(path)], check=True, capture_output=True,
                   cwd=Path(__file__).resolve().parents[1])


def _fmt(s: float) -> str:
    return f"{s:.4f}" if s < 0.1 else f"{s:.3f}" if s < 10 else f"{s:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"date {datetime.date.today()}; machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.platform()}; python {platform.python_version()}; z3 {z3_backend.version()}, "
          f"cvc5 {cvc5_backend.version()}, {qepcad_backend.version()}; median of {args.repeat}; "
          f"load average {os.getloadavg()[0]:.1f}")
    print()
    print("| claim | z3 | cvc5 | QEPCAD B | Bernstein gen / replay | arb intervals gen / replay | "
          "certificate check |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name in CLAIMS:
            claim = registry.get(name)
            cells = []
            quantified = isinstance(claim, QClaim)
            for key, mod in SOLVERS:
                to = (semialgebraic.QUANTIFIED_TIMEOUT if quantified else semialgebraic.TIMEOUT)[key]
                reps = 1 if (quantified and key == "cvc5") else args.repeat
                t, v = _median(lambda mod=mod, to=to, c=claim: mod.decide(c, to), reps)
                cells.append(f"{v.status} {_fmt(t)}")
            for method in semialgebraic.EXACT:
                if quantified:
                    cells.append("n/a")
                    continue
                mod = semialgebraic.EXACT[method]
                t, res = _median(lambda mod=mod, c=claim: mod.certify(c, 60.0), args.repeat)
                if res.status == "proved":
                    tc, _ = _median(lambda mod=mod, res=res, c=claim: mod.replay(c, res.proof), args.repeat)
                    cells.append(f"proved {_fmt(t)} / {_fmt(tc)}")
                else:
                    cells.append(f"{res.status} {_fmt(t)}")
            semialgebraic.produce_one(claim, Path(tmp))
            tcheck, _ = _median(lambda p=Path(tmp) / f"{name}.json": check_file(p), args.repeat)
            print(f"| {name} | " + " | ".join(cells) + f" | {_fmt(tcheck)} |", flush=True)


if __name__ == "__main__":
    main()
