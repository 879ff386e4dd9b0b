"""Benchmark ``sgd-proofs prove`` on public box-constrained polynomial problems (``benchmarks/prove_problems/``).

Run::

    python benchmarks/bench_prove.py [--problems GLOB] [--timeout S] [--methods M ...] [--out FILE.md] [--json FILE]

Every claim file ``NAME.KIND.toml`` (KIND ``true``: a bound below the minimum over the box; ``tight``: the
minimum itself, attained; ``false``: a bound above the minimum, with an exact counterexample) is decided

* by each backend alone, ``sgd_proofs.api.prove(path, methods=[m], timeout=S)`` for every ``m`` of
  ``--methods`` (default: every method of ``sgd_proofs.commands.prove.METHODS``, read at run time, so a new
  method gets a column), and
* by the whole command, ``sgd_proofs.api.prove(path, timeout=S)`` with its default methods and stop rule
  (what ``sgd-proofs prove CLAIM.toml --timeout S`` runs: ``S`` is the deadline of the whole call and each
  backend's limit); ``--all`` passes ``run_all=True`` (``sgd-proofs prove --all``), ``--no-whole`` skips it.

A cell shows the verdict and a time: for a backend alone the backend's own time (the API's
``backends[m]["seconds"]``; the wall time of the call, which for a refutation without an exact point also
includes the witness search with the other backends, is in the JSON), for the whole command the wall time of
the call. Each call runs in a forked child process, killed after ``--hard-limit`` seconds (default
``(3 * timeout + 60)`` times the number of methods of the call) so that a backend ignoring its time limit
cannot stall the run; a killed call is reported as ``hung``. The parent imports the API once before forking,
so the times do not include Python's start-up or the imports.

Every verdict is checked: a true or tight claim must be ``proved`` or ``unknown``, a false one ``refuted``
or ``unknown``. Any other verdict (``refuted`` on a true claim, ``proved`` on a false one, ``disagreement``)
is a WRONG VERDICT: printed on stderr, marked in the table, and the exit code is 1. Backend errors, crashes and
hung calls are reported (stderr, table, summary) but are not wrong verdicts. Exit 2: no problem file, a
malformed one, or a bad option.

Output (stdout, or ``--out FILE.md``): a machine line (CPU model from /proc/cpuinfo, cores, load average,
date), one table row per claim file, a per-method table (answers and median times) and summary statistics:
wrong verdicts, false claims refuted under 1 s, true claims with an exact certificate (proved by
``bernstein``, ``intervals`` or ``sos``), and the median ratio (whole command wall time) / (z3 alone) on the
true claims, where "z3 alone" is the same call with ``methods=["z3"]`` (``sgd-proofs prove --method z3``),
also as wall time (both include forking the backends' processes and collecting them); the ratio against
z3's own seconds is given beside it. ``--json FILE`` writes every record.

``--problems GLOB ...`` selects files: a bare pattern (``'kepler*'``, ``'rd.*'``) is matched in
``benchmarks/prove_problems/``; a pattern containing ``/`` is a path glob (relative to the current directory).
The CPU of the machine may be shared: the times are wall-clock times of one run, not medians.
"""

from __future__ import annotations

import argparse
import datetime
import glob
import json
import multiprocessing
import os
import platform
import signal
import statistics
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # python benchmarks/bench_prove.py from the repository root
    sys.path.insert(0, str(ROOT))
PROBLEMS = ROOT / "benchmarks" / "prove_problems"
KINDS = ("true", "tight", "false")
EXACT_CERTIFICATES = ("bernstein", "intervals", "sos")
WHOLE = "whole"


# ------------------------------------------------------------------------------------------ running


def _child(conn, path: str, methods: list[str] | None, timeout: float, run_all: bool) -> None:
    """Run one ``api.prove`` call and send back a plain record (never the result object itself)."""
    try:
        os.setpgrp()  # its own process group: a hung call is killed with everything it started in that group
        from sgd_proofs import api

        kwargs: dict = {"timeout": timeout}
        if methods is not None:
            kwargs["methods"] = methods
        if run_all:
            kwargs["run_all"] = True
        t0 = time.perf_counter()
        res = api.prove(path, **kwargs)
        wall = time.perf_counter() - t0
        conn.send({"status": res.status, "methods": list(res.methods), "backends": res.backends,
                   "counterexample": res.counterexample, "counterexample_from": res.counterexample_from,
                   "counterexample_verified": res.counterexample_verified, "wall": wall})
    except BaseException as exc:  # reported as a crash, never hidden
        conn.send({"status": "crash", "detail": f"{type(exc).__name__}: {exc}",
                   "traceback": traceback.format_exc(limit=5), "wall": None})
    finally:
        conn.close()


def run_prove(path: Path, methods: list[str] | None, timeout: float, hard_limit: float,
              run_all: bool = False) -> dict:
    """``api.prove`` in a forked child; ``{"status": "hung"}`` if it outlives ``hard_limit`` seconds."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    t0 = time.perf_counter()
    # not a daemon: the API starts its backends as child processes
    proc = ctx.Process(target=_child, args=(child, str(path), methods, timeout, run_all))
    proc.start()
    child.close()
    rec = None
    if parent.poll(hard_limit):
        try:
            rec = parent.recv()
        except EOFError:
            rec = None
    elapsed = time.perf_counter() - t0
    if proc.is_alive():
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.join()
    if rec is None:
        hung = elapsed >= hard_limit
        rec = {"status": "hung" if hung else "crash", "wall": None,
               "detail": f"killed after {hard_limit:g} s" if hung else f"child died (exit code {proc.exitcode})"}
    rec["elapsed"] = elapsed
    return rec


# ------------------------------------------------------------------------------------------ judging


def kind_of(path: Path) -> str:
    parts = path.name.split(".")
    if len(parts) != 3 or parts[1] not in KINDS or parts[2] != "toml":
        raise ValueError(f"{path.name}: expected NAME.true.toml, NAME.tight.toml or NAME.false.toml")
    return parts[1]


def expected(kind: str) -> str:
    return "refuted" if kind == "false" else "proved"


def is_wrong(kind: str, status: str) -> bool:
    if status == "disagreement":
        return True
    return status == ("proved" if kind == "false" else "refuted")


def cell_status(rec: dict, method: str | None) -> str:
    """The verdict shown for one call: the backend's own status (``n/a`` when it does not apply) for a backend
    alone, the command's status for the whole command; ``error``/``crash``/``hung`` when it failed."""
    if rec["status"] in ("crash", "hung"):
        return rec["status"]
    if method is None:
        return rec["status"]
    b = rec["backends"].get(method, {})
    if "not_applicable" in b:
        return "n/a"
    if b.get("status") in ("error", "skipped"):
        return b["status"]
    return rec["status"]


def cell_seconds(rec: dict, method: str | None) -> float | None:
    if rec["status"] in ("crash", "hung"):
        return rec.get("elapsed")
    if method is None:
        return rec["wall"]
    return rec["backends"].get(method, {}).get("seconds", rec["wall"])


def fmt_cell(kind: str, rec: dict, method: str | None) -> str:
    status = cell_status(rec, method)
    secs = cell_seconds(rec, method)
    t = "" if secs is None else (f" {secs:.2f} s" if secs < 100 else f" {secs:.0f} s")
    if is_wrong(kind, status):
        return f"**WRONG {status}**{t}"
    if status == "refuted" and not rec.get("counterexample_verified"):
        status = "refuted (no point)"
    return f"{status}{t}"


# ------------------------------------------------------------------------------------------ reporting


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return {"cpu": cpu, "cores": os.cpu_count(), "load_average": load, "python": platform.python_version(),
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")}


def _median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def summarise(rows: list[dict], methods: list[str], whole: bool) -> dict:
    cols = [*methods, *([WHOLE] if whole else [])]
    wrong = [{"file": r["file"], "run": c, "status": cell_status(r["runs"][c], None if c == WHOLE else c)}
             for r in rows for c in cols if is_wrong(r["kind"], cell_status(r["runs"][c], None if c == WHOLE else c))]
    failures = [{"file": r["file"], "run": c, "status": st,
                 "detail": r["runs"][c].get("detail") or r["runs"][c].get("backends", {}).get(c, {}).get("detail")}
                for r in rows for c in cols
                for st in [cell_status(r["runs"][c], None if c == WHOLE else c)] if st in ("error", "crash", "hung")]
    true_rows = [r for r in rows if r["kind"] != "false"]
    false_rows = [r for r in rows if r["kind"] == "false"]
    per_method = {}
    for c in cols:
        m = None if c == WHOLE else c
        st = {r["file"]: cell_status(r["runs"][c], m) for r in rows}
        secs = [cell_seconds(r["runs"][c], m) for r in rows]
        per_method[c] = {
            "proved_true": sum(st[r["file"]] == "proved" for r in true_rows),
            "refuted_false": sum(st[r["file"]] == "refuted" for r in false_rows),
            "refuted_false_under_1s": sum(st[r["file"]] == "refuted" and (cell_seconds(r["runs"][c], m) or 0) < 1
                                          for r in false_rows),
            "unknown": sum(s == "unknown" for s in st.values()),
            "not_applicable": sum(s == "n/a" for s in st.values()),
            "failed": sum(s in ("error", "crash", "hung", "skipped") for s in st.values()),
            "wrong": sum(is_wrong(r["kind"], st[r["file"]]) for r in rows),
            "median_seconds": _median([s for s in secs if s is not None]),
        }
    exact = []
    for r in true_rows:
        by = [m for m in EXACT_CERTIFICATES if m in r["runs"] and cell_status(r["runs"][m], m) == "proved"]
        if whole and r["runs"][WHOLE]["status"] == "proved":
            by += [m for m in r["runs"][WHOLE].get("methods", []) if m in EXACT_CERTIFICATES and m not in by]
        if by:
            exact.append({"file": r["file"], "by": by})
    ratios, own = [], []  # whole command / z3 alone: both as wall time of the call; and / z3's own seconds
    if whole and "z3" in methods:
        for r in true_rows:
            w, z = cell_seconds(r["runs"][WHOLE], None), r["runs"]["z3"].get("wall")
            zo = cell_seconds(r["runs"]["z3"], "z3")
            if w is not None and z:
                ratios.append(w / z)
            if w is not None and zo:
                own.append(w / zo)
    fast = [r["file"] for r in false_rows
            if whole and cell_status(r["runs"][WHOLE], None) == "refuted" and r["runs"][WHOLE]["wall"] < 1]
    return {"files": len(rows), "true": sum(r["kind"] == "true" for r in rows),
            "tight": sum(r["kind"] == "tight" for r in rows), "false": len(false_rows),
            "wrong_verdicts": wrong, "failures": failures, "per_method": per_method,
            "false_refuted_under_1s_whole": fast, "true_with_exact_certificate": exact,
            "median_ratio_whole_over_z3_true": _median(ratios), "ratio_count": len(ratios),
            "median_ratio_whole_over_z3_own_seconds_true": _median(own)}


def markdown(rows: list[dict], methods: list[str], whole: bool, summary: dict, meta: dict) -> str:
    m = meta["machine"]
    cols = [*methods, *(["whole command"] if whole else [])]
    whole_text = ("; whole command = default methods, " + ("run_all" if meta.get("run_all") else "stop rule")
                  if whole else "")
    out = ["### `sgd-proofs prove` on public box-constrained problems (`benchmarks/bench_prove.py`)", "",
           f"Machine: {m['cpu']}, {m['cores']} cores (load average at start {m['load_average']}), Python "
           f"{m['python']}, {m['date']}. Timeout {meta['timeout']:g} s per backend (the whole command: deadline "
           f"of the call); backends alone: {', '.join(methods)}"
           f"{whole_text}. One run per cell; a backend's own seconds, the whole command's wall time.", "",
           "| claim file | expect | " + " | ".join(cols) + " |",
           "|---|---|" + "---|" * len(cols)]
    for r in rows:
        cells = [fmt_cell(r["kind"], r["runs"][c], c) for c in methods]
        if whole:
            cells.append(fmt_cell(r["kind"], r["runs"][WHOLE], None))
        out.append(f"| {r['file']} | {expected(r['kind'])} | " + " | ".join(cells) + " |")
    out += ["", "| run | proved (true/tight) | refuted (false) | refuted < 1 s | unknown | n/a | failed | wrong "
            "| median s |", "|---|---|---|---|---|---|---|---|---|"]
    nt, nf = summary["true"] + summary["tight"], summary["false"]
    for c, s in summary["per_method"].items():
        med = "—" if s["median_seconds"] is None else f"{s['median_seconds']:.2f}"
        out.append(f"| {'whole command' if c == WHOLE else c} | {s['proved_true']}/{nt} | {s['refuted_false']}/{nf} "
                   f"| {s['refuted_false_under_1s']}/{nf} | {s['unknown']} | {s['not_applicable']} | {s['failed']} "
                   f"| {s['wrong']} | {med} |")
    ratio = summary["median_ratio_whole_over_z3_true"]
    own_ratio = summary.get("median_ratio_whole_over_z3_own_seconds_true")
    out += ["", f"- claim files: {summary['files']} ({summary['true']} true, {summary['tight']} tight, "
            f"{summary['false']} false)",
            f"- **wrong verdicts: {len(summary['wrong_verdicts'])}**"
            + "".join(f"; {w['file']} {w['run']}: {w['status']}" for w in summary["wrong_verdicts"]),
            f"- backend errors, crashes, hung calls: {len(summary['failures'])}"
            + "".join(f"; {f['file']} {f['run']}: {f['status']}" for f in summary["failures"][:20]),
            f"- false claims refuted by the whole command in under 1 s: "
            f"{len(summary['false_refuted_under_1s_whole'])}/{nf}" if whole else
            "- false claims refuted by the whole command in under 1 s: (whole command not run)",
            f"- true/tight claims with an exact certificate (proved by {', '.join(EXACT_CERTIFICATES)}): "
            f"{len(summary['true_with_exact_certificate'])}/{nt}",
            "- median ratio (whole command wall time) / (z3 alone: the same call with methods=[z3], wall time) "
            "on the true/tight claims: "
            + ("—" if ratio is None else f"{ratio:.2f} (over {summary['ratio_count']} claims)"),
            "- the same against z3's own seconds (without the call's fork and certificate work): "
            + ("—" if own_ratio is None else f"{own_ratio:.2f}")]
    versions = meta.get("versions") or {}
    if versions:
        out.append("- backend versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------ main


def select(pattern: str) -> list[Path]:
    if "/" in pattern:
        return sorted(Path(p) for p in glob.glob(pattern) if p.endswith(".toml"))
    return sorted(p for p in PROBLEMS.glob(pattern) if p.name.endswith(".toml"))


def main(argv: list[str] | None = None) -> int:
    from sgd_proofs.commands.prove import METHODS, BadInput, load_claim

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--problems", nargs="+", default=["*.toml"], metavar="GLOB",
                    help="claim files: patterns in benchmarks/prove_problems/ or path globs (with '/')")
    ap.add_argument("--timeout", type=float, default=60.0, metavar="S", help="time limit per backend (default 60)")
    ap.add_argument("--methods", nargs="+", default=None, metavar="M",
                    help=f"backends run alone (default: all of {', '.join(METHODS)}); commas allowed")
    ap.add_argument("--no-whole", action="store_true", help="do not run the whole command")
    ap.add_argument("--all", action="store_true",
                    help="run the whole command with run_all=True (every backend to its end, as --all)")
    ap.add_argument("--hard-limit", type=float, default=None, metavar="S",
                    help="kill a call after S seconds (default 3*timeout+60 per method run)")
    ap.add_argument("--out", metavar="FILE.md", default=None, help="write the Markdown report here (else stdout)")
    ap.add_argument("--json", metavar="FILE", default=None, help="write every record as JSON")
    args = ap.parse_args(argv)

    methods = list(METHODS) if args.methods is None else [m for x in args.methods for m in x.split(",") if m]
    bad = [m for m in methods if m not in METHODS]
    if bad or not methods:
        print(f"error: unknown method(s) {bad}; choose from {', '.join(METHODS)}", file=sys.stderr)
        return 2
    if not args.timeout > 0:
        print("error: --timeout must be positive", file=sys.stderr)
        return 2
    files = sorted({f for pattern in args.problems for f in select(pattern)})
    if not files:
        print(f"error: no claim file matches {' '.join(args.problems)!r}", file=sys.stderr)
        return 2
    kinds = {}
    for f in files:
        try:
            kinds[f] = kind_of(f)
            load_claim(f)
        except (ValueError, BadInput) as exc:
            print(f"error: {f}: {exc}", file=sys.stderr)
            return 2
    whole = not args.no_whole
    for module in ("sgd_proofs.api", "proofs.portfolio", "proofs.semialgebraic"):  # warm imports, inherited by
        try:                                                                    # the forked children (not timed)
            __import__(module)
        except ImportError:
            pass
    meta = {"machine": machine(), "timeout": args.timeout, "methods": methods, "whole": whole, "run_all": args.all,
            "all_methods": list(METHODS), "problems": args.problems}
    print(f"{len(files)} claim files; methods {', '.join(methods)}{' + whole command' if whole else ''}; "
          f"timeout {args.timeout:g} s; {meta['machine']['cpu']}, {meta['machine']['cores']} cores",
          file=sys.stderr, flush=True)
    rows, versions = [], {}
    for f in files:
        kind = kinds[f]
        row = {"file": f.name, "kind": kind, "expect": expected(kind), "runs": {}}
        runs = [(m, [m]) for m in methods] + ([(WHOLE, None)] if whole else [])
        for col, ms in runs:
            n = len(METHODS) if ms is None else len(ms)
            limit = args.hard_limit if args.hard_limit is not None else (3 * args.timeout + 60) * n
            rec = run_prove(f, ms, args.timeout, limit, run_all=args.all and ms is None)
            row["runs"][col] = rec
            for b, info in rec.get("backends", {}).items():
                if info.get("version") and b not in versions:
                    versions[b] = info["version"]
            st = cell_status(rec, None if col == WHOLE else col)
            line = f"  {f.name:<28} {col:<10} {fmt_cell(kind, rec, None if col == WHOLE else col)}"
            if is_wrong(kind, st):
                line += f"   <-- WRONG VERDICT: expected {expected(kind)} or unknown"
            elif st in ("error", "crash", "hung"):
                line += f"   <-- {rec.get('detail') or rec['backends'].get(col, {}).get('detail', '')}"[:300]
            print(line, file=sys.stderr, flush=True)
        rows.append(row)
    meta["versions"] = versions
    summary = summarise(rows, methods, whole)
    report = markdown(rows, methods, whole, summary, meta)
    if args.out:
        Path(args.out).write_text(report)
        print(f"report written: {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(report)
    if args.json:
        Path(args.json).write_text(json.dumps({"meta": meta, "rows": rows, "summary": summary}, indent=1,
                                              sort_keys=True, default=str))
        print(f"JSON written: {args.json}", file=sys.stderr)
    for w in summary["wrong_verdicts"]:
        print(f"WRONG VERDICT: {w['file']} ({w['run']}): {w['status']}", file=sys.stderr)
    if summary["wrong_verdicts"]:
        print(f"FAILED: {len(summary['wrong_verdicts'])} wrong verdict(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
