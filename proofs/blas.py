"""Reproducible double precision: one OpenBLAS kernel on every x86-64 CPU.

numpy's OpenBLAS picks its matrix kernels at load time from the CPU (``DYNAMIC_ARCH``): on a CPU with
AVX-512 it takes the ``SkylakeX`` kernels, elsewhere ``Haswell`` (AVX2). The two sum in different orders, so
the SE engine's double-precision trajectories (``proofs.numerics.engine``: ``@`` and ``numpy.dot``) differ
in the last bits — measured 2026-12-03: ``prop12.momentum`` and ``eq29.subleading`` regenerated on an
AVX-512 machine differed from the committed certificates in the 13th-16th significant digit, and were
byte-identical with ``OPENBLAS_CORETYPE=Haswell``.

:func:`pin` sets ``OPENBLAS_CORETYPE=Haswell`` (unless the user set it) on x86-64 CPUs with AVX2, before
numpy is imported: ``import proofs`` calls it, so does ``import sgd_proofs``. It cannot act once numpy
has loaded OpenBLAS (a notebook that imported numpy first): :func:`core` then tells the kernel actually in
use, and ``regenerate`` warns when it is not the pinned one. Other CPUs (aarch64) are left alone.
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys

PINNED = "Haswell"


def _has_avx2() -> bool:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return " avx2" in line
    except OSError:
        pass
    return False


def pin() -> None:
    """Set ``OPENBLAS_CORETYPE`` to :data:`PINNED` for this process and its children (see the module doc)."""
    if "OPENBLAS_CORETYPE" in os.environ or platform.machine().lower() not in ("x86_64", "amd64"):
        return
    if _has_avx2():
        os.environ["OPENBLAS_CORETYPE"] = PINNED


def core() -> str | None:
    """The kernel name of the OpenBLAS that numpy loaded in this process (``None``: numpy not loaded yet,
    not OpenBLAS, or not Linux)."""
    if "numpy" not in sys.modules:
        return None
    try:
        with open("/proc/self/maps") as fh:
            libs = sorted({ln.split()[-1] for ln in fh if "openblas" in ln.lower() and ".so" in ln.split()[-1]})
    except OSError:
        return None
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename64_",
                     "openblas_get_corename"):
            fn = getattr(lib, name, None)
            if fn is not None:
                fn.restype = ctypes.c_char_p
                return fn().decode()
    return None


def warning() -> str | None:
    """A one-line warning when numpy runs another OpenBLAS kernel than the pinned one on a CPU where the pin
    applies (so double-precision certificates may differ from the committed ones in their last digits)."""
    active = core()
    wanted = os.environ.get("OPENBLAS_CORETYPE")
    if active is None or wanted is None or active.lower() == wanted.lower():
        return None
    return (f"numpy's OpenBLAS runs its {active} kernels, not the pinned {wanted} ones (numpy was imported before "
            "sgd_proofs/proofs): double-precision results may differ from the committed certificates in the last "
            f"digits; set OPENBLAS_CORETYPE={wanted} before starting Python")
