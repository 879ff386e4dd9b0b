"""Patel (2017), *The impact of local geometry and batch size on the convergence and divergence of SGD*
(arXiv:1709.04718). RECONSTRUCTED: no theorem, notation or criterion of the paper could be recovered, only its
abstract ("a deterministic relationship between the learning rate, the batch size, and the local geometry of
the minimizer" decides convergence or divergence on the quadratic sums problem).

The criterion is therefore reconstructed for ``f = (1/N) Σ_i ½ wᵀA_iw``, mini-batch SGD ``w' = (I − αH_B)w``
(``H_B`` the batch mean of ``A_i``, batches with or without replacement, enumerated exactly): mean-square
convergence iff ``λ_max(E_B[(I − αH_B)²]) < 1``, and divergence if ``λ_min(…) > 1``. It is compared with the
exact threshold — the spectral radius of the second-moment map ``X ↦ E_B[(I − αH_B)X(I − αH_B)]``, decided
exactly — by the outer ring ``checker.moments``, with and without momentum. Every statement below is ours.
"""

from __future__ import annotations

from audit.evidence import Argued, Paper, Ring, Statement

M = "exact rational arithmetic on instances (batches enumerated; outer ring checker.moments)"


def _r(cert: str, scope: str) -> Ring:
    return Ring(cert, "confirmed numerically", M, scope)


STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "Patel: criterion, commuting A_i",
        "Criterion",
        "abstract (reconstructed)",
        "Commuting A_i: mini-batch SGD converges in mean square iff lambda_max(E[(I - alpha H_B)^2]) < 1.",
        (
            _r(
                "patel.criterion.commuting",
                "8 instances: diagonal and non-diagonal commuting A_i, N = 2, 3, batch "
                "1-2, with and without replacement, both sides of the threshold",
            ),
        ),
        reconstructed=True,
        caveat="Exact on the instances; in general for commuting A_i the map preserves the common eigenbasis and "
        "its diagonal part is E[(1 - alpha h_j)^2] per direction (argued).",
    ),
    Statement(
        "Patel: criterion is sufficient",
        "Criterion",
        "abstract (reconstructed)",
        "Any A_i: lambda_max(E[(I - alpha H_B)^2]) < 1 implies mean-square convergence.",
        (_r("patel.criterion.sufficient", "5 instances, non-commuting A_i"),),
        reconstructed=True,
        caveat="In general: the adjoint of the (positive) second-moment map sends I to E[(I - alpha H_B)^2] <= "
        "lambda_max I, so its spectral radius is at most lambda_max (argued, not machine-checked).",
    ),
    Statement(
        "Patel: criterion for non-commuting A_i",
        "Criterion",
        "abstract (reconstructed)",
        "The same criterion as necessary and sufficient for non-commuting A_i.",
        (_r("patel.criterion.noncommuting", "2 non-commuting instances"),),
        reconstructed=True,
        caveat="Conservative, not exact: A_1 = [[10,-3],[-3,2]], A_2 = [[4,2],[2,1]], b = 1 with replacement, "
        "alpha = 1/5 converges (exact spectral radius < 1) although lambda_max(E[(I - alpha H_B)^2]) > 1.",
    ),
    Statement(
        "Patel: divergence criterion",
        "Criterion",
        "abstract (reconstructed)",
        "Any A_i: lambda_min(E[(I - alpha H_B)^2]) > 1 implies divergence.",
        (
            _r(
                "patel.divergence",
                "4 instances, among them one where the criterion fires and one that diverges "
                "although it does not (A_1 = diag(2,1), A_2 = [[2,3],[3,10]], alpha = 19/20)",
            ),
        ),
        reconstructed=True,
        caveat="Sufficient only (the same positivity argument, argued); it misses divergence in the instance named.",
    ),
    Statement(
        "Patel: large batch",
        "Criterion",
        "abstract (reconstructed)",
        "b = N (without replacement) is gradient descent: converges iff 0 < alpha lambda < 2 for every "
        "eigenvalue lambda of H.",
        (_r("patel.full_batch", "4 instances on both sides"),),
        reconstructed=True,
    ),
    Statement(
        "Patel: batch-size threshold",
        "Criterion",
        "abstract (reconstructed)",
        "Diagonal A_i: converges iff alpha < 2 E[h_j]/E[h_j^2] for every coordinate j; the batch size enters "
        "through E[h_j^2] = E[h_j]^2 + Var(h_j), Var decreasing in b.",
        (
            _r(
                "patel.threshold",
                "6 instances at the exact threshold -/+ 1/100, b = 1, 2, with and without replacement",
            ),
        ),
        reconstructed=True,
    ),
    Statement(
        "Patel: flat vs sharp minima",
        "Claim",
        "abstract",
        "Small batches escape sharp minima (large Hessian eigenvalues or large curvature variance) that large "
        "batches tolerate, by a deterministic relation between alpha, b and the geometry.",
        (
            Argued(
                ("Patel: batch-size threshold", "Patel: large batch"),
                "The exact threshold 2 E[h]/E[h^2] is below gradient descent's 2/E[h] whenever Var(h) > 0 and "
                "increases to it as the batch grows (Var(h_B) decreases in b); a minimum is left (second moments "
                "diverge) exactly when alpha exceeds it. Deterministic: no noise escape is involved.",
            ),
        ),
        reconstructed=True,
        caveat="Argued from the two reconstructed criteria; whether this is Patel's statement cannot be "
        "verified (text not recovered).",
    ),
    Statement(
        "Patel: with momentum, diagonal A_i",
        "Criterion",
        "reconstructed extension",
        "Heavy ball, diagonal A_i: converges iff every coordinate satisfies eq. 21's one-direction condition "
        "(a = alpha E[h_j], b = beta, gamma = Var(h_j)/E[h_j]^2, tau = 0): the noiseless region and "
        "gamma a^2 u_num(1)/S(1) < 1.",
        (_r("patel.momentum.diagonal", "7 instances, beta in {-1/3, 1/4, 1/2, 3/4}"),),
        reconstructed=True,
        caveat="Exact on the instances; the mapping to eq. 21 per coordinate is this project's.",
    ),
    Statement(
        "Patel: with momentum, non-diagonal A_i",
        "Criterion",
        "reconstructed extension",
        "The per-coordinate condition for non-diagonal A_i with a diagonal mean Hessian.",
        (_r("patel.momentum.nondiagonal", "6 instances, A_1 = [[2,1],[1,2]], A_2 = [[2,-1],[-1,2]], beta = 1/2"),),
        reconstructed=True,
        caveat="Wrong: the diagonal entries of H_B do not vary, so the per-coordinate condition sees no noise, "
        "but the off-diagonal fluctuation makes the exact recursion diverge (exact witness alpha = 1).",
    ),
)

PAPER = Paper(
    "patel2017",
    "The impact of local geometry and batch size on the convergence and divergence of SGD (reconstructed)",
    "V. Patel, arXiv:1709.04718 (2017; v2 2018). Only the abstract was available: every criterion here is "
    "reconstructed from it and from first principles.",
    STATEMENTS,
)
