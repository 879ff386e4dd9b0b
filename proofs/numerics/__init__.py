"""High-precision numerics and the SE trajectory engine."""
