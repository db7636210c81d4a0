"""The package layout is the architecture: imports point one way, and never in a circle.

Layers, lowest first (see docs/architecture.md). A module may import its own layer and
the layers below it, never one above. Every import counts, including those inside
functions: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "newsclean"

#: (layer, module prefixes), lowest first. The package root (``newsclean``: clean() and the
#: public names) sits with the pipeline and configuration that it assembles.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("core", ("newsclean.errors", "newsclean.document", "newsclean.textutil")),
    ("phrases", ("newsclean.phrases",)),
    ("reading", ("newsclean.reading",)),
    ("cleaners", ("newsclean.cleaners",)),
    ("assembly", ("newsclean.pipeline", "newsclean.safety", "newsclean.config", "newsclean")),
    ("corpus", ("newsclean.corpus",)),
    ("cli", ("newsclean.cli", "newsclean.__main__")),
]


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = ["newsclean", *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    """Index of the most specific layer prefix that ``module`` falls under."""
    best, best_len = None, -1
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = rank, len(prefix)
    if best is None:
        raise AssertionError(f"{module} is in no layer; add it to LAYERS and docs/architecture.md")
    return best


def imports_of(module: str, source: str, known: set[str]) -> set[str]:
    """The newsclean modules that ``source`` imports (submodules where named, else packages)."""
    is_package = module + ".__init__" in known
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
            found.update(t for t in targets if t.split(".")[0] == "newsclean")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "newsclean":
                continue
            for alias in node.names:  # "from pkg import submodule" depends on the submodule
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
    found.discard(module)
    return {t for t in found if t in known}


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    paths = sorted(root.rglob("*.py"))
    known = {module_name(p, root) for p in paths} | {
        module_name(p, root) + ".__init__" for p in paths if p.name == "__init__.py"
    }
    return {module_name(p, root): imports_of(module_name(p, root), p.read_text(encoding="utf-8"), known) for p in paths}


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for module, targets in graph.items()
        for target in targets
        if layer_of(target) > layer_of(module)
    )


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path ``[a, b, ..., a]``, or None. Package roots that import their
    own submodules are edges like any other."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_lower_layer_imports_a_higher_one():
    assert upward_imports(import_graph()) == []


def test_no_import_cycles():
    assert find_cycle(import_graph()) is None


def test_at_most_ten_modules_beside_the_subpackages():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 10, modules


def test_every_module_belongs_to_a_layer():
    for module in import_graph():
        layer_of(module)  # raises for a module outside every layer


# The checks themselves must be able to fail.


def test_an_upward_import_is_reported(tmp_path):
    (tmp_path / "reading").mkdir()
    (tmp_path / "cli").mkdir()
    (tmp_path / "reading" / "__init__.py").write_text("")
    (tmp_path / "cli" / "__init__.py").write_text("")
    (tmp_path / "cli" / "command.py").write_text("")
    (tmp_path / "reading" / "reader.py").write_text("from newsclean.cli.command import main\n")
    assert upward_imports(import_graph(tmp_path)) == [
        "newsclean.reading.reader (reading) imports newsclean.cli.command (cli)"
    ]


def test_a_relative_lazy_import_cycle_is_found(tmp_path):
    (tmp_path / "pipeline.py").write_text("def default():\n    from .config import Config\n")
    (tmp_path / "config.py").write_text("from newsclean.pipeline import Pipeline\n")
    assert find_cycle(import_graph(tmp_path)) == ["newsclean.config", "newsclean.pipeline", "newsclean.config"]


@pytest.mark.parametrize(
    "module, layer",
    [
        ("newsclean", "assembly"),
        ("newsclean.cli.batch", "cli"),
        ("newsclean.phrases.book", "phrases"),
        ("newsclean.errors", "core"),
    ],
)
def test_layer_of_takes_the_most_specific_prefix(module, layer):
    assert LAYERS[layer_of(module)][0] == layer
