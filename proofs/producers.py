"""Certificate producers run by ``sgd-proofs regenerate``, in data-flow order.

Each entry names a module with ``produce(outdir: Path) -> list[dict]``; each dict describes one
claim: ``{"claim", "status", "file", ...}``. Claims themselves live in the producers' registries, so
adding a claim touches neither this list, the CLI nor the checker.
"""

PRODUCERS = [
    "proofs.derivation_certificate",
    "proofs.semialgebraic",
    "proofs.numerics.certify",
    "proofs.checks.certify",
]
