"""``python -m sgd_proofs``: the same command line as ``sgd-proofs``."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
