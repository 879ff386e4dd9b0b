"""Every command's ``--json`` output has the top-level keys the README lists (issue 18, item 6).

The key lists are read from README.md itself, so the README and the commands cannot drift apart silently.
Their form, outside fenced code blocks: a sentence that begins ``\\`CMD --json\\` keys:`` (or ``keys include:``
for a documented subset; an optional parenthesis may stand between ``keys`` and the colon) and ends at the
first full stop outside parentheses. Its keys are the backticked identifiers outside parentheses;
parentheses explain a key and are not read (a backticked token in them is not a key). Each documented
command is run in-process with cheap arguments (seconds); the two whose valid run takes minutes
(``audit``, ``check --regenerate``) run with their rebuild replaced by a stub, because only the shape of
the JSON they print is compared here (their content is tested in tests/audit and tests/producers).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from sgd_proofs import cli
from sgd_proofs.cli import main

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"

MARKER = re.compile(r"`(?P<cmd>[a-z][a-z0-9 -]*?) --json` keys(?P<includes> include)?(?: \([^()\n]*\))?:")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
FENCE = re.compile(r"^```.*?^```[^\n]*$", re.M | re.S)


def _prose(text: str) -> str:
    """``text`` with its fenced code blocks blanked out (line numbers kept for messages)."""
    return FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def _keys_after(text: str, start: int, where: str) -> list[str]:
    """The backticked identifiers at parenthesis depth 0 from ``start`` up to the sentence's full stop."""
    keys, depth, i = [], 0, start
    while i < len(text):
        c = text[i]
        if c == "`":
            j = text.index("`", i + 1)
            token = text[i + 1:j]
            if depth == 0:
                if not IDENTIFIER.fullmatch(token):
                    raise ValueError(f"{where}: `{token}` outside parentheses is not a key name")
                keys.append(token)
            i = j + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif text.startswith("\n\n", i):
            raise ValueError(f"{where}: key list without a closing full stop")
        elif c == "." and depth == 0 and (i + 1 == len(text) or text[i + 1].isspace()):
            return keys
        i += 1
    raise ValueError(f"{where}: key list runs to the end of the README")


@cache
def documented() -> dict[str, tuple[frozenset[str], bool]]:
    """``{command: (keys, includes)}`` from the README; ``includes``: the list is a subset of the output."""
    text = _prose(README.read_text(encoding="utf-8"))
    out: dict[str, tuple[frozenset[str], bool]] = {}
    for m in MARKER.finditer(text):
        where = f"README.md:{text.count(chr(10), 0, m.start()) + 1} ({m.group('cmd')})"
        keys = _keys_after(text, m.end(), where)
        if not keys or len(set(keys)) != len(keys):
            raise ValueError(f"{where}: empty key list or a key listed twice: {keys}")
        if m.group("cmd") in out:
            raise ValueError(f"{where}: a second key list for the same command")
        out[m.group("cmd")] = (frozenset(keys), bool(m.group("includes")))
    return out


# ---------------------------------------------------------------- cheap invocations, per documented command

CLAIM = """\
name = "shifted square positive"
variables = ["x", "y"]
assume = ["0 < x", "x < 1", "-1 < y", "y < 1"]
show = "q > 0"
[define]
q = "(x - y)**2 + x*y + 1"
"""
OPT = ["--alpha", "1", "--beta", "0.5", "--gamma", "0.3", "--tau", "1", "--T", "200", "--quiet"]
POWER = ["--nu", "1.5", "--kappa", "0.8"]
SPECTRUM = [[1.0, 0.5], [0.5, 0.25], [0.25, 0.1]]


def _claim(tmp: Path) -> Path:
    (tmp / "claim.toml").write_text(CLAIM)
    return tmp / "claim.toml"


def _proved(tmp: Path, mp) -> list[str]:
    claim = _claim(tmp)
    assert main(["prove", str(claim), "--out", str(tmp / "mine.json"), "--quiet"]) == 0
    return ["check", "--claim", str(claim), str(tmp / "mine.json"), "--json"]


def _check_regenerate(tmp: Path, mp) -> list[str]:
    import audit.regression

    # the real rebuild regenerates every certificate (minutes): stubbed, no drift and no note
    mp.setattr(audit.regression, "regression_diff", lambda committed, progress=None, notes=None: [])
    return ["check", "--regenerate", str(tmp), "--json"]


def _audit(tmp: Path, mp) -> list[str]:
    import audit.runner

    # the real audit regenerates every certificate (77 s fresh): stubbed to an empty certificate directory,
    # so every statement is "not covered", but the document printed is the real one
    mp.setattr(audit.runner, "regenerate",
               lambda certdir, fresh, progress, recorded=(), modules=None:
               (certdir.mkdir(parents=True, exist_ok=True), [])[1])
    return ["audit", "--out", str(tmp / "report"), "--committed", "none", "--statements", "none",
            "--no-figures", "--json", "--quiet"]


def _csv(tmp: Path) -> Path:
    path = tmp / "spec.csv"
    path.write_text("lambda,lambda_C0\n" + "".join(f"{x!r},{y!r}\n" for x, y in SPECTRUM))
    return path


def _npy(tmp: Path) -> Path:
    np.save(tmp / "spec.npy", np.array(SPECTRUM))
    return tmp / "spec.npy"


def _simulate(*extra):
    return lambda tmp, mp: ["simulate", *[str(e(tmp)) if callable(e) else e for e in extra], *OPT,
                            "--out", str(tmp / "L.csv"), "--json"]


CASES = {
    "derive": {"derive": lambda tmp, mp: ["derive", "--json"]},
    "regenerate": {"only derivation": lambda tmp, mp: ["regenerate", "--only", "derivation", "--out",
                                                       str(tmp / "certs"), "--json", "--quiet"]},
    "check": {"user certificate": _proved},
    "check --regenerate": {"stubbed rebuild": _check_regenerate},
    "prove": {"R1 nonnegative": lambda tmp, mp: ["prove", str(_claim(tmp)), "--json", "--quiet"]},
    "export coq": {"committed certificates": lambda tmp, mp: ["export", "coq", "--out", str(tmp / "coq"),
                                                              "--certificates", str(ROOT / "certificates"),
                                                              "--json"]},
    "audit": {"stubbed regeneration": _audit},
    "theorem2": {
        "signal phase": lambda tmp, mp: ["theorem2", "--nu", "2", "--kappa", "0.8", "--alpha", "0.5", "--beta", "0.5",
                                         "--gamma", "0.5", "--tau", "1", "--json", "--quiet"],
        "no time route": lambda tmp, mp: ["theorem2", "--nu", "2", "--kappa", "3.3", "--alpha", "0.5", "--beta",
                                          "0.5", "--gamma", "0.5", "--tau", "1", "--no-time-route", "--json",
                                          "--quiet"],
    },
    "divergence": {"eq. 24": lambda tmp, mp: ["divergence", "--nu", "2", "--kappa", "0.8", "--alpha", "0.3",
                                              "--beta", "0.9", "--gamma", "0.5", "--tau", "0", "--json", "--quiet"]},
    "momentum": {
        "noise phase, g = 1": lambda tmp, mp: ["momentum", "--nu", "2", "--kappa", "5", "--batch", "1", "--dps", "15",
                                               "--json", "--quiet"],
        "noise phase, g = 1/2": lambda tmp, mp: ["momentum", "--nu", "2", "--kappa", "5", "--batch", "2", "--dps",
                                                 "15", "--json", "--quiet"],
        "signal phase": lambda tmp, mp: ["momentum", "--nu", "2", "--kappa", "1.5", "--batch", "2", "--dps", "15",
                                         "--json", "--quiet"],
    },
    "simulate": {
        "power law, infinite": _simulate(*POWER),
        "power law, N < 4K": _simulate(*POWER, "--N", "100"),
        "power law, --method exact": _simulate(*POWER, "--N", "100", "--method", "exact"),
        "power law, --method naive": _simulate(*POWER, "--N", "100", "--method", "naive"),
        "spectrum csv": _simulate("--spectrum", _csv),
        "spectrum npy, --method naive": _simulate("--spectrum", _npy, "--method", "naive"),
    },
}


def _run(argv: list[str], capsys) -> dict:
    capsys.readouterr()
    rc = main(argv)
    out = capsys.readouterr().out
    assert rc == 0, f"{argv}: exit {rc}"
    return json.loads(out)


# ---------------------------------------------------------------- the tests


def test_readme_documents_every_command() -> None:
    docs = documented()
    first = {cmd.split()[0] for cmd in docs}
    assert first <= set(cli.COMMANDS), f"key lists for unknown commands: {sorted(first - set(cli.COMMANDS))}"
    assert set(cli.COMMANDS) <= first, f"commands without a --json key list: {sorted(set(cli.COMMANDS) - first)}"
    assert set(docs) == set(CASES), ("every documented key list needs a cheap invocation here (and only those): "
                                     f"{sorted(set(docs) ^ set(CASES))}")


def test_readme_key_lists_are_in_the_parsed_form() -> None:
    """A key list written any other way (``--json prints ...``, ``--json: ...``) would go unchecked."""
    text = _prose(README.read_text(encoding="utf-8"))
    spans = [m.span() for m in MARKER.finditer(text)]
    for m in re.finditer(r"--json`?(?=:|[^.\n]{0,15}\b(keys|prints)\b)", text):
        line = text.count("\n", 0, m.start()) + 1
        assert any(a <= m.start() < b for a, b in spans), \
            f"README.md:{line}: {text[m.start() - 30:m.end() + 40]!r} is not in the form `CMD --json` keys: ..."


@pytest.mark.parametrize(("command", "case"), [(c, k) for c, cases in CASES.items() for k in cases])
def test_json_keys_match_readme(command: str, case: str, tmp_path, monkeypatch, capsys) -> None:
    keys, includes = documented()[command]
    data = _run(CASES[command][case](tmp_path, monkeypatch), capsys)
    actual = set(data)
    if includes:
        assert keys <= actual, f"{command} ({case}): documented but missing {sorted(keys - actual)}"
    else:
        assert actual == keys, (f"{command} ({case}): missing {sorted(keys - actual)}, "
                                f"undocumented {sorted(actual - keys)}")


def test_simulate_spectrum_file_says_so(tmp_path, capsys) -> None:
    """``--spectrum FILE``: the normalisation names the file and not the power law; K and the error are honest."""
    from proofs.numerics.engine import NORMALISATION

    spec = _csv(tmp_path)
    data = _run(_simulate("--spectrum", _csv)(tmp_path, None), capsys)
    assert str(spec) in data["normalisation"] and data["normalisation"] != NORMALISATION
    assert "k^-nu" not in data["normalisation"] and "Power-law problem" not in data["normalisation"]
    assert data["N"] == data["nodes"] == data["K"] == len(SPECTRUM) and data["method"] == "exact"
    assert data["kernel_rel_error_estimate"] == 0.0 and "exact kernels" in data["kernel_note"]
    naive = _run(_simulate("--spectrum", _npy, "--method", "naive")(tmp_path, None), capsys)
    assert str(tmp_path / "spec.npy") in naive["normalisation"]
    assert all(naive[k] is None for k in ("nodes", "K", "kernel_rel_error_estimate", "head_stepped"))
    assert "naive" in naive["kernel_note"]
    # the compressed power law: its own normalisation, a real head and a sampled estimate, no note
    power = _run(_simulate(*POWER)(tmp_path, None), capsys)
    assert power["normalisation"] == NORMALISATION and power["kernel_note"] is None
    assert power["K"] >= 256 and 0 <= power["kernel_rel_error_estimate"] < 1e-10
