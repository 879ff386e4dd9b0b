"""Specifications, one module per paper: each defines ``CLAIMS``, a tuple of ``checker.spec.Spec``."""
