"""Command line of the standalone checker (``python3 -S -m checker``). Standard library only."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from . import coq
from .core import CertificateError, Context, NotACertificate, verify
from .spec import claim_file


def collect(paths: list[str]) -> list[Path]:
    """Certificate files named by ``paths``; a directory contributes its top-level ``*.json``
    (side files live in sub-directories; ``provenance.json`` holds timings and is not a certificate)."""
    files: list[Path] = []
    for p in [Path(x) for x in (paths or ["certificates"])]:
        if p.is_dir():
            files.extend(sorted(q for q in p.glob("*.json") if q.name != "provenance.json"))
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(str(p))
    return files


def verify_all(files: list[Path], ctx: Context) -> list[dict]:
    """One row per file: ``file``, ``valid``, ``status``, ``detail`` (and ``name`` when valid)."""
    results = []
    for f in files:
        try:
            v = verify(f, ctx)
            results.append({"file": str(f), "valid": True, "name": v.name, "status": v.status, "detail": v.detail})
        except CertificateError as exc:
            results.append({"file": str(f), "valid": False, "detail": str(exc),
                            "status": "not a certificate" if isinstance(exc, NotACertificate) else "invalid"})
    return results


def run(paths: list[str], *, claims: list[str] = (), as_json: bool = False, quiet: bool = False, out=None) -> int:
    """Check ``paths`` (user claims bound to the claim files ``claims``); print one line per file (or JSON);
    return the exit code: 0 all valid, 1 some invalid, 2 unusable input."""
    import sys

    out = out or sys.stdout
    try:
        specs = {}
        for c in claims:
            s = claim_file(Path(c))
            specs[s.name] = s
        ctx = Context(specs)
    except RecursionError:  # tomllib recurses once per nesting level of arrays/tables
        print("error: unusable claim file: nested too deeply to parse (arrays or tables nested hundreds of "
              "levels); a claim file is a flat table of name, variables, assume, show", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        why = f"missing key or unknown name {exc} (a claim needs name, variables, show; derived names are " \
              f"S, R1, u_num, v_num, f)" if isinstance(exc, KeyError) else f"{type(exc).__name__}: {exc}"
        print(f"error: unusable claim file: {why}", file=sys.stderr)
        return 2
    try:
        files = collect(paths)
    except FileNotFoundError as exc:
        print(f"error: no such file or directory: {exc}", file=sys.stderr)
        return 2
    if not files:
        print("error: no certificates found", file=sys.stderr)
        return 2
    results = verify_all(files, ctx)
    ok = all(r["valid"] for r in results)
    if as_json:
        print(json.dumps({"valid": ok, "results": results}, indent=1), file=out)
    else:
        for r in results:
            if not r["valid"] or not quiet:
                print(f"{'OK  ' if r['valid'] else 'FAIL'} {r['file']}: {r['detail']}", file=out)
        print(f"{sum(r['valid'] for r in results)}/{len(results)} certificates valid", file=out)
    return 0 if ok else 2 if any(r["status"] == "not a certificate" for r in results) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -S -m checker", description=__doc__)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="certificate files or directories "
                        "(default: certificates/)")
    parser.add_argument("--claim", action="append", default=[], metavar="FILE",
                        help="a user claim file (TOML, the grammar of `sgd-proofs prove`) that certificates of "
                        "that claim are bound to; repeatable")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--quiet", action="store_true", help="print only failures and the total")
    parser.add_argument("--coq", metavar="DIR", help="instead: check that the statement of every exported Coq "
                        "proof in DIR (e.g. certificates/coq) is exactly its claim's specification")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if args.coq is not None:
        return coq.run(args.coq, as_json=args.json, quiet=args.quiet)
    return run(args.paths, claims=args.claim, as_json=args.json, quiet=args.quiet)
