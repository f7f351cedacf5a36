"""The library's module layout: no import cycles, no function-local imports (but the
one with a stated reason), every ``kinship`` name imported anywhere in the repository
exists, and the deprecated aliases still work."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KINSHIP = ROOT / "kinship"

#: Function-local imports that are intended, with their reason.
LOCAL_IMPORTS = {
    # joblib costs 0.2–0.4 s to import; the CLI's pairwise path never needs it.
    ("kinship/dvi/search.py", "joblib"),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(KINSHIP.rglob("*.py"))}


def _targets(node: ast.Import | ast.ImportFrom) -> list[str]:
    """The kinship modules one import statement loads."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "kinship"]
    if node.module is None or node.module.split(".")[0] != "kinship":
        return []
    out = []
    for a in node.names:
        sub = f"{node.module}.{a.name}"
        out.append(sub if sub in MODULES else node.module)
    return out


def _import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = {
            t
            for node in tree.body
            if isinstance(node, ast.Import | ast.ImportFrom)
            for t in _targets(node)
            if t != name
        }
    return graph


def test_module_level_imports_have_no_cycle():
    """Depth-first search over the module-level imports of every kinship module
    (the old circle was markers → likelihood → provenance → markers)."""
    graph = _import_graph()
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        if state.get(m) == 2:
            return
        assert state.get(m) != 1, " → ".join([*path[path.index(m) :], m])
        state[m] = 1
        for t in sorted(graph.get(m, ())):
            visit(t, [*path, m])
        state[m] = 2

    for m in graph:
        visit(m, [])
    assert "kinship.likelihood" not in graph["kinship.markers"]
    assert "kinship.markers" not in graph["kinship.mutation"]


def test_no_function_local_imports():
    found = set()
    for path in MODULES.values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Import):
                    found |= {(str(path.relative_to(ROOT)), a.name) for a in node.names}
                elif isinstance(node, ast.ImportFrom):
                    found.add((str(path.relative_to(ROOT)), node.module or ""))
    assert found == LOCAL_IMPORTS


def test_every_module_imports_first_in_a_fresh_interpreter():
    """Each module imported on its own, first, in a new process: an import cycle
    would fail for some entry point."""
    script = (
        "import importlib, sys\n"
        f"for name in {sorted(m for m in MODULES if m != 'kinship.__main__')!r}:\n"
        "    for k in [k for k in sys.modules if k == 'kinship' or k.startswith('kinship.')]:\n"
        "        del sys.modules[k]\n"
        "    importlib.import_module(name)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)


def _kinship_imports_in_repo() -> set[tuple[str, str, str]]:
    """(file, module, name) of every ``from kinship... import name`` outside kinship/."""
    out = set()
    for top in ("casework", "bench", "tests", "config", "linkage"):
        for path in (ROOT / top).rglob("*.py"):
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"))
            except (SyntaxError, UnicodeDecodeError):
                continue
            for node in ast.walk(tree):
                if not isinstance(node, ast.ImportFrom):
                    continue
                module = node.module or ""
                if module == "kinship" or module.startswith("kinship."):
                    for a in node.names:
                        out.add((str(path.relative_to(ROOT)), module, a.name))
    return out


def test_every_kinship_name_imported_in_the_repository_exists():
    """``from kinship.dvi import X`` (and every other kinship import) in casework/,
    bench/ and tests/ still resolves after the dvi package split and the renames."""
    missing = []
    for path, module, name in sorted(_kinship_imports_in_repo()):
        mod = importlib.import_module(module)
        if not hasattr(mod, name) and f"{module}.{name}" not in MODULES:
            missing.append(f"{path}: from {module} import {name}")
    assert not missing, missing


def test_dvi_package_keeps_the_old_import_path():
    from kinship import dvi
    from kinship.dvi import (
        DVIData,
        Family,
        LogLRTables,
        _marker_offsets,
        mass_search,
        pairwise_lr,
        posterior_probability,
    )

    assert _marker_offsets is dvi.marker_offsets
    assert DVIData is dvi.data.DVIData and Family is dvi.data.Family
    assert LogLRTables is dvi.tables.LogLRTables
    assert callable(mass_search) and callable(pairwise_lr) and callable(posterior_probability)
    assert set(dvi.__all__) <= set(vars(dvi))


def test_deprecated_kinship_lr_alias_warns_and_agrees():
    import numpy as np

    from kinship.lr import kinship_lr, missing_person_lr
    from kinship.markers import Marker
    from kinship.pedigree import Pedigree

    m = Marker("M", ("a", "b"), np.array([0.3, 0.7]))
    ped = Pedigree.parent_child("AF", "C")
    args = (ped, "AF", {"M": (0, 0)}, [m], {"C": {"M": (0, 1)}})
    with pytest.warns(DeprecationWarning, match="use kinship.lr.missing_person_lr"):
        old = kinship_lr(*args)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new = missing_person_lr(*args)
    assert old.lr_total == new.lr_total == pytest.approx(1 / (2 * 0.3), rel=1e-12)
