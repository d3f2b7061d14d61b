"""The package's shape: dependencies point one way, and no module imports a room above it.

entry (cli) -> ui -> use cases (export, editing) -> report -> render -> io / geocode -> trip -> leaves
(errors, paths, topojson). A report reads places through the gazetteer, so it sits above geocode; render
writes its published layers through io's one atomic write; io and geocode do not import each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mapping"

# Each room and the rooms it may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "leaves": set(),
    "trip": {"leaves"},
    "geocode": {"trip", "leaves"},
    "io": {"trip", "leaves"},
    "render": {"io", "trip", "leaves"},
    "report": {"geocode", "trip", "leaves"},
    "usecases": {"report", "render", "io", "geocode", "trip", "leaves"},
    "ui": {"usecases", "report", "render", "io", "geocode", "trip", "leaves"},
    "entry": {"ui", "usecases", "report", "render", "io", "geocode", "trip", "leaves"},
}
USE_CASES = {"export", "editing", "__init__"}
ENTRY = {"cli", "__main__"}


def room_of(module: str) -> str:
    parts = module.split(".")[1:]
    if not parts or parts[0] in ("errors", "paths", "topojson"):
        return "leaves"
    if parts[0] in ENTRY:
        return "entry"
    if parts[0] in USE_CASES:
        return "usecases"
    return parts[0]


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mapping"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("mapping"))
    return found


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(relative.parts).removesuffix(".__init__")


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def known(name: str) -> str | None:
    """The module an import names (``mapping.io.csv.read_csv`` -> ``mapping.io.csv``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module: str) -> None:
    room = room_of(module)
    upward = sorted(
        target
        for name in imports_of(MODULES[module])
        if (target := known(name)) and room_of(target) != room and room_of(target) not in ALLOWED[room]
    )
    assert not upward, f"{module} ({room}) imports {upward}, which {room} may not depend on"


def test_no_import_cycles() -> None:
    graph = {m: {t for n in imports_of(p) if (t := known(n)) and t != m and t in MODULES} for m, p in MODULES.items()}
    # Package __init__ files only describe their rooms; an edge into one is an edge into nothing.
    graph = {m: {t for t in targets if MODULES[t].name != "__init__.py"} for m, targets in graph.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycle.extend([*trail[trail.index(target) :], target] if target in trail else [node, target])
                return True
            if state.get(target) is None and visit(target, [*trail, target]):
                return True
        state[node] = 2
        return False

    for start in sorted(graph):
        if state.get(start) is None and visit(start, [start]):
            break
    assert not cycle, "import cycle: " + " -> ".join(cycle)
