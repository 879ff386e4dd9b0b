"""Verification of the paper's claims: semi-algebraic decisions, exact certificates, numerics."""

from .blas import pin as _pin

_pin()  # one OpenBLAS kernel on every x86-64 CPU, before numpy loads it: byte-identical certificates (proofs.blas)
