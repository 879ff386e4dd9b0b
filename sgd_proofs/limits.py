"""Resource limits of the numeric commands: estimate memory and time *before* allocating, refuse beyond a limit.

Every numeric command (``simulate``, ``theorem2``, ``divergence``) builds an :class:`Estimate` from its
parameters — honest formulas from the algorithms it is about to run (see ``docs/limits.md``, which lists
every formula and its calibration) — and calls :func:`check` before any big allocation. :func:`check`
refuses, with :class:`LimitError` (exit 2, one line naming the parameter, the estimate and the limit, and
how to raise it), when

* the estimated peak memory exceeds the memory limit: ``--max-memory SIZE`` (default
  :data:`DEFAULT_MAX_MEMORY`), and never more than the machine's free memory (``MemAvailable`` of
  ``/proc/meminfo``; where that cannot be read, ``sysconf`` available pages; where neither exists, only
  the limit applies);
* the estimated time exceeds :data:`DEFAULT_MAX_SECONDS` — ``--allow-long`` raises that to
  :data:`LONG_MAX_SECONDS`, which nothing exceeds (split such a computation instead).

Limits are raised only explicitly, never silently. Time estimates are calibrated on the project's 2-core
machine (2026-12-02) and are estimates: the true time may differ by a factor of a few either way. An
allowed computation whose estimate exceeds :data:`ANNOUNCE_SECONDS` announces it on stderr; its progress
(``proofs.progress``) shows the elapsed and the estimated remaining time.
"""

from __future__ import annotations

import argparse
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "ANNOUNCE_SECONDS", "DEFAULT_MAX_MEMORY", "DEFAULT_MAX_SECONDS", "Estimate", "LONG_MAX_SECONDS",
    "LimitError", "MAX_INDEX", "add_limit_options", "check", "fmt_bytes", "fmt_seconds", "gate", "mem_available",
    "parse_size", "precision_estimate", "simulate_estimate", "size", "spectrum_rows",
]

KB, MB, GB = 10**3, 10**6, 10**9
#: memory limit unless ``--max-memory`` is given
DEFAULT_MAX_MEMORY = 4 * GB
#: time limit (estimated seconds) unless ``--allow-long`` is given: 10 minutes
DEFAULT_MAX_SECONDS = 600.0
#: time limit with ``--allow-long``: 7 days; nothing estimated longer is started
LONG_MAX_SECONDS = 7 * 86400.0
#: an allowed computation estimated longer than this says so before it starts
ANNOUNCE_SECONDS = 30.0
#: largest direction index of the compressed power-law engine: node positions k, k+1, ... must be distinct
#: doubles (2**53 is the last integer up to which every integer is exactly representable)
MAX_INDEX = 2**53

#: process baseline (interpreter, numpy, sympy, mpmath loaded): measured ~100 MB resident
BASE_MEMORY = 150 * MB


class LimitError(ValueError):
    """A computation refused before it starts; the message is one line and names parameter, estimate, limit."""


# ------------------------------------------------------------------------------------------ sizes


_SIZE = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([kKmMgGtT]?)(i?)[bB]?\s*")
_UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12}
_IUNITS = {"k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def parse_size(text: str) -> int:
    """Bytes of ``"8G"``, ``"512M"``, ``"1.5GB"``, ``"2GiB"``, ``"1000000"`` (``ValueError`` otherwise)."""
    m = _SIZE.fullmatch(text)
    if not m:
        raise ValueError(f"{text!r} is not a memory size: expected e.g. 8G, 512M, 2GiB or a number of bytes")
    num, unit, i = m.group(1), m.group(2).lower(), m.group(3)
    if i and not unit:
        raise ValueError(f"{text!r} is not a memory size: expected e.g. 8G, 512M, 2GiB or a number of bytes")
    value = float(num) * (_IUNITS[unit] if i else _UNITS[unit])
    if not math.isfinite(value) or value < 1 or value > 2**60:
        raise ValueError(f"{text!r} is not a memory size between 1 byte and 1 EiB")
    return int(value)


def size(text: str) -> int:
    """argparse type for ``--max-memory``."""
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def fmt_bytes(n: float) -> str:
    for unit, scale in (("TB", 10**12), ("GB", GB), ("MB", MB), ("KB", KB)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{int(n)} B"


def fmt_seconds(s: float) -> str:
    if s < 90:
        return f"{s:.2g} s"
    if s < 5400:
        return f"{s / 60:.0f} min"
    if s < 2 * 86400:
        return f"{s / 3600:.1f} h"
    if s < 730 * 86400:
        return f"{s / 86400:.0f} days"
    return f"{s / (365.25 * 86400):.2g} years"


def mem_available() -> int | None:
    """The machine's free memory in bytes: ``MemAvailable`` of ``/proc/meminfo``, else ``sysconf``, else None."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    parts = line.split()
                    return int(parts[1]) * (1024 if len(parts) < 3 or parts[2].lower() == "kb" else 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, ValueError, OSError):
        return None


# ------------------------------------------------------------------------------------------ options


LIMIT_HELP = (f"resource limits: every run first estimates its peak memory and time and refuses (exit 2) beyond "
              f"--max-memory (default {fmt_bytes(DEFAULT_MAX_MEMORY)}, never beyond the machine's free memory) "
              f"or beyond {fmt_seconds(DEFAULT_MAX_SECONDS)} (--allow-long: up to "
              f"{fmt_seconds(LONG_MAX_SECONDS)}); see docs/limits.md")


def add_limit_options(p: argparse.ArgumentParser, extra: str = "") -> None:
    """``--max-memory SIZE`` and ``--allow-long``, in their own help group."""
    g = p.add_argument_group("resource limits", LIMIT_HELP + (f"; {extra}" if extra else ""))
    g.add_argument("--max-memory", type=size, default=None, metavar="SIZE",
                   help=f"memory limit, e.g. 8G or 512M (default {fmt_bytes(DEFAULT_MAX_MEMORY)}; the machine's "
                   "free memory, MemAvailable, always bounds it)")
    g.add_argument("--allow-long", action="store_true",
                   help=f"allow runs estimated longer than {fmt_seconds(DEFAULT_MAX_SECONDS)}, up to "
                   f"{fmt_seconds(LONG_MAX_SECONDS)} (progress shows the estimated remaining time)")


# ------------------------------------------------------------------------------------------ estimates


@dataclass
class Term:
    """One contribution to an estimate: ``param`` is what the user can change (e.g. ``--T 100000``)."""

    param: str
    memory: float = 0.0
    seconds: float = 0.0
    memory_formula: str = ""
    seconds_formula: str = ""


@dataclass
class Estimate:
    """Peak memory (bytes) and time (seconds) of one run, as a sum of labelled terms."""

    command: str
    terms: list[Term] = field(default_factory=list)
    base_memory: float = BASE_MEMORY
    base_seconds: float = 0.0

    def add(self, param: str, memory: float = 0.0, seconds: float = 0.0, memory_formula: str = "",
            seconds_formula: str = "") -> None:
        self.terms.append(Term(param, float(memory), float(seconds), memory_formula, seconds_formula))

    @property
    def memory(self) -> float:
        return self.base_memory + sum(t.memory for t in self.terms)

    @property
    def seconds(self) -> float:
        return self.base_seconds + sum(t.seconds for t in self.terms)

    def dominant(self, key: str) -> Term:
        return max(self.terms, key=lambda t: getattr(t, key))

    def breakdown(self, key: str) -> str:
        show = fmt_bytes if key == "memory" else fmt_seconds
        parts = [f"{t.param}: {getattr(t, key + '_formula')} = {show(getattr(t, key))}" for t in self.terms
                 if getattr(t, key) > 0]
        return "; ".join(parts)


def check(est: Estimate, max_memory: int | None = None, allow_long: bool = False,
          available: int | None | bool = True) -> None:
    """Raise :class:`LimitError` if ``est`` exceeds the memory or time limit (see the module docstring).

    ``available``: the machine's free memory in bytes; ``True`` (default) reads it (:func:`mem_available`),
    ``None`` means unknown (only the limit applies). The message is one line: the parameter that dominates
    the exceeded estimate, the estimate with its formulas, the limit and how to raise it.
    """
    if not est.terms:
        return
    free = mem_available() if available is True else available
    limit = DEFAULT_MAX_MEMORY if max_memory is None else max_memory
    bound = "the default limit; raise it with --max-memory SIZE, e.g. --max-memory 16G" if max_memory is None \
        else "the --max-memory limit"
    if free is not None and free < limit:
        limit = int(free)
        bound = "the machine's free memory (MemAvailable); free memory or lower the parameter"
    tlimit = LONG_MAX_SECONDS if allow_long else DEFAULT_MAX_SECONDS
    over_mem, over_time = est.memory > limit, est.seconds > tlimit
    if not (over_mem or over_time):
        return
    t = est.dominant("memory" if over_mem else "seconds")
    lowered = t.param.split()[0]
    how = (f"the maximum even with --allow-long; lower {lowered} or split the computation" if allow_long
           else f"the default limit; allow up to {fmt_seconds(LONG_MAX_SECONDS)} with --allow-long")
    needs, why, above = [], [], []
    if over_mem:
        needs.append(f"about {fmt_bytes(est.memory)} of memory")
        why.append(f"memory: {est.breakdown('memory')}")
        above.append(f"{fmt_bytes(limit)} ({bound})")
    if over_time:
        needs.append(f"about {fmt_seconds(est.seconds)}")
        why.append(f"time on a 2-core machine: {est.breakdown('seconds')}")
        above.append(f"{fmt_seconds(tlimit)} ({how})")
    raise LimitError(f"{est.command}: {t.param} needs {' and '.join(needs)} (estimate; {'; '.join(why)}), "
                     f"above {' and '.join(above)}; refused before allocating anything")


def gate(est: Estimate, args: argparse.Namespace) -> None:
    """:func:`check` with the command's ``--max-memory``/``--allow-long``; announce a long allowed run."""
    check(est, getattr(args, "max_memory", None), getattr(args, "allow_long", False))
    if est.seconds > ANNOUNCE_SECONDS and not getattr(args, "quiet", False):
        from proofs.progress import note

        note(f"[{est.command}] estimated {fmt_seconds(est.seconds)} and {fmt_bytes(est.memory)} of memory "
             "(an estimate; progress follows)")


# ---- simulate: the renewal engine (proofs/numerics/engine) and the naive recursion (proofs/numerics/naive)

#: per step of the renewal engine: L, F, U, V, the reversed U, the head/rest split (UR, VR, UH, VH) and the
#: output copy: <= 16 doubles per step (measured 110 B/step at T = 3e5)
RENEWAL_BYTES_PER_STEP = 128
#: direct renewal summation: T^2/2 multiply-adds (measured 8.7e-11 s each at T = 3e5) + ~2 us Python per step
RENEWAL_SECONDS_PER_PAIR = 1.0e-10
RENEWAL_SECONDS_PER_STEP = 3e-6
#: one kernel node: a, wU, wV, its 3x3 operator and the Jury test temporaries (measured ~280 B at N = 1e6)
NODE_BYTES = 300
#: kernels by blocked matrix products: ~12 flops per node-step (measured 1-2.7 ns per node-step) + per node
NODE_SECONDS_PER_STEP = 4e-9
NODE_SECONDS = 3e-6
#: kernel work arrays are chunked to ~150 MB (proofs/numerics/engine/kernels.py) plus their products
KERNEL_WORK_BYTES = 260 * MB
#: naive recursion: C, J, P, 9 operator columns, noise, temporaries (measured ~240 B per direction)
NAIVE_BYTES = 280
#: naive recursion: ~15 array operations per direction-step (measured 10-42 ns) + ~20 us Python per step
NAIVE_SECONDS_PER_ELEMENT = 15e-9
NAIVE_SECONDS_PER_DIRECTION = 1e-6
NAIVE_SECONDS_PER_STEP = 20e-6
#: CSV spectrum: the text, its lines and the parsed rows (~2x the file + ~250 B per row, ~2 us per row)
CSV_BYTES_PER_ROW = 250
CSV_SECONDS_PER_ROW = 2e-6
#: CSV output: one line per step (~1.5 us per line)
CSV_OUT_SECONDS_PER_STEP = 1.5e-6
#: compressed power-law nodes beyond the exact head: Gregory samples, Gauss-Legendre panels, Gauss-Jacobi
QUADRATURE_NODES = 2000


def spectrum_rows(path: Path) -> tuple[int, int]:
    """``(rows, bytes)`` of a spectrum file without loading it: the ``.npy`` header, or a count of lines.

    Raises ``ValueError`` (with the reason) for a missing or unreadable file or a malformed ``.npy`` header.
    """
    try:
        nbytes = path.stat().st_size
    except OSError as exc:
        raise ValueError(f"spectrum file {path}: {exc.strerror or exc}") from None
    if not path.is_file():
        raise ValueError(f"spectrum file {path} does not exist")
    if path.suffix == ".npy":
        import numpy as np

        try:
            with path.open("rb") as fh:
                version = np.lib.format.read_magic(fh)
                if version == (1, 0):
                    shape, _, _ = np.lib.format.read_array_header_1_0(fh)
                else:
                    shape, _, _ = np.lib.format.read_array_header_2_0(fh)
        except (ValueError, OSError, SyntaxError, TypeError) as exc:
            raise ValueError(f"{path}: not a readable .npy file ({exc})") from None
        rows = int(shape[0]) if len(shape) >= 1 else 1
        return rows, nbytes
    rows = 0
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                rows += chunk.count(b"\n")
    except OSError as exc:
        raise ValueError(f"spectrum file {path}: {exc.strerror or exc}") from None
    return rows + 1, nbytes


def simulate_estimate(T: int, method: str, N: int | None = None, head: int | None = None,
                      spectrum: tuple[str, int, int] | None = None, csv_out: bool = False) -> Estimate:
    """Estimate of ``sgd-proofs simulate``.

    ``head``: the exact head ``K`` of the compressed power law (``nodes.choose_head``); ``spectrum``:
    ``(name, rows, bytes)`` of a spectrum file. The engine costs ``O(n T)`` for the kernels of ``n`` nodes
    and ``O(T^2)`` for the renewal sum, memory ``O(n + T)``; the naive recursion ``O(N T)`` time, ``O(N)``.
    """
    est = Estimate("simulate")
    Tp = f"--T {T}"
    if spectrum is not None:
        name, rows, nbytes = spectrum
        n, np_ = rows, f"--spectrum {name} ({rows} rows)"
        npy = name.endswith(".npy")
        est.add(np_, memory=3 * nbytes if npy else 2 * nbytes + CSV_BYTES_PER_ROW * rows,
                seconds=0 if npy else CSV_SECONDS_PER_ROW * rows,
                memory_formula="reading: 3 x the .npy file" if npy else
                f"reading: 2 x the file + {CSV_BYTES_PER_ROW} B x rows",
                seconds_formula=f"parsing: {CSV_SECONDS_PER_ROW * 1e6:g} us x rows")
    elif method == "fast" and (N is None or N >= 4 * (head or 0)):
        n = (head or 256) + QUADRATURE_NODES
        np_ = "the compressed power law" if (head or 0) <= 256 else \
            f"--beta/--alpha/--nu (an exact head of {head} directions)"
    else:
        n, np_ = int(N or 0), f"--N {N}"
    if method == "naive":
        est.add(np_, memory=NAIVE_BYTES * n, seconds=NAIVE_SECONDS_PER_DIRECTION * n,
                memory_formula=f"{NAIVE_BYTES} B x {n} directions",
                seconds_formula=f"setup {NAIVE_SECONDS_PER_DIRECTION * 1e6:g} us x {n} directions")
        est.add(f"{np_} with {Tp}", seconds=NAIVE_SECONDS_PER_ELEMENT * n * T,
                seconds_formula=f"{NAIVE_SECONDS_PER_ELEMENT * 1e9:g} ns x {n} directions x {T} steps")
        est.add(Tp, memory=8 * T, seconds=NAIVE_SECONDS_PER_STEP * T, memory_formula="8 B x steps",
                seconds_formula=f"{NAIVE_SECONDS_PER_STEP * 1e6:g} us x steps")
    else:
        reps = 3 if method == "fast" and spectrum is None else 1  # kernel error estimate: main + refined rule
        est.add(np_, memory=NODE_BYTES * n * reps, seconds=NODE_SECONDS * n,
                memory_formula=f"{NODE_BYTES} B x {n} kernel nodes" + (" x 3 (error estimate)" if reps > 1 else ""),
                seconds_formula=f"{NODE_SECONDS * 1e6:g} us x {n} nodes")
        B = 16
        while B * B < T and B < 512:  # proofs/numerics/engine/kernels.py: block length, blocks, chunked work
            B *= 2
        per_node = 24 * (B + 2 * -(-T // B))
        work = 1.7 * min(max(1.5e8, per_node), per_node * n) + 16 * T
        est.add(f"{np_} with {Tp}", memory=work, seconds=NODE_SECONDS_PER_STEP * n * T,
                memory_formula="kernel work arrays (chunks of ~150 MB) + 16 B x steps",
                seconds_formula=f"kernels {NODE_SECONDS_PER_STEP * 1e9:g} ns x {n} nodes x {T} steps")
        est.add(Tp, memory=RENEWAL_BYTES_PER_STEP * T,
                seconds=RENEWAL_SECONDS_PER_PAIR * T * T / 2 + RENEWAL_SECONDS_PER_STEP * T,
                memory_formula=f"renewal {RENEWAL_BYTES_PER_STEP} B x steps",
                seconds_formula=f"renewal sum {RENEWAL_SECONDS_PER_PAIR:g} s x T^2/2 + "
                f"{RENEWAL_SECONDS_PER_STEP * 1e6:g} us x T")
    if csv_out:
        est.add(f"{Tp} (CSV output)", seconds=CSV_OUT_SECONDS_PER_STEP * T,
                seconds_formula=f"{CSV_OUT_SECONDS_PER_STEP * 1e6:g} us per line")
    return est


# ---- theorem2 / divergence: mpmath at --dps digits (proofs/numerics/powerlaw.py, routes.py)

#: measured (no time route, 2-core machine): theorem2 dps 30: 1.4 s, 60: 10.5 s, 120: 151 s; divergence
#: dps 30: 2.5 s, 60: 19 s. Head 2*dps terms, dps/3 Bernoulli terms and tanh-sinh nodes ~dps, each at a
#: working precision of dps digits: t ~ 0.27 (dps/30)^3 + 0.52 (dps/30)^4 s (fitted at dps 60, 120).
PRECISION_CUBIC, PRECISION_QUARTIC = 0.27, 0.52
PRECISION_FACTOR = {"theorem2": 1.0, "divergence": 2.0}
#: the double-precision time-domain route (SE engine to T <= 60000): ~2 s
TIME_ROUTE_SECONDS = 2.0
#: memory: cached tanh-sinh nodes, Bernoulli numbers and head terms, ~dps numbers of ~dps digits each:
#: measured +6.5 MB from dps 30 to 60 and +22 MB from 60 to 120, i.e. ~2000 B x dps^2
PRECISION_BYTES = 2000


def precision_estimate(command: str, dps: int, time_route: bool) -> Estimate:
    """Estimate of ``theorem2``/``divergence`` at ``--dps`` digits (constants above)."""
    est = Estimate(command, base_seconds=1.0)
    x = dps / 30
    f = PRECISION_FACTOR.get(command, 2.0)
    est.add(f"--dps {dps}", memory=PRECISION_BYTES * dps * dps,
            seconds=f * (PRECISION_CUBIC * x**3 + PRECISION_QUARTIC * x**4),
            memory_formula=f"{PRECISION_BYTES} B x dps^2",
            seconds_formula=("" if f == 1 else f"{f:g} x ")
            + f"({PRECISION_CUBIC:g} (dps/30)^3 + {PRECISION_QUARTIC:g} (dps/30)^4) s")
    if time_route:
        est.add("the time-domain route", memory=60000 * RENEWAL_BYTES_PER_STEP + KERNEL_WORK_BYTES // 4,
                seconds=TIME_ROUTE_SECONDS, memory_formula="SE engine to T <= 60000",
                seconds_formula="SE engine to T <= 60000 (--no-time-route skips it)")
    return est
