"""Independent certificate checker: standard library only, runnable as ``python3 -S -m checker``.

It shares no code with the producers (``symbolic``, ``proofs``) and imports none of them. The statement a
certificate must prove comes from the checker's own specification (``checker.papers``) or from the user's
claim file, never only from the certificate. See ``checker/README.md`` for the trusted base.
"""

from .core import Context, Verdict, check_file, verify
from .errors import CertificateError
from .spec import Spec, claim_file

__all__ = ["CertificateError", "Context", "Spec", "Verdict", "check_file", "claim_file", "verify"]

#: modules whose code a "proved"/"refuted" verdict depends on (at most 560 lines of code, measured by a test)
KERNEL = ("errors.py", "poly.py", "derive.py", "boxcover.py", "spec.py", "semialgebraic.py", "sos.py")
#: outer rings: file loading and hashes, the command line, messages, and checks that only recompute records
OUTER = ("__init__.py", "__main__.py", "core.py", "cli.py", "text.py", "solver_inputs.py", "derivation.py", "paper.py",
         "numerics.py", "recompute.py", "exactcheck.py", "invariance.py",
         "momentum.py", "moments.py", "asymptotics.py", "sums.py", "subleading.py", "coq.py")
