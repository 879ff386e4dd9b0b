"""Coq export of the semi-algebraic certificates (issue 12): ``proofs.coq.export.export(certdir, outdir)``."""
