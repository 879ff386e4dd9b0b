"""Producer (``sgd-proofs regenerate``): the Coq export of the semi-algebraic certificates into ``OUT/coq/``.

Runs after ``proofs.semialgebraic``; the files depend only on the certificates, so a regeneration writes
them byte for byte again. Coq itself is not run here (``tests/coq/`` compiles the set).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .export import export


def produce(outdir: Path, recorded: tuple[Path, ...] = ()) -> list[dict]:
    target = Path(outdir) / "coq"
    if target.is_dir():
        shutil.rmtree(target)  # no stale file of a claim that is gone
    written, skipped = export(Path(outdir), target)
    return [{"claim": "coq.export", "status": "exported", "file": "coq/",
             "detail": f"{len(written) - 1} Coq proofs + BernsteinFacts.v; {len(skipped)} claims not exportable"}]
