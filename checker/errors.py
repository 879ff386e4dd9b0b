"""The one exception of the checker: a certificate is malformed, tampered with, or does not prove its statement."""


class CertificateError(Exception):
    """A certificate is malformed, tampered with, not bound to its statement, or its mathematics fails."""
