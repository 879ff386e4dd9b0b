"""sgd-proofs: computer-assisted proofs and exact symbolic verification for mini-batch SGD with momentum.

The public Python API is :mod:`sgd_proofs.api`, re-exported here::

    import sgd_proofs
    sgd_proofs.derive().S
    sgd_proofs.theorem2(sgd_proofs.PowerLaw(nu=2, kappa=0.8), sgd_proofs.HeavyBall(alpha=0.5, beta=0.5,
                        gamma=0.5, tau=1))
"""

import proofs  # noqa: F401 -- first: pins numpy's OpenBLAS kernel before anything loads numpy (proofs.blas)

from .api import *  # noqa: F401,F403,E402 -- the documented public API
from .api import __all__  # noqa: F401,E402
