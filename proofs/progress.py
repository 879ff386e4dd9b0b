"""Progress on stderr, one helper for every command and producer: a bar on a terminal, plain lines otherwise.

* On a terminal (``stream.isatty()``) a :mod:`tqdm` bar is drawn (tqdm redraws it in place).
* Anywhere else (a log file, a pipe, CI) plain newline-terminated lines are written, rate-limited to the
  start, every 10 % and the end of each stage — never a carriage return, so a log stays readable.
* ``quiet=True`` writes nothing at all.

Three call shapes, matching the callbacks already used in the project:

* :func:`counter` → ``cb(done, total)`` (one stage, e.g. the points of a fit);
* :func:`staged` → ``cb(stage, done, total)`` (``proofs.numerics.engine.Progress``);
* :func:`messages` → ``cb(message)`` (free-form status lines, e.g. ``audit.runner.Progress``).

Progress never changes a result: it only writes to ``stream`` (default ``sys.stderr``).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Bar", "counter", "messages", "note", "staged"]

#: plain (non-terminal) lines per stage: one each time another 1/DIVISIONS of it is done
DIVISIONS = 10


def _is_tty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or fake streams
        return False


class Bar:
    """One stage of ``total`` steps labelled ``label``; :meth:`update` takes the absolute count ``done``."""

    def __init__(self, label: str, total: int | None = None, quiet: bool = False, stream: TextIO | None = None,
                 tty: bool | None = None, power: float = 1.0) -> None:
        self.label, self.total, self.quiet = label, total, quiet
        self.power = power  # the stage's work grows like done**power (2 for the O(T^2) renewal sum): for the ETA
        self.stream = sys.stderr if stream is None else stream
        self.tty = _is_tty(self.stream) if tty is None else tty
        self.start = time.perf_counter()
        self._bar = None
        self._step = -1  # last completed 1/DIVISIONS step a plain line was written for
        self._done = -1  # last count that produced a plain-line decision
        self.last = -1  # last count seen (both modes)
        self.closed = False

    # -- plain lines
    def _line(self, done: int, total: int | None) -> None:
        dt = time.perf_counter() - self.start
        if total:
            left = ""
            if 0 < done < total:  # estimated remaining time, extrapolating the work done so far
                rest = dt * ((total / done) ** self.power - 1)
                left = f", ~{rest:.0f} s left" if rest < 5400 else f", ~{rest / 3600:.1f} h left"
            text = f"[{self.label}] {done}/{total} ({100 * done / total:.0f}%, {dt:.1f} s{left})"
        else:
            text = f"[{self.label}] {done} ({dt:.1f} s)"
        print(text, file=self.stream, flush=True)

    def update(self, done: int, total: int | None = None) -> None:
        if self.quiet or self.closed:
            return
        if total is not None:
            self.total = total
        total = self.total
        self.last = max(self.last, done)
        if self.tty:
            if self._bar is None:
                try:
                    from tqdm import tqdm
                except ImportError:  # tqdm missing: plain lines, as off a terminal
                    self.tty = False
                    return self.update(done, total)
                import shutil

                # the terminal's size, 80x24 if it reports none (a 0x0 pty): tqdm would then hide the bar
                size = shutil.get_terminal_size()
                self._bar = tqdm(total=total, desc=self.label, file=self.stream, leave=True, mininterval=0.1,
                                 ncols=size.columns or 80, nrows=size.lines or 24)
            elif total is not None and self._bar.total != total:
                self._bar.total = total
            if done > self._bar.n:
                self._bar.update(done - self._bar.n)
            if total is not None and done >= total:
                self.close()
            return
        if done <= self._done:
            return
        self._done = done
        step = int(done * DIVISIONS // total) if total else 0  # completed tenths (integer: no rounding)
        end = total is not None and done >= total
        if self._step < 0 or end or step > self._step:  # the first update, the end, another tenth
            self._line(done, total)
            self._step = step
        if end:
            self.closed = True

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        self.closed = True


def counter(label: str, quiet: bool = False, stream: TextIO | None = None) -> Callable[[int, int], None]:
    """``cb(done, total)`` for one stage; a new stage starts when ``done`` goes back (or after the end)."""
    state: dict[str, Bar] = {}

    def cb(done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None or bar.closed or done < bar.last:
            if bar is not None:
                bar.close()
            bar = state["bar"] = Bar(label, total, quiet, stream)
        bar.update(done, total)

    return cb


def staged(quiet: bool = False, stream: TextIO | None = None,
           powers: dict[str, float] | None = None) -> Callable[[str, int, int], None]:
    """``cb(stage, done, total)``: one bar (terminal) or one rate-limited series of lines per stage.

    ``powers[stage]``: the stage's work grows like ``done**power`` (default 1), used for the remaining time."""
    bars: dict[str, Bar] = {}
    current: list[str] = []

    def cb(stage: str, done: int, total: int) -> None:
        if quiet:
            return
        if current and current[0] != stage and current[0] in bars:
            bars[current[0]].close()  # a terminal draws one bar at a time
        current[:] = [stage]
        bar = bars.get(stage)
        if bar is None or bar.closed or done < bar.last:
            bar = bars[stage] = Bar(stage, total, quiet, stream, power=(powers or {}).get(stage, 1.0))
        bar.update(done, total)

    return cb


def note(message: str, quiet: bool = False, stream: TextIO | None = None) -> None:
    """One plain status line (never a carriage return); nothing when ``quiet``."""
    if quiet:
        return
    stream = sys.stderr if stream is None else stream
    if _is_tty(stream):
        try:
            from tqdm import tqdm
        except ImportError:
            tqdm = None
        if tqdm is not None:
            tqdm.write(message, file=stream)  # does not tear a bar that is being drawn
            stream.flush()
            return
    print(message, file=stream, flush=True)


def messages(prefix: str = "", quiet: bool = False, stream: TextIO | None = None) -> Callable[[str], None]:
    """``cb(message)`` writing ``prefix message`` lines (see :func:`note`)."""

    def cb(message: str) -> None:
        note(f"{prefix} {message}" if prefix else message, quiet, stream)

    return cb
