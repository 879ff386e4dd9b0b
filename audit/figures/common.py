"""What every audit figure shares: the record of a drawn figure, the PNG rendering, the normalisation label.

Every figure states the normalisation (``symbolic.normalisation``): ``L_t = ½ Σ_k λ_k C_k(t)``; heavy ball
``w' = w + v'``, ``v' = −α∇L_B + βv`` (paper eq. 1); SE noise ``γ(λ Tr(HC) − τλ²C)`` (paper eq. 7); power
law ``λ_k = Λk^{−ν}``, ``λ_kC_k(0) = Q(k^{−κ} − (k+1)^{−κ})`` (paper eq. 25), ``ζ = κ/ν``,
``α_eff = α/(1−β)``. A computation that raises is reported in the figure's note and caption, never
faked: the figure is drawn without that element, or returned without an image if nothing can be drawn.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from symbolic.normalisation import FIGURE_LABEL as LABEL
from symbolic.normalisation import POWER_LAW_MODEL

__all__ = ["LABEL", "NORMALISATION", "POWER_LAW", "Figure"]

#: the setting, without its final full stop: captions append their own (no "..")
NORMALISATION = POWER_LAW_MODEL.rstrip(".")
POWER_LAW = "λ_k = Λk^-ν, λ_kC_k(0) = Q(k^-κ − (k+1)^-κ), Λ = Q = 1"


@dataclass
class Figure:
    key: str
    title: str
    caption: str
    png: bytes | None
    note: str = ""
    seconds: float = 0.0

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png or b"").decode()


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(fig) -> bytes:
    fig.text(0.5, -0.01, LABEL, ha="center", va="top", fontsize=7, color="#555")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    _plt().close(fig)
    return buf.getvalue()


def _failed(what: str, exc: Exception) -> str:
    return f"{what} failed ({type(exc).__name__}: {exc})"
