"""Forging helpers: copy the committed certificates, mutate one, re-hash it so that the hash is not what
catches the forgery (anyone can recompute a SHA-256)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

CERTS = Path(__file__).resolve().parents[2] / "certificates"


def rehash(cert: dict) -> dict:
    body = {k: cert[k] for k in ("format", "kind", "name", "content")}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    cert["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    return cert


@pytest.fixture(scope="module")
def certdir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("certs") / "certificates"
    shutil.copytree(CERTS, d)
    return d


def load(name: str) -> dict:
    return json.loads((CERTS / f"{name}.json").read_text())


def write(directory: Path, cert: dict, filename: str | None = None) -> Path:
    path = directory / f"{filename or cert['name']}.json"
    path.write_text(json.dumps(rehash(cert), sort_keys=True, indent=1) + "\n")
    return path
