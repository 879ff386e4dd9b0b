"""Regression mode: rebuild every certificate in a temporary directory and diff against the committed ones.

The hashed part of a certificate (``format``, ``kind``, ``name``, ``content``) must be byte-identical
after canonical serialisation; side files must be identical too. ``provenance.json`` (timings,
versions) is ignored. Every difference names the claim and the JSON path of the first fields that
differ, e.g. ``lemma1.1: content.backends.z3.verdict: 'proved' -> 'unknown'``.
"""

from __future__ import annotations

import importlib
import json
import tempfile
from pathlib import Path

from audit.records import sidecar_paths

MAX_FIELDS = 5


def _canon(obj: object) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def field_diffs(old: object, new: object, path: str = "") -> list[str]:
    """JSON paths where ``old`` and ``new`` differ (first ``MAX_FIELDS`` only)."""
    if _canon(old) == _canon(new):
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for k in sorted(set(old) | set(new), key=str):
            p = f"{path}.{k}" if path else str(k)
            if k not in old:
                out.append(f"{p}: added")
            elif k not in new:
                out.append(f"{p}: removed")
            else:
                out.extend(field_diffs(old[k], new[k], p))
            if len(out) >= MAX_FIELDS:
                break
        return out[:MAX_FIELDS]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        out = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            out.extend(field_diffs(a, b, f"{path}[{i}]"))
            if len(out) >= MAX_FIELDS:
                break
        return out[:MAX_FIELDS]

    def short(x: object) -> str:
        s = _canon(x)
        return s if len(s) <= 60 else s[:57] + "..."

    return [f"{path}: {short(old)} -> {short(new)}"]


def _load(path: Path) -> dict | None:
    try:
        d = json.loads(path.read_text())
        return d if isinstance(d, dict) else None
    except (OSError, ValueError):
        return None


def diff_dirs(committed: Path, fresh: Path) -> list[str]:
    """Differences between two certificate directories, one message per drifting claim."""
    msgs: list[str] = []
    names_c = {f.name for f in committed.glob("*.json") if f.name != "provenance.json"}
    names_f = {f.name for f in fresh.glob("*.json") if f.name != "provenance.json"}
    for n in sorted(names_c - names_f):
        msgs.append(f"{n[:-5]}: committed certificate is no longer produced")
    for n in sorted(names_f - names_c):
        msgs.append(f"{n[:-5]}: new certificate not committed")
    for n in sorted(names_c & names_f):
        a, b = _load(committed / n), _load(fresh / n)
        if a is None or b is None:
            msgs.append(f"{n[:-5]}: unreadable certificate")
            continue
        body = {k: a.get(k) for k in ("format", "kind", "name", "content")}
        body_new = {k: b.get(k) for k in ("format", "kind", "name", "content")}
        fields = field_diffs(body, body_new)
        if fields:
            msgs.append(f"{b.get('name', n[:-5])}: " + "; ".join(fields))
            continue
        if a.get("sha256") != b.get("sha256"):
            msgs.append(
                f"{b.get('name', n[:-5])}: sha256 field differs (hashed content identical: stale hash)"
            )
        for sc in sorted(set(sidecar_paths(a.get("content")))):
            pa, pb = committed / sc, fresh / sc
            if not pa.is_file():
                msgs.append(f"{b.get('name', n[:-5])}: committed side file {sc} missing")
            elif not pb.is_file() or pa.read_bytes() != pb.read_bytes():
                msgs.append(f"{b.get('name', n[:-5])}: side file {sc} differs")
    return msgs


def regenerate_all(outdir: Path, progress=None, recorded: tuple[Path, ...] = ()) -> list[dict]:
    """Run every producer into ``outdir`` (no caching); absent backends keep verdicts from ``recorded``."""
    from .runner import producers

    rows = []
    for mod in producers():
        if progress:
            progress(f"regenerating {mod} ...")
        try:
            rows.extend(importlib.import_module(mod).produce(outdir, recorded))
        except ModuleNotFoundError as exc:
            rows.append({"claim": mod, "status": "error", "detail": f"module not found: {exc.name}"})
        except Exception as exc:
            rows.append({"claim": mod, "status": "error", "detail": f"{type(exc).__name__}: {exc}"})
    return rows


def regression_diff(committed_dir: Path, progress=None, notes: list[str] | None = None) -> list[str]:
    """Rebuild all certificates in a temporary directory; list every drift from ``committed_dir``.

    Empty list = the committed certificates are current. Producer errors are reported as drift too.
    A backend absent here keeps its verdicts as recorded in ``committed_dir`` (not re-run, so not
    compared); ``notes`` (if given) receives one line per such backend.
    """
    from .runner import recorded_notes

    with tempfile.TemporaryDirectory(prefix="sgd-proofs-regress-") as tmp:
        rows = regenerate_all(Path(tmp), progress, (Path(committed_dir),))
        if notes is not None:
            notes.extend(recorded_notes(rows))
        msgs = [
            f"{r['claim']}: producer error: {r.get('detail', '')}" for r in rows if r.get("status") == "error"
        ]
        return msgs + diff_dirs(Path(committed_dir), Path(tmp))
