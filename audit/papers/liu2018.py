"""Liu, Chen, Zhou, Zhao, *Towards understanding the importance of momentum in SGD for nonconvex problems:
diffusion approximations of momentum SGD* (arXiv:1802.05155; Stochastic Systems 2021). RECONSTRUCTED: the
update rule ``θ' = θ − η∇ℓ + μ(θ − θ_prev)`` is the paper's (this project's heavy ball with ``α = η``,
``β = μ``); its theorems were not recovered. The abstract's two claims — momentum helps escape saddle points,
hurts convergence near optima — and the diffusion limit's effective step ``η/(1−μ)`` (companion paper) are
checked against the exact discrete recursion on a quadratic: the semi-algebraic claims ``liu.*`` (decided by
z3, cvc5, QEPCAD B; spec ``checker/papers/liu2018.toml``) and exact instances (outer ring
``checker.moments``).
"""

from __future__ import annotations

from audit.evidence import Decided, Paper, Ring, Statement

M = "exact rational arithmetic on instances (the 1-d chain read off the update rule; outer ring checker.moments)"

STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "Liu: stationary error",
        "Equation",
        "reconstructed from the update rule",
        "Near a minimum (1-d quadratic k theta^2/2, gradient noise of variance s2): Var(theta) = eta s2 (1+mu)/"
        "((1-mu) k (2(1+mu) - eta k)) for -1 < mu < 1, 0 < eta k < 2(1+mu).",
        (Ring("liu.stationary_error", "confirmed numerically", M, "3 instances"),),
        reconstructed=True,
        caveat="Exact on the instances; symbolically, the same rational function as this project's scalar "
        "Lyapunov solution (symbolic.stationary, tests). The multi-dimensional case decouples per eigenvalue "
        "when the noise covariance commutes with the Hessian.",
    ),
    Statement(
        "Liu: diffusion approximation near optima",
        "Approximation",
        "diffusion limit (effective step eta/(1-mu))",
        "The diffusion (OU) variance eta s2/(2k(1-mu)) is the exact one to first order: its relative error "
        "is exactly eta k/(2(1+mu)).",
        (Ring("liu.diffusion_error", "confirmed numerically", M, "3 instances: recomputed relative error"),),
        reconstructed=True,
        caveat="Measured exactly on the instances; the closed form of the error follows from the stationary "
        "error above (argued).",
    ),
    Statement(
        "Liu: momentum hurts near optima",
        "Claim",
        "abstract: 'hurts convergence within the neighborhood of optima'",
        "At a fixed step eta, positive momentum increases the stationary error: E(mu) >= E(0) for 0 < mu < 1, "
        "0 < eta k < 2.",
        (Decided(("liu.fixed_step.hurts",)),),
        reconstructed=True,
        caveat="False as an unqualified statement: E(mu) - E(0) has the sign of mu(1 + mu - eta k).",
    ),
    Statement(
        "Liu: where momentum hurts",
        "Claim",
        "reconstructed region",
        "At a fixed step: E(mu) > E(0) exactly when eta k < 1 + mu; for 1 + mu < eta k < 2 momentum lowers it.",
        (Decided(("liu.fixed_step.denominator", "liu.fixed_step.region", "liu.fixed_step.helps")),),
        reconstructed=True,
    ),
    Statement(
        "Liu: fixed effective step",
        "Claim",
        "reconstructed (diffusion: no effect at fixed eta/(1-mu))",
        "At a fixed effective step p = eta k/(1-mu) in (0, 2): positive momentum lowers the stationary error, "
        "E(mu) < E(0); the diffusion approximation predicts no change.",
        (Decided(("liu.effective_step.denominator", "liu.effective_step.helps")),),
        reconstructed=True,
    ),
    Statement(
        "Liu: momentum helps escape saddles",
        "Claim",
        "abstract: 'momentum helps escape from saddle points'",
        "At a saddle (curvature -|k|, c = eta |k|), the mean's growth factor (largest root of x^2 - (1+mu+c) x + "
        "mu) exceeds plain SGD's 1 + c for 0 < mu < 1.",
        (Decided(("liu.escape.faster",)),),
        reconstructed=True,
    ),
    Statement(
        "Liu: diffusion escape rate",
        "Approximation",
        "diffusion limit (effective step eta/(1-mu))",
        "The diffusion approximation's growth 1 + c/(1-mu) per step overestimates the exact growth factor.",
        (Decided(("liu.escape.diffusion_overestimates",)),),
        reconstructed=True,
        caveat="So escape takes longer than the diffusion estimate (1-mu)/(eta |k|) log(1/eta) suggests, by a "
        "factor that tends to 1 as eta -> 0.",
    ),
)

PAPER = Paper(
    "liu2018",
    "Towards understanding the importance of momentum in SGD for nonconvex problems (reconstructed)",
    "T. Liu, Z. Chen, E. Zhou, T. Zhao, arXiv:1802.05155 (2018); journal version 'A diffusion approximation theory "
    "of momentum SGD in nonconvex optimization', Stochastic Systems (2021). Theorems not recovered: the claims "
    "are reconstructed from the abstract and the update rule.",
    STATEMENTS,
)
