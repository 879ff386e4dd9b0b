"""Certificate producers run by ``sgd-proofs regenerate``, in data-flow order.

Each entry names a module with ``produce(outdir: Path, recorded: tuple[Path, ...] = ()) -> list[dict]``;
each dict describes one claim: ``{"claim", "status", "file", ...}``. ``recorded`` lists directories
holding earlier certificates (the output directory first): a producer whose optional backend is
absent (QEPCAD B) keeps that backend's recorded verdict and input from there instead of writing a
certificate with less evidence than it held, and says so in the returned dict (``"recorded"``).
Claims themselves live in the producers' registries, so
adding a claim touches neither this list, the CLI nor the checker.
"""

PRODUCERS = [
    "proofs.derivation_certificate",
    "proofs.semialgebraic",
    "proofs.coq.certify",
    "proofs.numerics.certify",
    "proofs.numerics.subleading",
    "proofs.checks.certify",
    "proofs.invariance.certify",
    "proofs.momentum.certify",
    "proofs.related.certify",
    "proofs.asymptotics.prop11",
    "proofs.sums.lemma2",
]
