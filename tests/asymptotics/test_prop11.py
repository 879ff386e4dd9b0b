"""Prop. 11 (App. E.4, formula 171, reconstructed): derivation, numerics, checker, forgeries, determinism.

Forgeries are re-hashed (``certio.certificate_hash``) so that only the mathematics can reject them.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import mpmath as mp
import pytest

from checker import CertificateError
from checker import asymptotics as ring
from proofs import certio
from proofs.asymptotics import prop11
from proofs.numerics.powerlaw import Params, PowerLaw


def test_derivation_steps_hold():
    steps = prop11.derive()  # raises AssertionError if any step fails
    assert [s["step"] for s in steps] == ["1", "2", "3", "4", "5", "6", "7"]
    assert "zeta_nu" in steps[-1]["claim"]


def _solve(d: dict, alpha: str):
    spec = PowerLaw.of(d["nu"], "1", d["Lambda"])
    par = Params.of(alpha, d["beta"], d["gamma"], d["tau"])
    eref, _ = prop11.refined(spec, par)
    return spec, par, prop11.solve(spec, par, eref)


def test_formula_matches_numerics_and_perturbations_are_refuted():
    with mp.workdps(40):
        d = prop11.MAIN
        spec, par, sol = _solve(d, "1e-6")
        eps = sol["eps"]
        args = (spec.nu, spec.Lambda, par.gamma, par.beta, par.alpha)
        e0 = prop11.closed_form(*args)
        c1 = prop11.first_correction(spec.nu, spec.Lambda, par.gamma, par.beta)
        rho = eps / e0
        assert abs(rho - 1) < 1e-5  # leading term
        assert abs(eps / (e0 * (1 + c1 * par.alpha)) - 1) < 1e-10  # first correction (c2 ~ 20, alpha^2 = 1e-12)
        eref, _ = prop11.refined(spec, par)
        assert abs(eps / eref - 1) < 1e-20  # refined: O(alpha^4)
        # perturbed formulas are refuted by the same numerics
        assert abs(eps / prop11.closed_form(*args, exponent_shift=mp.mpf("0.01")) - 1) > 0.1
        assert abs(eps / prop11.closed_form(*args, I_factor=mp.mpf("1.01")) - 1) > 0.02
        assert abs(eps / (e0 * (1 + mp.mpf("1.01") * c1 * par.alpha)) - 1) > 1e-8  # wrong c1


def test_general_beta_tau_point():
    with mp.workdps(40):
        spec, par, sol = _solve(prop11.SECOND, "1e-5")
        e0 = prop11.closed_form(spec.nu, spec.Lambda, par.gamma, par.beta, par.alpha)
        c1 = prop11.first_correction(spec.nu, spec.Lambda, par.gamma, par.beta)
        assert abs(sol["eps"] / (e0 * (1 + c1 * par.alpha)) - 1) < 1e-8
        # alpha instead of alpha_eff (beta = 1/2) is refuted
        wrong = prop11.closed_form(spec.nu, spec.Lambda, par.gamma, 0, par.alpha)
        assert abs(sol["eps"] / wrong - 1) > 0.5


def test_checker_special_functions():
    with mp.workdps(60), ring.localcontext() as ctx:
        ctx.prec = 60
        for nu in ("0.6", "0.75"):
            assert ring.digits(mp.nstr(mp.zeta(mp.mpf(nu)), 50), ring._zeta(ring.Decimal(nu)), cap=60) >= 45
        p = ring.TABLES["main"][0]
        ours = prop11.closed_form(mp.mpf("0.75"), 1, 1, 0, mp.mpf("1e-4"))
        assert ring.digits(mp.nstr(ours, 50), ring.closed_form(p, "1e-4")) >= 40
    assert ring.split_identity_holds()


def test_checker_resolve_rejects_wrong_root():
    p = ring.TABLES["main"][0]
    with mp.workdps(40):
        _, _, sol = _solve(prop11.MAIN, "1e-3")
    good = mp.nstr(sol["eps"], 30)
    assert abs(ring.U_tilde(p, "1e-3", good) - 1) < 1e-12
    bad = mp.nstr(sol["eps"] * (1 + mp.mpf("1e-6")), 30)
    assert abs(ring.U_tilde(p, "1e-3", bad) - 1) > 1e-7


# ---- certificate: produce, check, forge (slow: the producer takes ~20-40 s) -------------------------


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("prop11")
    rows = prop11.produce(out)
    assert rows[0]["status"] == "confirmed"
    return out / f"{prop11.NAME}.json"


@pytest.mark.slow
def test_checker_accepts_and_numbers(produced):
    cert = json.loads(produced.read_text())
    assert cert["kind"] == "asymptotics"
    detail = ring.check(cert["content"], produced.parent, cert["name"])
    assert "re-solved" in detail
    main = cert["content"]["tables"]["main"]
    assert main["richardson_ratio"]["agree_digits_with_1"] >= 25
    assert abs(float(main["exponent_refined"]["local"][-1]) - 4) < 1e-3


def _forge(cert: dict, edit) -> dict:
    c = copy.deepcopy(cert)
    edit(c["content"])
    c["sha256"] = certio.certificate_hash(c)
    return c


def _set_row(label, i, key, value):
    def edit(c):
        c["tables"][label]["rows"][i][key] = value
    return edit


def _shift_r(c):
    row = c["tables"]["main"]["rows"][2]
    with mp.workdps(50):  # a consistent forgery: only U(r) = 1 can reject it
        e = mp.mpf(row["one_minus_r"]) * (1 + mp.mpf("1e-6"))
        row["one_minus_r"] = mp.nstr(e, 38)
        row["r"] = prop11.one_minus(row["one_minus_r"])
        row["ratio"] = mp.nstr(e / mp.mpf(row["closed_form"]), 38)
        row["ratio_minus_1_over_alpha"] = mp.nstr((e / mp.mpf(row["closed_form"]) - 1) / mp.mpf(row["alpha"]), 30)


def _scale_formula(c):
    with mp.workdps(50):
        for row in c["tables"]["main"]["rows"]:
            row["closed_form"] = mp.nstr(mp.mpf(row["closed_form"]) * mp.mpf("1.01"), 38)


def _swap_alpha(c):
    rows = c["tables"]["main"]["rows"]
    rows[0]["alpha"], rows[1]["alpha"] = rows[1]["alpha"], rows[0]["alpha"]


def _swap_rows(c):
    rows = c["tables"]["main"]["rows"]
    for k in ("one_minus_r", "r", "closed_form", "ratio"):
        rows[0][k], rows[1][k] = rows[1][k], rows[0][k]


def _params(c):
    c["tables"]["second"]["params"]["beta"] = "0"


@pytest.mark.slow
@pytest.mark.parametrize("edit, match", [
    (_set_row("main", 3, "r", "0.5"), r"r \+ \(1 - r\) != 1"),
    (_shift_r, r"does not solve U\(r\) = 1"),
    (_scale_formula, r"closed form .* differs"),
    (_swap_alpha, r"alpha grid"),
    (_swap_rows, r"closed form .* differs"),
    (_params, r"parameters .* are not the specified"),
    (lambda c: c["tables"]["main"].__setitem__("c1", "-5.2"), r"c1 .* differs"),
    (lambda c: c["tables"]["main"]["richardson_ratio"].__setitem__("limit", "1.001"), r"extrapolated limit"),
    (lambda c: c.__setitem__("reconstructed", False), r"labelled reconstructed"),
    (lambda c: c.__setitem__("precision_dps", 15), r"precision_dps"),
])
def test_checker_rejects_forgeries(produced, edit, match):
    cert = json.loads(produced.read_text())
    forged = _forge(cert, edit)
    with pytest.raises(CertificateError, match=match):
        ring.check(forged["content"], produced.parent, forged["name"])


@pytest.mark.slow
def test_checker_rejects_wrong_name(produced):
    cert = json.loads(produced.read_text())
    with pytest.raises(CertificateError, match="unknown asymptotics certificate"):
        ring.check(cert["content"], produced.parent, "prop11.other")


@pytest.mark.slow
def test_deterministic(produced, tmp_path):
    prop11.produce(tmp_path)
    assert (tmp_path / produced.name).read_bytes() == produced.read_bytes()
