"""``sgd-proofs regenerate``: rebuild every certificate and print the table of claims."""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path

HELP = "rebuild all certificates (default: ./certificates) and print the claim table"
DESCRIPTION = """\
Run every certificate producer (derivation, semi-algebraic claims, numerics) and write the
certificates as deterministic JSON into --out. Timings and tool versions go to provenance.json,
which is not part of any hashed content.

Evidence is never degraded: a backend that is not installed here (QEPCAD B is optional) keeps the
verdict and input recorded in the earlier certificate of the same claim (in --out, then in each
--recorded DIR), so the files stay byte-identical; stderr says which verdicts were kept as recorded
rather than re-run, and which claims have no verdict of that backend at all.

The closing summary is the audit's assessment of the certificates in --out, checked by the
independent checker: how many of the paper's numbered statements are proved, argued by hand,
confirmed numerically only, or not covered (`sgd-proofs audit` for the per-statement report).

exit codes: 0 every producer ran and every claim has its expected outcome; 1 a producer failed, a
claim was refuted/failed or backends disagree; 2 bad input (e.g. --only matches no producer).
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="certificates", help="output directory (default: certificates)")
    p.add_argument("--only", action="append", default=[],
                   help="run only producers whose module name contains this text")
    p.add_argument("--recorded", action="append", default=[], metavar="DIR",
                   help="also keep recorded verdicts of absent backends from the certificates in DIR "
                        "(after --out itself)")
    p.add_argument("--json", action="store_true",
                   help="print {claims: [...], statements: {status: [statement, ...]}, recorded: [...]} as JSON")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("sympy", "mpmath", "python-flint", "z3-solver", "cvc5", "numpy"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def run(args: argparse.Namespace) -> int:
    from proofs.blas import warning
    from proofs.producers import PRODUCERS

    if (w := warning()) is not None:
        print(f"warning: {w}", file=sys.stderr)
    unmatched = [s for s in args.only if not any(s in m for m in PRODUCERS)]
    if unmatched:
        print(f"error: --only {', '.join(unmatched)} matches no producer (producers: {', '.join(PRODUCERS)})",
              file=sys.stderr)
        return 2
    outdir = Path(args.out)
    if outdir.exists() and not outdir.is_dir():
        print(f"error: --out {outdir} exists and is not a directory", file=sys.stderr)
        return 2
    missing = [d for d in args.recorded if not Path(d).is_dir()]
    if missing:
        print(f"error: --recorded {', '.join(missing)}: not a directory", file=sys.stderr)
        return 2
    recorded = tuple(Path(d) for d in args.recorded)
    from proofs.outputs import Busy, describe, locked, recover, staged

    try:
        with locked(outdir):  # one writer per directory
            recover(outdir)  # leftovers of a killed run
            with staged(outdir) as stage:  # all or nothing: outdir is swapped in only if this completes
                rows, failed = _produce(args, stage, recorded)
                if any(r.get("status") == "error" for r in rows):
                    raise _ProducerFailed(rows)
    except Busy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except _ProducerFailed as exc:
        for r in exc.rows:
            if r.get("status") == "error":
                print(f"error: {r['claim']}: {r.get('detail', '')}", file=sys.stderr)
        print(f"error: a producer failed; {outdir} was left exactly as it was", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: could not write the certificates ({describe(exc)}); {outdir} was left exactly as it was",
              file=sys.stderr)
        return 1
    from audit.runner import recorded_notes

    notes = recorded_notes(rows)
    for line in notes:  # always, even with --quiet: the user must know which verdicts were not re-run
        print(f"[regenerate] note: {line}", file=sys.stderr)
    statements = _statements(outdir)
    if args.json:
        print(json.dumps({"claims": rows, "statements": statements, "recorded": notes}, indent=1))
    elif not args.quiet:
        w = max([len(r["claim"]) for r in rows] + [5])
        print(f"{'claim':<{w}}  {'outcome':<22} {'time/s':>8}  file")
        for r in rows:
            print(f"{r['claim']:<{w}}  {r['status']:<22} {r['seconds']:>8.3f}  {r.get('file', '')}")
            if r.get("detail"):
                print(f"{'':<{w}}  {r['detail']}")
        print(_summary(statements, outdir))
    return 1 if failed else 0


class _ProducerFailed(Exception):
    def __init__(self, rows: list[dict]) -> None:
        super().__init__("a producer failed")
        self.rows = rows


def _produce(args: argparse.Namespace, stage: Path, recorded: tuple[Path, ...]) -> tuple[list[dict], bool]:
    """Run the selected producers into the staging directory; (rows, any claim failed)."""
    from proofs.outputs import atomic_write
    from proofs.producers import PRODUCERS

    started = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    from proofs.progress import Bar, note

    rows, failed = [], False
    selected = [m for m in PRODUCERS if not args.only or any(s in m for s in args.only)]
    bar = Bar("regenerate: producers", len(selected), quiet=args.quiet)  # a bar on a terminal, lines in a log
    for i, modname in enumerate(selected):
        note(f"[regenerate] {modname} ...", quiet=args.quiet)
        t0 = time.perf_counter()
        try:
            results = importlib.import_module(modname).produce(stage, recorded)
        except Exception as exc:  # a failing producer is reported, never hidden
            failed = True
            results = [{"claim": modname, "status": "error", "detail": f"{type(exc).__name__}: {exc}"}]
        dt = time.perf_counter() - t0
        for r in results:
            r.setdefault("seconds", round(dt / max(len(results), 1), 3))
            if r.get("status") in ("error", "failed", "refuted", "disagreement"):
                failed = True
        rows.extend(results)
        bar.update(i + 1)
    bar.close()
    provenance = {"run": {"started": started, "pid": os.getpid(), "host": platform.node(),
                          "command": ["sgd-proofs", *sys.argv[1:]]},
                  "versions": _versions(), "claims": rows}
    atomic_write(stage / "provenance.json", json.dumps(provenance, indent=1, sort_keys=True) + "\n")
    return rows, failed


def _statements(outdir: Path) -> dict:
    """The audit's assessment of the paper's numbered statements from the certificates in ``outdir``."""
    from audit import assess
    from audit.records import check_dir, load_records

    res = assess.assess(load_records(outdir, check_dir(outdir)))
    by: dict[str, list[str]] = {}
    for key, a in res.items():
        by.setdefault(a.status, []).append(key)
    return by


ORDER = ("proved", "argued by hand", "confirmed numerically", "not covered", "refuted", "check failed")


def _summary(statements: dict, outdir: Path) -> str:
    total = sum(len(v) for v in statements.values())
    lines = [f"\nThe paper's {total} numbered statements, as the audit assesses the certificates in {outdir} "
             f"(each re-checked by the independent checker):"]
    for status in ORDER + tuple(s for s in statements if s not in ORDER):
        keys = statements.get(status, [])
        if keys:
            lines.append(f"  {len(keys):>2} {status}: {', '.join(keys)}")
    lines.append("Only 'proved' is decided in general; 'confirmed numerically' holds at the recorded parameter "
                 "points only. Per-statement evidence: sgd-proofs audit --out report")
    return "\n".join(lines)
