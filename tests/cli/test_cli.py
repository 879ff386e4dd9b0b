"""The command line: every registered subcommand exists and bad invocations exit cleanly."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

from sgd_proofs import cli


@pytest.mark.parametrize("name", cli.COMMANDS)
def test_every_registered_command_imports(name: str) -> None:
    mod = importlib.import_module(f"sgd_proofs.commands.{name.replace('-', '_')}")
    for attr in ("HELP", "add_arguments", "run"):
        assert hasattr(mod, attr), f"{name} lacks {attr}"


def test_help_lists_every_command() -> None:
    out = subprocess.run([sys.executable, "-m", "sgd_proofs.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for name in cli.COMMANDS:
        assert name in out.stdout


@pytest.mark.slow
def test_derive_json_keys_and_paper_equality() -> None:
    from checker.paper import TARGETS
    from checker.poly import parse

    out = subprocess.run([sys.executable, "-m", "sgd_proofs.cli", "derive", "--json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"moment_operator", "noise_vector", "S", "R1", "u_numerator", "v_numerator", "normalisation"}
    v = ["a", "b", "g", "z"]
    assert parse(data["S"], v) == parse(TARGETS["S"], v)
    assert parse(data["R1"], v) == parse(TARGETS["R1"], v)
    assert len(data["moment_operator"]) == 3 and all(len(r) == 3 for r in data["moment_operator"])


def test_check_missing_file_fails_with_reason(tmp_path) -> None:
    bad = tmp_path / "nope.json"
    bad.write_text("{not json")
    out = subprocess.run([sys.executable, "-m", "sgd_proofs.cli", "check", str(bad)], capture_output=True, text=True)
    assert out.returncode == 2  # the standalone checker: a file that is not a certificate is unusable input
    assert "FAIL" in out.stdout and "nope.json" in out.stdout
    assert "Traceback" not in out.stderr


def test_version_and_module_entry_point():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "sgd_proofs", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("sgd-proofs ")
    out = subprocess.run([sys.executable, "-m", "sgd_proofs"], capture_output=True, text=True)
    assert out.returncode == 2 and "COMMAND" in out.stdout


def test_default_output_directories_are_git_ignored():
    from pathlib import Path

    ignored = (Path(__file__).resolve().parents[2] / ".gitignore").read_text().split()
    assert {"audit-report/", "report/"} <= set(ignored)


def test_closed_pipe_is_no_traceback() -> None:
    """``sgd-proofs derive --json | head -1``: the reader leaves early; exit 141 (SIGPIPE's code), no traceback."""
    import subprocess
    import sys

    p = subprocess.Popen([sys.executable, "-m", "sgd_proofs", "derive", "--json"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    p.stdout.close()  # at once: the derivation takes ~1 s, so the JSON is written into a closed pipe
    err = p.stderr.read().decode()
    assert p.wait() == 141 and "Traceback" not in err, err
