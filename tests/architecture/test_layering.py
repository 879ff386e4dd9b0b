"""Package layering: ``symbolic → proofs → certificates ← checker``, with ``audit`` and the CLI on top.

Every module of the project packages is read with ``ast`` (never imported); every import statement
counts — at module level and inside functions — and so does ``importlib.import_module`` with a
literal (or f-string literal prefix) module name. Relative imports are resolved against the module's
package. The package of an import is its first dotted component. Rules:

* the package graph among project packages has no cycle;
* ``checker`` imports nothing but the standard library and itself;
* ``symbolic`` imports none of ``proofs``, ``sgd_proofs``, ``checker``, ``audit``;
* ``proofs`` imports none of ``sgd_proofs``, ``checker``, ``audit``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("checker", "symbolic", "proofs", "audit", "sgd_proofs")
FORBIDDEN = {
    "symbolic": {"proofs", "sgd_proofs", "checker", "audit"},
    "proofs": {"sgd_proofs", "checker", "audit"},
}

#: (importing module, imported module) pairs that break a rule today and are being removed by the
#: engineer who owns the importing file: the producer-side replacements exist (symbolic.polynomial,
#: symbolic.targets, symbolic.normalisation, proofs.numerics.digits, proofs.certio,
#: proofs.producers). The goal is an empty set; an entry that no longer occurs fails the test.
PENDING: set[tuple[str, str]] = set()


def modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        base = ROOT / pkg
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def _resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def imports_of(module: str, path: Path) -> set[str]:
    """Every module name ``module`` imports (absolute, dotted)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, is_package, node.level, node.module) if node.level else node.module
            found.add(target)
            # ``from pkg import sub`` may import a submodule: count it as well
            found.update(f"{target}.{alias.name}" for alias in node.names if alias.name != "*")
        elif (isinstance(node, ast.Call) and node.args
              and ((isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                   or (isinstance(node.func, ast.Name) and node.func.id == "import_module"))):
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
            elif isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
                found.add(str(arg.values[0].value).rstrip("."))
    return {f for f in found if f}


def _top(name: str) -> str:
    return name.split(".")[0]


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    mods = modules()
    assert "symbolic" in mods and "proofs" in mods and "checker" in mods, "project packages not found"
    return {m: imports_of(m, p) for m, p in mods.items()}


def _project_edges(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    """(importing module, imported project module) pairs that cross package boundaries."""
    return {(m, i) for m, imps in graph.items() for i in imps
            if _top(i) in PACKAGES and _top(i) != _top(m)}


def violations(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    bad = set()
    for m, imps in graph.items():
        pkg = _top(m)
        for i in imps:
            top = _top(i)
            if pkg == "checker" and top != "checker" and top not in sys.stdlib_module_names:
                bad.add((m, i))
            if top in FORBIDDEN.get(pkg, set()):
                bad.add((m, i))
    return bad


def package_cycle(edges: set[tuple[str, str]]) -> list[str] | None:
    """A cycle of the package graph (as a list of packages), or None."""
    adj: dict[str, set[str]] = {}
    for m, i in edges:
        adj.setdefault(_top(m), set()).add(_top(i))
    colour: dict[str, int] = {}
    path: list[str] = []

    def visit(p: str) -> list[str] | None:
        colour[p] = 1
        path.append(p)
        for q in sorted(adj.get(p, ())):
            if colour.get(q) == 1:
                return path[path.index(q):] + [q]
            if q not in colour and (cyc := visit(q)):
                return cyc
        colour[p] = 2
        path.pop()
        return None

    for p in sorted(adj):
        if p not in colour and (cyc := visit(p)):
            return cyc
    return None


def test_rules_hold_apart_from_pending(graph) -> None:
    bad = violations(graph) - PENDING
    assert not bad, "layering violations:\n" + "\n".join(f"  {m} imports {i}" for m, i in sorted(bad))


def test_pending_entries_still_occur(graph) -> None:
    stale = PENDING - violations(graph)
    assert not stale, f"remove from PENDING (fixed): {sorted(stale)}"


def test_no_package_cycle(graph) -> None:
    edges = _project_edges(graph) - PENDING
    cyc = package_cycle(edges)
    assert cyc is None, "package cycle: " + " -> ".join(cyc or [])


# the analysis itself must be able to fail


def test_detects_function_level_and_dynamic_imports(tmp_path) -> None:
    src = tmp_path / "mod.py"
    src.write_text("import os\n\ndef f():\n    from checker.poly import parse\n    import importlib\n"
                   "    importlib.import_module(f'checker.{x}')\n    from . import sibling\n")
    got = imports_of("proofs.sub.mod", src)
    assert {"os", "checker.poly", "checker", "proofs.sub.sibling"} <= got
    assert violations({"proofs.sub.mod": got}) >= {("proofs.sub.mod", "checker.poly"), ("proofs.sub.mod", "checker")}


def test_detects_cycles_and_non_stdlib_checker_imports() -> None:
    assert package_cycle({("a.x", "b.y"), ("b.z", "a.w")}) in (["a", "b", "a"], ["b", "a", "b"])
    assert package_cycle({("a.x", "b.y"), ("b.z", "c.w")}) is None
    assert violations({"checker.core": {"json", "sympy"}}) == {("checker.core", "sympy")}
    assert violations({"symbolic.x": {"proofs.claim", "sympy"}}) == {("symbolic.x", "proofs.claim")}
