"""Liu, Ziyin, Ueda, *Noise and fluctuation of finite learning rate SGD* (ICML 2021) with its mini-batch sequel
Ziyin, Liu, Mori, Ueda, *Strength of minibatch noise in SGD* (ICLR 2022) — the abstract "SGD in the
non-vanishing learning-rate regime: exactly solvable stationary distributions with and without momentum".

The statements as recovered in ``../shared/paper/related-claims.md`` (their full texts are not in the
repository). Their update (eq. 5): ``m' = μm + g``, ``w' = w − λm'`` (or ``w' = w − Λm'``), ``g = Kw + η``;
this project's heavy ball with ``α = λ``, ``β = μ``, ``v = −λm``. Each formula is compared with the exact
stationary second moments of that chain on rational instances by the outer ring ``checker.moments``, which
reads the chain off the update rule; probes (a formula outside its hypothesis) are named in the caveats.
"""

from __future__ import annotations

from audit.evidence import Argued, Decided, Paper, Ring, Statement

INST = "confirmed numerically"
M = "exact rational arithmetic on instances (stationary moments from the update rule; outer ring checker.moments)"


def _r(cert: str, scope: str = "", status: str = INST, method: str = M) -> Ring:
    return Ring(cert, status, method, scope)


STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "ICML Thm 1",
        "Theorem",
        "ICML 2021, Thm 1 (eq. 6)",
        "mu = 0: the stationary covariance Sigma of w solves Sigma K + K Sigma - lam K Sigma K = lam C "
        "(the continuous-time answer drops lam K Sigma K).",
        (_r("ziyin.eq6", "5 instances (d = 2, 3), [K, C] != 0 in 4"),),
        caveat="Exact on the instances only; the general statement (any K > 0, C, lam in the stable range) is "
        "the paper's algebra. Holds without [K, C] = 0.",
    ),
    Statement(
        "ICML Thm 2",
        "Theorem",
        "ICML 2021, Thm 2 (eq. 7)",
        "With momentum: -(1+mu^2)/(1-mu^2) lam^2 K Sigma K + mu/(1-mu^2) lam^2 (K^2 Sigma + Sigma K^2) + "
        "(1-mu) lam (K Sigma + Sigma K) = lam^2 C.",
        (_r("ziyin.eq7", "5 instances, mu in {-1/3, 0, 1/3, 1/2, 3/4}, non-commuting K, C"),),
        caveat="Exact on the instances only. Holds without [K, C] = 0.",
    ),
    Statement(
        "ICML Thm 3",
        "Theorem",
        "ICML 2021, Thm 3 (eq. 9)",
        "Preconditioner Lam > 0 (w' = w - Lam m'): eq. 7 with K -> Lam K placed as -(1+mu^2)/(1-mu^2) Lam K "
        "Sigma K Lam + mu/(1-mu^2)(Lam K Lam K Sigma + Sigma K Lam K Lam) + (1-mu)(Lam K Sigma + Sigma K Lam) "
        "= Lam C Lam.",
        (_r("ziyin.eq9", "3 instances with [Lam, K] != 0 (d = 2, 3)"),),
        caveat="Exact on the instances only; holds even when Lam and K do not commute.",
    ),
    Statement(
        "ICML Cor 1",
        "Corollary",
        "ICML 2021, Cor 1 (eq. 8)",
        "[C, K] = 0: Sigma = [lam K/(1+mu) (2I - lam K/(1+mu))]^-1 lam^2 C/(1-mu^2).",
        (_r("ziyin.cor1", "4 commuting instances"),),
        caveat="Exact on commuting instances only. The hypothesis is needed: without it the formula is not "
        "the stationary covariance (probe ziyin.cor1.noncommuting, exact witness K = [[2,1],[1,1]], "
        "C = diag(1,3), lam = 1/4, mu = 1/2; the formula is not even symmetric).",
    ),
    Statement(
        "ICML Thm 4",
        "Theorem",
        "ICML 2021, Thm 4 (eq. 10)",
        "C = sigma^2 I + a K, mu = 0: w ~ N(0, lam (sigma^2 I + a K)[K(2I - lam K)]^-1).",
        (_r("ziyin.thm4", "3 instances (the covariance; Gaussianity of the law is not checked)"),),
        caveat="Only the covariance is checked (exact, on instances); that the law is Gaussian for Gaussian "
        "noise is the paper's argument (a linear recursion driven by Gaussian noise).",
    ),
    Statement(
        "ICML Thm 5",
        "Theorem",
        "ICML 2021, Thm 5 (eq. 12)",
        "Training loss: E[w^T K w/2] = lam/(4(1-mu)) Tr[(I - lam K/(2(1+mu)))^-1 C].",
        (_r("ziyin.thm5", "5 instances, non-commuting K, C included"),),
        caveat="Exact on the instances only; holds without [K, C] = 0.",
    ),
    Statement(
        "ICML Sec. 4.5",
        "Condition",
        "ICML 2021, Sec. 4.5",
        "lam k* <= 2(1+mu) is necessary for convergence (k* the largest eigenvalue of K).",
        (
            _r(
                "ziyin.sec45",
                "9 instances on both sides of the boundary, K indefinite in one: stable iff |mu| < 1, "
                "lam K > 0 and 2(1+mu) I - lam K > 0",
            ),
            Decided(("appH.equivalence",)),
        ),
        caveat="The exact condition is sharper than stated: stable iff |mu| < 1 and 0 < lam k < 2(1+mu) for "
        "every eigenvalue (strict, so also sufficient). Per eigenvalue the chain's characteristic polynomial "
        "is App. H's f at a = lam k, b = mu, whose root region appH.equivalence decides for all (a, b); the "
        "factorisation over K's eigenvalues is argued (K is diagonalisable), checked on the instances.",
    ),
    Statement(
        "ICML Thm 6",
        "Theorem",
        "ICML 2021, Thm 6 (eq. 16)",
        "Bayes-optimal learning rate for C = (N-S)/(NS) K.",
        not_covered="The optimality criterion (which posterior the stationary law is matched to) and D were not "
        "recovered from the text; eq. 16 alone cannot be checked without them.",
    ),
    Statement(
        "ICML Thm 7",
        "Theorem",
        "ICML 2021, Thm 7 (eq. 18)",
        "Escape, mu = 0, w_0 = 0: E_d(t) = lam/4 Tr[(I - lam K/2)^-1 (I - (I - lam K)^2t) C].",
        (_r("ziyin.thm7", "3 instances, t = 0..6, non-commuting K, C"),),
        caveat="Exact for the listed t and instances; the general t is the paper's geometric sum.",
    ),
    Statement(
        "ICML Cor 4",
        "Corollary",
        "ICML 2021, Cor 4",
        "E_d(t) >= E_c(t) = lam/4 Tr[(I - exp(-2 lam K t)) C] for 0 < lam < 2/k*, t >= 0.",
        (
            Argued(
                ("ICML Thm 7",),
                "In K's eigenbasis both are sums over eigenvalues of (lam/4) c_kk (C's diagonal, "
                ">= 0) times f_d = (1 - (1-x)^2t)/(1 - x/2) resp. f_c = 1 - exp(-2xt), x = lam k in (0, 2). For x "
                "<= 1, 0 <= 1-x <= exp(-x) gives 1 - (1-x)^2t >= f_c and 1/(1 - x/2) >= 1; for 1 < x < 2, y = "
                "x - 1 in (0, 1) and f_d = 2(1 + y + ... + y^(2t-1)) >= 2 > f_c (t >= 1; t = 0 both vanish).",
            ),
        ),
        caveat="An argument by hand (termwise, elementary inequalities); not a machine check.",
    ),
    Statement(
        "ICML Thm 9",
        "Theorem",
        "ICML 2021, Thm 9",
        "Kramers-type escape rate from a sharp minimum.",
        not_covered="The closed form's prefactor grouping is ambiguous in the recovered text; a reconstruction "
        "would be ours, not the paper's, and escape rates are not a second-moment statement.",
    ),
    Statement(
        "ICML Cor 5",
        "Corollary",
        "ICML 2021, Cor 5 (eq. 25)",
        "Damped Newton Lam = lam K^-1, C = (N-S)/(NS) K: Sigma = (1+mu)/(1-mu) lam/(2(1+mu) - lam) (N-S)/(NS) K^-1.",
        (_r("ziyin.cor5", "3 instances, c = (N-S)/(NS) in {1/4, 1/3, 1/2}"),),
        caveat="Exact on the instances; C taken as the fixed matrix c K.",
    ),
    Statement(
        "ICML Cor 6",
        "Corollary",
        "ICML 2021, Cor 6 (eq. 26)",
        "Natural gradient Lam = lam J^-1, C = c K Sigma K: Sigma = lam((1+mu)c + 1 - mu)/(2(1-mu^2)) K^-1.",
        (
            _r(
                "ziyin.cor6",
                "3 instances: with J = K Sigma K the claimed Sigma is the stationary covariance of the "
                "chain it defines (a self-consistent fixed point)",
            ),
        ),
        reconstructed=True,
        caveat="J was not recovered; it is reconstructed as K Sigma K (the covariance of the full-batch "
        "gradient). With the empirical Fisher J = E[g g^T] = (1+c) K Sigma K the formula is not self-consistent "
        "(probe ziyin.cor6.empirical_fisher, exact witness K = [[2,1],[1,1]], c = 1/3, lam = 1/2, mu = 1/2).",
    ),
    Statement(
        "ICML Thm 10",
        "Theorem",
        "ICML 2021, Thm 10 (eq. 27)",
        "Adam, Lam = lam (E[g g^T])^-1/2, C = c K Sigma K: Sigma = lam^2 (1+c)/4 I.",
        (
            _r(
                "ziyin.thm10",
                "3 instances, mu = 0: the square root lam(1+c)/2 K is verified exactly and the claimed "
                "Sigma is the stationary covariance of the chain it defines",
            ),
        ),
        caveat="Adam's running averages are replaced by their stationary values (the paper's setting); only "
        "mu = 0 is certified.",
    ),
    Statement(
        "ICLR Lemma 1",
        "Lemma",
        "ICLR 2022, Lemma 1 (eq. 5)",
        "Label noise, Gaussian features x ~ N(0, A): the mini-batch gradient noise covariance is (A Sigma A + "
        "Tr[A Sigma] A + sigma^2 A)/S.",
        (
            _r(
                "ziyin.iclr.lemma1",
                "3 instances (d = 2, 3); the ring uses Isserlis' theorem, the producer "
                "derivatives of the Gaussian moment generating function",
            ),
        ),
        caveat="Exact on the instances only; the general identity is Isserlis' theorem.",
    ),
    Statement(
        "ICLR Thm 2",
        "Theorem",
        "ICLR 2022, Thm 2 (eq. 6)",
        "[Lam, A] = 0: Sigma = (sigma^2/S)(1 + kappa/S) Lam G^-1, G = 2(1-mu) I - ((1-mu)/(1+mu) + 1/S) Lam A, "
        "kappa = Tr[Lam A G^-1]/(1 - Tr[Lam A G^-1]/S).",
        (_r("ziyin.iclr.thm2", "4 commuting instances with momentum mu in {-1/3, 0, 1/4, 1/2}, batch 2-4"),),
        caveat="Exact on the instances (state-dependent noise of Lemma 1 solved as an affine moment equation). "
        "The hypothesis is needed: probe ziyin.iclr.thm2.noncommuting fails (exact witness A = [[2,1],[1,1]], "
        "Lam = diag(1/4, 1/8), mu = 1/2, sigma^2 = 1/2, S = 3).",
    ),
    Statement(
        "ICLR Thm 2 (condition)",
        "Condition",
        "ICLR 2022, Thm 2",
        "Sigma is finite and positive iff G > 0 and Tr[Lam A G^-1] < S.",
        (
            _r(
                "ziyin.iclr.condition",
                "9 instances on both sides: the condition equals exact convergence of the "
                "second-moment recursion (Schur-Cohn on its operator)",
            ),
        ),
        caveat="Exact on the instances; in general see the mapping to eq. 21 (next statement).",
    ),
    Statement(
        "ICLR Thm 2 = eq. 21",
        "Mapping",
        "ICLR 2022, Thm 2 vs Velikanov et al. eq. 21",
        "Per eigenvalue, Tr[Lam A G^-1]/S is eq. 21's U~(1) term at tau = -1 under Lam = alpha I, mu = beta, "
        "1/S = gamma: the two stability conditions coincide.",
        (
            _r(
                "ziyin.iclr.mapping",
                "a (1+b) G u_num(a,b,-gamma,1) = (1+b) S(a,b,-gamma,1) as polynomials, S and "
                "u_num re-derived by the checker from the update rule",
                "proved",
                "exact polynomial identity (re-derived by the outer ring checker.moments)",
            ),
        ),
        caveat="The identity is per term; the equivalence of the conditions then follows for diagonalisable "
        "commuting Lam, A by summing over eigenvalues (argued).",
    ),
    Statement(
        "ICLR Thm 6",
        "Theorem",
        "ICLR 2022, Thm 6",
        "High-dimensional regression: stable iff sum_i 1/(2/(lam a_i) - 1 + 1/S) < S.",
        (_r("ziyin.iclr.thm6", "6 diagonal instances, mu = 0"),),
        caveat="Refuted as recovered: the criterion with +1/S accepts unstable points (exact witness A = "
        "diag(2,1), lam = 1/2, S = 2). With -1/S (Thm 2's condition at mu = 0) it is exact on the same "
        "instances (ziyin.iclr.thm6.minus); the sign may be an artefact of the text extraction.",
    ),
    Statement(
        "ICLR Prop 7 (second moment)",
        "Proposition",
        "ICLR 2022, Prop 7",
        "One dimension, p(w) ~ (sigma^2 + a w^2)^-(1+beta)/2 with beta = 2S/(a lam) - S: the second moment is "
        "finite iff beta > 2.",
        (
            _r(
                "ziyin.iclr.prop7.order2",
                "7 instances on both sides (S = 1, 4): E[(1 - lam h)^2] < 1 iff beta > 2, h = (a/S) chi^2_S",
            ),
        ),
        caveat="That a moment of order 2k is finite iff E[(1 - lam h)^2k] < 1 is argued from the triangular "
        "moment recursion (positive lower-order terms for sigma^2 > 0).",
    ),
    Statement(
        "ICLR Prop 7 (tail index)",
        "Proposition",
        "ICLR 2022, Prop 7",
        "The stationary law has tail index beta = 2S/(a lam) - S: moments of order < beta are finite.",
        (_r("ziyin.iclr.prop7.order4", "4 instances of the fourth moment"),),
        caveat="Beta is obtained by matching the second moment only; it predicts the fourth moment wrongly "
        "near beta = 4 (exact witness a = 1, lam = 39/100, S = 1: beta = 4.13 > 4, but E[(1 - lam h)^4] > 1 so "
        "the fourth moment is infinite). The tail index of the exact chain solves E|1 - lam h|^kappa = 1 "
        "(Kesten), which beta approximates.",
    ),
    Statement(
        "ICLR Sec. 6.4",
        "Equation",
        "ICLR 2022, Sec. 6.4",
        "Damped Newton with label noise: Sigma = lam sigma^2/(g S - lam D) A^-1, g = 2(1-mu) - ((1-mu)/(1+mu) + "
        "1/S) lam, stable iff S >= lam D/g.",
        (_r("ziyin.iclr.sec64", "3 instances (D = 2, 3)"),),
        caveat="The covariance is exact on the instances; the stability range is not certified separately "
        "(at S = lam D/g the formula's denominator vanishes, so the boundary itself is excluded).",
    ),
)

PAPER = Paper(
    "ziyin2021",
    "Noise and fluctuation of finite learning rate SGD; Strength of minibatch noise in SGD",
    "K. Liu, L. Ziyin, M. Ueda, ICML 2021 (PMLR 139), arXiv:2012.03636; L. Ziyin, K. Liu, T. Mori, M. Ueda, ICLR "
    "2022, arXiv:2102.05375. Statements as recovered from the papers (related-claims.md); full texts not in the "
    "repository.",
    STATEMENTS,
)
