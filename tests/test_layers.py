"""The one-way rule, checked: ``corpus -> ingest -> index -> search -> ui``.

A module may import its own layer and the layers below it, never one above (lazy imports
inside functions count too). Sub-packages belong to their top package's layer
(``precedent.search.compare`` is ``search``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("corpus", "ingest", "index", "search", "ui")  # lowest first


def imported_packages(source: str, module_layer: str, depth: int) -> list[tuple[int, str]]:
    """``(line, layer)`` of every ``precedent.*`` package a module's source imports.
    ``depth``: how many folders below its layer's folder the module sits (for relative imports)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: climbing out of the layer's folder names no other layer
                if node.level > depth + 1:
                    names = [f"precedent.{node.module or ''}"]
                else:
                    names = [f"precedent.{module_layer}"]
            else:
                names = [node.module or ""]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if len(parts) >= 2 and parts[0] == "precedent" and parts[1] in LAYERS:
                found.append((node.lineno, parts[1]))
    return found


def violations(source: str, layer: str, depth: int = 0) -> list[str]:
    rank = LAYERS.index(layer)
    return [f"line {line} imports precedent.{other}" for line,
            other in imported_packages(source, layer, depth)
            if LAYERS.index(other) > rank]


def modules():
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            yield layer, path


@pytest.mark.parametrize("layer, path", list(modules()), ids=lambda v: str(v.relative_to(ROOT))
                         if isinstance(v, Path) else v)
def test_no_module_imports_a_higher_layer(layer, path):
    depth = len(path.relative_to(ROOT / layer).parts) - 1
    assert violations(path.read_text(encoding="utf-8"), layer, depth) == []


def test_the_check_catches_upward_imports():
    src = ("from precedent.search import Library\n"
           "def f():\n    import precedent.ui.cli\n"
           "from precedent.ingest import load_document\n")
    assert violations(src, "index") == ["line 1 imports precedent.search",
                                        "line 3 imports precedent.ui"]
    assert violations("from ..ui import render\n", "search") == ["line 1 imports precedent.ui"]
    # precedent.search.diff
    assert violations("from ..diff import word_diff\n", "search", depth=1) == []
    assert violations("from precedent.ingest.records import Paragraph\n", "ui") == []


def _from_imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            yield node


@pytest.mark.parametrize("path", sorted((ROOT / "search").rglob("*.py"))
                         + sorted((ROOT / "ui").glob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_another_modules_private_names(path):
    private = [f"line {n.lineno}: {a.name} from {'.' * n.level}{n.module or ''}"
               for n in _from_imports(path)
               for a in n.names if a.name.startswith("_") and a.name != "__future__"
               and n.module != "__future__"]
    assert private == []


def test_the_tab_handlers_do_not_import_the_page_handlers():
    """One class per tab; the page's ``Handlers`` builds them (no import circle)."""
    for name in ("handlers_search", "handlers_compare", "handlers_library", "page_state",
                 "uploads"):
        imported = {n.module for n in _from_imports(ROOT / "ui" / f"{name}.py") if n.level}
        imported |= {a.name for n in _from_imports(ROOT / "ui" / f"{name}.py") if n.level
                     and not n.module
                     for a in n.names}
        assert "handlers" not in imported, name
