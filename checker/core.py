"""Load a certificate, verify its hash and side files, dispatch on its kind. Standard library only."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

FORMAT = "sgd-proofs-certificate/1"


class CertificateError(Exception):
    """A certificate is malformed, tampered with, or its mathematics does not check."""


def _canonical(obj: object) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def _check_sidecars(obj: object, base: Path) -> None:
    """Every ``{"path", "sha256"}`` record must name an existing file with that hash."""
    if isinstance(obj, dict):
        if "path" in obj and "sha256" in obj:
            rel = Path(str(obj["path"]))
            if rel.is_absolute() or ".." in rel.parts:
                raise CertificateError(f"side file path escapes the certificate directory: {rel}")
            path = base / rel
            if not path.is_file():
                raise CertificateError(f"side file missing: {rel}")
            if hashlib.sha256(path.read_bytes()).hexdigest() != obj["sha256"]:
                raise CertificateError(f"side file {rel} does not match its recorded sha256")
            return
        for v in obj.values():
            _check_sidecars(v, base)
    elif isinstance(obj, list):
        for v in obj:
            _check_sidecars(v, base)


def _kinds() -> dict:
    from . import derivation, exactcheck, numerics, semialgebraic

    return {
        "derivation": derivation.check,
        "semialgebraic": semialgebraic.check,
        "numerics": numerics.check,
        "exact": exactcheck.check,
    }


def _reject_constant(name: str) -> None:
    raise ValueError(f"non-finite number {name} is not allowed")


def check_file(path: Path) -> str:
    """Validate one certificate; return a one-line summary or raise ``CertificateError``."""
    try:
        cert = json.loads(Path(path).read_text(), parse_constant=_reject_constant)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise CertificateError(f"cannot read certificate: {type(exc).__name__}: {exc}") from exc
    if not isinstance(cert, dict) or cert.get("format") != FORMAT:
        raise CertificateError(f"not a certificate of format {FORMAT}")
    missing = {"kind", "name", "content", "sha256"} - set(cert)
    if missing:
        raise CertificateError(f"missing fields: {sorted(missing)}")
    kind = cert["kind"]
    if not isinstance(kind, str) or not isinstance(cert["name"], str) or not isinstance(cert["content"], dict):
        raise CertificateError("kind and name must be strings and content an object")
    try:
        body = {k: cert[k] for k in ("format", "kind", "name", "content")}
        if hashlib.sha256(_canonical(body).encode()).hexdigest() != cert["sha256"]:
            raise CertificateError("sha256 does not match the content (file was modified)")
        _check_sidecars(cert["content"], Path(path).parent)
        kinds = _kinds()
        if kind not in kinds:
            raise CertificateError(f"unknown certificate kind {kind!r}")
        return kinds[kind](cert["content"], Path(path).parent)
    except CertificateError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, ZeroDivisionError, AttributeError, RecursionError) as exc:
        raise CertificateError(f"malformed {kind} content: {type(exc).__name__}: {exc}") from exc
