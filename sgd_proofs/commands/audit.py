"""``sgd-proofs audit``: audit the papers (every one of ``audit/papers/``, or one), claim by claim, with a
self-contained report."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ..options import add_output_options

HELP = "audit every numbered statement of the papers; write report.html, report.md, audit.json"
DESCRIPTION = """\
Regenerate the certificates whose producing sources changed since the last audit into DIR (a
producer's fingerprint covers its package, symbolic/ and the checker), re-check every certificate
with the independent standard-library checker, and assess each numbered statement of the audited
papers (one module each in audit/papers/; e.g. vky2023: Props. 1-12, Theorems 1-3, Lemmas 1-2,
eqs. 16-30, App. H): proved (methods), confirmed numerically (digits), argued by hand
(dependencies), refuted, or not covered (why). The committed certificates/ are assessed too: a
statement proved there and not now is a regression.

--paper NAME audits one paper (its key: the module name in audit/papers/); --paper all (the default)
audits every paper, each in its own section of the report, the default paper first.

Writes DIR/report.html (self-contained: styles and figures inline, opens offline), DIR/report.md,
DIR/audit.json and the regenerated DIR/certificates/. Progress goes to stderr as plain lines
(--quiet: none).

--latex DIR also writes DIR/appendix.tex, a reproducibility appendix that compiles alone with pdflatex:
one row per statement (status, methods, certificate files and the SHA-256 of each file), the package,
solver and library versions, and the commands that regenerate it.

Formulas supplied as data (--statements DIR, default ./statements): each *.toml gives a formula in the
claim grammar for a reconstructed quantity; it is compared exactly (statements/README.md).

exit codes: 0 nothing regressed, every certificate passes its check and no supplied formula disagrees,
1 otherwise, 2 bad input (--out is a file, --committed or --statements is not a directory, a malformed
statement file, --latex DIR is a file or cannot be written, --paper is not a known paper).

examples:
  sgd-proofs audit --out report             # then open report/report.html
  sgd-proofs audit --paper vky2023 --out report   # one paper only
  sgd-proofs audit --out report --json      # the audit.json document on stdout
  sgd-proofs audit --out report --fresh     # ignore the cache, rebuild every certificate
  sgd-proofs audit --out report --latex report/latex   # also report/latex/appendix.tex (pdflatex it)
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="audit-report", help="output directory (default: audit-report)")
    p.add_argument("--paper", default="all", metavar="NAME|all",
                   help="the paper to audit: a module name of audit/papers/ (e.g. vky2023), or 'all' "
                        "(default: all)")
    p.add_argument(
        "--committed",
        default=None,
        help="the committed certificates to compare with (default: ./certificates if it exists, else none; "
             "'none' to skip)",
    )
    p.add_argument(
        "--statements",
        default=None,
        help="directory of formulas supplied as data (*.toml, see statements/README.md) to compare with the "
             "reconstructions (default: ./statements if it exists; 'none' to skip)",
    )
    p.add_argument("--fresh", action="store_true", help="regenerate every certificate (ignore the cache)")
    p.add_argument("--no-figures", action="store_true", help="skip the figures (faster)")
    p.add_argument("--latex", metavar="DIR", default=None,
                   help="also write DIR/appendix.tex, a reproducibility appendix in LaTeX (compiles alone)")
    add_output_options(p, json_help="print audit.json on stdout",
                       quiet_help="no progress on stderr and no summary on stdout")


def run(args: argparse.Namespace) -> int:
    from audit import papers, report, runner
    from audit.figures import all_figures

    known = papers.names()
    if args.paper != "all" and args.paper not in known:
        print(f"error: --paper {args.paper!r} is not a known paper: one of {', '.join(known)}, or all",
              file=sys.stderr)
        return 2
    selected = None if args.paper == "all" else [args.paper]
    try:
        chosen, _ = runner.select_papers(selected)
    except ValueError as exc:  # two papers share a statement key
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"error: --out {out} exists and is not a directory", file=sys.stderr)
        return 2
    from ..latex import latex_dir_problem, write_appendix

    if args.latex is not None and (problem := latex_dir_problem(Path(args.latex))):
        print(f"error: --latex {args.latex}: {problem}", file=sys.stderr)
        return 2
    if args.committed is None:  # default: the committed record beside you, if there is one
        committed = Path("certificates") if Path("certificates").is_dir() else None
        if committed is None and not args.quiet:
            print("[audit] no ./certificates here: nothing committed to compare with (--committed DIR to give one)",
                  file=sys.stderr)
    else:
        committed = None if args.committed.lower() == "none" else Path(args.committed)
    if committed is not None and not committed.is_dir():
        print(
            f"error: committed certificate directory {committed} not found (use --committed none to skip)",
            file=sys.stderr,
        )
        return 2
    from audit.supplied import SuppliedError, check_dir

    if args.statements is None:
        statements = Path("statements") if Path("statements").is_dir() else None
    else:
        statements = None if args.statements.lower() == "none" else Path(args.statements)
    if statements is not None and not statements.is_dir():
        print(f"error: --statements {statements} is not a directory", file=sys.stderr)
        return 2
    try:
        supplied = check_dir(statements) if statements is not None else []
    except SuppliedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from proofs.progress import messages

    progress = messages("[audit]", quiet=args.quiet)
    from proofs.outputs import Busy, locked

    try:
        with locked(out):  # one writer per directory; every file is written atomically
            res = runner.run(out, committed, fresh=args.fresh, progress=progress, supplied=supplied,
                             papers=[p.key for p in chosen])
            t0 = time.perf_counter()
            figures = [] if args.no_figures else all_figures(progress)
            res.timings["figures"] = time.perf_counter() - t0
            res.timings["total"] += res.timings["figures"]
            data = report.write_all(res, figures, out)
            if args.latex is not None:
                try:
                    appendix = write_appendix(data, res.certdir, args)
                except OSError as exc:
                    print(f"error: --latex {args.latex}: {exc.strerror or exc}", file=sys.stderr)
                    return 2
    except Busy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: could not write the audit into {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(data, indent=1))
    elif not args.quiet:
        w = max((len(k) for k in res.assessments), default=0)
        of = report.paper_of(res)
        for paper in report.assessed_papers(res):
            counts = report.summary_counts(res, paper.key)
            print(f"== {paper.key}: {paper.title} ({', '.join(f'{v} {k}' for k, v in counts.items())})")
            for k, a in res.assessments.items():
                if of.get(k) == paper.key:
                    print(f"  {k:<{w}}  {a.status:<22} {'; '.join(a.methods)[:70]}")
        counts = report.summary_counts(res)
        print(("all papers: " if len(res.papers) > 1 else "") + ", ".join(f"{v} {k}" for k, v in counts.items()))
        for r in res.regressions:
            print(f"REGRESSION: {r}")
        for f in res.failed_checks:
            print(f"CHECK FAILED: {f}")
        for x in res.supplied:
            print(f"SUPPLIED {x['file']} ({x['statement']}): {x['verdict']} -- {x['detail']}")
        print(
            f"wrote {out / 'report.html'}, {out / 'report.md'}, {out / 'audit.json'} "
            f"(audit {res.timings['total']:.1f} s: regenerate {res.timings['regenerate']:.1f}, "
            f"check {res.timings['check']:.1f}, figures {res.timings['figures']:.1f})"
        )
        if args.latex is not None:
            print(f"wrote {appendix}")
    return 0 if res.ok else 1
