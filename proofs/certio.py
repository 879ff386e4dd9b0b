"""Canonical certificate files: deterministic JSON, SHA-256 over the hashed part.

A certificate file is ``{"format", "kind", "name", "content", "sha256"}``; ``sha256`` is the hash of
``canonical({"format", "kind", "name", "content"})``. Nothing time- or machine-dependent goes into
a certificate file: timings and tool versions are written to ``provenance.json`` beside them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from proofs.outputs import atomic_write

FORMAT = "sgd-proofs-certificate/1"


def canonical(obj: object) -> str:
    """Compact, key-sorted, ASCII JSON: the byte string that is hashed."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def certificate_hash(cert: dict) -> str:
    body = {k: cert[k] for k in ("format", "kind", "name", "content")}
    return hashlib.sha256(canonical(body).encode()).hexdigest()


def build(kind: str, name: str, content: dict) -> dict:
    cert = {"format": FORMAT, "kind": kind, "name": name, "content": content}
    cert["sha256"] = certificate_hash(cert)
    return cert


def dumps(cert: dict) -> str:
    """Pretty, key-sorted file text (deterministic)."""
    return json.dumps(cert, sort_keys=True, indent=1, ensure_ascii=True, allow_nan=False) + "\n"


def write(outdir: Path, kind: str, name: str, content: dict) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / f"{name}.json"
    atomic_write(path, dumps(build(kind, name, content)))  # never half-written
    return path


def sidecar_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def sidecar(outdir: Path, relpath: str, text: str) -> dict:
    """Write a side file (e.g. an SMT-LIB2 input) and return its record ``{path, sha256}``."""
    path = outdir / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text)
    return {"path": relpath, "sha256": sidecar_hash(text)}
