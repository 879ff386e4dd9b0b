"""Benchmark: the whole symbolic derivation (paper eqs. 1, 7, 11, 18–21) from a fresh process.

Each repetition starts a new interpreter (cold imports, no caches) that runs, in order:

    import      ``import sympy, symbolic, symbolic.closed_forms, proofs.derivation_certificate``
    terms       ``generating_terms()``   (operator from the update rule, S, u/v numerators, R1)
    closed      every closed form: S(a=0), u(1), v(1), Ũ(1) derived and eq. 21, noiseless char. poly,
                roots, S(g=0) from the roots, ``scaling_expansion('u')``, ``scaling_expansion('v')``
    content     ``proofs.derivation_certificate.content()`` (paper-target and closed-form checks, records)

and reports the time of each phase (``time.perf_counter`` inside the child) and the wall time of the
whole child process measured by the parent (interpreter start-up included). A second measurement
times ``sgd-proofs derive --json`` end to end. Prints min and median over the repetitions.

    python benchmarks/bench_derivation.py [--reps 7] [--write]

``--write`` appends a dated Markdown block under the symbolic-derivation heading of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADING = "## Symbolic derivation"

CHILD = r"""
import json, time
t0 = time.perf_counter()
import sympy
import symbolic
from symbolic import closed_forms as cf
from proofs import derivation_certificate as certificate
from symbolic.generating import generating_terms
t1 = time.perf_counter()
generating_terms()
t2 = time.perf_counter()
cf.S_at_lambda_zero(); cf.u_at_one(); cf.v_at_one(); cf.U1_term_derived(); cf.U1_term_eq21()
cf.noiseless_char_poly(); cf.noiseless_roots(); cf.S_noiseless_from_roots()
t3 = time.perf_counter()
cf.scaling_expansion('u'); cf.scaling_expansion('v')
t4 = time.perf_counter()
certificate.content()
t5 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "terms": t2 - t1, "closed (no scaling)": t3 - t2,
                  "scaling expansions": t4 - t3, "content": t5 - t4, "in-process total": t5 - t0}))
"""


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import sympy

    return {
        "uname": " ".join(platform.uname()),
        "cpu": cpu,
        "python": platform.python_version(),
        "sympy": sympy.__version__,
    }


def run_child() -> tuple[dict, float]:
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, cwd=ROOT, check=True)
    wall = time.perf_counter() - t0
    return json.loads(res.stdout.strip().splitlines()[-1]), wall


def run_derive() -> float:
    exe = Path(sys.executable).parent / "sgd-proofs"
    t0 = time.perf_counter()
    subprocess.run([str(exe), "derive", "--json"], capture_output=True, cwd=ROOT, check=True)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--write", action="store_true", help="append the result to docs/benchmarks.md")
    args = ap.parse_args()

    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    phases: dict[str, list[float]] = {}
    for _ in range(args.reps):
        ph, wall = run_child()
        for k, v in ph.items():
            phases.setdefault(k, []).append(v)
        phases.setdefault("process wall (start-up included)", []).append(wall)
    phases["`sgd-proofs derive --json` wall"] = [run_derive() for _ in range(args.reps)]

    m = machine()
    date = datetime.date.today().isoformat()
    lines = [
        f"### {date} — `benchmarks/bench_derivation.py --reps {args.reps}`",
        "",
        f"Machine: `{m['uname']}`; CPU: {m['cpu']}; Python {m['python']}; sympy {m['sympy']}.",
        "Fresh interpreter per repetition (cold imports, no caches). Target: whole derivation < 2 s. "
        f"Load average at start (machine shared with other jobs): {load}.",
        "",
        "| phase | min / s | median / s |",
        "|---|---:|---:|",
    ]
    for k, v in phases.items():
        lines.append(f"| {k} | {min(v):.3f} | {statistics.median(v):.3f} |")
    total = statistics.median(phases["process wall (start-up included)"])
    lines += [
        "",
        f"Median whole derivation (fresh process): **{total:.2f} s** — "
        + ("meets" if total < 2 else "MISSES")
        + " the 2 s target.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        path = ROOT / "docs" / "benchmarks.md"
        doc = path.read_text()
        start = doc.index(HEADING) + len(HEADING)
        nxt = doc.find("\n## ", start)
        end = len(doc) if nxt < 0 else nxt
        before, after = doc[:end].rstrip("\n"), doc[end:].lstrip("\n")
        doc = before + "\n\n" + text.rstrip("\n") + "\n" + ("\n" + after if after else "")
        path.write_text(doc)
        print(f"appended to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
