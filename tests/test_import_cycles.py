"""No import cycles between Precedent's modules, lazy imports included.

Every module under the package is parsed; every import in it counts, at the top, inside a
function and inside an ``if TYPE_CHECKING:`` block alike (a cycle deferred is still a cycle:
two modules that cannot be read one without the other). Importing ``a.b.c`` runs ``a/__init__``
and ``a/b/__init__`` first, so it is an edge to those packages too, except to the packages the
importing module itself sits in (they are always loaded before it). A string naming a module
(``importlib.import_module``'s argument) is an import of it. Any strongly connected
component of more than one module fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("corpus", "ingest", "index", "search", "ui")
# Cycles being taken apart, each as the sorted modules of its component. Empty when none is left.
KNOWN_CYCLES: list[list[str]] = []


def package_modules() -> dict[str, tuple[str, bool]]:
    """``module name -> (source, is_package)`` for every module of the package."""
    found = {}
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            parts = ["precedent", layer, *path.relative_to(ROOT / layer).with_suffix("").parts]
            is_package = parts[-1] == "__init__"
            if is_package:
                parts.pop()
            found[".".join(parts)] = (path.read_text(encoding="utf-8"), is_package)
    return found


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(2, len(parts))]  # below the namespace ``precedent``


def imports_of(name: str, source: str, is_package: bool, known: set[str]) -> set[str]:
    """The modules of ``known`` that module ``name`` imports, anywhere in its source."""
    here = name if is_package else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                base = ".".join(base[:len(base) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            targets.add(module)
            targets.update(f"{module}.{alias.name}" for alias in node.names)  # a submodule by name
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in known:
            # loaded by name: ``importlib.import_module("precedent.ui.cmd_x")``
            targets.add(node.value)
    own = set(_ancestors(name)) | {name}
    edges = set()
    for target in targets:
        for module in (*_ancestors(target), target):
            if module in known and module not in own:
                edges.add(module)
    return edges


def import_graph(modules: dict[str, tuple[str, bool]]) -> dict[str, set[str]]:
    known = set(modules)
    return {name: imports_of(name, source, is_package, known) for name,
            (source, is_package) in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_no_import_cycles():
    found = cycles(import_graph(package_modules()))
    assert [c for c in found if c not in KNOWN_CYCLES] == []
    assert [c for c in KNOWN_CYCLES if c not in found] == []  # a cycle taken apart leaves the list


def test_the_check_sees_lazy_type_checking_and_package_imports():
    modules = {
        "precedent.search": ("from .api import Library\n", True),
        "precedent.search.api": ("def f():\n    from .results import Hit\n", False),
        "precedent.search.results": ("from typing import TYPE_CHECKING\n"
                                     "if TYPE_CHECKING:\n    from .api import Library\n", False),
        "precedent.search.compare": ("from .paragraphs import compare_text\n", True),
        "precedent.search.compare.paragraphs": ("from ..provenance import Provenance\n"
                                                "from .. import results\n", False),
        "precedent.search.compare.diff": ("from precedent.search import Library\n", False),
        "precedent.search.provenance": ("from .compare.diff import ShingleIndex\n", False),
        "precedent.ui.cli": ("import importlib\nCOMMANDS = ['precedent.ui.cmd_x']\n"
                             "def load():\n    return [importlib.import_module(m) for m in "
                             "COMMANDS]\n", False),
        "precedent.ui.cmd_x": ("from .cli import CliError\n", False),
    }
    assert cycles(import_graph(modules)) == [
        # lazy on one side, TYPE_CHECKING on the other
        ["precedent.search.api", "precedent.search.results"],
        ["precedent.search.compare", "precedent.search.compare.paragraphs",
         "precedent.search.provenance"],
        ["precedent.ui.cli", "precedent.ui.cmd_x"],
    ]
    # ``compare.diff`` imports the top package it sits in: no edge, as it is loaded first anyway.
    assert import_graph(modules)["precedent.search.compare.diff"] == set()
