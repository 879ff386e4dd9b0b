"""Safe output: atomic files, all-or-nothing output directories, one writer per directory.

* :func:`atomic_write` writes a file as a temporary file in the same directory, flushed and fsynced,
  then renamed over the target (``os.replace`` is atomic on POSIX): a reader — or a run killed at any
  instant — sees the old file or the new one, never a truncated one. On any error (``ENOSPC``, …) the
  temporary file is removed and the target is left as it was.
* :func:`staged` gives a generation of an output directory: a staging directory beside it, filled
  first with hard links to (or copies of) the current files, so producers find the earlier
  certificates there (the recorded verdicts of absent backends, ``proofs.semialgebraic``) and replace
  what they regenerate (atomically, which breaks the link and never touches the original). Only when
  the whole body succeeds is the staging directory swapped in by two renames; a failure or a kill
  leaves the previous directory untouched (a kill between the two renames, a window of microseconds,
  is repaired by :func:`recover` at the next run: the previous generation is put back).
* :func:`locked` takes an exclusive ``flock`` on ``.<name>.lock`` beside a directory: a second run
  into the same directory is refused at once (:class:`Busy`), never interleaved. The kernel drops the
  lock when its process dies, so a killed run leaves no stale lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no locking (documented)
    fcntl = None  # type: ignore[assignment]

STAGING = ".{name}.staging-"
PREVIOUS = ".{name}.previous"


class Busy(RuntimeError):
    """Another run holds the directory's lock."""


class OutputError(RuntimeError):
    """An output could not be written (disk full, permission, …): nothing was half-written."""


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file in the same directory, fsync, rename)."""
    path = Path(path)
    raw = data.encode() if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _names(outdir: Path) -> tuple[str, Path]:
    outdir = Path(outdir).absolute()
    return outdir.name, outdir.parent


def recover(outdir: Path) -> None:
    """Repair an interrupted swap and remove the leftovers of killed runs (call with the lock held)."""
    name, parent = _names(outdir)
    prev = parent / PREVIOUS.format(name=name)
    if prev.is_dir():
        if not Path(outdir).exists():  # killed between the two renames: put the previous generation back
            os.rename(prev, outdir)
        else:
            shutil.rmtree(prev, ignore_errors=True)
    for d in parent.glob(STAGING.format(name=name) + "*"):
        shutil.rmtree(d, ignore_errors=True)


def _clone(src: Path, dst: Path) -> None:
    """``dst`` := a tree of hard links to the files of ``src`` (copies where links are impossible)."""
    for root, _dirs, files in os.walk(src):
        rel = Path(root).relative_to(src)
        (dst / rel).mkdir(parents=True, exist_ok=True)
        for f in files:
            a, b = Path(root) / f, dst / rel / f
            try:
                os.link(a, b)
            except OSError:
                shutil.copy2(a, b)


@contextlib.contextmanager
def staged(outdir: Path) -> Iterator[Path]:
    """Yield a staging directory holding the current files of ``outdir``; swap it in on success.

    If the body raises (or the process dies), ``outdir`` is exactly as before.
    """
    outdir = Path(outdir)
    name, parent = _names(outdir)
    parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=STAGING.format(name=name), dir=parent))
    try:
        if outdir.is_dir():
            _clone(outdir, stage)
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    prev = parent / PREVIOUS.format(name=name)
    if outdir.exists():
        os.rename(outdir, prev)
    os.rename(stage, outdir)
    shutil.rmtree(prev, ignore_errors=True)


@contextlib.contextmanager
def locked(outdir: Path) -> Iterator[None]:
    """Hold the exclusive lock of ``outdir`` (``.<name>.lock`` beside it) or raise :class:`Busy`."""
    name, parent = _names(outdir)
    parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield
        return
    path = parent / f".{name}.lock"
    fh = open(path, "a+")  # noqa: SIM115 - held for the duration of the context
    try:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                fh.seek(0)
                who = fh.read().strip() or "another process"
                raise Busy(f"{outdir} is being written by another sgd-proofs run ({who}); "
                           "wait for it to finish (one writer per directory)") from None
            raise
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}\n")
        fh.flush()
        yield
    finally:
        fh.close()


def describe(exc: OSError) -> str:
    """A one-line reason for an output error (``ENOSPC`` → 'no space left on device')."""
    return f"{exc.strerror or exc}" + (f": {exc.filename}" if getattr(exc, "filename", None) else "")
