"""The project's normalisation, written once (every producer, command and report quotes it from here).

Two texts, because they describe two different things:

``GENERIC``
    The model every derivation starts from: heavy-ball SGD (paper eq. 1), the per-direction second
    moments, the loss ``L_t = ½ Σ_k λ_k C_k(t)``, Spectrally Expressible noise (paper eq. 7 with
    ``τ₁ = 1``, ``τ₂ = τ``), the reduced variables and the moment recursion (paper eq. 11). Recorded in
    the derivation certificate.
``POWER_LAW``
    The power-law problem of Theorem 2 and eq. 24 (spectrum ``λ_k = Λ k^{−ν}``, initial condition
    ``λ_k C_k(0) = Q(k^{−κ} − (k+1)^{−κ})``), the generating functions ``Ũ``, ``Ṽ``, ``L̃ = Ṽ/(1 − Ũ)``
    (paper eq. 16) and the effective learning rate. Recorded in every numerics certificate.

``POWER_LAW_MODEL`` is both, for outputs that state the whole setting at once (SE trajectories,
figures). ``FIGURE_LABEL`` is the one-line form printed on a figure. The texts are part of certificate
content: changing one changes the certificates that record it.
"""

from __future__ import annotations

GENERIC = (
    "Heavy-ball SGD w_{t+1} = w_t + v_{t+1}, v_{t+1} = -alpha grad L_B(w_t) + beta v_t (paper eq. 1); "
    "per eigen-direction (C, J, P) = (E dw^2, E dw v, E v^2); loss L_t = 1/2 sum_k lambda_k C_k(t); "
    "SE noise E xi_k^2 = gamma (lambda_k Tr(HC) - tau lambda_k^2 C_k) (eq. 7, tau_1 = 1, tau_2 = tau); "
    "reduced variables a = alpha lambda, b = beta, g = gamma tau; "
    "(C,J,P)_{t+1} = A (C,J,P)_t + gamma alpha^2 lambda Tr(HC_t) (1,1,1)."
)

POWER_LAW = (
    "L_t = 1/2 sum_k lambda_k C_k(t); lambda_k = Lambda k^-nu, lambda_k C_k(0) = Q (k^-kappa - (k+1)^-kappa), "
    "k >= 1; U(z) = z gamma alpha^2 sum lambda_k^2 u(alpha lambda_k, beta, gamma tau, z), "
    "V(z) = 1/2 sum lambda_k C_k(0) v(alpha lambda_k, beta, gamma tau, z), L(z) = sum_t L_t z^t = V/(1-U); "
    "alpha_eff = alpha/(1-beta), zeta = kappa/nu; L_t ~ C t^-exponent (termwise)."
)

POWER_LAW_MODEL = f"{GENERIC} Power-law problem: {POWER_LAW}"

FIGURE_LABEL = "normalisation: L = ½Σλ_kC_k,  v' = −α∇L_B + βv,  SE noise γ(λTr(HC) − τλ²C),  α_eff = α/(1−β)"
