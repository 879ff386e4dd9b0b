"""Independent certificate checker: standard library only (no sympy, no solvers)."""
