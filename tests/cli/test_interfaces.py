"""Interfaces people expect: --quiet/--json, counts like 1e5, exit codes 0/1/2/3, progress without ``\\r`` in logs."""

from __future__ import annotations

import io
import json

import pytest

from proofs import progress
from sgd_proofs import cli
from sgd_proofs.options import parse_count

OWNED = ("derive", "check", "theorem2", "divergence", "simulate", "audit")
POWER = ["--nu", "1.5", "--kappa", "0.8", "--alpha", "1", "--beta", "0.5", "--gamma", "0.3", "--tau", "1"]
T2 = ["--nu", "2", "--kappa", "0.8", "--alpha", "0.5", "--beta", "0.5", "--gamma", "0.5", "--tau", "1"]


def _main(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        rc = cli.main(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2
        rc = exc.code
    out = capsys.readouterr()
    return rc, out.out, out.err


# ------------------------------------------------------------------------------------------ counts


@pytest.mark.parametrize("text, value", [("100000", 100000), ("1e5", 100000), ("1.0e5", 100000),
                                         ("100_000", 100000), ("2.5e3", 2500), ("1E2", 100), ("7", 7)])
def test_count_accepts_integral_values(text: str, value: int) -> None:
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["1.5", "-3", "0", "nan", "inf", "-inf", "1e400", "ten", "", "1e", "1__0", "1,000"])
def test_count_refuses_the_rest(text: str) -> None:
    with pytest.raises(ValueError, match=r"expected a positive integer, e\.g\. 100000 or 1e5"):
        parse_count(text)


def test_T_1e5_is_accepted_and_bad_counts_name_the_option(tmp_path, capsys) -> None:
    args = cli.build_parser().parse_args(["simulate", *POWER, "--T", "1e5", "--N", "2_000", "--out", "L.npy"])
    assert args.T == 100000 and args.N == 2000
    for bad in ("1.5", "-3", "nan", "inf", "1e400"):
        rc, out, err = _main(["simulate", *POWER, "--T", bad, "--out", str(tmp_path / "L.csv")], capsys)
        assert rc == 2 and "argument --T" in err and "a positive integer, e.g. 100000 or 1e5" in err, err
        assert "Traceback" not in err
    rc, _, err = _main(["theorem2", *T2, "--dps", "20"], capsys)
    assert rc == 2 and "argument --dps" in err and ">= 30" in err
    assert cli.build_parser().parse_args(["theorem2", *T2, "--dps", "4e1"]).dps == 40


def test_simulate_with_T_written_as_float_literal(tmp_path, capsys) -> None:
    rc, out, err = _main(["simulate", *POWER, "--T", "2e2", "--out", str(tmp_path / "L.npy"), "--json", "--quiet"],
                         capsys)
    assert rc == 0, err
    assert json.loads(out)["T"] == 200 and err == ""


# ------------------------------------------------------------------------------------------ exit codes


def _bad_inputs(tmp_path) -> list[list[str]]:
    notcert = tmp_path / "notcert.json"
    notcert.write_text('{"hello": 1}\n')
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json")
    afile = tmp_path / "afile"
    afile.write_text("x")
    bad_spec = tmp_path / "s.csv"
    bad_spec.write_text("1.0,0.5\n1.0\n")
    npy_junk = tmp_path / "junk.npy"
    npy_junk.write_bytes(b"not an npy file")
    out = str(tmp_path / "L.csv")
    return [
        ["derive", "--bogus"],
        ["check", str(notcert)],
        ["check", str(garbage), "--json"],
        ["check", str(tmp_path / "missing.json")],
        ["check", "--regenerate", str(tmp_path / "no-such-dir")],
        ["check", "--claim", str(tmp_path / "missing.toml"), str(notcert)],
        ["theorem2", *T2[:-2], "--tau", "x"],
        ["theorem2", *T2, "--dps", "1.5"],
        ["theorem2", *T2, "--Lambda", "nan"],
        ["theorem2", *T2[:-4], "--gamma", "-1", "--tau", "1"],
        ["divergence", *T2[:-4], "--gamma", "0", "--tau", "1"],
        ["divergence", *T2, "--Q", "0"],
        ["simulate", "--spectrum", str(tmp_path / "missing.csv"), *POWER[4:], "--T", "10", "--out", out],
        ["simulate", "--spectrum", str(bad_spec), *POWER[4:], "--T", "10", "--out", out],
        ["simulate", "--spectrum", str(npy_junk), *POWER[4:], "--T", "10", "--out", out],
        ["simulate", *POWER, "--T", "10", "--out", "/nonexistent/dir/L.csv"],
        ["simulate", *POWER, "--T", "10", "--out", str(tmp_path / "L.txt")],
        ["simulate", *POWER, "--T", "10", "--out", str(tmp_path)],
        ["simulate", *POWER, "--T", "ten", "--out", out],
        ["simulate", *POWER[:-2], "--tau", "nan", "--T", "10", "--out", out],
        ["audit", "--out", str(afile), "--quiet"],
        ["audit", "--out", str(tmp_path / "o"), "--committed", str(tmp_path / "nope"), "--quiet"],
        ["no-such-command"],
    ]


def test_bad_input_exits_2_without_traceback(tmp_path, capsys) -> None:
    failures = []
    for argv in _bad_inputs(tmp_path):
        rc, out, err = _main(argv, capsys)
        if rc != 2 or "Traceback" in err or not err.strip() and not out.strip():
            failures.append((argv, rc, err[-300:]))
    assert not failures, failures


@pytest.mark.parametrize("name", cli.COMMANDS)
def test_every_help_states_the_exit_codes(name: str, capsys) -> None:
    rc, out, _ = _main([name, "--help"], capsys)
    assert rc == 0 and "exit code" in out.lower()


@pytest.mark.parametrize("name", OWNED)
def test_quiet_and_json_everywhere(name: str, capsys) -> None:
    rc, out, _ = _main([name, "--help"], capsys)
    assert "--quiet" in out and "--json" in out


def test_derive_quiet_prints_nothing(capsys) -> None:
    rc, out, err = _main(["derive", "--quiet"], capsys)
    assert rc == 0 and out == "" and err == ""


def test_theorem2_quiet_json_has_no_stderr(capsys) -> None:
    rc, out, err = _main(["theorem2", *T2, "--no-time-route", "--json", "--quiet"], capsys)
    assert rc == 0 and err == "" and json.loads(out)["agree_digits"] >= 10


# ------------------------------------------------------------------------------------------ progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_plain_lines_off_a_terminal() -> None:
    s = io.StringIO()
    cb = progress.counter("fit", stream=s)
    for i in range(1, 1001):
        cb(i, 1000)
    st = progress.staged(stream=s)
    for i in range(0, 501):
        st("kernels", i, 500)
    st("renewal", 3, 3)
    progress.messages("[audit]", stream=s)("done")
    text = s.getvalue()
    assert "\r" not in text and text.endswith("\n")
    lines = text.splitlines()
    assert 20 <= len(lines) <= 26  # rate-limited: first, each tenth, last per stage
    assert lines[0].startswith("[fit] 1/1000") and "[fit] 1000/1000 (100%" in text
    assert "[kernels] 500/500 (100%" in text and "[renewal] 3/3 (100%" in text and lines[-1] == "[audit] done"


def test_progress_bar_on_a_terminal_and_quiet_silence() -> None:
    s = _Tty()
    cb = progress.counter("fit", stream=s)
    for i in range(1, 11):
        cb(i, 10)
    assert "\r" in s.getvalue() and "10/10" in s.getvalue()  # tqdm draws (and redraws) a bar
    q = io.StringIO()
    progress.counter("fit", quiet=True, stream=q)(1, 1)
    progress.staged(quiet=True, stream=q)("x", 1, 1)
    progress.note("hi", quiet=True, stream=q)
    assert q.getvalue() == ""


def test_simulate_progress_into_a_log_has_no_carriage_returns(tmp_path, capsys) -> None:
    rc, _, err = _main(["simulate", *POWER, "--T", "300", "--out", str(tmp_path / "L.npy")], capsys)
    assert rc == 0 and "\r" not in err and "(100%" in err
