"""``python3 -S -m checker [--claim FILE] [PATH ...]``: re-validate certificates, standard library only.

Prints one line per certificate file. Exit 0 iff every file is valid, 1 if any is invalid, 2 on unusable
input (no such path, no certificate found, an unreadable claim file).
"""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
