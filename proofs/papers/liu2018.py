"""Claims of Liu, Chen, Zhou, Zhao (2018), RECONSTRUCTED: heavy ball on a 1-d quadratic with gradient noise.

T. Liu, Z. Chen, E. Zhou, T. Zhao, "Towards understanding the importance of momentum in SGD for
nonconvex problems: diffusion approximations of momentum SGD", arXiv:1802.05155 (2018); journal version
Stochastic Systems (2021). The paper's theorems were not recovered: the claims below are reconstructed
from its abstract ("momentum hurts convergence within the neighborhood of optima", "helps escape from
saddle points") and the polynomials are written out, derived here from the update rule.

Model. ``theta' = theta - eta (k theta + xi) + mu (theta - theta_prev)``, ``Var xi = s2``, ``a = eta k``.
Near an optimum (``k > 0``) the stationary second moment solves ``P = (1+mu-a)^2 P + mu^2 P
- 2 (1+mu-a) mu Q + eta^2 s2``, ``Q = (1+mu-a) P - mu Q`` (``Q = E theta theta_prev``):

    E(mu) = eta s2 (1+mu) / ((1-mu) k (2(1+mu) - a)),   finite for -1 < mu < 1, 0 < a < 2(1+mu),

so ``E(mu)/E(0) = (1+mu)(2-a) / ((1-mu)(2(1+mu)-a))``. With ``0 < mu < 1`` and ``0 < a < 2`` the
denominators ``1-mu``, ``2-a`` and ``2(1+mu)-a`` are positive (``liu.fixed_step.denominator``), so
``E(mu) >= E(0)`` iff ``(1+mu)(2-a) - (1-mu)(2(1+mu)-a) >= 0``; that difference is ``2 mu (1+mu-a)``.
At a fixed effective step ``e = eta/(1-mu)``, ``p = e k``, ``a = p (1-mu)``: ``E(mu)/E(0) =
(1+mu)(2-p) / (2(1+mu) - p(1-mu))`` (denominators positive: ``liu.effective_step.denominator``), and
``(2(1+mu) - p(1-mu)) - (1+mu)(2-p) = 2 p mu``.

At a saddle (``k < 0``, ``c = eta |k| > 0``) the mean grows by the roots of ``x^2 - (1+mu+c) x + mu``;
``f(1) = -c < 0`` and the product of the roots is ``mu``, so exactly one root exceeds 1 and it is the
largest, the growth factor ``r``. ``f(1+c) = -mu c < 0`` gives ``r > 1+c`` (plain SGD's factor) and
``f(1 + c/(1-mu)) = mu (c/(1-mu))^2 > 0`` gives ``r < 1 + c/(1-mu)`` (the diffusion approximation's rate).
"""

from __future__ import annotations

import sympy as sp

from proofs.registry import _claim

mu, a, p, c, x = sp.symbols("mu a p c x")

SOURCE_OPT = ("Liu, Chen, Zhou, Zhao (2018), reconstructed: momentum near optima (abstract: 'hurts convergence "
              "within the neighborhood of optima')")
SOURCE_SADDLE = ("Liu, Chen, Zhou, Zhao (2018), reconstructed: escape from saddle points (abstract: momentum "
                 "'helps escape from saddle points')")

#: ``(1+mu)(2-a) - (1-mu)(2(1+mu)-a)``: the sign of ``E(mu) - E(0)`` at a fixed step ``a = eta k``
FIXED_GAP = (1 + mu) * (2 - a) - (1 - mu) * (2 * (1 + mu) - a)
#: ``(2(1+mu) - p(1-mu)) - (1+mu)(2-p)``: the sign of ``E(0) - E(mu)`` at a fixed effective step
EFFECTIVE_GAP = (2 * (1 + mu) - p * (1 - mu)) - (1 + mu) * (2 - p)
#: the characteristic polynomial of the mean at a saddle, ``c = eta |k|``
SADDLE_POLY = x**2 - (1 + mu + c) * x + mu


def claims() -> list:
    VA, VP, VS = ["mu", "a"], ["mu", "p"], ["mu", "c", "x"]
    mu01 = [(mu, ">"), (1 - mu, ">")]
    a02 = [(a, ">"), (2 - a, ">")]
    p02 = [(p, ">"), (2 - p, ">")]
    saddle = mu01 + [(c, ">"), (SADDLE_POLY, "="), (x - 1, ">")]
    ratio = "E(mu)/E(0) = (1+mu)(2-a)/((1-mu)(2(1+mu)-a))"
    return [
        _claim("liu.fixed_step.denominator",
               "0<mu<1, 0<a<2 => (1-mu)(2(1+mu)-a) > 0: the denominator of " + ratio + " is positive, so "
               "E(mu) is finite and the comparison may be cross-multiplied",
               SOURCE_OPT, VA, mu01 + a02, ((1 - mu) * (2 * (1 + mu) - a), ">")),
        _claim("liu.fixed_step.hurts",
               "0<mu<1, 0<a<2 => (1+mu)(2-a) - (1-mu)(2(1+mu)-a) >= 0, i.e. E(mu) >= E(0) at a fixed step "
               "a = eta k: the unqualified 'momentum hurts near optima' (false: e.g. a = 3/2, mu = 1/4)",
               SOURCE_OPT, VA, mu01 + a02, (FIXED_GAP, ">="), expect="refuted",
               notes="the difference is 2 mu (1+mu-a): negative where a > 1+mu"),
        _claim("liu.fixed_step.region",
               "0<mu<1, 0<a<2, a<1+mu => (1+mu)(2-a) - (1-mu)(2(1+mu)-a) > 0: momentum hurts (E(mu) > E(0)) "
               "exactly when a < 1+mu",
               SOURCE_OPT, VA, mu01 + a02 + [(1 + mu - a, ">")], (FIXED_GAP, ">"),
               exact_also=("sos",), notes="two upper bounds on a (a < 2, a < 1+mu): no box image for Bernstein "
               "or intervals; the exact certificate is a sos one"),
        _claim("liu.fixed_step.helps",
               "0<mu<1, 1+mu<a<2 => (1+mu)(2-a) - (1-mu)(2(1+mu)-a) < 0: momentum helps (E(mu) < E(0)) there",
               SOURCE_OPT, VA, mu01 + [(a - 1 - mu, ">"), (2 - a, ">")], (FIXED_GAP, "<")),
        _claim("liu.effective_step.denominator",
               "0<mu<1, 0<p<2 => 2(1+mu) - p(1-mu) > 0: at a fixed effective step p = k eta/(1-mu) the heavy "
               "ball with a = p(1-mu) is stable and E(mu)/E(0) = (1+mu)(2-p)/(2(1+mu)-p(1-mu)) has a "
               "positive denominator",
               SOURCE_OPT, VP, mu01 + p02, (2 * (1 + mu) - p * (1 - mu), ">")),
        _claim("liu.effective_step.helps",
               "0<mu<1, 0<p<2 => (2(1+mu) - p(1-mu)) - (1+mu)(2-p) > 0, i.e. E(mu) < E(0) at a fixed effective "
               "step p = k eta/(1-mu): positive momentum lowers the stationary error (the diffusion "
               "approximation says they are equal)",
               SOURCE_OPT, VP, mu01 + p02, (EFFECTIVE_GAP, ">"),
               notes="the difference is 2 p mu"),
        _claim("liu.escape.faster",
               "0<mu<1, c>0, x^2 - (1+mu+c) x + mu = 0, x > 1 => x > 1 + c: at a saddle (c = eta |k|) the "
               "growth factor of the mean with momentum exceeds plain SGD's 1 + c",
               SOURCE_SADDLE, VS, saddle, (x - 1 - c, ">"),
               notes="f(1) = -c < 0 and the roots' product is mu < 1: the root x > 1 exists, is unique and is "
                     "the largest; f(1+c) = -mu c"),
        _claim("liu.escape.diffusion_overestimates",
               "0<mu<1, c>0, x^2 - (1+mu+c) x + mu = 0, x > 1 => x (1-mu) < 1 - mu + c, i.e. r < 1 + c/(1-mu): "
               "the diffusion approximation's rate c/(1-mu) per step overestimates the exact growth",
               SOURCE_SADDLE, VS, saddle, (1 - mu + c - x * (1 - mu), ">"),
               notes="f(1 + c/(1-mu)) = mu (c/(1-mu))^2 > 0"),
    ]
