"""Load a certificate, verify its hash and side files, bind it to its statement, dispatch on its kind.

Standard library only. A certificate file is ``{"format", "kind", "name", "content", "sha256"}`` with
``sha256`` the SHA-256 of the canonical JSON of the other four fields (a checksum against accidents: anyone
can recompute it, so it proves nothing about who made the file). What makes a verdict trustworthy is that
the statement comes from the checker's own specification (``checker.papers``) or the user's claim file,
never from the certificate (``checker.spec``).

Kinds: ``semialgebraic`` (kernel: ``checker.semialgebraic``; the solver input files by the outer ring
``checker.solver_inputs``), ``derivation`` (kernel: ``checker.derive``), and the outer rings that only
recompute records: ``numerics`` (``checker.numerics``), ``exact`` (``checker.exactcheck``),
``invariance`` (``checker.invariance``), ``momentum`` (``checker.momentum``), ``asymptotics``
(``checker.asymptotics``), ``sums`` (``checker.sums``) and ``subleading`` (``checker.subleading``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import (
    asymptotics,
    derivation,
    exactcheck,
    invariance,
    moments,
    momentum,
    numerics,
    semialgebraic,
    solver_inputs,
    subleading,
    sums,
)
from .errors import CertificateError
from .spec import Spec, specifications

FORMAT = "sgd-proofs-certificate/1"


_paper_specs = lru_cache(maxsize=1)(specifications)  # the paper specifications, read once per process


class NotACertificate(CertificateError):
    """The file is not a certificate at all (unreadable, not JSON, or not of the certificate format)."""
_MALFORMED = (KeyError, TypeError, ValueError, IndexError, ZeroDivisionError, AttributeError, RecursionError)


def canonical(obj: object) -> str:
    """Compact, key-sorted, ASCII JSON: the byte string that is hashed (the checker's own copy)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def _sidecars(obj: object, base: Path) -> None:
    """Every ``{"path", "sha256"}`` record names a file inside ``base`` with that hash."""
    if isinstance(obj, dict) and "path" in obj and "sha256" in obj:
        rel = Path(str(obj["path"]))
        if rel.is_absolute() or ".." in rel.parts:
            raise CertificateError(f"side file path escapes the certificate directory: {rel}")
        if not (base / rel).is_file():
            raise CertificateError(f"side file missing: {rel}")
        if hashlib.sha256((base / rel).read_bytes()).hexdigest() != obj["sha256"]:
            raise CertificateError(f"side file {rel} does not match its recorded sha256")
    elif isinstance(obj, dict | list):
        for v in obj.values() if isinstance(obj, dict) else obj:
            _sidecars(v, base)


@dataclass(frozen=True)
class Verdict:
    """What the checker concluded about one file: the claim, its status, and a one-line explanation."""

    name: str
    kind: str
    status: str
    detail: str


class Context:
    """The specifications in force and the verdicts of dependencies (each checked once, cycles refused)."""

    def __init__(self, claims: dict[str, Spec] | None = None) -> None:
        self.specs, self.done = specifications(claims, _paper_specs()), {}

    def dependency(self, name: str, base: Path) -> str:
        path = (base / f"{name}.json").resolve()
        if self.done.get(path, "") is None:
            raise CertificateError(f"circular dependency through {name}")
        if path not in self.done:
            self.done[path] = None
            try:
                v = verify(path, self)
                if v.name != name:
                    raise CertificateError(f"{path.name} holds the certificate of {v.name!r}, not of {name!r}")
                self.done[path] = v.status
            except CertificateError as exc:
                raise CertificateError(f"dependency {name}: {exc}") from exc
        return self.done[path]


def verify(path: Path, ctx: Context | None = None) -> Verdict:
    """Validate one certificate file; return its :class:`Verdict` or raise ``CertificateError``."""
    ctx = ctx or Context()
    try:
        cert = json.loads(Path(path).read_text(encoding="utf-8"), parse_constant=lambda c: float(f"bad {c}"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NotACertificate(f"not a certificate: cannot read it as JSON: {type(exc).__name__}: {exc}") from exc
    if not isinstance(cert, dict) or cert.get("format") != FORMAT:
        raise NotACertificate(f"not a certificate of format {FORMAT}")
    if {"kind", "name", "content", "sha256"} - set(cert):
        raise CertificateError(f"missing fields: {sorted({'kind', 'name', 'content', 'sha256'} - set(cert))}")
    kind, name, content, base = cert["kind"], cert["name"], cert["content"], Path(path).parent
    if not isinstance(kind, str) or not isinstance(name, str) or not isinstance(content, dict):
        raise CertificateError("kind and name must be strings and content an object")
    try:
        body = {k: cert[k] for k in ("format", "kind", "name", "content")}
        if hashlib.sha256(canonical(body).encode()).hexdigest() != cert["sha256"]:
            raise CertificateError("sha256 does not match the content (file was modified)")
        _sidecars(content, base)
        if kind == "semialgebraic":
            if content.get("claim", {}).get("name") != name:
                raise CertificateError(f"certificate {name!r} holds the claim {content.get('claim', {}).get('name')!r}")
            if content.get("form") != "universal" and content.get("proofs"):  # format: only used by universal claims
                raise CertificateError(f"a {content.get('form')} claim has no exact proof objects")
            status, detail = semialgebraic.check(content, base, ctx)
            solver_inputs.check(content, base)
        elif kind == "derivation":
            status, detail = "derived", derivation.check(content, base)
        elif kind in ("numerics", "exact"):
            detail = (numerics if kind == "numerics" else exactcheck).check(content, base)
            status = "recomputed"
        elif kind == "invariance":  # outer ring: exact fixed spaces of O(d), recomputed (checker.invariance)
            status, detail = "recomputed", invariance.check(content, base, name)
        elif kind == "momentum":  # outer ring: Prop. 12 / eq. 30 re-derived exactly, records recomputed
            status, detail = "recomputed", momentum.check(content, base, name)
        elif kind == "asymptotics":  # outer ring: Prop. 11 closed form and ratios recomputed, U(r) = 1 re-solved
            status, detail = "recomputed", asymptotics.check(content, base, name)
        elif kind == "sums":  # outer ring: Lemma 2 power-law sums, recomputed in exact rationals (checker.sums)
            status, detail = "recomputed", sums.check(content, base, name)
        elif kind == "moments":  # outer ring: related papers' second-moment claims, recomputed on instances
            status, detail = "recomputed", moments.check(content, base, name)
        elif kind == "subleading":  # outer ring: noise-phase subleading term and t*, fits re-solved
            status, detail = "recomputed", subleading.check(content, base, name)
        else:
            raise CertificateError(f"unknown certificate kind {kind!r}")
        return Verdict(name, kind, status, detail)
    except CertificateError:
        raise
    except _MALFORMED as exc:
        raise CertificateError(f"malformed {kind} content: {type(exc).__name__}: {exc}") from exc


def check_file(path: Path, claims: dict[str, Spec] | None = None) -> str:
    """Validate one certificate; return its one-line summary or raise ``CertificateError``."""
    return verify(Path(path), Context(claims)).detail
