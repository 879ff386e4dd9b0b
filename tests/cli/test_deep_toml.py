"""Regression (found by tests/cli/test_fuzz.py): a deeply nested TOML claim file made tomllib raise
RecursionError, a traceback from `sgd-proofs check --claim` and `prove`; now an input error, exit 2."""

from __future__ import annotations

import pytest

from sgd_proofs.cli import main

DEEP = "show = " + "[" * 100000 + "]" * 100000 + "\n"


@pytest.mark.parametrize("argv", [["check", "--claim"], ["prove"]])
def test_deeply_nested_claim_file(tmp_path, capsys, argv):
    f = tmp_path / "deep.toml"
    f.write_text(DEEP)
    rc = main([*argv, str(f)] if argv == ["prove"] else [*argv, str(f), str(tmp_path)])
    err = capsys.readouterr().err
    assert rc == 2
    assert "nested too deeply" in err and "Traceback" not in err
