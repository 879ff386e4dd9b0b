"""The audit pipeline: regenerate stale certificates, re-check every file, assess every paper statement.

Staleness. Each producer (``PRODUCERS`` of the producers' registry) gets a fingerprint: the SHA-256 of
the source files it can depend on — its own package directory (without sub-packages that hold other
producers), and the shared modules every certificate passes through (:data:`SHARED`: ``symbolic/``,
the standalone ``checker/`` and the certificate writer ``certio``) — and the file list it wrote.
``DIR/audit-cache.json`` records the fingerprints of the last audit into ``DIR``; a producer is re-run
when its fingerprint changed or one of its files is missing (``fresh=True`` re-runs all). The audit
itself (this package) is not a producer's source: editing a paper statement regenerates nothing.

Papers. Every paper of :mod:`audit.papers` is assessed (``papers=None``; the default paper first, then the
others by key), or the ones named; statement keys are unique across the assessed papers.

Verdicts. Every certificate — the regenerated ones and the committed ``certificates/`` — is checked by
the standalone checker (:mod:`audit.records`); the statuses come from :mod:`audit.assess`. A statement
that was ``proved`` in the committed certificates and is not now is a regression.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from audit import assess as assessment
from audit import papers as registry
from audit.evidence import Paper
from audit.records import CertRecord, check_dir, load_records
from audit.status import Assessment
from proofs.outputs import atomic_write

ROOT = Path(__file__).resolve().parents[1]
CACHE = "audit-cache.json"
#: modules every producer's certificates depend on
SHARED = ("symbolic", "checker", "proofs.certio")


def producers() -> list[str]:
    from proofs.producers import PRODUCERS

    return list(PRODUCERS)


def _find(modname: str):
    try:
        return importlib.util.find_spec(modname)
    except ModuleNotFoundError:  # a parent package is missing
        return None


def _module_dir(modname: str) -> Path:
    """The directory holding ``modname`` (for a producer module: its package directory)."""
    spec = _find(modname)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(modname)
    return Path(spec.origin).parent


def source_files(modname: str, all_producers: list[str]) -> list[Path]:
    own = _module_dir(modname)
    others = {_module_dir(m) for m in all_producers if m != modname and _find(m) is not None}
    skip = {d for d in others if d != own and own in d.parents}
    files = [f for f in _tree(own) if not any(s == f.parent or s in f.parents for s in skip)]
    for name in SHARED:
        spec = _find(name)
        if spec is None or spec.origin is None:
            raise ModuleNotFoundError(f"shared source {name} not found")
        if spec.submodule_search_locations is not None:  # a package: all of it, data files included
            files.extend(_tree(Path(spec.origin).parent))
        else:
            files.append(Path(spec.origin))
    return sorted(set(files))


def _tree(d: Path) -> list[Path]:
    """Every source and data file under ``d`` (byte-code caches excluded)."""
    return [f for f in d.rglob("*") if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc"]


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


def recorded_notes(rows: list[dict]) -> list[str]:
    """One line per absent backend: how many verdicts were kept as recorded, how many could not be."""
    out = []
    for key, verb in (("recorded", "kept the recorded verdict (not re-run)"),
                      ("not_rerun", "no verdict (not re-run, nothing recorded to keep)")):
        per: dict[str, list[str]] = {}
        for r in rows:
            for backend in r.get(key, {}):
                per.setdefault(backend, []).append(r["claim"])
        for backend, names in sorted(per.items()):
            out.append(f"{backend} is not installed: {verb} for {len(names)} claim(s): {', '.join(names)}")
    return out


def regenerate(certdir: Path, fresh: bool, progress: Progress, recorded: tuple[Path, ...] = (),
               modules: list[str] | None = None) -> list[dict]:
    """Run stale producers into ``certdir``; returns one row per producer (claims, seconds, reused).

    A backend absent here keeps its recorded verdict from ``certdir`` or ``recorded`` (never degraded)."""
    from proofs.blas import warning

    if (w := warning()) is not None:  # numpy loaded before proofs pinned its BLAS kernel (a notebook)
        progress(f"warning: {w}")
    certdir.mkdir(parents=True, exist_ok=True)
    cache_path = certdir.parent / CACHE
    cache = json.loads(cache_path.read_text()) if cache_path.is_file() and not fresh else {}
    mods = producers() if modules is None else modules
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
            results = importlib.import_module(mod).produce(certdir, recorded)
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
        for note in recorded_notes(results):
            progress(note)
        if status == "ok":
            cache[mod] = {"fingerprint": fp, "files": files, "claims": claims}
        else:
            cache.pop(mod, None)
        rows.append(
            {"producer": mod, "status": status, "claims": claims, "seconds": round(dt, 3), "reused": False}
        )
    atomic_write(cache_path, json.dumps(cache, indent=1, sort_keys=True) + "\n")
    return rows


@dataclass
class AuditResult:
    certdir: Path
    committed: Path | None
    producers: list[dict]
    verdicts: dict[str, tuple[bool, str]]
    committed_verdicts: dict[str, tuple[bool, str]]
    assessments: dict[str, Assessment]
    baseline: dict[str, Assessment]
    regressions: list[str]
    failed_checks: list[str]
    drift: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    machine: str = ""
    supplied: list[dict] = field(default_factory=list)  # audit.supplied.compare rows (statements/*.toml)
    papers: list[Paper] = field(default_factory=list)  # the assessed papers, in order
    paper_of: dict[str, str] = field(default_factory=dict)  # statement key -> paper key

    @property
    def ok(self) -> bool:
        return (
            not self.regressions
            and not self.failed_checks
            and not any(p["status"] == "error" for p in self.producers)
            and not any(x["verdict"] == "disagrees" for x in self.supplied)
        )


def paper_keys() -> list[str]:
    """Every paper of :mod:`audit.papers`: :data:`~audit.papers.DEFAULT` first, then the others by key."""
    names = registry.names()
    return [k for k in (registry.DEFAULT,) if k in names] + sorted(k for k in names if k != registry.DEFAULT)


def select_papers(keys: list[str] | None = None) -> tuple[list[Paper], dict[str, str]]:
    """The papers ``keys`` (``None``: :func:`paper_keys`) and the paper of each statement key.

    ``KeyError`` for a key that is no paper module; ``ValueError`` when two papers share a statement key."""
    chosen = paper_keys() if keys is None else list(dict.fromkeys(keys))  # a key named twice counts once
    loaded = [registry.load(k) for k in chosen]
    paper_of: dict[str, str] = {}
    for p in loaded:
        for k in p.keys():
            if k in paper_of:
                raise ValueError(f"statement key {k!r} is in two papers: {paper_of[k]} and {p.key} "
                                 "(statement keys must be unique across the audited papers)")
            paper_of[k] = p.key
    return loaded, paper_of


def assess_papers(recs: dict[str, CertRecord], papers: list[Paper]) -> dict[str, Assessment]:
    """The union of each paper's assessment (:func:`audit.assess.assess`), paper by paper."""
    out: dict[str, Assessment] = {}
    for p in papers:
        out.update(assessment.assess(recs, p))
    return out


def run(
    out: Path,
    committed: Path | None = ROOT / "certificates",
    fresh: bool = False,
    progress: Progress = _quiet,
    supplied: list[dict] | None = None,
    regenerate_certificates: bool = True,
    papers: list[str] | None = None,
) -> AuditResult:
    """Regenerate (unless ``regenerate_certificates`` is false: then ``out/certificates`` is assessed as it
    is, e.g. a copy of the published record), check, assess the statements of ``papers`` (paper keys;
    ``None``: every paper, :func:`paper_keys`) and compare with ``committed``."""
    chosen, paper_of = select_papers(papers)  # bad keys fail before anything is regenerated
    t0 = time.perf_counter()
    certdir = out / "certificates"
    rows = regenerate(certdir, fresh, progress,
                      (committed,) if committed is not None and committed.is_dir() else (),
                      None if regenerate_certificates else [])
    t1 = time.perf_counter()
    known: dict = {}
    verdicts = check_dir(certdir, progress, known)
    committed_verdicts: dict[str, tuple[bool, str]] = {}
    if committed is not None and committed.is_dir():
        committed_verdicts = check_dir(committed, progress, known)
    t2 = time.perf_counter()
    assessments = assess_papers(load_records(certdir, verdicts), chosen)
    baseline = assess_papers(load_records(committed, committed_verdicts), chosen) if committed_verdicts else {}
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
        list(supplied or []),
        chosen,
        paper_of,
    )
