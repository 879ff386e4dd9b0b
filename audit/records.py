"""Certificates as the audit sees them: each file's content and the independent checker's verdict on it.

Every verdict comes from the standalone checker's public entry point ``checker.check_file`` (standard
library only, independent of every producer): a file is *accepted* iff it returns, *rejected* iff it
raises ``checker.CertificateError`` — or crashes, which is a rejection with the reason. Nothing else in
the audit decides whether a certificate is valid.

Records are looked up by the certificate's ``name``. A name claimed by more than one file is ambiguous:
all those records are marked rejected, so a rejected file can never be shadowed by an accepted one of
the same name (nor the reverse).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Progress = Callable[[str], None]


@dataclass(frozen=True)
class CertRecord:
    """One certificate file: content and the independent checker's verdict."""

    name: str
    file: str
    kind: str
    content: dict
    valid: bool  # the checker accepted the file
    check_detail: str  # the checker's summary (accepted) or its reason (rejected)
    directory: str = ""  # where the file is (its Coq proofs, issue 12, are in directory/coq/)


def check_one(path: Path) -> tuple[bool, str]:
    """The independent checker's verdict on one file: ``(accepted, summary or reason)``."""
    from checker import CertificateError, check_file

    try:
        return True, str(check_file(Path(path)))
    except CertificateError as exc:
        return False, str(exc)
    except Exception as exc:  # a crashing checker is a failed check, with the reason
        return False, f"checker crashed: {type(exc).__name__}: {exc}"


def certificate_files(certdir: Path) -> list[Path]:
    """The certificates of a directory: its top-level ``*.json`` except ``provenance.json``."""
    return sorted(f for f in Path(certdir).glob("*.json") if f.name != "provenance.json")


def check_dir(
    certdir: Path, progress: Progress | None = None, known: dict[str, tuple[str, tuple[bool, str]]] | None = None
) -> dict[str, tuple[bool, str]]:
    """Check every certificate of ``certdir``: ``{file name: (accepted, detail)}``.

    ``known`` maps the sha256 of a file to ``(path, verdict)`` of an identical file already checked in
    this run; its verdict is reused only if every side file it names is identical too.
    """
    out: dict[str, tuple[bool, str]] = {}
    files = certificate_files(certdir)
    for i, f in enumerate(files, 1):
        digest = hashlib.sha256(f.read_bytes()).hexdigest()
        if known is not None and digest in known and _sidecars_same(f, known[digest][0]):
            out[f.name] = known[digest][1]
            continue
        if progress:
            progress(f"check [{i}/{len(files)}] {Path(certdir).name}/{f.name}")
        out[f.name] = check_one(f)
        if known is not None:
            known[digest] = (str(f), out[f.name])
    return out


def sidecar_paths(obj: object) -> list[str]:
    """Paths of the side files a certificate's content names (``{"path", "sha256"}`` records)."""
    out: list[str] = []
    if isinstance(obj, dict):
        if set(obj) == {"path", "sha256"}:
            return [str(obj["path"])]
        for v in obj.values():
            out.extend(sidecar_paths(v))
    elif isinstance(obj, list):
        for v in obj:
            out.extend(sidecar_paths(v))
    return out


def _sidecars_same(f: Path, other: str) -> bool:
    other_dir = Path(other).parent
    try:
        content = json.loads(f.read_text()).get("content", {})
    except (ValueError, AttributeError):
        return False
    for p in sidecar_paths(content):
        a, b = f.parent / p, other_dir / p
        if not (a.is_file() and b.is_file() and a.read_bytes() == b.read_bytes()):
            return False
    return True


def load_records(certdir: Path, verdicts: dict[str, tuple[bool, str]]) -> dict[str, CertRecord]:
    """Certificates of ``certdir`` keyed by name; ``verdicts[file name] = (accepted, checker detail)``.

    A file without a verdict counts as rejected ("not checked"); a name claimed by several files marks
    every one of them rejected.
    """
    by_name: dict[str, list[CertRecord]] = {}
    for f in certificate_files(certdir):
        try:
            cert = json.loads(f.read_text())
        except (OSError, ValueError):
            cert = {}
        if not isinstance(cert, dict):
            cert = {}
        content = cert.get("content", {})
        valid, detail = verdicts.get(f.name, (False, "not checked"))
        rec = CertRecord(
            str(cert.get("name", f.stem)),
            f.name,
            str(cert.get("kind", "?")),
            content if isinstance(content, dict) else {},
            bool(valid),
            detail,
            str(f.parent),
        )
        by_name.setdefault(rec.name, []).append(rec)
    out: dict[str, CertRecord] = {}
    for name, recs in by_name.items():
        if len(recs) == 1:
            out[name] = recs[0]
            continue
        files = ", ".join(r.file for r in recs)
        out[name] = CertRecord(name, recs[0].file, recs[0].kind, recs[0].content, False,
                               f"ambiguous: the certificate name {name!r} is claimed by {files}")
    return out


def semialgebraic_verdicts(content: dict) -> dict[str, str]:
    """``{backend: status}`` from ``content["verdicts"]`` (``{backend: {"status", "detail"}}``)."""
    v = content.get("verdicts")
    if not isinstance(v, dict):
        return {}
    out = {}
    for k, x in v.items():
        if isinstance(x, dict) and isinstance(x.get("status"), str):
            out[str(k)] = x["status"]
        elif isinstance(x, str):
            out[str(k)] = x
    return out
