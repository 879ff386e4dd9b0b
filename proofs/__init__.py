"""Verification of the paper's claims: semi-algebraic decisions, exact certificates, numerics."""
