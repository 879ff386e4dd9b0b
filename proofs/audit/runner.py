"""The audit pipeline: regenerate stale certificates, re-check every file, assess every paper statement.

Staleness. Each producer (``sgd_proofs.producers.PRODUCERS``) gets a fingerprint: the SHA-256 of the
source files it can depend on — its own package directory (without sub-packages that hold other
producers or the audit), ``symbolic/``, the ``sgd_proofs`` checker and ``certio`` — and the file list it
wrote. ``DIR/audit-cache.json`` records the fingerprints of the last audit into ``DIR``; a producer is
re-run when its fingerprint changed or one of its files is missing (``fresh=True`` re-runs all).

Baseline. The committed ``certificates/`` are checked too and assessed the same way; a statement
that was ``proved`` there and is not now is a regression.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from proofs import paper_claims as pc

ROOT = Path(__file__).resolve().parents[2]
CACHE = "audit-cache.json"


def producers() -> list[str]:
    from sgd_proofs.producers import PRODUCERS

    return list(PRODUCERS)


def _module_dir(modname: str) -> Path:
    spec = importlib.util.find_spec(modname)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(modname)
    return Path(spec.origin).parent


def source_files(modname: str, all_producers: list[str]) -> list[Path]:
    own = _module_dir(modname)
    others = {_module_dir(m) for m in all_producers if m != modname and importlib.util.find_spec(m)}
    skip = {d for d in others if d != own and own in d.parents} | {ROOT / "proofs" / "audit"}
    files = [f for f in own.rglob("*.py") if not any(s == f.parent or s in f.parents for s in skip)]
    files = [f for f in files if f != ROOT / "proofs" / "paper_claims.py"]  # the audit's registry
    for extra in (ROOT / "symbolic", ROOT / "sgd_proofs" / "checker"):
        files.extend(extra.rglob("*.py"))
    files.append(ROOT / "sgd_proofs" / "certio.py")
    return sorted(set(files))


def fingerprint(modname: str, all_producers: list[str]) -> str:
    h = hashlib.sha256(modname.encode())
    for f in source_files(modname, all_producers):
        h.update(str(f.relative_to(ROOT)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def stderr_progress(msg: str) -> None:
    print(f"[audit] {msg}", file=sys.stderr, flush=True)


def regenerate(certdir: Path, fresh: bool, progress: Progress) -> list[dict]:
    """Run stale producers into ``certdir``; returns one row per producer (claims, seconds, reused)."""
    certdir.mkdir(parents=True, exist_ok=True)
    cache_path = certdir.parent / CACHE
    cache = json.loads(cache_path.read_text()) if cache_path.is_file() and not fresh else {}
    mods = producers()
    rows = []
    for mod in mods:
        try:
            fp = fingerprint(mod, mods)
        except ModuleNotFoundError:
            rows.append({"producer": mod, "status": "missing", "claims": [], "seconds": 0.0, "reused": False})
            progress(f"producer {mod}: module not found (its claims will be not covered)")
            continue
        old = cache.get(mod)
        if (
            old
            and old.get("fingerprint") == fp
            and all((certdir / f).is_file() for f in old.get("files", []))
        ):
            rows.append(
                {
                    "producer": mod,
                    "status": "reused",
                    "claims": old.get("claims", []),
                    "seconds": 0.0,
                    "reused": True,
                }
            )
            progress(f"producer {mod}: sources unchanged, reusing {len(old.get('files', []))} certificate(s)")
            continue
        progress(f"producer {mod}: regenerating ...")
        t0 = time.perf_counter()
        try:
            results = importlib.import_module(mod).produce(certdir)
            status = "ok"
        except Exception as exc:  # reported, never hidden
            results = [{"claim": mod, "status": "error", "detail": f"{type(exc).__name__}: {exc}"}]
            status = "error"
        dt = time.perf_counter() - t0
        claims = [{k: r.get(k) for k in ("claim", "status", "file", "detail", "seconds")} for r in results]
        files = sorted({r["file"] for r in results if r.get("file")})
        progress(f"producer {mod}: {len(results)} claim(s) in {dt:.1f} s")
        for r in results:
            progress(f"  {r.get('claim')}: {r.get('status')}")
        if status == "ok":
            cache[mod] = {"fingerprint": fp, "files": files, "claims": claims}
        else:
            cache.pop(mod, None)
        rows.append(
            {"producer": mod, "status": status, "claims": claims, "seconds": round(dt, 3), "reused": False}
        )
    cache_path.write_text(json.dumps(cache, indent=1, sort_keys=True) + "\n")
    return rows


def check_one(path: Path) -> tuple[bool, str]:
    """The independent checker's verdict on one file."""
    from checker.core import CertificateError, check_file

    try:
        return True, check_file(path)
    except CertificateError as exc:
        return False, str(exc)
    except Exception as exc:  # a crashing checker is a failed check, with the reason
        return False, f"checker crashed: {type(exc).__name__}: {exc}"


def check_dir(
    certdir: Path, progress: Progress, known: dict[str, tuple[str, tuple[bool, str]]] | None = None
) -> dict[str, tuple[bool, str]]:
    """Check every certificate of ``certdir``; ``known`` maps sha256-of-file → verdict (reuse)."""
    out: dict[str, tuple[bool, str]] = {}
    files = sorted(f for f in certdir.glob("*.json") if f.name != "provenance.json")
    for i, f in enumerate(files, 1):
        digest = hashlib.sha256(f.read_bytes()).hexdigest()
        if known is not None and digest in known and _sidecars_same(f, known[digest][0]):
            out[f.name] = known[digest][1]
            continue
        progress(f"check [{i}/{len(files)}] {certdir.name}/{f.name}")
        out[f.name] = check_one(f)
        if known is not None:
            known[digest] = (str(f), out[f.name])
    return out


def _sidecars_same(f: Path, other: str) -> bool:
    """A verdict can be reused only if the side files the certificate names are identical too."""
    other_dir = Path(other).parent
    try:
        content = json.loads(f.read_text()).get("content", {})
    except ValueError:
        return False
    paths: list[str] = []

    def visit(o: object) -> None:
        if isinstance(o, dict):
            if set(o) == {"path", "sha256"}:
                paths.append(str(o["path"]))
            else:
                for v in o.values():
                    visit(v)
        elif isinstance(o, list):
            for v in o:
                visit(v)

    visit(content)
    for p in paths:
        a, b = f.parent / p, other_dir / p
        if not (a.is_file() and b.is_file() and a.read_bytes() == b.read_bytes()):
            return False
    return True


@dataclass
class AuditResult:
    certdir: Path
    committed: Path | None
    producers: list[dict]
    verdicts: dict[str, tuple[bool, str]]
    committed_verdicts: dict[str, tuple[bool, str]]
    assessments: dict[str, pc.Assessment]
    baseline: dict[str, pc.Assessment]
    regressions: list[str]
    failed_checks: list[str]
    drift: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    machine: str = ""

    @property
    def ok(self) -> bool:
        return (
            not self.regressions
            and not self.failed_checks
            and not any(p["status"] == "error" for p in self.producers)
        )


def run(
    out: Path,
    committed: Path | None = ROOT / "certificates",
    fresh: bool = False,
    progress: Progress = _quiet,
) -> AuditResult:
    t0 = time.perf_counter()
    certdir = out / "certificates"
    rows = regenerate(certdir, fresh, progress)
    t1 = time.perf_counter()
    known: dict = {}
    verdicts = check_dir(certdir, progress, known)
    committed_verdicts: dict[str, tuple[bool, str]] = {}
    if committed is not None and committed.is_dir():
        committed_verdicts = check_dir(committed, progress, known)
    t2 = time.perf_counter()
    recs = pc.load_records(certdir, verdicts)
    assessments = pc.assess(recs)
    baseline = pc.assess(pc.load_records(committed, committed_verdicts)) if committed_verdicts else {}
    regressions = [
        k for k, a in baseline.items() if a.status == "proved" and assessments[k].status != "proved"
    ]
    failed = [f"{certdir.name}/{f}: {d}" for f, (ok, d) in sorted(verdicts.items()) if not ok]
    failed += [f"committed/{f}: {d}" for f, (ok, d) in sorted(committed_verdicts.items()) if not ok]
    drift: list[str] = []
    if committed is not None and committed.is_dir():
        from .regression import diff_dirs

        drift = diff_dirs(committed, certdir)
    return AuditResult(
        certdir,
        committed,
        rows,
        verdicts,
        committed_verdicts,
        assessments,
        baseline,
        regressions,
        failed,
        drift,
        {"regenerate": t1 - t0, "check": t2 - t1, "total": time.perf_counter() - t0},
        f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
    )
