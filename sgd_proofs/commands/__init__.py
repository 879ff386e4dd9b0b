"""Subcommands of the ``sgd-proofs`` command line (one module each)."""
