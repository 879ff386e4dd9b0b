"""Figure: SE loss trajectories against the asymptotics of Theorem 2 (eqs. 28a, 28b, 29) and eq. 24.

At certificate points of ``proofs.numerics.points``: the engine's ``L_t`` of the infinite power law
against ``C t^{−p}`` with Theorem 2's constant (``proofs.numerics.constants.theorem2``; in the noise phase
also the signal term ``C_signal t^{−ζ}`` and the crossover ``t* = (C_signal/C_noise)^{1/(ζ − 2 + 1/ν)}``
of eq. 29), the ratio of the two (→ 1), and a divergent point against ``C r^{−t}`` with ``Ũ(r) = 1``,
``C = Ṽ(r)/(rŨ′(r))`` (eq. 24 / Prop. 10, ``proofs.numerics.constants.divergence``).
"""

from __future__ import annotations

import time

import numpy as np

from .common import NORMALISATION, POWER_LAW, Figure, _failed, _plt, _png

#: certificate points (``proofs.numerics.points``) drawn against their asymptotics
TRAJECTORY_POINTS = ("signal_nu2", "noise_nu2")
DIVERGENT_POINT = "div_momentum"
T_TRAJECTORY = 20000


def _theorem2_case(name: str) -> dict:
    """Engine trajectory and the closed-form constants (floats for plotting) at a Theorem 2 point."""
    import mpmath as mp

    from proofs.numerics import engine, points
    from proofs.numerics.certify import problem
    from proofs.numerics.constants import theorem2

    p = points.full(points.THEOREM2[name])
    f = {k: float(v) for k, v in p.items()}
    L = engine.power_law_loss(f["nu"], f["kappa"], f["alpha"], f["beta"], f["gamma"], f["tau"], T_TRAJECTORY,
                              Lambda=f["Lambda"], Q=f["Q"])
    out: dict = {"name": name, "p": f, "L": L}
    try:
        with mp.workdps(20):
            th = theorem2(*problem(p))
        out.update(phase=th.phase, exponent=float(th.exponent), C=float(th.C), zeta=float(th.zeta),
                   eta=float(th.eta), C_signal=float(th.C_signal),
                   C_noise=None if th.C_noise is None else float(th.C_noise),
                   t_star=None if th.t_star is None else float(th.t_star))
    except Exception as exc:
        out["error"] = _failed(f"theorem2 at {name}", exc)
    return out


def _divergent_case(name: str) -> dict:
    import mpmath as mp

    from proofs.numerics import engine, points
    from proofs.numerics.certify import divergence_T, problem
    from proofs.numerics.constants import divergence

    p = points.full(points.DIVERGENCE[name])
    f = {k: float(v) for k, v in p.items()}
    out: dict = {"name": name, "p": f}
    T = 1500
    try:
        with mp.workdps(20):
            dv = divergence(*problem(p))
        out.update(r=float(dv.r), C=float(dv.C_div), U1=float(dv.U1))
        T = divergence_T(dv.r)
    except Exception as exc:
        out["error"] = _failed(f"divergence at {name}", exc)
    out["L"] = engine.power_law_loss(f["nu"], f["kappa"], f["alpha"], f["beta"], f["gamma"], f["tau"], T,
                                     Lambda=f["Lambda"], Q=f["Q"])
    return out


def trajectories() -> Figure:
    t0 = time.perf_counter()
    plt = _plt()
    cases = [_theorem2_case(n) for n in TRAJECTORY_POINTS]
    dv = _divergent_case(DIVERGENT_POINT)
    fig, axes = plt.subplots(1, 3, figsize=(14.5, 4.3))
    colors = ["#1f6fb2", "#c0392b"]
    notes, cap_cases = [], []
    t = np.arange(T_TRAJECTORY, dtype=float)
    ax, rx = axes[0], axes[1]
    for c, col in zip(cases, colors, strict=False):
        p = c["p"]
        lab = f"{c['name']}: ν={p['nu']:g}, κ={p['kappa']:g}"
        ax.loglog(t[1:], c["L"][1:], color=col, lw=1.8, label=f"{lab} (SE engine)")
        if "error" in c:
            notes.append(c["error"])
            continue
        ts = t[10:]
        ax.loglog(ts, c["C"] * ts ** -c["exponent"], "k--", lw=1)
        rx.semilogx(t[1:], c["L"][1:] / (c["C"] * t[1:] ** -c["exponent"]), color=col, lw=1.6,
                    label=f"{c['phase']}: L_t / (C t^-{c['exponent']:.4g})")
        txt = (f"{c['name']} ({c['phase']}, ζ = {c['zeta']:.4g}, 2 − 1/ν = {c['eta']:.4g}): C = {c['C']:.10g}, "
               f"L_T/(C T^-p) = {c['L'][-1] / (c['C'] * (T_TRAJECTORY - 1) ** -c['exponent']):.6f} at T = "
               f"{T_TRAJECTORY - 1}")
        if c["phase"].startswith("noise") and c.get("t_star"):
            sig = c["C_signal"] * ts ** -c["zeta"]
            ax.loglog(ts, sig, ":", color="#555", lw=1.2)
            ax.axvline(c["t_star"], color=col, lw=0.8, ls=":")
            ax.annotate(f"t* = {c['t_star']:.4g} (eq. 29)", (c["t_star"], c["L"][int(c["t_star"])]),
                        textcoords="offset points", xytext=(6, 10), fontsize=7, color=col)
            both = c["C_signal"] * t[1:] ** -c["zeta"] + c["C_noise"] * t[1:] ** -c["eta"]
            rx.semilogx(t[1:], c["L"][1:] / both, color=col, lw=1, ls="--",
                        label="noise phase: L_t / (signal + noise terms)")
            txt += (f"; signal term C_signal t^-ζ dotted (C_signal = {c['C_signal']:.6g}), t* = {c['t_star']:.6g} "
                    "where the two terms are equal")
        cap_cases.append(txt)
    ax.plot([], [], "k--", lw=1, label="Theorem 2: C t^-p (eqs. 28a/28b)")
    ax.set_xlabel("t")
    ax.set_ylabel("L_t")
    p0 = cases[0]["p"]
    ax.set_title(f"Theorem 2 (α={p0['alpha']:g}, β={p0['beta']:g}, γ={p0['gamma']:g}, τ={p0['tau']:g})")
    ax.legend(fontsize=7, loc="lower left")
    rx.axhline(1, color="k", lw=0.8)
    rx.set_ylim(0.4, 2.2)
    rx.set_xlabel("t")
    rx.set_ylabel("loss / asymptote")
    rx.set_title("ratio to the asymptote (→ 1)")
    rx.legend(fontsize=7, loc="upper right")
    bx = axes[2]
    Ld = dv["L"]
    td = np.arange(len(Ld), dtype=float)
    q = dv["p"]
    bx.semilogy(td, Ld, lw=1.8, color="#6c3483", label=f"{dv['name']}: ν={q['nu']:g}, κ={q['kappa']:g} (SE engine)")
    dtxt = ""
    if "error" in dv:
        notes.append(dv["error"])
    else:
        bx.semilogy(td, dv["C"] * dv["r"] ** -td, "k--", lw=1,
                    label=f"eq. 24: C r^-t, r = {dv['r']:.8f}, C = {dv['C']:.6g}")
        ratio = Ld[-1] / (dv["C"] * dv["r"] ** -(len(Ld) - 1))
        dtxt = (f"Ũ(1) = {dv['U1']:.6g} > 1, r = {dv['r']:.12g} (Ũ(r) = 1), C = Ṽ(r)/(rŨ'(r)) = {dv['C']:.10g}; "
                f"L_T/(C r^-T) = {ratio:.8f} at T = {len(Ld) - 1}")
    bx.set_xlabel("t")
    bx.set_title(f"Eq. 24: divergence (α={q['alpha']:g}, β={q['beta']:g}, γ={q['gamma']:g}, τ={q['tau']:g})")
    bx.legend(fontsize=7, loc="upper left")
    cap = (
        f"SE loss of the infinite power-law spectrum ({POWER_LAW}) from the project's engine (renewal "
        "equation, double precision) at certificate points of proofs.numerics.points, against the closed forms "
        "of proofs.numerics.constants (theorem2, divergence; evaluated at 20 digits, plotted as floats). "
        f"Left: Theorem 2's asymptote C t^-p (dashed), T = {T_TRAJECTORY}. Centre: the ratio of the loss to it, "
        "which tends to 1 (slowly: power-law corrections). "
        + "; ".join(cap_cases) + ". Right: a divergent point against C r^-t. " + dtxt + ". "
        + " ".join(notes) + " Normalisation: " + NORMALISATION + "."
    )
    return Figure("trajectories", "Loss trajectories vs asymptotics", cap, _png(fig), "; ".join(notes),
                  time.perf_counter() - t0)
