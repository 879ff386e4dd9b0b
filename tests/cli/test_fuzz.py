"""A fuzzed command line (issue 19, item 3): random argument vectors for every subcommand of the CLI.

Every command in ``sgd_proofs.cli.COMMANDS`` is fuzzed (the list is read at run time, so a new command is
fuzzed automatically); its options are read from its argparse parser. Values: valid and invalid numbers,
``nan``, ``inf``, ``1e400``, negative counts, unknown flags, empty, huge and random-byte files, deeply
nested expressions as claim files and spectra. ``sgd_proofs.cli.main(argv)`` runs in-process inside a
temporary working directory (outputs never reach ``certificates/``) with a SIGALRM time budget. The
outcome must be an exit code 0/1/2/3 — argparse's ``SystemExit`` included — with a message on a failure,
never an uncaught exception (a traceback) and never a run past the budget.

Profiles: the default runs ``SGD_FUZZ_EXAMPLES`` (default 240) examples in total, spread over the
commands; ``SGD_FUZZ_EXAMPLES=20000`` selects a large run. ``regenerate`` and ``audit`` do minutes of
legitimate work when their arguments are valid, so every generated vector for them ends with an unknown
flag (only their argument parsing is fuzzed); their valid runs are tested elsewhere.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import signal
import tempfile
import traceback
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sgd_proofs import cli

TOTAL = int(os.environ.get("SGD_FUZZ_EXAMPLES", "240"))
PER_COMMAND = max(5, TOTAL // len(cli.COMMANDS))
# the one-mutation strategy (below): its own count, as its valid runs of the numeric commands take seconds each
MUTATED_PER_COMMAND = int(os.environ.get("SGD_FUZZ_MUTATED", "6"))
BUDGET = int(os.environ.get("SGD_FUZZ_BUDGET", "20"))  # seconds per call
HEAVY = {"regenerate", "audit"}  # valid arguments mean minutes of (tested elsewhere) work; and check --regenerate
EXIT_CODES = {0, 1, 2, 3}

# applied to the fuzz tests only: a profile loaded here would replace tests/conftest.py's for the whole session
# (collection imports this module before any test runs), and every other property test would run with
# PER_COMMAND examples and all health checks suppressed
FUZZ = settings(max_examples=PER_COMMAND, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck), database=None)


class Budget(BaseException):  # not an Exception: a command's `except Exception` must not swallow it
    pass


def _alarm(signum, frame):
    raise Budget()


def _subparser(name: str) -> argparse.ArgumentParser:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[name]


def _options(name: str) -> tuple[list[argparse.Action], list[argparse.Action]]:
    p = _subparser(name)
    opts = [a for a in p._actions if a.option_strings and not isinstance(a, argparse._HelpAction)]
    pos = [a for a in p._actions if not a.option_strings]
    return opts, pos


# ---------------------------------------------------------------------------------------------- values

NUMBERS = st.one_of(
    st.sampled_from(["nan", "inf", "-inf", "1e400", "-1e400", "0", "-0", "-1", "-3", "1.5", "1e5", "100_000",
                     "1_", "__1", "0x10", "1/2", "", " ", "abc", "1e-400", "9" * 400, "--", "-", "1e", "e5",
                     "2**10", "NaN", "Infinity", "１２"]),
    st.integers(-10**6, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=12),
)
SMALL_COUNTS = st.sampled_from(["1", "2", "3", "10", "50", "1e2", "200"])


def nested(depth: int, inner: str = "a") -> str:
    return "(" * depth + inner + ")" * depth


CLAIM_EXPR = st.one_of(
    st.integers(1, 20000).map(lambda d: nested(d) + " > 0"),
    st.integers(1, 3000).map(lambda d: "-" * d + "a >= 0"),
    st.integers(1, 2000).map(lambda d: "a" + "**2" * d + " > 0"),
    st.integers(0, 10**6).map(lambda e: f"a**{e} + 1 > 0"),
    st.sampled_from(["a > 0", "a*a + 1 > 0", "a**2 >= 0", "1/0 > a", "a => b", "a < b < c", "a = 0", "a ≥ 0",
                     "0.5*a > 0", "1e3 > a", "a and b", "", "a >", "> 0", "a**-1 > 0", "a**(1/2) > 0"]),
    st.text(max_size=40),
)


@st.composite
def claim_file(draw, path: Path) -> Path:
    kind = draw(st.sampled_from(["toml", "bytes", "empty", "huge", "nested-toml"]))
    if kind == "toml":
        show = draw(CLAIM_EXPR)
        assume = draw(st.lists(CLAIM_EXPR, max_size=3))
        variables = draw(st.sampled_from([["a"], ["a", "b"], [], ["a", "a"], ["1a"], ["a"] * 20]))
        text = (f"name = {draw(st.text(max_size=30))!r}\nvariables = {variables!r}\n"
                f"assume = {assume!r}\nshow = {show!r}\n").replace("'", '"')
        path.write_text(text if draw(st.booleans()) else text.replace('"', "'"), errors="surrogatepass")
        try:
            path.write_text(f"name = \"x\"\nvariables = {variables!r}\nassume = {assume!r}\nshow = {show!r}\n"
                            .replace("\\'", "'"))
        except UnicodeEncodeError:
            path.write_bytes(text.encode("utf-8", "replace"))
    elif kind == "bytes":
        path.write_bytes(draw(st.binary(max_size=2000)))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "huge":
        path.write_bytes(b"name = \"x\"\nvariables = [\"a\"]\nshow = \"" + b"a+" * 3_000_000 + b"a > 0\"\n")
    else:
        d = draw(st.integers(100, 100_000))
        path.write_bytes(b"x = " + b"[" * d + b"]" * d + b"\n")
    return path


@st.composite
def spectrum_file(draw, path: Path) -> Path:
    kind = draw(st.sampled_from(["csv", "bytes", "empty", "huge", "npy", "npy-bad", "nested"]))
    if kind == "csv":
        vals = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), NUMBERS)
        rows = draw(st.lists(st.lists(vals, min_size=0, max_size=4), max_size=20))
        sep = draw(st.sampled_from([",", ";", " ", "\t"]))
        path = path.with_suffix(".csv")
        path.write_text("\n".join(sep.join(r) for r in rows), errors="replace")
    elif kind == "bytes":
        path = path.with_suffix(draw(st.sampled_from([".csv", ".npy", ".txt"])))
        path.write_bytes(draw(st.binary(max_size=2000)))
    elif kind == "empty":
        path = path.with_suffix(draw(st.sampled_from([".csv", ".npy"])))
        path.write_bytes(b"")
    elif kind == "huge":
        path = path.with_suffix(".csv")
        path.write_bytes(b"1,0.5\n" * 2_000_000)
    elif kind == "npy":
        shape = draw(st.sampled_from([(0, 2), (3, 2), (3,), (2, 2, 2), (4, 3), (1, 2), ()]))
        dtype = draw(st.sampled_from(["<f8", "<f4", "<i8", "<c16", "|S3", "<U2", "|b1", "<M8[s]"]))
        path = path.with_suffix(".npy")
        arr = np.ones(shape, dtype="<f8") * draw(st.sampled_from([1.0, 0.5, -1.0, 0.0, np.nan, np.inf, 1e308]))
        np.save(path, arr.astype(dtype) if dtype not in ("<M8[s]",) else np.zeros(shape, dtype=dtype))
    elif kind == "npy-bad":
        path = path.with_suffix(".npy")
        rows = draw(st.sampled_from([10**12, 3_000_000, -1]))
        header = f"{{'descr': '<f8', 'fortran_order': False, 'shape': ({rows}, 2), }}".encode()
        header += b" " * (63 - len(header) % 64) + b"\n"
        path.write_bytes(b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header + b"\0" * 64)
    else:
        path = path.with_suffix(".csv")
        path.write_text(nested(draw(st.integers(10, 10_000)), "1") + "," + "1\n")
    return path


# ---------------------------------------------------------------------------------------------- argv

VALID = {  # the numeric commands' valid branch: small, fast values (limits keep it so anyway)
    "simulate": {"--nu": ["1.5", "2", "1.1"], "--kappa": ["0.8", "1"], "--alpha": ["1", "0.5"],
                 "--beta": ["0.5", "0", "-0.5"], "--gamma": ["0.3", "0"], "--tau": ["1", "0", "-1"]},
    "theorem2": {"--nu": ["2", "1.5"], "--kappa": ["0.8", "3"], "--alpha": ["0.5"], "--beta": ["0.5", "0"],
                 "--gamma": ["0.5", "0"], "--tau": ["1", "0"], "--dps": ["30"]},
}
VALID["divergence"] = dict(VALID["theorem2"], **{"--alpha": ["0.3"], "--beta": ["0.9"], "--tau": ["0"]})


@st.composite
def value_for(draw, action: argparse.Action, tmp: Path, command: str, valid: bool) -> list[str]:
    """The tokens following ``action``'s option string (possibly none, possibly too many)."""
    flag = action.option_strings[0] if action.option_strings else ""
    if action.nargs == 0:
        return []
    name = (action.dest or "").lower()
    n = 1 if action.nargs in (None, "?") else draw(st.integers(0 if action.nargs == "*" else 1, 3))
    out = []
    for i in range(n):
        valid = valid or draw(st.integers(0, 3)) > 0  # most options well-formed, so the commands get past parsing
        if valid and flag in VALID.get(command, {}):
            out.append(draw(st.sampled_from(VALID[command][flag])))
        elif valid and flag in ("--T", "--N", "--dps"):
            out.append(draw(SMALL_COUNTS) if flag != "--dps" else "30")
        elif action.choices:
            out.append(draw(st.one_of(st.sampled_from(sorted(map(str, action.choices))), st.text(max_size=8))))
        elif "spectrum" in name:
            out.append(str(draw(spectrum_file(tmp / f"spec{i}"))))
        elif name in ("claim", "paths") or "recorded" in name:
            pick = draw(st.sampled_from(["claim", "missing", "dir", "spectrum"]))
            if pick == "claim":
                out.append(str(draw(claim_file(tmp / f"claim{i}.toml"))))
            elif pick == "missing":
                out.append(str(tmp / "missing.toml"))
            elif pick == "dir":
                out.append(str(tmp))
            else:
                out.append(str(draw(spectrum_file(tmp / f"s{i}"))))
        elif name in ("out", "smt2", "qepcad", "redlog") and valid and command == "simulate":
            out.append(str(tmp / draw(st.sampled_from(["o.npy", "o.csv"]))))
        elif name in ("out", "smt2", "qepcad", "redlog"):
            out.append(draw(st.sampled_from([str(tmp / "o.npy"), str(tmp / "o.csv"), str(tmp / "o.json"),
                                             str(tmp / "nodir" / "o.npy"), str(tmp / "o.txt"), str(tmp), "",
                                             str(tmp / "outdir")])))
        elif name == "max_memory":
            out.append(draw(st.one_of(st.sampled_from(["8G", "1", "0", "-1G", "1e400", "nan", "100M", "2GiB"]),
                                      NUMBERS)))
        elif name == "timeout":
            out.append(draw(st.one_of(st.sampled_from(["1", "0.5"]), NUMBERS)) if not valid else "2")
        else:
            out.append(draw(NUMBERS))
    return out


@st.composite
def argv_for(draw, command: str, tmp: Path) -> list[str]:
    opts, pos = _options(command)
    valid = command not in HEAVY and draw(st.integers(0, 3)) == 0
    argv = [command]
    for a in pos:  # positionals, usually present
        if a.dest == "command":
            continue
        if draw(st.integers(0, 5)) or valid:
            argv += draw(value_for(a, tmp, command, valid))
    for a in opts:
        required = getattr(a, "required", False)
        if required and (valid or draw(st.integers(0, 5))) or draw(st.integers(0, 3)) == 0:
            argv.append(draw(st.sampled_from(a.option_strings)))
            argv += draw(value_for(a, tmp, command, valid))
    if valid and command == "prove":
        argv += ["--timeout", "2", "--methods", "bernstein", "intervals"]
    if not valid and (command in HEAVY or draw(st.integers(0, 4)) == 0):
        junk = draw(st.sampled_from(["--no-such-flag", "--T", "-x", "--", "nan", "1e400", "--dps=-1",
                                     "--max-memory=lots", str(tmp / "missing.toml"), "--out="]))
        argv.insert(draw(st.integers(1, len(argv))), junk)
    if command in HEAVY or _heavy_flag(command, argv):
        argv.append("--no-such-flag")  # argparse refuses it wherever the rest landed: never a full run
    return argv


def _heavy_flag(command: str, argv: list[str]) -> bool:
    """``check --regenerate`` rebuilds every certificate (minutes, tested in tests/cli/test_certificates_current.py):
    like ``regenerate`` itself, only its argument parsing is fuzzed."""
    return command == "check" and any(a.startswith("--r") and "--regenerate".startswith(a.split("=")[0])
                                      for a in argv[1:])


# ------------------------------------------------------------------ one mutation of a valid argument vector
#
# Fully random vectors mostly stop at argument parsing (exit 2 from argparse or the option validators). To reach
# the code behind the parser, the second strategy starts from a *valid* vector of each command (the base below,
# itself tested to exit 0) and changes exactly one thing: a value, a flag, a token dropped, duplicated or
# inserted, two tokens swapped, or the input file (a certificate for ``check``, a claim for ``prove``) edited
# at one place, re-hashed or not.

CHECK_CERTS = ["lemma1.2.json", "check.eq21.json", "divergence_div_momentum.json", "theorem2_signal_nu2.json",
               "prop4.term_gap.json", "sharp.S.g_nonneg.exact.json", "appH.if.json", "lemma1.1.json",
               "prop12.momentum.json", "eq29.subleading.json"]
CLAIM = 'name = "fuzz base"\nvariables = ["a", "b"]\nassume = ["a > 0", "a < 1", "b >= 0", "b <= 1"]\n' \
        'show = "a**2 + a*b + 1 > 0"\n'
BASE = {
    "check": ["check", "{cert}"],
    "prove": ["prove", "{claim}", "--timeout", "2", "--methods", "bernstein", "intervals", "--json"],
    "theorem2": ["theorem2", "--nu", "2", "--kappa", "0.8", "--alpha", "0.5", "--beta", "0.5", "--gamma", "0.5",
                 "--tau", "1", "--dps", "30", "--no-time-route"],
    "divergence": ["divergence", "--nu", "2", "--kappa", "0.8", "--alpha", "0.3", "--beta", "0.9", "--gamma", "0.5",
                   "--tau", "0", "--dps", "30", "--no-time-route"],
    "simulate": ["simulate", "--nu", "1.5", "--kappa", "0.8", "--alpha", "0.5", "--beta", "0.5", "--gamma", "0.3",
                 "--tau", "1", "--T", "50", "--N", "100", "--out", "{tmp}/o.npy", "--json"],
    "derive": ["derive", "--json"],
    "momentum": ["momentum", "--nu", "2", "--kappa", "0.8", "--dps", "15", "--json"],
    "export": ["export", "coq", "--out", "{tmp}/coq", "--certificates", "{certs}", "--json"],
}
CERT_DIR = Path(__file__).resolve().parents[2] / "certificates"


def _json_leaves(obj, path=()):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _json_leaves(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _json_leaves(v, path + (i,))
    yield path


JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.sampled_from([10**400, -1, 0]),
                        st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
                        st.sampled_from(["1/0", "nan", "../../etc/passwd", "proved", "refuted", "", "x" * 5000,
                                         "a**2 > 0", "0", "-1/3"]),
                        st.lists(st.integers(-3, 3), max_size=4), st.just({}), st.just([[[[]]]]))


@st.composite
def mutated_cert(draw, tmp: Path) -> Path:
    """A copy of a committed certificate (with its side files) changed at one place."""
    import json
    import shutil
    name = draw(st.sampled_from(CHECK_CERTS))
    src = CERT_DIR / name
    dst = tmp / name
    side = CERT_DIR / name[:-len(".json")]
    if side.is_dir():
        shutil.copytree(side, tmp / side.name)
    how = draw(st.sampled_from(["leaf", "leaf-rehash", "delete-rehash", "bytes", "truncate"]))
    raw = src.read_bytes()
    if how == "bytes":
        i = draw(st.integers(0, len(raw) - 1))
        raw = raw[:i] + draw(st.binary(min_size=1, max_size=3)) + raw[i + 1:]
    elif how == "truncate":
        raw = raw[:draw(st.integers(0, len(raw) - 1))]
    elif how != "intact":
        cert = json.loads(raw)
        paths = [p for p in _json_leaves(cert["content"]) if p]
        path = draw(st.sampled_from(paths))
        parent = cert["content"]
        for k in path[:-1]:
            parent = parent[k]
        if how.startswith("delete") and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(JSON_VALUES)
        if how.endswith("rehash"):
            from checker.core import canonical
            body = {k: cert[k] for k in ("format", "kind", "name", "content") if k in cert}
            try:
                cert["sha256"] = hashlib.sha256(canonical(body).encode()).hexdigest()
            except ValueError:  # a value canonical JSON refuses: leave the old hash
                pass
        raw = json.dumps(cert, indent=1, default=str).encode()
    dst.write_bytes(raw)
    return dst


@st.composite
def mutated_claim(draw, tmp: Path, edit: bool) -> Path:
    path = tmp / "claim.toml"
    text = CLAIM
    if edit:
        i = draw(st.integers(0, len(text) - 1))
        text = text[:i] + draw(st.one_of(st.text(max_size=3), st.sampled_from(["(", ")", "**", "/0", "[", '"', "\\",
                                                                                  "\n", "=", "e400", "9" * 50]))) \
            + text[i + draw(st.integers(0, 3)):]
    path.write_text(text, errors="surrogatepass") if "\ud800" not in text else path.write_bytes(b"\xff")
    return path


@st.composite
def mutated_argv(draw, command: str, tmp: Path) -> list[str]:
    op = draw(st.sampled_from(["value", "flag", "drop", "dup", "insert", "swap", "file", "none"]))
    argv = list(BASE[command])
    if "{cert}" in argv:
        argv[argv.index("{cert}")] = str(draw(mutated_cert(tmp)) if op == "file" else _copy_cert(tmp))
    if "{claim}" in argv:
        argv[argv.index("{claim}")] = str(draw(mutated_claim(tmp, edit=op == "file")))
    argv = [a.replace("{tmp}", str(tmp)).replace("{certs}", str(CERT_DIR)) for a in argv]
    opts, _ = _options(command)
    flags = sorted(s for a in opts for s in a.option_strings) + ["--no-such-flag", "-x", "--", "-"]
    idx = list(range(1, len(argv)))
    if op == "value" and idx:
        values = [i for i in idx if not argv[i].startswith("--")] or idx
        i = draw(st.sampled_from(values))
        argv[i] = draw(st.one_of(NUMBERS, st.sampled_from([str(tmp / "missing"), str(tmp), "", "/dev/null",
                                                            str(tmp / "nodir" / "o.npy")])))
    elif op == "flag" and idx:
        i = draw(st.sampled_from([i for i in idx if argv[i].startswith("-")] or idx))
        argv[i] = draw(st.sampled_from(flags))
    elif op == "drop" and idx:
        del argv[draw(st.sampled_from(idx))]
    elif op == "dup" and idx:
        i = draw(st.sampled_from(idx))
        argv.insert(i, argv[i])
    elif op == "insert":
        argv.insert(draw(st.integers(1, len(argv))), draw(st.one_of(st.sampled_from(flags), NUMBERS)))
    elif op == "swap" and len(idx) >= 2:
        i, j = draw(st.lists(st.sampled_from(idx), min_size=2, max_size=2, unique=True))
        argv[i], argv[j] = argv[j], argv[i]
    if _heavy_flag(command, argv):
        argv.append("--no-such-flag")
    return argv


def _copy_cert(tmp: Path) -> Path:
    import shutil
    src = CERT_DIR / "check.eq21.json"
    shutil.copy(src, tmp / src.name)
    return tmp / src.name


def run_main(argv: list[str], cwd: Path) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_cwd = os.getcwd()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(BUDGET)
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = cli.main(argv)
            except SystemExit as exc:
                rc = exc.code
    except Budget:
        pytest.fail(f"{argv}: still running after the {BUDGET} s budget")
    except BaseException as exc:  # an uncaught exception is exactly what the fuzzer looks for
        pytest.fail(f"{argv}: uncaught {type(exc).__name__}: {exc}\n{traceback.format_exc()}"
                    f"\nstderr: {err.getvalue()[-2000:]}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        os.chdir(old_cwd)
    if os.environ.get("SGD_FUZZ_LOG"):  # one line per call: command, exit code, last line of stderr
        last = (err.getvalue().strip().splitlines() or [""])[-1][:160]
        with open(os.environ["SGD_FUZZ_LOG"], "a") as fh:
            fh.write(f"{argv[0] if argv else ''}\t{rc}\t{last}\n")
    return rc, out.getvalue(), err.getvalue()


def check_outcome(argv: list[str], rc: object, out: str, err: str) -> None:
    rc = 0 if rc is None else rc
    assert rc in EXIT_CODES, f"{argv}: exit {rc!r}\n{err[-2000:]}"
    assert "Traceback (most recent call last)" not in err + out, f"{argv}: traceback\n{err[-3000:]}"
    if rc == 2:  # the reason: on stderr, or in the report on stdout (check, --json)
        text = err.strip() or out.strip()
        assert text, f"{argv}: exit 2 without a message"
        last = text.splitlines()[-1]
        assert err.strip() == "" or "error" in err.lower() or "usage" in err.lower(), \
            f"{argv}: unclear message {last!r}"


@pytest.mark.parametrize("command", cli.COMMANDS)
def test_every_command_is_fuzzed(command):
    """The list is read at run time: a command added to COMMANDS gets options and a fuzz run."""
    opts, pos = _options(command)
    assert opts, f"{command} has no options to fuzz"


@pytest.mark.parametrize("command", cli.COMMANDS)
@given(data=st.data())
@FUZZ
def test_fuzz(command, data):
    with tempfile.TemporaryDirectory(prefix="sgd-fuzz-") as d:
        tmp = Path(d)
        argv = data.draw(argv_for(command, tmp), label="argv")
        rc, out, err = run_main(argv, tmp)
        check_outcome(argv, rc, out, err)
        assert not (tmp / "certificates").exists() or command != "check"


@pytest.mark.parametrize("command", sorted(BASE))
def test_base_vectors_are_valid(command, tmp_path):
    """The starting points of the mutation strategy run to completion (exit 0): a mutation starts from success."""
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{certs}", str(CERT_DIR)) for a in BASE[command]]
    if "{cert}" in argv:
        argv[argv.index("{cert}")] = str(_copy_cert(tmp_path))
    if "{claim}" in argv:
        (tmp_path / "claim.toml").write_text(CLAIM)
        argv[argv.index("{claim}")] = str(tmp_path / "claim.toml")
    rc, out, err = run_main(argv, tmp_path)
    assert rc in (0, None), f"{argv}: exit {rc}\n{err[-2000:]}"


@pytest.mark.parametrize("command", sorted(BASE))
@given(data=st.data())
@settings(FUZZ, max_examples=MUTATED_PER_COMMAND)
def test_fuzz_one_mutation(command, data):
    with tempfile.TemporaryDirectory(prefix="sgd-fuzz-") as d:
        tmp = Path(d)
        argv = data.draw(mutated_argv(command, tmp), label="argv")
        rc, out, err = run_main(argv, tmp)
        check_outcome(argv, rc, out, err)


# --------------------------------------------------------------------------- regressions found by the fuzzer

REGRESSIONS: list[tuple[list[str], bytes | None]] = [
    # before the limits: a head K = (alpha Lambda / a_osc)^(1/nu) of ~1e13 directions was allocated
    (["simulate", "--alpha", "0.5", "--beta", "0.99999999", "--gamma", "0.3", "--tau", "1", "--nu", "1.01",
      "--kappa", "0.8", "--T", "1000", "--out", "{tmp}/L.npy"], None),
    # before the limits: numpy ArrayMemoryError traceback
    (["simulate", "--nu", "1.5", "--kappa", "0.8", "--alpha", "1", "--beta", "0.5", "--gamma", "0.3", "--tau", "1",
      "--T", "1000000000000", "--out", "{tmp}/L.npy"], None),
]


@pytest.mark.parametrize("argv,spectrum", REGRESSIONS)
def test_fuzz_regressions(argv, spectrum, tmp_path):
    if spectrum is not None:
        (tmp_path / "spec.npy").write_bytes(spectrum)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    rc, out, err = run_main(argv, tmp_path)
    check_outcome(argv, rc, out, err)
    assert rc == 2
